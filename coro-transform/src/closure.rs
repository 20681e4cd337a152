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
//! names as a value; a non-`move` one owns those some use moves and none assigns.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote, Error, Expr, Pat, Result, Token, Type};

use crate::facts::{self, How};
use crate::signature::{CoroutineFn, Param};
use crate::syntax::pattern_bindings;

/// What the transform needs from a closure: its signature in the transform's terms and
/// the body as a block.
pub struct Closure {
    pub sig: CoroutineFn,
    pub body: syn::Block,
    /// `move`: the resume closure moves its captures in.
    pub capture_move: bool,
    /// Written `static`: accepted, and compiled as a movable closure (see [`static_error`]).
    pub is_static: bool,
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
        .flat_map(|p| pattern_bindings(&p.pat))
        .map(|b| b.ident.to_string())
        .collect();
    for name in by_value_captures(&body, capture_move, &bound) {
        params.push(Param {
            pat: parse_quote!(mut #name),
            name,
            resume: false,
            ty: None,
        });
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
        is_static: closure.movability.is_some(),
    })
}

/// A transform error for a `static` closure. rustc uses `static` only to let a coroutine
/// borrow its own locals across a yield; a `coro` coroutine is a movable value that never
/// holds such a borrow, so `static` compiles to the same coroutine as without it, and the
/// borrows a movable coroutine cannot hold are still errors. Those errors say that
/// rustc's coroutines reject them too (E0626), which is not true of a `static` one: the
/// message says so instead.
pub fn static_error(error: Error) -> Error {
    let mut out: Option<Error> = None;
    for part in error {
        let message = part.to_string().replace(
            "(rustc's coroutines reject it too, E0626)",
            "(a `static` coroutine of rustc's may hold it, but `coro::coro!` compiles \
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

/// The variables of the enclosing function that the coroutine takes by value: moved into
/// its `Unresumed` state when it is created, as if they were parameters, in order of first
/// mention. Every other variable the body names is captured by the resume closure (by
/// reference, or by value for a `move` closure), as rustc decides for an ordinary closure.
///
/// The candidates are the outer names the body writes as a value path (a single lowercase
/// name, not `self`, outside the callee of a call: a function item there stays a capture of
/// the resume closure), found in [`capture_view`] of the body by [`crate::facts`] (which
/// knows which names the body binds itself) and [`ValuePaths`]. A `move` closure takes
/// every candidate by value. A non-`move` closure takes a candidate by value when rustc
/// 2021 would as far as syntax shows: some use of it needs the value (facts says it may
/// move: an argument, an operand, a `let` initializer, a `for` iterable, a returned or
/// yielded value, a use inside a nested `move` closure) and no use assigns to it or
/// borrows it mutably (for a `Copy` value, such a mix is captured by mutable reference,
/// and the caller sees the assignments).
fn by_value_captures(body: &syn::Block, capture_move: bool, bound: &HashSet<String>) -> Vec<Ident> {
    let mut view = body.clone();
    CaptureView { capture_move }.visit_block_mut(&mut view);
    let view = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: view,
    });
    let mut paths = ValuePaths::default();
    paths.visit_expr(&view);
    let mentions = crate::facts::of_expr(&view).mentions;
    let mut order: Vec<Ident> = Vec::new();
    for mention in &mentions {
        let text = mention.ident.to_string();
        let variable_like = text
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c == '_')
            && text != "_"
            && text != "self";
        if variable_like
            && paths.names.contains(&text)
            && !bound.contains(&text)
            && !order.iter().any(|seen| *seen == text)
        {
            order.push(mention.ident.clone());
        }
    }
    if capture_move {
        return order;
    }
    order
        .into_iter()
        .filter(|name| {
            let uses = || mentions.iter().filter(|m| m.ident == *name);
            uses().any(|m| m.how == How::Move) && !uses().any(|m| m.how == How::Assign)
        })
        .collect()
}

/// The macros whose arguments [`CaptureView`] reads as expressions: the standard formatting
/// and assertion macros (which borrow their arguments), `vec!`, `matches!` and `dbg!`.
const FORMAT_MACROS: &[&str] = &[
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert_eq",
    "assert_ne",
    "debug_assert_eq",
    "debug_assert_ne",
];

/// Rewrites a copy of the body into what rustc's capture analysis would see, as far as the
/// transform can tell without types, so that [`crate::facts`] reads each use as it matters
/// for a capture:
///
/// * `yield_!(v)` is `v` (a yielded value is used by value); known macros are expanded
///   into the borrows or values they take; any other macro is left out (its tokens may not
///   even be expressions: what it uses stays a capture of the resume closure);
/// * in a non-`move` closure, the receiver of a method call is borrowed (rustc decides from
///   the method's `self` whether it is captured by reference, by mutable reference or by
///   value; the resume closure leaves that decision to rustc), except for `into` and
///   `into_*` methods, which take `self` by value by convention; an assignment, compound
///   assignment or `&mut` of a place rooted in a name is an assignment of that name, and a
///   nested non-`move` closure is read as a block (rustc captures for it what its body
///   needs).
struct CaptureView {
    capture_move: bool,
}

