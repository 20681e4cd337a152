//! The crate's path in generated code: `::coro` by default, the root an entry point is
//! given (what the proc macro resolves from the user's manifest), and `crate = path` in
//! the attribute's arguments or at the head of `coro!`'s input, which wins over both. No
//! `::coro` may be left anywhere once another root is set, on success or on error.

use proc_macro2::TokenStream;

fn tokens(s: &str) -> TokenStream {
    s.parse().expect("test input tokenizes")
}

const FUNCTION: &str =
    "fn numbers(#[resume] a: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let b = yield_!(a);
    let c = yield_from!(other(), b);
    let d: Option<u32> = Some(c);
    Some(d?)
}";

const KEYWORD_FUNCTION: &str = "fn numbers() -> impl Coroutine<Yield = u32, Return = ()> {
    let mut i = 0;
    loop { yield i; i += 1; }
}";

/// Counts `:: coro ::` (the default root followed by an item) in the expansion.
fn default_paths(out: &str) -> usize {
    out.matches(":: coro ::").count()
}

#[test]
fn the_default_root_is_coro() {
    let out = coro_transform::expand_attribute(TokenStream::new(), tokens(FUNCTION)).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert!(default_paths(&out) > 5, "{out}");
}

#[test]
fn the_given_root_replaces_every_path() {
    let out =
        coro_transform::expand_attribute_in(tokens("::co"), TokenStream::new(), tokens(FUNCTION))
            .to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert_eq!(default_paths(&out), 0, "{out}");
    for item in [
        "__private :: Machine",
        "CoroutineState",
        "Locate",
        "__private :: branch",
    ] {
        assert!(
            out.contains(&format!(":: co :: {item}")),
            "no `::co::{item}` in {out}"
        );
    }
}

#[test]
fn crate_in_the_arguments_wins_over_the_given_root() {
    for args in ["crate = crate::rt", "crate = \"crate::rt\""] {
        let out =
            coro_transform::expand_attribute_in(tokens("::co"), tokens(args), tokens(FUNCTION))
                .to_string();
        assert!(!out.contains("compile_error"), "{args}: {out}");
        assert!(!out.contains(":: co ::"), "{args}: {out}");
        assert_eq!(default_paths(&out), 0, "{args}: {out}");
        assert!(
            out.contains("crate :: rt :: __private :: Machine"),
            "{args}: {out}"
        );
    }
}

#[test]
fn the_placeholder_of_a_failed_expansion_uses_the_root_too() {
    let broken =
        "fn f() -> impl Coroutine<Yield = u32, Return = ()> { println!(\"{}\", yield_!(1)); }";
    let out =
        coro_transform::expand_attribute_in(tokens("::co"), TokenStream::new(), tokens(broken))
            .to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains(":: co :: __private :: unfinished"), "{out}");
    assert_eq!(default_paths(&out), 0, "{out}");
}

#[test]
fn other_arguments_are_rejected_with_what_to_write() {
    for args in [
        "x",
        "crate",
        "crate = ",
        "crate = ::co, x",
        "krate = ::co",
        "crate = 1",
    ] {
        let out = coro_transform::expand_attribute(tokens(args), tokens(FUNCTION)).to_string();
        assert!(out.contains("compile_error"), "{args}: {out}");
        assert!(
            out.contains("crate = path") || out.contains("needs the path of the `coro` crate"),
            "{args}: {out}"
        );
    }
}

#[test]
fn coro_takes_the_root_and_a_leading_crate_path() {
    let out = coro_transform::expand_function_like_in(tokens("::co"), tokens(KEYWORD_FUNCTION))
        .to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert_eq!(default_paths(&out), 0, "{out}");
    assert!(out.contains(":: co :: __private :: Machine"), "{out}");

    let input = format!("crate = ::rt; {KEYWORD_FUNCTION}");
    let out = coro_transform::expand_function_like_in(tokens("::co"), tokens(&input)).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert!(!out.contains(":: co ::"), "{out}");
    assert!(out.contains(":: rt :: __private :: Machine"), "{out}");

    let closure = "crate = ::rt; move |x: u32| { let y = yield x; y }";
    let out = coro_transform::expand_function_like(tokens(closure)).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert_eq!(default_paths(&out), 0, "{out}");
    assert!(out.contains(":: rt :: Coroutine"), "{out}");

    let missing_semicolon = format!("crate = ::rt {KEYWORD_FUNCTION}");
    let out = coro_transform::expand_function_like(tokens(&missing_semicolon)).to_string();
    assert!(out.contains("ends with `;`"), "{out}");
}
