//! Assembles the expansion: the state enum, its `StateInfo` impl (where each state is in
//! the source), and the function that returns a `Machine` pairing the state with the
//! resume function.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::visit_mut::{self, VisitMut};
use syn::{Lifetime, Type};

use crate::ir::{visit_stmts, Block, Stmt};
use crate::layout::Layout;
use crate::liveness::{Analysis, Role};
use crate::resume::{Names, Resume};
use crate::signature::CoroutineFn;

/// Lints that fire on the shape of the generated code rather than on the user's: loops
/// that end in a suspension, labels a re-entered loop may not use, `let () = arg`.
const ALLOWED_LINTS: &[&str] = &[
    "unreachable_code",
    "unused_mut",
    "unused_labels",
    "unused_braces",
    "clippy::never_loop",
    "clippy::let_unit_value",
    "clippy::diverging_sub_expression",
    "clippy::needless_return",
    "clippy::redundant_locals",
    "clippy::unused_unit",
];

pub fn function(
    func: &CoroutineFn,
    body: &Block,
    analysis: &Analysis,
    layout: &Layout,
    body_label: &Lifetime,
) -> syn::Result<TokenStream> {
    let names = Names::default();
    let yield_ty = inferable(&func.yield_ty);
    let return_ty = inferable(&func.return_ty);
    let arg_ty = inferable(&func.arg_ty);
    let arms = Resume::new(analysis, layout, &names, &yield_ty).arms(&func.params, body)?;
    let (moved, moved_states, in_place) = (&arms.moved, &arms.moved_states, &arms.in_place);

    let state_enum = state_enum(layout);
    let state_info = state_info(func, body, analysis, layout);
    let items = hoisted_items(body);
    // Each `yield_!` path is invoked once more, expanding to nothing, so the import the
    // user wrote for it counts as used.
    let yield_paths = yield_points(body).into_iter().map(|point| {
        let path = &point.path;
        quote!(#path!(@rewritten);)
    });
    let state = &layout.name;
    let state_param = &names.state;
    let arg = &names.arg;
    let start_fields = layout
        .unresumed
        .iter()
        .zip(func.params.iter().filter(|p| !p.resume))
        .map(|(field, param)| {
            let field = &field.name;
            let value = &param.name;
            quote!(#field: #value)
        });
    let allowed = ALLOWED_LINTS.iter().map(|lint| {
        let lint: syn::Path = syn::parse_str(lint).expect("lint names parse");
        lint
    });
    let machine = Ident::new("__coroutine", Span::mixed_site());
    let coro = crate::paths::root();
    let ret = Ident::new("__returned", Span::mixed_site());

    let syn::ItemFn {
        attrs, vis, sig, ..
    } = &func.item;
    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            #(#items)*
            #(#yield_paths)*
            #state_enum
            #state_info
            #[allow(#(#allowed),*)]
            let #machine = #coro::__private::Machine::new(
                #state::Unresumed { #(#start_fields),* },
                // The written return type (even all `_`) keeps rustc from adding "return
                // type inferred to be `R` here", pointing at the first `yield_!`, to every
                // type error in the body.
                |#state_param: &mut _, #arg: #arg_ty| -> #coro::CoroutineState<_, _> {
                    let #ret: #return_ty = #body_label: {
                        match #state_param {
                            // These states' values are moved out, leaving `Poisoned` while
                            // the arm runs.
                            #(#state::#moved_states { .. })|* => {
                                match ::core::mem::replace(#state_param, #state::Poisoned) {
                                    #(#moved)*
                                    _ => ::core::unreachable!(),
                                }
                            }
                            // These are resumed in place: their values stay in the state.
                            #(#in_place)*
                            #state::Returned => #coro::__private::resumed_after_completion(),
                            #state::Poisoned => #coro::__private::resumed_after_panicking(),
                        }
                    };
                    *#state_param = #state::Returned;
                    #coro::CoroutineState::Complete(#ret)
                },
            );
            #machine
        }
    })
}

