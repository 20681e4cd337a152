//! The body as the transform sees it: a tree of the control structures that contain
//! `yield_!` (the "yield spine"), with every piece of code that contains no yield kept as
//! the user wrote it.
//!
//! Only the spine needs rewriting: plain code runs unchanged inside whichever resume
//! reaches it. [`crate::structure`] builds this tree, [`crate::liveness`] fills in the
//! binding tables, [`crate::resume`] turns it back into Rust.

// The tree is built once per macro call and walked a few times; boxing the larger syn
// nodes would only add noise.
#![allow(clippy::large_enum_variant)]

use proc_macro2::Span;
use syn::{Attribute, BinOp, Expr, Label, Pat, Token, Type};

/// Index into [`crate::liveness::Analysis::bindings`].
pub type BindingId = usize;

/// A block on the yield spine.
pub struct Block {
    /// Bindings that come into scope as the block starts (a `match` arm's, `if let`'s or a
    /// `for` loop's pattern); filled in by the liveness analysis.
    pub entry: Vec<BindingId>,
    pub stmts: Vec<Node>,
}

/// A statement on the spine, with what the liveness analysis learned about it.
pub struct Node {
    pub stmt: Stmt,
    /// Bindings this statement declares, in order (its `let` pattern, type witnesses).
    pub declares: Vec<BindingId>,
    /// Bindings this statement mentions anywhere inside it.
    pub mentions: Vec<BindingId>,
    /// Whether it may jump (`break`, `continue`, `return`, `?`) or contains a yield.
    pub may_jump: bool,
    /// For `x = rhs;` with `rhs` not mentioning `x`: the binding it overwrites.
    pub overwrites: Option<BindingId>,
}

impl Node {
    pub fn new(stmt: Stmt) -> Self {
        Node {
            stmt,
            declares: Vec::new(),
            mentions: Vec::new(),
            may_jump: false,
            overwrites: None,
        }
    }
}

pub enum Stmt {
    /// A statement with no `yield_!` in it, kept as written.
    Code(syn::Stmt),
    /// A statement whose outermost expression is a `yield_!`.
    Yield(YieldPoint),
    /// `let pat = <control structure containing yields> [else { .. }];`
    Let {
        attrs: Vec<Attribute>,
        pat: Pat,
        init: Ctl,
        diverge: Option<syn::Block>,
    },
    /// `let pat = expr else { .. yield_!(..) .. };`
    LetElse { local: syn::Local, diverge: Block },
    /// A control structure containing yields, as a statement or as the block's value.
    Ctl { ctl: Ctl, semi: Option<Token![;]> },
}

/// One `yield_!`: a suspension point.
pub struct YieldPoint {
    /// Its number, counting in source order from 0.
    pub index: usize,
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
    Block {
        label: Option<Label>,
        block: Block,
    },
    If {
        cond: Cond,
        then: Block,
        otherwise: Option<Box<Else>>,
    },
    Match {
        scrutinee: Expr,
        arms: Vec<Arm>,
    },
    Loop {
        label: Option<Label>,
        body: Block,
    },
    While {
        label: Option<Label>,
        cond: Cond,
        body: Block,
    },
    For {
        label: Option<Label>,
        pat: Pat,
        iterable: Expr,
        /// The hidden binding that holds the iterator across yields (set by the liveness
        /// analysis).
        iter: Option<BindingId>,
        body: Block,
    },
}

/// An `if` or `while` condition: a plain expression or `let pat = expr`.
pub enum Cond {
    Expr(Expr),
    Let(Pat, Expr),
}

pub enum Else {
    Block(Block),
    If(Box<Ctl>),
    /// An `else` branch with no yield in it.
    Code(Expr),
}

pub struct Arm {
    pub pat: Pat,
    pub guard: Option<Expr>,
    pub body: ArmBody,
}

pub enum ArmBody {
    /// An arm whose body contains yields, as a block.
    Spine(Block),
    /// An arm with no yield, kept as written.
    Code(Expr),
}

/// A `let` type annotation, if the pattern is `name: Type`.
pub fn annotated_type(pat: &Pat) -> Option<&Type> {
    match pat {
        Pat::Type(t) if matches!(&*t.pat, Pat::Ident(_)) => Some(&t.ty),
        _ => None,
    }
}

/// Calls `f` on every statement of the spine under `block`, outer before inner.
pub fn visit_stmts<'a>(block: &'a Block, f: &mut impl FnMut(&'a Stmt)) {
    for node in &block.stmts {
        visit_stmt(&node.stmt, f);
    }
}

/// Calls `f` on `stmt` and on every statement of the spine inside it, outer before inner.
pub fn visit_stmt<'a>(stmt: &'a Stmt, f: &mut impl FnMut(&'a Stmt)) {
    f(stmt);
    match stmt {
        Stmt::Let { init: ctl, .. } | Stmt::Ctl { ctl, .. } => visit_ctl_stmts(ctl, f),
        Stmt::LetElse { diverge, .. } => visit_stmts(diverge, f),
        Stmt::Code(_) | Stmt::Yield(_) => {}
    }
}

fn visit_ctl_stmts<'a>(ctl: &'a Ctl, f: &mut impl FnMut(&'a Stmt)) {
    match ctl {
        Ctl::Block { block, .. }
        | Ctl::Loop { body: block, .. }
        | Ctl::While { body: block, .. }
        | Ctl::For { body: block, .. } => visit_stmts(block, f),
        Ctl::If {
            then, otherwise, ..
        } => {
            visit_stmts(then, f);
            match otherwise.as_deref() {
                Some(Else::Block(block)) => visit_stmts(block, f),
                Some(Else::If(ctl)) => visit_ctl_stmts(ctl, f),
                Some(Else::Code(_)) | None => {}
            }
        }
        Ctl::Match { arms, .. } => {
            for arm in arms {
                if let ArmBody::Spine(block) = &arm.body {
                    visit_stmts(block, f);
                }
            }
        }
    }
}
