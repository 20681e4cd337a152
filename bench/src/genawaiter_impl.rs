//! The workloads with genawaiter's stack flavour: `async fn` producers driven as generators,
//! pinned on the caller's stack by `let_gen_using!` (no allocation).
//!
//! genawaiter loses the first resume argument (its docs say so: no `.await` is pending yet when
//! it arrives), so the parser starts with one priming yield that the driver resumes with a
//! dummy `None` and whose value it discards.

use core::future::Future;

use genawaiter::stack::{let_gen_using, Co, Shelf};
use genawaiter::GeneratorState;

use crate::{is_alpha, large_step, Parsed, Sizes, Word};

/// count: yields `0..n`.
pub async fn count(co: Co<'_, u64>, n: u64) {
    for i in 0..n {
        co.yield_(i).await;
    }
}

/// rle: the article's decompressor.
pub async fn rle(co: Co<'_, u8>, input: &[u8]) {
    let mut bytes = input.iter();
    while let Some(&c) = bytes.next() {
        if c == 0xFF {
            let (Some(&len), Some(&value)) = (bytes.next(), bytes.next()) else {
                return;
            };
            for _ in 0..len {
                co.yield_(value).await;
            }
        } else {
            co.yield_(c).await;
        }
    }
}

/// parse: the article's parser, with a priming yield (the first resume argument is lost).
pub async fn parse(co: Co<'_, Parsed, Option<u8>>) -> Option<Word> {
    let mut c = co.yield_(Parsed::More).await;
    while let Some(b) = c {
        if is_alpha(b) {
            let mut word = Word::start(b);
            loop {
                c = co.yield_(Parsed::More).await;
                match c {
                    Some(b) if is_alpha(b) => word.push(b),
                    Some(b) => {
                        c = co.yield_(Parsed::WordPunct(word, b)).await;
                        break;
                    }
                    None => return Some(word),
                }
            }
        } else {
            c = co.yield_(Parsed::Punct(b)).await;
        }
    }
    None
}

/// large_state: a `[u64; 32]` buffer live across every yield.
pub async fn large_state(co: Co<'_, u64>, n: u64) {
    let mut buf = [0u64; 32];
    for i in 0..n {
        let s = (i % 32) as usize;
        buf[s] = large_step(buf[s], i);
        co.yield_(buf[s]).await;
    }
}

/// nested: two nested loops yielding `i ^ j`.
pub async fn nested(co: Co<'_, u64>, a: u64, b: u64) {
    for i in 0..a {
        for j in 0..b {
            co.yield_(i ^ j).await;
        }
    }
}

/// The size of the `Shelf` that `let_gen_using!` puts on the stack for this producer: the
/// future plus genawaiter's airlock (the value slot shared with the generator handle).
fn shelf_size<'s, Y: 's, R: 's, F: Future>(_producer: impl FnOnce(Co<'s, Y, R>) -> F) -> usize {
    core::mem::size_of::<Shelf<Y, R, F>>()
}

/// Sizes of the pinned state (`Shelf`) of each workload.
pub fn sizes() -> Sizes {
    Sizes {
        count: shelf_size(|co| count(co, 0)),
        rle: shelf_size(|co| rle(co, &[])),
        parse: shelf_size(parse),
        large_state: shelf_size(|co| large_state(co, 0)),
        nested: shelf_size(|co| nested(co, 0, 0)),
    }
}

/// Runs count.
pub fn run_count(n: u64, mut sink: impl FnMut(u64)) {
    let_gen_using!(gen, |co| count(co, n));
    while let GeneratorState::Yielded(x) = gen.resume() {
        sink(x);
    }
}

/// Runs rle.
pub fn run_rle(input: &[u8], mut sink: impl FnMut(u8)) {
    let_gen_using!(gen, |co| rle(co, input));
    while let GeneratorState::Yielded(x) = gen.resume() {
        sink(x);
    }
}

/// Runs parse: a priming resume, one resume per byte, then `None`.
pub fn run_parse(input: &[u8], mut sink: impl FnMut(Parsed)) {
    let_gen_using!(gen, |co| parse(co));
    let primed = gen.resume_with(None);
    debug_assert_eq!(primed, GeneratorState::Yielded(Parsed::More));
    for &b in input {
        match gen.resume_with(Some(b)) {
            GeneratorState::Yielded(step) => sink(step),
            GeneratorState::Complete(_) => unreachable!("the parser ends only at None"),
        }
    }
    match gen.resume_with(None) {
        GeneratorState::Complete(Some(w)) => sink(Parsed::Word(w)),
        GeneratorState::Complete(None) => {}
        GeneratorState::Yielded(_) => unreachable!("the parser completes at None"),
    }
}

/// Runs large_state.
pub fn run_large_state(n: u64, mut sink: impl FnMut(u64)) {
    let_gen_using!(gen, |co| large_state(co, n));
    while let GeneratorState::Yielded(x) = gen.resume() {
        sink(x);
    }
}

/// Runs nested.
pub fn run_nested(a: u64, b: u64, mut sink: impl FnMut(u64)) {
    let_gen_using!(gen, |co| nested(co, a, b));
    while let GeneratorState::Yielded(x) = gen.resume() {
        sink(x);
    }
}
