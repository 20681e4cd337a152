//! Watching control shuttle between producer and consumer, one line per resume.
//!
//! [`record`] runs arrangement (c) of [`crate::pipeline`] (both programs as coroutines, a
//! driver loop between them) and keeps, after every resume, which coroutine ran, what it
//! was resumed with, what it yielded, and where both coroutines stand now: the source line
//! and the text of the `yield_!` each is suspended at, and the values each holds there.
//! That last part comes from [`coro::Locate::location`] and [`coro::Locate::for_each_held`],
//! which every `#[coro::coroutine]` function's result implements; nothing here is specific
//! to these two coroutines. [`step_trace`] prints the recording as text (the `pipeline`
//! example's `--step`), and [`crate::page`] turns it into the stepping page (`--html`).

use std::cell::RefCell;
use std::fmt::Write as _;

use coro::{Coroutine, CoroutineState, Held, Locate, Location};

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

/// Where a coroutine stands after a resume, and what it holds there: read off it with
/// [`Snapshot::of`], never worked out.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// Its location.
    pub location: Location,
    /// Each held binding's name and its value as [`Held`] shows it in hexadecimal (`{:X}`:
    /// `value = 6C`, trimmed after 40 characters, `<not Debug>` where its type has no
    /// `Debug`), in the order of the location's `holds`.
    pub held: Vec<(&'static str, String)>,
}

impl Snapshot {
    /// Reads where `coroutine` stands and what it holds.
    ///
    /// ```
    /// use coro::Coroutine;
    ///
    /// let mut d = coro_article::coroutines::decompress([0xFF, 0x02, b'z']);
    /// d.resume(());
    /// let now = coro_article::step::Snapshot::of(&d);
    /// assert_eq!(now.held[1], ("value", "7A".to_owned()));
    /// assert_eq!(now.held[2], ("(for loop iterator)", "1..2".to_owned()));
    /// ```
    pub fn of(coroutine: &impl Locate) -> Snapshot {
        let mut held = Vec::new();
        coroutine
            .for_each_held(&mut |h: Held<'_>| held.push((h.name(), format!("{:X}", h.shown()))));
        Snapshot {
            location: coroutine.location(),
            held,
        }
    }

    /// The location in a few words, as [`describe`] says it, with the values held:
    /// `suspended at line 52: yield_!(value)  [holding value = 6C, ...]`.
    ///
    /// ```
    /// let now = coro_article::step::Snapshot { location: coro::Location::Returned, held: vec![] };
    /// assert_eq!(now.describe(), "returned");
    /// ```
    pub fn describe(&self) -> String {
        match self.location {
            Location::Suspended(point) => {
                let mut text = format!("suspended at line {}: {}", point.line, point.expr);
                if !self.held.is_empty() {
                    let held: Vec<String> = self
                        .held
                        .iter()
                        .map(|(name, value)| format!("{name} = {value}"))
                        .collect();
                    let _ = write!(text, "  [holding {}]", held.join(", "));
                }
                text
            }
            other => describe(other),
        }
    }
}

/// Which of the two coroutines a step resumed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Who {
    /// The decompressor, [`decompress`]: resumed with `()`, yields bytes.
    Decompress,
    /// The parser, [`parse`]: resumed with `Some(byte)` or `None`, yields `()`.
    Parse,
}

impl Who {
    /// The function's name: `decompress` or `parse`.
    ///
    /// ```
    /// assert_eq!(coro_article::step::Who::Parse.name(), "parse");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Who::Decompress => "decompress",
            Who::Parse => "parse",
        }
    }
}

/// One resume of the pipeline.
///
/// ```
/// let recording = coro_article::step::record(b"a");
/// let first = &recording.steps[0];
/// assert_eq!((first.who.name(), first.result.as_str()), ("decompress", "yielded 'a'"));
/// ```
#[derive(Clone, Debug)]
pub struct Step {
    /// The coroutine resumed.
    pub who: Who,
    /// The argument it was resumed with, as the trace shows it: `()`, `Some('l')`, `None`.
    pub arg: String,
    /// What the resume returned: `yielded 'l'`, `yielded ()`, `completed Ok(())`.
    pub result: String,
    /// Where the decompressor and the parser stand after this resume, in that order.
    pub now: [Snapshot; 2],
    /// The tokens the parser handed to `got_token` during this resume.
    pub tokens: Vec<Token>,
}

