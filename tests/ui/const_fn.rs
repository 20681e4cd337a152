//! `#[coro::coroutine]` on a `const fn`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
const fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
