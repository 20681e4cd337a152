//! The state machine as a diagram sees it: the suspension points with what they hold, and
//! the transitions one `resume` can make between them.
//!
//! Nothing here is needed to generate code; it is for tools that show the machine (such as
//! `coro-expand`). The transitions come from a small control-flow graph of the yield spine:
//! every spine statement, branch and loop becomes a few nodes, plain code a single step
//! (with an edge for each `break`, `continue`, `return` or `?` inside it), and each
//! `yield_!` both an end (the coroutine suspends) and a start (it resumes). From the start
//! and from each suspension point, the search follows every path that does not pass the
//! same node twice until it suspends again or completes, and names the path by the
//! branches it takes: a target reachable through a loop is also reachable without going
//! around it, so those paths find every transition.

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Lifetime};

use crate::ir::{ArmBody, Block, Cond, Ctl, Else, Stmt, YieldKind, YieldPoint};
use crate::liveness::{Analysis, Role};

/// At most this many differently named paths are listed between the same two states.
const MAX_PATHS_PER_PAIR: usize = 4;

/// How many search steps one state's search may take, so that a body with very many
/// branches still finishes quickly (some paths are then not named).
const SEARCH_BUDGET: usize = 200_000;

/// Longest text of a condition or pattern in a path's name, in characters.
const MAX_TEXT: usize = 48;

/// A suspension point, as a diagram labels it.
pub struct Point {
    /// Its number, counting `yield_!`s in source order from 0 (the state `Suspend{index}`).
    pub index: usize,
    /// The span of the `yield_!(..)` call; it carries the source line when the tokens were
    /// parsed with locations (proc-macro2's `span-locations`).
    pub span: Span,
    /// The call as written, `yield_!(value)`.
    pub text: String,
    /// The names of the values the state holds, in declaration order; a `for` loop's
    /// hidden iterator is `(for loop iterator)`.
    pub holds: Vec<String>,
}

/// A state of the machine at the end of an edge.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum State {
    /// Created, not resumed yet (`Unresumed`).
    Start,
    /// Suspended at the `yield_!` with this index.
    Suspended(usize),
    /// Completed (`Returned`).
    Done,
}

/// A transition one `resume` can make.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Edge {
    /// Where the resume starts.
    pub from: State,
    /// Where it ends: the next suspension point, or completion.
    pub to: State,
    /// The branches taken on the way, in order (`while let Some(c) = it.next()`,
    /// `match arm Some(x)`, `break out of the loop`, `after the for`, `return`, `? error`);
    /// empty for straight-line code.
    pub path: Vec<String>,
}

/// The machine's diagram: its suspension points and its transitions.
pub struct Diagram {
    /// The suspension points, by index.
    pub points: Vec<Point>,
    /// The transitions: from the start first, then from each suspension point in order;
    /// for each, in the order the search found them.
    pub edges: Vec<Edge>,
}

/// Computes the diagram of a body's spine, after the liveness analysis. `body_label` is
/// the label that `return` and `?` were rewritten to break to ([`crate::rewrite::rewrite_exits`]).
pub fn diagram(body: &Block, analysis: &Analysis, body_label: &Lifetime) -> Diagram {
    let mut builder = Builder::new(body_label);
    let entry = builder.cfg.add(Kind::Step);
    let end = builder.block(body, entry);
    builder.cfg.link(end, builder.done, None);

    let mut yields = builder.yields;
    yields.sort_by_key(|(point, _)| point.index);
    let points = yields
        .iter()
        .map(|(point, _)| Point {
            index: point.index,
            span: point.span,
            text: point.text.clone(),
            holds: holds(analysis, point.index),
        })
        .collect();
    let sources = std::iter::once((State::Start, entry)).chain(
        yields
            .iter()
            .map(|(p, node)| (State::Suspended(p.index), *node)),
    );
    let edges = sources
        .flat_map(|(from, node)| {
            builder
                .cfg
                .reach(node)
                .into_iter()
                .map(move |(to, path)| Edge { from, to, path })
        })
        .collect();
    Diagram { points, edges }
}

