//! The code of each region of the resume function (rustc's
//! `create_coroutine_resume_function`), from the plan.
//!
//! A region is the user's code, re-assembled from its entry to wherever it stops:
//!
//! * it first declares again, block by block from the body down to its entry, the
//!   bindings held there (taken from the state, or from the join);
//! * at its entry it binds what the entry brings (a resume argument, a control
//!   structure's value) and runs the rest of that block;
//! * when a block it is in ends, it goes on after the enclosing statement: inline when the
//!   plan allows, otherwise through the join after it (`break '__region
//!   __Resume::AfterN { .. }`), and at the end of a loop body to the loop's head.
//!
//! A loop or labelled block around the entry that the region's code may leave with a
//! `break` or `continue` (also from inside another macro) is emitted as a real Rust loop
//! (a *proxy*) carrying the user's label, so those jumps keep their meaning without being
//! rewritten: a `break` lands after the proxy, which passes on to the loop's `After` join;
//! a `continue` re-enters the proxy, which passes on to the loop's head. A hot loop is
//! re-entered for real:
//!
//! ```text
//! // Input: `for x in xs { yield_!(x); log(x); }`, the region after the yield:
//! let mut __first1 = true;
//! while-ish loop {
//!     if __first1 { __first1 = false; { let x = __held_x; log(x); } }
//!     else if let Some(x) = Iterator::next(&mut __iter0) { yield_!(x) as a suspension; log(x); }
//!     else { break }
//! }
//! break '__region __Resume::After0 { __value: (), .. }
//! ```
//!
//! This module holds the regions' frame (their start, the levels of blocks they re-enter,
//! the loops they re-enter or proxy); `flow` how their code goes on, `transfer` how
//! they save and restore held values and jump to joins, `user_code` the user's code and
//! items as they emit them.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::Type;

use crate::assemble::{Analysed, Residual};
use crate::bindings::{Bindings, Role, Site};
use crate::borrows::{Derivation, Derived};
use crate::cfg::{Cfg, NodeKind, Target};
use crate::facts::NameKey;
use crate::ids::{BindingId, BlockId, NodeId, PointId, StmtId};
use crate::jumps::{self, Frame, Redirect};
use crate::liveness::{Liveness, Slot};
use crate::names::{self, Names};
use crate::plan::{Entry, Plan};
use crate::spine::{ArmBody, Ctl, Else, If, Kind, Spine, YieldKind};
use crate::unshadow::Unshadowed;

mod flow;
mod transfer;
mod user_code;

use user_code::{braced, is_macro_rules, remove_empty_declarations};

/// A pattern whose bindings a region binds again together: a loop's, or one matched against
/// a borrow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Item(StmtId),
    Pattern(usize),
}

/// Where a region's code may continue inline after a control structure.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Root {
    /// Everywhere, loops included (the start of the body).
    Body,
    /// Inside this loop (its own region, or a hot loop re-entered after a yield).
    Loop(StmtId),
    /// Nowhere: every control structure is followed by its join.
    Nowhere,
}

pub struct Regions<'a> {
    pub spine: &'a Spine,
    pub cfg: &'a Cfg,
    pub bindings: &'a Bindings,
    pub live: &'a Liveness,
    pub plan: &'a Plan,
    unshadowed: &'a Unshadowed,
    pub names: Names,
    /// The yielded type, as it may be written in a `let` (`impl Trait` replaced by `_`).
    pub yield_ty: Type,
    /// How the resume closure's step returns (see [`Residual`]).
    pub residual: Option<Residual>,
    /// Joins the regions emitted so far pass control to.
    requested: Vec<Entry>,
    seen: HashSet<Entry>,
    // The region being emitted:
    root: Root,
    in_place: Option<PointId>,
    used: Vec<Target>,
    /// The loops and labelled blocks around the code being emitted, as its jumps see them.
    frames: Vec<Frame>,
    /// Whether a macro the transform cannot read, in code emitted since this was last
    /// reset, may jump to a loop emitted in part.
    opaque: bool,
    /// Whether the code being emitted is inside a proxy loop (see [`Regions::proxied`]),
    /// whose back edge the borrow checker follows: the resume argument and the held values
    /// restored there wait in `Option`s and are taken out once.
    in_proxy: bool,
    /// The held values restored inside the current proxy loop.
    taken_in_proxy: Vec<proc_macro2::Ident>,
    completes: HashMap<(Root, StmtId), bool>,
    /// The untyped bindings the current region declares empty (`let y;`), which it drops
    /// again if nothing else in it names them (see [`Regions::without_unused_empties`]).
    empties: Vec<proc_macro2::Ident>,
    /// The bindings tied to a type cell by some region (`Regions::tie`), in order.
    pub tied: std::collections::BTreeSet<BindingId>,
}

