//! A postfix `.yield` inside `#[coro::coroutine]`: rustc's feature gate fires first (E0658,
//! unavoidable on stable), and the attribute adds one error saying what to write instead.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let n = 1;
    n.yield;
}

fn main() {
    let _numbers = numbers();
}
