//! A statement-deletion minimizer. Each round tries, in one build, every program obtained
//! by deleting one statement (at any nesting level; deleting a `Noisy` also deletes its
//! mentions, so no mention is ever deleted on its own and the documented deviations stay
//! out of reach; the mention of a binding before it is bound again in the same block is
//! kept the same way), by simplifying one statement (an attribute that keeps code, a
//! macro-made jump, an `unsafe` taken away) or one expression, and by shortening the script
//! by one; the smallest candidate that fails in the same way becomes the next program.

use std::time::Duration;

use crate::harness::{Case, Verdict, Workspace};
use crate::ir::{
    stmt_blocks_mut, Block, Cond, Expr, FmtArg, Link, LoopKind, PInit, PLit, Pat, Program, Stmt,
};

/// Deletes the `k`-th statement (pre-order), or returns `None` when there are fewer, or
/// when the statement is a `touch` (never deleted alone).
pub fn delete_nth(p: &Program, k: usize) -> Option<Program> {
    let mut q = p.clone();
    let mut n = k;
    let mut removed = None;
    find_delete(&mut q.body, &mut n, &mut removed);
    let removed = removed?;
    if let Some(name) = noisy_name(&removed) {
        strip_noisy(&mut q.body, name);
    }
    Some(q)
}

/// The `Noisy` a statement declares (through attributes).
fn noisy_name(s: &Stmt) -> Option<&str> {
    match s {
        Stmt::LetNoisy(n) => Some(n),
        Stmt::Attr(_, s) => noisy_name(s),
        _ => None,
    }
}

/// Replaces the `k`-th statement (pre-order) by its simpler form: a statement without an
/// attribute that keeps it, a jump written through a macro written directly, an `unsafe`
/// block as a plain one. `None` if it has none.
pub fn simplify_nth(p: &Program, k: usize) -> Option<Program> {
    fn find(b: &mut Block, n: &mut usize) -> Option<bool> {
        let mut i = 0;
        while i < b.stmts.len() {
            if *n == 0 {
                let s = std::mem::replace(&mut b.stmts[i], Stmt::Panic(0));
                // Never enabling removed code (`#[cfg(any())]` taken away would make the
                // removed twin of a binding a second binding in the same block), never
                // merging a block into its parent (its names would join the parent's).
                let (new, ok): (Vec<Stmt>, bool) = match s {
                    Stmt::Attr(a, inner) if a.enabled => (vec![*inner], true),
                    Stmt::Mac(inner) => (vec![*inner], true),
                    Stmt::Block(inner, true) => (vec![Stmt::Block(inner, false)], true),
                    other => (vec![other], false),
                };
                b.stmts.splice(i..=i, new);
                return Some(ok);
            }
            *n -= 1;
            for inner in stmt_blocks_mut(&mut b.stmts[i]) {
                if let Some(r) = find(inner, n) {
                    return Some(r);
                }
            }
            i += 1;
        }
        None
    }
    let mut q = p.clone();
    let mut n = k;
    (find(&mut q.body, &mut n) == Some(true)).then_some(q)
}

fn find_delete(b: &mut Block, n: &mut usize, removed: &mut Option<Stmt>) {
    let mut i = 0;
    while i < b.stmts.len() {
        if removed.is_some() {
            return;
        }
        if *n == 0 {
            if matches!(b.stmts[i], Stmt::Touch(_) | Stmt::Mention(..)) {
                *n = usize::MAX;
                return;
            }
            *removed = Some(b.stmts.remove(i));
            return;
        }
        *n -= 1;
        for inner in stmt_blocks_mut(&mut b.stmts[i]) {
            find_delete(inner, n, removed);
        }
        i += 1;
    }
}

fn strip_noisy(b: &mut Block, name: &str) {
    b.stmts.retain_mut(|s| match s {
        Stmt::Touch(ns) => {
            ns.retain(|n| n != name);
            !ns.is_empty()
        }
        Stmt::DropNoisy(n) => n != name,
        _ => true,
    });
    for s in &mut b.stmts {
        for inner in stmt_blocks_mut(s) {
            strip_noisy(inner, name);
        }
    }
}

/// All one-step reductions of `p`.
pub fn candidates(p: &Program) -> Vec<Program> {
    let mut out: Vec<Program> = (0..p.size()).filter_map(|k| delete_nth(p, k)).collect();
    out.extend((0..p.size()).filter_map(|k| simplify_nth(p, k)));
    if p.script.len() > 1 {
        let mut q = p.clone();
        q.script.pop();
        out.push(q);
    }
    out.extend(expr_candidates(p));
    out
}

