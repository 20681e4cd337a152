//! Borrows of the coroutine's own locals held across a yield, made again after each resume
//! (*re-derived*) from the locals they borrow, which the state holds: the state never
//! holds a reference into itself, so it stays an ordinary movable value, with no `Pin`
//! and no `unsafe` (rustc needs a `static` coroutine, and `Pin`, for the same bodies).
//!
//! Two shapes are re-derived, recognised by syntax alone (the macro sees no types):
//!
//! * **places**: `let r = &v;`, `&mut v.field`, `&v[i]`, `&text[a..b]`, `&*v`, and a few
//!   views of one (`v.as_slice()`, `text.as_str()`, `v.get(i)`, `v.first()`, ..): the
//!   initializer is evaluated again after the resume;
//! * **`for` loops over a borrow**: `for x in &v`, `&mut v`, `v.iter()`, `.iter_mut()`,
//!   `text.chars()`, `.bytes()`, `.char_indices()`, `.lines()`, `.split(p)`, .. followed by
//!   any of `enumerate()`, `rev()`, `skip(n)`, `step_by(n)`, `take(n)`, `zip(..)`,
//!   `copied()`: the loop's iterator counts the items it hands out
//!   (`__private::Counted`), the state keeps that count, and a resume makes the iterator
//!   again and moves it on with one `nth` (constant time over slices, `Vec`s, arrays and
//!   `VecDeque`s; a walk from the start for string splits and characters). The loop's
//!   pattern bindings are taken again from the current item.
//!
//! Every value the expression reads (an index, `skip`'s count) must be held and must not
//! change while the borrow is in use; what it borrows cannot change anyway (it is
//! borrowed), and the generated code keeps each re-derived borrow alive up to every
//! suspension (`__private::alive`), so the borrow checker rejects a change of the owner
//! exactly where it would in the body as written.
//!
//! ```text
//! // Input:                                   // Output (the state at the yield):
//! let words = text.split(' ')...collect();   // Suspend0 { words, iter: <items taken> }
//! for (i, w) in words.iter().enumerate() {    // resumed: let (mut it, cur) = resume_counted(
//!     yield_!(format!("{i}: {w}"));           //     words.iter().enumerate(), taken);
//! }                                           //   let (i, w) = current(cur); ...
//! ```
//!
//! The decisions are made in three places: [`crate::cfg`] marks each binding whose value
//! has one of the shapes and borrows a local ([`Derivation`]); liveness then treats a use
//! of it as a use of what it reads; [`conflicts`] finds the derivations an input of which
//! changes while the borrow is held, which are then built again without them; and
//! [`check`] rejects whatever borrow of a local is still held, with a sentence saying why.

use std::collections::HashMap;

use proc_macro2::Ident;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Pat, Type};

use crate::bindings::{Bindings, Role, Site};
use crate::cfg::Cfg;
use crate::facts::NameKey;
use crate::ids::{BindingId, NodeId, StmtId};
use crate::liveness::{is_entry, Liveness, Slot};
use crate::spine::Spine;

mod shapes;

pub use shapes::{borrow_shape, is_owning, is_reference, iterable_shape, makes_owned, may_borrow};
use shapes::{is_one_of, ADAPTERS, BASES};

/// How a binding's value is made again after a resume.
#[derive(Clone, Debug)]
pub enum Derived {
    /// `let r = <place borrow>;`: the initializer, evaluated again.
    Place(Expr),
    /// A `for` loop's iterator: the iterable, evaluated again and moved on by the count of
    /// items taken (the only part the state keeps).
    Iterator(Expr),
    /// A binding of a `for` loop's pattern: taken again from the loop's current item.
    Item(StmtId),
    /// A binding of a pattern matched against a borrow (`if let Some(y) = x` with `x` a
    /// loop's item, a `match` arm of `v.get(i)`): the pattern matched again against the
    /// scrutinee evaluated again (`group` tells the patterns apart).
    Pattern {
        group: usize,
        pat: Box<Pat>,
        scrutinee: Box<Expr>,
    },
}

