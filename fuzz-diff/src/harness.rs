//! Writes generated programs into a test workspace, builds it once (with
//! `RUSTC_BOOTSTRAP=1`), runs it, and reads back the verdicts.
//!
//! Each program `pN` becomes three modules of one shard crate:
//! - `pN_coro.rs`: the body under `#[coro::coroutine]`;
//! - `pN_native.rs`: the body as a rustc native coroutine (`yield_!(e)` is `yield e`);
//! - `pN_direct.rs`: the body as a plain function where `yield_!(v)` logs `yield v` and
//!   returns the next scripted argument (`common::dyield`).
//!
//! The shard's `main` drives all three with the same script and compares the traces
//! (`resume A`, `yield V`, `complete R`, `panic MSG`, `drop NAME` of every `Noisy`, and the
//! state the coroutine is dropped in). Several shards build in parallel; programs whose
//! modules fail to compile are taken out (and reported) and the rest is built again.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::ir::{Edition, Program, PRELUDE};

/// The root of the coro workspace whose crates are under test: `$CORO_DIFF_ROOT` if set
/// (for example a `git archive` of a commit, to test a snapshot while the working tree is
/// being edited), otherwise the workspace this crate belongs to.
pub fn workspace_root() -> PathBuf {
    match std::env::var_os("CORO_DIFF_ROOT") {
        Some(root) => PathBuf::from(root),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf(),
    }
}

/// Where generated workspaces and their shared target directory go:
/// `$CARGO_TARGET_DIR/coro-diff` (or `<workspace>/target/coro-diff`).
pub fn work_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("coro-diff")
}

/// What happened to one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// All three traces agree.
    Ok,
    /// The traces differ: (coro, native, direct).
    Mismatch(Vec<String>, Vec<String>, Vec<String>),
    /// Only the `#[coro::coroutine]` version failed to compile (a transform bug).
    CoroRejects(String),
    /// The native or direct version failed to compile (a generator bug: rustc itself
    /// rejects the program).
    Invalid(String),
    /// The shard binary crashed or hung while running this program.
    Crashed(String),
}

