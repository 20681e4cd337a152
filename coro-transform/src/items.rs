//! Items (`fn`, `struct`, `impl`, `static`, `use`, `macro_rules!`, ..) declared in the
//! blocks of the body keep their block's scope.
//!
//! The items of the body's own block are declared once, at the top of the function (their
//! scope is the whole body anyway). A block with a yield inside the body is emitted in
//! part by several regions, and an item is visible in all of its block. Items without
//! identity are therefore *copied*: each region that
//! emits a part of the block declares them again at its start (`use`, `const`, `type`,
//! `macro_rules!`, and a `fn` with no `static` inside). Items with identity (a type, an
//! `impl`, a `static`, a `fn` with a `static`) are *hoisted*: declared once, at the top of
//! the function. A hoisted item of an inner block whose name another hoisted item has, or
//! that is named outside its block, gets a name of its own, and so do the mentions of it
//! inside its block, so that it never hides anything outside.
//!
//! ```text
//! // Input:                                   // Output:
//! { struct P(u32); yield_!(P(1).0); }         // struct P_1(u32);   (hoisted)
//! { struct P(u8);  yield_!(P(2).0 as u32); }  // struct P(u8);      (hoisted)
//!                                             // { yield_!(P_1(1).0); } { yield_!(P(2).0 as u32); }
//! ```
//!
//! Plain code (with no yield) that declares an item with identity is emitted exactly once
//! (see [`crate::plan::Plan::single_copy`]).

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};

use crate::syntax::contains_yield;

mod inner_traits;
mod rename;

pub use inner_traits::check_inner_traits;
use rename::Renamer;

/// Whether an item can be declared again in every region that emits its block: a `use`,
/// `const`, `type` or `macro_rules!`, and a `fn` that has no `static` (also none a
/// `thread_local!` makes) and returns no `impl Trait` and is not `async` (each copy would
/// be a type of its own), unless [`rename_hoisted`] marked it to be hoisted with an item
/// that names it. (A copied `fn` is a function of its own in each copy: its address, and
/// the type of the item, differ between resume paths.)
pub fn is_copied(item: &syn::Item) -> bool {
    if is_marked_hoisted(item) {
        return false;
    }
    match item {
        syn::Item::Use(_) | syn::Item::Const(_) | syn::Item::Type(_) => true,
        syn::Item::Macro(m) => m.mac.path.is_ident("macro_rules"),
        syn::Item::Fn(f) => {
            // An `async fn` returns an `impl Future` too.
            let returns_impl = f.sig.asyncness.is_some()
                || matches!(&f.sig.output,
                    syn::ReturnType::Type(_, ty) if matches!(**ty, syn::Type::ImplTrait(_)));
            !has_static(&f.block) && !returns_impl
        }
        _ => false,
    }
}

/// The attribute that marks a copied kind of item to be hoisted instead (it names
/// nothing and the compiler drops it: `any()` is false).
fn hoisted_marker() -> syn::Attribute {
    syn::parse_quote!(#[cfg_attr(any(), coro_hoisted)])
}

fn is_marked_hoisted(item: &syn::Item) -> bool {
    let marker = hoisted_marker();
    let attrs = match item {
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        _ => return false,
    };
    attrs.contains(&marker)
}

/// Whether an item is declared once at the top of the function (see the module docs): an
/// item with identity anywhere, and any item of the body's own block but a `macro_rules!`.
pub fn is_hoisted(item: &syn::Item, in_root: bool) -> bool {
    let is_macro_rules = matches!(item, syn::Item::Macro(m) if m.mac.path.is_ident("macro_rules"));
    !is_copied(item) || (in_root && !is_macro_rules)
}

/// Whether code declares an item that must not be copied (somewhere inside it).
pub fn declares_identity<T: ToTokens>(code: &T) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item(&mut self, item: &'ast syn::Item) {
            self.0 |= !is_copied(item);
        }
    }
    let mut finder = Finder(false);
    if let Ok(block) = syn::parse2::<syn::Block>(quote::quote!({ #code })) {
        finder.visit_block(&block);
    }
    finder.0
}

fn has_static(block: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item_static(&mut self, _: &'ast syn::ItemStatic) {
            self.0 = true;
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            self.0 |= mac.path.is_ident("thread_local");
        }
    }
    let mut finder = Finder(false);
    finder.visit_block(block);
    finder.0
}