/// A binding that borrows the coroutine's own locals, and what it is made from.
#[derive(Clone, Debug)]
pub struct Derivation {
    pub how: Derived,
    /// The locals whose storage it borrows (`v` in `&v[i]`), with the names the
    /// expression gives them.
    pub roots: Vec<(Ident, BindingId)>,
    /// Every local it reads: the roots, then the others (`i` in `&v[i]`).
    pub inputs: Vec<BindingId>,
}

impl Derivation {
    /// Whether the state keeps a value for it (the count of an iterator); places and
    /// loop items are only made again.
    pub fn stored(&self) -> bool {
        matches!(self.how, Derived::Iterator(_))
    }
}

/// What the derivations of one build of the graph are not to be: the statements (a `let`
/// or a `for` loop) whose borrow is not re-derived, each with the reason when the borrow
/// is then an error (`None`: the borrow is held as it is, as before this step existed,
/// which is right when it borrows through a reference).
#[derive(Default, Clone, Debug)]
pub struct Excluded {
    pub stmts: HashMap<StmtId, Option<String>>,
}

/// The names an expression of one of the shapes reads.
#[derive(Default, Debug)]
pub struct Reads {
    /// The places' roots: the locals it borrows.
    pub roots: Vec<Ident>,
    /// The other names it reads (indices, counts, a `split` pattern).
    pub others: Vec<Ident>,
    /// Its value borrows only if the (single) root is itself a borrow (`for x in r`).
    pub through_root: bool,
    /// A root is borrowed as a whole (`&v`, `&mut v`): the local's own storage, whatever
    /// its type; and that works only on the value itself, not through a reference to it.
    pub bare_root: bool,
    /// A root is dereferenced as a whole (`&*v`), which too gives another type through a
    /// reference to it.
    pub deref_root: bool,
}

