//! The generated programs as data: a small statement/expression tree that prints as the
//! body of a coroutine, and that the minimizer can edit (delete statements) before
//! printing it again.
//!
//! Every body is written against the helpers of the generated crate's `common` module:
//! `add`/`mul` (wrapping arithmetic), `t(tag, v)` (logs `t TAG V`, returns `v`), `opt`/`res`
//! (an `Option`/`Result` for `?`), `touch(&Noisy)` (a mention of a `Noisy`) and `Noisy`.

use std::fmt::Write;

/// The coroutine's `Return` type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    /// `u32`: no `?`.
    Plain,
    /// `Option<u32>`: `?` on `opt(e)`.
    Option,
    /// `Result<u32, u32>`: `?` on `res(e)`.
    Result,
}

impl Ret {
    /// The Rust type.
    pub fn ty(self) -> &'static str {
        match self {
            Ret::Plain => "u32",
            Ret::Option => "Option<u32>",
            Ret::Result => "Result<u32, u32>",
        }
    }

    /// `e` wrapped as a successful return value.
    pub fn wrap(self, e: &str) -> String {
        match self {
            Ret::Plain => e.to_string(),
            Ret::Option => format!("Some({e})"),
            Ret::Result => format!("Ok({e})"),
        }
    }
}

/// One generated program: a body, its return type and the resume arguments to drive it.
#[derive(Clone, Debug)]
pub struct Program {
    /// The `Return` type.
    pub ret: Ret,
    /// The body; its tail is the completion value (before wrapping in `Some`/`Ok`).
    pub body: Block,
    /// The resume arguments, the first one bound to `r0`.
    pub script: Vec<u32>,
}

/// A block: statements and an optional tail expression (value blocks).
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// The value of the block, if it has one.
    pub tail: Option<Expr>,
}

/// What a `match` arm matches.
#[derive(Clone, Debug)]
pub enum Pat {
    /// A literal.
    Lit(u32),
    /// Two literals.
    Or(u32, u32),
    /// A binding with an optional guard.
    Bind(String, Option<Cond>),
    /// `_`.
    Wild,
    /// `Some(x)` for an `Option` scrutinee.
    Some(String),
    /// `None`.
    None,
}

/// A `match` arm with a unit block.
#[derive(Clone, Debug)]
pub struct Arm {
    /// The pattern.
    pub pat: Pat,
    /// The body.
    pub body: Block,
}

/// A loop's header.
#[derive(Clone, Debug)]
pub enum LoopKind {
    /// `loop { c += 1; if c > bound { break [value]; } ... }`.
    Loop {
        /// Value of the bound-check break for a value loop.
        exit: Option<Expr>,
    },
    /// `while c < bound [&& cond] { c += 1; ... }`.
    While {
        /// The extra condition.
        cond: Option<Cond>,
    },
    /// `for var in 0..(iter) { ... }` (the counter still counts iterations).
    For {
        /// The loop variable.
        var: String,
        /// The end of the range.
        end: Expr,
    },
}

/// A bounded loop (the counter is part of the loop so the minimizer cannot remove it).
#[derive(Clone, Debug)]
pub struct Loop {
    /// The label, without the quote.
    pub label: Option<String>,
    /// The counter (declared just before the loop).
    pub counter: String,
    /// The iteration bound.
    pub bound: u32,
    /// The kind.
    pub kind: LoopKind,
    /// The body.
    pub body: Block,
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let [mut] name = init;`
    LetU32 {
        /// Name.
        name: String,
        /// `mut`.
        mutable: bool,
        /// Initializer.
        init: Expr,
    },
    /// `let (a, b) = (x, y);`
    LetTuple(String, String, Expr, Expr),
    /// `let name = cond;`
    LetBool(String, Cond),
    /// `let name = opt(e);` (an `Option<u32>` local)
    LetOpt(String, Expr),
    /// `let name = Noisy("name");`; names starting with `_` are never mentioned.
    LetNoisy(String),
    /// `touch(&a); touch(&b);` (mentions of live `Noisy` values after a yield).
    Touch(Vec<String>),
    /// `drop(name);`
    DropNoisy(String),
    /// `name op= value;` (`op` is `=`, `^=`, `|=`, or `+=` as `name = add(name, value)`).
    Assign(String, &'static str, Expr),
    /// `e;`
    Expr(Expr),
    /// `if c { .. } [else { .. }]`
    If(Cond, Block, Option<Block>),
    /// `if let Some(x) = opt(e) { .. } else { .. }` or, with `None` for the expression, on
    /// the `Option` local named in the third field.
    IfLet(String, Option<Expr>, String, Block, Block),
    /// `match e % modulus { arms }`, or on an `Option` local when `opt_local` is set.
    Match {
        /// The scrutinee (`e % modulus`), unless an `Option` local is matched.
        scrut: Option<(Expr, u32)>,
        /// The `Option` local matched instead.
        opt_local: Option<String>,
        /// The arms (the last one is exhaustive).
        arms: Vec<Arm>,
    },
    /// A bounded loop as a statement.
    Loop(Loop),
    /// `let name = 'label: loop { .. };` (a loop with a value, always a `Loop` kind).
    LetLoop(String, Loop),
    /// `let name = 'label: { .. tail };`
    LetLabelled(String, String, Block),
    /// `let name = if c { .. tail } else { .. tail };`
    LetIf(String, Cond, Block, Block),
    /// `let Some(name) = opt(e) else { .. diverge };`
    LetElse(String, Expr, Block),
    /// `break ['label] [value];`
    Break(Option<String>, Option<Expr>),
    /// `continue ['label];`
    Continue(Option<String>),
    /// `return value;` (wrapped as the return type wants; `Err`/`None` when `fail`).
    Return(Expr, bool),
    /// `panic!("boom N");`
    Panic(u32),
}