/// Shrinks `p`, whose verdict has signature `class` ([`Verdict::signature`]),, for at most `rounds` rounds.
/// `log` receives progress lines.
pub fn minimize(
    p: &Program,
    class: &str,
    rounds: usize,
    shards: usize,
    log: &mut dyn FnMut(&str),
) -> (Program, Verdict) {
    let mut best = p.clone();
    let mut best_verdict = None;
    for round in 0..rounds {
        let cands = candidates(&best);
        if cands.is_empty() {
            break;
        }
        let cases: Vec<Case> = cands
            .iter()
            .enumerate()
            .map(|(i, c)| Case {
                name: format!("cand-{i}"),
                program: c.clone(),
            })
            .collect();
        let verdicts = match Workspace::new("minimize", cases, shards)
            .map_err(|e| e.to_string())
            .and_then(|w| w.run(Duration::from_secs(120)))
        {
            Ok(v) => v,
            Err(e) => {
                log(&format!("minimizer round {round}: {e}"));
                break;
            }
        };
        let pick = cands
            .into_iter()
            .zip(verdicts)
            .filter(|(_, v)| v.signature() == class)
            .min_by_key(|(c, _)| (c.size(), c.render().len(), c.script.len()));
        // Expression reductions keep the size; stop when nothing got smaller.
        match pick {
            Some((c, v))
                if (c.size(), c.render().len(), c.script.len())
                    < (best.size(), best.render().len(), best.script.len()) =>
            {
                log(&format!("minimizer round {round}: {} statements", c.size()));
                best = c;
                best_verdict = Some(v);
            }
            _ => break,
        }
    }
    let v = best_verdict.unwrap_or(Verdict::Ok);
    (best, v)
}

/// A slot the expression reducer can rewrite.
pub(crate) enum Slot<'a> {
    Expr(&'a mut Expr),
    Cond(&'a mut Cond),
}

fn block_slots<'a>(b: &'a mut Block, out: &mut Vec<Slot<'a>>) {
    for s in &mut b.stmts {
        stmt_slots(s, out, true);
    }
    if let Some(t) = &mut b.tail {
        out.push(Slot::Expr(t));
    }
}

/// The slots of a statement, in evaluation order; with `nested`, those of the blocks in it
/// too.
pub(crate) fn stmt_slots<'a>(s: &'a mut Stmt, out: &mut Vec<Slot<'a>>, nested: bool) {
    let block_slots = |b: &'a mut Block, out: &mut Vec<Slot<'a>>| {
        if nested {
            block_slots(b, out)
        }
    };
    match s {
        Stmt::LetU32 { init: e, .. }
        | Stmt::LetOpt(_, e)
        | Stmt::Assign(_, _, e)
        | Stmt::Expr(e) => out.push(Slot::Expr(e)),
        Stmt::Return(e, _) => out.push(Slot::Expr(e)),
        Stmt::LetTuple(_, _, a, b) => {
            out.push(Slot::Expr(a));
            out.push(Slot::Expr(b));
        }
        Stmt::LetBool(_, c) => out.push(Slot::Cond(c)),
        Stmt::If(c, a, b) => {
            out.push(Slot::Cond(c));
            block_slots(a, out);
            if let Some(b) = b {
                block_slots(b, out);
            }
        }
        Stmt::LetIf(_, c, a, b) => {
            out.push(Slot::Cond(c));
            block_slots(a, out);
            block_slots(b, out);
        }
        Stmt::IfLet(_, e, _, a, b) => {
            if let Some(e) = e {
                out.push(Slot::Expr(e));
            }
            block_slots(a, out);
            block_slots(b, out);
        }
        Stmt::Match { scrut, arms, .. } => {
            if let Some((e, _)) = scrut {
                out.push(Slot::Expr(e));
            }
            for a in arms {
                if let Pat::Bind(_, Some(g)) = &mut a.pat {
                    out.push(Slot::Cond(g));
                }
                block_slots(&mut a.body, out);
            }
        }
        Stmt::Loop(l) | Stmt::LetLoop(_, l) => {
            match &mut l.kind {
                LoopKind::Loop { exit: Some(e) } => out.push(Slot::Expr(e)),
                LoopKind::While { cond: Some(c) } => out.push(Slot::Cond(c)),
                LoopKind::For { end, .. } => out.push(Slot::Expr(end)),
                _ => {}
            }
            block_slots(&mut l.body, out);
        }
        Stmt::LetLabelled(_, _, b) => block_slots(b, out),
        Stmt::LetElse(_, e, b) => {
            out.push(Slot::Expr(e));
            block_slots(b, out);
        }
        Stmt::Break(_, Some(e)) => out.push(Slot::Expr(e)),
        Stmt::LetWidth(_, e) | Stmt::LetUnder(e) | Stmt::LetArg(_, _, e) => out.push(Slot::Expr(e)),
        Stmt::BailIf(c, e) => {
            out.push(Slot::Cond(c));
            out.push(Slot::Expr(e));
        }
        Stmt::MacroJump(_, c, j) => {
            out.push(Slot::Cond(c));
            stmt_slots(j, out, nested);
        }
        Stmt::Attr(_, s) | Stmt::Mac(s) => stmt_slots(s, out, nested),
        Stmt::Block(b, _) => block_slots(b, out),
        Stmt::IfChain(links, a, b) => {
            for l in links {
                match l {
                    Link::Let(_, e) => out.push(Slot::Expr(e)),
                    Link::Cond(c) => out.push(Slot::Cond(c)),
                    Link::LetLocal(..)
                    | Link::LetNoisy(_)
                    | Link::LetMove(..)
                    | Link::Consume(_) => {}
                }
            }
            block_slots(a, out);
            block_slots(b, out);
        }
        Stmt::LetP(_, PInit::Lit(p)) => plit_slots(p, out),
        Stmt::ForIn { body, .. } | Stmt::MutBorrow(_, _, body) => block_slots(body, out),
        Stmt::IfLetBorrow(_, _, a, b) => {
            block_slots(a, out);
            block_slots(b, out);
        }
        Stmt::MatchBorrow(_, _, g, a, b) => {
            if let Some(g) = g {
                out.push(Slot::Cond(g));
            }
            block_slots(a, out);
            block_slots(b, out);
        }
        Stmt::DerefAssign(_, e) => out.push(Slot::Expr(e)),
        _ => {}
    }
}

