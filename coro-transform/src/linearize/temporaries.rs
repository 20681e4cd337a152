//! The temporaries of a split statement's rest: where Rust keeps a value in a temporary
//! (it is borrowed, compared, a field, method or deref of it is used, it is called, or it
//! is a scrutinee), the local the split made for it is moved into one, so that rustc's
//! own temporary rules of the user's edition drop it.
//!
//! ```text
//! // Input (after the split):                 // Output:
//! let __t1 = yield_!(1);                      let __t1 = yield_!(1);
//! if let P = &__t1 { .. } else { .. }         if let P = &{ __t1 } { .. } else { .. }
//! ```
//!
//! Where one cannot become a temporary of its `if let`'s scrutinee (the `then` block
//! yields, or a later yield of the scrutinee follows the borrow), the `else` block ends it
//! as the edition ends the scrutinee's temporaries:
//!
//! ```text
//! // Input:                                   // Output:
//! let __t1 = yield_!(1);                      let __t1 = yield_!(1);
//! if let P = &__t1 { yield_!(2); }            if let P = &__t1 { yield_!(2); }
//! else { e(); }                               else { if let Some(n) =
//!                                                 scrutinee_end(&(__t1,)) { match n {} }
//!                                                 else { e(); } }
//! ```

use std::collections::HashSet;

use proc_macro2::Ident;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote, BinOp, Expr, Stmt};

use super::{is_comparison, Linearizer};
use crate::items::names_in;
use crate::syntax::{as_yield, contains_yield};

impl Linearizer {
    /// [`Self::materialize`] for the scrutinee of an `if let` (itself a place Rust keeps
    /// in a temporary: `if let P = __t5` becomes `if let P = { __t5 }`).
    /// Locals in `held` (see [`Self::scrutinee_leftovers`]) stay locals, and do not stop
    /// the others from becoming temporaries.
    fn materialize_scrutinee(
        &self,
        pre: &[Stmt],
        scrutinee: &mut Expr,
        held: &HashSet<Ident>,
    ) -> bool {
        let mut probe = Expr::Match(syn::ExprMatch {
            attrs: Vec::new(),
            match_token: Default::default(),
            expr: Box::new(scrutinee.clone()),
            brace_token: Default::default(),
            arms: Vec::new(),
        });
        if self.materialize_except(pre, &mut probe, held) {
            if let Expr::Match(m) = probe {
                *scrutinee = *m.expr;
            }
            return true;
        }
        false
    }

    /// In the yield-free rest of a statement, an operand's temporary (a yield's value, or
    /// an operand evaluated before the statement's yield) that Rust would keep in a
    /// temporary (it is borrowed, compared, dereferenced, called, a field or method of it
    /// is used, or it is a `match` or `if let` scrutinee) is moved into one: `&__t1`
    /// becomes `&{ __t1 }`. Rust then drops it when it drops the temporary it stands for,
    /// by the rules of the user's edition (before the `else` block of an `if let` in 2024,
    /// after the block's locals when it is the value of a block in 2021), not at the end
    /// of the block `__t1` is declared in. Only when everything `pre` declares is such a
    /// temporary that `pre` or the rest moves or keeps so (a temporary and a local left
    /// beside it would drop in another order than Rust's temporaries), never in a `let ..
    /// else`'s value, and not where a yield follows in the rest (a borrow of the
    /// temporary could not be held across it). Returns whether nothing `pre` declares is
    /// left a local.
    pub(super) fn materialize(&self, pre: &[Stmt], rest: &mut Expr) -> bool {
        self.materialize_except(pre, rest, &HashSet::new())
    }

    fn materialize_except(&self, pre: &[Stmt], rest: &mut Expr, held: &HashSet<Ident>) -> bool {
        if self.in_let_else_value || contains_yield(&*rest) {
            return false;
        }
        let mut declared = HashSet::new();
        let mut values = Vec::new();
        for stmt in pre {
            match stmt {
                Stmt::Local(syn::Local {
                    pat: syn::Pat::Ident(binding),
                    init: Some(init),
                    ..
                }) if self.operand_temps.contains(&binding.ident) => {
                    if held.contains(&binding.ident) {
                        continue;
                    }
                    declared.insert(binding.ident.clone());
                    // What a yield's value moves counts too (`yield_!(val(__t1))`).
                    let value = match as_yield(&init.expr) {
                        Some(mac) => mac
                            .parse_body::<Expr>()
                            .unwrap_or_else(|_| parse_quote!(())),
                        None => (*init.expr).clone(),
                    };
                    values.push(value);
                }
                _ => return false,
            }
        }
        let mut materializer = Materializer {
            temps: &declared,
            kept: HashSet::new(),
            moved: HashSet::new(),
        };
        // A temporary an earlier one moves is gone; one it borrows stays a local.
        for value in &mut values {
            // `let __t4 = __t3;` moves `__t3`.
            materializer.move_away([&*value]);
            materializer.visit_expr_mut(value);
        }
        if !materializer.kept.is_empty() {
            return false;
        }
        let mut candidate = rest.clone();
        // The rest that is a temporary alone (`if __t1 { .. }`) moves it.
        materializer.move_away([&candidate]);
        materializer.visit_expr_mut(&mut candidate);
        let Materializer { kept, moved, .. } = materializer;
        let all_gone = declared
            .iter()
            .all(|t| kept.contains(t) || moved.contains(t));
        if all_gone && !kept.is_empty() {
            *rest = candidate;
        }
        all_gone
    }
}

