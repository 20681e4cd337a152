//! The body as the middle of the transform sees it: the *yield spine*, the tree of the
//! control structures that contain a `yield_!`, with every piece of code that contains no
//! yield kept as the user wrote it. Blocks, statements and suspension points live in
//! arenas and refer to each other by typed ids.
//!
//! ```text
//! // Input (linearized):                 // Output:
//! let mut n = 0;                          // b0 (body): s0 Code `let mut n = 0;`
//! while n < 3 {                           //            s1 Ctl While(n < 3) body b1
//!     n += 1;                             // b1:        s2 Code `n += 1;`
//!     yield_!(n);                         //            s3 Yield k0
//! }                                       //
//! n                                       // b0:        s4 Code `n` (the tail)
//! ```
//!
//! Everything later (name resolution, the control-flow graph, liveness, emission) reads
//! this tree; nothing rewrites it.

// The tree is built once per macro call; boxing the larger syn nodes would only add noise.
#![allow(clippy::large_enum_variant)]

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, BinOp, Error, Expr, Label, Macro, Pat, Result, Token};

use crate::explain::explain;
use crate::ids::{BlockId, PointId, StmtId};
use crate::syntax::{as_yield, contains_yield, is_compound_assign, is_yield_macro};

/// The spine of one body.
pub struct Spine {
    pub blocks: Vec<Block>,
    pub stmts: Vec<Node>,
    pub points: Vec<YieldPoint>,
    /// The body's outermost block.
    pub root: BlockId,
}

/// A block on the spine: a sequence of statements in one scope.
pub struct Block {
    pub stmts: Vec<StmtId>,
    /// The statement whose construct this block belongs to (`None` for the body).
    pub owner: Option<StmtId>,
    /// The span of the user's braces. Blocks are emitted with it, so that the rules of the
    /// user's edition apply to them (edition 2024 drops a block's tail temporaries at the
    /// end of the block; generated braces would follow the macro crate's edition).
    pub brace: Span,
}

/// A statement on the spine, and where it stands.
pub struct Node {
    pub kind: Kind,
    pub block: BlockId,
    /// Its position among the block's statements.
    pub position: usize,
}

pub enum Kind {
    /// A statement with no `yield_!` in it, kept as written.
    Code(syn::Stmt),
    /// A statement whose outermost expression is a `yield_!`.
    Yield(PointId),
    /// `let pat = <control structure containing yields> [else { .. }];`
    Let {
        attrs: Vec<Attribute>,
        pat: Pat,
        init: Ctl,
        diverge: Option<syn::Block>,
    },
    /// `let pat = expr else { .. yield_!(..) .. };`: the `else` block is on the spine.
    LetElse { local: syn::Local, diverge: BlockId },
    /// A control structure containing yields, as a statement (with `;`) or as the block's
    /// value (without).
    Ctl { ctl: Ctl, semi: Option<Token![;]> },
}

/// One `yield_!`: a suspension point.
pub struct YieldPoint {
    /// The statement it stands in.
    pub stmt: StmtId,
    /// What happens to the resume argument.
    pub kind: YieldKind,
    /// The value handed out.
    pub value: Expr,
    /// The span of the `yield_!(..)` call.
    pub span: Span,
    /// The call as written, for diagnostics and `Location`.
    pub text: String,
    /// The macro's path as written (`yield_`, `coro::yield_`).
    pub path: syn::Path,
}

pub enum YieldKind {
    /// `yield_!(v);`: the resume argument is dropped.
    Discard,
    /// `yield_!(v)` as a block's value: the resume argument is the value.
    Value,
    /// `let pat = yield_!(v) [else { .. }];`
    Let {
        attrs: Vec<Attribute>,
        pat: Pat,
        diverge: Option<syn::Block>,
    },
    /// `place = yield_!(v);` or `place op= yield_!(v);`
    Assign { place: Expr, op: Option<BinOp> },
}

/// A control structure with a yield somewhere inside.
pub enum Ctl {
    /// `{ .. }`, `'label: { .. }` or `unsafe { .. }`.
    Block {
        label: Option<Label>,
        unsafety: Option<Token![unsafe]>,
        block: BlockId,
    },
    If(If),
    Match {
        match_token: Token![match],
        scrutinee: Expr,
        arms: Vec<Arm>,
    },
    Loop {
        label: Option<Label>,
        loop_token: Token![loop],
        body: BlockId,
    },
    While {
        label: Option<Label>,
        while_token: Token![while],
        /// A plain condition, `let pat = expr`, or (edition 2024) a `let` chain.
        cond: Expr,
        body: BlockId,
    },
    For {
        label: Option<Label>,
        for_token: Token![for],
        pat: Pat,
        iterable: Expr,
        body: BlockId,
    },
}

pub struct If {
    pub if_token: Token![if],
    /// A plain condition, `let pat = expr`, or (edition 2024) a `let` chain.
    pub cond: Expr,
    pub then: BlockId,
    pub otherwise: Option<Else>,
}

pub enum Else {
    Block(BlockId),
    If(Box<If>),
    /// An `else` branch with no yield in it.
    Code(Expr),
}

pub struct Arm {
    pub attrs: Vec<Attribute>,
    pub pat: Pat,
    pub guard: Option<Expr>,
    pub body: ArmBody,
}

pub enum ArmBody {
    /// An arm whose body contains yields, as a block.
    Block(BlockId),
    /// An arm with no yield, kept as written.
    Code(Expr),
}

