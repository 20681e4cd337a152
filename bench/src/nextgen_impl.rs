//! The workloads with next-gen: `#[generator]` functions compiled to `async` state machines,
//! pinned on the caller's stack by `mk_gen!` (no allocation). Its `resume(T) as binding` form
//! keeps the first resume argument, so the parser needs no priming resume.

use next_gen::prelude::*;

use crate::{is_alpha, large_step, Parsed, Sizes, Word};

/// count: yields `0..n`.
#[generator(yield(u64))]
pub fn count(n: u64) {
    for i in 0..n {
        yield_!(i);
    }
}

/// rle: the article's decompressor.
#[generator(yield(u8))]
pub fn rle(input: &[u8]) {
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

/// parse: the article's parser; the first byte is bound by `resume(..) as mut c`.
#[generator(yield(Parsed), resume(Option<u8>) as mut c)]
pub fn parse() -> Option<Word> {
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

/// large_state: a `[u64; 32]` buffer live across every yield.
#[generator(yield(u64))]
pub fn large_state(n: u64) {
    let mut buf = [0u64; 32];
    for i in 0..n {
        let s = (i % 32) as usize;
        buf[s] = large_step(buf[s], i);
        yield_!(buf[s]);
    }
}

/// nested: two nested loops yielding `i ^ j`.
#[generator(yield(u64))]
pub fn nested(a: u64, b: u64) {
    for i in 0..a {
        for j in 0..b {
            yield_!(i ^ j);
        }
    }
}

/// Runs count.
pub fn run_count(n: u64, mut sink: impl FnMut(u64)) {
    mk_gen!(let mut gen = count(n));
    while let GeneratorState::Yielded(x) = gen.as_mut().resume(()) {
        sink(x);
    }
}

/// Runs rle.
pub fn run_rle(input: &[u8], mut sink: impl FnMut(u8)) {
    mk_gen!(let mut gen = rle(input));
    while let GeneratorState::Yielded(x) = gen.as_mut().resume(()) {
        sink(x);
    }
}

/// Runs parse: one resume per byte, then `None`.
pub fn run_parse(input: &[u8], mut sink: impl FnMut(Parsed)) {
    mk_gen!(let mut gen = parse());
    for &b in input {
        match gen.as_mut().resume(Some(b)) {
            GeneratorState::Yielded(step) => sink(step),
            GeneratorState::Returned(_) => unreachable!("the parser ends only at None"),
        }
    }
    match gen.as_mut().resume(None) {
        GeneratorState::Returned(Some(w)) => sink(Parsed::Word(w)),
        GeneratorState::Returned(None) => {}
        GeneratorState::Yielded(_) => unreachable!("the parser completes at None"),
    }
}

/// Runs large_state.
pub fn run_large_state(n: u64, mut sink: impl FnMut(u64)) {
    mk_gen!(let mut gen = large_state(n));
    while let GeneratorState::Yielded(x) = gen.as_mut().resume(()) {
        sink(x);
    }
}

/// Runs nested.
pub fn run_nested(a: u64, b: u64, mut sink: impl FnMut(u64)) {
    mk_gen!(let mut gen = nested(a, b));
    while let GeneratorState::Yielded(x) = gen.as_mut().resume(()) {
        sink(x);
    }
}

/// Sizes of the pinned generators (`GeneratorFn`: the future plus next-gen's value slot).
pub fn sizes() -> Sizes {
    use core::mem::size_of_val;
    Sizes {
        count: {
            mk_gen!(let gen = count(0));
            size_of_val(&*gen)
        },
        rle: {
            mk_gen!(let gen = rle(&[]));
            size_of_val(&*gen)
        },
        parse: {
            mk_gen!(let gen = parse());
            size_of_val(&*gen)
        },
        large_state: {
            mk_gen!(let gen = large_state(0));
            size_of_val(&*gen)
        },
        nested: {
            mk_gen!(let gen = nested(0, 0));
            size_of_val(&*gen)
        },
    }
}