impl Linearizer {
    /// The locals a split `if let` scrutinee declares that stand for temporaries Rust drops
    /// with the scrutinee's (a yield's value that an operand borrows, `&yield_!(1)`) and
    /// that nothing moves (every mention of them is borrowed or compared), latest first:
    /// those that [`Self::materialize`] could not make temporaries of the scrutinee
    /// itself (the `then` block yields, or an operand before a later yield borrows them).
    /// `end_scrutinee_before_else` moves them into a temporary at the start of the `else`.
    fn scrutinee_leftovers(&self, pre: &[Stmt], rest: &Expr) -> Vec<Ident> {
        let mut declared = Vec::new();
        let mut mentions = Mentions::default();
        for stmt in pre {
            if let Stmt::Local(local) = stmt {
                if let syn::Pat::Ident(binding) = &local.pat {
                    if self.operand_temps.contains(&binding.ident) {
                        declared.push(binding.ident.clone());
                    }
                }
            }
            mentions.visit_stmt(stmt);
        }
        mentions.visit_expr(rest);
        declared.retain(|name| !mentions.maybe_moved.contains(&name.to_string()));
        declared.reverse();
        declared
    }
}

impl Linearizer {
    /// The temporaries of an `if let` scrutinee split at a yield (`pre`, then `rest`):
    /// the locals that stand for them become temporaries of the scrutinee where they can
    /// ([`Self::materialize_scrutinee`]); returns those left locals that the `else` block
    /// must end ([`Self::scrutinee_leftovers`]).
    ///
    /// They become temporaries even when the `else` block yields (those are the
    /// scrutinee's: dropped before it in 2024, at its suspension in 2021, deviation 4);
    /// when the `then` block yields, only where `pat` binds nothing that could borrow them
    /// (they are then dropped at its suspension, deviation 4) and they are not all only
    /// borrowed or compared, which the `else` block ends exactly. Those only borrowed or
    /// compared that cannot become temporaries (a later yield of the scrutinee follows the
    /// borrow) stay locals.
    pub(super) fn scrutinee_temporaries(
        &self,
        pre: &[Stmt],
        rest: &mut Expr,
        pat: &syn::Pat,
        then_yields: bool,
    ) -> Vec<Ident> {
        let leftovers = self.scrutinee_leftovers(pre, rest);
        if !then_yields
            || (crate::syntax::pattern_bindings(pat).is_empty()
                && !only_borrowed(pre, rest, &leftovers))
        {
            let held = leftovers.into_iter().collect();
            if !self.materialize_scrutinee(pre, rest, &HashSet::new()) {
                self.materialize_scrutinee(pre, rest, &held);
            }
        }
        self.scrutinee_leftovers(pre, rest)
    }
}

/// Whether every local of the split that the rest of the scrutinee names is one of its
/// `leftovers` (see [`Linearizer::scrutinee_leftovers`]: only borrowed or compared).
fn only_borrowed(pre: &[Stmt], rest: &Expr, leftovers: &[Ident]) -> bool {
    let mut named = HashSet::new();
    names_in(&quote::quote!(#rest), &mut named);
    pre.iter().all(|stmt| match stmt {
        Stmt::Local(syn::Local {
            pat: syn::Pat::Ident(binding),
            ..
        }) => !named.contains(&binding.ident.to_string()) || leftovers.contains(&binding.ident),
        _ => true,
    })
}

/// `else { .. }` becomes `else { if let Some(never) = scrutinee_end(&(__t2, __t1)) { match
/// never {} } else { .. } }`: the locals `leftovers` (see
/// [`Linearizer::scrutinee_leftovers`]) move into a temporary of a scrutinee that never
/// matches, dropped where the edition drops an `if let`'s scrutinee temporaries (before the
/// `else` block in 2024, after it in 2021), as the temporaries they stand for were. The
/// new `if` is spelled with the span of the user's (`if_span`): rustc reads the edition
/// that decides the scope of those temporaries from it.
pub(super) fn end_scrutinee_before_else(
    otherwise: &mut Expr,
    leftovers: &[Ident],
    if_span: proc_macro2::Span,
) {
    let coro = crate::paths::root();
    let never = Ident::new("__never", proc_macro2::Span::mixed_site());
    let if_token = syn::Token![if](if_span);
    let inner: Expr = parse_quote!(
        #if_token let ::core::option::Option::Some(#never) =
            #coro::__private::scrutinee_end(&(#(#leftovers,)*))
        {
            match #never {}
        } else #otherwise
    );
    // The braces too: the outer `if` ends with them.
    *otherwise = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: syn::Block {
            brace_token: syn::token::Brace(if_span),
            stmts: vec![Stmt::Expr(inner, None)],
        },
    });
}

