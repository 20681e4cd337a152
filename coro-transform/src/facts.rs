//! What a piece of plain code (code with no `yield_!`) does, as far as the transform cares:
//! which outer names it mentions and how, and where it may jump to outside itself. This is
//! the one reader of plain code: the control-flow graph, liveness and emission all work
//! from its answers.
//!
//! ```text
//! // Input:                                   // Output:
//! if v.len() > n { break 'outer; }            // mentions: v (step), n (borrow)
//! total += f(&buf, item);                      // mentions: total (borrow), f, buf (borrow),
//!                                              //           item (move)
//!                                              // jumps: break 'outer
//! ```
//!
//! A mention *moves* unless the syntax proves it does not: a borrow (`&x`, `&mut x`), an
//! operand of a comparison, the place of an assignment or compound assignment, the base of
//! an index (`x[i]`), a format-macro argument, or the receiver of one of the few methods
//! that only borrow it on the standard types they are called on
//! ([`crate::syntax::BORROWING_METHODS`]). A binding no mention of which moves still owns
//! its value wherever it is in scope, so the coroutine keeps it until its block ends, as
//! rustc does.
//!
//! Names are compared with their hygiene: two `x`s from different `macro_rules!`
//! expansions are different names ([`NameKey`]).

use std::collections::HashSet;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Lifetime, Macro, Pat, Token};

use crate::syntax::{irrefutable_bindings, pattern_bindings, BORROWING_METHODS};

/// A name with its hygiene context: what decides which binding a mention resolves to.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct NameKey {
    name: String,
    context: Option<u32>,
}

impl NameKey {
    pub fn of(ident: &Ident) -> Self {
        NameKey {
            name: ident.unraw().to_string(),
            context: hygiene_context(ident.span()),
        }
    }