/// A `u32` expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A literal.
    Lit(u32),
    /// A `u32` local (or a `bool` local as `b as u32`, or an `Option` local with
    /// `unwrap_or`, by the name's first letter).
    Var(String),
    /// `yield_!(e)`.
    Yield(Box<Expr>),
    /// `add(a, b)`, `mul(a, b)`, `a ^ b`, `a | b`.
    Bin(&'static str, Box<Expr>, Box<Expr>),
    /// `e % m` (`m` > 0).
    Rem(Box<Expr>, u32),
    /// `t(tag, e)`: logs.
    Tag(u32, Box<Expr>),
    /// `opt(e)?` / `res(e)?`.
    Try(Box<Expr>),
    /// `if c { a } else { b }`.
    If(Box<Cond>, Box<Expr>, Box<Expr>),
    /// `o.unwrap_or(e)` for an `Option` local `o`.
    UnwrapOr(String, Box<Expr>),
}

/// A `bool` expression.
#[derive(Clone, Debug)]
pub enum Cond {
    /// `a < b`, `a == b`, `a != b`, `a >= b`.
    Cmp(&'static str, Expr, Expr),
    /// A `bool` local.
    Var(String),
    /// `a && b`, `a || b`.
    Logic(&'static str, Box<Cond>, Box<Cond>),
    /// `!c`.
    Not(Box<Cond>),
}

impl Expr {
    /// Whether a `yield_!` occurs in this expression.
    pub fn has_yield(&self) -> bool {
        match self {
            Expr::Lit(_) | Expr::Var(_) => false,
            Expr::Yield(_) => true,
            Expr::Bin(_, a, b) => a.has_yield() || b.has_yield(),
            Expr::Rem(a, _) | Expr::Tag(_, a) | Expr::Try(a) | Expr::UnwrapOr(_, a) => {
                a.has_yield()
            }
            Expr::If(c, a, b) => c.has_yield() || a.has_yield() || b.has_yield(),
        }
    }
}

impl Cond {
    /// Whether a `yield_!` occurs in this condition.
    pub fn has_yield(&self) -> bool {
        match self {
            Cond::Cmp(_, a, b) => a.has_yield() || b.has_yield(),
            Cond::Var(_) => false,
            Cond::Logic(_, a, b) => a.has_yield() || b.has_yield(),
            Cond::Not(a) => a.has_yield(),
        }
    }
}

impl Block {
    /// Whether a `yield_!` occurs anywhere in this block.
    pub fn has_yield(&self) -> bool {
        self.stmts.iter().any(Stmt::has_yield) || self.tail.as_ref().is_some_and(Expr::has_yield)
    }
}

impl Stmt {
    /// Whether a `yield_!` occurs anywhere in this statement.
    pub fn has_yield(&self) -> bool {
        let lp = |l: &Loop| {
            l.body.has_yield()
                || match &l.kind {
                    LoopKind::Loop { exit } => exit.as_ref().is_some_and(Expr::has_yield),
                    LoopKind::While { cond } => cond.as_ref().is_some_and(Cond::has_yield),
                    LoopKind::For { end, .. } => end.has_yield(),
                }
        };
        match self {
            Stmt::LetU32 { init, .. } => init.has_yield(),
            Stmt::LetTuple(_, _, a, b) => a.has_yield() || b.has_yield(),
            Stmt::LetBool(_, c) => c.has_yield(),
            Stmt::LetOpt(_, e) | Stmt::Assign(_, _, e) | Stmt::Expr(e) => e.has_yield(),
            Stmt::LetNoisy(_) | Stmt::Touch(_) | Stmt::DropNoisy(_) | Stmt::Panic(_) => false,
            Stmt::Continue(_) => false,
            Stmt::If(c, a, b) => {
                c.has_yield() || a.has_yield() || b.as_ref().is_some_and(Block::has_yield)
            }
            Stmt::IfLet(_, e, _, a, b) => {
                e.as_ref().is_some_and(Expr::has_yield) || a.has_yield() || b.has_yield()
            }
            Stmt::Match { scrut, arms, .. } => {
                scrut.as_ref().is_some_and(|(e, _)| e.has_yield())
                    || arms.iter().any(|a| {
                        a.body.has_yield()
                            || matches!(&a.pat, Pat::Bind(_, Some(g)) if g.has_yield())
                    })
            }
            Stmt::Loop(l) | Stmt::LetLoop(_, l) => lp(l),
            Stmt::LetLabelled(_, _, b) => b.has_yield(),
            Stmt::LetIf(_, c, a, b) => c.has_yield() || a.has_yield() || b.has_yield(),
            Stmt::LetElse(_, e, b) => e.has_yield() || b.has_yield(),
            Stmt::Break(_, v) => v.as_ref().is_some_and(Expr::has_yield),
            Stmt::Return(e, _) => e.has_yield(),
        }
    }
}

/// Prints Rust source.
pub struct Printer {
    ret: Ret,
    out: String,
    indent: usize,
}

impl Printer {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn block_body(&mut self, b: &Block) {
        self.indent += 1;
        for s in &b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            let t = self.expr(t);
            self.line(&t);
        }
        self.indent -= 1;
    }

    fn lp(&mut self, l: &Loop, head: &str) {
        let label = l
            .label
            .as_ref()
            .map(|l| format!("'{l}: "))
            .unwrap_or_default();
        let c = &l.counter;
        match &l.kind {
            LoopKind::Loop { exit } => {
                self.line(&format!("{head}{label}loop {{"));
                self.indent += 1;
                self.line(&format!("{c} += 1;"));
                let value = exit
                    .as_ref()
                    .map(|e| format!(" {}", self.expr(e)))
                    .unwrap_or_default();
                let target = l
                    .label
                    .as_ref()
                    .map(|l| format!(" '{l}"))
                    .unwrap_or_default();
                self.line(&format!("if {c} > {} {{ break{target}{value}; }}", l.bound));
                self.indent -= 1;
            }
            LoopKind::While { cond } => {
                let extra = cond
                    .as_ref()
                    .map(|c| format!(" && {}", self.cond(c)))
                    .unwrap_or_default();
                self.line(&format!("{head}{label}while {c} < {}{extra} {{", l.bound));
                self.indent += 1;
                self.line(&format!("{c} += 1;"));
                self.indent -= 1;
            }
            LoopKind::For { var, end } => {
                let end = self.expr(end);
                self.line(&format!("{head}{label}for {var} in 0..{end} {{"));
                self.indent += 1;
                self.line(&format!("{c} += 1;"));
                self.line(&format!("if {c} > {} {{ break; }}", l.bound));
                self.indent -= 1;
            }
        }
        self.block_body(&l.body);
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::LetU32 {
                name,
                mutable,
                init,
            } => {
                let m = if *mutable { "mut " } else { "" };
                let e = self.expr(init);
                self.line(&format!("let {m}{name}: u32 = {e};"));
            }
            Stmt::LetTuple(a, b, x, y) => {
                let (x, y) = (self.expr(x), self.expr(y));
                self.line(&format!("let ({a}, {b}) = ({x}, {y});"));
            }
            Stmt::LetBool(n, c) => {
                let c = self.cond(c);
                self.line(&format!("let {n}: bool = {c};"));
            }
            Stmt::LetOpt(n, e) => {
                let e = self.expr(e);
                self.line(&format!("let {n} = opt({e});"));
            }
            Stmt::LetNoisy(n) => self.line(&format!("let {n} = Noisy(\"{n}\");")),
            Stmt::Touch(ns) => {
                if !ns.is_empty() {
                    let s: Vec<String> = ns.iter().map(|n| format!("touch(&{n});")).collect();
                    self.line(&s.join(" "));
                }
            }
            Stmt::DropNoisy(n) => self.line(&format!("drop({n});")),
            Stmt::Assign(n, op, e) => {
                let e = self.expr(e);
                match *op {
                    "+=" => self.line(&format!("{n} = add({n}, {e});")),
                    op => self.line(&format!("{n} {op} {e};")),
                }
            }
            Stmt::Expr(e) => {
                let e = self.expr(e);
                self.line(&format!("{e};"));
            }
            Stmt::If(c, a, b) => {
                let c = self.cond(c);
                self.line(&format!("if {c} {{"));
                self.block_body(a);
                if let Some(b) = b {
                    self.line("} else {");
                    self.block_body(b);
                }
                self.line("}");
            }
            Stmt::IfLet(x, e, o, a, b) => {
                let scrut = match e {
                    Some(e) => format!("opt({})", self.expr(e)),
                    None => o.clone(),
                };
                self.line(&format!("if let Some({x}) = {scrut} {{"));
                self.block_body(a);
                self.line("} else {");
                self.block_body(b);
                self.line("}");
            }
            Stmt::Match {
                scrut,
                opt_local,
                arms,
            } => {
                let s = match (scrut, opt_local) {
                    (Some((e, m)), _) => format!("{} % {m}", self.expr(e)),
                    (None, Some(o)) => o.clone(),
                    (None, None) => "0".to_string(),
                };
                self.line(&format!("match {s} {{"));
                self.indent += 1;
                for arm in arms {
                    let p = match &arm.pat {
                        Pat::Lit(n) => n.to_string(),
                        Pat::Or(a, b) => format!("{a} | {b}"),
                        Pat::Bind(x, None) => x.clone(),
                        Pat::Bind(x, Some(g)) => format!("{x} if {}", self.cond(g)),
                        Pat::Wild => "_".to_string(),
                        Pat::Some(x) => format!("Some({x})"),
                        Pat::None => "None".to_string(),
                    };
                    self.line(&format!("{p} => {{"));
                    self.block_body(&arm.body);
                    self.line("}");
                }
                self.indent -= 1;
                self.line("}");
            }
            Stmt::Loop(l) => {
                self.line(&format!("let mut {}: u32 = 0;", l.counter));
                self.lp(l, "");
                self.line("}");
            }
            Stmt::LetLoop(n, l) => {
                self.line(&format!("let mut {}: u32 = 0;", l.counter));
                self.lp(l, &format!("let {n}: u32 = "));
                self.line("};");
            }
            Stmt::LetLabelled(n, label, b) => {
                self.line(&format!("let {n}: u32 = '{label}: {{"));
                self.block_body(b);
                self.line("};");
            }
            Stmt::LetIf(n, c, a, b) => {
                let c = self.cond(c);
                self.line(&format!("let {n}: u32 = if {c} {{"));
                self.block_body(a);
                self.line("} else {");
                self.block_body(b);
                self.line("};");
            }
            Stmt::LetElse(n, e, b) => {
                let e = self.expr(e);
                self.line(&format!("let Some({n}) = opt({e}) else {{"));
                self.block_body(b);
                self.line("};");
            }
            Stmt::Break(l, v) => {
                let l = l.as_ref().map(|l| format!(" '{l}")).unwrap_or_default();
                let v = v
                    .as_ref()
                    .map(|v| format!(" {}", self.expr(v)))
                    .unwrap_or_default();
                self.line(&format!("break{l}{v};"));
            }
            Stmt::Continue(l) => {
                let l = l.as_ref().map(|l| format!(" '{l}")).unwrap_or_default();
                self.line(&format!("continue{l};"));
            }
            Stmt::Return(e, fail) => {
                let e = self.expr(e);
                let v = match (self.ret, fail) {
                    (Ret::Option, true) => {
                        self.line(&format!("t(99, {e});"));
                        "None".to_string()
                    }
                    (Ret::Result, true) => format!("Err({e})"),
                    (r, _) => r.wrap(&e),
                };
                self.line(&format!("return {v};"));
            }
            Stmt::Panic(n) => self.line(&format!("panic!(\"boom {n}\");")),
        }
    }

    fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Lit(n) => n.to_string(),
            Expr::Var(v) => match v.as_bytes()[0] {
                b'b' => format!("({v} as u32)"),
                _ => v.clone(),
            },
            Expr::Yield(e) => format!("yield_!({})", self.expr(e)),
            Expr::Bin(op @ ("add" | "mul"), a, b) => {
                format!("{op}({}, {})", self.expr(a), self.expr(b))
            }
            Expr::Bin(op, a, b) => format!("({} {op} {})", self.expr(a), self.expr(b)),
            Expr::Rem(a, m) => format!("({} % {m})", self.expr(a)),
            Expr::Tag(k, a) => format!("t({k}, {})", self.expr(a)),
            Expr::Try(a) => {
                let f = if self.ret == Ret::Result {
                    "res"
                } else {
                    "opt"
                };
                format!("{f}({})?", self.expr(a))
            }
            Expr::If(c, a, b) => format!(
                "if {} {{ {} }} else {{ {} }}",
                self.cond(c),
                self.expr(a),
                self.expr(b)
            ),
            Expr::UnwrapOr(o, a) => format!("{o}.unwrap_or({})", self.expr(a)),
        }
    }

    fn cond(&self, c: &Cond) -> String {
        match c {
            Cond::Cmp(op, a, b) => format!("{} {op} {}", self.expr(a), self.expr(b)),
            Cond::Var(v) => v.clone(),
            Cond::Logic(op, a, b) => format!("({} {op} {})", self.cond(a), self.cond(b)),
            Cond::Not(a) => format!("!({})", self.cond(a)),
        }
    }
}

