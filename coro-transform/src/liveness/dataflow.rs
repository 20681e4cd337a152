//! The dataflow passes of [`crate::liveness`] over the control-flow graph: a backward "may"
//! pass (live, mentioned) and forward "must" and "may" passes (assigned, maybe assigned,
//! maybe moved), each a fixed point over the nodes' facts.
//!
//! ```text
//! // Input: a node's facts                  // Output: per node, the set at its entry
//! n0: let x = ..;  n1: yield  n2: use x     // live:     n1 {x}, n2 {x}
//!                                           // assigned: n1 {x}, n2 {x}
//! ```

use super::*;

/// What one node does in a backward dataflow.
pub(super) struct Transfer {
    /// Bindings the node reads.
    pub(super) generated: Vec<BindingId>,
    /// Bindings whose earlier values no path through the node can see (they come into
    /// scope here).
    pub(super) ended: Vec<BindingId>,
    /// Bindings the node overwrites as its last step: a jump out of the node leaves before.
    pub(super) overwritten: Vec<BindingId>,
}

/// A backward "may" dataflow: `transfer(n)` gives what node `n` reads and ends; the
/// result is, per node, the bindings some path from its entry reads before ending them.
pub(super) fn backward(
    cfg: &Cfg,
    count: usize,
    transfer: impl Fn(NodeId) -> Transfer,
) -> Vec<IdSet> {
    let facts: Vec<Transfer> = cfg.ids().map(&transfer).collect();
    let mut sets = vec![IdSet::with_capacity(count); cfg.nodes.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for n in cfg.ids().rev() {
            let node = &facts[n.index()];
            let mut out = IdSet::with_capacity(count);
            let mut out_by_jumps = IdSet::with_capacity(count);
            for edge in &cfg.node(n).succ {
                let into = match edge.kind {
                    EdgeKind::Jump => &mut out_by_jumps,
                    _ => &mut out,
                };
                into.union_with(&sets[edge.to.index()]);
            }
            for b in &node.overwritten {
                out.remove(b.index());
            }
            out.union_with(&out_by_jumps);
            for b in &node.ended {
                out.remove(b.index());
            }
            for b in &node.generated {
                out.insert(b.index());
            }
            if out != sets[n.index()] {
                sets[n.index()] = out;
                changed = true;
            }
        }
    }
    sets
}

/// A forward "must" dataflow: per node, the bindings that surely have a value on entry.
pub(super) fn forward_assigned(cfg: &Cfg, bindings: &Bindings) -> Vec<IdSet> {
    let count = bindings.list.len();
    let mut preds: Vec<Vec<(NodeId, bool)>> = vec![Vec::new(); cfg.nodes.len()];
    for n in cfg.ids() {
        for edge in &cfg.node(n).succ {
            preds[edge.to.index()].push((n, edge.kind == EdgeKind::Jump));
        }
    }
    let everything = {
        let mut all = IdSet::with_capacity(count);
        (0..count).for_each(|i| {
            all.insert(i);
        });
        all
    };
    let out_of = |n: NodeId, input: &IdSet, by_jump: bool| {
        let node = cfg.node(n);
        let mut out = input.clone();
        for b in &node.defs {
            if bindings.get(*b).initialized {
                out.insert(b.index());
            } else {
                out.remove(b.index());
            }
        }
        // A jump out of `x = ..` leaves before the write.
        if !by_jump {
            for b in &node.kills {
                out.insert(b.index());
            }
        }
        out
    };
    let mut inputs = vec![everything; cfg.nodes.len()];
    inputs[cfg.start.index()] = IdSet::with_capacity(count);
    let mut changed = true;
    while changed {
        changed = false;
        for n in cfg.ids() {
            if n == cfg.start {
                continue;
            }
            let mut input: Option<IdSet> = None;
            for &(p, by_jump) in &preds[n.index()] {
                let out = out_of(p, &inputs[p.index()], by_jump);
                input = Some(match input {
                    None => out,
                    Some(acc) => intersect(&acc, &out),
                });
            }
            // A node nothing leads to (the code after a `return`) cannot run: it keeps
            // "everything", which takes nothing away where its path meets others.
            let Some(input) = input else { continue };
            if input != inputs[n.index()] {
                inputs[n.index()] = input;
                changed = true;
            }
        }
    }
    inputs
}

/// Per node, the bindings some path from the start gives a value before it: declared with
/// one, or mentioned in any way since their declaration (an assignment anywhere in a
/// statement, or a use, which needs a value, or a macro that may assign).
pub(super) fn forward_maybe_assigned(cfg: &Cfg, bindings: &Bindings) -> Vec<IdSet> {
    forward_may(cfg, bindings.list.len(), |n, input| {
        let node = cfg.node(n);
        let mut out = input.clone();
        for b in &node.defs {
            if bindings.get(*b).initialized {
                out.insert(b.index());
            } else {
                out.remove(b.index());
            }
        }
        for b in node
            .kills
            .iter()
            .chain(&node.assigns)
            .chain(&node.uses)
            .chain(&node.mutates)
        {
            out.insert(b.index());
        }
        (out.clone(), out)
    })
}

/// Per node: the bindings some path from their declaration to the node may have moved out
/// of (a mention that may move, see [`crate::facts`]), and not assigned since. Within one
/// node the order of a move and an assignment is not known: a node that does both leaves
/// the binding moved, and a jump out of it leaves before the assignment.
pub(super) fn forward_maybe_moved(cfg: &Cfg, bindings: &Bindings) -> Vec<IdSet> {
    forward_may(cfg, bindings.list.len(), |n, input| {
        let node = cfg.node(n);
        let mut by_jump = input.clone();
        for b in &node.defs {
            by_jump.remove(b.index());
        }
        for b in &node.moves {
            by_jump.insert(b.index());
        }
        let mut by_flow = by_jump.clone();
        for b in &node.kills {
            if !node.moves.contains(b) {
                by_flow.remove(b.index());
            }
        }
        (by_flow, by_jump)
    })
}

/// A forward "may" analysis over the graph: per node, the union of what every path from
/// the start brings to it. `out` gives what a node passes on from what reaches it: along
/// its flow edges, and along its jump edges.
fn forward_may(
    cfg: &Cfg,
    count: usize,
    out: impl Fn(NodeId, &IdSet) -> (IdSet, IdSet),
) -> Vec<IdSet> {
    let mut inputs = vec![IdSet::with_capacity(count); cfg.nodes.len()];
    let mut seen = vec![false; cfg.nodes.len()];
    seen[cfg.start.index()] = true;
    let mut work: Vec<NodeId> = vec![cfg.start];
    while let Some(n) = work.pop() {
        let (by_flow, by_jump) = out(n, &inputs[n.index()]);
        for edge in &cfg.node(n).succ {
            let passed = if edge.kind == EdgeKind::Jump {
                &by_jump
            } else {
                &by_flow
            };
            let grew = inputs[edge.to.index()].union_with(passed);
            if grew || !std::mem::replace(&mut seen[edge.to.index()], true) {
                work.push(edge.to);
            }
        }
    }
    inputs
}

fn intersect(a: &IdSet, b: &IdSet) -> IdSet {
    let mut out = IdSet::default();
    for i in a.iter().filter(|&i| b.contains(i)) {
        out.insert(i);
    }
    out
}
