//! Borrows of the coroutine's own locals held across a yield (issue 15): `for` loops over
//! a borrow and borrows of places, made again after each resume from the locals the state
//! holds. Each test pins the yielded values; `oracle/tests/borrows.rs` compares the same
//! bodies with rustc's `static` coroutines, drops included.

mod common;

use std::collections::VecDeque;

use coro::{yield_, Coroutine, Locate};

fn all<C: Coroutine<Yield = Y, Return = ()>, Y>(c: C) -> Vec<Y> {
    coro::iter(c).collect()
}

/// The issue's program: a loop over a borrow of a local, with `enumerate`.
#[coro::coroutine]
fn numbered(text: &'static str) -> impl Coroutine<Yield = String, Return = ()> {
    let words = text.split(' ').map(str::to_owned).collect::<Vec<_>>();
    for (i, w) in words.iter().enumerate() {
        yield_!(format!("{i}: {w}"));
    }
}

#[test]
fn a_loop_over_a_borrow_of_a_local_runs() {
    assert_eq!(all(numbered("a bb ccc")), ["0: a", "1: bb", "2: ccc"]);
}

#[coro::coroutine]
fn spelled_with_a_reference() -> impl Coroutine<Yield = u64, Return = u64> {
    let v: Vec<u64> = (1..=4).collect();
    let mut total = 0;
    for x in &v {
        total += *x;
        yield_!(*x * 10);
        total += *x;
    }
    total + v.len() as u64
}

#[test]
fn for_over_a_reference_to_a_local() {
    let mut c = spelled_with_a_reference();
    let mut out = Vec::new();
    loop {
        match c.resume(()) {
            coro::CoroutineState::Yielded(y) => out.push(y),
            coro::CoroutineState::Complete(r) => {
                out.push(r);
                break;
            }
        }
    }
    assert_eq!(out, [10, 20, 30, 40, 24]);
}

#[coro::coroutine]
fn doubles() -> impl Coroutine<Yield = u32, Return = Vec<u32>> {
    let mut v = vec![1, 2, 3];
    for x in &mut v {
        *x *= 2;
        yield_!(*x);
        *x += 1;
    }
    for x in v.iter_mut().rev() {
        yield_!(*x);
        *x = 0;
    }
    v
}

#[test]
fn for_over_a_mutable_borrow() {
    let mut c = doubles();
    let mut out = Vec::new();
    let last = loop {
        match c.resume(()) {
            coro::CoroutineState::Yielded(y) => out.push(y),
            coro::CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!(out, [2, 4, 6, 7, 5, 3]);
    assert_eq!(last, [0, 0, 0]);
}

#[coro::coroutine]
fn lines_of(text: String) -> impl Coroutine<Yield = (usize, String), Return = ()> {
    let owned = text.clone();
    for (n, line) in owned.lines().enumerate() {
        for word in line.split(' ') {
            yield_!((n, word.to_string()));
        }
    }
    for c in text.chars().rev().step_by(2) {
        yield_!((99, c.to_string()));
    }
}

#[test]
fn string_lines_split_and_chars() {
    let got = all(lines_of("a b\nc".to_string()));
    let expect: Vec<(usize, String)> = vec![
        (0, "a".into()),
        (0, "b".into()),
        (1, "c".into()),
        (99, "c".into()),
        (99, "b".into()),
        (99, "a".into()),
    ];
    assert_eq!(got, expect);
}

#[coro::coroutine]
fn places(i: usize) -> impl Coroutine<Yield = String, Return = String> {
    let text = String::from("hello world");
    let v = vec![10, 20, 30];
    let mut pair = (vec![1], 5);
    let all = &v;
    let s = &text[0..i];
    let f = &v[i - 3];
    let m = &mut pair.0;
    yield_!(format!("{all:?}"));
    m.push(*f);
    yield_!(s.to_string());
    m.push(all.len());
    yield_!(format!("{}", *f + 1));
    format!("{:?}", pair)
}

#[test]
fn direct_borrows_of_places() {
    let mut c = places(4);
    let mut out = Vec::new();
    let last = loop {
        match c.resume(()) {
            coro::CoroutineState::Yielded(y) => out.push(y),
            coro::CoroutineState::Complete(r) => break r,
        }
    };
    assert_eq!(out, ["[10, 20, 30]", "hell", "21"]);
    assert_eq!(last, "([1, 20, 3], 5)");
}

#[coro::coroutine]
fn arrays_and_deques() -> impl Coroutine<Yield = u8, Return = ()> {
    let a = [1u8, 2, 3, 4, 5, 6];
    let mut d: VecDeque<u8> = VecDeque::new();
    d.push_back(7);
    d.push_front(6);
    for x in a.iter().skip(1).take(3) {
        yield_!(*x);
    }
    for (x, n) in d.iter().zip(0..5u8) {
        yield_!(*x + n);
    }
    for chunk in a.chunks(4) {
        yield_!(chunk.len() as u8);
    }
}

#[test]
fn arrays_deques_and_adapters() {
    assert_eq!(all(arrays_and_deques()), [2, 3, 4, 6, 8, 4, 2]);
}

#[coro::coroutine]
fn nested_over_the_same(v: Vec<u8>) -> impl Coroutine<Yield = (u8, u8), Return = ()> {
    for a in &v {
        for b in v.iter().rev() {
            if b < a {
                break;
            }
            yield_!((*a, *b));
        }
    }
}

#[test]
fn nested_loops_over_the_same_owner() {
    assert_eq!(
        all(nested_over_the_same(vec![1, 2])),
        [(1, 2), (1, 1), (2, 2)]
    );
}

#[test]
fn a_suspended_loop_over_a_borrow_can_be_cloned_and_moved() {
    #[coro::coroutine]
    fn each(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = ()> + Clone {
        for x in &v {
            yield_!(*x);
        }
    }
    let mut a = each(vec![1, 2, 3]);
    assert_eq!(a.resume(()), coro::CoroutineState::Yielded(1));
    let b = a.clone();
    let moved = Box::new(a);
    assert_eq!(all(*moved), [2, 3]);
    assert_eq!(all(b), [2, 3]);
}

#[test]
fn the_state_holds_the_owner_and_the_position() {
    #[coro::coroutine]
    fn each() -> impl Coroutine<Yield = u32, Return = ()> {
        let v = vec![5, 6, 7];
        for x in &v {
            yield_!(*x);
        }
    }
    let mut c = each();
    c.resume(());
    c.resume(());
    let held = format!("{:?}", c.held());
    assert_eq!(held, r#"{"v": [5, 6, 7], "(for loop position)": 2}"#);
}

#[test]
fn the_guide_example_holds_the_words_and_the_loop_position() {
    let mut c = numbered("a bb");
    assert_eq!(
        c.resume(()),
        coro::CoroutineState::Yielded("0: a".to_string())
    );
    let held = format!("{:?}", c.held());
    assert_eq!(held, r#"{"words": ["a", "bb"], "(for loop position)": 1}"#);
}

#[test]
fn loops_over_borrowed_temporaries_keep_the_temporary() {
    #[coro::coroutine]
    fn letters() -> impl Coroutine<Yield = char, Return = ()> {
        for c in "ab".to_uppercase().chars() {
            yield_!(c);
        }
        for x in &vec!['x', 'y'] {
            yield_!(*x);
        }
    }
    assert_eq!(all(letters()), ['A', 'B', 'x', 'y']);
}
