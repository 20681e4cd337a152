//! Differential tests for the function-like `coro::coro!`: closures and functions written
//! with the real `yield` keyword, compiled by `coro::coro!` and (with `RUSTC_BOOTSTRAP=1`)
//! as rustc's native closure coroutines (`#[coroutine] move |x: A| { .. }`). Both traces
//! must equal the expected one, which is rustc's. See the crate docs of `coro-oracle`.
//!
//! The body is written once, with `yield`. On stable the native half is never parsed: it
//! only exists inside the arguments of `native!`, which is defined (and its call kept)
//! only under `cfg(coro_native)`.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

#[allow(unused_imports)]
use coro_oracle::{log, Noisy};

/// The name of a `Noisy`, through a reference to all of it: a closure that calls this
/// captures the whole value (`tag.0` alone would capture only the field, in edition 2021,
/// where `coro!` captures whole variables).
fn label(noisy: &Noisy) -> &'static str {
    noisy.0
}

/// `#[coroutine]` in front of the closure: rustc's native closure coroutine.
#[cfg(coro_native)]
macro_rules! native {
    ($($closure:tt)*) => {
        #[coroutine]
        $($closure)*
    };
}

/// One differential test of a closure: `setup` runs first (on each side), then the closure
/// is built, resumed with `script`, and its trace compared with `expect`.
///
/// Two optional clauses follow:
///
/// - `after { .. }` runs once the coroutine is dropped (on each side), and what it logs is
///   appended to the trace: how the caller's variables look once their captures are back.
/// - `coro_trace[..] ("reason")` pins a known difference: rustc's trace must equal
///   `expect`, and `coro::coro!`'s must equal this one instead (the reason says why).
macro_rules! closure_twin {
    (
        $(#[doc = $doc:literal])*
        fn $name:ident() { $($setup:tt)* }
        closure { $($closure:tt)* }
        script[$($script:expr),* $(,)?]
        expect[$($expect:literal),* $(,)?]
        $(after { $($after:tt)* })?
        $(coro_trace[$($coro:literal),* $(,)?] ($reason:literal))?
    ) => {
        $(#[doc = $doc])*
        #[test]
        fn $name() {
            // rustc's trace; unused on stable when `coro_trace` replaces it for coro.
            #[allow(unused_variables)]
            let expected: &[&str] = &[$($expect),*];
            #[cfg(coro_native)]
            {
                $($setup)*
                let mut native = coro_oracle::run(coro_oracle::native(native!($($closure)*)), [$($script),*]);
                $($($after)*)?
                native.extend(coro_oracle::take_log());
                assert_eq!(native, expected, "rustc's native coroutine disagrees with the expected trace");
            }
            #[cfg(not(coro_native_only))]
            {
                $(
                    let _: &str = $reason;
                    let expected: &[&str] = &[$($coro),*];
                )?
                $($setup)*
                let mut got = coro_oracle::run(coro::coro!($($closure)*), [$($script),*]);
                $($($after)*)?
                got.extend(coro_oracle::take_log());
                assert_eq!(got, expected, "coro::coro! differs from the expected trace");
            }
        }
    };
}

closure_twin! {
    /// The parameter receives the first resume argument; each `yield` evaluates to the
    /// next one; the last resume comes after completion.
    fn resume_arguments() {}
    closure {
        move |first: u32| {
            log(format!("first {first}"));
            let a = yield first + 1;
            let b = yield a * 10;
            a + b + first * 1000
        }
    }
    script[7, 3, 5, 9]
    expect[
        "resume 7",
        "first 7",
        "yield 8",
        "resume 3",
        "yield 30",
        "resume 5",
        "complete 7008",
        "resume 9",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

closure_twin! {
    /// `yield v;` as statements in a `for` loop; no parameter.
    fn statements_without_parameter() {}
    closure {
        || {
            for i in 0..2u8 {
                yield 10;
                yield i;
            }
            "done"
        }
    }
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 1",
        "resume ()",
        "complete \"done\"",
        "drop complete",
    ]
}

closure_twin! {
    /// A `move` closure takes ownership of what it names; what it holds at a yield is
    /// dropped when the suspended coroutine is dropped.
    fn captures_and_drops() {
        let name = String::from("cap");
        let tag = Noisy("tag");
    }
    closure {
        move |n: u32| {
            let _held = Noisy("held");
            let got = yield format!("{name} {n}");
            log(format!("got {got}"));
            log(label(&tag));
            let again = yield format!("{name} again");
            log(label(&tag));
            again
        }
    }
    script[1, 2]
    expect[
        "resume 1",
        "yield \"cap 1\"",
        "resume 2",
        "got 2",
        "tag",
        "yield \"cap again\"",
        "drop suspended",
        "drop held",
        "drop tag",
    ]
}

closure_twin! {
    /// Run to completion, a `move` closure drops its locals and captures by the end.
    fn captures_dropped_at_completion() {
        let tag = Noisy("tag");
    }
    closure {
        move || {
            let held = Noisy("held");
            yield 1;
            log(held.0);
            log(label(&tag));
            2
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "held",
        "tag",
        "drop held",
        "drop tag",
        "complete 2",
        "drop complete",
    ]
}

closure_twin! {
    /// Captures drop in capture order (the order of first mention), as a closure's fields
    /// do, when the coroutine completes (the adversarial review found coro dropping them
    /// latest captured first, as locals).
    fn captures_drop_in_capture_order_at_completion() {
        let a = Noisy("a");
        let b = Noisy("b");
        let c = Noisy("c");
    }
    closure {
        move || {
            log(label(&b));
            log(label(&a));
            yield 1u32;
            log(label(&c));
            3u32
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "b",
        "a",
        "yield 1",
        "resume ()",
        "c",
        "drop b",
        "drop a",
        "drop c",
        "complete 3",
        "drop complete",
    ]
}

closure_twin! {
    /// The same order when the coroutine is dropped while suspended.
    fn captures_drop_in_capture_order_when_suspended() {
        let a = Noisy("a");
        let b = Noisy("b");
        let c = Noisy("c");
    }
    closure {
        move || {
            log(label(&b));
            log(label(&a));
            yield 1u32;
            log(label(&c));
            3u32
        }
    }
    script[()]
    expect[
        "resume ()",
        "b",
        "a",
        "yield 1",
        "drop suspended",
        "drop b",
        "drop a",
        "drop c",
    ]
}

closure_twin! {
    /// The closure's parameter drops before the captures (round 2 of the review found it
    /// dropped after them), and the body's locals before both.
    fn parameter_drops_before_the_captures() {
        let a = Noisy("a");
    }
    closure {
        move |first: Noisy| {
            log(label(&a));
            let _local = Noisy("local");
            yield 1u32;
            log(label(&first));
            2u32
        }
    }
    script[Noisy("first"), Noisy("second")]
    expect[
        "resume Noisy(\"first\")",
        "a",
        "yield 1",
        "resume Noisy(\"second\")",
        "drop second",
        "first",
        "drop local",
        "drop first",
        "drop a",
        "complete 2",
        "drop complete",
    ]
}

closure_twin! {
    /// A `return` in the body completes the coroutine; a panic poisons it.
    fn return_and_panic() {}
    closure {
        move |x: i32| {
            let mut x = x;
            loop {
                if x < 0 {
                    return "negative";
                }
                if x == 0 {
                    panic!("zero");
                }
                x = yield x;
            }
        }
    }
    script[2, -1, 0]
    expect[
        "resume 2",
        "yield 2",
        "resume -1",
        "complete \"negative\"",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

closure_twin! {
    /// The panic poisons the coroutine: resuming again panics as rustc's do.
    fn panic_poisons() {}
    closure {
        move |x: i32| {
            let _guard = Noisy("guard");
            if x == 0 {
                panic!("zero");
            }
            yield x;
        }
    }
    script[0, 1]
    expect[
        "resume 0",
        "drop guard",
        "panic zero",
        "resume 1",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

/// The same body as a `coro::coro!` function and as a native coroutine.
mod function_form {
    #[allow(unused_imports)]
    use coro_oracle::{log, Noisy};

    coro::coro! {
        pub fn coro_side(#[resume] _first: u32, limit: u32)
            -> impl coro::Coroutine<u32, Yield = u32, Return = u32>
        {
            let mut sum = 0;
            loop {
                let next = yield sum;
                if next >= limit {
                    break;
                }
                sum += next;
            }
            sum
        }
    }

    #[cfg(coro_native)]
    pub fn native_side(limit: u32) -> impl core::ops::Coroutine<u32, Yield = u32, Return = u32> {
        native!(move |_first: u32| {
            let mut sum = 0;
            loop {
                let next = yield sum;
                if next >= limit {
                    break;
                }
                sum += next;
            }
            sum
        })
    }

    #[test]
    fn trace() {
        let expected: &[&str] = &[
            "resume 100",
            "yield 0",
            "resume 1",
            "yield 1",
            "resume 2",
            "yield 3",
            "resume 50",
            "complete 3",
            "drop complete",
        ];
        #[cfg(coro_native)]
        {
            let native = coro_oracle::run(coro_oracle::native(native_side(10)), [100, 1, 2, 50]);
            assert_eq!(native, expected);
        }
        let got = coro_oracle::run(coro_side(10), [100, 1, 2, 50]);
        assert_eq!(got, expected);
    }
}

// Issue 16: captures as rustc 2021 decides them, postfix `.yield`, `static`, method calls
// on items with a yield in their arguments, and the drop rule's two sides.

closure_twin! {
    /// A non-`move` closure that moves a captured value out (`drop(b)`) captures it by
    /// value: it is held while suspended and dropped where the body drops it.
    fn non_move_closure_captures_a_moved_value_by_value() {
        let b = Noisy("b");
        let kept = Noisy("kept");
    }
    closure {
        || {
            yield 1;
            drop(b);
            log(label(&kept));
            yield 2;
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop b",
        "kept",
        "yield 2",
        "drop suspended",
        "caller still has kept",
    ]
    after {
        log(format!("caller still has {}", label(&kept)));
    }
}

closure_twin! {
    /// A captured value that is only yielded (`b.yield`) is captured by value: the caller
    /// gets it out at the yield.
    fn non_move_closure_yields_a_capture() {
        let b = Noisy("b");
    }
    closure {
        || {
            b.yield;
            Noisy("fresh").yield;
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield Noisy(\"b\")",
        "drop b",
        "resume ()",
        "yield Noisy(\"fresh\")",
        "drop fresh",
        "drop suspended",
    ]
}

closure_twin! {
    /// A coroutine dropped before it runs drops what it captured by value.
    fn unresumed_drop_drops_by_value_captures() {
        let b = Noisy("b");
    }
    closure {
        || {
            yield 1;
            drop(b);
        }
    }
    script[]
    expect["drop unresumed", "drop b"]
}

closure_twin! {
    /// In a `move` closure a name used only as a yield operand is moved in.
    fn move_closure_yields_a_capture() {
        let tag = Noisy("tag");
    }
    closure {
        move || {
            yield tag;
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield Noisy(\"tag\")",
        "drop tag",
        "resume ()",
        "complete ()",
        "drop complete",
    ]
}

closure_twin! {
    /// A `Copy` value that the body both assigns and reads by value is captured by mutable
    /// reference: the caller sees the assignments.
    fn assigned_copy_capture_is_borrowed_mutably() {
        let mut count = 0u32;
    }
    closure {
        || {
            count += 1;
            yield count;
            count = count * 10 + 1;
            count
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 11",
        "drop complete",
        "count 11",
    ]
    after {
        log(format!("count {count}"));
    }
}

closure_twin! {
    /// A method's receiver is captured as rustc decides from the method (`push` borrows it
    /// mutably, `len` by reference); the caller keeps the vector.
    fn method_receivers_are_left_to_rustc() {
        let mut seen = Vec::new();
    }
    closure {
        |x: u32| {
            seen.push(x);
            let next = yield seen.len();
            seen.push(next);
            seen.len()
        }
    }
    script[4, 5]
    expect[
        "resume 4",
        "yield 1",
        "resume 5",
        "complete 2",
        "drop complete",
        "seen [4, 5]",
    ]
    after {
        log(format!("seen {seen:?}"));
    }
}

closure_twin! {
    /// Postfix `.yield`, with a value and with `()`, means what prefix `yield` does.
    fn postfix_yield() {}
    closure {
        |first: u32| {
            let second = (first + 1).yield;
            let third = second.yield * 10;
            log(format!("third {third}"));
            first + second + third
        }
    }
    script[1, 5, 7, 0]
    expect[
        "resume 1",
        "yield 2",
        "resume 5",
        "yield 5",
        "resume 7",
        "third 70",
        "complete 76",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

closure_twin! {
    /// A `static` closure that borrows nothing across a yield behaves as a movable one.
    fn static_closure() {
        let v = vec![Noisy("x"), Noisy("y")];
    }
    closure {
        static move || {
            for item in v {
                log(label(&item));
                ().yield;
            }
            "done"
        }
    }
    script[(), (), ()]
    expect[
        "resume ()",
        "x",
        "yield ()",
        "resume ()",
        "drop x",
        "y",
        "yield ()",
        "resume ()",
        "drop y",
        "complete \"done\"",
        "drop complete",
    ]
}

/// A unit struct, a constant and a static with a method that takes `&self`.
#[allow(dead_code)]
struct Adder(u32);

impl Adder {
    fn add(&self, a: u32, b: u32) -> u32 {
        self.0 + a + b
    }
}

#[allow(dead_code)]
const ONE: Adder = Adder(1);
#[allow(dead_code)]
static TWO: Adder = Adder(2);

closure_twin! {
    /// `A.method(yield ..)` with `A` a constant, a static or a path to an item: not a local,
    /// so nothing of the coroutine's is borrowed across the yield (rustc accepts it).
    fn method_call_on_an_item_yields_in_its_arguments() {}
    closure {
        |first: u32| {
            let a = ONE.add(first, yield 10);
            let b = TWO.add(a, yield 20);
            self::ONE.add(b, yield 30)
        }
    }
    script[1, 2, 3, 4]
    expect[
        "resume 1",
        "yield 10",
        "resume 2",
        "yield 20",
        "resume 3",
        "yield 30",
        "resume 4",
        "complete 14",
        "drop complete",
    ]
}

/// `false` and `true`, where the optimizer cannot see them.
#[allow(dead_code)]
fn flag(value: bool) -> bool {
    std::hint::black_box(value)
}

closure_twin! {
    /// The drop rule, held side: every use of `b` borrows it (a format argument, `&b`, a
    /// comparison), so it still owns its value at the yield; the coroutine holds it and
    /// drops it at the end of its block, after the yield, as rustc does (rustc's
    /// `conditional-drop`, with a borrow where it moves).
    fn binding_only_borrowed_is_held_across_the_yield() {}
    closure {
        || {
            let b = Noisy("b");
            if flag(false) {
                log(format!("{b:?}"));
            }
            if label(&b) == "b" {
                log("checked");
            }
            yield;
            log("resumed");
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "checked",
        "yield ()",
        "resume ()",
        "resumed",
        "drop b",
        "complete ()",
        "drop complete",
    ]
}

closure_twin! {
    /// The drop rule, early side (rustc's `conditional-drop`): `drop(b)` may move `b`, and
    /// nothing after the yield reads it, so the coroutine does not hold it across the
    /// yield. When the branch did not run, `b` still owned its value: coro drops it as the
    /// coroutine suspends, rustc at the end of the block, after the second resume.
    fn binding_that_may_move_is_dropped_at_suspension() {}
    closure {
        || {
            let b = Noisy("b");
            if flag(false) {
                drop(b);
            }
            yield;
            log("resumed");
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield ()",
        "resume ()",
        "resumed",
        "drop b",
        "complete ()",
        "drop complete",
    ]
    coro_trace[
        "resume ()",
        "drop b",
        "yield ()",
        "resume ()",
        "resumed",
        "complete ()",
        "drop complete",
    ] ("a mention that may move (`drop(b)`) ends the binding's hold: docs/function-like.md")
}

closure_twin! {
    /// The drop rule, overwritten side (rustc's `resume-live-across-yield`): `_d = yield;`
    /// overwrites `_d` straight after the yield, so nothing reads its old value after it;
    /// but no mention on the way to the yield can have moved it (the tail `_d` that may
    /// move comes after), so it is held, and dropped at the assignment as rustc does.
    fn overwritten_binding_is_held_until_the_assignment() {}
    closure {
        |mut _d: Noisy| {
            _d = yield 1;
            log("assigned");
            _d
        }
    }
    script[Noisy("first"), Noisy("second")]
    expect[
        "resume Noisy(\"first\")",
        "yield 1",
        "resume Noisy(\"second\")",
        "drop first",
        "assigned",
        "complete Noisy(\"second\")",
        "drop second",
        "drop complete",
    ]
}

closure_twin! {
    /// The drop rule, held side of an overwrite: `slot` is only ever borrowed (a format
    /// argument) and assigned, so nothing can have moved it: the coroutine holds its old
    /// value across the yield and drops it at the assignment, as rustc does.
    fn overwritten_binding_only_borrowed_is_held_until_the_assignment() {}
    closure {
        |first: Noisy| {
            let mut slot = first;
            log(format!("slot {}", slot.0));
            slot = yield 1;
            log(format!("slot {}", slot.0));
        }
    }
    script[Noisy("first"), Noisy("second")]
    expect[
        "resume Noisy(\"first\")",
        "slot first",
        "yield 1",
        "resume Noisy(\"second\")",
        "drop first",
        "slot second",
        "drop second",
        "complete ()",
        "drop complete",
    ]
}

closure_twin! {
    /// A non-`move` closure that moves a field out captures that field alone (rustc 2021's
    /// disjoint captures): the other field stays the caller's, who drops it after the
    /// coroutine is gone.
    fn a_moved_field_is_captured_alone() {
        let pair = (Noisy("first"), Noisy("second"));
    }
    closure {
        || {
            yield 1;
            drop(pair.0);
            log(label(&pair.1));
            yield 2;
        }
    }
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop first",
        "second",
        "yield 2",
        "drop suspended",
        "caller drops second",
        "drop second",
    ]
    after {
        log("caller drops second");
        drop(pair.1);
    }
}
