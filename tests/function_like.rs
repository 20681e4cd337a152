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

// Issue 16: captures as rustc 2021 decides them, postfix `.yield`, `static`, `Pin`.

/// A value that counts its drops in a shared cell, so a test can see when a capture is
/// dropped without a thread-local log.
struct Counted(Rc<RefCell<Vec<&'static str>>>, &'static str);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.borrow_mut().push(self.1);
    }
}

#[test]
fn non_move_closure_takes_a_moved_capture_by_value() {
    let drops = Rc::new(RefCell::new(Vec::new()));
    let b = Counted(drops.clone(), "b");
    let mut c = coro::coro!(|| {
        yield 1;
        drop(b);
        yield 2;
    });
    assert_eq!(c.resume(()), Yielded(1));
    assert!(drops.borrow().is_empty());
    assert_eq!(c.resume(()), Yielded(2));
    assert_eq!(*drops.borrow(), ["b"]);
    assert_eq!(c.resume(()), Complete(()));
}

#[test]
fn non_move_closure_takes_a_yielded_or_returned_capture_by_value() {
    let word = String::from("word");
    let mut yields = coro::coro!(|| {
        yield word;
    });
    assert_eq!(yields.resume(()), Yielded("word".to_string()));
    assert_eq!(yields.resume(()), Complete(()));

    let word = String::from("last");
    let mut returns = coro::coro!(|| {
        if false {
            yield;
        }
        word
    });
    assert_eq!(returns.resume(()), Complete("last".to_string()));
}

#[test]
fn a_dropped_unresumed_coroutine_drops_its_by_value_captures() {
    let drops = Rc::new(RefCell::new(Vec::new()));
    let b = Counted(drops.clone(), "b");
    let c = coro::coro!(|| {
        yield;
        drop(b);
    });
    assert!(drops.borrow().is_empty());
    drop(c);
    assert_eq!(*drops.borrow(), ["b"]);
}

#[test]
fn non_move_closure_borrows_what_it_only_borrows_or_mutates() {
    // `count += 1` and `yield count`: a `Copy` value both assigned and read by value is
    // captured by mutable reference (as rustc does), so the caller sees the updates.
    let mut count = 0u32;
    let mut seen = Vec::new();
    {
        let mut c = coro::coro!(|| {
            count += 1;
            yield count;
            seen.push(count);
            count += 10;
        });
        assert_eq!(c.resume(()), Yielded(1));
        assert_eq!(c.resume(()), Complete(()));
    }
    assert_eq!(count, 11);
    assert_eq!(seen, [1]);
}

#[test]
fn move_closure_moves_in_a_name_used_only_as_a_yield_operand() {
    let drops = Rc::new(RefCell::new(Vec::new()));
    let tag = Counted(drops.clone(), "tag");
    let inner = drops.clone();
    let mut c = coro::coro!(move || {
        yield tag;
        yield Counted(inner, "second");
    });
    match c.resume(()) {
        Yielded(tag) => assert_eq!(tag.1, "tag"),
        Complete(()) => panic!("expected a yield"),
    }
    assert_eq!(*drops.borrow(), ["tag"]);
    assert!(matches!(c.resume(()), Yielded(_)));
    assert_eq!(*drops.borrow(), ["tag", "second"]);
}

#[test]
fn a_nested_closure_that_consumes_a_capture_makes_it_by_value() {
    let word = String::from("inner");
    let mut c = coro::coro!(|| {
        yield 0;
        let consume = || word;
        yield consume().len();
    });
    assert_eq!(c.resume(()), Yielded(0));
    assert_eq!(c.resume(()), Yielded(5));
}

#[test]
fn format_arguments_and_method_receivers_are_borrowed() {
    let name = String::from("n");
    let mut log = Vec::new();
    {
        let mut c = coro::coro!(|| {
            log.push(format!("{name}!"));
            yield name.len();
            log.push(name.clone());
        });
        assert_eq!(c.resume(()), Yielded(1));
        assert_eq!(c.resume(()), Complete(()));
    }
    // Both still belong to the caller.
    assert_eq!(log, ["n!", "n"]);
    assert_eq!(name, "n");
}

