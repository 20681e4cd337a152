//! The workloads as rustc's own coroutines (`#[coroutine] || { ... yield x; ... }`), the
//! yardstick a compiler transform sets. Compiled only with `RUSTC_BOOTSTRAP=1` (cfg
//! `coro_native`), since `coroutines` and `coroutine_trait` are unstable features.

use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;

use crate::{is_alpha, large_step, Parsed, Sizes, TruncatedEscape, Word, ESCAPE};

/// count: yields `0..n`.
pub fn count(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        for i in 0..n {
            yield i;
        }
    }
}

/// rle: the article's decompressor.
pub fn rle(input: &[u8]) -> impl Coroutine<Yield = u8, Return = ()> + Unpin + '_ {
    #[coroutine]
    move || {
        let mut bytes = input.iter();
        while let Some(&c) = bytes.next() {
            if c == 0xFF {
                let (Some(&len), Some(&value)) = (bytes.next(), bytes.next()) else {
                    return;
                };
                for _ in 0..len {
                    yield value;
                }
            } else {
                yield c;
            }
        }
    }
}

/// rle_article: the article's decompressor in `coro-article`'s form.
pub fn rle_article<I: IntoIterator<Item = u8>>(
    input: I,
) -> impl Coroutine<Yield = u8, Return = Result<(), TruncatedEscape>> + Unpin {
    #[coroutine]
    move || {
        let mut getchar = input.into_iter();
        while let Some(c) = getchar.next() {
            match c {
                ESCAPE => {
                    let len = getchar.next().ok_or(TruncatedEscape::MissingLength)?;
                    let value = getchar
                        .next()
                        .ok_or(TruncatedEscape::MissingValue { len })?;
                    for _ in 0..len {
                        yield value;
                    }
                }
                byte => yield byte,
            }
        }
        Ok(())
    }
}

/// parse: the article's parser; the closure parameter binds the first resume argument.
pub fn parse() -> impl Coroutine<Option<u8>, Yield = Parsed, Return = Option<Word>> + Unpin {
    #[coroutine]
    |first: Option<u8>| {
        let mut c = first;
        while let Some(b) = c {
            if is_alpha(b) {
                let mut word = Word::start(b);
                loop {
                    c = yield Parsed::More;
                    match c {
                        Some(b) if is_alpha(b) => word.push(b),
                        Some(b) => {
                            c = yield Parsed::WordPunct(word, b);
                            break;
                        }
                        None => return Some(word),
                    }
                }
            } else {
                c = yield Parsed::Punct(b);
            }
        }
        None
    }
}

/// large_state: a `[u64; 32]` buffer live across every yield.
pub fn large_state(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        let mut buf = [0u64; 32];
        for i in 0..n {
            let s = (i % 32) as usize;
            buf[s] = large_step(buf[s], i);
            yield buf[s];
        }
    }
}

/// nested: two nested loops yielding `i ^ j`.
pub fn nested(a: u64, b: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        for i in 0..a {
            for j in 0..b {
                yield i ^ j;
            }
        }
    }
}

/// borrowed: a `static` coroutine (the borrow of its own local held across the yield needs
/// one), pinned on the stack.
pub fn borrowed(items: Vec<u64>) -> impl Coroutine<Yield = u64, Return = ()> {
    #[coroutine]
    static move || {
        for x in &items {
            yield *x;
        }
    }
}

/// Runs borrowed.
#[inline]
pub fn run_borrowed(items: Vec<u64>, mut sink: impl FnMut(u64)) {
    let mut c = std::pin::pin!(borrowed(items));
    while let CoroutineState::Yielded(x) = c.as_mut().resume(()) {
        sink(x);
    }
}

/// Drives a `()`-resumed coroutine to its end.
#[inline]
fn drive<Y>(mut c: impl Coroutine<Yield = Y, Return = ()> + Unpin, mut sink: impl FnMut(Y)) {
    while let CoroutineState::Yielded(x) = Pin::new(&mut c).resume(()) {
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
        match Pin::new(&mut d).resume(()) {
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
        match Pin::new(&mut p).resume(Some(b)) {
            CoroutineState::Yielded(step) => sink(step),
            CoroutineState::Complete(_) => unreachable!("the parser ends only at None"),
        }
    }
    match Pin::new(&mut p).resume(None) {
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
