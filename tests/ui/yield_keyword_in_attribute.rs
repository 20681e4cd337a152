//! The `yield` keyword inside `#[coro::coroutine]`: rustc's feature gate fires before the
//! attribute runs (E0658, unavoidable on stable), and the attribute adds one error on the
//! `yield` saying what to write instead; nothing else is reported.
use coro::Coroutine;

#[coro::coroutine]
fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let mut n = 0;
    while n < 3 {
        yield n;
        n += 1;
    }
}

fn main() {
    // Callers still type-check against the placeholder.
    let _numbers = numbers();
}
