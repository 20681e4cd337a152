//! The closure shape of `coro::coro!`: `coro!(move |first: A| { .. yield v .. })` is an
//! expression whose value implements `Coroutine<A>` (and `Locate`, `Debug`), as rustc's
//! closure coroutines: the parameter receives the first resume argument, the yield and
//! return types are inferred (an explicit `-> R` gives the return type). `static` closures
//! are accepted and compiled as movable ones ([`static_error`]).
//!
//! Capturing, as rustc 2021 decides it as far as syntax shows ([`by_value_captures`]): the
//! body runs inside the generated resume closure, which is `move` exactly when the user's
//! closure is, so what the body only borrows is captured by that closure, by reference or
//! mutable reference as rustc decides for it. The variables the coroutine must own are moved
//! into its `Unresumed` state when it is created, as if they were parameters: the body then
//! owns them, and may move them out, hold them across yields, or drop them early, as rustc's
//! coroutines may do with their by-value upvars. A `move` closure owns every variable it
//! names as a value; a non-`move` one owns those some use moves and none assigns, and of a
//! variable used only through fields, the fields ([`Places`]): their places are moved out
//! by `let`s in front of the machine ([`Wrapper::expression`]), and the body names them
//! under names of their own.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote, Error, Expr, Pat, Result, Token, Type};

use crate::facts::{self, How};
use crate::signature::{CoroutineFn, Param};
use crate::syntax::{irrefutable_bindings, pattern_bindings};

mod captures;

use captures::by_value_captures;

/// What the transform needs from a closure: its signature in the transform's terms and
/// the body as a block, and what turns the transformed function into the expression.
pub struct Closure {
    pub sig: CoroutineFn,
    pub body: syn::Block,
    pub wrapper: Wrapper,
}

/// What [`parse`] learnt that the transformed function's wrapping needs.
pub struct Wrapper {
    /// `move`: the resume closure moves its captures in.
    capture_move: bool,
    /// Written `static`: accepted, and compiled as a movable closure.
    is_static: bool,
    /// The fields captured by value on their own (`pair.0`): the name that stands for the
    /// place in the body and the state, and the place, moved out when the coroutine is
    /// created.
    places: Vec<(Ident, Expr)>,
}

