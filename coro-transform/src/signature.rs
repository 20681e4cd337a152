//! Reads the function `#[coro::coroutine]` is applied to: its parameters (and which one
//! receives the first resume argument) and the `impl Coroutine<A, Yield = Y, Return = R>`
//! it returns. Everything the signature gets wrong is reported here, on the user's tokens.
//!
//! ```text
//! // Input:
//! fn feed(&mut self, #[resume] first: u8) -> impl Coroutine<u8, Yield = Event, Return = ()>
//! // Output: params [self (as `__self`), first (#[resume])], arg u8, yield Event,
//! //         return (); the emitted signature without `#[resume] first` and returning
//! //         `impl Coroutine<u8, Yield = Event, Return = ()> + Locate + Debug`
//! ```

use proc_macro2::{Ident, Span};
use quote::quote;
use syn::spanned::Spanned;
use syn::{
    parse_quote, Error, FnArg, GenericArgument, Pat, PatIdent, PathArguments, Result, ReturnType,
    Type, TypeParamBound,
};

/// A parameter of the coroutine function.
pub struct Param {
    /// The pattern the body sees (`self` appears as `__self`).
    pub pat: Pat,
    /// The name the value has in the emitted signature.
    pub name: Ident,
    /// This parameter receives the first resume argument (`#[resume]`).
    pub resume: bool,
    /// Its declared type.
    pub ty: Option<Type>,
}

/// The parts of the function the transform needs.
pub struct CoroutineFn {
    /// The function as emitted: `#[resume]` parameter removed, patterns replaced by names,
    /// the return type extended with `coro::Locate + Debug`. The body is replaced later.
    pub item: syn::ItemFn,
    pub params: Vec<Param>,
    /// The resume argument type `A` (`()` when not written).
    pub arg_ty: Type,
    pub yield_ty: Type,
    pub return_ty: Type,
    /// The parameters (but the `#[resume]` one, last) are a closure's captures, declared in
    /// the reverse of their capture order: the body's locals drop latest first, and rustc
    /// drops a closure's parameter, then its captures (its fields) in capture order. The
    /// `Unresumed` state, whose fields drop in the order they are declared, keeps the
    /// capture order.
    pub captures_reversed: bool,
    /// What the state's written-out field types may rely on (set from the body by the
    /// transform; see [`known_types`](crate::known_types)).
    pub trust: crate::known_types::Trust,
}

impl std::fmt::Debug for CoroutineFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::stages::text;
        writeln!(f, "fn {}", self.item.sig.ident)?;
        for p in &self.params {
            let ty = p.ty.as_ref().map(|t| format!(": {}", text(t)));
            let resume = if p.resume { " (#[resume])" } else { "" };
            writeln!(
                f,
                "  param {}{}{resume}",
                text(&p.pat),
                ty.unwrap_or_default()
            )?;
        }
        writeln!(f, "  resume argument {}", text(&self.arg_ty))?;
        writeln!(f, "  yields {}", text(&self.yield_ty))?;
        writeln!(f, "  returns {}", text(&self.return_ty))
    }
}

