//! The stepping page of the pipeline: the decompressor and the parser side by side, each
//! with its source and its state diagram, replaying a run recorded by [`crate::step::record`]
//! (`cargo run --example pipeline -- --html pipeline.html`).
//!
//! The page itself is `coro_expand::page`'s: this module only says what to put on it, the
//! two coroutines of [`crate::coroutines`] and what each resume did.

use coro_expand::page::{Page, Panel, Snapshot as Shown, Step as PageStep};

use crate::hex;
use crate::step::{record, Recording, Snapshot, Who};

/// The source the page shows, the file the two coroutines are written in.
const COROUTINES: &str = include_str!("coroutines.rs");

/// The name the page gives that file.
const FILE: &str = "article/src/coroutines.rs";

fn shown(s: &Snapshot) -> Shown {
    Shown::at(
        s.location,
        s.held
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
    )
}

/// The page for a recording of the pipeline.
///
/// ```
/// let recording = coro_article::step::record(b"ab");
/// let html = coro_article::page::page(&recording).html();
/// assert!(html.contains("data-panel=\"1\""));
/// ```
pub fn page(recording: &Recording) -> Page {
    let panel = |function: &str| {
        Panel::new(FILE, COROUTINES, function)
            .unwrap_or_else(|e| panic!("the article's {function} has a diagram: {e}"))
    };
    let steps = recording
        .steps
        .iter()
        .map(|step| PageStep {
            panel: match step.who {
                Who::Decompress => 0,
                Who::Parse => 1,
            },
            arg: step.arg.clone(),
            result: step.result.clone(),
            after: step.now.iter().map(shown).collect(),
            notes: step
                .tokens
                .iter()
                .map(|t| format!("got_token({t})"))
                .collect(),
        })
        .collect();
    Page {
        title: "Coroutines in C, in Rust: the decompressor feeding the parser".to_string(),
        intro: format!(
            "The input {} goes through decompress (a producer: each resume yields the next \
             byte) into parse (a consumer: each resume brings it a byte). A driver loop \
             resumes them in turn. Step through it: each coroutine stops at one of its \
             yield_!s (highlighted in its source and its diagram) holding only what it needs \
             next (values in hexadecimal); the transition it took is lit up in its diagram.",
            hex(&recording.input)
        ),
        panels: vec![panel("decompress"), panel("parse")],
        start: recording.start.iter().map(shown).collect(),
        steps,
    }
}

/// The page for the pipeline run over `input`, as HTML.
///
/// ```
/// let html = coro_article::page::pipeline_html(coro_article::SAMPLE);
/// assert!(html.contains("<code>decompress</code>"));
/// assert!(html.contains("got_token(WORD &quot;Hello&quot;)"));
/// ```
pub fn pipeline_html(input: &[u8]) -> String {
    page(&record(input)).html()
}
