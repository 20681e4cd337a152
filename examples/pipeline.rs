//! The article's whole point, running: the decompressor feeding the parser, both as
//! coroutines, with a driver loop passing each byte across.
//!
//! ```text
//! cargo run --example pipeline                  # the built-in sample
//! cargo run --example pipeline -- FILE          # a run-length compressed file of yours
//! cargo run --example pipeline -- --step [FILE] # one line per resume
//! cargo run --example pipeline -- --html OUT.html [FILE] # a page that steps through it
//! ```
//!
//! The built-in sample is the article's pipeline vector, `48 65 FF 02 6C 6F 2C 20 FF 03 21`,
//! which decompresses to `Hello, !!!`. In the input format, `FF L C` stands for `L` copies
//! of the byte `C`, and any other byte for itself.
//!
//! With `--step`, every resume prints a line: which coroutine ran, what it was resumed with,
//! what it yielded, and where it is suspended now (the source line and the `yield_!` it
//! stopped at, and the values it keeps there, in hexadecimal), read from
//! `coro::Locate::location` and `coro::Locate::held`. Tokens
//! appear under the parser resume that finished them. Watch control go back and forth: the
//! decompressor yields a byte, the parser takes it and asks for the next.
//!
//! With `--html OUT.html`, the same recording becomes one self-contained page (open it in
//! any browser, no network needed): both coroutines side by side, each with its source and
//! its state diagram, the current `yield_!` and state highlighted, the values held, and the
//! log of resumes, with Back, Step and Run.

use std::process::ExitCode;

use coro_article::page::page;
use coro_article::pipeline::Arrangement;
use coro_article::step::{record, step_trace};
use coro_article::{hex, SAMPLE};

fn main() -> ExitCode {
    const USAGE: &str = "usage: pipeline [--step | --html OUT.html] [FILE]";
    let mut step = false;
    let mut html = None;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--step" => step = true,
            "--html" => match args.next() {
                Some(out) => html = Some(out),
                None => {
                    eprintln!("pipeline: --html needs the output file\n{USAGE}");
                    return ExitCode::FAILURE;
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() && !arg.starts_with('-') => file = Some(arg),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let input = match &file {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("pipeline: cannot read {path}: {error}");
                return ExitCode::FAILURE;
            }
        },
        None => SAMPLE.to_vec(),
    };

    if let Some(out) = html {
        let recording = record(&input);
        if let Err(error) = std::fs::write(&out, page(&recording).html()) {
            eprintln!("pipeline: cannot write {out}: {error}");
            return ExitCode::FAILURE;
        }
        println!(
            "wrote {out}: {} resumes of the pipeline; open it in a browser",
            recording.steps.len()
        );
        return ExitCode::SUCCESS;
    }
    let parsed = if step {
        // The trace says everything, including the input and every token.
        let (trace, parsed) = step_trace(&input);
        print!("{trace}");
        parsed
    } else {
        if input.len() <= 64 {
            println!("input: {}", hex(&input));
        } else {
            println!("input: {} bytes", input.len());
        }
        let parsed = Arrangement::BothCoroutines.run(&input);
        for token in &parsed.tokens {
            println!("{token}");
        }
        parsed
    };

    match parsed.end {
        Ok(()) => ExitCode::SUCCESS,
        Err(truncated) => {
            eprintln!("pipeline: {truncated}");
            ExitCode::FAILURE
        }
    }
}
