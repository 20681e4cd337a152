// Issue 15: borrows of the coroutine's own locals held across a yield, made again by coro
// after each resume, against the same bodies as rustc `static` coroutines (which hold the
// borrows themselves, pinned). Included by `oracle/tests/borrows.rs` (edition 2021) and
// `oracle/edition2024/tests/borrows.rs` (edition 2024); the expected traces are rustc's, and
// the same in both editions.

use super::*;

twin! {
    /// The program: a `for` loop over a borrow of a local `Vec<String>`, with
    /// `enumerate`, yielding a formatted line per word.
    static fn numbered_words() yields[String] returns[usize] {
        let text = "the quick fox";
        let _guard = Noisy("guard");
        let words = text.split(' ').map(str::to_owned).collect::<Vec<_>>();
        for (i, w) in words.iter().enumerate() {
            yield_!(format!("{i}: {w}"));
        }
        words.len()
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield \"0: the\"",
        "resume ()",
        "yield \"1: quick\"",
        "resume ()",
        "yield \"2: fox\"",
        "resume ()",
        "drop guard",
        "complete 3",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `for w in &words`, the spelling coro used to reject with its own sentence; the
    /// values are `Noisy`, so the owner's drop is in the trace, after the loop.
    static fn loop_over_a_reference() yields[&'static str] returns[()] {
        let items = vec![Noisy("a"), Noisy("b"), Noisy("c")];
        for n in &items {
            log(format!("at {}", n.0));
            yield_!(n.0);
            log(format!("after {}", n.0));
        }
        log("loop done");
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "at a",
        "yield \"a\"",
        "resume ()",
        "after a",
        "at b",
        "yield \"b\"",
        "resume ()",
        "after b",
        "at c",
        "yield \"c\"",
        "resume ()",
        "after c",
        "loop done",
        "drop a",
        "drop b",
        "drop c",
        "complete ()",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// The `&mut` variant: `for x in &mut v` and `v.iter_mut().rev()`, writing through the
    /// item before and after the yield.
    static fn loop_over_a_mutable_borrow() resume(first: u32) yields[u32] returns[u32] {
        let mut v = vec![first, 2, 3];
        for x in &mut v {
            *x *= 10;
            yield_!(*x);
            *x += 1;
        }
        for x in v.iter_mut().rev() {
            let seen = yield_!(*x);
            *x = seen;
        }
        v.iter().sum()
    }
    call()
    script[1, 0, 0, 0, 7, 8, 9, 0]
    expect[
        "resume 1",
        "yield 10",
        "resume 0",
        "yield 20",
        "resume 0",
        "yield 30",
        "resume 0",
        "yield 31",
        "resume 7",
        "yield 21",
        "resume 8",
        "yield 11",
        "resume 9",
        "complete 24",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// The `String` variant: `lines()` with `enumerate`, `split` inside, then `chars`,
    /// `bytes`, `char_indices` and `split_whitespace`, all over a local `String`.
    static fn loops_over_a_string() yields[String] returns[()] {
        let text = String::from("ab c\nd");
        for (n, line) in text.lines().enumerate() {
            for word in line.split(' ') {
                yield_!(format!("{n}:{word}"));
            }
        }
        for c in text.chars().rev().step_by(2) {
            yield_!(format!("{c:?}"));
        }
        for (i, c) in text.char_indices().skip(3) {
            yield_!(format!("{i}{c:?}"));
        }
        for b in text.bytes().take(2) {
            yield_!(format!("{b}"));
        }
        for w in text.split_whitespace() {
            yield_!(w.to_string());
        }
    }
    call()
    script[(), (), (), (), (), (), (), (), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield \"0:ab\"",
        "resume ()",
        "yield \"0:c\"",
        "resume ()",
        "yield \"1:d\"",
        "resume ()",
        "yield \"'d'\"",
        "resume ()",
        "yield \"'c'\"",
        "resume ()",
        "yield \"'b'\"",
        "resume ()",
        "yield \"3'c'\"",
        "resume ()",
        "yield \"4'\\\\n'\"",
        "resume ()",
        "yield \"5'd'\"",
        "resume ()",
        "yield \"97\"",
        "resume ()",
        "yield \"98\"",
        "resume ()",
        "yield \"ab\"",
        "resume ()",
        "yield \"c\"",
        "resume ()",
        "yield \"d\"",
        "resume ()",
        "complete ()",
        "drop complete",
    ]
}

twin! {
    /// Direct borrows of places: `&v`, `&text[a..b]`, `&v[i]`, `&mut pair.field`, each held
    /// across yields and used after them.
    static fn borrows_of_places() resume(i: usize) yields[String] returns[String] {
        let text = String::from("hello world");
        let v = vec![Noisy("v0"), Noisy("v1"), Noisy("v2")];
        let mut pair = (vec![1usize], Noisy("pair"));
        let all = &v;
        let s = &text[0..i];
        let f = &v[i - 3];
        let m = &mut pair.0;
        let a = yield_!(format!("{}", all.len()));
        m.push(a);
        let b = yield_!(s.to_string());
        m.push(b + all.len());
        yield_!(f.0.to_string());
        format!("{:?} {}", pair.0, pair.1 .0)
    }
    call()
    script[4, 5, 6, 0, 0]
    expect[
        "resume 4",
        "yield \"3\"",
        "resume 5",
        "yield \"hell\"",
        "resume 6",
        "yield \"v1\"",
        "resume 0",
        "drop pair",
        "drop v0",
        "drop v1",
        "drop v2",
        "complete \"[1, 5, 9] pair\"",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Early exits out of a loop over a borrow: `continue`, `break` with the owner still in
    /// use after the loop, and a `return` from inside the loop.
    static fn early_exits() resume(stop: u32) yields[u32] returns[u32] {
        let v = vec![1u32, 2, 3, 4, 5];
        let _owner = Noisy("owner");
        let mut sum = 0;
        for x in &v {
            if *x == 2 {
                continue;
            }
            let got = yield_!(*x);
            if got == 0 {
                break;
            }
            if got == stop {
                return sum + 100;
            }
            sum += got;
        }
        for x in v.iter().rev() {
            if yield_!(*x) == stop {
                return sum;
            }
        }
        sum
    }
    call()
    script[9, 1, 0, 5, 9, 0]
    expect[
        "resume 9",
        "yield 1",
        "resume 1",
        "yield 3",
        "resume 0",
        "yield 5",
        "resume 5",
        "yield 4",
        "resume 9",
        "drop owner",
        "complete 1",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Dropped while suspended inside a loop over a borrow: the owner and what else is held
    /// are dropped once, as rustc drops its pinned coroutine's locals.
    static fn dropped_inside_the_loop() yields[u32] returns[()] {
        let _first = Noisy("first");
        let items = vec![Noisy("x"), Noisy("y")];
        let _last = Noisy("last");
        for n in items.iter() {
            yield_!(n.0.len() as u32);
        }
    }
    call()
    script[()]
    expect[
        "resume ()",
        "yield 1",
        "drop suspended",
        "drop last",
        "drop x",
        "drop y",
        "drop first",
    ]
}

twin! {
    /// Nested loops over the same owner, the inner one stopped by a `break`.
    static fn nested_loops_over_the_same_owner() yields[(u8, u8)] returns[()] {
        let v = vec![1u8, 2, 3];
        for a in &v {
            for b in v.iter().rev() {
                if b < a {
                    break;
                }
                yield_!((*a, *b));
            }
        }
    }
    call()
    script[(), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield (1, 3)",
        "resume ()",
        "yield (1, 2)",
        "resume ()",
        "yield (1, 1)",
        "resume ()",
        "yield (2, 3)",
        "resume ()",
        "yield (2, 2)",
        "resume ()",
        "yield (3, 3)",
        "resume ()",
        "complete ()",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// The owner changes between two loops over it (never while one borrows it).
    static fn owner_changes_between_loops() yields[u32] returns[usize] {
        let mut v = vec![1u32, 2];
        for x in &v {
            yield_!(*x);
        }
        v.push(3);
        v[0] = 10;
        for (i, x) in v.iter().enumerate() {
            yield_!(*x + i as u32);
        }
        let r = &v;
        yield_!(0);
        let n = r.len();
        v.clear();
        n + v.len()
    }
    call()
    script[(), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 3",
        "resume ()",
        "yield 5",
        "resume ()",
        "yield 0",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// A panic inside a loop over a borrow poisons the coroutine; what the body held is
    /// dropped once, then resuming panics.
    static fn panic_inside_the_loop() resume(n: u32) yields[u32] returns[()] {
        let v = vec![Noisy("p"), Noisy("q")];
        for x in &v {
            let got = yield_!(x.0.len() as u32);
            if got == 3 {
                panic!("three");
            }
        }
    }
    call()
    script[0, 1, 3, 4]
    expect[
        "resume 0",
        "yield 1",
        "resume 1",
        "yield 1",
        "resume 3",
        "drop p",
        "drop q",
        "panic three",
        "resume 4",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

twin! {
    /// Arrays, `VecDeque`, and the adapters: `skip`, `take`, `zip` with a range, `step_by`,
    /// `rev`, `windows`, `chunks`, `copied`.
    static fn arrays_deques_and_adapters() yields[u32] returns[()] {
        let a = [1u32, 2, 3, 4, 5, 6];
        let mut d = std::collections::VecDeque::new();
        d.push_back(7u32);
        d.push_front(6);
        d.push_back(8);
        for x in a.iter().skip(1).take(3) {
            yield_!(*x);
        }
        for (x, n) in d.iter().zip(10..12u32) {
            yield_!(*x + n);
        }
        for x in a.iter().rev().step_by(2) {
            yield_!(*x);
        }
        for w in a.windows(2).skip(4) {
            yield_!(w[0] * w[1]);
        }
        for c in a.chunks(4) {
            yield_!(c.len() as u32);
        }
        for x in d.iter().copied().rev() {
            yield_!(x);
        }
    }
    call()
    script[(), (), (), (), (), (), (), (), (), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "yield 4",
        "resume ()",
        "yield 16",
        "resume ()",
        "yield 18",
        "resume ()",
        "yield 6",
        "resume ()",
        "yield 4",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 30",
        "resume ()",
        "yield 4",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 8",
        "resume ()",
        "yield 7",
        "resume ()",
        "yield 6",
        "resume ()",
        "complete ()",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Borrows held across the join after an `if` with a yield in each branch, and a copy
    /// of one (`let s = r;`) iterated after it.
    static fn borrows_across_joins() resume(c: bool) yields[u32] returns[usize] {
        let v = vec![5u32, 6, 7];
        let r = &v;
        let first = &v[0];
        let c = if c { yield_!(1) } else { yield_!(2) };
        let s = r;
        for x in s {
            if *x == 6 {
                continue;
            }
            yield_!(*x + *first);
        }
        s.len() + usize::from(c)
    }
    call()
    script[true, false, true, true, true]
    expect[
        "resume true",
        "yield 1",
        "resume false",
        "yield 10",
        "resume true",
        "yield 12",
        "resume true",
        "complete 3",
        "resume true",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// An index that changes after the borrow it made is no longer used: the borrow is
    /// made again each time round, from the index it was made with.
    static fn index_loop() yields[u32] returns[()] {
        let v = vec![10u32, 20, 30];
        let mut i = 0;
        while i < v.len() {
            let r = &v[i];
            yield_!(*r);
            yield_!(*r + 1);
            i += 1;
        }
    }
    call()
    script[(), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 11",
        "resume ()",
        "yield 20",
        "resume ()",
        "yield 21",
        "resume ()",
        "yield 30",
        "resume ()",
        "yield 31",
        "resume ()",
        "complete ()",
        "drop complete",
    ]
}

twin! {
    /// A loop's item moved into another binding (`let y = x;` of a `&mut`), held across the
    /// yield and written through after it.
    static fn item_moved_into_a_binding() yields[u32] returns[u32] {
        let mut v = vec![1u32, 2];
        for x in v.iter_mut() {
            let y = x;
            yield_!(*y);
            *y += 5;
        }
        v[0] * 100 + v[1]
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 607",
        "drop complete",
    ]
}

twin! {
    /// `chars()` and `char_indices()` over a `String` with multi-byte characters, each item
    /// held across yields (coro keeps the byte offset and makes the current character again
    /// from the text before it).
    static fn characters_of_a_string() yields[String] returns[usize] {
        let text = String::from("hé ö€x");
        let mut seen = 0;
        for c in text.chars() {
            yield_!(format!("{c}"));
            yield_!(format!("{}", c.len_utf8()));
            seen += 1;
        }
        for (i, c) in text.char_indices() {
            if c == ' ' {
                continue;
            }
            yield_!(format!("{i}:{c}"));
            seen += i;
        }
        seen
    }
    call()
    script[(), (), (), (), (), (), (), (), (), (), (), (), (), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield \"h\"",
        "resume ()",
        "yield \"1\"",
        "resume ()",
        "yield \"é\"",
        "resume ()",
        "yield \"2\"",
        "resume ()",
        "yield \" \"",
        "resume ()",
        "yield \"1\"",
        "resume ()",
        "yield \"ö\"",
        "resume ()",
        "yield \"2\"",
        "resume ()",
        "yield \"€\"",
        "resume ()",
        "yield \"3\"",
        "resume ()",
        "yield \"x\"",
        "resume ()",
        "yield \"1\"",
        "resume ()",
        "yield \"0:h\"",
        "resume ()",
        "yield \"1:é\"",
        "resume ()",
        "yield \"4:ö\"",
        "resume ()",
        "yield \"6:€\"",
        "resume ()",
        "yield \"9:x\"",
        "resume ()",
        "complete 26",
        "resume ()",
        "panic coroutine resumed after completion",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Patterns matched against a borrow, their bindings held across yields: `if let` and a
    /// `match` with a guard on a loop's item, `if let` on `v.get(i)`, a `match` on `&v[i]`,
    /// and `while let` on `v.get(i)` with `i` changed after the borrow's last use.
    static fn patterns_matched_against_borrows() yields[String] returns[u32] {
        let v = vec![Some(Noisy("a")), None, Some(Noisy("bb"))];
        for x in &v {
            if let Some(n) = x {
                yield_!(n.0.to_string());
                yield_!(format!("{}!", n.0));
            }
            match x {
                Some(n) if n.0.len() > 1 => {
                    yield_!(format!("long {}", n.0));
                    yield_!(format!("long {}!", n.0.len()));
                }
                Some(_) => yield_!("short".to_string()),
                None => {}
            }
        }
        let w = vec![5u32, 6, 7];
        if let Some(f) = w.get(1) {
            yield_!(format!("{f}"));
            yield_!(format!("{}", f + 1));
        }
        match &w[0] {
            a => {
                yield_!(format!("{a}"));
                yield_!(format!("{}", a * 2));
            }
        }
        let mut i = 0;
        let mut total = 0;
        while let Some(e) = w.get(i) {
            yield_!(format!("e {e}"));
            total += e;
            i += 1;
        }
        total
    }
    call()
    script[(), (), (), (), (), (), (), (), (), (), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield \"a\"",
        "resume ()",
        "yield \"a!\"",
        "resume ()",
        "yield \"short\"",
        "resume ()",
        "yield \"bb\"",
        "resume ()",
        "yield \"bb!\"",
        "resume ()",
        "yield \"long bb\"",
        "resume ()",
        "yield \"long 2!\"",
        "resume ()",
        "yield \"6\"",
        "resume ()",
        "yield \"7\"",
        "resume ()",
        "yield \"5\"",
        "resume ()",
        "yield \"10\"",
        "resume ()",
        "yield \"e 5\"",
        "resume ()",
        "yield \"e 6\"",
        "resume ()",
        "yield \"e 7\"",
        "resume ()",
        "drop a",
        "drop bb",
        "complete 18",
        "resume ()",
        "panic coroutine resumed after completion",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Loops over a borrow of a temporary that owns its data (`&vec![..]`, `x.to_string()
    /// .chars()`, `..collect::<Vec<_>>().iter()`): coro keeps the temporary in the state, and
    /// drops it where the loop ends, as rustc does.
    static fn loops_over_borrowed_temporaries() yields[String] returns[usize] {
        let _before = Noisy("before");
        for n in &vec![Noisy("t0"), Noisy("t1")] {
            yield_!(n.0.to_string());
            log(format!("after {}", n.0));
        }
        log("first loop done");
        for c in 42.to_string().chars().rev() {
            yield_!(format!("{c}"));
        }
        let text = "b a";
        for (i, w) in text.split(' ').map(str::to_owned).collect::<Vec<_>>().iter().enumerate() {
            yield_!(format!("{i}:{w}"));
        }
        text.len()
    }
    call()
    script[(), (), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield \"t0\"",
        "resume ()",
        "after t0",
        "yield \"t1\"",
        "resume ()",
        "after t1",
        "drop t0",
        "drop t1",
        "first loop done",
        "yield \"2\"",
        "resume ()",
        "yield \"4\"",
        "resume ()",
        "yield \"0:b\"",
        "resume ()",
        "yield \"1:a\"",
        "resume ()",
        "drop before",
        "complete 3",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}
