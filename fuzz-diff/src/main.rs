//! `coro-diff`: the differential tester and the expander fuzzer (see `docs/differential.md`).
//!
//! ```text
//! cargo run -p coro-diff --release -- --seed S --count N [--edition 2021|2024]
//!     [--features all|none|cfg,labels,..] [--no-FAMILY].. [--batch B] [--shards K] [--minimize M]
//! cargo run -p coro-diff --release -- --print S [--edition E] [--features ..]   # the program of seed S
//! cargo run -p coro-diff --release -- --fuzz-expander --seed S --count N
//! ```
//!
//! Program `i` of a run uses seed `S + i`, so `--seed S+i --count 1` (with the same
//! `--edition` and `--features`) reproduces it alone. Exits with status 1 if any program
//! fails (or any expansion panics).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use coro_diff::gen::{Config, Features, FAMILIES};
use coro_diff::harness::{Case, Verdict, Workspace};
use coro_diff::ir::Edition;
use coro_diff::{expander, gen, minimize};

struct Options {
    seed: u64,
    count: u64,
    batch: u64,
    shards: usize,
    minimize: usize,
    rounds: usize,
    print: bool,
    fuzz: bool,
    self_test: bool,
    corpus: Option<String>,
    config: Config,
}

fn usage() -> String {
    let mut u = String::from(
        "usage: coro-diff [--seed S] [--count N] [--edition 2021|2024] [--features LIST] [--no-FAMILY].. \
         [--batch B] [--shards K] [--minimize M] [--rounds R]\n       coro-diff --print SEED [--edition E] [--features LIST]\n       \
         coro-diff --self-test\n       coro-diff --corpus FILE\n       coro-diff --fuzz-expander [--seed S] [--count N]\n\n\
         --features takes all (the default), none (the original generator) or a comma-separated list \
         of families; --no-FAMILY takes one out. The families:\n",
    );
    for (name, _, what) in FAMILIES {
        u.push_str(&format!("  {name:<8} {what}\n"));
    }
    u
}

/// The options, or `None` for `--help`; parsed with lexopt (`--seed=5` works as
/// `--seed 5` does).
fn parse() -> Result<Option<Options>, String> {
    use lexopt::Arg::{Long, Short};

    const ACCEPTED: &str = "accepted: --seed, --count, --edition, --features, --no-FAMILY, \
        --batch, --shards, --minimize, --rounds, --print, --corpus, --fuzz-expander, \
        --self-test, -h/--help";
    let mut o = Options {
        seed: 0,
        count: 500,
        batch: 500,
        shards: 2,
        minimize: 3,
        rounds: 40,
        print: false,
        fuzz: false,
        self_test: false,
        corpus: None,
        config: Config::default(),
    };
    let mut args = lexopt::Parser::from_env();
    while let Some(a) = args.next().map_err(|e| format!("{e}; {ACCEPTED}"))? {
        match a {
            Long("seed") => o.seed = num(&mut args, "--seed")?,
            Long("count") => o.count = num(&mut args, "--count")?,
            Long("batch") => o.batch = num(&mut args, "--batch")?.max(1),
            Long("shards") => o.shards = num(&mut args, "--shards")? as usize,
            Long("minimize") => o.minimize = num(&mut args, "--minimize")? as usize,
            Long("rounds") => o.rounds = num(&mut args, "--rounds")? as usize,
            Long("print") => {
                o.print = true;
                o.seed = num(&mut args, "--print")?;
            }
            Long("edition") => {
                let e = string(&mut args, "--edition")?;
                o.config.edition = Edition::parse(&e)
                    .ok_or_else(|| format!("--edition takes 2021 or 2024, not {e:?}"))?;
            }
            Long("features") => {
                o.config.features = Features::parse(&string(&mut args, "--features")?)?;
            }
            Long("corpus") => o.corpus = Some(string(&mut args, "--corpus")?),
            Long("fuzz-expander") => o.fuzz = true,
            Long("self-test") => o.self_test = true,
            Short('h') | Long("help") => return Ok(None),
            Long(other) => match other.strip_prefix("no-").and_then(Features::bit) {
                Some(bit) => o.config.features.0 &= !bit,
                None => return Err(format!("unknown option `--{other}`; {ACCEPTED}")),
            },
            Short(other) => return Err(format!("unknown option `-{other}`; {ACCEPTED}")),
            lexopt::Arg::Value(other) => {
                return Err(format!("unexpected argument {other:?}; {ACCEPTED}"))
            }
        }
    }
    Ok(Some(o))
}

