//! What a `coro::coro!` closure's coroutine owns: the variables (or fields of them) moved
//! into its `Unresumed` state when it is created, as rustc 2021 would capture them by value
//! as far as syntax shows.
//!
//! ```text
//! // Input (a non-`move` closure):          // Output:
//! coro!(|| { drop(pair.0); yield 1; n })    // by value: `pair.0` (as a name of its own)
//!                                           // by reference: `n` (only read)
//! ```

use super::*;

/// One capture the coroutine owns: a variable, or a field of one (`pair.0`, standing in the
/// body and the state for that place under a name of its own).
pub(super) struct Capture {
    pub(super) name: Ident,
    pub(super) place: Option<Expr>,
}

/// The variables of the enclosing function (or fields of them) that the coroutine takes by
/// value: moved into its `Unresumed` state when it is created, as if they were parameters,
/// in order of first mention. Everything else the body names is captured by the resume
/// closure (by reference, or by value for a `move` closure), as rustc decides for an
/// ordinary closure.
///
/// The candidates are the outer names the body writes as a value path (a single lowercase
/// name, not `self`, outside the callee of a call: a function item there stays a capture of
/// the resume closure), read from a view of the body ([`MacroView`], [`Places`],
/// [`UseView`]) by [`crate::facts`] (which knows which names the body binds itself) and
/// [`ValuePaths`]. A `move` closure takes every candidate variable by value, whole. A
/// non-`move` closure takes a candidate by value when rustc 2021 would as far as syntax
/// shows: some use of it needs the value (facts says it may move: an argument, an operand,
/// a `let` initializer, a `for` iterable, a returned or yielded value, a use inside a
/// nested `move` closure) and no use assigns to it or borrows it mutably (for a `Copy`
/// value, such a mix is captured by mutable reference, and the caller sees the
/// assignments). There a variable that the body only ever uses through fields is decided
/// field by field (rustc's disjoint captures): `drop(pair.0)` takes `pair.0` alone.
///
/// Also returns the renamer that rewrites the real body's uses of the fields taken on their
/// own ([`Places`]).
pub(super) fn by_value_captures(
    body: &syn::Block,
    capture_move: bool,
    bound: &HashSet<String>,
) -> (Vec<Capture>, Places) {
    let mut view = body.clone();
    MacroView.visit_block_mut(&mut view);
    let mut places = Places::collect(&view, bound, capture_move);
    places.visit_block_mut(&mut view);
    UseView { capture_move }.visit_block_mut(&mut view);
    let view = Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: view,
    });
    let mut paths = ValuePaths::default();
    paths.visit_expr(&view);
    let mentions = crate::facts::of_expr(&view).mentions;
    let mut order: Vec<Ident> = Vec::new();
    for mention in &mentions {
        let text = mention.ident.to_string();
        if is_variable_like(&text)
            && paths.names.contains(&text)
            && !bound.contains(&text)
            && !order.iter().any(|seen| *seen == text)
        {
            order.push(mention.ident.clone());
        }
    }
    let captures: Vec<Capture> = order
        .into_iter()
        .filter(|name| {
            let uses = || mentions.iter().filter(|m| m.ident == *name);
            capture_move
                || (uses().any(|m| m.how == How::Move) && !uses().any(|m| m.how == How::Assign))
        })
        .map(|name| Capture {
            place: places.place_of(&name),
            name,
        })
        .collect();
    // Only the places taken by value are renamed in the body; the others stay uses of the
    // variable, which the resume closure captures field by field.
    places
        .places
        .retain(|(_, _, name)| captures.iter().any(|c| c.name == *name));
    places.roots = places
        .places
        .iter()
        .map(|(root, _, _)| root.to_string())
        .collect();
    (captures, places)
}

/// A lowercase name, not `_` or `self`: what may be a variable.
fn is_variable_like(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == '_')
        && text != "_"
        && text != "self"
}

/// The field places of variables a non-`move` body uses only through fields, each under a
/// name of its own (`pair.0` is `__capture_pair_0`), so that facts reads each place as a
/// name. Where the body uses both a place and a longer one (`p.a` and `p.a.b`), the shorter
/// stands for both, as in rustc. The same renamer, cut down to the places taken by value,
/// rewrites the real body, macro arguments included.
pub(super) struct Places {
    /// For each variable used only through fields: its places (the fields from the
    /// variable, outermost first), each with its name.
    places: Vec<(Ident, Vec<syn::Member>, Ident)>,
    /// The variables whose uses are rewritten.
    roots: HashSet<String>,
}