/// A whole run of the pipeline: every resume, in order.
///
/// ```
/// let recording = coro_article::step::record(b"");
/// assert_eq!(recording.steps.len(), 2, "the decompressor completes, then the parser");
/// assert_eq!(recording.start[0].location, coro::Location::Unresumed);
/// ```
#[derive(Clone, Debug)]
pub struct Recording {
    /// The compressed input.
    pub input: Vec<u8>,
    /// Where both stood before the first resume.
    pub start: [Snapshot; 2],
    /// The resumes, alternating between the decompressor and the parser.
    pub steps: Vec<Step>,
    /// What the pipeline produced.
    pub parsed: Parsed,
}

/// A byte the way the trace shows it: `'H'`, `'\n'`, `'\xe9'`.
fn show_byte(byte: u8) -> String {
    format!("'{}'", byte.escape_ascii())
}

/// Runs the pipeline over `input` with both programs as coroutines, and records every
/// resume and where both coroutines stand after it.
///
/// ```
/// let recording = coro_article::step::record(b"a.");
/// assert_eq!(recording.steps.len(), 6);
/// assert_eq!(recording.steps[1].now[1].held[2], ("word", "[61]".to_owned()));
/// ```
pub fn record(input: &[u8]) -> Recording {
    // The parser hands tokens to this buffer; the driver moves them into the step after
    // each resume, so every token belongs to the resume that finished it.
    let finished = RefCell::new(Vec::<Token>::new());
    let mut all_tokens = Vec::new();
    let mut decompressor = decompress(input.iter().copied());
    let mut parser = parse(|token| finished.borrow_mut().push(token));
    let start = [Snapshot::of(&decompressor), Snapshot::of(&parser)];
    let mut steps = Vec::new();

    let end = loop {
        let produced = decompressor.resume(());
        let (result, byte) = match &produced {
            CoroutineState::Yielded(b) => (format!("yielded {}", show_byte(*b)), Some(*b)),
            CoroutineState::Complete(end) => (format!("completed {end:?}"), None),
        };
        steps.push(Step {
            who: Who::Decompress,
            arg: "()".to_owned(),
            result,
            now: [Snapshot::of(&decompressor), Snapshot::of(&parser)],
            tokens: Vec::new(),
        });

        let arg = match byte {
            Some(byte) => format!("Some({})", show_byte(byte)),
            None => "None".to_owned(),
        };
        let result = match parser.resume(byte) {
            CoroutineState::Yielded(()) => "yielded ()",
            CoroutineState::Complete(()) => "completed ()",
        };
        let tokens: Vec<Token> = finished.borrow_mut().drain(..).collect();
        all_tokens.extend(tokens.iter().cloned());
        steps.push(Step {
            who: Who::Parse,
            arg,
            result: result.to_owned(),
            now: [Snapshot::of(&decompressor), Snapshot::of(&parser)],
            tokens,
        });

        if let CoroutineState::Complete(end) = produced {
            break end;
        }
    };
    Recording {
        input: input.to_vec(),
        start,
        steps,
        parsed: Parsed {
            tokens: all_tokens,
            end,
        },
    }
}

/// Runs the pipeline over `input` with both programs as coroutines and returns the trace of
/// every resume, with what the pipeline produced: a line per resume saying who ran, with
/// what, what it yielded, and where it is suspended now with the values it holds there
/// (in hexadecimal).
///
/// ```
/// let (trace, parsed) = coro_article::step::step_trace(b"a.");
/// assert_eq!(parsed.tokens.len(), 2);
/// assert!(trace.contains("got_token(PUNCT \".\")"));
/// assert!(trace.contains("[holding got_token = <not Debug>, byte = 61, word = [61]]"));
/// ```
pub fn step_trace(input: &[u8]) -> (String, Parsed) {
    let recording = record(input);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "input: {} ({} bytes); held values in hex",
        hex(input),
        input.len()
    );
    let _ = writeln!(
        out,
        "step  {:<10}  {:<12}  {:<18}  now",
        "coroutine", "resumed with", "result"
    );
    for (i, step) in recording.steps.iter().enumerate() {
        let now = match step.who {
            Who::Decompress => &step.now[0],
            Who::Parse => &step.now[1],
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<10}  {:<12}  {:<18}  {}",
            i + 1,
            step.who.name(),
            step.arg,
            step.result,
            now.describe()
        );
        for token in &step.tokens {
            let _ = writeln!(out, "{:>16}got_token({token})", "");
        }
    }
    (out, recording.parsed)
}
