//! Which bindings each resume path must get back: rustc's
//! `locals_live_across_suspend_points`, as three dataflow passes over the graph.
//!
//! * **live**: a later read may see the binding's value (backward; a read is a use, `x = ..`
//!   kills it, so "overwritten straight after a yield" needs no rule of its own);
//! * **mentioned**: some later code names it at all (backward; reads and assignments);
//! * **assigned**: it surely has a value (forward; a `let` with a value, or `x = ..` on
//!   every path);
//! * **maybe moved**: some path from its declaration may have moved its value out
//!   (forward; a mention that may move, undone by `x = ..`).
//!
//! At each *entry* of the machine (after a yield, where paths meet after a control
//! structure, at a loop's head) every binding in scope gets a [`Slot`]:
//!
//! * **held** when it is live, or when it surely has a value that no mention on the way
//!   here can have moved (a guard `let _g = ..;` nobody names, a value only ever borrowed,
//!   or moved only on other paths): rustc would drop it at the end of its block, and so
//!   does the coroutine;
//! * **empty** when it is not held but later code assigns it: it is declared again without
//!   a value;
//! * **dropped** otherwise: what it may still own is dropped as the path leaves, earlier
//!   than rustc would (the macro cannot see whether it was moved).
//!
//! ```text
//! // Input:                         // Output (slots at the entry after each yield):
//! let g = Noisy("g");               //
//! let mut n = 0;                    //
//! n = yield_!(n);                   // k0: g held (never moved), n empty (overwritten)
//! yield_!(n);                       // k1: g held, n dropped (moved by `yield_!(n)`)
//! ```

use std::fmt;

use crate::bindings::{Binding, Bindings, Role, Site};
use crate::cfg::{Cfg, EdgeKind, NodeKind, Target};
use crate::ids::{BindingId, BlockId, IdSet, NodeId, PointId, StmtId};
use crate::spine::Spine;
use proc_macro2::{Ident, Span};
use syn::ext::IdentExt;

mod dataflow;

use dataflow::{backward, forward_assigned, forward_maybe_assigned, forward_maybe_moved, Transfer};

/// What an entry does with a binding in scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slot {
    /// Saved in the state and declared again from it.
    Held,
    /// Not saved; declared again without a value (it is assigned before any read).
    Empty,
    /// Not saved: whatever it still owns is dropped as the path leaves.
    Dropped,
}

/// The analysis of one body.
pub struct Liveness {
    /// Per node: the bindings live on entry.
    live: Vec<IdSet>,
    /// Per entry node: every binding in scope, in declaration order, with its slot.
    slots: Vec<Option<Vec<(BindingId, Slot)>>>,
    /// Per suspension point: whether its state can be resumed in place.
    in_place: Vec<bool>,
    /// Per node: whether any path from the start reaches it.
    reached: Vec<bool>,
    /// Per binding: whether the state keeps its value where it is held (see
    /// [`Bindings::stored`]).
    stored: Vec<bool>,
}

impl Liveness {
    /// The slots at an entry node (`Resume`, `After`, `Head`), in declaration order.
    pub fn slots(&self, entry: NodeId) -> &[(BindingId, Slot)] {
        self.slots[entry.index()].as_deref().unwrap_or(&[])
    }

    pub fn slot(&self, entry: NodeId, binding: BindingId) -> Option<Slot> {
        self.slots(entry)
            .iter()
            .find(|(b, _)| *b == binding)
            .map(|(_, s)| *s)
    }

