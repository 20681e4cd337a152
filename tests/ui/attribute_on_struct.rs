//! `#[coro::coroutine]` on something that is not a function.
#[coro::coroutine]
struct Numbers {
    next: u32,
}

fn main() {}
