//! `#[resume(..)]` with arguments.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn echo(#[resume(first)] x: u32) -> impl Coroutine<u32, Yield = u32, Return = ()> {
    yield_!(x);
}

fn main() {}