/// Checks the closure's shape and reads its parameter and return type. The body is
/// returned with its `yield`s already turned into `yield_!` and its `yield_from!`s
/// rewritten, so that the captures can be read from it.
pub fn parse(closure: &syn::ExprClosure) -> Result<Closure> {
    if let Some(lifetimes) = &closure.lifetimes {
        return Err(Error::new_spanned(
            lifetimes,
            "a coroutine closure cannot have `for<..>` lifetimes; remove them",
        ));
    }
    if let Some(constness) = &closure.constness {
        return Err(Error::new(
            constness.span,
            "a coroutine closure cannot be `const`; remove `const`",
        ));
    }
    if let Some(asyncness) = &closure.asyncness {
        return Err(Error::new(
            asyncness.span,
            "a coroutine closure cannot be `async`: a coroutine is driven by calling \
             `resume`, not by awaiting it; remove `async`",
        ));
    }
    if closure.inputs.len() > 1 {
        return Err(Error::new_spanned(
            &closure.inputs[1],
            "a coroutine closure takes at most one parameter, the first resume argument; to \
             receive several values per resume, take a tuple: `|(a, b): (A, B)| ..`",
        ));
    }

    let mut params = Vec::new();
    let mut arg_ty: Type = parse_quote!(());
    if let Some(input) = closure.inputs.first() {
        let (pat, ty) = match input {
            Pat::Type(typed) => ((*typed.pat).clone(), Some((*typed.ty).clone())),
            other => (other.clone(), None),
        };
        arg_ty = ty.unwrap_or_else(|| parse_quote!(_));
        let name = match &pat {
            Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => p.ident.clone(),
            other => Ident::new("__arg0", other.span()),
        };
        params.push(Param {
            pat,
            name,
            resume: true,
            ty: Some(arg_ty.clone()),
        });
    }
    let return_ty: Type = match &closure.output {
        syn::ReturnType::Type(_, ty) => (**ty).clone(),
        syn::ReturnType::Default => parse_quote!(_),
    };

    let mut body: syn::Block = match &*closure.body {
        Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => b.block.clone(),
        other => parse_quote!({ #other }),
    };
    crate::front::reject_yields_in_macros(&body)?;
    crate::front::yield_keywords(&mut body);
    crate::delegate::rewrite(&mut body)?;

    let capture_move = closure.capture.is_some();
    let bound: HashSet<String> = params
        .iter()
        .flat_map(|p| irrefutable_bindings(&p.pat))
        .map(|b| b.ident.to_string())
        .collect();
    let (captures, mut rename) = by_value_captures(&body, capture_move, &bound);
    let mut places = Vec::new();
    // Declared before the closure's parameter (which rustc drops before the captures) and
    // latest captured first, so that they drop in capture order (see
    // `CoroutineFn::captures_reversed`).
    let parameter = std::mem::take(&mut params);
    for capture in captures.into_iter().rev() {
        let name = capture.name.clone();
        if let Some(place) = capture.place {
            places.push((name.clone(), place));
        }
        params.push(Param {
            pat: parse_quote!(mut #name),
            name,
            resume: false,
            ty: None,
        });
    }
    params.extend(parameter);
    if !places.is_empty() {
        rename.visit_block_mut(&mut body);
    }

    let coro = crate::paths::root();
    let item: syn::ItemFn = parse_quote!(
        fn closure() -> impl #coro::Coroutine<#arg_ty, Yield = _, Return = #return_ty> {}
    );
    Ok(Closure {
        sig: CoroutineFn {
            item,
            params,
            arg_ty,
            yield_ty: parse_quote!(_),
            return_ty,
            captures_reversed: true,
            trust: Default::default(),
        },
        body,
        wrapper: Wrapper {
            capture_move,
            is_static: closure.movability.is_some(),
            places,
        },
    })
}

impl Wrapper {
    /// A transform error in the closure's words (see [`static_error`]).
    pub fn error(&self, error: Error) -> Error {
        if self.is_static {
            static_error(error)
        } else {
            error
        }
    }

    /// Wraps the function [`crate::assemble::function`] produced for the closure into the
    /// expression the macro expands to: its body, with the resume closure made `move` when
    /// the user's closure is, after moving the fields captured on their own out of their
    /// variables.
    pub fn expression(&self, function: TokenStream) -> Result<TokenStream> {
        let mut item: syn::ItemFn = syn::parse2(function).map_err(|e| {
            Error::new(
                e.span(),
                format!("coro: internal error in the closure form: {e}"),
            )
        })?;
        if self.capture_move {
            for stmt in &mut item.block.stmts {
                let syn::Stmt::Local(local) = stmt else {
                    continue;
                };
                let Some(init) = &mut local.init else {
                    continue;
                };
                if let Expr::Call(call) = &mut *init.expr {
                    if let Some(Expr::Closure(step)) = call.args.last_mut() {
                        step.capture = Some(Default::default());
                    }
                }
            }
        }
        let moves = self
            .places
            .iter()
            .map(|(name, place)| -> syn::Stmt { parse_quote!(let #name = #place;) });
        item.block.stmts.splice(0..0, moves);
        let block = item.block;
        Ok(quote!(#block))
    }
}

/// A transform error for a `static` closure. rustc uses `static` only to let a coroutine
/// borrow its own locals across a yield; a `coro` coroutine is a movable value that never
/// holds such a borrow (it makes the borrows it can again after each resume, see
/// `borrows`), so `static` compiles to the same coroutine as without it, and the borrows it
/// cannot make again are still errors. Those errors say that rustc's coroutines reject
/// them too (E0626), which is not true of a `static` one: the message says so instead.
pub fn static_error(error: Error) -> Error {
    let mut out: Option<Error> = None;
    for part in error {
        let message = part.to_string().replace(
            "(rustc's coroutines reject the others too, E0626)",
            "(a `static` coroutine of rustc's may hold the others, but `coro::coro!` compiles \
             `static` closures as movable ones, which cannot)",
        );
        let message = message.replace(
            "(rustc's coroutines reject this too, E0626)",
            "(a `static` coroutine of rustc's may do this, but `coro::coro!` compiles \
             `static` closures as movable ones, which cannot)",
        );
        let part = Error::new(part.span(), message);
        match &mut out {
            Some(out) => out.combine(part),
            None => out = Some(part),
        }
    }
    out.unwrap_or_else(|| Error::new(proc_macro2::Span::call_site(), "`coro::coro!` failed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a closure captures by value, as `name` or `name = place`.
    fn captured(closure: &str) -> Vec<String> {
        let closure: syn::ExprClosure = syn::parse_str(closure).unwrap();
        let parsed = parse(&closure).unwrap();
        parsed
            .sig
            .params
            .iter()
            .filter(|p| !p.resume)
            .map(|p| {
                let place = parsed.wrapper.places.iter().find(|(n, _)| *n == p.name);
                match place {
                    Some((_, place)) => format!("{} = {}", p.name, quote!(#place)),
                    None => p.name.to_string(),
                }
            })
            // In capture order (the parameters declare them reversed).
            .rev()
            .collect()
    }

    #[test]
    fn non_move_closures_own_what_a_use_moves_and_none_assigns() {
        assert_eq!(
            captured("|| { drop(b); yield c; f(&d); e.push(1); g.len(); yield h.into_iter(); }"),
            ["b", "c", "h"]
        );
        // Assigned (or mutably borrowed) and read by value: left to the resume closure.
        assert!(captured("|| { n += 1; yield n; }").is_empty());
        assert!(captured("|| { let r = &mut n; yield n; }").is_empty());
        assert!(captured("|| { s.f = 1; yield s; }").is_empty());
        // Format arguments borrow; `vec!` and yields move.
        assert_eq!(
            captured(r#"|| { println!("{a} {}", b); yield vec![c]; }"#),
            ["c"]
        );
        // Through a deref: borrowed (rustc reborrows `*r`), whatever is done there.
        assert!(captured("|| { f(&mut *r); *r += 1; yield *r; let s = &*r; }").is_empty());
        // A nested closure that needs the value, and a nested `move` closure.
        assert_eq!(
            captured("|| { let f = || drop(a); let g = move || b.len(); yield; }"),
            ["a", "b"]
        );
        // Callees, bound names, the parameter, `self` and unknown macros are not owned.
        assert!(captured("|x: u32| { f(x); let y = 1; yield y; yield self.k; m!(z); }").is_empty());
    }

    #[test]
    fn move_closures_own_every_value_path() {
        assert_eq!(
            captured(r#"move || { yield a; println!("{b}"); c.len(); f(d); }"#),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn fields_used_on_their_own_are_owned_on_their_own() {
        assert_eq!(
            captured("|| { drop(p.0); yield q.a.b; yield q.a.c; println!(\"{}\", r.x); }"),
            [
                "__capture_p_0 = p . 0",
                "__capture_q_a_b = q . a . b",
                "__capture_q_a_c = q . a . c"
            ]
        );
        // A whole use, or a shorter place, takes the longer ones in.
        assert_eq!(captured("|| { drop(p.0); yield p; }"), ["p"]);
        assert_eq!(
            captured("|| { drop(p.a.b); yield p.a; }"),
            ["__capture_p_a = p . a"]
        );
        // A body that binds the name itself: whole.
        assert_eq!(
            captured("|| { drop(p.0); let p = (1, 2); yield p.1; }"),
            ["p"]
        );
    }

    #[test]
    fn owned_fields_are_renamed_in_macro_tokens() {
        let closure: syn::ExprClosure =
            syn::parse_str(r#"|| { drop(p.0); let t = format!("{}", p.0.1); m!(p.0 .2, p.1); }"#)
                .unwrap();
        let parsed = parse(&closure).unwrap();
        let stmts = &parsed.body.stmts;
        let body = quote!(#(#stmts)*).to_string();
        assert!(body.contains("drop (__capture_p_0)"), "{body}");
        assert!(body.contains("__capture_p_0 . 1"), "{body}");
        assert!(body.contains("__capture_p_0 . 2 , p . 1"), "{body}");
    }
}
