//! The user's own code as a region emits it: statements with their jumps redirected,
//! the items and macros of a block that each region declares again, the names of held
//! bindings, and the checks on temporaries.
//!
//! ```text
//! // Input: a block `{ use m::T; macro_rules! m { .. } f(x); yield_!(..); g(x) }`
//! // Output (the region after the yield): `use m::T;`, then the macro and the restores
//! // in their order, then `g(x)`
//! ```

use super::*;

impl<'a> Regions<'a> {
    /// Whether the value of `block` (its tail) may leave temporaries that a temporary scope
    /// around it must drop (see `partial`).
    pub(super) fn value_may_make_temporaries(&self, block: BlockId) -> bool {
        let Some(tail) = self.spine.tail(block) else {
            return false;
        };
        match &self.spine.node(tail).kind {
            Kind::Code(syn::Stmt::Expr(expr, None)) => may_make_temporaries(expr),
            Kind::Ctl { .. } => match self.spine.ctl(tail) {
                Some(Ctl::Match { scrutinee, .. }) => may_make_temporaries(scrutinee),
                // A block's value is its own tail's (`{ let t = yield_!(..); t | f().id() }`,
                // as linearize writes a yield in a tail).
                Some(Ctl::Block { block, .. }) => self.value_may_make_temporaries(*block),
                _ => false,
            },
            _ => false,
        }
    }