impl Verdict {
    /// The class of a failure, for the minimizer (which keeps the class while shrinking).
    pub fn class(&self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Mismatch(..) => "mismatch",
            Verdict::CoroRejects(_) => "coro-rejects",
            Verdict::Invalid(_) => "invalid",
            Verdict::Crashed(_) => "crashed",
        }
    }

    /// The class and, for compile errors, the error's first line with the names in
    /// backticks left out (`cannot find value `acc`` and `.. `v3`` are one signature);
    /// the summary groups failures by signature and the minimizer keeps it while shrinking.
    pub fn signature(&self) -> String {
        let first = |e: &str| {
            let line = e.lines().next().unwrap_or("");
            let mut out = String::new();
            for (i, part) in line.split('`').enumerate() {
                out.push_str(if i % 2 == 0 { part } else { "_" });
            }
            out
        };
        match self {
            Verdict::CoroRejects(e) | Verdict::Invalid(e) => {
                let mut sig = first(e);
                if sig.contains("custom attribute panicked") {
                    if let Some(m) = e.lines().find(|l| l.contains("message:")) {
                        sig.push_str(m.trim().trim_start_matches("= help:"));
                    }
                }
                format!("{}: {}", self.class(), sig)
            }
            Verdict::Mismatch(_, n, d) if n != d => "mismatch: native and direct disagree".into(),
            Verdict::Mismatch(c, n, _) => {
                // The first line where coro and rustc differ, numbers and names reduced to
                // their shape (`drop t12` -> `drop tN`).
                let i = c.iter().zip(n).take_while(|(a, b)| a == b).count();
                let shape = |l: Option<&String>| -> String {
                    let Some(l) = l else {
                        return "(end)".into();
                    };
                    let mut words = l.split_whitespace();
                    let head = words.next().unwrap_or("");
                    let rest = match head {
                        "drop" | "id" => words.next().unwrap_or("").to_string(),
                        _ => String::new(),
                    };
                    let mut out = String::new();
                    let mut digits = false;
                    for ch in format!("{head} {rest}").trim().chars() {
                        if ch.is_ascii_digit() {
                            if !digits {
                                out.push('N');
                            }
                            digits = true;
                        } else {
                            digits = false;
                            out.push(ch);
                        }
                    }
                    out
                };
                format!(
                    "mismatch: coro `{}` where rustc `{}`",
                    shape(c.get(i)),
                    shape(n.get(i))
                )
            }
            v => v.class().to_string(),
        }
    }

    /// A human-readable description.
    pub fn describe(&self) -> String {
        match self {
            Verdict::Ok => "ok".into(),
            Verdict::Mismatch(c, n, d) => {
                let mut s = String::new();
                let who = if n == d {
                    "#[coro::coroutine] differs from rustc (native and direct agree)"
                } else {
                    "native and direct disagree (harness problem?)"
                };
                let _ = writeln!(s, "{who}");
                let width = c.len().max(n.len()).max(d.len());
                let _ = writeln!(s, "  {:<36} | {:<36} | direct", "coro", "native");
                for i in 0..width {
                    let g = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                    let mark = if g(c) != g(n) || g(n) != g(d) {
                        "!"
                    } else {
                        " "
                    };
                    let _ = writeln!(s, "{mark} {:<36} | {:<36} | {}", g(c), g(n), g(d));
                }
                s
            }
            Verdict::CoroRejects(e) => {
                format!("#[coro::coroutine] rejects a program rustc accepts:\n{e}")
            }
            Verdict::Invalid(e) => {
                format!("rustc rejects the generated program (generator bug):\n{e}")
            }
            Verdict::Crashed(e) => format!("the test binary crashed or hung: {e}"),
        }
    }
}

const COMMON: &str = r#"//! Helpers shared by the generated programs.
#![allow(dead_code)]
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};

pub use coro_oracle::{log, panic_message, take_log, Noisy};
use coro::CoroutineState;

pub fn add(a: u32, b: u32) -> u32 { a.wrapping_add(b) }
pub fn mul(a: u32, b: u32) -> u32 { a.wrapping_mul(b) }
pub fn t(tag: u32, v: u32) -> u32 { log(format!("t {tag} {v}")); v }
pub fn opt(x: u32) -> Option<u32> { if x % 3 == 2 { None } else { Some(x) } }
pub fn res(x: u32) -> Result<u32, u32> { if x % 3 == 2 { Err(x) } else { Ok(x) } }
pub fn touch(_: &Noisy) {}

/// `v.bump(e)`: a write through a `&mut self` method (the `order` family).
pub trait Bump { fn bump(&mut self, by: u32); }
impl Bump for u32 { fn bump(&mut self, by: u32) { *self = self.wrapping_add(by); } }

/// `Noisy(..).id()`: a temporary whose drop is logged.
pub trait Id { fn id(&self) -> u32; }
impl Id for Noisy { fn id(&self) -> u32 { log(format!("id {}", self.0)); self.0.len() as u32 } }

#[derive(Clone, Copy)]
pub struct P { pub u: u32, pub z: u32 }
pub fn pk(p: P) -> u32 { p.u.wrapping_mul(3).wrapping_add(p.z) }
pub fn show(s: String) -> u32 { log(format!("s [{s}]")); s.len() as u32 }

/// An owned resume argument: logs its drop (unless it is the quiet one passed after the
/// coroutine completed or panicked, which rustc leaks and coro drops: deviation 3).
pub struct Arg(pub u32, pub bool);
impl Drop for Arg { fn drop(&mut self) { if self.1 { log(format!("drop arg {}", self.0)); } } }
pub fn val(a: Arg) -> u32 { a.0 }
pub fn mk_u32(a: u32, _loud: bool) -> u32 { a }
pub fn mk_arg(a: u32, loud: bool) -> Arg { Arg(a, loud) }

