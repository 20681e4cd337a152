//! The generated programs as data: a small statement/expression tree that prints as the
//! body of a coroutine, and that the minimizer can edit (delete statements) before
//! printing it again.
//!
//! Every body is written against the helpers of the generated crate's `common` module:
//! `add`/`mul` (wrapping arithmetic), `t(tag, v)` (logs `t TAG V`, returns `v`), `opt`/`res`
//! (an `Option`/`Result` for `?`), `touch(&Noisy)` (a mention of a `Noisy`), `Noisy`,
//! `Noisy(..).id()` (logs `id NAME`), `P { u, z }` and `pk(p)`, `show(String)` (logs
//! `s [TEXT]`), `Arg` and `val(Arg)` (owned resume arguments), and against the items and
//! macros of [`PRELUDE`], declared in each generated module outside the coroutine.

use std::fmt::Write;

/// Declared at the top of each generated module (outside the coroutine): the outer
/// declarations of the item names that inner blocks redeclare, the targets of inner `use`
/// items, and the control-flow macros.
pub const PRELUDE: &str = r#"fn hf() -> u32 { 100 }
fn hg() -> u32 { 101 }
const KA: u32 = 102;
const KB: u32 = 103;
static SA: u32 = 104;
struct W(u32);
impl W { fn get(&self) -> u32 { add(self.0, 105) } }
fn alt1() -> u32 { 106 }
fn alt2() -> u32 { 107 }
const KALT: u32 = 108;
macro_rules! ret { ($e:expr) => { return $e }; }
macro_rules! brk {
    () => { break };
    ($l:lifetime) => { break $l };
    ($l:lifetime, $e:expr) => { break $l $e };
    (@ $e:expr) => { break $e };
}
macro_rules! cont { () => { continue }; ($l:lifetime) => { continue $l }; }
macro_rules! tri { ($e:expr) => { $e? }; }
macro_rules! bail_if { ($c:expr, $e:expr) => { if $c { return $e; } }; }
macro_rules! spelled {
    ($k:ident : $t:ty, $s:literal) => { add($k as $t, show(format!("{} {}", stringify!($k), $s))) };
}
"#;

/// The edition of the generated crates (the coro, native and direct sides share one crate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    /// Rust 2021.
    E2021,
    /// Rust 2024 (let chains, tail-expression temporary scope, `if let` rescoping).
    E2024,
}

impl Edition {
    /// `"2021"` or `"2024"`.
    pub fn year(self) -> &'static str {
        match self {
            Edition::E2021 => "2021",
            Edition::E2024 => "2024",
        }
    }

    /// Parses `2021` or `2024`.
    pub fn parse(s: &str) -> Option<Edition> {
        match s {
            "2021" => Some(Edition::E2021),
            "2024" => Some(Edition::E2024),
            _ => None,
        }
    }
}

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

    /// The function `?` is applied to: `opt` or `res`.
    pub fn try_fn(self) -> &'static str {
        if self == Ret::Result {
            "res"
        } else {
            "opt"
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
    /// The edition of the crate the program is compiled in.
    pub edition: Edition,
    /// The resume arguments are owned `Arg` values (they log their drop) instead of `u32`;
    /// `yield_!(v)` in a `u32` position is then `val(yield_!(v))`.
    pub owned: bool,
    /// The body as source, instead of `body` (a pinned program of the corpus).
    pub raw: Option<String>,
}

impl Program {
    /// The resume argument type.
    pub fn arg_ty(&self) -> &'static str {
        if self.owned {
            "Arg"
        } else {
            "u32"
        }
    }
}

/// A block: statements and an optional tail expression (value blocks).
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// The value of the block, if it has one.
    pub tail: Option<Expr>,
}

/// An outer attribute on a statement or a match arm (`#[TEXT]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr {
    /// What goes between `#[` and `]`.
    pub text: &'static str,
    /// Whether the code it is on is compiled (`cfg(all())`) or removed (`cfg(any())`).
    pub enabled: bool,
}

/// Attributes that remove the code they are on.
pub const ATTRS_OFF: &[&str] = &[
    "cfg(any())",
    "cfg(not(all()))",
    "cfg_attr(all(), cfg(any()))",
    "cfg(all(all(), any()))",
];

/// Attributes that keep the code they are on.
pub const ATTRS_ON: &[&str] = &[
    "cfg(all())",
    "cfg(not(any()))",
    "cfg_attr(all(), allow(unused))",
    "cfg_attr(any(), cfg(any()))",
    "cfg(any(all(), any()))",
];

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
    /// An attribute on the arm (`#[cfg(any())] 1 => { .. }`).
    pub attr: Option<Attr>,
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

