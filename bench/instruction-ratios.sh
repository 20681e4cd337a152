#!/usr/bin/env bash
# Instructions each workload takes in the hand-written, coro and rustc-native versions,
# counted by callgrind, and coro's ratios to the other two (issue 12).
#
#   bench/instruction-ratios.sh     # needs valgrind (apt-get install valgrind)
#
# Builds `--bin instructions` of coro-bench in release with RUSTC_BOOTSTRAP=1 (which turns on
# the native versions, cfg(coro_native)), then runs each workload in each implementation once
# under callgrind, counting only inside its never-inlined `measure_IMPL_WORKLOAD` function of
# bench/src/bin/instructions.rs (100,000 items or input bytes). The counts are exact and the
# same on every run of the same binary. Workloads: those of the benchmarks (count, rle, parse,
# large_state, nested), rle_article, the article's own decompressor (`match`, `?`, any
# iterator of bytes; hand-written: the article's state-machine rewrite), and borrowed
# (issue 15: `for x in &v { yield_!(*x) }` over the coroutine's own `Vec<u64>`; hand-written:
# an iterator owning the vector and an index; native: a `static` coroutine pinned on the stack).
# Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instruction-ratios.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
RUSTC_BOOTSTRAP=1 cargo build -q -p coro-bench --release --bin instructions
bin=${CARGO_TARGET_DIR:-target}/release/instructions
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" >/dev/null # every implementation agrees on every workload, or this fails

count() { # workload impl -> instructions inside measure_IMPL_WORKLOAD
    valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2" \
        --toggle-collect="instructions::measure_$2_$1" "$bin" "$1" "$2" >/dev/null 2>"$out/$1.$2.log"
    sed -n 's/^summary: //p' "$out/$1.$2"
}

echo "| workload | hand-written | coro | rustc native | coro / hand | coro / native |"
echo "|---|---:|---:|---:|---:|---:|"
for w in count rle rle_article parse large_state nested borrowed; do
    h=$(count "$w" hand) c=$(count "$w" coro) n=$(count "$w" native)
    awk -v w="$w" -v h="$h" -v c="$c" -v n="$n" \
        'BEGIN { printf "| %s | %d | %d | %d | %.2f | %.2f |\n", w, h, c, n, c / h, c / n }'
done
