//! The pipeline in all four arrangements of the article, printing the tokens of each.
//!
//! (a) the caller-form decompressor pushes into the parser coroutine; (b) the caller-form
//! parser pulls from the decompressor coroutine; (c) both are coroutines and a driver loop
//! connects them; (d) both are the article's state machines. The code is in
//! `article/src/pipeline.rs`. All four print the same tokens.
//!
//! Run it with `cargo run --example arrangements`.

use coro_article::pipeline::Arrangement;
use coro_article::{hex, SAMPLE};

fn main() {
    println!("input: {}", hex(SAMPLE));
    let mut results = Vec::new();
    for &arrangement in Arrangement::ALL {
        let parsed = arrangement.run(SAMPLE);
        println!("{}", arrangement.describe());
        for token in &parsed.tokens {
            println!("    {token}");
        }
        results.push(parsed);
    }
    let agree = results.windows(2).all(|pair| pair[0] == pair[1]);
    println!("all four agree: {agree}");
}
