//! `yield_from!` outside a coroutine body, and with the wrong arguments.
use coro::{yield_from, Coroutine};

#[coro::coroutine]
fn sub() -> impl Coroutine<Yield = u8, Return = ()> {}

fn plain() {
    yield_from!(sub());
}

#[coro::coroutine]
fn bad_arguments() -> impl Coroutine<Yield = u8, Return = ()> {
    yield_from!(sub(), (), ());
}

fn main() {
    plain();
}
