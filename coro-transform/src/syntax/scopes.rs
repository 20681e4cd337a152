//! Which names a pattern binds, given the constants, statics, unit structs and imports
//! that the body's blocks declare (a pattern naming one of those matches it instead), and
//! the error for a binding that shares its name with one of them.
//!
//! ```text
//! // Input:                                  // Output:
//! const LIMIT: u32 = 3;                      // declared constants: {LIMIT}
//! match n { LIMIT => .., x => .. }           // the arms bind: [], [x]
//! let k = 1; { const k: u32 = 4; .. }        // error on `let k`: rename one of the two
//! ```

use proc_macro2::Ident;
use syn::visit::{self, Visit};
use syn::Pat;

use super::contains_yield;

/// A name a pattern binds, with whether it is `mut` and whether it binds by reference.
#[derive(Clone)]
pub struct PatBinding {
    pub ident: Ident,
    pub mutable: bool,
    pub by_ref: bool,
}

thread_local! {
    /// The constants, statics and unit structs the body being transformed declares: a
    /// pattern naming one of them matches it rather than binding a name.
    static CONSTANTS: std::cell::RefCell<std::collections::HashSet<String>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// Runs `f` with the constants, statics, unit structs and imports that `body` declares
/// known to [`pattern_bindings`], and forgets them afterwards.
///
/// An item declared in a block is in scope in that block only, while the transform reads
/// names without the scopes of items ([`binds`], every mention in expressions, and the
/// code that saves held bindings inside a block). So a name may not be both: a `const`,
/// `static`, unit `struct` or `use`d name that a block of the body declares, and a binding
/// somewhere else in it (`let w = ..; { static w: AtomicU32 = ..; .. }`, `let Q = 5; { use
/// m::Q; yield_!(1); }`): that is an error on the binding, asking to rename one of the
/// two. Items of nested functions, `impl`s and modules are their own and do not count.
pub fn with_body_constants<R>(
    params: &[Pat],
    body: &syn::Block,
    f: impl FnOnce() -> syn::Result<R>,
) -> syn::Result<R> {
    let mut finder = ConstantScopes {
        enums: body_enums(body),
        params: params
            .iter()
            .flat_map(pattern_bindings)
            .map(|binding| binding.ident.to_string())
            .collect(),
        ..ConstantScopes::default()
    };
    finder.visit_block(body);
    if let Some(error) = finder.glob_error {
        return Err(error);
    }
    let params = params
        .iter()
        .flat_map(irrefutable_bindings)
        .map(|binding| (binding.ident.to_string(), binding.ident));
    for (tokens, names) in &finder.pattern_macros {
        let hides = names.iter().find(|name| {
            finder.params.contains(name) || finder.bindings.contains_key(name.as_str())
        });
        if let Some(name) = hides {
            return Err(syn::Error::new_spanned(
                tokens,
                format!(
                    "coro cannot see which names this macro binds in a pattern, and it may \
                     bind `{name}`, the name of another binding of this body, which coro \
                     would then save or read in its place; write the pattern out, or give \
                     its binding a name of its own"
                ),
            ));
        }
    }
    for (name, binding) in params.chain(finder.bindings.clone()) {
        if finder.declared.contains(&name) {
            return Err(syn::Error::new(
                binding.span(),
                format!(
                    "coro cannot tell this binding `{name}` from the constant, static, unit \
                     struct or import `{name}` that a block of this body declares: it reads \
                     names without the scopes of items; rename one of the two"
                ),
            ));
        }
    }
    let constants = finder.declared;
    crate::syntax::with_set(&CONSTANTS, constants, f)
}

/// Walks a body (not its nested items) for the constants, statics and unit structs its
/// blocks declare, and the names its patterns bind.
#[derive(Default)]
struct ConstantScopes {
    /// Per enclosing block, the names it declares.
    scopes: Vec<std::collections::HashSet<String>>,
    declared: std::collections::HashSet<String>,
    /// Names a pattern binds, with the first binding.
    bindings: std::collections::HashMap<String, Ident>,
    /// The names bound where the walk is (more than rustc's scopes: an `if let`'s names
    /// stay until the end of the enclosing block).
    visible: Vec<String>,
    /// Whether the pattern being walked cannot fail to match (see [`binds`]).
    irrefutable: bool,
    /// The enums the body declares, with the names of their variants: what a glob `use`
    /// of one brings in.
    enums: std::collections::HashMap<String, Vec<String>>,
    /// The first glob `use` whose names cannot be known, in a block with a yield.
    glob_error: Option<syn::Error>,
    /// The names the parameters bind (the `#[resume]` one included).
    params: Vec<String>,
    /// The macros written as patterns (`let p!(n) = ..`), each with the names its input
    /// mentions: coro cannot see which of them it binds.
    pattern_macros: Vec<(proc_macro2::TokenStream, Vec<String>)>,
}

/// The enums a body declares (outside nested items), each with its variants' names.
fn body_enums(body: &syn::Block) -> std::collections::HashMap<String, Vec<String>> {
    struct Finder(std::collections::HashMap<String, Vec<String>>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item(&mut self, item: &'ast syn::Item) {
            if let syn::Item::Enum(e) = item {
                let variants = e.variants.iter().map(|v| v.ident.to_string()).collect();
                self.0.insert(e.ident.to_string(), variants);
            }
        }
    }
    let mut finder = Finder(std::collections::HashMap::new());
    finder.visit_block(body);
    finder.0
}

/// The glob imports of a `use` tree (`m::*`, `m::{a, b::*}`), each with the path before its
/// `*`.
fn globs<'a>(
    tree: &'a syn::UseTree,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'a syn::UseGlob)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            path.push(p.ident.to_string());
            globs(&p.tree, path, out);
            path.pop();
        }
        syn::UseTree::Glob(glob) => out.push((path.clone(), glob)),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| globs(t, path, out)),
        syn::UseTree::Name(_) | syn::UseTree::Rename(_) => {}
    }
}

