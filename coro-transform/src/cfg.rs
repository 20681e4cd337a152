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

impl Builder<'_> {
    fn resolve(&self, ident: &Ident) -> Option<BindingId> {
        let key = NameKey::of(ident);
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .copied()
            .find(|&b| {
                let binding = self.bindings.get(b);
                binding.role == Role::User && binding.key == key
            })
    }

    fn in_scope(&self) -> Vec<BindingId> {
        self.scopes.iter().flatten().copied().collect()
    }

    fn record_scope(&mut self, node: NodeId) {
        let scope = self.in_scope();
        self.cfg.scope_at.insert(node, scope);
    }

    /// Declares a pattern's bindings in the innermost scope, noting whether their value,
    /// taken from `init`, borrows a local.
    fn declare(
        &mut self,
        pat: &Pat,
        site: Site,
        initialized: bool,
        init: Option<&Expr>,
        refutable: bool,
    ) -> Vec<BindingId> {
        let ty = annotated_type(pat).cloned();
        let borrow = init.and_then(|init| self.local_borrow(init, binds_by_ref(pat)));
        let names = if refutable {
            pattern_bindings(pat)
        } else {
            irrefutable_bindings(pat)
        };
        let reference = ty.as_ref().is_some_and(borrows::is_reference);
        let owned = ty.as_ref().is_some_and(borrows::is_owning)
            || (matches!(site, Site::Stmt(_)) && init.is_some_and(borrows::makes_owned));
        let declared: Vec<BindingId> = names
            .into_iter()
            .map(|PatBinding { ident, mutable, .. }| {
                let mut binding = Binding::new(ident, mutable, Role::User, site, initialized);
                binding.ty = ty.clone();
                binding.borrows_local = borrow;
                binding.reference = reference;
                binding.owned = owned;
                self.bindings.add(binding)
            })
            .collect();
        self.scopes
            .last_mut()
            .expect("a scope is open while declaring")
            .extend(&declared);
        declared
    }

    /// `&x`, `&mut x`, or (for a `ref` pattern) `x` itself, with `x` a local: a value that
    /// borrows the coroutine's own storage.
    fn local_borrow(&self, init: &Expr, by_ref: bool) -> Option<proc_macro2::Span> {
        use syn::spanned::Spanned;
        let local = |e: &Expr| match e {
            Expr::Path(p) => p.path.get_ident().and_then(|i| self.resolve(i)),
            _ => None,
        };
        match init {
            Expr::Paren(p) => self.local_borrow(&p.expr, by_ref),
            // `(&v[0], &v[1])`: a value made of borrows.
            Expr::Tuple(t) => t.elems.iter().find_map(|e| self.local_borrow(e, false)),
            Expr::Array(a) => a.elems.iter().find_map(|e| self.local_borrow(e, false)),
            Expr::Reference(r) if local(&r.expr).is_some() => Some(r.span()),
            other if by_ref && local(other).is_some() => Some(other.span()),
            // A borrow of a part of a local that surely owns its data (`v.get(0)`,
            // `v.iter()`, `&v[i]` with `v = vec![..]`).
            other => {
                let reads = borrows::borrow_shape(other)
                    .or_else(|| borrows::iterable_shape(other).filter(|r| !r.through_root))?;
                let derivation = self.derivation(Derived::Place(other.clone()), &reads)?;
                self.surely_borrows_own(&derivation, &reads)
                    .then(|| other.span())
            }
        }
    }

    /// Applies the facts of plain code to a node: its mentions become uses (or kills, or
    /// assignments), its jumps become edges out of the node. Returns the jumps' targets.
    fn apply(&mut self, node: NodeId, facts: &Facts, owner: StmtId) -> Vec<Target> {
        let mut targets = Vec::new();
        let overwritten = facts.overwrites.as_ref().and_then(|i| self.resolve(i));
        for mention in &facts.mentions {
            let Some(b) = self.resolve(&mention.ident) else {
                continue;
            };
            self.bindings.note(b, mention.how);
            let n = &mut self.cfg.nodes[node.index()];
            if mention.mutates {
                n.mutates.push(b);
            }
            match mention.how {
                How::Assign if overwritten == Some(b) => n.kills.push(b),
                How::Assign => n.assigns.push(b),
                _ => self.use_binding(node, b),
            }
        }
        for jump in &facts.jumps {
            if matches!(jump, Jump::Macro(_)) {
                self.cfg.macro_jumps[owner.index()] = true;
            }
            for target in self.targets(jump) {
                let to = match target {
                    Target::Break(s) => self.cfg.after(s),
                    Target::Continue(s) => self.cfg.head(s).expect("`continue` aims at a loop"),
                    Target::Return => self.cfg.exit,
                };
                let label = jump_label(self.spine, jump, target);
                self.cfg.link(node, to, EdgeKind::Jump, Some(label));
                if !self.cfg.jumps[owner.index()].contains(&target) {
                    self.cfg.jumps[owner.index()].push(target);
                }
                targets.push(target);
            }
        }
        targets
    }

    /// A use of `b` at `node`; a borrow made again after a resume also uses what it is made
    /// from, so that those are held wherever it is.
    fn use_binding(&mut self, node: NodeId, b: BindingId) {
        self.cfg.nodes[node.index()].uses.push(b);
        let inputs = match &self.bindings.get(b).derived {
            Some(derivation) => derivation.inputs.clone(),
            None => return,
        };
        for input in inputs {
            if !self.cfg.nodes[node.index()].uses.contains(&input) {
                self.use_binding(node, input);
            }
        }
    }

    /// The derivation of a value of shape `reads`, when it borrows the coroutine's own
    /// locals: some root is a local that is neither a reference (a borrow through it is
    /// not a borrow of the state) nor, for a bare name iterated (`for x in r`), anything
    /// but a borrow made again itself.
    fn derivation(&self, how: Derived, reads: &Reads) -> Option<Derivation> {
        let mut roots = Vec::new();
        let mut needed = false;
        for ident in &reads.roots {
            let Some(b) = self.resolve(ident) else {
                continue;
            };
            let binding = self.bindings.get(b);
            needed |= binding.derived.is_some() || (!binding.reference && !reads.through_root);
            roots.push((ident.clone(), b));
        }
        if !needed {
            return None;
        }
        let mut inputs: Vec<BindingId> = Vec::new();
        let others = reads.others.iter().filter_map(|i| self.resolve(i));
        for b in roots.iter().map(|(_, b)| *b).chain(others) {
            if !inputs.contains(&b) {
                inputs.push(b);
            }
        }
        Some(Derivation { how, roots, inputs })
    }

    /// Whether a borrow of shape `reads` surely borrows the coroutine's own storage, for
    /// the error when it cannot be re-derived: a borrow of a local as a whole (`&v`), or of
    /// a part of a local known to own its data (or itself such a borrow).
    fn surely_borrows_own(&self, derivation: &Derivation, reads: &Reads) -> bool {
        reads.bare_root
            || derivation.roots.iter().any(|(_, b)| {
                let binding = self.bindings.get(*b);
                binding.owned || binding.derived.is_some()
            })
    }

    /// Facts of code that makes a re-derived value: a mention of a root there borrows it
    /// (`Step`: not moved, and through a reference too where auto-deref reaches it; a
    /// root borrowed whole in a `let` stays `Borrow`, since the statement is emitted as
    /// written).
    fn soften(&self, facts: &mut Facts, derivation: &Derivation, whole: bool) {
        for mention in &mut facts.mentions {
            let is_root = derivation
                .roots
                .iter()
                .any(|(ident, _)| NameKey::of(ident) == NameKey::of(&mention.ident));
            if is_root && matches!(mention.how, How::Move | How::Borrow | How::Step) {
                mention.how = if whole { How::Borrow } else { How::Step };
            }
        }
    }

    /// A plain `let` whose value is a borrow of a place: re-derived after each resume
    /// where its bindings are held (see [`crate::borrows`]). Returns the derivation, to be
    /// given to the declared binding, and notes the borrow for the error otherwise.
    fn let_derivation(&self, stmt: StmtId, local: &syn::Local) -> LetBorrow {
        let Some(init) = &local.init else {
            return LetBorrow::None;
        };
        if init.diverge.is_some() {
            return LetBorrow::None;
        }
        // `let n: u32 = ..` holds no borrow, whatever its value is made from.
        if annotated_type(&local.pat).is_some_and(|ty| !borrows::may_borrow(ty)) {
            return LetBorrow::None;
        }
        // A borrow of a place, or a copy of a binding that is one (`let s = r;`).
        let reads = borrows::borrow_shape(&init.expr).or_else(|| self.copy_of_a_borrow(&init.expr));
        let Some(reads) = reads else {
            if self.local_borrow(&init.expr, false).is_none() {
                return LetBorrow::None;
            }
            let is_iterator = borrows::iterable_shape(&init.expr).is_some();
            let reason = if is_iterator {
                "an iterator over a borrow of a local cannot be held across a yield: coro \
                 makes a borrow again after each resume, and cannot tell how far an \
                 iterator a `let` holds has gone; write the loop as `for x in ..` over the \
                 borrow (`for x in v.iter()`, which coro makes again and moves on), or keep \
                 an index"
                    .to_string()
            } else {
                borrows::pattern_reason(&local.pat).unwrap_or_else(|| {
                    "coro makes a borrow held across a yield again after each resume only \
                     when a `let` binds one borrow to one name; bind each borrow with a \
                     `let` of its own (`let a = &v[0];`)"
                        .to_string()
                })
            };
            return LetBorrow::Rejected(None, Some(reason));
        };
        let Some(derivation) = self.derivation(Derived::Place((*init.expr).clone()), &reads) else {
            return LetBorrow::None;
        };
        use syn::spanned::Spanned;
        let flagged = self
            .surely_borrows_own(&derivation, &reads)
            .then(|| init.expr.span());
        if let Some(reason) = self.excluded.stmts.get(&stmt) {
            return match reason {
                Some(reason) => LetBorrow::Rejected(flagged, Some(reason.clone())),
                None => LetBorrow::None,
            };
        }
        if !borrows::single_name(&local.pat) {
            if reads.through_root {
                // A copy of a loop's item, say (`let mut n = i;`), which may own its value.
                return LetBorrow::None;
            }
            return LetBorrow::Rejected(flagged, borrows::pattern_reason(&local.pat));
        }
        LetBorrow::Derived(Box::new(derivation), reads.bare_root || reads.deref_root)
    }

    /// The bindings of a pattern matched against a borrow of the coroutine's own locals (a
    /// place, `v.get(i)`, or a binding that is such a borrow itself, a loop's item say):
    /// those without `mut` or `ref` are made again after a resume by matching the pattern
    /// against the scrutinee again (see [`crate::borrows`]), unless `stmt` is excluded.
    fn pattern_derivation(
        &mut self,
        stmt: StmtId,
        pat: &Pat,
        scrutinee: &Expr,
        declared: &[BindingId],
    ) {
        use syn::spanned::Spanned;
        let reads = borrows::borrow_shape(scrutinee).or_else(|| self.copy_of_a_borrow(scrutinee));
        let Some(reads) = reads else { return };
        let by_ref: Vec<Ident> = crate::syntax::pattern_bindings(pat)
            .into_iter()
            .filter(|b| b.by_ref)
            .map(|b| b.ident)
            .collect();
        let group = self.next_group;
        self.next_group += 1;
        let how = Derived::Pattern {
            group,
            pat: Box::new(pat.clone()),
            scrutinee: Box::new(scrutinee.clone()),
        };
        let Some(derivation) = self.derivation(how, &reads) else {
            return;
        };
        let flagged = (reads.through_root || self.surely_borrows_own(&derivation, &reads))
            .then(|| scrutinee.span());
        let excluded = self.excluded.stmts.get(&stmt).cloned();
        for &b in declared {
            let binding = self.bindings.get_mut(b);
            if binding.mutable || by_ref.contains(&binding.name) {
                continue;
            }
            match &excluded {
                None => binding.derived = Some(derivation.clone()),
                Some(reason) => {
                    if reason.is_some() {
                        binding.borrows_local = binding.borrows_local.or(flagged);
                    }
                    binding.underivable = reason.clone();
                }
            }
        }
    }

    /// `r`, a name whose binding is a borrow made again itself (a loop's item, `let r =
    /// &v;`): what a value of it reads.
    fn copy_of_a_borrow(&self, expr: &Expr) -> Option<Reads> {
        let Expr::Path(p) = expr else {
            return None;
        };
        let ident = p.path.get_ident()?;
        let b = self.resolve(ident)?;
        self.bindings.get(b).derived.as_ref()?;
        Some(Reads {
            roots: vec![ident.clone()],
            through_root: true,
            ..Reads::default()
        })
    }

    /// The constructs a jump may land on.
    fn targets(&self, jump: &Jump) -> Vec<Target> {
        let innermost_loop = || self.constructs.iter().rev().find(|c| c.is_loop);
        let labelled = |label: &syn::Lifetime| {
            let key = NameKey::of_lifetime(label);
            self.constructs
                .iter()
                .rev()
                .find(|c| c.label.as_ref() == Some(&key))
        };
        match jump {
            Jump::Break(None) => innermost_loop()
                .map(|c| Target::Break(c.stmt))
                .into_iter()
                .collect(),
            Jump::Break(Some(label)) => labelled(label)
                .map(|c| Target::Break(c.stmt))
                .into_iter()
                .collect(),
            Jump::Continue(None) => innermost_loop()
                .map(|c| Target::Continue(c.stmt))
                .into_iter()
                .collect(),
            Jump::Continue(Some(label)) => labelled(label)
                .filter(|c| c.is_loop)
                .map(|c| Target::Continue(c.stmt))
                .into_iter()
                .collect(),
            Jump::Return | Jump::Try => vec![Target::Return],
            Jump::Macro(labels) => {
                let mut out = vec![Target::Return];
                let aimed = innermost_loop()
                    .into_iter()
                    .chain(labels.iter().filter_map(labelled));
                for c in aimed {
                    out.push(Target::Break(c.stmt));
                    if c.is_loop {
                        out.push(Target::Continue(c.stmt));
                    }
                }
                out
            }
        }
    }

    /// Walks a block whose scope (and entry bindings) the caller has opened; closes it.
    fn block_body(&mut self, block: BlockId, from: NodeId, label: Option<String>) -> NodeId {
        let start = self.cfg.add(NodeKind::BlockStart(block));
        self.cfg.link(from, start, EdgeKind::Flow, label);
        let entry = self.cfg.entries[block.index()].clone();
        self.cfg.nodes[start.index()].defs.extend(entry);
        let mut at = start;
        for &stmt in &self.spine.block(block).stmts {
            at = self.stmt(stmt, at);
        }
        let end = self.cfg.add(NodeKind::BlockEnd(block));
        self.cfg.link(at, end, EdgeKind::Flow, None);
        self.cfg.block_nodes[block.index()] = (start, end);
        self.scopes.pop();
        end
    }

    /// Opens a scope, declares the bindings of `pats` (an arm's pattern, `if let`'s) as
    /// the block's entry, and walks it.
    fn block_with(
        &mut self,
        block: BlockId,
        pats: &[(&Pat, Option<&Expr>, bool)],
        from: NodeId,
        label: Option<String>,
    ) -> NodeId {
        self.scopes.push(Vec::new());
        let mut entry = Vec::new();
        for &(pat, init, refutable) in pats {
            entry.extend(self.declare_entry_pattern(block, pat, init, refutable, from));
        }
        self.cfg.entries[block.index()] = entry;
        self.block_body(block, from, label)
    }

    /// [`Self::block_with`] for the block of an `if` or `while` whose condition is `cond`:
    /// the bindings of a let chain's links are declared in order, and what each later link
    /// does with an earlier one is noted on it (`if let Some(b) = x && consume(b)` moves
    /// `b`, which the block then no longer owns).
    fn block_after_condition(
        &mut self,
        block: BlockId,
        cond: &Expr,
        from: NodeId,
        label: Option<String>,
    ) -> NodeId {
        self.scopes.push(Vec::new());
        let mut entry: Vec<BindingId> = Vec::new();
        for link in chain_links(cond) {
            for mention in facts::of_expr(link).mentions {
                match self.resolve(&mention.ident) {
                    Some(b) if entry.contains(&b) => self.bindings.note(b, mention.how),
                    _ => {}
                }
            }
            if let Expr::Let(l) = link {
                entry.extend(self.declare_entry_pattern(block, &l.pat, Some(&l.expr), true, from));
            }
        }
        self.cfg.entries[block.index()] = entry;
        self.block_body(block, from, label)
    }

    /// Declares the bindings of `pat`, bound as `block` is entered from `from`.
    fn declare_entry_pattern(
        &mut self,
        block: BlockId,
        pat: &Pat,
        init: Option<&Expr>,
        refutable: bool,
        from: NodeId,
    ) -> Vec<BindingId> {
        let declared = self.declare(pat, Site::Entry(block), true, init, refutable);
        if let (Some(init), Some(owner)) = (init, self.spine.block(block).owner) {
            self.pattern_derivation(owner, pat, init, &declared);
            // A borrow made again is live only from where the condition binds it (a
            // let chain's later links may read it there).
            if matches!(self.cfg.node(from).kind, NodeKind::Test(_)) {
                let made_again: Vec<BindingId> = declared
                    .iter()
                    .copied()
                    .filter(|&b| self.bindings.get(b).derived.is_some())
                    .collect();
                self.cfg.nodes[from.index()].defs.extend(made_again);
            }
        }
        declared
    }

    fn stmt(&mut self, stmt: StmtId, from: NodeId) -> NodeId {
        let spine = self.spine;
        match &spine.node(stmt).kind {
            Kind::Code(code) => {
                let node = self.cfg.add(NodeKind::Code(stmt));
                self.cfg.link(from, node, EdgeKind::Flow, None);
                self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
                    enter: node,
                    after: node,
                    head: None,
                };
                let place = match code {
                    syn::Stmt::Local(local) => self.let_derivation(stmt, local),
                    _ => LetBorrow::None,
                };
                if !matches!(code, syn::Stmt::Item(_)) {
                    let mut facts = facts::of_stmt(code);
                    if let LetBorrow::Derived(derivation, whole) = &place {
                        self.soften(&mut facts, derivation, *whole);
                    }
                    self.apply(node, &facts, stmt);
                }
                if let syn::Stmt::Local(local) = code {
                    let init = local.init.as_ref().map(|init| &*init.expr);
                    let refutable = local.init.as_ref().is_some_and(|i| i.diverge.is_some());
                    let declared = self.declare(
                        &local.pat,
                        Site::Stmt(stmt),
                        init.is_some(),
                        init,
                        refutable,
                    );
                    for &b in &declared {
                        let binding = self.bindings.get_mut(b);
                        match &place {
                            LetBorrow::Derived(derivation, _) => {
                                binding.derived = Some((**derivation).clone());
                            }
                            LetBorrow::Rejected(flagged, reason) => {
                                if flagged.is_some() {
                                    binding.borrows_local = *flagged;
                                }
                                binding.underivable = reason.clone();
                            }
                            LetBorrow::None => {}
                        }
                    }
                    self.cfg.nodes[node.index()].defs.extend(&declared);
                    self.cfg.declares[stmt.index()] = declared;
                }
                if facts::stmt_diverges(code) {
                    // `return ..;`, `break;`, `panic!()`: nothing after it runs.
                    self.cfg.diverging[stmt.index()] = true;
                    return self.cfg.add(NodeKind::Dead);
                }
                node
            }
            Kind::Yield(point) => self.yield_point(stmt, *point, from),
            Kind::Let {
                pat, init, diverge, ..
            } => {
                let after = self.ctl(stmt, init, from);
                self.let_pattern(stmt, pat, after, diverge.as_ref());
                after
            }
            Kind::LetElse { local, diverge } => {
                let test = self.cfg.add(NodeKind::Test(stmt));
                let after = self.cfg.add(NodeKind::After(stmt));
                self.cfg.link(from, test, EdgeKind::Flow, None);
                self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
                    enter: test,
                    after,
                    head: None,
                };
                self.record_scope(after);
                if let Some(init) = &local.init {
                    self.apply(test, &facts::of_expr(&init.expr), stmt);
                }
                let pat_text = text(&local.pat);
                self.block_with(*diverge, &[], test, Some(format!("let {pat_text} fails")));
                self.cfg
                    .link(test, after, EdgeKind::Flow, Some(format!("let {pat_text}")));
                let init = local.init.as_ref().map(|i| &*i.expr);
                let declared = self.declare(&local.pat, Site::Stmt(stmt), true, init, true);
                self.cfg.nodes[after.index()].defs.extend(&declared);
                self.cfg.declares[stmt.index()] = declared;
                after
            }
            Kind::Ctl { ctl, .. } => self.ctl(stmt, ctl, from),
        }
    }

    /// The pattern of `let pat = <control structure> [else { .. }];`, bound after it.
    fn let_pattern(
        &mut self,
        stmt: StmtId,
        pat: &Pat,
        after: NodeId,
        diverge: Option<&syn::Block>,
    ) {
        if let Some(diverge) = diverge {
            let branch = self.cfg.add(NodeKind::Branch(stmt));
            self.cfg
                .link(after, branch, EdgeKind::Flow, Some("let fails".into()));
            self.apply(branch, &facts::of_block(diverge), stmt);
        }
        let declared = self.declare(pat, Site::Stmt(stmt), true, None, diverge.is_some());
        self.cfg.nodes[after.index()].defs.extend(&declared);
        self.cfg.declares[stmt.index()] = declared;
    }

    fn yield_point(&mut self, stmt: StmtId, point: PointId, from: NodeId) -> NodeId {
        let suspend = self.cfg.add(NodeKind::Suspend(point));
        let resume = self.cfg.add(NodeKind::Resume(point));
        self.cfg.link(from, suspend, EdgeKind::Flow, None);
        self.cfg.link(suspend, resume, EdgeKind::Suspend, None);
        self.cfg.point_nodes[point.index()] = (suspend, resume);
        self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
            enter: suspend,
            after: resume,
            head: None,
        };
        self.record_scope(resume);
        let yp = self.spine.point(point);
        self.apply(suspend, &facts::of_expr(&yp.value), stmt);
        match &yp.kind {
            YieldKind::Let { pat, diverge, .. } => {
                if let Some(diverge) = diverge {
                    let branch = self.cfg.add(NodeKind::Branch(stmt));
                    self.cfg
                        .link(resume, branch, EdgeKind::Flow, Some("let fails".into()));
                    let targets = self.apply(branch, &facts::of_block(diverge), stmt);
                    self.cfg.resumed_jumps[point.index()].extend(targets);
                }
                let declared = self.declare(pat, Site::Stmt(stmt), true, None, diverge.is_some());
                self.cfg.nodes[resume.index()].defs.extend(&declared);
                self.cfg.declares[stmt.index()] = declared;
            }
            YieldKind::Assign { place, op } => {
                let whole = match (op, place) {
                    (None, Expr::Path(p)) => p.path.get_ident().and_then(|i| self.resolve(i)),
                    _ => None,
                };
                match whole {
                    Some(b) => {
                        self.bindings.note(b, How::Assign);
                        self.cfg.nodes[resume.index()].kills.push(b);
                        self.cfg.nodes[resume.index()].mutates.push(b);
                    }
                    // `x += yield_!(..)` and `a.b = yield_!(..)` use the place on resume.
                    None => {
                        let targets = self.apply(resume, &facts::of_assigned_place(place), stmt);
                        self.cfg.resumed_jumps[point.index()].extend(targets);
                    }
                }
            }
            YieldKind::Discard | YieldKind::Value => {}
        }
        resume
    }

    /// A control structure: returns its `After` node.
    fn ctl(&mut self, stmt: StmtId, ctl: &Ctl, from: NodeId) -> NodeId {
        let enter = self.cfg.add(NodeKind::Enter(stmt));
        let after = self.cfg.add(NodeKind::After(stmt));
        self.cfg.link(from, enter, EdgeKind::Flow, None);
        self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
            enter,
            after,
            head: None,
        };
        self.record_scope(after);
        match ctl {
            Ctl::Block { label, block, .. } => {
                self.constructs.push(Construct {
                    stmt,
                    label: label.as_ref().map(|l| NameKey::of_lifetime(&l.name)),
                    is_loop: false,
                });
                let end = self.block_with(*block, &[], enter, None);
                self.cfg.link(end, after, EdgeKind::Flow, None);
                self.constructs.pop();
            }
            Ctl::If(branch) => self.if_chain(stmt, branch, enter, after),
            Ctl::Match {
                scrutinee, arms, ..
            } => {
                let test = self.cfg.add(NodeKind::Test(stmt));
                self.cfg.link(enter, test, EdgeKind::Flow, None);
                self.apply(test, &facts::of_expr(scrutinee), stmt);
                for (i, arm) in arms.iter().enumerate() {
                    let try_arm = self.cfg.add(NodeKind::Arm(stmt, i));
                    let label = format!("match arm {}", text(&arm.pat));
                    self.cfg.link(test, try_arm, EdgeKind::Flow, Some(label));
                    match &arm.body {
                        ArmBody::Block(block) => {
                            self.scopes.push(Vec::new());
                            let entry = self.declare(
                                &arm.pat,
                                Site::Entry(*block),
                                true,
                                Some(scrutinee),
                                true,
                            );
                            self.pattern_derivation(stmt, &arm.pat, scrutinee, &entry);
                            // A borrow made again is live only from where the pattern binds
                            // it, before the guard reads it (on the arm's node): it is
                            // declared where the scrutinee is tested.
                            let made_again: Vec<BindingId> = entry
                                .iter()
                                .copied()
                                .filter(|&b| self.bindings.get(b).derived.is_some())
                                .collect();
                            self.cfg.nodes[test.index()].defs.extend(made_again);
                            self.cfg.entries[block.index()] = entry;
                            if let Some(guard) = &arm.guard {
                                self.apply(try_arm, &facts::of_expr(guard), stmt);
                            }
                            let end = self.block_body(*block, try_arm, None);
                            self.cfg.link(end, after, EdgeKind::Flow, None);
                        }
                        ArmBody::Code(body) => {
                            let code = self.cfg.add(NodeKind::Branch(stmt));
                            self.cfg.link(try_arm, code, EdgeKind::Flow, None);
                            self.apply(
                                code,
                                &facts::of_arm(&arm.pat, arm.guard.as_ref(), body),
                                stmt,
                            );
                            if !facts::diverges(body) {
                                self.cfg.link(code, after, EdgeKind::Flow, None);
                            }
                        }
                    }
                }
            }
            Ctl::Loop { label, body, .. } => {
                let head = self.loop_head(stmt, label.as_ref(), enter);
                let end = self.block_with(*body, &[], head, None);
                self.cfg
                    .link(end, head, EdgeKind::Flow, Some("loop".into()));
                self.constructs.pop();
            }
            Ctl::While {
                label, cond, body, ..
            } => {
                let head = self.loop_head(stmt, label.as_ref(), enter);
                let test = self.cfg.add(NodeKind::Test(stmt));
                self.cfg.link(head, test, EdgeKind::Flow, None);
                self.apply(test, &facts::of_expr(cond), stmt);
                let cond_text = text(cond);
                let label = Some(format!("while {cond_text}"));
                let end = self.block_after_condition(*body, cond, test, label);
                self.cfg.link(end, head, EdgeKind::Flow, None);
                self.cfg
                    .link(test, after, EdgeKind::Flow, Some("after the while".into()));
                self.constructs.pop();
            }
            Ctl::For {
                label,
                pat,
                iterable,
                body,
                ..
            } => {
                let (derivation, flagged, reason) = self.for_derivation(stmt, iterable);
                let mut facts = facts::of_expr(iterable);
                if let Some(derivation) = &derivation {
                    self.soften(&mut facts, derivation, false);
                }
                self.apply(enter, &facts, stmt);
                // The iterator lives in a scope around the loop.
                self.scopes.push(Vec::new());
                let name = Ident::new(
                    &format!("__iter{}", stmt.index()),
                    proc_macro2::Span::mixed_site(),
                );
                let mut iterator =
                    Binding::new(name, true, Role::Iterator(stmt), Site::Iterator(stmt), true);
                iterator.borrows_local = flagged.or_else(|| self.local_borrow(iterable, false));
                iterator.underivable = reason;
                let derived = derivation.is_some();
                iterator.derived = derivation;
                let iterator = self.bindings.add(iterator);
                self.bindings.note(iterator, How::Step);
                self.scopes.last_mut().expect("scope").push(iterator);
                self.cfg.iterators.insert(stmt, iterator);
                self.cfg.nodes[enter.index()].defs.push(iterator);
                let head = self.loop_head(stmt, label.as_ref(), enter);
                self.use_binding(head, iterator);
                let label_text = format!("for {} in {}", text(pat), text(iterable));
                // The pattern's bindings, as `block_with` declares them; over a re-derived
                // iterator, those without `mut` or `ref` are taken again from its current
                // item.
                self.scopes.push(Vec::new());
                let entry = self.declare(pat, Site::Entry(*body), true, None, false);
                if derived {
                    for &b in &entry {
                        let binding = self.bindings.get(b);
                        let plain = !binding.mutable
                            && !crate::syntax::pattern_bindings(pat)
                                .iter()
                                .any(|p| p.by_ref && p.ident == binding.name);
                        if plain {
                            self.bindings.get_mut(b).derived = Some(Derivation {
                                how: Derived::Item(stmt),
                                roots: Vec::new(),
                                inputs: vec![iterator],
                            });
                        }
                    }
                }
                self.cfg.entries[body.index()] = entry;
                let end = self.block_body(*body, head, Some(label_text));
                self.cfg.link(end, head, EdgeKind::Flow, None);
                self.cfg
                    .link(head, after, EdgeKind::Flow, Some("after the for".into()));
                self.constructs.pop();
                self.scopes.pop();
            }
        }
        after
    }

    /// A `for` loop over a borrow of the coroutine's own locals (see [`crate::borrows`]):
    /// the iterator's derivation, unless excluded; the span to point an error at when it
    /// surely borrows the state, and why it is not re-derived.
    fn for_derivation(
        &self,
        stmt: StmtId,
        iterable: &Expr,
    ) -> (
        Option<Derivation>,
        Option<proc_macro2::Span>,
        Option<String>,
    ) {
        use syn::spanned::Spanned;
        let Some(reads) = borrows::iterable_shape(iterable) else {
            return (None, None, None);
        };
        let Some(derivation) = self.derivation(Derived::Iterator(iterable.clone()), &reads) else {
            return (None, None, None);
        };
        let flagged = self
            .surely_borrows_own(&derivation, &reads)
            .then(|| iterable.span());
        match self.excluded.stmts.get(&stmt) {
            Some(Some(reason)) => (None, flagged, Some(reason.clone())),
            Some(None) => (None, None, None),
            None => (Some(derivation), None, None),
        }
    }

    fn loop_head(&mut self, stmt: StmtId, label: Option<&syn::Label>, from: NodeId) -> NodeId {
        let head = self.cfg.add(NodeKind::Head(stmt));
        self.cfg.link(from, head, EdgeKind::Flow, None);
        self.cfg.stmt_nodes[stmt.index()].head = Some(head);
        self.record_scope(head);
        self.constructs.push(Construct {
            stmt,
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop: true,
        });
        head
    }

    fn if_chain(&mut self, stmt: StmtId, branch: &If, from: NodeId, after: NodeId) {
        let test = self.cfg.add(NodeKind::Test(stmt));
        self.cfg.link(from, test, EdgeKind::Flow, None);
        self.apply(test, &facts::of_expr(&branch.cond), stmt);
        let label = format!("if {}", text(&branch.cond));
        let end = self.block_after_condition(branch.then, &branch.cond, test, Some(label));
        self.cfg.link(end, after, EdgeKind::Flow, None);
        let else_label = Some("else".to_string());
        match &branch.otherwise {
            Some(Else::Block(block)) => {
                let end = self.block_with(*block, &[], test, else_label);
                self.cfg.link(end, after, EdgeKind::Flow, None);
            }
            Some(Else::If(inner)) => {
                let next = self.cfg.add(NodeKind::Branch(stmt));
                self.cfg.link(test, next, EdgeKind::Flow, else_label);
                self.if_chain(stmt, inner, next, after);
            }
            Some(Else::Code(expr)) => {
                let code = self.cfg.add(NodeKind::Branch(stmt));
                self.cfg.link(test, code, EdgeKind::Flow, else_label);
                self.apply(code, &facts::of_expr(expr), stmt);
                if !facts::diverges(expr) {
                    self.cfg.link(code, after, EdgeKind::Flow, None);
                }
            }
            None => self.cfg.link(test, after, EdgeKind::Flow, else_label),
        }
    }
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
