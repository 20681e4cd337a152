//! The operands of one expression with a yield among them: each operand evaluated before
//! the last yield is moved into a temporary, in Rust's order, unless the operation only
//! borrows it and nothing later changes it ([`Keep`]).
//!
//! ```text
//! // Input:                                  // Output:
//! f(g(), yield_!(a), h())                    // let __t0 = g(); let __t1 = yield_!(a);
//!                                            // f(__t0, __t1, h())
//! k == { k = 5; yield_!(0) }                 // let __t0 = k;           (read first)
//!                                            // let __t1 = { k = 5; yield_!(0) }; __t0 == __t1
//! ```

use super::*;

impl Linearizer {
    /// Splits `expr` into the statements that run up to its last yield and the
    /// yield-free expression that finishes it.
    pub(super) fn split(&mut self, expr: Expr) -> Result<Split> {
        if !contains_yield(&expr) {
            return Ok((Vec::new(), expr));
        }
        if let Some(mac) = as_yield(&expr) {
            let span = mac.span();
            let (mut pre, value) = if mac.tokens.is_empty() {
                (Vec::new(), parse_quote_spanned!(span=> ()))
            } else {
                self.split(mac.parse_body::<Expr>()?)?
            };
            let temp = self.temp();
            self.operand_temps.insert(temp.clone());
            let call = with_tokens(mac, value.into_token_stream());
            pre.push(parse_quote_spanned!(span=> let #temp = #call;));
            return Ok((pre, parse_quote!(#temp)));
        }
        if let Some(split) = self.split_tail_only_block(&expr)? {
            return Ok(split);
        }
        let mut expr = expr;
        let mut pre = Vec::new();
        match &mut expr {
            // Only the scrutinee yields: it is split where it stands, and the `match` stays
            // an operand, so the temporaries after the yield live as long as rustc keeps
            // them (to the end of the statement, `?` included).
            Expr::Match(m) if !m.arms.iter().any(arm_yields) => {
                let (pre, scrutinee) = self.split((*m.expr).clone())?;
                *m.expr = scrutinee;
                return Ok((pre, expr));
            }
            Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_)
            | Expr::Block(_)
            | Expr::Unsafe(_) => {
                self.control(&mut expr)?;
                let temp = self.temp();
                self.operand_temps.insert(temp.clone());
                return Ok((vec![parse_quote!(let #temp = #expr;)], parse_quote!(#temp)));
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) => {
                if contains_yield(&*b.right) {
                    let (left, right) = (&b.left, &b.right);
                    let mut as_if: Expr = match b.op {
                        // Parenthesized: a right operand that starts with a block-like
                        // expression (`if c { a } else { b } < 7`) would otherwise be
                        // parsed as a statement followed by garbage.
                        BinOp::And(_) => parse_quote!(if #left { (#right) } else { false }),
                        _ => parse_quote!(if #left { true } else { (#right) }),
                    };
                    self.control(&mut as_if)?;
                    let temp = self.temp();
                    return Ok((vec![parse_quote!(let #temp = #as_if;)], parse_quote!(#temp)));
                }
                self.operands(&mut pre, vec![(&mut b.left, Keep::Never)])?;
            }
            Expr::Binary(b) if is_compound_assign(&b.op) => {
                // `place op= value`: the value is evaluated first; the place is not a value.
                // rustc's order for primitive operands only: see [`compound_order`].
                compound_order(b)?;
                self.operands(&mut pre, vec![(&mut b.right, Keep::Never)])?;
                if contains_yield(&*b.left) {
                    return Err(explain(&*b.left));
                }
            }
            Expr::Binary(b) => {
                // A comparison borrows its operands.
                let left = match is_comparison(&b.op) {
                    true => Keep::UnlessWritten,
                    false => Keep::Never,
                };
                self.operands(
                    &mut pre,
                    vec![(&mut b.left, left), (&mut b.right, Keep::Never)],
                )?;
            }
            Expr::Assign(a) => {
                self.operands(&mut pre, vec![(&mut a.right, Keep::Never)])?;
                if contains_yield(&*a.left) {
                    return Err(explain(&*a.left));
                }
            }
            Expr::Call(c) => {
                let mut children: Vec<(&mut Expr, Keep)> = vec![(&mut c.func, Keep::UnlessWritten)];
                children.extend(c.args.iter_mut().map(|a| (a, Keep::Never)));
                self.operands(&mut pre, children)?;
            }
            Expr::MethodCall(m) => {
                let args_yield = m.args.iter().any(contains_yield);
                if args_yield && is_local_place(&m.receiver) {
                    return Err(Error::new(
                        m.receiver.span(),
                        format!(
                            "`{}` would be borrowed by this method call across the `yield_!` in \
                             its arguments (rustc's coroutines reject this too, E0626); bind \
                             the yield first: `let value = yield_!(..);` and pass `value`",
                            quote::ToTokens::to_token_stream(&m.receiver),
                        ),
                    ));
                }
                // A place receiver here is not a local (a unit struct, a constant, a
                // static): it stays in place, as rustc borrows it (no move out of a static).
                let mut children: Vec<(&mut Expr, Keep)> =
                    vec![(&mut m.receiver, Keep::UnlessWritten)];
                children.extend(m.args.iter_mut().map(|a| (a, Keep::Never)));
                self.operands(&mut pre, children)?;
            }
            Expr::Index(i) => {
                // Built-in indexing reads the base after the index (a written base is read
                // as written); an `Index` impl borrows it, which a write would conflict with,
                // unless the base is a reference the index reassigns: that reads the old one.
                if contains_yield(&*i.index) && writes::index_reassigns_base(&i.expr, &i.index) {
                    return Err(Error::new_spanned(
                        &i.expr,
                        "coro cannot tell which value this index reads: built-in indexing reads \
                         the base after the index (and its `yield_!`), an `Index` impl through a \
                         reference reads it before, and the index gives it a new value; bind \
                         the index first (`let i = ..;`), then write `base[i]`",
                    ));
                }
                self.operands(
                    &mut pre,
                    vec![(&mut i.expr, Keep::Place), (&mut i.index, Keep::Never)],
                )?;
            }
            Expr::Array(a) => {
                self.operands(
                    &mut pre,
                    a.elems.iter_mut().map(|e| (e, Keep::Never)).collect(),
                )?;
            }
            Expr::Tuple(t) => {
                self.operands(
                    &mut pre,
                    t.elems.iter_mut().map(|e| (e, Keep::Never)).collect(),
                )?;
            }
            Expr::Struct(s) => {
                // `P { u, .. }` whose `u` becomes a temporary is `P { u: __t1, .. }`.
                for field in s.fields.iter_mut() {
                    if field.colon_token.is_none() {
                        field.colon_token = Some(Default::default());
                    }
                }
                let mut children: Vec<(&mut Expr, Keep)> = s
                    .fields
                    .iter_mut()
                    .map(|f| (&mut f.expr, Keep::Never))
                    .collect();
                if let Some(rest) = &mut s.rest {
                    children.push((rest, Keep::Never));
                }
                self.operands(&mut pre, children)?;
            }
            Expr::Range(r) => {
                let mut children: Vec<(&mut Expr, Keep)> = Vec::new();
                if let Some(start) = &mut r.start {
                    children.push((start, Keep::Never));
                }
                if let Some(end) = &mut r.end {
                    children.push((end, Keep::Never));
                }
                self.operands(&mut pre, children)?;
            }
            Expr::Repeat(r) => self.operands(&mut pre, vec![(&mut r.expr, Keep::Never)])?,
            Expr::Unary(u) => self.operands(&mut pre, vec![(&mut u.expr, Keep::Never)])?,
            Expr::Cast(c) => self.operands(&mut pre, vec![(&mut c.expr, Keep::Never)])?,
            Expr::Field(f) => self.operands(&mut pre, vec![(&mut f.base, Keep::Never)])?,
            Expr::Reference(r) => self.operands(&mut pre, vec![(&mut r.expr, Keep::Never)])?,
            Expr::Paren(p) => self.operands(&mut pre, vec![(&mut p.expr, Keep::Never)])?,
            Expr::Group(g) => self.operands(&mut pre, vec![(&mut g.expr, Keep::Never)])?,
            Expr::Try(t) => self.operands(&mut pre, vec![(&mut t.expr, Keep::Never)])?,
            Expr::Break(b) => {
                if let Some(value) = &mut b.expr {
                    self.operands(&mut pre, vec![(value, Keep::Never)])?;
                }
            }
            Expr::Return(r) => {
                if let Some(value) = &mut r.expr {
                    self.operands(&mut pre, vec![(value, Keep::Never)])?;
                }
            }
            other => return Err(explain(&*other)),
        }
        Ok((pre, expr))
    }

    /// Linearizes operands evaluated left to right: those before the last one that
    /// yields are saved in temporaries (a place operand may stay in place: [`Keep`]), the
    /// last one that yields is split, the rest stay.
    pub(super) fn operands(
        &mut self,
        pre: &mut Vec<Stmt>,
        operands: Vec<(&mut Expr, Keep)>,
    ) -> Result<()> {
        let Some(last) = operands.iter().rposition(|(e, _)| contains_yield(&**e)) else {
            return Ok(());
        };
        let evaluated: Vec<Expr> = operands.iter().map(|(e, _)| (**e).clone()).collect();
        for (i, (operand, kept)) in operands.into_iter().enumerate().take(last + 1) {
            let (before, rest) = self.split(operand.clone())?;
            pre.extend(before);
            // A borrowed place that a later operand writes is read before it, as rustc does.
            let later: Vec<&Expr> = evaluated[i + 1..].iter().collect();
            let keep = is_place(&rest)
                && match kept {
                    Keep::Never => false,
                    Keep::Place => true,
                    Keep::UnlessWritten => !writes::later_operands_write(&rest, &later),
                };
            if i == last || keep || is_constant(&rest) {
                *operand = rest;
            } else {
                let temp = self.temp();
                self.operand_temps.insert(temp.clone());
                // `(fs.0)(..)`'s callee as `let __t0 = fs.0;`: parentheses around an
                // initializer would be linted (`unused_parens`) on the user's tokens.
                let mut value = &rest;
                while let Expr::Paren(inner) = value {
                    value = &inner.expr;
                }
                pre.push(parse_quote_spanned!(rest.span()=> let #temp = #value;));
                *operand = parse_quote!(#temp);
            }
        }
        Ok(())
    }
}

/// A place `base[index]` whose index yields and whose base does not.
pub(super) fn index_alone_yields(place: &Expr) -> bool {
    matches!(place, Expr::Index(i) if contains_yield(&*i.index) && !contains_yield(&*i.expr))
}

/// A literal or a plain name: evaluating it has no effect anyone can see.
pub(super) fn is_unobservable(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) => true,
        Expr::Path(p) => p.qself.is_none(),
        Expr::Paren(p) => is_unobservable(&p.expr),
        _ => false,
    }
}

/// `place op= value` with a yield in the value: coro evaluates the value first, rustc's
/// order for primitive operands. An operator trait impl (`AddAssign`) evaluates the place
/// first; without types coro cannot tell the two apart, and they differ when the place
/// runs code or the value writes what locates it ([`writes`]): then an error.
pub(super) fn compound_order(b: &syn::ExprBinary) -> Result<()> {
    if !contains_yield(&*b.right)
        || !(writes::runs_code(&b.left) || writes::value_writes_place_inputs(&b.left, &b.right))
    {
        return Ok(());
    }
    let op = b.op.to_token_stream();
    Err(Error::new_spanned(
        &b.left,
        format!(
            "coro cannot tell the order of this `{op}`: a built-in operator evaluates the value \
             (and its `yield_!`) before the place, an operator trait impl evaluates the place \
             first, and this place runs code or reads what the value changes; bind the value \
             first (`let value = ..;`), then write `{op} value`"
        ),
    ))
}

pub(super) fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

/// A path, or a field or constant index of one: evaluating it runs no user code.
fn is_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) => true,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr) && (is_constant(&i.index) || is_place(&i.index)),
        Expr::Paren(p) => is_place(&p.expr),
        _ => false,
    }
}

/// A place rooted in a local binding: a single lowercase name (the linearizer does not
/// resolve names: `A`, `CONST` and `a::B` are items), or a field or index of one. Only such a
/// receiver is borrowed from the coroutine's own locals across a yield in its arguments.
fn is_local_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(p) => {
            p.qself.is_none()
                && p.path.get_ident().is_some_and(|ident| {
                    ident
                        .to_string()
                        .starts_with(|c: char| c.is_lowercase() || c == '_')
                })
        }
        Expr::Field(f) => is_local_place(&f.base),
        Expr::Index(i) => is_local_place(&i.expr),
        Expr::Paren(p) => is_local_place(&p.expr),
        _ => false,
    }
}

fn is_constant(expr: &Expr) -> bool {
    matches!(expr, Expr::Lit(_))
}
