//! The fast expander fuzz: a few thousand mutated and random token streams through
//! `coro_transform::expand_attribute`, none of which may make it panic. The long run is
//! `cargo run -p coro-diff --release -- --fuzz-expander --seed S --count N`.

#[test]
fn expander_never_panics_on_mutated_inputs() {
    let report = coro_diff::expander::fuzz(6, 3000);
    assert_eq!(report.executions, 3000);
    let shown: Vec<String> = report
        .crashes
        .iter()
        .take(5)
        .map(|(args, item, msg)| format!("panic: {msg}\n  args: {args}\n  item: {item}"))
        .collect();
    assert!(
        report.crashes.is_empty(),
        "{} of {} inputs made expand_attribute panic; first ones:\n{}",
        report.crashes.len(),
        report.executions,
        shown.join("\n")
    );
}