impl Spine {
    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.index()]
    }

    pub fn node(&self, id: StmtId) -> &Node {
        &self.stmts[id.index()]
    }

    pub fn point(&self, id: PointId) -> &YieldPoint {
        &self.points[id.index()]
    }

    /// The suspension points, in source order.
    pub fn point_ids(&self) -> impl Iterator<Item = PointId> {
        (0..self.points.len()).map(PointId::new)
    }

    /// The statements, in source order.
    pub fn stmt_ids(&self) -> impl DoubleEndedIterator<Item = StmtId> {
        (0..self.stmts.len()).map(StmtId::new)
    }

    /// The control structure of a statement, if it is one.
    pub fn ctl(&self, id: StmtId) -> Option<&Ctl> {
        match &self.node(id).kind {
            Kind::Let { init, .. } => Some(init),
            Kind::Ctl { ctl, .. } => Some(ctl),
            _ => None,
        }
    }

    /// The statement that gives the block its value, if any: its last statement when that
    /// has no `;`.
    pub fn tail(&self, id: BlockId) -> Option<StmtId> {
        let last = *self.block(id).stmts.last()?;
        let is_value = match &self.node(last).kind {
            Kind::Code(syn::Stmt::Expr(_, None)) => true,
            Kind::Yield(point) => matches!(self.point(*point).kind, YieldKind::Value),
            Kind::Ctl { semi: None, .. } => true,
            _ => false,
        };
        is_value.then_some(last)
    }

    /// The statements that contain `id`, innermost first, starting with `id`'s own.
    pub fn ancestors(&self, id: StmtId) -> impl Iterator<Item = StmtId> + '_ {
        std::iter::successors(Some(id), |&s| self.block(self.node(s).block).owner)
    }

    /// Whether statement `inner` is `outer` or lies inside it.
    pub fn within(&self, inner: StmtId, outer: StmtId) -> bool {
        self.ancestors(inner).any(|s| s == outer)
    }

    /// Whether block `inner` is `outer` or lies inside it.
    pub fn block_within(&self, inner: BlockId, outer: BlockId) -> bool {
        let mut block = inner;
        loop {
            if block == outer {
                return true;
            }
            match self.block(block).owner {
                Some(owner) => block = self.node(owner).block,
                None => return false,
            }
        }
    }

    /// The blocks of a control structure, in source order.
    pub fn blocks_of(&self, ctl: &Ctl) -> Vec<BlockId> {
        let mut out = Vec::new();
        match ctl {
            Ctl::Block { block, .. } => out.push(*block),
            Ctl::Loop { body, .. } | Ctl::While { body, .. } | Ctl::For { body, .. } => {
                out.push(*body)
            }
            Ctl::If(branch) => if_blocks(branch, &mut out),
            Ctl::Match { arms, .. } => {
                for arm in arms {
                    if let ArmBody::Block(block) = arm.body {
                        out.push(block);
                    }
                }
            }
        }
        out
    }

    /// Whether a statement is a loop (`loop`, `while`, `for`) on the spine.
    pub fn is_loop(&self, id: StmtId) -> bool {
        matches!(
            self.ctl(id),
            Some(Ctl::Loop { .. } | Ctl::While { .. } | Ctl::For { .. })
        )
    }

    /// The label of a loop or labelled block.
    pub fn label(&self, id: StmtId) -> Option<&Label> {
        match self.ctl(id)? {
            Ctl::Block { label, .. }
            | Ctl::Loop { label, .. }
            | Ctl::While { label, .. }
            | Ctl::For { label, .. } => label.as_ref(),
            _ => None,
        }
    }
}

fn if_blocks(branch: &If, out: &mut Vec<BlockId>) {
    out.push(branch.then);
    match &branch.otherwise {
        Some(Else::Block(block)) => out.push(*block),
        Some(Else::If(inner)) => if_blocks(inner, out),
        Some(Else::Code(_)) | None => {}
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn spine(body: syn::Block) -> Spine {
        build(&body).unwrap()
    }

    #[test]
    fn statements_are_numbered_outer_before_inner() {
        let s = spine(syn::parse_quote!({
            let mut n = 0;
            while n < 3 {
                n += 1;
                yield_!(n);
            }
            n
        }));
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.block(s.root).stmts.len(), 3);
        let while_stmt = s.block(s.root).stmts[1];
        assert!(s.is_loop(while_stmt));
        let body = s.blocks_of(s.ctl(while_stmt).unwrap())[0];
        assert_eq!(s.block(body).owner, Some(while_stmt));
        assert_eq!(s.points.len(), 1);
        let point = s.point(PointId::new(0));
        assert_eq!(s.node(point.stmt).block, body);
        assert_eq!(s.tail(s.root), Some(s.block(s.root).stmts[2]));
        assert_eq!(
            s.ancestors(point.stmt).collect::<Vec<_>>(),
            [point.stmt, while_stmt]
        );
    }

    #[test]
    fn unsafe_blocks_and_expression_arms_are_blocks() {
        let s = spine(syn::parse_quote!({
            let v = unsafe { yield_!(1) };
            match v {
                0 => yield_!(2),
                _ => {}
            }
        }));
        let first = s.block(s.root).stmts[0];
        assert!(matches!(
            s.ctl(first),
            Some(Ctl::Block {
                unsafety: Some(_),
                ..
            })
        ));
        let Some(Ctl::Match { arms, .. }) = s.ctl(s.block(s.root).stmts[1]) else {
            panic!("a match");
        };
        assert!(matches!(arms[0].body, ArmBody::Block(_)));
        assert!(matches!(arms[1].body, ArmBody::Code(_)));
    }

    #[test]
    fn yields_in_conditions_are_rejected_here() {
        // `linearize` hoists them; the spine only ever sees yield-free conditions.
        let body: syn::Block = syn::parse_quote!({
            while yield_!(1) {
                yield_!(2);
            }
        });
        assert!(build(&body).is_err());
    }
}