impl Program {
    /// The body as Rust source (statements and the wrapped tail), indented by `indent`.
    pub fn body_source(&self, indent: usize) -> String {
        let mut p = Printer {
            ret: self.ret,
            out: String::new(),
            indent,
        };
        for s in &self.body.stmts {
            p.stmt(s);
        }
        let tail = self.body.tail.clone().unwrap_or(Expr::Lit(0));
        let t = p.expr(&tail);
        p.line(&self.ret.wrap(&t));
        p.out
    }

    /// A readable rendering: the signature, the script and the body.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "// script: {:?}\nfn body(#[resume] r0: u32) -> impl Coroutine<u32, Yield = u32, Return = {}> {{",
            self.script,
            self.ret.ty()
        );
        s.push_str(&self.body_source(1));
        s.push_str("}\n");
        s
    }

    /// The number of statements, all nesting levels included.
    pub fn size(&self) -> usize {
        let mut n = 0;
        visit_blocks(&self.body, &mut |b| n += b.stmts.len());
        n
    }
}

/// Calls `f` on `b` and every block nested in it (pre-order).
pub fn visit_blocks(b: &Block, f: &mut dyn FnMut(&Block)) {
    f(b);
    for s in &b.stmts {
        for inner in stmt_blocks(s) {
            visit_blocks(inner, f);
        }
    }
}

