//! Every step's output, for people who want to watch the transform work and for the golden
//! tests that pin each step: [`crate::inspect_stages`] runs the transform as the macro does
//! and keeps what each step produced, as code (the body after a syntactic step) or as text
//! (the spine, the graph, the analysis, the plan, the regions).
//!
//! ```text
//! // Input:                               // Output (one Stage per step, in order):
//! fn count(n: u32) -> impl Coroutine<..> {  // signature   fn count (n : u32) resume () yield u32 ..
//!     for i in 0..n { yield_!(i); }         // linearize   { for i in 0 .. n { yield_ ! (i) ; } }
//! }                                         // spine       b0 (body) / s0 For `i in 0..n` / b1 / ..
//!                                           // cfg, liveness, plan, regions, assemble
//! ```
//!
//! The text forms are the `Debug` output of the step's own structure ([`crate::cfg::Cfg`],
//! [`crate::liveness::Liveness`], [`crate::plan::Plan`], [`crate::bindings::Bindings`]);
//! the spine's tree is printed here ([`SpineTree`]), since the spine itself is a set of
//! arenas.

use std::fmt;

use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::ids::{BlockId, StmtId};
use crate::spine::{ArmBody, Ctl, Else, If, Kind, Spine, YieldKind};

/// What one step produced.
pub struct Stage {
    /// The step's module, as `lib.rs` lists the steps (`"linearize"`, `"liveness"`, ..).
    pub step: &'static str,
    /// What it produced.
    pub shown: Shown,
}

/// A step's output: code (to pretty-print) or text.
pub enum Shown {
    /// The body (or, for the last step, the whole expansion) as the step left it.
    Code(TokenStream),
    /// The step's structure, as its `Debug` prints it.
    Text(String),
}

/// Collects the stages of one run of the transform; a run that does not inspect keeps
/// nothing and builds nothing (the closures are not called).
#[derive(Default)]
pub struct Recorder {
    stages: Option<Vec<Stage>>,
}

impl Recorder {
    /// A recorder that keeps every stage.
    pub fn keeping() -> Self {
        Recorder {
            stages: Some(Vec::new()),
        }
    }

    /// A recorder that keeps nothing (the macro's own runs).
    pub fn off() -> Self {
        Recorder { stages: None }
    }

    /// Keeps the code `code` makes, if this recorder keeps stages.
    pub fn code(&mut self, step: &'static str, code: impl FnOnce() -> TokenStream) {
        if let Some(stages) = &mut self.stages {
            stages.push(Stage {
                step,
                shown: Shown::Code(code()),
            });
        }
    }

    /// Keeps the text `text` makes, if this recorder keeps stages.
    pub fn text(&mut self, step: &'static str, text: impl FnOnce() -> String) {
        if let Some(stages) = &mut self.stages {
            stages.push(Stage {
                step,
                shown: Shown::Text(text()),
            });
        }
    }

    /// The stages kept, in the order the steps ran.
    pub fn into_stages(self) -> Vec<Stage> {
        self.stages.unwrap_or_default()
    }
}

/// The spine as an indented tree: each block, its statements, and the blocks of each
/// control structure under it.
///
/// ```text
/// b0 (body)
///   s0 Code `let mut n = 0;`
///   s1 While `n < 3`
///     b1
///       s2 Code `n += 1;`
///       s3 Yield k0 `yield_!(n)`, argument dropped
/// ```
pub struct SpineTree<'a>(pub &'a Spine);

impl fmt::Debug for SpineTree<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.block(f, self.0.root, 0)
    }
}

