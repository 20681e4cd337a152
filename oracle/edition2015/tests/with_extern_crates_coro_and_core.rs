//! `with_extern_crate.rs` with `extern crate core;` added at the root: the `::core::..`
//! paths the transform writes with the user's spans then resolve in 2015 too.
#![allow(clippy::let_and_return)]
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

extern crate coro;
// The workaround: `::core` is then the crate root's `core`.
extern crate core;
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
}

twin! {
    /// `async`, `dyn` and `try` are identifiers in 2015; written as raw identifiers, as
    /// the transform's parser (syn) needs them, they compile.
    fn edition_2015_identifiers() resume(first: u32) yields[u32] returns[u32] {
        let r#async = first;
        let r#dyn = yield_!(r#async);
        let r#try = r#async + r#dyn;
        r#try
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
}