thread_local! {
    static SCRIPT: RefCell<VecDeque<u32>> = const { RefCell::new(VecDeque::new()) };
}

/// The script ran out while the direct execution wanted another resume argument.
pub struct Exhausted;

/// `yield_!(v)` of the direct execution.
pub fn dyield(v: u32) -> u32 {
    log(format!("yield {v}"));
    match SCRIPT.with(|s| s.borrow_mut().pop_front()) {
        Some(a) => { log(format!("resume {a}")); a }
        None => { log("drop suspended"); panic::resume_unwind(Box::new(Exhausted)) }
    }
}

/// `yield_!(v)` of the direct execution with owned resume arguments.
pub fn dyield_arg(v: u32) -> Arg { Arg(dyield(v), true) }

pub fn quiet() { panic::set_hook(Box::new(|_| {})); }

/// Drives a coroutine with the script; stops one resume after it completed or panicked.
pub fn run_coro<A, C: coro::Coroutine<A, Yield = u32>>(mut c: C, script: &[u32], mk: fn(u32, bool) -> A) -> Vec<String>
where C::Return: Debug {
    take_log();
    let mut state = "unresumed";
    let mut extra = false;
    for &arg in script {
        if state == "complete" || state == "poisoned" {
            if extra { break; }
            extra = true;
        }
        log(format!("resume {arg}"));
        let arg = mk(arg, !extra);
        match panic::catch_unwind(AssertUnwindSafe(|| c.resume(arg))) {
            Ok(CoroutineState::Yielded(v)) => { state = "suspended"; log(format!("yield {v}")); }
            Ok(CoroutineState::Complete(v)) => { state = "complete"; log(format!("complete {v:?}")); }
            Err(p) => {
                if state != "complete" { state = "poisoned"; }
                log(format!("panic {}", panic_message(&*p)));
            }
        }
    }
    log(format!("drop {state}"));
    drop(c);
    take_log()
}

/// Runs the body as a plain function, `yield_!` taking the next scripted argument.
pub fn run_direct<A, R: Debug>(f: fn(A) -> R, script: &[u32], mk: fn(u32, bool) -> A) -> Vec<String> {
    take_log();
    SCRIPT.with(|s| *s.borrow_mut() = script[1..].iter().copied().collect());
    log(format!("resume {}", script[0]));
    let first = mk(script[0], true);
    let state = match panic::catch_unwind(AssertUnwindSafe(|| f(first))) {
        Ok(v) => { log(format!("complete {v:?}")); "complete" }
        Err(p) if p.is::<Exhausted>() => return take_log(),
        Err(p) => { log(format!("panic {}", panic_message(&*p))); "poisoned" }
    };
    if let Some(a) = SCRIPT.with(|s| s.borrow_mut().pop_front()) {
        log(format!("resume {a}"));
        log(if state == "complete" { "panic coroutine resumed after completion" } else { "panic coroutine resumed after panicking" });
    }
    log(format!("drop {state}"));
    take_log()
}

pub fn check(name: &str, coro: Vec<String>, native: Vec<String>, direct: Vec<String>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if coro == native && native == direct {
        let _ = writeln!(out, "=== {name} ok");
    } else {
        let _ = writeln!(out, "=== {name} mismatch");
        for (side, trace) in [("coro", &coro), ("native", &native), ("direct", &direct)] {
            let _ = writeln!(out, "--- {side}");
            for line in trace { let _ = writeln!(out, "{}", line.replace('\n', " ")); }
        }
        let _ = writeln!(out, "=== end");
    }
    let _ = out.flush();
}
"#;

/// One program to test, with the name used in reports.
#[derive(Clone, Debug)]
pub struct Case {
    /// A name such as `seed-1234` or `cand-7`.
    pub name: String,
    /// The program.
    pub program: Program,
}

