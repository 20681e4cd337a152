//! `expand_attribute` on bad input: garbage token streams, items that are not functions,
//! functions without a body, odd patterns and yields in odd places. Whatever it is given,
//! the transform must return tokens (a `compile_error!` where the input is wrong) and never
//! panic. A last test feeds it many random but syntactically valid bodies that mix yields,
//! control flow, borrows, shadowing and closures, and only checks that it does not panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Expands `item` under `#[coro::coroutine(args)]`, failing the test (with the input) on a
/// panic, also one the transform caught and turned into its "internal error" message.
fn expand_tokens(args: TokenStream, item: TokenStream) -> String {
    let what = format!("args `{args}`, item `{item}`");
    match catch_unwind(AssertUnwindSafe(|| {
        coro_transform::expand_attribute(args, item)
    })) {
        Ok(tokens) => no_internal_error(tokens.to_string(), &what),
        Err(_) => panic!("expand_attribute panicked on {what}"),
    }
}

/// `out`, unless it is the message of a panic inside the transform.
#[track_caller]
fn no_internal_error(out: String, what: &str) -> String {
    assert!(
        !out.contains("internal error in coro"),
        "the transform panicked on {what}: {out}"
    );
    out
}

/// `coro::coro!` on `input`, failing the test on any panic.
fn expand_function_like(input: &str) -> String {
    let tokens: TokenStream = input.parse().expect("test input tokenizes");
    let out = catch_unwind(AssertUnwindSafe(|| {
        coro_transform::expand_function_like(tokens)
    }))
    .unwrap_or_else(|_| panic!("expand_function_like panicked on `{input}`"));
    no_internal_error(out.to_string(), input)
}

/// A `yield` in the body of a closure nested in a `coro::coro!` closure, as an expression
/// body (`|y| yield y`) or a block: the same error as in statement position (the
/// typed-parameter rewrite of nested closures re-parsed `let (y: u32);`, and panicked).
#[test]
fn a_yield_in_a_nested_closure_of_a_closure_coroutine_is_an_error() {
    for input in [
        "|x: u32| { let f = |y: u32| yield y; let a = yield x; a + 1 }",
        "|x: u32| { let f = |y: u32| { let z = yield y + 100; z * 2 }; yield x; 1 }",
        "move || { let g = |a: u8, (b, c): (u8, u8)| a + b + c; yield g(1, (2, 3)); }",
    ] {
        let out = expand_function_like(input);
        if input.contains("|y: u32|") {
            assert!(out.contains("cannot be used inside a closure"), "{out}");
        } else {
            assert!(!out.contains("compile_error"), "{out}");
        }
    }
}

fn expand(args: &str, item: &str) -> String {
    let args = args.parse().expect("test args tokenize");
    let item = item.parse().expect("test item tokenizes");
    expand_tokens(args, item)
}

/// Asserts that the expansion is a compile error (whose text contains `message`).
#[track_caller]
fn assert_error(args: &str, item: &str, message: &str) {
    let out = expand(args, item);
    assert!(
        out.contains("compile_error"),
        "no compile error for `{item}`: {out}"
    );
    assert!(
        out.contains(message),
        "the error for `{item}` does not say `{message}`: {out}"
    );
}

const SIG: &str = "fn f() -> impl Coroutine<Yield = u32, Return = ()>";

#[test]
fn empty_input() {
    assert_error("", "", "applies to a function");
    assert_error("x", "", "applies to a function");
}

#[test]
fn items_that_are_not_functions() {
    for item in [
        "struct S { a: u32 }",
        "struct S;",
        "enum E { A, B }",
        "impl S { fn f() {} }",
        "mod m {}",
        "use std::fmt;",
        "const X: u32 = 1;",
        "static X: u32 = 1;",
        "type T = u32;",
        "trait T { fn f(); }",
        "extern \"C\" { fn f(); }",
        "macro_rules! m { () => {} }",
        "pub(crate) struct S;",
        "#[derive(Debug)] struct S;",
    ] {
        assert_error("", item, "applies to a function");
    }
}

