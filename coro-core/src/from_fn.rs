//! Building a coroutine from a closure that is called once per resume.

use core::fmt;

use crate::{Coroutine, CoroutineState};

/// Makes a coroutine out of a closure: each [`resume`](Coroutine::resume) calls it once.
///
/// The closure keeps whatever state it needs in its captures. This is the hand-written way
/// to build a coroutine; `#[coro::coroutine]` builds the state for you.
///
/// ```
/// use coro_core::{from_fn, Coroutine, CoroutineState};
///
/// // Echoes its argument doubled until it is resumed with 0.
/// let mut doubler = from_fn(|x: u32| {
///     if x == 0 {
///         CoroutineState::Complete("stopped")
///     } else {
///         CoroutineState::Yielded(2 * x)
///     }
/// });
/// assert_eq!(doubler.resume(4), CoroutineState::Yielded(8));
/// assert_eq!(doubler.resume(0), CoroutineState::Complete("stopped"));
/// ```
pub fn from_fn<A, Y, R, F>(step: F) -> FromFn<F>
where
    F: FnMut(A) -> CoroutineState<Y, R>,
{
    FromFn { step }
}

/// The coroutine returned by [`from_fn`]. It is `Clone` when the closure is.
#[derive(Clone)]
#[must_use = "coroutines do nothing unless resumed"]
pub struct FromFn<F> {
    step: F,
}

impl<A, Y, R, F> Coroutine<A> for FromFn<F>
where
    F: FnMut(A) -> CoroutineState<Y, R>,
{
    type Yield = Y;
    type Return = R;

    fn resume(&mut self, arg: A) -> CoroutineState<Y, R> {
        (self.step)(arg)
    }
}

impl<F> fmt::Debug for FromFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromFn").finish_non_exhaustive()
    }
}