fn coro_file(p: &Program) -> String {
    let a = p.arg_ty();
    format!(
        "//! generated\nuse crate::common::*;\nuse coro::yield_;\n{PRELUDE}\n#[coro::coroutine]\npub fn make(#[resume] r0: {a}) -> impl coro::Coroutine<{a}, Yield = u32, Return = {}> {{\n{}}}\n",
        p.ret.ty(),
        p.body_source(1)
    )
}

fn native_file(p: &Program) -> String {
    let a = p.arg_ty();
    format!(
        "//! generated\nuse crate::common::*;\n{PRELUDE}\npub fn make() -> impl core::ops::Coroutine<{a}, Yield = u32, Return = {}> {{\n    #[coroutine]\n    static move |r0: {a}| {{\n        macro_rules! yield_ {{ ($e:expr) => {{ yield $e }}; }}\n{}    }}\n}}\n",
        p.ret.ty(),
        p.body_source(2)
    )
}

fn direct_file(p: &Program) -> String {
    let (a, y) = if p.owned {
        ("Arg", "dyield_arg")
    } else {
        ("u32", "dyield")
    };
    format!(
        "//! generated\nuse crate::common::*;\nmacro_rules! yield_ {{ ($e:expr) => {{ crate::common::{y}($e) }}; }}\n{PRELUDE}\npub fn run(r0: {a}) -> {} {{\n{}}}\n",
        p.ret.ty(),
        p.body_source(1)
    )
}

/// A generated workspace: `shards` crates, each with a subset of the cases.
pub struct Workspace {
    dir: PathBuf,
    target: PathBuf,
    cases: Vec<Case>,
    shards: usize,
    /// Cases taken out after a compile error, by index.
    removed: BTreeMap<usize, Verdict>,
}

fn shard_of(i: usize, shards: usize) -> usize {
    i % shards
}

