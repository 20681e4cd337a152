//! The random program generator.
//!
//! Programs terminate: every loop has a counter and a small bound, and the script (the
//! resume arguments) is finite, so a body that keeps yielding is dropped while suspended.
//!
//! The generator stays clear of the transform's documented deviations from rustc (README,
//! "Drop order and panics"), so that drop logs can be compared exactly (in order):
//!
//! - (1) a binding last mentioned before a yield is not held across it. `Noisy` values are
//!   either guards (`let _gN = Noisy(..)`, never mentioned: held to the end of their
//!   block), or mentioned again after every yield they live across: right after each
//!   statement containing a yield, a `touch(&nN)` statement mentions every such `Noisy` in
//!   scope, at the start of each branch whose condition or scrutinee yields, and in the
//!   `else` of a `let ... else` whose scrutinee yields. A `Noisy` is only moved (`drop(nN)`)
//!   in its own block, and yields inside `break`/`return` values, and in block tails, only
//!   appear where no mentioned `Noisy` would need a mention afterwards. A `Noisy` name is
//!   never rebound (shadowing it would end its mentions while it lives). The owned resume
//!   arguments of the `owned` family are consumed at once (`val(yield_!(..))`), dropped at
//!   once (`let _ = yield_!(..)`, `yield_!(..);`) or bound to a never-mentioned `_aN`.
//! - (2) only `u32` locals are assigned (never a `Noisy` or an `Arg`).
//! - (3) after the coroutine completed or panicked, the one extra resume passes an `Arg`
//!   that logs nothing (`#[coro::coroutine]` drops it, rustc leaks it).
//! - (4) scrutinees own nothing droppable: the `Noisy(..).id()` temporaries of the `temps`
//!   family never appear in a scrutinee (`match`, `if let`, `let ... else`, let chains) or a
//!   `for` iterable (whose temporaries live as long as a scrutinee's).
//!
//! Borrows held across yields (E0626, which rustc rejects as well) never occur: yields only
//! appear as operands of free functions, operators and struct literals, and scrutinees are
//! rvalues or `Copy` locals. Yields never appear inside macro arguments, match guards,
//! items or in the arguments of a method call on a local place (documented rejections).

use crate::ir::Printer;
use crate::ir::*;
use crate::rng::Rng;

/// A feature family: a set of shapes the generator can be told to produce or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features(pub u32);

/// `#[cfg]`/`#[cfg_attr]` on statements, `let`s, items and match arms.
pub const CFG: u32 = 1;
/// Labelled jumps out of yield-free branches and arms, and out of macro arguments.
pub const LABELS: u32 = 1 << 1;
/// Items in inner blocks.
pub const ITEMS: u32 = 1 << 2;
/// Rebinding names (same and nested blocks, uppercase and generated-looking names).
pub const SHADOW: u32 = 1 << 3;
/// Struct field shorthand and format-string arguments.
pub const FIELDS: u32 = 1 << 4;
/// Control flow written by local `macro_rules!`.
pub const MACROS: u32 = 1 << 5;
/// `unsafe` blocks with yields.
pub const UNSAFE: u32 = 1 << 6;
/// Operand temporaries that log their drop, `let _ = ..`, never-mentioned bindings.
pub const TEMPS: u32 = 1 << 7;
/// Owned resume arguments.
pub const OWNED: u32 = 1 << 8;
/// Let chains (edition 2024 only).
pub const CHAINS: u32 = 1 << 9;
/// Borrows of the coroutine's own locals held across yields (issue 15).
pub const BORROWS: u32 = 1 << 10;
/// Operands that a later operand of their expression writes (review round 13).
pub const ORDER: u32 = 1 << 11;

/// The families: name, bit, what it adds.
pub const FAMILIES: &[(&str, u32, &str)] = &[
    (
        "cfg",
        CFG,
        "#[cfg]/#[cfg_attr] on statements (lets and yields included), items and match arms; cfg'd-out twins",
    ),
    (
        "labels",
        LABELS,
        "labelled break/continue (with values) out of yield-free branches and arms, and out of assert!/format! arguments",
    ),
    (
        "items",
        ITEMS,
        "fn/const/static/struct+impl/use in inner blocks, the same names in sibling and outer blocks",
    ),
    (
        "shadow",
        SHADOW,
        "rebinding in the same and nested blocks, through if let/match/let chains; uppercase and generated-looking names",
    ),
    (
        "fields",
        FIELDS,
        "P { u, z } shorthand in literals and patterns, format! width/precision arguments and captures",
    ),
    (
        "macros",
        MACROS,
        "local macro_rules! expanding to return/break/continue/?, vec![0; n?]",
    ),
    ("unsafe", UNSAFE, "unsafe blocks and expressions containing yields"),
    (
        "temps",
        TEMPS,
        "operand temporaries that log their drop (Noisy(..).id() after a yield of their statement), let _ = yield_!(..), let _a = yield_!(..), let _a = &yield_!(..); with owned, yield_!(..).0 and (&yield_!(..)).0 (a temporary of the statement or condition)",
    ),
    ("owned", OWNED, "owned resume arguments (Arg logs its drop)"),
    (
        "chains",
        CHAINS,
        "let chains with yields in conditions and bodies (edition 2024 only)",
    ),
    (
        "borrows",
        BORROWS,
        "borrows of local Vecs and Strings held across yields: for loops over &w, &mut w, w.iter().enumerate()/rev()/skip/step_by/zip, s.chars()/bytes()/split/lines(); &w, &w[i], &s[a..], &mut w[0]; the owner changed between loops, nested loops over one owner",
    ),
    (
        "order",
        ORDER,
        "comparisons whose right operand writes the left one before a yield: assigns it (v < { v = e; yield_!(..) }), assigns it by destructuring ({ (v, _) = (e, 0u32); .. }) or through a &mut self method ({ v.bump(e); .. }); destructuring and method writes as statements",
    ),
];

impl Features {
    /// Every family.
    pub fn all() -> Features {
        Features(FAMILIES.iter().fold(0, |a, f| a | f.1))
    }

    /// No family: the programs of the original generator.
    pub fn none() -> Features {
        Features(0)
    }

    /// Whether the family `bit` is on.
    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    /// The bit of a family name.
    pub fn bit(name: &str) -> Option<u32> {
        FAMILIES.iter().find(|f| f.0 == name).map(|f| f.1)
    }

    /// Parses `all`, `none` or a comma-separated list of family names.
    pub fn parse(list: &str) -> Result<Features, String> {
        match list {
            "all" => return Ok(Features::all()),
            "none" | "" => return Ok(Features::none()),
            _ => {}
        }
        let mut f = 0;
        for name in list.split(',') {
            f |= Features::bit(name.trim()).ok_or_else(|| {
                let names: Vec<&str> = FAMILIES.iter().map(|f| f.0).collect();
                format!(
                    "unknown feature family {name:?} (families: {}, all, none)",
                    names.join(", ")
                )
            })?;
        }
        Ok(Features(f))
    }

    /// The names of the families that are on, comma-separated (`none` if none).
    pub fn names(self) -> String {
        let on: Vec<&str> = FAMILIES
            .iter()
            .filter(|f| self.has(f.1))
            .map(|f| f.0)
            .collect();
        if on.is_empty() {
            "none".into()
        } else {
            on.join(",")
        }
    }
}

/// What to generate: the edition of the crates and the feature families.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The edition (let chains only in 2024).
    pub edition: Edition,
    /// The feature families.
    pub features: Features,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            edition: Edition::E2021,
            features: Features::all(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    U32 {
        mutable: bool,
    },
    Counter,
    Bool,
    Opt,
    Noisy,
    /// A `P` local.
    P,
    /// A `usize` local (a format width).
    Width,
    /// A local `Vec<u32>`, or `Vec<Noisy>` when `noisy` (`borrows` family).
    Owner {
        noisy: bool,
    },
    /// A local `String` (`borrows` family).
    Text,
    /// A value read through a borrow of the owner `of` (a loop item, a borrowed place),
    /// printed as `code` (`*x3`, `(c4 as u32)`, `(r5.len() as u32)`); `alias` is what a
    /// `let` of it copies (`r5`), when it is a reference that can be copied.
    Derived {
        code: String,
        of: String,
        alias: Option<String>,
    },
    /// A `&mut u32` into the owner `of`: read `*m`, written `*m = add(*m, ..)`.
    DerivedMut {
        of: String,
    },
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Target {
    /// A loop: label, has a value.
    Loop(Option<String>, bool),
    /// A labelled block with a value.
    Block(String),
}

/// What a cfg'd-out piece of code may not change: it is generated like compiled code and
/// the generator's state is put back afterwards.
struct Snap {
    scopes: Vec<Vec<Var>>,
    items: Vec<Vec<&'static str>>,
    yields: u32,
}

/// Generator state: the scopes in effect and the break targets around the current point.
pub struct Gen {
    rng: Rng,
    ret: Ret,
    cfg: Config,
    scopes: Vec<Vec<Var>>,
    /// The item names declared in each open block (one frame per block being generated).
    items: Vec<Vec<&'static str>>,
    targets: Vec<Target>,
    next: u32,
    budget: i32,
    depth: u32,
    loops: u32,
    yields: u32,
    /// Inside code that must not yield (the branches of the `labels` family).
    yield_free: u32,
    /// Inside a diverging statement generated in the scope around the block that will end
    /// with it: a binding of that block may shadow a mutable name seen here, so no name is
    /// assigned (seed 5500149 of 2024 wrote an immutable shadow).
    detached: u32,
    /// Inside a scrutinee or a `for` iterable: no `Noisy` temporaries (deviation 4).
    no_tmp: u32,
    /// Inside an `if let` scrutinee that may read the resume argument through a field as
    /// its temporary (`if let Some(x) = opt((&yield_!(v)).0)`).
    kept_in_scrutinee: bool,
    /// The owners (`borrows` family) borrowed by the `for` loops around this point: they
    /// may not change here.
    loop_borrowed: Vec<String>,
    /// The owners borrowed mutably around this point: they may not be named here.
    exclusive: Vec<String>,
    /// Per owner: the loops around its declaration (an owner changes only where no loop
    /// has been entered since, so that no borrow of it lives across the change on a back
    /// edge).
    owner_loops: Vec<(String, u32)>,
    /// The resume arguments are owned `Arg`s.
    owned: bool,
}

/// Generates the program for `seed`.
pub fn program(seed: u64, cfg: &Config) -> Program {
    let mut rng = Rng::new(seed);
    let ret = match rng.below(3) {
        0 => Ret::Plain,
        1 => Ret::Option,
        _ => Ret::Result,
    };
    let budget = 6 + rng.below(30) as i32;
    let owned = cfg.features.has(OWNED) && rng.chance(35);
    let first = if owned {
        vec![]
    } else {
        vec![Var {
            name: "r0".into(),
            kind: Kind::U32 { mutable: false },
        }]
    };
    let mut g = Gen {
        rng,
        ret,
        cfg: *cfg,
        scopes: vec![first],
        items: vec![],
        targets: vec![],
        next: 0,
        budget,
        depth: 0,
        loops: 0,
        yields: 0,
        yield_free: 0,
        detached: 0,
        no_tmp: 0,
        kept_in_scrutinee: false,
        loop_borrowed: vec![],
        exclusive: vec![],
        owner_loops: vec![],
        owned,
    };
    let mut stmts = vec![Stmt::LetU32 {
        name: "acc".into(),
        mutable: true,
        init: if owned {
            Expr::Raw("val(r0)")
        } else {
            Expr::Var("r0".into())
        },
    }];
    g.declare("acc", Kind::U32 { mutable: true });
    if g.rng.chance(30) {
        let first = g.yield_expr(0);
        stmts.push(Stmt::Assign("acc".into(), "^=", first));
    }
    let mut body = g.block_in_scope(stmts, true);
    if g.yields == 0 {
        body.stmts.insert(
            1,
            Stmt::Expr(Expr::Yield(Box::new(Expr::Var("acc".into())))),
        );
    }
    let len = 1 + g.rng.below(3 + 2 * g.yields.min(12) as u64) as usize;
    let script = (0..len).map(|_| g.rng.below(12) as u32).collect();
    crate::limits::drop_temps_before_yields(&mut body);
    Program {
        ret,
        body,
        script,
        edition: cfg.edition,
        owned,
        raw: None,
    }
}

/// Whether an attribute may stand on the statement (rustc: attributes on an assignment
/// are attributes on an expression, unstable; a mention of a `Noisy` is never wrapped so
/// that the minimizer never deletes one alone).
fn attr_ok(s: &Stmt) -> bool {
    !matches!(s, Stmt::Assign(..) | Stmt::Touch(_) | Stmt::DerefAssign(..))
}

/// `s`, wrapped in a block if an attribute cannot stand on it directly.
fn attr_safe(s: Stmt) -> Stmt {
    if matches!(s, Stmt::Assign(..) | Stmt::DerefAssign(..)) {
        Stmt::Block(
            Block {
                stmts: vec![s],
                tail: None,
            },
            false,
        )
    } else {
        s
    }
}

/// Whether `s` declares a mentioned `Noisy` (seen through attributes that keep it).
fn is_noisy_decl(s: &Stmt) -> bool {
    match s {
        Stmt::LetNoisy(n) => !n.starts_with('_'),
        Stmt::Attr(a, s) => a.enabled && is_noisy_decl(s),
        _ => false,
    }
}

fn declares_noisy(b: &Block) -> bool {
    b.stmts.iter().any(is_noisy_decl)
}

/// The item names a block declares (compiled ones only).
fn block_items(b: &Block) -> Vec<&'static str> {
    fn item(s: &Stmt) -> Option<&'static str> {
        match s {
            Stmt::Item(i) => Some(i.name()),
            Stmt::Attr(a, s) if a.enabled => item(s),
            _ => None,
        }
    }
    b.stmts.iter().filter_map(item).collect()
}

