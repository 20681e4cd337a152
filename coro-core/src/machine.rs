//! The container that `#[coro::coroutine]` expands to: a state enum plus a step function.
//!
//! A generated coroutine is a [`Machine`]: the function's state enum (one variant per
//! suspension point, holding exactly the values live there) and a closure that advances it
//! by one resume. Because the state is a separate field, a machine can report where it is
//! suspended ([`Locate::location`], and its `Debug` output) without running anything.

use core::fmt;

use crate::{Coroutine, CoroutineState};

/// A coroutine made of a state value and a step function called once per resume.
///
/// `#[coro::coroutine]` builds these; writing one by hand is possible but rarely useful
/// (see [`from_fn`](crate::from_fn) for the hand-written route). It is `Clone` when both the
/// state and the step function are, which is what `+ Clone` on a generated coroutine
/// relies on.
#[derive(Clone)]
#[must_use = "coroutines do nothing unless resumed"]
pub struct Machine<S, F> {
    state: S,
    step: F,
}

impl<S, F> Machine<S, F> {
    /// Pairs a state with the function that advances it.
    ///
    /// ```
    /// use coro_core::{Coroutine, CoroutineState, Location, Machine, StateInfo};
    ///
    /// /// How many numbers are left to count down, or `None` once poisoned.
    /// struct Left(Option<u8>);
    ///
    /// impl StateInfo for Left {
    ///     fn location(&self) -> Location {
    ///         match self.0 {
    ///             None => Location::Poisoned,
    ///             Some(0) => Location::Returned,
    ///             Some(_) => Location::Unresumed,
    ///         }
    ///     }
    ///     fn poison(&mut self) {
    ///         self.0 = None;
    ///     }
    /// }
    ///
    /// let mut countdown = Machine::new(Left(Some(3)), |left: &mut Left, (): ()| {
    ///     match &mut left.0 {
    ///         Some(0) | None => CoroutineState::Complete("liftoff"),
    ///         Some(n) => {
    ///             *n -= 1;
    ///             CoroutineState::Yielded(*n + 1)
    ///         }
    ///     }
    /// });
    /// assert_eq!(countdown.resume(()), CoroutineState::Yielded(3));
    /// ```
    pub fn new<A, Y, R>(state: S, step: F) -> Self
    where
        F: FnMut(&mut S, A) -> CoroutineState<Y, R>,
    {
        Machine { state, step }
    }
}

/// A machine is always `Unpin`, whatever its state holds, as rustc's movable coroutines
/// are: nothing ever pins a machine's state or step function in place (this crate has no
/// `unsafe`, and the fields are private), so moving a machine out of a `Pin` cannot move
/// anything that relies on staying put. A value in the state that needs pinning itself (a
/// future, say) is pinned by the body on the heap (`Box::pin`), never in place.
///
/// ```
/// use core::marker::PhantomPinned;
/// use coro_core::{CoroutineState, Location, Machine, StateInfo};
///
/// struct Holds(PhantomPinned);
/// impl StateInfo for Holds {
///     fn location(&self) -> Location { Location::Unresumed }
///     fn poison(&mut self) {}
/// }
/// fn assert_unpin<T: Unpin>(_: &T) {}
/// let m = Machine::new(Holds(PhantomPinned), |_: &mut Holds, (): ()| CoroutineState::<(), ()>::Complete(()));
/// assert_unpin(&m);
/// ```
impl<S, F> Unpin for Machine<S, F> {}

impl<A, Y, R, S, F> Coroutine<A> for Machine<S, F>
where
    S: StateInfo,
    F: FnMut(&mut S, A) -> CoroutineState<Y, R>,
{
    type Yield = Y;
    type Return = R;

    #[inline]
    fn resume(&mut self, arg: A) -> CoroutineState<Y, R> {
        // If a panic escapes the step, the guard poisons the state (dropping whatever it
        // still holds), so the next resume reports "resumed after panicking".
        let mut guard = PoisonOnUnwind {
            state: &mut self.state,
            finished: false,
        };
        let result = (self.step)(&mut *guard.state, arg);
        guard.finished = true;
        result
    }
}

