//! `#[coro::coroutine]` over the positions `yield_!` may take (statement, `let`
//! initialiser with any pattern, `let ... else`, right-hand side of `=` and compound
//! assignment) and every structured control-flow construct around them. Each test pins the
//! yielded sequence, the resume arguments the body received and the return value.
// `let y; y = yield_!(..)` is one of the cases under test.
#![allow(clippy::needless_late_init)]

mod common;

use common::{drive, log, take_log};
use coro::CoroutineState::{Complete, Yielded};
use coro::{yield_, Coroutine};

// ---------------------------------------------------------------------------------------
// Starting, yielding, completing
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn logs_on_start() -> impl Coroutine<Yield = u8, Return = ()> {
    log("started");
    yield_!(1);
    log("resumed");
}

#[test]
fn calling_the_function_runs_nothing() {
    take_log();
    let mut c = logs_on_start();
    assert!(
        take_log().is_empty(),
        "the constructor ran part of the body"
    );
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(take_log(), ["started"]);
    assert_eq!(c.resume(()), Complete(()));
    assert_eq!(take_log(), ["resumed"]);
}

#[coro::coroutine]
fn statements() -> impl Coroutine<Yield = &'static str, Return = u32> {
    yield_!("a");
    yield_!("b");
    yield_!("c");
    3
}

#[test]
fn yield_as_statement() {
    let mut c = statements();
    assert_eq!(
        drive(&mut c, [(); 4]),
        [Yielded("a"), Yielded("b"), Yielded("c"), Complete(3)]
    );
}

#[coro::coroutine]
fn no_yield_at_all(x: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let doubled = x * 2;
    doubled + 1
}

#[test]
fn body_without_yield_completes_on_first_resume() {
    assert_eq!(drive(&mut no_yield_at_all(4), [()]), [Complete(9)]);
}

#[coro::coroutine]
fn echo(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let a = yield_!(first);
    let b = yield_!(a + 100);
    b + 1000
}

#[test]
fn resume_param_binds_first_argument_and_yields_return_the_next() {
    let mut c = echo();
    assert_eq!(
        drive(&mut c, [1, 2, 3]),
        [Yielded(1), Yielded(102), Complete(1003)]
    );
}

#[coro::coroutine]
fn mut_resume_param(
    #[resume] mut c: u8,
    limit: usize,
) -> impl Coroutine<u8, Yield = u8, Return = usize> {
    let mut n = 0;
    while n < limit && c != 0 {
        n += 1;
        c = yield_!(c.wrapping_mul(2));
    }
    n
}

#[test]
fn mut_resume_param_is_assignable() {
    let mut c = mut_resume_param(10);
    assert_eq!(
        drive(&mut c, [1, 5, 7, 0]),
        [Yielded(2), Yielded(10), Yielded(14), Complete(3)]
    );
    let mut c = mut_resume_param(2);
    assert_eq!(
        drive(&mut c, [1, 5, 7]),
        [Yielded(2), Yielded(10), Complete(2)]
    );
}

#[coro::coroutine]
fn pattern_resume_param(
    #[resume] (a, b): (u32, u32),
) -> impl Coroutine<(u32, u32), Yield = u32, Return = u32> {
    let (c, d) = yield_!(a * b);
    a + b + c + d
}

#[test]
fn resume_param_may_be_a_pattern() {
    let mut c = pattern_resume_param();
    assert_eq!(
        drive(&mut c, [(3, 4), (10, 20)]),
        [Yielded(12), Complete(37)]
    );
}

// ---------------------------------------------------------------------------------------
// `let` initialisers and patterns
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug, Clone, PartialEq)]
enum Msg {
    Move(Point),
    Text(String),
    Pair([u8; 2]),
}

#[coro::coroutine]
fn refutable_lets(#[resume] first: Msg) -> impl Coroutine<Msg, Yield = String, Return = String> {
    let Msg::Move(Point { x, y: py }) = first else {
        return "first was not a move".to_string();
    };
    let Msg::Text(s) = yield_!(format!("moved {x},{py}")) else {
        return "second was not text".to_string();
    };
    let Msg::Pair([hi, _]) = yield_!(s.clone()) else {
        return format!("third was not a pair, s = {s}");
    };
    let _ = yield_!(format!("hi {hi}"));
    let mut tail = yield_!("last".to_string());
    if let Msg::Text(t) = &mut tail {
        t.push('!');
    }
    format!("{:?}", (x, py, s, hi, tail))
}