    /// The bindings held at an entry whose value the state (or a join) keeps, in
    /// declaration order: every held binding but the borrows made again after the resume
    /// (see [`crate::borrows`]), which are restored from these.
    pub fn held(&self, entry: NodeId) -> impl Iterator<Item = BindingId> + '_ {
        self.slots(entry)
            .iter()
            .filter(|(b, slot)| *slot == Slot::Held && self.stored[b.index()])
            .map(|(b, _)| *b)
    }

    /// The borrows held at an entry that are made again after it, in declaration order.
    pub fn rederived(&self, entry: NodeId) -> impl Iterator<Item = BindingId> + '_ {
        self.slots(entry)
            .iter()
            .filter(|(b, slot)| *slot == Slot::Held && !self.stored[b.index()])
            .map(|(b, _)| *b)
    }

    /// Whether any path from the start reaches `node`. An entry nothing reaches holds
    /// nothing, and its region is never run.
    pub fn reached(&self, node: NodeId) -> bool {
        self.reached[node.index()]
    }

    pub fn is_live(&self, node: NodeId, binding: BindingId) -> bool {
        self.live[node.index()].contains(binding.index())
    }

    /// Whether resuming at `point` can leave the held values inside the state and reach
    /// them through references: every held value is a `for` loop's iterator that is only
    /// left when exhausted, or a binding of the outermost block only ever indexed or
    /// stepped, declared outside every loop around the point.
    pub fn in_place(&self, point: PointId) -> bool {
        self.in_place[point.index()]
    }
}

/// Runs the analysis. Adds a type witness to `bindings` for every binding that some entry
/// declares empty (see [`Role::Witness`]).
pub fn analyse(spine: &Spine, cfg: &Cfg, bindings: &mut Bindings) -> syn::Result<Liveness> {
    // A jump out of `x = f(tri!(..))` leaves before `x` is written: the overwrite kills
    // `x` only on the statement's own way out.
    let live = backward(cfg, bindings.list.len(), |n| {
        let node = cfg.node(n);
        Transfer {
            generated: node.uses.clone(),
            ended: node.defs.clone(),
            overwritten: node.kills.clone(),
        }
    });
    let mentioned = backward(cfg, bindings.list.len(), |n| {
        let node = cfg.node(n);
        let mentions = [&node.uses[..], &node.kills[..], &node.assigns[..]].concat();
        Transfer {
            generated: mentions,
            ended: node.defs.clone(),
            overwritten: Vec::new(),
        }
    });
    let assigned = forward_assigned(cfg, bindings);
    let maybe_assigned = forward_maybe_assigned(cfg, bindings);
    let maybe_moved = forward_maybe_moved(cfg, bindings);

    let reached = cfg.reached_from_start();
    let kept_whole = kept_whole(spine, cfg, bindings, &mentioned, &assigned);
    let mut slots: Vec<Option<Vec<(BindingId, Slot)>>> = vec![None; cfg.nodes.len()];
    for n in cfg.ids() {
        if !is_entry(cfg.node(n).kind) {
            continue;
        }
        if !reached[n.index()] {
            // Never run: nothing to hold (and nothing would give the held values a type).
            slots[n.index()] = Some(Vec::new());
            continue;
        }
        let at = cfg
            .scope_at(n)
            .iter()
            .map(|&b| {
                let binding = bindings.get(b);
                let live_here = live[n.index()].contains(b.index());
                let has_value = assigned[n.index()].contains(b.index());
                // A value with no destructor (a written reference or primitive type, a
                // `ref` binding) is held only where it is read: holding it longer would
                // drop nothing later.
                let no_drop = binding.reference
                    || binding.by_ref
                    || binding.ty.as_ref().is_some_and(is_primitive);
                let owns = !maybe_moved[n.index()].contains(b.index()) && has_value && !no_drop;
                let mentioned_later = mentioned[n.index()].contains(b.index());
                // Declared without a value and written on no path to here (`let y;`,
                // assigned in a branch after the yield): it has nothing to hold.
                let valueless = !maybe_assigned[n.index()].contains(b.index());
                let held = if valueless {
                    false
                } else if binding.derived.is_some() {
                    // A borrow made again after the resume: only where it is read later
                    // (the re-derivation and what keeps it alive up to the suspension
                    // would otherwise hold the borrow longer than the body does).
                    live_here
                } else {
                    live_here || owns || (kept_whole.contains(b.index()) && has_value)
                };
                let mentioned_later = mentioned_later && binding.derived.is_none();
                let slot = if held {
                    Slot::Held
                } else if mentioned_later {
                    Slot::Empty
                } else {
                    Slot::Dropped
                };
                (b, slot)
            })
            .collect();
        slots[n.index()] = Some(at);
    }
    add_witnesses(bindings, &mut slots);
    let in_place = spine
        .point_ids()
        .map(|k| resumable_in_place(spine, cfg, bindings, &slots, k))
        .collect();
    let stored = bindings.ids().map(|b| bindings.stored(b)).collect();
    Ok(Liveness {
        live,
        slots,
        in_place,
        reached,
        stored,
    })
}

