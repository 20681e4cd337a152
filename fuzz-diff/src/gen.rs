//! The random program generator.
//!
//! Programs terminate: every loop has a counter and a small bound, and the script (the
//! resume arguments) is finite, so a body that keeps yielding is dropped while suspended.
//!
//! The generator stays clear of the transform's documented deviations from rustc, so that
//! drop logs can be compared exactly (in order):
//!
//! - (1) a binding last mentioned before a yield is not held across it. `Noisy` values are
//!   either guards (`let _gN = Noisy(..)`, never mentioned: held to the end of their
//!   block), or mentioned again after every yield they live across: right after each
//!   statement containing a yield, a `touch(&nN)` statement mentions every such `Noisy` in
//!   scope, at the start of each branch whose condition or scrutinee yields, and in the
//!   `else` of a `let ... else` whose scrutinee yields. A `Noisy` is only moved (`drop(nN)`)
//!   in its own block, and yields inside `break`/`return` values, and in block tails, only
//!   appear where no mentioned `Noisy` would need a mention afterwards.
//! - (2) only `u32` locals are assigned (never a `Noisy`).
//! - (3) resume arguments are `u32`: dropping them logs nothing.
//!
//! Borrows held across yields (E0626, which rustc rejects as well) never occur: yields only
//! appear as operands of free functions and operators, and scrutinees are rvalues or
//! `Copy` locals.

use crate::ir::*;
use crate::rng::Rng;

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    U32 { mutable: bool },
    Counter,
    Bool,
    Opt,
    Noisy,
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

/// Generator state: the scopes in effect and the break targets around the current point.
pub struct Gen {
    rng: Rng,
    ret: Ret,
    scopes: Vec<Vec<Var>>,
    targets: Vec<Target>,
    next: u32,
    budget: i32,
    depth: u32,
    loops: u32,
    yields: u32,
}

