//! A signature error (a missing `Return = ..`, two `#[resume]` parameters) still emits the
//! function with a placeholder body, so its callers type-check and see only that error.
use coro::{yield_, Coroutine, CoroutineState};

#[coro::coroutine]
fn no_return() -> impl Coroutine<Yield = u32> {
    yield_!(1);
}

#[coro::coroutine]
fn two(#[resume] a: u32, #[resume] b: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    yield_!(a + b)
}

fn main() {
    let mut c = no_return();
    if let CoroutineState::Yielded(y) = c.resume(()) {
        println!("{}", y + 1);
    }
    let mut t = two();
    if let CoroutineState::Complete(n) = t.resume(1) {
        println!("{}", n + 1);
    }
}
