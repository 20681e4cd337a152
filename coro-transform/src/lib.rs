//! The coroutine transform behind `#[coro::coroutine]` and `coro::coro!`, as a plain
//! library, so that it can be unit-tested and called by tools (such as an expansion
//! viewer) as well as by the proc macro. Users of coroutines want the `stable-coro`
//! package (library `coro`) instead; this crate is what its macros run.
//!
//! ```
//! let item: proc_macro2::TokenStream = "
//!     fn count(n: u32) -> impl Coroutine<Yield = u32, Return = ()> {
//!         for i in 0..n {
//!             yield_!(i);
//!         }
//!     }
//! "
//! .parse()
//! .unwrap();
//! let expansion = coro_transform::expand_attribute(Default::default(), item).to_string();
//! // One state per suspension point, resumed by a `coro::Machine`.
//! assert!(expansion.contains("Suspend0"));
//! assert!(expansion.contains(":: coro :: __private :: Machine :: new"));
//! ```
//!
//! The steps, each in its own module, follow the order of rustc's own coroutine transform
//! (the modules are public for the workspace's tools and tests, but hidden: they are not a
//! stable API):
//!
//! 1. `signature`: read the function's signature (parameters, `#[resume]`, the
//!    `impl Coroutine<A, Yield = Y, Return = R>` it returns).
//! 2. `configure`: `#[cfg]` and `#[cfg_attr]` in the body, evaluated by the compiler
//!    (the attribute asks it, then a second step removes what they switch off);
//!    `delegate`: `yield_from!(sub)` becomes a loop of `yield_!`s.
//! 3. `rewrite` and `shadow`: make the body movable into a resume function (`self`,
//!    `return`, `?`; a name of its own for each binding that hides another the coroutine
//!    must keep).
//!    `items`: items of inner blocks that will be hoisted get names that hide nothing;
//!    `item_scope`: each hoisted function body gets the macros and `use`s it saw.
//! 4. `linearize`: move yields out of larger expressions, keeping evaluation order.
//! 5. `spine`: split the body into the *yield spine* and plain code, rejecting yields
//!    where they are not supported (`explain`).
//! 6. `cfg`: the control-flow graph, built once, with every name resolved (`facts` reads
//!    plain code, `bindings` holds the locals).
//! 7. `liveness` (rustc: `locals_live_across_suspend_points`): which bindings each resume
//!    path gets back, as dataflow over the graph. `borrows`: the borrows of the coroutine's
//!    own locals held across a yield, made again after each resume from what they borrow
//!    (which is held instead); steps 6 and 7 run again without a borrow whose inputs
//!    change while it is held, and what cannot be made again is rejected (`settle`).
//!    `unshadow`: each binding `shadow` renamed gets its own name back wherever the code
//!    that saves and passes held values can still tell it from the bindings it hides.
//! 8. `plan`: the regions of the resume function: after each yield, and the joins where
//!    paths meet.
//! 9. `regions` (rustc: `create_coroutine_resume_function`): each region's code.
//! 10. `assemble` (rustc: `compute_layout`): the state enum, the dispatch, the machine.
//!
//! Bodies given to `coro::coro!` first pass through `front`, which turns the `yield`
//! keyword into `yield_!` (and the private `closure` module gives a closure's captures a
//! signature). [`diagram`] is not a step: it describes the machine for tools that show it,
//! through [`inspect`]. [`names`] holds every identifier the transform generates, and
//! [`paths`] the path of the `coro` crate that the generated code uses.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The steps are public for the workspace's tools and tests, but they are not a stable API
// (they change with every improvement of the transform), so they are hidden from the
// documentation; the API is the entry points below, `diagram`, `names` and `paths`.
#[doc(hidden)]
pub mod assemble;
#[doc(hidden)]
pub mod bindings;
#[doc(hidden)]
pub mod borrows;
#[doc(hidden)]
pub mod cfg;
mod closure;
#[doc(hidden)]
pub mod configure;
#[doc(hidden)]
pub mod delegate;
pub mod diagram;
#[doc(hidden)]
pub mod explain;
#[doc(hidden)]
pub mod facts;
mod fallback;
#[doc(hidden)]
pub mod front;
#[doc(hidden)]
pub mod ids;
#[doc(hidden)]
pub mod item_scope;
#[doc(hidden)]
pub mod items;
#[doc(hidden)]
pub mod jumps;
#[doc(hidden)]
pub mod known_types;
#[doc(hidden)]
pub mod linearize;
#[doc(hidden)]
pub mod liveness;
pub mod names;
pub mod paths;
#[doc(hidden)]
pub mod plan;
#[doc(hidden)]
pub mod regions;
#[doc(hidden)]
pub mod rewrite;
#[doc(hidden)]
pub mod shadow;
#[doc(hidden)]
pub mod signature;
#[doc(hidden)]
pub mod spine;
pub mod stages;
#[doc(hidden)]
pub mod syntax;
#[doc(hidden)]
pub mod unshadow;