    /// The items of a block that a region emitting part of it declares at its start (a
    /// `use` or `const` is in scope in the whole block), but for those declared once for
    /// the function and the `macro_rules!` (see [`Regions::earlier_macros`]).
    pub(super) fn copied_items(&self, block: BlockId) -> TokenStream {
        let mut out = TokenStream::new();
        let in_root = block == self.spine.root;
        for &s in &self.spine.block(block).stmts {
            if let Kind::Code(syn::Stmt::Item(item)) = &self.spine.node(s).kind {
                if !crate::items::is_hoisted(item, in_root) && !is_macro_rules(item) {
                    // The part of the block this region runs may not use every item.
                    out.extend(quote!(#[allow(dead_code, unused_imports, unused_macros)]));
                    out.extend(item.to_token_stream());
                }
            }
        }
        out
    }

    /// The `macro_rules!` of a block before `position`, each with its own position, for a
    /// region that starts inside the block (a later one is declared where it stands, see
    /// `flow_stmts`).
    pub(super) fn earlier_macros(
        &self,
        block: BlockId,
        position: usize,
    ) -> Vec<(usize, TokenStream)> {
        let in_root = block == self.spine.root;
        let stmts = &self.spine.block(block).stmts[..position];
        stmts
            .iter()
            .enumerate()
            .filter_map(|(at, &s)| match &self.spine.node(s).kind {
                Kind::Code(syn::Stmt::Item(item))
                    if is_macro_rules(item) && !crate::items::is_hoisted(item, in_root) =>
                {
                    let rules = quote!(#[allow(unused_macros)] #item);
                    Some((at, rules))
                }
                _ => None,
            })
            .collect()
    }

    /// A piece of the user's code, its jumps to loops emitted in part redirected.
    pub(super) fn user_stmt(&mut self, stmt: &syn::Stmt) -> TokenStream {
        let out = jumps::statement(stmt, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    /// A branch with no yield (an `else`, a `match` arm), as written; one that surely
    /// diverges as a statement in a block of its own, since its value (a tail after the
    /// `return`, say: `{ return 0; 0 }`) is never used and need not have the type of a
    /// control structure the region checks as `()` (see [`Regions::after`]).
    pub(super) fn branch_code(&mut self, expr: &syn::Expr) -> TokenStream {
        let code = self.user_expr(expr);
        if crate::facts::diverges(expr) {
            quote!({ #code; })
        } else {
            code
        }
    }

    /// A piece of the user's code that cannot jump (a re-derived borrow's expression).
    pub(super) fn user_expr_const(&self, expr: &syn::Expr) -> TokenStream {
        jumps::expression(expr, &self.frames)
            .code
            .into_token_stream()
    }

    pub(super) fn user_expr(&mut self, expr: &syn::Expr) -> TokenStream {
        let out = jumps::expression(expr, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    pub(super) fn user_block(&mut self, block: &syn::Block) -> TokenStream {
        let out = jumps::block(block, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    /// Runs `f` inside a block emitted whole (with its label, if any), as jumps see it.
    pub(super) fn in_block_frame<T>(
        &mut self,
        label: Option<&syn::Label>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.frames.push(Frame {
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop: false,
            redirect: None,
        });
        let out = f(self);
        self.frames.pop();
        out
    }

    /// A binding as the code that leaves a region names it: by its name, or through the
    /// macro defined where it is declared when a binding of the same spelling may hide it
    /// there (see [`crate::unshadow`]).
    pub(super) fn named(&self, b: BindingId) -> TokenStream {
        let name = &self.bindings.get(b).name;
        if self.unshadowed.through_macro(b) {
            let naming = names::naming_macro(b);
            quote!(#naming!())
        } else {
            quote!(#name)
        }
    }

    /// Right where `b` is declared, for a binding named through a macro: the macro, whose
    /// name resolves where it is defined (`macro_rules!` hygiene), so that later code
    /// reaches `b` even where another binding of its spelling hides it.
    pub(super) fn naming_macro(&self, b: BindingId) -> TokenStream {
        if !self.unshadowed.through_macro(b) {
            return TokenStream::new();
        }
        let naming = names::naming_macro(b);
        let name = &self.bindings.get(b).name;
        quote! {
            #[allow(unused_macros)]
            macro_rules! #naming { () => { #name } }
        }
    }

    /// Notes where the plain code of `stmt`, about to be emitted, may jump.
    pub(super) fn use_jumps(&mut self, stmt: StmtId) {
        self.use_targets(self.cfg.jumps(stmt));
    }

    /// Notes that the code about to be emitted may jump to `targets`.
    pub(super) fn use_targets(&mut self, targets: &[Target]) {
        for target in targets {
            if !self.used.contains(target) {
                self.used.push(*target);
            }
        }
    }
}

/// Whether evaluating `expr` may leave temporaries behind: a method call or field of a
/// value, a borrow, an index, a macro, a `match` (its scrutinee). Paths, literals, calls
/// and operators only move values.
pub(super) fn may_make_temporaries(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            use syn::Expr::*;
            match expr {
                MethodCall(_) | Reference(_) | Field(_) | Index(_) | Macro(_) | Match(_)
                | Let(_) => self.0 = true,
                Closure(_) | Block(_) | Unsafe(_) | If(_) | Loop(_) | While(_) | ForLoop(_) => {
                    // Their own blocks are temporary scopes, or hold statements.
                    if let If(e) = expr {
                        self.visit_expr(&e.cond);
                    }
                }
                _ => syn::visit::visit_expr(self, expr),
            }
        }
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

pub(super) fn is_macro_rules(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Macro(m) if m.mac.path.is_ident("macro_rules"))
}

/// `code` without the statements `#[..] let name;` (and `let mut name;`) of `names`.
pub(super) fn remove_empty_declarations(code: TokenStream, names: &[String]) -> TokenStream {
    let trees: Vec<TokenTree> = code.into_iter().collect();
    let is = |i: usize, f: &dyn Fn(&TokenTree) -> bool| trees.get(i).is_some_and(f);
    let ident = |i: usize, text: &str| {
        is(
            i,
            &|t| matches!(t, TokenTree::Ident(x) if x.unraw() == text),
        )
    };
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        let attribute = matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#')
            && is(
                i + 1,
                &|t| matches!(t, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Bracket),
            );
        let at = if attribute { i + 2 } else { i };
        if ident(at, "let") {
            let name_at = if ident(at + 1, "mut") { at + 2 } else { at + 1 };
            let named = names.iter().any(|name| ident(name_at, name));
            let ends = is(
                name_at + 1,
                &|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'),
            );
            if named && ends {
                i = name_at + 2;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(group) => {
                let mut new = proc_macro2::Group::new(
                    group.delimiter(),
                    remove_empty_declarations(group.stream(), names),
                );
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// `{ contents }` with the braces of the user's block (their edition's rules apply).
pub(super) fn braced(span: Span, contents: TokenStream) -> TokenStream {
    let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, contents);
    group.set_span(span);
    group.into_token_stream()
}
