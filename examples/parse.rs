//! The parser as a consumer coroutine, fed one byte per resume.
//!
//! `coro_article::coroutines::parse` is the caller-form parser with `getchar()` turned
//! into `yield_!(())`. The first byte arrives with the first resume, through the
//! `#[resume]` parameter; `None` ends the input. The example feeds it a line byte by byte
//! and shows which resume finished which tokens: `ab,` gives nothing for `a` and `b`, then
//! both `WORD "ab"` and `PUNCT ","` for the comma.
//!
//! Run it with `cargo run --example parse`, or `cargo run --example parse -- "some text"`.

use std::cell::RefCell;

use coro::{Coroutine, CoroutineState};
use coro_article::coroutines::parse;

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ab, Hello world!\n".to_owned());
    let finished = RefCell::new(Vec::new());
    let mut parser = parse(|token| finished.borrow_mut().push(token));

    let feed = text.bytes().map(Some).chain([None]);
    for byte in feed {
        let state = parser.resume(byte);
        let fed = match byte {
            Some(b) => format!("Some('{}')", b.escape_ascii()),
            None => "None".to_owned(),
        };
        let tokens: Vec<String> = finished
            .borrow_mut()
            .drain(..)
            .map(|t| t.to_string())
            .collect();
        let call = format!("resume({fed})");
        println!("{call:<18} -> {:<5} {}", show(&state), tokens.join(", "));
    }
}

fn show(state: &CoroutineState<(), ()>) -> &'static str {
    match state {
        CoroutineState::Yielded(()) => "wants",
        CoroutineState::Complete(()) => "done",
    }
}
