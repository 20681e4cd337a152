//! Building the spine from a linearized body: each statement becomes plain code, a yield
//! point, a `let` with one, or a control structure whose blocks hold yields, and every
//! `yield_!` where the transform does not support one is rejected ([`crate::explain`]).
//!
//! ```text
//! // Input:                                  // Output:
//! let a = yield_!(1);                        // s0 Let, point k0 (its value)
//! if a > 2 { yield_!(a); }                   // s1 Ctl If, its block b1: s2 Yield k1
//! a                                          // s3 Code `a` (the tail)
//! ```

use super::*;

/// Builds the spine of a linearized body, numbering yield points in source order, and
/// rejects every `yield_!` in a position the transform does not support, with an error on
/// the user's tokens that says what to write instead.
pub fn build(body: &syn::Block) -> Result<Spine> {
    let mut builder = Builder {
        spine: Spine {
            blocks: Vec::new(),
            stmts: Vec::new(),
            points: Vec::new(),
            root: BlockId::new(0),
        },
    };
    let root = builder.block(body, None)?;
    builder.spine.root = root;
    Ok(builder.spine)
}

struct Builder {
    spine: Spine,
}

impl Builder {
    fn block(&mut self, block: &syn::Block, owner: Option<StmtId>) -> Result<BlockId> {
        self.stmts_block(&block.stmts, owner, block.brace_token.span.join())
    }

    fn stmts_block(
        &mut self,
        stmts: &[syn::Stmt],
        owner: Option<StmtId>,
        brace: Span,
    ) -> Result<BlockId> {
        let id = BlockId::new(self.spine.blocks.len());
        self.spine.blocks.push(Block {
            stmts: Vec::new(),
            owner,
            brace,
        });
        let count = stmts.len();
        for (position, stmt) in stmts.iter().enumerate() {
            let node = StmtId::new(self.spine.stmts.len());
            // Reserve the node first, so that statements are numbered outer before inner.
            self.spine.stmts.push(Node {
                kind: Kind::Code(syn::Stmt::Expr(syn::parse_quote!(()), None)),
                block: id,
                position,
            });
            self.spine.blocks[id.index()].stmts.push(node);
            let kind = self.stmt(stmt, position + 1 == count, node)?;
            self.spine.stmts[node.index()].kind = kind;
        }
        Ok(id)
    }

    fn stmt(&mut self, stmt: &syn::Stmt, is_last: bool, node: StmtId) -> Result<Kind> {
        if !contains_yield(stmt) {
            return Ok(Kind::Code(stmt.clone()));
        }
        match stmt {
            syn::Stmt::Local(local) => self.local(local, node),
            syn::Stmt::Macro(m) if is_yield_macro(&m.mac) => {
                let kind = if m.semi_token.is_none() && is_last {
                    YieldKind::Value
                } else {
                    YieldKind::Discard
                };
                self.yield_point(&m.mac, kind, node)
            }
            syn::Stmt::Expr(expr, semi) => self.expr_stmt(expr, *semi, is_last, node),
            other => Err(explain(other)),
        }
    }

    fn local(&mut self, local: &syn::Local, node: StmtId) -> Result<Kind> {
        let Some(init) = &local.init else {
            return Err(explain(local));
        };
        let diverge = init.diverge.as_ref().map(|(_, expr)| expr);
        let plain_diverge = |diverge: Option<&Box<Expr>>| -> Result<Option<syn::Block>> {
            match diverge {
                Some(expr) if contains_yield(&**expr) => Err(explain(&**expr)),
                Some(expr) => Ok(Some(else_block(expr)?)),
                None => Ok(None),
            }
        };
        if let Some(mac) = as_yield(&init.expr) {
            let kind = YieldKind::Let {
                attrs: local.attrs.clone(),
                pat: local.pat.clone(),
                diverge: plain_diverge(diverge)?,
            };
            return self.yield_point(mac, kind, node);
        }
        if contains_yield(&*init.expr) {
            let Some(ctl) = self.ctl(&init.expr, node)? else {
                return Err(explain(&*init.expr));
            };
            return Ok(Kind::Let {
                attrs: local.attrs.clone(),
                pat: local.pat.clone(),
                init: ctl,
                diverge: plain_diverge(diverge)?,
            });
        }
        // Only the `else` block of a `let ... else` is left, or a yield where no value
        // can stand (in the pattern, or in an array length in its type).
        let Some(diverge) = diverge else {
            return Err(explain(local));
        };
        let diverge = self.block(&else_block(diverge)?, Some(node))?;
        let mut plain = local.clone();
        if let Some(init) = &mut plain.init {
            init.diverge = None;
        }
        Ok(Kind::LetElse {
            local: plain,
            diverge,
        })
    }

