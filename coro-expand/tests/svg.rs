//! The diagram's layout, checked geometrically: states in layers from start to done, no
//! two boxes or labels on top of each other, everything inside the drawing, every state
//! and every transition addressable by the stepping page.
#![forbid(unsafe_code)]

use coro_expand::svg::{layout, Graph, Layout, Rect};

fn graph(source: &str) -> Graph {
    let func: syn::ItemFn = syn::parse_str(source).expect("the test function parses");
    let inspection = coro_transform::inspect(Default::default(), &func).expect("it transforms");
    Graph::new("f", &["input".to_string()], &inspection.diagram)
}

fn article(function: &str) -> Graph {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../article/src/coroutines.rs");
    let source = std::fs::read_to_string(path).expect("the article's source");
    let (mut expanded, errors) = coro_expand::expand_source(path, &source, Some(function));
    assert!(errors.is_empty(), "{errors:?}");
    expanded.remove(0).graph
}

/// A few shapes: a chain, loops inside loops, early exits, many points.
const SHAPES: &[&str] = &[
    "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); yield_!(2); yield_!(3); }",
    "fn f(n: u32) -> impl Coroutine<Yield = u32, Return = ()> {
        for i in 0..n { for j in 0..i { yield_!(i * j); } yield_!(i); }
    }",
    "fn f(v: Vec<Option<u32>>) -> impl Coroutine<Yield = u32, Return = u32> {
        let mut total = 0;
        'outer: for item in v {
            match item {
                Some(x) if x > 10 => return x,
                Some(x) => { total += yield_!(x); }
                None => loop { if yield_!(0) == 0 { break 'outer; } yield_!(1); },
            }
        }
        total
    }",
    "fn f(x: u32) -> impl Coroutine<Yield = u32, Return = u32> {
        if x > 1 { yield_!(1); } else { yield_!(2); }
        if x > 2 { return 3; }
        while x > 3 { yield_!(3); yield_!(4); }
        yield_!(5);
        x
    }",
];

fn check(graph: &Graph, layout: &Layout) {
    let (width, height) = layout.size;
    let inside = |r: &Rect| r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= width && r.y + r.h <= height;
    for (i, a) in layout.nodes.iter().enumerate() {
        assert!(
            inside(a),
            "node {} outside the drawing: {a:?}",
            graph.nodes[i].id
        );
        for (j, b) in layout.nodes.iter().enumerate().skip(i + 1) {
            assert!(
                !a.overlaps(b),
                "nodes {} and {} overlap",
                graph.nodes[i].id,
                graph.nodes[j].id
            );
        }
    }
    let labels: Vec<(usize, Rect)> = layout
        .labels
        .iter()
        .enumerate()
        .filter_map(|(e, l)| l.map(|l| (e, l)))
        .collect();
    for (k, &(e, a)) in labels.iter().enumerate() {
        let edge = &graph.edges[e];
        assert!(
            inside(&a),
            "label of {} -> {} outside: {a:?}",
            edge.from,
            edge.to
        );
        for (i, node) in layout.nodes.iter().enumerate() {
            assert!(
                !a.overlaps(node),
                "label of {} -> {} covers node {}",
                edge.from,
                edge.to,
                graph.nodes[i].id
            );
        }
        for &(f, b) in &labels[k + 1..] {
            let other = &graph.edges[f];
            assert!(
                !a.overlaps(&b),
                "labels of {} -> {} and {} -> {} overlap",
                edge.from,
                edge.to,
                other.from,
                other.to
            );
        }
    }
    // Start at the top, done at the bottom.
    let start = layout.nodes[0];
    let done = layout.nodes[layout.nodes.len() - 1];
    for (i, r) in layout.nodes.iter().enumerate().skip(1) {
        assert!(r.y > start.y, "{} is not below start", graph.nodes[i].id);
        if i + 1 < layout.nodes.len() {
            assert!(r.y < done.y, "{} is not above done", graph.nodes[i].id);
        }
    }
}

#[test]
fn the_article_diagrams_have_nothing_on_top_of_anything() {
    for function in ["decompress", "parse"] {
        let graph = article(function);
        check(&graph, &layout(&graph, true));
        check(&graph, &layout(&graph, false));
    }
}

#[test]
fn other_shapes_have_nothing_on_top_of_anything() {
    for source in SHAPES {
        let graph = graph(source);
        check(&graph, &layout(&graph, true));
        check(&graph, &layout(&graph, false));
    }
}

#[test]
fn every_state_and_every_transition_is_in_the_svg() {
    for source in SHAPES {
        let graph = graph(source);
        for svg in [graph.svg("p-"), graph.svg_without_labels("p-")] {
            for node in &graph.nodes {
                assert!(
                    svg.contains(&format!("data-state=\"{}\"", node.id)),
                    "{svg}"
                );
            }
            for edge in &graph.edges {
                let attrs = format!("data-from=\"{}\" data-to=\"{}\"", edge.from, edge.to);
                assert_eq!(svg.matches(&attrs).count(), 1, "{attrs} once: {svg}");
            }
            assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
            assert!(svg.contains("id=\"p-arrow\""));
        }
    }
}

#[test]
fn parallel_transitions_are_merged_with_an_or() {
    let graph = article("decompress");
    let to_done: Vec<_> = graph
        .edges
        .iter()
        .filter(|e| e.from == "start" && e.to == "done")
        .collect();
    assert_eq!(to_done.len(), 1);
    assert_eq!(
        to_done[0].label,
        [
            "while let Some(c) = getchar.next()",
            "match arm ESCAPE",
            "? error",
            "or",
            "after the while"
        ]
    );
}

#[test]
fn a_loop_back_goes_up_the_right_and_a_skip_down_the_left() {
    let graph = article("decompress");
    let l = layout(&graph, true);
    let index = |id: &str| graph.nodes.iter().position(|n| n.id == id).unwrap();
    let (s0, s1) = (l.nodes[index("s0")], l.nodes[index("s1")]);
    assert!(s0.y < s1.y, "s0 above s1");
    let edge = |from: &str, to: &str| {
        graph
            .edges
            .iter()
            .position(|e| e.from == from && e.to == to)
            .unwrap()
    };
    // The path's first point is where it leaves its state.
    let start_x = |e: usize| -> f64 {
        let path = &l.paths[e];
        path[1..path.find(',').unwrap()].parse().unwrap()
    };
    // (Paths are written with one decimal.)
    let near = |a: f64, b: f64| (a - b).abs() < 0.06;
    assert!(
        near(start_x(edge("s1", "s0")), s1.x + s1.w),
        "s1 -> s0 leaves s1 on its right"
    );
    assert!(
        near(start_x(edge("s0", "done")), s0.x),
        "s0 -> done leaves s0 on its left"
    );
    assert!(l.paths[edge("s0", "s0")].contains('C'), "a loop is a curve");
    // Without labels the drawing is much narrower (the stepping page puts two side by side).
    assert!(layout(&graph, false).size.0 < l.size.0 * 0.6);
}

#[test]
fn text_is_escaped() {
    let graph = graph(
        "fn f(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = ()> {
            for x in v { if x < 3 && x > 1 { yield_!(x); } }
        }",
    );
    let svg = graph.svg("p-");
    assert!(svg.contains("if x &lt; 3 &amp;&amp; x &gt; 1"), "{svg}");
    assert!(!svg.contains("x < 3"));
}
