//! Builds the resume function's arms, rustc's `create_coroutine_resume_function`: one arm
//! that starts the body, and one per suspension point that continues after it.
//!
//! Both kinds of arm are the user's own code, re-assembled. The start arm is the body with
//! every `yield_!` replaced by "save the held bindings in this point's variant and return
//! the value". The arm for point `k` is the *continuation* of the body from `k`: each block
//! around `k` is emitted from the statement holding `k` onwards, after re-declaring the
//! bindings it had in scope; each loop around `k` becomes
//!
//! ```text
//! 'exit: { 'next: { <rest of the current iteration> } <the loop, as written> }
//! ```
//!
//! where `break` and `continue` aimed at the loop inside the rest of the iteration become
//! `break 'exit` and `break 'next`. Code after a yield is therefore emitted only in arms
//! that can reach it, and never runs twice.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::{Lifetime, Type};

use crate::ir::{
    Arm, ArmBody, BindingId, Block, Cond, Ctl, Else, Node, Stmt, YieldKind, YieldPoint,
};
use crate::layout::Layout;
use crate::liveness::{Analysis, Role, Slot};
use crate::rewrite::{rewrite_jumps, rewrite_jumps_expr, LoopFrame, Reentry};
use crate::signature::Param;

/// Generated names the arms share.
pub struct Names {
    /// The resume function's `&mut State` parameter.
    pub state: Ident,
    /// The resume argument.
    pub arg: Ident,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            state: Ident::new("__state", Span::mixed_site()),
            arg: Ident::new("__arg", Span::mixed_site()),
        }
    }
}

/// The arms of the resume function.
pub struct Arms {
    /// The `match` arms of the states whose values are moved out while they run, in
    /// source order (the start first).
    pub moved: Vec<TokenStream>,
    /// Those states' variant names.
    pub moved_states: Vec<TokenStream>,
    /// The arms of the states resumed in place, which match the state by reference.
    pub in_place: Vec<TokenStream>,
}

pub struct Resume<'a> {
    pub analysis: &'a Analysis,
    pub layout: &'a Layout,
    pub names: &'a Names,
    /// The yielded type, as it may be written in a `let` (`impl Trait` replaced by `_`).
    pub yield_ty: &'a Type,
    frames: Vec<LoopFrame>,
    labels: usize,
    /// While emitting the arm of a state resumed in place: its yield point.
    in_place: Option<usize>,
    /// How many arms emit each statement that creates a closure kept across a yield
    /// (keyed by the statement's address), with the closure's span.
    closures: HashMap<usize, (usize, Span)>,
}

impl<'a> Resume<'a> {
    pub fn new(
        analysis: &'a Analysis,
        layout: &'a Layout,
        names: &'a Names,
        yield_ty: &'a Type,
    ) -> Self {
        Resume {
            analysis,
            layout,
            names,
            yield_ty,
            frames: Vec::new(),
            labels: 0,
            in_place: None,
            closures: HashMap::new(),
        }
    }

