//! A macro written as a pattern binds names coro cannot see (review round 15, F1:
//! `let p!(n) = 250;` hid the parameter `n: u8`, which coro then saved in its place and
//! typed `u8`: 10 where rustc computes 250). When its input names another binding of the
//! body, it is an error that says what to write.
use coro::{yield_, Coroutine};

macro_rules! p {
    ($x:pat) => {
        $x
    };
}

#[coro::coroutine]
fn hidden(n: u8) -> impl Coroutine<Yield = u32, Return = u32> {
    let p!(n) = 250;
    let m = n;
    yield_!(0);
    ((m << 4) >> 4) as u32
}

fn main() {
    let _ = hidden(1);
}