/// The names a suspension point holds, as `StateInfo` reports them.
fn holds(analysis: &Analysis, site: usize) -> Vec<String> {
    analysis
        .held(site)
        .filter_map(|b| {
            let binding = &analysis.bindings[b];
            match binding.role {
                Role::User => Some(binding.name.to_string()),
                Role::Iterator => Some("(for loop iterator)".to_string()),
                Role::Witness(_) => None,
            }
        })
        .collect()
}

enum Kind {
    /// A point in the code.
    Step,
    /// The coroutine suspends at this yield point.
    Suspend(usize),
    /// The coroutine completes.
    Done,
}

/// A control-flow graph whose edges may name the branch they take.
struct Cfg {
    kinds: Vec<Kind>,
    out: Vec<Vec<(usize, Option<String>)>>,
}

impl Cfg {
    fn add(&mut self, kind: Kind) -> usize {
        self.kinds.push(kind);
        self.out.push(Vec::new());
        self.kinds.len() - 1
    }

    fn link(&mut self, from: usize, to: usize, label: Option<String>) {
        self.out[from].push((to, label));
    }

    /// Every state reachable from `source` without suspending, with the names of the
    /// paths there (distinct, at most [`MAX_PATHS_PER_PAIR`] per state).
    fn reach(&self, source: usize) -> Vec<(State, Vec<String>)> {
        let mut search = Search {
            cfg: self,
            on_path: vec![false; self.kinds.len()],
            path: Vec::new(),
            found: Vec::new(),
            budget: SEARCH_BUDGET,
        };
        search.from(source);
        search.found
    }
}

struct Search<'a> {
    cfg: &'a Cfg,
    on_path: Vec<bool>,
    path: Vec<String>,
    found: Vec<(State, Vec<String>)>,
    budget: usize,
}

impl Search<'_> {
    fn from(&mut self, node: usize) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let state = match self.cfg.kinds[node] {
            Kind::Step => None,
            Kind::Suspend(index) => Some(State::Suspended(index)),
            Kind::Done => Some(State::Done),
        };
        if let Some(state) = state {
            let known = self.found.iter().filter(|(s, _)| *s == state);
            if known.clone().count() < MAX_PATHS_PER_PAIR
                && !known.clone().any(|(_, path)| *path == self.path)
            {
                self.found.push((state, self.path.clone()));
            }
            return;
        }
        self.on_path[node] = true;
        for (to, label) in &self.cfg.out[node] {
            if self.on_path[*to] {
                continue;
            }
            if let Some(label) = label {
                self.path.push(label.clone());
            }
            self.from(*to);
            if label.is_some() {
                self.path.pop();
            }
        }
        self.on_path[node] = false;
    }
}

/// A loop or labelled block around the code being walked, as jumps see it.
struct Frame {
    label: Option<String>,
    /// `loop`, `while`, `for`, or `None` for a labelled block (which only a labelled
    /// `break` leaves).
    keyword: Option<&'static str>,
    exit: usize,
    next: usize,
}

struct Builder<'a> {
    cfg: Cfg,
    done: usize,
    body_label: String,
    frames: Vec<Frame>,
    /// Each yield point with the node where its resume starts.
    yields: Vec<(&'a YieldPoint, usize)>,
}

impl<'a> Builder<'a> {
    fn new(body_label: &Lifetime) -> Self {
        let mut cfg = Cfg {
            kinds: Vec::new(),
            out: Vec::new(),
        };
        let done = cfg.add(Kind::Done);
        Builder {
            cfg,
            done,
            body_label: body_label.ident.to_string(),
            frames: Vec::new(),
            yields: Vec::new(),
        }
    }

    fn step(&mut self) -> usize {
        self.cfg.add(Kind::Step)
    }

    /// A new step reached from `from` through the branch `label`.
    fn branch(&mut self, from: usize, label: String) -> usize {
        let to = self.step();
        self.cfg.link(from, to, Some(label));
        to
    }

    /// Walks a block starting at `at`; returns where it falls through.
    fn block(&mut self, block: &'a Block, mut at: usize) -> usize {
        for node in &block.stmts {
            at = self.stmt(&node.stmt, at);
        }
        at
    }

