//! A 2018 crate: a coroutine with `?`, `dyn`, an `async` block and `return` compiles and
//! runs, compared with rustc's native coroutine (the bodies are 2018 code).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

twin! {
    /// Yields in loops, a `match`, `return`, `?`, a boxed `dyn Fn`, an `async` block.
    fn basics() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let _guard = Noisy("guard");
        let f: Box<dyn Fn(u32) -> u32> = Box::new(|x| x + 1);
        let fut = async { 5u32 };
        let mut total = first?;
        for i in 0..2 {
            total += yield_!(f(i))?;
        }
        drop(fut);
        match total {
            0 => return None,
            n => {
                yield_!(n);
            }
        }
        Some(total)
    }
    call()
    script[Some(1), Some(2), Some(3), None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(2)",
        "yield 2",
        "resume Some(3)",
        "yield 6",
        "resume None",
        "drop guard",
        "complete Some(6)",
        "drop complete",
    ]
}
