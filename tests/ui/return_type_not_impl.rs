//! A return type that is not `impl Coroutine<..>`.
use coro::yield_;

#[coro::coroutine]
fn numbers() -> Vec<u32> {
    yield_!(1);
    Vec::new()
}

fn main() {}
