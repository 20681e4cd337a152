//! The article's programs as `#[coro::coroutine]` functions, byte for byte: the producer
//! decompressor, the consumer parser, the four pipeline arrangements, the counting function,
//! interleaved `ascending` instances, each of the C macros' admitted limits shown gone, and
//! the `--step` trace of the `pipeline` example pinned by a golden file.
//!
//! The caller forms and state machines alone are tested in `tests/article_machines.rs`.
//! To regenerate the golden file after an intended change, run
//! `UPDATE_GOLDEN=1 cargo test --test article golden`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use coro::{yield_, Coroutine, CoroutineState, Locate, Location};
use coro_article::ascending::ascending;
use coro_article::coroutines::{decompress, parse};
use coro_article::counting::{counting, Counting};
use coro_article::pipeline::{Arrangement, Parsed};
use coro_article::step::step_trace;
use coro_article::{caller, parser_vectors, Token, TruncatedEscape, DECOMPRESSOR_VECTORS, SAMPLE};

fn w(text: &str) -> Token {
    Token::word(text)
}

fn p(byte: u8) -> Token {
    Token::Punct(byte)
}

/// Runs the producer coroutine to its end.
fn run_decompress(input: &[u8]) -> (Vec<u8>, Result<(), TruncatedEscape>) {
    let mut bytes = coro::iter(decompress(input.iter().copied()));
    let out: Vec<u8> = bytes.by_ref().collect();
    (out, bytes.into_return_value().expect("completed"))
}

/// Feeds the consumer coroutine every byte, then `None`.
fn run_parse(input: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut parser = parse(|t| tokens.push(t));
    for &b in input {
        assert_eq!(parser.resume(Some(b)), CoroutineState::Yielded(()));
    }
    assert_eq!(parser.resume(None), CoroutineState::Complete(()));
    drop(parser);
    tokens
}

// ---------------------------------------------------------------- the decompressor

#[test]
fn decompressor_coroutine_gives_every_vector() {
    for &(input, expected) in DECOMPRESSOR_VECTORS {
        assert_eq!(
            run_decompress(input),
            (expected.to_vec(), Ok(())),
            "input {input:02X?}"
        );
    }
}

#[test]
fn decompressor_coroutine_completes_with_an_error_at_a_truncated_escape() {
    let cases: [(&[u8], &[u8], TruncatedEscape); 4] = [
        (&[0xFF], b"", TruncatedEscape::MissingLength),
        (&[0xFF, 0x05], b"", TruncatedEscape::MissingValue { len: 5 }),
        (&[0x41, 0xFF], b"A", TruncatedEscape::MissingLength),
        (
            &[0x41, 0xFF, 0x02, 0x42, 0xFF, 0x00],
            b"ABB",
            TruncatedEscape::MissingValue { len: 0 },
        ),
    ];
    for (input, before, error) in cases {
        assert_eq!(run_decompress(input), (before.to_vec(), Err(error)));
    }
}

#[test]
fn decompressor_coroutine_is_lazy() {
    // For FF 03 41 the first resume reads all three input bytes and yields A; the next
    // two resumes read nothing.
    let reads = Cell::new(0);
    let input = [0xFF, 0x03, 0x41];
    let mut d = decompress(
        input
            .iter()
            .copied()
            .inspect(|_| reads.set(reads.get() + 1)),
    );
    assert_eq!(reads.get(), 0, "creating the coroutine reads nothing");
    assert_eq!(d.resume(()), CoroutineState::Yielded(b'A'));
    assert_eq!(reads.get(), 3);
    assert_eq!(d.resume(()), CoroutineState::Yielded(b'A'));
    assert_eq!(d.resume(()), CoroutineState::Yielded(b'A'));
    assert_eq!(reads.get(), 3);
    assert_eq!(d.resume(()), CoroutineState::Complete(Ok(())));
}

