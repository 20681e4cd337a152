//! Gives each binding [`crate::shadow`] renamed its own name back in the emitted code, so
//! that `stringify!(x)`, a macro rule that matches `x`, `"{x}"` in a plain string and a
//! macro that uses `x` as a field see what they would see without the coroutine.
//!
//! ```text
//! // Input (after liveness):                  // Output:
//! let x = Noisy("outer");     // dropped       let x = Noisy("outer");
//! let x_shadowed1 = 5;        //   at its end  let x = 5;              // as written
//! yield_!(x_shadowed1);                        yield_!(x);
//!
//! let y = Noisy("kept");      // held          let y = Noisy("kept");
//!                                              macro_rules! __coro_binding2 { () => { y } }
//! { let y_shadowed1 = 2;                       { let y = 2;            // as written
//!   yield_!(y_shadowed1); }                      // the save: `y: __coro_binding2!(),
//!                                                //            y_1: y`
//!                                                yield_!(y); }
//! ```
//!
//! The only code that names a binding where the user's code would not is the code that
//! leaves a region: a yield saves every value held at its resume point, and a jump to a
//! join passes every value held there. Where that code, inside the scope of a renamed
//! binding, must name a binding it hides (held at a yield in its scope, or at a join its
//! scope leaves to: after, or at the head of, a statement around its block), the hidden
//! binding is named through a `macro_rules!` defined right where it is declared
//! ([`Unshadowed::through_macro`]): a macro's locals resolve where the macro is written,
//! so the hidden binding stays reachable by name. Every renamed binding is then spelled
//! as written.
//!
//! Two kinds of hidden binding cannot be named that way: one a state resumed in place
//! holds (its values are taken out of the state under their names), and one bound twice
//! by a `let` chain (the macro would sit after both). A binding that hides such a one gets
//! its name with the hygiene of the macro's own locals (`Span::mixed_site`), which no user
//! binding has, if that clashes with nothing, and keeps its new name otherwise (a
//! documented limit). Bindings are settled in declaration order, so the bindings a
//! binding hides are settled before it.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;

use crate::bindings::{Bindings, Role, Site};
use crate::cfg::Cfg;
use crate::facts::NameKey;
use crate::ids::{BindingId, NodeId};
use crate::liveness::{self, Liveness, Slot};
use crate::names::as_written;
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

