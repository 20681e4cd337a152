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
    fn check(&mut self, block: &syn::Block) {
        let mut inside = HashMap::new();
        count_method_calls(block.to_token_stream(), &mut inside);
        for stmt in &block.stmts {
            let syn::Stmt::Item(syn::Item::Trait(trait_)) = stmt else {
                continue;
            };
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
                    match &mut self.error {
                        Some(first) => first.combine(error),
                        None => self.error = Some(error),
                    }
                }
            }
        }
    }
}

/// Counts the method calls by name in `tokens`, inside macro arguments too: a `.` followed
/// by a name and then `(` or `::`.
fn count_method_calls(tokens: TokenStream, counts: &mut HashMap<String, usize>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => count_method_calls(group.stream(), counts),
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
