//! A borrow of a local held across a yield (rustc's coroutines reject it too, E0626).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn length() -> impl Coroutine<Yield = u32, Return = usize> {
    let v = vec![1, 2, 3];
    let r = &v;
    yield_!(1);
    r.len()
}

fn main() {}
