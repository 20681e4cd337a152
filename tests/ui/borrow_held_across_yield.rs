//! A borrow of a local held across a yield whose binding is `mut`: it may be pointed
//! elsewhere before the yield, so coro cannot make it again after the resume from what it
//! first borrowed (a `let` without `mut` of `&v` is made again, see `tests/borrows.rs`).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn length() -> impl Coroutine<Yield = u32, Return = usize> {
    let v = vec![1, 2, 3];
    let mut r = &v;
    yield_!(1);
    r.len()
}

fn main() {}
