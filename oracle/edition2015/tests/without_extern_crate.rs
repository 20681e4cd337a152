//! A 2015 crate without `extern crate coro;` (2015 code may rely on the extern prelude
//! for paths outside `use`): only `#[macro_use] extern crate coro_oracle;` for `twin!`.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

#[macro_use]
extern crate coro_oracle;

twin! {
    /// Yields and a `return`, no `?`.
    fn yields_and_return() resume(first: u32) yields[u32] returns[u32] {
        let a = yield_!(first);
        if a > 5 {
            return a;
        }
        a + 1
    }
    call()
    script[1, 9]
    expect[
        "resume 1",
        "yield 1",
        "resume 9",
        "complete 9",
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