#[test]
fn functions_without_a_body() {
    assert_error("", &format!("{SIG};"), "needs the function's body");
    assert_error("", "fn f()", "needs the function's body");
    assert_error("", "fn", "needs the function's body");
    assert_error("", "fn f", "needs the function's body");
}

#[test]
fn token_soup() {
    for item in [
        "+ - * / ;",
        "1 2 3",
        "\"just a string\"",
        "{ yield_!(1) }",
        "yield_!(1);",
        "fn fn fn",
        "fn f() -> { }",
        "fn f() -> impl { }",
        "fn f() -> impl Coroutine<Yield = > { }",
        "fn f(,) -> impl Coroutine<Yield = u32, Return = ()> { }",
        "#[coro::coroutine] #[coro::coroutine]",
        "'a: loop {}",
    ] {
        assert_error("", item, "compile_error");
    }
}

#[test]
fn bad_signatures() {
    let body = "{ yield_!(1); }";
    for (sig, message) in [
        ("fn f()", "no return type"),
        ("fn f() -> u32", "impl Coroutine"),
        ("fn f() -> impl Iterator<Item = u32>", "no `Coroutine` bound"),
        ("fn f() -> impl Coroutine", "name the coroutine's types"),
        ("fn f() -> impl Coroutine<Return = ()>", "Yield ="),
        ("fn f() -> impl Coroutine<Yield = u32>", "Return ="),
        ("fn f() -> impl Coroutine<Yield = u32, Return = (), Extra = u8>", "expected"),
        ("fn f() -> impl Coroutine<'a, Yield = u32, Return = ()>", "expected"),
        ("async fn f() -> impl Coroutine<Yield = u32, Return = ()>", "async"),
        ("const fn f() -> impl Coroutine<Yield = u32, Return = ()>", "const"),
        ("fn f() -> impl Coroutine<u8, Yield = u32, Return = ()>", "#[resume]"),
        (
            "fn f(#[resume] a: u8, #[resume] b: u8) -> impl Coroutine<u8, Yield = u32, Return = ()>",
            "only one parameter",
        ),
        (
            "fn f(#[resume(x)] a: u8) -> impl Coroutine<u8, Yield = u32, Return = ()>",
            "takes no arguments",
        ),
        (
            "fn f(#[resume] self) -> impl Coroutine<Yield = u32, Return = ()>",
            "`self` cannot receive",
        ),
        (
            "fn f(#[resume] &self) -> impl Coroutine<Yield = u32, Return = ()>",
            "`self` cannot receive",
        ),
    ] {
        assert_error("", &format!("{sig} {body}"), message);
    }
}

#[test]
fn attribute_arguments() {
    let item = format!("{SIG} {{ yield_!(1); }}");
    for args in ["x", "1", "Yield = u32", "()", ","] {
        assert_error(args, &item, "takes no arguments");
    }
}

#[test]
fn yields_in_unsupported_places() {
    for (body, message) in [
        ("let c = || yield_!(1);", "closure"),
        ("let c = async { yield_!(1) };", "async"),
        ("fn g() { yield_!(1); }", "nested function"),
        ("struct S([u8; { yield_!(1); 1 }]);", "nested function"),
        ("println!(\"{}\", yield_!(1));", "another macro"),
        ("let v = vec![yield_!(1)];", "another macro"),
        ("let mut r = &v; yield_!(1); r.len();", "borrow"),
        (
            "let v = vec![1]; let it = v.iter(); yield_!(1); it.len();",
            "borrow",
        ),
    ] {
        let body = if body.contains("&v") && !body.starts_with("let v") {
            format!("let v = vec![1]; {body}")
        } else {
            body.to_string()
        };
        assert_error("", &format!("{SIG} {{ {body} }}"), message);
    }
}

