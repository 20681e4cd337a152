//! `base[index]` whose index yields and gives the base a new value (review round 14, O4):
//! built-in indexing reads the base after the index, an `Index` impl through a reference
//! (`r: &Vec<u32>`) before it. coro sees no types, so it asks for the index to be bound
//! first.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn reassigned(
    a: &'static Vec<u32>,
    b: &'static Vec<u32>,
    #[resume] _first: usize,
) -> impl Coroutine<usize, Yield = u32, Return = u32> {
    let mut r = a;
    let v = r[{
        r = b;
        yield_!(1)
    }];
    v + r[0]
}

fn main() {
    let _ = reassigned;
}
