//! Renaming inside macro calls: another macro's tokens, a format string's `{x}`, `{:w$}`
//! and `{:.p$}`, the arguments of macros that take expressions, and the transcribers of
//! the body's `macro_rules!`.
//!
//! ```text
//! // Input (x renamed x_1):                  // Output:
//! format!("{x:>w$}", w = x)                  // format!("{x_1:>w$}", w = x_1)
//! val!(x: u32)                               // val!(x_1: u32)
//! macro_rules! m { () => { x + 1 }; }        // macro_rules! m { () => { x_1 + 1 }; }
//! ```

use super::*;

impl Renamer {
    /// Another macro's tokens (or a `macro_rules!` transcriber), a renamed binding's name
    /// renamed in every position (before a `:` too, where it may also be a field or a
    /// key: `val!(x: u32)` may use it as a local): where the emitted code spells the
    /// binding as written, a position where it is not a local sees no difference. Not a
    /// macro's own fragment (`$x`), nor a format call's argument name (`x = ..`).
    pub(super) fn rename_tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let named = named_arguments(&trees);
        let mut out = Vec::with_capacity(trees.len());
        for (i, tree) in trees.iter().enumerate() {
            out.push(match tree {
                TokenTree::Ident(ident) => match self.lookup(ident) {
                    Some(new) => {
                        let fragment = i > 0
                            && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                        // `name = value` names an argument (`format!("{name}", name = ..)`).
                        let argument_name = named.contains(&ident.to_string())
                            && matches!(trees.get(i + 1), Some(TokenTree::Punct(p))
                                if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone);
                        if fragment || argument_name {
                            tree.clone()
                        } else {
                            TokenTree::Ident(Ident::new(&new.to_string(), ident.span()))
                        }
                    }
                    _ => tree.clone(),
                },
                TokenTree::Group(group) => {
                    let mut new = Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                TokenTree::Literal(lit) => TokenTree::Literal(self.rename_in_format(lit, &named)),
                other => other.clone(),
            });
        }
        out.into_iter().collect()
    }

    /// The names a format string captures (`{x}`, `{x:?}`), and the widths and precisions it
    /// names (`{:w$}`, `{:.p$}`), renamed.
    pub(super) fn rename_in_format(
        &self,
        lit: &proc_macro2::Literal,
        named: &HashSet<String>,
    ) -> proc_macro2::Literal {
        let text = lit.to_string();
        if !text.contains('{') || !(text.starts_with('"') || text.starts_with('r')) {
            return lit.clone();
        }
        let out = rename_format_names(&text, &mut |name: &str| -> Option<String> {
            if named.contains(name) {
                return None;
            }
            let ident = syn::parse_str::<Ident>(name).ok()?;
            let ident = Ident::new(&ident.to_string(), lit.span());
            self.lookup(&ident).map(|new| new.to_string())
        });
        match out.parse::<proc_macro2::Literal>() {
            Ok(mut new) => {
                new.set_span(lit.span());
                new
            }
            Err(_) => lit.clone(),
        }
    }