/// A `break`/`continue`/`return` written through a macro instead (unless its value
/// yields: a yield in a macro's arguments is a documented rejection; and only a `return`
/// of a residual, `None` or `Err(..)`: a macro-made `return` of any other value is a
/// documented limit).
fn via_macro(s: Stmt) -> Stmt {
    let value_yields = match &s {
        Stmt::Break(_, Some(e)) | Stmt::Return(e, _) => e.has_yield_token(),
        _ => false,
    };
    match s {
        Stmt::Break(..) | Stmt::Continue(_) | Stmt::Return(_, true) if !value_yields => {
            Stmt::Mac(Box::new(s))
        }
        Stmt::Attr(a, s) => Stmt::Attr(a, Box::new(via_macro(*s))),
        other => other,
    }
}

impl Gen {
    fn has(&self, family: u32) -> bool {
        self.cfg.features.has(family)
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    fn declare(&mut self, name: &str, kind: Kind) {
        self.scopes.last_mut().unwrap().push(Var {
            name: name.into(),
            kind,
        });
    }

    /// The bindings visible here: an inner (or later) binding hides a same-named one.
    fn visible(&self) -> Vec<&Var> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<&Var> = vec![];
        for scope in self.scopes.iter().rev() {
            for v in scope.iter().rev() {
                if seen.insert(v.name.as_str()) {
                    out.push(v);
                }
            }
        }
        // An owner borrowed mutably around this point, and the borrows taken of it before,
        // cannot be named here.
        out.retain(|v| match &v.kind {
            Kind::Owner { .. } | Kind::Text => !self.exclusive.contains(&v.name),
            Kind::Derived { of, .. } => !self.exclusive.contains(of),
            _ => true,
        });
        out.reverse();
        out
    }

