//! The coroutine transform.
#![forbid(unsafe_code)]

use proc_macro2::TokenStream;

/// Expands `#[coro::coroutine]`.
pub fn expand_attribute(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}
