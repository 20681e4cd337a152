//! The front end of the function-like `coro::coro!` macro: its input may use the real
//! `yield` keyword (stable rustc accepts it inside a function-like macro's tokens, never
//! inside an attribute's), which syn parses as [`syn::ExprYield`]. This module turns every
//! `yield e` into the `yield_!(e)` the rest of the transform handles (by the path
//! `::coro::__private::yield_`, under the crate's path from [`crate::paths`], so that it
//! can be told from a `yield_!` the user wrote), and turns the transform's errors, which
//! speak of `yield_!` and `#[coro::coroutine]`, back into the
//! words the user wrote.
//!
//! The postfix form `value.yield` (rustc's newer spelling, which syn does not parse) is
//! handled on the tokens first: [`postfix_yields`] turns `.yield` into a call of a method
//! named [`POSTFIX_YIELD`], which syn parses as a method call with exactly `.yield`'s
//! precedence (both are postfix operators), and [`yield_keywords`] turns that call into the
//! same `yield_!(value)` as `yield value`.

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote_spanned, Expr};

/// The method a postfix `.yield` is spelled as between [`postfix_yields`] and
/// [`yield_keywords`]; never seen by the compiler.
pub const POSTFIX_YIELD: &str = "__coro_postfix_yield";

/// Rewrites every postfix `.yield` in `tokens` (at any depth) to `.__coro_postfix_yield()`,
/// spanned at the `yield`. A `.` that ends `..`, `...` or `..=` is not a postfix operator
/// and is left alone (`0..yield` is a range ending in a prefix `yield`).
pub fn postfix_yields(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Group(group) => {
                let mut rewritten = Group::new(group.delimiter(), postfix_yields(group.stream()));
                rewritten.set_span(group.span());
                out.push(TokenTree::Group(rewritten));
            }
            TokenTree::Punct(dot) if dot.as_char() == '.' && dot.spacing() == Spacing::Alone => {
                let after_dot = i > 0
                    && matches!(&trees[i - 1],
                        TokenTree::Punct(p) if p.as_char() == '.' && p.spacing() == Spacing::Joint);
                match trees.get(i + 1) {
                    Some(TokenTree::Ident(keyword)) if keyword == "yield" && !after_dot => {
                        let span = keyword.span();
                        out.push(trees[i].clone());
                        out.push(TokenTree::Ident(Ident::new(POSTFIX_YIELD, span)));
                        let mut call = Group::new(Delimiter::Parenthesis, TokenStream::new());
                        call.set_span(span);
                        out.push(TokenTree::Group(call));
                        i += 2;
                        continue;
                    }
                    _ => out.push(trees[i].clone()),
                }
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// The receiver of a postfix `.yield`, as [`postfix_yields`] left it.
fn as_postfix_yield(expr: &Expr) -> Option<&syn::ExprMethodCall> {
    match expr {
        Expr::MethodCall(call)
            if call.method == POSTFIX_YIELD && call.args.is_empty() && call.turbofish.is_none() =>
        {
            Some(call)
        }
        _ => None,
    }
}

/// Rewrites every `yield e`, `yield`, `e.yield` in `block` to `yield_!(e)`, `yield_!()`,
/// spanned at the `yield` keyword. Closures and nested items are rewritten too, so that the
/// transform reports a `yield` there as it reports a `yield_!` (macro arguments are tokens
/// and stay as they are: a nested `coro::coro!` keeps its own `yield`s).
pub fn yield_keywords(block: &mut syn::Block) {
    YieldKeywords.visit_block_mut(block);
}

struct YieldKeywords;

impl VisitMut for YieldKeywords {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        if let Some(call) = as_postfix_yield(expr) {
            let span = call.method.span();
            let coro = crate::paths::root_at(span);
            // `(a + b).yield` needs its parentheses; `yield_!(a + b)` does not.
            let value = match &*call.receiver {
                Expr::Paren(inner) if inner.attrs.is_empty() => &*inner.expr,
                other => other,
            };
            let mut mac: syn::ExprMacro =
                parse_quote_spanned!(span=> #coro::__private::yield_!(#value));
            mac.attrs = call.attrs.clone();
            *expr = Expr::Macro(mac);
            return;
        }
        if let Expr::Yield(y) = expr {
            let span = y.yield_token.span;
            let coro = crate::paths::root_at(span);
            let attrs = std::mem::take(&mut y.attrs);
            // `yield (a + b)` as `yield_!(a + b)`: the parentheses would be unused there.
            let value = y.expr.as_deref().map(|value| match value {
                Expr::Paren(inner) if inner.attrs.is_empty() => &*inner.expr,
                other => other,
            });
            let mut mac: syn::ExprMacro = match value {
                Some(value) => parse_quote_spanned!(span=> #coro::__private::yield_!(#value)),
                None => parse_quote_spanned!(span=> #coro::__private::yield_!()),
            };
            mac.attrs = attrs;
            *expr = Expr::Macro(mac);
        }
    }
}

/// Rejects the `yield` keyword in a `#[coro::coroutine]` body (anywhere syn sees it,
/// closures and nested items included), with one error on the first `yield` that says
/// what to write instead. rustc has already reported it as unstable syntax (E0658, which
/// fires before any attribute runs); this error, and the placeholder body the caller then
/// emits, keep that the only other thing the user sees.
pub fn reject_yield_keywords(block: &syn::Block) -> syn::Result<()> {
    /// The first `yield`: its span and its value.
    struct FirstYield(Option<(Span, Option<Expr>)>);
    impl<'ast> syn::visit::Visit<'ast> for FirstYield {
        fn visit_expr(&mut self, e: &'ast Expr) {
            if self.0.is_none() {
                if let Some(call) = as_postfix_yield(e) {
                    self.0 = Some((call.method.span(), Some((*call.receiver).clone())));
                }
            }
            syn::visit::visit_expr(self, e);
        }
        fn visit_expr_yield(&mut self, y: &'ast syn::ExprYield) {
            if self.0.is_none() {
                self.0 = Some((y.yield_token.span, y.expr.as_deref().cloned()));
            }
        }
    }
    let mut first = FirstYield(None);
    syn::visit::Visit::visit_block(&mut first, block);
    let Some((span, value)) = first.0 else {
        return Ok(());
    };
    let value = match &value {
        Some(value) => {
            let text = quote!(#value).to_string();
            if text.len() <= 40 {
                text
            } else {
                "..".to_string()
            }
        }
        None => String::new(),
    };
    Err(syn::Error::new(
        span,
        format!(
            "the `yield` keyword cannot be used in a `#[coro::coroutine]` function: stable \
             Rust rejects it before the attribute runs (the E0658 error); write \
             `yield_!({value})` (with `use coro::yield_;`), or put the function inside \
             `coro::coro! {{ .. }}`, which accepts `yield`"
        ),
    ))
}

/// Rejects a `yield` keyword inside another macro's arguments (`println!("{}", yield x)`):
/// the transform cannot see into them, and rustc would report the keyword as unstable
/// syntax. A nested `coro!` has `yield`s of its own and is left alone.
pub fn reject_yields_in_macros(block: &syn::Block) -> syn::Result<()> {
    let mut finder = MacroYields(None);
    syn::visit::Visit::visit_block(&mut finder, block);
    match finder.0 {
        Some(span) => Err(syn::Error::new(
            span,
            "`yield` cannot be used inside another macro's arguments, which `coro::coro!` \
             cannot see into; bind it first: `let value = yield ..;` and pass `value` to the \
             macro",
        )),
        None => Ok(()),
    }
}

struct MacroYields(Option<Span>);

impl<'ast> syn::visit::Visit<'ast> for MacroYields {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let nested_coro = mac.path.segments.last().is_some_and(|s| s.ident == "coro");
        if self.0.is_none() && !nested_coro {
            self.0 = find_keyword(mac.tokens.clone());
        }
    }
}

fn find_keyword(tokens: proc_macro2::TokenStream) -> Option<Span> {
    tokens.into_iter().find_map(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) if ident == "yield" || ident == POSTFIX_YIELD => {
            Some(ident.span())
        }
        proc_macro2::TokenTree::Group(group) => find_keyword(group.stream()),
        _ => None,
    })
}

/// How a suspension point reads in `Location`: `yield value` for one the user wrote with the
/// keyword, the call as written otherwise.
pub fn describe_yield(path: &syn::Path, value: &Expr, text: String) -> String {
    if !is_generated(path) {
        return text;
    }
    if is_unit_literal(value) && text.ends_with("!()") {
        "yield".to_string()
    } else {
        format!("yield {}", quote!(#value))
    }
}

/// `::coro::__private::yield_` (under whatever path [`crate::paths::root`] gives the crate),
/// the path [`yield_keywords`] writes (a user's `yield_!`, and the ones `yield_from!`
/// becomes, are left alone).
fn is_generated(path: &syn::Path) -> bool {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    names.len() > 2 && names.ends_with(&["__private".to_string(), "yield_".to_string()])
}

fn is_unit_literal(expr: &Expr) -> bool {
    matches!(expr, Expr::Tuple(t) if t.elems.is_empty())
}

/// The transform's messages in the function-like macro's words: `yield` for `yield_!`,
/// `coro::coro!` for `#[coro::coroutine]`. Spans are kept.
pub fn translate(error: syn::Error) -> syn::Error {
    let mut out: Option<syn::Error> = None;
    for part in error {
        let message = translate_message(&part.to_string());
        let part = syn::Error::new(part.span(), message);
        match &mut out {
            Some(out) => out.combine(part),
            None => out = Some(part),
        }
    }
    out.unwrap_or_else(|| syn::Error::new(Span::call_site(), "`coro::coro!` failed"))
}

fn translate_message(message: &str) -> String {
    message
        .replace("`let value = yield_!(..);`", "`let value = yield ..;`")
        .replace("yield_!(..)", "yield ..")
        .replace("`yield_!`", "`yield`")
        .replace("`#[coro::coroutine]` function", "`coro::coro!` function")
        .replace("`#[coro::coroutine]`", "`coro::coro!`")
}

/// What `coro::coro!` accepts: an optional `crate = path;`, then functions or a closure.
pub(crate) struct FunctionLike {
    pub(crate) root: Option<TokenStream>,
    pub(crate) body: FunctionLikeBody,
}

pub(crate) enum FunctionLikeBody {
    Functions(Vec<syn::ItemFn>),
    Closure(Box<syn::ExprClosure>),
}

impl syn::parse::Parse for FunctionLike {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let root = if input.peek(syn::Token![crate]) && input.peek2(syn::Token![=]) {
            let root = crate::crate_path(input)?;
            input.parse::<syn::Token![;]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "`crate = path` ends with `;` before the coroutine: \
                     `coro::coro!(crate = ::co; move || { .. })`",
                )
            })?;
            Some(root)
        } else {
            None
        };
        let body = input.parse()?;
        Ok(FunctionLike { root, body })
    }
}

