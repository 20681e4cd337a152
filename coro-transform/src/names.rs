//! Every identifier the transform generates, in one place. Locals and labels are
//! hygienic (`Span::mixed_site()`): user code can neither see nor clash with them. Type
//! names are chosen so that they do not occur anywhere in the body.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::Lifetime;

use crate::bindings::{Bindings, Role};
use crate::ids::{BindingId, PointId, StmtId};

/// The base name of the state enum; `coro-expand` finds it by this name.
pub const STATE_ENUM: &str = "__CoroutineState";
/// The base name of the enum a resume dispatches on (the state moved out, or a join).
pub const RESUME_ENUM: &str = "__Resume";

/// A hygienic local.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A hygienic label.
pub fn label(name: &str) -> Lifetime {
    Lifetime::new(&format!("'{name}"), Span::mixed_site())
}

/// The resume function's `&mut State` parameter.
pub fn state() -> Ident {
    local("__state")
}

/// The resume argument.
pub fn arg() -> Ident {
    local("__arg")
}

/// The value a `yield_!` hands out, while the state is saved.
pub fn yielded() -> Ident {
    local("__yielded")
}

/// The body's value.
pub fn returned() -> Ident {
    local("__returned")
}

/// The block whose value is the body's return value: `return` and `?` break to it.
pub fn body_label() -> Lifetime {
    label("__coroutine_body")
}

/// The block of one resume path, which breaks with the next join.
pub fn region_label() -> Lifetime {
    label("__region")
}

/// The value a join carries (a control structure's value).
pub fn value() -> Ident {
    local("__value")
}

/// What a resume dispatches on.
pub fn next() -> Ident {
    local("__next")
}

/// The name a path gives a field it takes out of a variant.
pub fn held(field: &Ident) -> Ident {
    local(&format!("__held_{}", field.unraw()))
}

/// The cell that gives one type to binding `b` where more than one region binds it
/// (`__private::Same`).
pub fn same(b: BindingId) -> Ident {
    local(&format!("__same{}", b.index()))
}

/// The macro that names binding `b` where another binding of its spelling hides it (see
/// [`crate::unshadow`]).
pub fn naming_macro(b: BindingId) -> Ident {
    local(&format!("__coro_binding{}", b.index()))
}

/// The current item of a re-derived `for` loop, found again after a resume.
pub fn current(the_loop: StmtId) -> Ident {
    local(&format!("__current{}", the_loop.index()))
}

/// The count of items a re-derived `for` loop's iterator has taken, as a region hands it
/// on.
pub fn taken(the_loop: StmtId) -> Ident {
    local(&format!("__taken{}", the_loop.index()))
}

/// A suspension point's state variant.
pub fn suspend_variant(point: PointId) -> Ident {
    Ident::new(&format!("Suspend{}", point.index()), Span::call_site())
}

/// The join after a control structure.
pub fn after_variant(stmt: StmtId) -> Ident {
    Ident::new(&format!("After{}", stmt.index()), Span::call_site())
}

/// The join at a loop's head.
pub fn head_variant(stmt: StmtId) -> Ident {
    Ident::new(&format!("Head{}", stmt.index()), Span::call_site())
}

/// The variant that resumes suspension point `point` with its values left in the state.
pub fn in_place_variant(point: PointId) -> Ident {
    Ident::new(&format!("InPlace{}", point.index()), Span::call_site())
}

/// The start of the name [`crate::delegate`] gives the coroutine a `yield_from!` runs
/// (`__from1`), which messages do not show.
pub const DELEGATED: &str = "__from";

/// What [`crate::shadow`] puts between a name and a number to make a binding's new name
/// (`x_shadowed1`); field names leave it out, so that no field is spelled as a binding.
pub const SHADOWED: &str = "_shadowed";

/// A binding's name as the user wrote it: without the part [`crate::shadow`] added.
pub fn as_written(name: &Ident) -> String {
    let text = name.unraw().to_string();
    if let Some(at) = text.rfind(SHADOWED) {
        let number = &text[at + SHADOWED.len()..];
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            return text[..at].to_string();
        }
    }
    text
}

/// Whether a name is one [`crate::shadow`] gave (it has the part [`as_written`] leaves out).
pub fn is_renamed(name: &Ident) -> bool {
    name.unraw() != as_written(name)
}

/// The type and field names of one expansion.
pub struct Names {
    /// The state enum's name: [`STATE_ENUM`], or that with a number where the body uses
    /// the name.
    pub state_enum: Ident,
    /// The resume enum's name, chosen the same way from [`RESUME_ENUM`].
    pub resume_enum: Ident,
    fields: HashMap<BindingId, Ident>,
    flags: usize,
}

impl Names {
    /// Names for a body: type names that the body does not use, and a readable field name
    /// per binding, distinct within the enum.
    pub fn new(body: &TokenStream, bindings: &Bindings) -> Self {
        let mut used = HashSet::new();
        collect_idents(body, &mut used);
        let unused = |base: &str| {
            let mut name = base.to_string();
            let mut n = 0;
            while used.contains(&name) {
                n += 1;
                name = format!("{base}{n}");
            }
            Ident::new(&name, Span::call_site())
        };
        let mut issued = HashSet::new();
        let mut fields = HashMap::new();
        for b in bindings.ids() {
            let binding = bindings.get(b);
            let base = match binding.role {
                Role::User => as_written(&binding.name),
                Role::Iterator(_) => "iter".to_string(),
                Role::Witness(owner) => {
                    format!("type_of_{}", bindings.get(owner).name.unraw())
                }
            };
            fields.insert(b, fresh_field(&mut issued, &base));
        }
        Names {
            state_enum: unused(STATE_ENUM),
            resume_enum: unused(RESUME_ENUM),
            fields,
            flags: 0,
        }
    }

    /// The field that holds `binding` in every variant it appears in.
    pub fn field(&self, binding: BindingId) -> &Ident {
        &self.fields[&binding]
    }

    /// A fresh hygienic flag local (`__first1`, `__entered2`).
    pub fn flag(&mut self, base: &str) -> Ident {
        self.flags += 1;
        local(&format!("__{base}{}", self.flags))
    }
}

/// `base`, or `base_1`, `base_2`, ... : the first spelling no earlier field has, whichever
/// base that field came from (`r0` twice gives `r0_1`, which a binding the user spelled
/// `r0_1` must then not get again).
fn fresh_field(issued: &mut HashSet<String>, base: &str) -> Ident {
    let base = base.trim_start_matches("__");
    let base = if base.is_empty() { "value" } else { base };
    let mut name = base.to_string();
    let mut n = 0;
    while issued.contains(&name) {
        n += 1;
        name = format!("{base}_{n}");
    }
    issued.insert(name.clone());
    match syn::parse_str::<Ident>(&name) {
        Ok(ident) => Ident::new(&ident.to_string(), Span::call_site()),
        Err(_) if matches!(name.as_str(), "self" | "Self" | "super" | "crate" | "_") => {
            Ident::new(&format!("{name}_"), Span::call_site())
        }
        Err(_) => Ident::new_raw(&name, Span::call_site()),
    }
}

fn collect_idents(tokens: &TokenStream, out: &mut HashSet<String>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) => {
                out.insert(ident.unraw().to_string());
            }
            TokenTree::Group(group) => collect_idents(&group.stream(), out),
            _ => {}
        }
    }
}
