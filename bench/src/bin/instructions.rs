//! Runs each coro workload once on a fixed input, each inside a function of its own that is
//! never inlined, so that `bench/instructions.sh` can count the instructions each one takes
//! under callgrind (`valgrind --tool=callgrind --toggle-collect=..`). Instruction counts,
//! unlike times, are exact and repeatable on a busy machine: a change to what the macro
//! emits that costs or saves work in a resume moves them, and nothing else does.
//!
//! `cargo run -p coro-bench --release --bin instructions` prints the checksums (so the work
//! cannot be optimised away); the counts come from the script.

use std::hint::black_box;

use coro_bench::{coro_impl, hand, input, Parsed, Sum};

/// Items of the count, large_state and nested workloads; kept small so callgrind is quick.
const N: u64 = 100_000;

#[inline(never)]
fn measure_count() -> u64 {
    let mut sum = Sum::default();
    coro_impl::run_count(black_box(N), |x| sum.add(x));
    sum.0
}

#[inline(never)]
fn measure_rle(data: &[u8]) -> u64 {
    let mut sum = Sum::default();
    coro_impl::run_rle(black_box(data), |x| sum.add(u64::from(x)));
    sum.0
}

#[inline(never)]
fn measure_parse(text: &[u8]) -> u64 {
    let mut sum = Sum::default();
    coro_impl::run_parse(black_box(text), |x| sum.add(Parsed::key(x)));
    sum.0
}

#[inline(never)]
fn measure_large_state() -> u64 {
    let mut sum = Sum::default();
    coro_impl::run_large_state(black_box(N), |x| sum.add(x));
    sum.0
}

#[inline(never)]
fn measure_nested() -> u64 {
    let mut sum = Sum::default();
    coro_impl::run_nested(black_box(316), black_box(316), |x| sum.add(x));
    sum.0
}

fn main() {
    let data = input::rle(100_000);
    let text = input::text(100_000);
    let sums = [
        ("count", measure_count()),
        ("rle", measure_rle(&data)),
        ("parse", measure_parse(&text)),
        ("large_state", measure_large_state()),
        ("nested", measure_nested()),
    ];
    // The hand-written rle gives the same checksum: the work above was really done.
    let mut hand_rle = Sum::default();
    hand::run_rle(&data, |x| hand_rle.add(u64::from(x)));
    assert_eq!(
        sums[1].1, hand_rle.0,
        "coro's rle disagrees with the hand-written one"
    );
    for (name, sum) in sums {
        println!("{name:<12} checksum {sum:#018x}");
    }
}
