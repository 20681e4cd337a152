//! What a hoisted item saw where it was written.
//!
//! [`crate::items`] declares an item with identity of a block with a yield (an `impl`, a
//! type, a `fn` with a `static`) once, at the top of the function, and every item of the
//! body's own block but a `macro_rules!` too. From there, two things its block gave it are
//! out of sight: the `macro_rules!` written before it (a macro is in scope from its
//! definition on), and the `use`s of its inner block, which stay in the block. So each
//! function body of such an item starts with copies of them: the macros it calls (and the
//! macros those call; a macro whose name it mentions at all), in their order, and every `use` of its blocks that stays in place
//! (a `use` of a trait is needed by method calls that never name it). A `fn` that is
//! copied instead (declared again at the start of each region that emits part of its
//! block, before the block's macros) gets the macros.
//!
//! ```text
//! // Input:                                  // Output:
//! macro_rules! seven { () => { 7 } }         macro_rules! seven { () => { 7 } }
//! {                                          {
//!     use self::m::T;                            use self::m::T;
//!     impl W {                                   impl W {
//!         fn g(&self) -> u32 {                       fn g(&self) -> u32 {
//!             self.0.v() + seven!()                      use self::m::T;
//!         }                                              macro_rules! seven { () => { 7 } }
//!     }                                                  self.0.v() + seven!()
//!     yield_!(W(3).g());                             } }
//! }                                              yield_!(W(3).g());
//!                                            }
//! ```
//!
//! A `use` that would clash with a name the function declares itself, or hide one of its
//! generic parameters, is left out (where it was written, those hid the `use`).

use std::collections::HashSet;

use quote::ToTokens;
use syn::ext::IdentExt;
use syn::visit_mut::VisitMut;

use crate::items::{is_copied, is_hoisted, names_in};
use crate::syntax::contains_yield;

/// Gives each hoisted item of `body` the macros and `use`s of its blocks (see the module
/// documentation). Run after [`crate::items::rename_hoisted`], on the names it settled.
pub fn carry(body: &mut syn::Block) {
    let mut carrier = Carrier::default();
    carrier.spine_block(body, true);
}

/// The macros and `use`s in sight at a point of a block of the spine, and the names the
/// items (not the `use`s) of its blocks declare.
#[derive(Default, Clone)]
struct Sight {
    uses: Vec<syn::ItemUse>,
    macros: Vec<syn::ItemMacro>,
    declared: HashSet<String>,
}

#[derive(Default)]
struct Carrier {
    sight: Sight,
}

impl Carrier {
    fn spine_block(&mut self, block: &mut syn::Block, is_root: bool) {
        let outer = self.sight.clone();
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                // The body's own `use`s are hoisted: in sight at the top already.
                if let syn::Item::Use(u) = item {
                    if !is_root && is_copied(item) {
                        self.sight.uses.push(u.clone());
                    }
                } else {
                    self.sight.declared.extend(declared_names(item));
                }
            }
        }
        for stmt in &mut block.stmts {
            match stmt {
                syn::Stmt::Item(syn::Item::Macro(m)) if is_macro_rules(m) => {
                    self.sight.macros.push(m.clone());
                }
                syn::Stmt::Item(item) => {
                    if is_hoisted(item, is_root) {
                        give_sight(item, &self.sight);
                    } else if matches!(item, syn::Item::Fn(_)) {
                        // Copied: each region declares it again at its start, before the
                        // block's macros; its `use`s are declared there too.
                        let macros_only = Sight {
                            uses: Vec::new(),
                            macros: self.sight.macros.clone(),
                            declared: HashSet::new(),
                        };
                        give_sight(item, &macros_only);
                    }
                }
                _ => self.visit_stmt_mut(stmt),
            }
        }
        self.sight = outer;
    }
}

impl VisitMut for Carrier {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        if contains_yield(&*block) {
            self.spine_block(block, false);
        }
    }

    fn visit_expr_if_mut(&mut self, e: &mut syn::ExprIf) {
        // The spine's `if` keeps even a yield-free `then` branch as a block of its own.
        if contains_yield(&*e) {
            self.spine_block(&mut e.then_branch, false);
            if let Some((_, otherwise)) = &mut e.else_branch {
                self.visit_expr_mut(otherwise);
            }
        }
    }

    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn is_macro_rules(m: &syn::ItemMacro) -> bool {
    m.mac.path.is_ident("macro_rules")
        && m.ident.is_some()
        && !m.attrs.iter().any(|a| a.path().is_ident("macro_export"))
}

