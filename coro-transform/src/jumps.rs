//! Redirects the `break` and `continue` of user code aimed at a loop that a region emits
//! only in part (the rest of an iteration after a yield) to labelled blocks that stand for
//! it. A labelled block, unlike a loop, gives rustc's borrow checker no path around it: a
//! value moved or assigned in the rest of the iteration stays moved or assigned.
//!
//! ```text
//! // Input (the rest of an iteration, resumed after a yield; `'l` is emitted in part):
//! if done { break; }
//! if skip { continue; }
//! for i in 0..n { if i > 2 { break; } }      // aimed at the inner loop: left alone
//! // Output:
//! if done { break '__exit3; }
//! if skip { break '__next3; }
//! for i in 0..n { if i > 2 { break; } }
//! ```
//!
//! Jumps inside closures, `async` blocks and nested items are their own. Inside the
//! arguments of the standard formatting and assertion macros they are redirected too; a
//! jump another macro may produce cannot be, which [`Redirected::opaque`] reports.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Lifetime, Macro, Token};

use crate::facts::NameKey;

/// A loop or labelled block around the code, as its jumps see it.
#[derive(Clone)]
pub struct Frame {
    pub label: Option<NameKey>,
    pub is_loop: bool,
    /// For a construct emitted in part: the labels its `break` and `continue` go to.
    pub redirect: Option<Redirect>,
}

#[derive(Clone)]
pub struct Redirect {
    /// `break 'l v` becomes `break 'exit v`.
    pub exit: Lifetime,
    /// `continue 'l` becomes `break 'next`.
    pub next: Lifetime,
}

/// What [`statement`] and [`expression`] did.
pub struct Redirected<T> {
    pub code: T,
    /// A macro the transform cannot read may jump to a construct emitted in part.
    pub opaque: bool,
}

/// Redirects the jumps of a statement (see the module documentation).
pub fn statement(stmt: &syn::Stmt, frames: &[Frame]) -> Redirected<syn::Stmt> {
    let mut stmt = stmt.clone();
    let opaque = run(frames, |r| r.visit_stmt_mut(&mut stmt));
    Redirected { code: stmt, opaque }
}

/// Redirects the jumps of an expression.
pub fn expression(expr: &Expr, frames: &[Frame]) -> Redirected<Expr> {
    let mut expr = expr.clone();
    let opaque = run(frames, |r| r.visit_expr_mut(&mut expr));
    Redirected { code: expr, opaque }
}

/// Redirects the jumps of a block.
pub fn block(block: &syn::Block, frames: &[Frame]) -> Redirected<syn::Block> {
    let mut block = block.clone();
    let opaque = run(frames, |r| r.visit_block_mut(&mut block));
    Redirected {
        code: block,
        opaque,
    }
}

fn run(frames: &[Frame], f: impl FnOnce(&mut Redirector)) -> bool {
    if !frames.iter().any(|f| f.redirect.is_some()) {
        return false;
    }
    let mut r = Redirector {
        frames: frames.to_vec(),
        opaque: false,
    };
    f(&mut r);
    r.opaque
}

struct Redirector {
    frames: Vec<Frame>,
    opaque: bool,
}

impl Redirector {
    fn target(&self, label: Option<&Lifetime>, is_continue: bool) -> Option<&Frame> {
        match label {
            None => self.frames.iter().rev().find(|f| f.is_loop),
            Some(label) => {
                let key = NameKey::of_lifetime(label);
                self.frames
                    .iter()
                    .rev()
                    .find(|f| f.label.as_ref() == Some(&key))
            }
        }
        .filter(|f| !is_continue || f.is_loop)
    }

    fn inside(&mut self, label: Option<&syn::Label>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        self.frames.push(Frame {
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop,
            redirect: None,
        });
        f(self);
        self.frames.pop();
    }

    /// A macro: arguments that parse as expressions are redirected as expressions;
    /// otherwise a jump it may produce (aimed at the innermost loop, or at a label in its
    /// input) is reported when it would reach a redirected construct.
    fn mac(&mut self, mac: &mut Macro) {
        let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
        if crate::syntax::edit_vec_repeat(mac, |e| self.visit_expr_mut(e)) {
            return;
        }
        if is_known(mac) {
            if let Ok(mut args) = parser.parse2(mac.tokens.clone()) {
                let before = args.to_token_stream().to_string();
                for arg in args.iter_mut() {
                    self.visit_expr_mut(arg);
                }
                if args.to_token_stream().to_string() != before {
                    mac.tokens = args.to_token_stream();
                }
                return;
            }
        }
        let innermost_redirected = self
            .frames
            .iter()
            .rev()
            .find(|f| f.is_loop)
            .is_some_and(|f| f.redirect.is_some());
        let labelled_redirected = labels(&mac.tokens).iter().any(|label| {
            self.target(Some(label), false)
                .is_some_and(|f| f.redirect.is_some())
        });
        self.opaque |= innermost_redirected || labelled_redirected;
    }
}

