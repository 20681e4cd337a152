//! The resume argument used as the wrong type after a yield: rustc must point at the user's code.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn echo(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = ()> {
    let next = yield_!(first);
    let text: String = next;
    println!("{text}");
}

fn main() {}
