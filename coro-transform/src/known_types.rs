//! The types of held bindings that the body spells out, written into the state enum in
//! place of a type parameter.
//!
//! The macro sees no types, so the state enum is generic: one parameter per held binding,
//! which the compiler infers from the code that saves and restores it. Every expression
//! and pattern naming the enum gives the type checker one fresh variable per parameter,
//! and those whose binding is declared further down stay unresolved until its code is
//! checked: in a long body, that is most of the cost of compiling the expansion. A
//! binding whose type the body states, in a way that needs no name resolution, gets that
//! type instead:
//!
//! ```text
//! fn f(n: u64) { let mut a = n; let c = 1u64; let b = n ^ 3; let s = "x"; .. }
//! // Input:  a, c, b, s held across a yield
//! // Output: a: u64 (a copy of the parameter `n: u64`), c: u64 (a suffixed literal),
//! //         b: a parameter (an operator's result), s: &'static str (a string literal)
//! ```
//!
//! Only primitive types are known (`u64`, `bool`, `char`, `f32`, ..., `&'static str`):
//! their names mean the same anywhere in the function, and they hold no lifetime or
//! generic parameter of it. The sources: a written annotation (`let x: u32 = ..`, a
//! parameter's type), a suffixed, boolean, character or string literal, a cast to a
//! primitive type (`e as usize`), a negated literal, and a plain copy of a binding whose
//! type is known.
//!
//! What would make a claim wrong turns it off ([`Trust`]): an item or generic parameter
//! named like a primitive type (`type u64 = u8;`, `fn f<u8: Copy>`) turns off every
//! claim of the coroutine, since the enum's field would name it where another scope
//! applies; a name that a statement or pattern macro's input mentions (`my_let!(n = 250)`,
//! `let p!(n) = 250` may bind another `n`), or that a pattern spells in uppercase (`N =>`
//! binds `N` when no constant `N` is in scope), is never copied from; a `let mut` of a
//! string literal is left to the compiler, since it may later hold a shorter-lived `&str`.

use std::cell::RefCell;
use std::collections::HashSet;

use syn::visit::{self, Visit};
use syn::{Expr, Lit, Type};

/// What the claims of one coroutine may rely on.
#[derive(Default, Clone, Debug)]
pub struct Trust {
    /// An item or generic parameter hides a primitive type's name: no claims at all.
    pub primitives_hidden: bool,
    /// Names that may be bound again where coro cannot see it: those a statement macro's
    /// or a pattern macro's input mentions (`my_let!(n = 250)`, `let p!(n) = 250`), and
    /// uppercase names in patterns (`N =>` binds `N` unless a constant `N` is in scope,
    /// and coro reads it as a constant).
    pub maybe_rebound: HashSet<String>,
}

impl Trust {
    /// What `body`, in a function with `generics`, lets the claims rely on.
    pub fn of(generics: &syn::Generics, body: &syn::Block) -> Trust {
        let mut finder = TrustFinder(Trust {
            primitives_hidden: generics.type_params().any(|p| is_primitive_name(&p.ident)),
            ..Trust::default()
        });
        finder.visit_block(body);
        finder.0
    }
}

thread_local! {
    static TRUST: RefCell<Trust> = RefCell::new(Trust::default());
}

/// Runs `f` with the claims limited by `trust`.
pub fn with_trust<R>(trust: Trust, f: impl FnOnce() -> R) -> R {
    crate::syntax::with_set(&TRUST, trust, f)
}

fn primitives_hidden() -> bool {
    TRUST.with(|t| t.borrow().primitives_hidden)
}

/// Whether a copy of the binding named `ident` may take its known type: no statement
/// macro's input mentions the name.
pub fn may_copy(ident: &syn::Ident) -> bool {
    TRUST.with(|t| !t.borrow().maybe_rebound.contains(&ident.to_string()))
}