/// The bindings never declared empty: inside a loop with a macro that may jump, the
/// regions emit the rest of an iteration in a proxy loop, where the borrow checker cannot
/// see that an assignment runs, so a binding that has a value and is assigned later there
/// is held instead. It is then held at every entry where it has a value (an empty
/// declaration at an earlier entry would pass no value on).
fn kept_whole(
    spine: &Spine,
    cfg: &Cfg,
    bindings: &Bindings,
    mentioned: &[IdSet],
    assigned: &[IdSet],
) -> IdSet {
    let mut kept = IdSet::with_capacity(bindings.list.len());
    for n in cfg.ids() {
        if !is_entry(cfg.node(n).kind) || !in_a_loop_with_macro_jumps(spine, cfg, n) {
            continue;
        }
        for &b in cfg.scope_at(n) {
            // Held, its value must not have been moved out: a binding no mention can move,
            // or one whose written type is a primitive (`Copy`) type.
            let binding = bindings.get(b);
            let unmoved = !binding.moves || binding.ty.as_ref().is_some_and(is_primitive);
            if unmoved
                && binding.derived.is_none()
                && mentioned[n.index()].contains(b.index())
                && assigned[n.index()].contains(b.index())
            {
                kept.insert(b.index());
            }
        }
    }
    kept
}

/// Whether a written type is one of the primitive types (all `Copy`).
fn is_primitive(ty: &syn::Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
        "i128", "isize", "f32", "f64",
    ];
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.get_ident().is_some_and(|i| PRIMITIVES.iter().any(|name| i == name)))
}

/// Whether entry `n` lies inside a loop with a macro that may jump: the regions emit the
/// rest of its iteration inside a proxy loop.
fn in_a_loop_with_macro_jumps(spine: &Spine, cfg: &Cfg, n: NodeId) -> bool {
    let Some(stmt) = cfg.stmt_of(n, spine) else {
        return false;
    };
    spine
        .ancestors(stmt)
        .any(|s| spine.is_loop(s) && cfg.has_macro_jumps(s, spine))
}

/// The nodes where a path of the machine can start: after a yield, after a control
/// structure, at a loop's head.
pub fn is_entry(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Resume(_) | NodeKind::After(_) | NodeKind::Head(_)
    )
}

/// Gives every binding that some entry declares empty a zero-sized record of its type,
/// held wherever its owner is in scope, so that the empty declaration gets the same type
/// as the other paths give it.
fn add_witnesses(bindings: &mut Bindings, slots: &mut [Option<Vec<(BindingId, Slot)>>]) {
    let empties: Vec<BindingId> = slots
        .iter()
        .flatten()
        .flatten()
        .filter(|(b, slot)| *slot == Slot::Empty && bindings.get(*b).initialized)
        .map(|(b, _)| *b)
        .collect();
    let mut witnesses: Vec<(BindingId, BindingId)> = Vec::new();
    for owner in empties {
        if witnesses.iter().any(|(o, _)| *o == owner) {
            continue;
        }
        let name = Ident::new(
            &format!("__type_of_{}", bindings.get(owner).name.unraw()),
            Span::mixed_site(),
        );
        let site = bindings.get(owner).site;
        let mut witness = Binding::new(name, false, Role::Witness(owner), site, true);
        witness.mentioned = true;
        witness.stepped_only = false;
        witnesses.push((owner, bindings.add(witness)));
    }
    for entry in slots.iter_mut().flatten() {
        let with: Vec<(BindingId, Slot)> = entry
            .iter()
            .flat_map(|&(b, slot)| {
                let witness = witnesses
                    .iter()
                    .find(|(o, _)| *o == b)
                    .map(|(_, w)| (*w, Slot::Held));
                std::iter::once((b, slot)).chain(witness)
            })
            .collect();
        *entry = with;
    }
}