    fn expr_stmt(
        &mut self,
        expr: &Expr,
        semi: Option<Token![;]>,
        is_last: bool,
        node: StmtId,
    ) -> Result<Kind> {
        if let Some(mac) = as_yield(expr) {
            let kind = if semi.is_none() && is_last {
                YieldKind::Value
            } else {
                YieldKind::Discard
            };
            return self.yield_point(mac, kind, node);
        }
        match expr {
            Expr::Assign(assign) if !contains_yield(&*assign.left) => {
                if let Some(mac) = as_yield(&assign.right) {
                    let kind = YieldKind::Assign {
                        place: (*assign.left).clone(),
                        op: None,
                    };
                    return self.yield_point(mac, kind, node);
                }
            }
            Expr::Binary(binary) if is_compound_assign(&binary.op) => {
                if let (Some(mac), false) = (as_yield(&binary.right), contains_yield(&*binary.left))
                {
                    let kind = YieldKind::Assign {
                        place: (*binary.left).clone(),
                        op: Some(binary.op),
                    };
                    return self.yield_point(mac, kind, node);
                }
            }
            _ => {}
        }
        match self.ctl(expr, node)? {
            Some(ctl) => Ok(Kind::Ctl { ctl, semi }),
            None => Err(explain(expr)),
        }
    }

    fn yield_point(&mut self, mac: &Macro, kind: YieldKind, node: StmtId) -> Result<Kind> {
        let value = yield_value(mac)?;
        let id = PointId::new(self.spine.points.len());
        let text = crate::front::describe_yield(&mac.path, &value, source_text(mac));
        self.spine.points.push(YieldPoint {
            stmt: node,
            kind,
            value,
            span: mac.span(),
            text,
            path: mac.path.clone(),
        });
        Ok(Kind::Yield(id))
    }

    /// The spine form of a control structure containing yields, or `None` when `expr` is
    /// not a control structure.
    fn ctl(&mut self, expr: &Expr, node: StmtId) -> Result<Option<Ctl>> {
        let owner = Some(node);
        let ctl = match expr {
            Expr::Block(b) if b.attrs.is_empty() => Ctl::Block {
                label: b.label.clone(),
                unsafety: None,
                block: self.block(&b.block, owner)?,
            },
            Expr::Unsafe(u) if u.attrs.is_empty() => Ctl::Block {
                label: None,
                unsafety: Some(u.unsafe_token),
                block: self.block(&u.block, owner)?,
            },
            Expr::If(e) => Ctl::If(self.if_expr(e, node)?),
            Expr::Match(m) => {
                if contains_yield(&*m.expr) {
                    return Err(explain(&*m.expr));
                }
                let arms = m
                    .arms
                    .iter()
                    .map(|arm| self.arm(arm, node))
                    .collect::<Result<_>>()?;
                Ctl::Match {
                    match_token: m.match_token,
                    scrutinee: (*m.expr).clone(),
                    arms,
                }
            }
            Expr::Loop(l) => Ctl::Loop {
                label: l.label.clone(),
                loop_token: l.loop_token,
                body: self.block(&l.body, owner)?,
            },
            Expr::While(w) => {
                if contains_yield(&*w.cond) {
                    return Err(explain(&*w.cond));
                }
                Ctl::While {
                    label: w.label.clone(),
                    while_token: w.while_token,
                    cond: (*w.cond).clone(),
                    body: self.block(&w.body, owner)?,
                }
            }
            Expr::ForLoop(f) => {
                if contains_yield(&*f.expr) {
                    return Err(explain(&*f.expr));
                }
                Ctl::For {
                    label: f.label.clone(),
                    for_token: f.for_token,
                    pat: (*f.pat).clone(),
                    iterable: (*f.expr).clone(),
                    body: self.block(&f.body, owner)?,
                }
            }
            Expr::Paren(p) => return self.ctl(&p.expr, node),
            _ => return Ok(None),
        };
        Ok(Some(ctl))
    }

