//! How a region's code goes on from where it stands: after a control structure (inline,
//! or through its join), through the rest of a block, into the control structures of the
//! spine, and around a loop from its head.
//!
//! ```text
//! // Input: the region after `yield_!(x)` in `for x in xs { yield_!(x); log(x); } done();`
//! // Output: `log(x);`, then the loop again from its head (or its join), then `done();`
//! ```

use super::*;

impl<'a> Regions<'a> {
    /// After statement `stmt` has been emitted as `part`: binds its value and carries on
    /// inline, or passes it to the statement's join.
    pub(super) fn after(
        &mut self,
        stmt: StmtId,
        part: TokenStream,
        completes: bool,
    ) -> (TokenStream, bool) {
        if !completes {
            // Checked against a type with no values: as `part;` (no expected type) a
            // statement that never completes would leave rustc a diverging type variable
            // to fall back, and rustc walks the whole body once per such variable
            // (quadratic in a large body). And a `break` the transform could not see (made
            // by a macro of the user's module that has the name of a standard one, `dbg!`)
            // would leave the loop with `()`: rustc then reports it on that macro call,
            // instead of the code after the loop silently not running. The temporaries of
            // `let _: Infallible = part;` end with the statement, as those of `part;` do.
            return (quote!(let _: ::core::convert::Infallible = #part;), false);
        }
        if !self.inline_after(stmt) {
            let value = names::value();
            // The type a `let` writes is the value's expected type: it coerces the
            // branches (`let s: &[u32] = if yield_!(0) > 3 { &[1, 2] } else { &[4] };`).
            let ty = match &self.spine.node(stmt).kind {
                Kind::Let {
                    pat: syn::Pat::Type(typed),
                    ..
                } => {
                    let ty = &typed.ty;
                    quote!(: #ty)
                }
                _ => quote!(),
            };
            let goto = self.goto(Entry::After(stmt), Some(quote!(#value)));
            return (quote!({ let #value #ty = #part; #goto }), false);
        }
        // The values the statement's join would pass on are bound here too: each takes
        // the type the join's region gives it.
        // (Not after a block's value, which must stay its last expression.)
        let declared = self.cfg.declares(stmt);
        let is_value = self.spine.tail(self.spine.node(stmt).block) == Some(stmt);
        let held: Vec<BindingId> = match is_value {
            true => Vec::new(),
            // Only those declared without a value (`let v;`), which each region assigns
            // on its own; the others get their type where they were declared.
            false => self
                .live
                .held(self.cfg.after(stmt))
                .filter(|b| !declared.contains(b) && !self.bindings.get(*b).initialized)
                .collect(),
        };
        let mut code = self.bind(stmt, part);
        for b in held {
            code.extend(self.tie(b));
        }
        (code, true)
    }

    /// Binds the value `part` of a control structure as its statement does: `let pat =
    /// part;`, `part;`, or `part` as the block's value.
    pub(super) fn bind(&mut self, stmt: StmtId, part: TokenStream) -> TokenStream {
        match &self.spine.node(stmt).kind {
            Kind::Let {
                attrs,
                pat,
                diverge,
                ..
            } => {
                // Of the statement's plain code, only its `else` block is emitted here (the
                // value's own jumps were emitted with it).
                if diverge.is_some() {
                    self.use_jumps(stmt);
                }
                let witnesses = self.witnesses(self.cfg.declares(stmt));
                let code = match diverge {
                    Some(diverge) => {
                        let diverge = self.user_block(diverge);
                        quote!(#(#attrs)* let #pat = (#part) else #diverge;)
                    }
                    None => quote!(#(#attrs)* let #pat = #part;),
                };
                // Bound where the value completes without suspending and again after a
                // resume: one type for both (`match x { 0 => 200u8, _ => { yield_!(0); 200 } }`).
                // Not for closures: two of them never have one type (rustc would coerce them
                // to a `fn` pointer; the guide's Limits say to write the type).
                let ties: TokenStream = match self.makes_closures(stmt) {
                    true => TokenStream::new(),
                    false => self
                        .cfg
                        .declares(stmt)
                        .to_vec()
                        .into_iter()
                        .map(|b| self.tie(b))
                        .collect(),
                };
                quote!(#code #witnesses #ties)
            }
            Kind::Ctl {
                semi: Some(semi), ..
            } => quote!(#part #semi),
            Kind::Ctl { semi: None, .. } => part,
            _ => unreachable!("only control structures have joins"),
        }
    }

    /// Whether the code of statement `stmt` outside its yields makes a closure.
    pub(super) fn makes_closures(&self, stmt: StmtId) -> bool {
        struct Finder(bool);
        impl<'ast> syn::visit::Visit<'ast> for Finder {
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {
                self.0 = true;
            }
        }
        let mut finder = Finder(false);
        for s in self.spine.stmt_ids() {
            if self.spine.within(s, stmt) {
                if let Kind::Code(code) = &self.spine.node(s).kind {
                    syn::visit::Visit::visit_stmt(&mut finder, code);
                }
            }
        }
        finder.0
    }

    /// Whether the code after `stmt` is emitted inline here (rather than reached through
    /// its join): where the plan allows it, and where nothing follows `stmt` in its block,
    /// so that inlining copies nothing (the join would only pass control on further).
    pub(super) fn inline_after(&self, stmt: StmtId) -> bool {
        let node = self.spine.node(stmt);
        if node.position + 1 == self.spine.block(node.block).stmts.len() {
            return true;
        }
        match self.root {
            Root::Body => true,
            Root::Loop(l) => l != stmt && self.spine.within(stmt, l),
            Root::Nowhere => false,
        }
    }

    // ---- Straight-line code: the statements as written, yields as suspensions. ----

    pub(super) fn flow_block(&mut self, block: BlockId) -> (TokenStream, bool) {
        let witnesses = self.witnesses(self.cfg.entry(block));
        let (contents, completes) = self.flow_stmts(block, 0);
        let contents = quote!(#witnesses #contents);
        (braced(self.spine.block(block).brace, contents), completes)
    }

    /// Emits a block's statements from `from` up to the first one that cannot complete
    /// here (a yield, a join); what follows belongs to other regions. Returns whether the
    /// block's end is reached.
    pub(super) fn flow_stmts(&mut self, block: BlockId, from: usize) -> (TokenStream, bool) {
        let stmts = &self.spine.block(block).stmts;
        let stop = (from..stmts.len()).find(|&i| !self.flows_through(stmts[i]));
        let emitted = &stmts[from..stop.map_or(stmts.len(), |s| s + 1)];
        let whole = from == 0 && stop.is_none();
        let mut out = TokenStream::new();
        if from == 0 && !whole {
            // A `use` or `const` later in the block is in scope from its start.
            out.extend(self.copied_items(block));
        }
        for (i, &s) in emitted.iter().enumerate() {
            match &self.spine.node(s).kind {
                // Items without identity stand where they are in a block emitted whole; a
                // part of a block has them at its start (`copied_items`), but a
                // `macro_rules!`, whose scope starts where it is written, stays in place.
                Kind::Code(syn::Stmt::Item(item)) => {
                    let in_root = block == self.spine.root;
                    let in_place = whole || is_macro_rules(item);
                    if in_place && !crate::items::is_hoisted(item, in_root) {
                        if !whole {
                            // The code that uses it may be in another region.
                            out.extend(quote!(#[allow(dead_code, unused_imports, unused_macros)]));
                        }
                        out.extend(item.to_token_stream());
                    }
                }
                Kind::Code(code) => {
                    if stop.is_some() && self.untyped_here(s, &emitted[i + 1..]) {
                        continue;
                    }
                    self.use_jumps(s);
                    let code = self.user_stmt(code);
                    out.extend(code);
                    out.extend(self.witnesses(self.cfg.declares(s)));
                }
                Kind::Yield(k) => {
                    out.extend(self.suspend(*k));
                    return (out, false);
                }
                Kind::LetElse { local, diverge } => {
                    self.use_jumps(s);
                    let attrs = &local.attrs;
                    let pat = &local.pat;
                    let init = &local.init.as_ref().expect("let-else has a value").expr;
                    let init = self.user_expr(init);
                    let (diverge, _) = self.flow_block(*diverge);
                    out.extend(quote!(#(#attrs)* let #pat = #init else #diverge;));
                    out.extend(self.witnesses(self.cfg.declares(s)));
                }
                Kind::Let { .. } | Kind::Ctl { .. } => {
                    let (part, completes) = self.flow_ctl(s);
                    let (next, completes) = self.after(s, part, completes);
                    out.extend(next);
                    if !completes {
                        return (out, false);
                    }
                }
            }
        }
        (out, stop.is_none())
    }

    /// Whether the statement after `stmt` can be reached in this region.
    pub(super) fn flows_through(&mut self, stmt: StmtId) -> bool {
        match &self.spine.node(stmt).kind {
            Kind::Code(_) => self.cfg.falls_through(stmt),
            Kind::LetElse { .. } => true,
            Kind::Yield(_) => false,
            Kind::Let { .. } | Kind::Ctl { .. } => {
                self.inline_after(stmt) && self.can_complete(stmt)
            }
        }
    }

    /// A `let x;` that nothing before the region stops mentions would leave `x` without a
    /// type: it is left out.
    pub(super) fn untyped_here(&self, stmt: StmtId, later: &[StmtId]) -> bool {
        let Kind::Code(syn::Stmt::Local(local)) = &self.spine.node(stmt).kind else {
            return false;
        };
        if local.init.is_some() {
            return false;
        }
        let declared = self.cfg.declares(stmt);
        !later.iter().any(|&s| {
            declared
                .iter()
                .any(|&b| self.mentions_before_suspending(s, b))
        })
    }

    /// Whether code of `stmt` that runs before it suspends mentions `b` (a yield's own
    /// assignment, and code after the yield, run only after the resume:
    /// `(a, _) = (yield_!(1), 0);`).
    pub(super) fn mentions_before_suspending(&self, stmt: StmtId, b: BindingId) -> bool {
        let before = self.cfg.reach(self.cfg.enter(stmt));
        self.cfg.ids().any(|n| {
            let node = self.cfg.node(n);
            let inside = self
                .cfg
                .stmt_of(n, self.spine)
                .is_some_and(|s| self.spine.within(s, stmt));
            let after_resume = matches!(node.kind, NodeKind::Resume(_));
            inside
                && before[n.index()]
                && !after_resume
                && (node.uses.contains(&b) || node.kills.contains(&b) || node.assigns.contains(&b))
        })
    }

    /// Whether a control structure emitted here can complete: its `After` node is
    /// reachable from its start without suspending and without entering a loop that this
    /// region reaches only through the loop's head join.
    pub(super) fn can_complete(&mut self, stmt: StmtId) -> bool {
        let key = (self.root, stmt);
        if let Some(&known) = self.completes.get(&key) {
            return known;
        }
        let blocked = |s: StmtId| match self.root {
            Root::Body => false,
            Root::Loop(l) => s != l,
            Root::Nowhere => true,
        };
        let (from, to) = (self.cfg.enter(stmt), self.cfg.after(stmt));
        let mut seen = vec![false; self.cfg.nodes.len()];
        let mut stack = vec![from];
        let mut found = false;
        while let Some(n) = stack.pop() {
            if n == to {
                found = true;
                break;
            }
            if seen[n.index()] {
                continue;
            }
            seen[n.index()] = true;
            if let NodeKind::Head(l) = self.cfg.node(n).kind {
                if blocked(l) {
                    continue;
                }
            }
            for edge in &self.cfg.node(n).succ {
                if edge.kind != crate::cfg::EdgeKind::Suspend {
                    stack.push(edge.to);
                }
            }
        }
        self.completes.insert(key, found);
        found
    }

    /// A control structure emitted whole, its blocks as straight-line code. A loop this
    /// region does not run itself is entered through its head's join.
    pub(super) fn flow_ctl(&mut self, stmt: StmtId) -> (TokenStream, bool) {
        self.use_jumps(stmt);
        let ctl = self.spine.ctl(stmt).expect("a control structure");
        let is_loop = self.spine.is_loop(stmt);
        if is_loop && self.root != Root::Body && self.root != Root::Loop(stmt) {
            let enter = match ctl {
                Ctl::For { iterable, .. } => {
                    let iter = self.iterator_name(stmt);
                    let made = self.make_iterator(stmt, iterable);
                    quote!(let mut #iter = #made;)
                }
                _ => TokenStream::new(),
            };
            let head = self.goto(Entry::Head(stmt), None);
            return (quote!({ #enter #head }), false);
        }
        // The graph may reach the end where this region does not: a branch whose last
        // statement passes its value to a join ends there, and a `let (a, b) = ..` of a
        // value that never comes would have no type.
        let mut emitted_completes = true;
        let code = match ctl {
            Ctl::Block {
                label,
                unsafety,
                block,
            } => {
                let (block, reaches_end) =
                    self.in_block_frame(label.as_ref(), |r| r.flow_block(*block));
                // A labelled block also completes by a `break` to its label.
                emitted_completes = reaches_end || label.is_some();
                quote!(#label #unsafety #block)
            }
            Ctl::If(branch) => {
                let (code, reaches_end) = self.flow_if(branch);
                emitted_completes = reaches_end;
                code
            }
            Ctl::Match {
                match_token,
                scrutinee,
                arms,
            } => {
                let mut some_arm_ends = false;
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|arm| {
                        let (attrs, pat) = (&arm.attrs, &arm.pat);
                        let guard = arm.guard.as_ref().map(|g| {
                            let g = self.user_expr(g);
                            quote!(if #g)
                        });
                        let (body, ends) = match &arm.body {
                            ArmBody::Block(block) => self.flow_block(*block),
                            ArmBody::Code(expr) => (self.branch_code(expr), true),
                        };
                        some_arm_ends |= ends;
                        quote!(#(#attrs)* #pat #guard => #body,)
                    })
                    .collect();
                emitted_completes = some_arm_ends;
                let scrutinee = self.user_expr(scrutinee);
                quote!(#match_token #scrutinee { #(#arms)* })
            }
            Ctl::For { iterable, .. } => {
                let iter = self.iterator_name(stmt);
                let (the_loop, _) = self.loop_from_head(stmt);
                let made = self.make_iterator(stmt, iterable);
                // As rustc desugars `for`: the iterable's temporaries live until the loop
                // ends (or, in a coroutine, until it suspends).
                quote! {
                    match #made {
                        mut #iter => #the_loop,
                    }
                }
            }
            Ctl::Loop { .. } | Ctl::While { .. } => self.loop_from_head(stmt).0,
        };
        (code, self.can_complete(stmt) && emitted_completes)
    }

    /// An `if` as written; whether the code emitted may reach its end.
    pub(super) fn flow_if(&mut self, branch: &If) -> (TokenStream, bool) {
        let if_token = &branch.if_token;
        let cond = self.user_expr(&branch.cond);
        let (then, then_ends) = self.flow_block(branch.then);
        let (otherwise, otherwise_ends) = match &branch.otherwise {
            None => (None, true),
            Some(Else::Block(block)) => {
                let (code, ends) = self.flow_block(*block);
                (Some(code), ends)
            }
            Some(Else::If(inner)) => {
                let (code, ends) = self.flow_if(inner);
                (Some(code), ends)
            }
            Some(Else::Code(expr)) => (Some(self.branch_code(expr)), true),
        };
        // rustc takes the edition of an `if` from the span of the whole expression, which
        // runs from the `if` to the last brace: a brace of the macro's own would make it
        // the macro's edition (2021), and edition 2024's drop of an `if let`'s temporaries
        // before the `else` would not happen. The last brace gets the user's `if` span.
        let (then, otherwise) = match otherwise {
            Some(code) => (then, Some(with_last_brace_at(code, if_token.span))),
            None => (with_last_brace_at(then, if_token.span), None),
        };
        let otherwise = otherwise.map(|e| quote!(else #e));
        (
            quote!(#if_token #cond #then #otherwise),
            then_ends || otherwise_ends,
        )
    }

    /// A loop as written, from its head (a `for` loop's iterator already made).
    pub(super) fn loop_from_head(&mut self, stmt: StmtId) -> (TokenStream, bool) {
        // A `while` condition runs again from the head; a `for` loop's iterable does not
        // (its jumps count where the iterator is made).
        if !matches!(self.spine.ctl(stmt), Some(Ctl::For { .. })) {
            self.use_jumps(stmt);
        }
        let completes = self.can_complete(stmt);
        let label = self
            .spine
            .label(stmt)
            .map(|l| NameKey::of_lifetime(&l.name));
        self.frames.push(Frame {
            label,
            is_loop: true,
            redirect: None,
        });
        let code = self.loop_code(stmt);
        self.frames.pop();
        (code, completes)
    }

    pub(super) fn loop_code(&mut self, stmt: StmtId) -> TokenStream {
        match self.spine.ctl(stmt).expect("a loop") {
            Ctl::Loop {
                label,
                loop_token,
                body,
            } => {
                let (body, _) = self.flow_block(*body);
                quote!(#label #loop_token #body)
            }
            Ctl::While {
                label,
                while_token,
                cond,
                body,
            } => {
                let cond = self.user_expr(cond);
                let (body, _) = self.flow_block(*body);
                quote!(#label #while_token #cond #body)
            }
            Ctl::For {
                label,
                pat,
                body,
                for_token,
                ..
            } => {
                let iter = self.iterator_name(stmt);
                let (body, _) = self.flow_block(*body);
                // Generated, so that lints about the desugaring (`while let Some(_) = ..`)
                // do not land on the user's `for`; but the iterator's step is the `for`'s,
                // where the borrow checker says a borrow it holds is used again.
                let span = crate::paths::at(for_token.span);
                let step = quote_spanned!(span=> ::core::iter::Iterator::next(&mut #iter));
                quote! {
                    #label while let ::core::option::Option::Some(#pat) = #step #body
                }
            }
            _ => unreachable!("a loop"),
        }
    }

    // ---- Leaving a region: suspending, or passing on to a join. ----
}

/// `code` with the span of its last group (a block's braces) set to `span`.
fn with_last_brace_at(code: TokenStream, span: proc_macro2::Span) -> TokenStream {
    let mut trees: Vec<proc_macro2::TokenTree> = code.into_iter().collect();
    if let Some(proc_macro2::TokenTree::Group(group)) = trees.last_mut() {
        let mut respanned = proc_macro2::Group::new(group.delimiter(), group.stream());
        respanned.set_span(span);
        *group = respanned;
    }
    trees.into_iter().collect()
}