fn state_enum(layout: &Layout) -> TokenStream {
    let name = &layout.name;
    let params = &layout.type_params;
    let unresumed = layout.unresumed.iter().map(|f| {
        let (name, ty) = (&f.name, &f.ty);
        quote!(#name: #ty)
    });
    let variants = layout.variants.iter().map(|variant| {
        let name = &variant.name;
        let fields = variant.fields.iter().map(|(_, f)| {
            let (name, ty) = (&f.name, &f.ty);
            quote!(#name: #ty)
        });
        quote!(#name { #(#fields),* })
    });
    quote! {
        #[derive(Clone)]
        #[allow(non_camel_case_types, dead_code)]
        enum #name<#(#params),*> {
            Unresumed { #(#unresumed),* },
            #(#variants,)*
            Returned,
            Poisoned,
        }
    }
}

/// `StateInfo` for the enum: each suspension variant points at a static description of
/// its `yield_!` (function, line, text, held names).
fn state_info(
    func: &CoroutineFn,
    body: &Block,
    analysis: &Analysis,
    layout: &Layout,
) -> TokenStream {
    let name = &layout.name;
    let params = &layout.type_params;
    let function = func.item.sig.ident.to_string();
    let coro = crate::paths::root();
    let points: Vec<TokenStream> = yield_points(body)
        .into_iter()
        .map(|point| {
            let index = point.index;
            let text = &point.text;
            let holds = layout.variants[index]
                .fields
                .iter()
                .rev()
                .filter_map(|(b, _)| match analysis.bindings[*b].role {
                    Role::User => Some(analysis.bindings[*b].name.to_string()),
                    Role::Iterator => Some("(for loop iterator)".to_string()),
                    Role::Witness(_) => None,
                });
            let line = quote_spanned!(point.span=> ::core::line!());
            quote! {
                #coro::SuspensionPoint::__new(#function, #index, #line, #text, &[#(#holds),*])
            }
        })
        .collect();
    let count = points.len();
    let arms = layout.variants.iter().enumerate().map(|(i, variant)| {
        let variant = &variant.name;
        quote!(Self::#variant { .. } => #coro::Location::Suspended(&POINTS[#i]),)
    });
    quote! {
        impl<#(#params),*> #coro::StateInfo for #name<#(#params),*> {
            fn poison(&mut self) {
                // A completed coroutine stays completed when resuming it panics.
                if !::core::matches!(self, Self::Returned) {
                    *self = Self::Poisoned;
                }
            }

            fn location(&self) -> #coro::Location {
                static POINTS: [#coro::SuspensionPoint; #count] = [#(#points),*];
                match self {
                    Self::Unresumed { .. } => #coro::Location::Unresumed,
                    #(#arms)*
                    Self::Returned => #coro::Location::Returned,
                    Self::Poisoned => #coro::Location::Poisoned,
                }
            }
        }
    }
}

/// The yield points, by index (source order).
fn yield_points(block: &Block) -> Vec<&crate::ir::YieldPoint> {
    let mut out = Vec::new();
    visit_stmts(block, &mut |stmt| {
        if let Stmt::Yield(point) = stmt {
            out.push(point);
        }
    });
    out.sort_by_key(|point| point.index);
    out
}

/// Items declared directly in the spine's blocks: emitted once, before the state enum,
/// rather than in every arm that contains their block.
fn hoisted_items(block: &Block) -> Vec<&syn::Item> {
    let mut out = Vec::new();
    visit_stmts(block, &mut |stmt| {
        if let Stmt::Code(syn::Stmt::Item(item)) = stmt {
            out.push(item);
        }
    });
    out
}

/// The type as it can be written in a `let` or closure parameter: `impl Trait` becomes
/// `_`, left to inference.
fn inferable(ty: &Type) -> Type {
    struct ImplToInfer;
    impl VisitMut for ImplToInfer {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::ImplTrait(_) = ty {
                *ty = syn::parse_quote!(_);
            } else {
                visit_mut::visit_type_mut(self, ty);
            }
        }
    }
    let mut ty = ty.clone();
    ImplToInfer.visit_type_mut(&mut ty);
    ty
}
