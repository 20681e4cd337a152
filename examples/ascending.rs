//! `coroutine.h`'s `ascending`: count 0..=9, finish with -1, with instances interleaved.
//!
//! The `scr` form of the C header keeps its state in statics: however many callers there
//! are, there is one counter, and interleaved callers steal each other's numbers. The
//! `ccr` form fixes that with a context each caller allocates and frees. The coroutine
//! needs neither: each `ascending()` is a small value of its own. Code in
//! `article/src/ascending.rs`.
//!
//! Run it with `cargo run --example ascending`.

use coro::{Coroutine, CoroutineState};
use coro_article::ascending::{ascending, ascending_shared};

fn main() {
    println!("scr form, three callers taking turns on the one shared counter:");
    for round in 0..5 {
        let got: Vec<i32> = (0..3).map(|_| ascending_shared()).collect();
        println!("  round {round}: {got:?}");
    }

    println!();
    println!("coroutines, three instances in an array, resumed round-robin:");
    // No allocation: the three coroutines sit in an array on the stack.
    let mut counters = [ascending(), ascending(), ascending()];
    println!(
        "  (each instance takes {} bytes)",
        std::mem::size_of_val(&counters[0])
    );
    // Start them at different moments so their counts are visibly out of step.
    counters[1].resume(());
    counters[2].resume(());
    counters[2].resume(());
    let mut done = [false; 3];
    let mut round = 0;
    while done.contains(&false) {
        let mut line = Vec::new();
        for (counter, done) in counters.iter_mut().zip(done.iter_mut()) {
            if *done {
                line.push("    ".to_owned());
                continue;
            }
            match counter.resume(()) {
                CoroutineState::Yielded(i) => line.push(format!("{i:>4}")),
                CoroutineState::Complete(end) => {
                    line.push(format!("{end:>4}"));
                    *done = true;
                }
            }
        }
        println!("  round {round:>2}: {}", line.join(""));
        round += 1;
    }
    // Resuming a finished instance would panic. To count again, make a new one; an
    // instance you no longer want (the `ccrAbort` case) is simply dropped.
}
