#!/usr/bin/env bash
# Instructions each coro workload takes, counted by callgrind: exact and repeatable, so a
# change to the generated code that adds work to a resume shows up as a different number.
#
#   bench/instructions.sh          # needs valgrind (apt-get install valgrind)
#
# Each workload runs once inside its own never-inlined `measure_coro_*` function of
# bench/src/bin/instructions.rs; callgrind counts only inside that function.
# bench/instruction-ratios.sh counts the hand-written and rustc-native versions too.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
cargo build -q -p coro-bench --release --bin instructions
bin=${CARGO_TARGET_DIR:-target}/release/instructions
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-12s %14s\n' workload instructions
for w in count rle rle_article parse large_state nested borrowed; do
    valgrind --tool=callgrind --callgrind-out-file="$out/$w" \
        --toggle-collect="instructions::measure_coro_$w" "$bin" "$w" coro >/dev/null 2>"$out/$w.log"
    ir=$(sed -n 's/^summary: //p' "$out/$w")
    printf '%-12s %14s\n' "$w" "$ir"
done
