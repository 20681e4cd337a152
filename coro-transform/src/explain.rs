//! The errors for a `yield_!` where the transform does not support one: finds the first
//! one inside a piece of code and says why it cannot stand there and what to write
//! instead.
//!
//! ```text
//! // Input:                               // Output:
//! let f = || yield_!(1);                  // error at `yield_!(1)`: "`yield_!` cannot be
//!                                         //   used inside a closure: ..."
//! ```

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Error, Expr, Macro};

use crate::syntax::{find_yield_in_tokens, is_yield_macro};

/// The error for a `yield_!` somewhere the transform does not support: finds the first
/// one inside `node` and says why it cannot stand there and what to write instead.
pub fn explain<T: Spanned + ExplainNode + ?Sized>(node: &T) -> Error {
    let mut finder = Explain {
        context: Context::Expression,
        found: None,
    };
    node.explain(&mut finder);
    match finder.found {
        Some((span, context)) => Error::new(span, context.message()),
        None => Error::new(
            node.span(),
            "this statement contains `yield_!` in a position `#[coro::coroutine]` does not support",
        ),
    }
}

/// Nodes [`explain`] can search.
pub trait ExplainNode {
    fn explain(&self, finder: &mut Explain);
}

impl ExplainNode for Expr {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_expr(self);
    }
}
impl ExplainNode for syn::Stmt {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_stmt(self);
    }
}
impl ExplainNode for syn::Local {
    fn explain(&self, finder: &mut Explain) {
        finder.visit_local(self);
    }
}

#[derive(Clone, Copy)]
enum Context {
    Expression,
    Closure,
    Async,
    Item,
    Macro,
    YieldValue,
}

impl Context {
    fn message(self) -> &'static str {
        match self {
            Context::Expression => {
                "`yield_!` inside a larger expression is not supported yet; \
                 bind it with `let` first: `let value = yield_!(..);` and use `value`"
            }
            Context::Closure => {
                "`yield_!` cannot be used inside a closure: the closure is a separate function \
                 the coroutine cannot suspend; move the `yield_!` out of the closure"
            }
            Context::Async => {
                "`yield_!` cannot be used inside an `async` block; move it out of the block"
            }
            Context::Item => {
                "`yield_!` cannot be used inside a nested function or item: only the body of \
                 the `#[coro::coroutine]` function itself can yield"
            }
            Context::Macro => {
                "`yield_!` cannot be used inside another macro's arguments, which \
                 `#[coro::coroutine]` cannot see into; bind it first: \
                 `let value = yield_!(..);` and pass `value` to the macro"
            }
            Context::YieldValue => {
                "`yield_!` cannot be used inside another `yield_!`'s value; \
                 bind the inner one first: `let value = yield_!(..);`"
            }
        }
    }
}

/// Finds the first `yield_!` and the context it stands in.
pub struct Explain {
    context: Context,
    found: Option<(Span, Context)>,
}

impl Explain {
    fn within(&mut self, context: Context, f: impl FnOnce(&mut Self)) {
        let outer = self.context;
        // The innermost special context wins; expression position is the default.
        if matches!(outer, Context::Expression) {
            self.context = context;
        }
        f(self);
        self.context = outer;
    }
}

impl<'ast> Visit<'ast> for Explain {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if self.found.is_some() {
            return;
        }
        if is_yield_macro(mac) {
            if let Some(span) = find_yield_in_tokens(&mac.tokens) {
                self.found = Some((span, Context::YieldValue));
            } else {
                self.found = Some((mac.span(), self.context));
            }
        } else if let Some(span) = find_yield_in_tokens(&mac.tokens) {
            let context = match self.context {
                Context::Expression => Context::Macro,
                other => other,
            };
            self.found = Some((span, context));
        }
    }

    fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
        self.within(Context::Closure, |v| visit::visit_expr_closure(v, e));
    }

    fn visit_expr_async(&mut self, e: &'ast syn::ExprAsync) {
        self.within(Context::Async, |v| visit::visit_expr_async(v, e));
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        self.within(Context::Item, |v| visit::visit_item(v, item));
    }
}
