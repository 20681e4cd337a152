//! How a region leaves and enters the state: a suspension (save the held values, return
//! the yielded one), a jump to a join, the restores at a region's start, and the borrows
//! and `for` iterators made again there.
//!
//! ```text
//! // Input: `yield_!(a + b)` with `a` held there
//! // Output: { let __yielded = a + b; *__state = State::Suspend0 { a: a }; return Yielded(__yielded); }
//! ```

use super::*;

impl<'a> Regions<'a> {
    /// The code for reaching a yield: save the held bindings, hand out the value.
    pub(super) fn suspend(&mut self, point: PointId) -> TokenStream {
        let stmt = self.spine.point(point).stmt;
        self.use_jumps(stmt);
        let yp = self.spine.point(point);
        let value = self.user_expr(&yp.value);
        let state_enum = &self.names.state_enum;
        let state = names::state();
        let variant = names::suspend_variant(point);
        let fields = self.fields(self.cfg.resume(point));
        let yielded = names::yielded();
        let ty = &self.yield_ty;
        let span = crate::paths::at(yp.span);
        let coro = crate::paths::root_at(span);
        let resume = self.cfg.resume(point);
        let save = match self.in_place {
            // Resumed in place and suspending at the same point: the values are there.
            Some(current) if current == point => self.before_leaving(resume, false, span),
            _ => {
                let before = self.before_leaving(resume, true, span);
                let take = self.take_out_of_state();
                quote_spanned! {span=>
                    #before
                    #take
                    *#state = #state_enum::#variant { #(#fields),* };
                }
            }
        };
        let yielded_state = Residual::wrap(
            self.residual,
            quote_spanned!(span=> #coro::CoroutineState::Yielded(#yielded)),
        );
        quote_spanned! {span=>
            {
                let #yielded: #ty = #value;
                #save
                return #yielded_state;
            }
        }
    }

    /// `break '__region __Resume::<join> { .. }`: passes control, and the values held
    /// there, to the region of `entry`.
    pub(super) fn goto(&mut self, entry: Entry, value: Option<TokenStream>) -> TokenStream {
        if self.seen.insert(entry) {
            self.requested.push(entry);
        }
        let variant = match entry {
            Entry::After(s) => names::after_variant(s),
            Entry::Head(l) => names::head_variant(l),
            _ => unreachable!("only joins are gone to"),
        };
        let resume_enum = &self.names.resume_enum;
        let fields = self.fields(self.plan.node(self.cfg, entry));
        let value_field = value.map(|v| {
            let name = names::value();
            quote!(#name: #v,)
        });
        let before = self.before_leaving(self.plan.node(self.cfg, entry), true, Span::call_site());
        let take = self.take_out_of_state();
        let label = names::region_label();
        quote!({ #before #take break #label #resume_enum::#variant { #value_field #(#fields),* } })
    }

    /// `field: binding` for each binding held at an entry.
    pub(super) fn fields(&self, entry: NodeId) -> Vec<TokenStream> {
        self.live
            .held(entry)
            .map(|b| {
                let field = self.names.field(b);
                let binding = self.bindings.get(b);
                match (&binding.derived, binding.role) {
                    // Worked out by `before_leaving`.
                    (Some(_), Role::Iterator(the_loop)) => {
                        let taken = names::taken(the_loop);
                        quote!(#field: #taken)
                    }
                    _ => {
                        let value = self.named(b);
                        quote!(#field: #value)
                    }
                }
            })
            .collect()
    }

    /// In a region resumed in place, before anything else is written to the state: takes
    /// the held values out of it (the `&mut` references to them end here).
    pub(super) fn take_out_of_state(&self) -> TokenStream {
        let Some(current) = self.in_place else {
            return TokenStream::new();
        };
        let state_enum = &self.names.state_enum;
        let state = names::state();
        let variant = names::suspend_variant(current);
        let taken = self.live.held(self.cfg.resume(current)).map(|b| {
            let field = self.names.field(b);
            let binding = self.bindings.get(b);
            if binding.derived.is_some() {
                // A count, already worked out where it is needed.
                return quote!(#field: _);
            }
            let name = &binding.name;
            quote!(#field: #name)
        });
        quote! {
            #[allow(unused_variables)]
            let #state_enum::#variant { #(#taken),* } =
                ::core::mem::replace(#state, #state_enum::Poisoned)
            else {
                ::core::unreachable!()
            };
        }
    }

    /// `__same3.tie(&v);`: binding `b`, bound here, takes the one type that every region
    /// binding it gives it (see `__private::Same`). Only a binding of the user's code.
    pub(super) fn tie(&mut self, b: BindingId) -> TokenStream {
        let Some(cell) = self.cell(b) else {
            return TokenStream::new();
        };
        let value = self.named(b);
        quote!(#cell.tie(&#value);)
    }

    /// The type cell of binding `b`, noted as used: only for a binding of the user's code.
    pub(super) fn cell(&mut self, b: BindingId) -> Option<proc_macro2::Ident> {
        let binding = self.bindings.get(b);
        if binding.role != Role::User || binding.derived.is_some() {
            return None;
        }
        self.tied.insert(b);
        Some(names::same(b))
    }

    // ---- Declaring bindings again at an entry. ----

    /// Declares again what `bindings` (all declared in one scope, in order) are at the
    /// entry `node`: held ones from the state, empty ones without a value.
    pub(super) fn restores(&mut self, node: NodeId, bindings: &[BindingId]) -> TokenStream {
        let coro = crate::paths::root();
        let mut out = TokenStream::new();
        let with_witnesses = self
            .live
            .slots(node)
            .iter()
            .filter(|(b, _)| {
                let owner = match self.bindings.get(*b).role {
                    Role::Witness(owner) => owner,
                    _ => *b,
                };
                bindings.contains(&owner)
            })
            .copied()
            .collect::<Vec<_>>();
        let mut items_done: Vec<Group> = Vec::new();
        for (b, slot) in with_witnesses {
            let mut tie = None;
            let binding = self.bindings.get(b);
            let name = &binding.name;
            if let (Some(derivation), Slot::Held) = (&binding.derived, slot) {
                out.extend(self.rederive(node, b, derivation, &mut items_done));
                continue;
            }
            // With the name's span: a borrow checker error about the binding names it
            // (`cannot borrow `v` as mutable`) only if its whole pattern is the user's.
            let mutability = (binding.mutable || self.in_place.is_some())
                .then(|| quote_spanned!(name.span()=> mut));
            let held = names::held(self.names.field(b));
            match (binding.role, slot) {
                (Role::Witness(owner), Slot::Held) => {
                    out.extend(quote!(#[allow(unused_variables)] let #name = #held;));
                    if self.live.slot(node, owner) == Some(Slot::Empty) {
                        let owner = self.named(owner);
                        out.extend(quote! {
                            #[allow(unused_assignments)]
                            if false {
                                #owner = #coro::__private::conjure(#name);
                            }
                        });
                    }
                }
                (_, Slot::Held) if self.in_proxy => {
                    out.extend(quote! {
                        #[allow(unused_mut, unused_variables, non_snake_case)]
                        let #mutability #name = #coro::__private::take_resumed(&mut #held);
                    });
                    if !self.taken_in_proxy.contains(&held) {
                        self.taken_in_proxy.push(held);
                    }
                }
                (_, Slot::Held) => {
                    out.extend(quote! {
                        #[allow(unused_mut, unused_variables, non_snake_case)]
                        let #mutability #name = #held;
                    });
                    // A join's value was bound inline too, where the statement completed
                    // without suspending: one type for both (after the naming macro).
                    if matches!(self.cfg.node(node).kind, NodeKind::After(_))
                        && !binding.initialized
                    {
                        tie = Some(b);
                    }
                }
                (_, Slot::Empty) => {
                    if binding.ty.is_none() {
                        self.empties.push(name.clone());
                    }
                    let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                    out.extend(quote!(#[allow(unused_variables, non_snake_case)] let #mutability #name #ty;));
                }
                (_, Slot::Dropped) => {}
            }
            if slot != Slot::Dropped {
                out.extend(self.naming_macro(b));
            }
            if let Some(b) = tie {
                out.extend(self.tie(b));
            }
        }
        out
    }

    /// A borrow of the coroutine's own locals held at `node`, made again from what it reads
    /// (see [`crate::borrows`]): a place evaluated again, a loop's iterator made again and
    /// moved on by the count the state keeps, a loop's pattern bound again from its
    /// current item (once for all of its bindings held here).
    pub(super) fn rederive(
        &mut self,
        node: NodeId,
        b: BindingId,
        derivation: &Derivation,
        items_done: &mut Vec<Group>,
    ) -> TokenStream {
        let coro = crate::paths::root();
        let binding = self.bindings.get(b);
        let name = &binding.name;
        match &derivation.how {
            Derived::Place(expr) => {
                let expr = self.derived_expr(expr, derivation);
                let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                quote! {
                    #[allow(unused_variables, non_snake_case)]
                    let #name #ty = #expr;
                }
            }
            Derived::Iterator(iterable) => {
                let Role::Iterator(the_loop) = binding.role else {
                    return TokenStream::new();
                };
                let iterable = self.derived_expr(iterable, derivation);
                let current = names::current(the_loop);
                let held = names::held(self.names.field(b));
                let taken = if self.in_proxy {
                    if !self.taken_in_proxy.contains(&held) {
                        self.taken_in_proxy.push(held.clone());
                    }
                    quote!(#coro::__private::take_resumed(&mut #held))
                } else {
                    quote!(#held)
                };
                quote! {
                    #[allow(unused_variables, unused_mut)]
                    let (mut #name, mut #current) = {
                        #[allow(unused_imports)]
                        use #coro::__private::RederiveAny as _;
                        #coro::__private::Rederive(::core::iter::IntoIterator::into_iter(
                            #iterable,
                        ))
                        .resume(#taken)
                    };
                }
            }
            Derived::Pattern {
                group,
                pat,
                scrutinee,
            } => {
                let key = Group::Pattern(*group);
                if items_done.contains(&key) {
                    return TokenStream::new();
                }
                items_done.push(key);
                let kept = self.rederived_in(node, key);
                let pat = crate::borrows::projected_pattern(pat, &kept);
                let scrutinee = self.derived_expr(scrutinee, derivation);
                quote! {
                    #[allow(unused_variables, non_snake_case, irrefutable_let_patterns)]
                    let #pat = #scrutinee else {
                        ::core::unreachable!()
                    };
                }
            }
            Derived::Item(the_loop) => {
                let key = Group::Item(*the_loop);
                if items_done.contains(&key) {
                    return TokenStream::new();
                }
                items_done.push(key);
                let Some(Ctl::For { pat, .. }) = self.spine.ctl(*the_loop) else {
                    return TokenStream::new();
                };
                let kept = self.rederived_in(node, key);
                let pat = crate::borrows::projected_pattern(pat, &kept);
                let current = names::current(*the_loop);
                quote! {
                    #[allow(unused_variables, non_snake_case)]
                    let #pat = #coro::__private::current(#current.take());
                }
            }
        }
    }

    /// The names of the bindings of one pattern made again at `node`.
    pub(super) fn rederived_in(&self, node: NodeId, group: Group) -> Vec<proc_macro2::Ident> {
        self.live
            .rederived(node)
            .filter(|&x| {
                let of = match self.bindings.get(x).derived.as_ref().map(|d| &d.how) {
                    Some(Derived::Item(l)) => Group::Item(*l),
                    Some(Derived::Pattern { group, .. }) => Group::Pattern(*group),
                    _ => return false,
                };
                of == group
            })
            .map(|x| self.bindings.get(x).name.clone())
            .collect()
    }

    /// A derivation's expression as this region evaluates it: the roots a state resumed in
    /// place keeps there are reached through the `&mut` references to them.
    pub(super) fn derived_expr(&self, expr: &syn::Expr, derivation: &Derivation) -> TokenStream {
        let by_reference: Vec<&proc_macro2::Ident> = match self.in_place {
            Some(k) => {
                let resume = self.cfg.resume(k);
                derivation
                    .roots
                    .iter()
                    .filter(|(_, b)| self.live.held(resume).any(|h| h == *b))
                    .map(|(ident, _)| ident)
                    .collect()
            }
            None => Vec::new(),
        };
        let expr = crate::borrows::through_references(expr, &by_reference);
        self.user_expr_const(&expr)
    }

    /// The values a region hands on to `entry` that it must work out first, before any of
    /// them moves (the count of a re-derived loop's iterator), and the borrows held there
    /// kept alive up to here, so that the borrow checker sees them live as in the body.
    pub(super) fn before_leaving(&self, entry: NodeId, saving: bool, span: Span) -> TokenStream {
        let coro = crate::paths::root_at(span);
        let mut out = TokenStream::new();
        let rederived: Vec<BindingId> = self.live.rederived(entry).collect();
        for &b in &rederived {
            // One made from another (`let y = x;`) keeps that one's borrow alive, which may
            // have been moved into it.
            let made_into_another = rederived.iter().any(|&d| {
                self.bindings
                    .get(d)
                    .derived
                    .as_ref()
                    .is_some_and(|derivation| derivation.inputs.contains(&b))
            });
            if !made_into_another {
                let name = &self.bindings.get(b).name;
                out.extend(quote_spanned!(span=> #coro::__private::alive(&#name);));
            }
        }
        if saving {
            for b in self.live.held(entry) {
                let binding = self.bindings.get(b);
                if let (Some(_), Role::Iterator(the_loop)) = (&binding.derived, binding.role) {
                    let name = &binding.name;
                    let taken = names::taken(the_loop);
                    out.extend(quote_spanned!(span=> let #taken = #name.taken();));
                }
            }
        }
        out
    }

    /// A `for` loop's iterator, declared again inside the loop's statement.
    pub(super) fn iterator_restore(&mut self, the_loop: StmtId, node: NodeId) -> TokenStream {
        match self.cfg.iterator(the_loop) {
            Some(iter) => self.restores(node, &[iter]),
            None => TokenStream::new(),
        }
    }

    /// A `for` loop's iterator as the loop starts: over a borrow of the coroutine's own
    /// locals, one that counts its items (see [`crate::borrows`]).
    pub(super) fn make_iterator(&mut self, the_loop: StmtId, iterable: &syn::Expr) -> TokenStream {
        let iter = self
            .cfg
            .iterator(the_loop)
            .expect("a for loop has an iterator");
        match &self.bindings.get(iter).derived {
            Some(derivation) => {
                let coro = crate::paths::root();
                let iterable = self.derived_expr(iterable, derivation);
                quote!({
                    #[allow(unused_imports)]
                    use #coro::__private::RederiveAny as _;
                    #coro::__private::Rederive(::core::iter::IntoIterator::into_iter(#iterable))
                        .start()
                })
            }
            None => {
                let iterable = self.user_expr(iterable);
                quote!(::core::iter::IntoIterator::into_iter(#iterable))
            }
        }
    }

    pub(super) fn iterator_name(&self, the_loop: StmtId) -> proc_macro2::Ident {
        let iter = self
            .cfg
            .iterator(the_loop)
            .expect("a for loop has an iterator");
        self.bindings.get(iter).name.clone()
    }

    /// `let __type_of_x = type_of(&x);` for each declared binding that needs a witness.
    pub(super) fn witnesses(&self, declared: &[BindingId]) -> TokenStream {
        let coro = crate::paths::root();
        let mut out: TokenStream = declared.iter().map(|&b| self.naming_macro(b)).collect();
        for w in self.bindings.ids() {
            if let Role::Witness(owner) = self.bindings.get(w).role {
                if declared.contains(&owner) {
                    let (name, owner) =
                        (&self.bindings.get(w).name, &self.bindings.get(owner).name);
                    out.extend(quote!(let #name = #coro::__private::type_of(&#owner);));
                }
            }
        }
        out
    }
}
