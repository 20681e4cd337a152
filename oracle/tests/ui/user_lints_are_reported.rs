//! Lints the user's own code causes must still be reported (issue 11, class 10, the
//! other direction): the `#[coro::coroutine]` expansion puts
//! `#[allow(unreachable_code, unused_mut, unused_labels, unused_braces, ..)]` on the
//! resume closure, which holds the user's code, so none of these four fires today.
//! Natively (the same body as a `#[coroutine]` closure) each one does.
#![deny(unused_mut, unreachable_code, unused_labels, unused_braces)]

use coro::{yield_, Coroutine};

#[coro::coroutine]
pub fn f(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut x = first; // unused_mut
    let y = yield_!(x);
    'unused: loop {
        // unused_labels
        break;
    }
    if y == 0 {
        return 1;
        drop(y); // unreachable_code
    }
    let z = { y }; // unused_braces
    x + z
}

fn main() {}
