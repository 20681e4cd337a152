//! The article's first example, the counting function, written twice.
//!
//! Successive resumes give 0, 1, ..., 9; the eleventh completes. First as a hand-written
//! enum state machine that mirrors the C macros (`crBegin`, `crReturn`, `crFinish`, the
//! `__LINE__` state), then as `#[coro::coroutine]` writes it for you. Both live in
//! `article/src/counting.rs`, which is the file to read; this one runs them side by side.
//!
//! Run it with `cargo run --example counting`.

use coro::{Coroutine, CoroutineState, Locate};
use coro_article::counting::{counting, Counting};

fn main() {
    // By hand: the enum is the C function's `static int i, state`, as a value.
    let mut by_hand = Counting::new();
    // By the attribute: the same enum, generated from a plain `for` loop.
    let mut generated = counting();

    println!("resume  hand-written            #[coro::coroutine]");
    for n in 1..=11 {
        let a = by_hand.resume(());
        let b = generated.resume(());
        assert_eq!(a, b, "the two versions disagree");
        let shown = match a {
            CoroutineState::Yielded(i) => format!("yielded {i}"),
            CoroutineState::Complete(()) => "completed".to_owned(),
        };
        // The hand-written state shows itself through Debug; the generated one can say
        // which `yield_!` it is suspended at.
        println!(
            "{n:>6}  {:<22}  {shown:<10} {}",
            format!("{by_hand:?}"),
            where_is(&generated)
        );
    }
    // A twelfth resume would panic with "resumed after completion": in C, calling the
    // function again falls off its end, which is undefined behaviour.
}

/// Where the generated counter is, in a few words.
fn where_is(c: &impl Locate) -> String {
    match c.location() {
        coro::Location::Suspended(point) => format!("(at line {}: {})", point.line, point.expr),
        other => format!("({other:?})"),
    }
}
