//! A coroutine created and dropped without being resumed: `unused_must_use` warns, in the
//! words futures and iterators use (denied here so that trybuild shows the warnings).
#![deny(unused_must_use)]
use coro::{yield_, Coroutine, CoroutineState};

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {
    numbers();
    coro::coro!(|| {
        yield 1;
    });
    coro::from_fn(|(): ()| CoroutineState::<(), ()>::Complete(()));
    coro::iter(numbers());
}
