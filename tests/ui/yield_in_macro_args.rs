//! `yield_!` inside another macro's arguments, which the attribute cannot see into.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn echo() -> impl Coroutine<Yield = u32, Return = ()> {
    println!("{:?}", yield_!(1));
}

fn main() {}
