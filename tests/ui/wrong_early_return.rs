//! A `return` of the wrong type after a yield: rustc must point at the user's value.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn numbers(stop: bool) -> impl Coroutine<Yield = u32, Return = String> {
    yield_!(1);
    if stop {
        return 7;
    }
    String::new()
}

fn main() {}