    /// Renames a macro's arguments as expressions, if they parse as such (`vec![e; n]`, or
    /// expressions separated by commas); returns whether they did.
    pub(super) fn rename_arguments(&mut self, mac: &mut Macro) -> bool {
        let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
        if crate::syntax::edit_vec_repeat(mac, |e| self.visit_expr_mut(e)) {
            return true;
        }
        if let Ok(mut args) = parser.parse2(mac.tokens.clone()) {
            let before = quote::ToTokens::to_token_stream(&args).to_string();
            // `name = value` is a named argument: its name is not a mention, and a format
            // string's `{name}` is that argument.
            let format_string = matches!(
                args.first(),
                Some(Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(_),
                    ..
                }))
            );
            let named: HashSet<String> = args
                .iter()
                .filter(|_| format_string)
                .filter_map(|arg| match arg {
                    Expr::Assign(a) => match &*a.left {
                        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            for arg in args.iter_mut() {
                match arg {
                    Expr::Assign(a) if format_string && matches!(&*a.left, Expr::Path(_)) => {
                        self.visit_expr_mut(&mut a.right)
                    }
                    _ => self.visit_expr_mut(arg),
                }
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = arg
                {
                    let renamed = self.rename_in_format(&s.token(), &named);
                    if let syn::Lit::Str(new) = syn::Lit::new(renamed) {
                        *s = new;
                    }
                }
            }
            if quote::ToTokens::to_token_stream(&args).to_string() != before {
                mac.tokens = quote::ToTokens::to_token_stream(&args);
            }
            return true;
        }
        false
    }

    /// The rules of a `macro_rules!` defined in the body, their transcribers renamed: the
    /// names a transcriber writes resolve where the macro is defined, to the bindings in
    /// scope there (`(matcher) => { transcriber };`; matchers are left as written).
    pub(super) fn rename_transcribers(&self, rules: TokenStream) -> TokenStream {
        let mut after_arrow = false;
        let mut out = Vec::new();
        let mut previous_eq = false;
        for tree in rules {
            let renamed = match &tree {
                TokenTree::Group(group) if after_arrow => {
                    let mut new = Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                    new.set_span(group.span());
                    after_arrow = false;
                    TokenTree::Group(new)
                }
                TokenTree::Punct(p) if p.as_char() == '>' && previous_eq => {
                    after_arrow = true;
                    tree.clone()
                }
                _ => tree.clone(),
            };
            previous_eq = matches!(&tree, TokenTree::Punct(p) if p.as_char() == '=');
            out.push(renamed);
        }
        out.into_iter().collect()
    }
}

/// The names a string literal would capture or take widths from as a format string, but
/// for those `named` (the macro call's named arguments, `w = 4`, which any string of the
/// call may name whatever its hygiene).
pub(crate) fn format_names(text: &str, named: &HashSet<String>) -> Vec<String> {
    let mut names = Vec::new();
    if text.contains('{') && (text.starts_with('"') || text.starts_with('r')) {
        rename_format_names(text, &mut |name| {
            if syn::parse_str::<Ident>(name).is_ok() && !named.contains(name) {
                names.push(name.to_string());
            }
            None
        });
    }
    names
}

/// The names a macro call's tokens give as named arguments (`name = value`, not `==`), in
/// a call whose first argument is a string (a format string): elsewhere `x = 10` in a
/// macro's input is an assignment to the local `x`.
pub(crate) fn named_arguments(trees: &[TokenTree]) -> HashSet<String> {
    let mut named = HashSet::new();
    if !starts_with_a_string(trees) {
        return named;
    }
    for (i, tree) in trees.iter().enumerate() {
        let TokenTree::Ident(ident) = tree else {
            continue;
        };
        let assigns = matches!(trees.get(i + 1), Some(TokenTree::Punct(p))
            if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone);
        if assigns {
            named.insert(ident.to_string());
        }
    }
    named
}

/// Whether a macro call's tokens start with a string literal, as a format macro's do.
fn starts_with_a_string(trees: &[TokenTree]) -> bool {
    matches!(trees.first(), Some(TokenTree::Literal(lit)) if lit.to_string().starts_with(['"', 'r']))
}

/// The text of a string literal whose format names (`{x}`, `{x:?}`, widths and precisions
/// `{:w$}`, `{:.p$}`) `rename` renames where it gives a new name; `{{` is not a name.
pub(crate) fn rename_format_names(
    text: &str,
    rename: &mut dyn FnMut(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if rest.starts_with("{{") {
            out.push_str("{{");
            rest = &rest[2..];
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let spec = &rest[1..close];
        out.push('{');
        out.push_str(&rename_spec(spec, rename));
        out.push('}');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// One `{argument:format}` of a format string, its names renamed.
fn rename_spec(spec: &str, rename: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let (arg, format) = match spec.split_once(':') {
        Some((arg, format)) => (arg, Some(format)),
        None => (spec, None),
    };
    let mut out = rename(arg.trim()).unwrap_or_else(|| arg.to_string());
    if let Some(format) = format {
        out.push(':');
        // `name$` is a width or precision taken from an argument of that name.
        let mut word = String::new();
        for c in format.chars() {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if c == '$' {
                out.push_str(&rename(&word).unwrap_or_else(|| word.clone()));
            } else {
                out.push_str(&word);
            }
            word.clear();
            out.push(c);
        }
        out.push_str(&word);
    }
    out
}

/// `original` with each identifier and literal replaced by the one at the same place in
/// `renamed`, the same tokens printed again after renaming; `None` if they do not line up.
pub(super) fn transplant_names(
    original: &TokenStream,
    renamed: &TokenStream,
) -> Option<TokenStream> {
    fn leaves(tokens: &TokenStream, out: &mut Vec<TokenTree>) {
        for tree in tokens.clone() {
            match tree {
                TokenTree::Group(group) => leaves(&group.stream(), out),
                TokenTree::Punct(_) => {}
                leaf => out.push(leaf),
            }
        }
    }
    fn rebuild(
        tokens: &TokenStream,
        new: &mut impl Iterator<Item = TokenTree>,
    ) -> Option<TokenStream> {
        tokens
            .clone()
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) => {
                    let mut rebuilt = Group::new(group.delimiter(), rebuild(&group.stream(), new)?);
                    rebuilt.set_span(group.span());
                    Some(TokenTree::Group(rebuilt))
                }
                TokenTree::Punct(p) => Some(TokenTree::Punct(p)),
                TokenTree::Ident(_) => match new.next()? {
                    TokenTree::Ident(ident) => Some(TokenTree::Ident(ident)),
                    _ => None,
                },
                TokenTree::Literal(_) => match new.next()? {
                    TokenTree::Literal(lit) => Some(TokenTree::Literal(lit)),
                    _ => None,
                },
            })
            .collect()
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    leaves(original, &mut before);
    leaves(renamed, &mut after);
    if before.len() != after.len() {
        return None;
    }
    rebuild(original, &mut after.into_iter())
}
