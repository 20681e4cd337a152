//! Shows what `#[coro::coroutine]` makes of a function: the generated code, pretty-printed
//! with its states annotated, and the state machine as a Graphviz DOT diagram or as SVG
//! laid out here ([`svg`]).
//!
//! The binary (`cargo run -p coro-expand -- FILE [FUNCTION] [--dot] [--svg OUT.svg]`) is a
//! thin layer over [`expand_source`], [`Expanded::code`] and [`Expanded::dot`], which the
//! golden tests call directly.
#![forbid(unsafe_code)]

use std::fmt;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

use coro_transform::diagram::{Diagram, Point, State};

use coro_transform::names::STATE_ENUM;

pub mod page;
pub mod svg;

/// An error to report to the user: where, and what went wrong.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with the given message.
    pub fn new(message: impl Into<String>) -> Self {
        Error(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// One `#[coro::coroutine]` function of a source file, transformed.
pub struct Expanded {
    /// Its path inside the file: `parse`, `Lexer::next`, `inner::count`.
    pub path: String,
    /// The line of the `fn` keyword.
    pub line: usize,
    /// The generated code, pretty-printed, with each state annotated.
    pub code: String,
    /// The state machine as Graphviz DOT.
    pub dot: String,
    /// The state machine, to be drawn as SVG without Graphviz ([`svg::Graph::svg`]).
    pub graph: svg::Graph,
    /// The line of the function's first line, its `#[coro::coroutine]` attribute (or
    /// the `fn` line when it sits on the same line).
    pub first_line: usize,
    /// The line of the function's closing brace.
    pub last_line: usize,
}

/// A coroutine function found in a file, before the transform.
struct Found {
    path: String,
    args: TokenStream,
    func: syn::ItemFn,
    /// The line of the attribute.
    attr_line: usize,
}

/// Transforms every `#[coro::coroutine]` (or `#[coroutine]`) function of `source`, those
/// inside `impl` blocks and inline modules included, keeping those whose name or path is
/// `filter` when given. `file` names the source in messages.
///
/// A function the transform rejects gives an error with its line and column, as the
/// compiler would report it; the other functions are still transformed, and the errors
/// come back together after them.
pub fn expand_source(
    file: &str,
    source: &str,
    filter: Option<&str>,
) -> (Vec<Expanded>, Vec<Error>) {
    let found = match find(file, source, filter) {
        Ok(found) => found,
        Err(errors) => return (Vec::new(), errors),
    };
    let mut expanded = Vec::new();
    let mut errors = Vec::new();
    for f in found {
        match expand_one(&f) {
            Ok(one) => expanded.push(one),
            Err(error) => errors.extend(error.into_iter().map(|e| located_in(file, &f, &e))),
        }
    }
    (expanded, errors)
}

/// The coroutine functions of `source` that `filter` names (all of them without one).
fn find(file: &str, source: &str, filter: Option<&str>) -> Result<Vec<Found>, Vec<Error>> {
    let parsed = syn::parse_file(source).map_err(|error| vec![located(file, &error)])?;
    let mut found = Vec::new();
    collect_items(&parsed.items, &[], &mut found);
    if found.is_empty() {
        let error = format!("{file}: no `#[coro::coroutine]` function in this file");
        return Err(vec![Error(error)]);
    }
    let names: Vec<String> = found.iter().map(|f| f.path.clone()).collect();
    if let Some(filter) = filter {
        found.retain(|f| f.path == filter || f.func.sig.ident == filter);
        if found.is_empty() {
            let error = format!(
                "{file}: no `#[coro::coroutine]` function named `{filter}`; the file has: {}",
                names.join(", ")
            );
            return Err(vec![Error(error)]);
        }
    }
    Ok(found)
}

/// An error of the transform on function `f`, with its line and column as the compiler
/// would report it.
fn located_in(file: &str, f: &Found, e: &syn::Error) -> Error {
    let start = e.span().start();
    Error(format!(
        "{file}:{}:{}: `{}`: {e}",
        start.line,
        start.column + 1,
        f.path
    ))
}

/// What every step of the transform made of each `#[coro::coroutine]` function of
/// `source` (those `filter` names, when given): one text per function, with its path,
/// each step under a heading (`// ===== 7. linearize =====`), code pretty-printed.
/// Errors come back as [`expand_source`]'s do.
pub fn stages_source(
    file: &str,
    source: &str,
    filter: Option<&str>,
) -> (Vec<(String, String)>, Vec<Error>) {
    let found = match find(file, source, filter) {
        Ok(found) => found,
        Err(errors) => return (Vec::new(), errors),
    };
    let mut shown = Vec::new();
    let mut errors = Vec::new();
    for f in found {
        match coro_transform::inspect_stages(f.args.clone(), &f.func) {
            Ok(stages) => shown.push((f.path.clone(), stages_text(&stages))),
            Err(error) => errors.extend(error.into_iter().map(|e| located_in(file, &f, &e))),
        }
    }
    (shown, errors)
}

/// The stages under numbered headings.
fn stages_text(stages: &[coro_transform::stages::Stage]) -> String {
    use coro_transform::stages::Shown;
    let mut out = String::new();
    for (i, stage) in stages.iter().enumerate() {
        out.push_str(&format!("// ===== {}. {} =====\n\n", i + 1, stage.step));
        match &stage.shown {
            Shown::Code(code) => out.push_str(&pretty(code)),
            Shown::Text(text) => out.push_str(text),
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Code as rustfmt would lay it out: a function or a block (shown as the body of
/// `fn body()`); tokens that do not parse as either are shown as they are.
fn pretty(code: &TokenStream) -> String {
    if let Ok(file) = syn::parse2::<syn::File>(code.clone()) {
        return prettyplease::unparse(&file);
    }
    match syn::parse2::<syn::Block>(code.clone()) {
        Ok(block) => {
            let file: syn::File = syn::parse_quote!(fn body() #block);
            prettyplease::unparse(&file)
        }
        Err(_) => code.to_string(),
    }
}

/// A syntax error with its position.
fn located(file: &str, error: &syn::Error) -> Error {
    let start = error.span().start();
    Error(format!(
        "{file}:{}:{}: cannot parse the file: {error}",
        start.line,
        start.column + 1
    ))
}

/// Collects the coroutine functions among `items`, `scope` being the path around them.
fn collect_items(items: &[syn::Item], scope: &[String], out: &mut Vec<Found>) {
    for item in items {
        match item {
            syn::Item::Fn(func) => consider(func.clone(), scope, out),
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    let mut inner = scope.to_vec();
                    inner.push(module.ident.to_string());
                    collect_items(items, &inner, out);
                }
            }
            syn::Item::Impl(block) => {
                let mut inner = scope.to_vec();
                inner.push(type_name(&block.self_ty));
                for item in &block.items {
                    if let syn::ImplItem::Fn(method) = item {
                        let func = syn::ItemFn {
                            attrs: method.attrs.clone(),
                            vis: method.vis.clone(),
                            sig: method.sig.clone(),
                            block: Box::new(method.block.clone()),
                        };
                        consider(func, &inner, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The last segment of an `impl`'s type, `Lexer` for `impl<'a> Lexer<'a>`.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(|| "_".to_string(), |s| s.ident.to_string()),
        other => other.to_token_stream().to_string(),
    }
}

/// Keeps `func` if it carries the attribute, which is taken off as the compiler does
/// before calling the macro.
fn consider(mut func: syn::ItemFn, scope: &[String], out: &mut Vec<Found>) {
    let Some(at) = func.attrs.iter().position(is_coroutine_attr) else {
        return;
    };
    let attr = func.attrs.remove(at);
    let attr_line = attr.pound_token.span.start().line;
    let args = match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    let mut path = scope.to_vec();
    path.push(func.sig.ident.to_string());
    out.push(Found {
        path: path.join("::"),
        args,
        func,
        attr_line,
    });
}

/// `#[coro::coroutine]` or `#[coroutine]`.
fn is_coroutine_attr(attr: &syn::Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["coro", "coroutine"] || segments == ["coroutine"]
}

fn expand_one(found: &Found) -> syn::Result<Expanded> {
    let inspection = coro_transform::inspect(found.args.clone(), &found.func)?;
    let points = &inspection.diagram.points;
    let mut file: syn::File = syn::parse2(inspection.expansion).map_err(|e| {
        syn::Error::new(
            found.func.sig.ident.span(),
            format!("the expansion does not parse as Rust ({e}); this is a bug in coro-transform"),
        )
    })?;
    Annotate {
        points,
        showing: false,
    }
    .visit_file_mut(&mut file);
    let code = prettyplease::unparse(&file);
    let holds = start_holds(&found.func);
    let dot = dot(&found.path, &holds, &inspection.diagram);
    let graph = svg::Graph::new(&found.path, &holds, &inspection.diagram);
    let line = found.func.sig.fn_token.span.start().line;
    Ok(Expanded {
        path: found.path.clone(),
        line,
        code,
        dot,
        graph,
        first_line: found.attr_line.min(line),
        last_line: found.func.block.brace_token.span.close().start().line,
    })
}

/// The values `Unresumed` holds: the parameters other than the `#[resume]` one.
fn start_holds(func: &syn::ItemFn) -> Vec<String> {
    func.sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Receiver(_) => Some("self".to_string()),
            syn::FnArg::Typed(typed) => {
                let resume = typed.attrs.iter().any(|a| a.path().is_ident("resume"));
                let name = match &*typed.pat {
                    syn::Pat::Ident(p) => p.ident.to_string(),
                    other => other.to_token_stream().to_string(),
                };
                (!resume).then_some(name)
            }
        })
        .collect()
}

/// Where a suspension point is, for a person: `line 54: yield_!(value)`.
fn describe(point: &Point) -> String {
    format!("line {}: {}", point.span.start().line, point.text)
}

/// What a point holds, for a person: `holds getchar, len` or `holds nothing`.
pub(crate) fn describe_holds(holds: &[String]) -> String {
    if holds.is_empty() {
        "holds nothing".to_string()
    } else {
        format!("holds {}", holds.join(", "))
    }
}

/// Adds a doc comment (printed as `///`) to each state of the enum, each arm of the
/// resume function and each arm of the closure that shows the held values, saying which
/// `yield_!` it stands for.
struct Annotate<'a> {
    points: &'a [Point],
    /// Inside the closure passed to `Machine::__show_values`.
    showing: bool,
}

impl Annotate<'_> {
    fn point(&self, variant: &syn::Ident) -> Option<&Point> {
        let index: usize = variant.to_string().strip_prefix("Suspend")?.parse().ok()?;
        self.points.get(index)
    }

    /// The text for a state, by variant name.
    fn state(&self, variant: &syn::Ident) -> Option<String> {
        match variant.to_string().as_str() {
            "Unresumed" => Some("Created, not resumed yet: holds the parameters.".to_string()),
            "Returned" => Some("Completed: resuming again panics.".to_string()),
            "Poisoned" => Some("A resume panicked: resuming again panics.".to_string()),
            _ => self.point(variant).map(|p| {
                format!(
                    "Suspended at {}; {}.",
                    describe(p),
                    describe_holds(&p.holds)
                )
            }),
        }
    }

    /// The text for a resume arm, by the state it matches.
    fn arm(&self, variant: &syn::Ident) -> Option<String> {
        if self.showing {
            return self
                .point(variant)
                .map(|p| format!("Suspended at {}: show what it holds.", describe(p)));
        }
        match variant.to_string().as_str() {
            "Unresumed" => Some("First resume: run the body from the top.".to_string()),
            _ => self
                .point(variant)
                .map(|p| format!("Resumed at {}: run on from there.", describe(p))),
        }
    }
}

fn doc(text: &str) -> syn::Attribute {
    let text = format!(" {text}");
    syn::parse_quote!(#[doc = #text])
}

impl VisitMut for Annotate<'_> {
    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        if item.ident == STATE_ENUM {
            for variant in &mut item.variants {
                if let Some(text) = self.state(&variant.ident) {
                    variant.attrs.insert(0, doc(&text));
                }
            }
        }
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        let shows = matches!(&*call.func, syn::Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "__show_values"));
        let outer = self.showing;
        self.showing |= shows;
        visit_mut::visit_expr_call_mut(self, call);
        self.showing = outer;
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        // Only the resume function's arms and the show closure's name the enum;
        // `StateInfo`'s say `Self::`.
        if let syn::Pat::Struct(pat) = &arm.pat {
            let segments: Vec<&syn::Ident> = pat.path.segments.iter().map(|s| &s.ident).collect();
            if let [state, variant] = segments[..] {
                if state == STATE_ENUM {
                    if let Some(text) = self.arm(variant) {
                        arm.attrs.insert(0, doc(&text));
                    }
                }
            }
        }
        visit_mut::visit_arm_mut(self, arm);
    }
}

/// The diagram as Graphviz DOT: a node per suspension point (its state, line, `yield_!`
/// and held values), start and done, and an edge per transition named by its path.
pub fn dot(name: &str, start_holds: &[String], diagram: &Diagram) -> String {
    let mut out = String::new();
    out.push_str(&format!("digraph {} {{\n", quoted(name)));
    out.push_str(&format!(
        "    label={};\n    labelloc=t;\n    fontname=\"Helvetica\";\n",
        quoted(&format!("{name}: the state machine of #[coro::coroutine]"))
    ));
    out.push_str("    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=9];\n");
    let start = format!("start (Unresumed)\n{}", describe_holds(start_holds));
    out.push_str(&format!(
        "    start [label={}, shape=ellipse];\n",
        quoted(&start)
    ));
    for point in &diagram.points {
        let label = format!(
            "Suspend{} · line {}\n{}\n{}",
            point.index,
            point.span.start().line,
            point.text,
            describe_holds(&point.holds)
        );
        out.push_str(&format!(
            "    s{} [label={}];\n",
            point.index,
            quoted(&label)
        ));
    }
    out.push_str("    done [label=\"done (Returned)\", shape=ellipse, peripheries=2];\n");
    for edge in &diagram.edges {
        let label = if edge.path.is_empty() {
            String::new()
        } else {
            format!(" [label={}]", quoted(&edge.path.join("\n")))
        };
        out.push_str(&format!(
            "    {} -> {}{label};\n",
            node_id(edge.from),
            node_id(edge.to)
        ));
    }
    out.push_str("}\n");
    out
}

fn node_id(state: State) -> String {
    match state {
        State::Start => "start".to_string(),
        State::Suspended(index) => format!("s{index}"),
        State::Done => "done".to_string(),
    }
}

/// A DOT string: quotes and backslashes escaped, newlines as `\n`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
