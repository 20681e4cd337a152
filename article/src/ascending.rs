//! `coroutine.h`'s own example: count 0..=9, then finish with -1.
//!
//! The header offers it twice. The `scr` form keeps its state in `static` variables, so
//! there is exactly one counter in the whole program: two callers share it and disturb each
//! other. The `ccr` form keeps the state in a context that each caller `malloc`s, passes
//! by pointer on every call and must free (or abandon with `ccrAbort`).
//!
//! [`ascending_shared`] reproduces the `scr` form (with a thread-local in place of the
//! statics), to show the problem. [`ascending`] is the coroutine: every call makes a new,
//! independent counter, a plain value that lives wherever you put it (on the stack, in a
//! struct, in a `Vec`) and is freed by going out of scope, suspended or not.

use std::cell::Cell;

use coro::{yield_, Coroutine};

thread_local! {
    /// The `scr` form's statics: the next number to hand out. One per thread, like a
    /// `static` is one per program.
    static SHARED_NEXT: Cell<i32> = const { Cell::new(0) };
}

/// The `scr` form: each call returns the next number of the single counter this thread
/// has, and -1 for ever once it has counted to 9.
///
/// ```
/// use coro_article::ascending::ascending_shared;
///
/// // Two "instances" are really one: they take turns on the same count.
/// let (a, b) = (ascending_shared(), ascending_shared());
/// assert_eq!((a, b), (0, 1));
/// ```
pub fn ascending_shared() -> i32 {
    SHARED_NEXT.with(|next| {
        let i = next.get();
        if i < 10 {
            next.set(i + 1);
            i
        } else {
            -1
        }
    })
}

/// The coroutine: yields 0 to 9, then completes with -1. Resuming it after that panics,
/// as Rust's coroutines do: neither "-1 for ever" (`scr`) nor "start again" (`ccr`) is
/// chosen silently. Make a new one to count again.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let (mut a, mut b) = (coro_article::ascending::ascending(), coro_article::ascending::ascending());
/// assert_eq!(a.resume(()), CoroutineState::Yielded(0));
/// assert_eq!(a.resume(()), CoroutineState::Yielded(1));
/// assert_eq!(b.resume(()), CoroutineState::Yielded(0)); // b has its own count
/// ```
#[coro::coroutine]
pub fn ascending() -> impl Coroutine<Yield = i32, Return = i32> {
    for i in 0..10 {
        yield_!(i);
    }
    -1
}
