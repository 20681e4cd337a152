//! The conventional fix, for contrast: both programs rewritten as explicit state machines.
//!
//! `coro_article::machines` ports the article's rewrites: the decompressor keeps a run
//! counter checked on every call, the parser a state variable tested on entry. They work,
//! and they no longer read like the algorithm. The example drives them with a loop and
//! shows the one place where the rewrite changed the result: `FF 00 41` (zero copies of
//! `A`) gives one `A`.
//!
//! Run it with `cargo run --example state_machines`.

use coro_article::machines::{Decompressor, Parser};
use coro_article::{caller, hex, DECOMPRESSOR_VECTORS};

fn main() {
    println!("decompressor state machine against the caller form:");
    for &(input, _) in DECOMPRESSOR_VECTORS {
        let mut machine = Decompressor::new(input.iter().copied());
        let mut by_machine = Vec::new();
        while let Ok(Some(byte)) = machine.call() {
            by_machine.push(byte);
        }
        let mut by_caller = Vec::new();
        let _ = caller::decompress(input.iter().copied(), |b| by_caller.push(b));
        let verdict = if by_machine == by_caller {
            "same"
        } else {
            "DIFFERENT"
        };
        println!(
            "  {:<16} machine {:<12} caller {:<12} {verdict}",
            hex(input),
            short(&by_machine),
            short(&by_caller)
        );
    }

    println!();
    println!("parser state machine, one call per byte:");
    let mut tokens = Vec::new();
    let mut parser = Parser::new(|t| tokens.push(t));
    for &byte in b"ab, cd" {
        parser.call(Some(byte));
        println!(
            "  call(Some('{}')) -> state {:?}",
            byte.escape_ascii(),
            parser.state()
        );
    }
    parser.call(None);
    println!("  call(None)       -> state {:?}", parser.state());
    drop(parser);
    for token in tokens {
        println!("  {token}");
    }
}

/// Bytes as an escaped string, cut short when long.
fn short(bytes: &[u8]) -> String {
    if bytes.len() > 8 {
        format!("\"{}...\"x{}", bytes[..3].escape_ascii(), bytes.len())
    } else {
        format!("\"{}\"", bytes.escape_ascii())
    }
}
