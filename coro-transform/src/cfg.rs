//! The control-flow graph of the body, built once from the spine: the one place that
//! decides where control goes. Liveness is a dataflow pass over it, emission asks it which
//! code can be reached, and the state diagram is read off it.
//!
//! Every statement of the spine becomes a few nodes: plain code a single node (with an edge
//! for each `break`, `continue`, `return` or `?` that leaves it, also inside macro
//! arguments), a `yield_!` a `Suspend` node and a `Resume` node joined by a suspension edge,
//! a control structure an `Enter` node, its tests, its blocks, and an `After` node where its
//! paths meet again; a loop also has a `Head` node that each iteration starts from.
//!
//! ```text
//! // Input:                       // Output:
//! while n < 3 {                   // n0 Start -> n1 Head(s0) -> n2 Test(s0) -> n3 BlockStart(b1)
//!     yield_!(n);                 //   n3 -> n4 Suspend(k0) =suspend=> n5 Resume(k0) -> n6 BlockEnd(b1)
//! }                               //   n6 -> n1;  n2 -> n7 After(s0) -> n8 BlockEnd(b0) -> n9 Exit
//! ```
//!
//! Names are resolved in the same walk: each mention becomes a use of the binding it refers
//! to ([`crate::bindings`]), with the hygiene the user's tokens carry.
//!
//! This module holds the graph and its queries; the builder's walk over the spine is in
//! `structure`, its scopes and name resolution in `names`, the borrows it records for
//! re-derivation in `derivations`.

use std::collections::HashMap;
use std::fmt;

use proc_macro2::Ident;
use quote::ToTokens;
use syn::{Expr, Pat};

use crate::bindings::{Binding, Bindings, Role, Site};
use crate::borrows::{self, Derivation, Derived, Excluded, Reads};
use crate::facts::{self, Facts, How, Jump, NameKey};

/// What a plain `let` of a borrow becomes.
enum LetBorrow {
    /// Not a borrow of the coroutine's own locals (as far as syntax shows).
    None,
    /// Re-derived; whether a root is borrowed whole (`&v`).
    Derived(Box<Derivation>, bool),
    /// A borrow of a local that is not re-derived: where it surely borrows the state (to
    /// point an error at), and why.
    Rejected(Option<proc_macro2::Span>, Option<String>),
}
use crate::ids::{BindingId, BlockId, NodeId, PointId, StmtId};
use crate::spine::{ArmBody, Ctl, Else, If, Kind, Spine, YieldKind};
use crate::syntax::annotated_type;
use crate::syntax::{binds_by_ref, irrefutable_bindings, pattern_bindings, PatBinding};

mod derivations;
mod names;
mod structure;

/// The graph.
pub struct Cfg {
    pub nodes: Vec<Node>,
    pub start: NodeId,
    pub exit: NodeId,
    stmt_nodes: Vec<StmtNodes>,
    point_nodes: Vec<(NodeId, NodeId)>,
    block_nodes: Vec<(NodeId, NodeId)>,
    /// The bindings in scope at each `After`, `Head` and `Resume` node, in declaration
    /// order: what a path resumed there may have to declare again.
    scope_at: HashMap<NodeId, Vec<BindingId>>,
    /// The bindings each statement declares (its `let` pattern), in order.
    declares: Vec<Vec<BindingId>>,
    /// The bindings each block starts with (a `match` arm's, `if let`'s or a `for` loop's
    /// pattern).
    entries: Vec<Vec<BindingId>>,
    /// Each `for` loop's iterator.
    iterators: HashMap<StmtId, BindingId>,
    /// Where the plain code of each statement may jump, outside the statement.
    jumps: Vec<Vec<Target>>,
    /// Where the code a resume at each point runs before its statement ends may jump (a
    /// `let .. else` block, an assigned place): not the yielded value's, which ran before
    /// the suspension.
    resumed_jumps: Vec<Vec<Target>>,
    /// The plain statements that always diverge (`return ..;`, `break;`, `panic!()`).
    diverging: Vec<bool>,
    /// The statements with a macro the transform cannot read that may jump.
    macro_jumps: Vec<bool>,
}

