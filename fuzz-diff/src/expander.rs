//! Fuzzing the expander: `coro_transform::expand_attribute` must never panic, whatever
//! tokens it is given.
//!
//! Inputs come from three sources, chosen at random per execution:
//! - a valid coroutine function (a generated body from [`crate::gen`], or one of the
//!   hand-written seeds below: methods, generics, lifetimes, `where` clauses, bad
//!   signatures), mutated 1 to 8 times: delete, duplicate or swap token trees, insert a
//!   random token, insert `yield_!(..)` at a random place, change or drop a group's
//!   delimiters, wrap a run of tokens in a group;
//! - a valid function unchanged except for random attribute arguments;
//! - random token soup (nested groups of keywords, identifiers, punctuation, literals).
//!
//! Each call runs under `catch_unwind`; a panic is recorded with the input that caused it.

use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::rng::Rng;

thread_local! {
    static LOCATION: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

const SEEDS: &[&str] = &[
    "fn a() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }",
    "pub fn b(#[resume] x: u32, n: u32) -> impl coro::Coroutine<u32, Yield = u32, Return = u32> { let y = yield_!(x) + yield_!(n); while y > 0 { if yield_!(y) == 3 { break; } } y }",
    "fn c<'a, T: Clone>(v: &'a [T]) -> impl Coroutine<Yield = T, Return = usize> + 'a where T: 'a { let mut n = 0; for x in v.iter().cloned() { yield_!(x); n += 1; } n }",
    "fn d(#[resume] r: Option<u32>) -> impl Coroutine<Option<u32>, Yield = u32, Return = Option<u32>> { let Some(x) = r else { return None; }; let y = yield_!(x)?; 'o: loop { match y { 0 => break 'o, n if n > yield_!(n) => continue 'o, _ => return Some(n) } } Some(y) }",
    "impl S { #[allow(unused)] fn e(&mut self) -> impl Coroutine<Yield = u32, Return = ()> + '_ { self.n += yield_!(self.n); } }",
    "fn f(self: Box<Self>) -> impl Coroutine<Yield = (), Return = u8> { let v = 'b: { if yield_!(()) == () { break 'b 1; } 2 }; v }",
    "async fn g() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(1); }",
    "fn h() -> u32 { yield_!(1); 2 }",
    "fn i(#[resume] a: u32, #[resume] b: u32) -> impl Coroutine<u32, Yield = u32, Return = ()> { let c = || yield_!(a); }",
    "fn j() -> impl Coroutine<Yield = u32, Return = Result<u32, E>> { let r = [yield_!(1), yield_!(2)][yield_!(0) as usize]; let s = S { a: yield_!(r), ..yield_!(base) }; Ok(f(yield_!(3))? + (yield_!(4) as u32)) }",
    "fn k() -> impl Coroutine<Yield = u32, Return = ()> { let v = vec![]; v.push(yield_!(1)); let r = &v; yield_!(2); drop(r); }",
    "fn l() -> impl Coroutine<Yield = u32, Return = ()> { yield_!(); yield_!(1, 2); yield_![3]; yield_!{4}; println!(\"{}\", yield_!(5)); }",
];

const WORDS: &[&str] = &[
    "yield_",
    "let",
    "mut",
    "ref",
    "fn",
    "impl",
    "Coroutine",
    "Yield",
    "Return",
    "loop",
    "while",
    "for",
    "in",
    "if",
    "else",
    "match",
    "break",
    "continue",
    "return",
    "self",
    "Self",
    "async",
    "await",
    "move",
    "where",
    "x",
    "y",
    "u32",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "resume",
    "coro",
    "static",
    "const",
    "struct",
    "unsafe",
    "dyn",
    "pub",
    "crate",
    "super",
    "as",
    "type",
    "true",
    "false",
    "drop",
    "macro_rules",
];

const PUNCT: &[char] = &[
    '+', '-', '*', '/', '%', '^', '!', '&', '|', '=', '<', '>', '@', '.', ',', ';', ':', '#', '$',
    '?', '~',
];

/// Counts of one fuzzing run.
#[derive(Debug, Default)]
pub struct Report {
    /// Calls of `expand_attribute`.
    pub executions: u64,
    /// Inputs that made it panic: (attribute arguments, item, panic message).
    pub crashes: Vec<(String, String, String)>,
    /// The slowest single expansion.
    pub slowest: Duration,
}

fn random_token(rng: &mut Rng, depth: u32) -> TokenTree {
    match rng.below(10) {
        0..=3 => {
            let word: &&str = rng.choose(WORDS);
            TokenTree::Ident(Ident::new(word, Span::call_site()))
        }
        4..=6 => {
            let spacing = if rng.chance(30) {
                Spacing::Joint
            } else {
                Spacing::Alone
            };
            TokenTree::Punct(Punct::new(*rng.choose(PUNCT), spacing))
        }
        7 => TokenTree::Literal(match rng.below(4) {
            0 => Literal::u32_unsuffixed(rng.below(100) as u32),
            1 => Literal::string("s"),
            2 => Literal::u8_suffixed(rng.below(100) as u8),
            _ => Literal::f64_unsuffixed(1.5),
        }),
        _ if depth < 4 => {
            let d = *rng.choose(&[
                Delimiter::Parenthesis,
                Delimiter::Brace,
                Delimiter::Bracket,
                Delimiter::None,
            ]);
            let n = rng.below(5);
            let inner: TokenStream = (0..n).map(|_| random_token(rng, depth + 1)).collect();
            TokenTree::Group(Group::new(d, inner))
        }
        _ => TokenTree::Ident(Ident::new("z", Span::call_site())),
    }
}

/// A stream of random tokens.
pub fn soup(rng: &mut Rng) -> TokenStream {
    let n = rng.below(40);
    (0..n).map(|_| random_token(rng, 0)).collect()
}

/// Token trees as an editable tree.
#[derive(Clone)]
enum Node {
    Leaf(TokenTree),
    Group(Delimiter, Vec<Node>),
}

fn to_nodes(ts: TokenStream) -> Vec<Node> {
    ts.into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => Node::Group(g.delimiter(), to_nodes(g.stream())),
            t => Node::Leaf(t),
        })
        .collect()
}

