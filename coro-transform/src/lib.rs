//! The coroutine transform behind `#[coro::coroutine]`, as a plain library so that it can
//! be unit-tested and called by tools (such as an expansion viewer) as well as by the
//! proc macro.
//!
//! The steps, each in its own module, follow the order of rustc's own coroutine transform:
//!
//! 1. [`signature`]: read the function's signature (parameters, `#[resume]`, the
//!    `impl Coroutine<A, Yield = Y, Return = R>` it returns).
//! 2. [`delegate`]: `yield_from!(sub)` becomes a loop of `yield_!`s.
//! 3. [`rewrite`] and [`shadow`]: make the body movable into a resume function (`self`,
//!    `return`, `?`; a name for each binding that hides another the coroutine must keep).
//! 4. [`linearize`]: move yields out of larger expressions, keeping evaluation order.
//! 5. [`spine`]: split the body into the *yield spine* and plain code, rejecting yields
//!    where they are not supported ([`explain`]).
//! 6. [`cfg`]: the control-flow graph, built once, with every name resolved
//!    ([`facts`] reads plain code, [`bindings`] holds the locals).
//! 7. [`liveness`] (rustc: `locals_live_across_suspend_points`): which bindings each
//!    resume path gets back, as dataflow over the graph.
//! 8. [`plan`]: the regions of the resume function: after each yield, and the joins where
//!    paths meet.
//! 9. [`regions`] (rustc: `create_coroutine_resume_function`): each region's code.
//! 10. [`assemble`] (rustc: `compute_layout`): the state enum, the dispatch, the machine.
//!
//! Bodies given to `coro::coro!` first pass through [`front`], which turns the `yield`
//! keyword into `yield_!` (and the private `closure` module gives a closure's captures a
//! signature). [`diagram`] is not a step: it describes the machine for tools that show it,
//! through [`inspect`]. [`names`] holds every identifier the transform generates.
#![forbid(unsafe_code)]

pub mod assemble;
pub mod bindings;
pub mod cfg;
mod closure;
pub mod delegate;
pub mod diagram;
pub mod explain;
pub mod facts;
mod fallback;
pub mod front;
pub mod ids;
pub mod linearize;
pub mod liveness;
pub mod names;
pub mod plan;
pub mod regions;
pub mod rewrite;
pub mod shadow;
pub mod signature;
pub mod spine;
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
    Ok(t.emit())
}

/// What a tool needs to show a coroutine: the expansion and the state machine's diagram.
pub struct Inspection {
    /// The tokens `#[coro::coroutine]` produces, the same as [`expand`]'s.
    pub expansion: TokenStream,
    /// The suspension points and the transitions between them.
    pub diagram: diagram::Diagram,
}

