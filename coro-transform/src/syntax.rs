//! Small questions about syn trees that every step asks: is this a `yield_!`, does this
//! code contain one, which names does a pattern bind.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{BinOp, Expr, Macro, Pat, Type};

mod body_macros;
mod scopes;

/// Runs `f` with the thread-local `key` set to `value`, and sets it back afterwards (also
/// when `f` unwinds): how a step tells the walks below it what it found in the whole body.
pub fn with_set<T: 'static, R>(
    key: &'static std::thread::LocalKey<std::cell::RefCell<T>>,
    value: T,
    f: impl FnOnce() -> R,
) -> R {
    struct Restore<T: 'static>(
        &'static std::thread::LocalKey<std::cell::RefCell<T>>,
        Option<T>,
    );
    impl<T: 'static> Drop for Restore<T> {
        fn drop(&mut self) {
            if let Some(previous) = self.1.take() {
                self.0.with(|cell| *cell.borrow_mut() = previous);
            }
        }
    }
    let previous = key.with(|cell| std::mem::replace(&mut *cell.borrow_mut(), value));
    let _restore = Restore(key, Some(previous));
    f()
}

pub use body_macros::{body_macro_rules, body_macro_tokens, with_body_macros};
pub use scopes::{
    binds, binds_by_ref, irrefutable_bindings, pattern_bindings, with_body_constants, PatBinding,
};

/// True for `yield_!(..)` and `coro::yield_!(..)` (any path ending in `yield_`).
pub fn is_yield_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "yield_")
}

/// The last segment of a macro call's path (`println` for `std::println!(..)`).
pub fn macro_name(mac: &Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The `yield_!` call an expression is, if it is one.
pub fn as_yield(expr: &Expr) -> Option<&Macro> {
    match expr {
        Expr::Macro(m) if is_yield_macro(&m.mac) => Some(&m.mac),
        Expr::Paren(p) => as_yield(&p.expr),
        Expr::Group(g) => as_yield(&g.expr),
        _ => None,
    }
}

/// [`as_yield`], for changing the call.
pub fn as_yield_mut(expr: &mut Expr) -> Option<&mut Macro> {
    match expr {
        Expr::Macro(m) if is_yield_macro(&m.mac) => Some(&mut m.mac),
        Expr::Paren(p) => as_yield_mut(&mut p.expr),
        Expr::Group(g) => as_yield_mut(&mut g.expr),
        _ => None,
    }
}

/// A `let` type annotation, if the pattern is `name: Type`.
pub fn annotated_type(pat: &Pat) -> Option<&Type> {
    match pat {
        Pat::Type(t) if matches!(&*t.pat, Pat::Ident(_)) => Some(&t.ty),
        _ => None,
    }
}

/// Does this syntax contain a `yield_!` anywhere, including in places the transform does
/// not support (closures, nested items, other macros' arguments)?
pub fn contains_yield<T: YieldSearch + ?Sized>(node: &T) -> bool {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: false,
    };
    node.search(&mut finder);
    finder.found
}

/// Nodes [`contains_yield`] can search.
pub trait YieldSearch {
    /// Feeds the node to the finder.
    fn search(&self, finder: &mut YieldFinder);
}

macro_rules! yield_search {
    ($($ty:ty => $method:ident),* $(,)?) => {
        $(impl YieldSearch for $ty {
            fn search(&self, finder: &mut YieldFinder) {
                finder.$method(self);
            }
        })*
    };
}
yield_search!(
    Expr => visit_expr,
    syn::Stmt => visit_stmt,
    syn::Block => visit_block,
    syn::Local => visit_local,
    Pat => visit_pat,
    syn::ExprIf => visit_expr_if,
);

/// Looks for `yield_!`, also inside macro token streams, and (for [`first_closure`]) for
/// closures.
pub struct YieldFinder {
    found: bool,
    closure: Option<Span>,
    closures_only: bool,
}

/// The span of the first closure or `async` block in `node` (outside nested items).
pub fn first_closure<T: YieldSearch + ?Sized>(node: &T) -> Option<Span> {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: true,
    };
    node.search(&mut finder);
    finder.closure
}

impl<'ast> Visit<'ast> for YieldFinder {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        // A nested `coro::coro!` has yields of its own.
        let nested = mac.path.segments.last().is_some_and(|s| s.ident == "coro");
        if is_yield_macro(mac) || (!nested && tokens_contain_yield(&mac.tokens)) {
            self.found = true;
        }
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.closure.get_or_insert(closure.or1_token.span);
        visit::visit_expr_closure(self, closure);
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        self.closure.get_or_insert(block.async_token.span);
        visit::visit_expr_async(self, block);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !self.closures_only && !is_coroutine_item(item) {
            visit::visit_item(self, item);
        }
    }
}

/// A nested `#[coro::coroutine]` (or `coro::coro!`) function: a coroutine of its own,
/// whose yields are not the enclosing body's.
fn is_coroutine_item(item: &syn::Item) -> bool {
    match item {
        syn::Item::Fn(f) => f.attrs.iter().any(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|s| s.ident == "coroutine")
        }),
        syn::Item::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "coro"),
        _ => false,
    }
}