impl<'a> Regions<'a> {
    /// The regions of an analysed body; `yield_ty` is the yielded type as a `let` may
    /// write it, `residual` how the step returns (see [`Residual`]).
    pub fn new(a: &Analysed<'a>, names: Names, yield_ty: Type, residual: Option<Residual>) -> Self {
        Regions {
            residual,
            spine: a.spine,
            cfg: a.cfg,
            bindings: a.bindings,
            live: a.live,
            plan: a.plan,
            unshadowed: a.unshadowed,
            names,
            yield_ty,
            requested: Vec::new(),
            seen: HashSet::new(),
            root: Root::Nowhere,
            in_place: None,
            used: Vec::new(),
            frames: Vec::new(),
            opaque: false,
            in_proxy: false,
            taken_in_proxy: Vec::new(),
            tied: std::collections::BTreeSet::new(),
            empties: Vec::new(),
            completes: HashMap::new(),
        }
    }

    /// Emits every region the machine needs: the start, one per suspension point, and
    /// every join they reach, in source order. Returns each entry with its code.
    pub fn all(&mut self) -> Vec<(Entry, TokenStream)> {
        let mut out = Vec::new();
        let mut pending: Vec<Entry> = std::iter::once(Entry::Unresumed)
            .chain(self.spine.point_ids().map(Entry::Resume))
            .collect();
        self.seen.extend(pending.iter().copied());
        while let Some(entry) = pending.pop() {
            let code = self.region(entry);
            out.push((entry, code));
            pending.append(&mut self.requested);
        }
        let (spine, plan) = (self.spine, self.plan);
        out.sort_by(|a, b| plan.source_order(spine, a.0, b.0));
        out
    }

    /// Whether resuming `point` leaves the held values in the state (see
    /// [`Liveness::in_place`]).
    pub fn in_place(&self, point: PointId) -> bool {
        self.live.in_place(point)
    }

