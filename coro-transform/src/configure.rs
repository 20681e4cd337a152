//! `#[cfg]` and `#[cfg_attr]` inside the body, evaluated by the compiler itself.
//!
//! An attribute macro sees its input unconfigured: a `#[cfg(any())] yield_!(1);` reaches
//! it, and rustc would only remove it from what the macro emits. Everything the transform
//! builds from such code (state variants, saves, liveness) would still see it. So the
//! attribute asks the compiler: it emits the function again with, for each predicate `P`
//! used in the body, a pair
//!
//! ```text
//! #[cfg_attr(P, doc = "__coro_cfg 0 = true")]
//! #[cfg_attr(not(P), doc = "__coro_cfg 0 = false")]
//! #[::coro::__private::configured(crate = ::coro)]
//! fn f(..) -> impl Coroutine<..> { .. }
//! ```
//!
//! rustc expands an item's `cfg_attr`s before it runs the item's next attribute macro, so
//! the second step (`configured`) receives exactly one marker per predicate, its value,
//! removes the code the predicates switch off and keeps the rest without its `cfg`s, as
//! rustc's own configuration would (`cfg_attr(P, a, b)` becomes `a, b` where `P` holds),
//! and runs the transform on what is left.
//!
//! ```text
//! // Input (with `P0 = any()` false):     // Output of `configured`:
//! #[cfg(any())] let x = yield_!(1);       // let x = 2;
//! #[cfg(not(any()))] let x = 2;           // yield_!(x);
//! yield_!(x);
//! ```

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Error, Expr, Meta, Result, Token};

/// The doc string that carries a predicate's value from the compiler to the second step.
const MARKER: &str = "__coro_cfg";

/// The distinct predicates of the `#[cfg(..)]` and `#[cfg_attr(.., ..)]` attributes in a
/// function's parameters and body, in order of appearance (an item's own count; inside items, rustc
/// configures them where they are emitted).
pub fn predicates(func: &syn::ItemFn) -> Vec<TokenStream> {
    let mut finder = Predicates::default();
    for input in &func.sig.inputs {
        finder.visit_fn_arg(input);
    }
    finder.visit_block(&func.block);
    finder.found
}

#[derive(Default)]
struct Predicates {
    found: Vec<TokenStream>,
}

impl Predicates {
    fn add(&mut self, predicate: TokenStream) {
        let text = predicate.to_string();
        if !self.found.iter().any(|p| p.to_string() == text) {
            self.found.push(predicate);
        }
    }

