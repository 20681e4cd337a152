//! Small questions about syn trees that every step asks: is this a `yield_!`, does this
//! code contain one, which names does a pattern bind, which outer names does code mention.

use std::collections::HashSet;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{BinOp, Expr, Macro, Pat};

/// True for `yield_!(..)` and `coro::yield_!(..)` (any path ending in `yield_`).
pub fn is_yield_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "yield_")
}

/// The `yield_!` call an expression is, if it is one.
pub fn as_yield(expr: &Expr) -> Option<&Macro> {
    match expr {
        Expr::Macro(m) if is_yield_macro(&m.mac) => Some(&m.mac),
        Expr::Paren(p) => as_yield(&p.expr),
        Expr::Group(g) => as_yield(&g.expr),
        _ => None,
    }
}

/// Does this syntax contain a `yield_!` anywhere, including in places the transform does
/// not support (closures, nested items, other macros' arguments)?
pub fn contains_yield<T: YieldSearch + ?Sized>(node: &T) -> bool {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: false,
    };
    node.search(&mut finder);
    finder.found
}

/// Nodes [`contains_yield`] can search.
pub trait YieldSearch {
    /// Feeds the node to the finder.
    fn search(&self, finder: &mut YieldFinder);
}

macro_rules! yield_search {
    ($($ty:ty => $method:ident),* $(,)?) => {
        $(impl YieldSearch for $ty {
            fn search(&self, finder: &mut YieldFinder) {
                finder.$method(self);
            }
        })*
    };
}
yield_search!(
    Expr => visit_expr,
    syn::Stmt => visit_stmt,
    syn::Block => visit_block,
    syn::Local => visit_local,
    Pat => visit_pat,
);

/// Looks for `yield_!`, also inside macro token streams, and (for [`first_closure`]) for
/// closures.
pub struct YieldFinder {
    found: bool,
    closure: Option<Span>,
    closures_only: bool,
}

/// The span of the first closure or `async` block in `node` (outside nested items).
pub fn first_closure<T: YieldSearch + ?Sized>(node: &T) -> Option<Span> {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: true,
    };
    node.search(&mut finder);
    finder.closure
}

impl<'ast> Visit<'ast> for YieldFinder {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if is_yield_macro(mac) || tokens_contain_yield(&mac.tokens) {
            self.found = true;
        }
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.closure.get_or_insert(closure.or1_token.span);
        visit::visit_expr_closure(self, closure);
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        self.closure.get_or_insert(block.async_token.span);
        visit::visit_expr_async(self, block);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !self.closures_only {
            visit::visit_item(self, item);
        }
    }
}

/// Finds `yield_ !` in raw tokens (another macro's arguments).
pub fn tokens_contain_yield(tokens: &TokenStream) -> bool {
    find_yield_in_tokens(tokens).is_some()
}

