//! The decompressor connected to the parser, in the four arrangements of the article.
//!
//! | | decompressor | parser | who drives |
//! | --- | --- | --- | --- |
//! | (a) [`push_into_parser`] | caller form | coroutine | the decompressor's loop: `emit` resumes the parser |
//! | (b) [`pull_from_decompressor`] | coroutine | caller form | the parser's loop: `getchar` resumes the decompressor |
//! | (c) [`both_coroutines`] | coroutine | coroutine | a small driver loop resumes each in turn |
//! | (d) [`state_machines`] | state machine | state machine | a small driver loop calls each in turn |
//!
//! (a) to (c) give the same tokens for every input, including where the input stops in the
//! middle of an escape. (d) is the article's rewrite and inherits its treatment of
//! `FF 00 C` (one `C` instead of none); on every other input it agrees.

use coro::{Coroutine, CoroutineState};

use crate::caller;
use crate::{machines, Token, TruncatedEscape};

/// What a pipeline made of its input: every token, and how the input ended.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Parsed {
    /// The tokens, in order. When the input stops inside an escape, the tokens of
    /// everything before it (the parser is told the input has ended).
    pub tokens: Vec<Token>,
    /// `Ok(())`, or the truncated escape the decompressor stopped at.
    pub end: Result<(), TruncatedEscape>,
}

/// One of the four ways of connecting the two programs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Arrangement {
    /// (a) The caller-form decompressor pushes each byte into the parser coroutine.
    PushIntoParser,
    /// (b) The caller-form parser pulls each byte from the decompressor coroutine.
    PullFromDecompressor,
    /// (c) Both are coroutines; a driver loop passes each byte across.
    BothCoroutines,
    /// (d) Both are explicit state machines; a driver loop passes each byte across.
    StateMachines,
}

impl Arrangement {
    /// All four, in the article's order.
    pub const ALL: &'static [Arrangement] = &[
        Arrangement::PushIntoParser,
        Arrangement::PullFromDecompressor,
        Arrangement::BothCoroutines,
        Arrangement::StateMachines,
    ];

    /// A one-line description, starting with the article's letter.
    pub fn describe(self) -> &'static str {
        match self {
            Arrangement::PushIntoParser => {
                "(a) caller-form decompressor pushing into the parser coroutine"
            }
            Arrangement::PullFromDecompressor => {
                "(b) caller-form parser pulling from the decompressor coroutine"
            }
            Arrangement::BothCoroutines => "(c) both coroutines, connected by a driver loop",
            Arrangement::StateMachines => "(d) both state machines, connected by a driver loop",
        }
    }

    /// Runs the pipeline this way over `input`.
    pub fn run(self, input: &[u8]) -> Parsed {
        match self {
            Arrangement::PushIntoParser => push_into_parser(input),
            Arrangement::PullFromDecompressor => pull_from_decompressor(input),
            Arrangement::BothCoroutines => both_coroutines(input),
            Arrangement::StateMachines => state_machines(input),
        }
    }
}

/// (a) The decompressor keeps its loop; its `emit` resumes the parser with each byte.
pub fn push_into_parser(input: &[u8]) -> Parsed {
    let mut tokens = Vec::new();
    let mut parser = crate::coroutines::parse(|token| tokens.push(token));
    let end = caller::decompress(input.iter().copied(), |byte| {
        parser.resume(Some(byte));
    });
    // The C version's final `emit(EOF)`: tell the parser the input is over.
    parser.resume(None);
    drop(parser); // it borrows `tokens`
    Parsed { tokens, end }
}

/// (b) The parser keeps its loop; its `getchar` resumes the decompressor.
pub fn pull_from_decompressor(input: &[u8]) -> Parsed {
    let mut tokens = Vec::new();
    // `coro::iter` turns the producer into an iterator that remembers the return value.
    let mut bytes = coro::iter(crate::coroutines::decompress(input.iter().copied()));
    caller::parse(|| bytes.next(), |token| tokens.push(token));
    let end = bytes.into_return_value().unwrap_or(Ok(()));
    Parsed { tokens, end }
}

/// (c) Neither keeps a loop of its own: this driver resumes the decompressor for a byte and
/// resumes the parser with it, until the decompressor completes.
pub fn both_coroutines(input: &[u8]) -> Parsed {
    let mut tokens = Vec::new();
    let mut decompressor = crate::coroutines::decompress(input.iter().copied());
    let mut parser = crate::coroutines::parse(|token| tokens.push(token));
    let end = loop {
        match decompressor.resume(()) {
            CoroutineState::Yielded(byte) => {
                parser.resume(Some(byte));
            }
            CoroutineState::Complete(end) => {
                parser.resume(None);
                break end;
            }
        }
    };
    drop(parser);
    Parsed { tokens, end }
}

/// (d) The article's state machines, called once per byte by a driver loop.
pub fn state_machines(input: &[u8]) -> Parsed {
    let mut tokens = Vec::new();
    let mut decompressor = machines::Decompressor::new(input.iter().copied());
    let mut parser = machines::Parser::new(|token| tokens.push(token));
    let end = loop {
        match decompressor.call() {
            Ok(Some(byte)) => parser.call(Some(byte)),
            Ok(None) => break Ok(()),
            Err(truncated) => break Err(truncated),
        }
    };
    parser.call(None);
    drop(parser);
    Parsed { tokens, end }
}