    fn vars(&self, f: impl Fn(&Kind) -> bool) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| f(&v.kind))
            .map(|v| v.name.clone())
            .collect()
    }

    /// The mentioned `Noisy` values in scope (guards, named `_g..`, are never mentioned).
    fn noisies(&self) -> Vec<String> {
        self.vars(|k| *k == Kind::Noisy)
    }

    fn touch(&self) -> Option<Stmt> {
        let n = self.noisies();
        (!n.is_empty()).then_some(Stmt::Touch(n))
    }

    fn pick(&mut self, v: &[String]) -> String {
        v[self.rng.below(v.len() as u64) as usize].clone()
    }

    fn snapshot(&self) -> Snap {
        Snap {
            scopes: self.scopes.clone(),
            items: self.items.clone(),
            yields: self.yields,
        }
    }

    fn restore(&mut self, s: Snap) {
        self.scopes = s.scopes;
        self.items = s.items;
        self.yields = s.yields;
    }

    fn attr(&mut self, enabled: bool) -> Attr {
        let text = if enabled {
            *self.rng.choose(ATTRS_ON)
        } else {
            *self.rng.choose(ATTRS_OFF)
        };
        Attr { text, enabled }
    }

    /// A name for a binding of a pattern that may fail to match (`if let`, `let .. else`,
    /// a match arm, a let chain): as [`Gen::bind_name`], but never uppercase. An uppercase
    /// name there may be a constant to rustc, and the macro, which cannot tell, reads it as
    /// one: a documented limit (README, "Limits").
    fn refutable_name(&mut self, prefix: &str, kind: &Kind) -> String {
        let name = self.bind_name(prefix, kind);
        if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            self.fresh(prefix)
        } else {
            name
        }
    }

    /// A name for a new binding of `kind`: usually fresh; with the `shadow` family often
    /// the name of a visible binding of the same kind (never a `Noisy` or a loop counter),
    /// an uppercase name, or one that looks like the transform's own names.
    ///
    /// Only names of outer blocks are reused here: rebinding a name of the same block is
    /// [`Gen::shadow_statement`]'s, which mentions the old binding first (a same-block
    /// pair both held across one yield is a documented rejection).
    fn bind_name(&mut self, prefix: &str, kind: &Kind) -> String {
        if self.has(SHADOW) && self.rng.chance(30) {
            let u32_kind = matches!(kind, Kind::U32 { .. });
            let same: Vec<String> = self
                .vars(|k| {
                    if u32_kind {
                        matches!(k, Kind::U32 { .. })
                    } else {
                        k == kind
                    }
                })
                .into_iter()
                .filter(|n| !self.in_this_block(n))
                .collect();
            if !same.is_empty() && self.rng.chance(65) {
                return self.pick(&same);
            }
            if u32_kind {
                let special = match self.rng.below(4) {
                    0 => return self.fresh("Q"),
                    1 if !same.is_empty() => {
                        let base = self.pick(&same);
                        format!("{base}_shadowed_1")
                    }
                    2 => {
                        let n = *self.rng.choose(&[
                            "__t1",
                            "__t2",
                            "__arg",
                            "__value",
                            "__state",
                            "__self",
                            "__residual",
                            "__held_acc",
                        ]);
                        n.to_string()
                    }
                    _ => String::new(),
                };
                if !special.is_empty() && !self.in_this_block(&special) {
                    return special;
                }
            }
        }
        self.fresh(prefix)
    }

    /// Whether `name` is declared in the innermost scope.
    fn in_this_block(&self, name: &str) -> bool {
        self.scopes
            .last()
            .is_some_and(|s| s.iter().any(|v| v.name == name))
    }

    /// Before rebinding `name` in the block that declared it: a mention of the old binding,
    /// so that it is not a never-mentioned binding held to the end of the block (the
    /// same-block pair would be held across the next yield: a documented rejection).
    fn mention_before_rebinding(&mut self, out: &mut Vec<Stmt>, name: &str) {
        if self.in_this_block(name) {
            let k = self.rng.below(50) as u32;
            out.push(Stmt::Mention(k, name.into()));
        }
    }

    fn yield_expr(&mut self, depth: u32) -> Expr {
        if self.yield_free > 0 {
            return self.leaf();
        }
        self.yields += 1;
        let inner = if self.rng.chance(5) && depth < 3 {
            self.yield_expr(depth + 1)
        } else {
            self.leaf()
        };
        // An owned argument read through a field is a temporary of the statement (or
        // condition), dropped where Rust drops those; in a scrutinee only an `if let`'s
        // (deviation 4).
        if self.owned
            && self.has(TEMPS)
            && (self.no_tmp == 0 || self.kept_in_scrutinee)
            && self.rng.chance(30)
        {
            let borrowed = self.rng.chance(40);
            return Expr::YieldKept(Box::new(inner), borrowed);
        }
        Expr::Yield(Box::new(inner))
    }

    fn leaf(&mut self) -> Expr {
        if self.has(BORROWS) && self.rng.chance(35) {
            if let Some(e) = self.borrowed_leaf() {
                return e;
            }
        }
        if self.has(ITEMS | TEMPS | FIELDS) && self.rng.chance(20) {
            if let Some(e) = self.extra_leaf() {
                return e;
            }
        }
        let vars = self.vars(|k| matches!(k, Kind::U32 { .. } | Kind::Counter | Kind::Bool));
        if !vars.is_empty() && self.has(SHADOW) && self.rng.chance(6) {
            // What a macro makes of the name as text must not see the transform's names.
            Expr::Spelled(self.pick(&vars))
        } else if !vars.is_empty() && self.rng.chance(60) {
            Expr::Var(self.pick(&vars))
        } else {
            Expr::Lit(self.rng.below(10) as u32)
        }
    }

    /// A leaf of the feature families: an item, a temporary, a field.
    fn extra_leaf(&mut self) -> Option<Expr> {
        let ps = self.vars(|k| *k == Kind::P);
        let mut opts = vec![];
        if self.has(ITEMS) {
            opts.push(0);
        }
        if self.has(TEMPS) && self.no_tmp == 0 {
            opts.push(1);
        }
        if self.has(FIELDS) && !ps.is_empty() {
            opts.push(2);
        }
        if opts.is_empty() {
            return None;
        }
        Some(match *self.rng.choose(&opts) {
            0 => Expr::ItemRef(match self.rng.below(6) {
                0 => ItemRef::Call("hf"),
                1 => ItemRef::Call("hg"),
                2 => ItemRef::Name("KA"),
                3 => ItemRef::Name("KB"),
                4 => ItemRef::Name("SA"),
                _ => ItemRef::Method(self.rng.below(10) as u32),
            }),
            1 => Expr::Tmp(self.fresh("t")),
            _ => {
                let p = self.pick(&ps);
                Expr::Field(p, if self.rng.chance(50) { "u" } else { "z" })
            }
        })
    }

    /// A `u32` expression; `yields` says whether it may contain `yield_!`.
    fn expr(&mut self, depth: u32, yields: bool) -> Expr {
        let yields = yields && self.yield_free == 0;
        let y = if yields { 18 } else { 0 };
        if depth >= 3 {
            return if yields && self.rng.chance(y) {
                self.yield_expr(depth)
            } else {
                self.leaf()
            };
        }
        if self.has(FIELDS | MACROS | UNSAFE | TEMPS) && self.rng.chance(10) {
            if let Some(e) = self.extra_expr(depth, yields) {
                return e;
            }
        }
        let r = self.rng.below(100);
        match r {
            _ if r < y => self.yield_expr(depth),
            _ if r < 40 => self.leaf(),
            _ if r < 62 => {
                let op = *self.rng.choose(&["add", "mul", "^", "|"]);
                let a = self.expr(depth + 1, yields);
                let b = self.expr(depth + 1, yields);
                Expr::Bin(op, Box::new(a), Box::new(b))
            }
            _ if r < 70 => {
                let m = 1 + self.rng.below(5) as u32;
                Expr::Rem(Box::new(self.expr(depth + 1, yields)), m)
            }
            _ if r < 80 => {
                let k = self.rng.below(50) as u32;
                Expr::Tag(k, Box::new(self.expr(depth + 1, yields)))
            }
            _ if r < 86 && self.ret != Ret::Plain => {
                Expr::Try(Box::new(self.expr(depth + 1, yields)))
            }
            _ if r < 92 => {
                let c = self.cond(depth + 1, yields);
                let a = self.expr(depth + 1, yields);
                let b = self.expr(depth + 1, yields);
                Expr::If(Box::new(c), Box::new(a), Box::new(b))
            }
            _ => {
                let opts = self.vars(|k| *k == Kind::Opt);
                if opts.is_empty() {
                    self.leaf()
                } else {
                    let o = self.pick(&opts);
                    // No yield in the argument: a method call on a local place whose
                    // arguments yield is a documented limitation (README, "Limits").
                    Expr::UnwrapOr(o, Box::new(self.expr(depth + 1, false)))
                }
            }
        }
    }

    /// An expression of the feature families.
    fn extra_expr(&mut self, depth: u32, yields: bool) -> Option<Expr> {
        let mut opts = vec![];
        if self.has(FIELDS) {
            opts.extend([0, 1]);
        }
        if self.has(MACROS) {
            opts.extend([2, 3]);
        }
        if self.has(UNSAFE) {
            opts.push(4);
        }
        if self.has(TEMPS) && self.no_tmp == 0 {
            opts.extend([5, 5]);
        }
        if opts.is_empty() {
            return None;
        }
        Some(match *self.rng.choose(&opts) {
            0 => Expr::Pk(Box::new(self.plit(depth + 1, yields))),
            1 => Expr::Fmt(Box::new(self.fmt(depth + 1))),
            // Macro arguments never yield (a documented rejection).
            2 if self.ret != Ret::Plain => Expr::MacTry(Box::new(self.expr(depth + 1, false))),
            2 | 3 => Expr::VecLen(Box::new(self.expr(depth + 1, false))),
            4 => Expr::Unsafe(Box::new(self.expr(depth + 1, yields))),
            _ => {
                // An operand that may yield, then an operand temporary, kept to the end
                // of the statement. (A temporary before a yield of its statement is a
                // documented limit: see `limits`.)
                let op = *self.rng.choose(&["add", "mul", "^"]);
                let tmp = Expr::Tmp(self.fresh("t"));
                let rest = if yields && self.rng.chance(60) {
                    self.yield_expr(depth + 1)
                } else {
                    self.expr(depth + 1, yields)
                };
                Expr::Bin(op, Box::new(rest), Box::new(tmp))
            }
        })
    }

    /// A `P` literal: shorthand where a `u32` local named like the field is visible.
    fn plit(&mut self, depth: u32, yields: bool) -> PLit {
        let names = self.vars(|k| matches!(k, Kind::U32 { .. } | Kind::Counter));
        let field = |g: &mut Gen, f: &str| {
            if names.iter().any(|n| n == f) && g.rng.chance(70) {
                None
            } else {
                Some(g.expr(depth + 1, yields))
            }
        };
        let u = field(self, "u");
        let z = field(self, "z");
        let off = (self.has(CFG) && self.rng.chance(25)).then(|| {
            let snap = self.snapshot();
            let e = self.expr(depth + 1, yields);
            self.restore(snap);
            e
        });
        PLit { u, z, off }
    }

    /// A `format!` call: explicit or captured widths and precisions, captured values.
    /// Its arguments never yield (macro arguments: a documented rejection).
    fn fmt(&mut self, depth: u32) -> Fmt {
        let values = self.vars(|k| matches!(k, Kind::U32 { .. } | Kind::Counter | Kind::Bool));
        let widths = self.vars(|k| *k == Kind::Width);
        let e = |g: &mut Gen| g.expr(depth + 1, false);
        let r = self.rng.below(7);
        match r {
            0 => Fmt {
                spec: "{:w$}|".into(),
                args: vec![FmtArg::U32(e(self)), FmtArg::Usize(Some("w"), e(self))],
            },
            1 => Fmt {
                spec: "{:>1$}|".into(),
                args: vec![FmtArg::U32(e(self)), FmtArg::Usize(None, e(self))],
            },
            2 => Fmt {
                spec: "{:.p$}".into(),
                args: vec![FmtArg::Float(e(self)), FmtArg::Usize(Some("p"), e(self))],
            },
            3 if !values.is_empty() => {
                let v = self.pick(&values);
                let spec = match self.rng.below(3) {
                    0 => format!("{{{v}}}"),
                    1 => format!("{{{v}:>4}}|"),
                    _ => format!("[{{{v}:<3}}]{{}}"),
                };
                let args = if spec.ends_with("{}") {
                    vec![FmtArg::U32(e(self))]
                } else {
                    vec![]
                };
                Fmt { spec, args }
            }
            4 if !values.is_empty() && !widths.is_empty() => {
                let v = self.pick(&values);
                let w = self.pick(&widths);
                Fmt {
                    spec: format!("{{{v}:{w}$}}|"),
                    args: vec![],
                }
            }
            5 if !widths.is_empty() => {
                let w = self.pick(&widths);
                if self.rng.chance(50) {
                    Fmt {
                        spec: format!("{{:.{w}$}}"),
                        args: vec![FmtArg::Float(e(self))],
                    }
                } else {
                    Fmt {
                        spec: format!("{{:>{w}$}}|"),
                        args: vec![FmtArg::U32(e(self))],
                    }
                }
            }
            _ => Fmt {
                spec: "{}-{:03}".into(),
                args: vec![FmtArg::U32(e(self)), FmtArg::U32(e(self))],
            },
        }
    }

    fn cond(&mut self, depth: u32, yields: bool) -> Cond {
        let r = self.rng.below(100);
        if depth < 3 && r < 20 {
            let op = *self.rng.choose(&["&&", "||"]);
            let a = self.cond(depth + 1, yields);
            let b = self.cond(depth + 1, yields);
            return Cond::Logic(op, Box::new(a), Box::new(b));
        }
        if depth < 3 && r < 25 {
            return Cond::Not(Box::new(self.cond(depth + 1, yields)));
        }
        let bools = self.vars(|k| *k == Kind::Bool);
        if !bools.is_empty() && r < 35 {
            return Cond::Var(self.pick(&bools));
        }
        let op = *self.rng.choose(&["<", "==", "!=", ">="]);
        let mutables = self.vars(|k| *k == Kind::U32 { mutable: true });
        if self.has(ORDER)
            && yields
            && self.yield_free == 0
            && self.detached == 0
            && !mutables.is_empty()
            && self.rng.chance(15)
        {
            // The left operand is read before the right one assigns it, as rustc copies it.
            let v = self.pick(&mutables);
            let new = self.expr(depth + 1, false);
            let value = self.yield_expr(depth + 1);
            let form =
                *self
                    .rng
                    .choose(&[WriteForm::Assign, WriteForm::Destructure, WriteForm::Method]);
            let written = Expr::Overwrite(v.clone(), form, Box::new(new), Box::new(value));
            return Cond::Cmp(op, Expr::Var(v), written);
        }
        let a = self.expr(depth + 1, yields);
        let b = if self.rng.chance(60) {
            Expr::Lit(self.rng.below(10) as u32)
        } else {
            self.expr(depth + 1, yields)
        };
        if op == "==" || op == "!=" {
            Cond::Cmp(
                op,
                Expr::Rem(Box::new(a), 2 + self.rng.below(3) as u32),
                Expr::Lit(self.rng.below(2) as u32),
            )
        } else {
            Cond::Cmp(op, a, b)
        }
    }

    /// An expression in a scrutinee or `for` iterable: no `Noisy` temporaries.
    fn scrutinee(&mut self, depth: u32) -> Expr {
        self.no_tmp += 1;
        let e = self.expr(depth, true);
        self.no_tmp -= 1;
        e
    }

    /// Generates statements into a new scope that starts with `stmts` (already declared).
    fn block_in_scope(&mut self, stmts: Vec<Stmt>, top: bool) -> Block {
        self.items.push(vec![]);
        let mut b = Block { stmts, tail: None };
        let n = if top {
            3 + self.rng.below(6)
        } else {
            1 + self.rng.below(4)
        };
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            self.statement(&mut b.stmts);
        }
        if top {
            let own_noisy = self
                .scopes
                .last()
                .unwrap()
                .iter()
                .any(|v| v.kind == Kind::Noisy);
            let tail = self.expr(1, !own_noisy);
            b.tail = Some(tail);
        }
        self.items.pop();
        b
    }

    /// A nested block: pushes a scope, fills it, pops it.
    fn block(&mut self, prefix: Vec<Stmt>, tail: bool) -> Block {
        self.depth += 1;
        self.scopes.push(vec![]);
        let mut b = self.block_in_scope(prefix, false);
        if tail {
            let own_noisy = self
                .scopes
                .last()
                .unwrap()
                .iter()
                .any(|v| v.kind == Kind::Noisy);
            b.tail = Some(self.expr(1, !own_noisy));
        }
        self.scopes.pop();
        self.depth -= 1;
        b
    }

    /// A block starting with a `touch` of the live `Noisy` values when `after_yield`.
    fn branch(&mut self, after_yield: bool, tail: bool) -> Block {
        let prefix = if after_yield {
            self.touch().into_iter().collect()
        } else {
            vec![]
        };
        self.block(prefix, tail)
    }

    fn push(&mut self, out: &mut Vec<Stmt>, s: Stmt) {
        let y = s.has_yield();
        out.push(s);
        if y {
            if let Some(t) = self.touch() {
                out.push(t);
            }
        }
    }

    /// A diverging statement for the current point (used as the last statement of a block).
    fn diverge(&mut self, inner_noisy: bool) -> Stmt {
        self.detached += 1;
        let s = self.diverge_plain(inner_noisy);
        self.detached -= 1;
        let s = if self.has(MACROS) && self.rng.chance(35) {
            via_macro(s)
        } else {
            s
        };
        // An attribute that keeps the statement: it still diverges.
        if self.has(CFG) && self.rng.chance(15) {
            Stmt::Attr(self.attr(true), Box::new(s))
        } else {
            s
        }
    }

    fn diverge_plain(&mut self, inner_noisy: bool) -> Stmt {
        let loops: Vec<&Target> = self
            .targets
            .iter()
            .filter(|t| matches!(t, Target::Loop(..)))
            .collect();
        let can_yield = self.noisies().is_empty() && !inner_noisy;
        match self.rng.below(10) {
            0..=3 if !loops.is_empty() => {
                let t = loops[self.rng.below(loops.len() as u64) as usize].clone();
                let Target::Loop(label, value) = t else {
                    unreachable!()
                };
                let innermost = self.is_innermost(&label);
                let label = match label {
                    None if innermost => None,
                    None => return Stmt::Return(self.expr(1, can_yield), false),
                    Some(_) if innermost && self.rng.chance(30) => None,
                    some => some,
                };
                if self.rng.chance(50) && !value {
                    Stmt::Continue(label)
                } else {
                    let v = value.then(|| self.expr(1, can_yield));
                    Stmt::Break(label, v)
                }
            }
            4..=5 => {
                let blocks: Vec<String> = self
                    .targets
                    .iter()
                    .filter_map(|t| match t {
                        Target::Block(l) => Some(l.clone()),
                        _ => None,
                    })
                    .collect();
                if blocks.is_empty() {
                    let fail = self.ret != Ret::Plain && self.rng.chance(50);
                    Stmt::Return(self.expr(1, can_yield), fail)
                } else {
                    let l = self.pick(&blocks);
                    Stmt::Break(Some(l), Some(self.expr(1, can_yield)))
                }
            }
            6 if self.rng.chance(30) => Stmt::Panic(self.rng.below(100) as u32),
            _ => {
                let fail = self.ret != Ret::Plain && self.rng.chance(50);
                Stmt::Return(self.expr(1, can_yield), fail)
            }
        }
    }

    /// Whether the loop labelled `label` (or the unlabelled innermost loop) is the innermost
    /// break target, so that an unlabelled `break`/`continue` reaches it.
    fn is_innermost(&self, label: &Option<String>) -> bool {
        match self.targets.last() {
            Some(Target::Loop(l, _)) => l == label,
            _ => false,
        }
    }

    fn new_loop(&mut self, value: bool) -> Loop {
        self.loops += 1;
        let counter = self.fresh("c");
        let label = (value || self.rng.chance(60)).then(|| self.fresh("l"));
        let bound = 1 + self.rng.below(3) as u32;
        self.declare(&counter, Kind::Counter);
        let kind = if value {
            LoopKind::Loop {
                exit: Some(self.expr(1, self.noisies().is_empty())),
            }
        } else {
            match self.rng.below(3) {
                0 => LoopKind::Loop { exit: None },
                1 => LoopKind::While {
                    cond: self.rng.chance(50).then(|| self.cond(1, true)),
                },
                _ => {
                    let var = self.bind_name("i", &Kind::U32 { mutable: false });
                    LoopKind::For {
                        var,
                        end: self.scrutinee(1),
                    }
                }
            }
        };
        let head_yields = match &kind {
            LoopKind::While { cond: Some(c) } => c.has_yield(),
            LoopKind::For { end, .. } => end.has_yield(),
            _ => false,
        };
        self.targets.push(Target::Loop(label.clone(), value));
        self.depth += 1;
        self.scopes.push(vec![]);
        if let LoopKind::For { var, .. } = &kind {
            let var = var.clone();
            self.declare(&var, Kind::U32 { mutable: false });
        }
        let prefix = if head_yields {
            self.touch().into_iter().collect()
        } else {
            vec![]
        };
        let mut body = self.block_in_scope(prefix, false);
        // Jumps out of yield-free code should aim at loops that yield.
        if self.has(LABELS) && self.yield_free == 0 && !body.has_yield() && self.rng.chance(70) {
            let e = self.yield_expr(0);
            self.push(&mut body.stmts, Stmt::Expr(e));
        }
        if value && self.rng.chance(50) {
            // An extra conditional exit with a value.
            let c = self.cond(1, true);
            let then = {
                self.scopes.push(vec![]);
                let mut t = if c.has_yield() {
                    self.touch().into_iter().collect()
                } else {
                    vec![]
                };
                let v = self.expr(1, self.noisies().is_empty());
                t.push(Stmt::Break(label.clone(), Some(v)));
                self.scopes.pop();
                Block {
                    stmts: t,
                    tail: None,
                }
            };
            let s = Stmt::If(c, then, None);
            self.push(&mut body.stmts, s);
        }
        self.scopes.pop();
        self.depth -= 1;
        self.targets.pop();
        self.loops -= 1;
        Loop {
            label,
            counter,
            bound,
            kind,
            body,
        }
    }

    fn statement(&mut self, out: &mut Vec<Stmt>) {
        self.budget -= 1;
        if self.has(BORROWS) && self.rng.chance(40) && self.borrow_statement(out) {
            return;
        }
        if self.has(CFG | LABELS | ITEMS | SHADOW | FIELDS | MACROS | UNSAFE | TEMPS | CHAINS)
            && self.rng.chance(30)
            && self.extra_statement(out)
        {
            return;
        }
        let nested = self.depth < 4 && self.budget > 2;
        let r = self.rng.below(100);
        let mutables = self.vars(|k| *k == Kind::U32 { mutable: true });
        match r {
            0..=9 => {
                let name = self.bind_name("v", &Kind::U32 { mutable: false });
                let mutable = self.rng.chance(50);
                let init = self.expr(0, true);
                self.push(
                    out,
                    Stmt::LetU32 {
                        name: name.clone(),
                        mutable,
                        init,
                    },
                );
                self.declare(&name, Kind::U32 { mutable });
            }
            10..=17 if !mutables.is_empty() => {
                let n = self.pick(&mutables);
                let op = if self.has(ORDER) && self.rng.chance(30) {
                    // `(n, _) = (e, 0u32);`, `n.bump(e);`
                    *self.rng.choose(&["(,)=", ".bump"])
                } else {
                    *self.rng.choose(&["=", "^=", "|=", "+="])
                };
                // A method's receiver is borrowed across a yield in its arguments (rustc's
                // E0626, a documented rejection of coro's): `bump`'s argument has none.
                let e = self.expr(0, op != ".bump");
                self.push(out, Stmt::Assign(n, op, e));
            }
            10..=22 => {
                let e = if self.rng.chance(70) {
                    self.yield_expr(0)
                } else {
                    let k = self.rng.below(50) as u32;
                    Expr::Tag(k, Box::new(self.expr(1, true)))
                };
                self.push(out, Stmt::Expr(e));
            }
            23..=27 => {
                let guard = self.rng.chance(40);
                let name = if guard {
                    self.fresh("_g")
                } else {
                    self.fresh("n")
                };
                out.push(Stmt::LetNoisy(name.clone()));
                if !guard {
                    self.declare(&name, Kind::Noisy);
                }
            }
            28..=29 => {
                let own: Vec<String> = self
                    .scopes
                    .last()
                    .unwrap()
                    .iter()
                    .filter(|v| v.kind == Kind::Noisy)
                    .map(|v| v.name.clone())
                    .collect();
                if let Some(n) = own.first() {
                    out.push(Stmt::DropNoisy(n.clone()));
                    self.scopes.last_mut().unwrap().retain(|v| &v.name != n);
                }
            }
            30..=32 => {
                let a = self.bind_name("v", &Kind::U32 { mutable: false });
                let mut b = self.bind_name("v", &Kind::U32 { mutable: false });
                if b == a {
                    b = self.fresh("v");
                }
                let (x, y) = (self.expr(1, true), self.expr(1, true));
                self.push(out, Stmt::LetTuple(a.clone(), b.clone(), x, y));
                self.declare(&a, Kind::U32 { mutable: false });
                self.declare(&b, Kind::U32 { mutable: false });
            }
            33..=35 => {
                let n = self.bind_name("b", &Kind::Bool);
                let c = self.cond(0, true);
                self.push(out, Stmt::LetBool(n.clone(), c));
                self.declare(&n, Kind::Bool);
            }
            36..=38 => {
                let n = self.bind_name("o", &Kind::Opt);
                let e = self.expr(1, true);
                self.push(out, Stmt::LetOpt(n.clone(), e));
                self.declare(&n, Kind::Opt);
            }
            39..=50 if nested => {
                let c = self.cond(0, true);
                let y = c.has_yield();
                let then = self.branch(y, false);
                let mut els = (y || self.rng.chance(50)).then(|| self.branch(y, false));
                // Sometimes a diverging branch: `if c { ..; break/continue/return/panic }`.
                let mut then = then;
                if self.rng.chance(40) {
                    // The diverging statement ends a branch that may declare a mentioned
                    // `Noisy`: then its value must not yield (deviation 1).
                    let inner_noisy =
                        declares_noisy(&then) || els.as_ref().is_some_and(declares_noisy);
                    let mut d = vec![];
                    if self.has(CFG) && self.rng.chance(20) {
                        // A jump that is not compiled, alone or before a real one.
                        let snap = self.snapshot();
                        let off = self.diverge(inner_noisy);
                        self.restore(snap);
                        d.push(Stmt::Attr(self.attr(false), Box::new(off)));
                        if self.rng.chance(50) {
                            d.push(self.diverge(inner_noisy));
                        }
                    } else {
                        d.push(self.diverge(inner_noisy));
                    }
                    if self.rng.chance(50) || els.is_none() {
                        then.stmts.extend(d);
                    } else if let Some(e) = els.as_mut() {
                        e.stmts.extend(d);
                    }
                }
                self.push(out, Stmt::If(c, then, els));
            }
            51..=54 if nested => {
                let x = self.refutable_name("x", &Kind::U32 { mutable: false });
                let opts = self.vars(|k| *k == Kind::Opt);
                let (e, o) = if !opts.is_empty() && self.rng.chance(40) {
                    (None, self.pick(&opts))
                } else {
                    // Edition 2021 keeps the scrutinee's temporaries through the `else`
                    // block, which coro drops at its first suspension (deviation 4).
                    self.kept_in_scrutinee = self.cfg.edition == Edition::E2024;
                    let e = self.scrutinee(1);
                    self.kept_in_scrutinee = false;
                    (Some(e), String::new())
                };
                let y = e.as_ref().is_some_and(Expr::has_yield);
                self.scopes.push(vec![Var {
                    name: x.clone(),
                    kind: Kind::U32 { mutable: false },
                }]);
                let then = self.branch(y, false);
                self.scopes.pop();
                let els = self.branch(y, false);
                let mut e = e;
                if then.has_yield() {
                    if let Some(e) = &mut e {
                        crate::limits::keep_only_borrowed_arguments(e);
                    }
                }
                self.push(out, Stmt::IfLet(x, e, o, then, els));
            }
            55..=62 if nested => {
                let s = self.match_stmt();
                self.push(out, s);
            }
            63..=74 if nested && self.loops < 3 => {
                let l = self.new_loop(false);
                self.push(out, Stmt::Loop(l));
            }
            75..=78 if nested && self.loops < 3 => {
                let n = self.bind_name("v", &Kind::U32 { mutable: false });
                let l = self.new_loop(true);
                self.push(out, Stmt::LetLoop(n.clone(), l));
                self.declare(&n, Kind::U32 { mutable: false });
            }
            79..=82 if nested => {
                let n = self.bind_name("v", &Kind::U32 { mutable: false });
                let label = self.fresh("k");
                self.targets.push(Target::Block(label.clone()));
                let mut b = self.block(vec![], true);
                self.targets.pop();
                if self.rng.chance(50) {
                    // An early exit from the labelled block.
                    let c = self.cond(1, true);
                    self.scopes.push(vec![]);
                    let mut t: Vec<Stmt> = if c.has_yield() {
                        self.touch().into_iter().collect()
                    } else {
                        vec![]
                    };
                    let v = self.expr(1, self.noisies().is_empty());
                    t.push(Stmt::Break(Some(label.clone()), Some(v)));
                    self.scopes.pop();
                    b.stmts.insert(
                        0,
                        Stmt::If(
                            c,
                            Block {
                                stmts: t,
                                tail: None,
                            },
                            None,
                        ),
                    );
                }
                self.push(out, Stmt::LetLabelled(n.clone(), label, b));
                self.declare(&n, Kind::U32 { mutable: false });
            }
            83..=86 if nested => {
                let n = self.bind_name("v", &Kind::U32 { mutable: false });
                let c = self.cond(1, true);
                let y = c.has_yield();
                let a = self.branch(y, true);
                let b = self.branch(y, true);
                self.push(out, Stmt::LetIf(n.clone(), c, a, b));
                self.declare(&n, Kind::U32 { mutable: false });
            }
            87..=91 => {
                let n = self.refutable_name("v", &Kind::U32 { mutable: false });
                let e = self.scrutinee(1);
                let y = e.has_yield();
                self.scopes.push(vec![]);
                let mut els: Vec<Stmt> = if y {
                    self.touch().into_iter().collect()
                } else {
                    vec![]
                };
                els.push(self.diverge(false));
                self.scopes.pop();
                self.push(
                    out,
                    Stmt::LetElse(
                        n.clone(),
                        e,
                        Block {
                            stmts: els,
                            tail: None,
                        },
                    ),
                );
                self.declare(&n, Kind::U32 { mutable: false });
            }
            _ => {
                let e = self.yield_expr(0);
                self.push(out, Stmt::Expr(e));
            }
        }
    }

    /// A `match` on `e % m` or on an `Option` local.
    fn match_stmt(&mut self) -> Stmt {
        let opts = self.vars(|k| *k == Kind::Opt);
        let (scrut, opt_local, mut arms) = if !opts.is_empty() && self.rng.chance(30) {
            let o = self.pick(&opts);
            let x = self.refutable_name("x", &Kind::U32 { mutable: false });
            self.scopes.push(vec![Var {
                name: x.clone(),
                kind: Kind::U32 { mutable: false },
            }]);
            let a = self.arm_body(false);
            self.scopes.pop();
            let b = self.arm_body(false);
            let arms = vec![
                Arm {
                    attr: None,
                    pat: Pat::Some(x),
                    body: a,
                },
                Arm {
                    attr: None,
                    pat: Pat::None,
                    body: b,
                },
            ];
            (None, Some(o), arms)
        } else {
            let m = 2 + self.rng.below(3) as u32;
            let e = self.scrutinee(1);
            let y = e.has_yield();
            let mut arms = vec![];
            let n = 1 + self.rng.below(3);
            for i in 0..n {
                let pat = match self.rng.below(3) {
                    0 => Pat::Lit(i as u32),
                    1 => Pat::Or(i as u32, (i + 1) as u32 % m),
                    _ => {
                        let x = self.refutable_name("x", &Kind::U32 { mutable: false });
                        self.scopes.push(vec![Var {
                            name: x.clone(),
                            kind: Kind::U32 { mutable: false },
                        }]);
                        // No yield in a guard: rustc rejects it (E0626, the
                        // scrutinee is borrowed while the guard runs).
                        let g = self.cond(1, false);
                        self.scopes.pop();
                        Pat::Bind(x, Some(g))
                    }
                };
                let guard_yields = matches!(&pat, Pat::Bind(_, Some(g)) if g.has_yield());
                if let Pat::Bind(x, _) = &pat {
                    self.scopes.push(vec![Var {
                        name: x.clone(),
                        kind: Kind::U32 { mutable: false },
                    }]);
                } else {
                    self.scopes.push(vec![]);
                }
                let body = self.arm_body(y || guard_yields || arms_yield(&arms));
                self.scopes.pop();
                arms.push(Arm {
                    attr: None,
                    pat,
                    body,
                });
            }
            let any = y || arms_yield(&arms);
            let last = if self.rng.chance(50) {
                let x = self.refutable_name("x", &Kind::U32 { mutable: false });
                self.scopes.push(vec![Var {
                    name: x.clone(),
                    kind: Kind::U32 { mutable: false },
                }]);
                let b = self.arm_body(any);
                self.scopes.pop();
                Arm {
                    attr: None,
                    pat: Pat::Bind(x, None),
                    body: b,
                }
            } else {
                Arm {
                    attr: None,
                    pat: Pat::Wild,
                    body: self.arm_body(any),
                }
            };
            arms.push(last);
            (Some((e, m)), None, arms)
        };
        if self.has(CFG) {
            if self.rng.chance(30) {
                // An arm that is not compiled (never the last, exhaustive one); a `_`
                // there would take every value if it were compiled.
                let snap = self.snapshot();
                let body = self.block(vec![], false);
                self.restore(snap);
                let pat = if self.rng.chance(50) {
                    Pat::Wild
                } else {
                    Pat::Lit(self.rng.below(4) as u32)
                };
                let at = self.rng.below(arms.len() as u64) as usize;
                let attr = Some(self.attr(false));
                arms.insert(at, Arm { attr, pat, body });
            }
            if self.rng.chance(20) {
                let at = self.rng.below(arms.len() as u64) as usize;
                if arms[at].attr.is_none() {
                    arms[at].attr = Some(self.attr(true));
                }
            }
        }
        Stmt::Match {
            scrut,
            opt_local,
            arms,
        }
    }

    /// The body of a match arm (with a `touch` first when `after_yield`); with the `labels`
    /// family, sometimes yield-free and ending in a jump.
    fn arm_body(&mut self, after_yield: bool) -> Block {
        if !(self.has(LABELS) && !self.targets.is_empty() && self.rng.chance(30)) {
            return self.branch(after_yield, false);
        }
        let free = self.rng.chance(60);
        self.yield_free += u32::from(free);
        let mut b = self.branch(after_yield, false);
        self.yield_free -= u32::from(free);
        // The jump is generated outside the arm's block, like the one of an `if` branch;
        // its value may not yield if the arm declares a mentioned `Noisy` (deviation 1).
        let inner = declares_noisy(&b);
        self.yield_free += u32::from(free);
        let d = self.diverge(inner);
        self.yield_free -= u32::from(free);
        b.stmts.push(d);
        b
    }

    /// A statement of the feature families; `false` if none fits here.
    fn extra_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        let nested = self.depth < 4 && self.budget > 2;
        let mut fams = vec![];
        for f in [CFG, ITEMS, SHADOW, FIELDS, MACROS, TEMPS] {
            if self.has(f) {
                fams.push(f);
            }
        }
        if self.has(LABELS) && !self.targets.is_empty() {
            fams.push(LABELS);
        }
        if self.has(UNSAFE) && nested {
            fams.push(UNSAFE);
        }
        if self.has(CHAINS) && self.cfg.edition == Edition::E2024 && nested {
            fams.extend([CHAINS, CHAINS]);
        }
        if fams.is_empty() {
            return false;
        }
        match *self.rng.choose(&fams) {
            CFG => self.cfg_statement(out),
            LABELS => self.labels_statement(out),
            ITEMS => self.items_statement(out, nested),
            SHADOW => self.shadow_statement(out, nested),
            FIELDS => self.fields_statement(out),
            MACROS => self.macros_statement(out),
            UNSAFE => {
                if self.rng.chance(60) {
                    let b = self.block(vec![], false);
                    self.push(out, Stmt::Block(b, true));
                } else {
                    let name = self.bind_name("v", &Kind::U32 { mutable: false });
                    let init = Expr::Unsafe(Box::new(self.expr(1, true)));
                    self.push(
                        out,
                        Stmt::LetU32 {
                            name: name.clone(),
                            mutable: false,
                            init,
                        },
                    );
                    self.declare(&name, Kind::U32 { mutable: false });
                }
                true
            }
            TEMPS => self.temps_statement(out),
            _ => self.chain_statement(out),
        }
    }

    fn cfg_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        match self.rng.below(7) {
            0..=1 => {
                // A statement that is not compiled: generated like any other, then the
                // generator forgets what it declared, dropped or yielded.
                let snap = self.snapshot();
                let mut tmp = vec![];
                self.statement(&mut tmp);
                self.restore(snap);
                let a = self.attr(false);
                for s in tmp {
                    out.push(Stmt::Attr(a, Box::new(attr_safe(s))));
                }
            }
            2..=3 => {
                let mut tmp = vec![];
                self.statement(&mut tmp);
                let mut it = tmp.into_iter();
                if let Some(first) = it.next() {
                    if attr_ok(&first) {
                        let a = self.attr(true);
                        out.push(Stmt::Attr(a, Box::new(first)));
                    } else {
                        out.push(first);
                    }
                }
                out.extend(it);
            }
            4..=5 => {
                // `#[cfg(any())] let x = ..; #[cfg(not(any()))] let x = ..;`
                let name = self.bind_name("v", &Kind::U32 { mutable: false });
                let mutable = self.rng.chance(30);
                let snap = self.snapshot();
                let off_init = self.expr(0, true);
                self.restore(snap);
                let on_init = self.expr(0, true);
                let off = Stmt::Attr(
                    self.attr(false),
                    Box::new(Stmt::LetU32 {
                        name: name.clone(),
                        mutable,
                        init: off_init,
                    }),
                );
                let on = Stmt::Attr(
                    self.attr(true),
                    Box::new(Stmt::LetU32 {
                        name: name.clone(),
                        mutable,
                        init: on_init,
                    }),
                );
                if self.rng.chance(50) {
                    out.push(off);
                    self.push(out, on);
                } else {
                    self.push(out, on);
                    out.push(off);
                }
                self.declare(&name, Kind::U32 { mutable });
            }
            _ => {
                // Twin items: one compiled, one not.
                let taken = self.items.last().cloned().unwrap_or_default();
                let Some(on) = self.new_item(&taken) else {
                    return false;
                };
                let v = 50 + self.rng.below(50) as u32;
                let off = match &on {
                    Item::Fn(n, _, k) => Item::Fn(n, v, *k),
                    Item::Const(n, _) => Item::Const(n, v),
                    Item::Static(n, _) => Item::Static(n, v),
                    Item::Struct(_) => Item::Struct(v),
                    Item::Use(n, _) => Item::Fn(n, v, false),
                };
                let name = on.name();
                if let Some(f) = self.items.last_mut() {
                    f.push(name);
                }
                let (a, b) = (self.attr(false), self.attr(true));
                let (first, second) = (Stmt::Item(off), Stmt::Item(on));
                if self.rng.chance(50) {
                    out.push(Stmt::Attr(a, Box::new(first)));
                    out.push(Stmt::Attr(b, Box::new(second)));
                } else {
                    out.push(Stmt::Attr(b, Box::new(second)));
                    out.push(Stmt::Attr(a, Box::new(first)));
                }
                let k = self.rng.below(50) as u32;
                let r = self.item_ref(name);
                out.push(Stmt::Expr(Expr::Tag(k, Box::new(r))));
            }
        }
        true
    }

    /// A use of the item named `name`.
    fn item_ref(&mut self, name: &'static str) -> Expr {
        Expr::ItemRef(match name {
            "hf" | "hg" => ItemRef::Call(name),
            "W" => ItemRef::Method(self.rng.below(10) as u32),
            n => ItemRef::Name(n),
        })
    }

    /// A new item whose name is not in `taken` (the names the block already declares).
    fn new_item(&mut self, taken: &[&'static str]) -> Option<Item> {
        for _ in 0..3 {
            let v = self.rng.below(50) as u32;
            const FNS: [&str; 2] = ["hf", "hg"];
            const CONSTS: [&str; 2] = ["KA", "KB"];
            const ALTS: [&str; 2] = ["alt1", "alt2"];
            let pick = |g: &mut Gen, names: [&'static str; 2]| names[g.rng.below(2) as usize];
            let item = match self.rng.below(6) {
                0 | 1 => Item::Fn(pick(self, FNS), v, self.rng.chance(30)),
                2 => Item::Const(pick(self, CONSTS), v),
                3 => Item::Static("SA", v),
                4 => Item::Struct(v),
                _ => match self.rng.below(3) {
                    0 => Item::Use("hf", pick(self, ALTS)),
                    1 => Item::Use("hg", pick(self, ALTS)),
                    _ => Item::Use("KA", "KALT"),
                },
            };
            if !taken.contains(&item.name()) {
                return Some(item);
            }
        }
        None
    }

    fn items_statement(&mut self, out: &mut Vec<Stmt>, nested: bool) -> bool {
        match self.rng.below(3) {
            0 => {
                let taken = self.items.last().cloned().unwrap_or_default();
                let Some(item) = self.new_item(&taken) else {
                    return false;
                };
                if let Some(f) = self.items.last_mut() {
                    f.push(item.name());
                }
                out.push(Stmt::Item(item));
            }
            1 if nested => {
                // A block that declares an item and calls it; its sibling blocks and the
                // outer block may declare the same name with another value.
                let mut b = self.block(vec![], false);
                let taken = block_items(&b);
                let Some(item) = self.new_item(&taken) else {
                    return false;
                };
                let name = item.name();
                let at = self.rng.below(b.stmts.len() as u64 + 1) as usize;
                b.stmts.insert(at, Stmt::Item(item));
                let k = self.rng.below(50) as u32;
                let r = self.item_ref(name);
                b.stmts.push(Stmt::Expr(Expr::Tag(k, Box::new(r))));
                self.push(out, Stmt::Block(b, false));
            }
            _ => {
                let name = *self.rng.choose(&["hf", "hg", "KA", "KB", "SA", "W"]);
                let r = self.item_ref(name);
                let mutables = self.vars(|k| *k == Kind::U32 { mutable: true });
                if !mutables.is_empty() && self.rng.chance(50) {
                    let n = self.pick(&mutables);
                    out.push(Stmt::Assign(n, "^=", r));
                } else {
                    let k = self.rng.below(50) as u32;
                    out.push(Stmt::Expr(Expr::Tag(k, Box::new(r))));
                }
            }
        }
        true
    }

    fn shadow_statement(&mut self, out: &mut Vec<Stmt>, nested: bool) -> bool {
        let names = self.vars(|k| matches!(k, Kind::U32 { .. }));
        if names.is_empty() {
            return false;
        }
        let name = self.pick(&names);
        if !nested || self.rng.chance(50) {
            // Rebinding in the same block (or an outer one's name).
            self.mention_before_rebinding(out, &name);
            let mutable = self.rng.chance(30);
            let init = self.expr(0, true);
            self.push(
                out,
                Stmt::LetU32 {
                    name: name.clone(),
                    mutable,
                    init,
                },
            );
            self.declare(&name, Kind::U32 { mutable });
        } else {
            // Rebinding in a nested block; both values are used afterwards.
            self.depth += 1;
            self.scopes.push(vec![]);
            let init = self.expr(0, true);
            let first = Stmt::LetU32 {
                name: name.clone(),
                mutable: false,
                init,
            };
            let mut prefix = vec![];
            self.push(&mut prefix, first);
            self.declare(&name, Kind::U32 { mutable: false });
            let mut b = self.block_in_scope(prefix, false);
            let k = self.rng.below(50) as u32;
            b.stmts
                .push(Stmt::Expr(Expr::Tag(k, Box::new(Expr::Var(name.clone())))));
            self.scopes.pop();
            self.depth -= 1;
            self.push(out, Stmt::Block(b, false));
            out.push(Stmt::Expr(Expr::Tag(k + 50, Box::new(Expr::Var(name)))));
        }
        true
    }

    fn fields_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        match self.rng.below(5) {
            0 => {
                let p = self.fresh("p");
                let lit = self.plit(0, true);
                self.push(out, Stmt::LetP(PPat::Name(p.clone()), PInit::Lit(lit)));
                self.declare(&p, Kind::P);
            }
            1 => {
                let ps = self.vars(|k| *k == Kind::P);
                let u32k = Kind::U32 { mutable: false };
                let ub = if self.rng.chance(60) {
                    "u".to_string()
                } else {
                    self.bind_name("v", &u32k)
                };
                let mut zb = if self.rng.chance(60) {
                    "z".to_string()
                } else {
                    self.bind_name("v", &u32k)
                };
                if zb == ub {
                    zb = self.fresh("v");
                }
                self.mention_before_rebinding(out, &ub);
                self.mention_before_rebinding(out, &zb);
                let init = if !ps.is_empty() && self.rng.chance(60) {
                    PInit::Local(self.pick(&ps))
                } else {
                    PInit::Lit(self.plit(0, true))
                };
                self.push(out, Stmt::LetP(PPat::Fields(ub.clone(), zb.clone()), init));
                self.declare(&ub, u32k.clone());
                self.declare(&zb, u32k);
            }
            2 => {
                let w = self.fresh("w");
                let e = self.expr(1, true);
                self.push(out, Stmt::LetWidth(w.clone(), e));
                self.declare(&w, Kind::Width);
            }
            3 => {
                // `let u = ..;` so that shorthand has something to refer to.
                let n = if self.rng.chance(50) { "u" } else { "z" };
                self.mention_before_rebinding(out, n);
                let init = self.expr(0, true);
                self.push(
                    out,
                    Stmt::LetU32 {
                        name: n.into(),
                        mutable: false,
                        init,
                    },
                );
                self.declare(n, Kind::U32 { mutable: false });
            }
            _ => {
                let f = self.fmt(0);
                let k = self.rng.below(50) as u32;
                out.push(Stmt::Expr(Expr::Tag(k, Box::new(Expr::Fmt(Box::new(f))))));
            }
        }
        true
    }

    fn macros_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        match self.rng.below(3) {
            0 if self.ret != Ret::Plain => {
                // Macro arguments never yield (a documented rejection), and a macro-made
                // `return` returns a residual (a documented limit).
                let c = self.cond(1, false);
                let e = self.expr(1, false);
                out.push(Stmt::BailIf(c, e));
            }
            0 | 1 => {
                let e = self.expr(1, false);
                let e = if self.ret != Ret::Plain && self.rng.chance(50) {
                    Expr::MacTry(Box::new(e))
                } else {
                    Expr::VecLen(Box::new(e))
                };
                let k = self.rng.below(50) as u32;
                self.push(out, Stmt::Expr(Expr::Tag(k, Box::new(e))));
            }
            _ => {
                // `if c { brk!('l) }` and the like.
                let c = self.cond(0, true);
                let y = c.has_yield();
                let mut b = self.branch(y, false);
                let inner = declares_noisy(&b);
                let d = via_macro(self.diverge(inner));
                b.stmts.push(d);
                self.push(out, Stmt::If(c, b, None));
            }
        }
        true
    }

    fn labels_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        self.yield_free += 1;
        match self.rng.below(3) {
            0 => {
                // A jump out of a macro's arguments.
                let c = self.cond(1, false);
                let j = self.diverge(false);
                out.push(Stmt::MacroJump(self.rng.chance(50), c, Box::new(j)));
            }
            1 => {
                // A yield-free branch ending in a jump.
                let c = self.cond(0, false);
                let mut b = self.block(vec![], false);
                let d = self.diverge(declares_noisy(&b));
                b.stmts.push(d);
                let els = self.rng.chance(40).then(|| self.block(vec![], false));
                out.push(Stmt::If(c, b, els));
            }
            _ => {
                // A yield-free match whose arms jump.
                let m = 2 + self.rng.below(3) as u32;
                let e = self.expr(1, false);
                let mut arms = vec![];
                for i in 0..1 + self.rng.below(2) {
                    let mut body = self.block(vec![], false);
                    if self.rng.chance(70) {
                        let d = self.diverge(declares_noisy(&body));
                        body.stmts.push(d);
                    }
                    arms.push(Arm {
                        attr: None,
                        pat: Pat::Lit(i as u32),
                        body,
                    });
                }
                let body = self.block(vec![], false);
                arms.push(Arm {
                    attr: None,
                    pat: Pat::Wild,
                    body,
                });
                out.push(Stmt::Match {
                    scrut: Some((e, m)),
                    opt_local: None,
                    arms,
                });
            }
        }
        self.yield_free -= 1;
        true
    }

    fn temps_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        match self.rng.below(3) {
            0 => {
                let e = if self.rng.chance(70) {
                    self.yield_expr(0)
                } else {
                    self.expr(0, true)
                };
                self.push(out, Stmt::LetUnder(e));
            }
            1 => {
                // Never mentioned: held to the end of the block, as a guard; or a borrow
                // of the resume argument, which lives as long as the block too.
                let n = self.fresh("_a");
                // The argument itself, not a field of it (`let _a = &(&yield_!(v)).0;`
                // is left to the corpus).
                let e = match self.yield_expr(0) {
                    Expr::YieldKept(inner, _) => Expr::Yield(inner),
                    e => e,
                };
                let borrowed = self.rng.chance(40);
                self.push(out, Stmt::LetArg(n, borrowed, e));
            }
            _ => {
                // `f(yield_!(v), Noisy(..).id())`: the temporary, made after the resume,
                // lives to the end of the statement.
                let op = *self.rng.choose(&["add", "mul", "^"]);
                let tmp = Expr::Tmp(self.fresh("t"));
                let y = self.yield_expr(1);
                let e = Expr::Bin(op, Box::new(y), Box::new(tmp));
                let mutables = self.vars(|k| *k == Kind::U32 { mutable: true });
                match self.rng.below(3) {
                    0 => {
                        let name = self.bind_name("v", &Kind::U32 { mutable: false });
                        self.push(
                            out,
                            Stmt::LetU32 {
                                name: name.clone(),
                                mutable: false,
                                init: e,
                            },
                        );
                        self.declare(&name, Kind::U32 { mutable: false });
                    }
                    1 if !mutables.is_empty() => {
                        let n = self.pick(&mutables);
                        self.push(out, Stmt::Assign(n, "^=", e));
                    }
                    _ => {
                        let k = self.rng.below(50) as u32;
                        self.push(out, Stmt::Expr(Expr::Tag(k, Box::new(e))));
                    }
                }
            }
        }
        true
    }

    /// `if let Some(x) = opt(e) && c && let Some(y) = o { .. } else { .. }` (2024).
    fn chain_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        let n = 2 + self.rng.below(2);
        self.scopes.push(vec![]);
        self.no_tmp += 1;
        let mut links = vec![];
        let mut has_let = false;
        // Chain bindings that own a `Noisy`, which a later link may move (into another
        // binding, or by a call): the block then does not own it.
        let mut owning: Vec<String> = vec![];
        for i in 0..n {
            if !owning.is_empty() && self.rng.chance(30) {
                let x = owning.remove(self.rng.below(owning.len() as u64) as usize);
                for scope in &mut self.scopes {
                    scope.retain(|v| v.name != x);
                }
                if self.rng.chance(50) {
                    let y = self.fresh("n");
                    links.push(Link::LetMove(y.clone(), x));
                    self.declare(&y, Kind::Noisy);
                    owning.push(y);
                    has_let = true;
                } else {
                    links.push(Link::Consume(x));
                }
            } else if self.rng.chance(20) {
                let x = self.fresh("n");
                links.push(Link::LetNoisy(x.clone()));
                self.declare(&x, Kind::Noisy);
                owning.push(x);
                has_let = true;
            } else if (i == n - 1 && !has_let) || self.rng.chance(55) {
                let opts = self.vars(|k| *k == Kind::Opt);
                let x = self.refutable_name("x", &Kind::U32 { mutable: false });
                let link = if !opts.is_empty() && self.rng.chance(30) {
                    Link::LetLocal(x.clone(), self.pick(&opts))
                } else {
                    Link::Let(x.clone(), self.expr(1, true))
                };
                links.push(link);
                self.declare(&x, Kind::U32 { mutable: false });
                has_let = true;
            } else {
                links.push(Link::Cond(self.cond(1, true)));
            }
        }
        self.no_tmp -= 1;
        let y = links.iter().any(Link::has_yield);
        let then = self.branch(y, false);
        self.scopes.pop();
        let els = self.branch(y, false);
        self.push(out, Stmt::IfChain(links, then, els));
        true
    }
}

