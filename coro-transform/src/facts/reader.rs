//! The reader of plain code: a visitor that walks an expression, a statement or a block
//! and notes each outer name it mentions with how (moved, borrowed, stepped, assigned),
//! the names the code binds itself, and the jumps that leave it.
//!
//! ```text
//! // Input: `v.push(x); if x > n { break 'outer; }`
//! // Output: v (mutable value), x (move), x (borrow), n (borrow); jumps: break 'outer
//! ```

use super::*;

/// The labels (`'a`) a token stream mentions, for a macro the transform cannot read.
pub(super) fn labels_in(tokens: &TokenStream, out: &mut Vec<Lifetime>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                if let Some(TokenTree::Ident(ident)) = trees.get(i + 1) {
                    out.push(Lifetime {
                        apostrophe: p.span(),
                        ident: ident.clone(),
                    });
                }
            }
            TokenTree::Group(group) => labels_in(&group.stream(), out),
            _ => {}
        }
    }
}

/// How the mode of an expression reaches a bare name in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Value,
    Borrow,
    Step,
    Assign,
    /// Borrowed mutably: `&mut x`, the place of `op=`, a field of either.
    MutBorrow,
    /// Read as a value in a way that may also change it: the receiver of a method that may
    /// take `&mut self`.
    MutValue,
    /// Indexed or stepped in a way that changes it: `x.next()`, `x[i] = ..`.
    MutStep,
}

impl Mode {
    fn mutates(self) -> bool {
        matches!(
            self,
            Mode::Assign | Mode::MutBorrow | Mode::MutValue | Mode::MutStep
        )
    }
}

#[derive(Default)]
pub(super) struct Reader {
    pub(super) facts: Facts,
    /// The mode of the expression about to be visited.
    mode: Option<Mode>,
    /// Names bound inside the code being read, innermost scope last.
    scopes: Vec<HashSet<NameKey>>,
    /// Loops and labelled blocks inside the code: jumps aimed at them stay inside.
    inner: Vec<Inner>,
    /// Inside a closure or `async` block: jumps there are its own, and every mention is a
    /// capture, which may move.
    in_closure: usize,
}

struct Inner {
    label: Option<NameKey>,
    is_loop: bool,
}

impl Reader {
    pub(super) fn value(&mut self, expr: &Expr) {
        self.with(Mode::Value, expr);
    }

    pub(super) fn borrow(&mut self, expr: &Expr) {
        self.with(Mode::Borrow, expr);
    }

    pub(super) fn with(&mut self, mode: Mode, expr: &Expr) {
        self.mode = Some(mode);
        self.visit_expr(expr);
    }

