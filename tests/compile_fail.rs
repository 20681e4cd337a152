//! The compile errors `#[coro::coroutine]` and `yield_!` give on bad input: every
//! construct the transform does not support, every malformed signature, and the type
//! errors rustc must report at the user's own expressions. Each `tests/ui/*.rs` is
//! compiled and its diagnostics compared with the `.stderr` next to it; regenerate them
//! with `TRYBUILD=overwrite cargo test --test compile_fail` and read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