/// Whether the known type `ty` may stand for a binding declared `mut`: not a string
/// literal's `&'static str`, which a later assignment may shorten.
pub fn fits_mutable(ty: &Type) -> bool {
    !matches!(ty, Type::Reference(_))
}

fn is_primitive_name(ident: &syn::Ident) -> bool {
    PRIMITIVES.contains(&ident.to_string().as_str())
}

/// Besides the standard macros ([`crate::syntax::STANDARD_MACROS`]), those of coro's that
/// bind no name of their caller.
const CORO_MACROS: &[&str] = &["yield_", "yield_from", "macro_rules"];

struct TrustFinder(Trust);

impl TrustFinder {
    fn hides(&mut self, ident: &syn::Ident) {
        self.0.primitives_hidden |= is_primitive_name(ident);
    }

    fn statement_macro(&mut self, mac: &syn::Macro) {
        let name = crate::syntax::macro_name(mac);
        let standard = crate::syntax::STANDARD_MACROS.contains(&name.as_str());
        if standard || CORO_MACROS.contains(&name.as_str()) {
            return;
        }
        self.macro_input(mac);
    }

    fn macro_input(&mut self, mac: &syn::Macro) {
        fn names(tokens: proc_macro2::TokenStream, out: &mut HashSet<String>) {
            for tree in tokens {
                match tree {
                    proc_macro2::TokenTree::Ident(i) => {
                        out.insert(i.to_string());
                    }
                    proc_macro2::TokenTree::Group(g) => names(g.stream(), out),
                    _ => {}
                }
            }
        }
        names(mac.tokens.clone(), &mut self.0.maybe_rebound);
    }
}

impl<'ast> Visit<'ast> for TrustFinder {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        match item {
            syn::Item::Type(i) => self.hides(&i.ident),
            syn::Item::Struct(i) => self.hides(&i.ident),
            syn::Item::Enum(i) => self.hides(&i.ident),
            syn::Item::Union(i) => self.hides(&i.ident),
            syn::Item::Trait(i) => self.hides(&i.ident),
            syn::Item::TraitAlias(i) => self.hides(&i.ident),
            syn::Item::Mod(i) => self.hides(&i.ident),
            syn::Item::Macro(i) if i.ident.is_none() => self.statement_macro(&i.mac),
            _ => {}
        }
        visit::visit_item(self, item);
    }

    fn visit_use_name(&mut self, u: &'ast syn::UseName) {
        self.hides(&u.ident);
    }

    fn visit_use_rename(&mut self, u: &'ast syn::UseRename) {
        self.hides(&u.rename);
    }

    fn visit_generics(&mut self, generics: &'ast syn::Generics) {
        for param in generics.type_params() {
            self.hides(&param.ident);
        }
        visit::visit_generics(self, generics);
    }

    fn visit_stmt_macro(&mut self, stmt: &'ast syn::StmtMacro) {
        self.statement_macro(&stmt.mac);
        visit::visit_stmt_macro(self, stmt);
    }

    fn visit_pat(&mut self, pat: &'ast syn::Pat) {
        if let syn::Pat::Macro(m) = pat {
            self.macro_input(&m.mac);
        }
        visit::visit_pat(self, pat);
    }

    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        if pat.ident.to_string().starts_with(char::is_uppercase) {
            self.0.maybe_rebound.insert(pat.ident.to_string());
        }
        visit::visit_pat_ident(self, pat);
    }
}

/// The primitive types whose names the macro trusts.
const PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char",
];

/// The type of a binding declared `name: ty`, if it is a primitive type.
pub fn of_annotation(ty: &Type) -> Option<Type> {
    if primitives_hidden() {
        return None;
    }
    match ty {
        Type::Paren(p) => of_annotation(&p.elem),
        Type::Group(g) => of_annotation(&g.elem),
        Type::Path(p) if p.qself.is_none() => {
            let ident = p.path.get_ident()?;
            PRIMITIVES
                .contains(&ident.to_string().as_str())
                .then(|| ty.clone())
        }
        _ => None,
    }
}

