//! Every implementation of every workload yields the same sequence, hence the same checksum,
//! on small inputs (the benchmark inputs scaled down), and the hand-written yardstick follows
//! the article's test vectors.

use coro_bench::{hand, input, Parsed, Sum, TruncatedEscape, Word};

/// The name and outputs of one implementation of one workload: full sequence and checksum.
type Outputs<T> = Vec<(&'static str, Vec<T>, u64)>;

/// Runs `$run` (a module's runner path suffix) in every implementation compiled in, recording
/// the yielded sequence and the checksum the benchmarks compute.
macro_rules! all_impls {
    ($run:ident, $key:expr, $($arg:expr),*) => {{
        let mut out = Vec::new();
        all_impls!(@one out, "hand", hand::$run, $key, $($arg),*);
        all_impls!(@one out, "coro", coro_bench::coro_impl::$run, $key, $($arg),*);
        all_impls!(@one out, "genawaiter", coro_bench::genawaiter_impl::$run, $key, $($arg),*);
        all_impls!(@one out, "next-gen", coro_bench::nextgen_impl::$run, $key, $($arg),*);
        all_impls!(@one out, "diapause", coro_bench::diapause_impl::$run, $key, $($arg),*);
        #[cfg(coro_native)]
        all_impls!(@one out, "native", coro_bench::native::$run, $key, $($arg),*);
        out
    }};
    (@one $out:ident, $name:expr, $f:path, $key:expr, $($arg:expr),*) => {{
        let mut seq = Vec::new();
        $f($($arg,)* |x| seq.push(x));
        let mut sum = Sum::default();
        $f($($arg,)* |x| sum.add($key(x)));
        $out.push(($name, seq, sum.0));
    }};
}

fn assert_all_equal<T: PartialEq + std::fmt::Debug>(workload: &str, outs: Outputs<T>) {
    let (first, seq0, sum0) = &outs[0];
    assert!(!seq0.is_empty(), "{workload}: {first} yielded nothing");
    for (name, seq, sum) in &outs[1..] {
        assert_eq!(
            seq.len(),
            seq0.len(),
            "{workload}: {name} vs {first}: length"
        );
        assert!(
            seq == seq0,
            "{workload}: {name} vs {first}: sequences differ"
        );
        assert_eq!(sum, sum0, "{workload}: {name} vs {first}: checksum");
    }
    eprintln!(
        "{workload}: {} implementations agree on {} items, checksum {sum0:#x}",
        outs.len(),
        seq0.len()
    );
}

#[test]
fn count_checksums_agree() {
    assert_all_equal("count", all_impls!(run_count, |x| x, 1000));
}

#[test]
fn rle_checksums_agree() {
    let data = input::rle(4000);
    assert_all_equal("rle", all_impls!(run_rle, u64::from, &data));
}

#[test]
fn rle_edge_cases_agree() {
    // Zero-length run, escaped FF, truncated escapes at the end.
    for data in [
        &[0x41, 0xFF, 0x00, 0x42, 0xFF, 0x02, 0xFF, 0x43][..],
        &[0x41, 0xFF, 0x03][..],
        &[0x41, 0xFF][..],
    ] {
        assert_all_equal("rle edge", all_impls!(run_rle, u64::from, data));
    }
}

/// The article's decompressor (`rle_article`) exists in the hand-written, coro and native
/// forms only: all agree with the bench's rle on its input, and end the same way on a
/// truncated escape.
#[test]
fn rle_article_agrees() {
    type Run = fn(&[u8], &mut dyn FnMut(u8)) -> Result<(), TruncatedEscape>;
    let run = |f: Run, data: &[u8]| {
        let mut seq = Vec::new();
        let end = f(data, &mut |x| seq.push(x));
        (seq, end)
    };
    #[allow(unused_mut)] // pushed to only with cfg(coro_native)
    let mut impls: Vec<(&str, Run)> = vec![
        ("hand", |d, s| hand::run_rle_article(d, s)),
        ("coro", |d, s| coro_bench::coro_impl::run_rle_article(d, s)),
    ];
    #[cfg(coro_native)]
    impls.push(("native", |d, s| coro_bench::native::run_rle_article(d, s)));
    let data = input::rle(4000);
    let mut bench_rle = Vec::new();
    hand::run_rle(&data, |x| bench_rle.push(x));
    for (name, f) in &impls {
        assert_eq!(
            run(*f, &data),
            (bench_rle.clone(), Ok(())),
            "rle_article: {name}"
        );
        assert_eq!(
            run(*f, &[0x41, 0xFF, 0x03]),
            (vec![0x41], Err(TruncatedEscape::MissingValue { len: 3 })),
            "rle_article, FF L at the end: {name}"
        );
        assert_eq!(
            run(*f, &[0x41, 0x42, 0xFF]),
            (vec![0x41, 0x42], Err(TruncatedEscape::MissingLength)),
            "rle_article, FF at the end: {name}"
        );
    }
}

#[test]
fn parse_checksums_agree() {
    let text = input::text(2000);
    assert_all_equal("parse", all_impls!(run_parse, Parsed::key, &text));
    // Ending inside a word, and a lone non-letter.
    assert_all_equal("parse tail", all_impls!(run_parse, Parsed::key, b"ab, cd"));
    assert_all_equal("parse one", all_impls!(run_parse, Parsed::key, b"!"));
}

#[test]
fn large_state_checksums_agree() {
    assert_all_equal("large_state", all_impls!(run_large_state, |x| x, 1000));
}

#[test]
fn nested_checksums_agree() {
    assert_all_equal("nested", all_impls!(run_nested, |x| x, 30, 40));
}

#[test]
fn the_yardstick_follows_the_article_vectors() {
    let rle = |data: &[u8]| hand::Rle::new(data).collect::<Vec<u8>>();
    assert_eq!(rle(b""), b"");
    assert_eq!(rle(b"abc"), b"abc");
    assert_eq!(rle(&[0xFF, 0x03, 0x41]), b"AAA");
    assert_eq!(rle(&[0x41, 0xFF, 0x02, 0x20, 0x42]), b"A  B");
    assert_eq!(rle(&[0xFF, 0x01, 0xFF]), [0xFF]);
    assert_eq!(rle(&[0xFF, 0xFF, 0x2A]), [0x2A; 255]);
    assert_eq!(rle(&[0xFF, 0x00, 0x41, 0x42]), b"B");

    let word = |s: &[u8]| {
        let mut w = Word::start(s[0]);
        s[1..].iter().for_each(|&b| w.push(b));
        w
    };
    let mut steps = Vec::new();
    hand::run_parse(b"Hello, world!\n", |p| steps.push(p));
    let tokens: Vec<Parsed> = steps.into_iter().filter(|p| *p != Parsed::More).collect();
    assert_eq!(
        tokens,
        [
            Parsed::WordPunct(word(b"Hello"), b','),
            Parsed::Punct(b' '),
            Parsed::WordPunct(word(b"world"), b'!'),
            Parsed::Punct(b'\n'),
        ]
    );
}

#[test]
fn benchmark_inputs_have_the_promised_shape() {
    let data = input::rle(input::RLE_LEN);
    assert!(data.len() >= input::RLE_LEN && data.len() < input::RLE_LEN + 3);
    assert_eq!(&data[..5], &[0xFF, 5, b'x', 1, 2]);
    let text = input::text(input::PARSE_LEN);
    assert_eq!(text.len(), input::PARSE_LEN);
    assert!(text.iter().filter(|b| b.is_ascii_alphabetic()).count() > text.len() / 2);
}

#[test]
fn borrowed_checksums_agree() {
    let items = || (0..1000u64).map(|i| i * 7 % 13).collect::<Vec<u64>>();
    let run = |f: fn(Vec<u64>, &mut dyn FnMut(u64))| {
        let mut seq = Vec::new();
        f(items(), &mut |x| seq.push(x));
        seq
    };
    let hand = run(|v, s| hand::run_borrowed(v, s));
    assert_eq!(hand, items());
    assert_eq!(run(|v, s| coro_bench::coro_impl::run_borrowed(v, s)), hand);
    #[cfg(coro_native)]
    assert_eq!(run(|v, s| coro_bench::native::run_borrowed(v, s)), hand);
}
