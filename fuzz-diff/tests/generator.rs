//! The generator is deterministic (a seed always prints the same program), its programs
//! always contain a yield and a script, each feature family produces its shapes (and only
//! when it is on), and no `yield_!` ever stands in another macro's arguments (a
//! documented rejection, so a program with one would test nothing).

use coro_diff::gen::{program, Config, Features, FAMILIES};
use coro_diff::ir::Edition;

fn config(edition: Edition, features: &str) -> Config {
    Config {
        edition,
        features: Features::parse(features).unwrap(),
    }
}

const EDITIONS: [Edition; 2] = [Edition::E2021, Edition::E2024];

#[test]
fn same_seed_same_program() {
    for edition in EDITIONS {
        for features in ["all", "none"] {
            let c = config(edition, features);
            for seed in 0..200 {
                let a = program(seed, &c).render();
                let b = program(seed, &c).render();
                assert_eq!(a, b);
                assert!(a.contains("yield_!("), "seed {seed} has no yield:\n{a}");
                assert!(!program(seed, &c).script.is_empty());
            }
        }
    }
}

/// Text that only the family produces.
fn markers(family: &str) -> &'static [&'static str] {
    match family {
        "cfg" => &["#[cfg"],
        "labels" => &["assert!({ if", "let _ = format!(\"{}\", { if"],
        "items" => &["hf()", "KA", "SA", "W("],
        "shadow" => &["Q", "__", "_shadowed_1", "spelled!("],
        "fields" => &["P {", "show(format!("],
        "macros" => &["brk!(", "cont!(", "ret!(", "tri!(", "bail_if!(", "vec!["],
        "unsafe" => &["unsafe {"],
        "temps" => &["Noisy(\"t", "let _ = ", "let _a"],
        "owned" => &["val(r0)"],
        "chains" => &["&& let Some("],
        "borrows" => &[
            ": Vec<u32> = vec![",
            "= vec![Noisy(\"w",
            "= String::from(\"",
        ],
        "order" => &["< { ", ">= { ", "== { ", "!= { "],
        other => panic!("no markers for {other}"),
    }
}

