//! The command line: what it finds in a file, how it reports bad input (never a panic,
//! always a message and a non-zero exit), and `--svg`, which needs no Graphviz.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Coroutines in an `impl` block and an inline module, under both spellings of the
/// attribute.
const SOURCE: &str = r#"
use coro::{yield_, Coroutine};

struct Counter { limit: u32 }

impl Counter {
    #[coro::coroutine]
    fn count(self) -> impl Coroutine<Yield = u32, Return = ()> {
        let mut i = 0;
        while i < self.limit {
            yield_!(i);
            i += 1;
        }
    }
}

mod inner {
    use coro::{coroutine, yield_, Coroutine};

    #[coroutine]
    pub fn ticks(n: u32) -> impl Coroutine<Yield = (), Return = u32> {
        for _ in 0..n {
            yield_!(());
        }
        n
    }
}

fn plain() {}
"#;

/// A coroutine the transform rejects, appended to [`SOURCE`].
const BROKEN: &str = r#"
#[coro::coroutine]
fn broken() -> impl Coroutine<Yield = u32, Return = ()> {
    let f = || yield_!(1);
    f();
}
"#;

fn write(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("write the input file");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coro-expand"))
        .args(args)
        .output()
        .expect("run coro-expand")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn finds_coroutines_in_impls_and_modules_and_reports_the_rest() {
    let file = write("cli_many.rs", &format!("{SOURCE}{BROKEN}"));
    let out = run(&[file.to_str().unwrap(), "--dot"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("digraph \"Counter::count\""), "{stdout}");
    assert!(stdout.contains("digraph \"inner::ticks\""), "{stdout}");
    assert!(
        stdout.contains("start -> s0 [label=\"while i < self.limit\"];"),
        "{stdout}"
    );
    assert!(
        stdout.contains("s0 -> done [label=\"after the for\"];"),
        "{stdout}"
    );
    assert!(!stdout.contains("plain"), "{stdout}");
    // The rejected function: its position and the transform's reason, and a failure.
    assert!(stderr.contains("cli_many.rs:33:16:"), "{stderr}");
    assert!(
        stderr.contains("`broken`: `yield_!` cannot be used inside a closure"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn one_function_by_name_or_path() {
    let file = write("cli_one.rs", SOURCE);
    for name in ["ticks", "inner::ticks"] {
        let out = run(&[file.to_str().unwrap(), name]);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            stdout.contains("// ===== inner::ticks (line 21): the expansion"),
            "{stdout}"
        );
        assert!(stdout.contains("pub fn ticks("), "{stdout}");
        assert!(!stdout.contains("Counter"), "{stdout}");
    }
    let out = run(&[file.to_str().unwrap(), "missing"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no `#[coro::coroutine]` function named `missing`"),
        "{stderr}"
    );
    assert!(stderr.contains("Counter::count, inner::ticks"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_input_is_reported() {
    let out = run(&["/nonexistent/file.rs"]);
    assert!(text(&out.stderr).contains("cannot read /nonexistent/file.rs"));
    assert_eq!(out.status.code(), Some(1));

    let file = write("cli_syntax.rs", "fn f( {");
    let out = run(&[file.to_str().unwrap()]);
    assert!(
        text(&out.stderr).contains("cli_syntax.rs:1:"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("cannot parse the file"));
    assert_eq!(out.status.code(), Some(1));

    let file = write("cli_none.rs", "fn f() {}");
    let out = run(&[file.to_str().unwrap()]);
    assert!(text(&out.stderr).contains("no `#[coro::coroutine]` function in this file"));
    assert_eq!(out.status.code(), Some(1));

    let out = run(&["--frobnicate"]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unknown option `--frobnicate`"), "{stderr}");
    assert!(
        stderr.contains("accepted: FILE, FUNCTION, --dot, --svg OUT.svg, --stages, -h/--help"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: coro-expand"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(2));

    for (args, message) in [
        (&["-x"][..], "unknown option `-x`"),
        (&["f.rs", "--svg"][..], "--svg needs the output file"),
        (
            &["--dot=yes", "f.rs"][..],
            "unexpected argument for option '--dot'",
        ),
        (&["f.rs", "g", "h"][..], "unexpected argument `h`"),
        (&[][..], "missing FILE"),
    ] {
        let out = run(args);
        let stderr = text(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with("usage: coro-expand FILE [FUNCTION]"),
            "{stdout}"
        );
        assert!(stdout.contains("--svg OUT.svg"), "{stdout}");
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn svg_takes_its_value_after_an_equals_sign_too() {
    let file = write("cli_svg_eq.rs", SOURCE);
    let svg = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_eq.svg");
    let out = run(&[file.to_str().unwrap(), &format!("--svg={}", svg.display())]);
    // Two functions in the file: the option was read, and it asks for one.
    assert!(
        text(&out.stderr).contains("--svg draws one function"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn svg_needs_one_function_and_no_graphviz() {
    let file = write("cli_svg.rs", SOURCE);
    let svg = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli.svg");
    let out = run(&[file.to_str().unwrap(), "--svg", svg.to_str().unwrap()]);
    assert!(text(&out.stderr).contains("--svg draws one function"));
    assert_eq!(out.status.code(), Some(1));

    // With nothing on the PATH (no Graphviz), the drawing is made all the same.
    let _ = std::fs::remove_file(&svg);
    let out = Command::new(env!("CARGO_BIN_EXE_coro-expand"))
        .args([
            file.to_str().unwrap(),
            "ticks",
            "--svg",
            svg.to_str().unwrap(),
        ])
        .env("PATH", "")
        .output()
        .expect("run coro-expand");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let drawn = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(
        drawn.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{drawn}"
    );
    for state in ["start", "s0", "done"] {
        assert!(
            drawn.contains(&format!("data-state=\"{state}\"")),
            "{state}: {drawn}"
        );
    }
}

#[test]
fn stages_prints_every_step_in_order() {
    let file = write("cli_stages.rs", SOURCE);
    let out = run(&[file.to_str().unwrap(), "ticks", "--stages"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("// ===== inner::ticks: every step of the transform ====="));
    let steps: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("// ===== ")?.strip_suffix(" ====="))
        .skip(1)
        .collect();
    assert_eq!(
        steps,
        [
            "1. configure",
            "2. signature",
            "3. delegate",
            "4. shadow",
            "5. rewrite",
            "6. items",
            "7. linearize",
            "8. borrows",
            "9. spine",
            "10. cfg",
            "11. liveness",
            "12. unshadow",
            "13. plan",
            "14. regions",
            "15. assemble"
        ]
    );
    // The spine's tree and the expansion are there.
    assert!(stdout.contains("s0 For `_ in 0 .. n`"), "{stdout}");
    assert!(stdout.contains("Machine::new"), "{stdout}");

    // A function the transform rejects: its error, as without --stages.
    let file = write("cli_stages_broken.rs", &format!("{SOURCE}{BROKEN}"));
    let out = run(&[file.to_str().unwrap(), "broken", "--stages"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("`broken`"),
        "{}",
        text(&out.stderr)
    );
}
