//! `yield_!` in the arguments of a method call whose receiver is a local place
//! (`v.push(yield_!(x))`): the call would borrow `v` across the yield (E0626).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn collect(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = Vec<u32>> {
    let mut v = vec![first];
    v.push(yield_!(first));
    v
}

fn main() {}
