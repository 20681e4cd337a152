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

mod build;

pub use build::build;

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
