//! Which bindings each suspension point must hold, the question rustc's coroutine
//! transform answers in `locals_live_across_suspend_points`.
//!
//! The analysis resolves every name on the spine to the binding it refers to, then, for
//! each yield point and each binding in scope there, picks a [`Slot`]:
//!
//! * mentioned again after the yield (later in its block, or anywhere in a loop around the
//!   yield that lies inside the binding's scope): **held**, unless the next thing that
//!   happens to it, straight after the yield in the same block, is a plain assignment
//!   `x = ..;`: then it is **empty** (it may have been moved out, and it gets a new value);
//! * never mentioned after its declaration at all (`let _guard = ..;`): **held** to the end
//!   of its block, as rustc does;
//! * otherwise (last mentioned before the yield): **dropped** when the coroutine suspends,
//!   because it may have been moved and a proc macro cannot tell.

use std::collections::HashMap;

use proc_macro2::{Ident, Span};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, Pat, Type};

use crate::ir::{annotated_type, Arm, ArmBody, BindingId, Block, Cond, Ctl, Else, Node, Stmt};
use crate::ir::{YieldKind, YieldPoint};
use crate::syntax::{
    binds_by_ref, pattern_bindings, uses_of_arm, uses_of_block, uses_of_expr, uses_of_stmt,
    PatBinding, Uses,
};

/// A local of the coroutine body: a parameter, a `let` or pattern binding, or a hidden
/// value the transform introduces.
pub struct Binding {
    /// The name as the user wrote it (with its span), or a generated name.
    pub name: Ident,
    pub mutable: bool,
    pub role: Role,
    /// The declared type, when the declaration is `name: Type`.
    pub ty: Option<Type>,
    /// A zero-sized record of this binding's type, declared right after it; present when
    /// the binding is empty at some yield and must be declared again without a value.
    pub witness: Option<BindingId>,
    decl_pos: usize,
    scope_end: usize,
    /// Whether the declaration gives it a value (so a type witness can be taken).
    initialized: bool,
    /// Where its value borrows another local (`&x`, `&mut x`, a `ref` binding of `x`).
    borrows_local: Option<Span>,
    /// Whether any mention uses the binding as a whole (read, moved, assigned, captured)
    /// rather than only indexing into it (`buf[i]`) or stepping it (`bytes.next()`).
    used_whole: bool,
    /// Declared as a parameter or in the body's outermost block: it lives until the body
    /// ends, so leaving it in the state until then drops it at the same time.
    top_level: bool,
    /// For a `for` loop's iterator: the loop may be left by a `break` before the iterator
    /// is exhausted (whatever it still holds must then be dropped right away).
    leaves_early: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Written by the user.
    User,
    /// The iterator of a `for` loop whose body yields.
    Iterator,
    /// The type witness of another binding.
    Witness(BindingId),
}

/// What a suspension point does with a binding in scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slot {
    /// Saved in the state and restored on resume.
    Held,
    /// Not saved; declared again without a value on resume (it is assigned before use).
    Empty,
    /// Not saved: whatever it still owns is dropped when the coroutine suspends.
    Dropped,
}

/// The analysis result for one function body.
pub struct Analysis {
    pub bindings: Vec<Binding>,
    /// For each yield point (by index), every binding in scope there, in declaration order.
    pub sites: Vec<Vec<(BindingId, Slot)>>,
    /// The bindings of the parameters, in order, per parameter.
    pub params: Vec<Vec<BindingId>>,
    /// For each yield point: whether its state can be resumed in place, without moving
    /// the held values out and back (see [`Analysis::in_place`]).
    in_place: Vec<bool>,
}

impl Analysis {
    pub fn slot(&self, site: usize, binding: BindingId) -> Option<Slot> {
        self.sites[site]
            .iter()
            .find(|(b, _)| *b == binding)
            .map(|(_, slot)| *slot)
    }

    /// Whether resuming at `site` can leave the held values inside the state and reach them
    /// through references: every held value is a `for` iterator or a binding only ever
    /// indexed (`buf[i]`) or stepped (`bytes.next()`), which work the same through `&mut`,
    /// declared outside every loop around the site (so the resume arm never declares it
    /// again). Large buffers then cost nothing per resume.
    pub fn in_place(&self, site: usize) -> bool {
        self.in_place[site]
    }

    /// The bindings held at a yield point, in declaration order.
    pub fn held(&self, site: usize) -> impl Iterator<Item = BindingId> + '_ {
        self.sites[site]
            .iter()
            .filter(|(_, slot)| *slot == Slot::Held)
            .map(|(b, _)| *b)
    }
}

