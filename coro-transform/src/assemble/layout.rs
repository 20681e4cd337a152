//! The layout of the state enum (rustc: `compute_layout`): which fields each variant has
//! and the type of each, a parameter the compiler infers or a primitive type the body
//! states.
//!
//! ```text
//! // Input: held at k0: n (u64 parameter), v (unknown); at k1: v
//! // Output:
//! enum __CoroutineState<T0> { Unresumed { n: u64 }, Suspend0 { n: u64, v: T0 },
//!                             Suspend1 { v: T0 }, Returned, Poisoned }
//! ```

use super::*;

fn unresumed_field(param: &Ident) -> Ident {
    let name = param.to_string().replace("self", "this");
    Ident::new(name.trim_start_matches("r#"), Span::call_site())
}

/// A field's type in the state: a type parameter, which the compiler infers from the code
/// that saves and restores the value, or a primitive type the body states
/// ([`crate::known_types`]).
#[derive(Clone)]
pub(super) enum FieldType {
    Param(Ident),
    Known(Box<syn::Type>),
}

impl FieldType {
    fn param(&self) -> Option<&Ident> {
        match self {
            FieldType::Param(ident) => Some(ident),
            FieldType::Known(_) => None,
        }
    }
}

impl quote::ToTokens for FieldType {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            FieldType::Param(ident) => ident.to_tokens(tokens),
            FieldType::Known(ty) => ty.to_tokens(tokens),
        }
    }
}

/// The type parameters: one per held binding whose type is not known, one per join
/// value, one per parameter whose type is not known.
pub(super) struct Layout {
    /// The `Unresumed` fields: (field, type, parameter name).
    pub(super) unresumed: Vec<(Ident, FieldType, Ident)>,
    /// Per binding held anywhere: its type.
    pub(super) binding_types: BTreeMap<BindingId, FieldType>,
    /// The suspension variants: (point, held bindings in drop order).
    pub(super) suspends: Vec<(PointId, Vec<BindingId>)>,
    /// The join variants: (variant, value type parameter, held bindings).
    pub(super) joins: Vec<(Ident, Option<Ident>, Vec<BindingId>)>,
    pub(super) in_place: Vec<PointId>,
    pub(super) value_types: Vec<Ident>,
}

impl Layout {
    pub(super) fn new(
        sig: &CoroutineFn,
        a: &Analysed,
        names: &Names,
        code: &[(Entry, TokenStream)],
    ) -> Self {
        let _ = names;
        let mut count = 0;
        let mut fresh = || {
            count += 1;
            Ident::new(&format!("T{}", count - 1), Span::call_site())
        };
        let mut fields_taken = std::collections::HashSet::new();
        let mut unresumed: Vec<(Ident, FieldType, Ident)> = sig
            .params
            .iter()
            .filter(|p| !p.resume)
            .map(|p| {
                let mut field = unresumed_field(&p.name);
                while !fields_taken.insert(field.to_string()) {
                    field = Ident::new(&format!("{field}_"), Span::call_site());
                }
                let known = (!sig.trust.primitives_hidden)
                    .then(|| p.ty.as_ref().and_then(crate::known_types::of_annotation))
                    .flatten();
                let ty = known.map_or_else(
                    || FieldType::Param(fresh()),
                    |ty| FieldType::Known(Box::new(ty)),
                );
                (field, ty, p.name.clone())
            })
            .collect();
        if sig.captures_reversed {
            // The fields drop in the order they are declared: capture order.
            unresumed.reverse();
        }
        let mut binding_types = BTreeMap::new();
        let mut type_of = |b: BindingId, fresh: &mut dyn FnMut() -> Ident| {
            let known = a.bindings.get(b).known.clone();
            binding_types
                .entry(b)
                .or_insert_with(|| {
                    known.map_or_else(
                        || FieldType::Param(fresh()),
                        |ty| FieldType::Known(Box::new(ty)),
                    )
                })
                .clone()
        };
        let mut suspends = Vec::new();
        for k in a.spine.point_ids() {
            let mut held: Vec<BindingId> = a.live.held(a.cfg.resume(k)).collect();
            held.reverse();
            for &b in &held {
                type_of(b, &mut fresh);
            }
            suspends.push((k, held));
        }
        let mut joins = Vec::new();
        let mut value_types = Vec::new();
        let mut in_place = Vec::new();
        for (entry, _) in code {
            let (variant, node, has_value) = match *entry {
                Entry::After(s) => (names::after_variant(s), a.cfg.after(s), true),
                Entry::Head(l) => (names::head_variant(l), a.cfg.head(l).expect("head"), false),
                Entry::Resume(k) => {
                    if a.live.in_place(k) {
                        in_place.push(k);
                    }
                    continue;
                }
                Entry::Unresumed => continue,
            };
            let held: Vec<BindingId> = a.live.held(node).collect();
            for &b in &held {
                type_of(b, &mut fresh);
            }
            let value = has_value.then(|| {
                let ty = fresh();
                value_types.push(ty.clone());
                ty
            });
            joins.push((variant, value, held));
        }
        Layout {
            unresumed,
            binding_types,
            suspends,
            joins,
            in_place,
            value_types,
        }
    }