    fn attribute(&mut self, attr: &Attribute) {
        if let Some(predicate) = cfg_predicate(attr) {
            self.add(predicate);
        } else if let Some((predicate, attrs)) = cfg_attr_parts(attr) {
            self.add(predicate);
            for inner in attrs {
                // `cfg_attr(p, cfg(q))` and nested `cfg_attr`s: their predicates too.
                let wrapped: Attribute = syn::parse_quote!(#[#inner]);
                self.attribute(&wrapped);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Predicates {
    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        self.attribute(attr);
    }

    // An item's own attributes decide whether it stays (the transform names it, renames
    // it, hoists it); what is inside it rustc configures where it is emitted.
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let mut item = item.clone();
        if let Some(attrs) = crate::syntax::item_attrs_mut(&mut item) {
            attrs.iter().for_each(|attr| self.attribute(attr));
        }
    }
}

/// The predicate of `#[cfg(P)]`.
fn cfg_predicate(attr: &Attribute) -> Option<TokenStream> {
    match &attr.meta {
        Meta::List(list) if attr.path().is_ident("cfg") => Some(list.tokens.clone()),
        _ => None,
    }
}

/// The predicate and the attributes of `#[cfg_attr(P, a, b)]`.
fn cfg_attr_parts(attr: &Attribute) -> Option<(TokenStream, Vec<Meta>)> {
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    if !attr.path().is_ident("cfg_attr") {
        return None;
    }
    let parser = |input: syn::parse::ParseStream| {
        let predicate: Meta = input.parse()?;
        input.parse::<Token![,]>()?;
        let attrs = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        Ok((predicate.into_token_stream(), attrs.into_iter().collect()))
    };
    parser.parse2(list.tokens.clone()).ok()
}

/// The first step: the attributes that make the compiler tell the second step what each
/// predicate is, followed by the second step itself (`crate_path` and `keyword` are its
/// arguments: where the `coro` crate is, and whether the body was written with the `yield`
/// keyword).
pub fn ask(predicates: &[TokenStream], crate_path: &TokenStream, keyword: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, predicate) in predicates.iter().enumerate() {
        let yes = format!("{MARKER} {i} = true");
        let no = format!("{MARKER} {i} = false");
        out.extend(quote! {
            #[cfg_attr(#predicate, doc = #yes)]
            #[cfg_attr(not(#predicate), doc = #no)]
        });
    }
    let keyword = keyword.then(|| quote!(, keyword));
    out.extend(quote!(#[#crate_path::__private::configured(crate = #crate_path #keyword)]));
    out
}

/// The compiler's answers, as the first step's markers carried them.
pub struct Answers {
    values: HashMap<String, bool>,
}

/// Takes the markers out of the function's attributes and pairs them with the predicates
/// of its body.
pub fn answers(func: &mut syn::ItemFn) -> Result<Answers> {
    let predicates = predicates(func);
    let mut values = HashMap::new();
    let mut rest = Vec::new();
    for attr in std::mem::take(&mut func.attrs) {
        match marker(&attr) {
            Some((index, value)) => {
                let predicate = predicates.get(index).ok_or_else(|| {
                    Error::new_spanned(&attr, "coro: a `#[cfg]` marker without its predicate")
                })?;
                values.insert(predicate.to_string(), value);
            }
            None => rest.push(attr),
        }
    }
    func.attrs = rest;
    Ok(Answers { values })
}

fn marker(attr: &Attribute) -> Option<(usize, bool)> {
    let Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    }) = &nv.value
    else {
        return None;
    };
    let text = s.value();
    let rest = text.strip_prefix(MARKER)?.trim();
    let (index, value) = rest.split_once('=')?;
    Some((index.trim().parse().ok()?, value.trim() == "true"))
}

impl Answers {
    /// What `predicate` is, as the compiler said; or, for tools that run outside the
    /// compiler, as [`evaluate`] guesses.
    fn value(&self, predicate: &TokenStream) -> bool {
        self.values
            .get(&predicate.to_string())
            .copied()
            .unwrap_or_else(|| evaluate(predicate))
    }
}

/// Answers for a tool that runs outside the compiler (`coro-expand`): every predicate as
/// [`evaluate`] guesses it.
pub fn guessed() -> Answers {
    Answers {
        values: HashMap::new(),
    }
}

/// A guess at a predicate outside the compiler: `all(..)`, `any(..)` and `not(..)` as
/// written, `debug_assertions`, `unix` and `target_os = "linux"` true, everything else
/// (`test`, features, other targets) false.
pub fn evaluate(predicate: &TokenStream) -> bool {
    let Ok(meta) = syn::parse2::<Meta>(predicate.clone()) else {
        return false;
    };
    evaluate_meta(&meta)
}

fn evaluate_meta(meta: &Meta) -> bool {
    let list = |meta: &Meta| -> Vec<Meta> {
        match meta {
            Meta::List(list) => list
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .map(|p| p.into_iter().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    };
    let path = meta.path();
    if path.is_ident("all") {
        list(meta).iter().all(evaluate_meta)
    } else if path.is_ident("any") {
        list(meta).iter().any(evaluate_meta)
    } else if path.is_ident("not") {
        !list(meta).first().is_some_and(evaluate_meta)
    } else {
        match meta {
            Meta::Path(p) => p.is_ident("debug_assertions") || p.is_ident("unix"),
            Meta::NameValue(nv) => {
                nv.path.is_ident("target_os")
                    && nv.value.to_token_stream().to_string() == "\"linux\""
            }
            Meta::List(_) => false,
        }
    }
}

/// Removes the code that the answers switch off from the parameters and the body, and the
/// `cfg`s from the rest; `cfg_attr(P, a)` becomes `a` where `P` holds, nothing elsewhere.
pub fn apply(func: &mut syn::ItemFn, answers: &Answers) -> Result<()> {
    let mut configurer = Configurer {
        answers,
        error: None,
    };
    let inputs = std::mem::take(&mut func.sig.inputs);
    for mut input in inputs {
        let attrs = match &mut input {
            syn::FnArg::Receiver(r) => &mut r.attrs,
            syn::FnArg::Typed(t) => &mut t.attrs,
        };
        if configurer.keep(attrs) {
            func.sig.inputs.push(input);
        }
    }
    configurer.visit_block_mut(&mut func.block);
    match configurer.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

struct Configurer<'a> {
    answers: &'a Answers,
    error: Option<Error>,
}

impl Configurer<'_> {
    /// Whether what carries `attrs` stays; strips its `cfg`s and expands its `cfg_attr`s.
    fn keep(&mut self, attrs: &mut Vec<Attribute>) -> bool {
        let mut kept = Vec::new();
        let mut stays = true;
        for attr in std::mem::take(attrs) {
            self.expand(attr, &mut kept, &mut stays);
        }
        *attrs = kept;
        stays
    }

    fn expand(&mut self, attr: Attribute, kept: &mut Vec<Attribute>, stays: &mut bool) {
        if let Some(predicate) = cfg_predicate(&attr) {
            *stays &= self.answers.value(&predicate);
        } else if let Some((predicate, inner)) = cfg_attr_parts(&attr) {
            if self.answers.value(&predicate) {
                for meta in inner {
                    let mut expanded: Attribute = syn::parse_quote!(#[#meta]);
                    expanded.style = attr.style;
                    expanded.pound_token = attr.pound_token;
                    self.expand(expanded, kept, stays);
                }
            }
        } else {
            kept.push(attr);
        }
    }

    fn fail(&mut self, span: Span) {
        let error = Error::new(
            span,
            "`#[coro::coroutine]` cannot remove this expression: `#[cfg]` may stand on a \
             statement, a `match` arm, a struct field or a parameter; put the code in a \
             statement of its own (`#[cfg(..)] let value = ..;`)",
        );
        match &mut self.error {
            Some(first) => first.combine(error),
            None => self.error = Some(error),
        }
    }

    fn retain<T, P>(
        &mut self,
        list: &mut Punctuated<T, P>,
        attrs: fn(&mut T) -> Option<&mut Vec<Attribute>>,
    ) where
        P: Default,
    {
        let items = std::mem::take(list);
        for mut item in items {
            let stays = match attrs(&mut item) {
                Some(attrs) => self.keep(attrs),
                None => true,
            };
            if stays {
                list.push(item);
            }
        }
    }
}

fn expr_attrs(expr: &mut Expr) -> Option<&mut Vec<Attribute>> {
    crate::syntax::expr_attrs_mut(expr)
}

impl VisitMut for Configurer<'_> {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let stmts = std::mem::take(&mut block.stmts);
        for mut stmt in stmts {
            let attrs = match &mut stmt {
                syn::Stmt::Local(local) => Some(&mut local.attrs),
                syn::Stmt::Macro(m) => Some(&mut m.attrs),
                syn::Stmt::Item(item) => crate::syntax::item_attrs_mut(item),
                syn::Stmt::Expr(expr, _) => expr_attrs(expr),
            };
            let stays = match attrs {
                Some(attrs) => self.keep(attrs),
                None => true,
            };
            if stays {
                if !matches!(stmt, syn::Stmt::Item(_)) {
                    self.visit_stmt_mut(&mut stmt);
                }
                block.stmts.push(stmt);
            }
        }
        // A block whose value was switched off ends with a statement now.
        if let Some(syn::Stmt::Expr(_, semi @ None)) = block.stmts.last_mut() {
            let _ = semi;
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                let arms = std::mem::take(&mut m.arms);
                for mut arm in arms {
                    if self.keep(&mut arm.attrs) {
                        self.visit_arm_mut(&mut arm);
                        m.arms.push(arm);
                    }
                }
                return;
            }
            Expr::Struct(s) => self.retain(&mut s.fields, |f| Some(&mut f.attrs)),
            Expr::Array(a) => self.retain(&mut a.elems, expr_attrs),
            Expr::Tuple(t) => self.retain(&mut t.elems, expr_attrs),
            Expr::Call(c) => self.retain(&mut c.args, expr_attrs),
            Expr::MethodCall(m) => self.retain(&mut m.args, expr_attrs),
            Expr::Closure(c) => self.retain(&mut c.inputs, crate::syntax::pat_attrs_mut),
            _ => {}
        }
        // An attribute on any other expression must not switch it off.
        if let Some(attrs) = expr_attrs(expr) {
            if !self.keep(attrs) {
                self.fail(expr.span());
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_pat_struct_mut(&mut self, p: &mut syn::PatStruct) {
        self.retain(&mut p.fields, |f| Some(&mut f.attrs));
        visit_mut::visit_pat_struct_mut(self, p);
    }

    // Nested items are configured by rustc where they are emitted.
    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

/// A closure's body cannot be configured this way (an expression cannot carry the
/// compiler's answers): a `#[cfg]` in it is an error on the attribute.
pub fn reject_in_closure(body: &syn::Block) -> Result<()> {
    let mut finder = Predicates::default();
    finder.visit_block(body);
    if finder.found.is_empty() {
        return Ok(());
    }
    struct First(Option<Span>);
    impl<'ast> Visit<'ast> for First {
        fn visit_attribute(&mut self, attr: &'ast Attribute) {
            let is_cfg = attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr");
            if is_cfg && self.0.is_none() {
                self.0 = Some(attr.span());
            }
        }
        fn visit_item(&mut self, _item: &'ast syn::Item) {}
    }
    let mut first = First(None);
    first.visit_block(body);
    Err(Error::new(
        first.0.unwrap_or_else(Span::call_site),
        "`#[cfg]` inside a `coro::coro!` closure is not supported: the closure cannot ask the \
         compiler what the predicate is; write the coroutine as a function \
         (`coro::coro! { fn name(..) -> impl Coroutine<..> { .. } }` or `#[coro::coroutine]`), \
         where `#[cfg]` works",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configured(func: syn::ItemFn, values: &[(&str, bool)]) -> String {
        let mut func = func;
        let answers = Answers {
            values: values.iter().map(|(p, v)| (p.to_string(), *v)).collect(),
        };
        apply(&mut func, &answers).unwrap();
        func.block.to_token_stream().to_string()
    }

    #[test]
    fn statements_arms_fields_and_parameters() {
        let func: syn::ItemFn = syn::parse_quote! {
            fn f(#[cfg(feature = "x")] a: u32, b: u32) -> u32 {
                #[cfg(any())]
                let x = yield_!(1);
                #[cfg(not(any()))]
                let x = 2;
                let s = S { #[cfg(any())] a: 1, b: 2 };
                match x {
                    #[cfg(any())]
                    1 => yield_!(9),
                    _ => {}
                }
                #[cfg_attr(all(), allow(unused))]
                let y = x;
                y
            }
        };
        assert_eq!(
            predicates(&func)
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            ["feature = \"x\"", "any ()", "not (any ())", "all ()"]
        );
        let text = configured(
            func,
            &[("any ()", false), ("not (any ())", true), ("all ()", true)],
        );
        assert_eq!(
            text,
            "{ let x = 2 ; let s = S { b : 2 } ; match x { _ => { } } # [allow (unused)] let y = x ; y }"
        );
    }

    #[test]
    fn markers_carry_the_answers() {
        let mut func: syn::ItemFn = syn::parse_quote! {
            #[doc = "__coro_cfg 0 = false"]
            #[doc = "kept"]
            fn f() -> u32 { #[cfg(unix)] return 1; 2 }
        };
        let answers = answers(&mut func).unwrap();
        assert_eq!(func.attrs.len(), 1);
        apply(&mut func, &answers).unwrap();
        assert_eq!(func.block.to_token_stream().to_string(), "{ 2 }");
    }

    #[test]
    fn tools_guess_common_predicates() {
        let guess = |p: &str| evaluate(&p.parse().unwrap());
        assert!(guess("all()") && !guess("any()") && guess("not(test)"));
        assert!(guess("debug_assertions") && !guess("feature = \"x\""));
        assert!(guess("any(unix, windows)"));
    }
}
