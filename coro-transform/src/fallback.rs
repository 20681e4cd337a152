//! What `#[coro::coroutine]` emits when it cannot transform its input: the error, on the
//! user's tokens, next to the function with a placeholder body. The placeholder keeps the
//! signature the user wrote (as far as it is valid Rust), so callers of the broken function
//! type-check and the error above is the only one anybody sees.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{parse_quote, FnArg, GenericArgument, PathArguments, ReturnType, Type, TypeParamBound};

use crate::signature;

/// The error for an item that is not a function with a body, on the item's first tokens
/// (`struct Numbers`, `fn f`), followed by the item unchanged.
pub fn not_a_function(item: TokenStream, parse_error: syn::Error) -> TokenStream {
    let head = item_head(&item);
    let is_fn = head
        .iter()
        .any(|t| matches!(t, TokenTree::Ident(i) if i == "fn"));
    let has_body = item.clone().into_iter().any(
        |t| matches!(&t, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace),
    );
    if is_fn && has_body {
        // A function whose body does not parse: say where, as rustc would.
        let hint = if keyword_since_2018(&item) {
            "; in an edition 2015 crate, a name that became a keyword in 2018 (`async`, \
             `await`, `dyn`, `try`) must be written as a raw identifier: `r#async`"
        } else {
            ""
        };
        let error = syn::Error::new(
            parse_error.span(),
            format!("`#[coro::coroutine]` cannot read this function: {parse_error}{hint}"),
        )
        .to_compile_error();
        return quote!(#error #item);
    }
    let message = if is_fn {
        "`#[coro::coroutine]` needs the function's body; write \
         `fn name(..) -> impl Coroutine<Yield = Y, Return = R> { .. }`"
    } else {
        "`#[coro::coroutine]` applies to a function only; write \
         `fn name(..) -> impl Coroutine<Yield = Y, Return = R> { .. }`"
    };
    let error = match (head.first(), head.last()) {
        (Some(first), Some(last)) => {
            let (first, last) = (first.clone(), last.clone());
            syn::Error::new_spanned(quote!(#first #last), message)
        }
        _ => syn::Error::new(Span::call_site(), message),
    }
    .to_compile_error();
    quote!(#error #item)
}

/// Whether the tokens use, as a name, a word that is a keyword since edition 2018.
fn keyword_since_2018(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => ["async", "await", "dyn", "try"].iter().any(|k| i == k),
        TokenTree::Group(g) => keyword_since_2018(&g.stream()),
        _ => false,
    })
}

/// The tokens that name an item: from after its attributes up to (not including) its
/// first group other than a `pub(..)` restriction, or its `;`.
fn item_head(item: &TokenStream) -> Vec<TokenTree> {
    let trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let mut i = 0;
    // Outer attributes: `#` followed by `[..]`.
    while matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(trees.get(i + 1), Some(TokenTree::Group(_)))
    {
        i += 2;
    }
    let mut head = Vec::new();
    for tree in &trees[i..] {
        match tree {
            TokenTree::Group(_) if matches!(head.last(), Some(TokenTree::Ident(i)) if i == "pub") => {
                head.push(tree.clone())
            }
            TokenTree::Group(_) => break,
            TokenTree::Punct(p) if p.as_char() == ';' => break,
            _ => head.push(tree.clone()),
        }
    }
    head
}

/// The error, plus the function with a placeholder body so that its callers still
/// type-check: the coroutine's types come from the signature where it can be read, and
/// otherwise from whatever the user wrote (a missing `Yield` or `Return` is `()`). Only a
/// return type that is neither a coroutine nor a nameable type (`impl Iterator<..>`) leaves
/// nothing to emit but the error.
pub fn function(error: syn::Error, func: &syn::ItemFn) -> TokenStream {
    let error = error.to_compile_error();
    let uses = yield_paths(&func.block.to_token_stream());
    let (mut placeholder, body) = match signature::parse(func) {
        Ok(sig) => {
            let (arg, yielded, returned) = (&sig.arg_ty, &sig.yield_ty, &sig.return_ty);
            let coro = crate::paths::root();
            let body: syn::Expr =
                parse_quote!(#coro::__private::unfinished::<#arg, #yielded, #returned>());
            (sig.item, body)
        }
        Err(_) => {
            let Some(body) = lenient_body(&func.sig.output) else {
                return quote!(#error const _: () = { #(#uses!(@rewritten);)* };);
            };
            (lenient_item(func), body)
        }
    };
    // The body's own `use`s (`use coro::yield_;` written inside it), so that the marks
    // below find the macro the body imports.
    let imports = func
        .block
        .stmts
        .iter()
        .filter(|stmt| matches!(stmt, syn::Stmt::Item(syn::Item::Use(_))));
    *placeholder.block = parse_quote!({
        #(#imports)*
        #(#uses!(@rewritten);)*
        #body
    });
    quote!(#error #[allow(unused_variables)] #placeholder)
}

/// The function without what the signature check rejected: no `async` or `const`, no
/// `#[resume]` attribute, and no parameter marked with one (as the real expansion).
fn lenient_item(func: &syn::ItemFn) -> syn::ItemFn {
    let mut item = func.clone();
    item.sig.asyncness = None;
    item.sig.constness = None;
    let is_resume = |attr: &syn::Attribute| attr.path().is_ident("resume");
    item.sig.inputs = item
        .sig
        .inputs
        .into_iter()
        .filter_map(|mut input| match &mut input {
            FnArg::Receiver(receiver) => {
                receiver.attrs.retain(|a| !is_resume(a));
                Some(input)
            }
            FnArg::Typed(typed) if typed.attrs.iter().any(is_resume) => None,
            FnArg::Typed(_) => Some(input),
        })
        .collect();
    item
}

/// A body for the return type as written, when the signature check rejected it.
fn lenient_body(output: &ReturnType) -> Option<syn::Expr> {
    let ty = match output {
        ReturnType::Default => return Some(parse_quote!(::core::unreachable!())),
        ReturnType::Type(_, ty) => ty,
    };
    let Type::ImplTrait(imp) = &**ty else {
        // Any nameable type: `!` coerces to it.
        return Some(parse_quote!(::core::unreachable!()));
    };
    let segment = imp.bounds.iter().find_map(|bound| match bound {
        TypeParamBound::Trait(t) => t.path.segments.last().filter(|s| s.ident == "Coroutine"),
        _ => None,
    })?;
    let unit: Type = parse_quote!(());
    let (mut arg, mut yielded, mut returned) = (unit.clone(), unit.clone(), unit);
    if let PathArguments::AngleBracketed(args) = &segment.arguments {
        for generic in &args.args {
            match generic {
                GenericArgument::Type(t) => arg = t.clone(),
                GenericArgument::AssocType(a) if a.ident == "Yield" => yielded = a.ty.clone(),
                GenericArgument::AssocType(a) if a.ident == "Return" => returned = a.ty.clone(),
                _ => return None,
            }
        }
    }
    let coro = crate::paths::root();
    Some(parse_quote!(
        #coro::__private::unfinished::<#arg, #yielded, #returned>()
    ))
}

/// The paths of the `yield_!` calls in `tokens` (`yield_`, `coro::yield_`), each once, so
/// that invoking them keeps the user's `use coro::yield_;` from being reported unused.
fn yield_paths(tokens: &TokenStream) -> Vec<TokenStream> {
    let mut found: Vec<TokenStream> = Vec::new();
    collect_yield_paths(tokens, &mut found);
    found
}

fn collect_yield_paths(tokens: &TokenStream, found: &mut Vec<TokenStream>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "yield_" => {
                let bang =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if !bang {
                    continue;
                }
                // Walk back over `segment ::` pairs (and a leading `::`).
                let mut start = i;
                while start >= 2
                    && matches!(&trees[start - 1], TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&trees[start - 2], TokenTree::Punct(p) if p.as_char() == ':')
                {
                    match trees.get(start.wrapping_sub(3)) {
                        Some(TokenTree::Ident(_)) if start >= 3 => start -= 3,
                        _ => {
                            start -= 2;
                            break;
                        }
                    }
                }
                let path: TokenStream = trees[start..=i].iter().cloned().collect();
                if !found.iter().any(|p| p.to_string() == path.to_string()) {
                    found.push(path);
                }
            }
            TokenTree::Group(group) => collect_yield_paths(&group.stream(), found),
            _ => {}
        }
    }
}