    fn region(&mut self, entry: Entry) -> TokenStream {
        self.used.clear();
        self.frames.clear();
        self.opaque = false;
        self.in_place = match entry {
            Entry::Resume(k) if self.live.in_place(k) => Some(k),
            _ => None,
        };
        self.root = match entry {
            Entry::Unresumed if self.plan.single_copy => Root::Nowhere,
            Entry::Unresumed => Root::Body,
            Entry::Resume(k) => self.plan.reentered(k).map_or(Root::Nowhere, Root::Loop),
            Entry::Head(l) => Root::Loop(l),
            Entry::After(_) => Root::Nowhere,
        };
        let node = self.plan.node(self.cfg, entry);
        if entry != Entry::Unresumed && !self.live.reached(node) {
            // A yield in code that never runs (after a `return`): the state it would save is
            // never built, and the region names nothing.
            return quote!(::core::unreachable!());
        }
        let body = self.spine.root;
        let brace = self.spine.block(body).brace;
        let body_label = names::body_label();
        let (params, contents) = match entry {
            Entry::Unresumed => {
                let params = self
                    .bindings
                    .params
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>();
                let witnesses = self.witnesses(&params);
                let (contents, _) = self.flow_stmts(body, 0);
                (witnesses, contents)
            }
            _ => {
                let params: Vec<BindingId> = self
                    .cfg
                    .scope_at(node)
                    .iter()
                    .copied()
                    .filter(|&b| self.bindings.get(b).site == Site::Param)
                    .collect();
                let restores = self.restores(node, &params);
                let levels = self.levels(entry);
                let (contents, _) = self.level(&levels, 0, entry);
                (restores, contents)
            }
        };
        let block = braced(brace, contents);
        self.without_unused_empties(quote!(#params break #body_label (#block)))
    }

    /// A region's code without the declarations of the untyped empty bindings it names
    /// nowhere else: a region that resumes inside a block and leaves for a join never
    /// assigns a `let y;` of an outer block, which would leave its type unknown (E0282).
    fn without_unused_empties(&mut self, code: TokenStream) -> TokenStream {
        let empties = std::mem::take(&mut self.empties);
        if empties.is_empty() {
            return code;
        }
        // How often each of them is named, in one walk over the region.
        fn count(tokens: &TokenStream, counts: &mut HashMap<String, usize>) {
            for tree in tokens.clone() {
                match tree {
                    TokenTree::Ident(ident) => {
                        if let Some(n) = counts.get_mut(&ident.unraw().to_string()) {
                            *n += 1;
                        }
                    }
                    TokenTree::Group(group) => count(&group.stream(), counts),
                    _ => {}
                }
            }
        }
        let mut counts: HashMap<String, usize> = empties
            .iter()
            .map(|name| (name.unraw().to_string(), 0))
            .collect();
        count(&code, &mut counts);
        let unused: Vec<String> = counts
            .into_iter()
            .filter(|&(_, n)| n == 1)
            .map(|(name, _)| name)
            .collect();
        if unused.is_empty() {
            return code;
        }
        remove_empty_declarations(code, &unused)
    }

    /// The blocks from the body down to the entry, each with the position of the
    /// statement the entry is in (or at).
    fn levels(&self, entry: Entry) -> Vec<(BlockId, usize)> {
        let stmt = match entry {
            Entry::Unresumed => return vec![(self.spine.root, 0)],
            Entry::Resume(k) => self.spine.point(k).stmt,
            Entry::After(s) | Entry::Head(s) => s,
        };
        let mut levels: Vec<(BlockId, usize)> = self
            .spine
            .ancestors(stmt)
            .map(|s| {
                let node = self.spine.node(s);
                (node.block, node.position)
            })
            .collect();
        levels.reverse();
        levels
    }

    /// The contents of level `i`'s block: its bindings declared again, then either the
    /// entry and the rest of the block, or the statement holding the entry (emitted in
    /// part) and what follows it. Returns whether the end of the block can be reached.
    fn level(
        &mut self,
        levels: &[(BlockId, usize)],
        i: usize,
        entry: Entry,
    ) -> (TokenStream, bool) {
        let (block, position) = levels[i];
        let node = self.plan.node(self.cfg, entry);
        let here: Vec<BindingId> = self
            .cfg
            .scope_at(node)
            .iter()
            .copied()
            .filter(|&b| self.declared_before(b, block, position))
            .collect();
        // A `macro_rules!` body names the locals in scope where it is written: each earlier
        // one comes after the bindings declared before it, and before the others.
        let mut out = TokenStream::new();
        let mut restored = 0;
        for (at, rules) in self.earlier_macros(block, position) {
            let before = here[restored..]
                .iter()
                .take_while(|&&b| self.declared_before(b, block, at))
                .count();
            out.extend(self.restores(node, &here[restored..restored + before]));
            restored += before;
            out.extend(rules);
        }
        out.extend(self.restores(node, &here[restored..]));
        out.extend(self.copied_items(block));
        let stmt = self.spine.block(block).stmts[position];
        if i + 1 == levels.len() {
            let (start, completes) = self.entry_start(entry, stmt);
            out.extend(start);
            if !completes {
                return (out, false);
            }
            let (rest, completes) = self.flow_stmts(block, position + 1);
            out.extend(rest);
            return (out, completes);
        }
        let (part, completes) = self.partial(stmt, levels, i, entry);
        let (next, completes) = self.after(stmt, part, completes);
        out.extend(next);
        if !completes {
            return (out, false);
        }
        let (rest, completes) = self.flow_stmts(block, position + 1);
        out.extend(rest);
        (out, completes)
    }

    fn declared_before(&self, b: BindingId, block: BlockId, position: usize) -> bool {
        match self.bindings.get(b).site {
            Site::Entry(entry_block) => entry_block == block,
            Site::Stmt(s) => {
                let node = self.spine.node(s);
                node.block == block && node.position < position
            }
            Site::Param | Site::Iterator(_) => false,
        }
    }

    /// What the entry brings, bound, at the statement it stands at.
    fn entry_start(&mut self, entry: Entry, stmt: StmtId) -> (TokenStream, bool) {
        match entry {
            Entry::Resume(k) => {
                // The yielded value's jumps ran before the suspension: only the rest of the
                // statement's count here.
                self.use_targets(self.cfg.resumed_jumps(k));
                let point = self.spine.point(k);
                let span = crate::paths::at(point.span);
                let coro = crate::paths::root_at(span);
                let arg = names::arg();
                let arg = if self.in_proxy {
                    quote_spanned!(span=> #coro::__private::take_resumed(&mut #arg))
                } else {
                    quote!(#arg)
                };
                let witnesses = self.witnesses(self.cfg.declares(stmt));
                let code = match &point.kind {
                    YieldKind::Discard => quote_spanned!(span=> #coro::__private::discard(#arg);),
                    YieldKind::Value => quote_spanned!(span=> #arg),
                    YieldKind::Let {
                        attrs,
                        pat,
                        diverge,
                    } => {
                        // A value expression: parts of it the pattern leaves are dropped at
                        // once, as the temporary `yield` would be.
                        let value = quote_spanned!(span=> ::core::convert::identity(#arg));
                        let diverge = diverge.as_ref().map(|d| {
                            let d = self.user_block(d);
                            quote!(else #d)
                        });
                        quote_spanned!(span=> #(#attrs)* let #pat = #value #diverge;)
                    }
                    YieldKind::Assign { place, op } => {
                        let place = self.user_expr(place);
                        match op {
                            // `_ = yield_!(..)` drops the argument at once (`_` does not
                            // move a place; the argument must be a value here).
                            None => {
                                quote_spanned!(span=> #place = ::core::convert::identity(#arg);)
                            }
                            Some(op) => quote_spanned!(span=> #place #op #arg;),
                        }
                    }
                };
                (quote!(#code #witnesses), true)
            }
            Entry::After(s) => {
                let coro = crate::paths::root();
                let value = names::value();
                let value = if self.in_proxy {
                    quote!(#coro::__private::take_resumed(&mut #value))
                } else {
                    quote!(#value)
                };
                let node = self.spine.node(s);
                let is_value = self.spine.tail(node.block) == Some(s);
                let code = match &node.kind {
                    // A statement's value nobody uses is dropped at its end.
                    Kind::Ctl { .. } if !is_value => {
                        quote!(#coro::__private::discard(#value);)
                    }
                    // `let _ = ..` of the statement's value drops it at once: the value
                    // must stay a value expression (`__value` alone is a place, which
                    // `let _ =` would leave where it is).
                    // A `let` of one name passes the value through the binding's type cell,
                    // where it coerces to what the inline path gave it (`&[4]` to `&[u32]`).
                    // (Not `let ref r`, whose binding is a reference to the value.)
                    Kind::Let {
                        pat: syn::Pat::Ident(ident),
                        ..
                    } if ident.by_ref.is_none()
                        && self.cfg.declares(s).len() == 1
                        && !self.makes_closures(s) =>
                    {
                        let passed = match self.cell(self.cfg.declares(s)[0]) {
                            Some(cell) => quote!(#cell.pass(#value)),
                            None => quote!({ #value }),
                        };
                        self.bind(s, passed)
                    }
                    _ => self.bind(s, quote!({ #value })),
                };
                (code, true)
            }
            Entry::Head(l) => {
                let restores = self.iterator_restore(l, self.plan.node(self.cfg, entry));
                let (the_loop, completes) = self.loop_from_head(l);
                let (next, completes) = self.after(l, the_loop, completes);
                (quote!(#restores #next), completes)
            }
            Entry::Unresumed => unreachable!("the start has no levels"),
        }
    }

    /// Statement `stmt`, whose construct holds the entry further down, emitted in part:
    /// only the block the entry is in, inside whatever the region's jumps need around it.
    fn partial(
        &mut self,
        stmt: StmtId,
        levels: &[(BlockId, usize)],
        i: usize,
        entry: Entry,
    ) -> (TokenStream, bool) {
        let node = self.plan.node(self.cfg, entry);
        let inner_block = levels[i + 1].0;
        let brace = self.spine.block(inner_block).brace;
        let Some(ctl) = self.spine.ctl(stmt) else {
            // The `else` block of a `let .. else`: it never completes.
            let (inner, _) = self.level(levels, i + 1, entry);
            return (braced(brace, inner), false);
        };
        match ctl {
            Ctl::Block {
                label, unsafety, ..
            } => {
                let (inner, completes) =
                    self.in_block_frame(label.as_ref(), |r| r.level(levels, i + 1, entry));
                let block = braced(brace, inner);
                let broken = self.used.contains(&Target::Break(stmt));
                (
                    quote!(#label #unsafety #block),
                    completes || (label.is_some() && broken),
                )
            }
            Ctl::If(_) | Ctl::Match { .. } => {
                let (inner, completes) = self.level(levels, i + 1, entry);
                let branch = braced(brace, inner);
                // A branch of an `if` or an arm of a `match` is a temporary scope: the
                // temporaries of its value are dropped at its end, and a plain block in
                // its place would keep them to the end of the enclosing statement
                // (edition 2021). A one-arm `match` is such a scope too.
                if self.value_may_make_temporaries(inner_block) {
                    return (quote!(match () { () => #branch }), completes);
                }
                (branch, completes)
            }
            Ctl::Loop { label, .. } | Ctl::While { label, .. } | Ctl::For { label, .. } => {
                let restore = self.iterator_restore(stmt, node);
                let key = label.as_ref().map(|l| NameKey::of_lifetime(&l.name));
                let redirect = Redirect {
                    exit: names::label(&format!("__exit{}", stmt.index())),
                    next: names::label(&format!("__next{}", stmt.index())),
                };
                // Jumps to this loop in the code below go to labelled blocks, unless a
                // macro the transform cannot read may produce one: then they keep their
                // meaning through a proxy loop (see `proxied`).
                let outer_opaque = std::mem::take(&mut self.opaque);
                self.frames.push(Frame {
                    label: key.clone(),
                    is_loop: true,
                    redirect: Some(redirect.clone()),
                });
                let (inner, inner_completes) = self.level(levels, i + 1, entry);
                self.frames.pop();
                let opaque = std::mem::replace(&mut self.opaque, outer_opaque);
                if opaque {
                    self.frames.push(Frame {
                        label: key,
                        is_loop: true,
                        redirect: None,
                    });
                    // The outermost proxy puts what the rest moves in (the resume argument,
                    // the held values it restores) in `Option`s before its loop.
                    let outermost = !self.in_proxy;
                    self.in_proxy = true;
                    let (inner, inner_completes) = self.level(levels, i + 1, entry);
                    self.frames.pop();
                    let rest = braced(brace, inner);
                    let (code, completes) = self.proxied(stmt, restore, rest, inner_completes);
                    if !outermost {
                        return (code, completes);
                    }
                    self.in_proxy = false;
                    let mut moved_in = std::mem::take(&mut self.taken_in_proxy);
                    match entry {
                        Entry::Resume(_) => moved_in.push(names::arg()),
                        Entry::After(_) => moved_in.push(names::value()),
                        _ => {}
                    }
                    let code = quote!({
                        #(let mut #moved_in = ::core::option::Option::Some(#moved_in);)*
                        #code
                    });
                    return (code, completes);
                }
                let rest = braced(brace, inner);
                let broken = self.used.contains(&Target::Break(stmt));
                let continued = self.used.contains(&Target::Continue(stmt));
                let Redirect { exit, next } = redirect;
                let rest = if continued {
                    quote!(#next: #rest)
                } else {
                    rest
                };
                let reaches_head = inner_completes || continued;
                if self.root == Root::Loop(stmt) {
                    // Re-entered: the rest of this iteration, then the loop as written.
                    if !reaches_head {
                        return (quote!({ #restore #exit: { #rest } }), broken);
                    }
                    let (the_loop, completes) = self.loop_from_head(stmt);
                    let code = quote!({ #restore #exit: { #rest #the_loop } });
                    return (code, completes || broken);
                }
                // The end of this iteration goes on to the loop's head, if it is reached:
                // code that cannot run may name bindings this region does not have.
                let head = if reaches_head {
                    self.goto(Entry::Head(stmt), None)
                } else {
                    TokenStream::new()
                };
                (quote!({ #restore #exit: { #rest #head } }), broken)
            }
        }
    }

    /// A loop emitted in part whose rest of an iteration may `break` or `continue` it from
    /// inside a macro the transform cannot read: it runs inside a proxy loop with the user's
    /// label, so those jumps keep their meaning. A hot loop then goes on to the loop as
    /// written; a cold one passes on to the loop's head:
    ///
    /// ```text
    /// '__hot: {                                    // hot
    ///     '__rest: {
    ///         let __value = 'label: loop { if entered { break '__rest } entered = true; REST; break '__rest };
    ///         break '__hot __value;
    ///     }
    ///     'label: loop { BODY }
    /// }
    /// 'label: loop { if entered { <to the head> } entered = true; REST; <to the head> }   // cold
    /// ```
    fn proxied(
        &mut self,
        stmt: StmtId,
        restore: TokenStream,
        rest: TokenStream,
        rest_completes: bool,
    ) -> (TokenStream, bool) {
        if self.root == Root::Loop(stmt) {
            return self.reentered(stmt, restore, rest, rest_completes);
        }
        let label = self.spine.label(stmt).cloned();
        let head = if rest_completes {
            self.goto(Entry::Head(stmt), None)
        } else {
            TokenStream::new()
        };
        let broken = self.used.contains(&Target::Break(stmt));
        let continued = self.used.contains(&Target::Continue(stmt));
        let (declare, check) = if continued {
            let entered = self.names.flag("entered");
            let again = self.goto(Entry::Head(stmt), None);
            (
                quote!(let mut #entered = false;),
                quote!(if #entered { #again } #entered = true;),
            )
        } else {
            (TokenStream::new(), TokenStream::new())
        };
        let proxy = quote! {
            #label loop {
                #check
                #rest
                #head
            }
        };
        (quote!({ #restore #declare #proxy }), broken)
    }

    /// A hot loop re-entered after one of its yields, when a macro in the rest of the
    /// iteration may jump (see [`Regions::proxied`]): `continue` and the rest's end go on
    /// to the loop, a `break` ends it with its value.
    ///
    /// ```text
    /// '__hot: {
    ///     '__rest: {
    ///         let __value = 'label: loop { if entered { break '__rest } entered = true; REST; break '__rest };
    ///         break '__hot __value;
    ///     }
    ///     'label: loop { BODY }
    /// }
    /// ```
    fn reentered(
        &mut self,
        stmt: StmtId,
        restore: TokenStream,
        rest: TokenStream,
        rest_completes: bool,
    ) -> (TokenStream, bool) {
        let label = self.spine.label(stmt).cloned();
        let broken = self.used.contains(&Target::Break(stmt));
        let continued = self.used.contains(&Target::Continue(stmt));
        if !rest_completes && !continued {
            // The rest of the iteration never gets back to the loop's head: only a
            // `break` out of it may complete the loop.
            if !broken {
                return (quote!({ #restore #rest }), false);
            }
            return (quote!({ #restore #label loop { #rest } }), true);
        }
        let (the_loop, completes) = self.loop_from_head(stmt);
        if !broken && !continued {
            return (quote!({ #restore #rest #the_loop }), completes);
        }
        let hot = names::label(&format!("__hot{}", stmt.index()));
        let rest_label = names::label(&format!("__rest{}", stmt.index()));
        let value = names::value();
        let (declare, check) = if continued {
            let entered = self.names.flag("entered");
            (
                quote!(let mut #entered = false;),
                quote!(if #entered { break #rest_label; } #entered = true;),
            )
        } else {
            (TokenStream::new(), TokenStream::new())
        };
        let code = quote! {
            #restore
            #declare
            #hot: {
                #rest_label: {
                    let #value = #label loop {
                        #check
                        #rest
                        break #rest_label;
                    };
                    break #hot #value;
                }
                #the_loop
            }
        };
        (quote!({ #code }), true)
    }
}