fn resumable_in_place(
    spine: &Spine,
    cfg: &Cfg,
    bindings: &Bindings,
    slots: &[Option<Vec<(BindingId, Slot)>>],
    k: PointId,
) -> bool {
    let resume = cfg.resume(k);
    // The values a state resumed in place keeps are dropped when the body completes, after
    // the temporaries of its value; edition 2021 drops those after the body's locals.
    if cfg.reach(resume)[cfg.exit.index()] && body_value_may_leave_temporaries(spine) {
        return false;
    }
    let loops: Vec<StmtId> = spine
        .ancestors(spine.point(k).stmt)
        .filter(|&s| spine.is_loop(s))
        .collect();
    let held: Vec<BindingId> = slots[resume.index()]
        .iter()
        .flatten()
        .filter(|(_, slot)| *slot == Slot::Held)
        .map(|(b, _)| *b)
        .collect();
    !held.is_empty()
        && held.iter().all(|&b| {
            let binding = bindings.get(b);
            if !bindings.stored(b) {
                // Made again from what the state holds.
                return true;
            }
            let outside_loops = match binding.site {
                Site::Param => true,
                Site::Entry(block) => !loops.iter().any(|&l| block_in_stmt(spine, block, l)),
                Site::Stmt(s) | Site::Iterator(s) => {
                    !loops.iter().any(|&l| l != s && spine.within(s, l))
                }
            };
            let stays = match binding.role {
                // The count of a re-derived iterator: a number, reached through `&mut`.
                Role::Iterator(_) if binding.derived.is_some() => true,
                Role::Iterator(the_for) => left_only_when_exhausted(spine, cfg, the_for),
                Role::User => {
                    let top_level = match binding.site {
                        Site::Param => true,
                        Site::Stmt(s) => spine.node(s).block == spine.root,
                        _ => false,
                    };
                    binding.mentioned && binding.stepped_only && top_level
                }
                Role::Witness(_) => false,
            };
            stays && outside_loops
        })
}

/// Whether the body's value (its tail, or the tails of the branches that give it) may make
/// a temporary that owns something: a value used as a method's receiver or borrowed
/// (`Noisy("t").id()`, `&make()`), a `match` on a value, another macro.
fn body_value_may_leave_temporaries(spine: &Spine) -> bool {
    fn tail(spine: &Spine, block: BlockId) -> bool {
        spine.tail(block).is_some_and(|s| stmt(spine, s))
    }
    fn stmt(spine: &Spine, s: StmtId) -> bool {
        use crate::spine::{ArmBody, Ctl, Else, Kind};
        match &spine.node(s).kind {
            Kind::Code(syn::Stmt::Expr(e, None)) => owned_temporaries(e),
            Kind::Code(syn::Stmt::Macro(_)) => true,
            Kind::Ctl { semi: None, .. } => match spine.ctl(s) {
                Some(Ctl::Block { block, .. }) => tail(spine, *block),
                Some(Ctl::If(branch)) => {
                    let mut branch = branch;
                    loop {
                        if owned_temporaries(&branch.cond) || tail(spine, branch.then) {
                            return true;
                        }
                        match &branch.otherwise {
                            Some(Else::Block(b)) => return tail(spine, *b),
                            Some(Else::If(inner)) => branch = inner,
                            Some(Else::Code(e)) => return owned_temporaries(e),
                            None => return false,
                        }
                    }
                }
                Some(Ctl::Match {
                    scrutinee, arms, ..
                }) => {
                    owned_temporaries(scrutinee)
                        || arms.iter().any(|arm| match &arm.body {
                            ArmBody::Block(b) => tail(spine, *b),
                            ArmBody::Code(e) => owned_temporaries(e),
                        })
                }
                // A loop's value is `()` or a `break` value, whose temporaries end with the
                // `break`.
                _ => false,
            },
            _ => false,
        }
    }
    tail(spine, spine.root)
}

