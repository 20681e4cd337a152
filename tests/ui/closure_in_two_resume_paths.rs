//! A closure kept across a yield (inside a `for` loop's iterator) whose creating code runs in two resume paths.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn evens(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
    yield_!(0);
    loop {
        for x in v.clone().into_iter().filter(|x| x % 2 == 0) {
            yield_!(x);
        }
    }
}

fn main() {}
