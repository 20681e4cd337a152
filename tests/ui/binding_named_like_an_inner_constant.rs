//! A binding with the name of a constant that an inner block declares: coro reads names
//! without the scopes of items, so inside the block it would take `k` for the binding
//! (review round 11, H1: `54` computed as `8` before, silently).
use coro::{yield_, Coroutine};

#[coro::coroutine]
fn shadowed() -> impl Coroutine<(), Yield = u32, Return = u32> {
    let k = 50u32;
    let a = {
        #[allow(non_upper_case_globals)]
        const k: u32 = 4;
        yield_!(k);
        k
    };
    k + a
}

fn main() {
    let _ = shadowed();
}