/// Whether evaluating `expr` may leave a temporary that owns something.
fn owned_temporaries(expr: &syn::Expr) -> bool {
    use syn::Expr;
    fn place(e: &Expr) -> bool {
        match e {
            Expr::Path(_) => true,
            Expr::Field(f) => place(&f.base),
            Expr::Index(i) => place(&i.expr),
            Expr::Paren(p) => place(&p.expr),
            Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && place(&u.expr),
            _ => false,
        }
    }
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match e {
                Expr::MethodCall(m) if !place(&m.receiver) => self.0 = true,
                Expr::Reference(r) if !place(&r.expr) => self.0 = true,
                Expr::Field(f) if !place(&f.base) => self.0 = true,
                Expr::Index(i) if !place(&i.expr) => self.0 = true,
                Expr::Match(m) if !place(&m.expr) => self.0 = true,
                Expr::Macro(_) => self.0 = true,
                Expr::Closure(_) => {}
                _ => syn::visit::visit_expr(self, e),
            }
        }
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

fn block_in_stmt(spine: &Spine, block: BlockId, stmt: StmtId) -> bool {
    match spine.block(block).owner {
        Some(owner) => spine.within(owner, stmt),
        None => false,
    }
}

/// Whether a loop is only ever left through its head (its iterator exhausted, its
/// condition false): no `break`, `return` or `?` leaves it early.
fn left_only_when_exhausted(spine: &Spine, cfg: &Cfg, the_loop: StmtId) -> bool {
    spine
        .stmt_ids()
        .filter(|&s| s != the_loop && spine.within(s, the_loop))
        .all(|s| {
            cfg.jumps(s).iter().all(|target| match target {
                Target::Continue(l) => spine.within(*l, the_loop),
                Target::Break(l) => *l != the_loop && spine.within(*l, the_loop),
                Target::Return => false,
            })
        })
}