/// The texts a `String` owner starts with: ASCII, at least two bytes, spaces and newlines
/// for `split` and `lines`.
const TEXTS: &[&str] = &["ab c", "x\\ny z", "hello", "a  b\\nc", "q r s t"];

impl Gen {
    /// A read through a borrow, or of an owner (`w3[0]`, `(s4.len() as u32)`).
    fn borrowed_leaf(&mut self) -> Option<Expr> {
        let mut codes: Vec<String> = vec![];
        for v in self.visible() {
            match &v.kind {
                Kind::Derived { code, .. } => codes.extend([code.clone(), code.clone()]),
                Kind::DerivedMut { .. } => codes.push(format!("*{}", v.name)),
                Kind::Owner { noisy: false } => {
                    codes.push(format!("{}[0]", v.name));
                    codes.push(format!("({}.len() as u32)", v.name));
                }
                // Not a `Vec<Noisy>`: a mention of one in another macro's arguments may
                // move it, and the coroutine would drop it early (deviation 1).
                Kind::Text => codes.push(format!("({}.len() as u32)", v.name)),
                _ => {}
            }
        }
        (!codes.is_empty()).then(|| Expr::Code(self.pick(&codes)))
    }

    /// The visible owners (not borrowed mutably around here).
    fn owners(&self, f: impl Fn(&Kind) -> bool) -> Vec<String> {
        self.vars(|k| matches!(k, Kind::Owner { .. } | Kind::Text) && f(k))
    }

