//! A coroutine function without a return type.
use coro::yield_;

#[coro::coroutine]
fn nothing() {
    yield_!(1);
}

fn main() {}