#[test]
fn decompressor_coroutine_agrees_with_the_caller_form_on_every_byte_string_of_length_3() {
    let alphabet = [0x00, 0x02, 0x41, 0xFF];
    for a in alphabet {
        for b in alphabet {
            for c in alphabet {
                let input = [a, b, c];
                let mut by_caller = Vec::new();
                let end = caller::decompress(input, |x| by_caller.push(x));
                assert_eq!(run_decompress(&input), (by_caller, end), "{input:02X?}");
            }
        }
    }
}

// ---------------------------------------------------------------- the parser

#[test]
fn parser_coroutine_gives_every_vector_and_no_eof_punct_after_a_final_word() {
    for (input, expected) in parser_vectors() {
        assert_eq!(run_parse(input), expected, "input {input:02X?}");
    }
}

#[test]
fn parser_coroutine_emits_nothing_for_a_and_b_then_word_and_punct_for_the_comma() {
    let finished = RefCell::new(Vec::new());
    let mut parser = parse(|t| finished.borrow_mut().push(t));
    parser.resume(Some(b'a'));
    assert_eq!(*finished.borrow(), []);
    parser.resume(Some(b'b'));
    assert_eq!(*finished.borrow(), []);
    parser.resume(Some(b','));
    assert_eq!(*finished.borrow(), [w("ab"), p(b',')]);
}

#[test]
fn parser_coroutine_loses_no_byte_the_first_resume_brings() {
    // The first byte is bound by `#[resume] first`: it is a token on its own here.
    let finished = RefCell::new(Vec::new());
    let mut parser = parse(|t| finished.borrow_mut().push(t));
    assert_eq!(parser.location(), Location::Unresumed);
    parser.resume(Some(b'!'));
    assert_eq!(*finished.borrow(), [p(b'!')]);
}

// ---------------------------------------------------------------- the pipeline

#[test]
fn every_arrangement_gives_the_article_pipeline_vector() {
    let expected = Parsed {
        tokens: vec![w("Hello"), p(b','), p(b' '), p(b'!'), p(b'!'), p(b'!')],
        end: Ok(()),
    };
    assert_eq!(Arrangement::ALL.len(), 4);
    for &arrangement in Arrangement::ALL {
        assert_eq!(
            arrangement.run(SAMPLE),
            expected,
            "{}",
            arrangement.describe()
        );
    }
}

#[test]
fn every_arrangement_parses_what_each_decompressor_vector_stands_for() {
    for &(input, expected) in DECOMPRESSOR_VECTORS {
        let tokens = run_parse(expected);
        for &arrangement in Arrangement::ALL {
            let parsed = arrangement.run(input);
            if arrangement == Arrangement::StateMachines && input == [0xFF, 0x00, 0x41, 0x42] {
                // The article's state machine outputs the value once for L = 0.
                assert_eq!(parsed.tokens, [w("AB")]);
                continue;
            }
            assert_eq!(
                parsed.tokens,
                tokens,
                "{} on {input:02X?}",
                arrangement.describe()
            );
            assert_eq!(parsed.end, Ok(()));
        }
    }
}

#[test]
fn every_arrangement_gives_every_parser_vector() {
    // None of these inputs holds an FF, so each decompresses to itself.
    for (input, expected) in parser_vectors() {
        for &arrangement in Arrangement::ALL {
            let parsed = arrangement.run(input);
            assert_eq!(
                parsed.tokens,
                expected,
                "{} on {input:02X?}",
                arrangement.describe()
            );
        }
    }
}

#[test]
fn every_arrangement_reports_a_truncated_escape_after_the_tokens_before_it() {
    let cases: [(&[u8], Vec<Token>, TruncatedEscape); 2] = [
        (
            &[b'h', b'i', b' ', 0xFF, 0x02],
            vec![w("hi"), p(b' ')],
            TruncatedEscape::MissingValue { len: 2 },
        ),
        // The word before the escape is finished by the end of the input.
        (
            &[b'o', b'k', 0xFF],
            vec![w("ok")],
            TruncatedEscape::MissingLength,
        ),
    ];
    for (input, tokens, error) in cases {
        for &arrangement in Arrangement::ALL {
            let parsed = arrangement.run(input);
            assert_eq!(
                parsed,
                Parsed {
                    tokens: tokens.clone(),
                    end: Err(error)
                }
            );
        }
    }
}

