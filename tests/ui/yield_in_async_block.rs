//! `yield_!` inside an `async` block.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn later() -> impl Coroutine<Yield = u32, Return = ()> {
    let fut = async {
        yield_!(1);
    };
    drop(fut);
}

fn main() {}