/// The text an option takes, as its next argument or after `=`.
fn string(args: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    let value = args.value().map_err(|_| format!("{name} needs a value"))?;
    value
        .into_string()
        .map_err(|v| format!("{name} needs text, not {v:?}"))
}

/// The number an option takes, as its next argument or after `=`.
fn num(args: &mut lexopt::Parser, name: &str) -> Result<u64, String> {
    let value = args.value().map_err(|_| format!("{name} needs a number"))?;
    value
        .to_str()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{name} needs a number, not {value:?}"))
}

fn main() -> ExitCode {
    let o = match parse() {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{}", usage());
            return ExitCode::from(2);
        }
    };
    if o.print {
        print!("{}", gen::program(o.seed, &o.config).render());
        return ExitCode::SUCCESS;
    }
    if o.fuzz {
        return fuzz(&o);
    }
    if o.self_test {
        return self_test(&o);
    }
    if let Some(file) = &o.corpus {
        return corpus(&o, file);
    }
    differential(&o)
}

/// Checks that the harness sees a difference where one exists: documented deviation (1)
/// (a `Noisy` last mentioned before a yield is dropped at the suspension by
/// `#[coro::coroutine]`, at the end of its block by rustc) must be reported as a mismatch,
/// and the same body with a mention after the yield must pass.
fn self_test(o: &Options) -> ExitCode {
    use coro_diff::ir::{Block, Cond, Expr, Program, Ret, Stmt};
    // The deviation: `n1` may be moved by `drop(n1)` in a branch that does not run, and is
    // not used after the yield; rustc drops it at the end of the body, the coroutine as it
    // leaves the `if` (the macro cannot see that the branch did not run). Held: `n1` is
    // only borrowed, and borrowed again after the yield.
    let body = |touch_after: bool| {
        let mut stmts = vec![Stmt::LetNoisy("n1".into()), Stmt::Touch(vec!["n1".into()])];
        if !touch_after {
            let never = Cond::Cmp("<", Expr::Lit(1), Expr::Lit(0));
            let drop_it = Block {
                stmts: vec![Stmt::DropNoisy("n1".into())],
                tail: None,
            };
            stmts.push(Stmt::If(never, drop_it, None));
        }
        stmts.push(Stmt::Expr(Expr::Yield(Box::new(Expr::Lit(1)))));
        if touch_after {
            stmts.push(Stmt::Touch(vec!["n1".into()]));
        }
        stmts.push(Stmt::Expr(Expr::Tag(7, Box::new(Expr::Lit(2)))));
        Program {
            ret: Ret::Plain,
            body: Block {
                stmts,
                tail: Some(Expr::Lit(3)),
            },
            script: vec![0, 5, 6],
            edition: o.config.edition,
            owned: false,
            raw: None,
        }
    };
    let cases = vec![
        Case {
            name: "deviation".into(),
            program: body(false),
        },
        Case {
            name: "held".into(),
            program: body(true),
        },
    ];
    let verdicts = match Workspace::new("self-test", cases, o.shards.min(1))
        .map_err(|e| e.to_string())
        .and_then(|w| w.run(Duration::from_secs(120)))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("self-test: {e}");
            return ExitCode::FAILURE;
        }
    };
    let ok =
        matches!(&verdicts[0], Verdict::Mismatch(_, n, d) if n == d) && verdicts[1] == Verdict::Ok;
    println!(
        "self-test: deviation -> {}\nheld -> {}",
        verdicts[0].describe(),
        verdicts[1].describe()
    );
    if ok {
        println!("self-test passed: the harness reports the documented deviation and passes the held case");
        ExitCode::SUCCESS
    } else {
        println!("self-test FAILED");
        ExitCode::FAILURE
    }
}

