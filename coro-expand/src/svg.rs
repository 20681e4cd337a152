//! The state diagram drawn in Rust: a layered layout and the SVG, no Graphviz.
//!
//! A coroutine's diagram is small (start, one node per `yield_!`, done) and mostly a chain,
//! so a simple layered layout does the job and keeps every element addressable: each state
//! is a `<g class="state" data-state="s0">` and each transition a `<g class="transition"
//! data-from="s0" data-to="s1">`, which the stepping page lights up as the coroutine runs.
//!
//! The layout, top to bottom:
//!
//! * **Layers.** A depth-first search from `start` (following the transitions in the order
//!   the transform lists them) marks the edges that go back up (loops); on the others each
//!   state's layer is its longest distance from `start`. `done` goes below everything.
//! * **Edges.** A transition to the next layer is a straight arrow with its label beside
//!   it. One that skips layers runs down a *lane* on the left; one that goes back up runs
//!   up a lane on the right; a transition from a state to itself is a loop on its right.
//!   Lanes whose vertical spans overlap get separate columns, each as wide as its label.
//! * **Labels** sit in the gaps between layers, never beside a node, so the horizontal
//!   parts of the lanes (at the nodes) never cross a label; each gap is as tall as the
//!   tallest label in it.
//!
//! Text is set in a monospace font, whose width per character is known, so the boxes fit
//! their text without measuring it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use coro_transform::diagram::{Diagram, State};

/// Font size of node text, in pixels.
const NODE_FONT: f64 = 12.0;
/// Font size of edge labels, in pixels.
const EDGE_FONT: f64 = 10.5;
/// Width of one character of the monospace font, as a fraction of its size.
const CHAR_WIDTH: f64 = 0.61;
/// Line height as a multiple of the font size.
const LINE: f64 = 1.3;
/// Padding inside a node box.
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 7.0;
/// Space between two nodes of one layer, and around the drawing.
const NODE_GAP: f64 = 40.0;
const MARGIN: f64 = 16.0;
/// The smallest vertical gap between layers.
const MIN_GAP: f64 = 34.0;
/// Space between a lane and its label, and between lanes.
const LANE_GAP: f64 = 14.0;
/// How far a self-loop reaches out of its node.
const LOOP_REACH: f64 = 34.0;
/// Radius of a lane's corners.
const CORNER: f64 = 8.0;

/// What kind of state a node is.
///
/// ```
/// # let func: syn::ItemFn = syn::parse_str(
/// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
/// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
/// use coro_expand::svg::{Graph, NodeKind};
/// let kinds: Vec<NodeKind> = Graph::new("f", &[], &diagram).nodes.iter().map(|n| n.kind).collect();
/// assert_eq!(kinds, [NodeKind::Start, NodeKind::Suspend, NodeKind::Done]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NodeKind {
    /// `Unresumed`.
    Start,
    /// A suspension point.
    Suspend,
    /// `Returned`.
    Done,
}

/// A state of the diagram.
///
/// ```
/// # let func: syn::ItemFn = syn::parse_str(
/// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
/// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
/// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
/// assert_eq!(graph.nodes[1].lines[1], "yield_!(1)");
/// ```
#[derive(Clone, Debug)]
pub struct Node {
    /// `start`, `s0`, `s1`, ..., `done`: the same names as the DOT output.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Its text, one entry per line.
    pub lines: Vec<String>,
}

/// A transition, with the branches of every path between its two states: parallel
/// transitions of the diagram are merged, their paths separated by an `or` line.
///
/// ```
/// # let func: syn::ItemFn = syn::parse_str(
/// #     "fn f(x: u8) -> impl Coroutine<Yield = u8, Return = ()> { if x > 1 { return; } yield_!(x); }").unwrap();
/// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
/// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
/// let early = graph.edges.iter().find(|e| e.from == "start" && e.to == "done").unwrap();
/// assert!(early.label.iter().any(|l| l == "return"));
/// ```
#[derive(Clone, Debug)]
pub struct Edge {
    /// The id of the state it leaves.
    pub from: String,
    /// The id of the state it reaches.
    pub to: String,
    /// Its label, one entry per line (empty for straight-line code).
    pub label: Vec<String>,
}

