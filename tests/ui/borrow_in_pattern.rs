//! A pattern binding matched from a borrow of a local (`if let Some(x) = v.get(0)`), held
//! across a yield: coro makes borrows again only when a `let` or a `for` loop binds them.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn first() -> impl Coroutine<Yield = u32, Return = u32> {
    let v = vec![1, 2, 3];
    if let Some(x) = v.get(0) {
        yield_!(1);
        return *x;
    }
    0
}

fn main() {}
