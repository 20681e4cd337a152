//! The `#[coro::coroutine]` attribute and the function-like `coro::coro!`. This crate only
//! hands tokens to `coro-transform`, which owns the transform, so the transform can be tested
//! and reused outside a proc macro.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Rewrites a function whose body contains `yield_!` points into a coroutine.
///
/// See the `coro` crate's documentation for the rules and examples.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    coro_transform::expand_attribute(args.into(), item.into()).into()
}

/// The function-like form: coroutine functions or a coroutine closure whose bodies use the
/// real `yield` keyword, which stable Rust accepts inside a function-like macro's input.
///
/// It is named `coro!` rather than `coroutine!` because a crate cannot export an attribute
/// macro and a function-like macro under one name (both live in the macro namespace), and
/// `#[coro::coroutine]` keeps its name. See the `coro` crate's documentation of `coro!` for
/// the rules and examples.
#[proc_macro]
pub fn coro(input: TokenStream) -> TokenStream {
    coro_transform::expand_function_like(input.into()).into()
}
