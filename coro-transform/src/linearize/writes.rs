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
//! compound assignment to a place rooted at a name the kept place reads (a destructuring
//! assignment's targets too: `(k, _) = (5, 0)`), a `&mut` or `&raw mut` of one, a method
//! call on one that may take `&mut self` (`k.add_assign(1)`: any method but the
//! [`SHARED_METHODS`](crate::syntax::SHARED_METHODS)), or a macro other than `yield_!`
//! whose input names one, or a `macro_rules!` of the body whose rules name one (coro cannot
//! see what a macro does).
//!
//! The same question decides whether coro can order `place op= value`: rustc evaluates
//! the value first for primitive operands and the place first for an operator trait impl,
//! which differ only when the place runs code ([`runs_code`]) or the value writes what
//! locates the place ([`value_writes_place_inputs`]: `counts[i] += { i = 2; .. }`); coro,
//! which sees no types, asks for the value to be bound first then.

use std::collections::HashSet;

use syn::visit::{self, Visit};
use syn::Expr;

use crate::syntax::{body_macro_tokens, is_compound_assign, is_yield_macro, SHARED_METHODS};

/// Whether any of `later` may write a name that `place` reads. A write to another field
/// of the same local (`p.1 = 5` against `p.0`) changes nothing the place reads.
pub fn later_operands_write(place: &Expr, later: &[&Expr]) -> bool {
    let mut finder = WriteFinder::new(names_read(place), Reach::Place);
    finder.fields = field_path(place);
    finder.any(later)
}

/// A place as its local and the fields below it (`p.0.x` is `p`, `[0, x]`); an index or a
/// dereference keeps the fields above it (`p.v[i]` is `p`, `[v]`: any element may change).
/// An index that reads the local itself (`s.buf[s.pos]`) reads more than one field: `None`.
fn field_path(place: &Expr) -> Option<(String, Vec<String>)> {
    match place {
        Expr::Path(p) => Some((p.path.get_ident()?.to_string(), Vec::new())),
        Expr::Field(f) => {
            let (root, mut fields) = field_path(&f.base)?;
            fields.push(quote::ToTokens::to_token_stream(&f.member).to_string());
            Some((root, fields))
        }
        Expr::Paren(p) => field_path(&p.expr),
        Expr::Group(g) => field_path(&g.expr),
        Expr::Index(i) => {
            let (root, fields) = field_path(&i.expr)?;
            (!names_read(&i.index).contains(&root)).then_some((root, fields))
        }
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => field_path(&u.expr),
        _ => None,
    }
}

/// Whether `index` may give the local that `base` is rooted at a new value as a whole
/// (`r = other`, `(r, _) = ..`, `&mut r`, a macro naming it), not just change what it
/// holds (`r[0] = 9`, `r.push(1)`): a reference base reassigned there is read before the
/// index by an `Index` impl and after it by built-in indexing.
pub fn index_reassigns_base(base: &Expr, index: &Expr) -> bool {
    let mut root = base;
    while let Expr::Field(syn::ExprField { base, .. })
    | Expr::Index(syn::ExprIndex { expr: base, .. })
    | Expr::Paren(syn::ExprParen { expr: base, .. }) = root
    {
        root = base;
    }
    match root {
        Expr::Path(_) => writes_any(names_read(root), &[index], Reach::Whole),
        _ => false,
    }
}

/// Whether `value` may write a name that the place of `place op= value` reads to find
/// where it is: `i` in `counts[i]`, `p` in `*p`, and the local `r` of `r[0]` or `r.0`,
/// which may be a reference that an operator trait impl reads before the value
/// reassigns it. A plain local (`x op= { x = 1; .. }`) is no input: a write to it
/// conflicts with an operator trait impl's borrow of it, so rustc accepts it only for a
/// built-in operator, whose order coro keeps.
pub fn value_writes_place_inputs(place: &Expr, value: &Expr) -> bool {
    fn inputs(place: &Expr) -> HashSet<String> {
        match place {
            Expr::Path(_) => HashSet::new(),
            Expr::Paren(p) => inputs(&p.expr),
            Expr::Group(g) => inputs(&g.expr),
            other => names_read(other),
        }
    }
    writes_any(inputs(place), &[value], Reach::Place)
}

fn names_read(expr: &Expr) -> HashSet<String> {
    let mut names = NamesRead(HashSet::new());
    names.visit_expr(expr);
    names.0
}

