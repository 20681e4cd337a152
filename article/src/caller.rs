//! Both programs as the article first writes them: each one the caller, owning its loop.
//!
//! The decompressor reads its input itself and pushes every output byte into `emit`; the
//! parser pulls every input byte from `getchar` and pushes every token into `got_token`.
//! Each reads exactly like the algorithm it implements. The trouble starts when they have to
//! be connected: `emit` would have to call into the middle of the parser's loop, or
//! `getchar` into the middle of the decompressor's. [`crate::coroutines`] solves that
//! without changing either shape; [`crate::machines`] shows the conventional rewrite.

use crate::{is_letter, Token, TruncatedEscape, ESCAPE};

/// The run-length decompressor, in caller form.
///
/// Reads `input` to its end: a byte other than `FF` goes to `emit` as is; `FF L C` sends
/// `L` copies of `C`. Where the C version ends by emitting an `EOF` marker, this one
/// returns: `Ok(())` at the end of the input, or [`TruncatedEscape`] when the input stops
/// inside an escape (after emitting everything before it).
///
/// ```
/// let mut out = Vec::new();
/// let end = coro_article::caller::decompress([0x41, 0xFF, 0x02, 0x20, 0x42], |b| out.push(b));
/// assert_eq!((out, end), (b"A  B".to_vec(), Ok(())));
/// ```
pub fn decompress(
    input: impl IntoIterator<Item = u8>,
    mut emit: impl FnMut(u8),
) -> Result<(), TruncatedEscape> {
    let mut getchar = input.into_iter();
    while let Some(c) = getchar.next() {
        if c == ESCAPE {
            let len = getchar.next().ok_or(TruncatedEscape::MissingLength)?;
            let value = getchar
                .next()
                .ok_or(TruncatedEscape::MissingValue { len })?;
            for _ in 0..len {
                emit(value);
            }
        } else {
            emit(c);
        }
    }
    Ok(())
}

/// The parser, in caller form.
///
/// Pulls bytes from `getchar` until it returns `None` and hands every token to
/// `got_token`: a maximal run of letters is a `WORD`, any other byte is a `PUNCT` of its
/// own. It never calls `getchar` again after the `None`.
///
/// The first read sits before the loop and the next one at its bottom, so that
/// [`crate::coroutines::parse`] can be the same text with each `getchar()` replaced.
///
/// ```
/// use coro_article::{caller, Token};
///
/// let mut input = b"hi!".iter().copied();
/// let mut tokens = Vec::new();
/// caller::parse(|| input.next(), |t| tokens.push(t));
/// assert_eq!(tokens, [Token::word("hi"), Token::Punct(b'!')]);
/// ```
pub fn parse(mut getchar: impl FnMut() -> Option<u8>, mut got_token: impl FnMut(Token)) {
    let mut c = getchar();
    while let Some(mut byte) = c {
        if is_letter(byte) {
            // The article's `do { add_to_token(c); c = getchar(); } while (isalpha(c));`
            let mut word = Vec::new();
            loop {
                word.push(byte);
                c = getchar();
                match c {
                    Some(next) if is_letter(next) => byte = next,
                    _ => break,
                }
            }
            got_token(Token::Word(word));
            // The byte that ended the word becomes a PUNCT below. If it was the end of
            // the input, the C code makes a PUNCT of EOF; we stop instead (quirk fixed).
            let Some(next) = c else { break };
            byte = next;
        }
        got_token(Token::Punct(byte));
        c = getchar();
    }
}
