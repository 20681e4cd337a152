//! Watching control shuttle between producer and consumer, one line per resume.
//!
//! [`step_trace`] runs arrangement (c) of [`crate::pipeline`] (both programs as coroutines,
//! a driver loop between them) and records, after every resume, which coroutine ran, what
//! it was resumed with, what it yielded, and where it is suspended now: the source line and
//! the text of the `yield_!` it stopped at, and the values it holds there. That last part
//! comes from [`coro::Locate::location`], which every `#[coro::coroutine]` function's
//! result implements; nothing here is specific to these two coroutines.

use std::cell::RefCell;
use std::fmt::Write as _;

use coro::{Coroutine, CoroutineState, Locate, Location};

use crate::coroutines::{decompress, parse};
use crate::pipeline::Parsed;
use crate::{hex, Token};

/// Describes a [`Location`] in a few words: `suspended at line 57: yield_!(byte)
/// [holding getchar]`, `not started`, `returned` or `poisoned`.
///
/// ```
/// assert_eq!(coro_article::step::describe(coro::Location::Returned), "returned");
/// ```
pub fn describe(location: Location) -> String {
    match location {
        Location::Unresumed => "not started".to_owned(),
        Location::Suspended(point) => {
            let mut text = format!("suspended at line {}: {}", point.line, point.expr);
            if !point.holds.is_empty() {
                let _ = write!(text, "  [holding {}]", point.holds.join(", "));
            }
            text
        }
        Location::Returned => "returned".to_owned(),
        Location::Poisoned => "poisoned".to_owned(),
        // `Location` is `#[non_exhaustive]`: a later coro may say more.
        _ => format!("{location:?}"),
    }
}

/// A byte the way the trace shows it: `'H'`, `'\n'`, `'\xe9'`.
fn show_byte(byte: u8) -> String {
    format!("'{}'", byte.escape_ascii())
}

/// Writes one line of the trace.
fn line(out: &mut String, step: usize, who: &str, arg: &str, result: &str, now: Location) {
    let _ = writeln!(
        out,
        "{step:>4}  {who:<10}  {arg:<12}  {result:<18}  {}",
        describe(now)
    );
}

/// Runs the pipeline over `input` with both programs as coroutines and returns the trace of
/// every resume, with what the pipeline produced.
///
/// ```
/// let (trace, parsed) = coro_article::step::step_trace(b"a.");
/// assert_eq!(parsed.tokens.len(), 2);
/// assert!(trace.contains("got_token(PUNCT \".\")"));
/// ```
pub fn step_trace(input: &[u8]) -> (String, Parsed) {
    let mut out = String::new();
    let _ = writeln!(out, "input: {} ({} bytes)", hex(input), input.len());
    let _ = writeln!(
        out,
        "step  {:<10}  {:<12}  {:<18}  now",
        "coroutine", "resumed with", "result"
    );

    // The parser hands tokens to this buffer; the driver prints and moves them after each
    // resume, so every token shows up under the resume that finished it.
    let finished = RefCell::new(Vec::<Token>::new());
    let mut tokens = Vec::new();
    let mut decompressor = decompress(input.iter().copied());
    let mut parser = parse(|token| finished.borrow_mut().push(token));
    let mut step = 0;

    let end = loop {
        step += 1;
        let produced = decompressor.resume(());
        let (result, byte) = match &produced {
            CoroutineState::Yielded(b) => (format!("yielded {}", show_byte(*b)), Some(*b)),
            CoroutineState::Complete(end) => (format!("completed {end:?}"), None),
        };
        let now = decompressor.location();
        line(&mut out, step, "decompress", "()", &result, now);

        step += 1;
        let arg = match byte {
            Some(byte) => format!("Some({})", show_byte(byte)),
            None => "None".to_owned(),
        };
        let result = match parser.resume(byte) {
            CoroutineState::Yielded(()) => "yielded ()",
            CoroutineState::Complete(()) => "completed ()",
        };
        line(&mut out, step, "parse", &arg, result, parser.location());
        for token in finished.borrow_mut().drain(..) {
            let _ = writeln!(out, "{:>16}got_token({token})", "");
            tokens.push(token);
        }

        if let CoroutineState::Complete(end) = produced {
            break end;
        }
    };
    (out, Parsed { tokens, end })
}