// ---------------------------------------------------------------- counting and ascending

#[test]
fn counting_coroutine_yields_0_to_9_then_completes_like_the_hand_written_one() {
    let mut generated = counting();
    let mut by_hand = Counting::new();
    for i in 0..10 {
        assert_eq!(generated.resume(()), CoroutineState::Yielded(i));
        assert_eq!(by_hand.resume(()), CoroutineState::Yielded(i));
    }
    assert_eq!(generated.resume(()), CoroutineState::Complete(()));
    assert_eq!(by_hand.resume(()), CoroutineState::Complete(()));
    assert_eq!(generated.location(), Location::Returned);
}

#[test]
#[should_panic(expected = "resumed after completion")]
fn counting_coroutine_panics_when_resumed_after_completion() {
    let mut c = counting();
    while let CoroutineState::Yielded(_) = c.resume(()) {}
    c.resume(());
}

#[test]
fn ascending_instances_interleave_without_disturbing_each_other() {
    let mut counters = [ascending(), ascending(), ascending()];
    let mut seen: [Vec<i32>; 3] = Default::default();
    let mut ended: [Option<i32>; 3] = [None; 3];
    // Uneven turns: instance k is resumed k + 1 times per round.
    while ended.contains(&None) {
        for (k, counter) in counters.iter_mut().enumerate() {
            for _ in 0..=k {
                if ended[k].is_some() {
                    break;
                }
                match counter.resume(()) {
                    CoroutineState::Yielded(i) => seen[k].push(i),
                    CoroutineState::Complete(end) => ended[k] = Some(end),
                }
            }
        }
    }
    for k in 0..3 {
        assert_eq!(seen[k], (0..10).collect::<Vec<_>>());
        assert_eq!(ended[k], Some(-1));
    }
}

#[test]
fn an_ascending_instance_is_a_plain_value_that_can_move_while_suspended() {
    // No context to malloc: the state is inline, and the value can move freely,
    // even while suspended.
    let mut a = ascending();
    a.resume(());
    a.resume(());
    let mut boxed = Box::new(a);
    assert_eq!(boxed.resume(()), CoroutineState::Yielded(2));
    let mut in_array = [*boxed];
    assert_eq!(in_array[0].resume(()), CoroutineState::Yielded(3));
}

#[test]
fn a_suspended_coroutine_can_move_to_another_thread() {
    // The `scr` statics make the C version unsafe to share between threads; a coroutine
    // that holds only `Send` values is `Send` itself, and carries its state with it.
    let mut a = ascending();
    a.resume(());
    let mut a = std::thread::spawn(move || {
        assert_eq!(a.resume(()), CoroutineState::Yielded(1));
        a
    })
    .join()
    .unwrap();
    assert_eq!(a.resume(()), CoroutineState::Yielded(2));
}

// ---------------------------------------------------------------- the C macros' limits

/// A local (`total`) that survives every suspension: C would need a `static`.
#[coro::coroutine]
fn running_total(#[resume] first: i64) -> impl Coroutine<i64, Yield = i64, Return = ()> {
    let mut total = first;
    let mut x = first;
    while x != 0 {
        x = yield_!(total);
        total += x;
    }
}

#[test]
fn locals_survive_suspension_in_each_instance_separately() {
    let mut a = running_total();
    let mut b = running_total();
    assert_eq!(a.resume(5), CoroutineState::Yielded(5));
    assert_eq!(b.resume(100), CoroutineState::Yielded(100));
    assert_eq!(a.resume(2), CoroutineState::Yielded(7));
    assert_eq!(b.resume(1), CoroutineState::Yielded(101));
    assert_eq!(a.resume(0), CoroutineState::Complete(()));
    assert_eq!(b.resume(-1), CoroutineState::Yielded(100));
}