/// Checks the signature and splits it into [`CoroutineFn`].
pub fn parse(item: &syn::ItemFn) -> Result<CoroutineFn> {
    // A return type a `macro_rules!` passed as a `$t:ty` fragment comes in an invisible
    // group (and `Return = $r` inside it too): read and emitted without it.
    let mut item = item.clone();
    if let ReturnType::Type(_, ty) = &mut item.sig.output {
        ungroup(ty);
    }
    let item = &item;
    let sig = &item.sig;
    if let Some(asyncness) = &sig.asyncness {
        return Err(Error::new(
            asyncness.span,
            "`#[coro::coroutine]` cannot be applied to an `async fn`: a coroutine is driven by \
             calling `resume`, not by awaiting it; remove `async`",
        ));
    }
    if let Some(constness) = &sig.constness {
        return Err(Error::new(
            constness.span,
            "`#[coro::coroutine]` cannot be applied to a `const fn`; remove `const`",
        ));
    }
    let (arg_ty, yield_ty, return_ty) = coroutine_types(&sig.output, sig.ident.span())?;

    let mut emitted = item.clone();
    emitted.sig.inputs.clear();
    let mut params = Vec::new();
    let mut resume_span: Option<Span> = None;
    for (index, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(receiver) => {
                if let Some(attr) = receiver.attrs.iter().find(|a| a.path().is_ident("resume")) {
                    return Err(Error::new_spanned(
                        attr,
                        "`self` cannot receive the resume argument; put `#[resume]` on a \
                         separate parameter",
                    ));
                }
                let mut plain = receiver.clone();
                // `mut self` binds mutably; in `&mut self` the `mut` belongs to the reference.
                let mutability = match plain.reference {
                    None => plain.mutability.take(),
                    Some(_) => None,
                };
                emitted.sig.inputs.push(FnArg::Receiver(plain));
                let name = crate::rewrite::self_ident(receiver.self_token.span);
                params.push(Param {
                    pat: Pat::Ident(PatIdent {
                        attrs: Vec::new(),
                        by_ref: None,
                        mutability,
                        ident: name.clone(),
                        subpat: None,
                    }),
                    name: Ident::new("self", receiver.self_token.span),
                    resume: false,
                    ty: Some((*receiver.ty).clone()),
                });
            }
            FnArg::Typed(typed) => {
                let mut attrs = typed.attrs.clone();
                let resume_attr = attrs.iter().position(|a| a.path().is_ident("resume"));
                let resume = if let Some(position) = resume_attr {
                    let attr = attrs.remove(position);
                    if let Some(first) = resume_span {
                        let mut error = Error::new_spanned(
                            &attr,
                            "only one parameter can receive the first resume argument; \
                             remove this `#[resume]`",
                        );
                        error.combine(Error::new(first, "the first `#[resume]` is here"));
                        return Err(error);
                    }
                    if !matches!(attr.meta, syn::Meta::Path(_)) {
                        return Err(Error::new_spanned(
                            &attr,
                            "`#[resume]` takes no arguments; write `#[resume] name: Type`",
                        ));
                    }
                    resume_span = Some(attr.span());
                    true
                } else {
                    false
                };
                let name = match &*typed.pat {
                    Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => p.ident.clone(),
                    // Hygienic, so that it is not confused with a parameter of that name.
                    other => Ident::new(
                        &format!("__arg{index}"),
                        Span::mixed_site().located_at(other.span()),
                    ),
                };
                if !resume {
                    let mut plain = typed.clone();
                    plain.attrs = attrs;
                    plain.pat = Box::new(parse_quote!(#name));
                    emitted.sig.inputs.push(FnArg::Typed(plain));
                }
                params.push(Param {
                    pat: (*typed.pat).clone(),
                    name,
                    resume,
                    ty: Some((*typed.ty).clone()),
                });
            }
        }
    }
    if resume_span.is_none() && !is_unit(&arg_ty) {
        return Err(Error::new_spanned(
            &arg_ty,
            format!(
                "this coroutine is resumed with `{}` values, but no parameter receives the \
                 first one; add a parameter marked `#[resume]`, for example \
                 `#[resume] first: {}`",
                quote!(#arg_ty),
                quote!(#arg_ty),
            ),
        ));
    }
    if let ReturnType::Type(_, ty) = &mut emitted.sig.output {
        if let Type::ImplTrait(imp) = &mut **ty {
            // Spanned at the user's `impl`: the opaque type's span then stays in the user's
            // edition, whose rules decide which lifetimes it captures (2024: all of them).
            let span = imp.impl_token.span;
            let coro = crate::paths::root_at(span);
            imp.bounds
                .push(syn::parse_quote_spanned!(span=> #coro::Locate));
            imp.bounds
                .push(syn::parse_quote_spanned!(span=> ::core::fmt::Debug));
        }
    }
    Ok(CoroutineFn {
        item: emitted,
        params,
        arg_ty,
        yield_ty,
        return_ty,
        captures_reversed: false,
        trust: Default::default(),
    })
}

/// Removes the invisible groups (`$t:ty` fragments) of a type, at any depth of its
/// `impl` bounds' generic arguments.
fn ungroup(ty: &mut Type) {
    while let Type::Group(group) = ty {
        *ty = (*group.elem).clone();
    }
    if let Type::ImplTrait(imp) = ty {
        for bound in &mut imp.bounds {
            if let TypeParamBound::Trait(t) = bound {
                for segment in &mut t.path.segments {
                    if let PathArguments::AngleBracketed(args) = &mut segment.arguments {
                        for arg in &mut args.args {
                            match arg {
                                syn::GenericArgument::Type(ty) => ungroup(ty),
                                syn::GenericArgument::AssocType(assoc) => ungroup(&mut assoc.ty),
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(t) if t.elems.is_empty())
}

const RETURN_HINT: &str =
    "a `#[coro::coroutine]` function must return `impl Coroutine<Yield = Y, Return = R>` \
     (or `impl Coroutine<A, Yield = Y, Return = R>` to take resume arguments of type `A`)";

/// Finds `A`, `Yield` and `Return` in `impl Coroutine<A, Yield = Y, Return = R> + ...`.
fn coroutine_types(output: &ReturnType, name_span: Span) -> Result<(Type, Type, Type)> {
    let ty = match output {
        ReturnType::Default => {
            return Err(Error::new(
                name_span,
                format!("{RETURN_HINT}; this function has no return type"),
            ))
        }
        ReturnType::Type(_, ty) => ty,
    };
    let Type::ImplTrait(imp) = &**ty else {
        return Err(Error::new_spanned(
            ty,
            format!("{RETURN_HINT}; write the return type as `impl Coroutine<..>`"),
        ));
    };
    let bound = imp.bounds.iter().find_map(|bound| match bound {
        TypeParamBound::Trait(t)
            if t.path
                .segments
                .last()
                .is_some_and(|s| s.ident == "Coroutine") =>
        {
            t.path.segments.last()
        }
        _ => None,
    });
    let Some(segment) = bound else {
        return Err(Error::new_spanned(
            ty,
            format!("{RETURN_HINT}; this `impl` type has no `Coroutine` bound"),
        ));
    };
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return Err(Error::new_spanned(
            segment,
            "name the coroutine's types: `Coroutine<Yield = Y, Return = R>`",
        ));
    };
    let mut arg_ty: Type = parse_quote!(());
    let (mut yield_ty, mut return_ty) = (None, None);
    for arg in &args.args {
        match arg {
            GenericArgument::Type(t) => arg_ty = t.clone(),
            GenericArgument::AssocType(a) if a.ident == "Yield" => yield_ty = Some(a.ty.clone()),
            GenericArgument::AssocType(a) if a.ident == "Return" => return_ty = Some(a.ty.clone()),
            other => {
                return Err(Error::new_spanned(
                    other,
                    "expected the resume type, `Yield = ..` or `Return = ..`",
                ))
            }
        }
    }
    let yield_ty = yield_ty.ok_or_else(|| {
        Error::new_spanned(
            segment,
            "name the type of the yielded values: add `Yield = ..` (for example `Yield = u32`)",
        )
    })?;
    let return_ty = return_ty.ok_or_else(|| {
        Error::new_spanned(
            segment,
            "name the type the coroutine completes with: add `Return = ..` \
             (`Return = ()` when it returns nothing)",
        )
    })?;
    Ok((arg_ty, yield_ty, return_ty))
}
