//! `place op= value` with a yield in the value: a built-in operator evaluates the value
//! first, an operator trait impl (`AddAssign`) the place first. coro sees no types, so
//! where the two orders differ (the place runs code, or reads what the value writes) it
//! asks for the value to be bound first (review round 13, S3: `*slot() += P(yield_!(5))`
//! called `slot()` after the resume, where rustc calls it before the yield).
use coro::Coroutine;

fn index(i: usize) -> usize {
    i
}

#[coro::coroutine]
fn place_runs_code(#[resume] _first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    use coro::yield_;
    let mut counts = [0u32; 4];
    counts[index(1)] += yield_!(1);
    counts[1]
}

#[coro::coroutine]
fn value_writes_the_index(#[resume] _first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    use coro::yield_;
    let mut counts = [0u32; 4];
    let mut i = 0;
    counts[i] += {
        i = 2;
        yield_!(1)
    };
    counts[i]
}

/// Review round 14, O13: an operator trait impl locates `r[0]` through the reference `r`
/// before the value reassigns it; a built-in operator after.
#[coro::coroutine]
fn value_reassigns_the_base(
    a: &'static mut [u32; 2],
    b: &'static mut [u32; 2],
    #[resume] _first: u32,
) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    use coro::yield_;
    let mut r = a;
    r[0] += {
        r = b;
        yield_!(1)
    };
    r[0]
}

fn main() {
    let _ = place_runs_code();
    let _ = value_writes_the_index();
    let _ = value_reassigns_the_base;
}
