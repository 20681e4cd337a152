//! Yields inside expressions, in Rust's evaluation order (issue: "Yields inside
//! expressions"). Every position gets a body compiled by `#[coro::coroutine]` and, with
//! `RUSTC_BOOTSTRAP=1`, as a rustc native coroutine; `t(tag, v)` logs each operand as it
//! is evaluated, so the traces show that everything before a yield runs before the
//! coroutine suspends and nothing after it runs early.
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

use coro_oracle::{log, twin};

/// Logs `tag value` and returns the value: an operand with a visible side effect.
fn t<T: std::fmt::Debug>(tag: &str, value: T) -> T {
    log(format!("{tag} {value:?}"));
    value
}

fn add3(a: u32, b: u32, c: u32) -> u32 {
    a + 100 * b + 10_000 * c
}

#[derive(Debug)]
struct Point {
    x: u32,
    y: u32,
    z: u32,
}

#[derive(Debug)]
struct Acc(u32);

impl Acc {
    fn plus(self, n: u32) -> Acc {
        log(format!("plus {n}"));
        Acc(self.0 + n)
    }
}

twin! {
    /// Both operands of a binary operator yield; the left runs first.
    fn binary_operands() resume(first: u32) yields[u32] returns[u32] {
        let total = t("l", yield_!(first)) + t("r", yield_!(2));
        total * 10 + t("after", 1)
    }
    call()
    script[1, 3, 4]
    expect[
        "resume 1",
        "yield 1",
        "resume 3",
        "l 3",
        "yield 2",
        "resume 4",
        "r 4",
        "after 1",
        "complete 71",
        "drop complete",
    ]
}

twin! {
    /// Call arguments before the yield are evaluated before suspending, those after it
    /// only after resuming.
    fn call_arguments() resume(first: u32) yields[u32] returns[u32] {
        add3(t("a", first), yield_!(t("v", 7)), t("c", 9))
    }
    call()
    script[1, 5]
    expect[
        "resume 1",
        "a 1",
        "v 7",
        "yield 7",
        "resume 5",
        "c 9",
        "complete 90501",
        "drop complete",
    ]
}

twin! {
    /// A method call on a temporary receiver: receiver first, then the arguments.
    fn method_call_arguments() resume(first: u32) yields[u32] returns[u32] {
        let acc = t("recv", Acc(first)).plus(yield_!(t("arg", 2))).plus(t("second", 3));
        acc.0
    }
    call()
    script[1, 40]
    expect[
        "resume 1",
        "recv Acc(1)",
        "arg 2",
        "yield 2",
        "resume 40",
        "plus 40",
        "second 3",
        "plus 3",
        "complete 44",
        "drop complete",
    ]
}

twin! {
    /// Array, tuple and struct literals (with `..base`), element by element.
    fn literals() resume(first: u32) yields[u32] returns[u32] {
        let a = [t("a0", first), yield_!(1), t("a2", 3)];
        let (p, q) = (t("p", 4), yield_!(5));
        let base = Point { x: 0, y: 0, z: t("base", 9) };
        let s = Point { x: t("x", 6), y: yield_!(7), ..base };
        a[0] + a[1] + a[2] + p + q + s.x + s.y + s.z
    }
    call()
    script[10, 20, 30, 40]
    expect[
        "resume 10",
        "a0 10",
        "yield 1",
        "resume 20",
        "a2 3",
        "p 4",
        "yield 5",
        "resume 30",
        "base 9",
        "x 6",
        "yield 7",
        "resume 40",
        "complete 122",
        "drop complete",
    ]
}

twin! {
    /// Index expressions and casts.
    fn index_and_cast() resume(first: u32) yields[u32] returns[u64] {
        let table = [10u32, 20, 30, 40];
        let v = table[yield_!(first) as usize];
        let w = yield_!(v) as u64;
        w + u64::from(v)
    }
    call()
    script[0, 2, 7]
    expect[
        "resume 0",
        "yield 0",
        "resume 2",
        "yield 30",
        "resume 7",
        "complete 37",
        "drop complete",
    ]
}

twin! {
    /// Unary operators and a yield inside another yield's value.
    fn unary_and_nested() resume(first: i32) yields[i32] returns[(i32, bool)] {
        let n = -yield_!(first);
        let m = yield_!(yield_!(n) + 1);
        let b = !(yield_!(m) > 0);
        (n + m, b)
    }
    call()
    script[1, 2, 3, 4, -5]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield -2",
        "resume 3",
        "yield 4",
        "resume 4",
        "yield 4",
        "resume -5",
        "complete (2, true)",
        "drop complete",
    ]
}

