#!/usr/bin/env bash
# Compile time of 100 generated coroutines: coro against diapause.
#
# Generates two crates under $OUT (default: $CARGO_TARGET_DIR/compile-time, else
# /tmp/coro-compile-time), each with the same 100 coroutines (a `while` loop around a
# `match` whose arms yield, one through an inner `for` loop) and a function that drives all
# of them, so the resume code is compiled too. diapause's copy carries the type annotations it
# requires; otherwise the bodies are identical. After building the dependencies once, it
# touches the crate and times `cargo check`, a debug `cargo build` and a `cargo build
# --release` of the crate alone, RUNS times each, and prints the medians of wall time and of
# CPU time (user + sys) in seconds.
#
# Usage: bench/compile-time.sh [COUNT]   (COUNT coroutines, default 100; RUNS=3 by default;
# CRATES="ct_coro ct_diapause" by default)
set -euo pipefail

COUNT=${1:-100}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-${CARGO_TARGET_DIR:-/tmp/coro-compile-time}/compile-time}
export CARGO_TARGET_DIR="$OUT/target"
# Incremental caches would turn a rebuild of an unchanged crate into a no-op: measure a full
# compile of the crate.
export CARGO_INCREMENTAL=0
mkdir -p "$OUT"

gen_crate() { # name dependency-line
    local name=$1 dep=$2 dir="$OUT/$1"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$dep

[workspace]
EOF
    cp "$OUT/$name.rs" "$dir/src/lib.rs"
}

{
    echo '//! 100 generated coroutines for the compile-time comparison (coro).'
    echo 'use coro::{yield_, Coroutine, CoroutineState};'
    for ((i = 0; i < COUNT; i++)); do
        cat <<EOF

#[coro::coroutine]
pub fn c$i(n: u64, k: u64) -> impl Coroutine<Yield = u64, Return = u64> {
    let mut acc = ${i}u64;
    let mut i = 0u64;
    while i < n {
        match i % 3 {
            0 => {
                yield_!(acc ^ i);
            }
            1 => {
                for j in 0..k {
                    acc = acc.wrapping_add(j);
                    yield_!(j + $i);
                }
            }
            _ => {
                acc = acc.wrapping_mul(31).wrapping_add(i);
            }
        }
        i += 1;
    }
    acc
}
EOF
    done
    cat <<'EOF'

fn drive(mut c: impl Coroutine<Yield = u64, Return = u64>) -> u64 {
    let mut s = 0u64;
    loop {
        match c.resume(()) {
            CoroutineState::Yielded(x) => s = s.wrapping_add(x),
            CoroutineState::Complete(r) => return s ^ r,
        }
    }
}

pub fn drive_all(n: u64, k: u64) -> u64 {
    let mut s = 0u64;
EOF
    for ((i = 0; i < COUNT; i++)); do echo "    s ^= drive(c$i(n, k));"; done
    echo '    s'
    echo '}'
} >"$OUT/ct_coro.rs"

{
    echo '//! 100 generated coroutines for the compile-time comparison (diapause).'
    echo 'use diapause::{Coroutine, CoroutineState};'
    for ((i = 0; i < COUNT; i++)); do
        cat <<EOF

#[diapause::coroutine(yield = u64)]
pub fn c$i(n: u64, k: u64) -> u64 {
    let mut acc: u64 = ${i}u64;
    let mut i: u64 = 0u64;
    while i < n {
        match i % 3 {
            0 => {
                yield_!(acc ^ i);
            }
            1 => {
                for j in 0u64..k {
                    acc = acc.wrapping_add(j);
                    yield_!(j + $i);
                }
            }
            _ => {
                acc = acc.wrapping_mul(31).wrapping_add(i);
            }
        }
        i += 1;
    }
    acc
}
EOF
    done
    cat <<'EOF'

fn drive(mut c: impl Coroutine<Yield = u64, Return = u64>) -> u64 {
    let mut s = 0u64;
    let mut step = c.start();
    loop {
        match step {
            CoroutineState::Yielded(x) => s = s.wrapping_add(x),
            CoroutineState::Complete(r) => return s ^ r,
        }
        step = c.resume(());
    }
}

pub fn drive_all(n: u64, k: u64) -> u64 {
    let mut s = 0u64;
EOF
    for ((i = 0; i < COUNT; i++)); do echo "    s ^= drive(c$i(n, k));"; done
    echo '    s'
    echo '}'
} >"$OUT/ct_diapause.rs"

gen_crate ct_coro "coro = { package = \"stable-coro\", path = \"$ROOT\" }"
gen_crate ct_diapause 'diapause = { version = "0.2", default-features = false }'

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One timed compile: prints "wall cpu" in seconds (cpu = user + sys of cargo and rustc, which is
# far less disturbed than wall time when other processes share the machine).
time_once() { # dir cargo-args...
    local dir=$1 out
    shift
    touch "$dir/src/lib.rs"
    out=$( { TIMEFORMAT='%R %U %S'; time (cd "$dir" && cargo "$@" -q >/dev/null); } 2>&1 | tail -1)
    echo "$out" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

time_it() { # dir cargo-args... -> "median-wall median-cpu"
    local dir=$1 samples
    shift
    (cd "$dir" && cargo "$@" -q >/dev/null 2>&1) # dependencies, and a first build
    samples=$(for ((r = 0; r < RUNS; r++)); do time_once "$dir" "$@"; done)
    echo "$(echo "$samples" | cut -d' ' -f1 | median) $(echo "$samples" | cut -d' ' -f2 | median)"
}

echo "$COUNT coroutines per crate, median of $RUNS runs, seconds (crate only, dependencies prebuilt)"
echo "wall = elapsed time; cpu = user + sys time of cargo and rustc"
printf '%-10s %14s %14s %14s\n' crate 'check' 'build (debug)' 'build --release'
printf '%-10s %14s %14s %14s\n' '' 'wall / cpu' 'wall / cpu' 'wall / cpu'
for name in ${CRATES:-ct_coro ct_diapause}; do
    dir="$OUT/$name"
    read -r cw cc <<<"$(time_it "$dir" check)"
    read -r dw dc <<<"$(time_it "$dir" build)"
    read -r rw rc <<<"$(time_it "$dir" build --release)"
    printf '%-10s %6.2f / %5.2f %6.2f / %5.2f %6.2f / %5.2f\n' "${name#ct_}" "$cw" "$cc" "$dw" "$dc" "$rw" "$rc"
done
