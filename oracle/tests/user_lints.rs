//! Issue 11, class 10 (the other direction): lints the user's code causes are reported
//! through `#[coro::coroutine]` as they are natively. Today the expansion allows
//! `unreachable_code`, `unused_mut`, `unused_labels` and `unused_braces` over the whole
//! body, so `tests/ui/user_lints_are_reported.rs` compiles: the test is ignored. Once
//! fixed, run it with `TRYBUILD=overwrite`, check that the `.stderr` it writes names
//! each of the four lints at the user's line, and drop the `ignore`.

#[test]
#[ignore = "issue 11: the expansion's #[allow(unreachable_code, unused_mut, unused_labels, unused_braces)] hides the user's own lints"]
fn user_lints_are_reported() {
    trybuild::TestCases::new().compile_fail("tests/ui/user_lints_are_reported.rs");
}
