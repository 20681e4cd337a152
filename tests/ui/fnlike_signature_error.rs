//! `coro::coro!` functions follow the attribute's signature rules; the error names the
//! macro the user wrote, and the function stays usable by its callers.
use coro::Coroutine;

coro::coro! {
    fn numbers() -> impl Coroutine<Yield = u32> {
        yield 1;
    }
}

fn main() {
    let _ = numbers();
}
