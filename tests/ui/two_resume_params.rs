//! Two parameters marked `#[resume]`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn sum(#[resume] a: u32, #[resume] b: u32) -> impl Coroutine<u32, Yield = u32, Return = ()> {
    yield_!(a + b);
}

fn main() {}
