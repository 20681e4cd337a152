//! Same-block shadowing where the hidden binding (a guard with a `Drop`) is still held across a yield.
use coro::{yield_, Coroutine};

struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

#[coro::coroutine]
fn guarded() -> impl Coroutine<Yield = u32, Return = ()> {
    let g = Guard("outer");
    let g = Guard("inner");
    yield_!(1);
    drop(g);
}

fn main() {}
