//! Gives each binding [`crate::shadow`] renamed its own name back in the emitted code,
//! wherever that code can still tell it apart from the bindings it hides: so that
//! `stringify!(x)`, a macro rule that matches `x`, `"{x}"` in a plain string and a macro
//! that uses `x` as a field see what they would see without the coroutine.
//!
//! ```text
//! // Input (after liveness):                  // Output:
//! let x = Noisy("outer");     // dropped       let x = Noisy("outer");
//! let x_shadowed1 = 5;        //   at its end  let x = 5;              // as written
//! yield_!(x_shadowed1);                        yield_!(x);
//! let x_shadowed2 = x_shadowed1 + 1;           let x = x + 1;          // as written
//! yield_!(x_shadowed2);                        yield_!(x);
//!
//! let y = Noisy("kept");      // held          let y = Noisy("kept");
//! { let y_shadowed1 = 2;                       { let y = 2;            // macro hygiene
//!   yield_!(y_shadowed1); }                      yield_!(y); }         //   (another y)
//! ```
//!
//! The only code that names a binding where the user's code would not is the code that
//! leaves a region: a yield saves every value held at its resume point, and a jump to a
//! join passes every value held there. A renamed binding may take back its name as written
//! unless, inside its scope, such code must name a binding it hides that is spelled the
//! same way: held at a yield in its scope, or at a join its scope leaves to (after, or at
//! the head of, a statement around its block). Failing that, it may take its name with the
//! hygiene of the macro's own locals (`Span::mixed_site`), which no user binding has, on
//! the same condition among the bindings given that hygiene. Failing both (three bindings
//! of one name held across one yield), it keeps its new name: text made from it shows
//! that name (a documented limit). Bindings are settled in declaration order, so the
//! bindings a binding hides are settled before it.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;

use crate::bindings::{Bindings, Site};
use crate::cfg::Cfg;
use crate::facts::NameKey;
use crate::ids::{BindingId, NodeId};
use crate::liveness::{self, Liveness, Slot};
use crate::shadow::{format_names, named_arguments, rename_format_names, Renames};
use crate::spine::Spine;

/// How the emitted code spells a renamed binding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Spelling {
    /// As the user wrote it: the same name, span and hygiene.
    Written,
    /// The same name, with the hygiene of the macro's own locals.
    Hygienic,
    /// The new name the shadow step gave it.
    New,
}

/// The spelling of every renamed binding: new name to the name as written and its spelling.
#[derive(Default)]
pub struct Unshadowed {
    spellings: HashMap<String, (Ident, Spelling)>,
}

/// What the settling reads: the graph, the bindings and where they are held.
pub struct Facts<'a> {
    pub spine: &'a Spine,
    pub cfg: &'a Cfg,
    pub bindings: &'a Bindings,
    pub live: &'a Liveness,
}

