//! Creating and running a coroutine allocates nothing: measured with a counting global
//! allocator (the allocation-counter crate installs it, so this file needs no `unsafe` of its
//! own). The hand-written yardstick is checked too, to show the counter sees nothing there
//! either, and a `Vec` is checked to show that it does count.

use allocation_counter::measure;
use coro_bench::{hand, input, Sum};

#[test]
fn the_counter_counts() {
    let info = measure(|| {
        std::hint::black_box(vec![1u8; 16]);
    });
    assert_eq!(info.count_total, 1);
}

#[test]
fn hand_written_allocates_nothing() {
    let data = input::rle(10_000);
    let text = input::text(10_000);
    let info = measure(|| {
        let mut sum = Sum::default();
        hand::run_count(1000, |x| sum.add(x));
        hand::run_rle(&data, |x| sum.add(u64::from(x)));
        hand::run_parse(&text, |p| sum.add(p.key()));
        hand::run_large_state(1000, |x| sum.add(x));
        hand::run_nested(30, 30, |x| sum.add(x));
    });
    assert_eq!(info.count_total, 0);
}

#[test]
fn coro_coroutines_allocate_nothing() {
    use coro::{Coroutine, CoroutineState};
    use coro_bench::coro_impl;

    let data = input::rle(10_000);
    let text = input::text(10_000);
    let info = measure(|| {
        // Creation alone.
        let c = coro_impl::count(10);
        let p = coro_impl::parse();
        std::hint::black_box((&c, &p));
        // Creation and running to the end, every workload.
        let mut sum = Sum::default();
        coro_impl::run_count(1000, |x| sum.add(x));
        coro_impl::run_rle(&data, |x| sum.add(u64::from(x)));
        coro_impl::run_parse(&text, |p| sum.add(p.key()));
        coro_impl::run_large_state(1000, |x| sum.add(x));
        coro_impl::run_nested(30, 30, |x| sum.add(x));
        // And by hand, resuming a created coroutine with resume arguments.
        let mut p = coro_impl::parse();
        for &b in b"ab, cd" {
            assert!(matches!(p.resume(Some(b)), CoroutineState::Yielded(_)));
        }
        assert!(matches!(p.resume(None), CoroutineState::Complete(Some(_))));
        std::hint::black_box(sum);
    });
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[cfg(coro_native)]
#[test]
fn native_coroutines_allocate_nothing() {
    use coro_bench::native;

    let data = input::rle(10_000);
    let info = measure(|| {
        let mut sum = Sum::default();
        native::run_count(1000, |x| sum.add(x));
        native::run_rle(&data, |x| sum.add(u64::from(x)));
        std::hint::black_box(sum);
    });
    assert_eq!(info.count_total, 0);
}
