//! `yield_!` inside the place of an assignment: supported in the index of `v[..] = value`
//! and of `v[..] op= literal or name`; the rest (a compound assignment whose value must be
//! evaluated in an order that depends on the types) is not.
use coro::{yield_, Coroutine};

fn two() -> u32 {
    2
}

#[coro::coroutine]
fn fill(#[resume] first: usize) -> impl Coroutine<usize, Yield = usize, Return = Vec<u32>> {
    let mut v = vec![0; 4];
    v[yield_!(first)] = 1;
    v[yield_!(first)] += 1;
    v[yield_!(first)] += two();
    v
}

fn main() {}
