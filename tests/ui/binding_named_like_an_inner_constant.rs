//! A binding with the name of a constant that an inner block declares: coro reads names
//! without the scopes of items, so inside the block it would take `k` for the binding
//! (review round 11, H1: `54` computed as `8` before, silently). The body imports
//! `yield_!` itself: the error is the only one (no "cannot find macro `yield_`").
use coro::Coroutine;

#[coro::coroutine]
fn shadowed() -> impl Coroutine<(), Yield = u32, Return = u32> {
    use coro::yield_;
    let k = 50u32;
    let a = {
        #[allow(non_upper_case_globals)]
        const k: u32 = 4;
        yield_!(k);
        k
    };
    k + a
}

mod limits {
    pub const MAX: u32 = 1000;
}

/// The same with a name a `use` of an inner block brings in (review round 12, C1: the
/// code that saves `max` at the yield read the import, 1000).
#[coro::coroutine]
fn imported() -> impl Coroutine<(), Yield = u32, Return = u32> {
    use coro::yield_;
    let max = 5u32;
    {
        use limits::MAX as max;
        yield_!(max);
    }
    max
}

fn main() {
    let _ = shadowed();
    let _ = imported();
}
