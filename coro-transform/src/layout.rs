//! The state enum's shape, rustc's `compute_layout`: one variant per suspension point
//! holding exactly the bindings held there, plus `Unresumed` (the parameters), `Returned`
//! and `Poisoned`. Every held binding gets a type parameter of its own, which the resume
//! function's code pins down by inference, so no type is ever written.

use std::collections::HashMap;

use proc_macro2::{Ident, Span};
use syn::ext::IdentExt;

use crate::ir::BindingId;
use crate::liveness::{Analysis, Role};
use crate::signature::Param;

pub struct Layout {
    /// The enum's name.
    pub name: Ident,
    /// `Unresumed`'s fields: the non-`#[resume]` parameters, each with its type parameter.
    pub unresumed: Vec<Field>,
    /// One per yield point, in source order.
    pub variants: Vec<Variant>,
    /// Every type parameter, in order.
    pub type_params: Vec<Ident>,
    field_names: HashMap<BindingId, Ident>,
}

pub struct Field {
    pub name: Ident,
    pub ty: Ident,
}

pub struct Variant {
    pub name: Ident,
    /// The held bindings, in the order they are dropped (latest declared first, as rustc
    /// drops a suspended coroutine's locals), with their fields.
    pub fields: Vec<(BindingId, Field)>,
}

impl Layout {
    /// The field that holds `binding` in every variant it appears in.
    pub fn field(&self, binding: BindingId) -> &Ident {
        &self.field_names[&binding]
    }
}

pub fn compute(analysis: &Analysis, params: &[Param]) -> Layout {
    let mut names = Names::default();
    let mut type_params = Vec::new();
    let new_type = |type_params: &mut Vec<Ident>| {
        let ty = Ident::new(&format!("T{}", type_params.len()), Span::call_site());
        type_params.push(ty.clone());
        ty
    };

    let unresumed = params
        .iter()
        .filter(|p| !p.resume)
        .map(|p| Field {
            name: names.fresh(&p.name.to_string().replace("self", "this")),
            ty: new_type(&mut type_params),
        })
        .collect();

    let mut field_names = HashMap::new();
    let mut field_types = HashMap::new();
    let variants = (0..analysis.sites.len())
        .map(|site| {
            let mut held: Vec<BindingId> = analysis.held(site).collect();
            held.reverse();
            let fields = held
                .into_iter()
                .map(|b| {
                    let name = field_names
                        .entry(b)
                        .or_insert_with(|| names.fresh(&field_base(analysis, b)))
                        .clone();
                    let ty = field_types
                        .entry(b)
                        .or_insert_with(|| new_type(&mut type_params))
                        .clone();
                    (b, Field { name, ty })
                })
                .collect();
            Variant {
                name: Ident::new(&format!("Suspend{site}"), Span::call_site()),
                fields,
            }
        })
        .collect();

    Layout {
        name: Ident::new("__CoroutineState", Span::call_site()),
        unresumed,
        variants,
        type_params,
        field_names,
    }
}

/// A readable field name for a binding: its own name, or what the hidden value is.
fn field_base(analysis: &Analysis, b: BindingId) -> String {
    let binding = &analysis.bindings[b];
    match binding.role {
        Role::User => binding.name.unraw().to_string().replace("__self", "this"),
        Role::Iterator => "iter".to_string(),
        Role::Witness(owner) => format!("type_of_{}", analysis.bindings[owner].name.unraw()),
    }
}

/// Hands out distinct field names.
#[derive(Default)]
struct Names {
    used: HashMap<String, usize>,
}

impl Names {
    fn fresh(&mut self, base: &str) -> Ident {
        let count = self.used.entry(base.to_string()).or_insert(0);
        *count += 1;
        let name = if *count == 1 {
            base.to_string()
        } else {
            format!("{base}_{}", *count - 1)
        };
        // A keyword (from a raw identifier like `r#type`) stays raw; the few that cannot be
        // raw (`self`, from a `let self = ..` rustc rejects anyway) get a suffix instead.
        match syn::parse_str::<Ident>(&name) {
            Ok(ident) => ident,
            Err(_) if matches!(name.as_str(), "self" | "Self" | "super" | "crate" | "_") => {
                Ident::new(&format!("{name}_"), Span::call_site())
            }
            Err(_) => Ident::new_raw(&name, Span::call_site()),
        }
    }
}
