//! Stackless coroutines on stable Rust.
//!
//! `#[coro::coroutine]` rewrites a function whose body contains `yield_!` points into a
//! resumable enum state machine: one variant per suspension point, holding exactly the
//! locals live across it. No heap, no `unsafe`, no `Pin`.
//!
//! ```
//! use coro::{yield_, Coroutine, CoroutineState};
//!
//! #[coro::coroutine]
//! fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
//!     let mut n = from;
//!     while n > 0 {
//!         yield_!(n);
//!         n -= 1;
//!     }
//!     "liftoff"
//! }
//!
//! let mut c = countdown(2);
//! assert_eq!(c.resume(()), CoroutineState::Yielded(2));
//! assert_eq!(c.resume(()), CoroutineState::Yielded(1));
//! assert_eq!(c.resume(()), CoroutineState::Complete("liftoff"));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use coro_core::*;
#[cfg(feature = "macros")]
pub use coro_macros::coroutine;

/// Marks a suspension point inside a `#[coro::coroutine]` function.
///
/// `yield_!(value)` hands `value` to the caller of `resume` and suspends the coroutine; the
/// next `resume(arg)` continues from here, and the `yield_!` expression evaluates to `arg`.
/// The attribute rewrites every `yield_!` in the body, so this macro itself only ever runs
/// when it is used somewhere else, where it is a compile error.
#[macro_export]
macro_rules! yield_ {
    // The attribute leaves this behind for each `yield_!` it rewrites, so that the user's
    // `use coro::yield_;` counts as used.
    (@rewritten) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_!` can only be used inside the body of a `#[coro::coroutine]` function; \
             mark the enclosing function `#[coro::coroutine]` and make it return \
             `impl Coroutine<Yield = Y, Return = R>`"
        )
    };
}

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