    fn kind_of(&self, name: &str) -> Option<Kind> {
        self.visible()
            .into_iter()
            .find(|v| v.name == name)
            .map(|v| v.kind.clone())
    }

    /// Whether `owner` may change here: no loop borrows it and no loop was entered since it
    /// was declared.
    fn may_change(&self, owner: &str) -> bool {
        !self.loop_borrowed.iter().any(|o| o == owner)
            && self
                .owner_loops
                .iter()
                .rev()
                .find(|(o, _)| o == owner)
                .is_some_and(|(_, loops)| *loops == self.loops)
    }

    /// The borrows of `owner` taken so far end (it changes, or is borrowed mutably).
    fn end_borrows_of(&mut self, owner: &str) {
        for scope in &mut self.scopes {
            scope.retain(|v| !matches!(&v.kind, Kind::Derived { of, .. } if of == owner));
        }
    }

    /// A stable `usize` for an index or a count: a literal, or one of a `u32` local that
    /// does not change.
    fn stable_count(&mut self, modulus: u32) -> String {
        let fixed = self.vars(|k| matches!(k, Kind::U32 { mutable: false }));
        if !fixed.is_empty() && self.rng.chance(40) {
            let v = self.pick(&fixed);
            format!("({v} as usize % {modulus})")
        } else {
            self.rng.below(modulus as u64).to_string()
        }
    }

