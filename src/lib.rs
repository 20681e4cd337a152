#![doc = include_str!("../docs/guide.md")]
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use coro_core::*;

/// Turns a function whose body contains `yield_!` points into a coroutine.
///
/// ```
/// use coro::{yield_, Coroutine, CoroutineState};
///
/// /// Fibonacci numbers up to `limit`; completes with how many it yielded.
/// #[coro::coroutine]
/// pub fn fibonacci(limit: u64) -> impl Coroutine<Yield = u64, Return = usize> {
///     let (mut a, mut b, mut count) = (0, 1, 0);
///     while a <= limit {
///         yield_!(a);
///         (a, b) = (b, a + b);
///         count += 1;
///     }
///     count
/// }
///
/// let mut f = fibonacci(5);
/// let mut seen = Vec::new();
/// let count = loop {
///     match f.resume(()) {
///         CoroutineState::Yielded(n) => seen.push(n),
///         CoroutineState::Complete(count) => break count,
///     }
/// };
/// assert_eq!(seen, [0, 1, 1, 2, 3, 5]);
/// assert_eq!(count, 6);
/// ```
///
/// # The signature
///
/// The function must return `impl Coroutine<A, Yield = Y, Return = R>` (`A`, the type of
/// the resume arguments, defaults to `()`; `coro::Coroutine` or any path ending in
/// `Coroutine` works; extra bounds such as `+ 'a`, `+ Clone` or `+ Send` are kept). It may
/// be generic, have lifetimes and `where` clauses, be a method (`self`, `&self`,
/// `&mut self`) and have any visibility; it cannot be `async` or `const`. Calling it runs
/// nothing: the first `resume` runs the body up to its first `yield_!`.
///
/// The attribute adds `+ coro::Locate + Debug` to the return type, so every coroutine can
/// say where it is suspended ([`Locate::location`]).
///
/// # Resume arguments
///
/// A coroutine resumed with values (`A` other than `()`) marks the parameter that receives
/// the first one `#[resume]`; each later one is the value of the `yield_!` the coroutine
/// was suspended at. The marked parameter is not a parameter of the function you call:
///
/// ```
/// use coro::{yield_, Coroutine, CoroutineState};
///
/// #[coro::coroutine]
/// fn echo_sum(#[resume] first: i32) -> impl Coroutine<i32, Yield = i32, Return = i32> {
///     let mut sum = first;
///     loop {
///         let next = yield_!(sum);
///         if next == 0 {
///             return sum;
///         }
///         sum += next;
///     }
/// }
///
/// let mut c = echo_sum();
/// assert_eq!(c.resume(2), CoroutineState::Yielded(2));
/// assert_eq!(c.resume(3), CoroutineState::Yielded(5));
/// assert_eq!(c.resume(0), CoroutineState::Complete(5));
/// ```
///
/// # Arguments
///
/// `#[coro::coroutine]` takes one optional argument, `crate = path` (or serde's
/// `crate = "path"`): the path of this crate where it is not what your `Cargo.toml` calls
/// it, for example when it is reached through another crate's re-export. Renamed
/// dependencies need nothing: the macro reads the name from the manifest.
///
/// # Errors
///
/// Anything the transform does not support is a compile error on your tokens saying what
/// to write instead; the function is still emitted, with a placeholder body, so its callers
/// compile (see "What is rejected" in the [crate documentation](crate)). The `yield`
/// keyword is one of them: write `yield_!(x)`, or use [`coro!`].
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
pub use coro_macros::coroutine;

#[doc = include_str!("../docs/function-like.md")]
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
pub use coro_macros::coro;

/// The names most code that uses coroutines needs: `use coro::prelude::*;`.
///
/// It holds the [`Coroutine`] trait, [`CoroutineState`], the [`Locate`] trait (for
/// `c.location()`), and the macros [`yield_!`] and [`yield_from!`]. The attribute is not in
/// it: write `#[coro::coroutine]` (imported bare, `#[coroutine]` clashes with rustc's own).
///
/// ```
/// use coro::prelude::*;
///
/// #[coro::coroutine]
/// fn two() -> impl Coroutine<Yield = u8, Return = ()> {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// let mut c = two();
/// assert_eq!(c.resume(()), CoroutineState::Yielded(1));
/// assert!(matches!(c.location(), coro::Location::Suspended(point) if point.expr == "yield_!(1)"));
/// ```
pub mod prelude {
    pub use crate::{yield_, yield_from, Coroutine, CoroutineState, Locate};
}

/// Marks a suspension point inside a `#[coro::coroutine]` function.
///
/// `yield_!(value)` hands `value` to the caller of `resume` and suspends the coroutine; the
/// next `resume(arg)` continues from here, and the `yield_!` expression evaluates to `arg`.
/// `yield_!()` yields `()`. It may stand anywhere an expression may (see "Where `yield_!`
/// may stand" in the [crate documentation](crate)), evaluated in Rust's order:
///
/// ```
/// use coro::{yield_, Coroutine, CoroutineState};
///
/// #[coro::coroutine]
/// fn ask(#[resume] name: String) -> impl Coroutine<String, Yield = &'static str, Return = String> {
///     yield_!("hello"); // a statement: the argument it is resumed with is dropped
///     let city = yield_!("where do you live?"); // a `let` initializer
///     // Inside a larger expression: `name` and `city` are evaluated (and held) first.
///     [name, city, yield_!("how old are you?")].join(", ")
/// }
///
/// let mut c = ask();
/// assert_eq!(c.resume("Ann".into()), CoroutineState::Yielded("hello"));
/// assert_eq!(c.resume("ignored".into()), CoroutineState::Yielded("where do you live?"));
/// assert_eq!(c.resume("Oslo".into()), CoroutineState::Yielded("how old are you?"));
/// assert_eq!(c.resume("40".into()), CoroutineState::Complete("Ann, Oslo, 40".to_string()));
/// ```
///
/// The attribute rewrites every `yield_!` in the body, so this macro itself only ever runs
/// when it is used somewhere else, where it is a compile error that says it belongs in a
/// `#[coro::coroutine]` function:
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     coro::yield_!(1);
/// }
/// ```
///
/// In `coro::coro!` bodies the keyword works as well: `yield value`.
#[macro_export]
macro_rules! yield_ {
    // The attribute leaves this behind for each `yield_!` it rewrites, so that the user's
    // `use coro::yield_;` counts as used.
    (@rewritten) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_!` can only be used inside the body of a `#[coro::coroutine]` function; \
             mark the enclosing function `#[coro::coroutine]` and make it return \
             `impl Coroutine<Yield = Y, Return = R>`. Inside one, a `yield_!` that another \
             macro writes (a `macro_rules!` expanding to `yield_!`) is also this error: the \
             attribute sees the body before that macro is expanded; write the `yield_!` in \
             the body"
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

/// The README's examples, compiled and run as doctests (the guide and `docs/function-like.md`
/// are documentation above, and so doctests already).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The Rust code blocks of the other chapters in `docs/`, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/article-walkthrough.md")]
#[doc = include_str!("../docs/benchmarks.md")]
#[doc = include_str!("../docs/differential.md")]
#[doc = include_str!("../docs/expand.md")]
struct DocsDoctests;