/// A coroutine's state diagram, ready to be laid out.
///
/// ```
/// let func: syn::ItemFn = syn::parse_str(
///     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { loop { yield_!(1); } }",
/// )
/// .unwrap();
/// let inspection = coro_transform::inspect(Default::default(), &func).unwrap();
/// let graph = coro_expand::svg::Graph::new("f", &[], &inspection.diagram);
/// let svg = graph.svg("f-");
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains(r#"data-state="s0""#));
/// ```
#[derive(Clone, Debug)]
pub struct Graph {
    /// The function's name or path, for the title.
    pub name: String,
    /// The states: start, the suspension points in order, done.
    pub nodes: Vec<Node>,
    /// The transitions, in the order the transform found them, parallel ones merged.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The graph of `diagram`, for the function `name` whose `Unresumed` state holds
    /// `start_holds`.
    ///
    /// ```
    /// # let func: syn::ItemFn = syn::parse_str(
    /// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
    /// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
    /// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
    /// let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    /// assert_eq!(ids, ["start", "s0", "done"]);
    /// ```
    pub fn new(name: &str, start_holds: &[String], diagram: &Diagram) -> Graph {
        let mut nodes = vec![Node {
            id: "start".to_string(),
            kind: NodeKind::Start,
            lines: vec![
                "start (Unresumed)".to_string(),
                crate::describe_holds(start_holds),
            ],
        }];
        for point in &diagram.points {
            nodes.push(Node {
                id: format!("s{}", point.index),
                kind: NodeKind::Suspend,
                lines: vec![
                    format!("Suspend{} · line {}", point.index, point.span.start().line),
                    point.text.clone(),
                    crate::describe_holds(&point.holds),
                ],
            });
        }
        nodes.push(Node {
            id: "done".to_string(),
            kind: NodeKind::Done,
            lines: vec!["done (Returned)".to_string()],
        });
        let mut edges: Vec<Edge> = Vec::new();
        for edge in &diagram.edges {
            let (from, to) = (state_id(edge.from), state_id(edge.to));
            let path = if edge.path.is_empty() {
                vec!["(straight on)".to_string()]
            } else {
                edge.path.clone()
            };
            match edges.iter_mut().find(|e| e.from == from && e.to == to) {
                Some(merged) => {
                    merged.label.push("or".to_string());
                    merged.label.extend(path);
                }
                None => edges.push(Edge {
                    from,
                    to,
                    label: if edge.path.is_empty() {
                        Vec::new()
                    } else {
                        path
                    },
                }),
            }
        }
        // A merged edge whose first path was straight-line code says so.
        for edge in &mut edges {
            if edge.label.first().is_some_and(|l| l == "or") {
                edge.label.insert(0, "(straight on)".to_string());
            }
        }
        Graph {
            name: name.to_string(),
            nodes,
            edges,
        }
    }

    /// Lays the graph out and writes it as a standalone SVG document. `prefix` starts
    /// every `id` in it (the arrowheads'), so that several diagrams can share a page.
    ///
    /// ```
    /// # let func: syn::ItemFn = syn::parse_str(
    /// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
    /// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
    /// let svg = coro_expand::svg::Graph::new("f", &[], &diagram).svg("f-");
    /// assert!(svg.contains(r#"<g class="transition" data-from="start" data-to="s0">"#));
    /// assert!(svg.contains("marker-end=\"url(#f-arrow)\""));
    /// ```
    pub fn svg(&self, prefix: &str) -> String {
        render(self, &layout(self, true), prefix, true)
    }

    /// The same drawing without the transitions' labels, much narrower: each label is the
    /// transition's tooltip (`<title>`) and its `data-label` attribute instead, which the
    /// stepping page shows under the diagram for the transition just taken.
    ///
    /// ```
    /// # let func: syn::ItemFn = syn::parse_str(
    /// #     "fn f(n: u8) -> impl Coroutine<Yield = u8, Return = ()> { for i in 0..n { yield_!(i); } }").unwrap();
    /// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
    /// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
    /// let compact = graph.svg_without_labels("f-");
    /// assert!(compact.contains(r#"data-label="for i in 0..n""#));
    /// assert!(compact.len() < graph.svg("f-").len() + 200);
    /// ```
    pub fn svg_without_labels(&self, prefix: &str) -> String {
        render(self, &layout(self, false), prefix, false)
    }
}

fn state_id(state: State) -> String {
    match state {
        State::Start => "start".to_string(),
        State::Suspended(i) => format!("s{i}"),
        State::Done => "done".to_string(),
    }
}

/// A rectangle: top-left corner and size.
///
/// ```
/// use coro_expand::svg::Rect;
/// let a = Rect { x: 0.0, y: 0.0, w: 10.0, h: 10.0 };
/// assert!(a.overlaps(&Rect { x: 5.0, y: 5.0, w: 10.0, h: 10.0 }));
/// assert!(!a.overlaps(&Rect { x: 10.0, y: 0.0, w: 10.0, h: 10.0 }), "touching is not overlapping");
/// ```
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn center_x(&self) -> f64 {
        self.x + self.w / 2.0
    }
    fn center_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether the two overlap (touching is not overlapping); see [`Rect`] for an example.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// Where everything goes: the result of [`layout`], public so tests can check it.
///
/// ```
/// # let func: syn::ItemFn = syn::parse_str(
/// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
/// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
/// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
/// let layout = coro_expand::svg::layout(&graph, true);
/// assert_eq!(layout.nodes.len(), graph.nodes.len());
/// assert_eq!(layout.paths.len(), graph.edges.len());
/// ```
#[derive(Clone, Debug)]
pub struct Layout {
    /// Each node's box, in the order of [`Graph::nodes`].
    pub nodes: Vec<Rect>,
    /// Each edge's path (SVG path data), in the order of [`Graph::edges`].
    pub paths: Vec<String>,
    /// Each edge's label box (its text's extent), `None` for an unlabelled edge.
    pub labels: Vec<Option<Rect>>,
    /// The whole drawing's width and height.
    pub size: (f64, f64),
}

/// How an edge is drawn.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Route {
    /// To the next layer: a straight arrow.
    Straight,
    /// Down past layers, in the left lane with this index.
    Left(usize),
    /// Back up, in the right lane with this index.
    Right(usize),
    /// To itself.
    Loop,
}

