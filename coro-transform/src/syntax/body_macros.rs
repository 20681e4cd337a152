//! The `macro_rules!` a body defines, so that a call of one counts as a mention of the
//! locals its rules name.
//!
//! ```text
//! // Input:                                  // Output:
//! let mut k = 0;                             // rules of `bump`: `k += 1`
//! macro_rules! bump { () => { k += 1 }; }    // `bump!()` mentions (and may write) `k`
//! bump!();
//! ```

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

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
    crate::syntax::with_set(&BODY_MACROS, rules, f)
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

/// The tokens of the rules of the body's `macro_rules!` called `mac`, if it is one, with
/// those of the body's macros its rules call (`outer!` whose rules call `w!()` names what
/// `w`'s rules name).
pub fn body_macro_tokens(mac: &syn::Macro) -> Option<TokenStream> {
    let name = mac.path.get_ident()?.to_string();
    BODY_MACROS.with(|m| {
        let macros = m.borrow();
        let mut seen = std::collections::HashSet::new();
        let mut pending = vec![name];
        let mut out = TokenStream::new();
        while let Some(name) = pending.pop() {
            let Some(rules) = macros.get(&name) else {
                continue;
            };
            if !seen.insert(name) {
                continue;
            }
            calls(rules.clone(), &mut pending);
            out.extend(rules.clone());
        }
        (!seen.is_empty()).then_some(out)
    })
}

/// The names of the macros that `tokens` call (`name!`).
fn calls(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                if matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    out.push(ident.to_string());
                }
            }
            TokenTree::Group(group) => calls(group.stream(), out),
            _ => {}
        }
    }
}
