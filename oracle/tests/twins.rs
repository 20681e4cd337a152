//! Differential tests: each body is compiled by `#[coro::coroutine]` and, with
//! `RUSTC_BOOTSTRAP=1`, as a rustc native coroutine; both traces must equal the expected
//! one (which is rustc's). See the crate docs of `coro-oracle` for the trace format and how
//! to run this: `RUSTC_BOOTSTRAP=1 cargo test -p coro-oracle`.
//!
//! Bodies avoid the one documented deviation (a binding whose last mention comes before a
//! yield, still owning a value that needs dropping): every `Noisy` held across a yield is
//! mentioned after it, or never mentioned at all (`let _guard = ...`).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

use coro_oracle::{log, twin, Noisy};

twin! {
    /// `yield_!` as a statement; the unit resume arguments are discarded. The last
    /// resume comes after completion.
    fn statement_yields() yields[u32] returns[&'static str] {
        log("start");
        yield_!(1);
        log("between");
        yield_!(2);
        "done"
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "start",
        "yield 1",
        "resume ()",
        "between",
        "yield 2",
        "resume ()",
        "complete \"done\"",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `let` initialisers receive the following resume arguments; the first one binds
    /// the `#[resume]` parameter.
    fn let_binds_resume_args() resume(first: u32) yields[u32] returns[u32] {
        let a = yield_!(first + 1);
        let b = yield_!(a * 10);
        a + b + first * 1000
    }
    call()
    script[7, 3, 5]
    expect[
        "resume 7",
        "yield 8",
        "resume 3",
        "yield 30",
        "resume 5",
        "complete 7008",
        "drop complete",
    ]
}

twin! {
    /// `let` with tuple, struct-like and wildcard patterns.
    fn let_patterns() resume(first: (u32, u32)) yields[u32] returns[(u32, u32)] {
        let (x, _) = yield_!(first.0 + first.1);
        let (_, y) = yield_!(x);
        let (p, q) = yield_!(y);
        (p * q, x + y)
    }
    call()
    script[(1, 2), (3, 4), (5, 6), (7, 8)]
    expect[
        "resume (1, 2)",
        "yield 3",
        "resume (3, 4)",
        "yield 3",
        "resume (5, 6)",
        "yield 6",
        "resume (7, 8)",
        "complete (56, 9)",
        "drop complete",
    ]
}

twin! {
    /// `let ... else` with a yield initialiser, both the matching and the diverging way.
    fn let_else() resume(first: Option<u32>) yields[u32] returns[u32] {
        let mut total = first.unwrap_or(0);
        loop {
            let Some(x) = yield_!(total) else {
                log("else branch");
                break total + 1000;
            };
            total += x;
        }
    }
    call()
    script[Some(1), Some(2), Some(3), None, None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(2)",
        "yield 3",
        "resume Some(3)",
        "yield 6",
        "resume None",
        "else branch",
        "complete 1006",
        "resume None",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Plain assignment of a yield to an existing (resume-bound, `mut`) variable.
    fn assign() resume(mut c: u32) yields[u32] returns[u32] {
        let mut seen = 0;
        while c != 0 {
            seen = seen * 10 + c;
            c = yield_!(seen);
        }
        seen
    }
    call()
    script[1, 2, 3, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 12",
        "resume 3",
        "yield 123",
        "resume 0",
        "complete 123",
        "drop complete",
    ]
}

twin! {
    /// Compound assignments (`+=`, `*=`, `-=`, `^=`) with a yield on the right-hand side.
    fn compound_assign() resume(first: i64) yields[i64] returns[i64] {
        let mut x = first;
        x += yield_!(x);
        x *= yield_!(x);
        x -= yield_!(x);
        x ^= yield_!(x);
        x
    }
    call()
    script[2, 3, 4, 5, 6]
    expect[
        "resume 2",
        "yield 2",
        "resume 3",
        "yield 5",
        "resume 4",
        "yield 20",
        "resume 5",
        "yield 15",
        "resume 6",
        "complete 9",
        "drop complete",
    ]
}

twin! {
    /// Yields inside both branches of `if`/`else if`/`else`, with values flowing out.
    fn if_else(limit: u32) resume(first: u32) yields[&'static str] returns[u32] {
        let mut x = first;
        let mut steps = 0;
        while steps < limit {
            steps += 1;
            if x % 3 == 0 {
                x = yield_!("fizz");
            } else if x % 2 == 0 {
                let y = yield_!("even");
                x = y + 1;
            } else {
                yield_!("odd");
                x += 1;
            }
        }
        x
    }
    call(5)
    script[3, 4, 6, 1, 9, 10]
    expect[
        "resume 3",
        "yield \"fizz\"",
        "resume 4",
        "yield \"even\"",
        "resume 6",
        "yield \"odd\"",
        "resume 1",
        "yield \"even\"",
        "resume 9",
        "yield \"even\"",
        "resume 10",
        "complete 11",
        "drop complete",
    ]
}

twin! {
    /// `if let` with a binding used after the yield, and its `else` branch.
    fn if_let() resume(first: Option<u32>) yields[u32] returns[u32] {
        let mut next = first;
        let mut sum = 0;
        for _ in 0..4 {
            if let Some(v) = next {
                next = yield_!(v);
                sum += v;
            } else {
                next = yield_!(0);
            }
        }
        sum
    }
    call()
    script[Some(5), None, Some(7), Some(1), None]
    expect[
        "resume Some(5)",
        "yield 5",
        "resume None",
        "yield 0",
        "resume Some(7)",
        "yield 7",
        "resume Some(1)",
        "yield 1",
        "resume None",
        "complete 13",
        "drop complete",
    ]
}

twin! {
    /// `match` arms with bindings, guards and yields, bindings used after the yield.
    fn match_arms() resume(first: (u8, u32)) yields[String] returns[u32] {
        let mut cmd = first;
        let mut acc = 0;
        loop {
            match cmd {
                (b'+', n) if n > 100 => cmd = yield_!(format!("big {n}")),
                (b'+', n) => {
                    let next = yield_!(format!("add {n}"));
                    acc += n;
                    cmd = next;
                }
                (b'*', n) => {
                    acc *= n;
                    cmd = yield_!(format!("mul {n}"));
                }
                (b'q', _) => break,
                (other, _) => {
                    cmd = yield_!(format!("unknown {}", other as char));
                }
            }
        }
        acc
    }
    call()
    script[(b'+', 2), (b'+', 500), (b'*', 3), (b'?', 0), (b'+', 1), (b'q', 0)]
    expect[
        "resume (43, 2)",
        "yield \"add 2\"",
        "resume (43, 500)",
        "yield \"big 500\"",
        "resume (42, 3)",
        "yield \"mul 3\"",
        "resume (63, 0)",
        "yield \"unknown ?\"",
        "resume (43, 1)",
        "yield \"add 1\"",
        "resume (113, 0)",
        "complete 7",
        "drop complete",
    ]
}

twin! {
    /// `loop` with `break value` computed from a resume argument.
    fn loop_break_value() resume(first: u32) yields[u32] returns[(u32, u32)] {
        let mut n = first;
        let mut rounds = 0;
        let found = loop {
            rounds += 1;
            let x = yield_!(n);
            if x > 50 {
                break x * 2;
            }
            n += x;
        };
        (found, rounds)
    }
    call()
    script[1, 10, 20, 60, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 10",
        "yield 11",
        "resume 20",
        "yield 31",
        "resume 60",
        "complete (120, 3)",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `while` with a condition on state updated after each yield.
    fn while_loop(stop: u32) resume(first: u32) yields[u32] returns[u32] {
        let mut total = first;
        let mut count = 0;
        while total < stop {
            count += 1;
            let x = yield_!(total);
            total += x;
        }
        count
    }
    call(20)
    script[3, 4, 5, 9]
    expect[
        "resume 3",
        "yield 3",
        "resume 4",
        "yield 7",
        "resume 5",
        "yield 12",
        "resume 9",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `while let` over a stack that is held across the yield and grows after it.
    fn while_let() resume(first: u32) yields[u32] returns[usize] {
        let mut stack = vec![first];
        let mut popped = 0;
        while let Some(top) = stack.pop() {
            popped += 1;
            let push = yield_!(top);
            if push > 0 {
                stack.push(push);
                stack.push(push + 100);
            }
        }
        popped
    }
    call()
    script[1, 2, 0, 0, 3, 0, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 102",
        "resume 0",
        "yield 2",
        "resume 0",
        "complete 3",
        "resume 3",
        "panic coroutine resumed after completion",
        "resume 0",
        "panic coroutine resumed after completion",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `for` over a range: the iterator is held across the yield.
    fn for_range(n: u32) resume(first: u32) yields[u32] returns[u32] {
        let mut sum = first;
        for i in 0..n {
            sum += yield_!(i * 10);
        }
        sum
    }
    call(3)
    script[100, 1, 2, 3]
    expect[
        "resume 100",
        "yield 0",
        "resume 1",
        "yield 10",
        "resume 2",
        "yield 20",
        "resume 3",
        "complete 106",
        "drop complete",
    ]
}

twin! {
    /// `for` over a chain of iterator adapters on a `Vec` and a `&'static str`.
    fn for_adapters() yields[(usize, String)] returns[usize] {
        let words = vec!["alpha", "beta", "gamma"];
        let mut n = 0;
        for (i, w) in words.into_iter().chain("x y".split(' ')).enumerate().filter(|(i, _)| i % 2 == 0) {
            yield_!((i, w.to_uppercase()));
            n += 1;
        }
        n
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield (0, \"ALPHA\")",
        "resume ()",
        "yield (2, \"GAMMA\")",
        "resume ()",
        "yield (4, \"Y\")",
        "resume ()",
        "complete 3",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Labelled `break` and `continue` across nested loops with yields in the inner one.
    fn labelled_break_continue() resume(first: u32) yields[(u32, u32)] returns[u32] {
        let mut seen = first;
        'outer: for i in 0..4 {
            let mut j = 0;
            loop {
                j += 1;
                let cmd = yield_!((i, j));
                seen += 1;
                match cmd {
                    1 => continue 'outer,
                    2 => break 'outer,
                    3 => break,
                    _ => continue,
                }
            }
            log(format!("after inner {i}"));
        }
        seen
    }
    call()
    script[0, 0, 1, 3, 0, 2, 9]
    expect[
        "resume 0",
        "yield (0, 1)",
        "resume 0",
        "yield (0, 2)",
        "resume 1",
        "yield (1, 1)",
        "resume 3",
        "after inner 1",
        "yield (2, 1)",
        "resume 0",
        "yield (2, 2)",
        "resume 2",
        "complete 5",
        "resume 9",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// A labelled block broken out of with a value, from after a yield.
    fn labelled_block_value() resume(first: u32) yields[u32] returns[u32] {
        let v = 'blk: {
            let a = yield_!(first);
            if a == 0 {
                break 'blk 1000;
            }
            let b = yield_!(a);
            a + b
        };
        v + 1
    }
    call()
    script[5, 6, 7, 8]
    expect[
        "resume 5",
        "yield 5",
        "resume 6",
        "yield 6",
        "resume 7",
        "complete 14",
        "resume 8",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Nested blocks and shadowing: inner bindings shadow outer ones only in their block.
    fn nested_blocks_shadowing() resume(first: u32) yields[u32] returns[(u32, u32)] {
        let x = first;
        let y = {
            let x = yield_!(x);
            let x = {
                let x = x * 2;
                let got = yield_!(x);
                got + x
            };
            x + 1
        };
        let x = yield_!(x + y);
        (x, y)
    }
    call()
    script[1, 2, 3, 4, 5]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 4",
        "resume 3",
        "yield 9",
        "resume 4",
        "complete (4, 8)",
        "resume 5",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Early `return` from inside a loop and a match, after some yields.
    fn early_return() resume(first: i32) yields[i32] returns[&'static str] {
        let mut x = first;
        loop {
            match x {
                0 => return "zero",
                n if n < 0 => {
                    log("negative");
                    return "negative";
                }
                _ => {}
            }
            x = yield_!(x);
        }
    }
    call()
    script[3, 2, -1, 5]
    expect[
        "resume 3",
        "yield 3",
        "resume 2",
        "yield 2",
        "resume -1",
        "negative",
        "complete \"negative\"",
        "resume 5",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

#[derive(Debug)]
pub struct SmallErr(u32);

#[derive(Debug, PartialEq)]
pub struct BigErr(String);

impl From<SmallErr> for BigErr {
    fn from(e: SmallErr) -> Self {
        BigErr(format!("converted {}", e.0))
    }
}

pub fn check(x: u32) -> Result<u32, SmallErr> {
    if x < 10 {
        Ok(x * 2)
    } else {
        Err(SmallErr(x))
    }
}

twin! {
    /// `?` on a `Result` after yields completes with the `From`-converted error.
    fn question_result() resume(first: u32) yields[u32] returns[Result<u32, BigErr>] {
        let mut total = check(first)?;
        loop {
            let x = yield_!(total);
            if x == 0 {
                break;
            }
            total += check(x)?;
        }
        Ok(total)
    }
    call()
    script[1, 2, 3, 12, 4]
    expect[
        "resume 1",
        "yield 2",
        "resume 2",
        "yield 6",
        "resume 3",
        "yield 12",
        "resume 12",
        "complete Err(BigErr(\"converted 12\"))",
        "resume 4",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `?` on a `Result` where everything succeeds.
    fn question_result_ok() resume(first: u32) yields[u32] returns[Result<u32, BigErr>] {
        let a = check(first)?;
        let got = yield_!(a);
        let b = check(got)?;
        Ok(a + b)
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 2",
        "resume 2",
        "complete Ok(6)",
        "resume 3",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `?` on an `Option` completes with `None`.
    fn question_option() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let mut total = first?;
        loop {
            let next = yield_!(total);
            total += next?;
        }
    }
    call()
    script[Some(1), Some(2), Some(3), None, Some(4)]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(2)",
        "yield 3",
        "resume Some(3)",
        "yield 6",
        "resume None",
        "complete None",
        "resume Some(4)",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Nested items (fn, struct, impl) and closures without yields inside the body.
    fn nested_items_and_closures() resume(first: u32) yields[u32] returns[u32] {
        fn helper(x: u32) -> u32 {
            x + 1
        }
        struct Acc {
            total: u32,
        }
        impl Acc {
            fn add(&mut self, x: u32) {
                self.total += x;
            }
        }
        let double = |x: u32| x * 2;
        let mut acc = Acc { total: first };
        for i in 0..3 {
            let got = yield_!(helper(double(i)));
            acc.add(got);
        }
        let sum: u32 = (0..acc.total).filter(|x| x % 2 == 0).map(|x| x / 2).sum();
        acc.total * 1000 + sum
    }
    call()
    script[1, 2, 3, 4]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 3",
        "resume 3",
        "yield 5",
        "resume 4",
        "complete 10010",
        "drop complete",
    ]
}

twin! {
    /// Values held across yields are dropped at the end of their blocks, in reverse order;
    /// a `_guard` never mentioned again lives to the end of its block.
    fn drops_at_block_end() yields[&'static str] returns[&'static str] {
        let a = Noisy("a");
        let _guard = Noisy("guard");
        {
            let b = Noisy("b");
            yield_!("inner");
            log(format!("using {}", b.0));
        }
        let c = Noisy("c");
        yield_!("outer");
        log(format!("using {} {}", a.0, c.0));
        "end"
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield \"inner\"",
        "resume ()",
        "using b",
        "drop b",
        "yield \"outer\"",
        "resume ()",
        "using a c",
        "drop c",
        "drop guard",
        "drop a",
        "complete \"end\"",
        "drop complete",
    ]
}

twin! {
    /// Dropping a suspended coroutine drops exactly the values it holds, in reverse order.
    fn drop_while_suspended() yields[u32] returns[()] {
        let a = Noisy("a");
        let gone = Noisy("moved away");
        drop(gone);
        let _guard = Noisy("guard");
        {
            let b = Noisy("b");
            yield_!(1);
            log(b.0);
        }
        let c = Noisy("c");
        yield_!(2);
        log(format!("{} {}", a.0, c.0));
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "drop moved away",
        "yield 1",
        "resume ()",
        "b",
        "drop b",
        "yield 2",
        "resume ()",
        "a c",
        "drop c",
        "drop guard",
        "drop a",
        "complete ()",
        "drop complete",
    ]
}

twin! {
    /// Dropping a coroutine suspended in an inner block.
    fn drop_while_suspended_inner() yields[u32] returns[()] {
        let a = Noisy("a");
        {
            let b = Noisy("b");
            let _g = Noisy("g");
            yield_!(1);
            log(b.0);
        }
        yield_!(2);
        log(a.0);
    }
    call()
    script[()]
    expect[
        "resume ()",
        "yield 1",
        "drop suspended",
        "drop g",
        "drop b",
        "drop a",
    ]
}

twin! {
    /// Dropping a coroutine that was never resumed drops only its parameters. (The
    /// parameter is moved whole: a native closure would capture just `p.0` otherwise.)
    fn drop_unresumed(p: Noisy, n: u32) yields[u32] returns[u32] {
        let q = p;
        let a = Noisy("a");
        yield_!(n);
        log(format!("{} {}", q.0, a.0));
        n
    }
    call(Noisy("p"), 4)
    script[]
    expect[
        "drop unresumed",
        "drop p",
    ]
}

twin! {
    /// A parameter moved into a local first.
    fn param_moved_into_local(p: Noisy) yields[u32] returns[u32] {
        let q = p;
        let a = Noisy("a");
        yield_!(1);
        log(format!("{} {}", q.0, a.0));
        2
    }
    call(Noisy("p"))
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "p a",
        "drop a",
        "drop p",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A value created in each loop iteration and held across the yield is dropped at the
    /// end of that iteration; the loop's iterator of `Noisy` values is held across yields.
    fn drops_in_loop() yields[&'static str] returns[u32] {
        let names = vec![Noisy("x"), Noisy("y"), Noisy("z")];
        let mut count = 0;
        for n in names {
            let tmp = Noisy("tmp");
            let () = yield_!(n.0);
            log(format!("after yield {} {}", n.0, tmp.0));
            count += 1;
        }
        count
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield \"x\"",
        "resume ()",
        "after yield x tmp",
        "drop tmp",
        "drop x",
        "yield \"y\"",
        "resume ()",
        "after yield y tmp",
        "drop tmp",
        "drop y",
        "yield \"z\"",
        "resume ()",
        "after yield z tmp",
        "drop tmp",
        "drop z",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Dropped mid-iteration: the iterator's remaining items and the current item go.
    fn drop_mid_for() yields[&'static str] returns[()] {
        let names = vec![Noisy("x"), Noisy("y"), Noisy("z")];
        for n in names {
            yield_!(n.0);
            log(n.0);
        }
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield \"x\"",
        "resume ()",
        "x",
        "drop x",
        "yield \"y\"",
        "drop suspended",
        "drop y",
        "drop z",
    ]
}

twin! {
    /// A binding moved out before the yield is not dropped by the coroutine.
    fn moved_binding_not_dropped() yields[u32] returns[Noisy] {
        let a = Noisy("a");
        let b = Noisy("b");
        let kept = b;
        yield_!(1);
        log(kept.0);
        drop(a);
        yield_!(2);
        kept
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "b",
        "drop a",
        "yield 2",
        "resume ()",
        "complete Noisy(\"b\")",
        "drop b",
        "drop complete",
    ]
}

twin! {
    /// Resume arguments that own values: the one discarded by a statement `yield_!` is
    /// dropped right away, the bound ones at the end of their scope.
    fn resume_args_dropped() resume(first: Noisy) yields[u32] returns[&'static str] {
        yield_!(1);
        let kept = yield_!(2);
        {
            let inner = yield_!(3);
            log(format!("inner {}", inner.0));
        }
        yield_!(4);
        log(format!("first {} kept {}", first.0, kept.0));
        "done"
    }
    call()
    // No resume after completion here: rustc leaks that argument, coro drops it
    // (tests/panics.rs covers it).
    script[Noisy("r0"), Noisy("r1"), Noisy("r2"), Noisy("r3"), Noisy("r4")]
    expect[
        "resume Noisy(\"r0\")",
        "yield 1",
        "resume Noisy(\"r1\")",
        "drop r1",
        "yield 2",
        "resume Noisy(\"r2\")",
        "yield 3",
        "resume Noisy(\"r3\")",
        "inner r3",
        "drop r3",
        "yield 4",
        "resume Noisy(\"r4\")",
        "drop r4",
        "first r0 kept r2",
        "drop r2",
        "drop r0",
        "complete \"done\"",
        "drop complete",
    ]
}

twin! {
    /// A match arm binding an owned value, held across a yield.
    fn match_binding_held() resume(first: Option<Noisy>) yields[&'static str] returns[u32] {
        let mut n = 0;
        let mut next = first;
        loop {
            match next {
                Some(v) if v.0.starts_with('k') => {
                    next = yield_!("keep");
                    log(format!("held {}", v.0));
                }
                Some(v) => {
                    drop(v);
                    next = yield_!("dropped");
                }
                None => break,
            }
            n += 1;
        }
        n
    }
    call()
    script[Some(Noisy("k1")), Some(Noisy("x1")), Some(Noisy("k2")), None]
    expect[
        "resume Some(Noisy(\"k1\"))",
        "yield \"keep\"",
        "resume Some(Noisy(\"x1\"))",
        "held k1",
        "drop k1",
        "drop x1",
        "yield \"dropped\"",
        "resume Some(Noisy(\"k2\"))",
        "yield \"keep\"",
        "resume None",
        "held k2",
        "drop k2",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// An early `return` drops everything the body holds, innermost first.
    fn return_drops() resume(first: u32) yields[u32] returns[u32] {
        let _a = Noisy("a");
        let b = Noisy("b");
        loop {
            let _c = Noisy("c");
            let x = yield_!(first);
            if x == 0 {
                log(b.0);
                return 7;
            }
        }
    }
    call()
    script[1, 1, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 1",
        "drop c",
        "yield 1",
        "resume 0",
        "b",
        "drop c",
        "drop b",
        "drop a",
        "complete 7",
        "drop complete",
    ]
}

twin! {
    /// `?` that completes the coroutine drops what the body holds.
    fn question_drops() resume(first: u32) yields[u32] returns[Result<u32, BigErr>] {
        let _a = Noisy("a");
        let mut total = 0;
        loop {
            let _b = Noisy("b");
            let x = yield_!(total);
            total += check(x)?;
            log("checked");
        }
    }
    call()
    script[0, 1, 20, 3]
    expect[
        "resume 0",
        "yield 0",
        "resume 1",
        "checked",
        "drop b",
        "yield 2",
        "resume 20",
        "drop b",
        "drop a",
        "complete Err(BigErr(\"converted 20\"))",
        "resume 3",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `break` with a value out of a loop drops the loop's locals, not the outer ones.
    fn break_drops() yields[u32] returns[&'static str] {
        let outer = Noisy("outer");
        let mut i = 0;
        let r = loop {
            let _inner = Noisy("inner");
            i += 1;
            yield_!(i);
            if i == 2 {
                break outer.0;
            }
        };
        yield_!(100);
        log(outer.0);
        r
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "drop inner",
        "yield 2",
        "resume ()",
        "drop inner",
        "yield 100",
        "resume ()",
        "outer",
        "drop outer",
        "complete \"outer\"",
        "drop complete",
    ]
}

twin! {
    /// A panic after some yields drops what the body holds, poisons the coroutine, and
    /// nothing is dropped again when it is dropped.
    fn panic_poisons() resume(first: u32) yields[u32] returns[u32] {
        let _a = Noisy("a");
        let b = Noisy("b");
        let x = yield_!(first);
        let _c = Noisy("c");
        if x == 0 {
            panic!("boom at {}", b.0);
        }
        log(b.0);
        x
    }
    call()
    script[1, 0, 2]
    expect[
        "resume 1",
        "yield 1",
        "resume 0",
        "drop c",
        "drop b",
        "drop a",
        "panic boom at b",
        "resume 2",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

twin! {
    /// A panic in the very first resume, before any yield.
    fn panic_first_resume() resume(first: u32) yields[u32] returns[u32] {
        let _a = Noisy("a");
        if first == 0 {
            panic!("early");
        }
        let r = yield_!(first);
        r
    }
    call()
    script[0, 1]
    expect[
        "resume 0",
        "drop a",
        "panic early",
        "resume 1",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

twin! {
    /// Shadowed bindings that own values both live to the end of the block.
    fn shadowed_noisy() yields[u32] returns[&'static str] {
        let a = Noisy("a1");
        let a2 = a;
        let a = Noisy("a2");
        {
            let a = Noisy("a3");
            yield_!(1);
            log(a.0);
        }
        yield_!(2);
        log(format!("{} {}", a.0, a2.0));
        "end"
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "a3",
        "drop a3",
        "yield 2",
        "resume ()",
        "a2 a1",
        "drop a2",
        "drop a1",
        "complete \"end\"",
        "drop complete",
    ]
}

twin! {
    /// A closure kept across a yield (inside a `for` loop's iterator) whose creating code
    /// runs after an earlier yield: each statement is emitted once, so the closure has one
    /// type.
    fn closure_kept_across_a_yield(v: Vec<u32>) yields[u32] returns[u32] {
        yield_!(0);
        let mut n = 0;
        for x in v.into_iter().filter(|x| x % 2 == 0) {
            n += 1;
            yield_!(x);
        }
        n
    }
    call(vec![1, 2, 3, 4, 6])
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 4",
        "resume ()",
        "yield 6",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Same-block shadowing where both bindings are held across one yield: the hidden
    /// guard is dropped at the end of the block, after the visible one.
    fn same_block_shadowing_both_held() resume(first: u32) yields[u32] returns[u32] {
        let g = Noisy("outer");
        log(format!("made {}", g.0));
        let g = Noisy("inner");
        let n = yield_!(first);
        log(format!("still {}", g.0));
        n
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "made outer",
        "yield 1",
        "resume 2",
        "still inner",
        "drop inner",
        "drop outer",
        "complete 2",
        "resume 3",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}