/// Which of the names a split declares may be moved: mentioned other than borrowed
/// (`&__t1`, `&mut __t1`) or compared (`__t1 == x`), or inside a macro or a closure.
#[derive(Default)]
struct Mentions {
    maybe_moved: HashSet<String>,
}

fn bare_name(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Paren(p) => bare_name(&p.expr),
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Mentions {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Reference(r) if bare_name(&r.expr).is_some() => {}
            Expr::Binary(b) if is_comparison(&b.op) => {
                for operand in [&*b.left, &*b.right] {
                    if bare_name(operand).is_none() {
                        self.visit_expr(operand);
                    }
                }
            }
            Expr::Path(p) => {
                if let Some(name) = p.path.get_ident() {
                    self.maybe_moved.insert(name.to_string());
                }
            }
            Expr::Closure(c) => names_in(&quote::quote!(#c), &mut self.maybe_moved),
            _ => visit::visit_expr(self, expr),
        }
    }
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        names_in(&mac.tokens, &mut self.maybe_moved);
    }
}

/// Finds where the operand temporaries `temps` stand in a statement's rest: moved into a
/// temporary of their own where Rust keeps the value in one (`kept`), or moved away by
/// value (`moved`).
struct Materializer<'a> {
    temps: &'a HashSet<Ident>,
    kept: HashSet<Ident>,
    moved: HashSet<Ident>,
}

impl Materializer<'_> {
    fn temp_in(&self, expr: &Expr) -> Option<Ident> {
        match expr {
            Expr::Paren(p) => self.temp_in(&p.expr),
            Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
                let name = p.path.get_ident()?;
                self.temps.contains(name).then(|| name.clone())
            }
            _ => None,
        }
    }

    fn keep(&mut self, expr: &mut Expr) {
        if let Some(name) = self.temp_in(expr) {
            *expr = parse_quote!({ #name });
            self.kept.insert(name);
        }
    }

    fn move_away<'e>(&mut self, operands: impl IntoIterator<Item = &'e Expr>) {
        for operand in operands {
            if let Some(name) = self.temp_in(operand) {
                self.moved.insert(name);
            }
        }
    }
}

impl VisitMut for Materializer<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        match expr {
            Expr::Reference(r) => self.keep(&mut r.expr),
            Expr::Field(f) => self.keep(&mut f.base),
            Expr::MethodCall(m) => {
                self.keep(&mut m.receiver);
                self.move_away(&m.args);
            }
            Expr::Index(i) => self.keep(&mut i.expr),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.keep(&mut u.expr),
            Expr::Unary(u) => self.move_away([&*u.expr]),
            Expr::Match(m) => self.keep(&mut m.expr),
            Expr::If(i) => {
                if let Expr::Let(l) = &mut *i.cond {
                    self.keep(&mut l.expr);
                }
            }
            Expr::Binary(b) if is_comparison(&b.op) => {
                self.keep(&mut b.left);
                self.keep(&mut b.right);
            }
            Expr::Binary(b) if !matches!(b.op, BinOp::And(_) | BinOp::Or(_)) => {
                self.move_away([&*b.left, &*b.right]);
            }
            Expr::Call(c) => {
                // A closure called where it stands is a temporary of the statement.
                self.keep(&mut c.func);
                self.move_away(&c.args);
            }
            Expr::Tuple(t) => self.move_away(&t.elems),
            Expr::Array(a) => self.move_away(&a.elems),
            Expr::Struct(s) => self.move_away(s.fields.iter().map(|f| &f.expr)),
            Expr::Cast(c) => self.move_away([&*c.expr]),
            _ => {}
        }
    }
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