/// A non-`move` closure that moves a field out takes that field alone, as rustc 2021 does:
/// `pair.1` stays the caller's, who drops it at the end of its scope; `pair.1.1` is only
/// borrowed (by the resume closure), so the caller can read it while the coroutine lives.
#[test]
fn a_moved_field_is_captured_on_its_own() {
    let drops = Rc::new(RefCell::new(Vec::new()));
    {
        let pair = (
            Counted(drops.clone(), "first"),
            (Counted(drops.clone(), "second"), 7),
        );
        let mut c = coro::coro!(|| {
            yield pair.1 .1;
            drop(pair.0);
            println!("{}", pair.1 .1);
        });
        assert_eq!(pair.1 .1, 7);
        assert_eq!(c.resume(()), Yielded(7));
        assert_eq!(c.resume(()), Complete(()));
        drops.borrow_mut().push("end of scope");
    }
    assert_eq!(*drops.borrow(), ["first", "end of scope", "second"]);
}

/// DOCUMENTED DEVIATION (docs/function-like.md, "How it captures"): a `move` closure takes
/// every variable whole. rustc 2021 moves only `pair.0` in here and leaves `pair.1` to the
/// caller, which drops it at the end of its scope; `coro!` moves all of `pair` in (it
/// cannot tell a struct from a reference, through which rustc would move the reference),
/// so `pair.1` is dropped when the coroutine completes.
#[test]
fn deviation_a_move_closure_captures_whole_variables() {
    let drops = Rc::new(RefCell::new(Vec::new()));
    {
        let pair = (
            Counted(drops.clone(), "first"),
            Counted(drops.clone(), "second"),
        );
        let mut c = coro::coro!(move || {
            yield;
            drop(pair.0);
        });
        assert_eq!(c.resume(()), Yielded(()));
        assert_eq!(c.resume(()), Complete(()));
        drops.borrow_mut().push("end of scope");
    }
    // rustc: ["first", "end of scope", "second"].
    assert_eq!(*drops.borrow(), ["first", "second", "end of scope"]);
}

#[test]
fn postfix_yield_is_prefix_yield() {
    let mut c = coro::coro!(|first: u32| {
        let second = (first + 1).yield;
        let third = second.yield * 10;
        first + second + third
    });
    assert_eq!(c.resume(1), Yielded(2));
    assert_eq!(c.resume(5), Yielded(5));
    assert_eq!(c.resume(7), Complete(1 + 5 + 70));

    let mut unit = coro::coro!(|| {
        ().yield;
        "done"
    });
    assert_eq!(unit.resume(()), Yielded(()));
    assert_eq!(unit.resume(()), Complete("done"));
}

coro::coro! {
    /// `.yield` in a function of `coro!`, as a statement and a value, and after a call.
    fn postfix_in_function(#[resume] first: u8) -> impl Coroutine<u8, Yield = u8, Return = u8> {
        first.yield;
        let got = u8::max(first, 2).yield;
        got
    }
}

#[test]
fn postfix_yield_in_a_function() {
    let mut c = postfix_in_function();
    assert_eq!(c.resume(1), Yielded(1));
    assert_eq!(c.resume(0), Yielded(2));
    assert_eq!(c.resume(9), Complete(9));
}

#[test]
fn a_range_before_a_prefix_yield_is_not_postfix() {
    let mut c = coro::coro!(|_first: u32| {
        let r = 0..yield 3;
        r.len()
    });
    assert_eq!(c.resume(0), Yielded(3));
    assert_eq!(c.resume(4), Complete(4));
}

#[test]
fn static_closure_is_a_movable_coroutine() {
    let mut c = coro::coro!(static || {
        let v = vec![1, 2];
        for x in v {
            x.yield;
        }
        "done"
    });
    assert_eq!(c.resume(()), Yielded(1));
    // Moving a suspended `static` coroutine is fine: it holds no borrow of itself.
    let mut moved = c;
    assert_eq!(moved.resume(()), Yielded(2));
    assert_eq!(moved.resume(()), Complete("done"));
}