    fn if_expr(&mut self, e: &syn::ExprIf, node: StmtId) -> Result<If> {
        if contains_yield(&*e.cond) {
            return Err(explain(&*e.cond));
        }
        // Condition, then branch, else branch: yields are numbered in source order.
        let then = self.block(&e.then_branch, Some(node))?;
        let otherwise = match &e.else_branch {
            None => None,
            Some((_, branch)) if !contains_yield(&**branch) => Some(Else::Code((**branch).clone())),
            Some((_, branch)) => Some(match &**branch {
                Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                    Else::Block(self.block(&b.block, Some(node))?)
                }
                Expr::If(inner) => Else::If(Box::new(self.if_expr(inner, node)?)),
                other => return Err(explain(other)),
            }),
        };
        Ok(If {
            if_token: e.if_token,
            cond: (*e.cond).clone(),
            then,
            otherwise,
        })
    }

    fn arm(&mut self, arm: &syn::Arm, node: StmtId) -> Result<Arm> {
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
                    ArmBody::Block(self.block(&b.block, Some(node))?)
                }
                other => {
                    // `pat => yield_!(x),`: a block of one statement, the arm's value.
                    let stmt = syn::Stmt::Expr(other.clone(), None);
                    ArmBody::Block(self.stmts_block(&[stmt], Some(node), other.span())?)
                }
            }
        };
        Ok(Arm {
            attrs: arm.attrs.clone(),
            pat: arm.pat.clone(),
            guard: arm.guard.as_ref().map(|(_, g)| (**g).clone()),
            body,
        })
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
    match group.source_text() {
        // The path from its segments: on stable, the span of `coro::yield_` is that of
        // `coro` alone, whose source text would lose the rest.
        Some(args) => {
            let texts: Vec<String> = path
                .segments
                .iter()
                .map(|s| {
                    s.ident
                        .span()
                        .source_text()
                        .unwrap_or_else(|| s.ident.to_string())
                })
                .collect();
            // A path the transform wrote (`yield_from!` becomes `::coro::yield_!`) has
            // every segment spanned at one token of the user's, whose text it shows.
            if texts.len() > 1 && texts.iter().all(|t| *t == texts[0]) {
                return format!("{}!{args}", texts[0]);
            }
            let colon = if path.leading_colon.is_some() {
                "::"
            } else {
                ""
            };
            format!("{colon}{}!{args}", texts.join("::"))
        }
        // The tokens, with each binding the shadow step renamed as written.
        None => {
            let tokens = as_written(mac.tokens.clone());
            quote::quote!(#path!(#tokens)).to_string()
        }
    }
}

fn as_written(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, Ident, TokenTree};
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) if crate::names::is_renamed(&ident) => {
                // A keyword written raw (`r#type`) stays raw.
                let name = crate::names::as_written(&ident);
                TokenTree::Ident(match syn::parse_str::<Ident>(&name) {
                    Ok(_) => Ident::new(&name, ident.span()),
                    Err(_) => Ident::new_raw(&name, ident.span()),
                })
            }
            TokenTree::Group(group) => {
                TokenTree::Group(Group::new(group.delimiter(), as_written(group.stream())))
            }
            other => other,
        })
        .collect()
}