fn writes_any(names: HashSet<String>, operands: &[&Expr], reach: Reach) -> bool {
    WriteFinder::new(names, reach).any(operands)
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

/// Which writes count.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    /// Any write to a place rooted at a name: `k`, `k.0`, `k[i]`, `*k`, `k.push(..)`.
    Place,
    /// Only a new value for the name itself: `k = ..`, `&mut k`.
    Whole,
}

struct WriteFinder {
    names: HashSet<String>,
    reach: Reach,
    /// The place whose other fields may be written ([`field_path`]).
    fields: Option<(String, Vec<String>)>,
    found: bool,
}

impl WriteFinder {
    fn new(names: HashSet<String>, reach: Reach) -> WriteFinder {
        WriteFinder {
            names,
            reach,
            fields: None,
            found: false,
        }
    }

    fn any(mut self, operands: &[&Expr]) -> bool {
        if self.names.is_empty() {
            return false;
        }
        for operand in operands {
            self.visit_expr(operand);
        }
        self.found
    }

    /// Whether a write to `target` leaves the kept place alone: both are fields of one
    /// local, neither below the other (`p.1` and `p.0`).
    fn disjoint(&self, target: &Expr) -> bool {
        let (Some((root, fields)), Some((target_root, target_fields))) =
            (&self.fields, field_path(target))
        else {
            return false;
        };
        let shared = fields.len().min(target_fields.len());
        *root == target_root && fields[..shared] != target_fields[..shared]
    }

    /// Whether the place `target` is rooted at one of the names (`k`, `k.0`, `k[i]`, `*k`),
    /// or, for the target of a destructuring assignment (`(k, _)`, `[a, k]`,
    /// `P { u: k, .. }`, `W(k)`), one of its places is.
    fn rooted(&self, target: &Expr) -> bool {
        if self.disjoint(target) {
            return false;
        }
        match target {
            Expr::Tuple(t) => t.elems.iter().any(|e| self.rooted(e)),
            Expr::Array(a) => a.elems.iter().any(|e| self.rooted(e)),
            Expr::Call(c) => c.args.iter().any(|e| self.rooted(e)),
            Expr::Struct(s) => s.fields.iter().any(|f| self.rooted(&f.expr)),
            Expr::Path(p) => p
                .path
                .get_ident()
                .is_some_and(|ident| self.names.contains(&ident.to_string())),
            Expr::Paren(p) => self.rooted(&p.expr),
            Expr::Group(g) => self.rooted(&g.expr),
            _ if self.reach == Reach::Whole => false,
            Expr::Field(f) => self.rooted(&f.base),
            Expr::Index(i) => self.rooted(&i.expr),
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

    fn visit_expr_raw_addr(&mut self, e: &'ast syn::ExprRawAddr) {
        self.found |=
            matches!(e.mutability, syn::PointerMutability::Mut(_)) && self.rooted(&e.expr);
        visit::visit_expr_raw_addr(self, e);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.found |= binds_by_ref_mut(&local.pat) && self.rooted(&init.expr);
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_match(&mut self, e: &'ast syn::ExprMatch) {
        self.found |= e.arms.iter().any(|arm| binds_by_ref_mut(&arm.pat)) && self.rooted(&e.expr);
        visit::visit_expr_match(self, e);
    }

    fn visit_expr_let(&mut self, e: &'ast syn::ExprLet) {
        self.found |= binds_by_ref_mut(&e.pat) && self.rooted(&e.expr);
        visit::visit_expr_let(self, e);
    }

    fn visit_expr_method_call(&mut self, e: &'ast syn::ExprMethodCall) {
        let shared = SHARED_METHODS.iter().any(|m| e.method == m);
        self.found |= self.reach == Reach::Place && !shared && self.rooted(&e.receiver);
        visit::visit_expr_method_call(self, e);
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
        if let Some(rules) = body_macro_tokens(mac) {
            mention(rules, &self.names, &mut mentioned);
        }
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

/// Whether a pattern binds by `ref mut`, a write to what it matches (`let ref mut r = k;`,
/// `match k { ref mut r => *r = 5 }`).
fn binds_by_ref_mut(pat: &syn::Pat) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0 |= p.by_ref.is_some() && p.mutability.is_some();
            visit::visit_pat_ident(self, p);
        }
    }
    let mut finder = Finder(false);
    finder.visit_pat(pat);
    finder.0
}
