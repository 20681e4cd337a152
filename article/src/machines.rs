//! The conventional fix: each program rewritten as an explicit state machine, called once
//! per byte.
//!
//! This is what one writes without coroutines. Both work, and both hide their algorithm:
//! the decompressor's "read an escape, then repeat" has become a counter checked at the top
//! of every call, and the parser's "read letters until a non-letter" has become a state
//! variable tested on entry. These are ports of the article's own rewrites, including one
//! of their behaviours: given `FF 00 C`, [`Decompressor`] outputs `C` once, where the
//! caller-form and coroutine decompressors output nothing. The rewrite is where such a
//! difference slips in unnoticed.

use crate::{is_letter, Token, TruncatedEscape, ESCAPE};

/// The decompressor as a state machine: every [`call`](Decompressor::call) returns one byte.
///
/// The C version keeps `repchar` and `replen` in `static` variables; here they are fields,
/// so several decompressors can run at once.
#[derive(Clone, Debug)]
pub struct Decompressor<I> {
    input: I,
    /// How many more copies of `repchar` are owed before the next input byte is read.
    replen: u8,
    repchar: u8,
}

impl<I: Iterator<Item = u8>> Decompressor<I> {
    /// A decompressor reading `input`.
    pub fn new(input: impl IntoIterator<IntoIter = I>) -> Self {
        Decompressor {
            input: input.into_iter(),
            replen: 0,
            repchar: 0,
        }
    }

    /// Returns the next output byte, `Ok(None)` at the end of the input (the C version's
    /// `EOF`), or the error of a truncated escape. After the end it keeps returning
    /// `Ok(None)`.
    ///
    /// ```
    /// use coro_article::machines::Decompressor;
    ///
    /// let mut d = Decompressor::new([0xFF, 0x02, b'z']);
    /// assert_eq!(d.call(), Ok(Some(b'z')));
    /// assert_eq!(d.call(), Ok(Some(b'z')));
    /// assert_eq!(d.call(), Ok(None));
    /// ```
    pub fn call(&mut self) -> Result<Option<u8>, TruncatedEscape> {
        // Still inside a run: hand out one more copy without reading anything.
        if self.replen > 0 {
            self.replen -= 1;
            return Ok(Some(self.repchar));
        }
        let Some(c) = self.input.next() else {
            return Ok(None);
        };
        if c == ESCAPE {
            let len = self.input.next().ok_or(TruncatedEscape::MissingLength)?;
            self.repchar = self
                .input
                .next()
                .ok_or(TruncatedEscape::MissingValue { len })?;
            // The article's `replen--; return repchar;`: the first copy goes out now.
            // For L = 0 that is one copy too many (C's replen becomes -1); kept as written.
            self.replen = len.saturating_sub(1);
            Ok(Some(self.repchar))
        } else {
            Ok(Some(c))
        }
    }
}

/// Where the [`Parser`] state machine is between two calls.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParserState {
    /// Between tokens.
    Start,
    /// Inside a word: the letters so far are in the token buffer.
    InWord,
}

/// The parser as a state machine: every [`call`](Parser::call) takes one byte.
///
/// The C version's static `state` and token buffer are fields here; `got_token` is the
/// function it calls with each finished token.
#[derive(Clone, Debug)]
pub struct Parser<F> {
    state: ParserState,
    word: Vec<u8>,
    got_token: F,
}

impl<F: FnMut(Token)> Parser<F> {
    /// A parser that hands its tokens to `got_token`.
    pub fn new(got_token: F) -> Self {
        Parser {
            state: ParserState::Start,
            word: Vec::new(),
            got_token,
        }
    }

    /// The state the parser is in.
    pub fn state(&self) -> ParserState {
        self.state
    }

    /// Feeds one byte, or `None` for the end of the input.
    ///
    /// The article's version has no end-of-input case (it would add `EOF` to a token); this
    /// one finishes a pending word at `None` and otherwise does nothing.
    ///
    /// ```
    /// use coro_article::{machines::Parser, Token};
    ///
    /// let mut tokens = Vec::new();
    /// let mut p = Parser::new(|t| tokens.push(t));
    /// for c in [Some(b'o'), Some(b'k'), None] {
    ///     p.call(c);
    /// }
    /// drop(p);
    /// assert_eq!(tokens, [Token::word("ok")]);
    /// ```
    pub fn call(&mut self, c: Option<u8>) {
        // `case IN_WORD:` a letter extends the word and that is all this call does;
        // anything else finishes the word and falls through to `case START:`.
        if self.state == ParserState::InWord {
            if let Some(byte) = c.filter(|&b| is_letter(b)) {
                self.word.push(byte);
                return;
            }
            (self.got_token)(Token::Word(std::mem::take(&mut self.word)));
            self.state = ParserState::Start;
        }
        // `case START:` a letter opens a word, any other byte is a token by itself.
        match c {
            None => {}
            Some(byte) if is_letter(byte) => {
                self.word.push(byte);
                self.state = ParserState::InWord;
            }
            Some(byte) => (self.got_token)(Token::Punct(byte)),
        }
    }
}