    /// A statement of the `borrows` family.
    fn borrow_statement(&mut self, out: &mut Vec<Stmt>) -> bool {
        let nested = self.depth < 4 && self.budget > 2 && self.loops < 3;
        let owners = self.owners(|_| true);
        let r = if owners.is_empty() {
            0
        } else {
            self.rng.below(20)
        };
        match r {
            0 | 1 if owners.len() < 3 || self.rng.chance(20) => {
                let name = self.fresh("w");
                let kind = match self.rng.below(4) {
                    0 => {
                        let n = 1 + self.rng.below(3);
                        let items: Vec<String> =
                            (0..n).map(|i| format!("Noisy(\"{name}.{i}\")")).collect();
                        out.push(Stmt::Code(format!(
                            "let {name} = vec![{}];",
                            items.join(", ")
                        )));
                        Kind::Owner { noisy: true }
                    }
                    1 => {
                        let text = *self.rng.choose(TEXTS);
                        out.push(Stmt::Code(format!(
                            "let mut {name} = String::from(\"{text}\");"
                        )));
                        Kind::Text
                    }
                    _ => {
                        let n = 1 + self.rng.below(4);
                        let items: Vec<String> = (0..n)
                            .map(|_| {
                                let e = self.expr(1, false);
                                Printer::expr_text(&e, self.ret)
                            })
                            .collect();
                        out.push(Stmt::Code(format!(
                            "let mut {name}: Vec<u32> = vec![{}];",
                            items.join(", ")
                        )));
                        Kind::Owner { noisy: false }
                    }
                };
                self.declare(&name, kind);
                self.owner_loops.push((name, self.loops));
                true
            }
            2..=10 if nested && !owners.is_empty() => {
                let owner = self.pick(&owners);
                self.borrow_loop(out, &owner);
                true
            }
            11..=14 if !owners.is_empty() => {
                let owner = self.pick(&owners);
                self.place_borrow(out, &owner)
            }
            15 | 16 if !owners.is_empty() => {
                let owner = self.pick(&owners);
                if !self.may_change(&owner) {
                    return false;
                }
                let code = match self.kind_of(&owner) {
                    Some(Kind::Owner { noisy: false }) => {
                        let e = Printer::expr_text(&self.expr(1, false), self.ret);
                        if self.rng.chance(50) {
                            format!("{owner}.push({e});")
                        } else {
                            // In braces: an attribute may stand on it (not on an
                            // assignment expression).
                            format!("{{ {owner}[0] = {e}; }}")
                        }
                    }
                    Some(Kind::Text) => format!(
                        "{owner}.push_str(\"{}\");",
                        self.rng.choose(&["k", " m", "\\no"])
                    ),
                    _ => return false,
                };
                self.end_borrows_of(&owner);
                out.push(Stmt::Code(code));
                true
            }
            18 | 19 if nested && !owners.is_empty() => {
                let owner = self.pick(&owners);
                self.pattern_borrow(out, &owner)
            }
            17 if nested && !owners.is_empty() => {
                // `{ let m = &mut w[i]; .. }`.
                let owner = self.pick(&owners);
                if !matches!(self.kind_of(&owner), Some(Kind::Owner { noisy: false }))
                    || !self.may_change(&owner)
                {
                    return false;
                }
                self.end_borrows_of(&owner);
                let m = self.fresh("m");
                let index = self.stable_count(1);
                self.exclusive.push(owner.clone());
                self.depth += 1;
                self.scopes.push(vec![]);
                self.declare(&m, Kind::DerivedMut { of: owner.clone() });
                let mut body = self.block_in_scope(vec![], false);
                if self.rng.chance(60) {
                    let e = self.expr(1, true);
                    self.push(&mut body.stmts, Stmt::DerefAssign(m.clone(), e));
                }
                self.scopes.pop();
                self.depth -= 1;
                self.exclusive.pop();
                self.push(out, Stmt::MutBorrow(m, format!("{owner}[{index}]"), body));
                true
            }
            _ => {
                let muts = self.vars(|k| matches!(k, Kind::DerivedMut { .. }));
                if muts.is_empty() {
                    return false;
                }
                let m = self.pick(&muts);
                let e = self.expr(1, true);
                self.push(out, Stmt::DerefAssign(m, e));
                true
            }
        }
    }

