//! The workloads with diapause 0.2, the stable proc-macro peer: `#[diapause::coroutine]`
//! rewrites each function into a nameable state enum (`count::State`, ...).
//!
//! diapause needs a written type for every local held across a yield, and a pattern binding
//! that crosses one must be re-bound with an annotation first; those lines are the only
//! differences from the coro versions. Its `start()` takes no argument, so the parser's first
//! byte is a constructor argument instead of a resume argument (same number of steps).

use diapause::{Coroutine, CoroutineState};

use crate::{is_alpha, large_step, Parsed, Sizes, Word};

/// count: yields `0..n`.
#[diapause::coroutine(yield = u64)]
pub fn count(n: u64) {
    for i in 0u64..n {
        yield_!(i);
    }
}

/// rle: the article's decompressor.
#[diapause::coroutine(yield = u8)]
pub fn rle<'a>(input: &'a [u8]) {
    let mut bytes: core::slice::Iter<'a, u8> = input.iter();
    while let Some(&c) = bytes.next() {
        if c == 0xFF {
            let (Some(&len), Some(&value)) = (bytes.next(), bytes.next()) else {
                return;
            };
            let run: u8 = len;
            let byte: u8 = value;
            for _ in 0u8..run {
                yield_!(byte);
            }
        } else {
            yield_!(c);
        }
    }
}

/// parse: the article's parser; the first byte is the constructor argument.
#[diapause::coroutine(yield = Parsed, resume = Option<u8>)]
pub fn parse(first: Option<u8>) -> Option<Word> {
    let mut c: Option<u8> = first;
    while let Some(byte) = c {
        let b: u8 = byte;
        if is_alpha(b) {
            let mut word: Word = Word::start(b);
            loop {
                c = yield_!(Parsed::More);
                match c {
                    Some(letter) if is_alpha(letter) => word.push(letter),
                    Some(other) => {
                        c = yield_!(Parsed::WordPunct(word, other));
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

/// large_state: a `[u64; 32]` buffer live across every yield.
#[diapause::coroutine(yield = u64)]
pub fn large_state(n: u64) {
    let mut buf: [u64; 32] = [0u64; 32];
    for i in 0u64..n {
        let s = (i % 32) as usize;
        buf[s] = large_step(buf[s], i);
        yield_!(buf[s]);
    }
}

/// nested: two nested loops yielding `i ^ j`.
#[diapause::coroutine(yield = u64)]
pub fn nested(a: u64, b: u64) {
    for i in 0u64..a {
        for j in 0u64..b {
            yield_!(i ^ j);
        }
    }
}

/// Drives a coroutine to its end: `start()`, then `resume(())` until it completes.
#[inline]
fn drive<Y>(mut c: impl Coroutine<Yield = Y, Return = ()>, mut sink: impl FnMut(Y)) {
    let mut step = c.start();
    while let CoroutineState::Yielded(x) = step {
        sink(x);
        step = c.resume(());
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

/// Runs parse: `start()` feeds the first byte, then one resume per byte, then `None`.
#[inline]
pub fn run_parse(input: &[u8], mut sink: impl FnMut(Parsed)) {
    let mut p = parse(input.first().copied());
    let mut step = p.start();
    for &b in input.iter().skip(1) {
        match step {
            CoroutineState::Yielded(s) => sink(s),
            CoroutineState::Complete(_) => unreachable!("the parser ends only at None"),
        }
        step = p.resume(Some(b));
    }
    if !input.is_empty() {
        match step {
            CoroutineState::Yielded(s) => sink(s),
            CoroutineState::Complete(_) => unreachable!("the parser ends only at None"),
        }
        step = p.resume(None);
    }
    match step {
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
        parse: size_of_val(&parse(None)),
        large_state: size_of_val(&large_state(0)),
        nested: size_of_val(&nested(0, 0)),
    }
}
