//! `yield_!` inside a nested `fn`: only the coroutine's own body can yield.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn outer() -> impl Coroutine<Yield = u32, Return = ()> {
    fn helper() {
        yield_!(1);
    }
    helper();
}

fn main() {}