    /// `let r = <a borrow of a place of owner>;`.
    fn place_borrow(&mut self, out: &mut Vec<Stmt>, owner: &str) -> bool {
        let r = self.fresh("r");
        let kind = self.kind_of(owner);
        let (init, code, alias) = match kind {
            Some(Kind::Owner { noisy }) => match self.rng.below(5) {
                0 => (format!("&{owner}"), format!("({r}.len() as u32)"), true),
                1 if noisy => (format!("&{owner}[0]"), format!("{r}.id()"), true),
                1 => (format!("&{owner}[0]"), format!("*{r}"), true),
                2 if noisy => (
                    format!("&{owner}[{owner}.len() - 1]"),
                    format!("{r}.id()"),
                    true,
                ),
                2 => (
                    format!("&{owner}[{owner}.len() - 1]"),
                    format!("*{r}"),
                    true,
                ),
                3 => {
                    let i = self.stable_count(8);
                    let code = if noisy {
                        format!("{r}.id()")
                    } else {
                        format!("*{r}")
                    };
                    (format!("&{owner}[{i} % {owner}.len()]"), code, true)
                }
                _ if noisy => (
                    format!("{owner}.first()"),
                    format!("({r}.is_some() as u32)"),
                    false,
                ),
                _ => (
                    format!("{owner}.get(1)"),
                    format!("{r}.copied().unwrap_or(7)"),
                    false,
                ),
            },
            Some(Kind::Text) => match self.rng.below(3) {
                0 => (
                    format!("&{owner}[1..]"),
                    format!("({r}.len() as u32)"),
                    true,
                ),
                1 => (
                    format!("&{owner}[..2]"),
                    format!("({r}.len() as u32)"),
                    true,
                ),
                _ => (
                    format!("{owner}.as_str()"),
                    format!("({r}.len() as u32)"),
                    true,
                ),
            },
            _ => return false,
        };
        // Sometimes a copy of an earlier borrow of the same owner instead.
        let earlier = self.aliases_of(owner);
        if !earlier.is_empty() && self.rng.chance(25) {
            let (a, code) = earlier[self.rng.below(earlier.len() as u64) as usize].clone();
            let code = code.replace(&a, &r);
            out.push(Stmt::Code(format!("let {r} = {a};")));
            self.declare(
                &r,
                Kind::Derived {
                    code,
                    of: owner.to_string(),
                    alias: Some(r.clone()),
                },
            );
            return true;
        }
        out.push(Stmt::Code(format!("let {r} = {init};")));
        self.declare(
            &r,
            Kind::Derived {
                code,
                of: owner.to_string(),
                alias: alias.then(|| r.clone()),
            },
        );
        true
    }