/// The name a hoisted item declares (for a `thread_local!`, its first static's).
fn hoisted_name(item: &syn::Item) -> Option<Ident> {
    match item {
        syn::Item::Fn(f) => Some(f.sig.ident.clone()),
        syn::Item::Struct(s) => Some(s.ident.clone()),
        syn::Item::Enum(e) => Some(e.ident.clone()),
        syn::Item::Union(u) => Some(u.ident.clone()),
        syn::Item::Trait(t) => Some(t.ident.clone()),
        syn::Item::Static(s) => Some(s.ident.clone()),
        syn::Item::Mod(m) => Some(m.ident.clone()),
        syn::Item::Macro(m) if m.mac.path.is_ident("thread_local") => {
            let mut tokens = m.mac.tokens.clone().into_iter();
            tokens.find(|t| matches!(t, TokenTree::Ident(i) if i == "static"))?;
            match tokens.next()? {
                TokenTree::Ident(name) => Some(name),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The name any item declares in its block's value or type namespace (copied ones too).
fn item_name(item: &syn::Item) -> Option<Ident> {
    match item {
        syn::Item::Const(c) => Some(c.ident.clone()),
        syn::Item::Type(t) => Some(t.ident.clone()),
        syn::Item::Macro(m) if !m.mac.path.is_ident("thread_local") => m.ident.clone(),
        syn::Item::Use(u) => use_name(&u.tree).cloned(),
        _ => hoisted_name(item),
    }
}

/// The one name a `use` declares (`use a::B;`, `use a::B as C;`), if it declares one.
fn use_name(tree: &syn::UseTree) -> Option<&Ident> {
    match tree {
        syn::UseTree::Path(p) => use_name(&p.tree),
        syn::UseTree::Name(n) if n.ident != "self" => Some(&n.ident),
        syn::UseTree::Rename(r) => Some(&r.rename),
        _ => None,
    }
}

/// The name a hoisted item declares, marked ones included.
fn declared_name(item: &syn::Item) -> Option<Ident> {
    if is_marked_hoisted(item) {
        return item_name(item);
    }
    hoisted_name(item)
}

/// Marks the copied items of `block` that its hoisted items name (and those that these
/// name, ..) to be hoisted with them: a `static` whose value is an inner `const`, an `impl`
/// method that calls an inner `fn`, a field of an inner `type`. Copied, they would stay in
/// the block while the item that names them moves to the top of the function, where the
/// name would find an outer item of the same name, or nothing.
fn hoist_what_hoisted_items_name(block: &mut syn::Block, named_below: &HashSet<String>) {
    loop {
        let mut named = named_below.clone();
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                if !is_copied(item) {
                    names_in(&item.to_token_stream(), &mut named);
                }
            }
        }
        let mut marked = false;
        for stmt in &mut block.stmts {
            let syn::Stmt::Item(item) = stmt else {
                continue;
            };
            if !is_copied(item) || matches!(item, syn::Item::Macro(_)) {
                continue;
            }
            let Some(name) = item_name(item) else {
                continue;
            };
            if !named.contains(&name.unraw().to_string()) {
                continue;
            }
            let attrs = match item {
                syn::Item::Use(i) => &mut i.attrs,
                syn::Item::Const(i) => &mut i.attrs,
                syn::Item::Type(i) => &mut i.attrs,
                syn::Item::Fn(i) => &mut i.attrs,
                _ => continue,
            };
            attrs.push(hoisted_marker());
            marked = true;
        }
        if !marked {
            return;
        }
    }
}

/// Renames the hoisted items of inner blocks that would clash with or hide another name
/// (see the module documentation). Run before the spine is built.
pub fn rename_hoisted(body: &mut syn::Block) {
    ThreadLocalsAsItems.visit_block_mut(body);
    MarkDependencies::default().visit_block_mut(body);
    let mut blocks = Vec::new();
    collect(body, true, &mut blocks);
    let mut declared: HashMap<String, usize> = HashMap::new();
    for (_, names) in &blocks {
        for name in names {
            *declared.entry(name.clone()).or_default() += 1;
        }
    }
    let mut used = HashSet::new();
    names_in(&body.to_token_stream(), &mut used);
    let body_counts = count_names(&body.to_token_stream());
    let in_macros = names_in_macro_rules(body);
    let mut macro_calls = inner_traits::opaque_macro_calls(body.to_token_stream());
    // The body's own macros are read as tokens, where their definitions stand.
    for name in crate::syntax::body_macro_rules(body).keys() {
        macro_calls.remove(name);
    }
    Renamer {
        declared,
        body_counts,
        used,
        in_macros,
        macro_calls,
        is_root: true,
    }
    .visit_block_mut(body);
}

/// A `thread_local!` statement declares statics: as an item (with identity), it is
/// hoisted or makes the plan single-copy, like a `static`, rather than copied with the code
/// around it (each copy a counter of its own).
struct ThreadLocalsAsItems;

impl VisitMut for ThreadLocalsAsItems {
    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if m.mac.path.is_ident("thread_local") {
                *stmt = syn::Stmt::Item(syn::Item::Macro(syn::ItemMacro {
                    attrs: std::mem::take(&mut m.attrs),
                    ident: None,
                    mac: m.mac.clone(),
                    semi_token: m.semi_token,
                }));
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Runs [`hoist_what_hoisted_items_name`] on the inner blocks of the spine, innermost
/// first: a hoisted item may name a copied item of an enclosing block too, which then moves
/// with it.
#[derive(Default)]
struct MarkDependencies {
    /// The names hoisted items inside the block being visited mention.
    named_below: HashSet<String>,
}

impl MarkDependencies {
    fn spine_block(&mut self, block: &mut syn::Block) {
        let outer = std::mem::take(&mut self.named_below);
        for stmt in &mut block.stmts {
            self.visit_stmt_mut(stmt);
        }
        let below = std::mem::take(&mut self.named_below);
        hoist_what_hoisted_items_name(block, &below);
        self.named_below = outer;
        self.named_below.extend(below);
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                if !is_copied(item) {
                    names_in(&item.to_token_stream(), &mut self.named_below);
                }
            }
        }
    }
}

impl VisitMut for MarkDependencies {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        if contains_yield(&*block) {
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

/// Each block of the spine (the body's first): the blocks with a yield, and the `then`
/// branches of `if`s with a yield; with the names their hoisted items declare.
fn collect(block: &syn::Block, is_root: bool, out: &mut Vec<(bool, Vec<String>)>) {
    let names = block
        .stmts
        .iter()
        .filter_map(|stmt| match stmt {
            syn::Stmt::Item(item) if !is_copied(item) => declared_name(item),
            _ => None,
        })
        .map(|ident| ident.unraw().to_string())
        .collect();
    out.push((is_root, names));
    struct Inner<'a>(&'a mut Vec<(bool, Vec<String>)>);
    impl<'ast> Visit<'ast> for Inner<'_> {
        fn visit_block(&mut self, block: &'ast syn::Block) {
            if contains_yield(block) {
                collect(block, false, self.0);
            }
        }
        fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
            // The spine's `if` keeps even a yield-free `then` branch as a block of its own.
            if contains_yield(e) {
                collect(&e.then_branch, false, self.0);
                if let Some((_, otherwise)) = &e.else_branch {
                    self.visit_expr(otherwise);
                }
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    for stmt in &block.stmts {
        Inner(out).visit_stmt(stmt);
    }
}

/// How often each name occurs in the rules of the `macro_rules!` of a block, at any
/// depth.
fn names_in_macro_rules(block: &syn::Block) -> HashMap<String, usize> {
    struct Rules(HashMap<String, usize>);
    impl<'ast> Visit<'ast> for Rules {
        fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
            if m.mac.path.is_ident("macro_rules") {
                for (name, n) in count_names(&m.mac.tokens) {
                    *self.0.entry(name).or_default() += n;
                }
            }
        }
    }
    let mut rules = Rules(HashMap::new());
    rules.visit_block(block);
    rules.0
}

/// Every identifier in `tokens`, at any depth, without `r#`.
pub(crate) fn names_in(tokens: &TokenStream, out: &mut HashSet<String>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) => {
                out.insert(ident.unraw().to_string());
            }
            TokenTree::Group(group) => names_in(&group.stream(), out),
            _ => {}
        }
    }
}

