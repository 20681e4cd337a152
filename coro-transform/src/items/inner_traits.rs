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
/// methods by name (`.name(` or `.name::<`), or when a macro whose expansion `coro`
/// cannot see is called outside it. The body is scanned only when an inner block with a
/// yield declares a trait.
///
/// ```text
/// // Input:                                        // Output:
/// let before = x.v();                              // error at `T`: its method `v` is
/// { trait T { fn v(self) -> u32; } impl T for u8 { .. } yield_!(x.v()); }  // called outside
/// ```
pub fn check_inner_traits(body: &syn::Block) -> syn::Result<()> {
    let mut finder = InnerTraits {
        is_root: true,
        found: Vec::new(),
    };
    finder.visit_block(body);
    if finder.found.is_empty() {
        return Ok(());
    }
    let mut everywhere = HashMap::new();
    count_method_calls(body.to_token_stream(), &mut everywhere);
    // The body's own macros are read as tokens, where their definitions stand.
    for name in crate::syntax::body_macro_rules(body).keys() {
        everywhere.remove(&format!("{name}!"));
    }
    let mut errors: Option<syn::Error> = None;
    for (block, traits) in finder.found {
        let mut inside = HashMap::new();
        count_method_calls(block.to_token_stream(), &mut inside);
        let outside = |name: &String| {
            everywhere.get(name).copied().unwrap_or(0) > inside.get(name).copied().unwrap_or(0)
        };
        for trait_ in traits {
            let methods: Vec<String> = trait_
                .items
                .iter()
                .filter_map(|item| match item {
                    syn::TraitItem::Fn(method) => Some(method.sig.ident.unraw().to_string()),
                    _ => None,
                })
                .collect();
            if methods.is_empty() {
                continue;
            }
            // The first by name, so that the message is the same on every run.
            let macro_outside = everywhere
                .keys()
                .filter(|n| n.ends_with('!') && outside(n))
                .min();
            let reasons: Vec<String> = match macro_outside {
                Some(mac) => vec![format!(
                    "the `{mac}` call outside this block (whose expansion `coro` cannot \
                     see) might call one of its methods"
                )],
                None => methods
                    .iter()
                    .filter(|name| outside(name))
                    .map(|name| {
                        format!(
                            "its method `{name}` would also be found by a `.{name}(..)` \
                             call outside this block"
                        )
                    })
                    .collect(),
            };
            for reason in reasons {
                let error = syn::Error::new(
                    trait_.ident.span(),
                    format!(
                        "the trait `{}` is declared in a block with a yield, which `coro` \
                         declares once for the whole function, so {reason}, where Rust does \
                         not see the trait; declare the trait at the top of the function's \
                         body (or outside the function){}",
                        trait_.ident,
                        if macro_outside.is_some() {
                            ""
                        } else {
                            ", or give its method a name of its own"
                        },
                    ),
                );
                match &mut errors {
                    Some(first) => first.combine(error),
                    None => errors = Some(error),
                }
            }
        }
    }
    errors.map_or(Ok(()), Err)
}

/// Finds the inner blocks with a yield that declare a `trait`.
struct InnerTraits<'ast> {
    is_root: bool,
    found: Vec<(&'ast syn::Block, Vec<&'ast syn::ItemTrait>)>,
}

impl<'ast> Visit<'ast> for InnerTraits<'ast> {
    fn visit_block(&mut self, block: &'ast syn::Block) {
        if !contains_yield(block) {
            return;
        }
        if !std::mem::replace(&mut self.is_root, false) {
            let traits: Vec<&syn::ItemTrait> = block
                .stmts
                .iter()
                .filter_map(|stmt| match stmt {
                    syn::Stmt::Item(syn::Item::Trait(trait_)) => Some(trait_),
                    _ => None,
                })
                .collect();
            if !traits.is_empty() {
                self.found.push((block, traits));
            }
        }
        syn::visit::visit_block(self, block);
    }

    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Counts the calls of macros whose expansion may name an item its arguments do not show:
/// those [`is_opaque_macro_call`] finds, but for the standard formatting and assertion
/// macros (see [`crate::syntax::STANDARD_MACROS`]).
pub(super) fn opaque_macro_calls(tokens: TokenStream) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    count_method_calls(tokens, &mut counts);
    counts
        .into_iter()
        .filter_map(|(name, count)| {
            let mac = name.strip_suffix('!')?;
            (!crate::syntax::STANDARD_MACROS.contains(&mac)).then(|| (mac.to_string(), count))
        })
        .collect()
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
