//! A borrow of an element of a local (`&v[0]`) held across a yield is made again after the
//! resume, and the generated code keeps it alive across the same code as the body: changing
//! `v` while it is in use is rustc's own error, on the user's tokens, as in a plain
//! function.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn first() -> impl Coroutine<Yield = u32, Return = u32> {
    let mut v = vec![1, 2, 3];
    let r = &v[0];
    yield_!(1);
    v.push(4);
    *r
}

fn main() {}