fn text_width(line: &str, font: f64) -> f64 {
    line.chars().count() as f64 * font * CHAR_WIDTH
}

fn label_size(label: &[String]) -> (f64, f64) {
    let w = label
        .iter()
        .map(|l| text_width(l, EDGE_FONT))
        .fold(0.0, f64::max);
    (w, label.len() as f64 * EDGE_FONT * LINE)
}

/// The layers: longest distance from `start` over the edges that do not go back up.
fn layers(graph: &Graph) -> (Vec<usize>, Vec<bool>) {
    let n = graph.nodes.len();
    let index: BTreeMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let ends: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .map(|e| (index[e.from.as_str()], index[e.to.as_str()]))
        .collect();
    let done = n - 1;
    // Depth-first from start: an edge to a node still on the stack goes back up.
    let mut back = vec![false; ends.len()];
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the stack, 2 finished
    let mut stack = vec![(0usize, 0usize)];
    state[0] = 1;
    while let Some(top) = stack.last_mut() {
        let node = top.0;
        let out = ends
            .iter()
            .enumerate()
            .filter(|(_, (from, _))| *from == node)
            .nth(top.1);
        match out {
            Some((e, &(_, to))) => {
                top.1 += 1;
                if to == node || state[to] == 1 {
                    back[e] = true;
                } else if state[to] == 0 && to != done {
                    state[to] = 1;
                    stack.push((to, 0));
                }
            }
            None => {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    // Longest path over the forward edges, relaxed until nothing changes (the forward
    // edges form no cycle, so this ends within n rounds).
    let mut layer = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for (e, &(from, to)) in ends.iter().enumerate() {
            if !back[e] && from != to && to != done && layer[to] < layer[from] + 1 {
                layer[to] = layer[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A point no transition reaches (there should be none) sits below start.
    for (i, l) in layer.iter_mut().enumerate().take(done).skip(1) {
        if state[i] == 0 && *l == 0 {
            *l = 1;
        }
    }
    layer[done] = layer[..done].iter().copied().max().unwrap_or(0) + 1;
    (layer, back)
}

/// Lays `graph` out.
///
/// ```
/// # let func: syn::ItemFn = syn::parse_str(
/// #     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }").unwrap();
/// # let diagram = coro_transform::inspect(Default::default(), &func).unwrap().diagram;
/// let graph = coro_expand::svg::Graph::new("f", &[], &diagram);
/// let layout = coro_expand::svg::layout(&graph, true);
/// assert!(layout.nodes[0].y < layout.nodes[1].y, "start is above s0");
/// ```
pub fn layout(graph: &Graph, with_labels: bool) -> Layout {
    let n = graph.nodes.len();
    let (layer, back) = layers(graph);
    let index: BTreeMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let ends: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .map(|e| (index[e.from.as_str()], index[e.to.as_str()]))
        .collect();
    let depth = layer.iter().copied().max().unwrap_or(0) + 1;

    // Node sizes, and the nodes of each layer, in order of a barycenter sweep.
    let sizes: Vec<(f64, f64)> = graph
        .nodes
        .iter()
        .map(|node| {
            let w = node
                .lines
                .iter()
                .map(|l| text_width(l, NODE_FONT))
                .fold(0.0, f64::max);
            let h = node.lines.len() as f64 * NODE_FONT * LINE;
            (w + 2.0 * PAD_X, h + 2.0 * PAD_Y)
        })
        .collect();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (i, &l) in layer.iter().enumerate() {
        rows[l].push(i);
    }
    let mut order = vec![0.0; n];
    for row in &rows {
        for (k, &i) in row.iter().enumerate() {
            order[i] = k as f64;
        }
    }
    for row in rows.iter_mut().skip(1) {
        let mut keyed: Vec<(f64, usize)> = row
            .iter()
            .map(|&i| {
                let parents: Vec<f64> = ends
                    .iter()
                    .filter(|&&(from, to)| to == i && layer[from] < layer[i])
                    .map(|&(from, _)| order[from])
                    .collect();
                let key = if parents.is_empty() {
                    order[i]
                } else {
                    parents.iter().sum::<f64>() / parents.len() as f64
                };
                (key, i)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *row = keyed.into_iter().map(|(_, i)| i).collect();
        for (k, &i) in row.iter().enumerate() {
            order[i] = k as f64;
        }
    }

    // Routes. Lanes get columns greedily, shortest spans innermost.
    let mut routes = vec![Route::Straight; ends.len()];
    let span = |e: usize| {
        let (a, b) = (layer[ends[e].0], layer[ends[e].1]);
        (a.min(b), a.max(b))
    };
    let mut lefts: Vec<usize> = Vec::new();
    let mut rights: Vec<usize> = Vec::new();
    for (e, &(from, to)) in ends.iter().enumerate() {
        routes[e] = if from == to {
            Route::Loop
        } else if back[e] || layer[to] <= layer[from] {
            rights.push(e);
            Route::Right(0)
        } else if layer[to] == layer[from] + 1 {
            Route::Straight
        } else {
            lefts.push(e);
            Route::Left(0)
        };
    }
    let assign = |lanes: &mut Vec<usize>, routes: &mut Vec<Route>, left: bool| -> usize {
        lanes.sort_by_key(|&e| {
            let (a, b) = span(e);
            (b - a, a, e)
        });
        let mut columns: Vec<Vec<(usize, usize)>> = Vec::new();
        for &e in lanes.iter() {
            let (a, b) = span(e);
            let free = columns
                .iter()
                .position(|spans| spans.iter().all(|&(c, d)| b <= c || d <= a));
            let col = free.unwrap_or_else(|| {
                columns.push(Vec::new());
                columns.len() - 1
            });
            columns[col].push((a, b));
            routes[e] = if left {
                Route::Left(col)
            } else {
                Route::Right(col)
            };
        }
        columns.len()
    };
    let left_columns = assign(&mut lefts, &mut routes, true);
    let right_columns = assign(&mut rights, &mut routes, false);

    // Which gap (between layer g and g + 1) holds each label: a straight edge's own gap,
    // a lane's gap nearest the middle of its span, a loop's gap just below its node (or
    // above it, for the last layer).
    let label_gap: Vec<usize> = (0..ends.len())
        .map(|e| match routes[e] {
            Route::Straight => layer[ends[e].0],
            Route::Left(_) | Route::Right(_) => {
                let (a, b) = span(e);
                if a == b {
                    a.min(depth.saturating_sub(2))
                } else {
                    (a + b - 1) / 2
                }
            }
            Route::Loop => {
                let l = layer[ends[e].0];
                if l + 1 < depth {
                    l
                } else {
                    l.saturating_sub(1)
                }
            }
        })
        .collect();
    let label_sizes: Vec<(f64, f64)> = graph
        .edges
        .iter()
        .map(|e| {
            if with_labels {
                label_size(&e.label)
            } else {
                (0.0, 0.0)
            }
        })
        .collect();
    // Labels that share a gap and a side stack up; the gap is as tall as the tallest stack.
    let mut gap_height = vec![MIN_GAP; depth.saturating_sub(1).max(1)];
    let mut stacks: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in 0..ends.len() {
        if graph.edges[e].label.is_empty() || !with_labels {
            continue;
        }
        // A lane's label has its lane's column to itself; straight and loop labels
        // share the middle of the gap, one under the other.
        let key = match routes[e] {
            Route::Left(c) => (label_gap[e], 1 + 2 * c),
            Route::Right(c) => (label_gap[e], 2 + 2 * c),
            Route::Straight => (label_gap[e], 0),
            // Beside its node, not in a gap.
            Route::Loop => continue,
        };
        *stacks.entry(key).or_insert(0.0) += label_sizes[e].1 + 6.0;
    }
    for (&(gap, _), &h) in &stacks {
        if let Some(g) = gap_height.get_mut(gap) {
            *g = g.max(h + 16.0);
        }
    }

    // Vertical positions.
    let row_height: Vec<f64> = rows
        .iter()
        .map(|row| row.iter().map(|&i| sizes[i].1).fold(0.0, f64::max))
        .collect();
    let title_h = NODE_FONT * 1.2 + 14.0;
    let mut row_y = vec![0.0; depth];
    let mut y = MARGIN + title_h;
    for l in 0..depth {
        row_y[l] = y;
        y += row_height[l];
        if l + 1 < depth {
            y += gap_height[l];
        }
    }
    let height = y + MARGIN;

    // Horizontal positions: the main column is as wide as the widest row.
    let row_width = |row: &Vec<usize>| {
        row.iter().map(|&i| sizes[i].0).sum::<f64>() + NODE_GAP * (row.len().max(1) - 1) as f64
    };
    let core_w = rows.iter().map(row_width).fold(0.0, f64::max);
    let straight_label_w = (0..ends.len())
        .filter(|&e| routes[e] == Route::Straight)
        .map(|e| label_sizes[e].0)
        .fold(0.0, f64::max);
    // Left lanes: column c's line, its label to its left.
    let mut left_x = Vec::new();
    let mut left_extent = 0.0;
    for c in 0..left_columns {
        let w = (0..ends.len())
            .filter(|&e| routes[e] == Route::Left(c))
            .map(|e| label_sizes[e].0)
            .fold(0.0, f64::max);
        left_extent += LANE_GAP * 1.5;
        left_x.push(left_extent);
        left_extent += LANE_GAP + w;
    }
    let core_x = MARGIN + left_extent + if left_columns > 0 { LANE_GAP } else { 0.0 };
    let center = core_x + core_w / 2.0;
    let mut rects = vec![
        Rect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        n
    ];
    for (l, row) in rows.iter().enumerate() {
        let mut x = center - row_width(row) / 2.0;
        for &i in row {
            rects[i] = Rect {
                x,
                y: row_y[l] + (row_height[l] - sizes[i].1) / 2.0,
                w: sizes[i].0,
                h: sizes[i].1,
            };
            x += sizes[i].0 + NODE_GAP;
        }
    }
    let core_right = core_x + core_w;
    let left_lane_x: Vec<f64> = left_x.iter().map(|d| core_x - d).collect();
    // Loops and their labels, beside each node.
    let loops_right = (0..ends.len())
        .filter(|&e| routes[e] == Route::Loop)
        .map(|e| {
            let w = label_sizes[e].0;
            rects[ends[e].0].right() + LOOP_REACH + if w > 0.0 { 6.0 + w } else { 0.0 }
        })
        .fold(core_right, f64::max);
    // Straight arrows leave from near the centre (spread by at most 15 px each way).
    let straight_right = center + 30.0 + straight_label_w;
    let mut right_start = loops_right.max(straight_right) + LANE_GAP;
    let mut right_lane_x = Vec::new();
    for c in 0..right_columns {
        let w = (0..ends.len())
            .filter(|&e| routes[e] == Route::Right(c))
            .map(|e| label_sizes[e].0)
            .fold(0.0, f64::max);
        right_lane_x.push(right_start);
        right_start += LANE_GAP + w + LANE_GAP * 1.5;
    }
    let width = right_start.max(loops_right).max(straight_right) + MARGIN;

    // Where edges meet the nodes' sides: spread evenly over each side.
    let mut side_slots: BTreeMap<(usize, u8), Vec<usize>> = BTreeMap::new();
    for (e, &(from, to)) in ends.iter().enumerate() {
        match routes[e] {
            Route::Left(_) => {
                side_slots.entry((from, 0)).or_default().push(e);
                side_slots.entry((to, 0)).or_default().push(e);
            }
            Route::Right(_) => {
                side_slots.entry((from, 1)).or_default().push(e);
                side_slots.entry((to, 1)).or_default().push(e);
            }
            _ => {}
        }
    }
    let has_loop: Vec<bool> = (0..n)
        .map(|i| (0..ends.len()).any(|e| routes[e] == Route::Loop && ends[e].0 == i))
        .collect();
    let slot_y = |node: usize, side: u8, e: usize| -> f64 {
        let list = &side_slots[&(node, side)];
        let k = list.iter().position(|&x| x == e).unwrap_or(0);
        let r = rects[node];
        // On the right of a node with a loop, below the loop.
        let (top, h) = if side == 1 && has_loop[node] {
            (r.center_y() + 14.0, r.h / 2.0 - 14.0)
        } else {
            (r.y, r.h)
        };
        top + h * (k as f64 + 1.0) / (list.len() as f64 + 1.0)
    };
    // Straight edges leave the bottom and reach the top, spread over the node's width.
    let mut bottoms: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut tops: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (e, &(from, to)) in ends.iter().enumerate() {
        if routes[e] == Route::Straight {
            bottoms.entry(from).or_default().push(e);
            tops.entry(to).or_default().push(e);
        }
    }
    let spread_x = |slots: &BTreeMap<usize, Vec<usize>>, node: usize, e: usize| -> f64 {
        let list = &slots[&node];
        let k = list.iter().position(|&x| x == e).unwrap_or(0);
        let r = rects[node];
        let step = (r.w * 0.5).min(30.0 * list.len() as f64) / list.len() as f64;
        r.center_x() + (k as f64 - (list.len() as f64 - 1.0) / 2.0) * step
    };
    let gap_top = |g: usize| row_y[g] + row_height[g];
    // How far down each gap's middle stack of labels has grown.
    let mut middle: BTreeMap<usize, f64> = BTreeMap::new();

    let mut paths = Vec::new();
    let mut labels = Vec::new();
    for (e, &(from, to)) in ends.iter().enumerate() {
        let (a, b) = (rects[from], rects[to]);
        let (lw, lh) = label_sizes[e];
        let gap = label_gap[e];
        let (path, label) = match routes[e] {
            Route::Straight => {
                let (x1, y1) = (spread_x(&bottoms, from, e), a.bottom());
                let (x2, y2) = (spread_x(&tops, to, e), b.y);
                let used = middle.entry(gap).or_insert(0.0);
                let label = Rect {
                    x: x1.max(x2) + 8.0,
                    y: gap_top(gap) + 8.0 + *used,
                    w: lw,
                    h: lh,
                };
                *used += lh + 6.0;
                (format!("M{x1:.1},{y1:.1} L{x2:.1},{y2:.1}"), label)
            }
            Route::Left(c) => {
                let x = left_lane_x[c];
                let (y1, y2) = (slot_y(from, 0, e), slot_y(to, 0, e));
                let path = format!(
                    "M{:.1},{y1:.1} L{:.1},{y1:.1} Q{x:.1},{y1:.1} {x:.1},{:.1} L{x:.1},{:.1} Q{x:.1},{y2:.1} {:.1},{y2:.1} L{:.1},{y2:.1}",
                    a.x,
                    x + CORNER,
                    y1 + CORNER,
                    y2 - CORNER,
                    x + CORNER,
                    b.x
                );
                let mid = gap_top(gap) + gap_height[gap] / 2.0;
                let label = Rect {
                    x: x - LANE_GAP / 2.0 - lw,
                    y: mid - lh / 2.0,
                    w: lw,
                    h: lh,
                };
                (path, label)
            }
            Route::Right(c) => {
                let x = right_lane_x[c];
                let (y1, y2) = (slot_y(from, 1, e), slot_y(to, 1, e));
                let dir = if y2 < y1 { -1.0 } else { 1.0 };
                let path = format!(
                    "M{:.1},{y1:.1} L{:.1},{y1:.1} Q{x:.1},{y1:.1} {x:.1},{:.1} L{x:.1},{:.1} Q{x:.1},{y2:.1} {:.1},{y2:.1} L{:.1},{y2:.1}",
                    a.right(),
                    x - CORNER,
                    y1 + dir * CORNER,
                    y2 - dir * CORNER,
                    x - CORNER,
                    b.right()
                );
                let mid = gap_top(gap) + gap_height[gap] / 2.0;
                let label = Rect {
                    x: x + LANE_GAP / 2.0,
                    y: mid - lh / 2.0,
                    w: lw,
                    h: lh,
                };
                (path, label)
            }
            Route::Loop => {
                let (x0, y0) = (a.right(), a.center_y());
                let path = format!(
                    "M{x0:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {x0:.1},{:.1}",
                    y0 - 10.0,
                    x0 + LOOP_REACH * 1.3,
                    y0 - 14.0,
                    x0 + LOOP_REACH * 1.3,
                    y0 + 10.0,
                    y0 + 6.0
                );
                // Beside the loop, ending just below the node's middle (the right lanes
                // meet the node further down).
                let label = Rect {
                    x: x0 + LOOP_REACH + 6.0,
                    y: y0 + 8.0 - lh,
                    w: lw,
                    h: lh,
                };
                (path, label)
            }
        };
        paths.push(path);
        labels.push((with_labels && !graph.edges[e].label.is_empty()).then_some(label));
    }
    Layout {
        nodes: rects,
        paths,
        labels,
        size: (width, height),
    }
}

/// Escapes text for XML.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The styles of the diagram; the stepping page adds `.current` and `.taken`.
const STYLE: &str = "\
text { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; fill: #1d2733; }
.title { font-size: 13px; font-weight: bold; }
.state rect { fill: #ffffff; stroke: #4a5a6a; stroke-width: 1.2; }
.state.start rect, .state.done rect { fill: #f1f4f7; }
.state rect.inner { fill: none; }
.state text { font-size: 12px; }
.state .holds { fill: #5a6775; }
.transition path { fill: none; stroke: #8895a3; stroke-width: 1.1; }
.transition text { font-size: 10.5px; fill: #4d5966; }
.transition text.or { font-style: italic; fill: #99a3ad; }
.state.current rect { fill: #fff3c4; stroke: #d08a00; stroke-width: 2.5; }
.transition.taken path { stroke: #d08a00; stroke-width: 2.2; }
.transition.taken text { fill: #7a5000; }
";

/// Writes the laid-out graph; without labels, each transition's label becomes its tooltip
/// and its `data-label` (lines joined with ` / `).
fn render(graph: &Graph, layout: &Layout, prefix: &str, with_labels: bool) -> String {
    let (width, height) = layout.size;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="coro-diagram" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{}">"#,
        xml(&format!("the state machine of {}", graph.name))
    );
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    let marker = |id: &str, color: &str| {
        format!(
            r#"<marker id="{prefix}{id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>"#
        )
    };
    let _ = writeln!(
        out,
        "<defs>{}{}</defs>",
        marker("arrow", "#8895a3"),
        marker("arrow-taken", "#d08a00")
    );
    let _ = writeln!(
        out,
        "<style>.transition.taken path {{ marker-end: url(#{prefix}arrow-taken); }}</style>"
    );
    let _ = writeln!(
        out,
        r#"<text class="title" x="{MARGIN}" y="{:.1}">{}</text>"#,
        MARGIN + NODE_FONT,
        xml(&format!(
            "{}: the state machine of #[coro::coroutine]",
            graph.name
        ))
    );
    for (e, edge) in graph.edges.iter().enumerate() {
        if with_labels {
            let _ = writeln!(
                out,
                r#"<g class="transition" data-from="{}" data-to="{}">"#,
                xml(&edge.from),
                xml(&edge.to)
            );
        } else {
            let text = edge.label.join(" / ");
            let _ = writeln!(
                out,
                r#"<g class="transition" data-from="{}" data-to="{}" data-label="{}"><title>{}</title>"#,
                xml(&edge.from),
                xml(&edge.to),
                xml(&text),
                xml(&text)
            );
        }
        let _ = writeln!(
            out,
            r#"<path d="{}" marker-end="url(#{prefix}arrow)"/>"#,
            layout.paths[e]
        );
        if let Some(label) = layout.labels[e] {
            for (k, line) in edge.label.iter().enumerate() {
                let class = if line == "or" { r#" class="or""# } else { "" };
                let _ = writeln!(
                    out,
                    r#"<text{class} x="{:.1}" y="{:.1}">{}</text>"#,
                    label.x,
                    label.y + EDGE_FONT * (LINE * k as f64 + 1.0),
                    xml(line)
                );
            }
        }
        out.push_str("</g>\n");
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let r = layout.nodes[i];
        let kind = match node.kind {
            NodeKind::Start => "start",
            NodeKind::Suspend => "suspend",
            NodeKind::Done => "done",
        };
        let _ = writeln!(
            out,
            r#"<g class="state {kind}" data-state="{}">"#,
            xml(&node.id)
        );
        let radius = if node.kind == NodeKind::Suspend {
            6.0
        } else {
            r.h / 2.0
        };
        let _ = writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{radius:.1}"/>"#,
            r.x, r.y, r.w, r.h
        );
        if node.kind == NodeKind::Done {
            let _ = writeln!(
                out,
                r#"<rect class="inner" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}"/>"#,
                r.x + 3.0,
                r.y + 3.0,
                r.w - 6.0,
                r.h - 6.0,
                radius - 3.0
            );
        }
        for (k, line) in node.lines.iter().enumerate() {
            let class = if line.starts_with("holds ") {
                r#" class="holds""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<text{class} x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                r.center_x(),
                r.y + PAD_Y + NODE_FONT * (LINE * k as f64 + 1.0) - 2.0,
                xml(line)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}