fn plit_slots<'a>(p: &'a mut PLit, out: &mut Vec<Slot<'a>>) {
    for e in [&mut p.u, &mut p.z, &mut p.off].into_iter().flatten() {
        out.push(Slot::Expr(e));
    }
}

/// The simpler forms of an expression: a literal, or one of its operands.
fn expr_reductions(e: &Expr) -> Vec<Expr> {
    let mut out = vec![];
    if !matches!(e, Expr::Lit(0)) {
        out.push(Expr::Lit(0));
    }
    match e {
        Expr::Yield(a)
        | Expr::YieldKept(a, _)
        | Expr::Rem(a, _)
        | Expr::Tag(_, a)
        | Expr::Try(a)
        | Expr::MacTry(a)
        | Expr::VecLen(a)
        | Expr::Unsafe(a) => out.push((**a).clone()),
        Expr::Bin(_, a, b) | Expr::If(_, a, b) => {
            out.push((**a).clone());
            out.push((**b).clone());
        }
        Expr::Overwrite(_, _, _, value) => out.push((**value).clone()),
        Expr::UnwrapOr(_, a) => out.push((**a).clone()),
        Expr::Pk(p) => {
            out.extend(p.u.iter().chain(p.z.iter()).cloned());
            if p.off.is_some() {
                let mut q = (**p).clone();
                q.off = None;
                out.push(Expr::Pk(Box::new(q)));
            }
        }
        Expr::Fmt(f) => {
            for a in &f.args {
                match a {
                    FmtArg::U32(e) | FmtArg::Usize(_, e) | FmtArg::Float(e) => out.push(e.clone()),
                }
            }
        }
        Expr::Lit(_)
        | Expr::Var(_)
        | Expr::Spelled(_)
        | Expr::Raw(_)
        | Expr::Code(_)
        | Expr::Tmp(_)
        | Expr::ItemRef(_)
        | Expr::Field(..) => {}
    }
    if let Expr::If(c, a, b) = e {
        out.push(Expr::If(
            Box::new(Cond::Cmp("<", Expr::Lit(0), Expr::Lit(1))),
            a.clone(),
            b.clone(),
        ));
        let _ = c;
    }
    out
}

fn cond_reductions(c: &Cond) -> Vec<Cond> {
    let mut out = vec![
        Cond::Cmp("<", Expr::Lit(0), Expr::Lit(1)),
        Cond::Cmp("<", Expr::Lit(1), Expr::Lit(0)),
    ];
    match c {
        Cond::Logic(_, a, b) => {
            out.push((**a).clone());
            out.push((**b).clone());
        }
        Cond::Not(a) => out.push((**a).clone()),
        Cond::Cmp(op, a, b) => {
            for r in expr_reductions(a) {
                out.push(Cond::Cmp(op, r, b.clone()));
            }
            for r in expr_reductions(b) {
                out.push(Cond::Cmp(op, a.clone(), r));
            }
        }
        Cond::Var(_) => {}
    }
    out
}

/// All programs obtained by simplifying one expression or condition of `p` (sub-expressions
/// included: each slot's reductions replace the slot's root; deeper nodes are reached over
/// several rounds as their parents are replaced by them).
pub fn expr_candidates(p: &Program) -> Vec<Program> {
    let mut probe = p.clone();
    let mut slots = vec![];
    block_slots(&mut probe.body, &mut slots);
    let n = slots.len();
    let mut out = vec![];
    for k in 0..n {
        let mut q = p.clone();
        let mut slots = vec![];
        block_slots(&mut q.body, &mut slots);
        let reductions = match &slots[k] {
            Slot::Expr(e) => expr_reductions(e).len(),
            Slot::Cond(c) => cond_reductions(c).len(),
        };
        drop(slots);
        for r in 0..reductions {
            let mut q = p.clone();
            let mut slots = vec![];
            block_slots(&mut q.body, &mut slots);
            match &mut slots[k] {
                Slot::Expr(e) => **e = expr_reductions(e).swap_remove(r),
                Slot::Cond(c) => **c = cond_reductions(c).swap_remove(r),
            }
            drop(slots);
            out.push(q);
        }
    }
    out
}
