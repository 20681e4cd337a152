//! The state machine as a diagram sees it, read off the control-flow graph: the
//! suspension points with what they hold, and the transitions one `resume` can make
//! between them, each named by the branches its path takes.
//!
//! From the start and from each suspension point, the search follows every path that does
//! not pass the same node twice until it suspends again or completes. A target reachable
//! through a loop is also reachable without going around it, so those paths find every
//! transition.
//!
//! ```text
//! // Input:                         // Output:
//! yield_!(1);                       // start -> s0: (straight on)
//! if x > 3 { return 0; }            // s0 -> done: return
//! yield_!(2);                       // s0 -> s1: (straight on)
//! x                                 // s1 -> done: (straight on)
//! ```

use proc_macro2::Span;

use crate::bindings::Bindings;
use crate::cfg::{Cfg, EdgeKind, NodeKind};
use crate::ids::NodeId;
use crate::liveness::Liveness;
use crate::spine::Spine;

/// At most this many differently named paths are listed between the same two states.
const MAX_PATHS_PER_PAIR: usize = 4;

/// How many search steps one state's search may take, so that a body with very many
/// branches still finishes quickly (some paths are then not named).
const SEARCH_BUDGET: usize = 200_000;

/// A suspension point, as a diagram labels it.
pub struct Point {
    /// Its number, counting `yield_!`s in source order from 0 (the state `Suspend{index}`).
    pub index: usize,
    /// The span of the `yield_!(..)` call; it carries the source line when the tokens were
    /// parsed with locations (proc-macro2's `span-locations`).
    pub span: Span,
    /// The call as written, `yield_!(value)`.
    pub text: String,
    /// The names of the values the state holds, in declaration order; a `for` loop's
    /// hidden iterator is `(for loop iterator)`.
    pub holds: Vec<String>,
}

/// A state of the machine at the end of an edge.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum State {
    /// Created, not resumed yet (`Unresumed`).
    Start,
    /// Suspended at the `yield_!` with this index.
    Suspended(usize),
    /// Completed (`Returned`).
    Done,
}

/// A transition one `resume` can make.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Edge {
    /// Where the resume starts.
    pub from: State,
    /// Where it ends: the next suspension point, or completion.
    pub to: State,
    /// The branches taken on the way, in order (`while let Some(c) = it.next()`,
    /// `match arm Some(x)`, `break`, `after the for`, `return`); empty for straight-line
    /// code.
    pub path: Vec<String>,
}

/// The machine's diagram: its suspension points and its transitions.
pub struct Diagram {
    /// The suspension points, by index.
    pub points: Vec<Point>,
    /// The transitions: from the start first, then from each suspension point in order;
    /// for each, in the order the search found them.
    pub edges: Vec<Edge>,
}

/// The diagram of an analysed body: its points and the transitions the graph allows.
pub fn diagram(spine: &Spine, cfg: &Cfg, bindings: &Bindings, live: &Liveness) -> Diagram {
    let points = spine
        .point_ids()
        .map(|k| {
            let point = spine.point(k);
            Point {
                index: k.index(),
                span: point.span,
                text: point.text.clone(),
                holds: live
                    .held(cfg.resume(k))
                    .filter_map(|b| bindings.describe(b))
                    .collect(),
            }
        })
        .collect();
    let sources = std::iter::once((State::Start, cfg.start)).chain(
        spine
            .point_ids()
            .map(|k| (State::Suspended(k.index()), cfg.resume(k))),
    );
    let edges = sources
        .flat_map(|(from, node)| {
            let mut search = Search {
                cfg,
                on_path: vec![false; cfg.nodes.len()],
                path: Vec::new(),
                found: Vec::new(),
                budget: SEARCH_BUDGET,
            };
            search.from(node);
            search
                .found
                .into_iter()
                .map(move |(to, path)| Edge { from, to, path })
        })
        .collect();
    Diagram { points, edges }
}

struct Search<'a> {
    cfg: &'a Cfg,
    on_path: Vec<bool>,
    path: Vec<String>,
    found: Vec<(State, Vec<String>)>,
    budget: usize,
}

impl Search<'_> {
    fn from(&mut self, node: NodeId) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let state = match self.cfg.node(node).kind {
            NodeKind::Suspend(k) => Some(State::Suspended(k.index())),
            NodeKind::Exit => Some(State::Done),
            _ => None,
        };
        if let Some(state) = state {
            let known = self.found.iter().filter(|(s, _)| *s == state);
            if known.clone().count() < MAX_PATHS_PER_PAIR
                && !known.clone().any(|(_, path)| *path == self.path)
            {
                self.found.push((state, self.path.clone()));
            }
            return;
        }
        self.on_path[node.index()] = true;
        for edge in &self.cfg.node(node).succ {
            if edge.kind == EdgeKind::Suspend || self.on_path[edge.to.index()] {
                continue;
            }
            if let Some(label) = &edge.label {
                self.path.push(label.clone());
            }
            self.from(edge.to);
            if edge.label.is_some() {
                self.path.pop();
            }
        }
        self.on_path[node.index()] = false;
    }
}