#[test]
fn weird_patterns_and_positions() {
    // None of these may panic; whether they are errors is up to the transform.
    for body in [
        "let yield_!(1) = 1;",
        "let x: [u8; { yield_!(1); 1 }] = [0; 1];",
        "let x: [u8; { yield_!(1); 1 }] = [0; 1]; yield_!(2);",
        "let _ = yield_!(1);",
        "let (a, b) = yield_!(1);",
        "let (a, ..) = yield_!(1); a;",
        "let [a, rest @ ..] = yield_!(1);",
        "let S { a, .. } = yield_!(1);",
        "let x @ 1..=3 = yield_!(1) else { return; };",
        "let Some(x) = Some(1) else { yield_!(1); return; };",
        "let Some(x) = yield_!(1) else { yield_!(2); return; };",
        "let x;",
        "let x; x = yield_!(1);",
        "let mut x = 0; x += yield_!(1);",
        "let mut x = [0]; x[yield_!(1)] = 2;",
        "match yield_!(1) { _ => {} }",
        "match 1 { x if yield_!(x) => {} _ => {} }",
        "match 1 { yield_!(1) => {} }",
        "if let Some(x) = yield_!(1) {}",
        "while yield_!(1) {}",
        "for x in yield_!(1) {}",
        "for yield_!(1) in 0..1 {}",
        "loop { break yield_!(1); }",
        "'a: { break 'a yield_!(1); }",
        "return yield_!(1);",
        "yield_!(1)?;",
        "yield_!(yield_!(1));",
        "yield_!(1, 2);",
        "yield_!(;);",
        "yield_![1];",
        "yield_! { 1 };",
        "coro::yield_!(1);",
        "::coro::yield_!(1);",
        "yield_!();",
        "yield_!",
        "yield_!(1) + yield_!(2);",
        "(yield_!(1), yield_!(2));",
        "unsafe { yield_!(1); }",
        "const { yield_!(1) };",
        "let x = { yield_!(1) };",
        "#[cfg(any())] yield_!(1);",
        "#[allow(unused)] { yield_!(1); }",
        "let x = 1; let x = 2; yield_!(x); x;",
        "let g = 1; { let g = 2; yield_!(g); } g;",
        "let c = |x: u32| x; loop { yield_!(c(1)); }",
        "break;",
        "continue;",
        "yield_!(1); break;",
        "'a: loop { loop { yield_!(1); continue 'a; } }",
        "let self = 1; yield_!(self);",
        "self.x; yield_!(1);",
        "?;",
    ] {
        let item = format!("{SIG} {{ {body} }}");
        let Ok(item) = item.parse::<TokenStream>() else {
            continue;
        };
        expand_tokens(TokenStream::new(), item);
    }
}

/// A tiny deterministic pseudo-random generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_tree(rng: &mut Rng, depth: usize) -> TokenTree {
    let choice = rng.below(if depth == 0 { 5 } else { 8 });
    match choice {
        0 => TokenTree::Ident(Ident::new(
            [
                "yield_",
                "fn",
                "let",
                "x",
                "impl",
                "Coroutine",
                "self",
                "loop",
                "match",
            ][rng.below(9)],
            Span::call_site(),
        )),
        1 => TokenTree::Punct(Punct::new(
            [
                '!', ';', '=', '&', '<', '>', ',', ':', '#', '-', '|', '?', '@', '.',
            ][rng.below(14)],
            if rng.below(2) == 0 {
                Spacing::Alone
            } else {
                Spacing::Joint
            },
        )),
        2 => TokenTree::Literal(Literal::u32_unsuffixed(rng.below(3) as u32)),
        3 => TokenTree::Ident(Ident::new("yield_", Span::call_site())),
        4 => TokenTree::Punct(Punct::new('!', Spacing::Alone)),
        _ => {
            let delimiter =
                [Delimiter::Parenthesis, Delimiter::Brace, Delimiter::Bracket][rng.below(3)];
            let len = rng.below(6);
            let stream = (0..len).map(|_| random_tree(rng, depth - 1)).collect();
            TokenTree::Group(Group::new(delimiter, stream))
        }
    }
}

