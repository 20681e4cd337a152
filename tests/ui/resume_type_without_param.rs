//! A coroutine resumed with non-`()` values but no `#[resume]` parameter for the first one.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn echo() -> impl Coroutine<u32, Yield = u32, Return = ()> {
    let x = yield_!(1);
    yield_!(x);
}

fn main() {}
