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

/// One capture the coroutine owns: a variable, or a field of one (`pair.0`, standing in the
/// body and the state for that place under a name of its own).
struct Capture {
    name: Ident,
    place: Option<Expr>,
}

/// The variables of the enclosing function (or fields of them) that the coroutine takes by
/// value: moved into its `Unresumed` state when it is created, as if they were parameters,
/// in order of first mention. Everything else the body names is captured by the resume
/// closure (by reference, or by value for a `move` closure), as rustc decides for an
/// ordinary closure.
///
/// The candidates are the outer names the body writes as a value path (a single lowercase
/// name, not `self`, outside the callee of a call: a function item there stays a capture of
/// the resume closure), read from a view of the body ([`MacroView`], [`Places`],
/// [`UseView`]) by [`crate::facts`] (which knows which names the body binds itself) and
/// [`ValuePaths`]. A `move` closure takes every candidate variable by value, whole. A
/// non-`move` closure takes a candidate by value when rustc 2021 would as far as syntax
/// shows: some use of it needs the value (facts says it may move: an argument, an operand,
/// a `let` initializer, a `for` iterable, a returned or yielded value, a use inside a
/// nested `move` closure) and no use assigns to it or borrows it mutably (for a `Copy`
/// value, such a mix is captured by mutable reference, and the caller sees the
/// assignments). There a variable that the body only ever uses through fields is decided
/// field by field (rustc's disjoint captures): `drop(pair.0)` takes `pair.0` alone.
///
/// Also returns the renamer that rewrites the real body's uses of the fields taken on their
/// own ([`Places`]).
fn by_value_captures(
    body: &syn::Block,
    capture_move: bool,
    bound: &HashSet<String>,
) -> (Vec<Capture>, Places) {
    let mut view = body.clone();
    MacroView.visit_block_mut(&mut view);
    let mut places = Places::collect(&view, bound, capture_move);
    places.visit_block_mut(&mut view);
    UseView { capture_move }.visit_block_mut(&mut view);
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
        if is_variable_like(&text)
            && paths.names.contains(&text)
            && !bound.contains(&text)
            && !order.iter().any(|seen| *seen == text)
        {
            order.push(mention.ident.clone());
        }
    }
    let captures: Vec<Capture> = order
        .into_iter()
        .filter(|name| {
            let uses = || mentions.iter().filter(|m| m.ident == *name);
            capture_move
                || (uses().any(|m| m.how == How::Move) && !uses().any(|m| m.how == How::Assign))
        })
        .map(|name| Capture {
            place: places.place_of(&name),
            name,
        })
        .collect();
    // Only the places taken by value are renamed in the body; the others stay uses of the
    // variable, which the resume closure captures field by field.
    places
        .places
        .retain(|(_, _, name)| captures.iter().any(|c| c.name == *name));
    places.roots = places
        .places
        .iter()
        .map(|(root, _, _)| root.to_string())
        .collect();
    (captures, places)
}

/// A lowercase name, not `_` or `self`: what may be a variable.
fn is_variable_like(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == '_')
        && text != "_"
        && text != "self"
}

/// The field places of variables a non-`move` body uses only through fields, each under a
/// name of its own (`pair.0` is `__capture_pair_0`), so that facts reads each place as a
/// name. Where the body uses both a place and a longer one (`p.a` and `p.a.b`), the shorter
/// stands for both, as in rustc. The same renamer, cut down to the places taken by value,
/// rewrites the real body, macro arguments included.
struct Places {
    /// For each variable used only through fields: its places (the fields from the
    /// variable, outermost first), each with its name.
    places: Vec<(Ident, Vec<syn::Member>, Ident)>,
    /// The variables whose uses are rewritten.
    roots: HashSet<String>,
}