    /// The same key for a lifetime or label (`'outer`).
    pub fn of_lifetime(lifetime: &Lifetime) -> Self {
        NameKey::of(&lifetime.ident)
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The syntax context of a span as the compiler numbers it, which it prints in the span's
/// `Debug` form (`#4 bytes(10..20)`); `None` outside the compiler (unit tests, tools), where
/// every span has the same context.
fn hygiene_context(span: Span) -> Option<u32> {
    let text = format!("{span:?}");
    let digits = text.strip_prefix('#')?;
    let end = digits.find(|c: char| !c.is_ascii_digit())?;
    digits[..end].parse().ok()
}

/// How a piece of code uses a name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum How {
    /// Read as a value: it may move out of the binding.
    Move,
    /// Read without moving: borrowed, compared, formatted, assigned into with `op=` or
    /// through a field.
    Borrow,
    /// Indexed (`x[i]`) or stepped (`x.next()`): read without moving, in a way that works
    /// the same through a `&mut` reference to the value.
    Step,
    /// Overwritten as a whole: `x = ..`.
    Assign,
}

/// One mention of an outer name.
#[derive(Clone, Debug)]
pub struct Mention {
    pub ident: Ident,
    pub how: How,
    /// The mention may change the binding's value: the place of `=` or `op=`, `&mut x`,
    /// the receiver of a method that may take `&mut self`, a mention in a closure or in a
    /// macro the transform cannot read.
    pub mutates: bool,
}

/// A jump out of the code.
#[derive(Clone, Debug)]
pub enum Jump {
    /// `break` or `break 'label` (with or without a value).
    Break(Option<Lifetime>),
    /// `continue` or `continue 'label`.
    Continue(Option<Lifetime>),
    /// `return` (which completes the coroutine).
    Return,
    /// A `?` that may give up (which completes the coroutine with the residual).
    Try,
    /// A macro the transform cannot read may expand to `break`, `continue`, `return` or `?`
    /// (aimed at the innermost loop, or at one of these labels, which appear in its input).
    Macro(Vec<Lifetime>),
}

/// Everything [`of_stmt`] and friends find.
#[derive(Default, Debug)]
pub struct Facts {
    /// The outer names mentioned, in evaluation order.
    pub mentions: Vec<Mention>,
    /// The jumps that leave the code.
    pub jumps: Vec<Jump>,
    /// For a statement `x = e` (with or without `;`) whose `e` does not mention `x`: `x`, which the statement
    /// overwrites without reading.
    pub overwrites: Option<Ident>,
}

/// The facts of a statement. The bindings of a top-level `let` are not outer names: the
/// caller declares them after the statement's uses.
pub fn of_stmt(stmt: &syn::Stmt) -> Facts {
    let mut reader = Reader::default();
    match stmt {
        syn::Stmt::Local(local) => {
            if let Some(init) = &local.init {
                reader.value(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    reader.value(diverge);
                }
            }
        }
        syn::Stmt::Expr(expr, _) => {
            reader.value(expr);
            if let Expr::Assign(assign) = expr {
                reader.top_level_assignment(assign);
            }
        }
        syn::Stmt::Macro(m) => reader.mac(&m.mac),
        syn::Stmt::Item(_) => {}
    }
    reader.facts
}

/// The facts of an expression evaluated for its value.
pub fn of_expr(expr: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.value(expr);
    reader.facts
}

/// The facts of an expression matched or borrowed in place (a `match` scrutinee, an
/// `if let` scrutinee): a bare name there is not moved unless the pattern moves from it,
/// which `moves` says.
pub fn of_place(expr: &Expr, moves: bool) -> Facts {
    let mut reader = Reader::default();
    if moves {
        reader.value(expr);
    } else {
        reader.borrow(expr);
    }
    reader.facts
}

/// The facts of a place assigned into (`place op= yield_!(..)`, `a.b = yield_!(..)`): read
/// without moving, and changed.
pub fn of_assigned_place(expr: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.with(Mode::MutBorrow, expr);
    reader.facts
}

/// The facts of a block (a `let .. else` block, say).
pub fn of_block(block: &syn::Block) -> Facts {
    let mut reader = Reader::default();
    reader.visit_block(block);
    reader.facts
}

/// The facts of a `match` arm's guard and body; the names its pattern binds are not
/// outer.
pub fn of_arm(pat: &Pat, guard: Option<&Expr>, body: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.scoped(|r| {
        r.declare(pat);
        if let Some(guard) = guard {
            r.value(guard);
        }
        r.value(body);
    });
    reader.facts
}

/// The labels (`'a`) a token stream mentions, for a macro the transform cannot read.
fn labels_in(tokens: &TokenStream, out: &mut Vec<Lifetime>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                if let Some(TokenTree::Ident(ident)) = trees.get(i + 1) {
                    out.push(Lifetime {
                        apostrophe: p.span(),
                        ident: ident.clone(),
                    });
                }
            }
            TokenTree::Group(group) => labels_in(&group.stream(), out),
            _ => {}
        }
    }
}

/// How the mode of an expression reaches a bare name in it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Value,
    Borrow,
    Step,
    Assign,
    /// Borrowed mutably: `&mut x`, the place of `op=`, a field of either.
    MutBorrow,
    /// Read as a value in a way that may also change it: the receiver of a method that may
    /// take `&mut self`.
    MutValue,
    /// Indexed or stepped in a way that changes it: `x.next()`, `x[i] = ..`.
    MutStep,
}

impl Mode {
    fn mutates(self) -> bool {
        matches!(
            self,
            Mode::Assign | Mode::MutBorrow | Mode::MutValue | Mode::MutStep
        )
    }
}

#[derive(Default)]
struct Reader {
    facts: Facts,
    /// The mode of the expression about to be visited.
    mode: Option<Mode>,
    /// Names bound inside the code being read, innermost scope last.
    scopes: Vec<HashSet<NameKey>>,
    /// Loops and labelled blocks inside the code: jumps aimed at them stay inside.
    inner: Vec<Inner>,
    /// Inside a closure or `async` block: jumps there are its own, and every mention is a
    /// capture, which may move.
    in_closure: usize,
}