/// The macros of the standard library whose arguments are expressions and which jump
/// nowhere of their own.
fn is_known(mac: &Macro) -> bool {
    crate::syntax::STANDARD_MACROS.contains(&crate::syntax::macro_name(mac).as_str())
}

fn labels(tokens: &TokenStream) -> Vec<Lifetime> {
    let mut out = Vec::new();
    let trees: Vec<proc_macro2::TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '\'' => {
                if let Some(proc_macro2::TokenTree::Ident(ident)) = trees.get(i + 1) {
                    out.push(Lifetime {
                        apostrophe: p.span(),
                        ident: ident.clone(),
                    });
                }
            }
            proc_macro2::TokenTree::Group(group) => out.extend(labels(&group.stream())),
            _ => {}
        }
    }
    out
}

impl VisitMut for Redirector {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Loop(e) => {
                let label = e.label.clone();
                self.inside(label.as_ref(), true, |r| r.visit_block_mut(&mut e.body));
            }
            Expr::While(e) => {
                self.visit_expr_mut(&mut e.cond);
                let label = e.label.clone();
                self.inside(label.as_ref(), true, |r| r.visit_block_mut(&mut e.body));
            }
            Expr::ForLoop(e) => {
                self.visit_expr_mut(&mut e.expr);
                let label = e.label.clone();
                self.inside(label.as_ref(), true, |r| r.visit_block_mut(&mut e.body));
            }
            Expr::Block(e) if e.label.is_some() => {
                let label = e.label.clone();
                self.inside(label.as_ref(), false, |r| r.visit_block_mut(&mut e.block));
            }
            Expr::Break(e) => {
                if let Some(value) = &mut e.expr {
                    self.visit_expr_mut(value);
                }
                let redirect = self
                    .target(e.label.as_ref(), false)
                    .and_then(|f| f.redirect.clone());
                if let Some(redirect) = redirect {
                    e.label = Some(redirect.exit);
                }
            }
            Expr::Continue(e) => {
                let redirect = self
                    .target(e.label.as_ref(), true)
                    .and_then(|f| f.redirect.clone());
                if let Some(redirect) = redirect {
                    let span = e.continue_token.span;
                    let next = redirect.next;
                    *expr = syn::parse_quote_spanned!(span=> break #next);
                }
            }
            Expr::Macro(m) => self.mac(&mut m.mac),
            Expr::Closure(_) | Expr::Async(_) => {}
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_stmt_macro_mut(&mut self, m: &mut syn::StmtMacro) {
        self.mac(&mut m.mac);
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirected(code: &str) -> (String, bool) {
        let frames = [Frame {
            label: Some(NameKey::of_lifetime(&syn::parse_str("'l").unwrap())),
            is_loop: true,
            redirect: Some(Redirect {
                exit: syn::parse_str("'__exit").unwrap(),
                next: syn::parse_str("'__next").unwrap(),
            }),
        }];
        let out = statement(&syn::parse_str(code).unwrap(), &frames);
        (out.code.to_token_stream().to_string(), out.opaque)
    }

    #[test]
    fn jumps_aimed_at_the_partial_loop_go_to_its_labels() {
        assert_eq!(
            redirected("if done { break; } ").0,
            "if done { break '__exit ; }"
        );
        assert_eq!(
            redirected("if s { continue 'l; }").0,
            "if s { break '__next ; }"
        );
        assert_eq!(
            redirected("for i in v { if i > 2 { break; } continue 'l; }").0,
            "for i in v { if i > 2 { break ; } break '__next ; }"
        );
        assert_eq!(
            redirected("assert!({ if c { break; } true });").0,
            "assert ! ({ if c { break '__exit ; } true }) ;"
        );
        assert_eq!(
            redirected("let f = || loop { break; };").0,
            "let f = | | loop { break ; } ;"
        );
    }

    #[test]
    fn macros_that_may_jump_are_reported() {
        assert!(redirected("stop!();").1);
        assert!(!redirected("println!(\"x\");").1);
        assert!(!redirected("vec![0u32; n];").1);
        assert!(redirected("vec![0u32; stop!()];").1);
    }
}