/// The type of the value `init`, if the expression states a primitive one; `binding`
/// gives the known type of a binding the expression names alone.
pub fn of_value(init: &Expr, binding: &dyn Fn(&syn::Ident) -> Option<Type>) -> Option<Type> {
    if primitives_hidden() {
        return None;
    }
    match init {
        Expr::Paren(p) => of_value(&p.expr, binding),
        Expr::Group(g) => of_value(&g.expr, binding),
        Expr::Lit(lit) => of_literal(&lit.lit),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match &*u.expr {
            Expr::Lit(lit) if matches!(lit.lit, Lit::Int(_) | Lit::Float(_)) => {
                of_literal(&lit.lit)
            }
            _ => None,
        },
        Expr::Unary(u) => {
            // `!` of a bool or an integer, `-` of a signed integer or a float: the same type.
            let operand = of_value(&u.expr, binding)?;
            let name = primitive_name(&operand)?;
            let same = match u.op {
                syn::UnOp::Not(_) => name == "bool" || is_integer(name),
                syn::UnOp::Neg(_) => name.starts_with('i') || name.starts_with('f'),
                _ => false,
            };
            same.then_some(operand)
        }
        Expr::Cast(c) => of_annotation(&c.ty),
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => match p.path.get_ident() {
            Some(ident) if may_copy(ident) => binding(ident),
            Some(_) => None,
            // `u64::MAX`, `i32::MIN`: associated constants of the type.
            None => of_associated(&p.path, &["MAX", "MIN"]),
        },
        // `u64::from(x)`: `From::from` returns the type it is called on.
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) if p.qself.is_none() => of_associated(&p.path, &["from"]),
            _ => None,
        },
        Expr::Binary(b) => of_binary(b, binding),
        Expr::MethodCall(m) => of_method(m, binding),
        _ => None,
    }
}

/// `a + b`, `a << k`, `a < b`, `a && b`: the operators of primitive types, whose results
/// no impl of the user's can change. An arithmetic or bitwise operator on two values of
/// the same primitive type, or on one and an unsuffixed literal, gives that type; a shift
/// gives its left operand's type; a comparison, `&&` and `||` give `bool`.
fn of_binary(b: &syn::ExprBinary, binding: &dyn Fn(&syn::Ident) -> Option<Type>) -> Option<Type> {
    use syn::BinOp::*;
    match b.op {
        Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) | And(_) | Or(_) => named("bool"),
        Shl(_) | Shr(_) => {
            let left = of_value(&b.left, binding)?;
            let right_integer = of_value(&b.right, binding)
                .as_ref()
                .and_then(primitive_name)
                .is_some_and(is_integer)
                || unsuffixed(&b.right, false);
            (is_integer(primitive_name(&left)?) && right_integer).then_some(left)
        }
        Add(_) | Sub(_) | Mul(_) | Div(_) | Rem(_) | BitAnd(_) | BitOr(_) | BitXor(_) => {
            let (left, right) = (of_value(&b.left, binding), of_value(&b.right, binding));
            let (known, other) = match (&left, &right) {
                (Some(l), Some(r)) => {
                    return (primitive_name(l)? == primitive_name(r)?).then_some(l.clone())
                }
                (Some(known), None) => (known.clone(), &b.right),
                (None, Some(known)) => (known.clone(), &b.left),
                (None, None) => return None,
            };
            let name = primitive_name(&known)?;
            let arithmetic = !matches!(b.op, BitAnd(_) | BitOr(_) | BitXor(_));
            let fits = match name {
                "bool" => false,
                "char" => false,
                float if float.starts_with('f') => arithmetic && unsuffixed(other, true),
                _ => unsuffixed(other, false),
            };
            fits.then_some(known)
        }
        _ => None,
    }
}

