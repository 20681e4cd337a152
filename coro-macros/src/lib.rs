//! The proc macros of `stable-coro`: the `#[coro::coroutine]` attribute and the
//! function-like `coro::coro!`. This crate only finds the `coro` crate's path in the user's
//! manifest and hands the tokens to `stable-coro-transform`, which owns the transform, so
//! the transform can be tested and reused outside a proc macro.
//!
//! Do not depend on this crate directly: the generated code needs the runtime support in
//! `stable-coro` (library name `coro`), which re-exports both macros and documents them,
//! with the rules and examples.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use proc_macro::TokenStream;
use proc_macro_crate::FoundCrate;

/// The package whose library the generated code names.
const PACKAGE: &str = "stable-coro";
/// That package's library name: its extern-crate name unless the dependency is renamed.
const LIBRARY: &str = "coro";

/// The path of the `coro` library in the crate being compiled, for the generated code:
/// `::coro`, or `::co` when the user's `Cargo.toml` says
/// `co = { package = "stable-coro", .. }`.
///
/// `proc-macro-crate` reads the user's manifest (also `[workspace.dependencies]` and
/// target-specific tables) and gives the key under which the package is a dependency. A
/// key equal to the package name (`stable-coro = "0.1"`) is no rename: the crate is then
/// reached by its library name, `coro`, as it is from the package's own tests, examples
/// and doctests. When the package is not a direct dependency (a re-export through another
/// crate), `::coro` is all there is to guess; `#[coro::coroutine(crate = path)]` names it.
fn crate_root() -> proc_macro2::TokenStream {
    let name = match proc_macro_crate::crate_name(PACKAGE) {
        Ok(FoundCrate::Name(name)) if name != PACKAGE.replace('-', "_") => name,
        Ok(_) | Err(_) => LIBRARY.to_string(),
    };
    format!("::{name}")
        .parse()
        .unwrap_or_else(|_| coro_transform::paths::default_root())
}

/// (The attribute is defined in `stable-coro-macros`; use it through `stable-coro`, as
/// `#[coro::coroutine]`.)
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    coro_transform::expand_attribute_in(crate_root(), args.into(), item.into()).into()
}

/// (The macro is defined in `stable-coro-macros`; use it through `stable-coro`, as
/// `coro::coro!`.)
#[proc_macro]
pub fn coro(input: TokenStream) -> TokenStream {
    coro_transform::expand_function_like_in(crate_root(), input.into()).into()
}

/// The second step of a `#[coro::coroutine]` or `coro::coro!` function whose body uses
/// `#[cfg]`: the first step emits the function again with one marker per predicate, which
/// the compiler resolves, and this attribute (`crate = path`) applies them and runs the
/// transform. Not for use in user code.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn configured(args: TokenStream, item: TokenStream) -> TokenStream {
    coro_transform::expand_configured(args.into(), item.into()).into()
}