/// An item declared in a block.
#[derive(Clone, Debug)]
pub enum Item {
    /// `fn NAME() -> u32 { V }`, or `{ add(KA, V) }` when the flag is set (then the `KA`
    /// seen from the block the function is declared in).
    Fn(&'static str, u32, bool),
    /// `const NAME: u32 = V;`
    Const(&'static str, u32),
    /// `static NAME: u32 = V;`
    Static(&'static str, u32),
    /// `struct W(u32); impl W { fn get(&self) -> u32 { add(self.0, V) } }`
    Struct(u32),
    /// `use self::TARGET as NAME;`
    Use(&'static str, &'static str),
}

impl Item {
    /// The name the item declares in its block.
    pub fn name(&self) -> &'static str {
        match self {
            Item::Fn(n, ..) | Item::Const(n, _) | Item::Static(n, _) | Item::Use(n, _) => n,
            Item::Struct(_) => "W",
        }
    }
}

/// A use of an item (declared at the module level, and maybe again in inner blocks).
#[derive(Clone, Debug)]
pub enum ItemRef {
    /// `NAME()`.
    Call(&'static str),
    /// `NAME` (a `const` or `static`).
    Name(&'static str),
    /// `W(K).get()`.
    Method(u32),
}

/// A `P { u, z }` literal; a field given as `None` is written in shorthand (`P { u, .. }`,
/// the local named like the field).
#[derive(Clone, Debug)]
pub struct PLit {
    /// The `u` field.
    pub u: Option<Expr>,
    /// The `z` field.
    pub z: Option<Expr>,
    /// A `#[cfg(any())] z: e,` field before the real `z` (never compiled).
    pub off: Option<Expr>,
}

/// The pattern of a `let` of a `P`.
#[derive(Clone, Debug)]
pub enum PPat {
    /// `let p = ..;`
    Name(String),
    /// `let P { u: a, z: b } = ..;` (shorthand where the binding is named like the field).
    Fields(String, String),
}

/// The initializer of a `let` of a `P`.
#[derive(Clone, Debug)]
pub enum PInit {
    /// A `P` local.
    Local(String),
    /// A literal.
    Lit(PLit),
}

/// A `format!` call, logged and measured: `show(format!("SPEC", args..))`.
#[derive(Clone, Debug)]
pub struct Fmt {
    /// The format string (may capture locals: `{v3}`, `{:w2$}`).
    pub spec: String,
    /// The explicit arguments.
    pub args: Vec<FmtArg>,
}

/// An argument of a [`Fmt`].
#[derive(Clone, Debug)]
pub enum FmtArg {
    /// A `u32` value.
    U32(Expr),
    /// `[name =] (e % 7) as usize` (a width or precision).
    Usize(Option<&'static str>, Expr),
    /// `(e as f64 / 7.0)` (for a precision).
    Float(Expr),
}

/// One link of a let chain (edition 2024).
#[derive(Clone, Debug)]
pub enum Link {
    /// `let Some(x) = opt(e)`
    Let(String, Expr),
    /// `let Some(x) = o` on an `Option` local.
    LetLocal(String, String),
    /// `let Some(x) = Some(Noisy("x"))`: a chain binding that owns something.
    LetNoisy(String),
    /// `let Some(y) = Some(x)`: moves the earlier chain binding `x` into `y`.
    LetMove(String, String),
    /// `{ drop(x); true }`: a plain link that moves the earlier chain binding `x`.
    Consume(String),
    /// A condition.
    Cond(Cond),
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
    /// A statement with an attribute (`#[cfg(any())] let x = yield_!(1);`).
    Attr(Attr, Box<Stmt>),
    /// `{ .. }`, or `unsafe { .. }` when the flag is set.
    Block(Block, bool),
    /// An item in a block.
    Item(Item),
    /// `if let Some(x) = opt(e) && c && let Some(y) = o { .. } else { .. }` (2024).
    IfChain(Vec<Link>, Block, Block),
    /// `let PAT = INIT;` for a `P`.
    LetP(PPat, PInit),
    /// `let name: usize = (e % 7) as usize;` (a width for format strings).
    LetWidth(String, Expr),
    /// `assert!({ if c { JUMP } true });` (flag set) or
    /// `let _ = format!("{}", { if c { JUMP } 1 });`: a jump from inside macro arguments.
    MacroJump(bool, Cond, Box<Stmt>),
    /// `bail_if!(c, residual);`: a `return` of `None` or `Err(value)` made by a macro.
    BailIf(Cond, Expr),
    /// A `Break`, `Continue` or `Return` written through the `brk!`, `cont!`, `ret!` macros.
    Mac(Box<Stmt>),
    /// `let _ = e;` (a yield's resume argument is dropped at once).
    LetUnder(Expr),
    /// `let _aN = e;`: a binding never mentioned (held to the end of its block); with
    /// `true`, `let _aN = &e;` (the borrowed value lives as long as the block).
    LetArg(String, bool, Expr),
    /// `t(K, name);`: a mention of a `u32` binding before it is bound again in the same
    /// block (never deleted alone by the minimizer, like a `touch`).
    Mention(u32, String),
    /// Source text that neither yields nor jumps (the `borrows` family's owners, borrows
    /// and changes of an owner: `let mut w3: Vec<u32> = vec![..];`, `let r4 = &w3[0];`).
    Code(String),
    /// `['label:] for PAT in ITERABLE { .. }` over a borrow of a local (`borrows` family).
    ForIn {
        /// The label, without the quote.
        label: Option<String>,
        /// The pattern.
        pat: String,
        /// The iterable (no yield).
        iterable: String,
        /// The body.
        body: Block,
    },
    /// `{ let NAME = &mut PLACE; .. }`: a mutable borrow of a part of a local held over a
    /// block (`borrows` family).
    MutBorrow(String, String, Block),
    /// `*NAME = add(*NAME, e);` through a mutable borrow (`borrows` family).
    DerefAssign(String, Expr),
    /// `if let Some(NAME) = SCRUTINEE { .. } else { .. }` on a borrow (`w.get(i)`;
    /// `borrows` family).
    IfLetBorrow(String, String, Block, Block),
    /// `match SCRUTINEE { NAME [if c] => { .. } _ => { .. } }` binding a borrow
    /// (`borrows` family).
    MatchBorrow(String, String, Option<Cond>, Block, Block),
}

/// A `u32` expression.
/// How an `order` expression writes the variable its comparison's left operand reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WriteForm {
    /// `{ v = new; value }`
    Assign,
    /// `{ (v, _) = (new, 0u32); value }`
    Destructure,
    /// `{ v.bump(new); value }` (`Bump::bump` takes `&mut self`)
    Method,
}

#[derive(Clone, Debug)]
pub enum Expr {
    /// A literal.
    Lit(u32),
    /// A `u32` local (or a `bool` local as `b as u32`, or an `Option` local with
    /// `unwrap_or`, by the name's first letter).
    Var(String),
    /// `yield_!(e)` (`val(yield_!(e))` with owned resume arguments).
    Yield(Box<Expr>),
    /// With owned resume arguments, `yield_!(e).0` or (borrowed) `(&yield_!(e)).0`: the
    /// argument is a temporary of its statement, or of its condition (`yield_!(e)`
    /// otherwise). Never in a scrutinee, nor before a later yield of its statement
    /// ([`crate::limits`]).
    YieldKept(Box<Expr>, bool),
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
    /// Source text used as it is (`val(r0)`).
    Raw(&'static str),
    /// `Noisy("tN").id()`: a temporary that logs its drop, kept to the end of the
    /// statement (or dropped where rustc drops temporaries).
    Tmp(String),
    /// A use of an item.
    ItemRef(ItemRef),
    /// `p.u` / `p.z` of a `P` local.
    Field(String, &'static str),
    /// `pk(P { .. })`.
    Pk(Box<PLit>),
    /// `show(format!(..))`.
    Fmt(Box<Fmt>),
    /// `tri!(opt(e))`: a `?` made by a macro.
    MacTry(Box<Expr>),
    /// `(vec![0u32; (opt(e)? % 4) as usize].len() as u32)` (without `?` for `u32` returns).
    VecLen(Box<Expr>),
    /// `unsafe { e }`.
    Unsafe(Box<Expr>),
    /// Source text with no yield (a read through a borrow: `*x3`, `(c4 as u32)`).
    Code(String),
    /// `{ v = new; value }`: a block that assigns a mutable `u32` local before its value
    /// (the right operand of a comparison whose left operand is `v`).
    Overwrite(String, WriteForm, Box<Expr>, Box<Expr>),
    /// A `u32` or `bool` local read by a macro that also sees its name as text:
    /// `spelled!(x3: u32, "{x3}")` (logs `s [x3 {x3}]`, see [`PRELUDE`]).
    Spelled(String),
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
    /// Whether a `yield_!` occurs in this expression (in code that is compiled).
    pub fn has_yield(&self) -> bool {
        self.yields(false)
    }

    /// Whether a `yield_!` token occurs in this expression, in cfg'd-out code too (what a
    /// macro sees).
    pub fn has_yield_token(&self) -> bool {
        self.yields(true)
    }

    fn yields(&self, off_too: bool) -> bool {
        let y = |e: &Expr| e.yields(off_too);
        match self {
            Expr::Lit(_)
            | Expr::Var(_)
            | Expr::Spelled(_)
            | Expr::Raw(_)
            | Expr::Code(_)
            | Expr::Tmp(_)
            | Expr::ItemRef(_)
            | Expr::Field(..) => false,
            Expr::Yield(_) | Expr::YieldKept(..) => true,
            Expr::Bin(_, a, b) | Expr::Overwrite(_, _, a, b) => y(a) || y(b),
            Expr::Rem(a, _)
            | Expr::Tag(_, a)
            | Expr::Try(a)
            | Expr::UnwrapOr(_, a)
            | Expr::MacTry(a)
            | Expr::VecLen(a)
            | Expr::Unsafe(a) => y(a),
            Expr::If(c, a, b) => c.yields(off_too) || y(a) || y(b),
            Expr::Pk(p) => {
                p.u.as_ref().is_some_and(y)
                    || p.z.as_ref().is_some_and(y)
                    || (off_too && p.off.as_ref().is_some_and(y))
            }
            Expr::Fmt(f) => f.args.iter().any(|a| match a {
                FmtArg::U32(e) | FmtArg::Usize(_, e) | FmtArg::Float(e) => y(e),
            }),
        }
    }
}

impl PLit {
    /// Whether a compiled field yields.
    pub fn has_yield(&self) -> bool {
        self.u.as_ref().is_some_and(Expr::has_yield) || self.z.as_ref().is_some_and(Expr::has_yield)
    }
}

impl Cond {
    /// Whether a `yield_!` occurs in this condition.
    pub fn has_yield(&self) -> bool {
        self.yields(false)
    }

    fn yields(&self, off_too: bool) -> bool {
        match self {
            Cond::Cmp(_, a, b) => a.yields(off_too) || b.yields(off_too),
            Cond::Var(_) => false,
            Cond::Logic(_, a, b) => a.yields(off_too) || b.yields(off_too),
            Cond::Not(a) => a.yields(off_too),
        }
    }
}

impl Link {
    /// Whether a `yield_!` occurs in this link.
    pub fn has_yield(&self) -> bool {
        match self {
            Link::Let(_, e) => e.has_yield(),
            Link::LetLocal(..) | Link::LetNoisy(_) | Link::LetMove(..) | Link::Consume(_) => false,
            Link::Cond(c) => c.has_yield(),
        }
    }
}

impl Stmt {
    /// The blocks directly in this statement (those of a statement it wraps too).
    pub fn blocks_mut(&mut self) -> Vec<&mut Block> {
        match self {
            Stmt::If(_, a, b) => std::iter::once(a).chain(b.as_mut()).collect(),
            Stmt::IfLet(_, _, _, a, b) | Stmt::LetIf(_, _, a, b) | Stmt::IfChain(_, a, b) => {
                vec![a, b]
            }
            Stmt::Match { arms, .. } => arms.iter_mut().map(|a| &mut a.body).collect(),
            Stmt::Loop(l) | Stmt::LetLoop(_, l) => vec![&mut l.body],
            Stmt::LetLabelled(_, _, b) | Stmt::LetElse(_, _, b) | Stmt::Block(b, _) => vec![b],
            Stmt::ForIn { body, .. } | Stmt::MutBorrow(_, _, body) => vec![body],
            Stmt::IfLetBorrow(_, _, a, b) | Stmt::MatchBorrow(_, _, _, a, b) => vec![a, b],
            Stmt::Attr(_, s) | Stmt::Mac(s) | Stmt::MacroJump(_, _, s) => s.blocks_mut(),
            _ => vec![],
        }
    }
}

impl Block {
    /// Whether a `yield_!` occurs anywhere in this block (in code that is compiled).
    pub fn has_yield(&self) -> bool {
        self.stmts.iter().any(Stmt::has_yield) || self.tail.as_ref().is_some_and(Expr::has_yield)
    }
}

impl Stmt {
    /// Whether a `yield_!` occurs anywhere in this statement (in code that is compiled).
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
            Stmt::LetOpt(_, e)
            | Stmt::Assign(_, _, e)
            | Stmt::Expr(e)
            | Stmt::LetWidth(_, e)
            | Stmt::LetUnder(e)
            | Stmt::LetArg(_, _, e) => e.has_yield(),
            Stmt::LetNoisy(_) | Stmt::Touch(_) | Stmt::DropNoisy(_) | Stmt::Panic(_) => false,
            Stmt::Continue(_) | Stmt::Item(_) | Stmt::Mention(..) | Stmt::Code(_) => false,
            Stmt::ForIn { body, .. } | Stmt::MutBorrow(_, _, body) => body.has_yield(),
            Stmt::IfLetBorrow(_, _, a, b) => a.has_yield() || b.has_yield(),
            Stmt::MatchBorrow(_, _, g, a, b) => {
                g.as_ref().is_some_and(Cond::has_yield) || a.has_yield() || b.has_yield()
            }
            Stmt::DerefAssign(_, e) => e.has_yield(),
            Stmt::If(c, a, b) => {
                c.has_yield() || a.has_yield() || b.as_ref().is_some_and(Block::has_yield)
            }
            Stmt::IfLet(_, e, _, a, b) => {
                e.as_ref().is_some_and(Expr::has_yield) || a.has_yield() || b.has_yield()
            }
            Stmt::Match { scrut, arms, .. } => {
                scrut.as_ref().is_some_and(|(e, _)| e.has_yield())
                    || arms.iter().any(|a| {
                        !matches!(a.attr, Some(Attr { enabled: false, .. }))
                            && (a.body.has_yield()
                                || matches!(&a.pat, Pat::Bind(_, Some(g)) if g.has_yield()))
                    })
            }
            Stmt::Loop(l) | Stmt::LetLoop(_, l) => lp(l),
            Stmt::LetLabelled(_, _, b) | Stmt::Block(b, _) => b.has_yield(),
            Stmt::LetIf(_, c, a, b) => c.has_yield() || a.has_yield() || b.has_yield(),
            Stmt::LetElse(_, e, b) => e.has_yield() || b.has_yield(),
            Stmt::Break(_, v) => v.as_ref().is_some_and(Expr::has_yield),
            Stmt::Return(e, _) => e.has_yield(),
            Stmt::Attr(a, s) => a.enabled && s.has_yield(),
            Stmt::IfChain(links, a, b) => {
                links.iter().any(Link::has_yield) || a.has_yield() || b.has_yield()
            }
            Stmt::LetP(_, init) => matches!(init, PInit::Lit(p) if p.has_yield()),
            Stmt::MacroJump(_, c, j) => c.has_yield() || j.has_yield(),
            Stmt::BailIf(c, e) => c.has_yield() || e.has_yield(),
            Stmt::Mac(s) => s.has_yield(),
        }
    }
}

/// Prints Rust source.
pub struct Printer {
    ret: Ret,
    owned: bool,
    out: String,
    indent: usize,
    /// The attributes of the statement being printed: every Rust statement it prints gets
    /// them.
    attrs: Vec<&'static str>,
    /// `break`/`continue`/`return` are printed through `brk!`/`cont!`/`ret!`.
    via_macro: bool,
}

impl Printer {
    /// An expression with no yield as source text (for the source the generator writes
    /// itself).
    pub fn expr_text(e: &Expr, ret: Ret) -> String {
        let p = Printer {
            ret,
            owned: false,
            out: String::new(),
            indent: 0,
            attrs: vec![],
            via_macro: false,
        };
        p.expr(e)
    }

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// The first line of a Rust statement: with the current attribute in front.
    fn sline(&mut self, s: &str) {
        let mut l = String::new();
        for a in &self.attrs {
            let _ = write!(l, "#[{a}] ");
        }
        l.push_str(s);
        self.line(&l);
    }

    fn block_body(&mut self, b: &Block) {
        let (attrs, mac) = (std::mem::take(&mut self.attrs), self.via_macro);
        self.via_macro = false;
        self.indent += 1;
        for s in &b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            let t = self.expr(t);
            self.line(&t);
        }
        self.indent -= 1;
        self.attrs = attrs;
        self.via_macro = mac;
    }

    /// A statement printed on one line (inside macro arguments).
    fn inline(&self, s: &Stmt) -> String {
        let mut p = Printer {
            ret: self.ret,
            owned: self.owned,
            out: String::new(),
            indent: 0,
            attrs: vec![],
            via_macro: false,
        };
        p.stmt(s);
        p.out.lines().map(str::trim).collect::<Vec<_>>().join(" ")
    }

    fn lp(&mut self, l: &Loop, head: &str) {
        let label = l
            .label
            .as_ref()
            .map(|l| format!("'{l}: "))
            .unwrap_or_default();
        let c = &l.counter;
        let attrs = std::mem::take(&mut self.attrs);
        match &l.kind {
            LoopKind::Loop { exit } => {
                self.attrs.clone_from(&attrs);
                self.sline(&format!("{head}{label}loop {{"));
                self.attrs.clear();
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
                self.attrs.clone_from(&attrs);
                self.sline(&format!("{head}{label}while {c} < {}{extra} {{", l.bound));
                self.attrs.clear();
                self.indent += 1;
                self.line(&format!("{c} += 1;"));
                self.indent -= 1;
            }
            LoopKind::For { var, end } => {
                let end = self.expr(end);
                self.attrs.clone_from(&attrs);
                self.sline(&format!("{head}{label}for {var} in 0..{end} {{"));
                self.attrs.clear();
                self.indent += 1;
                self.line(&format!("{c} += 1;"));
                self.line(&format!("if {c} > {} {{ break; }}", l.bound));
                self.indent -= 1;
            }
        }
        self.block_body(&l.body);
        self.attrs = attrs;
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
                self.sline(&format!("let {m}{name}: u32 = {e};"));
            }
            Stmt::LetTuple(a, b, x, y) => {
                let (x, y) = (self.expr(x), self.expr(y));
                self.sline(&format!("let ({a}, {b}) = ({x}, {y});"));
            }
            Stmt::LetBool(n, c) => {
                let c = self.cond(c);
                self.sline(&format!("let {n}: bool = {c};"));
            }
            Stmt::LetOpt(n, e) => {
                let e = self.expr(e);
                self.sline(&format!("let {n} = opt({e});"));
            }
            Stmt::LetNoisy(n) => self.sline(&format!("let {n} = Noisy(\"{n}\");")),
            Stmt::Touch(ns) => {
                if !ns.is_empty() {
                    let a: String = self.attrs.iter().map(|a| format!("#[{a}] ")).collect();
                    let s: Vec<String> = ns.iter().map(|n| format!("{a}touch(&{n});")).collect();
                    self.line(&s.join(" "));
                }
            }
            Stmt::DropNoisy(n) => self.sline(&format!("drop({n});")),
            Stmt::Assign(n, op, e) => {
                let e = self.expr(e);
                match *op {
                    "+=" => self.sline(&format!("{n} = add({n}, {e});")),
                    "(,)=" => self.sline(&format!("({n}, _) = ({e}, 0u32);")),
                    ".bump" => self.sline(&format!("{n}.bump({e});")),
                    op => self.sline(&format!("{n} {op} {e};")),
                }
            }
            Stmt::Expr(e) => {
                let e = self.raw(e);
                self.sline(&format!("{e};"));
            }
            Stmt::If(c, a, b) => {
                let c = self.cond(c);
                self.sline(&format!("if {c} {{"));
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
                self.sline(&format!("if let Some({x}) = {scrut} {{"));
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
                self.sline(&format!("match {s} {{"));
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
                    let a = arm
                        .attr
                        .map(|a| format!("#[{}] ", a.text))
                        .unwrap_or_default();
                    self.line(&format!("{a}{p} => {{"));
                    self.block_body(&arm.body);
                    self.line("}");
                }
                self.indent -= 1;
                self.line("}");
            }
            Stmt::Loop(l) => {
                self.sline(&format!("let mut {}: u32 = 0;", l.counter));
                self.lp(l, "");
                self.line("}");
            }
            Stmt::LetLoop(n, l) => {
                self.sline(&format!("let mut {}: u32 = 0;", l.counter));
                self.lp(l, &format!("let {n}: u32 = "));
                self.line("};");
            }
            Stmt::LetLabelled(n, label, b) => {
                self.sline(&format!("let {n}: u32 = '{label}: {{"));
                self.block_body(b);
                self.line("};");
            }
            Stmt::LetIf(n, c, a, b) => {
                let c = self.cond(c);
                self.sline(&format!("let {n}: u32 = if {c} {{"));
                self.block_body(a);
                self.line("} else {");
                self.block_body(b);
                self.line("};");
            }
            Stmt::LetElse(n, e, b) => {
                let e = self.expr(e);
                self.sline(&format!("let Some({n}) = opt({e}) else {{"));
                self.block_body(b);
                self.line("};");
            }
            Stmt::Break(l, v) => {
                let v = v.as_ref().map(|v| self.expr(v));
                let s = match (self.via_macro, l, v) {
                    (false, l, v) => {
                        let l = l.as_ref().map(|l| format!(" '{l}")).unwrap_or_default();
                        let v = v.map(|v| format!(" {v}")).unwrap_or_default();
                        format!("break{l}{v};")
                    }
                    (true, None, None) => "brk!();".into(),
                    (true, Some(l), None) => format!("brk!('{l});"),
                    (true, Some(l), Some(v)) => format!("brk!('{l}, {v});"),
                    (true, None, Some(v)) => format!("brk!(@ {v});"),
                };
                self.sline(&s);
            }
            Stmt::Continue(l) => {
                let l = l.as_ref().map(|l| format!("'{l}"));
                let s = match (self.via_macro, l) {
                    (false, l) => format!(
                        "continue{};",
                        l.map(|l| format!(" {l}")).unwrap_or_default()
                    ),
                    (true, l) => format!("cont!({});", l.unwrap_or_default()),
                };
                self.sline(&s);
            }
            Stmt::Return(e, fail) => {
                let e = self.expr(e);
                let v = match (self.ret, fail) {
                    (Ret::Option, true) => {
                        self.sline(&format!("t(99, {e});"));
                        "None".to_string()
                    }
                    (Ret::Result, true) => format!("Err({e})"),
                    (r, _) => r.wrap(&e),
                };
                if self.via_macro {
                    self.sline(&format!("ret!({v});"));
                } else {
                    self.sline(&format!("return {v};"));
                }
            }
            Stmt::Panic(n) => self.sline(&format!("panic!(\"boom {n}\");")),
            Stmt::Attr(a, s) => {
                self.attrs.push(a.text);
                self.stmt(s);
                self.attrs.pop();
            }
            Stmt::Block(b, unsafe_) => {
                self.sline(if *unsafe_ { "unsafe {" } else { "{" });
                self.block_body(b);
                self.line("}");
            }
            Stmt::Item(item) => match item {
                Item::Fn(n, v, false) => self.sline(&format!("fn {n}() -> u32 {{ {v} }}")),
                Item::Fn(n, v, true) => self.sline(&format!("fn {n}() -> u32 {{ add(KA, {v}) }}")),
                Item::Const(n, v) => self.sline(&format!("const {n}: u32 = {v};")),
                Item::Static(n, v) => self.sline(&format!("static {n}: u32 = {v};")),
                Item::Struct(v) => {
                    self.sline("struct W(u32);");
                    self.sline(&format!(
                        "impl W {{ fn get(&self) -> u32 {{ add(self.0, {v}) }} }}"
                    ));
                }
                Item::Use(n, target) => self.sline(&format!("use self::{target} as {n};")),
            },
            Stmt::IfChain(links, a, b) => {
                let ls: Vec<String> = links
                    .iter()
                    .map(|l| match l {
                        Link::Let(x, e) => format!("let Some({x}) = opt({})", self.expr(e)),
                        Link::LetLocal(x, o) => format!("let Some({x}) = {o}"),
                        Link::LetNoisy(x) => format!("let Some({x}) = Some(Noisy(\"{x}\"))"),
                        Link::LetMove(y, x) => format!("let Some({y}) = Some({x})"),
                        Link::Consume(x) => format!("{{ drop({x}); true }}"),
                        Link::Cond(c) => self.cond(c),
                    })
                    .collect();
                self.sline(&format!("if {} {{", ls.join(" && ")));
                self.block_body(a);
                self.line("} else {");
                self.block_body(b);
                self.line("}");
            }
            Stmt::LetP(pat, init) => {
                let pat = match pat {
                    PPat::Name(n) => n.clone(),
                    PPat::Fields(u, z) => {
                        let f = |field: &str, b: &str| {
                            if field == b {
                                b.to_string()
                            } else {
                                format!("{field}: {b}")
                            }
                        };
                        format!("P {{ {}, {} }}", f("u", u), f("z", z))
                    }
                };
                let init = match init {
                    PInit::Local(o) => o.clone(),
                    PInit::Lit(p) => self.plit(p),
                };
                self.sline(&format!("let {pat} = {init};"));
            }
            Stmt::LetWidth(n, e) => {
                let e = self.expr(e);
                self.sline(&format!("let {n}: usize = ({e} % 7) as usize;"));
            }
            Stmt::MacroJump(assert, c, j) => {
                let c = self.cond(c);
                let j = self.inline(j);
                if *assert {
                    self.sline(&format!("assert!({{ if {c} {{ {j} }} true }});"));
                } else {
                    self.sline(&format!(
                        "let _ = format!(\"{{}}\", {{ if {c} {{ {j} }} 1 }});"
                    ));
                }
            }
            Stmt::BailIf(c, e) => {
                let c = self.cond(c);
                let e = self.expr(e);
                let v = match self.ret {
                    Ret::Option => "None".to_string(),
                    Ret::Result => format!("Err({e})"),
                    Ret::Plain => unreachable!("a macro-made return returns a residual"),
                };
                self.sline(&format!("bail_if!({c}, {v});"));
            }
            Stmt::Mac(s) => {
                let saved = std::mem::replace(&mut self.via_macro, true);
                self.stmt(s);
                self.via_macro = saved;
            }
            Stmt::LetUnder(e) => {
                let e = self.raw(e);
                self.sline(&format!("let _ = {e};"));
            }
            Stmt::LetArg(n, borrowed, e) => {
                let e = self.raw(e);
                let borrow = if *borrowed { "&" } else { "" };
                self.sline(&format!("let {n} = {borrow}{e};"));
            }
            Stmt::Mention(k, n) => self.sline(&format!("t({k}, {n});")),
            Stmt::Code(code) => self.sline(code),
            Stmt::ForIn {
                label,
                pat,
                iterable,
                body,
            } => {
                let label = label
                    .as_ref()
                    .map(|l| format!("'{l}: "))
                    .unwrap_or_default();
                self.sline(&format!("{label}for {pat} in {iterable} {{"));
                self.block_body(body);
                self.line("}");
            }
            Stmt::MutBorrow(name, place, body) => {
                self.sline("{");
                self.indent += 1;
                self.line(&format!("let {name} = &mut {place};"));
                self.indent -= 1;
                self.block_body(body);
                self.line("}");
            }
            Stmt::DerefAssign(name, e) => {
                let e = self.expr(e);
                self.sline(&format!("*{name} = add(*{name}, {e});"));
            }
            Stmt::IfLetBorrow(name, scrut, a, b) => {
                self.sline(&format!("if let Some({name}) = {scrut} {{"));
                self.block_body(a);
                self.line("} else {");
                self.block_body(b);
                self.line("}");
            }
            Stmt::MatchBorrow(scrut, name, guard, a, b) => {
                let guard = guard
                    .as_ref()
                    .map(|g| format!(" if {}", self.cond(g)))
                    .unwrap_or_default();
                self.sline(&format!("match {scrut} {{"));
                self.indent += 1;
                self.line(&format!("{name}{guard} => {{"));
                self.block_body(a);
                self.line("}");
                self.line("_ => {");
                self.block_body(b);
                self.line("}");
                self.indent -= 1;
                self.line("}");
            }
        }
    }

