//! Driving a coroutine as an [`Iterator`] of its yielded values.

use core::iter::FusedIterator;

use crate::{Coroutine, CoroutineState};

/// Turns a coroutine that takes `()` into a fused [`Iterator`] over the values it yields.
///
/// Each `next` resumes the coroutine once. When it completes, the iterator ends for good
/// (the coroutine is never resumed again) and its return value is kept: read it with
/// [`Iter::return_value`] or take it with [`Iter::into_return_value`].
///
/// ```
/// use coro_core::{from_fn, iter, CoroutineState};
///
/// let mut n = 0;
/// let three = from_fn(move |()| {
///     n += 1;
///     if n <= 3 { CoroutineState::Yielded(n) } else { CoroutineState::Complete("end") }
/// });
/// let mut values = iter(three);
/// assert_eq!(values.by_ref().collect::<Vec<_>>(), [1, 2, 3]);
/// assert_eq!(values.next(), None); // fused
/// assert_eq!(values.return_value(), Some(&"end"));
/// ```
pub fn iter<C>(coroutine: C) -> Iter<C>
where
    C: Coroutine<()>,
{
    Iter {
        coroutine,
        returned: None,
    }
}

/// The iterator returned by [`iter`].
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Iter<C: Coroutine<()>> {
    coroutine: C,
    returned: Option<C::Return>,
}

impl<C: Coroutine<()>> Iter<C> {
    /// The coroutine's return value, once the iterator has ended.
    pub fn return_value(&self) -> Option<&C::Return> {
        self.returned.as_ref()
    }

    /// Consumes the iterator, giving back the return value if the coroutine completed.
    pub fn into_return_value(self) -> Option<C::Return> {
        self.returned
    }

    /// Gives back the coroutine itself, for example to inspect it.
    pub fn into_inner(self) -> C {
        self.coroutine
    }
}

impl<C: Coroutine<()>> Iterator for Iter<C> {
    type Item = C::Yield;

    fn next(&mut self) -> Option<C::Yield> {
        if self.returned.is_some() {
            return None;
        }
        match self.coroutine.resume(()) {
            CoroutineState::Yielded(value) => Some(value),
            CoroutineState::Complete(value) => {
                self.returned = Some(value);
                None
            }
        }
    }
}

impl<C: Coroutine<()>> FusedIterator for Iter<C> {}
