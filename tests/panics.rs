//! Panics and `#[coro::coroutine]`: resuming after completion, a panic escaping the body
//! (what it drops, the poisoned state, the message on the next resume) and that nothing is
//! dropped twice.

mod common;

use std::panic::AssertUnwindSafe;

use common::{events, log, panic_message, take_log, Noisy};
use coro::CoroutineState::{Complete, Yielded};
use coro::{yield_, Coroutine, Locate, Location};

#[coro::coroutine]
fn two_steps() -> impl Coroutine<Yield = u8, Return = u8> {
    yield_!(1);
    2
}

#[test]
fn resuming_after_completion_panics() {
    let mut c = two_steps();
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Complete(2));
    let msg = panic_message(AssertUnwindSafe(|| c.resume(())));
    assert!(
        msg.contains("resumed after completion"),
        "unexpected message: {msg:?}"
    );
    // Still completed, and it keeps saying so.
    let msg = panic_message(AssertUnwindSafe(|| c.resume(())));
    assert!(
        msg.contains("resumed after completion"),
        "unexpected message: {msg:?}"
    );
}

#[coro::coroutine]
fn early_completion(
    #[resume] first: Option<u8>,
) -> impl Coroutine<Option<u8>, Yield = u8, Return = Option<u8>> {
    let x = first?;
    yield_!(x);
    Some(x)
}

#[test]
fn resuming_after_completion_by_question_mark_panics() {
    let mut c = early_completion();
    assert_eq!(c.resume(None), Complete(None));
    let msg = panic_message(AssertUnwindSafe(|| c.resume(Some(1))));
    assert!(
        msg.contains("resumed after completion"),
        "unexpected message: {msg:?}"
    );
}

#[coro::coroutine]
fn explodes(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let _a = Noisy("a");
    let b = Noisy("b");
    let x = yield_!(first);
    let _c = Noisy("c");
    if x == 0 {
        panic!("boom while holding {}", b.0);
    }
    let y = yield_!(x);
    log(b.0);
    y
}

#[test]
fn panic_drops_what_the_body_held_and_poisons() {
    let mut c = explodes();
    assert_eq!(c.resume(5), Yielded(5));
    take_log();
    let msg = panic_message(AssertUnwindSafe(|| c.resume(0)));
    assert_eq!(msg, "boom while holding b");
    assert_eq!(take_log(), events(&["drop c", "drop b", "drop a"]));
    assert_eq!(c.location(), Location::Poisoned);

    let msg = panic_message(AssertUnwindSafe(|| c.resume(1)));
    assert!(
        msg.contains("resumed after panicking"),
        "unexpected message: {msg:?}"
    );
    assert!(
        take_log().is_empty(),
        "resuming a poisoned coroutine dropped something"
    );

    drop(c);
    assert!(
        take_log().is_empty(),
        "dropping a poisoned coroutine dropped something again"
    );
}

#[test]
fn no_panic_path_drops_the_same_values_once() {
    let mut c = explodes();
    take_log();
    assert_eq!(c.resume(5), Yielded(5));
    assert_eq!(c.resume(3), Yielded(3));
    assert_eq!(c.resume(9), Complete(9));
    assert_eq!(take_log(), events(&["b", "drop c", "drop b", "drop a"]));
    drop(c);
    assert!(take_log().is_empty());
}

#[coro::coroutine]
fn panics_at_start(#[resume] first: Noisy) -> impl Coroutine<Noisy, Yield = (), Return = ()> {
    let _local = Noisy("local");
    if first.0 == "bad" {
        panic!("bad first argument");
    }
    yield_!(());
    log(first.0);
}

#[test]
fn panic_in_first_resume_drops_the_resume_argument_once() {
    let mut c = panics_at_start();
    take_log();
    let msg = panic_message(AssertUnwindSafe(|| c.resume(Noisy("bad"))));
    assert_eq!(msg, "bad first argument");
    assert_eq!(take_log(), events(&["drop local", "drop bad"]));
    let msg = panic_message(AssertUnwindSafe(|| c.resume(Noisy("next"))));
    assert!(
        msg.contains("resumed after panicking"),
        "unexpected message: {msg:?}"
    );
    // The argument handed to a poisoned coroutine is dropped at most once (rustc's own
    // coroutines leak it; dropping it once is fine too).
    let log = take_log();
    assert!(
        log.is_empty() || log == ["drop next"],
        "unexpected drops: {log:?}"
    );
    drop(c);
    assert!(take_log().is_empty());
}

#[coro::coroutine]
fn panics_in_loop(n: u32) -> impl Coroutine<Yield = u32, Return = ()> {
    let outer = Noisy("outer");
    for i in 0..n {
        let _item = Noisy("item");
        yield_!(i);
        if i == 2 {
            panic!("third item");
        }
    }
    log(outer.0);
}

#[test]
fn panic_inside_a_loop_unwinds_loop_locals_and_outer_values() {
    let mut c = panics_in_loop(5);
    let got: Vec<u32> = (0..3)
        .map(|_| match c.resume(()) {
            Yielded(v) => v,
            Complete(()) => panic!("completed too early"),
        })
        .collect();
    assert_eq!(got, [0, 1, 2]);
    assert_eq!(take_log(), events(&["drop item", "drop item"]));
    let msg = panic_message(AssertUnwindSafe(|| c.resume(())));
    assert_eq!(msg, "third item");
    assert_eq!(take_log(), events(&["drop item", "drop outer"]));
    assert_eq!(c.location(), Location::Poisoned);
    drop(c);
    assert!(take_log().is_empty());
}

#[test]
fn a_completed_coroutine_stays_returned_after_the_panic() {
    let mut c = two_steps();
    c.resume(());
    c.resume(());
    assert_eq!(c.location(), Location::Returned);
    let _ = panic_message(AssertUnwindSafe(|| c.resume(())));
    assert_eq!(c.location(), Location::Returned);
}
