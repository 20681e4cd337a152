// Ported from rust-lang/rust, tests/ui/coroutine/static-coroutine.rs (see README.md).

use coro::{Coroutine, CoroutineState};
use std::pin::Pin;

fn main() {
    let mut coroutine = coro::coro!(static || {
        let a = true;
        let b = &a;
        ().yield;
        assert_eq!(b as *const _, &a as *const _);
    });
    // SAFETY: We shadow the original coroutine variable so have no safe API to
    // move it after this point.
    let mut coroutine = unsafe { Pin::new_unchecked(&mut coroutine) };
    assert_eq!(coroutine.as_mut().resume(()), CoroutineState::Yielded(()));
    assert_eq!(coroutine.as_mut().resume(()), CoroutineState::Complete(()));
}
