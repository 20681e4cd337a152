//! A `trait` of an inner block with a yield, declared once for the whole function, must
//! not be found by method calls outside its block.

use std::collections::HashMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::visit::Visit;

use crate::syntax::contains_yield;

/// A `trait` of an inner block with a yield is declared once, at the top of the function,
/// so it is in scope in the whole body: a method call outside its block that Rust resolves
/// to another trait's method of the same name (or to nothing) might then find this one.
/// Such a trait is an error when its block is not the only place that calls one of its
/// methods by name (`.name(` or `.name::<`).
///
/// ```text
/// // Input:                                        // Output:
/// let before = x.v();                              // error at `T`: its method `v` is
/// { trait T { fn v(self) -> u32; } impl T for u8 { .. } yield_!(x.v()); }  // called outside
/// ```
pub fn check_inner_traits(body: &syn::Block) -> syn::Result<()> {
    let mut everywhere = HashMap::new();
    count_method_calls(body.to_token_stream(), &mut everywhere);
    // The body's own macros are read as tokens, where their definitions stand.
    let mut defined = Vec::new();
    macro_rules_names(body.to_token_stream(), &mut defined);
    for name in defined {
        everywhere.remove(&format!("{name}!"));
    }
    let mut finder = InnerTraits {
        everywhere: &everywhere,
        is_root: true,
        error: None,
    };
    finder.visit_block(body);
    finder.error.map_or(Ok(()), Err)
}

struct InnerTraits<'a> {
    /// How many times each name is called as a method in the whole body.
    everywhere: &'a HashMap<String, usize>,
    is_root: bool,
    error: Option<syn::Error>,
}

impl<'ast> Visit<'ast> for InnerTraits<'_> {
    fn visit_block(&mut self, block: &'ast syn::Block) {
        if !contains_yield(block) {
            return;
        }
        if !std::mem::replace(&mut self.is_root, false) {
            self.check(block);
        }
        syn::visit::visit_block(self, block);
    }

    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl InnerTraits<'_> {
    fn report(&mut self, error: syn::Error) {
        match &mut self.error {
            Some(first) => first.combine(error),
            None => self.error = Some(error),
        }
    }

    fn check(&mut self, block: &syn::Block) {
        let mut inside = HashMap::new();
        count_method_calls(block.to_token_stream(), &mut inside);
        for stmt in &block.stmts {
            let syn::Stmt::Item(syn::Item::Trait(trait_)) = stmt else {
                continue;
            };
            let has_methods = trait_
                .items
                .iter()
                .any(|i| matches!(i, syn::TraitItem::Fn(_)));
            let outside_macro = self.everywhere.iter().find(|(name, &total)| {
                has_methods
                    && name.ends_with('!')
                    && total > inside.get(*name).copied().unwrap_or(0)
            });
            if let Some((mac, _)) = outside_macro {
                self.report(syn::Error::new(
                    trait_.ident.span(),
                    format!(
                        "the trait `{}` is declared in a block with a yield, which `coro` \
                         declares once for the whole function, so the `{mac}` call outside \
                         this block (whose expansion `coro` cannot see) might call one of \
                         its methods, where Rust does not see the trait; declare the trait \
                         at the top of the function's body (or outside the function)",
                        trait_.ident
                    ),
                ));
                continue;
            }
            for item in &trait_.items {
                let syn::TraitItem::Fn(method) = item else {
                    continue;
                };
                let name = method.sig.ident.unraw().to_string();
                let total = self.everywhere.get(&name).copied().unwrap_or(0);
                if total > inside.get(&name).copied().unwrap_or(0) {
                    let error = syn::Error::new(
                        trait_.ident.span(),
                        format!(
                            "the trait `{}` is declared in a block with a yield, which \
                             `coro` declares once for the whole function, so its method \
                             `{name}` would also be found by a `.{name}(..)` call outside \
                             this block, where Rust does not see the trait; declare the \
                             trait at the top of the function's body (or outside the \
                             function), or give its method a name of its own",
                            trait_.ident
                        ),
                    );
                    self.report(error);
                }
            }
        }
    }
}

/// Counts the method calls by name in `tokens`, inside macro arguments too: a `.` followed
/// by a name and then `(` or `::`; and, as `name!`, the calls of macros whose expansion
/// may call methods their arguments do not show.
fn count_method_calls(tokens: TokenStream, counts: &mut HashMap<String, usize>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => count_method_calls(group.stream(), counts),
            TokenTree::Ident(name) if is_opaque_macro_call(name, &trees[i + 1..]) => {
                *counts.entry(format!("{name}!")).or_default() += 1;
            }
            TokenTree::Punct(dot) if dot.as_char() == '.' => {
                let (Some(TokenTree::Ident(name)), Some(next)) =
                    (trees.get(i + 1), trees.get(i + 2))
                else {
                    continue;
                };
                let calls = match next {
                    TokenTree::Group(g) => g.delimiter() == proc_macro2::Delimiter::Parenthesis,
                    TokenTree::Punct(p) => p.as_char() == ':',
                    _ => false,
                };
                if calls {
                    *counts.entry(name.unraw().to_string()).or_default() += 1;
                }
            }
            _ => {}
        }
    }
}

/// Whether `name` followed by `rest` is a call of a macro whose expansion `coro` cannot
/// see, so that it may call a method by a name its arguments do not show (`callv!(x)`
/// expanding to `x.v()`, `write!(s, ..)` to `s.write_fmt(..)`; any name, a standard one
/// too, may be a `macro_rules!` of the user's module). Only the macros `coro` reads itself
/// are not: `yield_!`, `yield_from!`, `thread_local!`, and the `macro_rules!` definitions
/// of the body, read as tokens.
fn is_opaque_macro_call(name: &proc_macro2::Ident, rest: &[TokenTree]) -> bool {
    const READ_BY_CORO: &[&str] = &["macro_rules", "yield_", "yield_from", "thread_local"];
    let bang = matches!(rest.first(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
    let called = matches!(rest.get(1), Some(TokenTree::Group(_)));
    bang && called && !READ_BY_CORO.contains(&name.to_string().as_str())
}

/// The names of the `macro_rules!` definitions in `tokens`, at any depth.
fn macro_rules_names(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => macro_rules_names(group.stream(), out),
            TokenTree::Ident(word) if word == "macro_rules" => {
                if let Some(TokenTree::Ident(name)) = trees.get(i + 2) {
                    out.push(name.to_string());
                }
            }
            _ => {}
        }
    }
}