/// Poisons the state when dropped before the step finished, that is, while unwinding.
struct PoisonOnUnwind<'a, S: StateInfo> {
    state: &'a mut S,
    finished: bool,
}

impl<S: StateInfo> Drop for PoisonOnUnwind<'_, S> {
    #[inline]
    fn drop(&mut self) {
        if !self.finished {
            self.state.poison();
        }
    }
}

impl<S: StateInfo, F> fmt::Debug for Machine<S, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Coroutine")
            .field("location", &self.location())
            .finish_non_exhaustive()
    }
}

/// Tells where a coroutine is suspended. Every coroutine `#[coro::coroutine]` generates
/// implements it (the attribute adds `+ coro::Locate + Debug` to the function's return type),
/// so a caller holding an `impl Coroutine` can watch it move between yield points.
///
/// ```
/// use coro_core::{Location, Locate, Machine, CoroutineState, Coroutine};
///
/// # #[derive(Clone, Copy)] struct Counter(u8);
/// # impl coro_core::StateInfo for Counter {
/// #     fn location(&self) -> Location { if self.0 == 0 { Location::Unresumed } else { Location::Returned } }
/// #     fn poison(&mut self) {}
/// # }
/// let mut m = Machine::new(Counter(0), |c: &mut Counter, (): ()| {
///     c.0 += 1;
///     CoroutineState::<(), ()>::Complete(())
/// });
/// assert_eq!(m.location(), Location::Unresumed);
/// m.resume(());
/// assert_eq!(m.location(), Location::Returned);
/// ```
pub trait Locate {
    /// Where the coroutine stands now.
    fn location(&self) -> Location;
}

impl<S: StateInfo, F> Locate for Machine<S, F> {
    fn location(&self) -> Location {
        self.state.location()
    }
}

impl<C: Locate + ?Sized> Locate for &mut C {
    fn location(&self) -> Location {
        (**self).location()
    }
}

/// Implemented by generated state enums: tells which state a value is in, and can mark it
/// poisoned after a panic.
pub trait StateInfo {
    /// The location this state stands for.
    fn location(&self) -> Location;

    /// Puts the state in its poisoned state, dropping whatever it held. [`Machine`] calls
    /// this when a panic escapes a resume.
    fn poison(&mut self);
}

/// Where a coroutine stands between two resumes.
///
/// A later version may add variants, so a `match` on it needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// Created but never resumed: the next resume starts the body.
    Unresumed,
    /// Suspended at this yield point: the next resume continues after it.
    Suspended(&'static SuspensionPoint),
    /// Ran to completion: resuming again panics.
    Returned,
    /// A panic escaped the body during a resume: resuming again panics.
    Poisoned,
}

/// A yield point in the source of a generated coroutine.
///
/// Generated code creates these; a later version may add fields, so it cannot be built
/// with a struct literal outside this crate, and patterns on it need `..`.
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SuspensionPoint {
    /// The name of the function the coroutine was written as.
    pub function: &'static str,
    /// The yield point's number: 0 for the first `yield_!` in the source, and so on.
    pub index: usize,
    /// The line of the `yield_!` in its source file (1-based; 0 where the compiler did not
    /// say, for example inside another macro's expansion).
    pub line: u32,
    /// The yield expression as written, for example `"yield_!(c)"`.
    pub expr: &'static str,
    /// The names of the values the coroutine holds while suspended here.
    pub holds: &'static [&'static str],
}

impl SuspensionPoint {
    /// For the code `#[coro::coroutine]` generates (a struct literal cannot be written
    /// outside this crate); not part of the public API.
    #[doc(hidden)]
    pub const fn __new(
        function: &'static str,
        index: usize,
        line: u32,
        expr: &'static str,
        holds: &'static [&'static str],
    ) -> Self {
        SuspensionPoint {
            function,
            index,
            line,
            expr,
            holds,
        }
    }
}

impl fmt::Display for SuspensionPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} at `{}`", self.function, self.line, self.expr)
    }
}
