//! `#[coro::coroutine]` on an `async fn`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
async fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