/// Runs the analysis over the parameters' patterns and the body's spine, filling in the
/// spine's binding tables.
pub fn analyse(params: &[Pat], body: &mut Block) -> syn::Result<Analysis> {
    let mut walker = Walker::default();
    walker.scopes.push(Vec::new());
    let params = params
        .iter()
        .map(|pat| walker.declare_pattern(pat, true))
        .collect();
    walker.block(body);
    let end = walker.tick();
    walker.close_scope(end);
    let texts = walker.site_texts();
    let analysis = walker.finish(params);
    check_held(&analysis, &texts)?;
    Ok(analysis)
}

/// Rejects what cannot be held across a yield: a borrow of another local (the coroutine's
/// locals move with it; rustc rejects these too, E0626), and a binding hidden by an inner
/// one of the same name where the coroutine must save it.
fn check_held(analysis: &Analysis, texts: &[String]) -> syn::Result<()> {
    for (site, slots) in analysis.sites.iter().enumerate() {
        for (i, &(b, slot)) in slots.iter().enumerate() {
            let binding = &analysis.bindings[b];
            if slot != Slot::Held {
                continue;
            }
            if let Some(borrow) = binding.borrows_local {
                let what = match binding.role {
                    Role::Iterator => "the `for` loop's iterator".to_string(),
                    _ => format!("`{}`", binding.name),
                };
                return Err(syn::Error::new(
                    borrow,
                    format!(
                        "this borrow of a local is held by {what} across `{}`, but a \
                         coroutine's locals move with it, so no borrow of them can live across a \
                         yield (rustc's coroutines reject it too, E0626); hold an owned value \
                         instead (iterate `v` or `v.clone()` rather than `&v`, keep an index \
                         rather than `&v[i]`), or take the data as a borrowed parameter",
                        texts[site],
                    ),
                ));
            }
            if binding.role != Role::User {
                continue;
            }
            let hidden_by = slots[i + 1..]
                .iter()
                .map(|&(later, _)| &analysis.bindings[later])
                .find(|later| later.role == Role::User && later.name == binding.name);
            if let Some(later) = hidden_by {
                let mut error = syn::Error::new(
                    later.name.span(),
                    format!(
                        "this `{}` hides another `{}` that the coroutine must keep across \
                         `{}`; give one of them a different name",
                        later.name, binding.name, texts[site],
                    ),
                );
                error.combine(syn::Error::new(
                    binding.name.span(),
                    format!("the hidden `{}` is declared here", binding.name),
                ));
                return Err(error);
            }
        }
    }
    Ok(())
}

struct RawSite {
    pos: usize,
    in_scope: Vec<BindingId>,
    /// Start positions of the loops around the site, innermost last.
    loops: Vec<usize>,
    /// Bindings found empty straight after the site in its block.
    empty: Vec<BindingId>,
    /// Bindings the yield's own statement uses once resumed (`x += yield_!(..)`).
    used_on_resume: Vec<BindingId>,
    /// The binding the yield's own statement assigns the resume argument to.
    assigned: Option<BindingId>,
    /// The `yield_!` call as written.
    text: String,
    /// The branches the site is in, outermost first.
    branches: Vec<(usize, usize)>,
}

/// An `if` or `match`: where it starts and the extent of each branch.
struct Branching {
    start: usize,
    branches: Vec<(usize, usize)>,
}

#[derive(Default)]
struct Walker {
    branchings: Vec<Branching>,
    /// The branches being walked, outermost first: (branching, branch index).
    inside: Vec<(usize, usize)>,
    bindings: Vec<Binding>,
    scopes: Vec<Vec<BindingId>>,
    mentions: Vec<(usize, BindingId)>,
    pos: usize,
    loops: Vec<usize>,
    sites: HashMap<usize, RawSite>,
}

impl Walker {
    fn tick(&mut self) -> usize {
        self.pos += 1;
        self.pos
    }

