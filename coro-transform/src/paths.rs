//! The path of the `coro` crate in the code the transform emits.
//!
//! Generated code names the runtime support it needs (`Machine`, `CoroutineState`,
//! `__private::branch`, ..) through the crate's path, which is `::coro` unless the user
//! depends on the package under another name (`co = { package = "stable-coro", .. }`) or
//! reaches it through a re-export. The entry points ([`crate::expand_attribute_in`],
//! [`crate::expand_function_like_in`]) set the path once per expansion with [`with_root`];
//! every site that emits a path to the crate asks [`root`] (or [`root_at`] inside a
//! `quote_spanned!`) instead of writing `::coro` itself:
//!
//! ```
//! # use quote::quote;
//! let coro = coro_transform::paths::root();
//! let tokens = quote!(#coro::__private::discard(x));
//! assert_eq!(tokens.to_string(), ":: coro :: __private :: discard (x)");
//! ```

use std::cell::RefCell;

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;

thread_local! {
    /// The path set by the innermost [`with_root`] running on this thread.
    static ROOT: RefCell<Option<TokenStream>> = const { RefCell::new(None) };
}

/// `::coro`: the path when nobody set another one (the library is called `coro` whatever
/// its package is called).
pub fn default_root() -> TokenStream {
    quote!(::coro)
}

/// The crate's path for the expansion running on this thread (its tokens spanned as they
/// were given, `Span::call_site()` for the default), to be followed by `::` and an item:
/// `quote!(#coro::Locate)`.
pub fn root() -> TokenStream {
    ROOT.with(|root| root.borrow().clone())
        .unwrap_or_else(default_root)
}

/// [`root`] with every token spanned at `span`, for a `quote_spanned!(span=> ..)` whose
/// tokens must all point at the user's code (as a literal `::coro` there would).
pub fn root_at(span: Span) -> TokenStream {
    respan(root(), at(span))
}

/// A span for generated tokens that stand at the user's `span` (errors point there) but
/// resolve names, and follow the edition, of the generated code: `::core` and `::coro`
/// then mean the crates also in an edition 2015 user crate, where a path starting with
/// `::` names the user's crate root.
pub fn at(span: Span) -> Span {
    Span::call_site().located_at(span)
}

/// Runs `f` with `root` (a path such as `::coro`, `::co` or `crate::reexported::coro`) as
/// the crate's path, and restores the previous one afterwards, also when `f` panics.
pub fn with_root<R>(root: TokenStream, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<TokenStream>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            ROOT.with(|root| *root.borrow_mut() = previous);
        }
    }
    let previous = ROOT.with(|current| current.borrow_mut().replace(root));
    let _restore = Restore(previous);
    f()
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_coro_and_with_root_sets_and_restores() {
        assert_eq!(root().to_string(), ":: coro");
        let inside = with_root(quote!(::co), || {
            let nested = with_root(quote!(crate::reexport::coro), || root().to_string());
            (root().to_string(), nested)
        });
        assert_eq!(
            inside,
            (":: co".to_string(), "crate :: reexport :: coro".to_string())
        );
        assert_eq!(root().to_string(), ":: coro");
    }

    #[test]
    fn a_panic_inside_with_root_restores_the_previous_root() {
        let result = std::panic::catch_unwind(|| with_root(quote!(::co), || panic!("boom")));
        assert!(result.is_err());
        assert_eq!(root().to_string(), ":: coro");
    }
}