/// The names of a `const`, `static` or unit `struct` item, or those a `use` brings in
/// (which may be any of these: `use m::Q;`, `use m::q as Q;`).
fn constant_names(item: &syn::Item) -> Vec<String> {
    fn imported(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => imported(&p.tree, out),
            syn::UseTree::Name(n) if n.ident != "self" => out.push(n.ident.to_string()),
            syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| imported(t, out)),
            _ => {}
        }
    }
    match item {
        syn::Item::Const(item) => vec![item.ident.to_string()],
        syn::Item::Static(item) => vec![item.ident.to_string()],
        syn::Item::Struct(item) if matches!(item.fields, syn::Fields::Unit) => {
            vec![item.ident.to_string()]
        }
        syn::Item::Use(item) => {
            let mut out = Vec::new();
            imported(&item.tree, &mut out);
            out
        }
        _ => Vec::new(),
    }
}

impl ConstantScopes {
    /// The names the glob `use`s of `block` bring in, added to `names` and to the body's
    /// declared names. A glob of an enum the body declares (`use Tone::*;`) brings in its
    /// variants. Any other
    /// glob in an inner block with a yield is an error: the values held at that yield are
    /// saved inside the block, by name, where a name the glob brings in would be read
    /// instead of the binding (`let Q = 5; { use m::*; yield_!(1); } Q` read `m::Q`).
    fn glob_imports(&mut self, block: &syn::Block, names: &mut std::collections::HashSet<String>) {
        let inner = !self.scopes.is_empty();
        for stmt in &block.stmts {
            let syn::Stmt::Item(syn::Item::Use(item)) = stmt else {
                continue;
            };
            let mut found = Vec::new();
            globs(&item.tree, &mut Vec::new(), &mut found);
            for (path, glob) in found {
                // Only a path of one segment names an enum of the body (`self::Tone` and
                // `m::Tone` are the module's, whatever the body declares).
                let body_enum = match &path[..] {
                    [name] => self.enums.get(name),
                    _ => None,
                };
                match body_enum {
                    Some(variants) => {
                        names.extend(variants.iter().cloned());
                        self.declared.extend(variants.iter().cloned());
                    }
                    None if inner && self.glob_error.is_none() && contains_yield(block) => {
                        // `use Enum::*` (a path ending in a type's name) brings in variants,
                        // named in UpperCamelCase: only such a binding could meet one.
                        let globbed_type = path
                            .last()
                            .is_some_and(|name| name.starts_with(char::is_uppercase));
                        let mut outer = self.params.iter().chain(&self.visible);
                        let met = match globbed_type {
                            true => outer.any(|name| name.starts_with(char::is_uppercase)),
                            false => outer.next().is_some(),
                        };
                        if met {
                            self.glob_error = Some(syn::Error::new(
                                glob.star_token.span,
                                "coro cannot see which names this glob import brings into a \
                                 block with a yield, where it saves the values held there by \
                                 name; name them (`use m::{A, B};`) or move the `use` to the \
                                 top of the body",
                            ));
                        }
                    }
                    None => {}
                }
            }
        }
    }

    fn pattern(&mut self, pat: &Pat, irrefutable: bool) {
        let outer = std::mem::replace(&mut self.irrefutable, irrefutable);
        self.visit_pat(pat);
        self.irrefutable = outer;
    }
}