#[test]
fn pinned_coroutines_resume_through_the_pin() {
    let mut boxed = Box::pin(coro::coro!(|| {
        yield 1;
        yield 2;
    }));
    assert_eq!(boxed.as_mut().resume(()), Yielded(1));
    assert_eq!(boxed.resume(()), Yielded(2));

    let mut on_stack = std::pin::pin!(coro::coro!(|x: u8| x + yield x));
    assert_eq!(on_stack.as_mut().resume(1), Yielded(1));
    assert_eq!(on_stack.resume(2), Complete(3));

    let mut plain = coro::coro!(|| yield 'a');
    assert_eq!(std::pin::Pin::new(&mut plain).resume(()), Yielded('a'));

    // A coroutine holding a value that is not `Unpin` is still `Unpin` itself.
    fn assert_unpin<T: Unpin>(_: &T) {}
    #[allow(dropping_copy_types)]
    let c = coro::coro!(|| {
        let pinned = std::marker::PhantomPinned;
        yield;
        drop(pinned);
    });
    assert_unpin(&c);
    let mut dynamic: std::pin::Pin<Box<dyn Coroutine<Yield = (), Return = ()> + Unpin>> =
        Box::pin(c);
    assert_eq!(dynamic.resume(()), Yielded(()));
}

struct Unit;

impl Unit {
    fn add(&self, a: u32, b: u32) -> u32 {
        a + b
    }
}

const UNIT: Unit = Unit;
static SHARED: Unit = Unit;

mod items {
    pub struct Scaled(pub u32);
    impl Scaled {
        pub fn times(&self, x: u32) -> u32 {
            self.0 * x
        }
    }
    pub const TEN: Scaled = Scaled(10);
}

#[test]
fn a_method_call_on_an_item_may_yield_in_its_arguments() {
    let mut c = coro::coro!(|first: u32| {
        let a = Unit.add(first, yield 1);
        let b = UNIT.add(a, yield 2);
        let c = SHARED.add(b, yield 3);
        items::TEN.times(yield c)
    });
    assert_eq!(c.resume(1), Yielded(1));
    assert_eq!(c.resume(2), Yielded(2));
    assert_eq!(c.resume(3), Yielded(3));
    assert_eq!(c.resume(4), Yielded(10));
    assert_eq!(c.resume(5), Complete(50));
}

#[test]
fn into_methods_consume_their_receiver() {
    let words = vec!["a", "b"];
    let mut c = coro::coro!(|| {
        for word in words.into_iter() {
            yield word;
        }
    });
    assert_eq!(c.resume(()), Yielded("a"));
    assert_eq!(c.resume(()), Yielded("b"));
    assert_eq!(c.resume(()), Complete(()));

    // The fix for a receiver whose method consumes it: take it by value first.
    struct Bag(Vec<u32>);
    impl Bag {
        fn consume(self) -> Vec<u32> {
            self.0
        }
    }
    let bag = Bag(vec![7]);
    let mut c = coro::coro!(|| {
        let bag = bag;
        for item in bag.consume() {
            yield item;
        }
    });
    assert_eq!(c.resume(()), Yielded(7));
}

#[test]
fn a_field_captured_on_its_own_is_renamed_in_macro_arguments() {
    struct Inner(String, u8);
    let nested = (Inner(String::from("name"), 3), String::from("kept"));
    let mut c = coro::coro!(|| {
        let text = format!("{} {}", nested.0 .0, nested.0 .1);
        yield text;
        drop(nested.0);
    });
    assert_eq!(c.resume(()), Yielded("name 3".to_string()));
    // `nested.1` is still the caller's.
    assert_eq!(nested.1, "kept");
    assert_eq!(c.resume(()), Complete(()));
}

#[test]
fn an_explicit_reborrow_keeps_a_mutable_reference_the_callers() {
    fn push_to(out: &mut Vec<u32>, x: u32) {
        out.push(x);
    }
    let mut storage = Vec::new();
    let out = &mut storage;
    {
        // `push_to(out, 1)` would move `out` in (see docs/function-like.md).
        let mut c = coro::coro!(|| {
            push_to(&mut *out, 1);
            yield;
            push_to(&mut *out, 2);
        });
        assert_eq!(c.resume(()), Yielded(()));
        assert_eq!(c.resume(()), Complete(()));
    }
    out.push(3);
    assert_eq!(storage, [1, 2, 3]);
}

#[test]
fn a_shared_borrow_of_a_borrowed_capture_may_be_held_across_yields() {
    let items = vec![1, 2, 3];
    let text = String::from("abc");
    let mut c = coro::coro!(|| {
        let chars = text.chars();
        for item in &items {
            yield *item;
        }
        yield chars.count();
    });
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Yielded(2));
    assert_eq!(c.resume(()), Yielded(3));
    assert_eq!(c.resume(()), Yielded(3));
    assert_eq!(c.resume(()), Complete(()));
    // Both are still the caller's.
    assert_eq!(items.len() + text.len(), 6);
}
