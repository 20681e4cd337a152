//! The graph builder's names: the scopes of bindings, declaring a pattern's bindings,
//! resolving a mention to the binding it refers to, and applying what a piece of plain code
//! does (its mentions and jumps, from [`crate::facts`]) to a node.
//!
//! ```text
//! // Input: `let n = 1; { let n = n + 1; f(n) }`
//! // Output: b0 n (block 0), b1 n (block 1); `n + 1` uses b0, `f(n)` uses b1
//! ```

use super::*;
use crate::known_types;

impl Builder<'_> {
    pub(super) fn resolve(&self, ident: &Ident) -> Option<BindingId> {
        let key = NameKey::of(ident);
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .copied()
            .find(|&b| {
                let binding = self.bindings.get(b);
                binding.role == Role::User && binding.key == key
            })
    }

    pub(super) fn in_scope(&self) -> Vec<BindingId> {
        self.scopes.iter().flatten().copied().collect()
    }

    pub(super) fn record_scope(&mut self, node: NodeId) {
        let scope = self.in_scope();
        self.cfg.scope_at.insert(node, scope);
    }

    /// Declares a pattern's bindings in the innermost scope, noting whether their value,
    /// taken from `init`, borrows a local.
    pub(super) fn declare(
        &mut self,
        pat: &Pat,
        site: Site,
        initialized: bool,
        init: Option<&Expr>,
        refutable: bool,
    ) -> Vec<BindingId> {
        let ty = annotated_type(pat).cloned();
        let borrow = init.and_then(|init| self.local_borrow(init, binds_by_ref(pat)));
        let names = if refutable {
            pattern_bindings(pat)
        } else {
            irrefutable_bindings(pat)
        };
        let reference = ty.as_ref().is_some_and(borrows::is_reference);
        let owned = ty.as_ref().is_some_and(borrows::is_owning)
            || (matches!(site, Site::Stmt(_)) && init.is_some_and(borrows::makes_owned));
        // A single name whose type the declaration states (`let c = 1u64;`).
        let known = match (&names[..], pat) {
            ([single], Pat::Ident(_) | Pat::Type(_)) if !single.by_ref => ty
                .as_ref()
                .and_then(known_types::of_annotation)
                .or_else(|| {
                    let copied = |ident: &Ident| {
                        let b = self.resolve(ident)?;
                        self.bindings.get(b).known.clone()
                    };
                    known_types::of_value(init?, &copied)
                })
                .filter(|ty| !single.mutable || known_types::fits_mutable(ty)),
            _ => None,
        };
        let declared: Vec<BindingId> = names
            .into_iter()
            .map(
                |PatBinding {
                     ident,
                     mutable,
                     by_ref,
                 }| {
                    let mut binding = Binding::new(ident, mutable, Role::User, site, initialized);
                    binding.ty = ty.clone();
                    binding.known = known.clone();
                    binding.borrows_local = borrow;
                    binding.reference = reference;
                    binding.by_ref = by_ref;
                    binding.owned = owned;
                    self.bindings.add(binding)
                },
            )
            .collect();
        self.scopes
            .last_mut()
            .expect("a scope is open while declaring")
            .extend(&declared);
        declared
    }

    /// `&x`, `&mut x`, or (for a `ref` pattern) `x` itself, with `x` a local: a value that
    /// borrows the coroutine's own storage.
    pub(super) fn local_borrow(&self, init: &Expr, by_ref: bool) -> Option<proc_macro2::Span> {
        use syn::spanned::Spanned;
        let local = |e: &Expr| match e {
            Expr::Path(p) => p.path.get_ident().and_then(|i| self.resolve(i)),
            _ => None,
        };
        match init {
            Expr::Paren(p) => self.local_borrow(&p.expr, by_ref),
            // `(&v[0], &v[1])`: a value made of borrows.
            Expr::Tuple(t) => t.elems.iter().find_map(|e| self.local_borrow(e, false)),
            Expr::Array(a) => a.elems.iter().find_map(|e| self.local_borrow(e, false)),
            Expr::Reference(r) if local(&r.expr).is_some() => Some(r.span()),
            other if by_ref && local(other).is_some() => Some(other.span()),
            // A borrow of a part of a local that surely owns its data (`v.get(0)`,
            // `v.iter()`, `&v[i]` with `v = vec![..]`).
            other => {
                let reads = borrows::borrow_shape(other)
                    .or_else(|| borrows::iterable_shape(other).filter(|r| !r.through_root))?;
                let derivation = self.derivation(Derived::Place(other.clone()), &reads)?;
                self.surely_borrows_own(&derivation, &reads)
                    .then(|| other.span())
            }
        }
    }

    /// Applies the facts of plain code to a node: its mentions become uses (or kills, or
    /// assignments), its jumps become edges out of the node. Returns the jumps' targets.
    pub(super) fn apply(&mut self, node: NodeId, facts: &Facts, owner: StmtId) -> Vec<Target> {
        let mut targets = Vec::new();
        let overwritten: Vec<BindingId> = facts
            .overwrites
            .iter()
            .filter_map(|i| self.resolve(i))
            .collect();
        for mention in &facts.mentions {
            let Some(b) = self.resolve(&mention.ident) else {
                continue;
            };
            self.bindings.note(b, mention.how);
            let n = &mut self.cfg.nodes[node.index()];
            if mention.mutates {
                n.mutates.push(b);
            }
            if mention.how == How::Move && !n.moves.contains(&b) {
                n.moves.push(b);
            }
            match mention.how {
                How::Assign if overwritten.contains(&b) => n.kills.push(b),
                How::Assign => n.assigns.push(b),
                _ => self.use_binding(node, b),
            }
        }
        for jump in &facts.jumps {
            if matches!(jump, Jump::Macro(_)) {
                self.cfg.macro_jumps[owner.index()] = true;
            }
            for target in self.targets(jump) {
                let to = match target {
                    Target::Break(s) => self.cfg.after(s),
                    Target::Continue(s) => self.cfg.head(s).expect("`continue` aims at a loop"),
                    Target::Return => self.cfg.exit,
                };
                let label = jump_label(self.spine, jump, target);
                self.cfg.link(node, to, EdgeKind::Jump, Some(label));
                if !self.cfg.jumps[owner.index()].contains(&target) {
                    self.cfg.jumps[owner.index()].push(target);
                }
                targets.push(target);
            }
        }
        targets
    }

    /// A use of `b` at `node`; a borrow made again after a resume also uses what it is made
    /// from, so that those are held wherever it is.
    pub(super) fn use_binding(&mut self, node: NodeId, b: BindingId) {
        self.cfg.nodes[node.index()].uses.push(b);
        let inputs = match &self.bindings.get(b).derived {
            Some(derivation) => derivation.inputs.clone(),
            None => return,
        };
        for input in inputs {
            if !self.cfg.nodes[node.index()].uses.contains(&input) {
                self.use_binding(node, input);
            }
        }
    }
}
