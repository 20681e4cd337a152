//! Moves every `yield_!` that stands inside a larger expression out into a statement of
//! its own, keeping Rust's evaluation order: whatever the expression evaluates before the
//! yield is evaluated first into a temporary (`let __t0 = ..;`), then the yield binds its
//! resume argument to a temporary, and the expression is rebuilt from the temporaries.
//!
//! ```text
//! // Input:
//! let total = f(g(), yield_!(a), h());
//! // Output:
//! let total = { let __t0 = g(); let __t1 = yield_!(a); f(__t0, __t1, h()) };
//! ```
//!
//! The block keeps the temporaries' lifetime to the statement, as Rust's temporaries.
//! `a && yield_!(b)` becomes `if a { yield_!(b) } else { false }` (the right operand runs
//! only when Rust would run it); a `while` whose condition yields becomes a `loop` that
//! evaluates the condition at the top of every iteration. After this pass, yields stand
//! only where [`crate::spine`] expects them.

use std::collections::HashSet;

use proc_macro2::{Ident, Span};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{parse_quote, parse_quote_spanned, BinOp, Error, Expr, Result, Stmt, Token};

use crate::explain::explain;
use crate::syntax::{as_yield, contains_yield, is_compound_assign};

mod operands;
mod temporaries;
mod writes;

use operands::{compound_order, index_alone_yields, is_comparison, is_unobservable};

/// Linearizes every statement of a function body.
pub fn body(block: &mut syn::Block) -> Result<()> {
    Linearizer {
        temps: 0,
        operand_temps: HashSet::new(),
        in_let_else_value: false,
    }
    .block(block)
}

/// Whether an operand evaluated before a yield that is a place stays in place (read after
/// the yield) rather than being moved into a temporary.
#[derive(Clone, Copy)]
enum Keep {
    /// Always a temporary: the operation takes its value.
    Never,
    /// Kept when the operation borrows it (a comparison's operand, a callee, a method's
    /// receiver that is not a local), unless a later operand writes it ([`writes`]): rustc
    /// accepts that only for a copied operand, read before the write.
    UnlessWritten,
    /// Kept: an indexed base, which built-in indexing reads after the index.
    Place,
}

struct Linearizer {
    temps: usize,
    /// The temporaries that hold the value of an operand, evaluated before a later yield
    /// or a yield itself (`let __t1 = D("c");`, `let __t2 = yield_!(v);`), where Rust's
    /// own evaluation would make a temporary or move the value.
    operand_temps: HashSet<Ident>,
    /// Whether the statement being linearized computes the value of a `let .. else`,
    /// whose temporaries Rust drops before the `else` block: none is made there (the
    /// `let` would extend it to the end of the block).
    in_let_else_value: bool,
}

/// Statements to run first, and the expression to evaluate after them.
type Split = (Vec<Stmt>, Expr);

impl Linearizer {
    fn temp(&mut self) -> Ident {
        self.temps += 1;
        Ident::new(&format!("__t{}", self.temps), Span::mixed_site())
    }

    fn block(&mut self, block: &mut syn::Block) -> Result<()> {
        let mut stmts = Vec::with_capacity(block.stmts.len());
        let count = block.stmts.len();
        for (i, mut stmt) in std::mem::take(&mut block.stmts).into_iter().enumerate() {
            spread_block_attributes(&mut stmt);
            if i + 1 == count {
                if let Stmt::Expr(tail, None) = &mut stmt {
                    if let Some(pre) = self.split_tail(tail)? {
                        stmts.extend(pre);
                        stmts.push(stmt);
                        continue;
                    }
                }
            }
            for stmt in self.split_borrowed_yield(stmt) {
                let parts = self.split_let_else(stmt);
                let value_split_off = parts.len() > 1;
                for (j, mut stmt) in parts.into_iter().enumerate() {
                    self.in_let_else_value = value_split_off && j == 0;
                    self.stmt(&mut stmt)?;
                    self.in_let_else_value = false;
                    stmts.push(stmt);
                }
            }
        }
        block.stmts = stmts;
        Ok(())
    }

