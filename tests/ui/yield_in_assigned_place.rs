//! `yield_!` inside the place of an assignment (`v[yield_!(0)] = 1`), not supported.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn fill(#[resume] first: usize) -> impl Coroutine<usize, Yield = usize, Return = Vec<u32>> {
    let mut v = vec![0; 4];
    v[first] = 1;
    v[yield_!(first)] = 2;
    v
}

fn main() {}
