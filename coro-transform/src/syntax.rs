//! Small questions about syn trees that every step asks: is this a `yield_!`, does this
//! code contain one, which names does a pattern bind.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{BinOp, Expr, Macro, Pat, Type};

/// True for `yield_!(..)` and `coro::yield_!(..)` (any path ending in `yield_`).
pub fn is_yield_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "yield_")
}

/// The last segment of a macro call's path (`println` for `std::println!(..)`).
pub fn macro_name(mac: &Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The `yield_!` call an expression is, if it is one.
pub fn as_yield(expr: &Expr) -> Option<&Macro> {
    match expr {
        Expr::Macro(m) if is_yield_macro(&m.mac) => Some(&m.mac),
        Expr::Paren(p) => as_yield(&p.expr),
        Expr::Group(g) => as_yield(&g.expr),
        _ => None,
    }
}

/// [`as_yield`], for changing the call.
pub fn as_yield_mut(expr: &mut Expr) -> Option<&mut Macro> {
    match expr {
        Expr::Macro(m) if is_yield_macro(&m.mac) => Some(&mut m.mac),
        Expr::Paren(p) => as_yield_mut(&mut p.expr),
        Expr::Group(g) => as_yield_mut(&mut g.expr),
        _ => None,
    }
}

/// A `let` type annotation, if the pattern is `name: Type`.
pub fn annotated_type(pat: &Pat) -> Option<&Type> {
    match pat {
        Pat::Type(t) if matches!(&*t.pat, Pat::Ident(_)) => Some(&t.ty),
        _ => None,
    }
}

/// Does this syntax contain a `yield_!` anywhere, including in places the transform does
/// not support (closures, nested items, other macros' arguments)?
pub fn contains_yield<T: YieldSearch + ?Sized>(node: &T) -> bool {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: false,
    };
    node.search(&mut finder);
    finder.found
}

/// Nodes [`contains_yield`] can search.
pub trait YieldSearch {
    /// Feeds the node to the finder.
    fn search(&self, finder: &mut YieldFinder);
}

macro_rules! yield_search {
    ($($ty:ty => $method:ident),* $(,)?) => {
        $(impl YieldSearch for $ty {
            fn search(&self, finder: &mut YieldFinder) {
                finder.$method(self);
            }
        })*
    };
}
yield_search!(
    Expr => visit_expr,
    syn::Stmt => visit_stmt,
    syn::Block => visit_block,
    syn::Local => visit_local,
    Pat => visit_pat,
    syn::ExprIf => visit_expr_if,
);

/// Looks for `yield_!`, also inside macro token streams, and (for [`first_closure`]) for
/// closures.
pub struct YieldFinder {
    found: bool,
    closure: Option<Span>,
    closures_only: bool,
}

/// The span of the first closure or `async` block in `node` (outside nested items).
pub fn first_closure<T: YieldSearch + ?Sized>(node: &T) -> Option<Span> {
    let mut finder = YieldFinder {
        found: false,
        closure: None,
        closures_only: true,
    };
    node.search(&mut finder);
    finder.closure
}

impl<'ast> Visit<'ast> for YieldFinder {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        // A nested `coro::coro!` has yields of its own.
        let nested = mac.path.segments.last().is_some_and(|s| s.ident == "coro");
        if is_yield_macro(mac) || (!nested && tokens_contain_yield(&mac.tokens)) {
            self.found = true;
        }
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.closure.get_or_insert(closure.or1_token.span);
        visit::visit_expr_closure(self, closure);
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        self.closure.get_or_insert(block.async_token.span);
        visit::visit_expr_async(self, block);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !self.closures_only && !is_coroutine_item(item) {
            visit::visit_item(self, item);
        }
    }
}

/// A nested `#[coro::coroutine]` (or `coro::coro!`) function: a coroutine of its own,
/// whose yields are not the enclosing body's.
fn is_coroutine_item(item: &syn::Item) -> bool {
    match item {
        syn::Item::Fn(f) => f.attrs.iter().any(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|s| s.ident == "coroutine")
        }),
        syn::Item::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "coro"),
        _ => false,
    }
}

