//! Borrows of a local bound by a destructuring `let` and held across a yield: coro makes a
//! borrow again after the resume only when a `let` binds it to one name (or a `for` loop,
//! or a pattern matched against one: `if let Some(x) = v.get(0)` is fine).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn sum() -> impl Coroutine<Yield = u32, Return = u32> {
    let v = vec![1, 2, 3];
    let (a, b) = (&v[0], &v[1]);
    yield_!(1);
    *a + *b
}

fn main() {}