/// Finds `yield_ !` in raw tokens (another macro's arguments).
pub fn tokens_contain_yield(tokens: &TokenStream) -> bool {
    find_yield_in_tokens(tokens).is_some()
}

/// The span of the first `yield_` followed by `!` in raw tokens.
pub fn find_yield_in_tokens(tokens: &TokenStream) -> Option<Span> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "yield_" => {
                if let Some(TokenTree::Punct(p)) = trees.get(i + 1) {
                    if p.as_char() == '!' {
                        return Some(ident.span());
                    }
                }
            }
            TokenTree::Group(group) => {
                if let Some(span) = find_yield_in_tokens(&group.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// `+=`, `-=` and the other compound assignment operators.
pub fn is_compound_assign(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// The macros of the standard library whose arguments are expressions, which jump nowhere
/// of their own and name no item their arguments do not show. (A `macro_rules!` of the
/// user's module may take one of these names; the transform then reads it wrong: the guide
/// says so.)
pub const STANDARD_MACROS: &[&str] = &[
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "write",
    "writeln",
    "vec",
    "dbg",
];

/// Methods that only borrow their receiver on every standard type that has them
/// (iterators, slices, strings, collections), or that work on a `&mut` iterator as on the
/// iterator itself: a mention as their receiver does not move it, and a receiver used only
/// with these can stay inside the state while the coroutine runs (see
/// `liveness::Liveness::in_place`), auto-deref reaching it through a `&mut` as well. Not
/// `lines`, `split`, `bytes` or `last`: `BufRead::lines`, `BufRead::split`, `Read::bytes`
/// and `Iterator::last` take `self`.
pub const BORROWING_METHODS: &[&str] = &[
    "next",
    "next_back",
    "nth",
    "peek",
    "len",
    "is_empty",
    "iter",
    "iter_mut",
    "chars",
    "char_indices",
    "split_whitespace",
    "windows",
    "chunks",
    "keys",
    "values",
    "values_mut",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_mut_slice",
    "get",
    "get_mut",
    "first",
];

/// Methods that take their receiver by shared reference or by value (never `&mut self`) on
/// the standard types they are usually called on: a mention as their receiver does not
/// change the value (see `facts::Mention::mutates`).
pub const SHARED_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "clone",
    "to_string",
    "to_owned",
    "to_vec",
    "contains",
    "starts_with",
    "ends_with",
    "get",
    "first",
    "last",
    "iter",
    "chars",
    "bytes",
    "char_indices",
    "lines",
    "split",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_ref",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "min",
    "max",
    "abs",
    "pow",
    "count_ones",
    "wrapping_add",
    "wrapping_sub",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "unwrap_or",
    "copied",
    "cloned",
    "keys",
    "values",
    "to_ascii_uppercase",
    "to_ascii_lowercase",
    "to_uppercase",
    "to_lowercase",
    "trim",
    "windows",
    "chunks",
    "contains_key",
    "is_ascii_digit",
    "is_alphabetic",
    "is_whitespace",
];

/// The outer attributes of an expression (none for verbatim tokens).
pub fn expr_attrs_mut(node: &mut Expr) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        Expr::Array(e) => Some(&mut e.attrs),
        Expr::Assign(e) => Some(&mut e.attrs),
        Expr::Async(e) => Some(&mut e.attrs),
        Expr::Await(e) => Some(&mut e.attrs),
        Expr::Binary(e) => Some(&mut e.attrs),
        Expr::Block(e) => Some(&mut e.attrs),
        Expr::Break(e) => Some(&mut e.attrs),
        Expr::Call(e) => Some(&mut e.attrs),
        Expr::Cast(e) => Some(&mut e.attrs),
        Expr::Closure(e) => Some(&mut e.attrs),
        Expr::Const(e) => Some(&mut e.attrs),
        Expr::Continue(e) => Some(&mut e.attrs),
        Expr::Field(e) => Some(&mut e.attrs),
        Expr::ForLoop(e) => Some(&mut e.attrs),
        Expr::Group(e) => Some(&mut e.attrs),
        Expr::If(e) => Some(&mut e.attrs),
        Expr::Index(e) => Some(&mut e.attrs),
        Expr::Infer(e) => Some(&mut e.attrs),
        Expr::Let(e) => Some(&mut e.attrs),
        Expr::Lit(e) => Some(&mut e.attrs),
        Expr::Loop(e) => Some(&mut e.attrs),
        Expr::Macro(e) => Some(&mut e.attrs),
        Expr::Match(e) => Some(&mut e.attrs),
        Expr::MethodCall(e) => Some(&mut e.attrs),
        Expr::Paren(e) => Some(&mut e.attrs),
        Expr::Path(e) => Some(&mut e.attrs),
        Expr::Range(e) => Some(&mut e.attrs),
        Expr::RawAddr(e) => Some(&mut e.attrs),
        Expr::Reference(e) => Some(&mut e.attrs),
        Expr::Repeat(e) => Some(&mut e.attrs),
        Expr::Return(e) => Some(&mut e.attrs),
        Expr::Struct(e) => Some(&mut e.attrs),
        Expr::Try(e) => Some(&mut e.attrs),
        Expr::TryBlock(e) => Some(&mut e.attrs),
        Expr::Tuple(e) => Some(&mut e.attrs),
        Expr::Unary(e) => Some(&mut e.attrs),
        Expr::Unsafe(e) => Some(&mut e.attrs),
        Expr::While(e) => Some(&mut e.attrs),
        Expr::Yield(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// The outer attributes of an item (none for verbatim tokens).
pub fn item_attrs_mut(node: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        syn::Item::Const(e) => Some(&mut e.attrs),
        syn::Item::Enum(e) => Some(&mut e.attrs),
        syn::Item::ExternCrate(e) => Some(&mut e.attrs),
        syn::Item::Fn(e) => Some(&mut e.attrs),
        syn::Item::ForeignMod(e) => Some(&mut e.attrs),
        syn::Item::Impl(e) => Some(&mut e.attrs),
        syn::Item::Macro(e) => Some(&mut e.attrs),
        syn::Item::Mod(e) => Some(&mut e.attrs),
        syn::Item::Static(e) => Some(&mut e.attrs),
        syn::Item::Struct(e) => Some(&mut e.attrs),
        syn::Item::Trait(e) => Some(&mut e.attrs),
        syn::Item::TraitAlias(e) => Some(&mut e.attrs),
        syn::Item::Type(e) => Some(&mut e.attrs),
        syn::Item::Union(e) => Some(&mut e.attrs),
        syn::Item::Use(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// The outer attributes of a pattern (none for verbatim tokens).
pub fn pat_attrs_mut(node: &mut Pat) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        Pat::Const(e) => Some(&mut e.attrs),
        Pat::Ident(e) => Some(&mut e.attrs),
        Pat::Lit(e) => Some(&mut e.attrs),
        Pat::Macro(e) => Some(&mut e.attrs),
        Pat::Or(e) => Some(&mut e.attrs),
        Pat::Paren(e) => Some(&mut e.attrs),
        Pat::Path(e) => Some(&mut e.attrs),
        Pat::Range(e) => Some(&mut e.attrs),
        Pat::Reference(e) => Some(&mut e.attrs),
        Pat::Rest(e) => Some(&mut e.attrs),
        Pat::Slice(e) => Some(&mut e.attrs),
        Pat::Struct(e) => Some(&mut e.attrs),
        Pat::Tuple(e) => Some(&mut e.attrs),
        Pat::TupleStruct(e) => Some(&mut e.attrs),
        Pat::Type(e) => Some(&mut e.attrs),
        Pat::Wild(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// For a `vec![elem; len]` call: runs `edit` on its element and its length and writes them
/// back. Returns whether the call has that form.
pub fn edit_vec_repeat(mac: &mut syn::Macro, mut edit: impl FnMut(&mut Expr)) -> bool {
    if mac.path.segments.last().is_none_or(|s| s.ident != "vec") {
        return false;
    }
    let Ok((mut elem, mut len)) = vec_repeat(mac) else {
        return false;
    };
    edit(&mut elem);
    edit(&mut len);
    mac.tokens = quote::quote!(#elem; #len);
    true
}

/// The element and the length of `vec![elem; len]`, when the call has that form.
pub fn vec_repeat(mac: &syn::Macro) -> syn::Result<(Expr, Expr)> {
    use syn::parse::Parser;
    let repeat = |input: syn::parse::ParseStream| {
        let elem: Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let len: Expr = input.parse()?;
        Ok((elem, len))
    };
    repeat.parse2(mac.tokens.clone())
}

/// Whether the identifier at `trees[i]` of a macro's input may name a local: not a field
/// (`.x`, or `u` in `S { u: x }`), a label (`'x`) or a later path segment (`a::x`). A
/// struct field's value (`x` in `S { u: x }`) may.
pub fn may_name_a_local(trees: &[TokenTree], i: usize) -> bool {
    let punct =
        |k: usize, c: char| matches!(trees.get(k), Some(TokenTree::Punct(p)) if p.as_char() == c);
    let after = |c: char| i > 0 && punct(i - 1, c);
    let after_path_separator = i > 1 && punct(i - 1, ':') && punct(i - 2, ':');
    let before_single_colon = punct(i + 1, ':') && !punct(i + 2, ':');
    !after('.') && !after('\'') && !after_path_separator && !before_single_colon
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    #[test]
    fn patterns_bind_lowercase_names_only() {
        let pat: Pat = Pat::parse_single
            .parse_str("(Some(mut a), None, b @ 1..=2, MAX)")
            .unwrap();
        let bound: Vec<_> = pattern_bindings(&pat)
            .iter()
            .map(|b| (b.ident.to_string(), b.mutable))
            .collect();
        assert_eq!(bound, [("a".into(), true), ("b".into(), false)]);
    }
}