struct Inner {
    label: Option<NameKey>,
    is_loop: bool,
}

impl Reader {
    fn value(&mut self, expr: &Expr) {
        self.with(Mode::Value, expr);
    }

    fn borrow(&mut self, expr: &Expr) {
        self.with(Mode::Borrow, expr);
    }

    fn with(&mut self, mode: Mode, expr: &Expr) {
        self.mode = Some(mode);
        self.visit_expr(expr);
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashSet::new());
        f(self);
        self.scopes.pop();
    }

    fn declare(&mut self, pat: &Pat) {
        self.declare_as(pat, true);
    }

    /// Declares a pattern that cannot fail to match (`let`, a closure parameter, `for`).
    fn declare_irrefutable(&mut self, pat: &Pat) {
        self.declare_as(pat, false);
    }

    fn declare_as(&mut self, pat: &Pat, refutable: bool) {
        let names = if refutable {
            pattern_bindings(pat)
        } else {
            irrefutable_bindings(pat)
        };
        if let Some(scope) = self.scopes.last_mut() {
            scope.extend(names.iter().map(|b| NameKey::of(&b.ident)));
        }
        // Paths in patterns (constants, ranges) are read too.
        struct PatPaths<'a>(&'a mut Reader);
        impl<'ast> Visit<'ast> for PatPaths<'_> {
            fn visit_expr(&mut self, e: &'ast Expr) {
                self.0.borrow(e);
            }
        }
        PatPaths(self).visit_pat(pat);
    }

    fn mention(&mut self, ident: &Ident, mode: Mode) {
        let key = NameKey::of(ident);
        if self.scopes.iter().any(|scope| scope.contains(&key)) {
            return;
        }
        let how = match mode {
            _ if self.in_closure > 0 => How::Move,
            Mode::Value | Mode::MutValue => How::Move,
            Mode::Borrow | Mode::MutBorrow => How::Borrow,
            Mode::Step | Mode::MutStep => How::Step,
            Mode::Assign => How::Assign,
        };
        self.facts.mentions.push(Mention {
            ident: ident.clone(),
            how,
            mutates: mode.mutates() || self.in_closure > 0,
        });
    }

    fn jump(&mut self, jump: Jump) {
        if self.in_closure > 0 {
            return;
        }
        let stays = match &jump {
            Jump::Break(None) | Jump::Continue(None) => self.inner.iter().any(|i| i.is_loop),
            Jump::Break(Some(label)) | Jump::Continue(Some(label)) => {
                let key = NameKey::of_lifetime(label);
                self.inner.iter().any(|i| i.label.as_ref() == Some(&key))
            }
            Jump::Return | Jump::Try | Jump::Macro(_) => false,
        };
        if !stays {
            self.facts.jumps.push(jump);
        }
    }

    fn inside(&mut self, label: Option<&syn::Label>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        self.inner.push(Inner {
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop,
        });
        f(self);
        self.inner.pop();
    }

    /// `x = e;` as a statement, where `e` does not mention `x`.
    fn top_level_assignment(&mut self, assign: &syn::ExprAssign) {
        let Expr::Path(path) = &*assign.left else {
            return;
        };
        let Some(ident) = path.path.get_ident() else {
            return;
        };
        let key = NameKey::of(ident);
        let right = of_expr(&assign.right);
        if !right.mentions.iter().any(|m| NameKey::of(&m.ident) == key) {
            self.facts.overwrites = Some(ident.clone());
        }
    }

    /// A macro call: the formatting and assertion macros of the standard library take
    /// their arguments by reference and jump nowhere of their own, so their arguments are
    /// read as expressions; any other macro's input is read as tokens, every name in it
    /// may move, and it may jump.
    fn mac(&mut self, mac: &Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let args = || Punctuated::<Expr, Token![,]>::parse_terminated.parse2(mac.tokens.clone());
        let read = match name.as_str() {
            "print" | "println" | "eprint" | "eprintln" | "format" | "format_args" | "panic"
            | "unreachable" | "todo" | "unimplemented" | "assert_eq" | "assert_ne"
            | "debug_assert_eq" | "debug_assert_ne" | "write" | "writeln" => args().map(|args| {
                for arg in &args {
                    self.format_arg(arg);
                }
            }),
            "assert" | "debug_assert" => args().map(|args| {
                let mut args = args.iter();
                if let Some(cond) = args.next() {
                    self.value(cond);
                }
                for arg in args {
                    self.format_arg(arg);
                }
            }),
            "vec" => match crate::syntax::vec_repeat(mac) {
                Ok((elem, len)) => {
                    self.value(&elem);
                    self.value(&len);
                    Ok(())
                }
                Err(_) => args().map(|args| args.iter().for_each(|a| self.value(a))),
            },
            "matches" | "dbg" => args().map(|args| {
                if let Some(first) = args.first() {
                    self.value(first);
                }
            }),
            _ => Err(syn::Error::new(Span::call_site(), "not a known macro")),
        };
        if read.is_err() {
            self.opaque(&mac.tokens);
            // A `macro_rules!` of the body reads (or moves) the locals its rules name.
            if let Some(rules) = crate::syntax::body_macro_tokens(mac) {
                self.opaque_tokens(rules);
            }
        }
    }

    /// An argument of a formatting macro: a string literal (whose `{name}`s are borrowed),
    /// `name = value`, or a value, which the macro borrows.
    fn format_arg(&mut self, arg: &Expr) {
        match arg {
            Expr::Lit(lit) => {
                for name in format_string_names(&lit.lit) {
                    self.mention(&name, Mode::Borrow);
                }
            }
            Expr::Assign(named) => self.borrow(&named.right),
            other => self.borrow(other),
        }
    }

    fn opaque(&mut self, tokens: &TokenStream) {
        self.opaque_tokens(tokens.clone());
        let mut labels = Vec::new();
        labels_in(tokens, &mut labels);
        self.jump(Jump::Macro(labels));
    }

    fn opaque_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) => {
                    // A binding's new name is spelled nowhere else: wherever it stands
                    // (`val!(x: u32)`), the shadow step put it there for that binding.
                    if crate::syntax::may_name_a_local(&trees, i) || crate::names::is_renamed(ident)
                    {
                        self.mention(ident, Mode::MutValue);
                    }
                }
                TokenTree::Group(group) => self.opaque_tokens(group.stream()),
                TokenTree::Literal(lit) => {
                    if let Ok(lit) = syn::parse2::<syn::Lit>(TokenTree::Literal(lit.clone()).into())
                    {
                        for name in format_string_names(&lit) {
                            self.mention(&name, Mode::Borrow);
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// Names captured by a format string's inline arguments and named widths and precisions:
/// `{x}`, `{x:?}`, `{:w$}`, `{:.p$}`, `{x:>w$.p$}`, with the span of the literal (which is
/// what the compiler gives them).
pub fn format_string_names(lit: &syn::Lit) -> Vec<Ident> {
    let syn::Lit::Str(s) = lit else {
        return Vec::new();
    };
    let text = s.value();
    let mut names = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut spec = String::new();
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
            spec.push(c);
        }
        let (arg, format) = spec.split_once(':').unwrap_or((&spec, ""));
        let mut candidates = vec![arg.trim().to_string()];
        // Width and precision may name arguments too: `{:w$}`, `{:.p$}`.
        for part in format.split('$').take(format.matches('$').count()) {
            let tail: String = part
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            candidates.push(tail.chars().rev().collect());
        }
        for name in candidates {
            let is_name = name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if is_name {
                if let Ok(ident) = syn::parse_str::<Ident>(&name) {
                    names.push(Ident::new(&ident.to_string(), s.span()));
                }
            }
        }
    }
    names
}

/// Whether evaluating an expression surely never completes: it ends in `return`, `break`,
/// `continue` or a panicking macro, on every path (syntactically).
pub fn diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) => is_panic(&m.mac),
        Expr::Block(b) if b.label.is_none() => block_diverges(&b.block),
        Expr::Unsafe(u) => block_diverges(&u.block),
        Expr::Paren(p) => diverges(&p.expr),
        Expr::If(i) => match &i.else_branch {
            Some((_, otherwise)) => block_diverges(&i.then_branch) && diverges(otherwise),
            None => false,
        },
        Expr::Match(m) if !m.arms.is_empty() => m.arms.iter().all(|arm| diverges(&arm.body)),
        _ => false,
    }
}

