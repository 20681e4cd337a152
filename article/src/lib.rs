//! The programs of Simon Tatham's "Coroutines in C", ported to `coro`.
//!
//! The article tells one story: a run-length **decompressor** that produces bytes and a
//! **parser** that consumes them each read naturally as the caller, and connecting them
//! forces one to become the callee. This crate keeps every version of both programs in one
//! place, so the examples of the `coro` crate and its tests run the very same code:
//!
//! | module | what it holds | article section |
//! | --- | --- | --- |
//! | [`caller`] | both programs in their natural, caller form (`getchar`/`emit`/`got_token`) | the problem |
//! | [`machines`] | the explicit state-machine rewrites the article calls conventional | the usual fix |
//! | [`coroutines`] | both as `#[coro::coroutine]` functions: the producer yields bytes, the consumer receives them | the goal |
//! | [`pipeline`] | the two connected in the four arrangements (a)-(d) | the point of it all |
//! | [`counting`] | the counting function, by hand (`crBegin`/`crReturn`/`crFinish`) and by the attribute | the macros |
//! | [`ascending`] | `coroutine.h`'s example, one shared instance versus as many as you like | the limits |
//! | [`step`] | a trace of control moving between producer and consumer, one line per resume | |
//! | [`page`] | the same run as a page that steps through it: sources, diagrams, held values | |
//!
//! Two behaviours the C code leaves open are settled here, and tested in `tests/article.rs`:
//!
//! * **A truncated escape** (`FF`, or `FF L`, as the last bytes of the input) ends the
//!   decompressor with `Err(`[`TruncatedEscape`]`)` after every byte before it has been
//!   produced. The C code would read `EOF` as a length or a value.
//! * **The input ending inside a word** gives the `WORD` and nothing more. The C parser then
//!   also makes a `PUNCT` out of the `EOF` marker; this port fixes that quirk in every form.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;

pub mod ascending;
pub mod caller;
pub mod coroutines;
pub mod counting;
pub mod machines;
pub mod page;
pub mod pipeline;
pub mod step;

/// The byte that starts a run in the compressed input: `FF L C` stands for `L` copies of `C`.
pub const ESCAPE: u8 = 0xFF;

/// What the parser's `isalpha` means here: ASCII letters only, whatever the locale.
pub fn is_letter(byte: u8) -> bool {
    byte.is_ascii_alphabetic()
}

/// One token of the parser's output.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Token {
    /// A maximal run of ASCII letters.
    Word(Vec<u8>),
    /// Any other byte, alone: a space, a digit, a newline, a byte above `0x7F`...
    Punct(u8),
}

impl Token {
    /// A `Word` token from its text, for writing expected values in tests.
    pub fn word(text: &str) -> Token {
        Token::Word(text.as_bytes().to_vec())
    }
}

/// Shows a token as `WORD "Hello"` or `PUNCT ","`, escaping bytes that are not printable
/// ASCII (`PUNCT "\n"`, `PUNCT "\xe9"`).
impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Word(text) => write!(f, "WORD \"{}\"", text.escape_ascii()),
            Token::Punct(byte) => write!(f, "PUNCT \"{}\"", byte.escape_ascii()),
        }
    }
}

/// The input ended in the middle of a run (`FF` or `FF L` were its last bytes).
///
/// The C decompressor has no answer for this: it would take `EOF` (-1) for the missing
/// length or value. The Rust decompressors stop there and return this error, after
/// producing every byte that came before the escape.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TruncatedEscape {
    /// The input ended right after the `FF`.
    MissingLength,
    /// The input ended after `FF L`: the byte to repeat is missing.
    MissingValue {
        /// The length that had been read.
        len: u8,
    },
}

impl fmt::Display for TruncatedEscape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TruncatedEscape::MissingLength => {
                write!(
                    f,
                    "the input ends after an escape byte FF: its length is missing"
                )
            }
            TruncatedEscape::MissingValue { len } => write!(
                f,
                "the input ends after FF {len:02X}: the byte to repeat is missing"
            ),
        }
    }
}

impl std::error::Error for TruncatedEscape {}

/// The test vectors of the decompressor: compressed input and the bytes it stands for.
pub const DECOMPRESSOR_VECTORS: &[(&[u8], &[u8])] = &[
    (&[], &[]),
    (b"abc", b"abc"),
    (&[0xFF, 0x03, 0x41], b"AAA"),
    (&[0x41, 0xFF, 0x02, 0x20, 0x42], b"A  B"),
    (&[0xFF, 0x01, 0xFF], &[0xFF]),
    (&[0xFF, 0xFF, 0x2A], &[0x2A; 255]),
    (&[0xFF, 0x00, 0x41, 0x42], b"B"),
];

/// The test vectors of the parser: input bytes and the tokens they group into. The last
/// two end inside a word: the C code then adds a PUNCT holding EOF; this port does not.
pub fn parser_vectors() -> Vec<(&'static [u8], Vec<Token>)> {
    let w = Token::word;
    let p = Token::Punct;
    vec![
        (
            b"Hello, world!\n",
            vec![w("Hello"), p(b','), p(b' '), w("world"), p(b'!'), p(b'\n')],
        ),
        (b"", vec![]),
        (b"abc123", vec![w("abc"), p(b'1'), p(b'2'), p(b'3')]),
        (b"  ", vec![p(b' '), p(b' ')]),
        (&[0xE9], vec![p(0xE9)]),
        (b"ab", vec![w("ab")]),
        (b"x", vec![w("x")]),
    ]
}

/// The sample the pipeline runs on when given no file: the article's pipeline vector.
/// It decompresses to `"Hello, !!!"`.
pub const SAMPLE: &[u8] = &[
    0x48, 0x65, 0xFF, 0x02, 0x6C, 0x6F, 0x2C, 0x20, 0xFF, 0x03, 0x21,
];

/// Formats bytes as space-separated hex (`48 65 FF`), the way the vectors are written.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, byte) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{byte:02X}"));
    }
    out
}