    /// A block's value with a yield inside a larger expression: the statements that run
    /// first go before it in the same block, so the value stays the block's own (a new
    /// block around it would change how long its temporaries live). `None` for a yield
    /// or a control structure, which stay where they are.
    fn split_tail(&mut self, tail: &mut Expr) -> Result<Option<Vec<Stmt>>> {
        if !contains_yield(&*tail) || as_yield(tail).is_some() {
            return Ok(None);
        }
        if matches!(
            tail,
            Expr::If(_)
                | Expr::Match(_)
                | Expr::Loop(_)
                | Expr::While(_)
                | Expr::ForLoop(_)
                | Expr::Block(_)
                | Expr::Unsafe(_)
                | Expr::Paren(_)
        ) {
            return Ok(None);
        }
        let (pre, mut rest) = self.split(tail.clone())?;
        self.materialize(&pre, &mut rest);
        *tail = as_block_value(rest);
        Ok(Some(pre))
    }

    /// `let pat = <value with a yield> else { .. };` becomes `let __t = <value>;` and
    /// `let pat = __t else { .. };`: the value is evaluated first either way, and a
    /// `let .. else` cannot take a block (the linearized value) as its initializer.
    fn split_let_else(&mut self, stmt: Stmt) -> Vec<Stmt> {
        let Stmt::Local(mut local) = stmt else {
            return vec![stmt];
        };
        let Some(init) = &mut local.init else {
            return vec![Stmt::Local(local)];
        };
        if init.diverge.is_none() || !contains_yield(&*init.expr) || as_yield(&init.expr).is_some()
        {
            return vec![Stmt::Local(local)];
        }
        let temp = self.temp();
        let value = std::mem::replace(&mut *init.expr, parse_quote!(#temp));
        vec![parse_quote!(let #temp = #value;), Stmt::Local(local)]
    }

    /// `let r = &yield_!(v);` becomes `let __t = yield_!(v);` and `let r = &__t;`: Rust
    /// keeps the borrowed resume argument as long as `r`'s block (temporary lifetime
    /// extension), as it keeps a local declared there, while the block the rest of this
    /// pass would build (`{ let __t = ..; &__t }`) would drop it at once. The same for a
    /// borrowed yield that the initializer evaluates first in another extending place:
    /// `let p = (&yield_!(v), 5);`, `let s = S { r: &yield_!(v), .. };`. Not in a
    /// `let .. else`, which drops that value before its `else` block runs.
    fn split_borrowed_yield(&mut self, stmt: Stmt) -> Vec<Stmt> {
        let Stmt::Local(mut local) = stmt else {
            return vec![stmt];
        };
        let Some(init) = local.init.as_mut().filter(|init| init.diverge.is_none()) else {
            return vec![Stmt::Local(local)];
        };
        let Some((operand, mutability)) = first_borrowed_yield(&mut init.expr) else {
            return vec![Stmt::Local(local)];
        };
        let temp = self.temp();
        let resumed = std::mem::replace(operand, parse_quote!(#temp));
        vec![
            parse_quote!(let #mutability #temp = #resumed;),
            Stmt::Local(local),
        ]
    }

    fn stmt(&mut self, stmt: &mut Stmt) -> Result<()> {
        if !contains_yield(&*stmt) {
            return Ok(());
        }
        match stmt {
            Stmt::Local(local) => {
                if let Some(init) = &mut local.init {
                    if let Some((_, diverge)) = &mut init.diverge {
                        self.statement_position(diverge)?;
                    }
                    self.value_position(&mut init.expr)?;
                }
                Ok(())
            }
            Stmt::Expr(expr, _) => self.statement_position(expr),
            Stmt::Macro(m) if crate::syntax::is_yield_macro(&m.mac) => {
                let mut expr = Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs.clone(),
                    mac: m.mac.clone(),
                });
                self.value_position(&mut expr)?;
                *stmt = Stmt::Expr(expr, m.semi_token);
                Ok(())
            }
            // Items and other macros: `structure` explains what is wrong.
            _ => Ok(()),
        }
    }

    /// An expression statement, or an `else` block: an assignment of a yield, a control
    /// structure, or anything else in value position.
    fn statement_position(&mut self, expr: &mut Expr) -> Result<()> {
        match expr {
            // `place = yield_!(v)`: yields inside `v` run before, as statements of their own.
            Expr::Assign(assign) if as_yield(&assign.right).is_some() => {
                let pre = self.hoist_from_yield_value(&mut assign.right)?;
                self.prepend(expr, pre);
                Ok(())
            }
            Expr::Binary(binary)
                if is_compound_assign(&binary.op) && as_yield(&binary.right).is_some() =>
            {
                compound_order(binary)?;
                let pre = self.hoist_from_yield_value(&mut binary.right)?;
                self.prepend(expr, pre);
                Ok(())
            }
            // `place[yield_!(i)] = v`: the value first, then the index (Rust evaluates the
            // assigned value before the place), both into temporaries.
            Expr::Assign(assign) if index_alone_yields(&assign.left) => {
                let (mut pre, value) = self.split(*assign.right.clone())?;
                let value_temp = self.temp();
                pre.push(parse_quote!(let #value_temp = #value;));
                let Expr::Index(index) = &mut *assign.left else {
                    unreachable!("index_alone_yields")
                };
                let (index_pre, index_rest) = self.split(*index.index.clone())?;
                pre.extend(index_pre);
                let index_temp = self.temp();
                pre.push(parse_quote!(let #index_temp = #index_rest;));
                *index.index = parse_quote!(#index_temp);
                *assign.right = parse_quote!(#value_temp);
                self.prepend(expr, pre);
                Ok(())
            }
            // `place[yield_!(i)] op= v` with a `v` whose evaluation cannot be observed (a
            // literal or a name): whether Rust evaluates it before or after the place does
            // not matter; the index goes into a temporary first.
            Expr::Binary(binary)
                if is_compound_assign(&binary.op)
                    && index_alone_yields(&binary.left)
                    && is_unobservable(&binary.right) =>
            {
                let Expr::Index(index) = &mut *binary.left else {
                    unreachable!("index_alone_yields")
                };
                let (mut pre, index_rest) = self.split(*index.index.clone())?;
                let index_temp = self.temp();
                pre.push(parse_quote!(let #index_temp = #index_rest;));
                *index.index = parse_quote!(#index_temp);
                self.prepend(expr, pre);
                Ok(())
            }
            Expr::Assign(assign) if !contains_yield(&*assign.left) => {
                let (pre, rest) = self.split(*assign.right.clone())?;
                *assign.right = rest;
                self.prepend(expr, pre);
                Ok(())
            }
            Expr::Binary(binary)
                if is_compound_assign(&binary.op) && !contains_yield(&*binary.left) =>
            {
                compound_order(binary)?;
                let (pre, rest) = self.split(*binary.right.clone())?;
                *binary.right = rest;
                self.prepend(expr, pre);
                Ok(())
            }
            _ => self.value_position(expr),
        }
    }

    /// An expression whose value is used (a `let` initializer, a block's value, an
    /// operand): a yield or control structure stays (with its insides linearized); any
    /// other expression containing a yield becomes `{ temporaries; rebuilt }`.
    fn value_position(&mut self, expr: &mut Expr) -> Result<()> {
        if !contains_yield(&*expr) {
            return Ok(());
        }
        if as_yield(expr).is_some() {
            return self.yield_value(expr);
        }
        if self.control(expr)? {
            return Ok(());
        }
        let (pre, rest) = self.split(expr.clone())?;
        *expr = rest;
        self.prepend(expr, pre);
        Ok(())
    }

    /// Linearizes the value inside `yield_!(value)`, hoisting yields nested in it.
    fn yield_value(&mut self, expr: &mut Expr) -> Result<()> {
        if as_yield(expr).is_none() {
            return self.value_position(expr);
        }
        let pre = self.hoist_from_yield_value(expr)?;
        self.prepend(expr, pre);
        Ok(())
    }

    /// For `yield_!(v)` with yields inside `v`: rewrites it to `yield_!(rest)` and returns
    /// the statements that must run before it.
    fn hoist_from_yield_value(&mut self, expr: &mut Expr) -> Result<Vec<Stmt>> {
        let Some(mac) = as_yield(expr) else {
            return Ok(Vec::new());
        };
        if !crate::syntax::tokens_contain_yield(&mac.tokens) {
            return Ok(Vec::new());
        }
        let (pre, rest) = self.split(mac.parse_body::<Expr>()?)?;
        *expr = Expr::Macro(syn::ExprMacro {
            attrs: Vec::new(),
            mac: with_tokens(mac, rest.into_token_stream()),
        });
        Ok(pre)
    }

    /// `unsafe { f(yield_!(a), Noisy.id()) }` (or a plain block) holding only its value:
    /// the yield is hoisted out and the block stays around the rest, `unsafe { f(__t1,
    /// Noisy.id()) }`, so the temporaries of its value live as long as Rust makes them
    /// (to the end of the enclosing statement in edition 2021, to the block's end in
    /// 2024). What is hoisted out of an
    /// `unsafe` block stays unsafe: `let __t1 = yield_!(unsafe { a });`.
    fn split_tail_only_block(&mut self, expr: &Expr) -> Result<Option<Split>> {
        let (block, unsafety) = match expr {
            Expr::Unsafe(u) if u.attrs.is_empty() => (&u.block, Some(u.unsafe_token)),
            Expr::Block(b) if b.attrs.is_empty() && b.label.is_none() => (&b.block, None),
            _ => return Ok(None),
        };
        let [Stmt::Expr(tail, None)] = &block.stmts[..] else {
            return Ok(None);
        };
        let (pre, rest) = self.split(tail.clone())?;
        // The block keeps its braces' span: the edition of the code they come from decides
        // when its value's temporaries are dropped (at its end in edition 2024).
        let rebuilt = syn::Block {
            brace_token: block.brace_token,
            stmts: vec![Stmt::Expr(rest, None)],
        };
        let Some(unsafety) = unsafety else {
            return Ok(Some((pre, parse_quote!((#rebuilt)))));
        };
        let pre = pre
            .into_iter()
            .map(|stmt| match stmt {
                Stmt::Local(mut local) => {
                    if let Some(init) = &mut local.init {
                        let value = &mut init.expr;
                        match crate::syntax::as_yield_mut(value) {
                            Some(mac) if !mac.tokens.is_empty() => {
                                let inner = &mac.tokens;
                                mac.tokens = quote::quote!(#unsafety { #inner });
                            }
                            Some(_) => {}
                            None => *value = parse_quote!(#unsafety { #value }),
                        }
                    }
                    Stmt::Local(local)
                }
                other => other,
            })
            .collect();
        // Parenthesized: as the left operand of a larger expression, a block would be
        // read back as a statement (`unsafe { a } < 3`).
        Ok(Some((pre, parse_quote!((#unsafety #rebuilt)))))
    }

    /// Turns `expr` into `{ pre; expr }` when there is anything to run first.
    fn prepend(&self, expr: &mut Expr, pre: Vec<Stmt>) {
        if pre.is_empty() {
            return;
        }
        self.materialize(&pre, expr);
        let mut stmts = pre;
        stmts.push(Stmt::Expr(as_block_value(expr.clone()), None));
        *expr = Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: syn::Block {
                brace_token: Default::default(),
                stmts,
            },
        });
    }

    /// Linearizes the insides of a control structure; `false` if `expr` is not one.
    fn control(&mut self, expr: &mut Expr) -> Result<bool> {
        match expr {
            Expr::Block(b) => self.block(&mut b.block)?,
            Expr::Unsafe(u) => self.block(&mut u.block)?,
            Expr::Loop(l) => self.block(&mut l.body)?,
            Expr::If(e) if chain_yields(&e.cond) => {
                let nested = self.unchain(e)?;
                *expr = nested;
                return self.control(expr);
            }
            Expr::If(e) => {
                self.block(&mut e.then_branch)?;
                if let Some((_, otherwise)) = &mut e.else_branch {
                    self.value_position(otherwise)?;
                }
                match &mut *e.cond {
                    Expr::Let(l) if contains_yield(&*l.expr) => {
                        let (pre, mut rest) = self.split((*l.expr).clone())?;
                        let then_yields = contains_yield(&e.then_branch);
                        let leftovers =
                            self.scrutinee_temporaries(&pre, &mut rest, &l.pat, then_yields);
                        if let Some((_, otherwise)) = &mut e.else_branch {
                            if !leftovers.is_empty() {
                                temporaries::end_scrutinee_before_else(
                                    otherwise,
                                    &leftovers,
                                    e.if_token.span,
                                );
                            }
                        }
                        *l.expr = rest;
                        self.prepend(expr, pre);
                    }
                    cond if !contains_yield(&*cond) => {}
                    // A condition is a scope of its own: Rust drops its temporaries
                    // before a branch runs. Unless everything the split declares moves
                    // into the condition's own temporaries, its value is computed
                    // first, in a block that ends there: `let __t3 = { let __t1 =
                    // D("c"); let __t2 = yield_!(0); __t1.with(__t2) > 1 }; if __t3
                    // { .. }`.
                    cond => {
                        let (pre, mut value) = self.split(cond.clone())?;
                        // Nothing `pre` declares outlives the condition; or a `let`
                        // chain, which must stay the condition itself (its links'
                        // temporaries are made temporaries where they can be).
                        if self.materialize(&pre, &mut value) || is_let_chain(&value) {
                            *cond = value;
                            self.prepend(expr, pre);
                        } else {
                            self.prepend(&mut value, pre);
                            let temp = self.temp();
                            *cond = parse_quote!(#temp);
                            self.prepend(expr, vec![parse_quote!(let #temp = #value;)]);
                        }
                    }
                }
            }
            Expr::Match(m) => {
                for arm in &mut m.arms {
                    self.value_position(&mut arm.body)?;
                }
                if contains_yield(&*m.expr) {
                    let (pre, rest) = self.split((*m.expr).clone())?;
                    *m.expr = rest;
                    self.prepend(expr, pre);
                }
            }
            Expr::ForLoop(f) => {
                self.block(&mut f.body)?;
                if contains_yield(&*f.expr) {
                    let (pre, rest) = self.split((*f.expr).clone())?;
                    *f.expr = rest;
                    self.prepend(expr, pre);
                }
            }
            Expr::While(w) => {
                self.block(&mut w.body)?;
                if contains_yield(&*w.cond) {
                    // The condition runs at the top of every iteration.
                    let (label, cond, body) = (&w.label, &w.cond, &w.body);
                    let exit = match label {
                        Some(label) => {
                            let name = &label.name;
                            quote::quote!(break #name)
                        }
                        None => quote::quote!(break),
                    };
                    // The `if` and its last brace get the `while`'s span: rustc reads the
                    // edition of the `if` keyword to allow a let chain, and that of the
                    // whole `if` for when its temporaries drop (review round 16, F3).
                    let span = w.while_token.span;
                    let if_token = syn::Token![if](span);
                    let otherwise = quote::quote_spanned!(span=> { #exit });
                    let mut rewritten: Expr = parse_quote!(#label loop {
                        #if_token #cond #body else #otherwise
                    });
                    if let Expr::Loop(l) = &mut rewritten {
                        self.block(&mut l.body)?;
                    }
                    *expr = rewritten;
                }
            }
            Expr::Paren(p) => return self.control(&mut p.expr),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The conjuncts of an edition 2024 `let` chain (`let a = x && b > 0 && let c = y`).
/// `#[allow(x)] unsafe { a; b; c }` with a yield inside becomes `unsafe { #[allow(x)] a;
/// #[allow(x)] b; c }`: the spine splits a block at its yields and has nowhere to put an
/// attribute of the whole block, so its statements carry it. Such an attribute can only be
/// a lint level or a tool attribute (`cfg`s are gone by now), and an attribute on the
/// block's value expression would not be stable Rust: the value goes without it.
/// The yield call `mac` with other arguments, keeping its path and its parentheses as the
/// user wrote them (the suspension point's text is read from their source). The `!` gets
/// the call's span: with its own, clippy takes the rebuilt expression around the
/// temporary for the user's and lints it (`nonminimal_bool` on `!(yield_!(m) > 0)`).
fn with_tokens(mac: &syn::Macro, tokens: proc_macro2::TokenStream) -> syn::Macro {
    let span = mac.span();
    let path = &mac.path;
    syn::Macro {
        path: parse_quote_spanned!(span=> #path),
        bang_token: syn::Token![!](span),
        tokens,
        delimiter: mac.delimiter.clone(),
    }
}

fn spread_block_attributes(stmt: &mut Stmt) {
    let Stmt::Expr(expr, _) = stmt else { return };
    let (attrs, block) = match expr {
        Expr::Block(b) => (&mut b.attrs, &mut b.block),
        Expr::Unsafe(u) => (&mut u.attrs, &mut u.block),
        _ => return,
    };
    if attrs.is_empty() || !contains_yield(&*block) {
        return;
    }
    let attrs = std::mem::take(attrs);
    let count = block.stmts.len();
    for (i, inner) in block.stmts.iter_mut().enumerate() {
        let carried = match inner {
            Stmt::Local(local) => Some(&mut local.attrs),
            Stmt::Macro(mac) => Some(&mut mac.attrs),
            Stmt::Item(item) => crate::syntax::item_attrs_mut(item),
            Stmt::Expr(_, None) if i + 1 == count => None,
            Stmt::Expr(expr, _) => crate::syntax::expr_attrs_mut(expr),
        };
        if let Some(carried) = carried {
            carried.splice(0..0, attrs.iter().cloned());
        }
    }
}

/// `expr`, parenthesized when as a block's value it would be read back as a statement and
/// the rest (`unsafe { a } < 3`, `match x { .. } + 1`).
fn as_block_value(expr: Expr) -> Expr {
    let reads_back = syn::parse2::<syn::Block>(quote::quote!({ #expr }))
        .is_ok_and(|block| matches!(&block.stmts[..], [Stmt::Expr(_, None)]));
    if reads_back {
        return expr;
    }
    Expr::Paren(syn::ExprParen {
        attrs: Vec::new(),
        paren_token: Default::default(),
        expr: Box::new(expr),
    })
}

fn arm_yields(arm: &syn::Arm) -> bool {
    contains_yield(&*arm.body)
        || arm
            .guard
            .as_ref()
            .is_some_and(|(_, g)| contains_yield(&**g))
}

fn conjuncts(cond: &Expr) -> Vec<&Expr> {
    match cond {
        Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
            let mut out = conjuncts(&b.left);
            out.extend(conjuncts(&b.right));
            out
        }
        other => vec![other],
    }
}

/// Whether a condition is a `let` chain with a yield in a conjunct that only runs when
/// the ones before it matched, or in the scrutinee of its first `let` (which cannot be
/// evaluated ahead of the chain on its own).
fn chain_yields(cond: &Expr) -> bool {
    let parts = conjuncts(cond);
    let first_let_yields =
        parts.len() > 1 && matches!(parts[0], Expr::Let(l) if contains_yield(&*l.expr));
    is_let_chain(cond) && (first_let_yields || parts.iter().skip(1).any(|c| contains_yield(*c)))
}

/// Whether a condition has a `let` among its conjuncts (`if let ..`, `x > 0 && let ..`).
fn is_let_chain(cond: &Expr) -> bool {
    conjuncts(cond).iter().any(|c| matches!(c, Expr::Let(_)))
}

impl Linearizer {
    /// `if c1 && let p = yield_!(..) && c3 { body } else { other }` as nested `if`s, each
    /// conjunct's yields running only when the ones before it matched; `other` runs once,
    /// after them, when a conjunct failed (after the scrutinees are dropped, as edition
    /// 2024 drops them before the `else`):
    ///
    /// ```text
    /// { let mut __t1 = None;
    ///   if c1 { let __t2 = yield_!(..); if let p = __t2 { if c3 { __t1 = Some(body) } } }
    ///   match __t1 { Some(v) => v, None => other } }
    /// ```
    fn unchain(&mut self, e: &syn::ExprIf) -> Result<Expr> {
        let parts: Vec<Expr> = conjuncts(&e.cond).into_iter().cloned().collect();
        let then = &e.then_branch;
        let Some((_, otherwise)) = &e.else_branch else {
            // No `else`: nested `if`s alone.
            let mut inner: Expr = parse_quote!(#then);
            for part in parts.iter().rev() {
                let inner_block: syn::Block = parse_quote!({ #inner });
                inner = Expr::If(syn::ExprIf {
                    attrs: Vec::new(),
                    if_token: e.if_token,
                    cond: Box::new(part.clone()),
                    then_branch: inner_block,
                    else_branch: None,
                });
            }
            return Ok(inner);
        };
        let taken = self.temp();
        let value = self.temp();
        let mut inner: Expr = parse_quote!({ #taken = ::core::option::Option::Some(#then); });
        for part in parts.iter().rev() {
            let inner_block: syn::Block = parse_quote!({ #inner });
            inner = Expr::If(syn::ExprIf {
                attrs: Vec::new(),
                if_token: e.if_token,
                cond: Box::new(part.clone()),
                then_branch: inner_block,
                else_branch: None,
            });
        }
        Ok(parse_quote!({
            let mut #taken = ::core::option::Option::None;
            #inner
            match #taken {
                ::core::option::Option::Some(#value) => #value,
                ::core::option::Option::None => #otherwise,
            }
        }))
    }
}

/// The yield a `let` initializer evaluates first, when it stands borrowed in an extending
/// place (`&yield_!(v)`, the first element of a tuple, array or struct literal that is
/// itself in one), with the borrow's `mut`.
fn first_borrowed_yield(expr: &mut Expr) -> Option<(&mut Expr, Option<Token![mut]>)> {
    match expr {
        Expr::Paren(p) => first_borrowed_yield(&mut p.expr),
        Expr::Reference(reference) => {
            let mutability = reference.mutability;
            let mut operand = &mut *reference.expr;
            while let Expr::Paren(inner) = operand {
                operand = &mut *inner.expr;
            }
            if as_yield(operand).is_some() {
                Some((operand, mutability))
            } else {
                first_borrowed_yield(operand)
            }
        }
        Expr::Tuple(t) => t.elems.first_mut().and_then(first_borrowed_yield),
        Expr::Array(a) => a.elems.first_mut().and_then(first_borrowed_yield),
        Expr::Struct(s) => s
            .fields
            .first_mut()
            .and_then(|field| first_borrowed_yield(&mut field.expr)),
        _ => None,
    }
}
