//! Prints the size in bytes of every workload's suspended state in every implementation, as a
//! markdown table: `cargo run -p coro-bench --bin sizes` (prefix `RUSTC_BOOTSTRAP=1` to add
//! rustc's native coroutines).

use coro_bench::Sizes;

fn main() {
    let mut rows: Vec<(&str, Sizes)> = vec![("hand-written", coro_bench::hand::sizes())];
    rows.push(("coro", coro_bench::coro_impl::sizes()));
    #[cfg(coro_native)]
    rows.push(("rustc native", coro_bench::native::sizes()));
    rows.push(("diapause", coro_bench::diapause_impl::sizes()));
    rows.push((
        "next-gen (pinned GeneratorFn)",
        coro_bench::nextgen_impl::sizes(),
    ));
    rows.push((
        "genawaiter (pinned Shelf)",
        coro_bench::genawaiter_impl::sizes(),
    ));

    println!("| implementation | count | rle | parse | large_state | nested |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s) in rows {
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            s.count, s.rle, s.parse, s.large_state, s.nested
        );
    }
}
