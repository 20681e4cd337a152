//! The coroutine transform behind `#[coro::coroutine]`, as a plain library so that it can
//! be unit-tested and called by tools (such as an expansion viewer) as well as by the
//! proc macro.
//!
//! The steps, each in its own module, follow the order of rustc's own coroutine transform:
//!
//! 1. [`signature`]: read the function's signature (parameters, `#[resume]`, the
//!    `impl Coroutine<A, Yield = Y, Return = R>` it returns).
//! 2. [`rewrite`]: make the body movable into a resume function (`self`, `return`, `?`).
//! 3. [`linearize`]: move yields out of larger expressions, keeping evaluation order.
//! 4. [`structure`]: split the body into the *yield spine* ([`ir`]) and plain code,
//!    rejecting yields where they are not supported.
//! 5. [`liveness`]: decide which bindings each suspension point holds.
//! 6. [`layout`]: the state enum: one variant per suspension point.
//! 7. [`resume`]: the resume function's arms, one per state.
//! 8. [`emit`]: the final tokens.
//!
//! [`graph`] is not a step: it describes the machine (its suspension points and the
//! transitions between them) for tools that show it, through [`inspect`].
#![forbid(unsafe_code)]

pub mod emit;
mod fallback;
pub mod graph;
pub mod ir;
pub mod layout;
pub mod linearize;
pub mod liveness;
pub mod resume;
pub mod rewrite;
pub mod signature;
pub mod structure;
pub mod syntax;

use proc_macro2::{Span, TokenStream};
use syn::{Lifetime, Pat};

/// Expands `#[coro::coroutine]` applied to `item`, with `args` the attribute's arguments.
///
/// Never panics: anything it cannot transform becomes a compile error on the user's tokens,
/// emitted next to the function (with a body that type-checks) so that the rest of the
/// crate, and rust-analyzer, still see the function.
pub fn expand_attribute(args: TokenStream, item: TokenStream) -> TokenStream {
    let func: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => return fallback::not_a_function(item),
    };
    match expand(args, &func) {
        Ok(tokens) => tokens,
        Err(error) => fallback::function(error, &func),
    }
}

/// Runs the transform, or says why it cannot.
pub fn expand(args: TokenStream, func: &syn::ItemFn) -> syn::Result<TokenStream> {
    let t = transform(args, func)?;
    emit::function(&t.sig, &t.spine, &t.analysis, &t.layout, &t.body_label)
}

/// What a tool needs to show a coroutine: the expansion and the state machine's diagram.
pub struct Inspection {
    /// The tokens `#[coro::coroutine]` produces, the same as [`expand`]'s.
    pub expansion: TokenStream,
    /// The suspension points and the transitions between them.
    pub diagram: graph::Diagram,
}

/// Runs the transform as [`expand`] does and also computes the state machine's diagram;
/// for tools such as `coro-expand` (the proc macro does not need the diagram).
pub fn inspect(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Inspection> {
    let t = transform(args, func)?;
    let expansion = emit::function(&t.sig, &t.spine, &t.analysis, &t.layout, &t.body_label)?;
    let diagram = graph::diagram(&t.spine, &t.analysis, &t.body_label);
    Ok(Inspection { expansion, diagram })
}

/// The transform's results before emission, shared by [`expand`] and [`inspect`].
struct Transformed {
    sig: signature::CoroutineFn,
    body_label: Lifetime,
    spine: ir::Block,
    analysis: liveness::Analysis,
    layout: layout::Layout,
}

/// Every step but the last: everything except the final tokens.
fn transform(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Transformed> {
    if !args.is_empty() {
        return Err(syn::Error::new_spanned(
            args,
            "`#[coro::coroutine]` takes no arguments; write `#[coro::coroutine]` alone",
        ));
    }
    let sig = signature::parse(func)?;
    let mut body = (*func.block).clone();
    rewrite::rename_self(&mut body);
    rewrite::rename_shadowing(&mut body);
    let body_label = Lifetime::new("'__coroutine_body", Span::mixed_site());
    rewrite::rewrite_exits(&mut body, &body_label);
    linearize::body(&mut body)?;
    let mut spine = structure::build(&body)?;
    let params: Vec<Pat> = sig.params.iter().map(|p| p.pat.clone()).collect();
    let analysis = liveness::analyse(&params, &mut spine)?;
    let layout = layout::compute(&analysis, &sig.params);
    Ok(Transformed {
        sig,
        body_label,
        spine,
        analysis,
        layout,
    })
}