/// A node: a step of the body, with what it does to the bindings.
pub struct Node {
    pub kind: NodeKind,
    /// Bindings read (or borrowed) here.
    pub uses: Vec<BindingId>,
    /// Bindings that come into scope here.
    pub defs: Vec<BindingId>,
    /// Bindings overwritten here without being read (`x = ..;`).
    pub kills: Vec<BindingId>,
    /// Bindings assigned here in a way that neither reads nor surely overwrites them.
    pub assigns: Vec<BindingId>,
    /// Bindings whose value may change here (assigned, borrowed mutably, the receiver of a
    /// method that may take `&mut self`): what a re-derived borrow reads must not
    /// (see [`crate::borrows`]).
    pub mutates: Vec<BindingId>,
    /// Bindings a mention here may move out of (see [`crate::facts`]): after this node
    /// they may have nothing left to drop.
    pub moves: Vec<BindingId>,
    pub succ: Vec<Edge>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NodeKind {
    Start,
    Exit,
    /// The start of a control structure (a `for` loop evaluates its iterable here).
    Enter(StmtId),
    /// A plain statement.
    Code(StmtId),
    /// A condition or scrutinee is evaluated.
    Test(StmtId),
    /// A `match` arm is tried: its pattern and guard.
    Arm(StmtId, usize),
    /// Plain code that ends a branch: a `match` arm or `else` without yields, a
    /// `let .. else` block.
    Branch(StmtId),
    /// The top of a loop's iteration.
    Head(StmtId),
    /// Where the paths of a control structure meet again after it.
    After(StmtId),
    BlockStart(BlockId),
    BlockEnd(BlockId),
    /// The coroutine suspends at this yield.
    Suspend(PointId),
    /// The coroutine resumes after this yield.
    Resume(PointId),
    /// Where code that always diverges would go on: no path reaches it.
    Dead,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub to: NodeId,
    pub kind: EdgeKind,
    /// What the edge is, for diagrams: the branch it takes (`if c`, `match arm Some(x)`,
    /// `break`).
    pub label: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EdgeKind {
    Flow,
    /// From `Suspend` to `Resume`: one `resume` call ends, the next begins.
    Suspend,
    /// A `break`, `continue`, `return` or `?`.
    Jump,
}

/// The nodes of one statement.
#[derive(Clone, Copy)]
struct StmtNodes {
    enter: NodeId,
    after: NodeId,
    head: Option<NodeId>,
}

/// Where a jump lands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Target {
    /// After this loop or labelled block.
    Break(StmtId),
    /// The next iteration of this loop.
    Continue(StmtId),
    /// The coroutine completes.
    Return,
}

impl Cfg {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> {
        (0..self.nodes.len()).map(NodeId::new)
    }

    /// Where a statement starts.
    pub fn enter(&self, stmt: StmtId) -> NodeId {
        self.stmt_nodes[stmt.index()].enter
    }

    /// Where a statement's paths meet when it completes.
    pub fn after(&self, stmt: StmtId) -> NodeId {
        self.stmt_nodes[stmt.index()].after
    }

    /// The head of a loop statement.
    pub fn head(&self, stmt: StmtId) -> Option<NodeId> {
        self.stmt_nodes[stmt.index()].head
    }

    pub fn suspend(&self, point: PointId) -> NodeId {
        self.point_nodes[point.index()].0
    }

    pub fn resume(&self, point: PointId) -> NodeId {
        self.point_nodes[point.index()].1
    }

    pub fn block_start(&self, block: BlockId) -> NodeId {
        self.block_nodes[block.index()].0
    }

    pub fn block_end(&self, block: BlockId) -> NodeId {
        self.block_nodes[block.index()].1
    }

