//! `for x in &v` over a local is made again after each resume; changing `v` inside the loop
//! is rustc's own error on the user's tokens, as in a plain function.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn each() -> impl Coroutine<Yield = u32, Return = ()> {
    let mut v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
        v.push(*x);
    }
}

fn main() {}
