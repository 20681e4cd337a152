#!/usr/bin/env python3
"""Turns criterion's results for the `resume` bench into the README table.

Reads $CARGO_TARGET_DIR/criterion (default: target/criterion) and prints, for every
workload and implementation, ns per item (criterion's median time per iteration divided by
the items of one iteration) and the ratio to the hand-written version, as markdown.

On a shared machine, run the sweep several times with `-- --save-baseline NAME` and pass the
names: each cell is then the lowest of the runs' medians (interference from other processes
only ever adds time), and a second table shows the spread between runs.

Usage: python3 bench/report.py [--baselines r1,r2,r3] [CRITERION_DIR]
"""

import json
import os
import sys

WORKLOADS = ["count", "rle", "parse", "large_state", "nested"]
IMPLS = ["hand", "coro", "native", "diapause", "next-gen", "genawaiter"]
TITLES = {
    "hand": "hand-written",
    "coro": "coro",
    "native": "rustc native",
    "diapause": "diapause",
    "next-gen": "next-gen",
    "genawaiter": "genawaiter",
}


def load_one(root, workload, impl, baseline):
    base = os.path.join(root, workload, impl, baseline)
    try:
        with open(os.path.join(base, "estimates.json")) as f:
            est = json.load(f)
        with open(os.path.join(base, "benchmark.json")) as f:
            meta = json.load(f)
    except FileNotFoundError:
        return None
    items = meta["throughput"]["Elements"]
    return est["median"]["point_estimate"] / items


def load(root, workload, impl, baselines, spread):
    runs = [load_one(root, workload, impl, b) for b in baselines]
    runs = [r for r in runs if r is not None]
    if not runs:
        return None
    spread[(workload, impl)] = max(runs) / min(runs)
    return min(runs)


def main():
    args = sys.argv[1:]
    baselines = ["new"]
    if args and args[0] == "--baselines":
        baselines = args[1].split(",")
        args = args[2:]
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    root = args[0] if args else os.path.join(target, "criterion")
    spread = {}
    results = {w: {i: load(root, w, i, baselines, spread) for i in IMPLS} for w in WORKLOADS}
    impls = [i for i in IMPLS if any(results[w][i] is not None for w in WORKLOADS)]

    print("ns per item (ratio to hand-written; lower is faster)\n")
    print("| workload | " + " | ".join(TITLES[i] for i in impls) + " |")
    print("|---|" + "---:|" * len(impls))
    for w in WORKLOADS:
        base = results[w]["hand"]
        cells = []
        for i in impls:
            v = results[w][i]
            if v is None:
                cells.append("-")
            elif base:
                cells.append(f"{v:.2f} ({v / base:.2f}x)")
            else:
                cells.append(f"{v:.2f}")
        print(f"| {w} | " + " | ".join(cells) + " |")

    if len(baselines) > 1:
        print(f"\nspread over the {len(baselines)} runs (slowest median / fastest median)\n")
        print("| workload | " + " | ".join(TITLES[i] for i in impls) + " |")
        print("|---|" + "---:|" * len(impls))
        for w in WORKLOADS:
            cells = [f"{spread[(w, i)]:.2f}" if (w, i) in spread else "-" for i in impls]
            print(f"| {w} | " + " | ".join(cells) + " |")

    if "coro" in impls:
        print("\ncoro against the others (ratio of coro's time to theirs; < 1 means coro is faster)\n")
        others = [i for i in impls if i != "coro"]
        print("| workload | " + " | ".join("vs " + TITLES[i] for i in others) + " |")
        print("|---|" + "---:|" * len(others))
        for w in WORKLOADS:
            c = results[w]["coro"]
            cells = []
            for i in others:
                v = results[w][i]
                cells.append("-" if c is None or v is None else f"{c / v:.2f}")
            print(f"| {w} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
