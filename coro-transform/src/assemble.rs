//! The final tokens (rustc: `compute_layout` and the resume function's `switch`): the state
//! enum, one variant per suspension point holding exactly the values held there; the
//! resume enum a resume dispatches on (the state moved out of the coroutine, a state left in
//! place, or a join carrying values between regions); the `StateInfo` that says where each
//! state is in the source; and the `Machine` pairing the state with the resume closure.
//!
//! Every held value gets a type parameter of its own, shared by every variant that holds
//! it; both enums are declared inside the function, so no type is ever written: the
//! region code pins them down by inference.
//!
//! ```text
//! let mut __next = match __state {                      // where this resume starts
//!     State::Returned => resumed_after_completion(),
//!     State::Suspend0 { .. } => __Resume::InPlace0,     // values stay in the state
//!     _ => __Resume::Moved(mem::replace(__state, State::Poisoned)),
//! };
//! loop {
//!     __next = match __next {                           // the regions, in source order
//!         __Resume::Moved(State::Unresumed { .. }) => '__region: { .. },
//!         __Resume::Head3 { .. } => '__region: { .. break '__region __Resume::After3 { .. } },
//!         ..
//!     };
//! }
//! ```

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::visit_mut::{self, VisitMut};
use syn::Type;

use crate::bindings::Bindings;
use crate::cfg::Cfg;
use crate::ids::{BindingId, PointId};
use crate::liveness::Liveness;
use crate::names::{self, Names};
use crate::plan::{Entry, Plan};
use crate::regions::Regions;
use crate::signature::CoroutineFn;
use crate::spine::{Kind, Spine};
use crate::unshadow::Unshadowed;

mod layout;
mod state_info;

use layout::Layout;
use state_info::state_info;

/// Lints that fire on the shape of the generated code rather than on the user's: loops
/// that end in a suspension, a loop whose condition another region changes
/// (`while_immutable_condition`), labels a region may not use, `let () = arg`.
const ALLOWED_LINTS: &[&str] = &[
    "clippy::while_immutable_condition",
    // A part of an `unsafe { .. }` block a region emits may hold no unsafe operation.
    "unused_unsafe",
    "unreachable_code",
    // A binding declared `mut` in one region may be changed only in another.
    "unused_mut",
    "unused_labels",
    "unused_braces",
    "unused_assignments",
    "clippy::never_loop",
    "clippy::let_unit_value",
    "clippy::diverging_sub_expression",
    "clippy::needless_return",
    "clippy::redundant_locals",
    "clippy::unused_unit",
    "clippy::used_underscore_binding",
    "clippy::match_single_binding",
    "break_with_label_and_loop",
    "clippy::redundant_closure_call",
    // The last brace of an emitted `if` has the user's `if` span (its edition decides when
    // an `if let`'s temporaries drop), which this lint reads as an odd layout.
    "clippy::suspicious_else_formatting",
    // `let _first: A = arg;` binds the `#[resume]` parameter; `yield_from!`'s `()` argument.
    "clippy::no_effect_underscore_binding",
    "unit_bindings",
];

/// The analysed body, ready to be emitted.
pub struct Analysed<'a> {
    pub spine: &'a Spine,
    pub cfg: &'a Cfg,
    pub bindings: &'a Bindings,
    pub live: &'a Liveness,
    pub plan: &'a Plan,
    pub unshadowed: &'a Unshadowed,
}

