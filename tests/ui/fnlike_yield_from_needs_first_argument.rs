//! `yield_from!(sub)` starts `sub` with `()`: a coroutine resumed with other values needs
//! its first argument written, `yield_from!(sub, first)`.
use coro::{yield_, yield_from, Coroutine};

#[coro::coroutine]
fn adder(#[resume] first: i64) -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let next = yield_!(first);
    first + next
}

#[coro::coroutine]
fn outer(#[resume] _first: i64) -> impl Coroutine<i64, Yield = i64, Return = i64> {
    yield_from!(adder())
}

fn main() {}
