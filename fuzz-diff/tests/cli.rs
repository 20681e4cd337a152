//! The command line behaves like a command line: `--help` on stdout with status 0, an
//! unknown option names the accepted ones (status 2), values after `=` work.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coro-diff"))
        .args(args)
        .output()
        .expect("run coro-diff")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with("usage: coro-diff [--seed S]"),
            "{stdout}"
        );
        assert!(stdout.contains("--fuzz-expander"), "{stdout}");
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn bad_arguments_say_what_is_accepted() {
    for (args, message) in [
        (&["--frobnicate"][..], "unknown option `--frobnicate`"),
        (&["-x"][..], "unknown option `-x`"),
        (&["stray"][..], "unexpected argument \"stray\""),
        (&["--seed"][..], "--seed needs a number"),
        (
            &["--count", "many"][..],
            "--count needs a number, not \"many\"",
        ),
    ] {
        let out = run(args);
        let stderr = text(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            stderr.contains("accepted: --seed") || message.contains("number"),
            "{stderr}"
        );
        assert!(stderr.contains("usage: coro-diff"), "{stderr}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn values_after_an_equals_sign() {
    // No programs: nothing is compiled, the run reports zero programs.
    let out = run(&["--seed=3", "--count=0"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("coro-diff: seed 3, 0 programs"), "{stdout}");
    assert_eq!(out.status.code(), Some(0));
}
