//! An iterator over a borrow of a local, held by a `let` across a yield: coro cannot tell
//! how far it has gone to make it again after the resume, and says to write a `for` loop.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn each() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1, 2, 3];
    let mut it = v.iter();
    while let Some(x) = it.next() {
        yield_!(*x);
    }
}

fn main() {}
