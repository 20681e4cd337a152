//! Gives a binding that hides a same-named one its own name, where the scope of the hiding
//! binding contains a yield: the coroutine may have to save both at one suspension point,
//! and the code that saves them can name only the innermost.
//!
//! ```text
//! // Input:                             // Output:
//! let x = Noisy("outer");               // let x = Noisy("outer");
//! log(&x);                              // log(&x);
//! let x = 5;                            // let x_1 = 5;
//! yield_!(x);                           // yield_!(x_1);
//! format!("{x:>w$}", w = x)             // format!("{x_1:>w$}", w = x_1)
//! ```
//!
//! The new name is a name used nowhere in the body, with the user's span, so that the code
//! that mentions it (also inside other macros' arguments and format strings) resolves it
//! as before. Every mention is renamed: paths, struct field shorthand (`S { x }` becomes
//! `S { x: x_1 }`, in patterns too), format-string arguments, widths and precisions
//! (`{x}`, `{:w$}`, `{:.p$}`), names in other macros' arguments, and names in the
//! transcribers of `macro_rules!` defined in the body. Names are compared with their
//! hygiene ([`NameKey`]).
//!
//! The new name is for the transform's own analysis: [`crate::unshadow`] gives it back its
//! own name in the emitted code wherever that code can still tell it apart from the
//! bindings it hides.

use std::collections::HashSet;

use proc_macro2::{Group, Ident, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Macro, Token};

use crate::facts::NameKey;
use crate::names::SHADOWED;
use crate::syntax::contains_yield;

mod macros;

use macros::transplant_names;
pub(crate) use macros::{format_names, named_arguments, rename_format_names};

/// Renames the hiding bindings of `block`, the body of a coroutine whose parameters are
/// `params` (see the module documentation): a `let` that hides a parameter is a hiding
/// binding too. Returns every new name with the name as written, in the order the bindings
/// are declared, for [`crate::unshadow`].
pub fn rename(block: &mut syn::Block, params: &[syn::Pat]) -> Renames {
    let mut used = HashSet::new();
    collect_names(&quote::quote!(#block), &mut used);
    let mut renamer = Renamer {
        scopes: Vec::new(),
        used,
        renames: Renames::default(),
        in_macro: 0,
    };
    renamer.scoped(false, |r| {
        for param in params {
            r.declare_irrefutable(&mut param.clone());
        }
        r.visit_block_mut(block);
    });
    renamer.renames
}

/// What the step renamed, in the order the bindings are declared (a binding is declared
/// after every binding it hides).
#[derive(Default, Debug)]
pub struct Renames {
    pub list: Vec<Rename>,
}

/// One renamed binding.
#[derive(Debug)]
pub struct Rename {
    /// Its new name (`x_shadowed2`), spelled nowhere else in the body.
    pub new: String,
    /// Its name as written, with the user's span and hygiene.
    pub written: Ident,
}

fn collect_names(tokens: &TokenStream, out: &mut HashSet<String>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) => {
                out.insert(ident.unraw().to_string());
            }
            TokenTree::Group(group) => collect_names(&group.stream(), out),
            TokenTree::Literal(lit) => {
                // Names a format string captures count as used.
                out.extend(
                    lit.to_string()
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .map(str::to_string),
                );
            }
            TokenTree::Punct(_) => {}
        }
    }
}

/// A name bound in a scope, with its new name when it was renamed.
struct Bound {
    key: NameKey,
    renamed: Option<Ident>,
}

struct Scope {
    /// Whether the scope contains a yield.
    yields: bool,
    bound: Vec<Bound>,
}

struct Renamer {
    scopes: Vec<Scope>,
    /// Every name in the body, and the new names given so far.
    used: HashSet<String>,
    renames: Renames,
    /// How many macro calls whose arguments are renamed as expressions are around the
    /// code being renamed.
    in_macro: usize,
}

