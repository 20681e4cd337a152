// `yield_from!(&mut s)` of a coroutine the body owns would hold a borrow of it across the
// yields; the error says so without naming the transform's own binding.
use coro::{yield_, yield_from, Coroutine};

#[coro::coroutine]
fn counter(n: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[coro::coroutine]
fn outer() -> impl Coroutine<Yield = u32, Return = u32> {
    let mut s = counter(2);
    let a = yield_from!(&mut s);
    a
}

fn main() {
    let _ = outer();
}
