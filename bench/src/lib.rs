//! The benchmark workloads of issue 5, written once per implementation.
//!
//! Every workload exists in every implementation with the same observable behaviour:
//!
//! | module            | what it is                                                          |
//! |-------------------|---------------------------------------------------------------------|
//! | [`hand`]          | hand-written `Iterator`s and a push state machine (the yardstick)    |
//! | [`coro_impl`]     | `#[coro::coroutine]`                                                |
//! | [`genawaiter_impl`] | genawaiter, stack flavour (async-based, `let_gen_using!`)         |
//! | [`nextgen_impl`]  | next-gen (async-based, `#[generator]`, pinned on the stack)         |
//! | [`diapause_impl`] | diapause (the stable proc-macro peer)                               |
//! | `native`          | rustc's own coroutines; only with `RUSTC_BOOTSTRAP=1` (cfg `coro_native`) |
//!
//! Each module has the same five runner functions. A runner builds the coroutine, drives it to
//! the end and hands every yielded value to a sink closure, so a benchmark passes a summing
//! sink ([`Sum`]) and a test passes one that records the whole sequence. The workloads:
//!
//! - `count(n)`: yields `0..n`.
//! - `rle(input)`: the article's run-length decompressor (`FF L C` expands to `L` copies of `C`,
//!   any other byte is itself; a truncated escape at the end of input ends the output).
//! - `parse(input)`: the article's parser, fed one byte per resume through the resume argument;
//!   each byte resumes it once and it reports what that byte completed ([`Parsed`]); the final
//!   `None` completes it with the word that the end of input closed, if any.
//! - `large_state(n)`: a `[u64; 32]` buffer live across every yield, one slot updated per yield.
//! - `nested(a, b)`: two nested loops yielding `i ^ j`.
//!
//! The article's own decompressor (`coro-article`'s `coroutines::decompress`: a `match` on
//! [`ESCAPE`], `?` on a missing length or value, any `IntoIterator` of bytes, a `Result` at
//! the end) differs from the bench's rle in form, not in output on well-formed input; it is
//! `rle_article` in [`hand`] (the article's state-machine rewrite), [`coro_impl`] and
//! `native`, for the instruction counts of `bench/instruction-ratios.sh`.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

pub mod coro_impl;
pub mod diapause_impl;
pub mod genawaiter_impl;
pub mod hand;
#[cfg(coro_native)]
pub mod native;
pub mod nextgen_impl;

use std::hint::black_box;

/// A word as the parser reports it: its length and an FNV-1a hash of its letters.
///
/// Words are summarised rather than collected into a `Vec<u8>` so that the parse benchmark
/// measures resumes, not the allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Word {
    /// Number of letters.
    pub len: u32,
    /// 32-bit FNV-1a hash of the letters.
    pub hash: u32,
}

impl Word {
    const FNV_OFFSET: u32 = 0x811c_9dc5;
    const FNV_PRIME: u32 = 0x0100_0193;

    /// A word holding one letter.
    #[inline]
    pub fn start(letter: u8) -> Word {
        let mut w = Word {
            len: 0,
            hash: Self::FNV_OFFSET,
        };
        w.push(letter);
        w
    }

    /// Appends a letter.
    #[inline]
    pub fn push(&mut self, letter: u8) {
        self.len += 1;
        self.hash = (self.hash ^ u32::from(letter)).wrapping_mul(Self::FNV_PRIME);
    }

    /// One number standing for the word in checksums.
    #[inline]
    pub fn key(self) -> u64 {
        (u64::from(self.len) << 32) | u64::from(self.hash)
    }
}

/// What feeding one byte to the parser completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parsed {
    /// Nothing yet: the byte is a letter inside a word.
    More,
    /// A word, closed by the end of input (only ever the completion value of a run).
    Word(Word),
    /// A one-byte PUNCT token that did not end a word.
    Punct(u8),
    /// The byte ended a word: the WORD token, then the byte itself as a PUNCT token.
    WordPunct(Word, u8),
}

impl Parsed {
    /// One number standing for this step in checksums.
    #[inline]
    pub fn key(self) -> u64 {
        match self {
            Parsed::More => 0,
            Parsed::Word(w) => w.key(),
            Parsed::Punct(b) => 0x1_0000_0000_0000 | u64::from(b),
            Parsed::WordPunct(w, b) => w.key() ^ (0x2_0000_0000_0000 | u64::from(b) << 8),
        }
    }
}

/// The byte that starts a run in the compressed input: `FF L C` stands for `L` copies of `C`.
pub const ESCAPE: u8 = 0xFF;

/// The input ended inside a run (`FF` or `FF L` were its last bytes): how the article's
/// decompressor (`rle_article`) ends then, after every byte before the escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TruncatedEscape {
    /// The input ended right after the `FF`.
    MissingLength,
    /// The input ended after `FF L`.
    MissingValue {
        /// The length that had been read.
        len: u8,
    },
}

/// ASCII letters only, as the article's `isalpha` in the C locale.
#[inline]
pub fn is_alpha(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// The slot update of the large_state workload: one LCG step mixed with the counter.
#[inline]
pub fn large_step(slot: u64, i: u64) -> u64 {
    slot.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(i | 1)
}

/// A summing sink: adds every value through [`black_box`], so the consumer loop cannot be
/// folded into a closed form or vectorised away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sum(pub u64);

impl Sum {
    /// Adds one value.
    #[inline(always)]
    pub fn add(&mut self, x: u64) {
        self.0 = self.0.wrapping_add(black_box(x));
    }
}

/// The size in bytes of each workload's suspended state, as one implementation stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// count.
    pub count: usize,
    /// rle.
    pub rle: usize,
    /// parse.
    pub parse: usize,
    /// large_state.
    pub large_state: usize,
    /// nested.
    pub nested: usize,
}

/// Deterministic benchmark inputs.
pub mod input {
    /// Length of the rle benchmark input: about 4 MB.
    pub const RLE_LEN: usize = 4_000_000;
    /// Length of the parse benchmark input: about 1 MB of text.
    pub const PARSE_LEN: usize = 1_000_000;
    /// Items of the count and large_state benchmarks.
    pub const N: u64 = 1_000_000;
    /// Outer and inner bounds of the nested benchmark (a * b items).
    pub const NESTED: (u64, u64) = (1_000, 1_000);

    /// The rle input: position `i` is the run `FF 05 'x'` when `i % 7 == 0`, else the byte
    /// `i % 200` (never `FF`). Grows until it holds at least `len` bytes.
    pub fn rle(len: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(len + 3);
        let mut i = 0usize;
        while v.len() < len {
            if i.is_multiple_of(7) {
                v.extend_from_slice(&[0xFF, 5, b'x']);
            } else {
                v.push((i % 200) as u8);
            }
            i += 1;
        }
        v
    }

    /// Text for the parser: words of 1 to 9 ASCII letters separated by one or two bytes taken
    /// from spaces, punctuation, digits, newlines and a byte above 0x7F. Deterministic (an LCG).
    pub fn text(len: usize) -> Vec<u8> {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const SEPARATORS: &[u8] = b"     ,,..;!?\n\n0123456789\xE9-";
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % bound
        };
        let mut v = Vec::with_capacity(len + 16);
        while v.len() < len {
            for _ in 0..1 + next(9) {
                v.push(LETTERS[next(LETTERS.len())]);
            }
            for _ in 0..1 + next(2) {
                v.push(SEPARATORS[next(SEPARATORS.len())]);
            }
        }
        v.truncate(len);
        v
    }
}
