//! Issue 11, "All of Rust, in every edition", edition 2021: the edition-independent
//! corpus in `beyond_grammar/shared.rs` and the programs whose trace is 2021's. The same
//! corpus runs in edition 2024 in `oracle/edition2024`. Expected traces are rustc's
//! (`RUSTC_BOOTSTRAP=1 CORO_ORACLE_NATIVE_ONLY=1 cargo test -p coro-oracle --test
//! beyond_grammar`); a `#[coro::coroutine]` half that differs is pinned with `ignore`, one
//! that does not compile with `pending` (see `twin!`).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
// Helpers used only by the halves compiled with `RUSTC_BOOTSTRAP=1` or
// `CORO_ISSUE11_PENDING=1`, and the bodies' own style.
#![allow(
    dead_code,
    non_upper_case_globals,
    clippy::let_and_return,
    clippy::single_match,
    clippy::useless_vec
)]

#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

#[path = "beyond_grammar/helpers.rs"]
mod helpers;
#[path = "beyond_grammar/review14.rs"]
mod review14;
#[path = "beyond_grammar/review15.rs"]
mod review15;
#[path = "beyond_grammar/shared.rs"]
mod shared;

#[allow(unused_imports)]
use helpers::*;

// ---------------------------------------------------------------------------------------
// Edition 2021's own rules (their 2024 counterparts are in oracle/edition2024)
// ---------------------------------------------------------------------------------------

twin! {
    /// The body's tail-expression temporary outlives the body's locals in 2021.
    fn tail_temporary_of_body() yields[u32] returns[u32] {
        let _local = Noisy("local");
        yield_!(1);
        Noisy("tail").id()
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop local",
        "drop tail",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// An inner block's tail-expression temporary outlives the block's local in 2021.
    fn tail_temporary_of_inner_block() yields[u32] returns[u32] {
        let v = {
            let _local = Noisy("local");
            yield_!(1);
            Noisy("tail").id()
        };
        log("after block");
        v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop local",
        "drop tail",
        "after block",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// 2021 keeps an `if let` scrutinee's temporary through the `else` block.
    fn if_let_scrutinee_lives_through_else() yields[u32] returns[u32] {
        yield_!(1);
        let v = if let Some(v) = Noisy("scrutinee").none() {
            v
        } else {
            log("else");
            2
        };
        v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "else",
        "drop scrutinee",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A resume argument an `if let` borrows as its scrutinee (`&yield_!(..)`): 2021 keeps
    /// it through the `else` block, as any scrutinee temporary.
    fn if_let_borrowed_resume_argument_lives_through_else() resume(first: Noisy) yields[u32] returns[u32] {
        let v = if let Noisy("yes") = &yield_!(1) {
            log("then");
            1
        } else {
            log("else");
            2
        };
        drop(first);
        v
    }
    call()
    script[Noisy("a"), Noisy("no")]
    expect[
        "resume Noisy(\"a\")",
        "yield 1",
        "resume Noisy(\"no\")",
        "else",
        "drop no",
        "drop a",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// The same when the `then` block yields: the argument moves into a temporary at the
    /// start of the `else` block, which 2021 keeps to the `if`'s end (2024 drops it before
    /// the `else`: `if_let_borrowed_argument_dropped_before_else_when_then_yields`).
    fn if_let_borrowed_argument_lives_through_else_when_then_yields() resume(first: Noisy) yields[u32] returns[u32] {
        let mut n = 0;
        if let 3 = Noisy::id(&yield_!(1)) {
            log("then");
            yield_!(2);
            n += 1;
        } else {
            log("else");
        }
        drop(first);
        n
    }
    call()
    script[Noisy("a"), Noisy("no")]
    expect[
        "resume Noisy(\"a\")",
        "yield 1",
        "resume Noisy(\"no\")",
        "else",
        "drop no",
        "drop a",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// A resume argument a block's value borrows is that value's temporary: 2021 drops it
    /// after the block's locals (review round 6, S8: before them before).
    fn block_value_borrowed_resume_argument_outlives_locals() resume(first: Noisy) yields[u32] returns[usize] {
        let n = {
            let _local = Noisy("local");
            (&yield_!(1)).0.len()
        };
        log("after block");
        drop(first);
        n
    }
    call()
    script[Noisy("a"), Noisy("arg")]
    expect[
        "resume Noisy(\"a\")",
        "yield 1",
        "resume Noisy(\"arg\")",
        "drop local",
        "drop arg",
        "after block",
        "drop a",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// The same with an `if let` whose `then` block yields (only the `else` path runs).
    fn if_let_else_after_yielding_then() resume(first: u32) yields[u32] returns[u32] {
        let mut total = 0;
        for n in [first, first + 1] {
            if let Some(v) = Noisy("scrutinee").below(n, 5) {
                total += yield_!(v);
            } else {
                log("else");
            }
        }
        total
    }
    call()
    script[7, 0]
    expect[
        "resume 7",
        "else",
        "drop scrutinee",
        "else",
        "drop scrutinee",
        "complete 0",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `gen` is an ordinary identifier before 2024.
    fn gen_as_identifier() resume(first: u32) yields[u32] returns[u32] {
        let gen = first;
        yield_!(gen);
        gen + 1
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 0",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// Edition 2021's disjoint closure capture: `move || n.0.len()` captures only the
    /// field, so `n` itself stays in the body until its end (the `#[coro::coroutine]`
    /// half drops it at the suspension: the README's deviation 1, as `n` is not
    /// mentioned after the yield).
    fn disjoint_capture_leaves_the_binding_in_the_body() yields[u32] returns[usize] {
        let n = Noisy("n");
        let len = move || n.0.len();
        yield_!(1);
        len()
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop n",
        "complete 1",
        "drop complete",
    ]
    ignore("issue 11: README deviation 1 (documented, dropped earlier): `n` is not moved by the closure (2021 disjoint capture) and is dropped at the suspension")
}
