//! Arguments to the attribute: `#[coro::coroutine(x)]`.
use coro::{yield_, Coroutine};

#[coro::coroutine(x)]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(1);
}

fn main() {}