    pub(super) fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(HashSet::new());
        f(self);
        self.scopes.pop();
    }

    pub(super) fn declare(&mut self, pat: &Pat) {
        self.declare_as(pat, true);
    }

    /// Declares a pattern that cannot fail to match (`let`, a closure parameter, `for`).
    pub(super) fn declare_irrefutable(&mut self, pat: &Pat) {
        self.declare_as(pat, false);
    }

    pub(super) fn declare_as(&mut self, pat: &Pat, refutable: bool) {
        let names = if refutable {
            pattern_bindings(pat)
        } else {
            irrefutable_bindings(pat)
        };
        if let Some(scope) = self.scopes.last_mut() {
            scope.extend(names.iter().map(|b| NameKey::of(&b.ident)));
        }
        // Paths in patterns (constants, ranges) are read too.
        struct PatPaths<'a>(&'a mut Reader);
        impl<'ast> Visit<'ast> for PatPaths<'_> {
            fn visit_expr(&mut self, e: &'ast Expr) {
                self.0.borrow(e);
            }
        }
        PatPaths(self).visit_pat(pat);
    }

    pub(super) fn mention(&mut self, ident: &Ident, mode: Mode) {
        let key = NameKey::of(ident);
        if self.scopes.iter().any(|scope| scope.contains(&key)) {
            return;
        }
        let how = match mode {
            _ if self.in_closure > 0 => How::Move,
            Mode::Value | Mode::MutValue => How::Move,
            Mode::Borrow | Mode::MutBorrow => How::Borrow,
            Mode::Step | Mode::MutStep => How::Step,
            Mode::Assign => How::Assign,
        };
        self.facts.mentions.push(Mention {
            ident: ident.clone(),
            how,
            mutates: mode.mutates() || self.in_closure > 0,
        });
    }

    pub(super) fn jump(&mut self, jump: Jump) {
        if self.in_closure > 0 {
            return;
        }
        let stays = match &jump {
            Jump::Break(None) | Jump::Continue(None) => self.inner.iter().any(|i| i.is_loop),
            Jump::Break(Some(label)) | Jump::Continue(Some(label)) => {
                let key = NameKey::of_lifetime(label);
                self.inner.iter().any(|i| i.label.as_ref() == Some(&key))
            }
            Jump::Return | Jump::Try | Jump::Macro(_) => false,
        };
        if !stays {
            self.facts.jumps.push(jump);
        }
    }

    pub(super) fn inside(
        &mut self,
        label: Option<&syn::Label>,
        is_loop: bool,
        f: impl FnOnce(&mut Self),
    ) {
        self.inner.push(Inner {
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop,
        });
        f(self);
        self.inner.pop();
    }

    /// `x = e;` as a statement, where `e` does not mention `x`, or a destructuring
    /// `(x, y) = e;`: each assigned name `e` does not mention is overwritten.
    pub(super) fn top_level_assignment(&mut self, assign: &syn::ExprAssign) {
        let right = of_expr(&assign.right);
        let mentioned = |ident: &Ident| {
            let key = NameKey::of(ident);
            right.mentions.iter().any(|m| NameKey::of(&m.ident) == key)
        };
        for ident in assigned_names(&assign.left) {
            if !mentioned(&ident) {
                self.facts.overwrites.push(ident);
            }
        }
    }

    /// The target of an assignment: a name is assigned (not read), a destructuring
    /// target's places are each assigned (`(x, v[0]) = ..`), any other place is borrowed
    /// mutably.
    fn assign_target(&mut self, target: &Expr) {
        match target {
            Expr::Path(_) => self.with(Mode::Assign, target),
            Expr::Tuple(t) => t.elems.iter().for_each(|e| self.assign_target(e)),
            Expr::Array(a) => a.elems.iter().for_each(|e| self.assign_target(e)),
            Expr::Call(c) => c.args.iter().for_each(|e| self.assign_target(e)),
            Expr::Struct(s) => s.fields.iter().for_each(|f| self.assign_target(&f.expr)),
            Expr::Paren(p) => self.assign_target(&p.expr),
            // `_` and `..` assign nothing.
            Expr::Infer(_) | Expr::Range(_) => {}
            _ => self.with(Mode::MutBorrow, target),
        }
    }

    /// A macro call: the formatting and assertion macros of the standard library take
    /// their arguments by reference and jump nowhere of their own, so their arguments are
    /// read as expressions; any other macro's input is read as tokens, every name in it
    /// may move, and it may jump.
    pub(super) fn mac(&mut self, mac: &Macro) {
        let name = crate::syntax::macro_name(mac);
        let args = || Punctuated::<Expr, Token![,]>::parse_terminated.parse2(mac.tokens.clone());
        let read = match name.as_str() {
            "print" | "println" | "eprint" | "eprintln" | "format" | "format_args" | "panic"
            | "unreachable" | "todo" | "unimplemented" | "assert_eq" | "assert_ne"
            | "debug_assert_eq" | "debug_assert_ne" | "write" | "writeln" => args().map(|args| {
                for arg in &args {
                    self.format_arg(arg);
                }
            }),
            "assert" | "debug_assert" => args().map(|args| {
                let mut args = args.iter();
                if let Some(cond) = args.next() {
                    self.value(cond);
                }
                for arg in args {
                    self.format_arg(arg);
                }
            }),
            "vec" => match crate::syntax::vec_repeat(mac) {
                Ok((elem, len)) => {
                    self.value(&elem);
                    self.value(&len);
                    Ok(())
                }
                Err(_) => args().map(|args| args.iter().for_each(|a| self.value(a))),
            },
            // `dbg!` moves every argument (and gives them back).
            "dbg" => args().map(|args| args.iter().for_each(|a| self.value(a))),
            // The rest of `matches!` is a pattern.
            "matches" => args().map(|args| {
                if let Some(first) = args.first() {
                    self.value(first);
                }
            }),
            _ => Err(syn::Error::new(Span::call_site(), "not a known macro")),
        };
        if read.is_err() {
            self.opaque(&mac.tokens);
            // A `macro_rules!` of the body reads (or moves) the locals its rules name.
            if let Some(rules) = crate::syntax::body_macro_tokens(mac) {
                self.opaque_tokens(rules);
            }
        }
    }

    /// An argument of a formatting macro: a string literal (whose `{name}`s are borrowed),
    /// `name = value`, or a value, which the macro borrows.
    pub(super) fn format_arg(&mut self, arg: &Expr) {
        match arg {
            Expr::Lit(lit) => {
                for name in format_string_names(&lit.lit) {
                    self.mention(&name, Mode::Borrow);
                }
            }
            Expr::Assign(named) => self.borrow(&named.right),
            other => self.borrow(other),
        }
    }

    pub(super) fn opaque(&mut self, tokens: &TokenStream) {
        self.opaque_tokens(tokens.clone());
        let mut labels = Vec::new();
        labels_in(tokens, &mut labels);
        self.jump(Jump::Macro(labels));
    }

    pub(super) fn opaque_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) => {
                    // A binding's new name is spelled nowhere else: wherever it stands
                    // (`val!(x: u32)`), the shadow step put it there for that binding.
                    if crate::syntax::may_name_a_local(&trees, i) || crate::names::is_renamed(ident)
                    {
                        self.mention(ident, Mode::MutValue);
                    }
                }
                TokenTree::Group(group) => self.opaque_tokens(group.stream()),
                TokenTree::Literal(lit) => {
                    if let Ok(lit) = syn::parse2::<syn::Lit>(TokenTree::Literal(lit.clone()).into())
                    {
                        for name in format_string_names(&lit) {
                            self.mention(&name, Mode::Borrow);
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// Whether a `match` is a `?` that `rewrite` wrote: its scrutinee calls
/// `::coro::__private::branch`.
pub(super) fn is_rewritten_try(m: &syn::ExprMatch) -> bool {
    let Expr::Call(call) = &*m.expr else {
        return false;
    };
    let Expr::Path(path) = &*call.func else {
        return false;
    };
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["coro", "__private", "branch"]
}

pub(super) fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let mode = self.mode.take().unwrap_or(Mode::Value);
        match expr {
            Expr::Path(path) => {
                if let (None, Some(ident)) = (&path.qself, path.path.get_ident()) {
                    self.mention(ident, mode);
                }
                // Generic arguments may hold expressions (`f::<{ N }>`): read them too.
                visit::visit_expr_path(self, path);
            }
            Expr::Reference(r) if r.mutability.is_some() => self.with(Mode::MutBorrow, &r.expr),
            Expr::Reference(r) => self.borrow(&r.expr),
            Expr::RawAddr(r) => self.borrow(&r.expr),
            Expr::Field(f) => {
                // `x.f` as a value may move the field out of `x`; as a place it borrows.
                let base = match mode {
                    Mode::Value | Mode::MutValue => mode,
                    _ if mode.mutates() => Mode::MutBorrow,
                    _ => Mode::Borrow,
                };
                self.with(base, &f.base);
            }
            Expr::Index(i) => {
                let base = if mode.mutates() {
                    Mode::MutStep
                } else {
                    Mode::Step
                };
                self.with(base, &i.expr);
                self.value(&i.index);
            }
            Expr::MethodCall(m) => {
                let borrowing = BORROWING_METHODS.iter().any(|b| m.method == b);
                let changes = !crate::syntax::SHARED_METHODS.iter().any(|b| m.method == b);
                let receiver = match (borrowing, changes) {
                    (true, true) => Mode::MutStep,
                    (true, false) => Mode::Step,
                    (false, true) => Mode::MutValue,
                    (false, false) => Mode::Value,
                };
                self.with(receiver, &m.receiver);
                if let Some(turbofish) = &m.turbofish {
                    self.visit_angle_bracketed_generic_arguments(turbofish);
                }
                for arg in &m.args {
                    self.value(arg);
                }
            }
            Expr::Binary(b) if is_comparison(&b.op) => {
                self.borrow(&b.left);
                self.borrow(&b.right);
            }
            Expr::Binary(b) if crate::syntax::is_compound_assign(&b.op) => {
                self.with(Mode::MutBorrow, &b.left);
                self.value(&b.right);
            }
            Expr::Assign(a) => {
                self.assign_target(&a.left);
                self.value(&a.right);
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Closure(c) => {
                self.in_closure += 1;
                self.scoped(|r| {
                    for input in &c.inputs {
                        r.declare_irrefutable(input);
                    }
                    r.value(&c.body);
                });
                self.in_closure -= 1;
            }
            Expr::Async(a) => {
                self.in_closure += 1;
                self.visit_block(&a.block);
                self.in_closure -= 1;
            }
            Expr::Block(b) => {
                self.inside(b.label.as_ref(), false, |r| r.visit_block(&b.block));
            }
            Expr::Loop(l) => self.inside(l.label.as_ref(), true, |r| r.visit_block(&l.body)),
            Expr::While(w) => {
                let label = w.label.as_ref();
                self.inside(label, true, |r| {
                    r.scoped(|r| {
                        r.value(&w.cond);
                        r.visit_block(&w.body);
                    })
                });
            }
            Expr::ForLoop(f) => {
                self.value(&f.expr);
                self.inside(f.label.as_ref(), true, |r| {
                    r.scoped(|r| {
                        r.declare_irrefutable(&f.pat);
                        r.visit_block(&f.body);
                    })
                });
            }
            Expr::If(e) => {
                self.scoped(|r| {
                    r.value(&e.cond);
                    r.visit_block(&e.then_branch);
                });
                if let Some((_, otherwise)) = &e.else_branch {
                    self.value(otherwise);
                }
            }
            Expr::Let(l) => {
                self.value(&l.expr);
                // Visible in the rest of the condition and the `then` block: the caller
                // opened a scope for them.
                self.declare(&l.pat);
            }
            Expr::Match(m) if is_rewritten_try(m) => {
                // `e?`, as `rewrite` left it: `match branch(e) { Ok(v) => v, Err(r) => break
                // '__coroutine_body r }`.
                self.value(&m.expr);
                self.jump(Jump::Try);
            }
            Expr::Match(m) => {
                self.value(&m.expr);
                for arm in &m.arms {
                    self.visit_arm(arm);
                }
            }
            Expr::Break(b) => {
                if let Some(value) = &b.expr {
                    self.value(value);
                }
                // `return` and `?`, as `rewrite` left them.
                let completes = b.label.as_ref().is_some_and(|l| {
                    NameKey::of_lifetime(l) == NameKey::of_lifetime(&crate::names::body_label())
                });
                self.jump(if completes {
                    Jump::Return
                } else {
                    Jump::Break(b.label.clone())
                });
            }
            Expr::Continue(c) => self.jump(Jump::Continue(c.label.clone())),
            Expr::Return(r) => {
                if let Some(value) = &r.expr {
                    self.value(value);
                }
                self.jump(Jump::Return);
            }
            Expr::Try(t) => {
                self.value(&t.expr);
                self.jump(Jump::Try);
            }
            Expr::Paren(p) => self.with(mode, &p.expr),
            Expr::Group(g) => self.with(mode, &g.expr),
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scoped(|r| visit::visit_block(r, block));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.value(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.value(diverge);
            }
        }
        let refutable = local.init.as_ref().is_some_and(|i| i.diverge.is_some());
        self.declare_as(&local.pat, refutable);
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        self.scoped(|r| {
            r.declare(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                r.value(guard);
            }
            r.value(&arm.body);
        });
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        self.mac(mac);
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.mac(&m.mac);
    }

    // Nested items cannot see the function's locals, nor jump out of it.
    fn visit_item(&mut self, _item: &'ast syn::Item) {}
}

/// The plain names an assignment's target assigns: `x` in `x = ..`, `x` and `y` in
/// `(x, [y, _], v[0]) = ..` (not `v`, whose element is assigned).
fn assigned_names(target: &Expr) -> Vec<Ident> {
    match target {
        Expr::Path(p) => p.path.get_ident().cloned().into_iter().collect(),
        Expr::Tuple(t) => t.elems.iter().flat_map(assigned_names).collect(),
        Expr::Array(a) => a.elems.iter().flat_map(assigned_names).collect(),
        Expr::Call(c) => c.args.iter().flat_map(assigned_names).collect(),
        Expr::Struct(s) => s
            .fields
            .iter()
            .flat_map(|f| assigned_names(&f.expr))
            .collect(),
        Expr::Paren(p) => assigned_names(&p.expr),
        _ => Vec::new(),
    }
}