impl SpineTree<'_> {
    fn block(&self, f: &mut fmt::Formatter<'_>, block: BlockId, depth: usize) -> fmt::Result {
        let spine = self.0;
        let what = if block == spine.root { " (body)" } else { "" };
        writeln!(f, "{:indent$}{block:?}{what}", "", indent = depth * 2)?;
        for &s in &spine.block(block).stmts {
            self.stmt(f, s, depth + 1)?;
        }
        Ok(())
    }

    fn stmt(&self, f: &mut fmt::Formatter<'_>, stmt: StmtId, depth: usize) -> fmt::Result {
        let spine = self.0;
        let pad = depth * 2;
        match &spine.node(stmt).kind {
            Kind::Code(code) => writeln!(f, "{:pad$}{stmt:?} Code `{}`", "", text(code)),
            Kind::Yield(k) => {
                let point = spine.point(*k);
                let argument = match &point.kind {
                    YieldKind::Discard => "argument dropped".to_string(),
                    YieldKind::Value => "argument is the block's value".to_string(),
                    YieldKind::Let { pat, .. } => format!("argument bound to `{}`", text(pat)),
                    YieldKind::Assign { place, .. } => {
                        format!("argument assigned to `{}`", text(place))
                    }
                };
                writeln!(
                    f,
                    "{:pad$}{stmt:?} Yield {k:?} `{}`, {argument}",
                    "", point.text
                )
            }
            Kind::LetElse { local, diverge } => {
                writeln!(f, "{:pad$}{stmt:?} LetElse `{}`", "", text(&local.pat))?;
                self.block(f, *diverge, depth + 1)
            }
            Kind::Let { pat, init, .. } => {
                write!(f, "{:pad$}{stmt:?} Let `{}` = ", "", text(pat))?;
                self.ctl(f, init, depth)
            }
            Kind::Ctl { ctl, .. } => self.ctl_line(f, stmt, ctl, depth),
        }
    }

    fn ctl_line(
        &self,
        f: &mut fmt::Formatter<'_>,
        stmt: StmtId,
        ctl: &Ctl,
        depth: usize,
    ) -> fmt::Result {
        write!(f, "{:pad$}{stmt:?} ", "", pad = depth * 2)?;
        self.ctl(f, ctl, depth)
    }

    /// The control structure's head on the current line, its blocks below.
    fn ctl(&self, f: &mut fmt::Formatter<'_>, ctl: &Ctl, depth: usize) -> fmt::Result {
        let label = |l: &Option<syn::Label>| {
            l.as_ref()
                .map(|l| format!(" {}", l.name))
                .unwrap_or_default()
        };
        match ctl {
            Ctl::Block {
                label: l,
                unsafety,
                block,
            } => {
                let unsafety = if unsafety.is_some() { " unsafe" } else { "" };
                writeln!(f, "Block{}{unsafety}", label(l))?;
                self.block(f, *block, depth + 1)
            }
            Ctl::If(branch) => {
                writeln!(f, "If `{}`", text(&branch.cond))?;
                self.if_blocks(f, branch, depth)
            }
            Ctl::Match {
                scrutinee, arms, ..
            } => {
                writeln!(f, "Match `{}`", text(scrutinee))?;
                for arm in arms {
                    let pad = (depth + 1) * 2;
                    match &arm.body {
                        ArmBody::Block(block) => {
                            writeln!(f, "{:pad$}arm `{}` =>", "", text(&arm.pat))?;
                            self.block(f, *block, depth + 2)?;
                        }
                        ArmBody::Code(expr) => {
                            writeln!(f, "{:pad$}arm `{}` => `{}`", "", text(&arm.pat), text(expr))?
                        }
                    }
                }
                Ok(())
            }
            Ctl::Loop { label: l, body, .. } => {
                writeln!(f, "Loop{}", label(l))?;
                self.block(f, *body, depth + 1)
            }
            Ctl::While {
                label: l,
                cond,
                body,
                ..
            } => {
                writeln!(f, "While{} `{}`", label(l), text(cond))?;
                self.block(f, *body, depth + 1)
            }
            Ctl::For {
                label: l,
                pat,
                iterable,
                body,
                ..
            } => {
                writeln!(f, "For{} `{} in {}`", label(l), text(pat), text(iterable))?;
                self.block(f, *body, depth + 1)
            }
        }
    }

    fn if_blocks(&self, f: &mut fmt::Formatter<'_>, branch: &If, depth: usize) -> fmt::Result {
        self.block(f, branch.then, depth + 1)?;
        let pad = (depth + 1) * 2;
        match &branch.otherwise {
            None => Ok(()),
            Some(Else::Block(block)) => {
                writeln!(f, "{:pad$}else", "")?;
                self.block(f, *block, depth + 1)
            }
            Some(Else::If(inner)) => {
                writeln!(f, "{:pad$}else if `{}`", "", text(&inner.cond))?;
                self.if_blocks(f, inner, depth)
            }
            Some(Else::Code(expr)) => writeln!(f, "{:pad$}else `{}`", "", text(expr)),
        }
    }
}

/// A piece of code on one line, as tokens print (stable outside the compiler, where spans
/// have no source text), shortened.
pub fn text<T: ToTokens>(node: &T) -> String {
    const MAX: usize = 60;
    let raw = node.to_token_stream().to_string();
    if raw.chars().count() > MAX {
        let short: String = raw.chars().take(MAX - 1).collect();
        format!("{short}…")
    } else {
        raw
    }
}