twin! {
    /// `if` conditions and `match` scrutinees.
    fn conditions_and_scrutinees() resume(first: u32) yields[u32] returns[u32] {
        let mut out = 0;
        if yield_!(first) > 3 {
            out += t("then", 1);
        } else {
            out += t("else", 2);
        }
        match yield_!(out) {
            0 => out += 100,
            n if n % 2 == 0 => out += t("even", n),
            n => out += t("odd", n),
        }
        out
    }
    call()
    script[1, 5, 7]
    expect[
        "resume 1",
        "yield 1",
        "resume 5",
        "then 1",
        "yield 1",
        "resume 7",
        "odd 7",
        "complete 8",
        "drop complete",
    ]
}

twin! {
    /// `while` conditions and `while let` scrutinees run again on every iteration.
    fn loop_conditions() resume(first: u32) yields[u32] returns[u32] {
        let mut rounds = first;
        while yield_!(rounds) != 0 {
            rounds += t("round", 1);
        }
        let mut seen = 0;
        while let Some(v) = yield_!(seen).checked_sub(1) {
            seen += t("seen", v);
        }
        rounds * 100 + seen
    }
    call()
    script[0, 4, 9, 0, 3, 2, 0]
    expect[
        "resume 0",
        "yield 0",
        "resume 4",
        "round 1",
        "yield 1",
        "resume 9",
        "round 1",
        "yield 2",
        "resume 0",
        "yield 0",
        "resume 3",
        "seen 2",
        "yield 2",
        "resume 2",
        "seen 1",
        "yield 3",
        "resume 0",
        "complete 203",
        "drop complete",
    ]
}

twin! {
    /// The iterable of a `for` loop, and ranges.
    fn for_iterable_and_ranges() resume(first: u32) yields[u32] returns[u32] {
        let mut sum = 0;
        for i in t("start", first)..yield_!(10) {
            sum += t("i", i);
        }
        sum
    }
    call()
    script[1, 4]
    expect[
        "resume 1",
        "start 1",
        "yield 10",
        "resume 4",
        "i 1",
        "i 2",
        "i 3",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// `&&` and `||` evaluate their right operand (and its yield) only when Rust would.
    fn short_circuit() resume(first: bool) yields[u32] returns[(bool, bool, bool, bool)] {
        let a = t("l1", first) && yield_!(1);
        let b = t("l2", !first) && yield_!(2);
        let c = t("l3", first) || yield_!(3);
        let d = t("l4", !first) || yield_!(4);
        (a, b, c, d)
    }
    call()
    script[true, false, true]
    expect[
        "resume true",
        "l1 true",
        "yield 1",
        "resume false",
        "l2 false",
        "l3 true",
        "l4 false",
        "yield 4",
        "resume true",
        "complete (false, false, true, true)",
        "drop complete",
    ]
}

twin! {
    /// `break` and `return` values that yield.
    fn break_and_return_values() resume(first: u32) yields[u32] returns[u32] {
        let found = loop {
            if t("check", first) > 0 {
                break yield_!(first) + 1;
            }
        };
        if found > 5 {
            return yield_!(found) * 2;
        }
        found
    }
    call()
    script[1, 9, 4]
    expect[
        "resume 1",
        "check 1",
        "yield 1",
        "resume 9",
        "yield 10",
        "resume 4",
        "complete 8",
        "drop complete",
    ]
}

twin! {
    /// Block, `if`, `match` and `loop` expressions used as values, no annotations.
    fn control_flow_values() resume(first: u32) yields[u32] returns[u32] {
        let v = if first > 0 {
            yield_!(1);
            t("a", 10)
        } else {
            20
        };
        let w = match v {
            10 => {
                let x = yield_!(2);
                x + 1
            }
            _ => 0,
        };
        let z = {
            let y = yield_!(3);
            y * 2
        };
        v + w + z
    }
    call()
    script[1, 0, 5, 6]
    expect[
        "resume 1",
        "yield 1",
        "resume 0",
        "a 10",
        "yield 2",
        "resume 5",
        "yield 3",
        "resume 6",
        "complete 28",
        "drop complete",
    ]
}

twin! {
    /// `?` applied to a yield (the resume argument is an `Option`).
    fn question_mark_on_yield() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let a = first?;
        let b = yield_!(a)?;
        let c = t("c", yield_!(b)?);
        Some(a + b + c)
    }
    call()
    script[Some(1), Some(2), None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(2)",
        "yield 2",
        "resume None",
        "complete None",
        "drop complete",
    ]
}

twin! {
    /// Compound assignment to a field from a call around a yield.
    fn compound_assignment_with_call() resume(first: u32) yields[u32] returns[u64] {
        let mut total = [0u64, 0];
        total[0] += u64::from(yield_!(first));
        total[1] += u64::from(t("x", yield_!(2))) % 5;
        total[0] + total[1]
    }
    call()
    script[1, 7, 8]
    expect[
        "resume 1",
        "yield 1",
        "resume 7",
        "yield 2",
        "resume 8",
        "x 8",
        "complete 10",
        "drop complete",
    ]
}
