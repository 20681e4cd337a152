//! The yardstick: each workload written by hand as an `Iterator` (producers) or a push state
//! machine (the parser), the way one would without any coroutine crate.

use core::slice;

use crate::{is_alpha, large_step, Parsed, Sizes, TruncatedEscape, Word, ESCAPE};

/// count: yields `0..n`.
#[derive(Clone, Debug)]
pub struct Count {
    i: u64,
    n: u64,
}

impl Count {
    /// Starts at 0.
    pub fn new(n: u64) -> Count {
        Count { i: 0, n }
    }
}

impl Iterator for Count {
    type Item = u64;

    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let v = self.i;
            self.i += 1;
            Some(v)
        } else {
            None
        }
    }
}

/// rle: the article's decompressor as an explicit state machine (the run in progress).
#[derive(Clone, Debug)]
pub struct Rle<'a> {
    input: slice::Iter<'a, u8>,
    /// Copies of `value` still to emit.
    run: u8,
    value: u8,
}

impl<'a> Rle<'a> {
    /// Decompresses `input`.
    pub fn new(input: &'a [u8]) -> Rle<'a> {
        Rle {
            input: input.iter(),
            run: 0,
            value: 0,
        }
    }
}

impl Iterator for Rle<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        if self.run > 0 {
            self.run -= 1;
            return Some(self.value);
        }
        loop {
            let c = *self.input.next()?;
            if c != 0xFF {
                return Some(c);
            }
            let (Some(&len), Some(&value)) = (self.input.next(), self.input.next()) else {
                return None;
            };
            if len > 0 {
                self.run = len - 1;
                self.value = value;
                return Some(value);
            }
        }
    }
}

/// rle_article: the article's own state-machine rewrite of its decompressor
/// (`coro-article`'s `machines::Decompressor`): one byte per call, `Ok(None)` at the end.
///
/// As in the article, `FF 00 C` gives one `C` (the coroutine forms give none); the benchmark
/// input has no empty runs.
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

    /// The next output byte, `Ok(None)` at the end of the input, or a truncated escape.
    #[inline]
    pub fn call(&mut self) -> Result<Option<u8>, TruncatedEscape> {
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
            self.replen = len.saturating_sub(1);
            Ok(Some(self.repchar))
        } else {
            Ok(Some(c))
        }
    }
}

/// parse: the article's parser as a push state machine, called once per byte.
#[derive(Clone, Debug, Default)]
pub struct Parser {
    word: Option<Word>,
}

impl Parser {
    /// Feeds one byte.
    #[inline]
    pub fn push(&mut self, c: u8) -> Parsed {
        if is_alpha(c) {
            match &mut self.word {
                Some(w) => w.push(c),
                None => self.word = Some(Word::start(c)),
            }
            Parsed::More
        } else {
            match self.word.take() {
                Some(w) => Parsed::WordPunct(w, c),
                None => Parsed::Punct(c),
            }
        }
    }

    /// The end of input: the word it closes, if any.
    #[inline]
    pub fn finish(self) -> Option<Word> {
        self.word
    }
}

/// large_state: a `[u64; 32]` buffer, one slot updated per item.
#[derive(Clone, Debug)]
pub struct LargeState {
    buf: [u64; 32],
    i: u64,
    n: u64,
}

impl LargeState {
    /// A zeroed buffer.
    pub fn new(n: u64) -> LargeState {
        LargeState {
            buf: [0; 32],
            i: 0,
            n,
        }
    }
}

impl Iterator for LargeState {
    type Item = u64;

    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let i = self.i;
            let s = (i % 32) as usize;
            self.buf[s] = large_step(self.buf[s], i);
            self.i += 1;
            Some(self.buf[s])
        } else {
            None
        }
    }
}

/// nested: `for i in 0..a { for j in 0..b { yield i ^ j } }`.
#[derive(Clone, Debug)]
pub struct Nested {
    i: u64,
    j: u64,
    a: u64,
    b: u64,
}

impl Nested {
    /// Starts at (0, 0).
    pub fn new(a: u64, b: u64) -> Nested {
        Nested { i: 0, j: 0, a, b }
    }
}

impl Iterator for Nested {
    type Item = u64;

    #[inline]
    fn next(&mut self) -> Option<u64> {
        while self.i < self.a {
            if self.j < self.b {
                let v = self.i ^ self.j;
                self.j += 1;
                return Some(v);
            }
            self.j = 0;
            self.i += 1;
        }
        None
    }
}

/// Runs count.
#[inline]
pub fn run_count(n: u64, mut sink: impl FnMut(u64)) {
    for x in Count::new(n) {
        sink(x);
    }
}

/// Runs rle.
#[inline]
pub fn run_rle(input: &[u8], mut sink: impl FnMut(u8)) {
    for x in Rle::new(input) {
        sink(x);
    }
}

/// Runs rle_article over `input.iter().copied()`: `call` until the end or an error.
#[inline]
pub fn run_rle_article(input: &[u8], mut sink: impl FnMut(u8)) -> Result<(), TruncatedEscape> {
    let mut d = Decompressor::new(input.iter().copied());
    while let Some(x) = d.call()? {
        sink(x);
    }
    Ok(())
}

/// Runs parse: one `push` per byte, then `finish`.
#[inline]
pub fn run_parse(input: &[u8], mut sink: impl FnMut(Parsed)) {
    let mut p = Parser::default();
    for &c in input {
        sink(p.push(c));
    }
    if let Some(w) = p.finish() {
        sink(Parsed::Word(w));
    }
}

/// Runs large_state.
#[inline]
pub fn run_large_state(n: u64, mut sink: impl FnMut(u64)) {
    for x in LargeState::new(n) {
        sink(x);
    }
}

/// Runs nested.
#[inline]
pub fn run_nested(a: u64, b: u64, mut sink: impl FnMut(u64)) {
    for x in Nested::new(a, b) {
        sink(x);
    }
}

/// borrowed: yields the items of a `Vec<u64>` it owns, by index: what a coroutine that
/// loops over a borrow of its own local (`for x in &v { yield_!(*x) }`) does (issue 15).
#[derive(Clone, Debug)]
pub struct Borrowed {
    items: Vec<u64>,
    i: usize,
}

impl Borrowed {
    /// Starts at the first item.
    pub fn new(items: Vec<u64>) -> Borrowed {
        Borrowed { items, i: 0 }
    }
}

impl Iterator for Borrowed {
    type Item = u64;

    #[inline]
    fn next(&mut self) -> Option<u64> {
        let x = *self.items.get(self.i)?;
        self.i += 1;
        Some(x)
    }
}

/// Runs borrowed.
#[inline]
pub fn run_borrowed(items: Vec<u64>, mut sink: impl FnMut(u64)) {
    for x in Borrowed::new(items) {
        sink(x);
    }
}

/// Sizes of the hand-written states.
pub fn sizes() -> Sizes {
    use core::mem::size_of;
    Sizes {
        count: size_of::<Count>(),
        rle: size_of::<Rle<'static>>(),
        parse: size_of::<Parser>(),
        large_state: size_of::<LargeState>(),
        nested: size_of::<Nested>(),
    }
}
