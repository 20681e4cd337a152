//! What a piece of plain code (code with no `yield_!`) does, as far as the transform cares:
//! which outer names it mentions and how, and where it may jump to outside itself. This is
//! the one reader of plain code: the control-flow graph, liveness and emission all work
//! from its answers.
//!
//! ```text
//! // Input:                                   // Output:
//! if v.len() > n { break 'outer; }            // mentions: v (step), n (borrow)
//! total += f(&buf, item);                      // mentions: total (borrow), f, buf (borrow),
//!                                              //           item (move)
//!                                              // jumps: break 'outer
//! ```
//!
//! A mention *moves* unless the syntax proves it does not: a borrow (`&x`, `&mut x`), an
//! operand of a comparison, the place of an assignment or compound assignment, the base of
//! an index (`x[i]`), a format-macro argument, or the receiver of one of the few methods
//! that only borrow it on the standard types they are called on
//! ([`crate::syntax::BORROWING_METHODS`]). A binding no mention of which moves still owns
//! its value wherever it is in scope, so the coroutine keeps it until its block ends, as
//! rustc does.
//!
//! Names are compared with their hygiene: two `x`s from different `macro_rules!`
//! expansions are different names ([`NameKey`]).

use std::collections::HashSet;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Expr, Lifetime, Macro, Pat, Token};

use crate::syntax::{irrefutable_bindings, pattern_bindings, BORROWING_METHODS};

mod reader;

use reader::{Mode, Reader};

/// A name with its hygiene context: what decides which binding a mention resolves to.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct NameKey {
    name: String,
    context: Option<u32>,
}

impl NameKey {
    pub fn of(ident: &Ident) -> Self {
        NameKey {
            name: ident.unraw().to_string(),
            context: hygiene_context(ident.span()),
        }
    }