fn count_names(tokens: &TokenStream) -> HashMap<String, usize> {
    fn walk(tokens: &TokenStream, out: &mut HashMap<String, usize>) {
        for tree in tokens.clone() {
            match tree {
                TokenTree::Ident(ident) => *out.entry(ident.unraw().to_string()).or_default() += 1,
                TokenTree::Group(group) => walk(&group.stream(), out),
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    walk(tokens, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renamed(block: syn::Block) -> String {
        let mut block = block;
        rename_hoisted(&mut block);
        block.to_token_stream().to_string()
    }

    #[test]
    fn sibling_blocks_and_names_used_outside() {
        let text = renamed(syn::parse_quote!({
            {
                struct P(u32);
                yield_!(P(1).0);
            }
            {
                struct P(u8);
                impl P {
                    fn get(&self) -> u8 {
                        self.0
                    }
                }
                yield_!(P(2).get() as u32);
            }
        }));
        assert!(
            text.contains("struct P1 (u32) ; yield_ ! (P1 (1) . 0)"),
            "{text}"
        );
        assert!(text.contains("struct P2 (u8) ; impl P2"), "{text}");
    }

    #[test]
    fn a_nested_block_with_an_item_of_the_same_name_keeps_its_own() {
        let text = renamed(syn::parse_quote!({
            if c {
                struct W(u32);
                t(W(0).0);
                loop {
                    // The loop's own `W`: an item is visible in all of its block.
                    yield_!(W(1).0);
                    struct W(u8);
                    impl W {}
                }
            }
            W
        }));
        assert!(text.contains("struct W1 (u32)"), "{text}");
        assert!(text.contains("t (W1 (0) . 0)"), "{text}");
        assert!(text.contains("yield_ ! (W2 (1) . 0)"), "{text}");
        assert!(text.contains("struct W2 (u8) ; impl W2"), "{text}");
    }

    #[test]
    fn copied_items_and_root_items_keep_their_names() {
        let text = renamed(syn::parse_quote!({
            fn helper() -> u32 {
                1
            }
            struct Top;
            {
                fn helper() -> u32 {
                    2
                }
                const K: u32 = 3;
                yield_!(helper() + K);
            }
            helper()
        }));
        assert_eq!(text.matches("helper").count(), 4, "{text}");
        assert!(text.contains("struct Top"), "{text}");
        assert!(is_copied(&syn::parse_quote!(
            fn f() {}
        )));
        assert!(!is_copied(&syn::parse_quote!(
            fn f() {
                static S: u8 = 0;
            }
        )));
    }

    #[test]
    fn a_yield_free_then_branch_of_an_if_with_a_yield_is_a_block_of_its_own() {
        // The `then` branch is a block of the spine (its items are hoisted), so its
        // `static` must not hide the outer one named after the `if`.
        let text = renamed(syn::parse_quote!({
            if c {
                static SA: u32 = 48;
            } else {
                yield_!(0);
            }
            SA
        }));
        assert!(text.contains("static SA_1 : u32 = 48"), "{text}");
        assert!(
            text.trim_end_matches('}').trim_end().ends_with("SA"),
            "{text}"
        );
    }
}
