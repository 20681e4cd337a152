//! What a suspended state says about itself: `StateInfo` (where each suspension variant is
//! in the source, what it holds) and the closure that shows the held values.
//!
//! ```text
//! // Input: Suspend0 at line 4, `yield_!(a)`, holding n and the loop's iterator
//! // Output:
//! static POINTS: [SuspensionPoint; 1] = [SuspensionPoint::__new("f", 0, line!(),
//!     "yield_!(a)", &["n", "(for loop iterator)"])];
//! ```

use super::*;

/// `StateInfo` for the state enum: each suspension variant points at a static description
/// of its `yield_!` (function, line, text, held names). And the closure that shows the held
/// values (`Machine::__show_values`): it goes after the resume closure, where the values' types
/// are known, so that `(&Probe(value)).__coro_held()` can tell by method resolution whether
/// each one implements `Debug` (see `__private::Probe`); it only borrows the state's fields.
pub(super) fn state_info(
    sig: &CoroutineFn,
    a: &Analysed,
    names: &Names,
    layout: &Layout,
) -> (TokenStream, Option<(proc_macro2::Literal, TokenStream)>) {
    let coro = crate::paths::root();
    let state_enum = &names.state_enum;
    let params = layout.state_params();
    let function = sig.item.sig.ident.to_string();
    // The values a machine may show (`describe`d), each once, in the order they first
    // appear; every point lists its own in that order, so that the values the machine
    // shows (one per binding, not one per point and binding) pair up with its names.
    let shown_order: Vec<BindingId> = {
        let mut order = Vec::new();
        for (_, held) in &layout.suspends {
            for &b in held.iter().rev() {
                if a.bindings.describe(b).is_some() && !order.contains(&b) {
                    order.push(b);
                }
            }
        }
        order
    };
    let shown_at = |held: &[BindingId]| -> Vec<BindingId> {
        shown_order
            .iter()
            .copied()
            .filter(|b| held.contains(b))
            .collect()
    };
    let points: Vec<TokenStream> = layout
        .suspends
        .iter()
        .map(|(k, held)| {
            let point = a.spine.point(*k);
            let index = k.index();
            let text = &point.text;
            let holds = shown_at(held)
                .into_iter()
                .filter_map(|b| a.bindings.describe(b));
            // `line!()` takes the line of the span's own code only with the user's span;
            // unqualified, it resolves in every edition (`::core` in 2015 would not).
            let line = quote_spanned!(point.span=> line!());
            quote! {
                #coro::SuspensionPoint::__new(#function, #index, #line, #text, &[#(#holds),*])
            }
        })
        .collect();
    let count = points.len();
    let arms = layout.suspends.iter().enumerate().map(|(i, (k, _))| {
        let variant = names::suspend_variant(*k);
        quote!(Self::#variant { .. } => #coro::Location::Suspended(&POINTS[#i]),)
    });
    let info = quote! {
        impl<#(#params),*> #coro::StateInfo for #state_enum<#(#params),*> {
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
    };

    // Per binding in `shown_order`: `Some(value)` at the points that hold it (one match
    // whose arms are those points, so the value's type is probed for `Debug` once),
    // `None` elsewhere.
    let state = names::local("__state");
    let value = names::local("__shown");
    let none = quote!(::core::option::Option::None);
    let per_binding: Vec<TokenStream> = shown_order
        .iter()
        .map(|b| {
            let field = names.field(*b);
            let points = layout
                .suspends
                .iter()
                .filter(|(_, held)| held.contains(b))
                .map(|(k, _)| {
                    let variant = names::suspend_variant(*k);
                    quote!(#state_enum::#variant { #field: #value, .. })
                });
            quote! {
                match #state {
                    #(#points)|* => ::core::option::Option::Some(
                        (&#coro::__private::Probe(#value)).__coro_held(),
                    ),
                    _ => #none,
                }
            }
        })
        .collect();
    let most = per_binding.len();
    let length = proc_macro2::Literal::usize_unsuffixed(most);
    // `None` (the machine keeps `NamesOnly`) for a coroutine that holds nothing anywhere,
    // and for a `coro::coro!` closure whose parameter has no type (its yield type is `_`,
    // where a function's is written): that type, and so perhaps a held value's, may be
    // decided only by code after the closure, too late for the probe, which would take an
    // undecided type for `Debug` and fail to compile if it turned out not to be.
    let open_arg = matches!(sig.yield_ty, Type::Infer(_)) && matches!(sig.arg_ty, Type::Infer(_));
    let show = (most > 0 && !open_arg).then(|| {
        (
            length.clone(),
            quote! {
                |#state| {
                    #[allow(unused_imports)]
                    use #coro::__private::{ShowDebug as _, ShowPlaceholder as _};
                    [#(#per_binding),*]
                }
            },
        )
    });
    (info, show)
}
