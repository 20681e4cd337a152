//! `yield_from!`: running another coroutine to completion inside this one. Its yields go
//! out, our resume arguments go in, its return value is the macro's value, and it lives in
//! our state (dropped with us, exactly once).

use std::cell::RefCell;
use std::rc::Rc;

use coro::{yield_, yield_from, Coroutine, CoroutineState, Locate, Location};

use CoroutineState::{Complete, Yielded};

#[coro::coroutine]
fn count(to: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    for n in 1..=to {
        yield_!(n);
    }
    to * 100
}

#[coro::coroutine]
fn sequence() -> impl Coroutine<Yield = u32, Return = u32> {
    let a = yield_from!(count(2));
    yield_!(0);
    let b = yield_from!(count(1));
    a + b
}

#[test]
fn forwards_yields_and_returns_the_value() {
    let mut c = sequence();
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Yielded(2));
    assert_eq!(c.resume(()), Yielded(0));
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Complete(300));
}

/// Adds up what it is resumed with until it gets 0; yields the running total.
#[coro::coroutine]
fn adder(#[resume] first: i64) -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let mut total = first;
    let mut next = first;
    while next != 0 {
        next = yield_!(total);
        total += next;
    }
    total
}

#[coro::coroutine]
fn two_adders(#[resume] first: i64) -> impl Coroutine<i64, Yield = i64, Return = (i64, i64)> {
    let a = yield_from!(adder(), first);
    let b = yield_from!(adder(), 1000);
    (a, b)
}

#[test]
fn forwards_resume_arguments_in() {
    let mut c = two_adders();
    assert_eq!(c.resume(5), Yielded(5));
    assert_eq!(c.resume(6), Yielded(11));
    // 0 completes the first adder; the second starts with 1000 within the same resume.
    assert_eq!(c.resume(0), Yielded(1000));
    assert_eq!(c.resume(1), Yielded(1001));
    assert_eq!(c.resume(0), Complete((11, 1001)));
}

#[test]
fn works_in_the_function_like_form_and_with_closures_and_from_fn() {
    let mut n = 0;
    let hand_written = coro::from_fn(move |(): ()| {
        n += 1;
        if n <= 2 {
            Yielded(n * 10)
        } else {
            Complete("hand")
        }
    });
    let closure = coro::coro!(|| {
        yield 7;
        "closure"
    });
    let mut c = coro::coro!(move || {
        let x = yield_from!(hand_written);
        let y = yield_from!(closure);
        let z = yield_from!(count(1));
        yield 99;
        (x, y, z)
    });
    assert_eq!(c.resume(()), Yielded(10));
    assert_eq!(c.resume(()), Yielded(20));
    assert_eq!(c.resume(()), Yielded(7));
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Yielded(99));
    assert_eq!(c.resume(()), Complete(("hand", "closure", 100)));
}

#[test]
fn statement_and_expression_positions() {
    let mut c = coro::coro!(|| {
        yield_from!(count(1));
        let sum = 1 + yield_from!(count(1)) + 2;
        sum
    });
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Complete(103));
}

#[test]
fn a_mutable_reference_delegates_without_moving() {
    let mut inner = count(3);
    {
        // Borrowed outside and moved in: a non-`move` coroutine closure cannot hold a
        // borrow of its environment across a yield (see the README).
        let inner = &mut inner;
        let mut c = coro::coro!(move || {
            yield_from!(inner);
        });
        assert_eq!(c.resume(()), Yielded(1));
    }
    // The outer coroutine was dropped mid-way; the inner one continues where it was.
    assert_eq!(inner.resume(()), Yielded(2));
}

struct Guard(&'static str, Rc<RefCell<Vec<&'static str>>>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.1.borrow_mut().push(self.0);
    }
}

#[test]
fn dropping_the_outer_coroutine_drops_the_inner_one() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let inner_log = log.clone();
    let inner = coro::coro!(move || {
        let _g = Guard("inner", inner_log);
        yield 1;
        yield 2;
    });
    let outer_log = log.clone();
    let mut c = coro::coro!(move || {
        let _g = Guard("outer", outer_log);
        yield_from!(inner);
    });
    assert_eq!(c.resume(()), Yielded(1));
    assert!(matches!(c.location(), Location::Suspended(_)));
    assert!(log.borrow().is_empty());
    drop(c);
    assert_eq!(*log.borrow(), ["inner", "outer"]);
}

#[test]
fn the_suspension_point_is_the_call() {
    let mut c = sequence();
    c.resume(());
    match c.location() {
        Location::Suspended(point) => assert_eq!(point.expr, "yield_from!(count(2))"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_inner_coroutine_is_inline() {
    // No box: the outer coroutine is bigger than the inner one.
    let inner = count(3);
    let inner_size = std::mem::size_of_val(&inner);
    let outer = coro::coro!(move || yield_from!(inner));
    assert!(std::mem::size_of_val(&outer) >= inner_size);
}