/// The blocks directly inside a statement.
pub fn stmt_blocks(s: &Stmt) -> Vec<&Block> {
    match s {
        Stmt::If(_, a, b) => std::iter::once(a).chain(b.iter()).collect(),
        Stmt::IfLet(_, _, _, a, b) | Stmt::LetIf(_, _, a, b) => vec![a, b],
        Stmt::Match { arms, .. } => arms.iter().map(|a| &a.body).collect(),
        Stmt::Loop(l) | Stmt::LetLoop(_, l) => vec![&l.body],
        Stmt::LetLabelled(_, _, b) | Stmt::LetElse(_, _, b) => vec![b],
        _ => vec![],
    }
}

/// The blocks directly inside a statement, mutably.
pub fn stmt_blocks_mut(s: &mut Stmt) -> Vec<&mut Block> {
    match s {
        Stmt::If(_, a, b) => std::iter::once(a).chain(b.iter_mut()).collect(),
        Stmt::IfLet(_, _, _, a, b) | Stmt::LetIf(_, _, a, b) => vec![a, b],
        Stmt::Match { arms, .. } => arms.iter_mut().map(|a| &mut a.body).collect(),
        Stmt::Loop(l) | Stmt::LetLoop(_, l) => vec![&mut l.body],
        Stmt::LetLabelled(_, _, b) | Stmt::LetElse(_, _, b) => vec![b],
        _ => vec![],
    }
}