#[test]
fn let_else_with_yield_initialisers() {
    let mut c = refutable_lets();
    let steps = drive(
        &mut c,
        [
            Msg::Move(Point { x: 1, y: 2 }),
            Msg::Text("hey".into()),
            Msg::Pair([7, 9]),
            Msg::Pair([0, 0]),
            Msg::Text("t".into()),
        ],
    );
    assert_eq!(
        steps,
        [
            Yielded("moved 1,2".to_string()),
            Yielded("hey".to_string()),
            Yielded("hi 7".to_string()),
            Yielded("last".to_string()),
            Complete(r#"(1, 2, "hey", 7, Text("t!"))"#.to_string()),
        ]
    );

    let mut c = refutable_lets();
    assert_eq!(
        drive(&mut c, [Msg::Text("x".into())]),
        [Complete("first was not a move".to_string())]
    );

    let mut c = refutable_lets();
    assert_eq!(
        drive(&mut c, [Msg::Move(Point { x: 0, y: 0 }), Msg::Pair([0, 0])]),
        [
            Yielded("moved 0,0".to_string()),
            Complete("second was not text".to_string())
        ]
    );

    let mut c = refutable_lets();
    assert_eq!(
        drive(
            &mut c,
            [
                Msg::Move(Point { x: 0, y: 0 }),
                Msg::Text("s".into()),
                Msg::Text("u".into())
            ]
        ),
        [
            Yielded("moved 0,0".to_string()),
            Yielded("s".to_string()),
            Complete("third was not a pair, s = s".to_string())
        ]
    );
}

#[coro::coroutine]
fn irrefutable_lets(
    #[resume] first: (u8, Point),
) -> impl Coroutine<(u8, Point), Yield = i32, Return = Vec<i32>> {
    let (n, Point { x, .. }) = first;
    let (mut m, Point { y: py, x: _ }) = yield_!(x);
    m += n;
    let (_, p) = yield_!(py);
    let (a, Point { x: b, y: c }): (u8, Point) = yield_!(p.x + p.y);
    let (k, _) = yield_!(0);
    vec![i32::from(m), p.x, p.y, i32::from(a), b, c, i32::from(k)]
}

#[test]
fn let_with_irrefutable_patterns_and_type_annotations() {
    let p = |x, y| Point { x, y };
    let mut c = irrefutable_lets();
    assert_eq!(
        drive(
            &mut c,
            [
                (1, p(10, 20)),
                (2, p(30, 40)),
                (3, p(5, 6)),
                (4, p(7, 8)),
                (9, p(0, 0))
            ]
        ),
        [
            Yielded(10),
            Yielded(40),
            Yielded(11),
            Yielded(0),
            Complete(vec![3, 5, 6, 4, 7, 8, 9]),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Assignments
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, PartialEq)]
struct Counters {
    total: i64,
    last: i64,
    slots: [i64; 2],
}

#[coro::coroutine]
fn assignments(#[resume] first: i64) -> impl Coroutine<i64, Yield = i64, Return = (i64, Counters)> {
    let mut x = first;
    let mut k = Counters::default();
    x = yield_!(x + 1);
    k.last = yield_!(x * 2);
    k.slots[1] = yield_!(k.last);
    let y;
    y = yield_!(k.slots[1]);
    (x + y, k)
}

#[test]
fn yield_as_right_hand_side_of_assignment() {
    let mut c = assignments();
    assert_eq!(
        drive(&mut c, [1, 5, 7, 9, 11]),
        [
            Yielded(2),
            Yielded(10),
            Yielded(7),
            Yielded(9),
            Complete((
                16,
                Counters {
                    total: 0,
                    last: 7,
                    slots: [0, 9]
                }
            )),
        ]
    );
}

#[coro::coroutine]
fn destructuring(
    #[resume] first: (i32, i32),
) -> impl Coroutine<(i32, i32), Yield = i32, Return = (i32, i32)> {
    let (mut a, mut b) = first;
    (a, b) = yield_!(a - b);
    (b, _) = yield_!(a * b);
    (a, b)
}

#[test]
fn yield_as_right_hand_side_of_destructuring_assignment() {
    let mut c = destructuring();
    assert_eq!(
        drive(&mut c, [(9, 4), (3, 2), (7, 100)]),
        [Yielded(5), Yielded(6), Complete((3, 7))]
    );
}

#[coro::coroutine]
fn compound(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = (u32, Counters)> {
    let mut x = first;
    x += yield_!(x);
    x -= yield_!(x);
    x *= yield_!(x);
    x /= yield_!(x);
    x %= yield_!(x);
    x <<= yield_!(x);
    x >>= yield_!(x);
    x |= yield_!(x);
    x &= yield_!(x);
    x ^= yield_!(x);
    let mut k = Counters::default();
    let got = yield_!(x);
    k.total += i64::from(got);
    let got = yield_!(0);
    k.slots[0] -= i64::from(got);
    (x, k)
}

#[test]
fn yield_as_right_hand_side_of_compound_assignment() {
    let mut c = compound();
    let steps = drive(
        &mut c,
        [10, 5, 3, 4, 6, 5, 3, 2, 0b1100, 0b1010, 0b0110, 40, 2],
    );
    let mut x = 10u32;
    let mut expected = Vec::new();
    let ops: [fn(u32, u32) -> u32; 10] = [
        |a, b| a + b,
        |a, b| a - b,
        |a, b| a * b,
        |a, b| a / b,
        |a, b| a % b,
        |a, b| a << b,
        |a, b| a >> b,
        |a, b| a | b,
        |a, b| a & b,
        |a, b| a ^ b,
    ];
    let args = [5, 3, 4, 6, 5, 3, 2, 0b1100, 0b1010, 0b0110];
    for (op, arg) in ops.iter().zip(args) {
        expected.push(Yielded(x));
        x = op(x, arg);
    }
    expected.push(Yielded(x));
    expected.push(Yielded(0));
    expected.push(Complete((
        x,
        Counters {
            total: 40,
            last: 0,
            slots: [-2, 0],
        },
    )));
    assert_eq!(steps, expected);
    // 10 +5 -3 *4 /6 %5 <<3 >>2 |12 &10 ^6: a wrong operator cannot hide behind zeros.
    assert_eq!(x, 12);
}

// ---------------------------------------------------------------------------------------
// Branches
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn classify(#[resume] first: i32) -> impl Coroutine<i32, Yield = &'static str, Return = i32> {
    let mut x = first;
    let mut sum = 0;
    loop {
        if x < 0 {
            x = yield_!("negative");
        } else if x == 0 {
            break;
        } else if x % 2 == 0 {
            let half = x / 2;
            yield_!("even");
            sum += half;
            x = 0;
        } else {
            sum += x;
            x = yield_!("odd");
        }
    }
    sum
}

#[test]
fn yields_in_if_else_if_else() {
    let mut c = classify();
    assert_eq!(
        drive(&mut c, [3, -1, 5, 8, 99]),
        [
            Yielded("odd"),
            Yielded("negative"),
            Yielded("odd"),
            Yielded("even"),
            Complete(12)
        ]
    );
}

#[coro::coroutine]
fn if_let_chain(
    #[resume] first: Option<u32>,
) -> impl Coroutine<Option<u32>, Yield = u32, Return = u32> {
    let mut next = first;
    let mut sum = 0;
    for _ in 0..3 {
        if let Some(v) = next {
            next = yield_!(v);
            sum += v;
        } else if let Some(w) = Some(sum) {
            next = yield_!(w + 1000);
        } else {
            unreachable!();
        }
    }
    sum
}

#[test]
fn yields_in_if_let() {
    let mut c = if_let_chain();
    assert_eq!(
        drive(&mut c, [Some(4), None, Some(6), None]),
        [Yielded(4), Yielded(1004), Yielded(6), Complete(10)]
    );
}

#[derive(Debug, Clone, PartialEq)]
enum Cmd {
    Push(i64),
    Add,
    Mul,
    Dup,
    Print,
    Quit,
}

#[coro::coroutine]
fn calculator(#[resume] first: Cmd) -> impl Coroutine<Cmd, Yield = String, Return = Vec<i64>> {
    let mut stack: Vec<i64> = Vec::new();
    let mut cmd = first;
    loop {
        match cmd {
            Cmd::Push(n) if n < 0 => {
                cmd = yield_!(format!("refused {n}"));
            }
            Cmd::Push(n) => {
                stack.push(n);
                cmd = yield_!(format!("pushed {n}"));
            }
            Cmd::Add | Cmd::Mul if stack.len() < 2 => {
                cmd = yield_!("underflow".to_string());
            }
            op @ (Cmd::Add | Cmd::Mul) => {
                let b = stack.pop().unwrap();
                let a = stack.pop().unwrap();
                let r = if op == Cmd::Add { a + b } else { a * b };
                let next = yield_!(format!("{a} {op:?} {b} = {r}"));
                stack.push(r);
                cmd = next;
            }
            Cmd::Dup => match stack.last().copied() {
                Some(top) => {
                    stack.push(top);
                    cmd = yield_!(format!("dup {top}"));
                }
                None => cmd = yield_!("nothing to dup".to_string()),
            },
            Cmd::Print => {
                let shown = format!("{stack:?}");
                cmd = yield_!(shown);
            }
            Cmd::Quit => break,
        }
    }
    stack
}

#[test]
fn yields_in_match_arms_with_bindings_and_guards() {
    use Cmd::*;
    let mut c = calculator();
    let steps = drive(
        &mut c,
        [Push(2), Add, Push(-1), Push(3), Dup, Mul, Print, Add, Quit],
    );
    let s = |v: &str| Yielded(v.to_string());
    assert_eq!(
        steps,
        [
            s("pushed 2"),
            s("underflow"),
            s("refused -1"),
            s("pushed 3"),
            s("dup 3"),
            s("3 Mul 3 = 9"),
            s("[2, 9]"),
            s("2 Add 9 = 11"),
            Complete(vec![11]),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Loops
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn loop_with_break_value(
    #[resume] first: u32,
) -> impl Coroutine<u32, Yield = u32, Return = (u32, u32)> {
    let mut acc = first;
    let mut rounds = 0;
    let found = loop {
        rounds += 1;
        let x = yield_!(acc);
        if x >= 100 {
            break x - 100;
        }
        acc += x;
    };
    let again = loop {
        let y = yield_!(found);
        if y != 0 {
            break y;
        }
    };
    (found + again, rounds)
}

#[test]
fn loop_and_break_with_value() {
    let mut c = loop_with_break_value();
    assert_eq!(
        drive(&mut c, [1, 2, 3, 105, 0, 0, 7]),
        [
            Yielded(1),
            Yielded(3),
            Yielded(6),
            Yielded(5),
            Yielded(5),
            Yielded(5),
            Complete((12, 3))
        ]
    );
}

#[coro::coroutine]
fn collatz(n: u64) -> impl Coroutine<Yield = u64, Return = usize> {
    let mut n = n;
    let mut steps = 0;
    while n != 1 {
        yield_!(n);
        n = if n & 1 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

#[test]
fn while_loop() {
    let mut it = coro::iter(collatz(6));
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [6, 3, 10, 5, 16, 8, 4, 2]);
    assert_eq!(it.return_value(), Some(&8));
    assert_eq!(drive(&mut collatz(1), [()]), [Complete(0)]);
}

#[coro::coroutine]
fn depth_first(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = Vec<u32>> {
    let mut stack = vec![first];
    let mut order = Vec::new();
    while let Some(node) = stack.pop() {
        order.push(node);
        let children = yield_!(node);
        for child in (0..children).rev() {
            stack.push(node * 10 + child);
        }
    }
    order
}

#[test]
fn while_let_loop() {
    let mut c = depth_first();
    assert_eq!(
        drive(&mut c, [1, 2, 0, 1, 0]),
        [
            Yielded(1),
            Yielded(10),
            Yielded(11),
            Yielded(110),
            Complete(vec![1, 10, 11, 110])
        ]
    );
}

#[coro::coroutine]
fn for_loops(words: Vec<String>) -> impl Coroutine<Yield = String, Return = usize> {
    // A closure kept across yields is created once, before the first yield (see README,
    // "Closures kept across a yield").
    let even = |(i, _): &(usize, String)| i % 2 == 0;
    let mut count = 0;
    for i in 0..2 {
        yield_!(format!("range {i}"));
        count += 1;
    }
    for (i, w) in words.into_iter().enumerate().filter(even) {
        yield_!(format!("word {i} {w}"));
        count += 1;
    }
    for c in "xy".chars().rev() {
        yield_!(c.to_string());
        count += 1;
    }
    for (k, v) in std::collections::BTreeMap::from([(2, "two"), (1, "one")]) {
        yield_!(format!("{k}={v}"));
        count += 1;
    }
    count
}

#[test]
fn for_loops_over_any_iterator() {
    let words = ["a", "b", "c"].map(String::from).to_vec();
    let got: Vec<String> = coro::iter(for_loops(words)).collect();
    assert_eq!(
        got,
        ["range 0", "range 1", "word 0 a", "word 2 c", "y", "x", "1=one", "2=two"]
    );
    let mut it = coro::iter(for_loops(Vec::new()));
    assert_eq!(it.by_ref().count(), 6);
    assert_eq!(it.into_return_value(), Some(6));
}

#[coro::coroutine]
fn grid(
    #[resume] first: u32,
) -> impl Coroutine<u32, Yield = (u32, u32), Return = Vec<&'static str>> {
    let mut notes = Vec::new();
    let _ = first;
    'rows: for r in 0..3 {
        let mut c = 0;
        'cols: loop {
            c += 1;
            let cmd = yield_!((r, c));
            match cmd {
                1 => continue 'rows,
                2 => break 'rows,
                3 => break 'cols,
                _ => {
                    notes.push("next col");
                    continue 'cols;
                }
            }
        }
        notes.push("row done");
    }
    notes.push("end");
    notes
}

#[test]
fn labelled_break_and_continue() {
    let mut c = grid();
    assert_eq!(
        drive(&mut c, [0, 0, 3, 1, 0, 2]),
        [
            Yielded((0, 1)),
            Yielded((0, 2)),
            Yielded((1, 1)),
            Yielded((2, 1)),
            Yielded((2, 2)),
            Complete(vec!["next col", "row done", "next col", "end"])
        ]
    );
    let mut c = grid();
    assert_eq!(
        drive(&mut c, [0, 3, 3, 3]),
        [
            Yielded((0, 1)),
            Yielded((1, 1)),
            Yielded((2, 1)),
            Complete(vec!["row done", "row done", "row done", "end"])
        ]
    );
}

#[coro::coroutine]
fn labelled_block(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let v = 'check: {
        let a = yield_!(first);
        if a == 0 {
            break 'check 1000;
        }
        let b = yield_!(a);
        a * b
    };
    v + 1
}

#[test]
fn labelled_block_with_break_value() {
    assert_eq!(
        drive(&mut labelled_block(), [5, 0]),
        [Yielded(5), Complete(1001)]
    );
    assert_eq!(
        drive(&mut labelled_block(), [5, 3, 4]),
        [Yielded(5), Yielded(3), Complete(13)]
    );
}

// ---------------------------------------------------------------------------------------
// Blocks, shadowing, early exits
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn shadowing(
    #[resume] first: u32,
) -> impl Coroutine<u32, Yield = u32, Return = (u32, u32, String)> {
    let x = first;
    {
        let x = yield_!(x + 1);
        {
            let x = x * 10;
            yield_!(x);
        }
        yield_!(x);
    }
    let x = format!("{x}");
    let y = yield_!(0);
    let x = (x, y);
    let z = {
        let y = yield_!(y);
        y + 1
    };
    (y, z, x.0)
}

#[test]
fn nested_blocks_and_shadowing() {
    let mut c = shadowing();
    assert_eq!(
        drive(&mut c, [1, 2, 0, 0, 7, 8]),
        [
            Yielded(2),
            Yielded(20),
            Yielded(2),
            Yielded(0),
            Yielded(7),
            Complete((7, 9, "1".to_string()))
        ]
    );
}

#[coro::coroutine]
fn early_return(#[resume] first: i32) -> impl Coroutine<i32, Yield = i32, Return = &'static str> {
    let mut x = first;
    if x == 0 {
        return "zero at start";
    }
    loop {
        match x {
            n if n < 0 => return "negative",
            100.. => {
                return "big";
            }
            _ => {}
        }
        x = yield_!(x);
        if x == 0 {
            return "zero";
        }
    }
}

#[test]
fn early_return_from_anywhere() {
    assert_eq!(drive(&mut early_return(), [0]), [Complete("zero at start")]);
    assert_eq!(
        drive(&mut early_return(), [1, 2, -5]),
        [Yielded(1), Yielded(2), Complete("negative")]
    );
    assert_eq!(
        drive(&mut early_return(), [1, 200]),
        [Yielded(1), Complete("big")]
    );
    assert_eq!(
        drive(&mut early_return(), [1, 0]),
        [Yielded(1), Complete("zero")]
    );
}

// ---------------------------------------------------------------------------------------
// `?`
// ---------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
struct ParseError(String);

#[derive(Debug, PartialEq)]
enum AppError {
    Parse(ParseError),
    Empty,
}

impl From<ParseError> for AppError {
    fn from(e: ParseError) -> Self {
        AppError::Parse(e)
    }
}

fn parse(s: &str) -> Result<u32, ParseError> {
    s.parse().map_err(|_| ParseError(s.to_string()))
}

#[coro::coroutine]
fn summing(
    #[resume] first: &'static str,
) -> impl Coroutine<&'static str, Yield = u32, Return = Result<u32, AppError>> {
    if first.is_empty() {
        return Err(AppError::Empty);
    }
    let mut total = parse(first)?;
    loop {
        let s = yield_!(total);
        if s == "end" {
            break;
        }
        total += parse(s)?;
    }
    Ok(total)
}

#[test]
fn question_mark_on_result_converts_with_from() {
    assert_eq!(
        drive(&mut summing(), ["1", "2", "3", "end"]),
        [Yielded(1), Yielded(3), Yielded(6), Complete(Ok(6))]
    );
    assert_eq!(
        drive(&mut summing(), ["1", "x"]),
        [
            Yielded(1),
            Complete(Err(AppError::Parse(ParseError("x".into()))))
        ]
    );
    assert_eq!(
        drive(&mut summing(), ["y"]),
        [Complete(Err(AppError::Parse(ParseError("y".into()))))]
    );
    assert_eq!(
        drive(&mut summing(), [""]),
        [Complete(Err(AppError::Empty))]
    );
}

#[coro::coroutine]
fn option_chain(
    #[resume] first: Option<u8>,
) -> impl Coroutine<Option<u8>, Yield = u8, Return = Option<u32>> {
    let a = first?;
    let b = yield_!(a);
    let b = b?;
    let c = yield_!(b);
    let c = c?.checked_add(1)?;
    Some(u32::from(a) + u32::from(b) + u32::from(c))
}

#[test]
fn question_mark_on_option() {
    assert_eq!(
        drive(&mut option_chain(), [Some(1), Some(2), Some(3)]),
        [Yielded(1), Yielded(2), Complete(Some(7))]
    );
    assert_eq!(drive(&mut option_chain(), [None]), [Complete(None)]);
    assert_eq!(
        drive(&mut option_chain(), [Some(1), None]),
        [Yielded(1), Complete(None)]
    );
    assert_eq!(
        drive(&mut option_chain(), [Some(1), Some(2), Some(255)]),
        [Yielded(1), Yielded(2), Complete(None)]
    );
}

// ---------------------------------------------------------------------------------------
// Nested items and closures
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn with_items(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = String> {
    fn square(x: u32) -> u32 {
        x * x
    }
    struct Acc {
        items: Vec<u32>,
    }
    impl Acc {
        fn push(&mut self, x: u32) {
            self.items.push(x);
        }
    }
    trait Describe {
        fn describe(&self) -> String;
    }
    impl Describe for Acc {
        fn describe(&self) -> String {
            format!("{:?}", self.items)
        }
    }
    const OFFSET: u32 = 100;
    let add_offset = |x: u32| x + OFFSET;
    let mut acc = Acc { items: Vec::new() };
    let mut x = first;
    for _ in 0..3 {
        acc.push(x);
        x = yield_!(add_offset(square(x)));
    }
    let doubled: Vec<u32> = acc.items.iter().map(|v| v * 2).collect();
    let mut counter = 0;
    let mut bump = || counter += 1;
    bump();
    bump();
    format!("{} {:?} {counter}", acc.describe(), doubled)
}

#[test]
fn nested_items_and_closures_without_yields() {
    assert_eq!(
        drive(&mut with_items(), [1, 2, 3, 4]),
        [
            Yielded(101),
            Yielded(104),
            Yielded(109),
            Complete("[1, 2, 3] [2, 4, 6] 2".to_string())
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Adapters from coro-core
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn fib() -> impl Coroutine<Yield = u64, Return = ()> {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[test]
fn iter_adapter_is_fused_and_lazy() {
    let first: Vec<u64> = coro::iter(fib()).take(10).collect();
    assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
    let mut short = coro::iter(statements());
    assert_eq!(short.by_ref().collect::<Vec<_>>(), ["a", "b", "c"]);
    // Fused: no resume after completion (which would panic).
    assert_eq!(short.next(), None);
    assert_eq!(short.next(), None);
    assert_eq!(short.return_value(), Some(&3));
}

#[test]
fn generated_coroutines_work_through_mut_refs_and_boxes() {
    let mut c = echo();
    let r: &mut dyn Coroutine<u32, Yield = u32, Return = u32> = &mut c;
    assert_eq!(r.resume(5), Yielded(5));
    let mut boxed: Box<dyn Coroutine<u32, Yield = u32, Return = u32>> = Box::new(echo());
    assert_eq!(boxed.resume(1), Yielded(1));
    assert_eq!(boxed.resume(2), Yielded(102));
    assert_eq!(c.resume(6), Yielded(106));
}

#[coro::coroutine]
fn let_else_breaks_out(
    #[resume] _first: Option<u8>,
) -> impl Coroutine<Option<u8>, Yield = u8, Return = u8> {
    let mut n = 0;
    loop {
        let Some(x) = yield_!(n) else { break };
        n += x;
    }
    n + 100
}

#[test]
fn let_else_on_a_yield_can_break_out_of_the_loop() {
    // The `else` of a `let .. else` whose value is a yield leaves the loop, and the code
    // after the loop runs (found by the article examples).
    assert_eq!(
        drive(&mut let_else_breaks_out(), [None, Some(5), Some(2), None]),
        [Yielded(0), Yielded(5), Yielded(7), Complete(107)]
    );
}

#[coro::coroutine]
fn sum_until(#[resume] first: u32, limit: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut sum = first;
    let mut next = yield_!(0);
    while next < limit {
        sum += next;
        next = yield_!(sum);
    }
    sum
}

#[test]
fn a_binding_from_a_yield_reassigned_from_a_yield_in_a_loop() {
    // `next` is declared by a yield and overwritten by another: it is never held, and
    // its type comes from a witness taken after its declaration (found by the
    // function-like front end's tests).
    assert_eq!(
        drive(&mut sum_until(10), [1, 3, 4, 20]),
        [Yielded(0), Yielded(4), Yielded(8), Complete(8)]
    );
}

fn even(x: u32) -> Option<u32> {
    if x % 2 == 0 {
        Some(x)
    } else {
        None
    }
}
#[coro::coroutine]
fn let_else_on_a_value_with_a_yield(
    #[resume] r0: u32,
) -> impl Coroutine<u32, Yield = u32, Return = Option<u32>> {
    let acc: u32 = r0;
    let Some(v3) = even(yield_!(acc)) else {
        let _ = yield_!(1) + 1;
        return None;
    };
    Some(v3)
}
#[coro::coroutine]
fn compound_assignment_then_overwrite(
    #[resume] r0: u32,
) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut acc: u32 = r0;
    acc ^= yield_!(r0);
    let seen = acc;
    acc = 8;
    acc + seen
}
#[coro::coroutine]
#[allow(unused_assignments)] // the point: nothing reads `acc` after either assignment
fn assigned_from_a_yield_in_a_branch(
    #[resume] r0: u32,
) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut acc: u32 = r0;
    if let Some(x) = even(yield_!(acc)) {
        acc = yield_!(x);
    } else {
        acc += 1;
    }
    5
}
/// Found by the differential fuzzer (coro-diff): a `let .. else` whose value contains a
/// yield and whose `else` yields too; `x op= yield_!(..)` followed by `x = ..;` (x is
/// read on resume, so it is held); `x = yield_!(..)` where nothing reads x afterwards.
#[test]
fn fuzzer_findings() {
    let mut x = let_else_on_a_value_with_a_yield();
    assert_eq!(x.resume(1), Yielded(1));
    assert_eq!(x.resume(4), Complete(Some(4)));
    let mut x = let_else_on_a_value_with_a_yield();
    assert_eq!(x.resume(1), Yielded(1));
    assert_eq!(x.resume(3), Yielded(1));
    assert_eq!(x.resume(0), Complete(None));
    let mut x = compound_assignment_then_overwrite();
    assert_eq!(x.resume(3), Yielded(3));
    assert_eq!(x.resume(5), Complete(8 + 6));
    let mut x = assigned_from_a_yield_in_a_branch();
    assert_eq!(x.resume(3), Yielded(3));
    assert_eq!(x.resume(2), Yielded(2));
    assert_eq!(x.resume(2), Complete(5));
}

#[coro::coroutine]
fn nested_yield_in_compound_assignment(
    #[resume] first: u32,
) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut acc = first;
    acc ^= yield_!(yield_!(9));
    acc
}

#[test]
fn a_yield_in_the_value_of_an_assigned_yield_runs_first() {
    // Found by coro-diff: `acc ^= yield_!(yield_!(9))` yields 9, then the resume
    // argument, and xors the next one in.
    assert_eq!(
        drive(&mut nested_yield_in_compound_assignment(), [1, 6, 3]),
        [Yielded(9), Yielded(6), Complete(1 ^ 3)]
    );
}

#[coro::coroutine]
fn read_then_overwrite(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut acc = first;
    yield_!(7);
    acc = yield_!(acc);
    acc
}

#[coro::coroutine]
fn labelled_break_from_a_nested_loop(
    #[resume] first: u32,
) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let mut rounds = 0;
    let found = 'outer: loop {
        rounds += 1;
        if rounds > 3 {
            break 'outer yield_!(first);
        }
        for i in 0..2 {
            if i == first {
                let Some(half) = (i % 2 == 0).then_some(i / 2) else {
                    break 'outer 100;
                };
                break 'outer half + 50;
            }
            yield_!(i);
        }
    };
    found
}

/// Found by coro-diff's 10,000-program run: `acc = yield_!(acc)` reads `acc` (the yielded
/// value) before overwriting it, so `acc` is held across the yield before it; a `break`
/// to an outer labelled loop from inside a nested loop lets the outer loop complete.
#[test]
fn fuzzer_findings_from_the_long_run() {
    assert_eq!(
        drive(&mut read_then_overwrite(), [5, 0, 9]),
        [Yielded(7), Yielded(5), Complete(9)]
    );
    assert_eq!(
        drive(&mut labelled_break_from_a_nested_loop(), [1, 0]),
        [Yielded(0), Complete(100)]
    );
    assert_eq!(
        drive(&mut labelled_break_from_a_nested_loop(), [0]),
        [Complete(50)]
    );
}

/// Unit struct whose method takes `&self`, for a receiver that is an item.
struct Adder;

impl Adder {
    fn add(&self, a: u32, b: u32) -> u32 {
        a + b
    }
}

const ADDER: Adder = Adder;

#[coro::coroutine]
fn item_receivers(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let a = Adder.add(first, yield_!(1));
    ADDER.add(a, yield_!(2))
}

/// Issue 16: `A.method(yield_!(..))` with `A` an item (here a unit struct and a constant)
/// borrows nothing of the coroutine's across the yield; rustc accepts it, and so does the
/// transform (only a local place receiver is rejected, `tests/ui/yield_in_method_args.rs`).
#[test]
fn method_call_on_an_item_with_a_yield_in_its_arguments() {
    let mut c = item_receivers();
    assert_eq!(c.resume(10), Yielded(1));
    assert_eq!(c.resume(20), Yielded(2));
    assert_eq!(c.resume(30), Complete(60));
}
