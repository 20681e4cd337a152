//! Splits a function body into the yield spine ([`crate::ir`]) and plain code, and
//! rejects every `yield_!` in a position the transform does not support, with an error on
//! the user's tokens that says what to write instead.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Error, Expr, Macro, Result};

use crate::ir::{Arm, ArmBody, Block, Cond, Ctl, Else, Node, Stmt, YieldKind, YieldPoint};
use crate::syntax::{
    as_yield, contains_yield, find_yield_in_tokens, is_compound_assign, is_yield_macro,
};

/// Builds the spine of a function body, numbering yield points in source order.
pub fn build(body: &syn::Block) -> Result<Block> {
    let mut builder = Builder { next_index: 0 };
    builder.block(body)
}

struct Builder {
    next_index: usize,
}

impl Builder {
    fn block(&mut self, block: &syn::Block) -> Result<Block> {
        let count = block.stmts.len();
        let stmts = block
            .stmts
            .iter()
            .enumerate()
            .map(|(i, stmt)| self.stmt(stmt, i + 1 == count).map(Node::new))
            .collect::<Result<_>>()?;
        Ok(Block {
            entry: Vec::new(),
            stmts,
        })
    }

    fn stmt(&mut self, stmt: &syn::Stmt, is_last: bool) -> Result<Stmt> {
        if !contains_yield(stmt) {
            return Ok(Stmt::Code(stmt.clone()));
        }
        match stmt {
            syn::Stmt::Local(local) => self.local(local),
            syn::Stmt::Macro(m) if is_yield_macro(&m.mac) => {
                let kind = if m.semi_token.is_none() && is_last {
                    YieldKind::Value
                } else {
                    YieldKind::Discard
                };
                self.yield_point(&m.mac, kind)
            }
            syn::Stmt::Expr(expr, semi) => self.expr_stmt(expr, *semi, is_last),
            other => Err(explain(other)),
        }
    }

    fn local(&mut self, local: &syn::Local) -> Result<Stmt> {
        let Some(init) = &local.init else {
            return Err(explain(local));
        };
        let diverge = init.diverge.as_ref().map(|(_, expr)| expr);
        if let Some(mac) = as_yield(&init.expr) {
            let diverge = match diverge {
                Some(expr) if contains_yield(&**expr) => return Err(explain(&**expr)),
                Some(expr) => Some(else_block(expr)?),
                None => None,
            };
            let kind = YieldKind::Let {
                attrs: local.attrs.clone(),
                pat: local.pat.clone(),
                diverge,
            };
            return self.yield_point(mac, kind);
        }
        if contains_yield(&*init.expr) {
            let Some(ctl) = self.ctl(&init.expr)? else {
                return Err(explain(&*init.expr));
            };
            let diverge = match diverge {
                Some(expr) if contains_yield(&**expr) => return Err(explain(&**expr)),
                Some(expr) => Some(else_block(expr)?),
                None => None,
            };
            return Ok(Stmt::Let {
                attrs: local.attrs.clone(),
                pat: local.pat.clone(),
                init: ctl,
                diverge,
            });
        }
        // Only the `else` block of a `let ... else` is left, or a yield where no value
        // can stand (in the pattern, or in an array length in its type).
        let Some(diverge) = diverge else {
            return Err(explain(local));
        };
        let diverge = self.block(&else_block(diverge)?)?;
        let mut plain = local.clone();
        if let Some(init) = &mut plain.init {
            init.diverge = None;
        }
        Ok(Stmt::LetElse {
            local: plain,
            diverge,
        })
    }

    fn expr_stmt(
        &mut self,
        expr: &Expr,
        semi: Option<syn::Token![;]>,
        is_last: bool,
    ) -> Result<Stmt> {
        if let Some(mac) = as_yield(expr) {
            let kind = if semi.is_none() && is_last {
                YieldKind::Value
            } else {
                YieldKind::Discard
            };
            return self.yield_point(mac, kind);
        }
        match expr {
            Expr::Assign(assign) if !contains_yield(&*assign.left) => {
                if let Some(mac) = as_yield(&assign.right) {
                    let kind = YieldKind::Assign {
                        place: (*assign.left).clone(),
                        op: None,
                    };
                    return self.yield_point(mac, kind);
                }
            }
            Expr::Binary(binary) if is_compound_assign(&binary.op) => {
                if let (Some(mac), false) = (as_yield(&binary.right), contains_yield(&*binary.left))
                {
                    let kind = YieldKind::Assign {
                        place: (*binary.left).clone(),
                        op: Some(binary.op),
                    };
                    return self.yield_point(mac, kind);
                }
            }
            _ => {}
        }
        match self.ctl(expr)? {
            Some(ctl) => Ok(Stmt::Ctl { ctl, semi }),
            None => Err(explain(expr)),
        }
    }

