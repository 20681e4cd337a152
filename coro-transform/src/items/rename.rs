//! New names for hoisted items that would hide an outer item of the same name, and the
//! renaming of every mention of them inside their block.
//!
//! ```text
//! // Input:                                  // Output:
//! struct W(u32);                             // struct W(u32);
//! { struct W(u64); yield_!(W(1).0); }        // { struct W1(u64); yield_!(W1(1).0); }
//! ```

use super::*;

pub(super) struct Renamer {
    /// How many blocks' hoisted items declare each name.
    pub(super) declared: HashMap<String, usize>,
    /// How often each name occurs in the whole body.
    pub(super) body_counts: HashMap<String, usize>,
    /// Every name in the body, and the new names given so far.
    pub(super) used: HashSet<String>,
    /// How often each name occurs in the body's `macro_rules!`: a renamed item would not
    /// be renamed in a macro defined outside its block, which would read another item.
    pub(super) in_macros: HashMap<String, usize>,
    /// How often each macro whose expansion coro cannot see is called in the body (see
    /// `inner_traits::opaque_macro_calls`).
    pub(super) macro_calls: HashMap<String, usize>,
    pub(super) is_root: bool,
}

impl Renamer {
    /// A name used nowhere in the body, in the case the lints expect of the item: `P1` for
    /// a type, `pick_1` for a function, `LIMIT_1` for a static.
    fn fresh(&mut self, base: &str) -> String {
        let camel = base.starts_with(char::is_uppercase) && base.chars().any(char::is_lowercase);
        let single_upper = base.len() == 1 && base.starts_with(char::is_uppercase);
        let joint = if camel || single_upper { "" } else { "_" };
        let mut n = 1;
        loop {
            let name = format!("{base}{joint}{n}");
            if self.used.insert(name.clone()) {
                return name;
            }
            n += 1;
        }
    }
}

