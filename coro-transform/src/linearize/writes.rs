//! Whether an operand evaluated later may change a place that an earlier operand leaves
//! in place.
//!
//! The linearizer leaves a place operand where it stands when the operation only borrows
//! it (a comparison's left side, a callee: `k == yield_!(0)`), so a value that is not
//! `Copy` is not moved into a temporary. It is then read after the yield. rustc reads it
//! first: a built-in comparison or call copies the operand before the next one runs. The
//! two agree unless a later operand changes what the place reads:
//!
//! ```text
//! k == { k = 5; yield_!(0) }
//! // k kept in place would compare the new k: it is copied first instead
//! { let __t0 = k; let __t1 = { k = 5; yield_!(0) }; __t0 == __t1 }
//! ```
//!
//! rustc accepts such a program only when it copies the operand (a borrowed one would
//! conflict with the write), so the copy is what it does. A write is an assignment or
//! compound assignment to a place rooted at a name the kept place reads, a `&mut` of one,
//! or a macro other than `yield_!` whose input names one (coro cannot see what it does).
//!
//! The same question decides whether coro can order `place op= value`: rustc evaluates
//! the value first for primitive operands and the place first for an operator trait impl,
//! which differ only when the place runs code ([`runs_code`]) or the value writes what
//! locates the place ([`value_writes_place_inputs`]: `counts[i] += { i = 2; .. }`); coro,
//! which sees no types, asks for the value to be bound first then.

use std::collections::HashSet;

use syn::visit::{self, Visit};
use syn::Expr;

use crate::syntax::{is_compound_assign, is_yield_macro};

/// Whether any of `later` may write a name that `place` reads.
pub fn later_operands_write(place: &Expr, later: &[&Expr]) -> bool {
    writes_any(names_read(place), later)
}

/// Whether `value` may write a name that the place of `place op= value` reads to find
/// where it is (`i` in `counts[i]`, `p` in `*p`), not the local it is rooted at: a write
/// to that local conflicts with an operator trait impl's borrow of the place, so rustc
/// accepts it only for a built-in operator, whose order coro keeps.
pub fn value_writes_place_inputs(place: &Expr, value: &Expr) -> bool {
    fn inputs(place: &Expr) -> HashSet<String> {
        match place {
            Expr::Path(_) => HashSet::new(),
            Expr::Field(f) => inputs(&f.base),
            Expr::Paren(p) => inputs(&p.expr),
            Expr::Group(g) => inputs(&g.expr),
            Expr::Index(i) => {
                let mut names = inputs(&i.expr);
                names.extend(names_read(&i.index));
                names
            }
            other => names_read(other),
        }
    }
    writes_any(inputs(place), &[value])
}

fn names_read(expr: &Expr) -> HashSet<String> {
    let mut names = NamesRead(HashSet::new());
    names.visit_expr(expr);
    names.0
}

fn writes_any(names: HashSet<String>, operands: &[&Expr]) -> bool {
    if names.is_empty() {
        return false;
    }
    let mut finder = WriteFinder {
        names,
        found: false,
    };
    for operand in operands {
        finder.visit_expr(operand);
    }
    finder.found
}

/// Whether evaluating a place may run code: a call, a method call or a macro in it
/// (`*slot()`, `v[next()]`, `*cell.borrow_mut()`).
pub fn runs_code(place: &Expr) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr(&mut self, e: &'ast Expr) {
            self.0 |= matches!(e, Expr::Call(_) | Expr::MethodCall(_) | Expr::Macro(_));
            visit::visit_expr(self, e);
        }
    }
    let mut finder = Finder(false);
    finder.visit_expr(place);
    finder.0
}

/// The single-segment names an expression reads (`arr[i].0` reads `arr` and `i`).
struct NamesRead(HashSet<String>);

impl<'ast> Visit<'ast> for NamesRead {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if let Some(ident) = path.path.get_ident() {
            self.0.insert(ident.to_string());
        }
    }
}

struct WriteFinder {
    names: HashSet<String>,
    found: bool,
}

impl WriteFinder {
    /// Whether the place `target` is rooted at one of the names (`k`, `k.0`, `k[i]`, `*k`).
    fn rooted(&self, target: &Expr) -> bool {
        match target {
            Expr::Path(p) => p
                .path
                .get_ident()
                .is_some_and(|ident| self.names.contains(&ident.to_string())),
            Expr::Field(f) => self.rooted(&f.base),
            Expr::Index(i) => self.rooted(&i.expr),
            Expr::Paren(p) => self.rooted(&p.expr),
            Expr::Group(g) => self.rooted(&g.expr),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.rooted(&u.expr),
            _ => false,
        }
    }
}

impl<'ast> Visit<'ast> for WriteFinder {
    fn visit_expr_assign(&mut self, e: &'ast syn::ExprAssign) {
        self.found |= self.rooted(&e.left);
        visit::visit_expr_assign(self, e);
    }

    fn visit_expr_binary(&mut self, e: &'ast syn::ExprBinary) {
        self.found |= is_compound_assign(&e.op) && self.rooted(&e.left);
        visit::visit_expr_binary(self, e);
    }

    fn visit_expr_reference(&mut self, e: &'ast syn::ExprReference) {
        self.found |= e.mutability.is_some() && self.rooted(&e.expr);
        visit::visit_expr_reference(self, e);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if is_yield_macro(mac) {
            if let Ok(value) = mac.parse_body::<Expr>() {
                self.visit_expr(&value);
            }
            return;
        }
        let mut mentioned = false;
        mention(mac.tokens.clone(), &self.names, &mut mentioned);
        self.found |= mentioned;
    }
}

fn mention(tokens: proc_macro2::TokenStream, names: &HashSet<String>, found: &mut bool) {
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => *found |= names.contains(&ident.to_string()),
            proc_macro2::TokenTree::Group(group) => mention(group.stream(), names, found),
            _ => {}
        }
    }
}
