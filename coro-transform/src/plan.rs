//! How the body is cut into resume paths ("regions"), the decision rustc makes when it
//! splits the coroutine's MIR at its suspension points.
//!
//! Each *entry* of the machine starts one region of code in the resume function:
//!
//! * `Unresumed`: the body from its start;
//! * `Resume(k)`: the continuation after yield `k`;
//! * `After(s)`: where the paths through control structure `s` meet again (a join);
//! * `Head(l)`: the top of loop `l`'s iteration (a join).
//!
//! A region runs until it suspends, completes, or reaches a join, which it passes on to the
//! region of that join (through a local value, not the state). Joins are what keep the
//! expansion linear: the code after an `if` with yields in its branches is emitted once,
//! not once per yield.
//!
//! Two exceptions trade a bounded amount of copying for speed:
//!
//! * the `Unresumed` region runs the body inline as written, loops included, up to its
//!   first suspension;
//! * a *hot* loop (the innermost loop around at most [`HOT_YIELDS`] yields, and small) is
//!   re-entered directly by the region after each of its yields, so that a loop that
//!   yields on every iteration runs as a real Rust loop with no join on its path.
//!
//! When a closure that the coroutine keeps across a yield is created somewhere, no code may
//! be copied at all (each copy of a closure has a type of its own): the plan is then
//! *single-copy*, and every statement is emitted exactly once.
//!
//! ```text
//! // Input:                                 // Output:
//! for x in xs {                             // hot: s0 (one yield, small)
//!     if x > 0 { yield_!(x); }              // regions: Unresumed, Resume(k0) (re-enters s0),
//!     log(x);                               //          After(s1) (the code after the `if`),
//! }                                         //          Head(s0), After(s0)
//! ```

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use quote::ToTokens;

use crate::bindings::{Bindings, Role, Site};
use crate::cfg::{Cfg, NodeKind};
use crate::ids::{NodeId, PointId, StmtId};
use crate::liveness::{Liveness, Slot};
use crate::spine::{Ctl, Kind, Spine};

/// A loop around more yields than this is not re-entered directly (each re-entry copies
/// the loop's body once more).
pub const HOT_YIELDS: usize = 2;

/// Nor is a loop whose body is longer than this many tokens.
pub const HOT_TOKENS: usize = 600;

/// An entry of the machine: where a region starts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Entry {
    Unresumed,
    Resume(PointId),
    After(StmtId),
    Head(StmtId),
}

impl Entry {
    /// A name for the entry in text and in the stages' dumps: `unresumed`, `resume_k0`,
    /// `after_s3`, `head_s1`.
    pub fn name(&self) -> String {
        match self {
            Entry::Unresumed => "unresumed".to_string(),
            Entry::Resume(k) => format!("resume_{k:?}"),
            Entry::After(s) => format!("after_{s:?}"),
            Entry::Head(l) => format!("head_{l:?}"),
        }
    }
}

/// The plan for one body.
pub struct Plan {
    pub single_copy: bool,
    hot: Vec<bool>,
    /// Per point: the innermost loop around it.
    innermost_loop: Vec<Option<StmtId>>,
    /// Per statement: the last statement inside it (itself if it has none).
    last_inside: Vec<StmtId>,
}

impl Plan {
    pub fn new(spine: &Spine, cfg: &Cfg, bindings: &Bindings, live: &Liveness) -> Self {
        let innermost_loop: Vec<Option<StmtId>> = spine
            .point_ids()
            .map(|k| {
                spine
                    .ancestors(spine.point(k).stmt)
                    .find(|&s| spine.is_loop(s))
            })
            .collect();
        // Code emitted more than once would make two closures, two types, two statics.
        let single_copy = keeps_a_closure(spine, cfg, bindings, live)
            || spine.stmts.iter().any(|node| match &node.kind {
                Kind::Code(syn::Stmt::Item(_)) => false,
                Kind::Code(code) => crate::items::declares_identity(code),
                _ => false,
            });
        let mut yields = vec![0usize; spine.stmts.len()];
        for l in innermost_loop.iter().flatten() {
            yields[l.index()] += 1;
        }
        let hot = spine
            .stmt_ids()
            .map(|s| {
                let count = yields[s.index()];
                !single_copy
                    && (1..=HOT_YIELDS).contains(&count)
                    && loop_tokens(spine, s) <= HOT_TOKENS
            })
            .collect();
        let mut last_inside: Vec<StmtId> = spine.stmt_ids().collect();
        for s in spine.stmt_ids().rev() {
            if let Some(owner) = spine.block(spine.node(s).block).owner {
                if last_inside[owner.index()] < last_inside[s.index()] {
                    last_inside[owner.index()] = last_inside[s.index()];
                }
            }
        }
        Plan {
            single_copy,
            hot,
            innermost_loop,
            last_inside,
        }
    }