/// Runs the pinned programs of a corpus file (one workspace per edition).
fn corpus(o: &Options, file: &str) -> ExitCode {
    let entries = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|t| coro_diff::corpus::parse(&t))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failing = 0;
    for edition in [Edition::E2021, Edition::E2024] {
        let (pinned, cases): (Vec<&coro_diff::corpus::Entry>, Vec<Case>) = entries
            .iter()
            .filter(|e| e.program.edition == edition)
            .map(|e| {
                (
                    e,
                    Case {
                        name: e.name.clone(),
                        program: e.program.clone(),
                    },
                )
            })
            .unzip();
        if cases.is_empty() {
            continue;
        }
        let verdicts = match Workspace::new("corpus", cases, o.shards)
            .map_err(|e| e.to_string())
            .and_then(|w| w.run(Duration::from_secs(300)))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("corpus, edition {}: {e}", edition.year());
                return ExitCode::FAILURE;
            }
        };
        for (entry, v) in pinned.iter().zip(&verdicts) {
            let signature = v.signature();
            let passes = match &entry.expect {
                None => *v == Verdict::Ok,
                Some(expected) => *expected == signature,
            };
            let note = match (&entry.expect, passes) {
                (Some(_), true) => " (the documented limit, as expected)",
                (Some(_), false) => " (expected the documented limit instead)",
                (None, _) => "",
            };
            println!("{} {}: {signature}{note}", edition.year(), entry.name);
            if !passes {
                failing += 1;
            }
        }
    }
    println!(
        "coro-diff corpus {file}: {} programs, {failing} failing",
        entries.len()
    );
    if failing == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fuzz(o: &Options) -> ExitCode {
    let start = Instant::now();
    let report = expander::fuzz(o.seed, o.count);
    println!(
        "expander fuzz: seed {}, {} executions, {} crashes, {:.1?} total, slowest expansion {:.1?}",
        o.seed,
        report.executions,
        report.crashes.len(),
        start.elapsed(),
        report.slowest
    );
    for (args, item, msg) in report.crashes.iter().take(10) {
        println!("--- panic: {msg}\nargs: {args}\nitem: {item}");
    }
    if report.crashes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn differential(o: &Options) -> ExitCode {
    let start = Instant::now();
    let mut counts = std::collections::BTreeMap::<&'static str, u64>::new();
    let mut failures: Vec<(u64, Verdict)> = vec![];
    let mut done = 0;
    while done < o.count {
        let n = o.batch.min(o.count - done);
        let first = o.seed + done;
        let cases: Vec<Case> = (first..first + n)
            .map(|s| Case {
                name: format!("seed-{s}"),
                program: gen::program(s, &o.config),
            })
            .collect();
        let t = Instant::now();
        let verdicts = match Workspace::new(&format!("gen-{first}"), cases, o.shards)
            .map_err(|e| e.to_string())
            .and_then(|w| w.run(Duration::from_secs(300)))
        {
            Ok(v) => v,
            Err(e) => {
                eprintln!("batch from seed {first}: {e}");
                return ExitCode::FAILURE;
            }
        };
        for (i, v) in verdicts.into_iter().enumerate() {
            *counts.entry(v.class()).or_default() += 1;
            if v != Verdict::Ok {
                failures.push((first + i as u64, v));
            }
        }
        done += n;
        println!(
            "seeds {first}..{}: {n} programs in {:.1?}; so far {done} programs, {} failing",
            first + n,
            t.elapsed(),
            failures.len()
        );
    }
    println!(
        "coro-diff: seed {}, {} programs, edition {}, features {}, {:?}, {:.1?}",
        o.seed,
        o.count,
        o.config.edition.year(),
        o.config.features.names(),
        counts,
        start.elapsed()
    );
    let mut signatures = std::collections::BTreeMap::<String, (u64, u64)>::new();
    for (seed, v) in &failures {
        signatures.entry(v.signature()).or_insert((0, *seed)).0 += 1;
    }
    for (sig, (n, seed)) in &signatures {
        println!("  {n:>6} x {sig} (first: seed {seed})");
    }
    // Minimize the first failure of each signature (up to --minimize of them), print the
    // others in full only while the output stays readable.
    let mut minimized = 0;
    let mut shown = std::collections::BTreeSet::new();
    for (seed, v) in &failures {
        let sig = v.signature();
        if !shown.insert(sig.clone()) {
            continue;
        }
        println!("\n=== FAIL seed {seed} ({sig}):\n{}", v.describe());
        let p = gen::program(*seed, &o.config);
        if minimized < o.minimize && matches!(v, Verdict::Mismatch(..) | Verdict::CoroRejects(_)) {
            minimized += 1;
            let mut log = |s: &str| eprintln!("  {s}");
            let (small, sv) = minimize::minimize(&p, &sig, o.rounds, o.shards, &mut log);
            println!(
                "--- minimized body (seed {seed}, {} statements):\n{}",
                small.size(),
                small.render()
            );
            println!(
                "--- as a corpus entry:\n{}",
                coro_diff::corpus::entry(&format!("seed-{seed}"), &small)
            );
            if sv != Verdict::Ok {
                println!("--- minimized verdict: {}", sv.describe());
            }
        } else {
            println!("--- body (seed {seed}):\n{}", p.render());
        }
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
