//! `yield_!` inside a closure: the closure is a separate function that cannot suspend the coroutine.
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn each(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
    v.iter().for_each(|x| {
        yield_!(*x);
    });
}

fn main() {}
