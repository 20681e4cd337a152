//! `#[coro::coroutine]` on a function declaration without a body.
use coro::Coroutine;

trait Source {
    #[coro::coroutine]
    fn numbers(&self) -> impl Coroutine<Yield = u32, Return = ()>;
}

fn main() {}