impl Workspace {
    /// Writes the workspace `tag` (under [`work_dir`]) for `cases`, in the edition of the
    /// first case (all cases of a workspace share it: one crate holds all three sides).
    pub fn new(tag: &str, cases: Vec<Case>, shards: usize) -> std::io::Result<Workspace> {
        let edition = cases.first().map_or(Edition::E2021, |c| c.program.edition);
        assert!(
            cases.iter().all(|c| c.program.edition == edition),
            "one workspace, one edition"
        );
        let base = work_dir();
        let dir = base.join(format!("{tag}-{}", edition.year()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let shards = shards.clamp(1, cases.len().max(1));
        let root = workspace_root();
        let members: Vec<String> = (0..shards).map(|s| format!("\"shard{s}\"")).collect();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n[profile.dev]\ndebug = false\nincremental = false\n",
                members.join(", ")
            ),
        )?;
        if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
            std::fs::write(dir.join("Cargo.lock"), lock)?;
        }
        for s in 0..shards {
            let sd = dir.join(format!("shard{s}"));
            std::fs::create_dir_all(sd.join("src"))?;
            std::fs::write(
                sd.join("Cargo.toml"),
                format!(
                    "[package]\nname = \"coro-diff-gen{s}\"\nversion = \"0.0.0\"\nedition = \"{}\"\npublish = false\n\n[dependencies]\ncoro = {{ package = \"stable-coro\", path = {:?} }}\ncoro-oracle = {{ path = {:?} }}\n",
                    edition.year(),
                    root.display().to_string(),
                    root.join("oracle").display().to_string()
                ),
            )?;
            std::fs::write(sd.join("src/common.rs"), COMMON)?;
        }
        let ws = Workspace {
            dir,
            target: base.join("target"),
            cases,
            shards,
            removed: BTreeMap::new(),
        };
        for (i, c) in ws.cases.iter().enumerate() {
            let src = ws.dir.join(format!("shard{}/src", shard_of(i, shards)));
            std::fs::write(src.join(format!("p{i}_coro.rs")), coro_file(&c.program))?;
            std::fs::write(src.join(format!("p{i}_native.rs")), native_file(&c.program))?;
            std::fs::write(src.join(format!("p{i}_direct.rs")), direct_file(&c.program))?;
        }
        for s in 0..shards {
            ws.write_main(s)?;
        }
        Ok(ws)
    }

    fn write_main(&self, shard: usize) -> std::io::Result<()> {
        let mut m = String::from(
            "//! generated\n#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n#![allow(warnings)]\n#![allow(unused_unsafe)]\nmod common;\n",
        );
        let mut body = String::new();
        for (i, c) in self.cases.iter().enumerate() {
            if shard_of(i, self.shards) != shard || self.removed.contains_key(&i) {
                continue;
            }
            let _ = writeln!(m, "mod p{i}_coro;\nmod p{i}_native;\nmod p{i}_direct;");
            let _ = writeln!(
                body,
                "    {{\n        let s: &[u32] = &{:?};\n        println!(\">>> p{i}\");\n        let c = common::run_coro(p{i}_coro::make(), s, common::{mk});\n        let n = common::run_coro(coro_oracle::native(p{i}_native::make()), s, common::{mk});\n        let d = common::run_direct(p{i}_direct::run, s, common::{mk});\n        common::check(\"p{i}\", c, n, d);\n    }}",
                c.program.script,
                mk = if c.program.owned { "mk_arg" } else { "mk_u32" },
            );
        }
        let _ = write!(m, "\nfn main() {{\n    common::quiet();\n{body}}}\n");
        std::fs::write(self.dir.join(format!("shard{shard}/src/main.rs")), m)
    }

    /// Builds; takes out the programs that do not compile and builds again. Returns the
    /// cargo output of a failure nobody could be blamed for.
    fn build(&mut self) -> Result<(), String> {
        for _attempt in 0..4 {
            let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .arg("build")
                .arg("--manifest-path")
                .arg(self.dir.join("Cargo.toml"))
                .arg("--target-dir")
                .arg(&self.target)
                .arg("--message-format=json")
                .arg("--keep-going")
                .env("RUSTC_BOOTSTRAP", "1")
                .env_remove("CARGO_TARGET_DIR")
                .env("CARGO_INCREMENTAL", "0")
                .stderr(Stdio::piped())
                .stdout(Stdio::piped())
                .output()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if out.status.success() {
                return Ok(());
            }
            // file -> (program, side) -> first error
            let mut errors: BTreeMap<usize, BTreeMap<&'static str, String>> = BTreeMap::new();
            let mut unattributed = String::new();
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if v["reason"] != "compiler-message" || v["message"]["level"] != "error" {
                    continue;
                }
                let rendered = v["message"]["rendered"].as_str().unwrap_or("").to_string();
                let mut files = vec![];
                collect_files(&v["message"], &mut files);
                let mut hit = false;
                for f in files {
                    if let Some((i, side)) = parse_file(&f) {
                        errors
                            .entry(i)
                            .or_default()
                            .entry(side)
                            .or_insert_with(|| rendered.clone());
                        hit = true;
                    }
                }
                if !hit
                    && !rendered.starts_with("error: aborting")
                    && !rendered.contains("could not compile")
                {
                    unattributed.push_str(&rendered);
                }
            }
            if errors.is_empty() {
                return Err(format!(
                    "build failed without an error in a generated program:\n{unattributed}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            for (i, sides) in errors {
                let verdict = match (
                    sides.get("native").or(sides.get("direct")),
                    sides.get("coro"),
                ) {
                    (Some(e), _) => Verdict::Invalid(e.clone()),
                    (None, Some(e)) => Verdict::CoroRejects(e.clone()),
                    (None, None) => continue,
                };
                self.removed.insert(i, verdict);
            }
            for s in 0..self.shards {
                self.write_main(s).map_err(|e| e.to_string())?;
            }
        }
        Err("build still failing after taking out the programs that do not compile".into())
    }

    /// Builds, runs every shard and returns one verdict per case.
    pub fn run(mut self, timeout: Duration) -> Result<Vec<Verdict>, String> {
        self.build()?;
        let mut verdicts: Vec<Option<Verdict>> = vec![None; self.cases.len()];
        for (i, v) in &self.removed {
            verdicts[*i] = Some(v.clone());
        }
        for s in 0..self.shards {
            let exe = self.target.join("debug").join(format!("coro-diff-gen{s}"));
            let output = run_with_timeout(&exe, timeout)?;
            let mut current: Option<usize> = None;
            let mut lines = output.stdout.lines().peekable();
            while let Some(line) = lines.next() {
                if let Some(p) = line.strip_prefix(">>> p") {
                    current = p.trim().parse().ok();
                } else if let Some(rest) = line.strip_prefix("=== p") {
                    let mut it = rest.split_whitespace();
                    let i: usize = it.next().and_then(|n| n.parse().ok()).ok_or("bad output")?;
                    if it.next() == Some("ok") {
                        verdicts[i] = Some(Verdict::Ok);
                    } else {
                        let mut traces: BTreeMap<String, Vec<String>> = BTreeMap::new();
                        let mut side = String::new();
                        for l in lines.by_ref() {
                            if l == "=== end" {
                                break;
                            } else if let Some(s) = l.strip_prefix("--- ") {
                                side = s.to_string();
                            } else {
                                traces.entry(side.clone()).or_default().push(l.to_string());
                            }
                        }
                        let mut t = |k: &str| traces.remove(k).unwrap_or_default();
                        verdicts[i] = Some(Verdict::Mismatch(t("coro"), t("native"), t("direct")));
                    }
                    current = None;
                }
            }
            if let Some(i) = current {
                verdicts[i] = Some(Verdict::Crashed(output.status.clone()));
            }
            if !output.success && current.is_none() {
                // Crashed between programs: blame nobody in particular.
                return Err(format!("shard {s} failed: {}", output.status));
            }
        }
        Ok(verdicts
            .into_iter()
            .map(|v| {
                v.unwrap_or_else(|| {
                    Verdict::Crashed("not run (an earlier program crashed the shard)".into())
                })
            })
            .collect())
    }
}

