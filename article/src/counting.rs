//! The counting function: successive resumes give 0, 1, ..., 9, and the eleventh completes.
//!
//! The article builds it up to its `crBegin` / `crReturn` / `crFinish` macros with
//! `__LINE__` as the state. [`Counting`] is that final C version written out by hand in
//! Rust, every part commented with the macro it stands for; [`counting`] is the same
//! function as `#[coro::coroutine]` writes it for you.
//!
//! The C version, for reference (a paraphrase, with the macros expanded):
//!
//! ```c
//! int function(void) {
//!     static int i, state = 0;             /* crBegin: the state lives in a static ...     */
//!     switch (state) { case 0:             /* ... and a switch jumps to where we left off  */
//!     for (i = 0; i < 10; i++) {
//!         state = __LINE__; return i;      /* crReturn(i): remember this line, return ...  */
//!         case __LINE__:;                  /* ... and land here on the next call           */
//!     }
//!     }                                    /* crFinish: close the switch                   */
//! }
//! ```

use coro::yield_;
use coro::{Coroutine, CoroutineState};

/// The counting function as a hand-written state machine, mirroring the C macros.
///
/// C needs `static int i, state` because a plain local dies when the function returns.
/// Here the enum *is* that state, and `i` lives inside the only variant that needs it.
/// Because it is a value and not a pair of statics, any number of counters can run at once.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
/// use coro_article::counting::Counting;
///
/// let mut c = Counting::new();
/// assert_eq!(c.resume(()), CoroutineState::Yielded(0));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Counting {
    /// `state == 0`: `crBegin`'s `case 0:`, the function has not run yet.
    #[default]
    Begin,
    /// `state == __LINE__`: suspended at the `crReturn` inside the loop, holding `i`.
    /// C numbers this state with the line of the `crReturn`; one variant per suspension
    /// point plays the same part, and two of them can never collide.
    AtReturn {
        /// The value just returned; the loop's `i++` has not run yet.
        i: i32,
    },
    /// Past `crFinish`: the function ran to its end. (In C, calling it again falls off the
    /// end of a non-void function: undefined behaviour.)
    Finished,
}

impl Counting {
    /// A counter that has not started.
    pub fn new() -> Self {
        Counting::Begin
    }
}

impl Coroutine for Counting {
    type Yield = i32;
    type Return = ();

    fn resume(&mut self, (): ()) -> CoroutineState<i32, ()> {
        // crBegin: `switch (state)`. Rust's `match` cannot jump into the middle of a loop
        // the way C's `switch` can, so each arm works out where the loop stands instead.
        let i = match *self {
            // case 0: the loop's initialisation, `i = 0`.
            Counting::Begin => 0,
            // case __LINE__: control continues right after the return, which is the
            // loop's increment, `i++`.
            Counting::AtReturn { i } => i + 1,
            Counting::Finished => panic!("coroutine resumed after completion"),
        };
        // The loop's test, `i < 10`. Its body is only the crReturn, which always leaves
        // the function, so the test is all that remains of the loop here.
        if i < 10 {
            // crReturn(i): `state = __LINE__; return i;` The enum records where we are and
            // what must survive (i), then the value goes out. The `case __LINE__:` label
            // that C plants right after the return is the `AtReturn` arm above.
            *self = Counting::AtReturn { i };
            return CoroutineState::Yielded(i);
        }
        // crFinish: the closing brace of the switch; the function is done.
        *self = Counting::Finished;
        CoroutineState::Complete(())
    }
}

/// The counting function written with `#[coro::coroutine]`: the loop is written as a loop,
/// and the attribute builds the enum of [`Counting`] (with `i` saved at the `yield_!`).
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let mut c = coro_article::counting::counting();
/// assert_eq!(c.resume(()), CoroutineState::Yielded(0));
/// ```
#[coro::coroutine]
pub fn counting() -> impl Coroutine<Yield = i32, Return = ()> {
    for i in 0..10 {
        yield_!(i);
    }
}
