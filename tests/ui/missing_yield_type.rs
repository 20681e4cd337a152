//! `impl Coroutine<..>` without `Yield = ..`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn numbers() -> impl Coroutine<Return = ()> {
    yield_!(1);
}

fn main() {}