/// Runs the transform as [`expand`] does and also computes the state machine's diagram;
/// for tools such as `coro-expand` (the proc macro does not need the diagram).
pub fn inspect(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Inspection> {
    let t = transform(args, func)?;
    let diagram = diagram::diagram(&t.spine, &t.cfg, &t.bindings, &t.liveness);
    Ok(Inspection {
        expansion: t.emit(),
        diagram,
    })
}

/// The transform's results before emission, shared by [`expand`] and [`inspect`].
struct Transformed {
    sig: signature::CoroutineFn,
    /// The body after the syntactic steps, as the spine was built from it.
    body: syn::Block,
    spine: spine::Spine,
    cfg: cfg::Cfg,
    bindings: bindings::Bindings,
    liveness: liveness::Liveness,
    plan: plan::Plan,
}

impl Transformed {
    fn emit(&self) -> TokenStream {
        let analysed = assemble::Analysed {
            spine: &self.spine,
            cfg: &self.cfg,
            bindings: &self.bindings,
            live: &self.liveness,
            plan: &self.plan,
        };
        assemble::function(&self.sig, &self.body, &analysed)
    }
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
    delegate::rewrite(&mut body)?;
    rewrite::rename_self(&mut body);
    steps(sig, body)
}

/// The steps shared by functions and closures, from a body whose `yield_from!`s are
/// rewritten and whose `self` (for a method) is renamed.
fn steps(sig: signature::CoroutineFn, mut body: syn::Block) -> syn::Result<Transformed> {
    shadow::rename(&mut body);
    let body_label = Lifetime::new("'__coroutine_body", Span::mixed_site());
    rewrite::rewrite_exits(&mut body, &body_label);
    linearize::body(&mut body)?;
    let spine = spine::build(&body)?;
    let params: Vec<Pat> = sig.params.iter().map(|p| p.pat.clone()).collect();
    let (cfg, mut bindings) = cfg::build(&spine, &params);
    let liveness = liveness::analyse(&spine, &cfg, &mut bindings)?;
    let plan = plan::Plan::new(&spine, &cfg, &bindings, &liveness);
    Ok(Transformed {
        sig,
        body,
        spine,
        cfg,
        bindings,
        liveness,
        plan,
    })
}

/// Expands the function-like `coro::coro!`: one or more coroutine functions, or one
/// coroutine closure, whose bodies may use the `yield` keyword (see [`front`] and
/// `closure`). Never panics; errors are the transform's own, in the words the user wrote
/// (`yield`, `coro::coro!`), and a function that fails keeps a placeholder body as with
/// the attribute.
pub fn expand_function_like(input: TokenStream) -> TokenStream {
    match syn::parse2::<FunctionLike>(input) {
        Ok(FunctionLike::Functions(functions)) => functions
            .into_iter()
            .map(|mut func| {
                let checked = front::reject_yields_in_macros(&func.block);
                front::yield_keywords(&mut func.block);
                match checked.and_then(|()| expand(TokenStream::new(), &func)) {
                    Ok(tokens) => tokens,
                    Err(error) => fallback::function(front::translate(error), &func),
                }
            })
            .collect(),
        Ok(FunctionLike::Closure(closure)) => match expand_closure(&closure) {
            Ok(tokens) => tokens,
            Err(error) => front::translate(error).to_compile_error(),
        },
        Err(error) => error.to_compile_error(),
    }
}

/// Runs the transform on a coroutine closure: the expression `coro::coro!(|a| ..)`
/// expands to.
pub fn expand_closure(closure: &syn::ExprClosure) -> syn::Result<TokenStream> {
    let parsed = closure::parse(closure)?;
    let t = steps(parsed.sig, parsed.body)?;
    closure::expression(t.emit(), parsed.capture_move)
}

/// What `coro::coro!` accepts.
enum FunctionLike {
    Functions(Vec<syn::ItemFn>),
    Closure(Box<syn::ExprClosure>),
}

impl syn::parse::Parse for FunctionLike {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        const EXPECTED: &str = "`coro::coro!` takes coroutine functions \
            (`fn name(..) -> impl Coroutine<Yield = Y, Return = R> { .. }`) or one closure \
            (`move |first: A| { .. }`)";
        let closure_ahead = {
            let fork = input.fork();
            let _ = fork.call(syn::Attribute::parse_outer);
            fork.peek(syn::Token![|])
                || fork.peek(syn::Token![||])
                || fork.peek(syn::Token![move])
                || fork.peek(syn::Token![static])
                || (fork.peek(syn::Token![async]) && !fork.peek2(syn::Token![fn]))
                || (fork.peek(syn::Token![const]) && !fork.peek2(syn::Token![fn]))
                || fork.peek(syn::Token![for])
        };
        if input.is_empty() {
            return Err(input.error(EXPECTED));
        }
        if closure_ahead {
            let closure: syn::ExprClosure = input.parse()?;
            if !input.is_empty() {
                return Err(input.error(
                    "`coro::coro!` takes one closure and nothing after it; \
                     remove the tokens that follow the closure",
                ));
            }
            return Ok(FunctionLike::Closure(Box::new(closure)));
        }
        let mut functions = Vec::new();
        while !input.is_empty() {
            let item: syn::Item = input
                .parse()
                .map_err(|e| syn::Error::new(e.span(), EXPECTED))?;
            match item {
                syn::Item::Fn(func) => functions.push(func),
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        format!("{EXPECTED}; this is not a function"),
                    ))
                }
            }
        }
        Ok(FunctionLike::Functions(functions))
    }
}