    fn stmt(&mut self, stmt: &'a Stmt, at: usize) -> usize {
        match stmt {
            Stmt::Code(code) => {
                let mut jumps = Jumps::default();
                jumps.visit_stmt(code);
                self.jumps(jumps.found, at);
                self.fall_through(at, stmt_diverges(code))
            }
            Stmt::Yield(point) => {
                let at = self.code(&point.value, at);
                let suspend = self.cfg.add(Kind::Suspend(point.index));
                self.cfg.link(at, suspend, None);
                let resume = self.step();
                self.yields.push((point, resume));
                if let YieldKind::Let {
                    pat,
                    diverge: Some(diverge),
                    ..
                } = &point.kind
                {
                    self.let_else(pat, diverge, resume);
                }
                resume
            }
            Stmt::Let {
                pat, init, diverge, ..
            } => {
                let at = self.ctl(init, at);
                if let Some(diverge) = diverge {
                    self.let_else(pat, diverge, at);
                }
                at
            }
            Stmt::LetElse { local, diverge } => {
                let mut jumps = Jumps::default();
                jumps.visit_local(local);
                self.jumps(jumps.found, at);
                let otherwise = self.branch(at, format!("else of let {}", text(&local.pat)));
                self.block(diverge, otherwise);
                at
            }
            Stmt::Ctl { ctl, .. } => self.ctl(ctl, at),
        }
    }

    /// The `else` block of a `let .. else` with no yield in it: it always jumps away.
    fn let_else(&mut self, pat: &syn::Pat, diverge: &syn::Block, at: usize) {
        let otherwise = self.branch(at, format!("else of let {}", text(pat)));
        let mut jumps = Jumps::default();
        jumps.visit_block(diverge);
        self.jumps(jumps.found, otherwise);
    }

    /// Plain code that is an expression: its jumps, and where it falls through.
    fn code(&mut self, expr: &Expr, at: usize) -> usize {
        let mut jumps = Jumps::default();
        jumps.visit_expr(expr);
        self.jumps(jumps.found, at);
        self.fall_through(at, expr_diverges(expr))
    }

    /// `at` if the code there can go on, or a step nothing reaches if it always jumps.
    fn fall_through(&mut self, at: usize, diverges: bool) -> usize {
        if diverges {
            self.step()
        } else {
            at
        }
    }

    fn cond(&mut self, cond: &Cond, at: usize) -> (usize, String) {
        match cond {
            Cond::Expr(expr) => (self.code(expr, at), text(expr)),
            Cond::Let(pat, expr) => (
                self.code(expr, at),
                format!("let {} = {}", text(pat), text(expr)),
            ),
        }
    }