    /// All arms except `Returned` and `Poisoned`, in source order: type inference meets
    /// every binding's declaration before any continuation that restores it.
    ///
    /// Fails when a closure whose value is kept across a yield would be created by code
    /// that more than one arm contains: each copy of a closure has a type of its own.
    pub fn arms(&mut self, params: &[Param], body: &Block) -> syn::Result<Arms> {
        let mut arms = Arms {
            moved: vec![self.start_arm(params, body)],
            moved_states: vec![quote!(Unresumed)],
            in_place: Vec::new(),
        };
        for site in 0..self.analysis.sites.len() {
            let name = &self.layout.variants[site].name;
            if self.analysis.in_place(site) {
                arms.in_place.push(self.in_place_arm(site, body));
            } else {
                arms.moved_states.push(quote!(#name));
                arms.moved.push(self.continue_arm(site, body));
            }
        }
        match self.closures.values().find(|(count, _)| *count > 1) {
            Some((count, span)) => Err(syn::Error::new(
                *span,
                format!(
                    "this closure is part of a value the coroutine keeps across a `yield_!`, \
                     but the code that creates it runs in {count} different resume paths, and \
                     each copy of a closure has a type of its own; create the closure once, \
                     before the first `yield_!` (`let keep = |x: &T| ..;`; a closure that \
                     captures nothing is `Copy`), and use `keep` here"
                ),
            )),
            None => Ok(arms),
        }
    }

    /// Counts an emission of `node` when it creates a closure that is kept across a yield.
    fn count_closure<T>(&mut self, node: &T, creates: Option<Span>, kept: bool) {
        if let (Some(span), true) = (creates, kept) {
            let key = node as *const T as usize;
            self.closures.entry(key).or_insert((0, span)).0 += 1;
        }
    }

    fn held_anywhere(&self, bindings: &[BindingId]) -> bool {
        self.analysis.sites.iter().any(|slots| {
            slots
                .iter()
                .any(|(b, slot)| *slot == Slot::Held && bindings.contains(b))
        })
    }

    fn start_arm(&mut self, params: &[Param], body: &Block) -> TokenStream {
        let state = &self.layout.name;
        let arg = &self.names.arg;
        let mut unresumed = self.layout.unresumed.iter();
        let mut patterns = Vec::new();
        let mut binds = TokenStream::new();
        for (param, bindings) in params.iter().zip(&self.analysis.params) {
            let pat = &param.pat;
            if param.resume {
                let ty = &param.ty;
                binds.extend(quote!(let #pat: #ty = #arg;));
            } else {
                let field = unresumed.next().expect("a field per parameter");
                let name = &field.name;
                let held = held_ident(name);
                patterns.push(quote!(#name: #held));
                binds.extend(quote!(#[allow(unused_mut)] let #pat = #held;));
            }
            binds.extend(self.witnesses(bindings));
        }
        if !params.iter().any(|p| p.resume) {
            binds.extend(quote!(let () = #arg;));
        }
        let body = self.block(body);
        quote! {
            #state::Unresumed { #(#patterns),* } => { #binds #body }
        }
    }

    fn continue_arm(&mut self, site: usize, body: &Block) -> TokenStream {
        let state = &self.layout.name;
        let variant = &self.layout.variants[site];
        let name = &variant.name;
        let patterns: Vec<TokenStream> = variant
            .fields
            .iter()
            .map(|(_, field)| {
                let field = &field.name;
                let held = held_ident(field);
                quote!(#field: #held)
            })
            .collect();
        let params: Vec<BindingId> = self.analysis.params.iter().flatten().copied().collect();
        let restores = self.restores(site, &params);
        let body = self.resume_block(site, body);
        quote! {
            #state::#name { #(#patterns),* } => { #restores #body }
        }
    }

    /// The arm of a state whose held values stay in the state while it runs: the arm
    /// matches it by reference and re-declares each held binding as a `&mut` into it
    /// (every use of them is indexing or a `for` loop's `next`, which read the same through
    /// a reference). A yield back to the same point then writes nothing.
    fn in_place_arm(&mut self, site: usize, body: &Block) -> TokenStream {
        let state = &self.layout.name;
        let variant = &self.layout.variants[site];
        let name = &variant.name;
        let mut patterns = Vec::new();
        let mut rebinds = TokenStream::new();
        for (b, field) in &variant.fields {
            let field = &field.name;
            let held = held_ident(field);
            let binding = &self.analysis.bindings[*b].name;
            patterns.push(quote!(#field: #held));
            rebinds.extend(quote!(#[allow(unused_mut)] let mut #binding = #held;));
        }
        let params: Vec<BindingId> = self.analysis.params.iter().flatten().copied().collect();
        self.in_place = Some(site);
        let restores = self.restores(site, &params);
        let body = self.resume_block(site, body);
        self.in_place = None;
        quote! {
            #state::#name { #(#patterns),* } => { #rebinds #restores #body }
        }
    }

    // ---- Straight-line emission: the code as written, yields as suspensions. ----

    fn block(&mut self, block: &Block) -> TokenStream {
        let stmts = self.stmts(&block.stmts);
        quote!({ #stmts })
    }

    /// Emits statements up to the first one that cannot complete in this arm (a yield, or
    /// a control structure every path of which suspends); what follows is unreachable here
    /// and belongs to the continuations. Leaving it out also keeps rustc from type-checking
    /// code whose locals this arm never gives a type.
    fn stmts(&mut self, nodes: &[Node]) -> TokenStream {
        let stop = nodes.iter().position(|node| !completes(&node.stmt));
        let emitted = stop.map_or(nodes, |i| &nodes[..=i]);
        let mut out = TokenStream::new();
        for (i, node) in emitted.iter().enumerate() {
            // A `let x;` that nothing before the suspension uses would leave `x` untyped.
            let unused_here = || {
                !emitted[i + 1..]
                    .iter()
                    .any(|later| node.declares.iter().any(|b| later.mentions.contains(b)))
            };
            if stop.is_some() && declares_without_value(&node.stmt) && unused_here() {
                continue;
            }
            out.extend(self.node(node));
        }
        out
    }

    fn node(&mut self, node: &Node) -> TokenStream {
        let mut out = match &node.stmt {
            Stmt::Code(syn::Stmt::Item(_)) => TokenStream::new(),
            Stmt::Code(stmt) => {
                let kept = self.held_anywhere(&node.declares);
                self.count_closure(node, find_closure(stmt), kept);
                let mut stmt = stmt.clone();
                rewrite_jumps(&mut stmt, &self.frames);
                stmt.into_token_stream()
            }
            Stmt::Yield(point) => self.suspend(point),
            Stmt::Let {
                attrs,
                pat,
                init,
                diverge,
            } => {
                let completes = ctl_completes(init);
                let init = self.ctl(init);
                if !completes {
                    // Every path suspends: the pattern never gets a value in this arm.
                    return quote!(#init;);
                }
                let diverge = diverge.as_ref().map(|d| self.else_block(d));
                quote!(#(#attrs)* let #pat = #init #diverge;)
            }
            Stmt::LetElse { local, diverge } => {
                let attrs = &local.attrs;
                let pat = &local.pat;
                let mut init = local
                    .init
                    .as_ref()
                    .expect("let-else has a value")
                    .expr
                    .clone();
                rewrite_jumps_expr(&mut init, &self.frames);
                let diverge = self.block(diverge);
                quote!(#(#attrs)* let #pat = #init else #diverge;)
            }
            Stmt::Ctl { ctl, semi } => {
                let ctl = self.ctl(ctl);
                quote!(#ctl #semi)
            }
        };
        // A yield statement suspends before binding anything: its witnesses are taken in
        // its continuation, after the binding.
        if !matches!(node.stmt, Stmt::Yield(_)) {
            out.extend(self.witnesses(&node.declares));
        }
        out
    }

    /// `let __type_of_x = type_of(&x);` for each declared binding that needs a witness.
    fn witnesses(&self, declared: &[BindingId]) -> TokenStream {
        declared
            .iter()
            .filter_map(|&b| {
                let witness = self.analysis.bindings[b].witness?;
                let name = &self.analysis.bindings[b].name;
                let witness = &self.analysis.bindings[witness].name;
                let coro = crate::paths::root();
                Some(quote!(let #witness = #coro::__private::type_of(&#name);))
            })
            .collect()
    }

    /// The code for reaching a yield point: save the held bindings, hand out the value.
    fn suspend(&mut self, point: &YieldPoint) -> TokenStream {
        let state = &self.layout.name;
        let state_param = &self.names.state;
        let variant = &self.layout.variants[point.index];
        let name = &variant.name;
        let fields = variant.fields.iter().map(|(b, field)| {
            let field = &field.name;
            let value = &self.analysis.bindings[*b].name;
            quote!(#field: #value)
        });
        let mut value = point.value.clone();
        rewrite_jumps_expr(&mut value, &self.frames);
        let yielded = Ident::new("__yielded", Span::mixed_site());
        let ty = self.yield_ty;
        let span = point.span;
        let coro = crate::paths::root_at(span);
        let save = match self.in_place {
            // Resumed in place and suspending at the same point: the values are there.
            Some(current) if current == point.index => TokenStream::new(),
            // Resumed in place, suspending elsewhere: take the values out first.
            Some(current) => {
                let current = &self.layout.variants[current];
                let current_name = &current.name;
                let taken = current.fields.iter().map(|(b, field)| {
                    let field = &field.name;
                    let binding = &self.analysis.bindings[*b].name;
                    quote!(#field: #binding)
                });
                quote_spanned! {span=>
                    #[allow(unused_variables)]
                    let #state::#current_name { #(#taken),* } =
                        ::core::mem::replace(#state_param, #state::Poisoned)
                    else {
                        ::core::unreachable!()
                    };
                    *#state_param = #state::#name { #(#fields),* };
                }
            }
            None => quote_spanned! {span=>
                *#state_param = #state::#name { #(#fields),* };
            },
        };
        quote_spanned! {span=>
            {
                let #yielded: #ty = #value;
                #save
                return #coro::CoroutineState::Yielded(#yielded);
            }
        }
    }

    fn cond(&self, cond: &Cond) -> TokenStream {
        let mut cond = match cond {
            Cond::Expr(e) => e.clone(),
            Cond::Let(pat, e) => syn::Expr::Let(syn::ExprLet {
                attrs: Vec::new(),
                let_token: Default::default(),
                pat: Box::new(pat.clone()),
                eq_token: Default::default(),
                expr: Box::new(e.clone()),
            }),
        };
        rewrite_jumps_expr(&mut cond, &self.frames);
        cond.into_token_stream()
    }

    fn code(&self, expr: &syn::Expr) -> TokenStream {
        let mut expr = expr.clone();
        rewrite_jumps_expr(&mut expr, &self.frames);
        expr.into_token_stream()
    }

    fn ctl(&mut self, ctl: &Ctl) -> TokenStream {
        match ctl {
            Ctl::Block { label, block } => {
                let block = self.block(block);
                quote!(#label #block)
            }
            Ctl::If {
                cond,
                then,
                otherwise,
            } => {
                let cond = self.cond(cond);
                let then = self.block(then);
                let otherwise = otherwise.as_deref().map(|e| {
                    let e = self.otherwise(e);
                    quote!(else #e)
                });
                quote!(if #cond #then #otherwise)
            }
            Ctl::Match { scrutinee, arms } => {
                let scrutinee = self.code(scrutinee);
                let arms = arms.iter().map(|arm| self.arm(arm)).collect::<Vec<_>>();
                quote!(match #scrutinee { #(#arms)* })
            }
            Ctl::Loop { label, body } => {
                let body = self.in_loop(label, None, |r| r.block(body));
                quote!(#label loop #body)
            }
            Ctl::While { label, cond, body } => {
                let cond = self.cond(cond);
                let body = self.in_loop(label, None, |r| r.block(body));
                quote!(#label while #cond #body)
            }
            Ctl::For {
                label,
                pat,
                iterable,
                iter,
                body,
            } => {
                let iter = iter.expect("analysed");
                let kept = self.held_anywhere(&[iter]);
                self.count_closure(ctl, find_closure(iterable), kept);
                let iterable = self.code(iterable);
                let iter = &self.analysis.bindings[iter].name;
                let body = self.in_loop(label, None, |r| r.block(body));
                quote! {{
                    let mut #iter = ::core::iter::IntoIterator::into_iter(#iterable);
                    #label while let ::core::option::Option::Some(#pat) =
                        ::core::iter::Iterator::next(&mut #iter) #body
                }}
            }
        }
    }

    fn otherwise(&mut self, otherwise: &Else) -> TokenStream {
        match otherwise {
            Else::Block(block) => self.block(block),
            Else::If(ctl) => self.ctl(ctl),
            Else::Code(expr) => self.code(expr),
        }
    }

    fn arm(&mut self, arm: &Arm) -> TokenStream {
        let pat = &arm.pat;
        let guard = arm.guard.as_ref().map(|g| {
            let g = self.code(g);
            quote!(if #g)
        });
        let body = match &arm.body {
            ArmBody::Spine(block) => self.block(block),
            ArmBody::Code(expr) => self.code(expr),
        };
        quote!(#pat #guard => #body,)
    }

    fn in_loop(
        &mut self,
        label: &Option<syn::Label>,
        reentry: Option<Reentry>,
        f: impl FnOnce(&mut Self) -> TokenStream,
    ) -> TokenStream {
        self.frames.push(LoopFrame {
            label: label.as_ref().map(|l| l.name.clone()),
            reentry,
        });
        let out = f(self);
        self.frames.pop();
        out
    }

    // ---- Continuations: the body from a yield point onwards. ----

    /// Re-declares what `bindings` (all declared in one scope) are at `site`.
    fn restores(&self, site: usize, bindings: &[BindingId]) -> TokenStream {
        let mut out = TokenStream::new();
        let with_witnesses = bindings
            .iter()
            .flat_map(|&b| std::iter::once(b).chain(self.analysis.bindings[b].witness));
        for b in with_witnesses {
            let binding = &self.analysis.bindings[b];
            let name = &binding.name;
            let slot = self.analysis.slot(site, b).unwrap_or(Slot::Dropped);
            if slot == Slot::Held && self.in_place == Some(site) {
                // Bound by the arm's pattern, as a reference into the state.
                continue;
            }
            let mutability = binding.mutable.then(|| quote!(mut));
            match (binding.role, slot) {
                (Role::Witness(owner), Slot::Held) => {
                    let held = held_ident(self.layout.field(b));
                    out.extend(quote!(#[allow(unused_variables)] let #name = #held;));
                    if self.analysis.slot(site, owner) == Some(Slot::Empty) {
                        let owner = &self.analysis.bindings[owner].name;
                        let coro = crate::paths::root();
                        out.extend(quote! {
                            #[allow(unused_assignments)]
                            if false {
                                #owner = #coro::__private::conjure(#name);
                            }
                        });
                    }
                }
                (Role::Iterator, Slot::Held) => {
                    let held = held_ident(self.layout.field(b));
                    out.extend(quote!(#[allow(unused_variables)] let mut #name = #held;));
                }
                (_, Slot::Held) => {
                    let held = held_ident(self.layout.field(b));
                    out.extend(quote! {
                        #[allow(unused_mut, unused_variables)]
                        let #mutability #name = #held;
                    });
                }
                (_, Slot::Empty) => {
                    let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                    out.extend(quote!(#[allow(unused_variables)] let #mutability #name #ty;));
                }
                (_, Slot::Dropped) => {}
            }
        }
        out
    }

    /// The continuation of `block` from the statement that contains `site`.
    fn resume_block(&mut self, site: usize, block: &Block) -> TokenStream {
        let i = block
            .stmts
            .iter()
            .position(|node| contains_site(&node.stmt, site))
            .expect("the site is inside this block");
        let declared: Vec<BindingId> = block
            .entry
            .iter()
            .chain(block.stmts[..i].iter().flat_map(|node| &node.declares))
            .copied()
            .collect();
        let restores = self.restores(site, &declared);
        let resumed = self.resume_node(site, &block.stmts[i]);
        let rest = if resumed_completes(&block.stmts[i].stmt, site) {
            self.stmts(&block.stmts[i + 1..])
        } else {
            TokenStream::new()
        };
        quote!({ #restores #resumed #rest })
    }

    /// The continuation of one statement.
    fn resume_node(&mut self, site: usize, node: &Node) -> TokenStream {
        let witnesses = self.witnesses(&node.declares);
        let arg = &self.names.arg;
        let out = match &node.stmt {
            Stmt::Yield(point) => {
                let span = point.span;
                match &point.kind {
                    YieldKind::Discard => {
                        let coro = crate::paths::root_at(span);
                        quote_spanned!(span=> #coro::__private::discard(#arg);)
                    }
                    YieldKind::Value => quote_spanned!(span=> #arg),
                    YieldKind::Let {
                        attrs,
                        pat,
                        diverge,
                    } => {
                        let diverge = diverge.as_ref().map(|d| self.else_block(d));
                        quote_spanned!(span=> #(#attrs)* let #pat = #arg #diverge;)
                    }
                    YieldKind::Assign { place, op } => {
                        let mut place = place.clone();
                        rewrite_jumps_expr(&mut place, &self.frames);
                        match op {
                            None => quote_spanned!(span=> #place = #arg;),
                            Some(op) => quote_spanned!(span=> #place #op #arg;),
                        }
                    }
                }
            }
            Stmt::Let {
                attrs,
                pat,
                init,
                diverge,
            } => {
                let completes = resumed_ctl_completes(init, site);
                let init = self.resume_ctl(site, init);
                if !completes {
                    return quote!(#init;);
                }
                let diverge = diverge.as_ref().map(|d| self.else_block(d));
                quote!(#(#attrs)* let #pat = #init #diverge;)
            }
            Stmt::LetElse { diverge, .. } => return self.resume_block(site, diverge),
            Stmt::Ctl { ctl, semi } => {
                let ctl = self.resume_ctl(site, ctl);
                quote!(#ctl #semi)
            }
            Stmt::Code(_) => unreachable!("plain code contains no yield point"),
        };
        quote!(#out #witnesses)
    }

    /// `else { .. }` of a `let ... else`, with jumps redirected.
    fn else_block(&self, block: &syn::Block) -> TokenStream {
        let mut expr = syn::Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: block.clone(),
        });
        rewrite_jumps_expr(&mut expr, &self.frames);
        quote!(else #expr)
    }

    fn resume_ctl(&mut self, site: usize, ctl: &Ctl) -> TokenStream {
        match ctl {
            Ctl::Block { label, block } => {
                let block = self.resume_block(site, block);
                quote!(#label #block)
            }
            Ctl::If {
                then, otherwise, ..
            } => {
                if block_contains_site(then, site) {
                    return self.resume_block(site, then);
                }
                match otherwise.as_deref() {
                    Some(Else::Block(block)) => self.resume_block(site, block),
                    Some(Else::If(ctl)) => self.resume_ctl(site, ctl),
                    _ => unreachable!("the site is in one of the branches"),
                }
            }
            Ctl::Match { arms, .. } => {
                let block = arms
                    .iter()
                    .find_map(|arm| match &arm.body {
                        ArmBody::Spine(block) if block_contains_site(block, site) => Some(block),
                        _ => None,
                    })
                    .expect("the site is in one of the arms");
                self.resume_block(site, block)
            }
            Ctl::Loop { label, body } => self.reenter(site, label, body, |r| {
                let body = r.block(body);
                quote!(#label loop #body)
            }),
            Ctl::While { label, cond, body } => self.reenter(site, label, body, |r| {
                let cond = r.cond(cond);
                let body = r.block(body);
                quote!(#label while #cond #body)
            }),
            Ctl::For {
                label,
                pat,
                iter,
                body,
                ..
            } => {
                let iter = iter.expect("analysed");
                let restore = self.restores(site, &[iter]);
                let name = &self.analysis.bindings[iter].name;
                let looped = self.reenter(site, label, body, |r| {
                    let body = r.block(body);
                    quote! {
                        #label while let ::core::option::Option::Some(#pat) =
                            ::core::iter::Iterator::next(&mut #name) #body
                    }
                });
                quote!({ #restore #looped })
            }
        }
    }

    /// `'exit: { 'next: { <rest of this iteration> } <the loop> }`
    fn reenter(
        &mut self,
        site: usize,
        label: &Option<syn::Label>,
        body: &Block,
        the_loop: impl FnOnce(&mut Self) -> TokenStream,
    ) -> TokenStream {
        self.labels += 1;
        let exit = Lifetime::new(&format!("'__exit{}", self.labels), Span::mixed_site());
        let next = Lifetime::new(&format!("'__next{}", self.labels), Span::mixed_site());
        let reentry = Reentry {
            exit: exit.clone(),
            next: next.clone(),
        };
        let rest = self.in_loop(label, Some(reentry), |r| r.resume_block(site, body));
        let the_loop = self.in_loop(label, None, the_loop);
        quote!(#exit: { #next: { #rest } #the_loop })
    }
}

/// Whether the straight-line emission of a statement can complete normally, so that the
/// statements after it are reachable in the same arm.
fn completes(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Code(_) => true,
        Stmt::Yield(_) => false,
        Stmt::Let { init: ctl, .. } | Stmt::Ctl { ctl, .. } => ctl_completes(ctl),
        Stmt::LetElse { .. } => true,
    }
}

fn block_completes(block: &Block) -> bool {
    block.stmts.iter().all(|node| completes(&node.stmt))
}

fn ctl_completes(ctl: &Ctl) -> bool {
    match ctl {
        Ctl::Block { label, block } => {
            block_completes(block) || (label.is_some() && emitted_part_breaks(block))
        }
        Ctl::If {
            then, otherwise, ..
        } => {
            block_completes(then)
                || match otherwise.as_deref() {
                    Some(Else::Block(block)) => block_completes(block),
                    Some(Else::If(ctl)) => ctl_completes(ctl),
                    Some(Else::Code(_)) | None => true,
                }
        }
        Ctl::Match { arms, .. } => arms.iter().any(|arm| match &arm.body {
            ArmBody::Spine(block) => block_completes(block),
            ArmBody::Code(_) => true,
        }),
        // A `loop` completes only through a `break` the emitted part of its body reaches.
        Ctl::Loop { body, .. } => emitted_part_breaks(body),
        Ctl::While { .. } | Ctl::For { .. } => true,
    }
}

/// Whether the continuation of `stmt` from `site` can complete normally.
fn resumed_completes(stmt: &Stmt, site: usize) -> bool {
    match stmt {
        Stmt::Yield(_) => true,
        Stmt::Let { init: ctl, .. } | Stmt::Ctl { ctl, .. } => resumed_ctl_completes(ctl, site),
        Stmt::LetElse { .. } => false,
        Stmt::Code(_) => unreachable!("plain code contains no yield point"),
    }
}

fn resumed_block_completes(block: &Block, site: usize) -> bool {
    let i = block
        .stmts
        .iter()
        .position(|node| contains_site(&node.stmt, site))
        .expect("the site is inside this block");
    resumed_completes(&block.stmts[i].stmt, site)
        && block.stmts[i + 1..]
            .iter()
            .all(|node| completes(&node.stmt))
}

fn resumed_ctl_completes(ctl: &Ctl, site: usize) -> bool {
    match ctl {
        Ctl::Block { label, block } => {
            resumed_block_completes(block, site)
                || (label.is_some() && remainder_breaks(block, site))
        }
        Ctl::If {
            then, otherwise, ..
        } => {
            if block_contains_site(then, site) {
                return resumed_block_completes(then, site);
            }
            match otherwise.as_deref() {
                Some(Else::Block(block)) => resumed_block_completes(block, site),
                Some(Else::If(ctl)) => resumed_ctl_completes(ctl, site),
                _ => unreachable!("the site is in one of the branches"),
            }
        }
        Ctl::Match { arms, .. } => arms.iter().any(|arm| match &arm.body {
            ArmBody::Spine(block) if block_contains_site(block, site) => {
                resumed_block_completes(block, site)
            }
            _ => false,
        }),
        Ctl::Loop { body, .. } => remainder_breaks(body, site) || emitted_part_breaks(body),
        Ctl::While { .. } | Ctl::For { .. } => true,
    }
}

/// Does the continuation of `block` from `site` contain a `break` (conservatively)?
fn remainder_breaks(block: &Block, site: usize) -> bool {
    let i = block
        .stmts
        .iter()
        .position(|node| contains_site(&node.stmt, site))
        .expect("the site is inside this block");
    match &block.stmts[i].stmt {
        // The resumed yield's own `let .. else { break }` counts too.
        Stmt::Yield(point) => {
            let else_breaks = match &point.kind {
                YieldKind::Let {
                    diverge: Some(block),
                    ..
                } => crate::syntax::block_contains_break(block),
                _ => false,
            };
            else_breaks || breaks_before_suspending(&block.stmts[i + 1..])
        }
        _ => true,
    }
}

/// Does the part of a loop body (or labelled block) emitted before its first suspension
/// contain a `break`?
fn emitted_part_breaks(block: &Block) -> bool {
    breaks_before_suspending(&block.stmts)
}

/// Do these statements contain a `break` before the first one that cannot complete?
fn breaks_before_suspending(nodes: &[Node]) -> bool {
    for node in nodes {
        let breaks = match &node.stmt {
            Stmt::Code(stmt) => crate::syntax::contains_break(stmt),
            Stmt::Yield(_) => false,
            Stmt::Let { init: ctl, .. } | Stmt::Ctl { ctl, .. } => ctl_may_break(ctl),
            Stmt::LetElse { .. } => true,
        };
        if breaks {
            return true;
        }
        if !completes(&node.stmt) {
            return false;
        }
    }
    false
}

/// Does the straight-line emission of a control structure contain a `break` that may
/// leave an enclosing loop or labelled block?
fn ctl_may_break(ctl: &Ctl) -> bool {
    let code_breaks =
        |expr: &syn::Expr| crate::syntax::contains_break(&syn::Stmt::Expr(expr.clone(), None));
    match ctl {
        Ctl::Block { block, .. } => breaks_before_suspending(&block.stmts),
        Ctl::If {
            then, otherwise, ..
        } => {
            breaks_before_suspending(&then.stmts)
                || match otherwise.as_deref() {
                    Some(Else::Block(block)) => breaks_before_suspending(&block.stmts),
                    Some(Else::If(ctl)) => ctl_may_break(ctl),
                    Some(Else::Code(expr)) => code_breaks(expr),
                    None => false,
                }
        }
        Ctl::Match { arms, .. } => arms.iter().any(|arm| match &arm.body {
            ArmBody::Spine(block) => breaks_before_suspending(&block.stmts),
            ArmBody::Code(expr) => code_breaks(expr),
        }),
        // A nested loop keeps its own unlabelled breaks; a labelled one may leave ours.
        Ctl::Loop { body, .. } | Ctl::While { body, .. } | Ctl::For { body, .. } => {
            let mut labelled = false;
            crate::ir::visit_stmts(body, &mut |stmt| {
                if let Stmt::Code(code) = stmt {
                    labelled |= crate::syntax::contains_labelled_break(code);
                }
            });
            labelled
        }
    }
}

fn declares_without_value(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Code(syn::Stmt::Local(local)) if local.init.is_none())
}

/// The span of the first closure or `async` block in `node` (outside nested items).
fn find_closure<T: crate::syntax::YieldSearch>(node: &T) -> Option<Span> {
    crate::syntax::first_closure(node)
}

fn held_ident(field: &Ident) -> Ident {
    Ident::new(
        &format!("__held_{}", field.to_string().trim_start_matches("r#")),
        Span::mixed_site(),
    )
}

fn block_contains_site(block: &Block, site: usize) -> bool {
    block
        .stmts
        .iter()
        .any(|node| contains_site(&node.stmt, site))
}

/// Is yield point `site` in `stmt`, or in the spine inside it?
fn contains_site(stmt: &Stmt, site: usize) -> bool {
    let mut found = false;
    crate::ir::visit_stmt(stmt, &mut |inner| {
        found |= matches!(inner, Stmt::Yield(point) if point.index == site);
    });
    found
}
