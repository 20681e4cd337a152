//! A borrow of an element of a local (`&v[0]`) held across a yield: the transform does not
//! see it, rustc reports it at the user's borrow.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn first() -> impl Coroutine<Yield = u32, Return = u32> {
    let v = vec![1, 2, 3];
    let r = &v[0];
    yield_!(1);
    *r
}

fn main() {}