#[test]
fn each_family_produces_its_shapes_and_only_when_on() {
    for (family, _, _) in FAMILIES {
        let edition = if *family == "chains" {
            Edition::E2024
        } else {
            Edition::E2021
        };
        let on = config(edition, family);
        let hits = (0..300)
            .filter(|&s| {
                let text = program(s, &on).body_source(0);
                markers(family).iter().any(|m| text.contains(m))
            })
            .count();
        assert!(hits >= 30, "{family}: only {hits} of 300 programs show it");
    }
    for edition in EDITIONS {
        let none = config(edition, "none");
        for s in 0..300 {
            let text = program(s, &none).body_source(0);
            for (family, _, _) in FAMILIES {
                if *family == "shadow" || *family == "items" {
                    continue; // their markers are ordinary text
                }
                for m in markers(family) {
                    assert!(
                        !text.contains(m),
                        "features none, seed {s}: {m:?} in\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn let_chains_only_in_2024() {
    let c = config(Edition::E2021, "all");
    for s in 0..300 {
        assert!(!program(s, &c).body_source(0).contains("&& let "));
    }
}

/// The arguments of every macro call in `text` (`name!(..)`, `vec![..]`), string literals
/// skipped.
fn macro_args(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'!' && (b[i + 1] == b'(' || b[i + 1] == b'[') && i > 0 {
            let start = text[..i]
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(0, |p| p + 1);
            let name = &text[start..i];
            let (mut depth, mut j, mut in_str) = (0i32, i + 1, false);
            while j < b.len() {
                match b[j] {
                    b'"' => in_str = !in_str,
                    b'\\' if in_str => j += 1,
                    b'(' | b'[' | b'{' if !in_str => depth += 1,
                    b')' | b']' | b'}' if !in_str => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if !name.is_empty() && name != "yield_" {
                out.push(text[i + 2..j].to_string());
            }
        }
        i += 1;
    }
    out
}

#[test]
fn no_yield_in_another_macros_arguments() {
    assert_eq!(macro_args("a(ret!(x), yield_!(y))"), vec!["x".to_string()]);
    for edition in EDITIONS {
        let c = config(edition, "all");
        for s in 0..1000 {
            let text = program(s, &c).body_source(0);
            for args in macro_args(&text) {
                assert!(
                    !args.contains("yield_!"),
                    "seed {s}: a yield in macro arguments `{args}`:\n{text}"
                );
            }
        }
    }
}

#[test]
fn features_none_is_the_original_generator() {
    // Seed 42 as the generator printed it before the feature families existed.
    let p = program(42, &config(Edition::E2021, "none"));
    assert_eq!(
        format!("{:?}", p.script),
        "[6, 11, 4, 0, 6, 2, 11, 6, 7, 6, 4, 8, 2, 11]"
    );
    let text = p.render();
    let body = text.split_once('\n').unwrap().1;
    assert_eq!(body, ORIGINAL_42);
}

const ORIGINAL_42: &str = r#"fn body(#[resume] r0: u32) -> impl Coroutine<u32, Yield = u32, Return = Option<u32>> {
    let mut acc: u32 = r0;
    acc ^= yield_!(8);
    let mut c2: u32 = 0;
    let v1: u32 = 'l3: loop {
        c2 += 1;
        if c2 > 2 { break 'l3 opt((5 % 4))?; }
        t(9, (if 6 < 5 { yield_!(r0) } else { 6 } | yield_!(0)));
        let mut v4: u32 = 1;
        let mut c5: u32 = 0;
        while c5 < 3 {
            c5 += 1;
            let (v6, v7) = (add((6 | r0), yield_!(2)), add((v4 % 4), c5));
        }
        if opt(0)? < 5 {
            break 'l3 if (yield_!(r0) % 4) != 0 { add(r0, r0) } else { c5 };
        }
    };
    let Some(v8) = opt(((r0 % 4) ^ yield_!(c2))) else {
        return Some(t(24, (1 ^ yield_!(acc))));
    };
    acc = add(acc, acc);
    if ((0 ^ c2) < 4 || !((1 < yield_!(6) && r0 < 7))) {
        let o9 = opt(yield_!(v8));
    } else {
        let v10: u32 = t(6, 3);
        return Some(if !(3 < yield_!(acc)) { c2 } else { v1 });
    }
    Some(8)
}
"#;

#[test]
fn minimizer_candidates_are_smaller_or_simpler() {
    for edition in EDITIONS {
        let p = program(42, &config(edition, "all"));
        for c in coro_diff::minimize::candidates(&p) {
            assert!(c.size() <= p.size());
        }
    }
}

#[test]
fn corpus_reads_back_what_it_writes() {
    let p = program(7, &config(Edition::E2024, "all"));
    let text = coro_diff::corpus::entry("seed-7", &p);
    let entries = coro_diff::corpus::parse(&text).unwrap();
    assert_eq!(entries.len(), 1);
    let q = &entries[0].program;
    assert_eq!(entries[0].name, "seed-7");
    assert_eq!((q.edition, q.ret, q.owned), (p.edition, p.ret, p.owned));
    assert_eq!(q.script, p.script);
    assert_eq!(q.body_source(1), p.body_source(1));
}

#[test]
fn the_pinned_corpus_parses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/issue11.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let entries = coro_diff::corpus::parse(&text).unwrap();
    assert!(!entries.is_empty());
    let mut names = std::collections::BTreeSet::new();
    for e in &entries {
        assert!(names.insert(&e.name), "two entries named {}", e.name);
        assert!(!e.program.script.is_empty(), "{}", e.name);
        assert!(!e.program.body_source(1).trim().is_empty(), "{}", e.name);
    }
}
