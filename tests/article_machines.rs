//! The article's programs without the coroutine attribute: the caller forms, the explicit
//! state machines, arrangement (d) of the pipeline, the hand-written counting function and
//! the `scr`-style shared `ascending`. Every vector of the article, byte for byte.
//!
//! The `#[coro::coroutine]` forms are tested in `tests/article.rs`.

use coro::{Coroutine, CoroutineState};
use coro_article::ascending::ascending_shared;
use coro_article::counting::Counting;
use coro_article::machines::{self, ParserState};
use coro_article::pipeline::{self, Parsed};
use coro_article::{caller, parser_vectors, Token, TruncatedEscape, DECOMPRESSOR_VECTORS, SAMPLE};

fn w(text: &str) -> Token {
    Token::word(text)
}

fn p(byte: u8) -> Token {
    Token::Punct(byte)
}

fn caller_decompress(input: &[u8]) -> (Vec<u8>, Result<(), TruncatedEscape>) {
    let mut out = Vec::new();
    let end = caller::decompress(input.iter().copied(), |b| out.push(b));
    (out, end)
}

fn machine_decompress(input: &[u8]) -> (Vec<u8>, Result<(), TruncatedEscape>) {
    let mut d = machines::Decompressor::new(input.iter().copied());
    let mut out = Vec::new();
    loop {
        match d.call() {
            Ok(Some(b)) => out.push(b),
            Ok(None) => return (out, Ok(())),
            Err(e) => return (out, Err(e)),
        }
    }
}

/// Feeds `input` to the caller-form parser, failing if it reads past the end.
fn caller_parse(input: &[u8]) -> Vec<Token> {
    let mut bytes = input.iter().copied();
    let mut ended = false;
    let mut tokens = Vec::new();
    caller::parse(
        || {
            assert!(!ended, "getchar called again after the end of the input");
            let next = bytes.next();
            ended = next.is_none();
            next
        },
        |t| tokens.push(t),
    );
    assert!(ended, "the parser stopped before the end of the input");
    tokens
}

fn machine_parse(input: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut parser = machines::Parser::new(|t| tokens.push(t));
    for &b in input {
        parser.call(Some(b));
    }
    parser.call(None);
    drop(parser);
    tokens
}

const TRUNCATED: &[(&[u8], &[u8], TruncatedEscape)] = &[
    (&[0xFF], b"", TruncatedEscape::MissingLength),
    (&[0xFF, 0x05], b"", TruncatedEscape::MissingValue { len: 5 }),
    (&[0x41, 0xFF], b"A", TruncatedEscape::MissingLength),
    (
        &[0x41, 0xFF, 0x02, 0x42, 0xFF, 0x00],
        b"ABB",
        TruncatedEscape::MissingValue { len: 0 },
    ),
];

#[test]
fn caller_decompressor_gives_every_vector() {
    for &(input, expected) in DECOMPRESSOR_VECTORS {
        assert_eq!(
            caller_decompress(input),
            (expected.to_vec(), Ok(())),
            "input {input:02X?}"
        );
    }
}

#[test]
fn caller_decompressor_stops_at_a_truncated_escape_after_the_bytes_before_it() {
    for &(input, before, error) in TRUNCATED {
        assert_eq!(caller_decompress(input), (before.to_vec(), Err(error)));
    }
}

#[test]
fn state_machine_decompressor_gives_every_vector_but_the_empty_run() {
    for &(input, expected) in DECOMPRESSOR_VECTORS {
        if input == [0xFF, 0x00, 0x41, 0x42] {
            continue;
        }
        assert_eq!(
            machine_decompress(input),
            (expected.to_vec(), Ok(())),
            "input {input:02X?}"
        );
    }
}

#[test]
fn state_machine_decompressor_outputs_the_value_once_for_length_zero_as_the_article_does() {
    // FF 00 41 means "no A at all"; the article's rewrite returns the A before counting.
    assert_eq!(
        machine_decompress(&[0xFF, 0x00, 0x41, 0x42]),
        (b"AB".to_vec(), Ok(()))
    );
    assert_eq!(
        caller_decompress(&[0xFF, 0x00, 0x41, 0x42]),
        (b"B".to_vec(), Ok(()))
    );
}

#[test]
fn state_machine_decompressor_stops_at_a_truncated_escape_and_then_stays_ended() {
    for &(input, before, error) in TRUNCATED {
        assert_eq!(machine_decompress(input), (before.to_vec(), Err(error)));
    }
    let mut d = machines::Decompressor::new([0xFF]);
    assert_eq!(d.call(), Err(TruncatedEscape::MissingLength));
    assert_eq!(d.call(), Ok(None));
    assert_eq!(d.call(), Ok(None));
}