/// Chooses each renamed binding's spelling (see the module documentation). `body` is the
/// body the graph was built from: its strings decide which spellings can share one.
pub fn settle(renames: &Renames, body: &syn::Block, facts: &Facts<'_>) -> Unshadowed {
    let mut unshadowed = Unshadowed::default();
    for rename in &renames.list {
        let key = NameKey::of(&rename.written);
        let ids: Vec<BindingId> = facts
            .bindings
            .ids()
            .filter(|&id| facts.bindings.get(id).name == rename.new)
            .collect();
        let mut candidates = vec![Spelling::Written];
        // With the macro's hygiene, `__state` would be one of the macro's own locals.
        if !rename.written.unraw().to_string().starts_with("__") {
            candidates.push(Spelling::Hygienic);
        }
        let spelling = candidates
            .into_iter()
            .find(|&spelling| {
                !ids.is_empty()
                    && ids
                        .iter()
                        .all(|&id| !unshadowed.clashes(id, &key, spelling, renames, facts))
            })
            .unwrap_or(Spelling::New);
        unshadowed
            .spellings
            .insert(rename.new.clone(), (rename.written.clone(), spelling));
    }
    unshadowed.keep_strings_whole(&quote::quote!(#body));
    unshadowed
}

impl Unshadowed {
    /// The spelling of a renamed binding by its new name; `None` for a name not renamed.
    pub fn spelling(&self, new: &str) -> Option<Spelling> {
        self.spellings.get(new).map(|(_, spelling)| *spelling)
    }

    /// One line per renamed binding, by new name: `x_shadowed1 -> x (Written)`.
    pub fn describe(&self) -> String {
        let mut lines: Vec<(&String, &(Ident, Spelling))> = self.spellings.iter().collect();
        lines.sort_by_key(|(new, _)| *new);
        lines
            .into_iter()
            .map(|(new, (written, spelling))| format!("{new} -> {written} ({spelling:?})\n"))
            .collect()
    }

    /// Whether spelling `id` (renamed, of key `key`) `spelling` makes some code that leaves
    /// a region in its scope name a binding it hides by its own name.
    fn clashes(
        &self,
        id: BindingId,
        key: &NameKey,
        spelling: Spelling,
        renames: &Renames,
        facts: &Facts<'_>,
    ) -> bool {
        let hidden_and_named = |entry: NodeId, hidden: &[BindingId]| {
            hidden.iter().any(|&other| {
                other != id
                    && written_key(other, renames, facts.bindings) == *key
                    && self.spelling_of(other, facts.bindings) == spelling
                    && matches!(
                        facts.live.slot(entry, other),
                        Some(Slot::Held | Slot::Empty)
                    )
            })
        };
        // The yields and joins inside its scope: the bindings declared before it.
        let inside = facts.cfg.ids().any(|node| {
            if !liveness::is_entry(facts.cfg.node(node).kind) {
                return false;
            }
            let scope = facts.cfg.scope_at(node);
            match scope.iter().position(|&b| b == id) {
                Some(at) => hidden_and_named(node, &scope[..at]),
                None => false,
            }
        });
        // The joins its scope may leave to: every binding in scope there.
        inside
            || self.joins_around(id, facts).into_iter().any(|node| {
                let scope = facts.cfg.scope_at(node);
                hidden_and_named(node, scope)
            })
    }

    /// After, and at the head of, each statement around the block that declares `id`.
    fn joins_around(&self, id: BindingId, facts: &Facts<'_>) -> Vec<NodeId> {
        let block = match facts.bindings.get(id).site {
            Site::Stmt(stmt) | Site::Iterator(stmt) => facts.spine.node(stmt).block,
            Site::Entry(block) => block,
            Site::Param => return Vec::new(),
        };
        let Some(owner) = facts.spine.block(block).owner else {
            return Vec::new();
        };
        facts
            .spine
            .ancestors(owner)
            .flat_map(|stmt| [Some(facts.cfg.after(stmt)), facts.cfg.head(stmt)])
            .flatten()
            .collect()
    }

    /// How a binding is spelled so far: as written if it was not renamed, by its new name
    /// if it is not settled yet (it is declared later).
    fn spelling_of(&self, id: BindingId, bindings: &Bindings) -> Spelling {
        let name = bindings.get(id).name.to_string();
        match self.spellings.get(&name) {
            Some((_, spelling)) => *spelling,
            None if crate::names::is_renamed(&bindings.get(id).name) => Spelling::New,
            None => Spelling::Written,
        }
    }

    /// A string (a format string, or any string another macro is given) whose names a
    /// format string would capture take that string's hygiene: one that names a binding
    /// given the macro's hygiene and another name with the user's (written, or new)
    /// cannot name both. Such bindings keep their new names.
    fn keep_strings_whole(&mut self, body: &TokenStream) {
        let trees: Vec<TokenTree> = body.clone().into_iter().collect();
        let named = named_arguments(&trees);
        for tree in trees {
            match tree {
                TokenTree::Group(group) => self.keep_strings_whole(&group.stream()),
                TokenTree::Literal(lit) => {
                    let names = format_names(&lit.to_string(), &named);
                    let hygienic = |n: &String| self.spelling(n) == Some(Spelling::Hygienic);
                    let users = |n: &String| self.spelling(n) != Some(Spelling::Hygienic);
                    if names.iter().any(hygienic) && names.iter().any(users) {
                        for name in names {
                            if let Some((_, spelling)) = self.spellings.get_mut(&name) {
                                if *spelling == Spelling::Hygienic {
                                    *spelling = Spelling::New;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The emitted code with each renamed binding spelled as settled: an identifier
    /// spelled as a new name becomes the name as written (with the occurrence's span, or
    /// the macro's hygiene at that place), and a string's `{name}` captures likewise.
    pub fn restore(&self, tokens: TokenStream) -> TokenStream {
        if self.spellings.is_empty() {
            return tokens;
        }
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let named = named_arguments(&trees);
        trees
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(ident) => match self.spellings.get(&ident.to_string()) {
                    Some((written, spelling)) if *spelling != Spelling::New => {
                        let mut written = written.clone();
                        written.set_span(match spelling {
                            Spelling::Hygienic => Span::mixed_site().located_at(ident.span()),
                            _ => ident.span(),
                        });
                        TokenTree::Ident(written)
                    }
                    _ => TokenTree::Ident(ident),
                },
                TokenTree::Group(group) => {
                    let mut new = Group::new(group.delimiter(), self.restore(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                TokenTree::Literal(lit) => TokenTree::Literal(self.restore_in_string(lit, &named)),
                other => other,
            })
            .collect()
    }

    fn restore_in_string(
        &self,
        lit: proc_macro2::Literal,
        named: &HashSet<String>,
    ) -> proc_macro2::Literal {
        let text = lit.to_string();
        if !text.contains('{') || !(text.starts_with('"') || text.starts_with('r')) {
            return lit;
        }
        let names = format_names(&text, named);
        let hygienic = names
            .iter()
            .any(|n| self.spelling(n) == Some(Spelling::Hygienic));
        let restored = rename_format_names(&text, &mut |name| match self.spellings.get(name) {
            Some((written, spelling)) if *spelling != Spelling::New => {
                Some(written.unraw().to_string())
            }
            _ => None,
        });
        if restored == text {
            return lit;
        }
        match restored.parse::<proc_macro2::Literal>() {
            Ok(mut new) => {
                new.set_span(if hygienic {
                    Span::mixed_site().located_at(lit.span())
                } else {
                    lit.span()
                });
                new
            }
            Err(_) => lit,
        }
    }
}

/// The key of a binding's name as written.
fn written_key(id: BindingId, renames: &Renames, bindings: &Bindings) -> NameKey {
    let binding = bindings.get(id);
    match renames.list.iter().find(|r| binding.name == r.new) {
        Some(rename) => NameKey::of(&rename.written),
        None => binding.key.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(body: &str) -> String {
        let item = format!("fn f() -> impl Coroutine<Yield = u32, Return = u32> {{ {body} }}");
        crate::expand_attribute(TokenStream::new(), item.parse().unwrap()).to_string()
    }

    #[test]
    fn a_binding_whose_hidden_one_is_not_held_is_spelled_as_written() {
        let out = expand("let x = 5u32; let x = x + 1; yield_!(x); let x = x * 2; yield_!(x); x");
        assert!(!out.contains("x_shadowed"), "{out}");
    }

    #[test]
    fn three_held_bindings_of_one_name_need_three_spellings() {
        let out = expand(
            "let x = 1u32; let y = { let x = 2u32; yield_!(x); \
             let z = { let x = 3u32; yield_!(x); x }; z + x }; y + x",
        );
        // The outer `x` as written, the next with the macro's hygiene, the innermost new.
        assert!(out.contains("x_shadowed2"), "{out}");
        assert!(!out.contains("x_shadowed1"), "{out}");
    }
}