/// `x.wrapping_add(1)`, `x.count_ones()`: inherent methods of the primitive types (found
/// before any trait's method of the name), by what they return.
fn of_method(
    m: &syn::ExprMethodCall,
    binding: &dyn Fn(&syn::Ident) -> Option<Type>,
) -> Option<Type> {
    const SAME: &[&str] = &[
        "wrapping_add",
        "wrapping_sub",
        "wrapping_mul",
        "wrapping_div",
        "wrapping_rem",
        "wrapping_neg",
        "wrapping_shl",
        "wrapping_shr",
        "wrapping_pow",
        "saturating_add",
        "saturating_sub",
        "saturating_mul",
        "saturating_pow",
        "rotate_left",
        "rotate_right",
        "pow",
        "swap_bytes",
        "reverse_bits",
        "to_be",
        "to_le",
    ];
    const COUNTS: &[&str] = &[
        "count_ones",
        "count_zeros",
        "leading_zeros",
        "trailing_zeros",
    ];
    if m.turbofish.is_some() {
        return None;
    }
    let receiver = of_value(&m.receiver, binding)?;
    let name = primitive_name(&receiver)?;
    let method = m.method.to_string();
    if !is_integer(name) {
        return None;
    }
    if SAME.contains(&method.as_str()) {
        Some(receiver)
    } else if COUNTS.contains(&method.as_str()) {
        named("u32")
    } else {
        None
    }
}

/// `u64::MAX`, `u64::from`: a primitive type's associated item among `items`.
fn of_associated(path: &syn::Path, items: &[&str]) -> Option<Type> {
    let [ty, item] = [path.segments.first()?, path.segments.last()?];
    let plain = path.leading_colon.is_none()
        && path.segments.len() == 2
        && ty.arguments.is_none()
        && item.arguments.is_none();
    (plain && items.contains(&item.ident.to_string().as_str()))
        .then(|| named(&ty.ident.to_string()))?
        .filter(|ty| of_annotation(ty).is_some())
}

/// An integer (or, with `float`, a float or integer-looking float) literal without a
/// suffix, whose type the other operand decides.
fn unsuffixed(expr: &Expr, float: bool) -> bool {
    match expr {
        Expr::Paren(p) => unsuffixed(&p.expr, float),
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => i.suffix().is_empty() && !float,
            Lit::Float(f) => f.suffix().is_empty() && float,
            _ => false,
        },
        _ => false,
    }
}

fn primitive_name(ty: &Type) -> Option<&'static str> {
    let Type::Path(p) = ty else { return None };
    let ident = p.path.get_ident()?.to_string();
    PRIMITIVES.iter().copied().find(|name| *name == ident)
}

fn is_integer(name: &str) -> bool {
    name.starts_with('u') || name.starts_with('i')
}

fn named(name: &str) -> Option<Type> {
    syn::parse_str::<Type>(name).ok()
}