fn collect_files(message: &serde_json::Value, out: &mut Vec<String>) {
    if let Some(spans) = message["spans"].as_array() {
        for s in spans {
            let mut span = s;
            loop {
                if let Some(f) = span["file_name"].as_str() {
                    out.push(f.to_string());
                }
                if span["expansion"]["span"].is_object() {
                    span = &span["expansion"]["span"];
                } else {
                    break;
                }
            }
        }
    }
    if let Some(children) = message["children"].as_array() {
        for c in children {
            collect_files(c, out);
        }
    }
}

/// `shard3/src/p12_coro.rs` -> (12, "coro").
fn parse_file(f: &str) -> Option<(usize, &'static str)> {
    let name = Path::new(f).file_name()?.to_str()?;
    let rest = name.strip_prefix('p')?.strip_suffix(".rs")?;
    let (n, side) = rest.split_once('_')?;
    let side = match side {
        "coro" => "coro",
        "native" => "native",
        "direct" => "direct",
        _ => return None,
    };
    Some((n.parse().ok()?, side))
}

struct Output {
    stdout: String,
    success: bool,
    status: String,
}

fn run_with_timeout(exe: &Path, timeout: Duration) -> Result<Output, String> {
    let mut child = Command::new(exe)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let mut r = BufReader::new(stdout);
        let mut line = String::new();
        while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            s.push_str(&line);
            line.clear();
        }
        let _ = r.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            break format!("{st}");
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            break format!("timed out after {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = reader.join().unwrap_or_default();
    let success = status == "exit status: 0";
    Ok(Output {
        stdout,
        success,
        status,
    })
}
