//! The graph builder's walk over the spine: a node or a few per statement, the edges of
//! every jump, the blocks of each control structure (with the bindings their conditions
//! and patterns bring), a yield's suspension edge, a loop's head.
//!
//! ```text
//! // Input: `if let Some(b) = x && ok(b) { yield_!(b) }`
//! // Output: Test -> BlockStart (b declared; `ok(b)` noted on it) -> Suspend =suspend=> Resume
//! ```

use super::*;

impl Builder<'_> {
    /// The constructs a jump may land on.
    pub(super) fn targets(&self, jump: &Jump) -> Vec<Target> {
        let innermost_loop = || self.constructs.iter().rev().find(|c| c.is_loop);
        let labelled = |label: &syn::Lifetime| {
            let key = NameKey::of_lifetime(label);
            self.constructs
                .iter()
                .rev()
                .find(|c| c.label.as_ref() == Some(&key))
        };
        match jump {
            Jump::Break(None) => innermost_loop()
                .map(|c| Target::Break(c.stmt))
                .into_iter()
                .collect(),
            Jump::Break(Some(label)) => labelled(label)
                .map(|c| Target::Break(c.stmt))
                .into_iter()
                .collect(),
            Jump::Continue(None) => innermost_loop()
                .map(|c| Target::Continue(c.stmt))
                .into_iter()
                .collect(),
            Jump::Continue(Some(label)) => labelled(label)
                .filter(|c| c.is_loop)
                .map(|c| Target::Continue(c.stmt))
                .into_iter()
                .collect(),
            Jump::Return | Jump::Try => vec![Target::Return],
            Jump::Macro(labels) => {
                let mut out = vec![Target::Return];
                let aimed = innermost_loop()
                    .into_iter()
                    .chain(labels.iter().filter_map(labelled));
                for c in aimed {
                    out.push(Target::Break(c.stmt));
                    if c.is_loop {
                        out.push(Target::Continue(c.stmt));
                    }
                }
                out
            }
        }
    }

    /// Walks a block whose scope (and entry bindings) the caller has opened; closes it.
    pub(super) fn block_body(
        &mut self,
        block: BlockId,
        from: NodeId,
        label: Option<String>,
    ) -> NodeId {
        let start = self.cfg.add(NodeKind::BlockStart(block));
        self.cfg.link(from, start, EdgeKind::Flow, label);
        let entry = self.cfg.entries[block.index()].clone();
        self.cfg.nodes[start.index()].defs.extend(entry);
        let mut at = start;
        for &stmt in &self.spine.block(block).stmts {
            at = self.stmt(stmt, at);
        }
        let end = self.cfg.add(NodeKind::BlockEnd(block));
        self.cfg.link(at, end, EdgeKind::Flow, None);
        self.cfg.block_nodes[block.index()] = (start, end);
        self.scopes.pop();
        end
    }

    /// Opens a scope, declares the bindings of `pats` (an arm's pattern, `if let`'s) as
    /// the block's entry, and walks it.
    pub(super) fn block_with(
        &mut self,
        block: BlockId,
        pats: &[(&Pat, Option<&Expr>, bool)],
        from: NodeId,
        label: Option<String>,
    ) -> NodeId {
        self.scopes.push(Vec::new());
        let mut entry = Vec::new();
        for &(pat, init, refutable) in pats {
            entry.extend(self.declare_entry_pattern(block, pat, init, refutable, from));
        }
        self.cfg.entries[block.index()] = entry;
        self.block_body(block, from, label)
    }

    /// [`Self::block_with`] for the block of an `if` or `while` whose condition is `cond`:
    /// the bindings of a let chain's links are declared in order, and what each later link
    /// does with an earlier one is noted on it (`if let Some(b) = x && consume(b)` moves
    /// `b`, which the block then no longer owns).
    pub(super) fn block_after_condition(
        &mut self,
        block: BlockId,
        cond: &Expr,
        from: NodeId,
        label: Option<String>,
    ) -> NodeId {
        self.scopes.push(Vec::new());
        let mut entry: Vec<BindingId> = Vec::new();
        let mut moved_by_the_chain = Vec::new();
        for link in chain_links(cond) {
            for mention in facts::of_expr(link).mentions {
                match self.resolve(&mention.ident) {
                    Some(b) if entry.contains(&b) => {
                        self.bindings.note(b, mention.how);
                        if mention.how == How::Move {
                            moved_by_the_chain.push(b);
                        }
                    }
                    _ => {}
                }
            }
            if let Expr::Let(l) = link {
                entry.extend(self.declare_entry_pattern(block, &l.pat, Some(&l.expr), true, from));
            }
        }
        self.cfg.entries[block.index()] = entry;
        let end = self.block_body(block, from, label);
        // Bound and moved before the block's first statement.
        let start = self.cfg.block_nodes[block.index()].0;
        self.cfg.nodes[start.index()]
            .moves
            .extend(moved_by_the_chain);
        end
    }

    /// Notes on the `test` node of a `match` the bindings its arm's `guard` may move.
    fn moved_by_guard(&mut self, test: NodeId, guard: &Expr) {
        for mention in facts::of_expr(guard).mentions {
            if mention.how != How::Move {
                continue;
            }
            if let Some(b) = self.resolve(&mention.ident) {
                if !self.cfg.nodes[test.index()].moves.contains(&b) {
                    self.cfg.nodes[test.index()].moves.push(b);
                }
            }
        }
    }

    /// Declares the bindings of `pat`, bound as `block` is entered from `from`.
    pub(super) fn declare_entry_pattern(
        &mut self,
        block: BlockId,
        pat: &Pat,
        init: Option<&Expr>,
        refutable: bool,
        from: NodeId,
    ) -> Vec<BindingId> {
        let declared = self.declare(pat, Site::Entry(block), true, init, refutable);
        if let (Some(init), Some(owner)) = (init, self.spine.block(block).owner) {
            self.pattern_derivation(owner, pat, init, &declared);
            // A borrow made again is live only from where the condition binds it (a
            // let chain's later links may read it there).
            if matches!(self.cfg.node(from).kind, NodeKind::Test(_)) {
                let made_again: Vec<BindingId> = declared
                    .iter()
                    .copied()
                    .filter(|&b| self.bindings.get(b).derived.is_some())
                    .collect();
                self.cfg.nodes[from.index()].defs.extend(made_again);
            }
        }
        declared
    }

    pub(super) fn stmt(&mut self, stmt: StmtId, from: NodeId) -> NodeId {
        let spine = self.spine;
        match &spine.node(stmt).kind {
            Kind::Code(code) => {
                let node = self.cfg.add(NodeKind::Code(stmt));
                self.cfg.link(from, node, EdgeKind::Flow, None);
                self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
                    enter: node,
                    after: node,
                    head: None,
                };
                let place = match code {
                    syn::Stmt::Local(local) => self.let_derivation(stmt, local),
                    _ => LetBorrow::None,
                };
                if !matches!(code, syn::Stmt::Item(_)) {
                    let mut facts = facts::of_stmt(code);
                    if let LetBorrow::Derived(derivation, whole) = &place {
                        self.soften(&mut facts, derivation, *whole);
                    }
                    self.apply(node, &facts, stmt);
                }
                if let syn::Stmt::Local(local) = code {
                    let init = local.init.as_ref().map(|init| &*init.expr);
                    let refutable = local.init.as_ref().is_some_and(|i| i.diverge.is_some());
                    let declared = self.declare(
                        &local.pat,
                        Site::Stmt(stmt),
                        init.is_some(),
                        init,
                        refutable,
                    );
                    for &b in &declared {
                        let binding = self.bindings.get_mut(b);
                        match &place {
                            LetBorrow::Derived(derivation, _) => {
                                binding.derived = Some((**derivation).clone());
                            }
                            LetBorrow::Rejected(flagged, reason) => {
                                if flagged.is_some() {
                                    binding.borrows_local = *flagged;
                                }
                                binding.underivable = reason.clone();
                            }
                            LetBorrow::None => {}
                        }
                    }
                    self.cfg.nodes[node.index()].defs.extend(&declared);
                    self.cfg.declares[stmt.index()] = declared;
                }
                if facts::stmt_diverges(code) {
                    // `return ..;`, `break;`, `panic!()`: nothing after it runs.
                    self.cfg.diverging[stmt.index()] = true;
                    return self.cfg.add(NodeKind::Dead);
                }
                node
            }
            Kind::Yield(point) => self.yield_point(stmt, *point, from),
            Kind::Let {
                pat, init, diverge, ..
            } => {
                let after = self.ctl(stmt, init, from);
                self.let_pattern(stmt, pat, after, diverge.as_ref());
                after
            }
            Kind::LetElse { local, diverge } => {
                let test = self.cfg.add(NodeKind::Test(stmt));
                let after = self.cfg.add(NodeKind::After(stmt));
                self.cfg.link(from, test, EdgeKind::Flow, None);
                self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
                    enter: test,
                    after,
                    head: None,
                };
                self.record_scope(after);
                if let Some(init) = &local.init {
                    self.apply(test, &facts::of_expr(&init.expr), stmt);
                }
                let pat_text = text(&local.pat);
                self.block_with(*diverge, &[], test, Some(format!("let {pat_text} fails")));
                self.cfg
                    .link(test, after, EdgeKind::Flow, Some(format!("let {pat_text}")));
                let init = local.init.as_ref().map(|i| &*i.expr);
                let declared = self.declare(&local.pat, Site::Stmt(stmt), true, init, true);
                self.cfg.nodes[after.index()].defs.extend(&declared);
                self.cfg.declares[stmt.index()] = declared;
                after
            }
            Kind::Ctl { ctl, .. } => self.ctl(stmt, ctl, from),
        }
    }

    /// The pattern of `let pat = <control structure> [else { .. }];`, bound after it.
    pub(super) fn let_pattern(
        &mut self,
        stmt: StmtId,
        pat: &Pat,
        after: NodeId,
        diverge: Option<&syn::Block>,
    ) {
        if let Some(diverge) = diverge {
            let branch = self.cfg.add(NodeKind::Branch(stmt));
            self.cfg
                .link(after, branch, EdgeKind::Flow, Some("let fails".into()));
            self.apply(branch, &facts::of_block(diverge), stmt);
        }
        let declared = self.declare(pat, Site::Stmt(stmt), true, None, diverge.is_some());
        self.cfg.nodes[after.index()].defs.extend(&declared);
        self.cfg.declares[stmt.index()] = declared;
    }

    pub(super) fn yield_point(&mut self, stmt: StmtId, point: PointId, from: NodeId) -> NodeId {
        let suspend = self.cfg.add(NodeKind::Suspend(point));
        let resume = self.cfg.add(NodeKind::Resume(point));
        self.cfg.link(from, suspend, EdgeKind::Flow, None);
        self.cfg.link(suspend, resume, EdgeKind::Suspend, None);
        self.cfg.point_nodes[point.index()] = (suspend, resume);
        self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
            enter: suspend,
            after: resume,
            head: None,
        };
        self.record_scope(resume);
        let yp = self.spine.point(point);
        self.apply(suspend, &facts::of_expr(&yp.value), stmt);
        match &yp.kind {
            YieldKind::Let { pat, diverge, .. } => {
                if let Some(diverge) = diverge {
                    let branch = self.cfg.add(NodeKind::Branch(stmt));
                    self.cfg
                        .link(resume, branch, EdgeKind::Flow, Some("let fails".into()));
                    let targets = self.apply(branch, &facts::of_block(diverge), stmt);
                    self.cfg.resumed_jumps[point.index()].extend(targets);
                }
                let declared = self.declare(pat, Site::Stmt(stmt), true, None, diverge.is_some());
                self.cfg.nodes[resume.index()].defs.extend(&declared);
                self.cfg.declares[stmt.index()] = declared;
            }
            YieldKind::Assign { place, op } => {
                let whole = match (op, place) {
                    (None, Expr::Path(p)) => p.path.get_ident().and_then(|i| self.resolve(i)),
                    _ => None,
                };
                match whole {
                    Some(b) => {
                        self.bindings.note(b, How::Assign);
                        self.cfg.nodes[resume.index()].kills.push(b);
                        self.cfg.nodes[resume.index()].mutates.push(b);
                    }
                    // `x += yield_!(..)` and `a.b = yield_!(..)` use the place on resume.
                    None => {
                        let targets = self.apply(resume, &facts::of_assigned_place(place), stmt);
                        self.cfg.resumed_jumps[point.index()].extend(targets);
                    }
                }
            }
            YieldKind::Discard | YieldKind::Value => {}
        }
        resume
    }

    /// A control structure: returns its `After` node.
    pub(super) fn ctl(&mut self, stmt: StmtId, ctl: &Ctl, from: NodeId) -> NodeId {
        let enter = self.cfg.add(NodeKind::Enter(stmt));
        let after = self.cfg.add(NodeKind::After(stmt));
        self.cfg.link(from, enter, EdgeKind::Flow, None);
        self.cfg.stmt_nodes[stmt.index()] = StmtNodes {
            enter,
            after,
            head: None,
        };
        self.record_scope(after);
        match ctl {
            Ctl::Block { label, block, .. } => {
                self.constructs.push(Construct {
                    stmt,
                    label: label.as_ref().map(|l| NameKey::of_lifetime(&l.name)),
                    is_loop: false,
                });
                let end = self.block_with(*block, &[], enter, None);
                self.cfg.link(end, after, EdgeKind::Flow, None);
                self.constructs.pop();
            }
            Ctl::If(branch) => self.if_chain(stmt, branch, enter, after),
            Ctl::Match {
                scrutinee, arms, ..
            } => {
                let test = self.cfg.add(NodeKind::Test(stmt));
                self.cfg.link(enter, test, EdgeKind::Flow, None);
                self.apply(test, &facts::of_expr(scrutinee), stmt);
                for (i, arm) in arms.iter().enumerate() {
                    // A guard that fails goes on to the next arm, which the graph links
                    // from the test: what a guard may move is moved there, for every arm.
                    if let Some(guard) = &arm.guard {
                        self.moved_by_guard(test, guard);
                    }
                    let try_arm = self.cfg.add(NodeKind::Arm(stmt, i));
                    let label = format!("match arm {}", text(&arm.pat));
                    self.cfg.link(test, try_arm, EdgeKind::Flow, Some(label));
                    match &arm.body {
                        ArmBody::Block(block) => {
                            self.scopes.push(Vec::new());
                            let entry = self.declare(
                                &arm.pat,
                                Site::Entry(*block),
                                true,
                                Some(scrutinee),
                                true,
                            );
                            self.pattern_derivation(stmt, &arm.pat, scrutinee, &entry);
                            // A borrow made again is live only from where the pattern binds
                            // it, before the guard reads it (on the arm's node): it is
                            // declared where the scrutinee is tested.
                            let made_again: Vec<BindingId> = entry
                                .iter()
                                .copied()
                                .filter(|&b| self.bindings.get(b).derived.is_some())
                                .collect();
                            self.cfg.nodes[test.index()].defs.extend(made_again);
                            self.cfg.entries[block.index()] = entry;
                            if let Some(guard) = &arm.guard {
                                self.apply(try_arm, &facts::of_expr(guard), stmt);
                            }
                            let end = self.block_body(*block, try_arm, None);
                            self.cfg.link(end, after, EdgeKind::Flow, None);
                        }
                        ArmBody::Code(body) => {
                            let code = self.cfg.add(NodeKind::Branch(stmt));
                            self.cfg.link(try_arm, code, EdgeKind::Flow, None);
                            self.apply(
                                code,
                                &facts::of_arm(&arm.pat, arm.guard.as_ref(), body),
                                stmt,
                            );
                            if !facts::diverges(body) {
                                self.cfg.link(code, after, EdgeKind::Flow, None);
                            }
                        }
                    }
                }
            }
            Ctl::Loop { label, body, .. } => {
                let head = self.loop_head(stmt, label.as_ref(), enter);
                let end = self.block_with(*body, &[], head, None);
                self.cfg
                    .link(end, head, EdgeKind::Flow, Some("loop".into()));
                self.constructs.pop();
            }
            Ctl::While {
                label, cond, body, ..
            } => {
                let head = self.loop_head(stmt, label.as_ref(), enter);
                let test = self.cfg.add(NodeKind::Test(stmt));
                self.cfg.link(head, test, EdgeKind::Flow, None);
                self.apply(test, &facts::of_expr(cond), stmt);
                let cond_text = text(cond);
                let label = Some(format!("while {cond_text}"));
                let end = self.block_after_condition(*body, cond, test, label);
                self.cfg.link(end, head, EdgeKind::Flow, None);
                self.cfg
                    .link(test, after, EdgeKind::Flow, Some("after the while".into()));
                self.constructs.pop();
            }
            Ctl::For {
                label,
                pat,
                iterable,
                body,
                ..
            } => {
                let (derivation, flagged, reason) = self.for_derivation(stmt, iterable);
                let mut facts = facts::of_expr(iterable);
                if let Some(derivation) = &derivation {
                    self.soften(&mut facts, derivation, false);
                }
                self.apply(enter, &facts, stmt);
                // The iterator lives in a scope around the loop.
                self.scopes.push(Vec::new());
                let name = Ident::new(
                    &format!("__iter{}", stmt.index()),
                    proc_macro2::Span::mixed_site(),
                );
                let mut iterator =
                    Binding::new(name, true, Role::Iterator(stmt), Site::Iterator(stmt), true);
                iterator.borrows_local = flagged.or_else(|| self.local_borrow(iterable, false));
                iterator.underivable = reason;
                let derived = derivation.is_some();
                iterator.derived = derivation;
                let iterator = self.bindings.add(iterator);
                self.bindings.note(iterator, How::Step);
                self.scopes.last_mut().expect("scope").push(iterator);
                self.cfg.iterators.insert(stmt, iterator);
                self.cfg.nodes[enter.index()].defs.push(iterator);
                let head = self.loop_head(stmt, label.as_ref(), enter);
                self.use_binding(head, iterator);
                let label_text = format!("for {} in {}", text(pat), text(iterable));
                // The pattern's bindings, as `block_with` declares them; over a re-derived
                // iterator, those without `mut` or `ref` are taken again from its current
                // item.
                self.scopes.push(Vec::new());
                let entry = self.declare(pat, Site::Entry(*body), true, None, false);
                if derived {
                    for &b in &entry {
                        let binding = self.bindings.get(b);
                        let plain = !binding.mutable
                            && !crate::syntax::pattern_bindings(pat)
                                .iter()
                                .any(|p| p.by_ref && p.ident == binding.name);
                        if plain {
                            self.bindings.get_mut(b).derived = Some(Derivation {
                                how: Derived::Item(stmt),
                                roots: Vec::new(),
                                inputs: vec![iterator],
                            });
                        }
                    }
                }
                self.cfg.entries[body.index()] = entry;
                let end = self.block_body(*body, head, Some(label_text));
                self.cfg.link(end, head, EdgeKind::Flow, None);
                self.cfg
                    .link(head, after, EdgeKind::Flow, Some("after the for".into()));
                self.constructs.pop();
                self.scopes.pop();
            }
        }
        after
    }

    pub(super) fn loop_head(
        &mut self,
        stmt: StmtId,
        label: Option<&syn::Label>,
        from: NodeId,
    ) -> NodeId {
        let head = self.cfg.add(NodeKind::Head(stmt));
        self.cfg.link(from, head, EdgeKind::Flow, None);
        self.cfg.stmt_nodes[stmt.index()].head = Some(head);
        self.record_scope(head);
        self.constructs.push(Construct {
            stmt,
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop: true,
        });
        head
    }

    pub(super) fn if_chain(&mut self, stmt: StmtId, branch: &If, from: NodeId, after: NodeId) {
        let test = self.cfg.add(NodeKind::Test(stmt));
        self.cfg.link(from, test, EdgeKind::Flow, None);
        self.apply(test, &facts::of_expr(&branch.cond), stmt);
        let label = format!("if {}", text(&branch.cond));
        let end = self.block_after_condition(branch.then, &branch.cond, test, Some(label));
        self.cfg.link(end, after, EdgeKind::Flow, None);
        let else_label = Some("else".to_string());
        match &branch.otherwise {
            Some(Else::Block(block)) => {
                let end = self.block_with(*block, &[], test, else_label);
                self.cfg.link(end, after, EdgeKind::Flow, None);
            }
            Some(Else::If(inner)) => {
                let next = self.cfg.add(NodeKind::Branch(stmt));
                self.cfg.link(test, next, EdgeKind::Flow, else_label);
                self.if_chain(stmt, inner, next, after);
            }
            Some(Else::Code(expr)) => {
                let code = self.cfg.add(NodeKind::Branch(stmt));
                self.cfg.link(test, code, EdgeKind::Flow, else_label);
                self.apply(code, &facts::of_expr(expr), stmt);
                if !facts::diverges(expr) {
                    self.cfg.link(code, after, EdgeKind::Flow, None);
                }
            }
            None => self.cfg.link(test, after, EdgeKind::Flow, else_label),
        }
    }
}
