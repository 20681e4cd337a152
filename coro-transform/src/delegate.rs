//! `yield_from!(sub)` and `yield_from!(sub, first)`, Python's `yield from`: run another
//! coroutine to completion inside this one. Before any other step, each call becomes a
//! block with a loop that forwards the inner coroutine's yields out and this coroutine's
//! resume arguments in, and breaks with the inner coroutine's return value:
//!
//! ```text
//! // Input:
//! let total = yield_from!(sub);
//! // Output:
//! let total = {
//!     yield_from!(@rewritten);                  // the user's import counts as used
//!     let mut __from1 = sub;                    // held in the state, inline
//!     let mut __arg1 = ::coro::__private::first_resume_arg();   // `()`, or `first`
//!     loop {
//!         match ::coro::Coroutine::resume(&mut __from1, __arg1) {
//!             ::coro::CoroutineState::Yielded(__y1) => { __arg1 = ::coro::yield_!(__y1); }
//!             ::coro::CoroutineState::Complete(__r1) => break __r1,
//!         }
//!     }
//! };
//! ```
//!
//! The rest of the transform then treats the loop as any loop with a `yield_!` in it, so the
//! inner coroutine is a field of the outer state while it runs, and dropping the outer
//! coroutine there drops it. The first resume of the inner coroutine receives the second
//! argument, or `()` when there is none (`first_resume_arg` turns any other type into an
//! error that says to pass one). Every later resume receives the argument the outer
//! coroutine was resumed with.
//!
//! Calls inside closures, nested items and other macros' arguments are left alone, where
//! the `coro::yield_from` stub reports them.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Error, Expr, Ident, Macro, Result, Token};

/// Rewrites every `yield_from!` of a coroutine body (see the module documentation).
pub fn rewrite(block: &mut syn::Block) -> Result<()> {
    let mut rewriter = Rewriter {
        count: 0,
        error: None,
    };
    rewriter.visit_block_mut(block);
    match rewriter.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// True for `yield_from!(..)` and `coro::yield_from!(..)` (any path ending in `yield_from`),
/// except the `yield_from!(@rewritten)` marker this step leaves behind.
pub fn is_yield_from_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "yield_from")
        && !is_marker(&mac.tokens)
}

fn is_marker(tokens: &TokenStream) -> bool {
    let text = tokens.to_string();
    text == "@ rewritten" || text == "@rewritten"
}

struct Rewriter {
    count: usize,
    error: Option<Error>,
}

impl Rewriter {
    fn replacement(&mut self, mac: &Macro) -> Option<Expr> {
        match self.expand(mac) {
            Ok(expr) => Some(expr),
            Err(error) => {
                match &mut self.error {
                    Some(first) => first.combine(error),
                    None => self.error = Some(error),
                }
                None
            }
        }
    }

    fn expand(&mut self, mac: &Macro) -> Result<Expr> {
        let args = Punctuated::<Expr, Token![,]>::parse_terminated
            .parse2(mac.tokens.clone())
            .map_err(|e| Error::new(e.span(), usage(&e.to_string())))?;
        let mut args = args.into_iter();
        let (Some(mut sub), first, None) = (args.next(), args.next(), args.next()) else {
            return Err(Error::new(
                mac.span(),
                usage("expected one or two arguments"),
            ));
        };
        // A `yield_from!` inside the inner coroutine's expression runs first.
        self.visit_expr_mut(&mut sub);
        let mut first = first;
        if let Some(first) = &mut first {
            self.visit_expr_mut(first);
        }

        self.count += 1;
        let n = self.count;
        let local = |name: &str| Ident::new(&format!("__{name}{n}"), Span::mixed_site());
        let from = Ident::new(
            &format!("{}{n}", crate::names::DELEGATED),
            Span::mixed_site(),
        );
        let (arg, yielded, returned) = (local("arg"), local("y"), local("r"));
        let span = mac.path.span();
        let coro = crate::paths::root_at(span);
        let first = match first {
            Some(first) => first.into_token_stream(),
            None => quote_spanned!(span=> #coro::__private::first_resume_arg()),
        };
        // `yield_!` spanned at the user's call: its text is the call itself, and an error
        // about the suspension points there.
        let yield_mac = Macro {
            path: syn::parse_quote_spanned!(span=> #coro::yield_),
            bang_token: Token![!](span),
            delimiter: mac.delimiter.clone(),
            tokens: quote!(#yielded),
        };
        let path = &mac.path;
        Ok(syn::parse_quote_spanned! {span=>
            {
                #path!(@rewritten);
                let mut #from = #sub;
                let mut #arg = #first;
                loop {
                    match #coro::Coroutine::resume(&mut #from, #arg) {
                        #coro::CoroutineState::Yielded(#yielded) => { #arg = #yield_mac; }
                        #coro::CoroutineState::Complete(#returned) => break #returned,
                    }
                }
            }
        })
    }
}

fn usage(problem: &str) -> String {
    format!(
        "`yield_from!` takes the coroutine to run and, optionally, the argument of its first \
         resume: `yield_from!(sub)` or `yield_from!(sub, first)`; {problem}"
    )
}

impl VisitMut for Rewriter {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Macro(m) = expr {
            if is_yield_from_macro(&m.mac) {
                if let Some(replacement) = self.replacement(&m.mac) {
                    *expr = replacement;
                }
                return;
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if is_yield_from_macro(&m.mac) {
                if let Some(replacement) = self.replacement(&m.mac) {
                    // As a statement, the inner coroutine's return value is dropped.
                    let semi = m.semi_token.or(Some(Token![;](Span::call_site())));
                    *stmt = syn::Stmt::Expr(replacement, semi);
                }
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}

    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn becomes_a_forwarding_loop() {
        let mut block: syn::Block = syn::parse_quote!({
            let r = yield_from!(inner(1));
            r
        });
        rewrite(&mut block).unwrap();
        let text = block.to_token_stream().to_string();
        assert!(text.contains("yield_from ! (@ rewritten)"), "{text}");
        assert!(text.contains("let mut __from1 = inner (1) ;"), "{text}");
        assert!(text.contains("first_resume_arg ()"), "{text}");
        assert!(text.contains("= :: coro :: yield_ ! (__y1)"), "{text}");
        // A second pass leaves the marker alone.
        let before = text.clone();
        rewrite(&mut block).unwrap();
        assert_eq!(block.to_token_stream().to_string(), before);
    }

    #[test]
    fn explicit_first_argument() {
        let mut block: syn::Block = syn::parse_quote!({
            coro::yield_from!(sub, 7u8);
        });
        rewrite(&mut block).unwrap();
        let text = block.to_token_stream().to_string();
        assert!(text.contains("let mut __arg1 = 7u8 ;"), "{text}");
        assert!(!text.contains("first_resume_arg"), "{text}");
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            quote!({
                yield_from!();
            }),
            quote!({
                yield_from!(a, b, c);
            }),
            quote!({
                yield_from!(let x);
            }),
        ] {
            let mut block: syn::Block = syn::parse2(bad).unwrap();
            let error = rewrite(&mut block).unwrap_err().to_string();
            assert!(error.contains("`yield_from!(sub)`"), "{error}");
        }
    }
}
