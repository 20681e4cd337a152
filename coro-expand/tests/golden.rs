//! Golden tests: the expansion, the DOT diagram and the SVG drawing of the article's decompressor and
//! parser (`article/src/coroutines.rs`), and what every step of the transform makes of them
//! and of the bodies in `tests/fixtures/hard.rs`, pinned in `tests/golden/`.
//!
//! After an intended change to the transform or to the article's coroutines, rewrite the
//! files with `UPDATE_GOLDEN=1 cargo test -p coro-expand --test golden` and review the diff.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use coro_expand::{expand_source, stages_source, Expanded};
use quote::ToTokens;
use syn::visit_mut::VisitMut;

/// The article's coroutines, as `coro-expand` reads them.
const ARTICLE: &str = "article/src/coroutines.rs";

fn workspace_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

fn expand(function: &str) -> Expanded {
    let source = std::fs::read_to_string(workspace_file(ARTICLE)).expect("the article's source");
    let (mut expanded, errors) = expand_source(ARTICLE, &source, Some(function));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(expanded.len(), 1, "one function named {function}");
    expanded.remove(0)
}

/// Compares `actual` with the golden file, or rewrites it under `UPDATE_GOLDEN=1`.
fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; create it with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file, first at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             if the change is intended, rewrite it with \
             `UPDATE_GOLDEN=1 cargo test -p coro-expand --test golden` and review the diff",
            line + 1,
            expected.lines().nth(line).unwrap_or("(end of file)"),
            actual.lines().nth(line).unwrap_or("(end of file)"),
        );
    }
}

#[test]
fn decompressor_expansion() {
    check("decompress.expanded.rs", &expand("decompress").code);
}

#[test]
fn decompressor_diagram() {
    check("decompress.dot", &expand("decompress").dot);
}

/// The SVG `--svg` writes, laid out here: `docs/decompressor.svg` is this file.
#[test]
fn decompressor_svg() {
    let svg = expand("decompress").graph.svg("coro-");
    check("decompress.svg", &svg);
    let docs = std::fs::read_to_string(workspace_file("docs/decompressor.svg"))
        .expect("docs/decompressor.svg");
    assert_eq!(
        docs, svg,
        "docs/decompressor.svg is not the current drawing; rewrite it with \
         `cargo run -p coro-expand -- article/src/coroutines.rs decompress --svg docs/decompressor.svg`"
    );
}

#[test]
fn parser_svg() {
    check("parse.svg", &expand("parse").graph.svg("coro-"));
}

#[test]
fn parser_expansion() {
    check("parse.expanded.rs", &expand("parse").code);
}

#[test]
fn parser_diagram() {
    check("parse.dot", &expand("parse").dot);
}

/// The expansion the viewer shows is the proc macro's, annotated: without doc comments,
/// it is the same code.
#[test]
fn expansion_is_the_macros() {
    let source = std::fs::read_to_string(workspace_file(ARTICLE)).expect("the article's source");
    let file = syn::parse_file(&source).expect("the article parses");
    for function in ["decompress", "parse"] {
        let mut func = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Fn(f) if f.sig.ident == function => Some(f.clone()),
                _ => None,
            })
            .expect("the function is in the article");
        func.attrs.retain(|a| a.path().is_ident("doc"));
        let tokens = coro_transform::expand(Default::default(), &func).expect("it expands");
        let from_macro: syn::File = syn::parse2(tokens).expect("the expansion parses");
        // Through the printer too, which may add trailing commas.
        let mut from_macro =
            syn::parse_file(&prettyplease::unparse(&from_macro)).expect("the printed code parses");
        let mut from_viewer = syn::parse_file(&expand(function).code).expect("the code parses");
        StripDocs.visit_file_mut(&mut from_macro);
        StripDocs.visit_file_mut(&mut from_viewer);
        assert_eq!(
            from_viewer.to_token_stream().to_string(),
            from_macro.to_token_stream().to_string(),
            "{function}"
        );
    }
}

/// Removes every doc attribute.
struct StripDocs;

impl VisitMut for StripDocs {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|a| !a.path().is_ident("doc"));
    }
}

/// Every step's output for one function of `file` (see `coro-expand --stages`).
fn stages(file: &str, function: &str) -> String {
    let source = std::fs::read_to_string(workspace_file(file)).expect("the source");
    let (mut shown, errors) = stages_source(file, &source, Some(function));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(shown.len(), 1, "one function named {function}");
    shown.remove(0).1
}

#[test]
fn decompressor_stages() {
    check("stages/decompress.txt", &stages(ARTICLE, "decompress"));
}

#[test]
fn parser_stages() {
    check("stages/parse.txt", &stages(ARTICLE, "parse"));
}

/// A labelled `break` out of a yield-free branch through two loops.
#[test]
fn labelled_break_stages() {
    check("stages/search.txt", &stages(HARD, "search"));
}

/// Yields in expressions and a `while` condition, shadowing, an item in an inner block.
#[test]
fn linearized_stages() {
    check("stages/mixed.txt", &stages(HARD, "mixed"));
}

/// A `match` whose arms yield, a guard, `?` and `let .. else`.
#[test]
fn match_stages() {
    check("stages/tokens.txt", &stages(HARD, "tokens"));
}

/// Straight-line code: no loop around a yield, no join.
#[test]
fn straight_stages() {
    check("stages/handshake.txt", &stages(HARD, "handshake"));
}

/// Bodies that exercise every step.
const HARD: &str = "coro-expand/tests/fixtures/hard.rs";
