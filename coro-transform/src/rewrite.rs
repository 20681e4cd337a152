//! Rewrites of the user's plain code that moving it into a resume function requires:
//! `self` becomes an ordinary binding, `return` and `?` complete the coroutine instead of
//! returning from the resume function, and jumps out of a loop that is being re-entered
//! go to the labels that stand for it.
//!
//! None of them enter closures, `async` blocks or nested items, where `return`, `?` and
//! `break` keep their own meaning (closures still see the renamed `self`).

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{parse_quote_spanned, Expr, Lifetime, Macro, Token};

/// The name `self` is given inside the coroutine body.
pub fn self_ident(span: Span) -> Ident {
    Ident::new("__self", span)
}

/// Renames `self` (in expressions and in macro arguments) to [`self_ident`].
pub fn rename_self(block: &mut syn::Block) {
    SelfRenamer.visit_block_mut(block);
}

struct SelfRenamer;

impl VisitMut for SelfRenamer {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        if path.qself.is_none() && path.path.segments.len() == 1 {
            let segment = &mut path.path.segments[0];
            if segment.ident == "self" {
                segment.ident = self_ident(segment.ident.span());
            }
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        mac.tokens = rename_self_tokens(mac.tokens.clone());
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

fn rename_self_tokens(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tree) in trees.iter().enumerate() {
        out.push(match tree {
            TokenTree::Ident(ident) if ident == "self" => {
                let is_path =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if is_path {
                    tree.clone()
                } else {
                    TokenTree::Ident(self_ident(ident.span()))
                }
            }
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), rename_self_tokens(group.stream()));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other.clone(),
        });
    }
    out.into_iter().collect()
}

/// Renames a binding that hides a same-named binding of an enclosing block, where the
/// hiding binding's scope contains a `yield_!`: the coroutine may have to save both at a
/// yield, and it can only name the inner one. `x` becomes `x__1`, keeping its span.
pub fn rename_shadowing(block: &mut syn::Block) {
    ShadowRenamer::default().visit_block_mut(block);
}

/// A name bound in a scope, with its new name when it was renamed.
type Bound = (String, Option<Ident>);

#[derive(Default)]
struct ShadowRenamer {
    /// Per scope: whether it contains a yield, and the names bound in it.
    scopes: Vec<(bool, Vec<Bound>)>,
    renamed: usize,
}

impl ShadowRenamer {
    fn scoped(&mut self, yields: bool, f: impl FnOnce(&mut Self)) {
        self.scopes.push((yields, Vec::new()));
        f(self);
        self.scopes.pop();
    }

    fn lookup(&self, name: &str) -> Option<&Option<Ident>> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|(_, names)| names.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, renamed)| renamed)
    }

    fn declare(&mut self, pat: &mut syn::Pat) {
        struct Binder<'a>(&'a mut ShadowRenamer);
        impl VisitMut for Binder<'_> {
            fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
                let is_binding = p.by_ref.is_some()
                    || p.mutability.is_some()
                    || p.subpat.is_some()
                    || !p.ident.to_string().starts_with(char::is_uppercase);
                if is_binding {
                    let name = p.ident.to_string();
                    let renamer = &mut *self.0;
                    let (yields, _) = renamer.scopes.last().expect("a scope is open");
                    let outer = renamer.scopes[..renamer.scopes.len() - 1]
                        .iter()
                        .any(|(_, names)| names.iter().any(|(n, _)| *n == name));
                    let renamed = if *yields && outer {
                        renamer.renamed += 1;
                        let new = Ident::new(
                            &format!("{name}_shadowed_{}", renamer.renamed),
                            p.ident.span(),
                        );
                        p.ident = new.clone();
                        Some(new)
                    } else {
                        None
                    };
                    renamer
                        .scopes
                        .last_mut()
                        .expect("a scope is open")
                        .1
                        .push((name, renamed));
                }
                visit_mut::visit_pat_ident_mut(self, p);
            }
            fn visit_expr_mut(&mut self, _: &mut Expr) {}
        }
        Binder(self).visit_pat_mut(pat);
    }

    fn rename_tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        for (i, tree) in trees.iter().enumerate() {
            out.push(match tree {
                TokenTree::Ident(ident) => {
                    let after_dot =
                        i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
                    match self.lookup(&ident.to_string()) {
                        Some(Some(new)) if !after_dot => {
                            TokenTree::Ident(Ident::new(&new.to_string(), ident.span()))
                        }
                        _ => tree.clone(),
                    }
                }
                TokenTree::Group(group) => {
                    let mut new = Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                TokenTree::Literal(lit) => TokenTree::Literal(self.rename_in_format(lit)),
                other => other.clone(),
            });
        }
        out.into_iter().collect()
    }

    /// `"{x}"` and `"{x:?}"` in a format string name `x` too.
    fn rename_in_format(&self, lit: &proc_macro2::Literal) -> proc_macro2::Literal {
        let mut text = lit.to_string();
        if !text.contains('{') {
            return lit.clone();
        }
        for (_, names) in &self.scopes {
            for (name, renamed) in names {
                if let (Some(new), Some(Some(current))) = (renamed, self.lookup(name)) {
                    if current == new {
                        for end in ["}", ":"] {
                            text =
                                text.replace(&format!("{{{name}{end}"), &format!("{{{new}{end}"));
                        }
                    }
                }
            }
        }
        match text.parse::<proc_macro2::Literal>() {
            Ok(mut new) => {
                new.set_span(lit.span());
                new
            }
            Err(_) => lit.clone(),
        }
    }
}