/// Whether a block surely never completes: one of its statements does not.
pub fn block_diverges(block: &syn::Block) -> bool {
    block.stmts.iter().any(stmt_diverges)
}

/// Whether a statement surely never completes.
pub fn stmt_diverges(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Expr(expr, _) => diverges(expr),
        syn::Stmt::Macro(m) => is_panic(&m.mac),
        syn::Stmt::Local(local) => local
            .init
            .as_ref()
            .is_some_and(|init| init.diverge.is_none() && diverges(&init.expr)),
        syn::Stmt::Item(_) => false,
    }
}

fn is_panic(mac: &Macro) -> bool {
    let name = mac.path.segments.last().map(|s| s.ident.to_string());
    matches!(
        name.as_deref(),
        Some("panic" | "unreachable" | "todo" | "unimplemented")
    )
}

/// Whether a `match` is a `?` that `rewrite` wrote: its scrutinee calls
/// `::coro::__private::branch`.
fn is_rewritten_try(m: &syn::ExprMatch) -> bool {
    let Expr::Call(call) = &*m.expr else {
        return false;
    };
    let Expr::Path(path) = &*call.func else {
        return false;
    };
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["coro", "__private", "branch"]
}

fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let mode = self.mode.take().unwrap_or(Mode::Value);
        match expr {
            Expr::Path(path) => {
                if let (None, Some(ident)) = (&path.qself, path.path.get_ident()) {
                    self.mention(ident, mode);
                }
                // Generic arguments may hold expressions (`f::<{ N }>`): read them too.
                visit::visit_expr_path(self, path);
            }
            Expr::Reference(r) if r.mutability.is_some() => self.with(Mode::MutBorrow, &r.expr),
            Expr::Reference(r) => self.borrow(&r.expr),
            Expr::RawAddr(r) => self.borrow(&r.expr),
            Expr::Field(f) => {
                // `x.f` as a value may move the field out of `x`; as a place it borrows.
                let base = match mode {
                    Mode::Value | Mode::MutValue => mode,
                    _ if mode.mutates() => Mode::MutBorrow,
                    _ => Mode::Borrow,
                };
                self.with(base, &f.base);
            }
            Expr::Index(i) => {
                let base = if mode.mutates() {
                    Mode::MutStep
                } else {
                    Mode::Step
                };
                self.with(base, &i.expr);
                self.value(&i.index);
            }
            Expr::MethodCall(m) => {
                let borrowing = BORROWING_METHODS.iter().any(|b| m.method == b);
                let changes = !crate::syntax::SHARED_METHODS.iter().any(|b| m.method == b);
                let receiver = match (borrowing, changes) {
                    (true, true) => Mode::MutStep,
                    (true, false) => Mode::Step,
                    (false, true) => Mode::MutValue,
                    (false, false) => Mode::Value,
                };
                self.with(receiver, &m.receiver);
                if let Some(turbofish) = &m.turbofish {
                    self.visit_angle_bracketed_generic_arguments(turbofish);
                }
                for arg in &m.args {
                    self.value(arg);
                }
            }
            Expr::Binary(b) if is_comparison(&b.op) => {
                self.borrow(&b.left);
                self.borrow(&b.right);
            }
            Expr::Binary(b) if crate::syntax::is_compound_assign(&b.op) => {
                self.with(Mode::MutBorrow, &b.left);
                self.value(&b.right);
            }
            Expr::Assign(a) => {
                let target = if matches!(&*a.left, Expr::Path(_)) {
                    Mode::Assign
                } else {
                    Mode::MutBorrow
                };
                self.with(target, &a.left);
                self.value(&a.right);
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Closure(c) => {
                self.in_closure += 1;
                self.scoped(|r| {
                    for input in &c.inputs {
                        r.declare_irrefutable(input);
                    }
                    r.value(&c.body);
                });
                self.in_closure -= 1;
            }
            Expr::Async(a) => {
                self.in_closure += 1;
                self.visit_block(&a.block);
                self.in_closure -= 1;
            }
            Expr::Block(b) => {
                self.inside(b.label.as_ref(), false, |r| r.visit_block(&b.block));
            }
            Expr::Loop(l) => self.inside(l.label.as_ref(), true, |r| r.visit_block(&l.body)),
            Expr::While(w) => {
                let label = w.label.as_ref();
                self.inside(label, true, |r| {
                    r.scoped(|r| {
                        r.value(&w.cond);
                        r.visit_block(&w.body);
                    })
                });
            }
            Expr::ForLoop(f) => {
                self.value(&f.expr);
                self.inside(f.label.as_ref(), true, |r| {
                    r.scoped(|r| {
                        r.declare_irrefutable(&f.pat);
                        r.visit_block(&f.body);
                    })
                });
            }
            Expr::If(e) => {
                self.scoped(|r| {
                    r.value(&e.cond);
                    r.visit_block(&e.then_branch);
                });
                if let Some((_, otherwise)) = &e.else_branch {
                    self.value(otherwise);
                }
            }
            Expr::Let(l) => {
                self.value(&l.expr);
                // Visible in the rest of the condition and the `then` block: the caller
                // opened a scope for them.
                self.declare(&l.pat);
            }
            Expr::Match(m) if is_rewritten_try(m) => {
                // `e?`, as `rewrite` left it: `match branch(e) { Ok(v) => v, Err(r) => break
                // '__coroutine_body r }`.
                self.value(&m.expr);
                self.jump(Jump::Try);
            }
            Expr::Match(m) => {
                self.value(&m.expr);
                for arm in &m.arms {
                    self.visit_arm(arm);
                }
            }
            Expr::Break(b) => {
                if let Some(value) = &b.expr {
                    self.value(value);
                }
                // `return` and `?`, as `rewrite` left them.
                let completes = b.label.as_ref().is_some_and(|l| {
                    NameKey::of_lifetime(l) == NameKey::of_lifetime(&crate::names::body_label())
                });
                self.jump(if completes {
                    Jump::Return
                } else {
                    Jump::Break(b.label.clone())
                });
            }
            Expr::Continue(c) => self.jump(Jump::Continue(c.label.clone())),
            Expr::Return(r) => {
                if let Some(value) = &r.expr {
                    self.value(value);
                }
                self.jump(Jump::Return);
            }
            Expr::Try(t) => {
                self.value(&t.expr);
                self.jump(Jump::Try);
            }
            Expr::Paren(p) => self.with(mode, &p.expr),
            Expr::Group(g) => self.with(mode, &g.expr),
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scoped(|r| visit::visit_block(r, block));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.value(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.value(diverge);
            }
        }
        let refutable = local.init.as_ref().is_some_and(|i| i.diverge.is_some());
        self.declare_as(&local.pat, refutable);
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|r| {
            r.declare(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                r.value(guard);
            }
            r.value(&arm.body);
        });
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        self.mac(mac);
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.mac(&m.mac);
    }

    // Nested items cannot see the function's locals, nor jump out of it.
    fn visit_item(&mut self, _item: &'ast syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(code: &str) -> Facts {
        of_stmt(&syn::parse_str(code).unwrap())
    }

    fn mentions(code: &str) -> Vec<(String, How)> {
        facts(code)
            .mentions
            .into_iter()
            .map(|m| (m.ident.to_string(), m.how))
            .collect()
    }

    fn m(name: &str, how: How) -> (String, How) {
        (name.to_string(), how)
    }

    #[test]
    fn borrows_comparisons_and_formatting_do_not_move() {
        use How::*;
        assert_eq!(
            mentions("total += f(&buf, item);"),
            [
                m("total", Borrow),
                m("f", Move),
                m("buf", Borrow),
                m("item", Move)
            ]
        );
        assert_eq!(
            mentions(r#"println!("{x} {:w$} {}", y, z.len());"#),
            [m("x", Borrow), m("w", Borrow), m("y", Borrow), m("z", Step)]
        );
        assert_eq!(
            mentions("if a == b { c }"),
            [m("a", Borrow), m("b", Borrow), m("c", Move)]
        );
        assert_eq!(
            mentions("v[i] = it.next();"),
            [m("v", Step), m("i", Move), m("it", Step)]
        );
        assert_eq!(mentions("x = y;"), [m("x", Assign), m("y", Move)]);
        assert_eq!(facts("x = y;").overwrites.unwrap().to_string(), "x");
        assert!(facts("x = x + 1;").overwrites.is_none());
    }

    #[test]
    fn an_unknown_macro_mentions_field_values_but_not_fields_or_path_segments() {
        use How::*;
        assert_eq!(
            mentions("stop!(P { u: r0 }, a::b, x.f);"),
            [m("P", Move), m("r0", Move), m("a", Move), m("x", Move)]
        );
    }

    #[test]
    fn inner_bindings_hide_outer_names_and_closures_capture() {
        use How::*;
        assert_eq!(
            mentions("{ let x = 1; f(x, y); }"),
            [m("f", Move), m("y", Move)]
        );
        assert_eq!(mentions("let c = |x| x + &z;"), [m("z", Move)]);
        assert_eq!(
            mentions("match o { Some(v) => v + w, None => 0 };"),
            [m("o", Move), m("w", Move)]
        );
        assert_eq!(mentions("let p = P { x };"), [m("x", Move)]);
    }

    #[test]
    fn escaping_jumps() {
        let jumps = |code: &str| -> Vec<String> {
            facts(code)
                .jumps
                .iter()
                .map(|j| match j {
                    Jump::Break(l) => format!(
                        "break {}",
                        l.as_ref().map_or(String::new(), |l| l.to_string())
                    ),
                    Jump::Continue(l) => format!(
                        "continue {}",
                        l.as_ref().map_or(String::new(), |l| l.to_string())
                    ),
                    Jump::Return => "return".into(),
                    Jump::Try => "?".into(),
                    Jump::Macro(labels) => format!("macro {}", labels.len()),
                })
                .collect()
        };
        assert_eq!(jumps("if c { break 'outer; }"), ["break 'outer"]);
        assert_eq!(
            jumps("for i in v { if i { break; } continue 'a; }"),
            ["continue 'a"]
        );
        assert_eq!(jumps("'a: loop { break 'a; }"), Vec::<String>::new());
        assert_eq!(jumps("let x = f()?;"), ["?"]);
        assert_eq!(jumps("let f = || { return 1; };"), Vec::<String>::new());
        assert_eq!(jumps("assert!({ if c { break; } true });"), ["break "]);
        assert_eq!(jumps("bail!(\"no\");"), ["macro 0"]);
        assert_eq!(jumps("stop!('outer);"), ["macro 1"]);
        assert_eq!(jumps("let v = vec![0; n?];"), ["?"]);
    }
}
