//! `#[resume]` on the `self` parameter.
use coro::{yield_, Coroutine};

struct Tape(u32);

impl Tape {
    #[coro::coroutine]
    fn read(#[resume] self) -> impl Coroutine<Yield = u32, Return = ()> {
        yield_!(self.0);
    }
}

fn main() {}