impl VisitMut for ShadowRenamer {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let yields = crate::syntax::contains_yield(&*block);
        self.scoped(yields, |v| {
            for stmt in &mut block.stmts {
                match stmt {
                    syn::Stmt::Local(local) => {
                        if let Some(init) = &mut local.init {
                            v.visit_expr_mut(&mut init.expr);
                            if let Some((_, diverge)) = &mut init.diverge {
                                v.visit_expr_mut(diverge);
                            }
                        }
                        v.declare(&mut local.pat);
                    }
                    other => v.visit_stmt_mut(other),
                }
            }
        });
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Path(path) if path.qself.is_none() => {
                if let Some(ident) = path.path.get_ident() {
                    if let Some(Some(new)) = self.lookup(&ident.to_string()) {
                        let new = Ident::new(&new.to_string(), ident.span());
                        path.path.segments[0].ident = new;
                    }
                }
            }
            Expr::If(e) => {
                if let Expr::Let(l) = &mut *e.cond {
                    self.visit_expr_mut(&mut l.expr);
                    let yields = crate::syntax::contains_yield(&e.then_branch);
                    let (pat, then) = (&mut l.pat, &mut e.then_branch);
                    self.scoped(yields, |v| {
                        v.declare(pat);
                        v.visit_block_mut(then);
                    });
                } else {
                    self.visit_expr_mut(&mut e.cond);
                    self.visit_block_mut(&mut e.then_branch);
                }
                if let Some((_, otherwise)) = &mut e.else_branch {
                    self.visit_expr_mut(otherwise);
                }
            }
            Expr::While(e) => {
                if let Expr::Let(l) = &mut *e.cond {
                    let yields = crate::syntax::contains_yield(&e.body);
                    let (pat, scrutinee, body) = (&mut l.pat, &mut l.expr, &mut e.body);
                    self.scoped(yields, |v| {
                        v.visit_expr_mut(scrutinee);
                        v.declare(pat);
                        v.visit_block_mut(body);
                    });
                } else {
                    visit_mut::visit_expr_while_mut(self, e);
                }
            }
            Expr::ForLoop(e) => {
                self.visit_expr_mut(&mut e.expr);
                let yields = crate::syntax::contains_yield(&e.body);
                let (pat, body) = (&mut e.pat, &mut e.body);
                self.scoped(yields, |v| {
                    v.declare(pat);
                    v.visit_block_mut(body);
                });
            }
            Expr::Closure(c) => {
                let (inputs, body) = (&mut c.inputs, &mut c.body);
                self.scoped(false, |v| {
                    for input in inputs.iter_mut() {
                        v.declare(input);
                    }
                    v.visit_expr_mut(body);
                });
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        let yields = crate::syntax::contains_yield(&*arm.body);
        self.scoped(yields, |v| {
            v.declare(&mut arm.pat);
            if let Some((_, guard)) = &mut arm.guard {
                v.visit_expr_mut(guard);
            }
            v.visit_expr_mut(&mut arm.body);
        });
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        mac.tokens = self.rename_tokens(mac.tokens.clone());
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

/// Turns `return value` into `break 'body value` and `expr?` into a match that breaks out
/// with the residual, where `'body` labels the block that produces the coroutine's return
/// value.
pub fn rewrite_exits(block: &mut syn::Block, body_label: &Lifetime) {
    ExitRewriter { body_label }.visit_block_mut(block);
}

struct ExitRewriter<'a> {
    body_label: &'a Lifetime,
}

impl VisitMut for ExitRewriter<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let label = self.body_label;
        match expr {
            Expr::Return(ret) => {
                let span = ret.return_token.span;
                let value = match &ret.expr {
                    Some(value) => quote_spanned!(span=> #value),
                    None => quote_spanned!(span=> ()),
                };
                *expr = parse_quote_spanned!(span=> break #label #value);
            }
            Expr::Try(try_expr) => {
                let span = try_expr.question_token.span;
                let inner = &try_expr.expr;
                let value = Ident::new("__value", Span::mixed_site());
                let residual = Ident::new("__residual", Span::mixed_site());
                let coro = crate::paths::root_at(span);
                *expr = parse_quote_spanned!(span=>
                    match #coro::__private::branch(#inner) {
                        ::core::result::Result::Ok(#value) => #value,
                        ::core::result::Result::Err(#residual) => break #label #residual,
                    }
                );
            }
            _ => {}
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        rewrite_macro_args(mac, |expr| self.visit_expr_mut(expr));
    }

    fn visit_expr_closure_mut(&mut self, _closure: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _block: &mut syn::ExprAsync) {}
    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

/// Applies `f` to a macro's arguments when they parse as comma-separated expressions
/// (as `println!`, `assert_eq!` or `vec!` arguments do); leaves other macros alone.
fn rewrite_macro_args(mac: &mut Macro, mut f: impl FnMut(&mut Expr)) {
    let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
    if let Ok(mut args) = mac.parse_body_with(parser) {
        let before = quote::ToTokens::to_token_stream(&args).to_string();
        args.iter_mut().for_each(&mut f);
        if quote::ToTokens::to_token_stream(&args).to_string() != before {
            mac.tokens = quote::ToTokens::to_token_stream(&args);
        }
    }
}

/// A loop around the code being emitted, as jumps inside that code see it.
#[derive(Clone)]
pub struct LoopFrame {
    /// The loop's label, if it has one.
    pub label: Option<Lifetime>,
    /// For a loop being re-entered after a yield: the labels that `break` and `continue`
    /// aimed at it must use instead.
    pub reentry: Option<Reentry>,
}

#[derive(Clone)]
pub struct Reentry {
    pub exit: Lifetime,
    pub next: Lifetime,
}

/// Redirects the jumps in `stmt` that aim at a loop being re-entered.
pub fn rewrite_jumps(stmt: &mut syn::Stmt, frames: &[LoopFrame]) {
    if frames.iter().any(|frame| frame.reentry.is_some()) {
        JumpRewriter {
            frames: frames.to_vec(),
        }
        .visit_stmt_mut(stmt);
    }
}

/// [`rewrite_jumps`] for an expression.
pub fn rewrite_jumps_expr(expr: &mut Expr, frames: &[LoopFrame]) {
    if frames.iter().any(|frame| frame.reentry.is_some()) {
        JumpRewriter {
            frames: frames.to_vec(),
        }
        .visit_expr_mut(expr);
    }
}

struct JumpRewriter {
    frames: Vec<LoopFrame>,
}

impl JumpRewriter {
    fn target(&self, label: Option<&Lifetime>) -> Option<&Reentry> {
        let frame = match label {
            None => self.frames.last(),
            Some(label) => self
                .frames
                .iter()
                .rev()
                .find(|frame| frame.label.as_ref().is_some_and(|l| l.ident == label.ident)),
        };
        frame.and_then(|frame| frame.reentry.as_ref())
    }

    fn inside_loop(&mut self, label: Option<&syn::Label>, f: impl FnOnce(&mut Self)) {
        self.frames.push(LoopFrame {
            label: label.map(|l| l.name.clone()),
            reentry: None,
        });
        f(self);
        self.frames.pop();
    }
}

impl VisitMut for JumpRewriter {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Loop(e) => {
                let label = e.label.clone();
                self.inside_loop(label.as_ref(), |v| v.visit_block_mut(&mut e.body));
            }
            Expr::While(e) => {
                self.visit_expr_mut(&mut e.cond);
                let label = e.label.clone();
                self.inside_loop(label.as_ref(), |v| v.visit_block_mut(&mut e.body));
            }
            Expr::ForLoop(e) => {
                self.visit_expr_mut(&mut e.expr);
                let label = e.label.clone();
                self.inside_loop(label.as_ref(), |v| v.visit_block_mut(&mut e.body));
            }
            Expr::Break(e) => {
                if let Some(value) = &mut e.expr {
                    self.visit_expr_mut(value);
                }
                if let Some(target) = self.target(e.label.as_ref()) {
                    let span = e.break_token.span;
                    let exit = &target.exit;
                    let value = &e.expr;
                    *expr = parse_quote_spanned!(span=> break #exit #value);
                }
            }
            Expr::Continue(e) => {
                if let Some(target) = self.target(e.label.as_ref()) {
                    let span = e.continue_token.span;
                    let next = &target.next;
                    *expr = parse_quote_spanned!(span=> break #next);
                }
            }
            Expr::Closure(_) | Expr::Async(_) => {}
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}