    fn yield_point(&mut self, mac: &Macro, kind: YieldKind) -> Result<Stmt> {
        let value = yield_value(mac)?;
        let index = self.next_index;
        self.next_index += 1;
        Ok(Stmt::Yield(YieldPoint {
            index,
            kind,
            value,
            span: mac.span(),
            text: source_text(mac),
            path: mac.path.clone(),
        }))
    }

    /// The spine form of a control structure containing yields, or `None` when `expr` is
    /// not a control structure.
    fn ctl(&mut self, expr: &Expr) -> Result<Option<Ctl>> {
        let ctl = match expr {
            Expr::Block(b) if b.attrs.is_empty() => Ctl::Block {
                label: b.label.clone(),
                block: self.block(&b.block)?,
            },
            Expr::If(e) => {
                // Condition, then branch, else branch: yields are numbered in source order.
                let cond = self.cond(&e.cond)?;
                let then = self.block(&e.then_branch)?;
                let otherwise = match &e.else_branch {
                    None => None,
                    Some((_, branch)) if !contains_yield(&**branch) => {
                        Some(Box::new(Else::Code((**branch).clone())))
                    }
                    Some((_, branch)) => Some(Box::new(match &**branch {
                        Expr::Block(b) if b.label.is_none() => Else::Block(self.block(&b.block)?),
                        other => match self.ctl(other)? {
                            Some(ctl) => Else::If(Box::new(ctl)),
                            None => return Err(explain(other)),
                        },
                    })),
                };
                Ctl::If {
                    cond,
                    then,
                    otherwise,
                }
            }
            Expr::Match(m) => {
                if contains_yield(&*m.expr) {
                    return Err(explain(&*m.expr));
                }
                let arms = m
                    .arms
                    .iter()
                    .map(|arm| self.arm(arm))
                    .collect::<Result<_>>()?;
                Ctl::Match {
                    scrutinee: (*m.expr).clone(),
                    arms,
                }
            }
            Expr::Loop(l) => Ctl::Loop {
                label: l.label.clone(),
                body: self.block(&l.body)?,
            },
            Expr::While(w) => Ctl::While {
                label: w.label.clone(),
                cond: self.cond(&w.cond)?,
                body: self.block(&w.body)?,
            },
            Expr::ForLoop(f) => {
                if contains_yield(&*f.expr) {
                    return Err(explain(&*f.expr));
                }
                Ctl::For {
                    label: f.label.clone(),
                    pat: (*f.pat).clone(),
                    iterable: (*f.expr).clone(),
                    iter: None,
                    body: self.block(&f.body)?,
                }
            }
            Expr::Paren(p) => return self.ctl(&p.expr),
            _ => return Ok(None),
        };
        Ok(Some(ctl))
    }

    fn cond(&mut self, cond: &Expr) -> Result<Cond> {
        if contains_yield(cond) {
            return Err(explain(cond));
        }
        match cond {
            Expr::Let(l) => Ok(Cond::Let((*l.pat).clone(), (*l.expr).clone())),
            other if has_let(other) => Err(Error::new_spanned(
                other,
                "a `let` chain cannot guard a block that contains `yield_!`; \
                 nest the conditions instead: `if let .. = .. { if .. { .. } }`",
            )),
            other => Ok(Cond::Expr(other.clone())),
        }
    }

    fn arm(&mut self, arm: &syn::Arm) -> Result<Arm> {
        if let Some((_, guard)) = &arm.guard {
            if contains_yield(&**guard) {
                return Err(explain(&**guard));
            }
        }
        let body = if !contains_yield(&*arm.body) {
            ArmBody::Code((*arm.body).clone())
        } else {
            match &*arm.body {
                Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                    ArmBody::Spine(self.block(&b.block)?)
                }
                other => ArmBody::Spine(Block {
                    entry: Vec::new(),
                    stmts: vec![Node::new(self.expr_stmt(other, None, true)?)],
                }),
            }
        };
        Ok(Arm {
            pat: arm.pat.clone(),
            guard: arm.guard.as_ref().map(|(_, g)| (**g).clone()),
            body,
        })
    }
}

fn has_let(expr: &Expr) -> bool {
    match expr {
        Expr::Let(_) => true,
        Expr::Binary(b) => has_let(&b.left) || has_let(&b.right),
        Expr::Paren(p) => has_let(&p.expr),
        _ => false,
    }
}

fn else_block(expr: &Expr) -> Result<syn::Block> {
    match expr {
        Expr::Block(b) => Ok(b.block.clone()),
        other => Err(Error::new_spanned(other, "expected a block after `else`")),
    }
}