    /// Whether the paths resumed after the yields of `the_loop` re-enter it directly.
    pub fn is_hot(&self, the_loop: StmtId) -> bool {
        self.hot[the_loop.index()]
    }

    /// The loop that the path resumed after `point` re-enters, if any.
    pub fn reentered(&self, point: PointId) -> Option<StmtId> {
        self.innermost_loop[point.index()].filter(|&l| self.is_hot(l))
    }

    /// Orders entries by where they stand in the source, so that type inference meets a
    /// binding's declaration before any path that declares it again from the state.
    pub fn source_order(&self, spine: &Spine, a: Entry, b: Entry) -> Ordering {
        self.position(spine, a).cmp(&self.position(spine, b))
    }

    fn position(&self, spine: &Spine, entry: Entry) -> (usize, u8, usize) {
        match entry {
            Entry::Unresumed => (0, 0, 0),
            Entry::Head(l) => (l.index(), 1, 0),
            Entry::Resume(k) => (spine.point(k).stmt.index(), 2, 0),
            // Statements that end together: the inner one's join first.
            Entry::After(s) => (
                self.last_inside[s.index()].index(),
                3,
                usize::MAX - s.index(),
            ),
        }
    }

    /// The node of the graph where an entry's region starts.
    pub fn node(&self, cfg: &Cfg, entry: Entry) -> NodeId {
        match entry {
            Entry::Unresumed => cfg.start,
            Entry::Resume(k) => cfg.resume(k),
            Entry::After(s) => cfg.after(s),
            Entry::Head(l) => cfg.head(l).expect("a loop has a head"),
        }
    }
}

impl fmt::Debug for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "single copy: {}", self.single_copy)?;
        for (k, the_loop) in self.innermost_loop.iter().enumerate() {
            let k = PointId::new(k);
            match the_loop {
                Some(l) if self.is_hot(*l) => {
                    writeln!(f, "{k:?}: in loop {l:?}, hot: re-entered after the yield")?
                }
                Some(l) => writeln!(f, "{k:?}: in loop {l:?}, cold: through its head")?,
                None => writeln!(f, "{k:?}: in no loop")?,
            }
        }
        Ok(())
    }
}

/// The tokens of a loop's body, a measure of what re-entering it directly copies.
fn loop_tokens(spine: &Spine, the_loop: StmtId) -> usize {
    if !spine.is_loop(the_loop) {
        return 0;
    }
    spine
        .stmt_ids()
        .filter(|&s| s != the_loop && spine.within(s, the_loop))
        .map(|s| match &spine.node(s).kind {
            Kind::Code(code) => count_tokens(code.to_token_stream()),
            _ => 4,
        })
        .sum()
}

fn count_tokens(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Group(g) => 2 + count_tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

/// Whether some closure's value is kept across a yield: a `let` with a closure in its
/// value that binds something held at an entry, or a `for` loop over an iterator built with
/// a closure, when the iterator is held.
fn keeps_a_closure(spine: &Spine, cfg: &Cfg, bindings: &Bindings, live: &Liveness) -> bool {
    let mut held_somewhere = HashMap::new();
    for n in cfg.ids() {
        if matches!(
            cfg.node(n).kind,
            NodeKind::Resume(_) | NodeKind::After(_) | NodeKind::Head(_)
        ) {
            for &(b, slot) in live.slots(n) {
                if slot == Slot::Held {
                    held_somewhere.insert(b, ());
                }
            }
        }
    }
    bindings.ids().any(|b| {
        if !held_somewhere.contains_key(&b) {
            return false;
        }
        match (bindings.get(b).role, bindings.get(b).site) {
            (Role::User, Site::Stmt(s)) => match &spine.node(s).kind {
                Kind::Code(code) => crate::syntax::first_closure(code).is_some(),
                _ => false,
            },
            (Role::Iterator(s), _) => match spine.ctl(s) {
                Some(Ctl::For { iterable, .. }) => crate::syntax::first_closure(iterable).is_some(),
                _ => false,
            },
            _ => false,
        }
    })
}