#[test]
fn caller_parser_gives_every_vector_and_no_eof_punct_after_a_final_word() {
    for (input, expected) in parser_vectors() {
        assert_eq!(caller_parse(input), expected, "input {input:02X?}");
    }
}

#[test]
fn state_machine_parser_gives_every_vector_and_no_eof_punct_after_a_final_word() {
    for (input, expected) in parser_vectors() {
        assert_eq!(machine_parse(input), expected, "input {input:02X?}");
    }
}

#[test]
fn state_machine_parser_tells_its_state_and_emits_ab_comma_on_the_comma() {
    let mut tokens = Vec::new();
    let mut parser = machines::Parser::new(|t| tokens.push(t));
    parser.call(Some(b'a'));
    parser.call(Some(b'b'));
    assert_eq!(parser.state(), ParserState::InWord);
    parser.call(Some(b','));
    assert_eq!(parser.state(), ParserState::Start);
    drop(parser);
    assert_eq!(tokens, [w("ab"), p(b',')]);
}

#[test]
fn arrangement_d_gives_the_article_pipeline_vector() {
    assert_eq!(
        pipeline::state_machines(SAMPLE),
        Parsed {
            tokens: vec![w("Hello"), p(b','), p(b' '), p(b'!'), p(b'!'), p(b'!')],
            end: Ok(()),
        }
    );
}

#[test]
fn arrangement_d_parses_what_the_decompressor_vectors_stand_for() {
    for &(input, expected) in DECOMPRESSOR_VECTORS {
        if input == [0xFF, 0x00, 0x41, 0x42] {
            continue; // the article's rewrite gives "AB" here, see above
        }
        let parsed = pipeline::state_machines(input);
        assert_eq!(parsed.tokens, caller_parse(expected), "input {input:02X?}");
        assert_eq!(parsed.end, Ok(()));
    }
}

#[test]
fn arrangement_d_parses_the_parser_vectors_which_decompress_to_themselves() {
    for (input, expected) in parser_vectors() {
        assert_eq!(pipeline::state_machines(input).tokens, expected);
    }
}

#[test]
fn arrangement_d_reports_a_truncated_escape_after_the_tokens_before_it() {
    let parsed = pipeline::state_machines(&[b'h', b'i', b' ', 0xFF, 0x02]);
    assert_eq!(parsed.tokens, [w("hi"), p(b' ')]);
    assert_eq!(parsed.end, Err(TruncatedEscape::MissingValue { len: 2 }));
}

#[test]
fn hand_written_counting_yields_0_to_9_then_completes() {
    let mut counting = Counting::new();
    for i in 0..10 {
        assert_eq!(counting.resume(()), CoroutineState::Yielded(i));
        assert_eq!(counting, Counting::AtReturn { i });
    }
    assert_eq!(counting.resume(()), CoroutineState::Complete(()));
    assert_eq!(counting, Counting::Finished);
}

#[test]
#[should_panic(expected = "resumed after completion")]
fn hand_written_counting_panics_when_resumed_after_completion() {
    let mut counting = Counting::new();
    while let CoroutineState::Yielded(_) = counting.resume(()) {}
    counting.resume(());
}

#[test]
fn hand_written_counters_interleave_without_disturbing_each_other() {
    // The C version's statics allow one counter per program; these are plain values.
    let mut a = Counting::new();
    let mut b = Counting::new();
    assert_eq!(a.resume(()), CoroutineState::Yielded(0));
    assert_eq!(a.resume(()), CoroutineState::Yielded(1));
    assert_eq!(b.resume(()), CoroutineState::Yielded(0));
    assert_eq!(a.resume(()), CoroutineState::Yielded(2));
    assert_eq!(b.resume(()), CoroutineState::Yielded(1));
}

#[test]
fn shared_ascending_is_one_counter_that_interleaved_callers_disturb() {
    // The `scr` form: "two instances" take turns on one count, then get -1 for ever.
    let mut a = Vec::new();
    let mut b = Vec::new();
    for _ in 0..7 {
        a.push(ascending_shared());
        b.push(ascending_shared());
    }
    assert_eq!(a, [0, 2, 4, 6, 8, -1, -1]);
    assert_eq!(b, [1, 3, 5, 7, 9, -1, -1]);
}