fn to_stream(nodes: &[Node]) -> TokenStream {
    nodes
        .iter()
        .map(|n| match n {
            Node::Leaf(t) => t.clone(),
            Node::Group(d, inner) => TokenTree::Group(Group::new(*d, to_stream(inner))),
        })
        .collect()
}

/// The number of token lists (the top level and every group's contents).
fn count_lists(nodes: &[Node]) -> usize {
    1 + nodes
        .iter()
        .map(|n| match n {
            Node::Group(_, inner) => count_lists(inner),
            Node::Leaf(_) => 0,
        })
        .sum::<usize>()
}

/// Calls `f` on the `k`-th token list (pre-order).
fn with_list(nodes: &mut Vec<Node>, k: &mut usize, f: &mut dyn FnMut(&mut Vec<Node>)) -> bool {
    if *k == 0 {
        f(nodes);
        return true;
    }
    *k -= 1;
    for n in nodes.iter_mut() {
        if let Node::Group(_, inner) = n {
            if with_list(inner, k, f) {
                return true;
            }
        }
    }
    false
}

fn yield_tokens(rng: &mut Rng) -> Vec<Node> {
    let arg = if rng.chance(50) { "x" } else { "1" };
    let src = match rng.below(4) {
        0 => format!("yield_!({arg})"),
        1 => format!("yield_!({arg});"),
        2 => format!("let q = yield_!({arg});"),
        _ => "yield_!(yield_!(0))".to_string(),
    };
    to_nodes(src.parse().unwrap_or_default())
}

