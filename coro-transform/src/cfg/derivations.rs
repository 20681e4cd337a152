//! The graph builder's borrows of the coroutine's own locals: which `let`, pattern or
//! `for` loop makes a borrow that can be made again after a resume from what it reads
//! ([`crate::borrows`]), recorded on the binding while the graph is built.
//!
//! ```text
//! // Input: `let r = &v[i];`, `for x in &v { .. }`
//! // Output: r derived from (v, i); x derived from v and the loop's count of items
//! ```

use super::*;

impl Builder<'_> {
    /// The derivation of a value of shape `reads`, when it borrows the coroutine's own
    /// locals: some root is a local that is neither a reference (a borrow through it is
    /// not a borrow of the state) nor, for a bare name iterated (`for x in r`), anything
    /// but a borrow made again itself.
    pub(super) fn derivation(&self, how: Derived, reads: &Reads) -> Option<Derivation> {
        let mut roots = Vec::new();
        let mut needed = false;
        for ident in &reads.roots {
            let Some(b) = self.resolve(ident) else {
                continue;
            };
            let binding = self.bindings.get(b);
            needed |= binding.derived.is_some() || (!binding.reference && !reads.through_root);
            roots.push((ident.clone(), b));
        }
        if !needed {
            return None;
        }
        let mut inputs: Vec<BindingId> = Vec::new();
        let others = reads.others.iter().filter_map(|i| self.resolve(i));
        for b in roots.iter().map(|(_, b)| *b).chain(others) {
            if !inputs.contains(&b) {
                inputs.push(b);
            }
        }
        Some(Derivation { how, roots, inputs })
    }

    /// Whether a borrow of shape `reads` surely borrows the coroutine's own storage, for
    /// the error when it cannot be re-derived: a borrow of a local as a whole (`&v`), or of
    /// a part of a local known to own its data (or itself such a borrow).
    pub(super) fn surely_borrows_own(&self, derivation: &Derivation, reads: &Reads) -> bool {
        reads.bare_root
            || derivation.roots.iter().any(|(_, b)| {
                let binding = self.bindings.get(*b);
                binding.owned || binding.derived.is_some()
            })
    }

    /// Facts of code that makes a re-derived value: a mention of a root there borrows it
    /// (`Step`: not moved, and through a reference too where auto-deref reaches it; a
    /// root borrowed whole in a `let` stays `Borrow`, since the statement is emitted as
    /// written).
    pub(super) fn soften(&self, facts: &mut Facts, derivation: &Derivation, whole: bool) {
        for mention in &mut facts.mentions {
            let is_root = derivation
                .roots
                .iter()
                .any(|(ident, _)| NameKey::of(ident) == NameKey::of(&mention.ident));
            if is_root && matches!(mention.how, How::Move | How::Borrow | How::Step) {
                mention.how = if whole { How::Borrow } else { How::Step };
            }
        }
    }

    /// A plain `let` whose value is a borrow of a place: re-derived after each resume
    /// where its bindings are held (see [`crate::borrows`]). Returns the derivation, to be
    /// given to the declared binding, and notes the borrow for the error otherwise.
    pub(super) fn let_derivation(&self, stmt: StmtId, local: &syn::Local) -> LetBorrow {
        let Some(init) = &local.init else {
            return LetBorrow::None;
        };
        if init.diverge.is_some() {
            return LetBorrow::None;
        }
        // `let n: u32 = ..` holds no borrow, whatever its value is made from.
        if annotated_type(&local.pat).is_some_and(|ty| !borrows::may_borrow(ty)) {
            return LetBorrow::None;
        }
        // A borrow of a place, or a copy of a binding that is one (`let s = r;`).
        let reads = borrows::borrow_shape(&init.expr).or_else(|| self.copy_of_a_borrow(&init.expr));
        let Some(reads) = reads else {
            if self.local_borrow(&init.expr, false).is_none() {
                return LetBorrow::None;
            }
            let is_iterator = borrows::iterable_shape(&init.expr).is_some();
            let reason = if is_iterator {
                "an iterator over a borrow of a local cannot be held across a yield: coro \
                 makes a borrow again after each resume, and cannot tell how far an \
                 iterator a `let` holds has gone; write the loop as `for x in ..` over the \
                 borrow (`for x in v.iter()`, which coro makes again and moves on), or keep \
                 an index"
                    .to_string()
            } else {
                borrows::pattern_reason(&local.pat).unwrap_or_else(|| {
                    "coro makes a borrow held across a yield again after each resume only \
                     when a `let` binds one borrow to one name; bind each borrow with a \
                     `let` of its own (`let a = &v[0];`)"
                        .to_string()
                })
            };
            return LetBorrow::Rejected(None, Some(reason));
        };
        let Some(derivation) = self.derivation(Derived::Place((*init.expr).clone()), &reads) else {
            return LetBorrow::None;
        };
        use syn::spanned::Spanned;
        let flagged = self
            .surely_borrows_own(&derivation, &reads)
            .then(|| init.expr.span());
        if let Some(reason) = self.excluded.stmts.get(&stmt) {
            return match reason {
                Some(reason) => LetBorrow::Rejected(flagged, Some(reason.clone())),
                None => LetBorrow::None,
            };
        }
        if !borrows::single_name(&local.pat) {
            if reads.through_root {
                // A copy of a loop's item, say (`let mut n = i;`), which may own its value.
                return LetBorrow::None;
            }
            return LetBorrow::Rejected(flagged, borrows::pattern_reason(&local.pat));
        }
        LetBorrow::Derived(Box::new(derivation), reads.bare_root || reads.deref_root)
    }

    /// The bindings of a pattern matched against a borrow of the coroutine's own locals (a
    /// place, `v.get(i)`, or a binding that is such a borrow itself, a loop's item say):
    /// those without `mut` or `ref` are made again after a resume by matching the pattern
    /// against the scrutinee again (see [`crate::borrows`]), unless `stmt` is excluded.
    pub(super) fn pattern_derivation(
        &mut self,
        stmt: StmtId,
        pat: &Pat,
        scrutinee: &Expr,
        declared: &[BindingId],
    ) {
        use syn::spanned::Spanned;
        let reads = borrows::borrow_shape(scrutinee).or_else(|| self.copy_of_a_borrow(scrutinee));
        let Some(reads) = reads else { return };
        let by_ref: Vec<Ident> = crate::syntax::pattern_bindings(pat)
            .into_iter()
            .filter(|b| b.by_ref)
            .map(|b| b.ident)
            .collect();
        let group = self.next_group;
        self.next_group += 1;
        let how = Derived::Pattern {
            group,
            pat: Box::new(pat.clone()),
            scrutinee: Box::new(scrutinee.clone()),
        };
        let Some(derivation) = self.derivation(how, &reads) else {
            return;
        };
        let flagged = (reads.through_root || self.surely_borrows_own(&derivation, &reads))
            .then(|| scrutinee.span());
        let excluded = self.excluded.stmts.get(&stmt).cloned();
        for &b in declared {
            let binding = self.bindings.get_mut(b);
            if binding.mutable || by_ref.contains(&binding.name) {
                continue;
            }
            match &excluded {
                None => binding.derived = Some(derivation.clone()),
                Some(reason) => {
                    if reason.is_some() {
                        binding.borrows_local = binding.borrows_local.or(flagged);
                    }
                    binding.underivable = reason.clone();
                }
            }
        }
    }

    /// `r`, a name whose binding is a borrow made again itself (a loop's item, `let r =
    /// &v;`): what a value of it reads.
    pub(super) fn copy_of_a_borrow(&self, expr: &Expr) -> Option<Reads> {
        let Expr::Path(p) = expr else {
            return None;
        };
        let ident = p.path.get_ident()?;
        let b = self.resolve(ident)?;
        self.bindings.get(b).derived.as_ref()?;
        Some(Reads {
            roots: vec![ident.clone()],
            through_root: true,
            ..Reads::default()
        })
    }

    /// A `for` loop over a borrow of the coroutine's own locals (see [`crate::borrows`]):
    /// the iterator's derivation, unless excluded; the span to point an error at when it
    /// surely borrows the state, and why it is not re-derived.
    pub(super) fn for_derivation(
        &self,
        stmt: StmtId,
        iterable: &Expr,
    ) -> (
        Option<Derivation>,
        Option<proc_macro2::Span>,
        Option<String>,
    ) {
        use syn::spanned::Spanned;
        let Some(reads) = borrows::iterable_shape(iterable) else {
            return (None, None, None);
        };
        let Some(derivation) = self.derivation(Derived::Iterator(iterable.clone()), &reads) else {
            return (None, None, None);
        };
        let flagged = self
            .surely_borrows_own(&derivation, &reads)
            .then(|| iterable.span());
        match self.excluded.stmts.get(&stmt) {
            Some(Some(reason)) => (None, flagged, Some(reason.clone())),
            Some(None) => (None, None, None),
            None => (Some(derivation), None, None),
        }
    }
}