/// The spelling of every renamed binding, and the bindings named through a macro.
#[derive(Default)]
pub struct Unshadowed {
    /// New name to the name as written and its spelling.
    spellings: HashMap<String, (Ident, Spelling)>,
    /// The bindings that the code leaving a region names through a macro defined where
    /// each is declared (`__coro_binding3!()`): a binding spelled as written hides them
    /// there.
    through_macro: HashSet<BindingId>,
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
    let mut by_name: HashMap<String, Vec<BindingId>> = HashMap::new();
    for id in facts.bindings.ids() {
        by_name
            .entry(facts.bindings.get(id).name.to_string())
            .or_default()
            .push(id);
    }
    for rename in &renames.list {
        let ids = by_name.get(&rename.new).map_or(&[][..], Vec::as_slice);
        let clashes = |unshadowed: &Unshadowed, spelling: Spelling| -> Vec<BindingId> {
            ids.iter()
                .flat_map(|&id| unshadowed.clashes(id, &rename.written, spelling, facts))
                .collect()
        };
        let written = clashes(&unshadowed, Spelling::Written);
        let spelling = if written.iter().all(|&hidden| nameable(hidden, facts)) {
            unshadowed.through_macro.extend(written);
            Spelling::Written
        } else if !rename.written.unraw().to_string().starts_with("__")
            && clashes(&unshadowed, Spelling::Hygienic).is_empty()
        {
            // With the macro's hygiene, `__state` would be one of the macro's own locals.
            Spelling::Hygienic
        } else {
            Spelling::New
        };
        unshadowed
            .spellings
            .insert(rename.new.clone(), (rename.written.clone(), spelling));
    }
    unshadowed.keep_strings_whole(&quote::quote!(#body));
    unshadowed
}

/// Whether the code that leaves a region may name `id` through a macro defined where it is
/// declared: a binding of the user's whose value the state keeps, held by no state resumed
/// in place (whose values are taken out of the state under their names).
fn nameable(id: BindingId, facts: &Facts<'_>) -> bool {
    let binding = facts.bindings.get(id);
    // A macro defined where a block's entry bindings are declared would see the later
    // ones of a `let` chain that binds the name again (`let Some(a) = .. && let Some(a)`).
    let hidden_by_its_own_entry = match binding.site {
        Site::Entry(block) => facts
            .cfg
            .entry(block)
            .iter()
            .skip_while(|&&b| b != id)
            .skip(1)
            .any(|&b| as_written(&facts.bindings.get(b).name) == as_written(&binding.name)),
        _ => false,
    };
    binding.role == Role::User
        && !hidden_by_its_own_entry
        && binding.derived.is_none()
        && facts.spine.point_ids().all(|k| {
            !facts.live.in_place(k) || facts.live.slot(facts.cfg.resume(k), id) != Some(Slot::Held)
        })
}

impl Unshadowed {
    /// Whether the code that leaves a region names `id` through a macro defined where it
    /// is declared (see [`crate::regions`]).
    pub fn through_macro(&self, id: BindingId) -> bool {
        self.through_macro.contains(&id)
    }

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
            .chain(
                sorted(&self.through_macro)
                    .into_iter()
                    .map(|id| format!("{id:?} named through a macro\n")),
            )
            .collect()
    }

    /// The bindings that `id` (renamed, written `written`) spelled `spelling` would hide
    /// from code that leaves a region in its scope and names them: held at a yield in its
    /// scope, or at a join its scope leaves to (one declared empty there is not named).
    /// With the macro's hygiene, names of every hygiene are one.
    fn clashes(
        &self,
        id: BindingId,
        written: &Ident,
        spelling: Spelling,
        facts: &Facts<'_>,
    ) -> Vec<BindingId> {
        let key = NameKey::of(written);
        let same_spelling = |other: BindingId| {
            // Only a binding spelled `spelling` (settled, or not renamed) can clash.
            let (other_key, other_spelling) = self.settled(other, facts.bindings);
            let same_name = match spelling {
                Spelling::Hygienic => other_key.name() == key.name(),
                _ => other_key == key,
            };
            same_name && other_spelling == spelling
        };
        let mut found = Vec::new();
        let mut hidden_and_named = |entry: NodeId, hidden: &[BindingId]| {
            for &other in hidden {
                if other != id
                    && !found.contains(&other)
                    && same_spelling(other)
                    && facts.live.slot(entry, other) == Some(Slot::Held)
                {
                    found.push(other);
                }
            }
        };
        // The yields and joins inside its scope: the bindings declared before it.
        for node in facts.cfg.ids() {
            if !liveness::is_entry(facts.cfg.node(node).kind) {
                continue;
            }
            let scope = facts.cfg.scope_at(node);
            if let Some(at) = scope.iter().position(|&b| b == id) {
                hidden_and_named(node, &scope[..at]);
            }
        }
        // The joins its scope may leave to: every binding in scope there.
        for node in self.joins_around(id, facts) {
            hidden_and_named(node, facts.cfg.scope_at(node));
        }
        found
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

    /// How a binding is spelled so far, with the key of its name as written: as written
    /// if it was not renamed, by its new name if it is not settled yet (it is declared
    /// later).
    fn settled(&self, id: BindingId, bindings: &Bindings) -> (NameKey, Spelling) {
        let binding = bindings.get(id);
        match self.spellings.get(&binding.name.to_string()) {
            Some((written, spelling)) => (NameKey::of(written), *spelling),
            None if crate::names::is_renamed(&binding.name) => (binding.key.clone(), Spelling::New),
            None => (binding.key.clone(), Spelling::Written),
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
        let shorthand = self.shorthand_fields(&trees);
        trees
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !shorthand.contains(i))
            .map(|(_, tree)| match tree {
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

    /// The positions of `x :` in `S { x: x_shadowed1 }` (a field of a struct expression or
    /// pattern that the shadow step wrote out) where the binding gets its own name back:
    /// left out, the field is `S { x }` again, as written (no lint about `x: x`).
    fn shorthand_fields(&self, trees: &[TokenTree]) -> HashSet<usize> {
        let punct = |i: usize, c: char| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
        let mut found = HashSet::new();
        for i in 0..trees.len() {
            let TokenTree::Ident(member) = &trees[i] else {
                continue;
            };
            let field_start = i == 0 || punct(i - 1, ',');
            let single_colon = punct(i + 1, ':')
                && matches!(&trees[i + 1], TokenTree::Punct(p) if p.spacing() == proc_macro2::Spacing::Alone);
            if !field_start || !single_colon {
                continue;
            }
            // `x: x_1`, or a pattern's `x: ref mut x_1`.
            let mut at = i + 2;
            while matches!(trees.get(at), Some(TokenTree::Ident(m)) if m == "ref" || m == "mut") {
                at += 1;
            }
            let Some(TokenTree::Ident(value)) = trees.get(at) else {
                continue;
            };
            let restored = match self.spellings.get(&value.to_string()) {
                Some((written, spelling)) => {
                    *spelling != Spelling::New && written.unraw() == member.unraw()
                }
                None => false,
            };
            if restored && (at + 1 == trees.len() || punct(at + 1, ',')) {
                found.extend([i, i + 1]);
            }
        }
        found
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

fn sorted(ids: &HashSet<BindingId>) -> Vec<BindingId> {
    let mut ids: Vec<BindingId> = ids.iter().copied().collect();
    ids.sort_by_key(|id| id.index());
    ids
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
    fn three_held_bindings_of_one_name_are_all_spelled_as_written() {
        let out = expand(
            "let x = 1u32; let y = { let x = 2u32; yield_!(x); \
             let z = { let x = 3u32; yield_!(x); x }; z + x }; y + x",
        );
        // The yields save the hidden ones through macros defined where they are declared.
        assert!(!out.contains("x_shadowed"), "{out}");
        assert!(out.contains("macro_rules ! __coro_binding0"), "{out}");
        assert!(out.contains("x : __coro_binding0 ! ()"), "{out}");
    }
}