use proc_macro2::{Span, TokenStream};
use syn::{Lifetime, Pat};

/// Expands `#[coro::coroutine]` applied to `item`, with `args` the attribute's arguments,
/// naming the crate `::coro` in the generated code (unless the arguments say
/// `crate = path`); [`expand_attribute_in`] with [`paths::default_root`].
///
/// Never panics: anything it cannot transform becomes a compile error on the user's tokens,
/// emitted next to the function (with a body that type-checks) so that the rest of the
/// crate, and rust-analyzer, still see the function.
///
/// ```
/// let item = "fn f() -> impl Iterator<Item = u32> { yield_!(1); }".parse().unwrap();
/// let out = coro_transform::expand_attribute(Default::default(), item).to_string();
/// assert!(out.contains("compile_error"));
/// assert!(out.contains("must return `impl Coroutine<Yield = Y, Return = R>`"));
/// ```
pub fn expand_attribute(args: TokenStream, item: TokenStream) -> TokenStream {
    expand_attribute_in(paths::default_root(), args, item)
}

/// [`expand_attribute`], with `root` the path of the `coro` crate in the user's crate
/// (`::coro`, or `::co` for a dependency renamed `co`), used by every path the generated
/// code writes; an argument `crate = path` overrides it.
///
/// ```
/// let item = "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }";
/// let out = coro_transform::expand_attribute_in(
///     "::co".parse().unwrap(),
///     Default::default(),
///     item.parse().unwrap(),
/// )
/// .to_string();
/// assert!(out.contains(":: co :: __private :: Machine"));
/// assert!(!out.contains(":: coro ::"));
/// ```
pub fn expand_attribute_in(root: TokenStream, args: TokenStream, item: TokenStream) -> TokenStream {
    guarded(|| deep(|| expand_attribute_on_stack(root, args, item)))
}

/// The stack a transform may use: deeply nested bodies recurse deeply (in syn's parser and
/// in every step), so each entry point runs with at least this much.
const STACK: usize = 256 * 1024 * 1024;

/// Runs an expansion; should a step panic (a bug of the transform: every input gets an
/// error of its own, never a panic), the panic becomes a compile error at the macro call
/// instead of "custom attribute panicked", with what to report.
fn guarded(f: impl FnOnce() -> TokenStream) -> TokenStream {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(tokens) => tokens,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let text = format!(
                "internal error in coro's transform ({message}); please report it with this \
                 function's body, and meanwhile move the yield it is about into a `let` of \
                 its own"
            );
            syn::Error::new(Span::call_site(), text).to_compile_error()
        }
    }
}

/// Runs `f` with [`STACK`] bytes of stack, growing it when less is left.
fn deep<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(32 * 1024 * 1024, STACK, f)
}

fn expand_attribute_on_stack(
    root: TokenStream,
    args: TokenStream,
    item: TokenStream,
) -> TokenStream {
    // A postfix `.yield` is parsed, then rejected with what to write instead.
    let item = front::postfix_yields(item);
    let (root, args) = match attribute_args(args) {
        Ok(Some(path)) => (path, Ok(())),
        Ok(None) => (root, Ok(())),
        Err(error) => (root, Err(error)),
    };
    paths::with_root(root, || {
        let func: syn::ItemFn = match syn::parse2(item.clone()) {
            Ok(func) => func,
            Err(error) => return fallback::not_a_function(item, error),
        };
        if let Err(error) = args {
            return fallback::function(error, &func);
        }
        if let Some(asked) = ask_for_cfg(&func, false) {
            return asked;
        }
        match expand_function(&func) {
            Ok(tokens) => tokens,
            Err(error) => fallback::function(error, &func),
        }
    })
}