    fn ctl(&mut self, ctl: &'a Ctl, at: usize) -> usize {
        match ctl {
            Ctl::Block { label: None, block } => self.block(block, at),
            Ctl::Block {
                label: Some(label),
                block,
            } => {
                let exit = self.step();
                self.frames.push(Frame {
                    label: Some(label.name.ident.to_string()),
                    keyword: None,
                    exit,
                    next: exit,
                });
                let end = self.block(block, at);
                self.frames.pop();
                self.cfg.link(end, exit, None);
                exit
            }
            Ctl::If {
                cond,
                then,
                otherwise,
            } => {
                let (at, cond) = self.cond(cond, at);
                let exit = self.step();
                let start = self.branch(at, format!("if {cond}"));
                let end = self.block(then, start);
                self.cfg.link(end, exit, None);
                let start = self.branch(at, format!("not {cond}"));
                let end = match otherwise.as_deref() {
                    None => start,
                    Some(Else::Block(block)) => self.block(block, start),
                    Some(Else::If(ctl)) => self.ctl(ctl, start),
                    Some(Else::Code(expr)) => self.code(expr, start),
                };
                self.cfg.link(end, exit, None);
                exit
            }
            Ctl::Match { scrutinee, arms } => {
                let at = self.code(scrutinee, at);
                let exit = self.step();
                for arm in arms {
                    let guard = match &arm.guard {
                        Some(guard) => format!(" if {}", text(guard)),
                        None => String::new(),
                    };
                    let start = self.branch(at, format!("match arm {}{guard}", text(&arm.pat)));
                    let end = match &arm.body {
                        ArmBody::Spine(block) => self.block(block, start),
                        ArmBody::Code(expr) => self.code(expr, start),
                    };
                    self.cfg.link(end, exit, None);
                }
                exit
            }
            Ctl::Loop { label, body } => {
                let head = self.step();
                self.cfg.link(at, head, None);
                let (exit, end) = self.looped(label, "loop", head, |b| b.block(body, head));
                self.cfg.link(end, head, Some("loop".to_string()));
                exit
            }
            Ctl::While { label, cond, body } => {
                let head = self.step();
                self.cfg.link(at, head, None);
                let (tested, cond) = self.cond(cond, head);
                let (exit, end) = self.looped(label, "while", head, |b| {
                    let start = b.branch(tested, format!("while {cond}"));
                    b.block(body, start)
                });
                self.cfg.link(end, head, None);
                self.cfg
                    .link(tested, exit, Some("after the while".to_string()));
                exit
            }
            Ctl::For {
                label,
                pat,
                iterable,
                body,
                ..
            } => {
                let at = self.code(iterable, at);
                let head = self.step();
                self.cfg.link(at, head, None);
                let (exit, end) = self.looped(label, "for", head, |b| {
                    let start = b.branch(head, format!("for {} in {}", text(pat), text(iterable)));
                    b.block(body, start)
                });
                self.cfg.link(end, head, None);
                self.cfg.link(head, exit, Some("after the for".to_string()));
                exit
            }
        }
    }

    /// Walks a loop's body with the loop as the target of its jumps; returns the loop's
    /// exit and where the body falls through.
    fn looped(
        &mut self,
        label: &Option<syn::Label>,
        keyword: &'static str,
        next: usize,
        body: impl FnOnce(&mut Self) -> usize,
    ) -> (usize, usize) {
        let exit = self.step();
        self.frames.push(Frame {
            label: label.as_ref().map(|l| l.name.ident.to_string()),
            keyword: Some(keyword),
            exit,
            next,
        });
        let end = body(self);
        self.frames.pop();
        (exit, end)
    }

    /// Links `at` to where each jump of plain code there goes.
    fn jumps(&mut self, jumps: Vec<Jump>, at: usize) {
        for jump in jumps {
            if let Some((to, label)) = self.target(&jump) {
                self.cfg.link(at, to, Some(label));
            }
        }
    }

    fn target(&self, jump: &Jump) -> Option<(usize, String)> {
        let frame = |label: &Option<String>| match label {
            None => self.frames.iter().rev().find(|f| f.keyword.is_some()),
            Some(label) => self
                .frames
                .iter()
                .rev()
                .find(|f| f.label.as_deref() == Some(label)),
        };
        match jump {
            Jump::Try => Some((self.done, "? error".to_string())),
            Jump::Break(Some(label)) if *label == self.body_label => {
                Some((self.done, "return".to_string()))
            }
            Jump::Break(label) => frame(label).map(|f| {
                let name = match (label, f.keyword) {
                    (Some(label), _) => format!("break '{label}"),
                    (None, Some(keyword)) => format!("break out of the {keyword}"),
                    (None, None) => "break".to_string(),
                };
                (f.exit, name)
            }),
            Jump::Continue(label) => frame(label).map(|f| {
                let name = match label {
                    Some(label) => format!("continue '{label}"),
                    None => "continue".to_string(),
                };
                (f.next, name)
            }),
        }
    }
}

/// A jump out of a piece of plain code.
enum Jump {
    /// `break`, to the labelled block or loop (by label name) or the innermost loop.
    Break(Option<String>),
    /// `continue`.
    Continue(Option<String>),
    /// A `?` that gives up (as [`crate::rewrite::rewrite_exits`] wrote it).
    Try,
}