/// Each region's code, in source order, and the names the regions use (step 9).
pub fn regions<'a>(
    sig: &CoroutineFn,
    body: &syn::Block,
    a: &Analysed<'a>,
) -> (Regions<'a>, Vec<(Entry, TokenStream)>) {
    let names = Names::new(&quote!(#body), a.bindings);
    let residual = Residual::of_body(&sig.return_ty, body);
    let mut regions = Regions::new(a, names, inferable(&sig.yield_ty, body), residual);
    let code = regions.all();
    (regions, code)
}

pub fn function(sig: &CoroutineFn, body: &syn::Block, a: &Analysed) -> TokenStream {
    let coro = crate::paths::root();
    let (regions, code) = regions(sig, body, a);
    let residual = regions.residual;
    let names = &regions.names;
    let layout = Layout::new(sig, a, names, &code);

    let state_enum = &names.state_enum;
    let resume_enum = &names.resume_enum;
    let state = names::state();
    let arg = names::arg();
    let next = names::next();
    let region_label = names::region_label();
    let body_label = names::body_label();
    let returned = names::returned();

    let mut arms = Vec::new();
    let mut in_place = Vec::new();
    for (entry, region) in &code {
        let region = quote!(#region_label: { #region });
        arms.push(match *entry {
            Entry::Unresumed => {
                let (pattern, binds) = start_bindings(sig, &layout);
                quote!(#resume_enum::Moved(#state_enum::Unresumed { #pattern }, #arg) => { #binds #region })
            }
            Entry::Resume(k) => {
                let variant = names::suspend_variant(k);
                let fields = layout.held_pattern(a, names, a.cfg.resume(k));
                if a.live.in_place(k) {
                    let marker = names::in_place_variant(k);
                    in_place.push(quote! {
                        if let #state_enum::#variant { .. } = #state {
                            #resume_enum::#marker(#arg)
                        } else
                    });
                    quote! {
                        #resume_enum::#marker(#arg) => match #state {
                            #state_enum::#variant { #fields } => #region,
                            _ => ::core::unreachable!(),
                        }
                    }
                } else {
                    quote!(#resume_enum::Moved(#state_enum::#variant { #fields }, #arg) => #region)
                }
            }
            Entry::After(s) => {
                let variant = names::after_variant(s);
                let fields = layout.held_pattern(a, names, a.cfg.after(s));
                let value = names::value();
                quote!(#resume_enum::#variant { #value, #fields } => #region)
            }
            Entry::Head(l) => {
                let variant = names::head_variant(l);
                let node = a.cfg.head(l).expect("a loop has a head");
                let fields = layout.held_pattern(a, names, node);
                quote!(#resume_enum::#variant { #fields } => #region)
            }
        });
    }
    let has_joins = code
        .iter()
        .any(|(e, _)| matches!(e, Entry::After(_) | Entry::Head(_)));
    let dispatch = if has_joins {
        quote! {
            loop {
                #next = match #next {
                    #(#arms,)*
                    #resume_enum::Moved(..) => ::core::unreachable!(),
                };
            }
        }
    } else {
        quote! {
            match #next {
                #(#arms,)*
                #resume_enum::Moved(..) => ::core::unreachable!(),
            }
        }
    };

    let arg_ty = inferable(&sig.arg_ty, body);
    let yield_ty = inferable(&sig.yield_ty, body);
    let return_ty = inferable(&sig.return_ty, body);
    // The type cells of the bindings that more than one region binds (`__private::Same`):
    // those the emitted regions tie (a region emitted and then set aside ties too).
    let mut in_code = std::collections::HashSet::new();
    for (_, region) in &code {
        crate::items::names_in(region, &mut in_code);
    }
    let cells = regions
        .tied
        .iter()
        .map(|&b| names::same(b))
        .filter(|cell| in_code.contains(&cell.to_string()))
        .map(|cell| quote!(let #cell = #coro::__private::Same::new();));
    let step = quote! {
        let #returned: #return_ty = #body_label: {
            #(#cells)*
            #[allow(unused_mut)]
            // A state resumed in place is tested for first, on its own: the test is then
            // one comparison of the state's tag (or niche), where a `match` on every
            // variant decodes the whole discriminant on the hot path of each resume.
            let mut #next = #(#in_place)* {
                match #state {
                    #state_enum::Returned => #coro::__private::resumed_after_completion(),
                    #state_enum::Poisoned => #coro::__private::resumed_after_panicking(),
                    _ => #resume_enum::Moved(
                        ::core::mem::replace(#state, #state_enum::Poisoned),
                        #arg,
                    ),
                }
            };
            #dispatch
        };
        *#state = #state_enum::Returned;
    };
    let complete = quote!(#coro::CoroutineState::Complete(#returned));
    let stepped = names::local("__stepped");
    let early = names::local("__early");
    let resume = match residual {
        None => quote!(#step #complete),
        // A `return Err(e)`, `return None` or `?` that another macro writes returns from
        // this closure: the coroutine completes with it.
        Some(Residual::Result) => quote! {
            let #stepped = (|| -> ::core::result::Result<#coro::CoroutineState<#yield_ty, #return_ty>, _> {
                #step
                ::core::result::Result::Ok(#complete)
            })();
            match #stepped {
                ::core::result::Result::Ok(#stepped) => #stepped,
                ::core::result::Result::Err(#early) => {
                    *#state = #state_enum::Returned;
                    #coro::CoroutineState::Complete(::core::result::Result::Err(#early))
                }
            }
        },
        Some(Residual::Option) => quote! {
            let #stepped = (|| -> ::core::option::Option<#coro::CoroutineState<#yield_ty, #return_ty>> {
                #step
                ::core::option::Option::Some(#complete)
            })();
            match #stepped {
                ::core::option::Option::Some(#stepped) => #stepped,
                ::core::option::Option::None => {
                    *#state = #state_enum::Returned;
                    #coro::CoroutineState::Complete(::core::option::Option::None)
                }
            }
        },
    };
    let enums = layout.enums(names);
    let (state_info, show) = state_info(sig, a, names, &layout);
    let items = hoisted_items(a.spine);
    // Each `yield_!` path is invoked once more, expanding to nothing, so the import the
    // user wrote for it counts as used.
    let yield_paths = a.spine.points.iter().map(|point| {
        let path = &point.path;
        quote!(#path!(@rewritten);)
    });
    let start_fields = layout
        .unresumed
        .iter()
        .map(|(field, _, param)| quote!(#field: #param));
    let allowed = ALLOWED_LINTS.iter().map(|lint| {
        let lint: syn::Path = syn::parse_str(lint).expect("lint names parse");
        lint
    });
    let machine = names::local("__coroutine");
    let show_held = match show {
        Some((most, show)) => {
            quote!(#coro::__private::Machine::__show_values::<_, #most>(#machine, #show))
        }
        None => quote!(#machine),
    };
    let syn::ItemFn {
        attrs,
        vis,
        sig: fn_sig,
        ..
    } = &sig.item;
    quote! {
        #(#attrs)*
        // `+ Locate + Debug` on the return type refines a trait's `impl Coroutine<..>`
        // (a trait method written with the attribute): the bounds are the macro's, not the
        // user's, so the lint is not theirs either.
        #[allow(refining_impl_trait)]
        #vis #fn_sig {
            #(#items)*
            #(#yield_paths)*
            #enums
            #state_info
            #[allow(#(#allowed),*)]
            let #machine = #coro::__private::Machine::new(
                #state_enum::Unresumed { #(#start_fields),* },
                // The written return type keeps rustc from adding "return type inferred
                // to be `R` here", pointing at the first `yield_!`, to every type error in
                // the body; written out (but `impl Trait`), it also keeps every
                // `CoroutineState<Y, R>` the regions return from waiting for `R` until the
                // end of the body, each one an obligation rustc retries at every step
                // (quadratic in a large body).
                |#state: &mut _, #arg: #arg_ty| -> #coro::CoroutineState<#yield_ty, #return_ty> {
                    #resume
                },
            );
            #show_held
        }
    }
}

/// The return type's shape, when it is spelled `Result<..>` or `Option<..>` (also
/// `io::Result<T>`): a macro in the body may then return `Err(e)` or `None`, or apply `?`,
/// without the transform seeing it, and the coroutine completes with it as rustc's would.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Residual {
    Result,
    Option,
}

impl Residual {
    pub fn of(ty: &Type) -> Option<Self> {
        let Type::Path(path) = ty else {
            return None;
        };
        let last = path.path.segments.last()?;
        if matches!(last.arguments, syn::PathArguments::None) {
            return None;
        }
        match last.ident.to_string().as_str() {
            "Result" => Some(Residual::Result),
            "Option" => Some(Residual::Option),
            _ => None,
        }
    }

    /// The residual of a coroutine that returns `ty` and whose body is `body`, when a
    /// `return` or `?` written by a macro may need it: only a macro other than `yield_!`
    /// can write one (the body's own are rewritten), so without one the step closure
    /// returns the coroutine's state directly, with no wrapper to build and take apart on
    /// every resume.
    pub fn of_body(ty: &Type, body: &syn::Block) -> Option<Self> {
        struct OtherMacro(bool);
        impl<'ast> syn::visit::Visit<'ast> for OtherMacro {
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                self.0 |= !crate::syntax::is_yield_macro(mac);
            }
        }
        let mut finder = OtherMacro(false);
        syn::visit::Visit::visit_block(&mut finder, body);
        Self::of(ty).filter(|_| finder.0)
    }

    /// `value` as the step closure returns it.
    pub fn wrap(residual: Option<Self>, value: TokenStream) -> TokenStream {
        match residual {
            None => value,
            Some(Residual::Result) => quote!(::core::result::Result::Ok(#value)),
            Some(Residual::Option) => quote!(::core::option::Option::Some(#value)),
        }
    }
}

/// The `Unresumed` pattern and the parameters bound from it: `let pat = __held_p;` for
/// each parameter, `let pat: A = __arg;` for the `#[resume]` one.
fn start_bindings(sig: &CoroutineFn, layout: &Layout) -> (TokenStream, TokenStream) {
    let arg = names::arg();
    let mut patterns = Vec::new();
    let mut binds = TokenStream::new();
    // The fields in parameter order (a closure's captures declare them reversed).
    let mut fields: Vec<&Ident> = layout.unresumed.iter().map(|(field, _, _)| field).collect();
    if sig.captures_reversed {
        fields.reverse();
    }
    let mut fields = fields.into_iter();
    for param in &sig.params {
        let pat = &param.pat;
        if param.resume {
            let ty = &param.ty;
            binds.extend(quote!(let #pat: #ty = #arg;));
        } else {
            let field = fields.next().expect("a field per parameter");
            let held = names::held(field);
            patterns.push(quote!(#field: #held));
            binds.extend(quote!(#[allow(unused_mut)] let #pat = #held;));
        }
    }
    if !sig.params.iter().any(|p| p.resume) {
        binds.extend(quote!(let () = #arg;));
    }
    (quote!(#(#patterns),*), binds)
}

/// Items with identity declared in the spine's blocks: emitted once, before the state
/// enum, rather than in every region that emits their block (see [`crate::items`]).
/// The body's own block's items are hoisted too (their scope is the whole function
/// anyway), but for `macro_rules!`, whose body may name the locals declared before it.
fn hoisted_items(spine: &Spine) -> Vec<&syn::Item> {
    spine
        .stmts
        .iter()
        .filter_map(|node| match &node.kind {
            Kind::Code(syn::Stmt::Item(item))
                if crate::items::is_hoisted(item, node.block == spine.root) =>
            {
                Some(item)
            }
            _ => None,
        })
        .collect()
}

/// The signature's type `ty` as it can be written inside the function, in a `let` or a
/// closure's signature: left to inference (`_`) where it is `impl Trait`, or where it
/// names a type that an item of `body` may hide (the body's items are declared beside the
/// machine, or moved there from an inner block: `type u32 = u64;` or `use other::Item;`
/// there would change what the signature's `u32` or `Item` means).
pub fn inferable(ty: &Type, body: &syn::Block) -> Type {
    struct ToInfer(std::collections::HashSet<String>);
    impl VisitMut for ToInfer {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            let hidden = |p: &syn::TypePath| {
                p.qself.is_none()
                    && p.path.leading_colon.is_none()
                    && p.path.segments.first().is_some_and(|s| {
                        self.0.contains(&s.ident.to_string()) || self.0.contains("*")
                    })
            };
            match ty {
                Type::ImplTrait(_) => *ty = syn::parse_quote!(_),
                Type::Path(p) if hidden(p) => *ty = syn::parse_quote!(_),
                _ => visit_mut::visit_type_mut(self, ty),
            }
        }
    }
    let mut ty = ty.clone();
    ToInfer(body_type_names(body)).visit_type_mut(&mut ty);
    ty
}

/// The names in the type namespace that the items of `body` declare, in any block: those
/// at its top are declared beside the machine, and those of inner blocks with a yield
/// are moved there.
fn body_type_names(body: &syn::Block) -> std::collections::HashSet<String> {
    fn imported(tree: &syn::UseTree, out: &mut std::collections::HashSet<String>) {
        match tree {
            syn::UseTree::Path(p) if p.ident.to_string().starts_with(char::is_uppercase) => {
                if !matches!(*p.tree, syn::UseTree::Glob(_)) {
                    imported(&p.tree, out)
                }
            }
            syn::UseTree::Path(p) => imported(&p.tree, out),
            syn::UseTree::Name(n) => {
                out.insert(n.ident.to_string());
            }
            syn::UseTree::Rename(r) => {
                out.insert(r.rename.to_string());
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| imported(t, out)),
            // A glob of a module may bring in any name ("*": every name may be hidden);
            // one of an enum (`use Token::*`) its variants, which name no type.
            syn::UseTree::Glob(_) => {
                out.insert("*".to_string());
            }
        }
    }
    struct Items(std::collections::HashSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for Items {
        fn visit_item(&mut self, item: &'ast syn::Item) {
            let name = match item {
                syn::Item::Type(i) => Some(&i.ident),
                syn::Item::Struct(i) => Some(&i.ident),
                syn::Item::Enum(i) => Some(&i.ident),
                syn::Item::Union(i) => Some(&i.ident),
                syn::Item::Trait(i) => Some(&i.ident),
                syn::Item::Mod(i) => Some(&i.ident),
                syn::Item::Use(i) => {
                    imported(&i.tree, &mut self.0);
                    None
                }
                _ => None,
            };
            if let Some(name) = name {
                self.0.insert(name.to_string());
            }
            // Items of nested items are their own.
        }
    }
    let mut items = Items(std::collections::HashSet::new());
    syn::visit::Visit::visit_block(&mut items, body);
    items.0
}
