//! The run-length decompressor as a producer coroutine.
//!
//! `coro_article::coroutines::decompress` is the caller-form decompressor with `emit(c)`
//! turned into `yield_!(c)`. Each `resume` runs it to its next output byte, so it reads
//! its input lazily: this example counts the input bytes read before every yield.
//!
//! Run it with `cargo run --example decompress`.

use std::cell::Cell;

use coro::{Coroutine, CoroutineState};
use coro_article::coroutines::decompress;
use coro_article::{hex, DECOMPRESSOR_VECTORS};

fn main() {
    // Every vector of the article, and two truncated escapes.
    let truncated: [&[u8]; 2] = [&[0x41, 0xFF], &[0x41, 0xFF, 0x03]];
    let inputs = DECOMPRESSOR_VECTORS
        .iter()
        .map(|(input, _)| *input)
        .chain(truncated);
    for input in inputs {
        let reads = Cell::new(0);
        // The input iterator counts what the coroutine pulls out of it.
        let counted = input
            .iter()
            .copied()
            .inspect(|_| reads.set(reads.get() + 1));
        let mut d = decompress(counted);
        let shown_input = if input.is_empty() {
            "(empty)".to_owned()
        } else {
            hex(input)
        };
        print!("{shown_input:<16} ->");
        let mut last = 0;
        let mut shown = 0;
        loop {
            match d.resume(()) {
                CoroutineState::Yielded(byte) => {
                    // Print a few bytes with the reads that produced them, then elide.
                    if shown < 6 {
                        print!(" '{}'(+{})", byte.escape_ascii(), reads.get() - last);
                    } else if shown == 6 {
                        print!(" ...");
                    }
                    shown += 1;
                    last = reads.get();
                }
                CoroutineState::Complete(end) => {
                    println!("  [{shown} in all, then {end:?}]");
                    break;
                }
            }
        }
    }
    println!();
    println!("(+n) is the number of input bytes read by the resume that yielded the byte:");
    println!("FF 03 41 reads all three for the first A and nothing for the other two.");
}