/// Finds the jumps that leave a piece of plain code: not those aimed at loops or labelled
/// blocks inside it, nor anything inside closures, `async` blocks and items.
#[derive(Default)]
struct Jumps {
    found: Vec<Jump>,
    /// Labels of the loops and blocks inside the code around the current node.
    inner_labels: Vec<String>,
    /// How many loops inside the code are around the current node.
    inner_loops: usize,
}

impl Jumps {
    fn inside(&mut self, label: Option<&syn::Label>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        let labelled = label.is_some();
        if let Some(label) = label {
            self.inner_labels.push(label.name.ident.to_string());
        }
        self.inner_loops += usize::from(is_loop);
        f(self);
        self.inner_loops -= usize::from(is_loop);
        if labelled {
            self.inner_labels.pop();
        }
    }

    /// Whether a jump with this label (or none) leaves the code.
    fn leaves(&self, label: Option<&Lifetime>) -> Option<Option<String>> {
        match label {
            None if self.inner_loops > 0 => None,
            None => Some(None),
            Some(label) => {
                let name = label.ident.to_string();
                (!self.inner_labels.contains(&name)).then_some(Some(name))
            }
        }
    }
}

impl<'ast> Visit<'ast> for Jumps {
    fn visit_expr_loop(&mut self, e: &'ast syn::ExprLoop) {
        self.inside(e.label.as_ref(), true, |v| visit::visit_expr_loop(v, e));
    }

    fn visit_expr_while(&mut self, e: &'ast syn::ExprWhile) {
        self.visit_expr(&e.cond);
        self.inside(e.label.as_ref(), true, |v| v.visit_block(&e.body));
    }

    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        self.visit_expr(&e.expr);
        self.inside(e.label.as_ref(), true, |v| v.visit_block(&e.body));
    }

    fn visit_expr_block(&mut self, e: &'ast syn::ExprBlock) {
        self.inside(e.label.as_ref(), false, |v| visit::visit_expr_block(v, e));
    }

    fn visit_expr_break(&mut self, e: &'ast syn::ExprBreak) {
        if let Some(label) = self.leaves(e.label.as_ref()) {
            self.found.push(Jump::Break(label));
        }
        visit::visit_expr_break(self, e);
    }

    fn visit_expr_continue(&mut self, e: &'ast syn::ExprContinue) {
        if let Some(label) = self.leaves(e.label.as_ref()) {
            self.found.push(Jump::Continue(label));
        }
    }

    fn visit_expr_match(&mut self, e: &'ast syn::ExprMatch) {
        // `expr?` after `rewrite_exits`: `match ::coro::__private::branch(expr) { .. }`.
        let is_try = matches!(&*e.expr, Expr::Call(call)
            if matches!(&*call.func, Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "branch")
                    && p.path.segments.iter().any(|s| s.ident == "__private")));
        if is_try {
            self.visit_expr(&e.expr);
            self.found.push(Jump::Try);
        } else {
            visit::visit_expr_match(self, e);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Arguments that parse as expressions (`println!`, `assert!`, `vec!`) may jump.
        let parser = syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated;
        if let Ok(args) = mac.parse_body_with(parser) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }

    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Whether a statement always jumps away or panics, so the code after it is not reached
/// from it.
fn stmt_diverges(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Expr(expr, _) => expr_diverges(expr),
        syn::Stmt::Macro(m) => is_panic(&m.mac),
        syn::Stmt::Local(_) | syn::Stmt::Item(_) => false,
    }
}

fn expr_diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Block(b) if b.label.is_none() => b.block.stmts.last().is_some_and(stmt_diverges),
        Expr::Macro(m) => is_panic(&m.mac),
        _ => false,
    }
}

fn is_panic(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| {
        ["panic", "unreachable", "todo", "unimplemented"].contains(&s.ident.to_string().as_str())
    })
}

/// A condition or pattern as written (when spans carry source text), shortened.
fn text<T: ToTokens + Spanned>(node: &T) -> String {
    let raw = node
        .span()
        .source_text()
        .unwrap_or_else(|| node.to_token_stream().to_string());
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_TEXT {
        let short: String = text.chars().take(MAX_TEXT - 1).collect();
        format!("{short}…")
    } else {
        text
    }
}
