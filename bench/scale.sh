#!/usr/bin/env bash
# Issue 12: expansion size and build CPU time of one coroutine per crate, for coro, diapause 0.2
# and rustc's native coroutines, as the body grows.
#
#   bench/scale.sh                         # every family and size (an hour or more)
#   bench/scale.sh match=8 yields=256      # some families and sizes (FAMILY or FAMILY=N,N)
#   RUNS=5 OUT=/tmp/s bench/scale.sh parser
#   bench/scale.sh --report                # the table of what $OUT/results.json holds
#
# Families (bench/scale.py generates them): match (a `for` loop around a `match` of N arms,
# two yields each; N = 8 16 32 64), nested (`for` loops N deep, a yield at each level;
# 4 8 12), yields (one `for` loop with N yields; 1 256 1024 2048, 1 showing the fixed cost of a
# crate with a coroutine), parser (a ~300-line
# HTTP/1.1 request parser fed one byte per resume), straight (1,000 lines, 100 yields).
#
# For each family and size it writes three crates under $OUT/crates (default OUT:
# /tmp/coro-scale): the coroutine alone in `src/co.rs`, a driver that runs it to the end in
# `src/lib.rs` (so the resume code is compiled), an `examples/check.rs` that prints the
# driver's checksum on a small input (the three must agree). Then, per crate:
#   - tokens: `cargo rustc --lib -- -Zunpretty=expanded`, tokens of module `co` (without its
#     `use` lines), counted as a TokenStream counts them; beside the coro source body's tokens;
#   - build CPU: dependencies are built once (a crate with a trivial coroutine per
#     implementation and profile), then `touch src/lib.rs` and `cargo build --lib` (debug and
#     --release, CARGO_INCREMENTAL=0) RUNS times (default 3): the median user + sys seconds of
#     cargo and the rustc it waits for (getrusage of the children), not wall time.
# Results accumulate in $OUT/results.json (a rerun of one family replaces its rows).
#
# The coro crates depend on a snapshot of this repository's HEAD (`git archive`, under
# $OUT/coro-<commit>), so edits in the work tree during a long run change nothing and the
# commit measured is exact; CORO_SRC=/path/to/checkout uses that tree instead.
# Every cargo command runs with RUSTC_BOOTSTRAP=1 (the native crates need it; it does not
# change how the others compile). Options after the specs: --runs N, --impls coro,native,
# --no-time (tokens only), --no-check, --report.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/coro-scale}
RUNS=${RUNS:-3}
mkdir -p "$OUT"
if [[ " $* " == *" --report "* ]]; then
    src=unused label=unused # only prints what results.json holds
elif [[ -n "${CORO_SRC:-}" ]]; then
    src=$(cd "$CORO_SRC" && pwd)
    label="work tree $src ($(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?'))"
else
    commit=$(git -C "$ROOT" rev-parse --short HEAD)
    src="$OUT/coro-$commit"
    if [[ ! -f "$src/Cargo.toml" ]]; then
        rm -rf "$src.tmp" && mkdir -p "$src.tmp"
        git -C "$ROOT" archive HEAD | tar -x -C "$src.tmp"
        mv "$src.tmp" "$src"
    fi
    label="commit $commit"
fi
[[ $src == unused ]] || echo "scale: coro from $label; OUT=$OUT, RUNS=$RUNS; $(rustc --version)" >&2
exec python3 "$ROOT/bench/scale.py" --root "$ROOT" --coro-src "$src" --out "$OUT" \
    --runs "$RUNS" --label "$label" "$@"
