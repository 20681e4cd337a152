//! `for x in &v` over a local with a yield in the body: the loop's iterator borrows `v` across the yield.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn each() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {}