impl<'ast> Visit<'ast> for ConstantScopes {
    fn visit_block(&mut self, block: &'ast syn::Block) {
        let mut names: std::collections::HashSet<String> = block
            .stmts
            .iter()
            .flat_map(|stmt| match stmt {
                syn::Stmt::Item(item) => constant_names(item),
                _ => Vec::new(),
            })
            .collect();
        self.glob_imports(block, &mut names);
        self.scopes.push(names);
        let visible = self.visible.len();
        visit::visit_block(self, block);
        self.visible.truncate(visible);
        self.scopes.pop();
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let visible = self.visible.len();
        visit::visit_arm(self, arm);
        self.visible.truncate(visible);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        self.declared.extend(constant_names(item));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        // The initializer first: the pattern's names are not visible in it.
        if let Some(init) = &local.init {
            self.visit_local_init(init);
        }
        self.pattern(
            &local.pat,
            local.init.as_ref().is_none_or(|i| i.diverge.is_none()),
        );
    }

    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        self.visit_expr(&e.expr);
        let visible = self.visible.len();
        self.pattern(&e.pat, true);
        self.visit_block(&e.body);
        self.visible.truncate(visible);
    }

    fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
        let visible = self.visible.len();
        for input in &e.inputs {
            self.pattern(input, true);
        }
        self.visit_expr(&e.body);
        self.visible.truncate(visible);
    }

    fn visit_fn_arg(&mut self, arg: &'ast syn::FnArg) {
        if let syn::FnArg::Typed(typed) = arg {
            self.pattern(&typed.pat, true);
        }
    }

    fn visit_pat(&mut self, pat: &'ast Pat) {
        if let Pat::Macro(m) = pat {
            fn names(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
                for tree in tokens {
                    match tree {
                        proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
                        proc_macro2::TokenTree::Group(g) => names(g.stream(), out),
                        _ => {}
                    }
                }
            }
            let mut mentioned = Vec::new();
            names(m.mac.tokens.clone(), &mut mentioned);
            self.pattern_macros
                .push((quote::ToTokens::to_token_stream(&m.mac), mentioned));
        }
        visit::visit_pat(self, pat);
    }

    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        let name = p.ident.to_string();
        let plain = p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none();
        // A name declared by an enclosing block is that item; an uppercase name in a
        // pattern that may fail is a constant or unit variant of the module, as `binds`
        // reads it.
        let constant = self.scopes.iter().any(|scope| scope.contains(&name))
            || (!self.irrefutable && name.starts_with(char::is_uppercase));
        if !(plain && constant) {
            self.visible.push(name.clone());
            self.bindings.entry(name).or_insert_with(|| p.ident.clone());
        }
        visit::visit_pat_ident(self, p);
    }
}

/// Whether a plain identifier pattern binds a name: unless it names a constant, static or
/// unit struct of the body; and, in a pattern that may fail to match (`match`, `if let`),
/// unless it starts with an uppercase letter (a constant or unit variant of the module, as
/// rustc's naming lints assume). In a pattern that cannot fail (`let`, `for`, a parameter)
/// an uppercase name is a binding: a constant there would not compile.
pub fn binds(p: &syn::PatIdent, refutable: bool) -> bool {
    if p.by_ref.is_some() || p.mutability.is_some() || p.subpat.is_some() {
        return true;
    }
    let name = p.ident.to_string();
    if CONSTANTS.with(|c| c.borrow().contains(&name)) {
        return false;
    }
    !(refutable && name.starts_with(char::is_uppercase))
}

/// The names a pattern binds, in source order, in a pattern that may fail to match (see
/// [`binds`]; [`irrefutable_bindings`] for `let` and parameters).
pub fn pattern_bindings(pat: &Pat) -> Vec<PatBinding> {
    let mut out = Vec::new();
    collect_bindings(pat, true, &mut out);
    out
}

/// The names a pattern that cannot fail to match binds (`let`, `for`, a parameter).
pub fn irrefutable_bindings(pat: &Pat) -> Vec<PatBinding> {
    let mut out = Vec::new();
    collect_bindings(pat, false, &mut out);
    out
}

fn collect_bindings(pat: &Pat, refutable: bool, out: &mut Vec<PatBinding>) {
    match pat {
        Pat::Ident(p) => {
            if binds(p, refutable) {
                out.push(PatBinding {
                    ident: p.ident.clone(),
                    mutable: p.mutability.is_some(),
                    by_ref: p.by_ref.is_some(),
                });
            }
            if let Some((_, sub)) = &p.subpat {
                collect_bindings(sub, refutable, out);
            }
        }
        Pat::Or(p) => {
            if let Some(first) = p.cases.first() {
                collect_bindings(first, refutable, out);
            }
        }
        Pat::Paren(p) => collect_bindings(&p.pat, refutable, out),
        Pat::Reference(p) => collect_bindings(&p.pat, refutable, out),
        Pat::Slice(p) => p
            .elems
            .iter()
            .for_each(|e| collect_bindings(e, refutable, out)),
        Pat::Struct(p) => p
            .fields
            .iter()
            .for_each(|f| collect_bindings(&f.pat, refutable, out)),
        Pat::Tuple(p) => p
            .elems
            .iter()
            .for_each(|e| collect_bindings(e, refutable, out)),
        Pat::TupleStruct(p) => p
            .elems
            .iter()
            .for_each(|e| collect_bindings(e, refutable, out)),
        Pat::Type(p) => collect_bindings(&p.pat, refutable, out),
        _ => {}
    }
}

/// Does the pattern contain a `ref` or `ref mut` binding?
pub fn binds_by_ref(pat: &Pat) -> bool {
    pattern_bindings(pat).iter().any(|b| b.by_ref)
}
