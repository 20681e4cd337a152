//! An `impl Trait` return type without a `Coroutine` bound.
use coro::yield_;

#[coro::coroutine]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
    std::iter::empty()
}

fn main() {}