    /// The same key for a lifetime or label (`'outer`).
    pub fn of_lifetime(lifetime: &Lifetime) -> Self {
        NameKey::of(&lifetime.ident)
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The syntax context of a span as the compiler numbers it, which it prints in the span's
/// `Debug` form (`#4 bytes(10..20)`); `None` outside the compiler (unit tests, tools), where
/// every span has the same context.
fn hygiene_context(span: Span) -> Option<u32> {
    let text = format!("{span:?}");
    let digits = text.strip_prefix('#')?;
    let end = digits.find(|c: char| !c.is_ascii_digit())?;
    digits[..end].parse().ok()
}

/// How a piece of code uses a name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum How {
    /// Read as a value: it may move out of the binding.
    Move,
    /// Read without moving: borrowed, compared, formatted, assigned into with `op=` or
    /// through a field.
    Borrow,
    /// Indexed (`x[i]`) or stepped (`x.next()`): read without moving, in a way that works
    /// the same through a `&mut` reference to the value.
    Step,
    /// Overwritten as a whole: `x = ..`.
    Assign,
}

/// One mention of an outer name.
#[derive(Clone, Debug)]
pub struct Mention {
    pub ident: Ident,
    pub how: How,
    /// The mention may change the binding's value: the place of `=` or `op=`, `&mut x`,
    /// the receiver of a method that may take `&mut self`, a mention in a closure or in a
    /// macro the transform cannot read.
    pub mutates: bool,
}

/// A jump out of the code.
#[derive(Clone, Debug)]
pub enum Jump {
    /// `break` or `break 'label` (with or without a value).
    Break(Option<Lifetime>),
    /// `continue` or `continue 'label`.
    Continue(Option<Lifetime>),
    /// `return` (which completes the coroutine).
    Return,
    /// A `?` that may give up (which completes the coroutine with the residual).
    Try,
    /// A macro the transform cannot read may expand to `break`, `continue`, `return` or `?`
    /// (aimed at the innermost loop, or at one of these labels, which appear in its input).
    Macro(Vec<Lifetime>),
}

/// Everything [`of_stmt`] and friends find.
#[derive(Default, Debug)]
pub struct Facts {
    /// The outer names mentioned, in evaluation order.
    pub mentions: Vec<Mention>,
    /// The jumps that leave the code.
    pub jumps: Vec<Jump>,
    /// For a statement `x = e` (with or without `;`): `x` when `e` does not mention it,
    /// which the statement overwrites without reading; for a destructuring assignment
    /// (`(x, y) = e`), each name of its target that `e` does not mention.
    pub overwrites: Vec<Ident>,
}

/// The facts of a statement. The bindings of a top-level `let` are not outer names: the
/// caller declares them after the statement's uses.
pub fn of_stmt(stmt: &syn::Stmt) -> Facts {
    let mut reader = Reader::default();
    match stmt {
        syn::Stmt::Local(local) => {
            if let Some(init) = &local.init {
                reader.value(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    reader.value(diverge);
                }
            }
        }
        syn::Stmt::Expr(expr, _) => {
            reader.value(expr);
            if let Expr::Assign(assign) = expr {
                reader.top_level_assignment(assign);
            }
        }
        syn::Stmt::Macro(m) => reader.mac(&m.mac),
        syn::Stmt::Item(_) => {}
    }
    reader.facts
}

/// The facts of an expression evaluated for its value.
pub fn of_expr(expr: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.value(expr);
    reader.facts
}

/// The facts of an expression matched or borrowed in place (a `match` scrutinee, an
/// `if let` scrutinee): a bare name there is not moved unless the pattern moves from it,
/// which `moves` says.
pub fn of_place(expr: &Expr, moves: bool) -> Facts {
    let mut reader = Reader::default();
    if moves {
        reader.value(expr);
    } else {
        reader.borrow(expr);
    }
    reader.facts
}

/// The facts of a place assigned into (`place op= yield_!(..)`, `a.b = yield_!(..)`): read
/// without moving, and changed.
pub fn of_assigned_place(expr: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.with(Mode::MutBorrow, expr);
    reader.facts
}

/// The facts of a block (a `let .. else` block, say).
pub fn of_block(block: &syn::Block) -> Facts {
    let mut reader = Reader::default();
    reader.visit_block(block);
    reader.facts
}

/// The facts of a `match` arm's guard and body; the names its pattern binds are not
/// outer.
pub fn of_arm(pat: &Pat, guard: Option<&Expr>, body: &Expr) -> Facts {
    let mut reader = Reader::default();
    reader.scoped(|r| {
        r.declare(pat);
        if let Some(guard) = guard {
            r.value(guard);
        }
        r.value(body);
    });
    reader.facts
}

/// Names captured by a format string's inline arguments and named widths and precisions:
/// `{x}`, `{x:?}`, `{:w$}`, `{:.p$}`, `{x:>w$.p$}`, with the span of the literal (which is
/// what the compiler gives them).
pub fn format_string_names(lit: &syn::Lit) -> Vec<Ident> {
    let syn::Lit::Str(s) = lit else {
        return Vec::new();
    };
    let text = s.value();
    let mut names = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut spec = String::new();
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
            spec.push(c);
        }
        let (arg, format) = spec.split_once(':').unwrap_or((&spec, ""));
        let mut candidates = vec![arg.trim().to_string()];
        // Width and precision may name arguments too: `{:w$}`, `{:.p$}`.
        for part in format.split('$').take(format.matches('$').count()) {
            let tail: String = part
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            candidates.push(tail.chars().rev().collect());
        }
        for name in candidates {
            let is_name = name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if is_name {
                if let Ok(ident) = syn::parse_str::<Ident>(&name) {
                    names.push(Ident::new(&ident.to_string(), s.span()));
                }
            }
        }
    }
    names
}

/// Whether evaluating an expression surely never completes: it ends in `return`, `break`,
/// `continue` or a panicking macro, on every path (syntactically).
pub fn diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) => is_panic(&m.mac),
        Expr::Block(b) if b.label.is_none() => block_diverges(&b.block),
        Expr::Unsafe(u) => block_diverges(&u.block),
        Expr::Paren(p) => diverges(&p.expr),
        Expr::If(i) => match &i.else_branch {
            Some((_, otherwise)) => block_diverges(&i.then_branch) && diverges(otherwise),
            None => false,
        },
        Expr::Match(m) if !m.arms.is_empty() => m.arms.iter().all(|arm| diverges(&arm.body)),
        _ => false,
    }
}

/// Whether a block surely never completes: one of its statements does not.
pub fn block_diverges(block: &syn::Block) -> bool {
    block.stmts.iter().any(stmt_diverges)
}

/// Whether a statement surely never completes.
pub fn stmt_diverges(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Expr(expr, _) => diverges(expr),
        syn::Stmt::Macro(m) => is_panic(&m.mac),
        syn::Stmt::Local(local) => local
            .init
            .as_ref()
            .is_some_and(|init| init.diverge.is_none() && diverges(&init.expr)),
        syn::Stmt::Item(_) => false,
    }
}

