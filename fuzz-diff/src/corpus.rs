//! Pinned programs: the minimized failures of the differential runs, kept as source so
//! that each stays a test after the generator changes (`coro-diff --corpus FILE`).
//!
//! The file is a list of entries:
//!
//! ```text
//! === unsafe-block-not-linearized
//! edition: 2021
//! return: Option<u32>
//! resume: u32
//! script: 7
//! ---
//!     unsafe {
//!         let (v14, v15) = (yield_!(3), 0);
//!     }
//!     Some(0)
//! ```
//!
//! `return` is `u32`, `Option<u32>` or `Result<u32, u32>`, `resume` is `u32` or `Arg`, the
//! script lists the resume arguments, and the lines after `---` (up to the next `===`) are
//! the body as it stands inside the function, its last line the completion value. Lines
//! starting with `#` before an entry's `---` are comments.
//!
//! An entry that pins a documented limit (a deviation listed in the README, or a program
//! the transform cannot accept) says what it expects instead of agreement:
//! `expect: mismatch: coro `drop tN` where rustc `yield`` (a verdict's signature, as
//! `coro-diff` prints it). The entry fails when the verdict changes, so a limit that goes
//! away (or gets worse) is noticed.

use crate::ir::{Block, Edition, Program, Ret};

/// One pinned program.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The entry's name.
    pub name: String,
    /// The program (its body given as source).
    pub program: Program,
    /// The verdict's signature this entry expects: `None` for agreement, `Some` for a
    /// documented limit.
    pub expect: Option<String>,
}

/// Parses a corpus file.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut out = vec![];
    let mut lines = text.lines().enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        let Some(name) = line.strip_prefix("=== ") else {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            return Err(format!("line {}: expected `=== NAME`", n + 1));
        };
        let (mut edition, mut ret, mut owned, mut script, mut expect) =
            (Edition::E2021, Ret::Plain, false, vec![], None);
        loop {
            let Some((n, line)) = lines.next() else {
                return Err(format!("entry {name}: no `---` before the end"));
            };
            if line == "---" {
                break;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, value) = line
                .split_once(':')
                .ok_or_else(|| format!("line {}: expected `key: value`", n + 1))?;
            let value = value.trim();
            match key.trim() {
                "edition" => {
                    edition = Edition::parse(value)
                        .ok_or_else(|| format!("line {}: edition {value:?}", n + 1))?
                }
                "return" => {
                    ret = match value {
                        "u32" => Ret::Plain,
                        "Option<u32>" => Ret::Option,
                        "Result<u32, u32>" => Ret::Result,
                        _ => return Err(format!("line {}: return type {value:?}", n + 1)),
                    }
                }
                "resume" => {
                    owned = match value {
                        "u32" => false,
                        "Arg" => true,
                        _ => return Err(format!("line {}: resume type {value:?}", n + 1)),
                    }
                }
                "script" => {
                    script = value
                        .split(',')
                        .map(|v| v.trim().parse::<u32>())
                        .collect::<Result<_, _>>()
                        .map_err(|e| format!("line {}: script: {e}", n + 1))?
                }
                "expect" => expect = Some(value.to_string()),
                other => return Err(format!("line {}: unknown key {other:?}", n + 1)),
            }
        }
        if script.is_empty() {
            return Err(format!("entry {name}: empty script"));
        }
        let mut body = String::new();
        while let Some((_, line)) = lines.peek() {
            if line.starts_with("=== ") {
                break;
            }
            body.push_str(line);
            body.push('\n');
            lines.next();
        }
        let body = body.trim_end().to_string() + "\n";
        out.push(Entry {
            name: name.trim().to_string(),
            program: Program {
                ret,
                body: Block::default(),
                script,
                edition,
                owned,
                raw: Some(body),
            },
            expect,
        });
    }
    Ok(out)
}

/// An entry for `p` (as [`parse`] reads it back).
pub fn entry(name: &str, p: &Program) -> String {
    let script: Vec<String> = p.script.iter().map(u32::to_string).collect();
    format!(
        "=== {name}\nedition: {}\nreturn: {}\nresume: {}\nscript: {}\n---\n{}",
        p.edition.year(),
        p.ret.ty(),
        p.arg_ty(),
        script.join(", "),
        p.body_source(1)
    )
}