    /// Per node, whether some path from the start reaches it (a yield after a `return`,
    /// or after a `match` whose arms all leave, never runs).
    pub fn reached_from_start(&self) -> Vec<bool> {
        let mut reached = vec![false; self.nodes.len()];
        let mut stack = vec![self.start];
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut reached[n.index()], true) {
                continue;
            }
            stack.extend(self.node(n).succ.iter().map(|edge| edge.to));
        }
        reached
    }

    /// The bindings in scope at an `After`, `Head` or `Resume` node, in declaration order.
    pub fn scope_at(&self, node: NodeId) -> &[BindingId] {
        self.scope_at.get(&node).map_or(&[], Vec::as_slice)
    }

    pub fn declares(&self, stmt: StmtId) -> &[BindingId] {
        &self.declares[stmt.index()]
    }

    pub fn entry(&self, block: BlockId) -> &[BindingId] {
        &self.entries[block.index()]
    }

    pub fn iterator(&self, stmt: StmtId) -> Option<BindingId> {
        self.iterators.get(&stmt).copied()
    }

    /// Where the code a resume at `point` runs in its statement may jump.
    pub fn resumed_jumps(&self, point: PointId) -> &[Target] {
        &self.resumed_jumps[point.index()]
    }

    /// Whether control can go on after a plain statement (it does not always diverge).
    pub fn falls_through(&self, stmt: StmtId) -> bool {
        !self.diverging[stmt.index()]
    }

    /// Where the plain code of a statement (its condition, its yield-free arms, its
    /// `let .. else` block; for plain code, all of it) may jump.
    pub fn jumps(&self, stmt: StmtId) -> &[Target] {
        &self.jumps[stmt.index()]
    }

    /// Whether some statement inside `stmt` (or `stmt` itself) has a macro the transform
    /// cannot read that may jump (see `regions`: such a loop is emitted as a proxy).
    pub fn has_macro_jumps(&self, stmt: StmtId, spine: &Spine) -> bool {
        spine
            .stmt_ids()
            .any(|s| self.macro_jumps[s.index()] && spine.within(s, stmt))
    }

    /// The statement a node belongs to (a block's start and end belong to the statement
    /// that owns the block).
    pub fn stmt_of(&self, node: NodeId, spine: &Spine) -> Option<StmtId> {
        match self.node(node).kind {
            NodeKind::Start | NodeKind::Exit | NodeKind::Dead => None,
            NodeKind::Enter(s)
            | NodeKind::Code(s)
            | NodeKind::Test(s)
            | NodeKind::Arm(s, _)
            | NodeKind::Branch(s)
            | NodeKind::Head(s)
            | NodeKind::After(s) => Some(s),
            NodeKind::BlockStart(b) | NodeKind::BlockEnd(b) => spine.block(b).owner,
            NodeKind::Suspend(k) | NodeKind::Resume(k) => Some(spine.point(k).stmt),
        }
    }

    /// Every node reachable from `from` without passing through a suspension (within one
    /// `resume` call), `from` included.
    pub fn reach(&self, from: NodeId) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![from];
        seen[from.index()] = true;
        while let Some(n) = stack.pop() {
            for edge in &self.node(n).succ {
                if edge.kind != EdgeKind::Suspend && !seen[edge.to.index()] {
                    seen[edge.to.index()] = true;
                    stack.push(edge.to);
                }
            }
        }
        seen
    }

    fn add(&mut self, kind: NodeKind) -> NodeId {
        self.nodes.push(Node {
            kind,
            uses: Vec::new(),
            defs: Vec::new(),
            kills: Vec::new(),
            assigns: Vec::new(),
            mutates: Vec::new(),
            moves: Vec::new(),
            succ: Vec::new(),
        });
        NodeId::new(self.nodes.len() - 1)
    }

    fn link(&mut self, from: NodeId, to: NodeId, kind: EdgeKind, label: Option<String>) {
        self.nodes[from.index()].succ.push(Edge { to, kind, label });
    }
}