impl Renamer {
    fn scoped(&mut self, yields: bool, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Scope {
            yields,
            bound: Vec::new(),
        });
        f(self);
        self.scopes.pop();
    }

    /// The new name of the binding `ident` refers to, if it was renamed.
    fn lookup(&self, ident: &Ident) -> Option<&Ident> {
        let key = NameKey::of(ident);
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.bound.iter().rev())
            .find(|b| b.key == key)
            .and_then(|b| b.renamed.as_ref())
    }

    /// A new name for `ident` (`x_shadowed1`): used nowhere in the body, and not a spelling
    /// the state's field names take (`x`, `x_1`, see [`crate::names`]).
    fn fresh(&mut self, ident: &Ident) -> Ident {
        let base = ident.unraw().to_string();
        let mut n = 1;
        let name = loop {
            let name = format!("{base}{SHADOWED}{n}");
            if self.used.insert(name.clone()) {
                break name;
            }
            n += 1;
        };
        self.renames.list.push(Rename {
            new: name.clone(),
            written: ident.clone(),
        });
        Ident::new(&name, ident.span())
    }

    /// Declares a pattern's bindings in the innermost scope, renaming those that hide a
    /// binding already in scope when the scope contains a yield.
    fn declare(&mut self, pat: &mut syn::Pat) {
        Binder(self, true).visit_pat_mut(pat);
    }

    /// Declares a pattern that cannot fail to match (`let`, `for`, a closure parameter).
    fn declare_irrefutable(&mut self, pat: &mut syn::Pat) {
        Binder(self, false).visit_pat_mut(pat);
    }

    fn bind(&mut self, ident: &mut Ident) {
        let key = NameKey::of(ident);
        let scope = self.scopes.last().expect("a scope is open");
        let hides = self
            .scopes
            .iter()
            .any(|s| s.bound.iter().any(|b| b.key == key));
        let renamed = if scope.yields && hides {
            let new = self.fresh(ident);
            *ident = new.clone();
            Some(new)
        } else {
            None
        };
        self.scopes
            .last_mut()
            .expect("a scope is open")
            .bound
            .push(Bound { key, renamed });
    }
}

/// Declares the bindings of a pattern (not its paths and expressions); the flag says
/// whether the pattern may fail to match (see [`crate::syntax::binds`]).
struct Binder<'a>(&'a mut Renamer, bool);

impl VisitMut for Binder<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        if crate::syntax::binds(p, self.1) {
            self.0.bind(&mut p.ident);
        }
        visit_mut::visit_pat_ident_mut(self, p);
    }

    fn visit_pat_or_mut(&mut self, or: &mut syn::PatOr) {
        // Every alternative binds the same names: the first declares them, the others take
        // the names the first gave them.
        let mut cases = or.cases.iter_mut();
        if let Some(first) = cases.next() {
            self.visit_pat_mut(first);
        }
        for case in cases {
            Mentions(self.0).visit_pat_mut(case);
        }
    }

    fn visit_field_pat_mut(&mut self, field: &mut syn::FieldPat) {
        visit_mut::visit_field_pat_mut(self, field);
        // `P { x }` whose `x` was renamed is `P { x: x_1 }`.
        if field.colon_token.is_none() {
            if let (syn::Member::Named(member), syn::Pat::Ident(p)) = (&field.member, &*field.pat) {
                if p.ident != *member {
                    field.colon_token = Some(Default::default());
                }
            }
        }
    }

    fn visit_expr_mut(&mut self, _: &mut Expr) {}
}

/// The bindings of a pattern's later alternative (`Ok(q) | Err(q)`), renamed as the first
/// alternative's were.
struct Mentions<'a>(&'a Renamer);

impl VisitMut for Mentions<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        if let Some(new) = self.0.lookup(&p.ident) {
            p.ident = Ident::new(&new.to_string(), p.ident.span());
        }
        visit_mut::visit_pat_ident_mut(self, p);
    }

    fn visit_field_pat_mut(&mut self, field: &mut syn::FieldPat) {
        visit_mut::visit_field_pat_mut(self, field);
        if field.colon_token.is_none() {
            if let (syn::Member::Named(member), syn::Pat::Ident(p)) = (&field.member, &*field.pat) {
                if p.ident != *member {
                    field.colon_token = Some(Default::default());
                }
            }
        }
    }

    fn visit_expr_mut(&mut self, _: &mut Expr) {}
}

