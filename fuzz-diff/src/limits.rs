//! Keeps generated programs inside the documented limits, so that a batch reports only
//! what is not known.
//!
//! One limit shapes the generator after the fact: an operand temporary evaluated before a
//! yield in the same statement (`add(Noisy("t1").id(), yield_!(v))`) lives across the
//! suspension in a native coroutine, and is dropped before it by `#[coro::coroutine]` (the
//! README's deviations). Such a temporary becomes a literal; temporaries after the
//! statement's last yield, and in statements without one, stay.
//!
//! ```text
//! // Input:                                     // Output:
//! let v = add(Noisy("t1").id(), yield_!(v));    let v = add(1, yield_!(v));
//! let w = add(yield_!(v), Noisy("t2").id());    let w = add(yield_!(v), Noisy("t2").id());
//! ```
//!
//! The other limits the generator keeps as it chooses: a `return` made by a macro returns
//! only a residual (`Err`, `None`) when the coroutine returns a `Result` or an `Option`
//! ([`crate::ir::Stmt::BailIf`]), and a binding of a pattern that may fail to match is
//! never uppercase (`Gen::refutable_name`: to the macro, `Q3 =>` names a constant).

use crate::ir::{Block, Cond, Expr, FmtArg, Stmt};
use crate::minimize::{stmt_slots, Slot};

/// Replaces, in every statement of `block` (and of the blocks in it), the operand
/// temporaries evaluated before the statement's last yield.
pub fn drop_temps_before_yields(block: &mut Block) {
    for stmt in &mut block.stmts {
        stmt_temps(stmt);
        for inner in stmt.blocks_mut() {
            drop_temps_before_yields(inner);
        }
    }
    if let Some(tail) = &mut block.tail {
        let mut slots = [Slot::Expr(tail)];
        replace_before_last_yield(&mut slots);
    }
}

fn stmt_temps(stmt: &mut Stmt) {
    let mut slots = vec![];
    stmt_slots(stmt, &mut slots, false);
    replace_before_last_yield(&mut slots);
}

fn replace_before_last_yield(slots: &mut [Slot<'_>]) {
    let mut order = Order::default();
    for slot in slots.iter_mut() {
        order.slot(slot, None);
    }
    let Some(last_yield) = order.last_yield else {
        return;
    };
    let mut replace = Order::default();
    for slot in slots.iter_mut() {
        replace.slot(slot, Some(last_yield));
    }
}

/// Numbers the temporaries and yields of a statement in evaluation order; with a limit,
/// replaces the temporaries numbered below it.
#[derive(Default)]
struct Order {
    next: usize,
    last_yield: Option<usize>,
    /// Read the resume argument through a field only where it is borrowed.
    kept_only_borrowed: bool,
}

/// In an `if let` scrutinee whose `then` block yields, the resume argument read through
/// a field (`yield_!(v).0`) is dropped at that yield by coro (deviation 4), while one
/// only borrowed (`(&yield_!(v)).0`) lives as long as rustc keeps it: the first becomes
/// a plain yield.
pub fn keep_only_borrowed_arguments(e: &mut Expr) {
    let mut order = Order {
        kept_only_borrowed: true,
        ..Order::default()
    };
    order.expr(e, None);
}

impl Order {
    fn slot(&mut self, slot: &mut Slot<'_>, limit: Option<usize>) {
        match slot {
            Slot::Expr(e) => self.expr(e, limit),
            Slot::Cond(c) => self.cond(c, limit),
        }
    }

    fn expr(&mut self, e: &mut Expr, limit: Option<usize>) {
        match e {
            Expr::Tmp(_) => {
                if limit.is_some_and(|l| self.next < l) {
                    *e = Expr::Lit(1);
                }
                self.next += 1;
            }
            Expr::Yield(a) => {
                self.expr(a, limit);
                self.last_yield = Some(self.next);
                self.next += 1;
            }
            Expr::YieldKept(a, borrowed) => {
                self.expr(a, limit);
                if limit.is_some_and(|l| self.next < l) || (self.kept_only_borrowed && !*borrowed) {
                    // Kept across a later yield of its statement: consumed at once.
                    *e = Expr::Yield(a.clone());
                }
                self.last_yield = Some(self.next);
                self.next += 1;
            }
            Expr::Bin(_, a, b) | Expr::Overwrite(_, _, a, b) => {
                self.expr(a, limit);
                self.expr(b, limit);
            }
            Expr::If(c, a, b) => {
                self.cond(c, limit);
                self.expr(a, limit);
                self.expr(b, limit);
            }
            Expr::Rem(a, _)
            | Expr::Tag(_, a)
            | Expr::Try(a)
            | Expr::UnwrapOr(_, a)
            | Expr::MacTry(a)
            | Expr::VecLen(a)
            | Expr::Unsafe(a) => self.expr(a, limit),
            Expr::Pk(p) => {
                for f in [&mut p.u, &mut p.z, &mut p.off].into_iter().flatten() {
                    self.expr(f, limit);
                }
            }
            Expr::Fmt(f) => {
                for a in &mut f.args {
                    match a {
                        FmtArg::U32(e) | FmtArg::Usize(_, e) | FmtArg::Float(e) => {
                            self.expr(e, limit)
                        }
                    }
                }
            }
            Expr::Lit(_)
            | Expr::Var(_)
            | Expr::Spelled(_)
            | Expr::Raw(_)
            | Expr::Code(_)
            | Expr::ItemRef(_)
            | Expr::Field(..) => {}
        }
    }

    fn cond(&mut self, c: &mut Cond, limit: Option<usize>) {
        match c {
            Cond::Cmp(_, a, b) => {
                self.expr(a, limit);
                self.expr(b, limit);
            }
            Cond::Var(_) => {}
            Cond::Logic(_, a, b) => {
                self.cond(a, limit);
                self.cond(b, limit);
            }
            Cond::Not(a) => self.cond(a, limit),
        }
    }
}
