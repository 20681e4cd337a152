//! `coro::coro!`, the function-like form: functions and closures whose bodies use the real
//! `yield` keyword. Yields, resume arguments, return values, captures and drops.

use std::cell::RefCell;
use std::rc::Rc;

use coro::{Coroutine, CoroutineState, Locate, Location};

use CoroutineState::{Complete, Yielded};

coro::coro! {
    /// Counts down; `yield n;` as a statement.
    fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
        let mut n = from;
        while n > 0 {
            yield n;
            n -= 1;
        }
        "liftoff"
    }

    /// `let x = yield v;` with the first argument bound by `#[resume]`.
    fn echo(#[resume] first: u32, limit: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let mut got = first;
        let mut total = 0;
        while got < limit {
            total += got;
            got = yield got * 2;
        }
        total
    }

    /// `yield;` yields `()`.
    fn ticks(n: usize) -> impl Coroutine<Yield = (), Return = usize> {
        for _ in 0..n {
            yield;
        }
        n
    }
}

#[test]
fn function_statement_yields() {
    let mut c = countdown(2);
    assert_eq!(c.resume(()), Yielded(2));
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Complete("liftoff"));
}

#[test]
fn function_resume_arguments() {
    let mut c = echo(10);
    assert_eq!(c.resume(1), Yielded(2));
    assert_eq!(c.resume(3), Yielded(6));
    assert_eq!(c.resume(10), Complete(4));
}

#[test]
fn function_unit_yields() {
    let mut c = ticks(2);
    assert_eq!(c.resume(()), Yielded(()));
    assert_eq!(c.resume(()), Yielded(()));
    assert_eq!(c.resume(()), Complete(2));
}

#[test]
fn closure_with_resume_parameter() {
    let mut c = coro::coro!(|first: u32| {
        let second = yield first + 1;
        let third = yield second * 10;
        first + second + third
    });
    assert_eq!(c.resume(1), Yielded(2));
    assert_eq!(c.resume(2), Yielded(20));
    assert_eq!(c.resume(3), Complete(6));
}

#[test]
fn closure_without_parameter() {
    let mut c = coro::coro!(|| {
        yield 'a';
        yield 'b';
    });
    assert_eq!(c.resume(()), Yielded('a'));
    assert_eq!(c.resume(()), Yielded('b'));
    assert_eq!(c.resume(()), Complete(()));
}

#[test]
fn move_closure_owns_its_captures() {
    let words = vec![String::from("x"), String::from("yy")];
    let suffix = String::from("!");
    let mut c = coro::coro!(move || {
        for w in words {
            yield w + &suffix;
        }
        drop(suffix);
        7
    });
    assert_eq!(c.resume(()), Yielded("x!".to_string()));
    assert_eq!(c.resume(()), Yielded("yy!".to_string()));
    assert_eq!(c.resume(()), Complete(7));
}

#[test]
fn borrowing_closure_sees_the_environment() {
    let log = RefCell::new(Vec::new());
    let mut total = 0;
    {
        let mut c = coro::coro!(|step: i32| {
            let mut step = step;
            while step != 0 {
                log.borrow_mut().push(step);
                total += step;
                step = yield total;
            }
        });
        assert_eq!(c.resume(2), Yielded(2));
        assert_eq!(c.resume(5), Yielded(7));
        assert_eq!(c.resume(0), Complete(()));
    }
    assert_eq!(total, 7);
    assert_eq!(log.into_inner(), [2, 5]);
}

#[test]
fn closure_return_type_annotation_and_location() {
    let mut c = coro::coro!(|| -> Option<u8> {
        yield 1u8;
        None
    });
    assert!(matches!(c.location(), Location::Unresumed));
    assert_eq!(c.resume(()), Yielded(1));
    match c.location() {
        Location::Suspended(point) => assert_eq!(point.expr, "yield 1u8"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.resume(()), Complete(None));
    let _ = Rc::new(());
}