impl VisitMut for Renamer {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let yields = contains_yield(&*block);
        self.scoped(yields, |r| {
            for stmt in &mut block.stmts {
                match stmt {
                    syn::Stmt::Local(local) => {
                        if let Some(init) = &mut local.init {
                            r.visit_expr_mut(&mut init.expr);
                            if let Some((_, diverge)) = &mut init.diverge {
                                r.visit_expr_mut(diverge);
                            }
                        }
                        if local.init.as_ref().is_some_and(|i| i.diverge.is_some()) {
                            r.declare(&mut local.pat);
                        } else {
                            r.declare_irrefutable(&mut local.pat);
                        }
                    }
                    syn::Stmt::Item(syn::Item::Macro(m)) if m.mac.path.is_ident("macro_rules") => {
                        m.mac.tokens = r.rename_transcribers(m.mac.tokens.clone());
                    }
                    other => r.visit_stmt_mut(other),
                }
            }
        });
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Path(path) if path.qself.is_none() => {
                if let Some(ident) = path.path.get_ident() {
                    if let Some(new) = self.lookup(ident) {
                        let new = Ident::new(&new.to_string(), ident.span());
                        path.path.segments[0].ident = new;
                    }
                }
            }
            Expr::If(e) => {
                // A let chain's later conditions are in the scope of its bindings too.
                let yields = contains_yield(&e.then_branch) || contains_yield(&*e.cond);
                let (cond, then) = (&mut e.cond, &mut e.then_branch);
                self.scoped(yields, |r| {
                    r.condition(cond);
                    r.visit_block_mut(then);
                });
                if let Some((_, otherwise)) = &mut e.else_branch {
                    self.visit_expr_mut(otherwise);
                }
            }
            Expr::While(e) => {
                let yields = contains_yield(&e.body) || contains_yield(&*e.cond);
                let (cond, body) = (&mut e.cond, &mut e.body);
                self.scoped(yields, |r| {
                    r.condition(cond);
                    r.visit_block_mut(body);
                });
            }
            Expr::ForLoop(e) => {
                self.visit_expr_mut(&mut e.expr);
                let yields = contains_yield(&e.body);
                let (pat, body) = (&mut e.pat, &mut e.body);
                self.scoped(yields, |r| {
                    r.declare_irrefutable(pat);
                    r.visit_block_mut(body);
                });
            }
            Expr::Closure(c) => {
                let (inputs, body) = (&mut c.inputs, &mut c.body);
                self.scoped(false, |r| {
                    for input in inputs.iter_mut() {
                        r.declare_irrefutable(input);
                    }
                    r.visit_expr_mut(body);
                });
            }
            Expr::Struct(s) => {
                visit_mut::visit_expr_struct_mut(self, s);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_field_value_mut(&mut self, field: &mut syn::FieldValue) {
        visit_mut::visit_field_value_mut(self, field);
        // `S { x }` whose `x` was renamed is `S { x: x_1 }`; in another macro's arguments,
        // which must keep their tokens, `S { x_1 }`, which is `S { x }` again once the
        // binding is spelled as written (see `crate::unshadow`).
        if field.colon_token.is_none() {
            if let (syn::Member::Named(member), Expr::Path(p)) = (&field.member, &field.expr) {
                if let Some(new) = p.path.get_ident().filter(|new| *new != member) {
                    if self.in_macro > 0 {
                        field.member = syn::Member::Named(new.clone());
                    } else {
                        field.colon_token = Some(Default::default());
                    }
                }
            }
        }
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        let yields = contains_yield(&*arm.body);
        self.scoped(yields, |r| {
            r.declare(&mut arm.pat);
            if let Some((_, guard)) = &mut arm.guard {
                r.visit_expr_mut(guard);
            }
            r.visit_expr_mut(&mut arm.body);
        });
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        // Arguments that parse as expressions are renamed as expressions (a field name
        // stays a field name); other macros' tokens are renamed as tokens.
        let original = mac.tokens.clone();
        self.in_macro += 1;
        let parsed = self.rename_arguments(mac);
        self.in_macro -= 1;
        if parsed {
            // The arguments as the user wrote them, with the renamed names: printing the
            // expressions again would change their tokens (`&&x` becomes `& & x`), which
            // the macro may match or show.
            if let Some(tokens) = transplant_names(&original, &mac.tokens) {
                mac.tokens = tokens;
            }
            return;
        }
        mac.tokens = self.rename_tokens(mac.tokens.clone());
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

impl Renamer {
    /// An `if` or `while` condition: `let` patterns bind for the block (and for the rest of
    /// a `let` chain).
    fn condition(&mut self, cond: &mut Expr) {
        match cond {
            Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                self.declare(&mut l.pat);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.condition(&mut b.left);
                self.condition(&mut b.right);
            }
            Expr::Paren(p) => self.condition(&mut p.expr),
            other => self.visit_expr_mut(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn renamed(block: syn::Block) -> String {
        let mut block = block;
        rename(&mut block, &[]);
        block.to_token_stream().to_string()
    }

    #[test]
    fn shorthand_fields_in_vec_repeat_arguments_stay_shorthand() {
        let text = renamed(syn::parse_quote!({
            let u = 1;
            {
                let u = yield_!(u);
                vec![P { u }; u as usize];
            }
        }));
        // `P { u }` again once the binding is spelled as written.
        assert!(
            text.contains("P { u_shadowed1 } ; u_shadowed1 as usize"),
            "{text}"
        );
    }

    #[test]
    fn a_let_that_hides_a_parameter_in_a_scope_with_a_yield_is_renamed() {
        let mut block: syn::Block = syn::parse_quote!({
            {
                let r0 = 2;
                yield_!(r0);
            }
            r0
        });
        rename(&mut block, &[syn::parse_quote!(r0)]);
        let text = block.to_token_stream().to_string();
        assert!(text.contains("let r0_shadowed1 = 2"), "{text}");
        assert!(text.contains("yield_ ! (r0_shadowed1)"), "{text}");
        assert!(text.ends_with("r0 }"), "{text}");
    }

    #[test]
    fn same_block_and_nested_shadowing_in_a_scope_with_a_yield() {
        let text = renamed(syn::parse_quote!({
            let x = outer();
            log(&x);
            let x = 5;
            yield_!(x);
            x
        }));
        assert!(text.contains("let x_shadowed1 = 5"), "{text}");
        assert!(text.contains("yield_ ! (x_shadowed1)"), "{text}");
        assert!(text.ends_with("x_shadowed1 }"), "{text}");
        assert!(text.contains("log (& x)"), "{text}");
    }

    #[test]
    fn field_shorthand_and_format_specs_keep_their_meaning() {
        let text = renamed(syn::parse_quote!({
            let x = 1;
            let w = 2;
            {
                let x = yield_!(x);
                let w = 7;
                let p = P { x };
                let P { x } = p;
                format!("{x:>w$} {:.w$} {}", 1.5, x)
            }
        }));
        assert!(text.contains("P { x : x_shadowed1 }"), "{text}");
        assert!(text.contains("let P { x : x_shadowed2 } = p"), "{text}");
        assert!(
            text.contains("\"{x_shadowed2:>w_shadowed1$} {:.w_shadowed1$} {}\""),
            "{text}"
        );
    }

    #[test]
    fn alternatives_of_a_pattern_get_the_same_name() {
        let text = renamed(syn::parse_quote!({
            let q = 0;
            let (Ok(q) | Err(q)) = yield_!(q);
            q
        }));
        assert!(
            text.contains("let (Ok (q_shadowed1) | Err (q_shadowed1))"),
            "{text}"
        );
    }

    #[test]
    fn new_names_are_not_used_elsewhere_in_the_body() {
        let text = renamed(syn::parse_quote!({
            let x_shadowed1 = 0;
            let x = 1;
            {
                let x = x + x_shadowed1;
                yield_!(x);
            }
        }));
        assert!(text.contains("let x_shadowed2 = x + x_shadowed1"), "{text}");
    }
}