#[test]
fn random_token_soup() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = rng.below(12);
        let soup: TokenStream = (0..len).map(|_| random_tree(&mut rng, 3)).collect();
        // As the body of a well-formed signature, as the whole item, and as arguments.
        let item: TokenStream = format!("{SIG} {{ {soup} }}").parse().expect("tokens");
        expand_tokens(TokenStream::new(), item);
        expand_tokens(TokenStream::new(), soup.clone());
        let good: TokenStream = format!("{SIG} {{ yield_!(1); }}").parse().expect("tokens");
        let out = expand_tokens(soup.clone(), good);
        if !soup.is_empty() {
            assert!(out.contains("compile_error"), "arguments `{soup}` accepted");
        }
    }
}

/// A random statement list built from fragments that parse, nested up to `depth`.
fn random_block(rng: &mut Rng, depth: usize) -> String {
    let count = 1 + rng.below(4);
    let mut out = String::new();
    for _ in 0..count {
        out.push_str(&random_stmt(rng, depth));
        out.push(' ');
    }
    out
}

fn random_stmt(rng: &mut Rng, depth: usize) -> String {
    const LEAVES: &[&str] = &[
        "yield_!(1);",
        "yield_!(x);",
        "let x = yield_!(2);",
        "let x = 3;",
        "let mut y = x + 1;",
        "y += yield_!(y);",
        "x = yield_!(x);",
        "let r = &v;",
        "let s = v.clone();",
        "drop(s);",
        "v.push(x);",
        "let c = |a: u32| a + 1;",
        "let z = c(x);",
        "let w = f(yield_!(1));",
        "let Some(q) = o else { return; };",
        "let Some(q) = yield_!(o) else { return; };",
        "o?;",
        "break;",
        "continue;",
        "return;",
        "println!(\"{x}\");",
        "let g = Guard; let g = Guard;",
        "let t = (yield_!(1), yield_!(2));",
        "let u = if x > 1 { yield_!(x) } else { 0 };",
    ];
    if depth == 0 || rng.below(3) > 0 {
        return LEAVES[rng.below(LEAVES.len())].to_string();
    }
    let inner = random_block(rng, depth - 1);
    match rng.below(8) {
        0 => format!("if x > 1 {{ {inner} }}"),
        1 => format!(
            "if x > 1 {{ {inner} }} else {{ {} }}",
            random_block(rng, depth - 1)
        ),
        2 => format!("loop {{ {inner} break; }}"),
        3 => format!("while x < 3 {{ {inner} }}"),
        4 => format!("for i in 0..x {{ {inner} }}"),
        5 => format!("for e in &v {{ {inner} }}"),
        6 => format!(
            "match x {{ 0 => {{ {inner} }} n => {{ {} }} }}",
            random_block(rng, depth - 1)
        ),
        _ => format!("{{ {inner} }}"),
    }
}

#[test]
fn random_programs_never_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let signatures = [
        "fn f(x: u32, v: Vec<u32>, o: Option<u32>) -> impl Coroutine<Yield = u32, Return = ()>",
        "fn f(#[resume] x: u32, mut v: Vec<u32>, o: Option<u32>) -> impl Coroutine<u32, Yield = u32, Return = Option<()>>",
        "fn f(&self, (x, v): (u32, Vec<u32>), o: Option<u32>) -> impl Coroutine<Yield = u32, Return = ()> + '_",
    ];
    for i in 0..1500 {
        let body = random_block(&mut rng, 3);
        let item = format!("{} {{ {body} }}", signatures[i % signatures.len()]);
        let item: TokenStream = item.parse().expect("generated programs tokenize");
        expand_tokens(TokenStream::new(), item);
    }
}

/// A function whose body does not parse gets syn's error at the token, and a hint when a
/// word that is a keyword since 2018 is used as a name (an edition 2015 crate).
#[test]
fn a_body_that_does_not_parse_says_where_and_hints_at_2015_keywords() {
    let item: proc_macro2::TokenStream =
        "fn f() -> impl Coroutine<Yield = u32, Return = ()> { let async = 1; yield_!(async); }"
            .parse()
            .unwrap();
    let out = coro_transform::expand_attribute(Default::default(), item).to_string();
    assert!(out.contains("cannot read this function"), "{out}");
    assert!(out.contains("raw identifier"), "{out}");
}