    /// `field: __held_field` for each binding held at an entry.
    pub(super) fn held_pattern(
        &self,
        a: &Analysed,
        names: &Names,
        node: crate::ids::NodeId,
    ) -> TokenStream {
        let fields = a.live.held(node).map(|b| {
            let field = names.field(b);
            let held = names::held(field);
            quote!(#field: #held)
        });
        quote!(#(#fields),*)
    }

    pub(super) fn state_params(&self) -> Vec<&Ident> {
        let mut params: Vec<&Ident> = self
            .unresumed
            .iter()
            .filter_map(|(_, ty, _)| ty.param())
            .collect();
        let mut in_suspends: Vec<&Ident> = self
            .suspends
            .iter()
            .flat_map(|(_, held)| held.iter().filter_map(|b| self.binding_types[b].param()))
            .collect();
        in_suspends.sort_by_key(|ty| type_index(ty));
        in_suspends.dedup();
        params.extend(in_suspends);
        params
    }

    pub(super) fn enums(&self, names: &Names) -> TokenStream {
        let state_enum = &names.state_enum;
        let resume_enum = &names.resume_enum;
        let state_params = self.state_params();
        let unresumed = self
            .unresumed
            .iter()
            .map(|(field, ty, _)| quote!(#field: #ty));
        let variants = self.suspends.iter().map(|(k, held)| {
            let name = names::suspend_variant(*k);
            let fields = held.iter().map(|b| {
                let (field, ty) = (names.field(*b), &self.binding_types[b]);
                quote!(#field: #ty)
            });
            quote!(#name { #(#fields),* })
        });
        // Without join variants, the resume enum is generic over the whole state (`TS`), not
        // over each of its parameters: every pattern and expression that names it then gives
        // the type checker one fresh variable for the state instead of one per held binding,
        // and rustc's cost of checking the step closure grows with the variables still unknown
        // at each of them (a 1,000-line body with 100 yields: 131 parameters, a fifth of its
        // check). A join variant's fields must share the state's parameters: its values'
        // types are known only through the state when its arm is checked.
        let whole_state = self
            .joins
            .is_empty()
            .then(|| Ident::new("TS", Span::call_site()));
        let mut resume_params = if whole_state.is_some() {
            Vec::new()
        } else {
            state_params.clone()
        };
        for (_, value, held) in &self.joins {
            resume_params.extend(value.iter());
            resume_params.extend(held.iter().filter_map(|b| self.binding_types[b].param()));
        }
        resume_params.sort_by_key(|ty| type_index(ty));
        resume_params.dedup();
        let _ = &self.value_types;
        let joins = self.joins.iter().map(|(variant, value, held)| {
            let value = value.as_ref().map(|ty| {
                let name = names::value();
                quote!(#name: #ty,)
            });
            let fields = held.iter().map(|b| {
                let (field, ty) = (names.field(*b), &self.binding_types[b]);
                quote!(#field: #ty)
            });
            quote!(#variant { #value #(#fields),* })
        });
        let in_place = self.in_place.iter().map(|k| names::in_place_variant(*k));
        let moved = match &whole_state {
            Some(state) => quote!(#state),
            None => quote!(#state_enum<#(#state_params),*>),
        };
        let whole_state = whole_state.map(|state| quote!(#state,));
        let arg = Ident::new("TA", Span::call_site());
        quote! {
            #[derive(Clone)]
            #[allow(non_camel_case_types, dead_code)]
            enum #state_enum<#(#state_params),*> {
                Unresumed { #(#unresumed),* },
                #(#variants,)*
                Returned,
                Poisoned,
            }
            #[allow(non_camel_case_types, dead_code)]
            enum #resume_enum<#whole_state #(#resume_params,)* #arg> {
                Moved(#moved, #arg),
                #(#in_place(#arg),)*
                #(#joins,)*
            }
        }
    }
}

fn type_index(ty: &Ident) -> usize {
    ty.to_string()[1..].parse().unwrap_or(0)
}
