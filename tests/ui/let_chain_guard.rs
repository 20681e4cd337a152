//! A `let` chain guarding a block that contains `yield_!`.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn maybe(x: Option<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
    if let Some(v) = x && v > 1 {
        yield_!(v);
    }
}

fn main() {}
