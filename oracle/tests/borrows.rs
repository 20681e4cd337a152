//! Issue 15, edition 2021: borrows of the coroutine's own locals held across a yield,
//! `#[coro::coroutine]` against the same bodies as rustc `static` coroutines
//! (`borrows/shared.rs`, also run in edition 2024 by `oracle/edition2024`). Expected traces
//! are rustc's (`RUSTC_BOOTSTRAP=1 CORO_ORACLE_NATIVE_ONLY=1 cargo test -p coro-oracle
//! --test borrows`).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
#![allow(clippy::useless_vec)]

#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

#[path = "borrows/shared.rs"]
mod shared;

twin! {
    /// A local used only as the receiver of `iter()` (and other methods that borrow their
    /// receiver, `get`, `first`, `chars`, ..) is held to the end of its block, as rustc holds
    /// it, not dropped at the next suspension; and the state resumed in place from which the
    /// body completes drops what it keeps before the tail's temporaries, as rustc 2021 does
    /// (the 2024 twin is in `oracle/edition2024/tests/borrows.rs`).
    static fn receivers_are_not_moves_and_tail_temporaries() resume(first: u32) yields[u32] returns[u32] {
        let kept = vec![Noisy("kept")];
        let mut n = first;
        for k in kept.iter() {
            n += k.0.len() as u32;
        }
        yield_!(n);
        let w = vec![Noisy("w0"), Noisy("w1")];
        for x in &w {
            yield_!(x.0.len() as u32);
        }
        first + (yield_!(7) + Noisy("tail").0.len() as u32)
    }
    call()
    script[1, 2, 3, 4, 5, 6]
    expect[
        "resume 1",
        "yield 5",
        "resume 2",
        "yield 2",
        "resume 3",
        "yield 2",
        "resume 4",
        "yield 7",
        "resume 5",
        "drop w0",
        "drop w1",
        "drop kept",
        "drop tail",
        "complete 10",
        "resume 6",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}
