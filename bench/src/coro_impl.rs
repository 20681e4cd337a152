//! The workloads as `#[coro::coroutine]` functions, written the way the article's C reads.

use coro::{yield_, Coroutine, CoroutineState};

use crate::{is_alpha, large_step, Parsed, Sizes, TruncatedEscape, Word, ESCAPE};

/// count: yields `0..n`.
#[coro::coroutine]
pub fn count(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
    for i in 0..n {
        yield_!(i);
    }
}

/// rle: the article's decompressor. A truncated escape at the end of input ends the output.
#[coro::coroutine]
pub fn rle<'a>(input: &'a [u8]) -> impl Coroutine<Yield = u8, Return = ()> + 'a {
    let mut bytes = input.iter();
    while let Some(&c) = bytes.next() {
        if c == 0xFF {
            let (Some(&len), Some(&value)) = (bytes.next(), bytes.next()) else {
                return;
            };
            for _ in 0..len {
                yield_!(value);
            }
        } else {
            yield_!(c);
        }
    }
}

/// rle_article: the article's decompressor as `coro-article` writes it (`match` on the
/// escape, `?` on a truncated one, any iterator of bytes), word for word.
#[coro::coroutine]
pub fn rle_article<I: IntoIterator<Item = u8, IntoIter: std::fmt::Debug>>(
    input: I,
) -> impl Coroutine<Yield = u8, Return = Result<(), TruncatedEscape>> {
    let mut getchar = input.into_iter();
    while let Some(c) = getchar.next() {
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

/// parse: the article's parser, fed one byte per resume (`None` at the end). The first byte
/// arrives with the first resume; the final `None` completes it with the word it closed.
#[coro::coroutine]
pub fn parse(
    #[resume] first: Option<u8>,
) -> impl Coroutine<Option<u8>, Yield = Parsed, Return = Option<Word>> {
    let mut c = first;
    while let Some(b) = c {
        if is_alpha(b) {
            let mut word = Word::start(b);
            loop {
                c = yield_!(Parsed::More);
                match c {
                    Some(b) if is_alpha(b) => word.push(b),
                    Some(b) => {
                        c = yield_!(Parsed::WordPunct(word, b));
                        break;
                    }
                    None => return Some(word),
                }
            }
        } else {
            c = yield_!(Parsed::Punct(b));
        }
    }
    None
}

/// large_state: a `[u64; 32]` buffer live across every yield, one slot updated per yield.
#[coro::coroutine]
pub fn large_state(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
    let mut buf = [0u64; 32];
    for i in 0..n {
        let s = (i % 32) as usize;
        buf[s] = large_step(buf[s], i);
        yield_!(buf[s]);
    }
}

/// nested: two nested loops yielding `i ^ j`.
#[coro::coroutine]
pub fn nested(a: u64, b: u64) -> impl Coroutine<Yield = u64, Return = ()> {
    for i in 0..a {
        for j in 0..b {
            yield_!(i ^ j);
        }
    }
}

/// borrowed: a loop over a borrow of the coroutine's own `Vec<u64>`, held across the yield
/// (issue 15: the state holds the vector and the loop's position, and each resume makes the
/// iterator again).
#[coro::coroutine]
pub fn borrowed(items: Vec<u64>) -> impl Coroutine<Yield = u64, Return = ()> {
    for x in &items {
        yield_!(*x);
    }
}

/// Runs borrowed.
#[inline]
pub fn run_borrowed(items: Vec<u64>, sink: impl FnMut(u64)) {
    drive(borrowed(items), sink);
}

/// Drives a `()`-resumed coroutine to its end, handing every yield to `sink`.
#[inline]
fn drive<Y>(mut c: impl Coroutine<Yield = Y, Return = ()>, mut sink: impl FnMut(Y)) {
    while let CoroutineState::Yielded(x) = c.resume(()) {
        sink(x);
    }
}

/// Runs count.
#[inline]
pub fn run_count(n: u64, sink: impl FnMut(u64)) {
    drive(count(n), sink);
}

/// Runs rle.
#[inline]
pub fn run_rle(input: &[u8], sink: impl FnMut(u8)) {
    drive(rle(input), sink);
}

/// Runs rle_article over `input.iter().copied()`; its completion value is returned.
#[inline]
pub fn run_rle_article(input: &[u8], mut sink: impl FnMut(u8)) -> Result<(), TruncatedEscape> {
    let mut d = rle_article(input.iter().copied());
    loop {
        match d.resume(()) {
            CoroutineState::Yielded(x) => sink(x),
            CoroutineState::Complete(r) => return r,
        }
    }
}

/// Runs parse: one resume per byte, then `None`.
#[inline]
pub fn run_parse(input: &[u8], mut sink: impl FnMut(Parsed)) {
    let mut p = parse();
    for &b in input {
        match p.resume(Some(b)) {
            CoroutineState::Yielded(step) => sink(step),
            CoroutineState::Complete(_) => unreachable!("the parser ends only at None"),
        }
    }
    match p.resume(None) {
        CoroutineState::Complete(Some(w)) => sink(Parsed::Word(w)),
        CoroutineState::Complete(None) => {}
        CoroutineState::Yielded(_) => unreachable!("the parser completes at None"),
    }
}

/// Runs large_state.
#[inline]
pub fn run_large_state(n: u64, sink: impl FnMut(u64)) {
    drive(large_state(n), sink);
}

/// Runs nested.
#[inline]
pub fn run_nested(a: u64, b: u64, sink: impl FnMut(u64)) {
    drive(nested(a, b), sink);
}

/// Sizes of the coroutines.
pub fn sizes() -> Sizes {
    use core::mem::size_of_val;
    Sizes {
        count: size_of_val(&count(0)),
        rle: size_of_val(&rle(&[])),
        parse: size_of_val(&parse()),
        large_state: size_of_val(&large_state(0)),
        nested: size_of_val(&nested(0, 0)),
    }
}