/// The span of the first `yield_` followed by `!` in raw tokens.
pub fn find_yield_in_tokens(tokens: &TokenStream) -> Option<Span> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "yield_" => {
                if let Some(TokenTree::Punct(p)) = trees.get(i + 1) {
                    if p.as_char() == '!' {
                        return Some(ident.span());
                    }
                }
            }
            TokenTree::Group(group) => {
                if let Some(span) = find_yield_in_tokens(&group.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// `+=`, `-=` and the other compound assignment operators.
pub fn is_compound_assign(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// Does the block contain a `break` (outside closures and nested items)?
pub fn block_contains_break(block: &syn::Block) -> bool {
    block.stmts.iter().any(contains_break)
}

/// Does the statement contain a labelled `break 'label` (outside closures and items)?
pub fn contains_labelled_break(stmt: &syn::Stmt) -> bool {
    struct Breaks(bool);
    impl<'ast> Visit<'ast> for Breaks {
        fn visit_expr_break(&mut self, expr: &'ast syn::ExprBreak) {
            self.0 |= expr.label.is_some();
            visit::visit_expr_break(self, expr);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Breaks(false);
    v.visit_stmt(stmt);
    v.0
}

/// Does the statement contain a `break` (outside closures and nested items)?
pub fn contains_break(stmt: &syn::Stmt) -> bool {
    struct Breaks(bool);
    impl<'ast> Visit<'ast> for Breaks {
        fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut v = Breaks(false);
    v.visit_stmt(stmt);
    v.0
}

/// A name a pattern binds, with whether it is `mut` and whether it binds by reference.
#[derive(Clone)]
pub struct PatBinding {
    pub ident: Ident,
    pub mutable: bool,
    pub by_ref: bool,
}

/// The names a pattern binds, in source order. An uppercase identifier with no `mut`,
/// `ref` or `@` is taken to be a constant or unit variant, as rustc's naming lints assume.
pub fn pattern_bindings(pat: &Pat) -> Vec<PatBinding> {
    let mut out = Vec::new();
    collect_bindings(pat, &mut out);
    out
}

fn collect_bindings(pat: &Pat, out: &mut Vec<PatBinding>) {
    match pat {
        Pat::Ident(p) => {
            let plain = p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none();
            let looks_const = p
                .ident
                .to_string()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase());
            if !(plain && looks_const) {
                out.push(PatBinding {
                    ident: p.ident.clone(),
                    mutable: p.mutability.is_some(),
                    by_ref: p.by_ref.is_some(),
                });
            }
            if let Some((_, sub)) = &p.subpat {
                collect_bindings(sub, out);
            }
        }
        Pat::Or(p) => {
            if let Some(first) = p.cases.first() {
                collect_bindings(first, out);
            }
        }
        Pat::Paren(p) => collect_bindings(&p.pat, out),
        Pat::Reference(p) => collect_bindings(&p.pat, out),
        Pat::Slice(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        Pat::Struct(p) => p.fields.iter().for_each(|f| collect_bindings(&f.pat, out)),
        Pat::Tuple(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        Pat::TupleStruct(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        Pat::Type(p) => collect_bindings(&p.pat, out),
        _ => {}
    }
}

/// Does the pattern contain a `ref` or `ref mut` binding?
pub fn binds_by_ref(pat: &Pat) -> bool {
    pattern_bindings(pat).iter().any(|b| b.by_ref)
}

/// Methods that only borrow their receiver on the standard types they are usually called
/// on (iterators, slices, collections), or that work on a `&mut` iterator as on the
/// iterator itself: a receiver used only with these can stay inside the state while the
/// coroutine runs (see `liveness::Analysis::in_place`).
pub const BORROWING_METHODS: &[&str] = &["next", "next_back", "nth", "peek", "len", "is_empty"];

/// What a piece of code does with names from outside it, in evaluation order.
#[derive(Default)]
pub struct Uses {
    /// Outer names read, written or captured, in order (names shadowed inside are left out).
    pub names: Vec<Ident>,
    /// For each of `names`: whether that mention works the same through a `&mut`
    /// reference to the value: the base of an index expression (`buf[i]`) or the receiver
    /// of a method that only borrows it ([`BORROWING_METHODS`], such as `bytes.next()`).
    pub indexed: Vec<bool>,
    /// Whether the code may leave its statement early: `break`, `continue`, `return`, `?`.
    pub may_jump: bool,
}

/// Collects the outer names an expression or statement mentions.
pub fn uses_of_expr(expr: &Expr) -> Uses {
    let mut v = NameUses::default();
    v.visit_expr(expr);
    v.finish()
}

/// Collects the outer names a statement mentions (its own `let` bindings are not outer).
pub fn uses_of_stmt(stmt: &syn::Stmt) -> Uses {
    let mut v = NameUses::default();
    match stmt {
        // The bindings of a top-level `let` are declared by the caller, after its uses.
        syn::Stmt::Local(local) => {
            if let Some(init) = &local.init {
                v.visit_expr(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    v.visit_expr(diverge);
                }
            }
        }
        other => v.visit_stmt(other),
    }
    v.finish()
}

/// Collects the outer names a block mentions (a `let .. else` block, say).
pub fn uses_of_block(block: &syn::Block) -> Uses {
    let mut v = NameUses::default();
    v.visit_block(block);
    v.finish()
}

/// Collects the outer names a `match` arm mentions in its guard and body; the names its
/// pattern binds are not outer.
pub fn uses_of_arm(pat: &Pat, guard: Option<&Expr>, body: &Expr) -> Uses {
    let mut v = NameUses::default();
    v.scoped(|v| {
        v.declare(pat);
        if let Some(guard) = guard {
            v.visit_expr(guard);
        }
        v.visit_expr(body);
    });
    v.finish()
}

#[derive(Default)]
struct NameUses {
    scopes: Vec<HashSet<String>>,
    uses: Uses,
}

impl NameUses {
    fn finish(self) -> Uses {
        self.uses
    }

    fn shadowed(&self, name: &str) -> bool {
        self.scopes.iter().any(|scope| scope.contains(name))
    }

    fn mention(&mut self, ident: &Ident) {
        self.mention_as(ident, false);
    }

    fn mention_as(&mut self, ident: &Ident, indexed: bool) {
        if !self.shadowed(&ident.to_string()) {
            self.uses.names.push(ident.clone());
            self.uses.indexed.push(indexed);
        }
    }

    fn declare(&mut self, pat: &Pat) {
        let names = pattern_bindings(pat);
        if let Some(scope) = self.scopes.last_mut() {
            scope.extend(names.into_iter().map(|b| b.ident.to_string()));
        }
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashSet::new());
        f(self);
        self.scopes.pop();
    }

    fn mention_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) => {
                    let after_dot =
                        i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
                    if !after_dot {
                        self.mention(ident);
                    }
                }
                TokenTree::Group(group) => self.mention_tokens(group.stream()),
                TokenTree::Literal(lit) => {
                    for name in format_string_names(&lit.to_string()) {
                        self.mention(&Ident::new(&name, lit.span()));
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// Names captured by a format string's inline arguments: `"{x}"`, `"{x:?}"`, `"{x:>w$}"`.
fn format_string_names(literal: &str) -> Vec<String> {
    if !literal.starts_with('"') && !literal.starts_with('r') {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut spec = String::new();
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
            spec.push(c);
        }
        let (arg, format) = spec.split_once(':').unwrap_or((&spec, ""));
        let mut candidates = vec![arg.trim().to_string()];
        // Width and precision may name arguments too: `{:w$}`, `{:.p$}`.
        for part in format.split('$').take(format.matches('$').count()) {
            let tail: String = part
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            candidates.push(tail.chars().rev().collect());
        }
        for name in candidates {
            let ok = name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if ok {
                names.push(name);
            }
        }
    }
    names
}

impl<'ast> Visit<'ast> for NameUses {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if path.qself.is_none() && path.path.leading_colon.is_none() {
            if let Some(first) = path.path.segments.first() {
                if path.path.segments.len() == 1 {
                    self.mention(&first.ident);
                }
            }
        }
        visit::visit_expr_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        self.mention_tokens(mac.tokens.clone());
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let borrowing = BORROWING_METHODS.iter().any(|m| call.method == m);
        match &*call.receiver {
            Expr::Path(p) if borrowing && p.qself.is_none() && p.path.get_ident().is_some() => {
                let ident = p.path.get_ident().expect("checked");
                self.mention_as(ident, true);
            }
            other => self.visit_expr(other),
        }
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn visit_expr_index(&mut self, index: &'ast syn::ExprIndex) {
        match &*index.expr {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                let ident = p.path.get_ident().expect("checked");
                self.mention_as(ident, true);
            }
            other => self.visit_expr(other),
        }
        self.visit_expr(&index.index);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scoped(|v| visit::visit_block(v, block));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.declare(&local.pat);
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|v| {
            v.declare(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                v.visit_expr(guard);
            }
            v.visit_expr(&arm.body);
        });
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.scoped(|v| {
            for input in &closure.inputs {
                v.declare(input);
            }
            let jumps = v.uses.may_jump;
            v.visit_expr(&closure.body);
            v.uses.may_jump = jumps;
        });
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        let jumps = self.uses.may_jump;
        visit::visit_expr_async(self, block);
        self.uses.may_jump = jumps;
    }

    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.visit_expr(&expr.expr);
        self.scoped(|v| {
            v.declare(&expr.pat);
            v.visit_block(&expr.body);
        });
    }

    fn visit_expr_if(&mut self, expr: &'ast syn::ExprIf) {
        self.scoped(|v| {
            v.visit_expr(&expr.cond);
            v.visit_block(&expr.then_branch);
        });
        if let Some((_, else_branch)) = &expr.else_branch {
            self.visit_expr(else_branch);
        }
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        self.scoped(|v| {
            v.visit_expr(&expr.cond);
            v.visit_block(&expr.body);
        });
    }

    fn visit_expr_let(&mut self, expr: &'ast syn::ExprLet) {
        self.visit_expr(&expr.expr);
        self.declare(&expr.pat);
    }

    fn visit_expr_break(&mut self, expr: &'ast syn::ExprBreak) {
        self.uses.may_jump = true;
        visit::visit_expr_break(self, expr);
    }

    fn visit_expr_continue(&mut self, expr: &'ast syn::ExprContinue) {
        self.uses.may_jump = true;
        visit::visit_expr_continue(self, expr);
    }

    fn visit_expr_return(&mut self, expr: &'ast syn::ExprReturn) {
        self.uses.may_jump = true;
        visit::visit_expr_return(self, expr);
    }

    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        self.uses.may_jump = true;
        visit::visit_expr_try(self, expr);
    }

    // Nested items cannot see the function's locals.
    fn visit_item(&mut self, _item: &'ast syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str) -> Vec<String> {
        let stmt: syn::Stmt = syn::parse_str(code).unwrap();
        uses_of_stmt(&stmt)
            .names
            .iter()
            .map(|i| i.to_string())
            .collect()
    }

    #[test]
    fn inner_shadowing_hides_outer_names() {
        assert_eq!(names("{ let x = 1; f(x, y); }"), ["f", "y"]);
        assert_eq!(names("let a = b + c;"), ["b", "c"]);
        assert_eq!(names("s.x = p.y;"), ["s", "p"]);
    }

    #[test]
    fn format_strings_and_closures_count() {
        assert_eq!(names(r#"println!("{x} {:w$}", y);"#), ["x", "w", "y"]);
        assert_eq!(names("let c = |x| x + z;"), ["z"]);
    }

    #[test]
    fn patterns_bind_lowercase_names_only() {
        let pat: Pat = Pat::parse_single
            .parse_str("(Some(mut a), None, b @ 1..=2, MAX)")
            .unwrap();
        let bound: Vec<_> = pattern_bindings(&pat)
            .iter()
            .map(|b| (b.ident.to_string(), b.mutable))
            .collect();
        assert_eq!(bound, [("a".into(), true), ("b".into(), false)]);
    }

    use syn::parse::Parser;
}