impl syn::parse::Parse for FunctionLikeBody {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        const EXPECTED: &str = "`coro::coro!` takes coroutine functions \
            (`fn name(..) -> impl Coroutine<Yield = Y, Return = R> { .. }`) or one closure \
            (`move |first: A| { .. }`)";
        let closure_ahead = {
            let fork = input.fork();
            let _ = fork.call(syn::Attribute::parse_outer);
            fork.peek(syn::Token![|])
                || fork.peek(syn::Token![||])
                || fork.peek(syn::Token![move])
                || fork.peek(syn::Token![static])
                || (fork.peek(syn::Token![async]) && !fork.peek2(syn::Token![fn]))
                || (fork.peek(syn::Token![const]) && !fork.peek2(syn::Token![fn]))
                || fork.peek(syn::Token![for])
        };
        if input.is_empty() {
            return Err(input.error(EXPECTED));
        }
        if closure_ahead {
            let closure: syn::ExprClosure = input.parse()?;
            if !input.is_empty() {
                return Err(input.error(
                    "`coro::coro!` takes one closure and nothing after it; \
                     remove the tokens that follow the closure",
                ));
            }
            return Ok(FunctionLikeBody::Closure(Box::new(closure)));
        }
        let mut functions = Vec::new();
        while !input.is_empty() {
            let item: syn::Item = input
                .parse()
                .map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
            match item {
                syn::Item::Fn(func) => functions.push(func),
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        format!("{EXPECTED}; this is not a function"),
                    ))
                }
            }
        }
        Ok(FunctionLikeBody::Functions(functions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn yield_becomes_the_macro() {
        let mut block: syn::Block = syn::parse_quote!({
            let x = yield 1;
            yield;
            f(yield x + 1);
        });
        yield_keywords(&mut block);
        let text = block.to_token_stream().to_string();
        assert_eq!(
            text,
            "{ let x = :: coro :: __private :: yield_ ! (1) ; :: coro :: __private :: yield_ ! () ; \
             f (:: coro :: __private :: yield_ ! (x + 1)) ; }"
        );
    }

    #[test]
    fn postfix_yield_becomes_the_macro() {
        let tokens = postfix_yields(quote!({
            let x = 1.yield;
            ().yield;
            f(a.b[0].yield + 1).yield;
            let r = 0..yield x;
            g(x.yield?);
        }));
        let mut block: syn::Block = syn::parse2(tokens).unwrap();
        yield_keywords(&mut block);
        let text = block.to_token_stream().to_string();
        assert_eq!(
            text,
            "{ let x = :: coro :: __private :: yield_ ! (1) ; \
             :: coro :: __private :: yield_ ! (()) ; \
             :: coro :: __private :: yield_ ! (f (:: coro :: __private :: yield_ ! (a . b [0]) + 1)) ; \
             let r = 0 .. :: coro :: __private :: yield_ ! (x) ; \
             g (:: coro :: __private :: yield_ ! (x) ?) ; }"
        );
    }

    #[test]
    fn postfix_yield_in_an_attribute_function_says_what_to_write() {
        let tokens = postfix_yields(quote!({
            let y = x.yield;
        }));
        let block: syn::Block = syn::parse2(tokens).unwrap();
        let error = reject_yield_keywords(&block).unwrap_err().to_string();
        assert!(error.contains("write `yield_!(x)`"), "{error}");
    }

    #[test]
    fn messages_speak_of_yield() {
        assert_eq!(
            translate_message(
                "`yield_!` inside a larger expression is not supported yet; bind it with \
                 `let` first: `let value = yield_!(..);` and use `value`"
            ),
            "`yield` inside a larger expression is not supported yet; bind it with `let` \
             first: `let value = yield ..;` and use `value`"
        );
    }
}