/// Starts each function body of `item` with what was in sight where it was written.
fn give_sight(item: &mut syn::Item, sight: &Sight) {
    match item {
        syn::Item::Fn(f) => {
            let generics = param_names(&f.sig.generics);
            start_body(&mut f.block, sight, &generics);
        }
        syn::Item::Impl(i) => {
            let outer = param_names(&i.generics);
            for member in &mut i.items {
                if let syn::ImplItem::Fn(m) = member {
                    let mut generics = outer.clone();
                    generics.extend(param_names(&m.sig.generics));
                    start_body(&mut m.block, sight, &generics);
                }
            }
        }
        syn::Item::Trait(t) => {
            let outer = param_names(&t.generics);
            for member in &mut t.items {
                if let syn::TraitItem::Fn(syn::TraitItemFn {
                    sig,
                    default: Some(block),
                    ..
                }) = member
                {
                    let mut generics = outer.clone();
                    generics.extend(param_names(&sig.generics));
                    start_body(block, sight, &generics);
                }
            }
        }
        _ => {}
    }
}

fn start_body(block: &mut syn::Block, sight: &Sight, generics: &HashSet<String>) {
    let mut own = generics.clone();
    for stmt in &block.stmts {
        if let syn::Stmt::Item(item) = stmt {
            own.extend(declared_names(item));
        }
    }
    // A glob in the function's own scope would hide the items of the blocks around it,
    // which hid the glob where it was written: left out when the function names one.
    let mut mentioned = HashSet::new();
    names_in(&block.to_token_stream(), &mut mentioned);
    let glob_hides = sight.declared.iter().any(|n| mentioned.contains(n));
    let mut start: Vec<syn::Stmt> = Vec::new();
    for u in &sight.uses {
        let Some(tree) = kept_tree(&u.tree, &own, glob_hides) else {
            continue;
        };
        let mut u = u.clone();
        u.tree = tree;
        u.attrs.push(syn::parse_quote!(#[allow(unused_imports)]));
        start.push(syn::Stmt::Item(syn::Item::Use(u)));
    }
    let called = macros_called(block, &sight.macros);
    for m in &sight.macros {
        if m.ident
            .as_ref()
            .is_some_and(|i| called.contains(&i.unraw().to_string()))
        {
            let mut m = m.clone();
            m.attrs.push(syn::parse_quote!(#[allow(unused_macros)]));
            start.push(syn::Stmt::Item(syn::Item::Macro(m)));
        }
    }
    if !start.is_empty() {
        start.append(&mut block.stmts);
        block.stmts = start;
    }
}

/// `tree` without the names that would clash with `own` (and without globs when
/// `glob_hides`), or `None` when nothing is left.
fn kept_tree(tree: &syn::UseTree, own: &HashSet<String>, glob_hides: bool) -> Option<syn::UseTree> {
    match tree {
        syn::UseTree::Path(p) => {
            let mut names = Vec::new();
            use_leaves(tree, &mut names);
            // `use a::b::{self}` declares `b`: kept or left out as a whole.
            if matches!(&*p.tree, syn::UseTree::Name(n) if n.ident == "self") {
                return (!names.iter().any(|n| own.contains(n))).then(|| tree.clone());
            }
            let inner = kept_tree(&p.tree, own, glob_hides)?;
            let mut p = p.clone();
            p.tree = Box::new(inner);
            Some(syn::UseTree::Path(p))
        }
        syn::UseTree::Group(g) => {
            let mut g = g.clone();
            g.items = g
                .items
                .iter()
                .filter_map(|t| kept_tree(t, own, glob_hides))
                .collect();
            (!g.items.is_empty()).then_some(syn::UseTree::Group(g))
        }
        syn::UseTree::Glob(_) => (!glob_hides).then(|| tree.clone()),
        _ => {
            let mut names = Vec::new();
            use_leaves(tree, &mut names);
            (!names.iter().any(|n| own.contains(n))).then(|| tree.clone())
        }
    }
}

/// The names of the macros in sight that `block` may call, and that those may call, and
/// so on: every macro whose name occurs in it (a macro may be passed by name to another,
/// `call!(five)`, and called there).
fn macros_called(block: &syn::Block, macros: &[syn::ItemMacro]) -> HashSet<String> {
    let mut called = HashSet::new();
    names_in(&block.to_token_stream(), &mut called);
    loop {
        let before = called.len();
        for m in macros {
            if m.ident
                .as_ref()
                .is_some_and(|i| called.contains(&i.unraw().to_string()))
            {
                names_in(&m.mac.tokens, &mut called);
            }
        }
        if called.len() == before {
            return called;
        }
    }
}

/// The names a `use` declares (none for a glob or `_`).
fn use_leaves(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => {
            if let syn::UseTree::Name(n) = &*p.tree {
                if n.ident == "self" {
                    out.push(p.ident.unraw().to_string());
                    return;
                }
            }
            use_leaves(&p.tree, out);
        }
        syn::UseTree::Name(n) => out.push(n.ident.unraw().to_string()),
        syn::UseTree::Rename(r) if r.rename != "_" => out.push(r.rename.unraw().to_string()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_leaves(t, out)),
        _ => {}
    }
}

/// The names an item of a function body declares there.
fn declared_names(item: &syn::Item) -> Vec<String> {
    let ident = match item {
        syn::Item::Const(i) => &i.ident,
        syn::Item::Enum(i) => &i.ident,
        syn::Item::Fn(i) => &i.sig.ident,
        syn::Item::Mod(i) => &i.ident,
        syn::Item::Static(i) => &i.ident,
        syn::Item::Struct(i) => &i.ident,
        syn::Item::Trait(i) => &i.ident,
        syn::Item::Type(i) => &i.ident,
        syn::Item::Union(i) => &i.ident,
        syn::Item::Use(u) => {
            let mut names = Vec::new();
            use_leaves(&u.tree, &mut names);
            return names;
        }
        _ => return Vec::new(),
    };
    vec![ident.unraw().to_string()]
}

fn param_names(generics: &syn::Generics) -> HashSet<String> {
    generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => Some(t.ident.unraw().to_string()),
            syn::GenericParam::Const(c) => Some(c.ident.unraw().to_string()),
            syn::GenericParam::Lifetime(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carried(body: &str) -> String {
        let mut block: syn::Block = syn::parse_str(body).unwrap();
        carry(&mut block);
        block.to_token_stream().to_string()
    }

    #[test]
    fn a_hoisted_method_gets_its_blocks_use_and_the_macro_it_calls() {
        let out = carried(
            "{ macro_rules! seven { () => { 7 } } macro_rules! unused { () => {} }
               { use self::m::T; struct W(u8);
                 impl W { fn g(&self) -> u32 { self.0.v() + seven!() } }
                 yield_!(W(3).g()); } }",
        );
        let method = &out[out.find("fn g").unwrap()..];
        assert!(method.contains("use self :: m :: T ;"), "{method}");
        assert!(method.contains("macro_rules ! seven"), "{method}");
        assert!(!method.contains("macro_rules ! unused"), "{method}");
    }

    #[test]
    fn a_use_the_function_hides_or_a_block_without_yield_is_left_alone() {
        let out = carried(
            "{ { use a::T; fn f<T>() { static S: u8 = 0; } fn g() { static C: u8 = 0; }
                 fn k() { static C: u8 = 0; use b::T; } yield_!(1); }
               { use a::X; fn h() { static D: u8 = 0; } } }",
        );
        assert!(out.contains("fn f < T > () { static S"), "{out}");
        assert!(
            out.contains("fn g () { # [allow (unused_imports)] use a :: T ;"),
            "{out}"
        );
        assert!(out.contains("fn k () { static C"), "{out}");
        assert!(out.contains("fn h () { static D"), "{out}");
    }

    #[test]
    fn a_group_loses_only_the_clashing_name_and_a_glob_yields_to_the_blocks_items() {
        let out = carried(
            "{ { use a::{LIM, OTHER}; use b::*; const K: u32 = 9;
                 impl W { fn g(&self) -> u32 { fn OTHER() {} K } }
                 impl V { fn h(&self) -> u32 { LIM } }
                 yield_!(1); } }",
        );
        let g = &out[out.find("fn g").unwrap()..out.find("fn h").unwrap()];
        assert!(g.contains("use a :: { LIM } ;"), "{g}");
        assert!(!g.contains("use b :: * ;"), "{g}");
        let h = &out[out.find("fn h").unwrap()..];
        assert!(h.contains("use a :: { LIM , OTHER } ;"), "{h}");
        assert!(h.contains("use b :: * ;"), "{h}");
    }
}