    /// An expression whose value is discarded or bound as it is: a yield is printed
    /// without `val(..)` (the resume argument itself).
    fn raw(&self, e: &Expr) -> String {
        match e {
            Expr::Yield(a) => format!("yield_!({})", self.expr(a)),
            e => self.expr(e),
        }
    }

    fn plit(&self, p: &PLit) -> String {
        let field = |name: &str, e: &Option<Expr>| match e {
            None => name.to_string(),
            Some(e) => format!("{name}: {}", self.expr(e)),
        };
        let off = p
            .off
            .as_ref()
            .map(|e| format!("#[cfg(any())] z: {}, ", self.expr(e)))
            .unwrap_or_default();
        format!("P {{ {}, {off}{} }}", field("u", &p.u), field("z", &p.z))
    }

    fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Lit(n) => n.to_string(),
            Expr::Var(v) => match v.as_bytes()[0] {
                b'b' => format!("({v} as u32)"),
                _ => v.clone(),
            },
            Expr::Yield(e) if self.owned => format!("val(yield_!({}))", self.expr(e)),
            Expr::YieldKept(e, false) if self.owned => format!("yield_!({}).0", self.expr(e)),
            Expr::YieldKept(e, true) if self.owned => format!("(&yield_!({})).0", self.expr(e)),
            Expr::Yield(e) | Expr::YieldKept(e, _) => format!("yield_!({})", self.expr(e)),
            Expr::Bin(op @ ("add" | "mul"), a, b) => {
                format!("{op}({}, {})", self.expr(a), self.expr(b))
            }
            Expr::Bin(op, a, b) => format!("({} {op} {})", self.expr(a), self.expr(b)),
            Expr::Rem(a, m) => format!("({} % {m})", self.expr(a)),
            Expr::Tag(k, a) => format!("t({k}, {})", self.expr(a)),
            Expr::Try(a) => format!("{}({})?", self.ret.try_fn(), self.expr(a)),
            Expr::If(c, a, b) => format!(
                "if {} {{ {} }} else {{ {} }}",
                self.cond(c),
                self.expr(a),
                self.expr(b)
            ),
            Expr::UnwrapOr(o, a) => format!("{o}.unwrap_or({})", self.expr(a)),
            Expr::Raw(s) => s.to_string(),
            Expr::Tmp(n) => format!("Noisy(\"{n}\").id()"),
            Expr::ItemRef(ItemRef::Call(n)) => format!("{n}()"),
            Expr::ItemRef(ItemRef::Name(n)) => n.to_string(),
            Expr::ItemRef(ItemRef::Method(k)) => format!("W({k}).get()"),
            Expr::Field(p, f) => format!("{p}.{f}"),
            Expr::Pk(p) => format!("pk({})", self.plit(p)),
            Expr::Fmt(f) => {
                let mut s = format!("show(format!({:?}", f.spec);
                for a in &f.args {
                    s.push_str(", ");
                    match a {
                        FmtArg::U32(e) => s.push_str(&self.expr(e)),
                        FmtArg::Usize(name, e) => {
                            if let Some(n) = name {
                                let _ = write!(s, "{n} = ");
                            }
                            let _ = write!(s, "({} % 7) as usize", self.expr(e));
                        }
                        FmtArg::Float(e) => {
                            let _ = write!(s, "({} as f64 / 7.0)", self.expr(e));
                        }
                    }
                }
                s.push_str("))");
                s
            }
            Expr::MacTry(a) => format!("tri!({}({}))", self.ret.try_fn(), self.expr(a)),
            Expr::VecLen(a) => {
                let n = if self.ret == Ret::Plain {
                    format!("({} % 4)", self.expr(a))
                } else {
                    format!("({}({})? % 4)", self.ret.try_fn(), self.expr(a))
                };
                format!("(vec![0u32; {n} as usize].len() as u32)")
            }
            Expr::Unsafe(a) => format!("unsafe {{ {} }}", self.expr(a)),
            Expr::Overwrite(v, form, new, value) => {
                let (new, value) = (self.expr(new), self.expr(value));
                match form {
                    WriteForm::Assign => format!("{{ {v} = {new}; {value} }}"),
                    WriteForm::Destructure => format!("{{ ({v}, _) = ({new}, 0u32); {value} }}"),
                    WriteForm::Method => format!("{{ {v}.bump({new}); {value} }}"),
                }
            }
            Expr::Code(code) => code.clone(),
            Expr::Spelled(v) => format!("spelled!({v}: u32, \"{{{v}}}\")"),
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
        if let Some(raw) = &self.raw {
            let pad = "    ".repeat(indent.saturating_sub(1));
            return raw.lines().map(|l| format!("{pad}{l}\n")).collect();
        }
        let mut p = Printer {
            ret: self.ret,
            owned: self.owned,
            out: String::new(),
            indent,
            attrs: vec![],
            via_macro: false,
        };
        for s in &self.body.stmts {
            p.stmt(s);
        }
        let tail = self.body.tail.clone().unwrap_or(Expr::Lit(0));
        let t = p.expr(&tail);
        p.line(&self.ret.wrap(&t));
        p.out
    }

    /// A readable rendering: the edition, the script, the signature and the body.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "// edition {}, script: {:?}\nfn body(#[resume] r0: {}) -> impl Coroutine<{}, Yield = u32, Return = {}> {{",
            self.edition.year(),
            self.script,
            self.arg_ty(),
            self.arg_ty(),
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
        Stmt::IfLet(_, _, _, a, b) | Stmt::LetIf(_, _, a, b) | Stmt::IfChain(_, a, b) => {
            vec![a, b]
        }
        Stmt::Match { arms, .. } => arms.iter().map(|a| &a.body).collect(),
        Stmt::Loop(l) | Stmt::LetLoop(_, l) => vec![&l.body],
        Stmt::LetLabelled(_, _, b) | Stmt::LetElse(_, _, b) | Stmt::Block(b, _) => vec![b],
        Stmt::Attr(_, s) | Stmt::Mac(s) => stmt_blocks(s),
        _ => vec![],
    }
}

/// The blocks directly inside a statement, mutably.
pub fn stmt_blocks_mut(s: &mut Stmt) -> Vec<&mut Block> {
    match s {
        Stmt::If(_, a, b) => std::iter::once(a).chain(b.iter_mut()).collect(),
        Stmt::IfLet(_, _, _, a, b) | Stmt::LetIf(_, _, a, b) | Stmt::IfChain(_, a, b) => {
            vec![a, b]
        }
        Stmt::Match { arms, .. } => arms.iter_mut().map(|a| &mut a.body).collect(),
        Stmt::Loop(l) | Stmt::LetLoop(_, l) => vec![&mut l.body],
        Stmt::LetLabelled(_, _, b) | Stmt::LetElse(_, _, b) | Stmt::Block(b, _) => vec![b],
        Stmt::Attr(_, s) | Stmt::Mac(s) => stmt_blocks_mut(s),
        _ => vec![],
    }
}