/// When the function's parameters or body use `#[cfg]` or `#[cfg_attr]`: the function
/// again, with the attributes that make the compiler evaluate each predicate and the
/// second step that applies them ([`configure`]); `keyword` when the body came from
/// `coro::coro!` (its `yield`s already turned into `yield_!`).
fn ask_for_cfg(func: &syn::ItemFn, keyword: bool) -> Option<TokenStream> {
    let predicates = configure::predicates(func);
    if predicates.is_empty() {
        return None;
    }
    let ask = configure::ask(&predicates, &paths::root(), keyword);
    Some(quote::quote!(#ask #func))
}

/// The second step of a function whose body uses `#[cfg]` (see [`configure`]): `args` are
/// `crate = path` and, for a function from `coro::coro!`, `keyword`; `item` carries the
/// compiler's answers. Removes the code the predicates switch off and expands the rest.
pub fn expand_configured(args: TokenStream, item: TokenStream) -> TokenStream {
    guarded(|| deep(|| expand_configured_on_stack(args, item)))
}

fn expand_configured_on_stack(args: TokenStream, item: TokenStream) -> TokenStream {
    let parser = |input: syn::parse::ParseStream| {
        let root = crate_path(input)?;
        let keyword = if input.peek(syn::Token![,]) {
            input.parse::<syn::Token![,]>()?;
            let word: syn::Ident = input.parse()?;
            word == "keyword"
        } else {
            false
        };
        Ok((root, keyword))
    };
    let (root, keyword) = match syn::parse::Parser::parse2(parser, args) {
        Ok(parsed) => parsed,
        Err(error) => return error.to_compile_error(),
    };
    paths::with_root(root, || {
        let mut func: syn::ItemFn = match syn::parse2(item.clone()) {
            Ok(func) => func,
            Err(error) => return fallback::not_a_function(item, error),
        };
        let configured =
            configure::answers(&mut func).and_then(|answers| configure::apply(&mut func, &answers));
        let translate = |error| {
            if keyword {
                front::translate(error)
            } else {
                error
            }
        };
        match configured.and_then(|()| expand_function(&func)) {
            Ok(tokens) => tokens,
            Err(error) => fallback::function(translate(error), &func),
        }
    })
}

/// Runs the transform, or says why it cannot (`args` are the attribute's arguments): the
/// error is returned rather than emitted with a placeholder, as [`expand_attribute`] does.
///
/// ```
/// let func: syn::ItemFn = syn::parse_str(
///     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }",
/// )
/// .unwrap();
/// assert!(coro_transform::expand(Default::default(), &func).is_ok());
///
/// let func: syn::ItemFn = syn::parse_str("async fn f() -> impl Coroutine<Yield = u32, Return = ()> {}").unwrap();
/// let error = coro_transform::expand(Default::default(), &func).unwrap_err();
/// assert!(error.to_string().contains("cannot be applied to an `async fn`"));
/// ```
pub fn expand(args: TokenStream, func: &syn::ItemFn) -> syn::Result<TokenStream> {
    deep(|| expand_on_stack(args, func))
}

fn expand_on_stack(args: TokenStream, func: &syn::ItemFn) -> syn::Result<TokenStream> {
    let root = attribute_args(args)?.unwrap_or_else(paths::root);
    paths::with_root(root, || expand_function(func))
}

/// The transform of a function, under the crate path already set.
fn expand_function(func: &syn::ItemFn) -> syn::Result<TokenStream> {
    Ok(transform(func, &mut stages::Recorder::off())?.emit())
}

/// The attribute's arguments: nothing, or `crate = path` (also `crate = "path"`, as serde
/// spells it), the path under which the user's crate reaches `coro`.
fn attribute_args(args: TokenStream) -> syn::Result<Option<TokenStream>> {
    if args.is_empty() {
        return Ok(None);
    }
    let parser = |input: syn::parse::ParseStream| {
        let expected = "`#[coro::coroutine]` takes no arguments other than `crate = path`, the \
            path of the `coro` crate where it is not `::coro` (`#[coro::coroutine(crate = ::co)]`); \
            write `#[coro::coroutine]` alone otherwise";
        if !(input.peek(syn::Token![crate]) && input.peek2(syn::Token![=])) {
            return Err(input.error(expected));
        }
        let path = crate_path(input)?;
        if !input.is_empty() {
            return Err(input.error(expected));
        }
        Ok(path)
    };
    syn::parse::Parser::parse2(parser, args).map(Some)
}

/// `crate = path` or `crate = "path"` (the attribute's arguments, or the head of
/// `coro::coro!`'s input): the tokens of the path.
pub(crate) fn crate_path(input: syn::parse::ParseStream) -> syn::Result<TokenStream> {
    input.parse::<syn::Token![crate]>()?;
    input.parse::<syn::Token![=]>()?;
    let needs_path = "`crate =` needs the path of the `coro` crate, such as `::co`";
    let path: syn::Path = if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        lit.parse()
            .map_err(|_| syn::Error::new(lit.span(), needs_path))?
    } else {
        syn::Path::parse_mod_style(input).map_err(|e| syn::Error::new(e.span(), needs_path))?
    };
    Ok(quote::ToTokens::into_token_stream(path))
}

/// What a tool needs to show a coroutine: the expansion and the state machine's diagram
/// (see [`inspect`] for an example).
pub struct Inspection {
    /// The tokens `#[coro::coroutine]` produces, the same as [`expand`]'s.
    pub expansion: TokenStream,
    /// The suspension points and the transitions between them.
    pub diagram: diagram::Diagram,
}

/// Runs the transform as [`expand`] does and also computes the state machine's diagram;
/// for tools such as `coro-expand` (the proc macro does not need the diagram).
///
/// ```
/// let func: syn::ItemFn = syn::parse_str(
///     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); yield_!(2); }",
/// )
/// .unwrap();
/// let inspection = coro_transform::inspect(Default::default(), &func).unwrap();
/// assert_eq!(inspection.diagram.points.len(), 2);
/// ```
pub fn inspect(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Inspection> {
    deep(|| inspect_on_stack(args, func))
}

fn inspect_on_stack(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Inspection> {
    let root = attribute_args(args)?.unwrap_or_else(paths::root);
    paths::with_root(root, || {
        // Outside the compiler, `#[cfg]`s are guessed (see `configure::evaluate`).
        let mut func = func.clone();
        configure::apply(&mut func, &configure::guessed())?;
        let t = transform(&func, &mut stages::Recorder::off())?;
        let diagram = diagram::diagram(&t.spine, &t.cfg, &t.bindings, &t.liveness);
        Ok(Inspection {
            expansion: t.emit(),
            diagram,
        })
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
    /// How the emitted code spells the bindings the shadow step renamed.
    renames: unshadow::Unshadowed,
}

impl Transformed {
    fn analysed(&self) -> assemble::Analysed<'_> {
        assemble::Analysed {
            spine: &self.spine,
            cfg: &self.cfg,
            bindings: &self.bindings,
            live: &self.liveness,
            plan: &self.plan,
            unshadowed: &self.renames,
        }
    }

    fn emit(&self) -> TokenStream {
        let code = assemble::function(&self.sig, &self.body, &self.analysed());
        self.renames.restore(code)
    }
}

/// Runs the transform as [`expand`] does and keeps what every step produced, in the order
/// the steps run (see [`stages`]): the body after each syntactic step as code, the spine,
/// graph, liveness, plan and regions as text, then the expansion. For tools and golden
/// tests; `#[cfg]`s are guessed as [`inspect`] guesses them.
///
/// ```
/// let func: syn::ItemFn = syn::parse_str(
///     "fn f() -> impl Coroutine<Yield = u32, Return = ()> { let x = 1; yield_!(x + 1); }",
/// )
/// .unwrap();
/// let stages = coro_transform::inspect_stages(Default::default(), &func).unwrap();
/// let steps: Vec<&str> = stages.iter().map(|s| s.step).collect();
/// assert_eq!(
///     steps,
///     [
///         "configure", "signature", "delegate", "shadow", "rewrite", "items", "linearize",
///         "borrows", "spine", "cfg", "liveness", "unshadow", "plan", "regions", "assemble",
///     ]
/// );
/// ```
pub fn inspect_stages(args: TokenStream, func: &syn::ItemFn) -> syn::Result<Vec<stages::Stage>> {
    deep(|| {
        let root = attribute_args(args)?.unwrap_or_else(paths::root);
        paths::with_root(root, || {
            let mut func = func.clone();
            configure::apply(&mut func, &configure::guessed())?;
            let mut record = stages::Recorder::keeping();
            record.code("configure", || {
                quote::ToTokens::to_token_stream(&func.block)
            });
            let t = transform(&func, &mut record)?;
            // Each region as the body of a function named after its entry.
            record.code("regions", || {
                let (_, code) = assemble::regions(&t.sig, &t.body, &t.analysed());
                code.iter()
                    .map(|(entry, code)| {
                        let name = syn::Ident::new(&entry.name(), Span::call_site());
                        quote::quote!(fn #name() { #code })
                    })
                    .collect()
            });
            record.code("assemble", || t.emit());
            Ok(record.into_stages())
        })
    })
}

/// Every step but the last: everything except the final tokens.
fn transform(func: &syn::ItemFn, record: &mut stages::Recorder) -> syn::Result<Transformed> {
    front::reject_yield_keywords(&func.block)?;
    let sig = signature::parse(func)?;
    record.text("signature", || format!("{sig:?}"));
    let mut body = (*func.block).clone();
    delegate::rewrite(&mut body)?;
    record.code("delegate", || quote::ToTokens::to_token_stream(&body));
    rewrite::rename_self(&mut body);
    steps(sig, body, record)
}

/// The steps shared by functions and closures, from a body whose `yield_from!`s are
/// rewritten and whose `self` (for a method) is renamed.
fn steps(
    mut sig: signature::CoroutineFn,
    body: syn::Block,
    record: &mut stages::Recorder,
) -> syn::Result<Transformed> {
    let constants = body.clone();
    let params: Vec<Pat> = sig.params.iter().map(|p| p.pat.clone()).collect();
    sig.trust = known_types::Trust::of(&sig.item.sig.generics, &body);
    let trust = sig.trust.clone();
    syntax::with_body_constants(&params, &constants, || {
        known_types::with_trust(trust, || analyse(sig, body, record))
    })
}

fn analyse(
    sig: signature::CoroutineFn,
    mut body: syn::Block,
    record: &mut stages::Recorder,
) -> syn::Result<Transformed> {
    use quote::ToTokens;
    let params: Vec<Pat> = sig.params.iter().map(|p| p.pat.clone()).collect();
    let body_label = Lifetime::new("'__coroutine_body", Span::mixed_site());
    let renames = shadow::rename(&mut body, &params);
    record.code("shadow", || body.to_token_stream());
    rewrite::rewrite_exits(&mut body, &body_label);
    record.code("rewrite", || body.to_token_stream());
    items::check_inner_traits(&body)?;
    items::rename_hoisted(&mut body);
    item_scope::carry(&mut body);
    record.code("items", || body.to_token_stream());
    // A call of a `macro_rules!` of the body may write the locals its rules name.
    syntax::with_body_macros(syntax::body_macro_rules(&body), || {
        linearize::body(&mut body)
    })?;
    record.code("linearize", || body.to_token_stream());
    borrows::hoist_owned_iterables(&mut body);
    record.code("borrows", || body.to_token_stream());
    let spine = spine::build(&body)?;
    record.text("spine", || format!("{:?}", stages::SpineTree(&spine)));
    // A call of a `macro_rules!` of the body reads the locals its rules name.
    let (cfg, bindings, liveness) =
        syntax::with_body_macros(syntax::body_macro_rules(&body), || {
            settle(&spine, &params, &sig)
        })?;
    record.text("cfg", || format!("{bindings:#?}\n{cfg:?}"));
    record.text("liveness", || format!("{liveness:?}"));
    let facts = unshadow::Facts {
        spine: &spine,
        cfg: &cfg,
        bindings: &bindings,
        live: &liveness,
    };
    let renames = unshadow::settle(&renames, &body, &facts);
    record.text("unshadow", || renames.describe());
    let plan = plan::Plan::new(&spine, &cfg, &bindings, &liveness);
    record.text("plan", || format!("{plan:?}"));
    Ok(Transformed {
        sig,
        body,
        spine,
        cfg,
        bindings,
        liveness,
        plan,
        renames,
    })
}

/// Steps 6 to 8 (graph, liveness, borrows), until the borrows of the coroutine's own locals
/// to make again after each resume are settled: a borrow whose inputs change while it is
/// held is not re-derived, and the graph is built again without it (see [`borrows`]).
fn settle(
    spine: &spine::Spine,
    params: &[Pat],
    sig: &signature::CoroutineFn,
) -> syn::Result<(cfg::Cfg, bindings::Bindings, liveness::Liveness)> {
    let mut context = cfg::Context {
        param_types: sig.params.iter().map(|p| p.ty.clone()).collect(),
        excluded: borrows::Excluded::default(),
    };
    loop {
        let (cfg, mut bindings) = cfg::build(spine, params, &context);
        let liveness = liveness::analyse(spine, &cfg, &mut bindings)?;
        let conflicts = borrows::conflicts(spine, &cfg, &bindings, &liveness);
        if conflicts.is_empty() {
            borrows::check(spine, &cfg, &bindings, &liveness)?;
            return Ok((cfg, bindings, liveness));
        }
        context.excluded.stmts.extend(conflicts);
    }
}

/// Expands the function-like `coro::coro!`: one or more coroutine functions, or one
/// coroutine closure, whose bodies may use the `yield` keyword (see [`front`] and
/// `closure`). Never panics; errors are the transform's own, in the words the user wrote
/// (`yield`, `coro::coro!`), and a function that fails keeps a placeholder body as with
/// the attribute. The generated code names the crate `::coro`, unless the input starts
/// with `crate = path;` ([`expand_function_like_in`] with [`paths::default_root`]).
///
/// ```
/// let input = "move |first: u32| { let next = yield first; next }".parse().unwrap();
/// let out = coro_transform::expand_function_like(input).to_string();
/// assert!(!out.contains("compile_error"));
/// assert!(out.contains(":: coro :: __private :: Machine"));
/// ```
pub fn expand_function_like(input: TokenStream) -> TokenStream {
    expand_function_like_in(paths::default_root(), input)
}

/// [`expand_function_like`], with `root` the path of the `coro` crate in the user's crate
/// (see [`expand_attribute_in`]); a leading `crate = path;` in the input overrides it.
///
/// ```
/// let input = "crate = ::rt; || { yield 1; }".parse().unwrap();
/// let out = coro_transform::expand_function_like_in("::co".parse().unwrap(), input).to_string();
/// assert!(out.contains(":: rt :: __private :: Machine"));
/// ```
pub fn expand_function_like_in(root: TokenStream, input: TokenStream) -> TokenStream {
    guarded(|| deep(|| expand_function_like_on_stack(root, input)))
}

fn expand_function_like_on_stack(root: TokenStream, input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<front::FunctionLike>(front::postfix_yields(input)) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let root = input.root.unwrap_or(root);
    paths::with_root(root, || match input.body {
        front::FunctionLikeBody::Functions(functions) => functions
            .into_iter()
            .map(|mut func| {
                let checked = front::reject_yields_in_macros(&func.block);
                front::yield_keywords(&mut func.block);
                if let (Ok(()), Some(asked)) = (&checked, ask_for_cfg(&func, true)) {
                    return asked;
                }
                match checked.and_then(|()| expand_function(&func)) {
                    Ok(tokens) => tokens,
                    Err(error) => fallback::function(front::translate(error), &func),
                }
            })
            .collect(),
        front::FunctionLikeBody::Closure(closure) => match expand_closure(&closure) {
            Ok(tokens) => tokens,
            Err(error) => front::translate(error).to_compile_error(),
        },
    })
}

/// Runs the transform on a coroutine closure: the expression `coro::coro!(|a| ..)`
/// expands to.
///
/// ```
/// let closure: syn::ExprClosure = syn::parse_str("|| { yield 1; yield 2; }").unwrap();
/// let out = coro_transform::expand_closure(&closure).unwrap().to_string();
/// assert!(out.contains("Suspend1"));
/// ```
pub fn expand_closure(closure: &syn::ExprClosure) -> syn::Result<TokenStream> {
    let parsed = closure::parse(closure)?;
    configure::reject_in_closure(&parsed.body)?;
    let wrapper = parsed.wrapper;
    let t = steps(parsed.sig, parsed.body, &mut stages::Recorder::off())
        .map_err(|e| wrapper.error(e))?;
    wrapper.expression(t.emit())
}
