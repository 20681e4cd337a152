//! The transitions `coro_transform::inspect` finds, and how it names their paths: the
//! branches, loops and jumps of a body, one resume at a time.
#![forbid(unsafe_code)]

use coro_transform::diagram::{Edge, State};

/// The edges of `source`'s function, as `from -> to: path` lines.
fn edges(source: &str) -> Vec<String> {
    let func: syn::ItemFn = syn::parse_str(source).expect("the test function parses");
    let inspection = coro_transform::inspect(Default::default(), &func).expect("it transforms");
    inspection.diagram.edges.iter().map(show).collect()
}

fn show(edge: &Edge) -> String {
    let state = |s: State| match s {
        State::Start => "start".to_string(),
        State::Suspended(i) => format!("s{i}"),
        State::Done => "done".to_string(),
    };
    format!(
        "{} -> {}: {}",
        state(edge.from),
        state(edge.to),
        edge.path.join(", ")
    )
}

#[test]
fn straight_line_and_return() {
    let edges = edges(
        "fn f(x: u32) -> impl Coroutine<Yield = u32, Return = u32> {
            yield_!(1);
            if x > 3 { return 0; }
            yield_!(2);
            x
        }",
    );
    assert_eq!(
        edges,
        [
            "start -> s0: ",
            "s0 -> done: return",
            "s0 -> s1: ",
            "s1 -> done: ",
        ]
    );
}

#[test]
fn branches_and_loops() {
    let edges = edges(
        "fn f(v: Vec<Option<u32>>) -> impl Coroutine<Yield = u32, Return = ()> {
            'outer: for item in v {
                match item {
                    Some(x) if x > 10 => continue,
                    Some(x) => yield_!(x),
                    None => loop {
                        if yield_!(0) == 0 { break 'outer; }
                    },
                }
            }
        }",
    );
    assert_eq!(
        edges,
        [
            "start -> s0: for item in v, match arm Some(x)",
            "start -> s1: for item in v, match arm None",
            "start -> done: after the for",
            "s0 -> s0: for item in v, match arm Some(x)",
            "s0 -> s1: for item in v, match arm None",
            "s0 -> done: after the for",
            "s1 -> done: break 'outer",
            "s1 -> s1: loop",
        ]
    );
}

#[test]
fn early_exits_with_question_mark_and_let_else() {
    let edges = edges(
        "fn f(it: std::vec::IntoIter<Option<u8>>) -> impl Coroutine<Yield = u8, Return = Option<()>> {
            let mut it = it;
            while let Some(next) = it.next() {
                let byte = next?;
                let Some(b) = (byte != 0).then_some(byte) else { continue };
                yield_!(b);
            }
            Some(())
        }",
    );
    assert_eq!(
        edges,
        [
            "start -> done: while let Some(next) = it.next(), ? error",
            "start -> s0: while let Some(next) = it.next()",
            "start -> done: after the while",
            "s0 -> done: while let Some(next) = it.next(), ? error",
            "s0 -> s0: while let Some(next) = it.next()",
            "s0 -> done: after the while",
        ]
    );
}
