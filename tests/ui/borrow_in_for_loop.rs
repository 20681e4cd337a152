//! A `for` loop over a borrow of a local whose iterator reads a value that changes inside
//! the loop: coro makes the iterator again after each resume from what it reads, so that
//! must not change (`for x in &v` and `v.iter().skip(n)` with `n` unchanged are made again,
//! see `tests/borrows.rs`).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn each() -> impl Coroutine<Yield = u32, Return = ()> {
    let v = vec![1, 2, 3];
    let mut n = 0;
    for x in v.iter().skip(n) {
        n += 1;
        yield_!(*x);
    }
}

fn main() {}
