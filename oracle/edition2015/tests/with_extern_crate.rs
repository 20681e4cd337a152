//! A 2015 crate that declares `extern crate coro;` at its root, as 2015 code does: the
//! paths the transform writes with the user's spans (`::coro::..`, `::core::..`) are
//! crate-relative in this edition.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

extern crate coro;
#[macro_use]
extern crate coro_oracle;

#[allow(unused_imports)]
use coro_oracle::{log, Noisy};

twin! {
    /// Yields in loops, a `match`, `return`, a held `Noisy`: no `?`.
    fn basics() resume(first: u32) yields[u32] returns[u32] {
        let _guard = Noisy("guard");
        let mut total = first;
        for i in 0..2 {
            total += yield_!(i);
        }
        let v = loop {
            let r = yield_!(total);
            if r == 0 {
                break total;
            }
            total += r;
        };
        match v {
            0 => return 0,
            n => {
                yield_!(n);
            }
        }
        v + 1
    }
    call()
    script[1, 2, 3, 4, 0, 0]
    expect[
        "resume 1",
        "yield 0",
        "resume 2",
        "yield 1",
        "resume 3",
        "yield 6",
        "resume 4",
        "yield 10",
        "resume 0",
        "yield 10",
        "resume 0",
        "drop guard",
        "complete 11",
        "drop complete",
    ]
    pending("issue 11: E0433 \"cannot find `core` in the crate root\" at every `yield_!` (the `::core` paths it expands to carry the 2015 span)")
}

twin! {
    /// `?` on an `Option`, after a yield.
    fn question_mark() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let a = first?;
        let b = yield_!(a)?;
        Some(a + b)
    }
    call()
    script[Some(1), None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume None",
        "complete None",
        "drop complete",
    ]
    pending("issue 11: E0433 \"cannot find `core` in the crate root\" at `?` and `yield_!`")
}

twin! {
    /// `async`, `dyn` and `try` are identifiers in 2015.
    fn edition_2015_identifiers() resume(first: u32) yields[u32] returns[u32] {
        let async = first;
        let dyn = yield_!(async);
        let try = async + dyn;
        try
    }
    call()
    script[1, 2]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "complete 3",
        "drop complete",
    ]
    pending("issue 11: macro error \"`#[coro::coroutine]` needs the function's body\" (the 2015 identifiers `async`, `dyn`, `try` do not parse)")
}