fn of_literal(lit: &Lit) -> Option<Type> {
    match lit {
        Lit::Int(i) if !i.suffix().is_empty() => named(i.suffix()),
        Lit::Float(f) if !f.suffix().is_empty() => named(f.suffix()),
        Lit::Bool(_) => named("bool"),
        Lit::Char(_) => named("char"),
        Lit::Str(_) => named("&'static str"),
        _ => None,
    }
    .filter(|ty| of_annotation(ty).is_some() || matches!(lit, Lit::Str(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn known(init: &str) -> Option<String> {
        let expr: Expr = syn::parse_str(init).unwrap();
        let named = |ident: &syn::Ident| (ident == "n").then(|| syn::parse_quote!(u64));
        of_value(&expr, &named).map(|ty| ty.to_token_stream().to_string())
    }

    #[test]
    fn literals_casts_and_copies_state_their_type() {
        assert_eq!(known("1u64").as_deref(), Some("u64"));
        assert_eq!(known("-2i8").as_deref(), Some("i8"));
        assert_eq!(known("1.5f32").as_deref(), Some("f32"));
        assert_eq!(known("true").as_deref(), Some("bool"));
        assert_eq!(known("'c'").as_deref(), Some("char"));
        assert_eq!(known("\"text\"").as_deref(), Some("& 'static str"));
        assert_eq!(known("(x + 1) as usize").as_deref(), Some("usize"));
        assert_eq!(known("n").as_deref(), Some("u64"));
        assert_eq!(known("(n)").as_deref(), Some("u64"));
    }

    #[test]
    fn operators_and_inherent_methods_of_primitives_keep_their_type() {
        assert_eq!(known("n ^ 0x9e37").as_deref(), Some("u64"));
        assert_eq!(known("(n ^ n) % 6").as_deref(), Some("u64"));
        assert_eq!(known("2 * n").as_deref(), Some("u64"));
        assert_eq!(known("n << 3").as_deref(), Some("u64"));
        assert_eq!(
            known("n.wrapping_mul(31).rotate_left(7)").as_deref(),
            Some("u64")
        );
        assert_eq!(known("n.count_ones()").as_deref(), Some("u32"));
        assert_eq!(known("u64::from(x)").as_deref(), Some("u64"));
        assert_eq!(known("u8::MAX").as_deref(), Some("u8"));
        assert_eq!(known("!n").as_deref(), Some("u64"));
        assert_eq!(known("x < y").as_deref(), Some("bool"));
        assert_eq!(known("a && b").as_deref(), Some("bool"));
    }

    #[test]
    fn anything_else_is_left_to_the_compiler() {
        let unknown = [
            "1",
            "1.0",
            "-n",
            "m",
            "x as T",
            "f()",
            "b\"x\"",
            "x as _",
            "n + m",
            "n + 1.0",
            "n << m",
            "n.min(3)",
            "n.wrapping_add::<u8>(1)",
            "m.wrapping_add(1)",
            "String::from(x)",
            "u64::new()",
            "n + 1u32",
        ];
        for init in unknown {
            assert_eq!(known(init), None, "{init}");
        }
    }

    #[test]
    fn a_hidden_primitive_or_a_macro_that_may_rebind_turns_claims_off() {
        let trust = |generics: &str, body: &str| {
            let generics: syn::Generics = syn::parse_str(generics).unwrap();
            Trust::of(&generics, &syn::parse_str(body).unwrap())
        };
        assert!(!trust("", "{ type Word = u64; }").primitives_hidden);
        assert!(trust("", "{ { type u64 = u8; } }").primitives_hidden);
        assert!(trust("", "{ use other::Item as bool; }").primitives_hidden);
        assert!(trust("<u8: Copy>", "{}").primitives_hidden);
        let hidden = Trust {
            primitives_hidden: true,
            ..Trust::default()
        };
        assert_eq!(with_trust(hidden, || known("1u64")), None);
        let rebinding = trust("", "{ my_let!(n = 250); println!(\"{m}\"); }");
        assert!(rebinding.maybe_rebound.contains("n"));
        assert!(!rebinding.maybe_rebound.contains("m"));
        assert_eq!(with_trust(rebinding, || known("n")), None);
        let in_patterns = trust("", "{ let p!(n) = 250; match k { N => {} } }");
        assert!(in_patterns.maybe_rebound.contains("n") && in_patterns.maybe_rebound.contains("N"));
        assert_eq!(known("n").as_deref(), Some("u64"));
    }

    #[test]
    fn only_primitive_annotations_are_trusted() {
        let annotated = |ty: &str| of_annotation(&syn::parse_str(ty).unwrap()).is_some();
        assert!(annotated("u32") && annotated("bool") && annotated("(char)"));
        assert!(!annotated("String") && !annotated("&str") && !annotated("T"));
        assert!(!annotated("Vec<u8>") && !annotated("std::primitive::u8"));
    }
}
