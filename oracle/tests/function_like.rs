//! Differential tests for the function-like `coro::coro!`: closures and functions written
//! with the real `yield` keyword, compiled by `coro::coro!` and (with `RUSTC_BOOTSTRAP=1`)
//! as rustc's native closure coroutines (`#[coroutine] move |x: A| { .. }`). Both traces
//! must equal the expected one, which is rustc's. See the crate docs of `coro-oracle`.
//!
//! The body is written once, with `yield`. On stable the native half is never parsed: it
//! only exists inside the arguments of `native!`, which is defined (and its call kept)
//! only under `cfg(coro_native)`.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

#[allow(unused_imports)]
use coro_oracle::{log, Noisy};

/// The name of a `Noisy`, through a reference to all of it: a closure that calls this
/// captures the whole value (`tag.0` alone would capture only the field, in edition 2021,
/// where `coro!` captures whole variables).
fn label(noisy: &Noisy) -> &'static str {
    noisy.0
}

/// `#[coroutine]` in front of the closure: rustc's native closure coroutine.
#[cfg(coro_native)]
macro_rules! native {
    ($($closure:tt)*) => {
        #[coroutine]
        $($closure)*
    };
}

/// One differential test of a closure: `setup` runs first (on each side), then the closure
/// is built, resumed with `script`, and its trace compared with `expect`.
macro_rules! closure_twin {
    (
        $(#[doc = $doc:literal])*
        fn $name:ident() { $($setup:tt)* }
        closure { $($closure:tt)* }
        script[$($script:expr),* $(,)?]
        expect[$($expect:literal),* $(,)?]
    ) => {
        $(#[doc = $doc])*
        #[test]
        fn $name() {
            let expected: &[&str] = &[$($expect),*];
            #[cfg(coro_native)]
            {
                $($setup)*
                let native = coro_oracle::run(coro_oracle::native(native!($($closure)*)), [$($script),*]);
                assert_eq!(native, expected, "rustc's native coroutine disagrees with the expected trace");
            }
            #[cfg(not(coro_native_only))]
            {
                $($setup)*
                let got = coro_oracle::run(coro::coro!($($closure)*), [$($script),*]);
                assert_eq!(got, expected, "coro::coro! differs from the expected trace (rustc's)");
            }
        }
    };
}

closure_twin! {
    /// The parameter receives the first resume argument; each `yield` evaluates to the
    /// next one; the last resume comes after completion.
    fn resume_arguments() {}
    closure {
        move |first: u32| {
            log(format!("first {first}"));
            let a = yield first + 1;
            let b = yield a * 10;
            a + b + first * 1000
        }
    }
    script[7, 3, 5, 9]
    expect[
        "resume 7",
        "first 7",
        "yield 8",
        "resume 3",
        "yield 30",
        "resume 5",
        "complete 7008",
        "resume 9",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

closure_twin! {
    /// `yield v;` as statements in a `for` loop; no parameter.
    fn statements_without_parameter() {}
    closure {
        || {
            for i in 0..2u8 {
                yield 10;
                yield i;
            }
            "done"
        }
    }
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 1",
        "resume ()",
        "complete \"done\"",
        "drop complete",
    ]
}

closure_twin! {
    /// A `move` closure takes ownership of what it names; what it holds at a yield is
    /// dropped when the suspended coroutine is dropped.
    fn captures_and_drops() {
        let name = String::from("cap");
        let tag = Noisy("tag");
    }
    closure {
        move |n: u32| {
            let _held = Noisy("held");
            let got = yield format!("{name} {n}");
            log(format!("got {got}"));
            log(label(&tag));
            let again = yield format!("{name} again");
            log(label(&tag));
            again
        }
    }
    script[1, 2]
    expect[
        "resume 1",
        "yield \"cap 1\"",
        "resume 2",
        "got 2",
        "tag",
        "yield \"cap again\"",
        "drop suspended",
        "drop held",
        "drop tag",
    ]
}

closure_twin! {
    /// Run to completion, a `move` closure drops its locals and captures by the end.
    fn captures_dropped_at_completion() {
        let tag = Noisy("tag");
    }
    closure {
        move || {
            let held = Noisy("held");
            yield 1;
            log(held.0);
            log(label(&tag));
            2
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "held",
        "tag",
        "drop held",
        "drop tag",
        "complete 2",
        "drop complete",
    ]
}

closure_twin! {
    /// A `return` in the body completes the coroutine; a panic poisons it.
    fn return_and_panic() {}
    closure {
        move |x: i32| {
            let mut x = x;
            loop {
                if x < 0 {
                    return "negative";
                }
                if x == 0 {
                    panic!("zero");
                }
                x = yield x;
            }
        }
    }
    script[2, -1, 0]
    expect[
        "resume 2",
        "yield 2",
        "resume -1",
        "complete \"negative\"",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

closure_twin! {
    /// The panic poisons the coroutine: resuming again panics as rustc's do.
    fn panic_poisons() {}
    closure {
        move |x: i32| {
            let _guard = Noisy("guard");
            if x == 0 {
                panic!("zero");
            }
            yield x;
        }
    }
    script[0, 1]
    expect[
        "resume 0",
        "drop guard",
        "panic zero",
        "resume 1",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

/// The same body as a `coro::coro!` function and as a native coroutine.
mod function_form {
    #[allow(unused_imports)]
    use coro_oracle::{log, Noisy};

    coro::coro! {
        pub fn coro_side(#[resume] _first: u32, limit: u32)
            -> impl coro::Coroutine<u32, Yield = u32, Return = u32>
        {
            let mut sum = 0;
            loop {
                let next = yield sum;
                if next >= limit {
                    break;
                }
                sum += next;
            }
            sum
        }
    }

    #[cfg(coro_native)]
    pub fn native_side(limit: u32) -> impl core::ops::Coroutine<u32, Yield = u32, Return = u32> {
        native!(move |_first: u32| {
            let mut sum = 0;
            loop {
                let next = yield sum;
                if next >= limit {
                    break;
                }
                sum += next;
            }
            sum
        })
    }

    #[test]
    fn trace() {
        let expected: &[&str] = &[
            "resume 100",
            "yield 0",
            "resume 1",
            "yield 1",
            "resume 2",
            "yield 3",
            "resume 50",
            "complete 3",
            "drop complete",
        ];
        #[cfg(coro_native)]
        {
            let native = coro_oracle::run(coro_oracle::native(native_side(10)), [100, 1, 2, 50]);
            assert_eq!(native, expected);
        }
        let got = coro_oracle::run(coro_side(10), [100, 1, 2, 50]);
        assert_eq!(got, expected);
    }
}
