//! The cost of a resume: every workload of issue 5 in every implementation (criterion).
//!
//! One criterion group per workload, one benchmark per implementation; each iteration builds
//! the coroutine and drives it over the whole input, summing the yields through `black_box`.
//! Throughput is in yielded items (resumes for parse), so criterion's time divided by the
//! element count is ns per item; `bench/report.py` turns the results into the README table.
//!
//! Run: `cargo bench -p coro-bench` (add `RUSTC_BOOTSTRAP=1` for the rustc-native baseline).
//! Settings are sized for a shared 2-core machine: 20 flat samples, 1 s warm-up, 2 s measured.

use std::time::Duration;

use coro_bench::{diapause_impl, genawaiter_impl, hand, input, nextgen_impl, Sum};
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn group<'a>(c: &'a mut Criterion, name: &str, items: u64) -> Group<'a> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Elements(items));
    g
}

/// Benchmarks `$module::$run($args.., sink)` for every implementation compiled in.
macro_rules! every_impl {
    ($g:expr, $run:ident, $key:expr, $($arg:expr),*) => {{
        every_impl!(@one $g, "hand", hand::$run, $key, $($arg),*);
        every_impl!(@one $g, "coro", coro_bench::coro_impl::$run, $key, $($arg),*);
        #[cfg(coro_native)]
        every_impl!(@one $g, "native", coro_bench::native::$run, $key, $($arg),*);
        every_impl!(@one $g, "diapause", diapause_impl::$run, $key, $($arg),*);
        every_impl!(@one $g, "next-gen", nextgen_impl::$run, $key, $($arg),*);
        every_impl!(@one $g, "genawaiter", genawaiter_impl::$run, $key, $($arg),*);
    }};
    (@one $g:expr, $name:expr, $f:path, $key:expr, $($arg:expr),*) => {
        $g.bench_function($name, |b| {
            b.iter(|| {
                let mut sum = Sum::default();
                $f($(std::hint::black_box($arg),)* |x| sum.add($key(x)));
                sum.0
            })
        });
    };
}

fn count(c: &mut Criterion) {
    let n = input::N;
    let mut g = group(c, "count", n);
    every_impl!(g, run_count, |x| x, n);
    g.finish();
}

fn rle(c: &mut Criterion) {
    let data = input::rle(input::RLE_LEN);
    let items = hand::Rle::new(&data).count() as u64;
    let mut g = group(c, "rle", items);
    every_impl!(g, run_rle, u64::from, &data[..]);
    g.finish();
}

fn parse(c: &mut Criterion) {
    let text = input::text(input::PARSE_LEN);
    let mut g = group(c, "parse", text.len() as u64);
    every_impl!(g, run_parse, coro_bench::Parsed::key, &text[..]);
    g.finish();
}

fn large_state(c: &mut Criterion) {
    let n = input::N;
    let mut g = group(c, "large_state", n);
    every_impl!(g, run_large_state, |x| x, n);
    g.finish();
}

fn nested(c: &mut Criterion) {
    let (a, b) = input::NESTED;
    let mut g = group(c, "nested", a * b);
    every_impl!(g, run_nested, |x| x, a, b);
    g.finish();
}

criterion_group!(benches, count, rle, parse, large_state, nested);
criterion_main!(benches);
