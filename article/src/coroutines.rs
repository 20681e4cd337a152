//! Both programs as `#[coro::coroutine]` functions: the article's goal, reached.
//!
//! Put each next to its caller form in [`crate::caller`]: the text is the same, with one
//! substitution on the side that faces the other program.
//!
//! * The **decompressor** becomes a producer: `emit(c)` becomes `yield_!(c)`. It still
//!   reads its own input as before.
//! * The **parser** becomes a consumer: `getchar()` becomes `yield_!(())`, which suspends
//!   and evaluates to the byte the next `resume` brings. The very first byte arrives with
//!   the first `resume` and is bound by the `#[resume]` parameter, so none is lost. It still
//!   hands its tokens to `got_token`, because one byte can finish two tokens (`,` after a
//!   word gives `WORD` and `PUNCT`), and a yield hands out one value.
//!
//! Every local that lives across a `yield_!` (the input iterator, the run counter, the word
//! being built) is kept in the coroutine value itself: no `static`, no heap, as many
//! instances as you like.

use coro::{yield_, Coroutine};

use crate::{is_letter, Token, TruncatedEscape, ESCAPE};

/// The run-length decompressor as a producer coroutine: each `resume(())` yields the next
/// output byte, and it completes with `Ok(())` at the end of the input, or with
/// [`TruncatedEscape`] if the input stops inside an escape.
///
/// It is lazy: it reads input only when asked for a byte (`FF 03 41`: the first resume reads
/// all three, the next two none). `IntoIter: Debug` lets a watcher see the input left.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let mut d = coro_article::coroutines::decompress([0xFF, 0x02, b'z']);
/// assert_eq!(d.resume(()), CoroutineState::Yielded(b'z'));
/// assert_eq!(d.resume(()), CoroutineState::Yielded(b'z'));
/// assert_eq!(d.resume(()), CoroutineState::Complete(Ok(())));
/// ```
#[coro::coroutine]
pub fn decompress<I: IntoIterator<Item = u8, IntoIter: std::fmt::Debug>>(
    input: I,
) -> impl Coroutine<Yield = u8, Return = Result<(), TruncatedEscape>> {
    let mut getchar = input.into_iter();
    while let Some(c) = getchar.next() {
        // A `yield_!` inside a `match`: the C macros could not do this (the `case` labels
        // they plant would belong to the inner `switch`).
        match c {
            ESCAPE => {
                let len = getchar.next().ok_or(TruncatedEscape::MissingLength)?;
                let value = getchar
                    .next()
                    .ok_or(TruncatedEscape::MissingValue { len })?;
                for _ in 0..len {
                    yield_!(value);
                }
            }
            byte => yield_!(byte),
        }
    }
    Ok(())
}

/// The parser as a consumer coroutine: each `resume(Some(byte))` feeds one byte, and
/// `resume(None)` ends the input. Tokens go to `got_token` as soon as they are finished;
/// the coroutine yields `()` whenever it wants the next byte, and completes after `None`.
///
/// Resuming with `a` and then `b` hands out nothing; resuming with `,` then gives
/// `WORD "ab"` and `PUNCT ","`.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
/// use coro_article::Token;
///
/// let mut tokens = Vec::new();
/// let mut p = coro_article::coroutines::parse(|t| tokens.push(t));
/// assert_eq!(p.resume(Some(b'o')), CoroutineState::Yielded(()));
/// assert_eq!(p.resume(Some(b'k')), CoroutineState::Yielded(()));
/// assert_eq!(p.resume(None), CoroutineState::Complete(()));
/// drop(p);
/// assert_eq!(tokens, [Token::word("ok")]);
/// ```
#[coro::coroutine]
pub fn parse(
    #[resume] first: Option<u8>,
    mut got_token: impl FnMut(Token),
) -> impl Coroutine<Option<u8>, Yield = (), Return = ()> {
    // The caller form's first `getchar()`: the byte came with the first resume.
    let mut c = first;
    while let Some(mut byte) = c {
        if is_letter(byte) {
            let mut word = Vec::new();
            loop {
                word.push(byte);
                c = yield_!(());
                match c {
                    Some(next) if is_letter(next) => byte = next,
                    _ => break,
                }
            }
            got_token(Token::Word(word));
            // End of input right after a word: the WORD alone (the C quirk, fixed).
            let Some(next) = c else { break };
            byte = next;
        }
        got_token(Token::Punct(byte));
        c = yield_!(());
    }
}
