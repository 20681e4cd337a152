//! `impl Coroutine<..>` without `Return = ..`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32> {
    yield_!(1);
}

fn main() {}
