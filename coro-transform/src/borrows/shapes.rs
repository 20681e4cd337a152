//! Which expressions are borrows that can be made again after a resume, by syntax alone:
//! a place (`&v`, `&v[i]`, `&text[a..b]`, a view such as `v.as_slice()`), or an iterable
//! over a borrow (`&v`, `v.iter().enumerate()`, `text.lines()`), with the values each reads;
//! and which written types may hold a borrow or own something.
//!
//! ```text
//! // Input: `&v[i]`            `v.iter().skip(n)`        `text.to_uppercase()`
//! // Output: place, reads v, i  iterable, reads v, n      makes an owned value
//! ```

use super::*;

/// Methods whose value borrows the receiver's storage and that have no other effect on the
/// standard types they are called on: a `let` of one of these is re-derived.
pub(super) const VIEWS: &[&str] = &[
    "as_str",
    "as_bytes",
    "as_slice",
    "as_mut_slice",
    "as_mut_str",
    "as_deref",
    "as_deref_mut",
    "get",
    "get_mut",
    "first",
    "last",
    "first_mut",
    "last_mut",
];

/// Methods that make an iterator over the receiver's storage.
pub(super) const BASES: &[&str] = &[
    "iter",
    "iter_mut",
    "chars",
    "bytes",
    "char_indices",
    "lines",
    "split",
    "rsplit",
    "split_terminator",
    "split_whitespace",
    "split_ascii_whitespace",
    "split_inclusive",
    "windows",
    "chunks",
    "chunks_exact",
    "chunks_mut",
    "keys",
    "values",
    "values_mut",
    "into_iter",
];

/// Iterator adapters that keep an iterator's items borrowed and whose `nth` moves it on
/// as its own `next`s would, with no effect of their own.
pub(super) const ADAPTERS: &[&str] = &[
    "enumerate",
    "rev",
    "skip",
    "step_by",
    "take",
    "zip",
    "copied",
];

/// `let r = <this>;` borrows a place: `&P`, `&mut P`, or a view of one (`P.as_str()`).
pub fn borrow_shape(expr: &Expr) -> Option<Reads> {
    let mut reads = Reads::default();
    borrow(expr, &mut reads).then_some(reads)
}

pub(super) fn borrow(expr: &Expr, reads: &mut Reads) -> bool {
    match expr {
        Expr::Reference(r) => {
            note_whole(&r.expr, reads);
            place(&r.expr, reads)
        }
        Expr::Paren(p) => borrow(&p.expr, reads),
        Expr::Group(g) => borrow(&g.expr, reads),
        Expr::MethodCall(m) if is_one_of(&m.method, VIEWS) && m.turbofish.is_none() => {
            (place(&m.receiver, reads) || borrow(&m.receiver, reads))
                && m.args.iter().all(|a| stable(a, reads))
        }
        _ => false,
    }
}

/// `for x in <this>` iterates over a borrow: `&P`, `&mut P`, `P.iter()` (or another base)
/// followed by adapters, or a name whose value is a borrow itself.
pub fn iterable_shape(expr: &Expr) -> Option<Reads> {
    let mut reads = Reads::default();
    iterable(expr, &mut reads).then_some(reads)
}

pub(super) fn iterable(expr: &Expr, reads: &mut Reads) -> bool {
    match expr {
        Expr::Reference(r) => {
            note_whole(&r.expr, reads);
            place(&r.expr, reads)
        }
        Expr::Paren(p) => iterable(&p.expr, reads),
        Expr::Group(g) => iterable(&g.expr, reads),
        Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
            reads.through_root = true;
            place(expr, reads)
        }
        Expr::MethodCall(m) if m.turbofish.is_some() => false,
        Expr::MethodCall(m) if is_one_of(&m.method, ADAPTERS) => {
            if !iterable(&m.receiver, reads) {
                return false;
            }
            if m.method == "zip" {
                // `zip(0..n)`, or `zip(other.iter())`: another borrow, read as well.
                let mut other = Reads::default();
                let ok = m.args.len() == 1
                    && (stable(&m.args[0], &mut other) || iterable(&m.args[0], &mut other));
                if ok && !other.through_root {
                    reads.roots.extend(other.roots);
                    reads.others.extend(other.others);
                    reads.bare_root |= other.bare_root;
                    reads.deref_root |= other.deref_root;
                }
                return ok && !other.through_root;
            }
            m.args.iter().all(|a| stable(a, reads))
        }
        Expr::MethodCall(m) if is_one_of(&m.method, BASES) => {
            let receiver = if m.method == "into_iter" {
                // Only over a borrow: `v.into_iter()` of an owned `v` moves it.
                borrow(&m.receiver, reads) || {
                    reads.through_root = true;
                    matches!(&*m.receiver, Expr::Path(_)) && place(&m.receiver, reads)
                }
            } else {
                place(&m.receiver, reads) || borrow(&m.receiver, reads)
            };
            receiver && m.args.iter().all(|a| stable(a, reads))
        }
        _ => false,
    }
}

/// A place rooted at a name: `v`, `v.f`, `v.0`, `v[i]`, `*v`.
pub(super) fn place(expr: &Expr, reads: &mut Reads) -> bool {
    match expr {
        Expr::Path(p) if p.qself.is_none() => match p.path.get_ident() {
            Some(ident) => {
                reads.roots.push(ident.clone());
                true
            }
            None => false,
        },
        Expr::Field(f) => place(&f.base, reads),
        Expr::Index(i) => place(&i.expr, reads) && stable(&i.index, reads),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place(&u.expr, reads),
        Expr::Paren(p) => place(&p.expr, reads),
        Expr::Group(g) => place(&g.expr, reads),
        _ => false,
    }
}

