// A `yield_!` that a `macro_rules!` writes is not seen by the attribute (it reads the body
// before other macros expand): the stub's error says so.
use coro::{yield_, Coroutine};

macro_rules! twice {
    ($e:expr) => {
        yield_!($e * 2)
    };
}

#[coro::coroutine]
fn doubled(#[resume] r: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let a = twice!(r);
    a
}

fn main() {
    let _ = doubled();
}
