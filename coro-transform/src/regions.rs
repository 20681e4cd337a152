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
    residual: Option<Residual>,
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

    /// After statement `stmt` has been emitted as `part`: binds its value and carries on
    /// inline, or passes it to the statement's join.
    fn after(&mut self, stmt: StmtId, part: TokenStream, completes: bool) -> (TokenStream, bool) {
        if !completes {
            // Checked against `()`: as `part;` (no expected type) a statement that never
            // completes would leave rustc a diverging type variable to fall back, and rustc
            // walks the whole body once per such variable (quadratic in a large body).
            // The temporaries of `let () = part;` end with the statement, as those of
            // `part;` do.
            return (quote!(let () = #part;), false);
        }
        if !self.inline_after(stmt) {
            let value = names::value();
            let goto = self.goto(Entry::After(stmt), Some(quote!(#value)));
            return (quote!({ let #value = #part; #goto }), false);
        }
        (self.bind(stmt, part), true)
    }

    /// Binds the value `part` of a control structure as its statement does: `let pat =
    /// part;`, `part;`, or `part` as the block's value.
    fn bind(&mut self, stmt: StmtId, part: TokenStream) -> TokenStream {
        match &self.spine.node(stmt).kind {
            Kind::Let {
                attrs,
                pat,
                diverge,
                ..
            } => {
                // Of the statement's plain code, only its `else` block is emitted here (the
                // value's own jumps were emitted with it).
                if diverge.is_some() {
                    self.use_jumps(stmt);
                }
                let witnesses = self.witnesses(self.cfg.declares(stmt));
                let code = match diverge {
                    Some(diverge) => {
                        let diverge = self.user_block(diverge);
                        quote!(#(#attrs)* let #pat = (#part) else #diverge;)
                    }
                    None => quote!(#(#attrs)* let #pat = #part;),
                };
                quote!(#code #witnesses)
            }
            Kind::Ctl {
                semi: Some(semi), ..
            } => quote!(#part #semi),
            Kind::Ctl { semi: None, .. } => part,
            _ => unreachable!("only control structures have joins"),
        }
    }

    /// Whether the code after `stmt` is emitted inline here (rather than reached through
    /// its join): where the plan allows it, and where nothing follows `stmt` in its block,
    /// so that inlining copies nothing (the join would only pass control on further).
    fn inline_after(&self, stmt: StmtId) -> bool {
        let node = self.spine.node(stmt);
        if node.position + 1 == self.spine.block(node.block).stmts.len() {
            return true;
        }
        match self.root {
            Root::Body => true,
            Root::Loop(l) => l != stmt && self.spine.within(stmt, l),
            Root::Nowhere => false,
        }
    }

    // ---- Straight-line code: the statements as written, yields as suspensions. ----

    fn flow_block(&mut self, block: BlockId) -> (TokenStream, bool) {
        let witnesses = self.witnesses(self.cfg.entry(block));
        let (contents, completes) = self.flow_stmts(block, 0);
        let contents = quote!(#witnesses #contents);
        (braced(self.spine.block(block).brace, contents), completes)
    }

    /// Emits a block's statements from `from` up to the first one that cannot complete
    /// here (a yield, a join); what follows belongs to other regions. Returns whether the
    /// block's end is reached.
    fn flow_stmts(&mut self, block: BlockId, from: usize) -> (TokenStream, bool) {
        let stmts = &self.spine.block(block).stmts;
        let stop = (from..stmts.len()).find(|&i| !self.flows_through(stmts[i]));
        let emitted = &stmts[from..stop.map_or(stmts.len(), |s| s + 1)];
        let whole = from == 0 && stop.is_none();
        let mut out = TokenStream::new();
        if from == 0 && !whole {
            // A `use` or `const` later in the block is in scope from its start.
            out.extend(self.copied_items(block));
        }
        for (i, &s) in emitted.iter().enumerate() {
            match &self.spine.node(s).kind {
                // Items without identity stand where they are in a block emitted whole; a
                // part of a block has them at its start (`copied_items`), but a
                // `macro_rules!`, whose scope starts where it is written, stays in place.
                Kind::Code(syn::Stmt::Item(item)) => {
                    let in_root = block == self.spine.root;
                    let in_place = whole || is_macro_rules(item);
                    if in_place && !crate::items::is_hoisted(item, in_root) {
                        if !whole {
                            // The code that uses it may be in another region.
                            out.extend(quote!(#[allow(dead_code, unused_imports, unused_macros)]));
                        }
                        out.extend(item.to_token_stream());
                    }
                }
                Kind::Code(code) => {
                    if stop.is_some() && self.untyped_here(s, &emitted[i + 1..]) {
                        continue;
                    }
                    self.use_jumps(s);
                    let code = self.user_stmt(code);
                    out.extend(code);
                    out.extend(self.witnesses(self.cfg.declares(s)));
                }
                Kind::Yield(k) => {
                    out.extend(self.suspend(*k));
                    return (out, false);
                }
                Kind::LetElse { local, diverge } => {
                    self.use_jumps(s);
                    let attrs = &local.attrs;
                    let pat = &local.pat;
                    let init = &local.init.as_ref().expect("let-else has a value").expr;
                    let init = self.user_expr(init);
                    let (diverge, _) = self.flow_block(*diverge);
                    out.extend(quote!(#(#attrs)* let #pat = #init else #diverge;));
                    out.extend(self.witnesses(self.cfg.declares(s)));
                }
                Kind::Let { .. } | Kind::Ctl { .. } => {
                    let (part, completes) = self.flow_ctl(s);
                    let (next, completes) = self.after(s, part, completes);
                    out.extend(next);
                    if !completes {
                        return (out, false);
                    }
                }
            }
        }
        (out, stop.is_none())
    }

    /// Whether the statement after `stmt` can be reached in this region.
    fn flows_through(&mut self, stmt: StmtId) -> bool {
        match &self.spine.node(stmt).kind {
            Kind::Code(_) => self.cfg.falls_through(stmt),
            Kind::LetElse { .. } => true,
            Kind::Yield(_) => false,
            Kind::Let { .. } | Kind::Ctl { .. } => {
                self.inline_after(stmt) && self.can_complete(stmt)
            }
        }
    }

    /// A `let x;` that nothing before the region stops mentions would leave `x` without a
    /// type: it is left out.
    fn untyped_here(&self, stmt: StmtId, later: &[StmtId]) -> bool {
        let Kind::Code(syn::Stmt::Local(local)) = &self.spine.node(stmt).kind else {
            return false;
        };
        if local.init.is_some() {
            return false;
        }
        let declared = self.cfg.declares(stmt);
        !later.iter().any(|&s| {
            declared
                .iter()
                .any(|&b| self.mentions_before_suspending(s, b))
        })
    }

    /// Whether code of `stmt` that runs before it suspends mentions `b` (a yield's own
    /// assignment runs only after the resume).
    fn mentions_before_suspending(&self, stmt: StmtId, b: BindingId) -> bool {
        self.cfg.ids().any(|n| {
            let node = self.cfg.node(n);
            let inside = self
                .cfg
                .stmt_of(n, self.spine)
                .is_some_and(|s| self.spine.within(s, stmt));
            let after_resume = matches!(node.kind, NodeKind::Resume(_));
            inside
                && !after_resume
                && (node.uses.contains(&b) || node.kills.contains(&b) || node.assigns.contains(&b))
        })
    }

    /// Whether a control structure emitted here can complete: its `After` node is
    /// reachable from its start without suspending and without entering a loop that this
    /// region reaches only through the loop's head join.
    fn can_complete(&mut self, stmt: StmtId) -> bool {
        let key = (self.root, stmt);
        if let Some(&known) = self.completes.get(&key) {
            return known;
        }
        let blocked = |s: StmtId| match self.root {
            Root::Body => false,
            Root::Loop(l) => s != l,
            Root::Nowhere => true,
        };
        let (from, to) = (self.cfg.enter(stmt), self.cfg.after(stmt));
        let mut seen = vec![false; self.cfg.nodes.len()];
        let mut stack = vec![from];
        let mut found = false;
        while let Some(n) = stack.pop() {
            if n == to {
                found = true;
                break;
            }
            if seen[n.index()] {
                continue;
            }
            seen[n.index()] = true;
            if let NodeKind::Head(l) = self.cfg.node(n).kind {
                if blocked(l) {
                    continue;
                }
            }
            for edge in &self.cfg.node(n).succ {
                if edge.kind != crate::cfg::EdgeKind::Suspend {
                    stack.push(edge.to);
                }
            }
        }
        self.completes.insert(key, found);
        found
    }

    /// A control structure emitted whole, its blocks as straight-line code. A loop this
    /// region does not run itself is entered through its head's join.
    fn flow_ctl(&mut self, stmt: StmtId) -> (TokenStream, bool) {
        self.use_jumps(stmt);
        let ctl = self.spine.ctl(stmt).expect("a control structure");
        let is_loop = self.spine.is_loop(stmt);
        if is_loop && self.root != Root::Body && self.root != Root::Loop(stmt) {
            let enter = match ctl {
                Ctl::For { iterable, .. } => {
                    let iter = self.iterator_name(stmt);
                    let made = self.make_iterator(stmt, iterable);
                    quote!(let mut #iter = #made;)
                }
                _ => TokenStream::new(),
            };
            let head = self.goto(Entry::Head(stmt), None);
            return (quote!({ #enter #head }), false);
        }
        // The graph may reach the end where this region does not: a branch whose last
        // statement passes its value to a join ends there, and a `let (a, b) = ..` of a
        // value that never comes would have no type.
        let mut emitted_completes = true;
        let code = match ctl {
            Ctl::Block {
                label,
                unsafety,
                block,
            } => {
                let (block, reaches_end) =
                    self.in_block_frame(label.as_ref(), |r| r.flow_block(*block));
                // A labelled block also completes by a `break` to its label.
                emitted_completes = reaches_end || label.is_some();
                quote!(#label #unsafety #block)
            }
            Ctl::If(branch) => {
                let (code, reaches_end) = self.flow_if(branch);
                emitted_completes = reaches_end;
                code
            }
            Ctl::Match {
                match_token,
                scrutinee,
                arms,
            } => {
                let mut some_arm_ends = false;
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|arm| {
                        let (attrs, pat) = (&arm.attrs, &arm.pat);
                        let guard = arm.guard.as_ref().map(|g| {
                            let g = self.user_expr(g);
                            quote!(if #g)
                        });
                        let (body, ends) = match &arm.body {
                            ArmBody::Block(block) => self.flow_block(*block),
                            ArmBody::Code(expr) => (self.branch_code(expr), true),
                        };
                        some_arm_ends |= ends;
                        quote!(#(#attrs)* #pat #guard => #body,)
                    })
                    .collect();
                emitted_completes = some_arm_ends;
                let scrutinee = self.user_expr(scrutinee);
                quote!(#match_token #scrutinee { #(#arms)* })
            }
            Ctl::For { iterable, .. } => {
                let iter = self.iterator_name(stmt);
                let (the_loop, _) = self.loop_from_head(stmt);
                let made = self.make_iterator(stmt, iterable);
                // As rustc desugars `for`: the iterable's temporaries live until the loop
                // ends (or, in a coroutine, until it suspends).
                quote! {
                    match #made {
                        mut #iter => #the_loop,
                    }
                }
            }
            Ctl::Loop { .. } | Ctl::While { .. } => self.loop_from_head(stmt).0,
        };
        (code, self.can_complete(stmt) && emitted_completes)
    }

    /// An `if` as written; whether the code emitted may reach its end.
    fn flow_if(&mut self, branch: &If) -> (TokenStream, bool) {
        let if_token = &branch.if_token;
        let cond = self.user_expr(&branch.cond);
        let (then, then_ends) = self.flow_block(branch.then);
        let (otherwise, otherwise_ends) = match &branch.otherwise {
            None => (None, true),
            Some(Else::Block(block)) => {
                let (code, ends) = self.flow_block(*block);
                (Some(code), ends)
            }
            Some(Else::If(inner)) => {
                let (code, ends) = self.flow_if(inner);
                (Some(code), ends)
            }
            Some(Else::Code(expr)) => (Some(self.branch_code(expr)), true),
        };
        let otherwise = otherwise.map(|e| quote!(else #e));
        (
            quote!(#if_token #cond #then #otherwise),
            then_ends || otherwise_ends,
        )
    }

    /// A loop as written, from its head (a `for` loop's iterator already made).
    fn loop_from_head(&mut self, stmt: StmtId) -> (TokenStream, bool) {
        // A `while` condition runs again from the head; a `for` loop's iterable does not
        // (its jumps count where the iterator is made).
        if !matches!(self.spine.ctl(stmt), Some(Ctl::For { .. })) {
            self.use_jumps(stmt);
        }
        let completes = self.can_complete(stmt);
        let label = self
            .spine
            .label(stmt)
            .map(|l| NameKey::of_lifetime(&l.name));
        self.frames.push(Frame {
            label,
            is_loop: true,
            redirect: None,
        });
        let code = self.loop_code(stmt);
        self.frames.pop();
        (code, completes)
    }

    fn loop_code(&mut self, stmt: StmtId) -> TokenStream {
        match self.spine.ctl(stmt).expect("a loop") {
            Ctl::Loop {
                label,
                loop_token,
                body,
            } => {
                let (body, _) = self.flow_block(*body);
                quote!(#label #loop_token #body)
            }
            Ctl::While {
                label,
                while_token,
                cond,
                body,
            } => {
                let cond = self.user_expr(cond);
                let (body, _) = self.flow_block(*body);
                quote!(#label #while_token #cond #body)
            }
            Ctl::For {
                label,
                pat,
                body,
                for_token,
                ..
            } => {
                let iter = self.iterator_name(stmt);
                let (body, _) = self.flow_block(*body);
                // Generated, so that lints about the desugaring (`while let Some(_) = ..`)
                // do not land on the user's `for`; but the iterator's step is the `for`'s,
                // where the borrow checker says a borrow it holds is used again.
                let span = crate::paths::at(for_token.span);
                let step = quote_spanned!(span=> ::core::iter::Iterator::next(&mut #iter));
                quote! {
                    #label while let ::core::option::Option::Some(#pat) = #step #body
                }
            }
            _ => unreachable!("a loop"),
        }
    }

    // ---- Leaving a region: suspending, or passing on to a join. ----

    /// The code for reaching a yield: save the held bindings, hand out the value.
    fn suspend(&mut self, point: PointId) -> TokenStream {
        let stmt = self.spine.point(point).stmt;
        self.use_jumps(stmt);
        let yp = self.spine.point(point);
        let value = self.user_expr(&yp.value);
        let state_enum = &self.names.state_enum;
        let state = names::state();
        let variant = names::suspend_variant(point);
        let fields = self.fields(self.cfg.resume(point));
        let yielded = names::yielded();
        let ty = &self.yield_ty;
        let span = crate::paths::at(yp.span);
        let coro = crate::paths::root_at(span);
        let resume = self.cfg.resume(point);
        let save = match self.in_place {
            // Resumed in place and suspending at the same point: the values are there.
            Some(current) if current == point => self.before_leaving(resume, false, span),
            _ => {
                let before = self.before_leaving(resume, true, span);
                let take = self.take_out_of_state();
                quote_spanned! {span=>
                    #before
                    #take
                    *#state = #state_enum::#variant { #(#fields),* };
                }
            }
        };
        let yielded_state = Residual::wrap(
            self.residual,
            quote_spanned!(span=> #coro::CoroutineState::Yielded(#yielded)),
        );
        quote_spanned! {span=>
            {
                let #yielded: #ty = #value;
                #save
                return #yielded_state;
            }
        }
    }

    /// `break '__region __Resume::<join> { .. }`: passes control, and the values held
    /// there, to the region of `entry`.
    fn goto(&mut self, entry: Entry, value: Option<TokenStream>) -> TokenStream {
        if self.seen.insert(entry) {
            self.requested.push(entry);
        }
        let variant = match entry {
            Entry::After(s) => names::after_variant(s),
            Entry::Head(l) => names::head_variant(l),
            _ => unreachable!("only joins are gone to"),
        };
        let resume_enum = &self.names.resume_enum;
        let fields = self.fields(self.plan.node(self.cfg, entry));
        let value_field = value.map(|v| {
            let name = names::value();
            quote!(#name: #v,)
        });
        let before = self.before_leaving(self.plan.node(self.cfg, entry), true, Span::call_site());
        let take = self.take_out_of_state();
        let label = names::region_label();
        quote!({ #before #take break #label #resume_enum::#variant { #value_field #(#fields),* } })
    }

    /// `field: binding` for each binding held at an entry.
    fn fields(&self, entry: NodeId) -> Vec<TokenStream> {
        self.live
            .held(entry)
            .map(|b| {
                let field = self.names.field(b);
                let binding = self.bindings.get(b);
                match (&binding.derived, binding.role) {
                    // Worked out by `before_leaving`.
                    (Some(_), Role::Iterator(the_loop)) => {
                        let taken = names::taken(the_loop);
                        quote!(#field: #taken)
                    }
                    _ => {
                        let value = self.named(b);
                        quote!(#field: #value)
                    }
                }
            })
            .collect()
    }

    /// In a region resumed in place, before anything else is written to the state: takes
    /// the held values out of it (the `&mut` references to them end here).
    fn take_out_of_state(&self) -> TokenStream {
        let Some(current) = self.in_place else {
            return TokenStream::new();
        };
        let state_enum = &self.names.state_enum;
        let state = names::state();
        let variant = names::suspend_variant(current);
        let taken = self.live.held(self.cfg.resume(current)).map(|b| {
            let field = self.names.field(b);
            let binding = self.bindings.get(b);
            if binding.derived.is_some() {
                // A count, already worked out where it is needed.
                return quote!(#field: _);
            }
            let name = &binding.name;
            quote!(#field: #name)
        });
        quote! {
            #[allow(unused_variables)]
            let #state_enum::#variant { #(#taken),* } =
                ::core::mem::replace(#state, #state_enum::Poisoned)
            else {
                ::core::unreachable!()
            };
        }
    }

    // ---- Declaring bindings again at an entry. ----

    /// Declares again what `bindings` (all declared in one scope, in order) are at the
    /// entry `node`: held ones from the state, empty ones without a value.
    fn restores(&mut self, node: NodeId, bindings: &[BindingId]) -> TokenStream {
        let coro = crate::paths::root();
        let mut out = TokenStream::new();
        let with_witnesses = self
            .live
            .slots(node)
            .iter()
            .filter(|(b, _)| {
                let owner = match self.bindings.get(*b).role {
                    Role::Witness(owner) => owner,
                    _ => *b,
                };
                bindings.contains(&owner)
            })
            .copied()
            .collect::<Vec<_>>();
        let mut items_done: Vec<Group> = Vec::new();
        for (b, slot) in with_witnesses {
            let binding = self.bindings.get(b);
            let name = &binding.name;
            if let (Some(derivation), Slot::Held) = (&binding.derived, slot) {
                out.extend(self.rederive(node, b, derivation, &mut items_done));
                continue;
            }
            // With the name's span: a borrow checker error about the binding names it
            // (`cannot borrow `v` as mutable`) only if its whole pattern is the user's.
            let mutability = (binding.mutable || self.in_place.is_some())
                .then(|| quote_spanned!(name.span()=> mut));
            let held = names::held(self.names.field(b));
            match (binding.role, slot) {
                (Role::Witness(owner), Slot::Held) => {
                    out.extend(quote!(#[allow(unused_variables)] let #name = #held;));
                    if self.live.slot(node, owner) == Some(Slot::Empty) {
                        let owner = self.named(owner);
                        out.extend(quote! {
                            #[allow(unused_assignments)]
                            if false {
                                #owner = #coro::__private::conjure(#name);
                            }
                        });
                    }
                }
                (_, Slot::Held) if self.in_proxy => {
                    out.extend(quote! {
                        #[allow(unused_mut, unused_variables, non_snake_case)]
                        let #mutability #name = #coro::__private::take_resumed(&mut #held);
                    });
                    if !self.taken_in_proxy.contains(&held) {
                        self.taken_in_proxy.push(held);
                    }
                }
                (_, Slot::Held) => out.extend(quote! {
                    #[allow(unused_mut, unused_variables, non_snake_case)]
                    let #mutability #name = #held;
                }),
                (_, Slot::Empty) => {
                    if binding.ty.is_none() {
                        self.empties.push(name.clone());
                    }
                    let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                    out.extend(quote!(#[allow(unused_variables, non_snake_case)] let #mutability #name #ty;));
                }
                (_, Slot::Dropped) => {}
            }
            if slot != Slot::Dropped {
                out.extend(self.naming_macro(b));
            }
        }
        out
    }

    /// A borrow of the coroutine's own locals held at `node`, made again from what it reads
    /// (see [`crate::borrows`]): a place evaluated again, a loop's iterator made again and
    /// moved on by the count the state keeps, a loop's pattern bound again from its
    /// current item (once for all of its bindings held here).
    fn rederive(
        &mut self,
        node: NodeId,
        b: BindingId,
        derivation: &Derivation,
        items_done: &mut Vec<Group>,
    ) -> TokenStream {
        let coro = crate::paths::root();
        let binding = self.bindings.get(b);
        let name = &binding.name;
        match &derivation.how {
            Derived::Place(expr) => {
                let expr = self.derived_expr(expr, derivation);
                let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                quote! {
                    #[allow(unused_variables, non_snake_case)]
                    let #name #ty = #expr;
                }
            }
            Derived::Iterator(iterable) => {
                let Role::Iterator(the_loop) = binding.role else {
                    return TokenStream::new();
                };
                let iterable = self.derived_expr(iterable, derivation);
                let current = names::current(the_loop);
                let held = names::held(self.names.field(b));
                let taken = if self.in_proxy {
                    if !self.taken_in_proxy.contains(&held) {
                        self.taken_in_proxy.push(held.clone());
                    }
                    quote!(#coro::__private::take_resumed(&mut #held))
                } else {
                    quote!(#held)
                };
                quote! {
                    #[allow(unused_variables, unused_mut)]
                    let (mut #name, mut #current) = {
                        #[allow(unused_imports)]
                        use #coro::__private::RederiveAny as _;
                        #coro::__private::Rederive(::core::iter::IntoIterator::into_iter(
                            #iterable,
                        ))
                        .resume(#taken)
                    };
                }
            }
            Derived::Pattern {
                group,
                pat,
                scrutinee,
            } => {
                let key = Group::Pattern(*group);
                if items_done.contains(&key) {
                    return TokenStream::new();
                }
                items_done.push(key);
                let kept = self.rederived_in(node, key);
                let pat = crate::borrows::projected_pattern(pat, &kept);
                let scrutinee = self.derived_expr(scrutinee, derivation);
                quote! {
                    #[allow(unused_variables, non_snake_case, irrefutable_let_patterns)]
                    let #pat = #scrutinee else {
                        ::core::unreachable!()
                    };
                }
            }
            Derived::Item(the_loop) => {
                let key = Group::Item(*the_loop);
                if items_done.contains(&key) {
                    return TokenStream::new();
                }
                items_done.push(key);
                let Some(Ctl::For { pat, .. }) = self.spine.ctl(*the_loop) else {
                    return TokenStream::new();
                };
                let kept = self.rederived_in(node, key);
                let pat = crate::borrows::projected_pattern(pat, &kept);
                let current = names::current(*the_loop);
                quote! {
                    #[allow(unused_variables, non_snake_case)]
                    let #pat = #coro::__private::current(#current.take());
                }
            }
        }
    }

    /// The names of the bindings of one pattern made again at `node`.
    fn rederived_in(&self, node: NodeId, group: Group) -> Vec<proc_macro2::Ident> {
        self.live
            .rederived(node)
            .filter(|&x| {
                let of = match self.bindings.get(x).derived.as_ref().map(|d| &d.how) {
                    Some(Derived::Item(l)) => Group::Item(*l),
                    Some(Derived::Pattern { group, .. }) => Group::Pattern(*group),
                    _ => return false,
                };
                of == group
            })
            .map(|x| self.bindings.get(x).name.clone())
            .collect()
    }

    /// A derivation's expression as this region evaluates it: the roots a state resumed in
    /// place keeps there are reached through the `&mut` references to them.
    fn derived_expr(&self, expr: &syn::Expr, derivation: &Derivation) -> TokenStream {
        let by_reference: Vec<&proc_macro2::Ident> = match self.in_place {
            Some(k) => {
                let resume = self.cfg.resume(k);
                derivation
                    .roots
                    .iter()
                    .filter(|(_, b)| self.live.held(resume).any(|h| h == *b))
                    .map(|(ident, _)| ident)
                    .collect()
            }
            None => Vec::new(),
        };
        let expr = crate::borrows::through_references(expr, &by_reference);
        self.user_expr_const(&expr)
    }

    /// The values a region hands on to `entry` that it must work out first, before any of
    /// them moves (the count of a re-derived loop's iterator), and the borrows held there
    /// kept alive up to here, so that the borrow checker sees them live as in the body.
    fn before_leaving(&self, entry: NodeId, saving: bool, span: Span) -> TokenStream {
        let coro = crate::paths::root_at(span);
        let mut out = TokenStream::new();
        let rederived: Vec<BindingId> = self.live.rederived(entry).collect();
        for &b in &rederived {
            // One made from another (`let y = x;`) keeps that one's borrow alive, which may
            // have been moved into it.
            let made_into_another = rederived.iter().any(|&d| {
                self.bindings
                    .get(d)
                    .derived
                    .as_ref()
                    .is_some_and(|derivation| derivation.inputs.contains(&b))
            });
            if !made_into_another {
                let name = &self.bindings.get(b).name;
                out.extend(quote_spanned!(span=> #coro::__private::alive(&#name);));
            }
        }
        if saving {
            for b in self.live.held(entry) {
                let binding = self.bindings.get(b);
                if let (Some(_), Role::Iterator(the_loop)) = (&binding.derived, binding.role) {
                    let name = &binding.name;
                    let taken = names::taken(the_loop);
                    out.extend(quote_spanned!(span=> let #taken = #name.taken();));
                }
            }
        }
        out
    }

    /// A `for` loop's iterator, declared again inside the loop's statement.
    fn iterator_restore(&mut self, the_loop: StmtId, node: NodeId) -> TokenStream {
        match self.cfg.iterator(the_loop) {
            Some(iter) => self.restores(node, &[iter]),
            None => TokenStream::new(),
        }
    }

    /// A `for` loop's iterator as the loop starts: over a borrow of the coroutine's own
    /// locals, one that counts its items (see [`crate::borrows`]).
    fn make_iterator(&mut self, the_loop: StmtId, iterable: &syn::Expr) -> TokenStream {
        let iter = self
            .cfg
            .iterator(the_loop)
            .expect("a for loop has an iterator");
        match &self.bindings.get(iter).derived {
            Some(derivation) => {
                let coro = crate::paths::root();
                let iterable = self.derived_expr(iterable, derivation);
                quote!({
                    #[allow(unused_imports)]
                    use #coro::__private::RederiveAny as _;
                    #coro::__private::Rederive(::core::iter::IntoIterator::into_iter(#iterable))
                        .start()
                })
            }
            None => {
                let iterable = self.user_expr(iterable);
                quote!(::core::iter::IntoIterator::into_iter(#iterable))
            }
        }
    }

    fn iterator_name(&self, the_loop: StmtId) -> proc_macro2::Ident {
        let iter = self
            .cfg
            .iterator(the_loop)
            .expect("a for loop has an iterator");
        self.bindings.get(iter).name.clone()
    }

    /// `let __type_of_x = type_of(&x);` for each declared binding that needs a witness.
    fn witnesses(&self, declared: &[BindingId]) -> TokenStream {
        let coro = crate::paths::root();
        let mut out: TokenStream = declared.iter().map(|&b| self.naming_macro(b)).collect();
        for w in self.bindings.ids() {
            if let Role::Witness(owner) = self.bindings.get(w).role {
                if declared.contains(&owner) {
                    let (name, owner) =
                        (&self.bindings.get(w).name, &self.bindings.get(owner).name);
                    out.extend(quote!(let #name = #coro::__private::type_of(&#owner);));
                }
            }
        }
        out
    }

    /// Whether the value of `block` (its tail) may leave temporaries that a temporary scope
    /// around it must drop (see `partial`).
    fn value_may_make_temporaries(&self, block: BlockId) -> bool {
        let Some(tail) = self.spine.tail(block) else {
            return false;
        };
        match &self.spine.node(tail).kind {
            Kind::Code(syn::Stmt::Expr(expr, None)) => may_make_temporaries(expr),
            Kind::Ctl { .. } => match self.spine.ctl(tail) {
                Some(Ctl::Match { scrutinee, .. }) => may_make_temporaries(scrutinee),
                // A block's value is its own tail's (`{ let t = yield_!(..); t | f().id() }`,
                // as linearize writes a yield in a tail).
                Some(Ctl::Block { block, .. }) => self.value_may_make_temporaries(*block),
                _ => false,
            },
            _ => false,
        }
    }

    /// The items of a block that a region emitting part of it declares at its start (a
    /// `use` or `const` is in scope in the whole block), but for those declared once for
    /// the function and the `macro_rules!` (see [`Regions::earlier_macros`]).
    fn copied_items(&self, block: BlockId) -> TokenStream {
        let mut out = TokenStream::new();
        let in_root = block == self.spine.root;
        for &s in &self.spine.block(block).stmts {
            if let Kind::Code(syn::Stmt::Item(item)) = &self.spine.node(s).kind {
                if !crate::items::is_hoisted(item, in_root) && !is_macro_rules(item) {
                    // The part of the block this region runs may not use every item.
                    out.extend(quote!(#[allow(dead_code, unused_imports, unused_macros)]));
                    out.extend(item.to_token_stream());
                }
            }
        }
        out
    }

    /// The `macro_rules!` of a block before `position`, each with its own position, for a
    /// region that starts inside the block (a later one is declared where it stands, see
    /// `flow_stmts`).
    fn earlier_macros(&self, block: BlockId, position: usize) -> Vec<(usize, TokenStream)> {
        let in_root = block == self.spine.root;
        let stmts = &self.spine.block(block).stmts[..position];
        stmts
            .iter()
            .enumerate()
            .filter_map(|(at, &s)| match &self.spine.node(s).kind {
                Kind::Code(syn::Stmt::Item(item))
                    if is_macro_rules(item) && !crate::items::is_hoisted(item, in_root) =>
                {
                    let rules = quote!(#[allow(unused_macros)] #item);
                    Some((at, rules))
                }
                _ => None,
            })
            .collect()
    }

    /// A piece of the user's code, its jumps to loops emitted in part redirected.
    fn user_stmt(&mut self, stmt: &syn::Stmt) -> TokenStream {
        let out = jumps::statement(stmt, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    /// A branch with no yield (an `else`, a `match` arm), as written; one that surely
    /// diverges as a statement in a block of its own, since its value (a tail after the
    /// `return`, say: `{ return 0; 0 }`) is never used and need not have the type of a
    /// control structure the region checks as `()` (see [`Regions::after`]).
    fn branch_code(&mut self, expr: &syn::Expr) -> TokenStream {
        let code = self.user_expr(expr);
        if crate::facts::diverges(expr) {
            quote!({ #code; })
        } else {
            code
        }
    }

    /// A piece of the user's code that cannot jump (a re-derived borrow's expression).
    fn user_expr_const(&self, expr: &syn::Expr) -> TokenStream {
        jumps::expression(expr, &self.frames)
            .code
            .into_token_stream()
    }

    fn user_expr(&mut self, expr: &syn::Expr) -> TokenStream {
        let out = jumps::expression(expr, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    fn user_block(&mut self, block: &syn::Block) -> TokenStream {
        let out = jumps::block(block, &self.frames);
        self.opaque |= out.opaque;
        out.code.into_token_stream()
    }

    /// Runs `f` inside a block emitted whole (with its label, if any), as jumps see it.
    fn in_block_frame<T>(
        &mut self,
        label: Option<&syn::Label>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.frames.push(Frame {
            label: label.map(|l| NameKey::of_lifetime(&l.name)),
            is_loop: false,
            redirect: None,
        });
        let out = f(self);
        self.frames.pop();
        out
    }

    /// A binding as the code that leaves a region names it: by its name, or through the
    /// macro defined where it is declared when a binding of the same spelling may hide it
    /// there (see [`crate::unshadow`]).
    fn named(&self, b: BindingId) -> TokenStream {
        let name = &self.bindings.get(b).name;
        if self.unshadowed.through_macro(b) {
            let naming = names::naming_macro(b);
            quote!(#naming!())
        } else {
            quote!(#name)
        }
    }

    /// Right where `b` is declared, for a binding named through a macro: the macro, whose
    /// name resolves where it is defined (`macro_rules!` hygiene), so that later code
    /// reaches `b` even where another binding of its spelling hides it.
    fn naming_macro(&self, b: BindingId) -> TokenStream {
        if !self.unshadowed.through_macro(b) {
            return TokenStream::new();
        }
        let naming = names::naming_macro(b);
        let name = &self.bindings.get(b).name;
        quote! {
            #[allow(unused_macros)]
            macro_rules! #naming { () => { #name } }
        }
    }

    /// Notes where the plain code of `stmt`, about to be emitted, may jump.
    fn use_jumps(&mut self, stmt: StmtId) {
        self.use_targets(self.cfg.jumps(stmt));
    }

    /// Notes that the code about to be emitted may jump to `targets`.
    fn use_targets(&mut self, targets: &[Target]) {
        for target in targets {
            if !self.used.contains(target) {
                self.used.push(*target);
            }
        }
    }
}

/// Whether evaluating `expr` may leave temporaries behind: a method call or field of a
/// value, a borrow, an index, a macro, a `match` (its scrutinee). Paths, literals, calls
/// and operators only move values.
fn may_make_temporaries(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            use syn::Expr::*;
            match expr {
                MethodCall(_) | Reference(_) | Field(_) | Index(_) | Macro(_) | Match(_)
                | Let(_) => self.0 = true,
                Closure(_) | Block(_) | Unsafe(_) | If(_) | Loop(_) | While(_) | ForLoop(_) => {
                    // Their own blocks are temporary scopes, or hold statements.
                    if let If(e) = expr {
                        self.visit_expr(&e.cond);
                    }
                }
                _ => syn::visit::visit_expr(self, expr),
            }
        }
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

fn is_macro_rules(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Macro(m) if m.mac.path.is_ident("macro_rules"))
}

/// `code` without the statements `#[..] let name;` (and `let mut name;`) of `names`.
fn remove_empty_declarations(code: TokenStream, names: &[String]) -> TokenStream {
    let trees: Vec<TokenTree> = code.into_iter().collect();
    let is = |i: usize, f: &dyn Fn(&TokenTree) -> bool| trees.get(i).is_some_and(f);
    let ident = |i: usize, text: &str| {
        is(
            i,
            &|t| matches!(t, TokenTree::Ident(x) if x.unraw() == text),
        )
    };
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        let attribute = matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#')
            && is(
                i + 1,
                &|t| matches!(t, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Bracket),
            );
        let at = if attribute { i + 2 } else { i };
        if ident(at, "let") {
            let name_at = if ident(at + 1, "mut") { at + 2 } else { at + 1 };
            let named = names.iter().any(|name| ident(name_at, name));
            let ends = is(
                name_at + 1,
                &|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'),
            );
            if named && ends {
                i = name_at + 2;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(group) => {
                let mut new = proc_macro2::Group::new(
                    group.delimiter(),
                    remove_empty_declarations(group.stream(), names),
                );
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// `{ contents }` with the braces of the user's block (their edition's rules apply).
fn braced(span: Span, contents: TokenStream) -> TokenStream {
    let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, contents);
    group.set_span(span);
    group.into_token_stream()
}