/// Generates the program for `seed`.
pub fn program(seed: u64) -> Program {
    let mut rng = Rng::new(seed);
    let ret = match rng.below(3) {
        0 => Ret::Plain,
        1 => Ret::Option,
        _ => Ret::Result,
    };
    let budget = 6 + rng.below(30) as i32;
    let mut g = Gen {
        rng,
        ret,
        scopes: vec![vec![Var {
            name: "r0".into(),
            kind: Kind::U32 { mutable: false },
        }]],
        targets: vec![],
        next: 0,
        budget,
        depth: 0,
        loops: 0,
        yields: 0,
    };
    let mut stmts = vec![Stmt::LetU32 {
        name: "acc".into(),
        mutable: true,
        init: Expr::Var("r0".into()),
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
    Program { ret, body, script }
}

impl Gen {
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

    fn vars(&self, f: impl Fn(&Kind) -> bool) -> Vec<String> {
        self.scopes
            .iter()
            .flatten()
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

    fn yield_expr(&mut self, depth: u32) -> Expr {
        self.yields += 1;
        let inner = if self.rng.chance(5) && depth < 3 {
            self.yield_expr(depth + 1)
        } else {
            self.leaf()
        };
        Expr::Yield(Box::new(inner))
    }

    fn leaf(&mut self) -> Expr {
        let vars = self.vars(|k| matches!(k, Kind::U32 { .. } | Kind::Counter | Kind::Bool));
        if !vars.is_empty() && self.rng.chance(60) {
            Expr::Var(self.pick(&vars))
        } else {
            Expr::Lit(self.rng.below(10) as u32)
        }
    }

    /// A `u32` expression; `yields` says whether it may contain `yield_!`.
    fn expr(&mut self, depth: u32, yields: bool) -> Expr {
        let y = if yields { 18 } else { 0 };
        if depth >= 3 {
            return if yields && self.rng.chance(y) {
                self.yield_expr(depth)
            } else {
                self.leaf()
            };
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

    /// Generates statements into a new scope that starts with `stmts` (already declared).
    fn block_in_scope(&mut self, stmts: Vec<Stmt>, top: bool) -> Block {
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
                _ => LoopKind::For {
                    var: self.fresh("i"),
                    end: self.expr(1, true),
                },
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
        let nested = self.depth < 4 && self.budget > 2;
        let r = self.rng.below(100);
        let mutables = self.vars(|k| *k == Kind::U32 { mutable: true });
        match r {
            0..=9 => {
                let name = self.fresh("v");
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
                let op = *self.rng.choose(&["=", "^=", "|=", "+="]);
                let e = self.expr(0, true);
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
                let (a, b) = (self.fresh("v"), self.fresh("v"));
                let (x, y) = (self.expr(1, true), self.expr(1, true));
                self.push(out, Stmt::LetTuple(a.clone(), b.clone(), x, y));
                self.declare(&a, Kind::U32 { mutable: false });
                self.declare(&b, Kind::U32 { mutable: false });
            }
            33..=35 => {
                let n = self.fresh("b");
                let c = self.cond(0, true);
                self.push(out, Stmt::LetBool(n.clone(), c));
                self.declare(&n, Kind::Bool);
            }
            36..=38 => {
                let n = self.fresh("o");
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
                    let declares = |b: &Block| {
                        b.stmts
                            .iter()
                            .any(|s| matches!(s, Stmt::LetNoisy(n) if !n.starts_with('_')))
                    };
                    let inner_noisy = declares(&then) || els.as_ref().is_some_and(declares);
                    let d = self.diverge(inner_noisy);
                    if self.rng.chance(50) || els.is_none() {
                        then.stmts.push(d);
                    } else if let Some(e) = els.as_mut() {
                        e.stmts.push(d);
                    }
                }
                self.push(out, Stmt::If(c, then, els));
            }
            51..=54 if nested => {
                let x = self.fresh("x");
                let opts = self.vars(|k| *k == Kind::Opt);
                let (e, o) = if !opts.is_empty() && self.rng.chance(40) {
                    (None, self.pick(&opts))
                } else {
                    (Some(self.expr(1, true)), String::new())
                };
                let y = e.as_ref().is_some_and(Expr::has_yield);
                self.scopes.push(vec![Var {
                    name: x.clone(),
                    kind: Kind::U32 { mutable: false },
                }]);
                let then = self.branch(y, false);
                self.scopes.pop();
                let els = self.branch(y, false);
                self.push(out, Stmt::IfLet(x, e, o, then, els));
            }
            55..=62 if nested => {
                let opts = self.vars(|k| *k == Kind::Opt);
                let (scrut, opt_local, arms) = if !opts.is_empty() && self.rng.chance(30) {
                    let o = self.pick(&opts);
                    let x = self.fresh("x");
                    self.scopes.push(vec![Var {
                        name: x.clone(),
                        kind: Kind::U32 { mutable: false },
                    }]);
                    let a = self.branch(false, false);
                    self.scopes.pop();
                    let b = self.branch(false, false);
                    let arms = vec![
                        Arm {
                            pat: Pat::Some(x),
                            body: a,
                        },
                        Arm {
                            pat: Pat::None,
                            body: b,
                        },
                    ];
                    (None, Some(o), arms)
                } else {
                    let m = 2 + self.rng.below(3) as u32;
                    let e = self.expr(1, true);
                    let y = e.has_yield();
                    let mut arms = vec![];
                    let n = 1 + self.rng.below(3);
                    for i in 0..n {
                        let pat = match self.rng.below(3) {
                            0 => Pat::Lit(i as u32),
                            1 => Pat::Or(i as u32, (i + 1) as u32 % m),
                            _ => {
                                let x = self.fresh("x");
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
                        let body = self.branch(y || guard_yields || arms_yield(&arms), false);
                        self.scopes.pop();
                        arms.push(Arm { pat, body });
                    }
                    let any = y || arms_yield(&arms);
                    let last = if self.rng.chance(50) {
                        let x = self.fresh("x");
                        self.scopes.push(vec![Var {
                            name: x.clone(),
                            kind: Kind::U32 { mutable: false },
                        }]);
                        let b = self.branch(any, false);
                        self.scopes.pop();
                        Arm {
                            pat: Pat::Bind(x, None),
                            body: b,
                        }
                    } else {
                        Arm {
                            pat: Pat::Wild,
                            body: self.branch(any, false),
                        }
                    };
                    arms.push(last);
                    (Some((e, m)), None, arms)
                };
                self.push(
                    out,
                    Stmt::Match {
                        scrut,
                        opt_local,
                        arms,
                    },
                );
            }
            63..=74 if nested && self.loops < 3 => {
                let l = self.new_loop(false);
                self.push(out, Stmt::Loop(l));
            }
            75..=78 if nested && self.loops < 3 => {
                let n = self.fresh("v");
                let l = self.new_loop(true);
                self.push(out, Stmt::LetLoop(n.clone(), l));
                self.declare(&n, Kind::U32 { mutable: false });
            }
            79..=82 if nested => {
                let n = self.fresh("v");
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
                let n = self.fresh("v");
                let c = self.cond(1, true);
                let y = c.has_yield();
                let a = self.branch(y, true);
                let b = self.branch(y, true);
                self.push(out, Stmt::LetIf(n.clone(), c, a, b));
                self.declare(&n, Kind::U32 { mutable: false });
            }
            87..=91 => {
                let n = self.fresh("v");
                let e = self.expr(1, true);
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
}

fn arms_yield(arms: &[Arm]) -> bool {
    arms.iter()
        .any(|a| matches!(&a.pat, Pat::Bind(_, Some(g)) if g.has_yield()))
}