/// Notes whether a borrowed place is a root as a whole (`v`) or its dereference (`*v`),
/// rather than a part of it reached through a field, an index or a method, which
/// auto-deref reaches through a reference too.
pub(super) fn note_whole(expr: &Expr, reads: &mut Reads) {
    match expr {
        Expr::Path(_) => reads.bare_root = true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => reads.deref_root = true,
        Expr::Paren(p) => note_whole(&p.expr, reads),
        Expr::Group(g) => note_whole(&g.expr, reads),
        _ => {}
    }
}

/// A value that evaluating again gives again: literals, names, constants, arithmetic,
/// ranges, casts, fields, a borrow of a place (`&sep`), `x.len()`.
pub(super) fn stable(expr: &Expr, reads: &mut Reads) -> bool {
    use syn::BinOp::*;
    match expr {
        Expr::Lit(_) => true,
        Expr::Path(p) => {
            if let Some(ident) = p.path.get_ident() {
                reads.others.push(ident.clone());
            }
            p.qself.is_none()
        }
        Expr::Reference(r) if r.mutability.is_none() => {
            let mut inner = Reads::default();
            let ok = place(&r.expr, &mut inner);
            reads.others.extend(inner.roots);
            reads.others.extend(inner.others);
            ok
        }
        Expr::Binary(b) => {
            matches!(
                b.op,
                Add(_)
                    | Sub(_)
                    | Mul(_)
                    | Div(_)
                    | Rem(_)
                    | BitAnd(_)
                    | BitOr(_)
                    | BitXor(_)
                    | Shl(_)
                    | Shr(_)
                    | Eq(_)
                    | Ne(_)
                    | Lt(_)
                    | Le(_)
                    | Gt(_)
                    | Ge(_)
                    | And(_)
                    | Or(_)
            ) && stable(&b.left, reads)
                && stable(&b.right, reads)
        }
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)) && stable(&u.expr, reads),
        Expr::Paren(p) => stable(&p.expr, reads),
        Expr::Group(g) => stable(&g.expr, reads),
        Expr::Cast(c) => stable(&c.expr, reads),
        Expr::Field(f) => stable(&f.base, reads),
        Expr::Tuple(t) => t.elems.iter().all(|e| stable(e, reads)),
        Expr::Range(r) => {
            r.start.as_deref().is_none_or(|e| stable(e, reads))
                && r.end.as_deref().is_none_or(|e| stable(e, reads))
        }
        Expr::MethodCall(m) => m.method == "len" && m.args.is_empty() && stable(&m.receiver, reads),
        _ => false,
    }
}

pub(super) fn is_one_of(ident: &Ident, names: &[&str]) -> bool {
    names.iter().any(|n| ident == n)
}

/// Whether a written type is a reference (`&T`, `&mut T`): a binding of it borrows through
/// it, never its own storage, and is held as it is.
pub fn is_reference(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) => true,
        Type::Paren(p) => is_reference(&p.elem),
        Type::Group(g) => is_reference(&g.elem),
        _ => false,
    }
}

/// Whether a written type may hold a borrow: a reference, a lifetime, `_` or `impl ..`
/// somewhere in it, or a name the macro cannot see into (`T`, `Self`); `u32`,
/// `Vec<String>` or `(usize, char)` cannot, and a `let` of one is never re-derived.
pub fn may_borrow(ty: &Type) -> bool {
    use syn::visit::Visit;
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_type(&mut self, ty: &'ast Type) {
            match ty {
                Type::Reference(_) | Type::Infer(_) | Type::ImplTrait(_) | Type::TraitObject(_) => {
                    self.0 = true
                }
                Type::Path(p) if p.qself.is_some() => self.0 = true,
                Type::Path(p) => {
                    let known = p.path.segments.last().is_some_and(|s| {
                        let name = s.ident.to_string();
                        name.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                            || OWNING.contains(&name.as_str())
                            || ["Option", "Result"].contains(&name.as_str())
                    });
                    if !known {
                        self.0 = true;
                    }
                    syn::visit::visit_type_path(self, p);
                }
                _ => syn::visit::visit_type(self, ty),
            }
        }
        fn visit_lifetime(&mut self, _: &'ast syn::Lifetime) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}

/// The standard types that surely own their data.
pub(super) const OWNING: &[&str] = &[
    "Vec",
    "String",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "Box",
    "BinaryHeap",
    "LinkedList",
    "PathBuf",
    "OsString",
];

/// Whether a written type surely owns its data (an array, `Vec`, `String`, a map, a `Box`):
/// a borrow of a binding of it borrows the coroutine's own storage.
pub fn is_owning(ty: &Type) -> bool {
    match ty {
        Type::Array(_) => true,
        Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| is_one_of(&s.ident, OWNING)),
        Type::Paren(p) => is_owning(&p.elem),
        Type::Group(g) => is_owning(&g.elem),
        _ => false,
    }
}

/// Whether an initializer surely makes an owned value: `vec![..]`, `format!(..)`, an array,
/// `String::new()`, `Vec::with_capacity(..)`, `.collect()`, `.to_vec()`, `.to_string()`,
/// `.to_owned()`.
pub fn makes_owned(expr: &Expr) -> bool {
    match expr {
        Expr::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "vec" || s.ident == "format"),
        Expr::Array(_) | Expr::Repeat(_) => true,
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                let segments = &p.path.segments;
                segments.len() >= 2 && is_one_of(&segments[segments.len() - 2].ident, OWNING)
            }
            _ => false,
        },
        Expr::MethodCall(m) => is_one_of(
            &m.method,
            &["collect", "to_vec", "to_string", "to_owned", "into_bytes"],
        ),
        Expr::Paren(p) => makes_owned(&p.expr),
        _ => false,
    }
}
