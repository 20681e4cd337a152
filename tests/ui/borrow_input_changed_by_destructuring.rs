//! A borrow held across a yield is made again after each resume from the values it reads;
//! a destructuring assignment that changes one of them (review round 14, B1: it was read
//! as a use, and the borrow was made again from the new index) is an error that says what
//! to write.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn element() -> impl Coroutine<Yield = u32, Return = u32> {
    let v = vec![10, 20, 30];
    let mut i = 0;
    let r = &v[i];
    (i, _) = (1, 0);
    yield_!(0);
    *r + i as u32
}

fn main() {
    let _ = element();
}