/// Builds the graph of `spine`, resolving every name in it; `params` are the patterns of
/// the function's parameters, in order; `context` their types and the borrows not to
/// re-derive (see [`crate::borrows`]).
pub fn build(spine: &Spine, params: &[Pat], context: &Context) -> (Cfg, Bindings) {
    let mut cfg = Cfg {
        nodes: Vec::new(),
        start: NodeId::new(0),
        exit: NodeId::new(0),
        stmt_nodes: Vec::new(),
        point_nodes: Vec::new(),
        block_nodes: Vec::new(),
        scope_at: HashMap::new(),
        declares: vec![Vec::new(); spine.stmts.len()],
        entries: vec![Vec::new(); spine.blocks.len()],
        iterators: HashMap::new(),
        jumps: vec![Vec::new(); spine.stmts.len()],
        resumed_jumps: vec![Vec::new(); spine.points.len()],
        diverging: vec![false; spine.stmts.len()],
        macro_jumps: vec![false; spine.stmts.len()],
    };
    cfg.start = cfg.add(NodeKind::Start);
    cfg.exit = cfg.add(NodeKind::Exit);
    // Placeholders, filled in as the walk meets each statement, point and block.
    let placeholder = StmtNodes {
        enter: cfg.exit,
        after: cfg.exit,
        head: None,
    };
    cfg.stmt_nodes = vec![placeholder; spine.stmts.len()];
    cfg.point_nodes = vec![(cfg.exit, cfg.exit); spine.points.len()];
    cfg.block_nodes = vec![(cfg.exit, cfg.exit); spine.blocks.len()];
    let mut builder = Builder {
        spine,
        cfg,
        bindings: Bindings::default(),
        scopes: vec![Vec::new()],
        constructs: Vec::new(),
        excluded: &context.excluded,
        next_group: 0,
    };
    let start = builder.cfg.start;
    for (i, pat) in params.iter().enumerate() {
        let declared = builder.declare(pat, Site::Param, true, None, false);
        if let Some(Some(ty)) = context.param_types.get(i) {
            for &b in &declared {
                let binding = builder.bindings.get_mut(b);
                binding.reference = borrows::is_reference(ty);
                binding.owned = borrows::is_owning(ty);
                binding.known = crate::known_types::of_annotation(ty);
            }
        }
        builder.cfg.nodes[start.index()].defs.extend(&declared);
        builder.bindings.params.push(declared);
    }
    builder.scopes.push(Vec::new());
    let end = builder.block_body(spine.root, start, None);
    let exit = builder.cfg.exit;
    builder.cfg.link(end, exit, EdgeKind::Flow, None);
    (builder.cfg, builder.bindings)
}

/// What the graph's builder is told beside the body: the parameters' written types (`None`
/// where unknown, as for `self`), and the borrows not to re-derive.
#[derive(Default, Clone)]
pub struct Context {
    pub param_types: Vec<Option<syn::Type>>,
    pub excluded: Excluded,
}

struct Builder<'a> {
    spine: &'a Spine,
    cfg: Cfg,
    bindings: Bindings,
    excluded: &'a Excluded,
    /// The number of the next pattern made again after a resume (see
    /// [`Builder::pattern_derivation`]).
    next_group: usize,
    /// The bindings in scope, innermost scope last, each in declaration order.
    scopes: Vec<Vec<BindingId>>,
    /// The loops and labelled blocks around the statement being built, innermost last.
    constructs: Vec<Construct>,
}

struct Construct {
    stmt: StmtId,
    label: Option<NameKey>,
    is_loop: bool,
}

/// How a diagram names a jump: `break 'outer`, `break out of the loop`, `continue`,
/// `return`, `? error`.
fn jump_label(spine: &Spine, jump: &Jump, target: Target) -> String {
    let keyword = |s: StmtId| match spine.ctl(s) {
        Some(Ctl::Loop { .. }) => "loop",
        Some(Ctl::While { .. }) => "while",
        Some(Ctl::For { .. }) => "for",
        _ => "block",
    };
    match (jump, target) {
        (Jump::Try, _) => "? error".to_string(),
        (Jump::Return, _) => "return".to_string(),
        (Jump::Break(Some(label)), _) => format!("break {label}"),
        (Jump::Break(None), Target::Break(s)) => format!("break out of the {}", keyword(s)),
        (Jump::Continue(Some(label)), _) => format!("continue {label}"),
        (Jump::Continue(None), _) => "continue".to_string(),
        (Jump::Macro(_), Target::Break(_)) => "break (in a macro)".to_string(),
        (Jump::Macro(_), Target::Continue(_)) => "continue (in a macro)".to_string(),
        (Jump::Macro(_), Target::Return) => "return (in a macro)".to_string(),
        (Jump::Break(None), _) => "break".to_string(),
    }
}

/// The links of a condition: the operands of its `&&`s, in order (`let a = x && let b = y
/// && c` has three); a condition without `&&` is one link.
pub fn chain_links(cond: &Expr) -> Vec<&Expr> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let mut out = chain_links(&b.left);
            out.extend(chain_links(&b.right));
            out
        }
        Expr::Paren(p) => chain_links(&p.expr),
        _ => vec![cond],
    }
}