/// Finds `yield_ !` in raw tokens (another macro's arguments).
pub fn tokens_contain_yield(tokens: &TokenStream) -> bool {
    find_yield_in_tokens(tokens).is_some()
}

/// The span of the first `yield_` followed by `!` in raw tokens.
pub fn find_yield_in_tokens(tokens: &TokenStream) -> Option<Span> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "yield_" => {
                if let Some(TokenTree::Punct(p)) = trees.get(i + 1) {
                    if p.as_char() == '!' {
                        return Some(ident.span());
                    }
                }
            }
            TokenTree::Group(group) => {
                if let Some(span) = find_yield_in_tokens(&group.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// `+=`, `-=` and the other compound assignment operators.
pub fn is_compound_assign(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

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
    let previous = CONSTANTS.with(|c| std::mem::replace(&mut *c.borrow_mut(), constants));
    struct Restore(Option<std::collections::HashSet<String>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(previous) = self.0.take() {
                CONSTANTS.with(|c| *c.borrow_mut() = previous);
            }
        }
    }
    let _restore = Restore(Some(previous));
    f()
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

thread_local! {
    /// The `macro_rules!` of the body being analysed: name to the tokens of its rules'
    /// transcribers (see [`with_body_macros`]).
    static BODY_MACROS: std::cell::RefCell<std::collections::HashMap<String, TokenStream>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Runs `f` knowing the `macro_rules!` that the body defines (`rules`, from
/// [`body_macro_rules`]), so that a call of one counts as a mention of the locals its rules
/// name ([`body_macro_tokens`]): a local named only there is read where the macro is called.
pub fn with_body_macros<R>(
    rules: std::collections::HashMap<String, TokenStream>,
    f: impl FnOnce() -> R,
) -> R {
    let previous = BODY_MACROS.with(|m| std::mem::replace(&mut *m.borrow_mut(), rules));
    struct Restore(Option<std::collections::HashMap<String, TokenStream>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(previous) = self.0.take() {
                BODY_MACROS.with(|m| *m.borrow_mut() = previous);
            }
        }
    }
    let _restore = Restore(Some(previous));
    f()
}

/// The `macro_rules!` that `body` defines (anywhere inside it): each name with the tokens
/// of its rules.
pub fn body_macro_rules(body: &syn::Block) -> std::collections::HashMap<String, TokenStream> {
    struct Finder(std::collections::HashMap<String, TokenStream>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
            if let (true, Some(name)) = (item.mac.path.is_ident("macro_rules"), &item.ident) {
                self.0
                    .entry(name.to_string())
                    .or_default()
                    .extend(item.mac.tokens.clone());
            }
        }
    }
    let mut finder = Finder(std::collections::HashMap::new());
    finder.visit_block(body);
    finder.0
}

/// The tokens of the rules of the body's `macro_rules!` called `mac`, if it is one.
pub fn body_macro_tokens(mac: &syn::Macro) -> Option<TokenStream> {
    let name = mac.path.get_ident()?.to_string();
    BODY_MACROS.with(|m| m.borrow().get(&name).cloned())
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

/// The macros of the standard library whose arguments are expressions, which jump nowhere
/// of their own and name no item their arguments do not show. (A `macro_rules!` of the
/// user's module may take one of these names; the transform then reads it wrong: the guide
/// says so.)
pub const STANDARD_MACROS: &[&str] = &[
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "write",
    "writeln",
    "vec",
    "dbg",
];

/// Methods that only borrow their receiver on every standard type that has them
/// (iterators, slices, strings, collections), or that work on a `&mut` iterator as on the
/// iterator itself: a mention as their receiver does not move it, and a receiver used only
/// with these can stay inside the state while the coroutine runs (see
/// `liveness::Liveness::in_place`), auto-deref reaching it through a `&mut` as well. Not
/// `lines`, `split`, `bytes` or `last`: `BufRead::lines`, `BufRead::split`, `Read::bytes`
/// and `Iterator::last` take `self`.
pub const BORROWING_METHODS: &[&str] = &[
    "next",
    "next_back",
    "nth",
    "peek",
    "len",
    "is_empty",
    "iter",
    "iter_mut",
    "chars",
    "char_indices",
    "split_whitespace",
    "windows",
    "chunks",
    "keys",
    "values",
    "values_mut",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_mut_slice",
    "get",
    "get_mut",
    "first",
];

/// Methods that take their receiver by shared reference or by value (never `&mut self`) on
/// the standard types they are usually called on: a mention as their receiver does not
/// change the value (see `facts::Mention::mutates`).
pub const SHARED_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "clone",
    "to_string",
    "to_owned",
    "to_vec",
    "contains",
    "starts_with",
    "ends_with",
    "get",
    "first",
    "last",
    "iter",
    "chars",
    "bytes",
    "char_indices",
    "lines",
    "split",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_ref",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "min",
    "max",
    "abs",
    "pow",
    "count_ones",
    "wrapping_add",
    "wrapping_sub",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "unwrap_or",
    "copied",
    "cloned",
    "keys",
    "values",
    "to_ascii_uppercase",
    "to_ascii_lowercase",
    "to_uppercase",
    "to_lowercase",
    "trim",
    "find",
    "rfind",
    "windows",
    "chunks",
    "contains_key",
    "is_ascii_digit",
    "is_alphabetic",
    "is_whitespace",
];

/// The outer attributes of an expression (none for verbatim tokens).
pub fn expr_attrs_mut(node: &mut Expr) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        Expr::Array(e) => Some(&mut e.attrs),
        Expr::Assign(e) => Some(&mut e.attrs),
        Expr::Async(e) => Some(&mut e.attrs),
        Expr::Await(e) => Some(&mut e.attrs),
        Expr::Binary(e) => Some(&mut e.attrs),
        Expr::Block(e) => Some(&mut e.attrs),
        Expr::Break(e) => Some(&mut e.attrs),
        Expr::Call(e) => Some(&mut e.attrs),
        Expr::Cast(e) => Some(&mut e.attrs),
        Expr::Closure(e) => Some(&mut e.attrs),
        Expr::Const(e) => Some(&mut e.attrs),
        Expr::Continue(e) => Some(&mut e.attrs),
        Expr::Field(e) => Some(&mut e.attrs),
        Expr::ForLoop(e) => Some(&mut e.attrs),
        Expr::Group(e) => Some(&mut e.attrs),
        Expr::If(e) => Some(&mut e.attrs),
        Expr::Index(e) => Some(&mut e.attrs),
        Expr::Infer(e) => Some(&mut e.attrs),
        Expr::Let(e) => Some(&mut e.attrs),
        Expr::Lit(e) => Some(&mut e.attrs),
        Expr::Loop(e) => Some(&mut e.attrs),
        Expr::Macro(e) => Some(&mut e.attrs),
        Expr::Match(e) => Some(&mut e.attrs),
        Expr::MethodCall(e) => Some(&mut e.attrs),
        Expr::Paren(e) => Some(&mut e.attrs),
        Expr::Path(e) => Some(&mut e.attrs),
        Expr::Range(e) => Some(&mut e.attrs),
        Expr::RawAddr(e) => Some(&mut e.attrs),
        Expr::Reference(e) => Some(&mut e.attrs),
        Expr::Repeat(e) => Some(&mut e.attrs),
        Expr::Return(e) => Some(&mut e.attrs),
        Expr::Struct(e) => Some(&mut e.attrs),
        Expr::Try(e) => Some(&mut e.attrs),
        Expr::TryBlock(e) => Some(&mut e.attrs),
        Expr::Tuple(e) => Some(&mut e.attrs),
        Expr::Unary(e) => Some(&mut e.attrs),
        Expr::Unsafe(e) => Some(&mut e.attrs),
        Expr::While(e) => Some(&mut e.attrs),
        Expr::Yield(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// The outer attributes of an item (none for verbatim tokens).
pub fn item_attrs_mut(node: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        syn::Item::Const(e) => Some(&mut e.attrs),
        syn::Item::Enum(e) => Some(&mut e.attrs),
        syn::Item::ExternCrate(e) => Some(&mut e.attrs),
        syn::Item::Fn(e) => Some(&mut e.attrs),
        syn::Item::ForeignMod(e) => Some(&mut e.attrs),
        syn::Item::Impl(e) => Some(&mut e.attrs),
        syn::Item::Macro(e) => Some(&mut e.attrs),
        syn::Item::Mod(e) => Some(&mut e.attrs),
        syn::Item::Static(e) => Some(&mut e.attrs),
        syn::Item::Struct(e) => Some(&mut e.attrs),
        syn::Item::Trait(e) => Some(&mut e.attrs),
        syn::Item::TraitAlias(e) => Some(&mut e.attrs),
        syn::Item::Type(e) => Some(&mut e.attrs),
        syn::Item::Union(e) => Some(&mut e.attrs),
        syn::Item::Use(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// The outer attributes of a pattern (none for verbatim tokens).
pub fn pat_attrs_mut(node: &mut Pat) -> Option<&mut Vec<syn::Attribute>> {
    match node {
        Pat::Const(e) => Some(&mut e.attrs),
        Pat::Ident(e) => Some(&mut e.attrs),
        Pat::Lit(e) => Some(&mut e.attrs),
        Pat::Macro(e) => Some(&mut e.attrs),
        Pat::Or(e) => Some(&mut e.attrs),
        Pat::Paren(e) => Some(&mut e.attrs),
        Pat::Path(e) => Some(&mut e.attrs),
        Pat::Range(e) => Some(&mut e.attrs),
        Pat::Reference(e) => Some(&mut e.attrs),
        Pat::Rest(e) => Some(&mut e.attrs),
        Pat::Slice(e) => Some(&mut e.attrs),
        Pat::Struct(e) => Some(&mut e.attrs),
        Pat::Tuple(e) => Some(&mut e.attrs),
        Pat::TupleStruct(e) => Some(&mut e.attrs),
        Pat::Type(e) => Some(&mut e.attrs),
        Pat::Wild(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// For a `vec![elem; len]` call: runs `edit` on its element and its length and writes them
/// back. Returns whether the call has that form.
pub fn edit_vec_repeat(mac: &mut syn::Macro, mut edit: impl FnMut(&mut Expr)) -> bool {
    if mac.path.segments.last().is_none_or(|s| s.ident != "vec") {
        return false;
    }
    let Ok((mut elem, mut len)) = vec_repeat(mac) else {
        return false;
    };
    edit(&mut elem);
    edit(&mut len);
    mac.tokens = quote::quote!(#elem; #len);
    true
}

/// The element and the length of `vec![elem; len]`, when the call has that form.
pub fn vec_repeat(mac: &syn::Macro) -> syn::Result<(Expr, Expr)> {
    use syn::parse::Parser;
    let repeat = |input: syn::parse::ParseStream| {
        let elem: Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let len: Expr = input.parse()?;
        Ok((elem, len))
    };
    repeat.parse2(mac.tokens.clone())
}

/// Whether the identifier at `trees[i]` of a macro's input may name a local: not a field
/// (`.x`, or `u` in `S { u: x }`), a label (`'x`) or a later path segment (`a::x`). A
/// struct field's value (`x` in `S { u: x }`) may.
pub fn may_name_a_local(trees: &[TokenTree], i: usize) -> bool {
    let punct =
        |k: usize, c: char| matches!(trees.get(k), Some(TokenTree::Punct(p)) if p.as_char() == c);
    let after = |c: char| i > 0 && punct(i - 1, c);
    let after_path_separator = i > 1 && punct(i - 1, ':') && punct(i - 2, ':');
    let before_single_colon = punct(i + 1, ':') && !punct(i + 2, ':');
    !after('.') && !after('\'') && !after_path_separator && !before_single_colon
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    #[test]
    fn patterns_bind_lowercase_names_only() {
        let pat: Pat = Pat::parse_single
            .parse_str("(Some(mut a), None, b @ 1..=2, MAX)")
            .unwrap();
        let bound: Vec<_> = pattern_bindings(&pat)
            .iter()
            .map(|b| (b.ident.to_string(), b.mutable))
            .collect();
        assert_eq!(bound, [("a".into(), true), ("b".into(), false)]);
    }
}