impl VisitMut for Renamer {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        if self.is_root || contains_yield(&*block) {
            self.spine_block(block);
        }
    }

    fn visit_expr_if_mut(&mut self, e: &mut syn::ExprIf) {
        if contains_yield(&*e) {
            self.spine_block(&mut e.then_branch);
            if let Some((_, otherwise)) = &mut e.else_branch {
                self.visit_expr_mut(otherwise);
            }
        }
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Renamer {
    /// Renames the clashing hoisted items of a block of the spine, then visits its
    /// statements.
    fn spine_block(&mut self, block: &mut syn::Block) {
        let is_root = std::mem::replace(&mut self.is_root, false);
        if !is_root {
            // An inner block: its hoisted items must not clash with another block's, nor
            // hide a name used outside this block.
            let inside = count_names(&block.to_token_stream());
            let in_block_macros = names_in_macro_rules(block);
            // A macro called outside the block might name any item there: a hoisted one
            // must not be found by its expansion. Unless a macro is called inside the
            // block too, whose expansion might name the block's item (review round 12,
            // D1): then the names stay (and the first case is the guide's limit).
            let calls_inside = inner_traits::opaque_macro_calls(block.to_token_stream());
            let macro_outside = calls_inside
                .keys()
                .all(|mac| !self.macro_calls.contains_key(mac))
                && self
                    .macro_calls
                    .iter()
                    .any(|(mac, count)| *count > calls_inside.get(mac).copied().unwrap_or(0));
            let mut renames = Vec::new();
            for stmt in &block.stmts {
                let syn::Stmt::Item(item) = stmt else {
                    continue;
                };
                // A copied `fn` whose name the body uses outside the block is renamed too:
                // inside its block it hides a local of that name, which the code that saves
                // the local at a yield there could not name.
                let copied_fn = matches!(item, syn::Item::Fn(_)) && is_copied(item);
                if is_copied(item) && !copied_fn {
                    continue;
                }
                let Some(ident) = declared_name(item) else {
                    continue;
                };
                let name = ident.unraw().to_string();
                let elsewhere = self.body_counts.get(&name).copied().unwrap_or(0)
                    > inside.get(&name).copied().unwrap_or(0);
                let clashes = !copied_fn && self.declared.get(&name).copied().unwrap_or(0) > 1;
                // Two items of one name that a macro defined outside the block may name
                // stay as written: the compiler then says the name is defined twice
                // (E0428), where a new name would leave the macro reading another item.
                let named_by_outer_macro = self.in_macros.get(&name).copied().unwrap_or(0)
                    > in_block_macros.get(&name).copied().unwrap_or(0);
                if (elsewhere || clashes || macro_outside) && !(clashes && named_by_outer_macro) {
                    let new = self.fresh(&name);
                    renames.push((name, new));
                }
            }
            for (old, new) in renames {
                let mut rename = Rename { old, new };
                for stmt in &mut block.stmts {
                    rename.visit_stmt_mut(stmt);
                }
            }
        }
        for stmt in &mut block.stmts {
            self.visit_stmt_mut(stmt);
        }
    }
}

/// Renames every mention of an item's name in a block: the paths that start with it (in
/// expressions, types, patterns, `impl`s), the item's own name, and names in macro input.
struct Rename {
    old: String,
    new: String,
}

impl Rename {
    /// `use a::B;` declaring the old name becomes `use a::B as New;`; a path that starts
    /// with the old name (`root`: at the start of the tree), `use Old::*;`, starts with the
    /// new one.
    fn use_tree(&self, tree: &mut syn::UseTree, root: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                if root {
                    self.ident(&mut p.ident);
                }
                self.use_tree(&mut p.tree, false)
            }
            syn::UseTree::Name(n) if n.ident.unraw() == self.old => {
                let ident = n.ident.clone();
                let rename = Ident::new(&self.new, ident.span());
                *tree = syn::parse_quote!(#ident as #rename);
            }
            syn::UseTree::Rename(r) => self.ident(&mut r.rename),
            syn::UseTree::Group(g) => {
                for item in &mut g.items {
                    self.use_tree(item, root);
                }
            }
            _ => {}
        }
    }

    fn ident(&self, ident: &mut Ident) {
        if ident.unraw() == self.old {
            *ident = Ident::new(&self.new, ident.span());
        }
    }

    fn tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        for (i, tree) in trees.iter().enumerate() {
            let after =
                |c: char| i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == c);
            out.push(match tree {
                TokenTree::Ident(ident) if ident.unraw() == self.old && !after('.') => {
                    TokenTree::Ident(Ident::new(&self.new, ident.span()))
                }
                TokenTree::Group(group) => {
                    let mut new =
                        proc_macro2::Group::new(group.delimiter(), self.tokens(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                TokenTree::Literal(lit) => TokenTree::Literal(self.format_string(lit)),
                other => other.clone(),
            });
        }
        out.into_iter().collect()
    }

    /// A format string's captures of the item (`{S}`, `{S:?}`) renamed with it.
    fn format_string(&self, lit: &proc_macro2::Literal) -> proc_macro2::Literal {
        let text = lit.to_string();
        if !text.contains('{') || !(text.starts_with('"') || text.starts_with('r')) {
            return lit.clone();
        }
        let renamed = crate::shadow::rename_format_names(&text, &mut |name| {
            (name == self.old).then(|| self.new.clone())
        });
        match renamed.parse::<proc_macro2::Literal>() {
            Ok(mut new) if renamed != text => {
                new.set_span(lit.span());
                new
            }
            _ => lit.clone(),
        }
    }
}

impl Rename {
    /// Whether a pattern binds the name as a local, which then hides the item.
    fn binds(&self, pat: &syn::Pat) -> bool {
        crate::syntax::pattern_bindings(pat)
            .iter()
            .any(|b| b.ident.unraw() == self.old)
    }
}

impl VisitMut for Rename {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        // A nested block that declares an item of the same name has its own: its mentions
        // of the name are of that item.
        let declares_its_own = block.stmts.iter().any(|stmt| {
            matches!(stmt, syn::Stmt::Item(item)
                if item_name(item).is_some_and(|ident| ident.unraw() == self.old))
        });
        if declares_its_own {
            return;
        }
        for stmt in &mut block.stmts {
            self.visit_stmt_mut(stmt);
            // A `let` of the name hides the item for the rest of the block.
            if let syn::Stmt::Local(local) = stmt {
                if self.binds(&local.pat) {
                    return;
                }
            }
        }
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        // Its value may still name the item; its pattern binds a local, but may name the
        // item as a path (`let Z(k) = w;`, review round 12, D2).
        self.visit_pat_mut(&mut local.pat);
        if let Some(init) = &mut local.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
    }

    fn visit_expr_closure_mut(&mut self, closure: &mut syn::ExprClosure) {
        if !closure.inputs.iter().any(|p| self.binds(p)) {
            visit_mut::visit_expr_closure_mut(self, closure);
        }
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        if !self.binds(&arm.pat) {
            visit_mut::visit_arm_mut(self, arm);
        }
    }

    fn visit_expr_for_loop_mut(&mut self, e: &mut syn::ExprForLoop) {
        self.visit_expr_mut(&mut e.expr);
        if !self.binds(&e.pat) {
            self.visit_block_mut(&mut e.body);
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none() {
            if let Some(first) = path.segments.first_mut() {
                self.ident(&mut first.ident);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_item_mut(&mut self, item: &mut syn::Item) {
        match item {
            syn::Item::Fn(f) => {
                self.ident(&mut f.sig.ident);
                // A parameter of the name hides the item in the function's body.
                let hidden = f.sig.inputs.iter().any(|input| match input {
                    syn::FnArg::Typed(t) => self.binds(&t.pat),
                    syn::FnArg::Receiver(_) => false,
                });
                if hidden {
                    return;
                }
            }
            syn::Item::Struct(s) => self.ident(&mut s.ident),
            syn::Item::Enum(e) => self.ident(&mut e.ident),
            syn::Item::Union(u) => self.ident(&mut u.ident),
            syn::Item::Trait(t) => self.ident(&mut t.ident),
            syn::Item::Static(s) => self.ident(&mut s.ident),
            syn::Item::Mod(m) => self.ident(&mut m.ident),
            syn::Item::Const(c) => self.ident(&mut c.ident),
            syn::Item::Type(t) => self.ident(&mut t.ident),
            syn::Item::Use(u) => {
                // The path stays but for its first segment; the name it is declared
                // under changes.
                let root = u.leading_colon.is_none();
                self.use_tree(&mut u.tree, root);
                return;
            }
            _ => {}
        }
        visit_mut::visit_item_mut(self, item);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        self.visit_path_mut(&mut mac.path);
        mac.tokens = self.tokens(mac.tokens.clone());
    }
}