impl CaptureView {
    fn known_macro(&self, mac: &syn::Macro) -> Option<Expr> {
        let name = mac.path.segments.last()?.ident.to_string();
        let args = || {
            mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
                .ok()
        };
        let borrowed = |args: &mut dyn Iterator<Item = &Expr>| -> Vec<Expr> {
            args.flat_map(|arg| match arg {
                Expr::Lit(lit) => facts::format_string_names(&lit.lit)
                    .into_iter()
                    .map(|name| parse_quote!(&#name))
                    .collect::<Vec<Expr>>(),
                Expr::Assign(named) => {
                    let value = &named.right;
                    vec![parse_quote!(&#value)]
                }
                other => vec![parse_quote!(&#other)],
            })
            .collect()
        };
        let expr: Expr = match name.as_str() {
            _ if crate::syntax::is_yield_macro(mac) => {
                if mac.tokens.is_empty() {
                    parse_quote!(())
                } else {
                    let value: Expr = mac.parse_body().ok()?;
                    parse_quote!((#value))
                }
            }
            name if FORMAT_MACROS.contains(&name) => {
                let args = borrowed(&mut args()?.iter());
                parse_quote!((#(#args,)*))
            }
            "write" | "writeln" | "assert" | "debug_assert" => {
                let args = args()?;
                let mut args = args.iter();
                let first = args.next()?;
                let first: Expr = if name.starts_with("write") {
                    parse_quote!(&#first)
                } else {
                    first.clone()
                };
                let rest = borrowed(&mut args);
                parse_quote!((#first, #(#rest,)*))
            }
            "vec" => {
                let repeat = mac
                    .parse_body_with(|input: syn::parse::ParseStream| {
                        let elem: Expr = input.parse()?;
                        input.parse::<Token![;]>()?;
                        let len: Expr = input.parse()?;
                        Ok((elem, len))
                    })
                    .ok();
                match repeat {
                    Some((elem, len)) => parse_quote!([#elem; #len]),
                    None => {
                        let args = args()?;
                        let args = args.iter();
                        parse_quote!([#(#args),*])
                    }
                }
            }
            "matches" => {
                let args = args()?;
                let first = args.first()?;
                parse_quote!(&#first)
            }
            "dbg" => {
                let args = args()?;
                let args = args.iter();
                parse_quote!((#(#args,)*))
            }
            _ => return None,
        };
        Some(expr)
    }

    /// `x`, for a place `x`, `x.f`, `x[i]`, `x.f[i].g` (not through a deref).
    fn root(place: &Expr) -> Option<Expr> {
        match place {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                Some(place.clone())
            }
            Expr::Field(f) => Self::root(&f.base),
            Expr::Index(i) => Self::root(&i.expr),
            Expr::Paren(p) => Self::root(&p.expr),
            _ => None,
        }
    }
}

impl VisitMut for CaptureView {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let unit: Expr = parse_quote!(());
        match expr {
            Expr::Macro(m) => *expr = self.known_macro(&m.mac).unwrap_or(unit),
            Expr::MethodCall(m)
                if !self.capture_move
                    && Self::root(&m.receiver).is_some()
                    && !consumes_receiver(&m.method) =>
            {
                let receiver = &m.receiver;
                *m.receiver = parse_quote!(&#receiver);
            }
            Expr::Assign(a) if !self.capture_move => {
                if let Some(root) = Self::root(&a.left) {
                    *a.left = root;
                }
            }
            Expr::Binary(b) if !self.capture_move && crate::syntax::is_compound_assign(&b.op) => {
                if let Some(root) = Self::root(&b.left) {
                    let right = &b.right;
                    *expr = parse_quote!(#root = #right);
                }
            }
            Expr::Reference(r) if !self.capture_move && r.mutability.is_some() => {
                if let Some(root) = Self::root(&r.expr) {
                    *expr = parse_quote!((#root = ()));
                }
            }
            Expr::Closure(c) if !self.capture_move && c.capture.is_none() => {
                // `{ let (params..); body }`, built as a tree: typed parameters
                // (`|x: u32|`) are not a pattern Rust would parse there.
                let params = syn::Stmt::Local(syn::Local {
                    attrs: Vec::new(),
                    let_token: Default::default(),
                    pat: Pat::Tuple(syn::PatTuple {
                        attrs: Vec::new(),
                        paren_token: Default::default(),
                        elems: c.inputs.clone(),
                    }),
                    init: None,
                    semi_token: Default::default(),
                });
                let body = &c.body;
                *expr = parse_quote!({ #params #body });
            }
            _ => {}
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            let expr = self.known_macro(&m.mac).unwrap_or_else(|| parse_quote!(()));
            *stmt = syn::Stmt::Expr(expr, Some(Default::default()));
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `into` and `into_*`: by the naming convention of the standard library and the API
/// guidelines, these take `self` by value, so their receiver is used by value.
fn consumes_receiver(method: &Ident) -> bool {
    let name = method.to_string();
    name == "into" || name.starts_with("into_")
}

/// Single-segment path expressions outside callee position and nested items.
#[derive(Default)]
struct ValuePaths {
    names: HashSet<String>,
}

impl<'ast> Visit<'ast> for ValuePaths {
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
