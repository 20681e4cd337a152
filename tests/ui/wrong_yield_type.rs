//! A yielded value of the wrong type: rustc must point at the user's value.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
    yield_!("two");
}

fn main() {}