/// Two suspension points on one line: C's `__LINE__` states would collide.
#[rustfmt::skip]
#[coro::coroutine]
fn two_on_one_line() -> impl Coroutine<Yield = char, Return = ()> {
    yield_!('a'); yield_!('b');
}

#[test]
fn two_yields_on_one_line_are_two_states() {
    let mut c = two_on_one_line();
    assert_eq!(c.resume(()), CoroutineState::Yielded('a'));
    let Location::Suspended(first) = c.location() else {
        panic!("not suspended")
    };
    assert_eq!(c.resume(()), CoroutineState::Yielded('b'));
    let Location::Suspended(second) = c.location() else {
        panic!("not suspended")
    };
    assert_eq!(first.line, second.line);
    assert_ne!(first.index, second.index);
    assert_eq!(c.resume(()), CoroutineState::Complete(()));
}

/// Yields inside a `match`: C's `crReturn` cannot sit inside an explicit `switch`.
#[coro::coroutine]
fn classify(text: &'static str) -> impl Coroutine<Yield = &'static str, Return = usize> {
    let mut count = 0;
    for c in text.chars() {
        match c {
            'a'..='z' => yield_!("lower"),
            '0'..='9' => {
                count += 1;
                yield_!("digit");
            }
            _ => {}
        }
    }
    count
}

#[test]
fn yields_inside_a_match_work() {
    let mut c = classify("a1-2b");
    let mut got = Vec::new();
    let digits = loop {
        match c.resume(()) {
            CoroutineState::Yielded(kind) => got.push(kind),
            CoroutineState::Complete(n) => break n,
        }
    };
    assert_eq!(got, ["lower", "digit", "digit", "lower"]);
    assert_eq!(digits, 2);
}

/// Holds an `Rc` across a yield, to watch it being released.
#[coro::coroutine]
fn hold(resource: Rc<()>) -> impl Coroutine<Yield = (), Return = ()> {
    yield_!(());
    drop(resource);
}

#[test]
fn dropping_a_suspended_coroutine_releases_what_it_holds() {
    // `ccrAbort` frees a live context by hand; here dropping the value does it.
    let resource = Rc::new(());
    let mut c = hold(Rc::clone(&resource));
    c.resume(());
    assert_eq!(Rc::strong_count(&resource), 2);
    drop(c);
    assert_eq!(Rc::strong_count(&resource), 1);
}

#[test]
fn returning_early_finishes_the_coroutine() {
    // `ccrStop` becomes `return` (or `?`): the decompressor's truncated escape uses `?`.
    let mut d = decompress([b'x', 0xFF]);
    assert_eq!(d.resume(()), CoroutineState::Yielded(b'x'));
    assert_eq!(
        d.resume(()),
        CoroutineState::Complete(Err(TruncatedEscape::MissingLength))
    );
    assert_eq!(d.location(), Location::Returned);
}

// ---------------------------------------------------------------- the --step trace

#[test]
fn golden_step_trace_of_the_sample() {
    let (trace, parsed) = step_trace(SAMPLE);
    assert_eq!(parsed, Arrangement::BothCoroutines.run(SAMPLE));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/step_trace.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &trace).expect("write the golden file");
    }
    let golden = std::fs::read_to_string(path).expect("read the golden file");
    assert_eq!(trace, golden, "the --step trace changed; see {path}");
}

#[test]
fn step_trace_names_a_real_yield_at_every_suspension() {
    let (trace, _) = step_trace(b"ab,");
    for line in trace.lines().filter(|l| l.contains("suspended at")) {
        assert!(line.contains("yield_!("), "{line}");
        assert!(!line.contains("line 0:"), "{line}");
    }
}