impl Places {
    fn collect(view: &syn::Block, bound: &HashSet<String>, capture_move: bool) -> Places {
        let mut found = Places {
            places: Vec::new(),
            roots: HashSet::new(),
        };
        if capture_move {
            return found;
        }
        #[derive(Default)]
        struct Uses {
            /// Per root name: the field chains it is used through (empty: used whole).
            chains: Vec<(Ident, Vec<syn::Member>)>,
            /// Names bound anywhere in the body: their places are not followed (a field of
            /// a body-local `pair` is not the outer `pair`'s).
            bound: HashSet<String>,
        }
        impl<'ast> Visit<'ast> for Uses {
            fn visit_expr(&mut self, e: &'ast Expr) {
                if let Some((root, members)) = field_chain(e) {
                    self.chains.push((root.clone(), members));
                    return;
                }
                syn::visit::visit_expr(self, e);
            }
            fn visit_pat(&mut self, pat: &'ast Pat) {
                self.bound.extend(
                    pattern_bindings(pat)
                        .into_iter()
                        .map(|b| b.ident.to_string()),
                );
                syn::visit::visit_pat(self, pat);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut uses = Uses::default();
        uses.visit_block(view);
        let mut roots: Vec<(Ident, Vec<Vec<syn::Member>>)> = Vec::new();
        for (root, members) in uses.chains {
            let text = root.to_string();
            if !is_variable_like(&text) || bound.contains(&text) || uses.bound.contains(&text) {
                continue;
            }
            match roots.iter_mut().find(|(r, _)| *r == text) {
                Some((_, chains)) => chains.push(members),
                None => roots.push((root, vec![members])),
            }
        }
        for (root, chains) in roots {
            if chains.iter().any(Vec::is_empty) {
                continue;
            }
            // The shortest chains: those with no proper prefix among the others.
            let mut shortest: Vec<Vec<syn::Member>> = Vec::new();
            for chain in &chains {
                let has_prefix = chains
                    .iter()
                    .any(|other| other.len() < chain.len() && chain.starts_with(other));
                if !has_prefix && !shortest.contains(chain) {
                    shortest.push(chain.clone());
                }
            }
            for chain in shortest {
                let mut name = format!("__capture_{}", root.unraw());
                for member in &chain {
                    match member {
                        syn::Member::Named(field) => name.push_str(&format!("_{}", field.unraw())),
                        syn::Member::Unnamed(index) => name.push_str(&format!("_{}", index.index)),
                    }
                }
                let ident = Ident::new(&name, root.span());
                found.places.push((root.clone(), chain, ident));
            }
            found.roots.insert(root.to_string());
        }
        found
    }

    /// The place a name of [`Places::collect`] stands for.
    fn place_of(&self, name: &Ident) -> Option<Expr> {
        let (root, chain, _) = self.places.iter().find(|(_, _, n)| n == name)?;
        Some(parse_quote!(#root #(.#chain)*))
    }

    /// The name for a use of `root` through `members`, and how many of the members it
    /// stands for.
    fn name_for(&self, root: &Ident, members: &[syn::Member]) -> Option<(Ident, usize)> {
        let text = root.to_string();
        if !self.roots.contains(&text) {
            return None;
        }
        self.places
            .iter()
            .filter(|(r, chain, _)| *r == text && members.starts_with(chain))
            .map(|(_, chain, name)| (name.clone(), chain.len()))
            .min_by_key(|(_, len)| *len)
    }
}

/// `root.a.b` (through fields only, parentheses allowed): the root and the fields; a bare
/// `root` gives no fields.
fn field_chain(expr: &Expr) -> Option<(&Ident, Vec<syn::Member>)> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
            Some((p.path.get_ident()?, Vec::new()))
        }
        Expr::Field(f) => {
            let (root, mut members) = field_chain(&f.base)?;
            members.push(f.member.clone());
            Some((root, members))
        }
        Expr::Paren(p) => field_chain(&p.expr),
        _ => None,
    }
}

impl VisitMut for Places {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Some((root, members)) = field_chain(expr) {
            if let Some((name, used)) = self.name_for(root, &members) {
                let rest = &members[used..];
                *expr = parse_quote!(#name #(.#rest)*);
            }
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.rename_tokens(mac.tokens.clone());
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Places {
    /// The same renaming in a macro's tokens: `root . a` (not after `.` or `::`) followed by
    /// the fields of a place.
    fn rename_tokens(&self, tokens: TokenStream) -> TokenStream {
        use proc_macro2::TokenTree;
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if let TokenTree::Group(group) = &trees[i] {
                let mut renamed =
                    proc_macro2::Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                renamed.set_span(group.span());
                out.push(TokenTree::Group(renamed));
                i += 1;
                continue;
            }
            let after_path = i > 0
                && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.' || p.as_char() == ':');
            if let (TokenTree::Ident(root), false) = (&trees[i], after_path) {
                // The fields that follow (`. name`, `. 0`, and `. 0.1`, which the lexer
                // reads as one float literal), each with the index of the token after it;
                // a place can only end where a token does.
                let mut members: Vec<(syn::Member, usize)> = Vec::new();
                let mut j = i + 1;
                while let (Some(TokenTree::Punct(dot)), Some(next)) =
                    (trees.get(j), trees.get(j + 1))
                {
                    if dot.as_char() != '.' {
                        break;
                    }
                    let found: Vec<syn::Member> = match next {
                        TokenTree::Ident(field) => vec![syn::Member::Named(field.clone())],
                        TokenTree::Literal(lit) => lit
                            .to_string()
                            .split('.')
                            .map(|part| part.parse::<u32>().ok())
                            .collect::<Option<Vec<u32>>>()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|index| {
                                syn::Member::Unnamed(syn::Index {
                                    index,
                                    span: lit.span(),
                                })
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    if found.is_empty() {
                        break;
                    }
                    let last = found.len() - 1;
                    for (k, member) in found.into_iter().enumerate() {
                        // Only the last member of a float literal ends at a token.
                        let end = if k == last { j + 2 } else { usize::MAX };
                        members.push((member, end));
                    }
                    j += 2;
                }
                let chain: Vec<syn::Member> = members.iter().map(|(m, _)| m.clone()).collect();
                if let Some((name, used)) = self.name_for(root, &chain) {
                    out.push(TokenTree::Ident(name));
                    // A place that ends inside a float literal (`p.0` of `p.0.1`): the
                    // literal's other indices follow the name one by one.
                    let mut k = used;
                    while members[k - 1].1 == usize::MAX {
                        // A float literal's members are all indices.
                        let syn::Member::Unnamed(index) = &members[k].0 else {
                            break;
                        };
                        let index = index.index;
                        out.push(TokenTree::Punct(proc_macro2::Punct::new(
                            '.',
                            proc_macro2::Spacing::Alone,
                        )));
                        out.push(TokenTree::Literal(proc_macro2::Literal::u32_unsuffixed(
                            index,
                        )));
                        k += 1;
                    }
                    i = members[k - 1].1;
                    continue;
                }
            }
            out.push(trees[i].clone());
            i += 1;
        }
        out.into_iter().collect()
    }
}

/// The macros whose arguments [`MacroView`] reads as expressions: the standard formatting
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

/// The first view of the body for captures: macros as the expressions they stand for.
/// `yield_!(v)` is `v` (a yielded value is used by value); the standard macros are expanded
/// into the borrows or values they take; any other macro is left out (its tokens may not
/// even be expressions: what it uses stays a capture of the resume closure).
struct MacroView;

impl MacroView {
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
}

impl VisitMut for MacroView {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Macro(m) = expr {
            *expr = self.known_macro(&m.mac).unwrap_or_else(|| parse_quote!(()));
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

/// The last view of the body for captures, for a non-`move` closure, so that
/// [`crate::facts`] reads each use as it matters for a capture, as far as the transform can
/// tell without types: the receiver of a method call is borrowed (rustc decides from the
/// method's `self` whether it is captured by reference, by mutable reference or by value;
/// the resume closure leaves that decision to rustc), except for `into` and `into_*`
/// methods, which take `self` by value by convention; an assignment, compound assignment
/// or `&mut` of a place rooted in a name is an assignment of that name; a deref (`*r`, in
/// `*r = v`, `&mut *r` or a read) borrows `r`; and a nested
/// non-`move` closure is read as a block (rustc captures for it what its body needs).
struct UseView {
    capture_move: bool,
}

impl UseView {
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

impl VisitMut for UseView {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if self.capture_move {
            return;
        }
        match expr {
            Expr::MethodCall(m)
                if Self::root(&m.receiver).is_some() && !consumes_receiver(&m.method) =>
            {
                let receiver = &m.receiver;
                *m.receiver = parse_quote!(&#receiver);
            }
            Expr::Assign(a) => {
                if let Some(root) = Self::root(&a.left) {
                    *a.left = root;
                }
            }
            Expr::Binary(b) if crate::syntax::is_compound_assign(&b.op) => {
                if let Some(root) = Self::root(&b.left) {
                    let right = &b.right;
                    *expr = parse_quote!(#root = #right);
                }
            }
            Expr::Reference(r) if r.mutability.is_some() => {
                if let Some(root) = Self::root(&r.expr) {
                    *expr = parse_quote!((#root = ()));
                }
            }
            Expr::Unary(u)
                if matches!(u.op, syn::UnOp::Deref(_)) && Self::root(&u.expr).is_some() =>
            {
                // `*r` reads, writes or reborrows through `r`: rustc captures the place
                // `*r` by reference (or moves a `Box`'s content, which stays an error).
                let inner = &u.expr;
                *expr = parse_quote!((&#inner));
            }
            Expr::Closure(c) if c.capture.is_none() => {
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
                *expr = Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: syn::Block {
                        brace_token: Default::default(),
                        stmts: vec![params, syn::Stmt::Expr((*c.body).clone(), None)],
                    },
                });
            }
            _ => {}
        }
        visit_mut::visit_expr_mut(self, expr);
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