    /// The bindings in scope that hold a borrow of `owner`, each with the code that reads
    /// through it.
    fn aliases_of(&self, owner: &str) -> Vec<(String, String)> {
        self.visible()
            .into_iter()
            .filter_map(|v| match &v.kind {
                Kind::Derived {
                    of,
                    alias: Some(a),
                    code,
                } if of == owner => Some((a.clone(), code.clone())),
                _ => None,
            })
            .collect()
    }

    /// A pattern bound from a borrow: `if let Some(r) = w.get(i) { .. } else { .. }`, or
    /// `match ALIAS { r [if c] => { .. } _ => { .. } }` on a borrow held in a binding.
    fn pattern_borrow(&mut self, out: &mut Vec<Stmt>, owner: &str) -> bool {
        let r = self.fresh("r");
        let aliases = self.aliases_of(owner);
        let kind = self.kind_of(owner);
        let branch = |g: &mut Gen, bound: Option<(String, String)>| -> Block {
            g.depth += 1;
            g.scopes.push(vec![]);
            if let Some((name, code)) = bound {
                g.declare(
                    &name.clone(),
                    Kind::Derived {
                        code,
                        of: owner.to_string(),
                        alias: Some(name),
                    },
                );
            }
            let b = g.block_in_scope(vec![], false);
            g.scopes.pop();
            g.depth -= 1;
            b
        };
        if !aliases.is_empty() && self.rng.chance(50) {
            let (a, code) = aliases[self.rng.below(aliases.len() as u64) as usize].clone();
            let code = code.replace(&a, &r);
            let guard = self.rng.chance(40).then(|| self.cond(1, false));
            let then = branch(self, Some((r.clone(), code)));
            let els = branch(self, None);
            self.push(out, Stmt::MatchBorrow(a, r, guard, then, els));
            return true;
        }
        let (scrut, code) = match kind {
            Some(Kind::Owner { noisy }) => {
                let i = self.stable_count(4);
                let code = if noisy {
                    format!("{r}.id()")
                } else {
                    format!("*{r}")
                };
                (format!("{owner}.get({i})"), code)
            }
            Some(Kind::Text) => (
                format!("{owner}.split(' ').nth(1)"),
                format!("({r}.len() as u32)"),
            ),
            _ => return false,
        };
        if scrut.contains("split") {
            // Not a borrow coro makes again (`nth` is no view): keep to the shapes.
            return false;
        }
        let then = branch(self, Some((r.clone(), code)));
        let els = branch(self, None);
        self.push(out, Stmt::IfLetBorrow(r, scrut, then, els));
        true
    }

    /// `for PAT in <a borrow of owner> { .. }`.
    fn borrow_loop(&mut self, out: &mut Vec<Stmt>, owner: &str) {
        let x = self.fresh("x");
        let i = self.fresh("i");
        let label = self.rng.chance(40).then(|| self.fresh("l"));
        let kind = self.kind_of(owner);
        let derived = |code: String| Kind::Derived {
            code,
            of: owner.to_string(),
            alias: None,
        };
        let mutable_ok =
            matches!(kind, Some(Kind::Owner { noisy: false })) && self.may_change(owner);
        // (pattern, iterable, the pattern's bindings, whether it borrows mutably)
        let (pat, iterable, items, exclusive): (String, String, Vec<(String, Kind)>, bool) =
            match kind {
                Some(Kind::Owner { noisy }) => {
                    let read = |name: &str| {
                        if noisy {
                            format!("{name}.id()")
                        } else {
                            format!("*{name}")
                        }
                    };
                    match self.rng.below(9) {
                        0..=1 if mutable_ok => {
                            let iterable = match self.rng.below(3) {
                                0 => format!("&mut {owner}"),
                                1 => format!("{owner}.iter_mut()"),
                                _ => format!("{owner}.iter_mut().rev()"),
                            };
                            (
                                x.clone(),
                                iterable,
                                vec![(x.clone(), Kind::DerivedMut { of: owner.into() })],
                                true,
                            )
                        }
                        0..=2 => (
                            x.clone(),
                            format!("&{owner}"),
                            vec![(
                                x.clone(),
                                Kind::Derived {
                                    code: read(&x),
                                    of: owner.to_string(),
                                    alias: Some(x.clone()),
                                },
                            )],
                            false,
                        ),
                        3 => (
                            format!("({i}, {x})"),
                            format!("{owner}.iter().enumerate()"),
                            vec![
                                (i.clone(), derived(format!("({i} as u32)"))),
                                (x.clone(), derived(read(&x))),
                            ],
                            false,
                        ),
                        4 => (
                            x.clone(),
                            format!("{owner}.iter().rev()"),
                            vec![(x.clone(), derived(read(&x)))],
                            false,
                        ),
                        5 => {
                            let n = self.stable_count(3);
                            let adapter = *self.rng.choose(&["skip", "take"]);
                            (
                                x.clone(),
                                format!("{owner}.iter().{adapter}({n})"),
                                vec![(x.clone(), derived(read(&x)))],
                                false,
                            )
                        }
                        6 => {
                            let n = self.stable_count(3);
                            (
                                x.clone(),
                                format!("{owner}.iter().step_by(1 + {n})"),
                                vec![(x.clone(), derived(read(&x)))],
                                false,
                            )
                        }
                        7 => {
                            let n = 1 + self.rng.below(4);
                            (
                                format!("({x}, {i})"),
                                format!("{owner}.iter().zip(0..{n}u32)"),
                                vec![
                                    (x.clone(), derived(read(&x))),
                                    (i.clone(), derived(i.clone())),
                                ],
                                false,
                            )
                        }
                        _ => (
                            x.clone(),
                            format!("{owner}.iter()"),
                            vec![(x.clone(), derived(read(&x)))],
                            false,
                        ),
                    }
                }
                Some(Kind::Text) => match self.rng.below(5) {
                    0 => (
                        x.clone(),
                        format!("{owner}.chars()"),
                        vec![(x.clone(), derived(format!("({x} as u32)")))],
                        false,
                    ),
                    1 => (
                        x.clone(),
                        format!("{owner}.bytes().rev()"),
                        vec![(x.clone(), derived(format!("u32::from({x})")))],
                        false,
                    ),
                    2 => (
                        x.clone(),
                        format!("{owner}.split(' ')"),
                        vec![(x.clone(), derived(format!("({x}.len() as u32)")))],
                        false,
                    ),
                    3 => (
                        format!("({i}, {x})"),
                        format!("{owner}.lines().enumerate()"),
                        vec![
                            (i.clone(), derived(format!("({i} as u32)"))),
                            (x.clone(), derived(format!("({x}.len() as u32)"))),
                        ],
                        false,
                    ),
                    _ => (
                        format!("({i}, {x})"),
                        format!("{owner}.char_indices()"),
                        vec![
                            (i.clone(), derived(format!("({i} as u32)"))),
                            (x.clone(), derived(format!("({x} as u32)"))),
                        ],
                        false,
                    ),
                },
                _ => return,
            };
        if exclusive {
            self.end_borrows_of(owner);
            self.exclusive.push(owner.to_string());
        }
        self.loop_borrowed.push(owner.to_string());
        self.loops += 1;
        self.targets.push(Target::Loop(label.clone(), false));
        self.depth += 1;
        self.scopes.push(vec![]);
        for (name, kind) in items {
            self.declare(&name, kind);
        }
        let mut body = self.block_in_scope(vec![], false);
        if !body.has_yield() && self.rng.chance(70) {
            let e = self.yield_expr(0);
            self.push(&mut body.stmts, Stmt::Expr(e));
        }
        if exclusive && self.rng.chance(70) {
            let e = self.expr(1, true);
            self.push(&mut body.stmts, Stmt::DerefAssign(x.clone(), e));
        }
        self.scopes.pop();
        self.depth -= 1;
        self.targets.pop();
        self.loops -= 1;
        self.loop_borrowed.pop();
        if exclusive {
            self.exclusive.pop();
        }
        self.push(
            out,
            Stmt::ForIn {
                label,
                pat,
                iterable,
                body,
            },
        );
    }
}

fn arms_yield(arms: &[Arm]) -> bool {
    arms.iter()
        .any(|a| matches!(&a.pat, Pat::Bind(_, Some(g)) if g.has_yield()))
}