/// A node's text in a diagram label, as written where the compiler can say, shortened.
fn text<T: ToTokens + syn::spanned::Spanned>(node: &T) -> String {
    const MAX: usize = 48;
    let raw = node
        .span()
        .source_text()
        .unwrap_or_else(|| node.to_token_stream().to_string());
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX {
        let short: String = text.chars().take(MAX - 1).collect();
        format!("{short}…")
    } else {
        text
    }
}

impl fmt::Debug for Cfg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for id in self.ids() {
            let node = self.node(id);
            write!(f, "{id:?} {:?}", node.kind)?;
            for (what, list) in [
                ("uses", &node.uses),
                ("defs", &node.defs),
                ("kills", &node.kills),
                ("assigns", &node.assigns),
                ("moves", &node.moves),
            ] {
                if !list.is_empty() {
                    write!(f, " {what} {list:?}")?;
                }
            }
            let succ: Vec<String> = node
                .succ
                .iter()
                .map(|e| {
                    let arrow = match e.kind {
                        EdgeKind::Flow => "->",
                        EdgeKind::Suspend => "=suspend=>",
                        EdgeKind::Jump => "-jump->",
                    };
                    match &e.label {
                        Some(label) => format!("{arrow} {:?} [{label}]", e.to),
                        None => format!("{arrow} {:?}", e.to),
                    }
                })
                .collect();
            writeln!(f, " {}", succ.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spine;

    fn graph(body: syn::Block) -> (Spine, Cfg, Bindings) {
        let s = spine::build(&body).unwrap();
        let (cfg, bindings) = build(&s, &[], &Context::default());
        (s, cfg, bindings)
    }

    #[test]
    fn loops_have_heads_and_jumps_land_after() {
        let (s, cfg, b) = graph(syn::parse_quote!({
            let mut n = 0;
            'outer: loop {
                n += 1;
                yield_!(n);
                if n > 2 {
                    break 'outer;
                }
            }
            n
        }));
        let the_loop = s.block(s.root).stmts[1];
        let head = cfg.head(the_loop).unwrap();
        let after = cfg.after(the_loop);
        // `if n > 2 { break 'outer; }` is plain code with a jump to the loop's After.
        let code = s.blocks_of(s.ctl(the_loop).unwrap())[0];
        let jumping = s.block(code).stmts[2];
        assert_eq!(cfg.jumps(jumping), [Target::Break(the_loop)]);
        let node = cfg.enter(jumping);
        assert!(cfg
            .node(node)
            .succ
            .iter()
            .any(|e| e.to == after && e.kind == EdgeKind::Jump));
        // The loop body's end goes back to the head; the head is reachable from the
        // resume point without suspending.
        let resume = cfg.resume(PointId::new(0));
        assert!(cfg.reach(resume)[head.index()]);
        assert!(cfg.reach(resume)[after.index()]);
        let n = b.ids().find(|&x| b.get(x).name == "n").unwrap();
        assert_eq!(cfg.scope_at(resume), [n]);
        // `yield_!(n)` and the tail `n` read it by value; `n += 1` and `n > 2` do not.
        assert!(b.get(n).moves);
    }

    #[test]
    fn for_loops_get_an_iterator_in_scope_at_the_head() {
        let (s, cfg, b) = graph(syn::parse_quote!({
            for x in v.iter() {
                yield_!(x);
            }
        }));
        let the_for = s.block(s.root).stmts[0];
        let iterator = cfg.iterator(the_for).unwrap();
        assert_eq!(b.get(iterator).role, Role::Iterator(the_for));
        let head = cfg.head(the_for).unwrap();
        assert_eq!(cfg.scope_at(head), [iterator]);
        assert_eq!(cfg.node(head).uses, [iterator]);
        let x = cfg.entry(s.blocks_of(s.ctl(the_for).unwrap())[0])[0];
        assert_eq!(b.get(x).name, "x");
        assert!(b.get(x).moves);
    }

    #[test]
    fn unknown_macros_may_jump_to_the_innermost_loop_and_return() {
        let (s, cfg, _) = graph(syn::parse_quote!({
            loop {
                yield_!(1);
                stop!();
            }
        }));
        let the_loop = s.block(s.root).stmts[0];
        let body = s.blocks_of(s.ctl(the_loop).unwrap())[0];
        let call = s.block(body).stmts[1];
        assert_eq!(
            cfg.jumps(call),
            [
                Target::Return,
                Target::Break(the_loop),
                Target::Continue(the_loop)
            ]
        );
    }
}
