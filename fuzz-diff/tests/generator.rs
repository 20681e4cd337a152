//! The generator is deterministic (a seed always prints the same program), and its
//! programs always contain a yield and a script.

#[test]
fn same_seed_same_program() {
    for seed in 0..200 {
        let a = coro_diff::gen::program(seed).render();
        let b = coro_diff::gen::program(seed).render();
        assert_eq!(a, b);
        assert!(a.contains("yield_!("), "seed {seed} has no yield:\n{a}");
        assert!(!coro_diff::gen::program(seed).script.is_empty());
    }
}

#[test]
fn minimizer_candidates_are_smaller_or_simpler() {
    let p = coro_diff::gen::program(42);
    for c in coro_diff::minimize::candidates(&p) {
        assert!(c.size() <= p.size());
    }
}
