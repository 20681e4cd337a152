//! Rewrites of the user's plain code that moving it into a resume function requires:
//! `self` becomes an ordinary binding, `return` and `?` complete the coroutine instead of
//! returning from the resume function, and a binding that hides a same-named one the
//! coroutine must keep gets a name of its own.
//!
//! None of them enter closures, `async` blocks or nested items, where `return`, `?` and
//! `break` keep their own meaning (closures still see the renamed `self`).
//!
//! ```text
//! // Input:                                  // Output:
//! let n = self.len();                        // let n = __self.len();
//! let v = parse(x)?;                         // let v = match ::coro::__private::branch(parse(x)) {
//!                                            //   Ok(__value) => __value,
//!                                            //   Err(__residual) => break '__coroutine_body __residual };
//! return n;                                  // break '__coroutine_body n;
//! ```

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote_spanned, Expr, Lifetime, Macro, Token};

/// The name `self` is given inside the coroutine body.
pub fn self_ident(span: Span) -> Ident {
    Ident::new("__self", span)
}

/// Renames `self` (in expressions and in macro arguments) to [`self_ident`].
pub fn rename_self(block: &mut syn::Block) {
    SelfRenamer.visit_block_mut(block);
}

struct SelfRenamer;

impl VisitMut for SelfRenamer {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        if path.qself.is_none() && path.path.segments.len() == 1 {
            let segment = &mut path.path.segments[0];
            if segment.ident == "self" {
                segment.ident = self_ident(segment.ident.span());
            }
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        // `stringify!` only makes text, which should read `self`.
        if !mac.path.is_ident("stringify") {
            mac.tokens = rename_self_tokens(mac.tokens.clone());
        }
    }

    fn visit_item_mut(&mut self, item: &mut syn::Item) {
        // A `macro_rules!` of the body names the method's `self` in its rules as the body
        // does (its tokens resolve where it is defined).
        if let syn::Item::Macro(m) = item {
            if m.mac.path.is_ident("macro_rules") {
                m.mac.tokens = rename_self_tokens(m.mac.tokens.clone());
            }
        }
    }
}

/// Whether the group at `i` is the argument list of `stringify!`.
fn is_stringify_call(trees: &[TokenTree], i: usize) -> bool {
    i >= 2
        && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
        && matches!(&trees[i - 2], TokenTree::Ident(name) if name == "stringify")
}

fn rename_self_tokens(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tree) in trees.iter().enumerate() {
        out.push(match tree {
            TokenTree::Ident(ident) if ident == "self" => {
                let is_path =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if is_path {
                    tree.clone()
                } else {
                    TokenTree::Ident(self_ident(ident.span()))
                }
            }
            // `stringify!(..)` inside another macro's tokens: left as written.
            TokenTree::Group(_) if is_stringify_call(&trees, i) => tree.clone(),
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), rename_self_tokens(group.stream()));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other.clone(),
        });
    }
    out.into_iter().collect()
}

/// Turns `return value` into `break 'body value` and `expr?` into a match that breaks out
/// with the residual, where `'body` labels the block that produces the coroutine's return
/// value.
pub fn rewrite_exits(block: &mut syn::Block, body_label: &Lifetime) {
    ExitRewriter { body_label }.visit_block_mut(block);
}

struct ExitRewriter<'a> {
    body_label: &'a Lifetime,
}

impl VisitMut for ExitRewriter<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let label = self.body_label;
        match expr {
            Expr::Return(ret) => {
                let span = ret.return_token.span;
                let value = match &ret.expr {
                    Some(value) => quote_spanned!(span=> #value),
                    None => quote_spanned!(span=> ()),
                };
                *expr = parse_quote_spanned!(span=> break #label #value);
            }
            Expr::Try(try_expr) => {
                let span = crate::paths::at(try_expr.question_token.span);
                let inner = &try_expr.expr;
                let value = Ident::new("__value", Span::mixed_site());
                let residual = Ident::new("__residual", Span::mixed_site());
                let coro = crate::paths::root_at(span);
                *expr = parse_quote_spanned!(span=>
                    match #coro::__private::branch(#inner) {
                        ::core::result::Result::Ok(#value) => #value,
                        ::core::result::Result::Err(#residual) => break #label #residual,
                    }
                );
            }
            _ => {}
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        rewrite_macro_args(mac, |expr| self.visit_expr_mut(expr));
    }

    fn visit_expr_closure_mut(&mut self, _closure: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _block: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

/// Applies `f` to a macro's arguments when they parse as comma-separated expressions
/// (as `println!`, `assert_eq!` or `vec!` arguments do); leaves other macros alone.
fn rewrite_macro_args(mac: &mut Macro, mut f: impl FnMut(&mut Expr)) {
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    if let Ok(mut args) = mac.parse_body_with(parser) {
        let before = quote::ToTokens::to_token_stream(&args).to_string();
        args.iter_mut().for_each(&mut f);
        if quote::ToTokens::to_token_stream(&args).to_string() != before {
            mac.tokens = quote::ToTokens::to_token_stream(&args);
        }
    }
}