/// Applies one random mutation.
fn mutate(nodes: &mut Vec<Node>, rng: &mut Rng) {
    let lists = count_lists(nodes);
    let mut k = rng.below(lists as u64) as usize;
    let op = rng.below(8);
    let extra = yield_tokens(rng);
    let tok = random_token(rng, 2);
    let r1 = rng.next_u64() as usize;
    let r2 = rng.next_u64() as usize;
    let delim = *rng.choose(&[
        Delimiter::Parenthesis,
        Delimiter::Brace,
        Delimiter::Bracket,
        Delimiter::None,
    ]);
    with_list(nodes, &mut k, &mut |list: &mut Vec<Node>| {
        let len = list.len();
        match op {
            0 if len > 0 => {
                list.remove(r1 % len);
            }
            1 if len > 0 => {
                let n = list[r1 % len].clone();
                list.insert(r2 % (len + 1), n);
            }
            2 if len > 1 => list.swap(r1 % len, r2 % len),
            3 => list.insert(r1 % (len + 1), Node::Leaf(tok.clone())),
            4 => {
                let at = r1 % (len + 1);
                for (i, n) in extra.iter().enumerate() {
                    list.insert(at + i, n.clone());
                }
            }
            5 if len > 0 => {
                let i = r1 % len;
                if let Node::Group(_, inner) = &list[i] {
                    if r2 % 2 == 0 {
                        list[i] = Node::Group(delim, inner.clone());
                    } else {
                        let inner = inner.clone();
                        list.splice(i..=i, inner);
                    }
                }
            }
            6 if len > 0 => {
                let a = r1 % len;
                let b = (a + 1 + r2 % 4).min(len);
                let run: Vec<Node> = list.drain(a..b).collect();
                list.insert(a, Node::Group(delim, run));
            }
            _ if len > 0 => {
                // Truncate.
                list.truncate(r1 % len);
            }
            _ => list.push(Node::Leaf(tok.clone())),
        }
    });
}

/// One fuzz input: (attribute arguments, item).
pub fn input(rng: &mut Rng) -> (TokenStream, TokenStream) {
    let base: String = if rng.chance(50) {
        let edition = if rng.chance(50) {
            crate::ir::Edition::E2024
        } else {
            crate::ir::Edition::E2021
        };
        let config = crate::gen::Config {
            edition,
            features: crate::gen::Features::all(),
        };
        let p = crate::gen::program(rng.next_u64(), &config);
        format!(
            "fn body(#[resume] r0: {}) -> impl Coroutine<{}, Yield = u32, Return = {}> {{\n{}}}",
            p.arg_ty(),
            p.arg_ty(),
            p.ret.ty(),
            p.body_source(1)
        )
    } else {
        (*rng.choose(SEEDS)).to_string()
    };
    let base: TokenStream = base.parse().unwrap_or_default();
    match rng.below(10) {
        0 => (TokenStream::new(), soup(rng)),
        1 => (soup(rng), base),
        _ => {
            let mut nodes = to_nodes(base);
            for _ in 0..1 + rng.below(8) {
                mutate(&mut nodes, rng);
            }
            (TokenStream::new(), to_stream(&nodes))
        }
    }
}

/// Runs `count` executions from `seed`.
pub fn fuzz(seed: u64, count: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LOCATION.with(|l| *l.borrow_mut() = at);
    }));
    for _ in 0..count {
        let (args, item) = input(&mut rng);
        let (a, i) = (args.to_string(), item.to_string());
        let start = Instant::now();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            coro_transform::expand_attribute(args, item)
        }));
        report.slowest = report.slowest.max(start.elapsed());
        report.executions += 1;
        if let Err(payload) = result {
            let msg = if let Some(s) = payload.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "<non-string panic>".into()
            };
            let msg = msg + &LOCATION.with(|l| l.borrow().clone());
            report.crashes.push((a, i, msg));
        }
    }
    panic::set_hook(previous);
    report
}
