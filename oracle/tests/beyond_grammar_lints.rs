//! Issue 11, class 10: no lints the user did not cause. Each coroutine here is clean under
//! the lints below, natively and through `#[coro::coroutine]`, which the crate denies:
//! `unit_bindings` and `unused_variables` are rustc's (`cargo test` fails if the
//! expansion causes one); `clippy::used_underscore_binding` and
//! `clippy::no_effect_underscore_binding` are clippy's (pedantic), checked by `.ci/run`'s
//! `cargo clippy --workspace --all-targets -- -D warnings`.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
#![deny(
    unit_bindings,
    unused_variables,
    clippy::used_underscore_binding,
    clippy::no_effect_underscore_binding
)]
#![allow(clippy::let_and_return)]

#[allow(unused_imports)]
use coro::{Coroutine, CoroutineState};
#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

twin! {
    /// An unused `#[resume] _first`: clippy's `used_underscore_binding` and
    /// `no_effect_underscore_binding` fire at `_first` on the `#[coro::coroutine]` half
    /// (the expansion moves it).
    fn unused_underscore_resume_parameter() resume(_first: u32) yields[u32] returns[u32] {
        let a = yield_!(1);
        a
    }
    call()
    script[5, 6]
    expect[
        "resume 5",
        "yield 1",
        "resume 6",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// `let _guard = ..;` held across a yield and never named: clippy's
    /// `used_underscore_binding` fires at `_guard` on the `#[coro::coroutine]` half (the
    /// expansion saves and restores it).
    fn underscore_guard_held_across_a_yield() yields[u32] returns[u32] {
        let _guard = Noisy("guard");
        yield_!(1);
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop guard",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// `let s = match .. { 0 => return None, n => yield_!(n) };` then `Some(s)`:
    /// rustc's `unused_variables` fires at `s` on the `#[coro::coroutine]` half (in the
    /// arm where the yielding path suspends, `s` is bound and never used).
    fn binding_of_a_match_that_returns_or_yields() resume(first: u32) yields[u32] returns[Option<u32>] {
        let s = match first {
            0 => return None,
            n => yield_!(n),
        };
        Some(s)
    }
    call()
    script[3, 4]
    expect[
        "resume 3",
        "yield 3",
        "resume 4",
        "complete Some(4)",
        "drop complete",
    ]
}

twin! {
    /// The same with `if`/`else`.
    fn binding_of_an_if_that_returns_or_yields() resume(first: u32) yields[u32] returns[u32] {
        let s = if first == 0 { return 0 } else { yield_!(first) };
        s
    }
    call()
    script[3, 4]
    expect[
        "resume 3",
        "yield 3",
        "resume 4",
        "complete 4",
        "drop complete",
    ]
}

/// The inner coroutine for `yield_from!`.
#[cfg(not(coro_native_only))]
#[coro::coroutine]
fn three() -> impl Coroutine<Yield = u32, Return = u32> {
    coro::yield_!(1);
    3
}

/// `let x = yield_from!(..)` with a `u32` result: rustc's `unit_bindings` fires at
/// `yield_from!` (the expansion binds the unit resume argument with the user's span).
#[cfg(not(coro_native_only))]
#[coro::coroutine]
fn delegating() -> impl Coroutine<Yield = u32, Return = u32> {
    use coro::yield_from;
    let x = yield_from!(three());
    x + 1
}

#[cfg(not(coro_native_only))]
#[test]
fn yield_from_result_binding() {
    let mut c = delegating();
    assert_eq!(c.resume(()), CoroutineState::Yielded(1));
    assert_eq!(c.resume(()), CoroutineState::Complete(4));
}