    fn resolve(&self, name: &Ident) -> Option<BindingId> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .copied()
            .find(|&b| self.bindings[b].role == Role::User && self.bindings[b].name == *name)
    }

    fn mention(&mut self, binding: BindingId) {
        let pos = self.tick();
        self.mentions.push((pos, binding));
    }

    fn uses(&mut self, uses: &Uses) -> bool {
        for (name, &indexed) in uses.names.iter().zip(&uses.indexed) {
            if let Some(b) = self.resolve(name) {
                self.mention(b);
                if !indexed {
                    self.bindings[b].used_whole = true;
                }
            }
        }
        uses.may_jump
    }

    fn declare(&mut self, name: Ident, mutable: bool, role: Role, initialized: bool) -> BindingId {
        let id = self.bindings.len();
        let decl_pos = self.tick();
        self.bindings.push(Binding {
            name,
            mutable,
            role,
            ty: None,
            witness: None,
            decl_pos,
            scope_end: usize::MAX,
            initialized,
            borrows_local: None,
            used_whole: false,
            // The parameters' scope and the body's outermost block.
            top_level: self.scopes.len() <= 2,
            leaves_early: false,
        });
        self.scopes
            .last_mut()
            .expect("a scope is open while declaring")
            .push(id);
        id
    }

    fn declare_pattern(&mut self, pat: &Pat, initialized: bool) -> Vec<BindingId> {
        self.declare_from(pat, initialized, None)
    }

    /// Declares a pattern's bindings, noting whether their value, taken from `init`,
    /// borrows a local.
    fn declare_from(
        &mut self,
        pat: &Pat,
        initialized: bool,
        init: Option<&Expr>,
    ) -> Vec<BindingId> {
        let ty = annotated_type(pat).cloned();
        let borrow = init.and_then(|init| self.local_borrow(init, binds_by_ref(pat)));
        pattern_bindings(pat)
            .into_iter()
            .map(|PatBinding { ident, mutable, .. }| {
                let id = self.declare(ident, mutable, Role::User, initialized);
                self.bindings[id].ty = ty.clone();
                self.bindings[id].borrows_local = borrow;
                id
            })
            .collect()
    }

    /// `&x`, `&mut x`, or (for a `ref` pattern) `x` itself, with `x` a local: a value that
    /// borrows the coroutine's own storage.
    fn local_borrow(&self, init: &Expr, by_ref: bool) -> Option<Span> {
        match init {
            Expr::Paren(p) => self.local_borrow(&p.expr, by_ref),
            Expr::Reference(r) => self.plain_local(&r.expr).map(|_| r.span()),
            other if by_ref => self.plain_local(other).map(|_| other.span()),
            _ => None,
        }
    }

    fn close_scope(&mut self, end: usize) {
        for b in self.scopes.pop().expect("scopes are balanced") {
            self.bindings[b].scope_end = end;
        }
    }

    fn mentions_since(&self, start: usize) -> Vec<BindingId> {
        let mut out: Vec<BindingId> = self
            .mentions
            .iter()
            .filter(|(pos, _)| *pos > start)
            .map(|(_, b)| *b)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn block(&mut self, block: &mut Block) {
        self.scopes.push(Vec::new());
        self.block_body(block);
    }

    /// Walks the statements of a block whose scope is already open.
    fn block_body(&mut self, block: &mut Block) {
        for node in &mut block.stmts {
            self.node(node);
        }
        self.find_empty_slots(block);
        let end = self.tick();
        self.close_scope(end);
    }

    fn node(&mut self, node: &mut Node) {
        let start = self.pos;
        let mut may_jump = false;
        match &mut node.stmt {
            Stmt::Code(stmt) => {
                may_jump = self.uses(&uses_of_stmt(stmt));
                if let syn::Stmt::Local(local) = stmt {
                    let init = local.init.as_ref().map(|init| &*init.expr);
                    node.declares = self.declare_from(&local.pat, init.is_some(), init);
                }
                if let syn::Stmt::Expr(Expr::Assign(assign), Some(_)) = stmt {
                    if let Some(b) = self.plain_local(&assign.left) {
                        let rhs = uses_of_expr(&assign.right);
                        let reads_itself = rhs.names.iter().any(|n| self.resolve(n) == Some(b));
                        if !reads_itself {
                            node.overwrites = Some(b);
                        }
                    }
                }
            }
            Stmt::Yield(point) => {
                node.overwrites = self.yield_point(point, &mut node.declares);
            }
            Stmt::Let {
                pat, init, diverge, ..
            } => {
                self.ctl(init);
                if let Some(diverge) = diverge {
                    self.uses(&uses_of_block(diverge));
                }
                node.declares = self.declare_pattern(pat, true);
                may_jump = true;
            }
            Stmt::LetElse { local, diverge } => {
                self.uses(&uses_of_stmt(&syn::Stmt::Local(local.clone())));
                self.block(diverge);
                node.declares = self.declare_pattern(&local.pat, true);
                may_jump = true;
            }
            Stmt::Ctl { ctl, .. } => {
                self.ctl(ctl);
                may_jump = true;
            }
        }
        node.mentions = self.mentions_since(start);
        node.may_jump = may_jump;
    }

    /// The binding a place expression names, when it is a plain local like `x`.
    fn plain_local(&self, place: &Expr) -> Option<BindingId> {
        match place {
            Expr::Path(p) if p.qself.is_none() => p.path.get_ident().and_then(|i| self.resolve(i)),
            _ => None,
        }
    }

    /// Records a yield point; returns the binding it overwrites with the resume argument.
    fn yield_point(
        &mut self,
        point: &YieldPoint,
        declares: &mut Vec<BindingId>,
    ) -> Option<BindingId> {
        self.uses(&uses_of_expr(&point.value));
        let pos = self.tick();
        let in_scope = self.scopes.iter().flatten().copied().collect();
        self.sites.insert(
            point.index,
            RawSite {
                pos,
                in_scope,
                loops: self.loops.clone(),
                empty: Vec::new(),
                used_on_resume: Vec::new(),
                assigned: None,
                text: point.text.clone(),
                branches: self.inside.clone(),
            },
        );
        match &point.kind {
            YieldKind::Let { pat, diverge, .. } => {
                if let Some(diverge) = diverge {
                    self.uses(&uses_of_block(diverge));
                }
                *declares = self.declare_pattern(pat, true);
                None
            }
            YieldKind::Assign { place, op } => {
                let target = self.plain_local(place);
                match (op, target) {
                    (None, Some(b)) => {
                        self.bindings[b].used_whole = true;
                        self.sites
                            .get_mut(&point.index)
                            .expect("site recorded")
                            .assigned = Some(b);
                        Some(b)
                    }
                    _ => {
                        // `place op= yield_!(..)` and `a.b = yield_!(..)` use the place
                        // after the resume.
                        let start = self.pos;
                        self.uses(&uses_of_expr(place));
                        let after = self.mentions_since(start);
                        self.sites
                            .get_mut(&point.index)
                            .expect("site recorded")
                            .used_on_resume = after;
                        None
                    }
                }
            }
            YieldKind::Discard | YieldKind::Value => None,
        }
    }

    fn cond(&mut self, cond: &Cond) {
        match cond {
            Cond::Expr(e) | Cond::Let(_, e) => {
                self.uses(&uses_of_expr(e));
            }
        }
    }

    /// Walks a block whose entry bindings come from `let pat = scrutinee` (if any).
    fn block_after(&mut self, cond: &Cond, block: &mut Block) {
        self.scopes.push(Vec::new());
        if let Cond::Let(pat, scrutinee) = cond {
            block.entry = self.declare_from(pat, true, Some(scrutinee));
        }
        self.block_body(block);
    }

    /// Starts an `if` or `match`: a construct only one of whose branches runs.
    fn open_branching(&mut self) -> usize {
        let start = self.tick();
        self.branchings.push(Branching {
            start,
            branches: Vec::new(),
        });
        self.branchings.len() - 1
    }

    /// Walks one branch of a branching construct, recording its extent.
    fn branch(&mut self, branching: usize, f: impl FnOnce(&mut Self)) {
        let index = self.branchings[branching].branches.len();
        let start = self.tick();
        self.inside.push((branching, index));
        f(self);
        self.inside.pop();
        let end = self.tick();
        self.branchings[branching].branches.push((start, end));
    }

    fn looped(&mut self, f: impl FnOnce(&mut Self)) {
        let start = self.tick();
        self.loops.push(start);
        f(self);
        self.loops.pop();
    }

    fn ctl(&mut self, ctl: &mut Ctl) {
        match ctl {
            Ctl::Block { block, .. } => self.block(block),
            Ctl::If {
                cond,
                then,
                otherwise,
            } => {
                self.cond(cond);
                let branching = self.open_branching();
                self.branch(branching, |w| w.block_after(cond, then));
                self.branch(branching, |w| match otherwise.as_deref_mut() {
                    Some(Else::Block(block)) => w.block(block),
                    Some(Else::If(ctl)) => w.ctl(ctl),
                    Some(Else::Code(expr)) => {
                        w.uses(&uses_of_expr(expr));
                    }
                    None => {}
                });
            }
            Ctl::Match { scrutinee, arms } => {
                self.uses(&uses_of_expr(scrutinee));
                let branching = self.open_branching();
                for arm in arms {
                    self.branch(branching, |w| w.arm(arm, scrutinee));
                }
            }
            Ctl::Loop { body, .. } => self.looped(|w| w.block(body)),
            Ctl::While { cond, body, .. } => self.looped(|w| {
                w.cond(cond);
                w.block_after(cond, body);
            }),
            Ctl::For {
                pat,
                iterable,
                iter,
                body,
                ..
            } => {
                self.uses(&uses_of_expr(iterable));
                self.scopes.push(Vec::new());
                let name = Ident::new(
                    &format!("__iter{}", self.bindings.len()),
                    Span::mixed_site(),
                );
                let id = self.declare(name, true, Role::Iterator, true);
                self.bindings[id].borrows_local = self.local_borrow(iterable, false);
                self.bindings[id].leaves_early = may_break(body);
                *iter = Some(id);
                self.looped(|w| {
                    w.mention(id);
                    w.scopes.push(Vec::new());
                    body.entry = w.declare_pattern(pat, true);
                    w.block_body(body);
                });
                let end = self.tick();
                self.close_scope(end);
            }
        }
    }

    fn arm(&mut self, arm: &mut Arm, scrutinee: &Expr) {
        match &mut arm.body {
            ArmBody::Code(body) => {
                self.uses(&uses_of_arm(&arm.pat, arm.guard.as_ref(), body));
            }
            ArmBody::Spine(block) => {
                // The guard sees the pattern's bindings: declare them in the block's scope
                // first, then walk the guard inside it.
                self.scopes.push(Vec::new());
                block.entry = self.declare_from(&arm.pat, true, Some(scrutinee));
                if let Some(guard) = &arm.guard {
                    self.uses(&uses_of_expr(guard));
                }
                self.block_body(block);
            }
        }
    }

    /// For each yield statement of a block, the bindings whose next use straight after
    /// it (in the same block) is a plain assignment.
    fn find_empty_slots(&mut self, block: &Block) {
        for (i, node) in block.stmts.iter().enumerate() {
            let Stmt::Yield(point) = &node.stmt else {
                continue;
            };
            let site = &self.sites[&point.index];
            let empty: Vec<BindingId> = site
                .in_scope
                .iter()
                .copied()
                .filter(|&b| {
                    // `x = yield_!(..)`: x gets the resume argument; otherwise x is empty
                    // when the next statement overwrites it before the yield's own
                    // statement reads it.
                    node.overwrites == Some(b)
                        || (!site.used_on_resume.contains(&b)
                            && overwritten_next(&block.stmts[i + 1..], b))
                })
                .collect();
            self.sites
                .get_mut(&point.index)
                .expect("site recorded")
                .empty = empty;
        }
    }

    fn site_texts(&self) -> Vec<String> {
        (0..self.sites.len())
            .map(|i| self.sites[&i].text.clone())
            .collect()
    }

    fn finish(mut self, params: Vec<Vec<BindingId>>) -> Analysis {
        let mut indices: Vec<usize> = self.sites.keys().copied().collect();
        indices.sort_unstable();
        let mut sites: Vec<Vec<(BindingId, Slot)>> = indices
            .iter()
            .map(|index| {
                let site = &self.sites[index];
                site.in_scope
                    .iter()
                    .map(|&b| (b, self.slot(site, b)))
                    .collect()
            })
            .collect();
        // Give every binding that is empty somewhere a type witness, held wherever its
        // owner is in scope (it is zero-sized).
        let empties: Vec<BindingId> = sites
            .iter()
            .flatten()
            .filter(|(_, slot)| *slot == Slot::Empty)
            .map(|(b, _)| *b)
            .collect();
        for b in empties {
            let owner = &self.bindings[b];
            if owner.initialized && owner.witness.is_none() {
                let name = Ident::new(
                    &format!("__type_of_{}", owner.name.unraw()),
                    Span::mixed_site(),
                );
                let witness = Binding {
                    name,
                    mutable: false,
                    role: Role::Witness(b),
                    ty: None,
                    witness: None,
                    decl_pos: owner.decl_pos,
                    scope_end: owner.scope_end,
                    initialized: true,
                    borrows_local: None,
                    used_whole: true,
                    top_level: false,
                    leaves_early: false,
                };
                self.bindings.push(witness);
                let id = self.bindings.len() - 1;
                self.bindings[b].witness = Some(id);
            }
        }
        for slots in &mut sites {
            let with_witnesses = slots
                .iter()
                .flat_map(|&(b, slot)| {
                    let witness = self.bindings[b].witness.map(|w| (w, Slot::Held));
                    std::iter::once((b, slot)).chain(witness)
                })
                .collect();
            *slots = with_witnesses;
        }
        let in_place = indices
            .iter()
            .zip(&sites)
            .map(|(index, slots)| {
                let site = &self.sites[index];
                let outermost_loop = site.loops.first().copied().unwrap_or(usize::MAX);
                let held: Vec<BindingId> = slots
                    .iter()
                    .filter(|(_, slot)| *slot == Slot::Held)
                    .map(|(b, _)| *b)
                    .collect();
                !held.is_empty()
                    && held.iter().all(|&id| {
                        let b = &self.bindings[id];
                        // The value stays in the state until the next state is written,
                        // so it must not need dropping any earlier: an iterator its loop
                        // only leaves when exhausted, or a binding of the outermost block
                        // that the code does mention (a never-mentioned guard is moved).
                        let stays = match b.role {
                            Role::Iterator => !b.leaves_early,
                            Role::User => {
                                let mentioned = self.mentions.iter().any(|&(_, m)| m == id);
                                !b.used_whole && b.top_level && mentioned
                            }
                            Role::Witness(_) => false,
                        };
                        stays && b.decl_pos < outermost_loop
                    })
            })
            .collect();
        Analysis {
            bindings: self.bindings,
            sites,
            params,
            in_place,
        }
    }

    fn slot(&self, site: &RawSite, b: BindingId) -> Slot {
        let binding = &self.bindings[b];
        let in_enclosing_loop = |pos: usize| {
            site.loops
                .iter()
                .any(|&start| start > binding.decl_pos && pos >= start && pos < site.pos)
        };
        // The other branches of an `if` or `match` around the site cannot run after it
        // with this binding still alive, unless a loop around the site contains that
        // construct but not the binding's declaration (the loop comes back to them).
        let unreachable: Vec<(usize, usize)> = site
            .branches
            .iter()
            .filter(|(branching, _)| {
                let start = self.branchings[*branching].start;
                !site
                    .loops
                    .iter()
                    .any(|&loop_start| loop_start < start && loop_start > binding.decl_pos)
            })
            .flat_map(|&(branching, taken)| {
                let branches = &self.branchings[branching].branches;
                branches
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| *i != taken)
                    .map(|(_, range)| *range)
            })
            .collect();
        let reachable = |pos: usize| !unreachable.iter().any(|&(s, e)| pos > s && pos < e);
        let mut mentioned_after = false;
        let mut mentioned_before = false;
        for &(pos, _) in self.mentions.iter().filter(|(_, m)| *m == b) {
            let later = pos > site.pos && pos < binding.scope_end && reachable(pos);
            if later || in_enclosing_loop(pos) {
                mentioned_after = true;
            } else if pos > binding.decl_pos && pos < site.pos {
                mentioned_before = true;
            }
        }
        // The yield's own `x = yield_!(..)` assigns x on resume: x must be declared there
        // even when nothing mentions it afterwards.
        if site.assigned == Some(b) {
            return Slot::Empty;
        }
        if mentioned_after {
            if site.empty.contains(&b) {
                Slot::Empty
            } else {
                Slot::Held
            }
        } else if mentioned_before {
            Slot::Dropped
        } else {
            Slot::Held
        }
    }
}

/// Can a `break` leave this loop body early (conservatively: any `break` in it)?
fn may_break(body: &Block) -> bool {
    let mut breaks = false;
    crate::ir::visit_stmts(body, &mut |stmt| {
        breaks |= match stmt {
            Stmt::Code(code) => crate::syntax::contains_break(code),
            Stmt::Yield(YieldPoint {
                kind:
                    YieldKind::Let {
                        diverge: Some(block),
                        ..
                    },
                ..
            })
            | Stmt::Let {
                diverge: Some(block),
                ..
            } => crate::syntax::block_contains_break(block),
            _ => false,
        };
    });
    breaks
}

/// Is `b` overwritten by the statements that follow a yield before anything else can
/// observe it? Stops, answering no, at the first statement that mentions it or may jump.
fn overwritten_next(rest: &[Node], b: BindingId) -> bool {
    for node in rest {
        // `x = yield_!(x)` reads x (the yielded value) before it overwrites it.
        let reads_first = matches!(node.stmt, Stmt::Yield(_)) && node.mentions.contains(&b);
        if node.overwrites == Some(b) && !reads_first {
            return true;
        }
        if node.mentions.contains(&b) || node.may_jump {
            return false;
        }
    }
    false
}