/// The value of `yield_!(value)`; `yield_!()` yields `()`.
fn yield_value(mac: &Macro) -> Result<Expr> {
    if mac.tokens.is_empty() {
        return Ok(syn::parse_quote_spanned!(mac.span()=> ()));
    }
    mac.parse_body::<Expr>().map_err(|e| {
        Error::new(
            e.span(),
            format!("`yield_!` takes one expression, the value to yield: {e}"),
        )
    })
}

/// The call as it appears in the source (`yield_!(c)`), or its tokens when the compiler
/// cannot say (for example inside another macro's expansion).
fn source_text(mac: &Macro) -> String {
    let group = match &mac.delimiter {
        syn::MacroDelimiter::Paren(d) => d.span.join(),
        syn::MacroDelimiter::Brace(d) => d.span.join(),
        syn::MacroDelimiter::Bracket(d) => d.span.join(),
    };
    let path = &mac.path;
    match (path.span().source_text(), group.source_text()) {
        (Some(path), Some(args)) => format!("{path}!{args}"),
        _ => {
            let tokens = &mac.tokens;
            quote::quote!(#path!(#tokens)).to_string()
        }
    }
}

/// The error for a `yield_!` somewhere the transform does not support: finds the first
/// one inside `node` and says why it cannot stand there and what to write instead.
pub fn explain<T: Spanned + ExplainNode + ?Sized>(node: &T) -> Error {
    let mut finder = Explain {
        context: Context::Expression,
        found: None,
    };
    node.explain(&mut finder);
    match finder.found {
        Some((span, context)) => Error::new(span, context.message()),
        None => Error::new(
            node.span(),
            "this statement contains `yield_!` in a position `#[coro::coroutine]` does not support",
        ),
    }
}

/// Nodes [`explain`] can search.
pub trait ExplainNode {
    fn explain(&self, finder: &mut Explain);
}

impl ExplainNode for Expr {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_expr(self);
    }
}
impl ExplainNode for syn::Stmt {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_stmt(self);
    }
}
impl ExplainNode for syn::Local {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_local(self);
    }
}

#[derive(Clone, Copy)]
enum Context {
    Expression,
    Closure,
    Async,
    Item,
    Macro,
    YieldValue,
}

impl Context {
    fn message(self) -> &'static str {
        match self {
            Context::Expression => {
                "`yield_!` inside a larger expression is not supported yet; \
                 bind it with `let` first: `let value = yield_!(..);` and use `value`"
            }
            Context::Closure => {
                "`yield_!` cannot be used inside a closure: the closure is a separate function \
                 the coroutine cannot suspend; move the `yield_!` out of the closure"
            }
            Context::Async => {
                "`yield_!` cannot be used inside an `async` block; move it out of the block"
            }
            Context::Item => {
                "`yield_!` cannot be used inside a nested function or item: only the body of \
                 the `#[coro::coroutine]` function itself can yield"
            }
            Context::Macro => {
                "`yield_!` cannot be used inside another macro's arguments, which \
                 `#[coro::coroutine]` cannot see into; bind it first: \
                 `let value = yield_!(..);` and pass `value` to the macro"
            }
            Context::YieldValue => {
                "`yield_!` cannot be used inside another `yield_!`'s value; \
                 bind the inner one first: `let value = yield_!(..);`"
            }
        }
    }
}

/// Finds the first `yield_!` and the context it stands in.
pub struct Explain {
    context: Context,
    found: Option<(Span, Context)>,
}

impl Explain {
    fn within(&mut self, context: Context, f: impl FnOnce(&mut Self)) {
        let outer = self.context;
        // The innermost special context wins; expression position is the default.
        if matches!(outer, Context::Expression) {
            self.context = context;
        }
        f(self);
        self.context = outer;
    }
}

impl<'ast> Visit<'ast> for Explain {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if self.found.is_some() {
            return;
        }
        if is_yield_macro(mac) {
            if let Some(span) = find_yield_in_tokens(&mac.tokens) {
                self.found = Some((span, Context::YieldValue));
            } else {
                self.found = Some((mac.span(), self.context));
            }
        } else if let Some(span) = find_yield_in_tokens(&mac.tokens) {
            let context = match self.context {
                Context::Expression => Context::Macro,
                other => other,
            };
            self.found = Some((span, context));
        }
    }

    fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
        self.within(Context::Closure, |v| visit::visit_expr_closure(v, e));
    }

    fn visit_expr_async(&mut self, e: &'ast syn::ExprAsync) {
        self.within(Context::Async, |v| visit::visit_expr_async(v, e));
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        self.within(Context::Item, |v| visit::visit_item(v, item));
    }
}