impl Places {
    fn collect(view: &syn::Block, bound: &HashSet<String>, capture_move: bool) -> Places {
        let mut found = Places {
            places: Vec::new(),
            roots: HashSet::new(),
        };
        if capture_move {
            return found;
        }
        #[derive(Default)]
        struct Uses {
            /// Per root name: the field chains it is used through (empty: used whole).
            chains: Vec<(Ident, Vec<syn::Member>)>,
            /// Names bound anywhere in the body: their places are not followed (a field of
            /// a body-local `pair` is not the outer `pair`'s).
            bound: HashSet<String>,
        }
        impl<'ast> Visit<'ast> for Uses {
            fn visit_expr(&mut self, e: &'ast Expr) {
                if let Some((root, members)) = field_chain(e) {
                    self.chains.push((root.clone(), members));
                    return;
                }
                syn::visit::visit_expr(self, e);
            }
            fn visit_pat(&mut self, pat: &'ast Pat) {
                self.bound.extend(
                    pattern_bindings(pat)
                        .into_iter()
                        .map(|b| b.ident.to_string()),
                );
                syn::visit::visit_pat(self, pat);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut uses = Uses::default();
        uses.visit_block(view);
        let mut roots: Vec<(Ident, Vec<Vec<syn::Member>>)> = Vec::new();
        for (root, members) in uses.chains {
            let text = root.to_string();
            if !is_variable_like(&text) || bound.contains(&text) || uses.bound.contains(&text) {
                continue;
            }
            match roots.iter_mut().find(|(r, _)| *r == text) {
                Some((_, chains)) => chains.push(members),
                None => roots.push((root, vec![members])),
            }
        }
        for (root, chains) in roots {
            if chains.iter().any(Vec::is_empty) {
                continue;
            }
            // The shortest chains: those with no proper prefix among the others.
            let mut shortest: Vec<Vec<syn::Member>> = Vec::new();
            for chain in &chains {
                let has_prefix = chains
                    .iter()
                    .any(|other| other.len() < chain.len() && chain.starts_with(other));
                if !has_prefix && !shortest.contains(chain) {
                    shortest.push(chain.clone());
                }
            }
            for chain in shortest {
                let mut name = format!("__capture_{}", root.unraw());
                for member in &chain {
                    match member {
                        syn::Member::Named(field) => name.push_str(&format!("_{}", field.unraw())),
                        syn::Member::Unnamed(index) => name.push_str(&format!("_{}", index.index)),
                    }
                }
                let ident = Ident::new(&name, root.span());
                found.places.push((root.clone(), chain, ident));
            }
            found.roots.insert(root.to_string());
        }
        found
    }

    /// The place a name of [`Places::collect`] stands for.
    fn place_of(&self, name: &Ident) -> Option<Expr> {
        let (root, chain, _) = self.places.iter().find(|(_, _, n)| n == name)?;
        Some(parse_quote!(#root #(.#chain)*))
    }

    /// The name for a use of `root` through `members`, and how many of the members it
    /// stands for.
    fn name_for(&self, root: &Ident, members: &[syn::Member]) -> Option<(Ident, usize)> {
        let text = root.to_string();
        if !self.roots.contains(&text) {
            return None;
        }
        self.places
            .iter()
            .filter(|(r, chain, _)| *r == text && members.starts_with(chain))
            .map(|(_, chain, name)| (name.clone(), chain.len()))
            .min_by_key(|(_, len)| *len)
    }
}

/// `root.a.b` (through fields only, parentheses allowed): the root and the fields; a bare
/// `root` gives no fields.
fn field_chain(expr: &Expr) -> Option<(&Ident, Vec<syn::Member>)> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
            Some((p.path.get_ident()?, Vec::new()))
        }
        Expr::Field(f) => {
            let (root, mut members) = field_chain(&f.base)?;
            members.push(f.member.clone());
            Some((root, members))
        }
        Expr::Paren(p) => field_chain(&p.expr),
        _ => None,
    }
}

impl VisitMut for Places {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Some((root, members)) = field_chain(expr) {
            if let Some((name, used)) = self.name_for(root, &members) {
                let rest = &members[used..];
                *expr = parse_quote!(#name #(.#rest)*);
            }
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.rename_tokens(mac.tokens.clone());
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

impl Places {
    /// The same renaming in a macro's tokens: `root . a` (not after `.` or `::`) followed by
    /// the fields of a place.
    fn rename_tokens(&self, tokens: TokenStream) -> TokenStream {
        use proc_macro2::TokenTree;
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if let TokenTree::Group(group) = &trees[i] {
                let mut renamed =
                    proc_macro2::Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                renamed.set_span(group.span());
                out.push(TokenTree::Group(renamed));
                i += 1;
                continue;
            }
            let after_path = i > 0
                && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.' || p.as_char() == ':');
            if let (TokenTree::Ident(root), false) = (&trees[i], after_path) {
                // The fields that follow (`. name`, `. 0`, and `. 0.1`, which the lexer
                // reads as one float literal), each with the index of the token after it;
                // a place can only end where a token does.
                let mut members: Vec<(syn::Member, usize)> = Vec::new();
                let mut j = i + 1;
                while let (Some(TokenTree::Punct(dot)), Some(next)) =
                    (trees.get(j), trees.get(j + 1))
                {
                    if dot.as_char() != '.' {
                        break;
                    }
                    let found: Vec<syn::Member> = match next {
                        TokenTree::Ident(field) => vec![syn::Member::Named(field.clone())],
                        TokenTree::Literal(lit) => lit
                            .to_string()
                            .split('.')
                            .map(|part| part.parse::<u32>().ok())
                            .collect::<Option<Vec<u32>>>()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|index| {
                                syn::Member::Unnamed(syn::Index {
                                    index,
                                    span: lit.span(),
                                })
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    if found.is_empty() {
                        break;
                    }
                    let last = found.len() - 1;
                    for (k, member) in found.into_iter().enumerate() {
                        // Only the last member of a float literal ends at a token.
                        let end = if k == last { j + 2 } else { usize::MAX };
                        members.push((member, end));
                    }
                    j += 2;
                }
                let chain: Vec<syn::Member> = members.iter().map(|(m, _)| m.clone()).collect();
                if let Some((name, used)) = self.name_for(root, &chain) {
                    out.push(TokenTree::Ident(name));
                    // A place that ends inside a float literal (`p.0` of `p.0.1`): the
                    // literal's other indices follow the name one by one.
                    let mut k = used;
                    while members[k - 1].1 == usize::MAX {
                        // A float literal's members are all indices.
                        let syn::Member::Unnamed(index) = &members[k].0 else {
                            break;
                        };
                        let index = index.index;
                        out.push(TokenTree::Punct(proc_macro2::Punct::new(
                            '.',
                            proc_macro2::Spacing::Alone,
                        )));
                        out.push(TokenTree::Literal(proc_macro2::Literal::u32_unsuffixed(
                            index,
                        )));
                        k += 1;
                    }
                    i = members[k - 1].1;
                    continue;
                }
            }
            out.push(trees[i].clone());
            i += 1;
        }
        out.into_iter().collect()
    }
}

/// The macros whose arguments [`MacroView`] reads as expressions: the standard formatting
/// and assertion macros (which borrow their arguments), `vec!`, `matches!` and `dbg!`.
const FORMAT_MACROS: &[&str] = &[
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
    "assert_eq",
    "assert_ne",
    "debug_assert_eq",
    "debug_assert_ne",
];

/// The first view of the body for captures: macros as the expressions they stand for.
/// `yield_!(v)` is `v` (a yielded value is used by value); the standard macros are expanded
/// into the borrows or values they take; any other macro is left out (its tokens may not
/// even be expressions: what it uses stays a capture of the resume closure).
struct MacroView;

impl MacroView {
    fn known_macro(&self, mac: &syn::Macro) -> Option<Expr> {
        let name = mac.path.segments.last()?.ident.to_string();
        let args = || {
            mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
                .ok()
        };
        let borrowed = |args: &mut dyn Iterator<Item = &Expr>| -> Vec<Expr> {
            args.flat_map(|arg| match arg {
                Expr::Lit(lit) => facts::format_string_names(&lit.lit)
                    .into_iter()
                    .map(|name| parse_quote!(&#name))
                    .collect::<Vec<Expr>>(),
                Expr::Assign(named) => {
                    let value = &named.right;
                    vec![parse_quote!(&#value)]
                }
                other => vec![parse_quote!(&#other)],
            })
            .collect()
        };
        let expr: Expr = match name.as_str() {
            _ if crate::syntax::is_yield_macro(mac) => {
                if mac.tokens.is_empty() {
                    parse_quote!(())
                } else {
                    let value: Expr = mac.parse_body().ok()?;
                    parse_quote!((#value))
                }
            }
            name if FORMAT_MACROS.contains(&name) => {
                let args = borrowed(&mut args()?.iter());
                parse_quote!((#(#args,)*))
            }
            "write" | "writeln" | "assert" | "debug_assert" => {
                let args = args()?;
                let mut args = args.iter();
                let first = args.next()?;
                let first: Expr = if name.starts_with("write") {
                    parse_quote!(&#first)
                } else {
                    first.clone()
                };
                let rest = borrowed(&mut args);
                parse_quote!((#first, #(#rest,)*))
            }
            "vec" => {
                let repeat = mac
                    .parse_body_with(|input: syn::parse::ParseStream| {
                        let elem: Expr = input.parse()?;
                        input.parse::<Token![;]>()?;
                        let len: Expr = input.parse()?;
                        Ok((elem, len))
                    })
                    .ok();
                match repeat {
                    Some((elem, len)) => parse_quote!([#elem; #len]),
                    None => {
                        let args = args()?;
                        let args = args.iter();
                        parse_quote!([#(#args),*])
                    }
                }
            }
            "matches" => {
                let args = args()?;
                let first = args.first()?;
                parse_quote!(&#first)
            }
            "dbg" => {
                let args = args()?;
                let args = args.iter();
                parse_quote!((#(#args,)*))
            }
            _ => return None,
        };
        Some(expr)
    }
}

impl VisitMut for MacroView {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Macro(m) = expr {
            *expr = self.known_macro(&m.mac).unwrap_or_else(|| parse_quote!(()));
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            let expr = self.known_macro(&m.mac).unwrap_or_else(|| parse_quote!(()));
            *stmt = syn::Stmt::Expr(expr, Some(Default::default()));
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The last view of the body for captures, for a non-`move` closure, so that
/// [`crate::facts`] reads each use as it matters for a capture, as far as the transform can
/// tell without types: the receiver of a method call is borrowed (rustc decides from the
/// method's `self` whether it is captured by reference, by mutable reference or by value;
/// the resume closure leaves that decision to rustc), except for `into` and `into_*`
/// methods, which take `self` by value by convention; an assignment, compound assignment
/// or `&mut` of a place rooted in a name is an assignment of that name; a deref (`*r`, in
/// `*r = v`, `&mut *r` or a read) borrows `r`; and a nested
/// non-`move` closure is read as a block (rustc captures for it what its body needs).
struct UseView {
    capture_move: bool,
}

impl UseView {
    /// `x`, for a place `x`, `x.f`, `x[i]`, `x.f[i].g` (not through a deref).
    fn root(place: &Expr) -> Option<Expr> {
        match place {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                Some(place.clone())
            }
            Expr::Field(f) => Self::root(&f.base),
            Expr::Index(i) => Self::root(&i.expr),
            Expr::Paren(p) => Self::root(&p.expr),
            _ => None,
        }
    }
}

impl VisitMut for UseView {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if self.capture_move {
            return;
        }
        match expr {
            Expr::MethodCall(m)
                if Self::root(&m.receiver).is_some() && !consumes_receiver(&m.method) =>
            {
                let receiver = &m.receiver;
                *m.receiver = parse_quote!(&#receiver);
            }
            Expr::Assign(a) => {
                if let Some(root) = Self::root(&a.left) {
                    *a.left = root;
                }
            }
            Expr::Binary(b) if crate::syntax::is_compound_assign(&b.op) => {
                if let Some(root) = Self::root(&b.left) {
                    let right = &b.right;
                    *expr = parse_quote!(#root = #right);
                }
            }
            Expr::Reference(r) if r.mutability.is_some() => {
                if let Some(root) = Self::root(&r.expr) {
                    *expr = parse_quote!((#root = ()));
                }
            }
            Expr::Unary(u)
                if matches!(u.op, syn::UnOp::Deref(_)) && Self::root(&u.expr).is_some() =>
            {
                // `*r` reads, writes or reborrows through `r`: rustc captures the place
                // `*r` by reference (or moves a `Box`'s content, which stays an error).
                let inner = &u.expr;
                *expr = parse_quote!((&#inner));
            }
            Expr::Closure(c) if c.capture.is_none() => {
                // `{ let (params..); body }`, built as a tree: typed parameters
                // (`|x: u32|`) are not a pattern Rust would parse there.
                let params = syn::Stmt::Local(syn::Local {
                    attrs: Vec::new(),
                    let_token: Default::default(),
                    pat: Pat::Tuple(syn::PatTuple {
                        attrs: Vec::new(),
                        paren_token: Default::default(),
                        elems: c.inputs.clone(),
                    }),
                    init: None,
                    semi_token: Default::default(),
                });
                *expr = Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: syn::Block {
                        brace_token: Default::default(),
                        stmts: vec![params, syn::Stmt::Expr((*c.body).clone(), None)],
                    },
                });
            }
            _ => {}
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `into` and `into_*`: by the naming convention of the standard library and the API
/// guidelines, these take `self` by value, so their receiver is used by value.
fn consumes_receiver(method: &Ident) -> bool {
    let name = method.to_string();
    name == "into" || name.starts_with("into_")
}

/// Single-segment path expressions outside callee position and nested items.
#[derive(Default)]
struct ValuePaths {
    names: HashSet<String>,
}

impl<'ast> Visit<'ast> for ValuePaths {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if path.qself.is_none() && path.path.leading_colon.is_none() {
            if let Some(segment) = path.path.segments.first() {
                if path.path.segments.len() == 1 && segment.arguments.is_none() {
                    self.names.insert(segment.ident.to_string());
                }
            }
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        // The callee may be a function item (perhaps generic); only a callee that is not a
        // plain name is looked into.
        if !matches!(&*call.func, Expr::Path(_)) {
            self.visit_expr(&call.func);
        }
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
