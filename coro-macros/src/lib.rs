//! The `#[coro::coroutine]` attribute. This crate only hands tokens to `coro-transform`,
//! which owns the transform, so the transform can be tested and reused outside a proc macro.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

/// Rewrites a function whose body contains `yield_!` points into a coroutine.
///
/// See the `coro` crate's documentation for the rules and examples.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    coro_transform::expand_attribute(args.into(), item.into()).into()
}
