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

/// Coroutines written with the real `yield` keyword: coroutine functions, or a coroutine
/// closure.
///
/// Stable Rust rejects `yield` inside an attribute macro's input, but accepts it inside a
/// function-like macro's. `coro!` runs the same transform as `#[coro::coroutine]`, with the
/// same rules and errors; only the spelling of the suspension points differs:
/// `let x = yield v;`, `yield v;`, `yield;` (`yield_!` works too).
///
/// (It cannot be called `coroutine!`: an attribute and a function-like macro cannot share a
/// name in one crate, and `#[coro::coroutine]` keeps its name.)
///
/// # Functions
///
/// One or more functions, with the signature rules of `#[coro::coroutine]`:
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// coro::coro! {
///     /// Running totals of the numbers it is resumed with.
///     fn totals(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
///         let mut total = first;
///         while total < 10 {
///             total += yield total;
///         }
///         total
///     }
/// }
///
/// let mut t = totals();
/// assert_eq!(t.resume(4), CoroutineState::Yielded(4));
/// assert_eq!(t.resume(5), CoroutineState::Yielded(9));
/// assert_eq!(t.resume(6), CoroutineState::Complete(15));
/// ```
///
/// # Closures
///
/// `coro!(move |first: A| { .. })`, `coro!(|first: A| { .. })` or `coro!(|| { .. })` (for
/// `A = ()`) is an expression whose value implements [`Coroutine<A>`](Coroutine),
/// [`Locate`] and `Debug`, like rustc's closure coroutines: the parameter receives the
/// first resume argument, each `yield` evaluates to the next one, and the yield and return
/// types are inferred (`|first: A| -> R { .. }` names the return type). It captures its
/// environment as a closure would; a `move` closure moves the variables it names into the
/// coroutine, which owns them from then on (see the README section on `coro!` for the
/// exact rule).
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let words = vec!["a", "bb", "ccc"];
/// let mut lengths = coro::coro!(move |scale: usize| {
///     let mut scale = scale;
///     for word in words {
///         scale = yield word.len() * scale;
///     }
///     "done"
/// });
/// assert_eq!(lengths.resume(1), CoroutineState::Yielded(1));
/// assert_eq!(lengths.resume(10), CoroutineState::Yielded(20));
/// assert_eq!(lengths.resume(100), CoroutineState::Yielded(300));
/// assert_eq!(lengths.resume(0), CoroutineState::Complete("done"));
/// ```
#[cfg(feature = "macros")]
pub use coro_macros::coro;

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

/// Runs another coroutine to completion inside a coroutine body (Python's `yield from`),
/// and evaluates to its return value.
///
/// `yield_from!(sub)` resumes `sub` until it completes: each value `sub` yields is yielded
/// by the enclosing coroutine, and each argument the enclosing coroutine is resumed with
/// is passed on to `sub`. `sub` is held inline in the enclosing coroutine's state (no
/// allocation) and is dropped with it. Any `Coroutine` works: another
/// `#[coro::coroutine]` function, a `coro!` closure, [`from_fn`], a `&mut` to one.
///
/// `sub` is resumed for the first time when the `yield_from!` is reached, which is in the
/// middle of one of the enclosing coroutine's resumes, so there is no resume argument to
/// hand it: `yield_from!(sub)` passes `()` (and is an error for any other resume type),
/// `yield_from!(sub, first)` passes `first`.
///
/// It works in `#[coro::coroutine]` and `coro!` bodies, anywhere a `yield_!` may stand;
/// anywhere else it is a compile error.
///
/// ```
/// use coro::{yield_, yield_from, Coroutine, CoroutineState};
///
/// #[coro::coroutine]
/// fn count(to: u32) -> impl Coroutine<Yield = u32, Return = u32> {
///     for n in 1..=to {
///         yield_!(n);
///     }
///     to
/// }
///
/// #[coro::coroutine]
/// fn twice() -> impl Coroutine<Yield = u32, Return = u32> {
///     let a = yield_from!(count(2));
///     let b = yield_from!(count(1));
///     a + b
/// }
///
/// let mut c = twice();
/// assert_eq!(c.resume(()), CoroutineState::Yielded(1));
/// assert_eq!(c.resume(()), CoroutineState::Yielded(2));
/// assert_eq!(c.resume(()), CoroutineState::Yielded(1));
/// assert_eq!(c.resume(()), CoroutineState::Complete(3));
/// ```
#[macro_export]
macro_rules! yield_from {
    // Left behind by the rewrite of each `yield_from!`, so that the user's
    // `use coro::yield_from;` counts as used.
    (@rewritten) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_from!` can only be used inside the body of a `#[coro::coroutine]` function \
             or a `coro::coro!` coroutine, where a `yield_!` could stand (not inside a closure, \
             a nested item or another macro's arguments)"
        )
    };
}

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
