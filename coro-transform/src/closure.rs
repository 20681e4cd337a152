//! The closure shape of `coro::coro!`: `coro!(move |first: A| { .. yield v .. })` is an
//! expression whose value implements `Coroutine<A>` (and `Locate`, `Debug`), as rustc's
//! closure coroutines: the parameter receives the first resume argument, the yield and
//! return types are inferred (an explicit `-> R` gives the return type).
//!
//! Capturing: the body runs inside the generated resume closure, which is `move` exactly
//! when the user's closure is, so variables of the enclosing function are captured as the
//! user's closure would capture them. A `move` closure also moves every variable its body
//! names as a value (lowercase names that are not bound in the body and not only called)
//! into the coroutine's `Unresumed` state, as if they were parameters: the body then owns
//! them, and may move them out, across yields, or drop them early, as rustc's coroutines
//! may do with their upvars. A name only mentioned inside another macro's arguments, or
//! only called (`f(x)`), stays a capture of the resume closure: it can be used, borrowed
//! and mutated, but not moved out of.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{parse_quote, Error, Expr, Pat, Result, Type};

use crate::signature::{CoroutineFn, Param};
use crate::syntax::irrefutable_bindings;

/// What the transform needs from a closure: its signature in the transform's terms and
/// the body as a block.
pub struct Closure {
    pub sig: CoroutineFn,
    pub body: syn::Block,
    /// `move`: the resume closure moves its captures in.
    pub capture_move: bool,
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
    if let Some(movability) = &closure.movability {
        return Err(Error::new(
            movability.span,
            "`static` coroutines (which may borrow their own locals across a yield) are not \
             supported: `coro` coroutines are movable values, so a reference to a local \
             cannot be held across a `yield`; remove `static` and keep owned values (or \
             indices) across yields instead",
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
    if capture_move {
        let bound: HashSet<String> = params
            .iter()
            .flat_map(|p| irrefutable_bindings(&p.pat))
            .map(|b| b.ident.to_string())
            .collect();
        for name in captured_values(&body) {
            if bound.contains(&name.to_string()) {
                continue;
            }
            params.push(Param {
                pat: parse_quote!(mut #name),
                name,
                resume: false,
                ty: None,
            });
        }
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
        },
        body,
        capture_move,
    })
}

/// The names a `move` closure's body takes as values from its environment, in order of
/// first mention: outer names (not bound in the body) that are written as a path
/// expression somewhere other than the callee of a call, and that look like variables
/// (lowercase, not `self`: `self` stays a capture of the resume closure).
fn captured_values(body: &syn::Block) -> Vec<Ident> {
    let block = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: body.clone(),
    });
    let mut values = ValueNames::default();
    values.visit_block(body);
    let mut seen = HashSet::new();
    crate::facts::of_expr(&block)
        .mentions
        .into_iter()
        .map(|mention| mention.ident)
        .filter(|name| {
            let text = name.to_string();
            let variable_like = text
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '_')
                && text != "_"
                && text != "self";
            variable_like && values.names.contains(&text) && seen.insert(text)
        })
        .collect()
}

/// Single-segment path expressions outside callee position, macro arguments and nested
/// items.
#[derive(Default)]
struct ValueNames {
    names: HashSet<String>,
}

impl<'ast> Visit<'ast> for ValueNames {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if path.qself.is_none() && path.path.leading_colon.is_none() {
            if let Some(segment) = path.path.segments.first() {
                if path.path.segments.len() == 1 && segment.arguments.is_none() {
                    self.names.insert(segment.ident.to_string());
                }
            }
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        // The callee may be a function item (perhaps generic); only a callee that is not a
        // plain name is looked into.
        if !matches!(&*call.func, Expr::Path(_)) {
            self.visit_expr(&call.func);
        }
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn visit_macro(&mut self, _: &'ast syn::Macro) {}

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Wraps the function [`crate::assemble::function`] produced for the closure into the
/// expression the macro expands to: its body, with the resume closure made `move` when
/// the user's closure is.
pub fn expression(function: TokenStream, capture_move: bool) -> Result<TokenStream> {
    let mut item: syn::ItemFn = syn::parse2(function).map_err(|e| {
        Error::new(
            e.span(),
            format!("coro: internal error in the closure form: {e}"),
        )
    })?;
    if capture_move {
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
    let block = item.block;
    Ok(quote!(#block))
}