impl fmt::Debug for Liveness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, slots) in self.slots.iter().enumerate() {
            let Some(slots) = slots else { continue };
            let text: Vec<String> = slots
                .iter()
                .map(|(b, slot)| format!("{b:?} {slot:?}"))
                .collect();
            writeln!(f, "{:?}: {}", NodeId::new(n), text.join(", "))?;
        }
        let in_place: Vec<usize> = (0..self.in_place.len())
            .filter(|&k| self.in_place[k])
            .collect();
        writeln!(f, "in place: {in_place:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cfg, spine};

    fn slots_after_yields(body: syn::Block) -> Vec<Vec<(String, Slot)>> {
        let s = spine::build(&body).unwrap();
        let (g, mut b) = cfg::build(&s, &[], &Default::default());
        let l = analyse(&s, &g, &mut b).unwrap();
        s.point_ids()
            .map(|k| {
                l.slots(g.resume(k))
                    .iter()
                    .filter_map(|&(x, slot)| Some((b.describe(x)?, slot)))
                    .collect()
            })
            .collect()
    }

    fn held(name: &str) -> (String, Slot) {
        (name.to_string(), Slot::Held)
    }

    #[test]
    fn guards_are_held_moved_values_dropped_overwritten_ones_empty() {
        let slots = slots_after_yields(syn::parse_quote!({
            let g = Noisy("g");
            let mut n = 0;
            n = yield_!(n);
            yield_!(n);
        }));
        assert_eq!(
            slots,
            [
                vec![held("g"), ("n".into(), Slot::Empty)],
                vec![held("g"), ("n".into(), Slot::Dropped)],
            ]
        );
    }

    #[test]
    fn code_after_a_return_takes_no_value_away_where_paths_meet() {
        // The `Dead` node after `return 8` flows into the `if`'s join and the loop's head:
        // it must not make `g` look unassigned at the yield.
        let slots = slots_after_yields(syn::parse_quote!({
            let g = Noisy("g");
            while c < 1 {
                if 0 < 1 {
                    yield_!(1);
                    return 8;
                }
            }
            1
        }));
        assert_eq!(slots, [vec![held("g")]]);
    }

    #[test]
    fn a_jump_out_of_an_overwrite_leaves_before_the_write() {
        // `stop!()` may break out of the loop before `acc` is written: the tail reads the
        // old value, so it is held rather than declared empty.
        let slots = slots_after_yields(syn::parse_quote!({
            let mut acc = 0;
            loop {
                let t = yield_!(1);
                acc = f(t, stop!());
            }
            acc
        }));
        assert_eq!(slots, [vec![held("acc")]]);
    }

    #[test]
    fn values_read_around_a_loop_are_held() {
        let slots = slots_after_yields(syn::parse_quote!({
            let mut total = 0;
            for x in items {
                yield_!(total);
                total += x;
            }
            total
        }));
        assert_eq!(
            slots,
            [vec![held("total"), held("(for loop iterator)"), held("x")]]
        );
    }

    #[test]
    fn a_binding_only_borrowed_is_held_to_the_end_of_its_block() {
        let slots = slots_after_yields(syn::parse_quote!({
            let v = make();
            touch(&v);
            yield_!(1);
            log("after");
        }));
        assert_eq!(slots, [vec![held("v")]]);
    }

    #[test]
    fn borrows_of_locals_held_across_a_yield_are_made_again_from_what_they_read() {
        let body: syn::Block = syn::parse_quote!({
            let v = make();
            let i = 1;
            let r = &v[i];
            yield_!(1);
            r.len()
        });
        let s = spine::build(&body).unwrap();
        let (g, mut b) = cfg::build(&s, &[], &Default::default());
        let l = analyse(&s, &g, &mut b).unwrap();
        let resume = g.resume(PointId::new(0));
        let names = |ids: Vec<BindingId>| -> Vec<String> {
            ids.into_iter().map(|x| b.get(x).name.to_string()).collect()
        };
        // `v` and `i` are kept; `r` is made again from them.
        assert_eq!(names(l.held(resume).collect()), ["v", "i"]);
        assert_eq!(names(l.rederived(resume).collect()), ["r"]);
    }

    #[test]
    fn borrows_of_locals_that_cannot_be_made_again_are_rejected() {
        let body: syn::Block = syn::parse_quote!({
            let v = make();
            let mut r = &v;
            yield_!(1);
            r.len()
        });
        let s = spine::build(&body).unwrap();
        let (g, mut b) = cfg::build(&s, &[], &Default::default());
        let l = analyse(&s, &g, &mut b).unwrap();
        let error = crate::borrows::check(&s, &g, &b, &l)
            .err()
            .unwrap()
            .to_string();
        assert!(error.contains("declared `mut`"), "{error}");
    }
}
#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::{cfg, spine};
    #[test]
    fn debug_file() {
        let Some(path) = std::env::var_os("CORO_DEBUG_FILE") else {
            return;
        };
        let file: syn::File = syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap();
        let func = file
            .items
            .iter()
            .find_map(|i| match i {
                syn::Item::Fn(f) => Some(f.clone()),
                _ => None,
            })
            .unwrap();
        let mut body = (*func.block).clone();
        crate::linearize::body(&mut body).unwrap();
        let s = spine::build(&body).unwrap();
        let (g, mut b) = cfg::build(&s, &[], &Default::default());
        let l = analyse(&s, &g, &mut b).unwrap();
        eprintln!("{g:?}\n{b:?}\n{l:?}");
    }
}