fn is_panic(mac: &Macro) -> bool {
    let name = mac.path.segments.last().map(|s| s.ident.to_string());
    matches!(
        name.as_deref(),
        Some("panic" | "unreachable" | "todo" | "unimplemented")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(code: &str) -> Facts {
        of_stmt(&syn::parse_str(code).unwrap())
    }

    fn mentions(code: &str) -> Vec<(String, How)> {
        facts(code)
            .mentions
            .into_iter()
            .map(|m| (m.ident.to_string(), m.how))
            .collect()
    }

    fn m(name: &str, how: How) -> (String, How) {
        (name.to_string(), how)
    }

    #[test]
    fn borrows_comparisons_and_formatting_do_not_move() {
        use How::*;
        assert_eq!(
            mentions("total += f(&buf, item);"),
            [
                m("total", Borrow),
                m("f", Move),
                m("buf", Borrow),
                m("item", Move)
            ]
        );
        assert_eq!(
            mentions(r#"println!("{x} {:w$} {}", y, z.len());"#),
            [m("x", Borrow), m("w", Borrow), m("y", Borrow), m("z", Step)]
        );
        assert_eq!(
            mentions("if a == b { c }"),
            [m("a", Borrow), m("b", Borrow), m("c", Move)]
        );
        assert_eq!(
            mentions("v[i] = it.next();"),
            [m("v", Step), m("i", Move), m("it", Step)]
        );
        assert_eq!(mentions("x = y;"), [m("x", Assign), m("y", Move)]);
        assert_eq!(facts("x = y;").overwrites[0].to_string(), "x");
        assert!(facts("x = x + 1;").overwrites.is_empty());
        let names: Vec<String> = facts("(x, [y, _], P { u: z, .. }) = (y, 1, p);")
            .overwrites
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert_eq!(names, ["x", "z"]);
    }

    #[test]
    fn an_unknown_macro_mentions_field_values_but_not_fields_or_path_segments() {
        use How::*;
        assert_eq!(
            mentions("stop!(P { u: r0 }, a::b, x.f);"),
            [m("P", Move), m("r0", Move), m("a", Move), m("x", Move)]
        );
    }

    #[test]
    fn inner_bindings_hide_outer_names_and_closures_capture() {
        use How::*;
        assert_eq!(
            mentions("{ let x = 1; f(x, y); }"),
            [m("f", Move), m("y", Move)]
        );
        assert_eq!(mentions("let c = |x| x + &z;"), [m("z", Move)]);
        assert_eq!(
            mentions("match o { Some(v) => v + w, None => 0 };"),
            [m("o", Move), m("w", Move)]
        );
        assert_eq!(mentions("let p = P { x };"), [m("x", Move)]);
    }

    #[test]
    fn escaping_jumps() {
        let jumps = |code: &str| -> Vec<String> {
            facts(code)
                .jumps
                .iter()
                .map(|j| match j {
                    Jump::Break(l) => format!(
                        "break {}",
                        l.as_ref().map_or(String::new(), |l| l.to_string())
                    ),
                    Jump::Continue(l) => format!(
                        "continue {}",
                        l.as_ref().map_or(String::new(), |l| l.to_string())
                    ),
                    Jump::Return => "return".into(),
                    Jump::Try => "?".into(),
                    Jump::Macro(labels) => format!("macro {}", labels.len()),
                })
                .collect()
        };
        assert_eq!(jumps("if c { break 'outer; }"), ["break 'outer"]);
        assert_eq!(
            jumps("for i in v { if i { break; } continue 'a; }"),
            ["continue 'a"]
        );
        assert_eq!(jumps("'a: loop { break 'a; }"), Vec::<String>::new());
        assert_eq!(jumps("let x = f()?;"), ["?"]);
        assert_eq!(jumps("let f = || { return 1; };"), Vec::<String>::new());
        assert_eq!(jumps("assert!({ if c { break; } true });"), ["break "]);
        assert_eq!(jumps("bail!(\"no\");"), ["macro 0"]);
        assert_eq!(jumps("stop!('outer);"), ["macro 1"]);
        assert_eq!(jumps("let v = vec![0; n?];"), ["?"]);
    }
}