/// The `for` loops with a yield in their body that iterate over a borrow of a temporary
/// (`for c in "ab".to_string().chars()`, `for x in &vec![1, 2]`): the temporary becomes a
/// local of a block around the loop (`{ let __owned1 = "ab".to_string();
/// for c in __owned1.chars() { .. } }`), dropped where the loop ends as the temporary was,
/// so that the loop is one over a borrow of a local, made again after each resume.
pub fn hoist_owned_iterables(block: &mut syn::Block) {
    struct Hoist(usize);
    impl VisitMut for Hoist {
        fn visit_block_mut(&mut self, block: &mut syn::Block) {
            visit_mut::visit_block_mut(self, block);
            for stmt in &mut block.stmts {
                let syn::Stmt::Expr(Expr::ForLoop(for_loop), _) = stmt else {
                    continue;
                };
                if !crate::syntax::contains_yield(&for_loop.body) {
                    continue;
                }
                let Some(owned) = owned_receiver(&mut for_loop.expr) else {
                    continue;
                };
                self.0 += 1;
                let name = Ident::new(
                    &format!("__owned{}", self.0),
                    proc_macro2::Span::mixed_site(),
                );
                let value = std::mem::replace(owned, syn::parse_quote!(#name));
                let inner = Expr::ForLoop(for_loop.clone());
                let wrapped: Expr = syn::parse_quote!({
                    let #name = #value;
                    #inner
                });
                if let syn::Stmt::Expr(expr, _) = stmt {
                    *expr = wrapped;
                }
            }
        }
        // Closures, `async` blocks and items are not the coroutine's own code.
        fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
        fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    }
    Hoist(0).visit_block_mut(block);
}

/// In an iterable over a borrow, the temporary it borrows: `X` in `&X`, `X.chars()`,
/// `X.iter().enumerate()`, when `X` is a value rather than a place (a call, a method call,
/// a macro, a literal array or struct): rustc keeps such a temporary to the end of the
/// loop, and so does the local it becomes.
fn owned_receiver(expr: &mut Expr) -> Option<&mut Expr> {
    fn temporary(e: &Expr) -> bool {
        match e {
            Expr::Call(_) | Expr::MethodCall(_) | Expr::Macro(_) => true,
            Expr::Array(_) | Expr::Repeat(_) | Expr::Struct(_) | Expr::Tuple(_) => true,
            Expr::Paren(p) => temporary(&p.expr),
            _ => false,
        }
    }
    match expr {
        Expr::Reference(r) => temporary(&r.expr).then_some(&mut *r.expr),
        Expr::Paren(p) => owned_receiver(&mut p.expr),
        Expr::MethodCall(m) => {
            if is_one_of(&m.method, ADAPTERS) {
                owned_receiver(&mut m.receiver)
            } else if is_one_of(&m.method, BASES) && m.method != "into_iter" {
                temporary(&m.receiver).then_some(&mut *m.receiver)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Rewrites a derivation's expression for a region that reaches some of its roots through
/// `&mut` references into the state (a state resumed in place): each such root `v`
/// becomes `(*v)`.
pub fn through_references(expr: &Expr, by_reference: &[&Ident]) -> Expr {
    struct Deref<'a>(Vec<NameKey>, std::marker::PhantomData<&'a ()>);
    impl VisitMut for Deref<'_> {
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            if let Expr::Path(p) = expr {
                if let Some(ident) = p.path.get_ident() {
                    if p.qself.is_none() && self.0.contains(&NameKey::of(ident)) {
                        let ident = ident.clone();
                        *expr = syn::parse_quote_spanned!(ident.span()=> (*#ident));
                        return;
                    }
                }
            }
            visit_mut::visit_expr_mut(self, expr);
        }
    }
    let mut expr = expr.clone();
    if !by_reference.is_empty() {
        Deref(
            by_reference.iter().map(|i| NameKey::of(i)).collect(),
            std::marker::PhantomData,
        )
        .visit_expr_mut(&mut expr);
    }
    expr
}

/// The derivations whose inputs change while the borrow is held, found after liveness:
/// each with the statement to exclude and the reason (see [`Excluded`]). A root assigned
/// while the borrow is held means the root is a reference (an owned root could not be
/// assigned while borrowed): that borrow is held as it is. Any other input that changes
/// makes the borrow an error, unless nothing re-derives it after the change.
pub fn conflicts(
    spine: &Spine,
    cfg: &Cfg,
    bindings: &Bindings,
    live: &Liveness,
) -> Vec<(StmtId, Option<String>)> {
    let mut out: Vec<(StmtId, Option<String>)> = Vec::new();
    for d in bindings.ids() {
        let binding = bindings.get(d);
        let Some(derivation) = &binding.derived else {
            continue;
        };
        let stmt = match (&derivation.how, binding.site, binding.role) {
            (Derived::Place(_), Site::Stmt(s), _) => s,
            (Derived::Iterator(_), _, Role::Iterator(s)) => s,
            (Derived::Pattern { .. }, Site::Entry(block), _) => match spine.block(block).owner {
                Some(s) => s,
                None => continue,
            },
            _ => continue,
        };
        let held_at = |n: NodeId| live.slot(n, d) == Some(Slot::Held);
        if !cfg.ids().any(|n| is_entry(cfg.node(n).kind) && held_at(n)) {
            continue;
        }
        for &input in &derivation.inputs {
            let is_root = derivation.roots.iter().any(|(_, r)| *r == input);
            // Only a `mut` binding changes (what interior mutability changes, the macro
            // cannot see).
            if !bindings.get(input).mutable {
                continue;
            }
            let changes = |n: NodeId| {
                let node = cfg.node(n);
                let assigned = node.kills.contains(&input) || node.assigns.contains(&input);
                if is_root {
                    assigned
                } else {
                    assigned || node.mutates.contains(&input)
                }
            };
            let changed_at = cfg
                .ids()
                .find(|&n| changes(n) && reaches_held(cfg, live, n, d, &held_at));
            let Some(at) = changed_at else { continue };
            let reason = (!is_root).then(|| {
                let what = describe(bindings, d, spine);
                let name = &bindings.get(input).name;
                let line = cfg
                    .stmt_of(at, spine)
                    .map(|s| stmt_text(spine, s))
                    .unwrap_or_default();
                format!(
                    "`{name}` changes{line} while {what} is still in use, and coro makes the \
                     borrow again after each resume from the values it reads; copy `{name}` \
                     into a binding of its own first (`let {name}0 = {name};`) and use the \
                     copy"
                )
            });
            if !out.iter().any(|(s, _)| *s == stmt) {
                out.push((stmt, reason));
            }
            break;
        }
    }
    out
}

/// Whether, from node `from`, a path along which `d` stays live reaches an entry that holds
/// it (and so makes it again).
fn reaches_held(
    cfg: &Cfg,
    live: &Liveness,
    from: NodeId,
    d: BindingId,
    held_at: &dyn Fn(NodeId) -> bool,
) -> bool {
    let mut seen = vec![false; cfg.nodes.len()];
    let mut stack: Vec<NodeId> = cfg.node(from).succ.iter().map(|e| e.to).collect();
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n.index()], true) {
            continue;
        }
        if !live.is_live(n, d) || cfg.node(n).defs.contains(&d) {
            continue;
        }
        if is_entry(cfg.node(n).kind) && held_at(n) {
            return true;
        }
        stack.extend(cfg.node(n).succ.iter().map(|e| e.to));
    }
    false
}

/// A statement's text for a message: `` (in `i += 1;`)``, shortened.
fn stmt_text(spine: &Spine, stmt: StmtId) -> String {
    let crate::spine::Kind::Code(code) = &spine.node(stmt).kind else {
        return String::new();
    };
    let text = code.to_token_stream().to_string();
    let text: String = if text.chars().count() > 40 {
        let short: String = text.chars().take(39).collect();
        format!("{short}…")
    } else {
        text
    };
    format!(" (in `{text}`)")
}

/// How an error names a binding: `` `r` `` or "the `for` loop's iterator".
fn describe(bindings: &Bindings, b: BindingId, _spine: &Spine) -> String {
    let binding = bindings.get(b);
    match binding.role {
        Role::Iterator(_) => "the `for` loop's iterator".to_string(),
        _ if binding
            .name
            .to_string()
            .starts_with(crate::names::DELEGATED) =>
        {
            "the coroutine `yield_from!` runs (write `yield_from!(sub)` to move it in)".to_string()
        }
        _ => format!("`{}`", crate::names::as_written(&binding.name)),
    }
}

/// Rejects a borrow of another local held across a yield that is not re-derived (rustc's
/// movable coroutines reject these too, E0626), saying why it is not and what to write.
pub fn check(spine: &Spine, cfg: &Cfg, bindings: &Bindings, live: &Liveness) -> syn::Result<()> {
    for k in spine.point_ids() {
        let resume = cfg.resume(k);
        for &(b, slot) in live.slots(resume) {
            let binding = bindings.get(b);
            let (Slot::Held, Some(borrow), None) = (slot, binding.borrows_local, &binding.derived)
            else {
                continue;
            };
            let what = describe(bindings, b, spine);
            let yield_text = &spine.point(k).text;
            let delegated = binding
                .name
                .to_string()
                .starts_with(crate::names::DELEGATED);
            let message = match &binding.underivable {
                Some(_) if delegated => format!(
                    "this borrow of a local is held by {what} across `{yield_text}`, but a \
                     coroutine's locals move with it, so no borrow of them can live across its \
                     yields (rustc's coroutines reject it too, E0626); move the coroutine in \
                     (`yield_from!(sub)`), or take it as a `&mut` parameter"
                ),
                Some(reason) => format!(
                    "this borrow of a local is held by {what} across `{yield_text}`: {reason}"
                ),
                None => format!(
                    "this borrow of a local is held by {what} across `{yield_text}`, but a \
                     coroutine's locals move with it, so a borrow of them can live across a \
                     yield only when coro can make it again after the resume: a borrow of a \
                     place (`&v`, `&mut v.field`, `&v[i]`, `&text[a..b]`) bound by a `let` \
                     without `mut` to one name, a `for` loop over one (`for x in &v`, \
                     `v.iter()`, `text.chars()`, ..), or a pattern matched against one \
                     (`if let Some(x) = v.get(i)`) (rustc's coroutines reject the others \
                     too, E0626); \
                     hold an owned value instead, keep an index rather than a reference, or \
                     take the data as a borrowed parameter"
                ),
            };
            return Err(syn::Error::new(borrow, message));
        }
    }
    Ok(())
}

/// The reason a `let` of a borrow is not re-derived because of its pattern.
pub fn pattern_reason(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(p) if p.mutability.is_some() => Some(format!(
            "`{}` is declared `mut`, so it may be pointed at something else before the yield, \
             and coro makes the borrow again after each resume from what it borrowed first; \
             declare it without `mut` (borrow again with a new `let` where it changes), or \
             keep an index rather than a reference",
            p.ident
        )),
        Pat::Ident(p) if p.by_ref.is_some() || p.subpat.is_some() => None,
        Pat::Type(t) => pattern_reason(&t.pat),
        Pat::Ident(_) => None,
        _ => Some(
            "coro makes a borrow held across a yield again after each resume only when a \
             `let` binds it to a single name; bind the borrow to a name of its own \
             (`let r = &v[i];`)"
                .to_string(),
        ),
    }
}

/// Whether a `let` pattern binds the whole value to one name, without `mut` or `ref`.
pub fn single_name(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(p) => p.mutability.is_none() && p.by_ref.is_none() && p.subpat.is_none(),
        Pat::Type(t) => single_name(&t.pat),
        _ => false,
    }
}

/// `pat` with every binding not in `keep` (by name) replaced by `_`: a loop's pattern bound
/// again from its current item, for the bindings held there only.
pub fn projected_pattern(pat: &Pat, keep: &[Ident]) -> Pat {
    struct Project<'a>(&'a [NameKey]);
    impl VisitMut for Project<'_> {
        fn visit_pat_mut(&mut self, pat: &mut Pat) {
            if let Pat::Ident(p) = pat {
                if p.subpat.is_none() && !self.0.contains(&NameKey::of(&p.ident)) {
                    *pat = Pat::Wild(syn::PatWild {
                        attrs: Vec::new(),
                        underscore_token: Default::default(),
                    });
                    return;
                }
            }
            visit_mut::visit_pat_mut(self, pat);
        }
        fn visit_field_pat_mut(&mut self, field: &mut syn::FieldPat) {
            // A shorthand field (`S { a }`) written out, so its binding can become `_`.
            if field.colon_token.is_none() {
                field.colon_token = Some(Default::default());
            }
            visit_mut::visit_field_pat_mut(self, field);
        }
    }
    let keys: Vec<NameKey> = keep.iter().map(NameKey::of).collect();
    let mut pat = pat.clone();
    Project(&keys).visit_pat_mut(&mut pat);
    pat
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;
    use syn::parse::Parser;

    fn roots(shape: Option<Reads>) -> Option<(Vec<String>, Vec<String>)> {
        shape.map(|r| {
            (
                r.roots.iter().map(|i| i.to_string()).collect(),
                r.others.iter().map(|i| i.to_string()).collect(),
            )
        })
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn place_borrows_are_recognised_with_what_they_read() {
        let shape = |code: &str| roots(borrow_shape(&syn::parse_str(code).unwrap()));
        assert_eq!(shape("&v"), Some((s(&["v"]), s(&[]))));
        assert_eq!(shape("&text[a..b]"), Some((s(&["text"]), s(&["a", "b"]))));
        assert_eq!(shape("&mut v.field"), Some((s(&["v"]), s(&[]))));
        assert_eq!(shape("&v[i + 1]"), Some((s(&["v"]), s(&["i"]))));
        assert_eq!(shape("v.get(i)"), Some((s(&["v"]), s(&["i"]))));
        assert_eq!(shape("&v[f(i)]"), None);
        assert_eq!(shape("v.iter()"), None);
        assert_eq!(shape("&make()"), None);
    }

    #[test]
    fn iterables_over_borrows_are_recognised() {
        let shape = |code: &str| roots(iterable_shape(&syn::parse_str(code).unwrap()));
        assert_eq!(shape("&v"), Some((s(&["v"]), s(&[]))));
        assert_eq!(
            shape("words.iter().enumerate()"),
            Some((s(&["words"]), s(&[])))
        );
        assert_eq!(
            shape("v.iter().rev().skip(n).step_by(2)"),
            Some((s(&["v"]), s(&["n"])))
        );
        assert_eq!(
            shape("text.split(' ').zip(0..k)"),
            Some((s(&["text"]), s(&["k"])))
        );
        assert_eq!(
            shape("a.iter().zip(b.iter())"),
            Some((s(&["a", "b"]), s(&[])))
        );
        assert_eq!(shape("v.iter().map(|x| x + 1)"), None);
        assert_eq!(shape("v.iter().cloned()"), None);
        assert_eq!(shape("0..n"), None);
        assert!(
            iterable_shape(&syn::parse_str("r").unwrap())
                .unwrap()
                .through_root
        );
    }

    /// The derived bindings of a body, after the graph is settled as `lib::settle` does:
    /// (name, what it is made from), and the error, if any.
    fn settled(
        body: syn::Block,
        params: &[(&str, &str)],
    ) -> (Vec<(String, String)>, Option<String>) {
        let spine = crate::spine::build(&body).unwrap();
        let pats: Vec<Pat> = params
            .iter()
            .map(|(p, _)| Pat::parse_single.parse_str(p).unwrap())
            .collect();
        let mut context = crate::cfg::Context {
            param_types: params
                .iter()
                .map(|(_, t)| Some(syn::parse_str(t).unwrap()))
                .collect(),
            excluded: Excluded::default(),
        };
        loop {
            let (cfg, mut bindings) = crate::cfg::build(&spine, &pats, &context);
            let live = crate::liveness::analyse(&spine, &cfg, &mut bindings).unwrap();
            let found = conflicts(&spine, &cfg, &bindings, &live);
            if found.is_empty() {
                let error = check(&spine, &cfg, &bindings, &live)
                    .err()
                    .map(|e| e.to_string());
                let derived = bindings
                    .ids()
                    .filter_map(|b| {
                        let d = bindings.get(b).derived.as_ref()?;
                        let what = match &d.how {
                            Derived::Place(e) | Derived::Iterator(e) => {
                                e.to_token_stream().to_string()
                            }
                            Derived::Item(_) => "item".to_string(),
                            Derived::Pattern { scrutinee, .. } => {
                                format!("match {}", scrutinee.to_token_stream())
                            }
                        };
                        Some((bindings.get(b).name.to_string(), what))
                    })
                    .collect();
                return (derived, error);
            }
            context.excluded.stmts.extend(found);
        }
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn loops_over_locals_are_re_derived_and_over_references_held() {
        let (derived, error) = settled(
            syn::parse_quote!({
                let v = vec![1, 2];
                for x in v.iter() {
                    yield_!(*x);
                }
                for y in input.iter() {
                    yield_!(*y);
                }
            }),
            &[("input", "&[u8]")],
        );
        assert_eq!(error, None);
        assert_eq!(derived, [pair("__iter1", "v . iter ()"), pair("x", "item")]);
    }

    #[test]
    fn an_input_that_changes_while_held_is_an_error_and_a_changed_root_is_held() {
        let (_, error) = settled(
            syn::parse_quote!({
                let v = vec![1, 2];
                let mut i = 0;
                let r = &v[i];
                i += 1;
                yield_!(i);
                *r
            }),
            &[],
        );
        assert!(error.unwrap().contains("`i` changes"));
        // An index that changes only after the borrow's last use is fine.
        let (derived, error) = settled(
            syn::parse_quote!({
                let v = vec![1, 2];
                let mut i = 0;
                while i < 2 {
                    let r = &v[i];
                    yield_!(*r);
                    yield_!(*r);
                    i += 1;
                }
            }),
            &[],
        );
        assert_eq!(error, None);
        assert_eq!(derived, [pair("r", "& v [i]")]);
        // A root assigned inside the loop is a reference: the iterator is held as it is.
        let (derived, error) = settled(
            syn::parse_quote!({
                let mut s = first;
                for c in s.chars() {
                    s = other;
                    yield_!(c);
                }
            }),
            &[],
        );
        assert_eq!(error, None);
        assert!(derived.is_empty(), "{derived:?}");
    }

    #[test]
    fn projected_patterns_keep_only_the_held_bindings() {
        let pat: Pat = Pat::parse_single
            .parse_str("(i, S { a, b: (c, d) })")
            .unwrap();
        let keep = [
            Ident::new("a", Span::call_site()),
            Ident::new("d", Span::call_site()),
        ];
        let out = projected_pattern(&pat, &keep);
        assert_eq!(
            out.to_token_stream().to_string(),
            "(_ , S { a : a , b : (_ , d) })"
        );
    }
}
