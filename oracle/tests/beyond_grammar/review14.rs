//! Issue 11, review round 14 (an adversarial helper, both editions): operands that a later
//! operand changes through a method, a body macro or a destructuring assignment; known field
//! types against items, generics and macros that rename; globs and bindings made by
//! macros. Compiled by `beyond_grammar.rs` in edition 2021 and by `oracle/edition2024` in
//! 2024. Twins ending in `ignore(..)` pin a documented limit: their native half runs.
#![allow(
    unused_variables,
    unused_mut,
    unused_assignments,
    non_camel_case_types,
    non_snake_case,
    irrefutable_let_patterns,
    bindings_with_variant_name,
    static_mut_refs,
    unused_braces,
    redundant_semicolons,
    unreachable_code,
    clippy::all
)]

#[allow(unused_imports)]
use super::helpers::*;
use super::twin;
#[allow(unused_imports)]
use coro_oracle::log;

#[allow(unused_imports)]
use coro_oracle::Noisy;

use std::ops::AddAssign;

// ---------------- known types ----------------

twin! {
    /// A `let` made by a macro hides a typed parameter; a copy of it is held.
    fn macro_let_hides_typed_param(n: u8) yields[u32] returns[u32] {
        macro_rules! my_let { ($x:ident = $e:expr) => { let $x = $e; }; }
        my_let!(n = 250);
        let m = n;
        yield_!(0);
        ((m << 4) >> 4) as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A `for` pattern hides a typed parameter.
    fn for_pattern_hides_typed_param(n: u8) yields[u32] returns[u32] {
        let mut out = 0u32;
        for n in 250..251 {
            let m = n;
            yield_!(0);
            out = ((m << 4) >> 4) as u32;
        }
        out
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A match arm binding hides a typed parameter.
    fn match_arm_hides_typed_param(n: u8) yields[u32] returns[u32] {
        match 250 {
            n => {
                let m = n;
                yield_!(0);
                ((m << 4) >> 4) as u32
            }
        }
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// An `if let` binding hides a typed parameter.
    fn if_let_hides_typed_param(n: u8) yields[u32] returns[u32] {
        if let n = 250 {
            let m = n;
            yield_!(0);
            ((m << 4) >> 4) as u32
        } else {
            0
        }
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A `while let` binding hides a typed parameter.
    fn while_let_hides_typed_param(n: u8) yields[u32] returns[u32] {
        let mut it = Some(250);
        let mut out = 0u32;
        while let Some(n) = it.take() {
            let m = n;
            yield_!(0);
            out = ((m << 4) >> 4) as u32;
        }
        out
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A closure parameter named like a typed binding, in the initializer.
    fn closure_param(n: u8) yields[u32] returns[u32] {
        let f = |n| n;
        let m = f(250);
        yield_!(0);
        ((m << 4) >> 4) as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A `$s:stmt` let hides a typed binding.
    fn stmt_fragment_let(n: u8) yields[u32] returns[u32] {
        macro_rules! run { ($s:stmt) => { $s; }; }
        run!(let n = 250);
        let m = n;
        yield_!(0);
        ((m << 4) >> 4) as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// An inner block with a type alias named like a primitive; `u8` outside.
    fn inner_alias_named_like_primitive() yields[u32] returns[u32] {
        let big = 1000u32;
        {
            type u8 = u32;
            let x: u8 = 300;
            yield_!(x);
        }
        let y = big as u8;
        y as u32
    }
    call()
    script[(), (), ()]
    expect["resume ()", "yield 300", "resume ()", "complete 232", "resume ()", "panic coroutine resumed after completion", "drop complete"]
}

twin! {
    /// A labelled-block value.
    fn let_in_block_value(n: u8) yields[u32] returns[u32] {
        let m = {
            let n = 250;
            n
        };
        let k = m;
        yield_!(0);
        ((k << 4) >> 4) as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

twin! {
    /// A binding of a hidden-name pattern `n @ _`.
    fn at_pattern(n: u8) yields[u32] returns[u32] {
        let n @ _ = 250;
        let m = n;
        yield_!(0);
        ((m << 4) >> 4) as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 250", "drop complete"]
}

// ---------------- operand order ----------------

twin! {
    /// `k == { k.add_assign(5); .. }`: a method write.
    fn add_assign_method_in_later_operand() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        let eq = k == {
            k.add_assign(5);
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 16", "drop complete"]
}

twin! {
    /// A body macro whose expansion writes `k` without naming it in its input.
    fn hygienic_macro_write() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        macro_rules! bump { () => { k = 5 }; }
        let eq = k == {
            bump!();
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 15", "drop complete"]
}

twin! {
    /// A raw pointer write.
    fn raw_pointer_write() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        let p = &raw mut k;
        let eq = k == {
            unsafe { *p = 5 };
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 15", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a write through a raw pointer in a later operand is not seen; the earlier operand is read after it")
}

twin! {
    /// An uppercase local as a by-value receiver written by the argument.
    fn uppercase_local_receiver() resume(x: u32) yields[u32] returns[u32] {
        let mut N = 2u32;
        let p = N.pow({
            N.add_assign(1);
            yield_!(x)
        });
        p * 10 + N
    }
    call()
    script[1, 2]
    expect["resume 1", "yield 1", "resume 2", "complete 43", "drop complete"]
}

twin! {
    /// A fn-pointer callee rewritten by a macro in the argument.
    fn callee_written_by_macro() resume(x: u32) yields[u32] returns[u32] {
        fn one(v: u32) -> u32 { v + 100 }
        fn two(v: u32) -> u32 { v + 200 }
        let mut f: fn(u32) -> u32 = one;
        macro_rules! swap_f { () => { f = two }; }
        let v = f({
            swap_f!();
            yield_!(x)
        });
        v
    }
    call()
    script[1, 2]
    expect["resume 1", "yield 1", "resume 2", "complete 102", "drop complete"]
}

twin! {
    /// Tuple field compared, written by a method through `&mut t.0`.
    fn tuple_field_method_write() resume(x: u32) yields[u32] returns[u32] {
        let mut t = (1u32, 0u32);
        let lt = t.0 < {
            t.0.add_assign(9);
            yield_!(x)
        };
        lt as u32 * 100 + t.0
    }
    call()
    script[1, 5]
    expect["resume 1", "yield 1", "resume 5", "complete 110", "drop complete"]
}

// ---------------- hidden names by macros ----------------

twin! {
    /// A macro-made `let` in a block hides an outer held binding across a yield.
    fn macro_let_in_block_hides_outer() yields[u32] returns[u32] {
        macro_rules! my_let { ($x:ident = $e:expr) => { let $x = $e; }; }
        let q = 1u32;
        let inner = {
            my_let!(q = 9u32);
            yield_!(0);
            q
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 91", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a `let` that a macro makes from a name its caller passes hides a binding coro holds across a later yield of the block; coro saves the binding it sees")
}

twin! {
    /// A macro-made `const` in a block hides an outer held binding across a yield.
    fn macro_const_in_block_hides_outer() yields[u32] returns[u32] {
        macro_rules! mk { () => { const q: u32 = 9; }; }
        let q = 1u32;
        let inner = {
            mk!();
            yield_!(0);
            q
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 91", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): an item that a macro declares in a block hides a binding coro holds across a later yield of the block")
}

// ---------------- globs ----------------

mod Cfg {
    pub const q: u32 = 7;
}

twin! {
    /// A glob of an UpperCamelCase module with a lowercase const.
    fn glob_of_camel_module() yields[u32] returns[u32] {
        let q = 5u32;
        {
            use Cfg::*;
            yield_!(q);
        }
        q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 7", "resume ()", "complete 5", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a glob of a module named in UpperCamelCase (which rustc warns about) is taken for an enum's variants")
}

mod lim {
    pub const q: u32 = 7;
}

twin! {
    /// `&raw mut k` written in the later operand.
    fn raw_addr_write() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        let eq = k == {
            unsafe { (&raw mut k).write(5) };
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 15", "drop complete"]
}

twin! {
    /// Destructuring assignment in the later operand.
    fn destructuring_assignment_write() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        let eq = k == {
            (k, _) = (5, 0);
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 15", "drop complete"]
}

twin! {
    /// Destructuring array/struct assignment in a callee's argument.
    fn destructuring_callee_write() resume(x: u32) yields[u32] returns[u32] {
        fn one(v: u32) -> u32 { v + 100 }
        fn two(v: u32) -> u32 { v + 200 }
        let mut f: fn(u32) -> u32 = one;
        let v = f({
            [f, _] = [two as fn(u32) -> u32, one];
            yield_!(x)
        });
        v
    }
    call()
    script[1, 2]
    expect["resume 1", "yield 1", "resume 2", "complete 102", "drop complete"]
}

twin! {
    /// An uppercase local as left of a comparison with destructuring write (2 misses).
    fn while_cond_destructuring() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 0u32;
        let mut n = 0u32;
        while k < {
            (k, n) = (k + 2, n + 1);
            yield_!(k)
        } {
            if n > 4 { break; }
        }
        n * 100 + k
    }
    call()
    script[0, 1, 2, 3, 4, 5, 6]
    expect["resume 0", "yield 2", "resume 1", "yield 4", "resume 2", "complete 204", "resume 3", "panic coroutine resumed after completion", "resume 4", "panic coroutine resumed after completion", "resume 5", "panic coroutine resumed after completion", "resume 6", "panic coroutine resumed after completion", "drop complete"]
}

twin! {
    /// An inner `fn` named like an outer held binding.
    fn inner_fn_named_like_outer_binding() yields[u32] returns[u32] {
        let q = 5u32;
        let inner = {
            fn q() -> u32 { 7 }
            yield_!(0);
            q()
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 75", "drop complete"]
}

twin! {
    /// An inner tuple struct named like an outer held binding.
    fn inner_tuple_struct_named_like_outer_binding() yields[u32] returns[u32] {
        let q = 5u32;
        let inner = {
            struct q(u32);
            yield_!(0);
            q(7).0
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 75", "drop complete"]
}

twin! {
    /// Copy of an outer binding named like an inner `fn` item held across a yield.
    fn inner_fn_value_held() yields[u32] returns[u32] {
        let q = 5u32;
        let inner = {
            fn q() -> u32 { 7 }
            let g = q;
            yield_!(0);
            g()
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 75", "drop complete"]
}

// ---------------- batch 3: globs in other block kinds ----------------

twin! {
    /// Deferred initialisation by a destructuring assignment, held across a yield.
    fn deferred_init_by_destructuring() yields[u32] returns[u32] {
        let k: u32;
        let d;
        (k, d) = (5, Noisy("d"));
        yield_!(k);
        log(d.0);
        k
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 5", "resume ()", "d", "drop d", "complete 5", "drop complete"]
}

twin! {
    /// A Noisy reassigned by a destructuring assignment between two yields.
    fn noisy_reassigned_by_destructuring() yields[u32] returns[u32] {
        let mut d = Noisy("old");
        yield_!(1);
        (d, _) = (Noisy("new"), 0);
        yield_!(2);
        log("after");
        3
    }
    call()
    script[(), (), ()]
    expect["resume ()", "yield 1", "resume ()", "drop old", "yield 2", "resume ()", "after", "drop new", "complete 3", "drop complete"]
}

twin! {
    /// A binding assigned only by a destructuring assignment after a yield, in a loop.
    fn loop_destructuring_assign() yields[u32] returns[u32] {
        let mut a = 0u32;
        let mut b = 1u32;
        for _ in 0..4 {
            yield_!(a);
            (a, b) = (b, a + b);
        }
        a
    }
    call()
    script[(), (), (), (), ()]
    expect["resume ()", "yield 0", "resume ()", "yield 1", "resume ()", "yield 1", "resume ()", "yield 2", "resume ()", "complete 3", "drop complete"]
}

twin! {
    /// Struct-pattern destructuring assignment into a held binding.
    fn struct_destructuring_assign() yields[u32] returns[u32] {
        struct P { x: u32, y: u32 }
        let mut x = 1u32;
        let y;
        P { x, y } = P { x: 7, y: 8 };
        yield_!(x);
        x * 10 + y
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 7", "resume ()", "complete 78", "drop complete"]
}

// ---------------- batch 7 ----------------

twin! {
    /// An inner `thread_local!` named like an outer held binding.
    fn inner_thread_local_named_like_outer_binding() yields[u32] returns[u32] {
        let q = 5u32;
        let inner = {
            thread_local!(static q: std::cell::Cell<u32> = const { std::cell::Cell::new(7) });
            yield_!(0);
            q.with(|c| c.get())
        };
        inner * 10 + q
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 75", "drop complete"]
}

twin! {
    /// An uppercase local compared, written by a method in the right (Keep::UnlessWritten).
    fn uppercase_local_compared_and_pushed() resume(x: u32) yields[u32] returns[u32] {
        let mut V = 3u32;
        let lt = V < {
            V.add_assign(10);
            yield_!(x)
        };
        lt as u32 * 100 + V
    }
    call()
    script[1, 5]
    expect["resume 1", "yield 1", "resume 5", "complete 113", "drop complete"]
}

twin! {
    /// An inner alias named like a primitive, named by a struct of its block (hoisted together).
    fn hoisted_alias_named_like_primitive() yields[u32] returns[u32] {
        let big = 1000u32;
        {
            type u8 = u32;
            struct S(u8);
            let s = S(300);
            yield_!(s.0);
        }
        let y = big as u8;
        y as u32
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 300", "resume ()", "complete 232", "drop complete"]
}

twin! {
    /// An inner `use .. as u8` named by a static of its block.
    fn hoisted_use_named_like_primitive() yields[u32] returns[u32] {
        let big = 1000u32;
        {
            use std::primitive::u32 as u8;
            static X: u8 = 300;
            yield_!(X);
        }
        let y = big as u8;
        y as u32
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 300", "resume ()", "complete 232", "drop complete"]
}

twin! {
    /// The same with the binding held and typed outside the block.
    fn hoisted_alias_and_typed_binding_outside() yields[u32] returns[u32] {
        let small: u8 = 200;
        {
            type u8 = u32;
            struct S(u8);
            yield_!(S(300).0);
        }
        let t = small.wrapping_add(100);
        yield_!(t as u32);
        small as u32
    }
    call()
    script[(), (), ()]
    expect["resume ()", "yield 300", "resume ()", "yield 44", "resume ()", "complete 200", "drop complete"]
}

twin! {
    /// `v[idx()] = yield_!(x)` with a Vec (IndexMut): which runs first, the index or the yield?
    fn vec_index_assign_order() resume(x: u32) yields[u32] returns[u32] {
        let mut v = vec![0u32, 0, 0];
        v[t("idx", 1usize)] = yield_!(x);
        v[1]
    }
    call()
    script[1, 7]
    expect["resume 1", "yield 1", "resume 7", "idx 1", "complete 7", "drop complete"]
}

twin! {
    /// The same with an array.
    fn array_index_assign_order() resume(x: u32) yields[u32] returns[u32] {
        let mut v = [0u32, 0, 0];
        v[t("idx", 1usize)] = yield_!(x);
        v[1]
    }
    call()
    script[1, 7]
    expect["resume 1", "yield 1", "resume 7", "idx 1", "complete 7", "drop complete"]
}

twin! {
    /// A field of a place reached by a call.
    fn call_place_assign_order() resume(x: u32) yields[u32] returns[u32] {
        let mut a = (0u32, 0u32);
        fn pick(p: &mut (u32, u32)) -> &mut (u32, u32) { log("pick"); p }
        pick(&mut a).1 = yield_!(x);
        a.1
    }
    call()
    script[1, 7]
    expect["resume 1", "yield 1", "resume 7", "pick", "complete 7", "drop complete"]
}

twin! {
    /// Destructuring assignment from a yield into an index with a logged index.
    fn destructuring_assign_from_yield() resume(x: u32) yields[u32] returns[u32] {
        let mut v = [0u32, 0, 0];
        let mut k = 0u32;
        (v[t("idx", 2usize)], k) = (yield_!(x), 5);
        v[2] * 10 + k
    }
    call()
    script[1, 7]
    expect["resume 1", "yield 1", "resume 7", "idx 2", "complete 75", "drop complete"]
}

// ---------------- batch 9: diverging expressions ----------------

twin! {
    fn block_value_returns_after_yield() yields[u32] returns[u32] {
        let _g = Noisy("g");
        let a: u32 = {
            yield_!(1);
            return 7
        };
        a
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 1", "resume ()", "drop g", "complete 7", "drop complete"]
}

twin! {
    fn if_branch_panics_after_yield(c: bool) yields[u32] returns[u32] {
        let _g = Noisy("g");
        let b: u32 = if c {
            yield_!(1);
            panic!("boom")
        } else {
            4
        };
        b
    }
    call(true)
    script[(), (), ()]
    expect["resume ()", "yield 1", "resume ()", "drop g", "panic boom", "resume ()", "panic coroutine resumed after panicking", "drop poisoned"]
}

twin! {
    fn break_value_as_operand(k: u32) yields[u32] returns[u32] {
        let r = 'l: {
            let _t = Noisy("t");
            let x = k + if k > 0 {
                yield_!(1);
                break 'l 9
            } else {
                0
            };
            x
        };
        r
    }
    call(2)
    script[(), ()]
    expect["resume ()", "yield 1", "resume ()", "drop t", "complete 9", "drop complete"]
}

twin! {
    fn continue_from_match_on_yield() resume(x: u32) yields[u32] returns[u32] {
        let mut sum = 0;
        for i in 0..3u32 {
            let _t = Noisy("iter");
            let y = match yield_!(i) {
                0 => continue,
                n => n,
            };
            sum += y;
        }
        sum
    }
    call()
    script[9, 0, 5, 2]
    expect["resume 9", "yield 0", "resume 0", "drop iter", "yield 1", "resume 5", "drop iter", "yield 2", "resume 2", "drop iter", "complete 7", "drop complete"]
}

twin! {
    fn return_as_later_operand() yields[u32] returns[u32] {
        fn f(a: (), b: u32) -> u32 { b }
        let _g = Noisy("g");
        let v = f(yield_!(1), return 3);
        v
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 1", "resume ()", "drop g", "complete 3", "drop complete"]
}

twin! {
    fn loop_value_diverges_in_let_else() resume(x: u32) yields[u32] returns[u32] {
        let _g = Noisy("g");
        let Some(v) = (if x > 0 { Some(yield_!(x)) } else { None }) else {
            yield_!(100);
            return 5;
        };
        v
    }
    call()
    script[0, 3, 4]
    expect["resume 0", "yield 100", "resume 3", "drop g", "complete 5", "resume 4", "panic coroutine resumed after completion", "drop complete"]
}

static mut G: u32 = 1;
fn set_g(v: u32) {
    unsafe { G = v };
}

twin! {
    /// A `static mut` compared, written by a function in the later operand.
    fn static_mut_written_by_a_call() resume(x: u32) yields[u32] returns[u32] {
        unsafe { G = 1 };
        let eq = unsafe { G == {
            set_g(5);
            yield_!(x)
        } };
        eq as u32 * 10 + unsafe { G }
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 15", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a `static mut` written by a function called in a later operand is read after it")
}

// ---------------- batch 10: shadowing with known types ----------------

twin! {
    fn shadow_widening_across_yields() yields[u32] returns[u64] {
        let x: u32 = u32::MAX;
        yield_!(0);
        let x = x as u64 + 1;
        yield_!(1);
        let y = x.wrapping_add(1);
        yield_!(2);
        x + y
    }
    call()
    script[(), (), (), ()]
    expect["resume ()", "yield 0", "resume ()", "yield 1", "resume ()", "yield 2", "resume ()", "complete 8589934593", "drop complete"]
}

twin! {
    fn copy_of_shadowed_then_inner_shadow() yields[u32] returns[u32] {
        let y: u8 = 200;
        let r = {
            let x = y;
            let y = 70000u32;
            yield_!(0);
            x.wrapping_add(100) as u32 + y
        };
        r + y as u32
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 70244", "drop complete"]
}

twin! {
    fn literal_typed_by_later_use() yields[u32] returns[u32] {
        let a = 250;
        yield_!(0);
        let b: u8 = a;
        let c = b.wrapping_add(10);
        yield_!(c as u32);
        c as u32
    }
    call()
    script[(), (), ()]
    expect["resume ()", "yield 0", "resume ()", "yield 4", "resume ()", "complete 4", "drop complete"]
}

twin! {
    fn count_ones_and_shift_chain(n: u16) yields[u32] returns[u32] {
        let a = n.rotate_left(3);
        let b = a.count_ones();
        let c = (a << 2u8) ^ 0xff;
        let d = !c;
        yield_!(b);
        (c as u32) * 100000 + d as u32
    }
    call(0x8421)
    script[(), ()]
    expect["resume ()", "yield 4", "resume ()", "complete 3399931536", "drop complete"]
}

// ---------------- batch 11: Deref of a kept base ----------------

pub struct Logged(pub Vec<u32>);
impl std::ops::Deref for Logged {
    type Target = Vec<u32>;
    fn deref(&self) -> &Vec<u32> {
        log("deref");
        &self.0
    }
}

twin! {
    /// An index base whose `Deref` logs: rustc derefs before evaluating the index.
    static fn index_base_with_logging_deref() resume(x: u32) yields[u32] returns[u32] {
        let b = Logged(vec![10, 20, 30]);
        let v = b[yield_!(x) as usize];
        v
    }
    call()
    script[1, 2]
    expect["resume 1", "deref", "yield 1", "resume 2", "complete 30", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a `Deref` impl of an index base runs after the yield of the index (rustc: before)")
}

twin! {
    /// A comparison's left operand through a logging Deref (auto-deref in `*b == ..`).
    static fn method_receiver_uppercase_with_deref() resume(x: u32) yields[u32] returns[u32] {
        let B = Logged(vec![10, 20, 30]);
        let v = B.get(yield_!(x) as usize).copied().unwrap_or(0);
        v
    }
    call()
    script[1, 2]
    expect["resume 1", "deref", "yield 1", "resume 2", "complete 30", "drop complete"]
    ignore("issue 11, documented limit (guide, Limits): a `Deref` impl of a method receiver runs after the yield of an argument (rustc: before)")
}

// ---------------- names the body hides: aliases, imports, other fields ----------------

twin! {
    /// A String field compared while the later operand writes another field.
    static fn other_field_written_by_a_later_operand_is_not_a_write() resume(x: u32) yields[u32] returns[u32] {
        let mut p = (String::from("a"), 0u32);
        let eq = p.0 == {
            p.1 = 5;
            yield_!(x);
            String::from("a")
        };
        eq as u32 * 10 + p.1 + p.0.len() as u32
    }
    call()
    script[1, 1]
    expect["resume 1", "yield 1", "resume 1", "complete 16", "drop complete"]
}

twin! {
    /// A type alias at the body's top named like a primitive, a suffixed literal held.
    fn body_alias_u64() yields[u32] returns[u32] {
        type u64 = u8;
        let c = 1u64;
        yield_!(0);
        c as u32
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 1", "drop complete"]
}

twin! {
    /// A body alias named like a parameter's primitive type.
    fn body_alias_param(n: u8) yields[u32] returns[u32] {
        type u8 = u32;
        yield_!(0);
        n as u32
    }
    call(3)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 3", "drop complete"]
}

twin! {
    /// A body alias `bool`, a comparison held.
    fn body_alias_bool(n: u32) yields[u32] returns[u32] {
        type bool = u8;
        let b = n < 3;
        yield_!(0);
        b as u32
    }
    call(1)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 1", "drop complete"]
}

twin! {
    /// A held binding in an inner block with an alias named like a primitive.
    fn inner_alias_held() yields[u32] returns[u32] {
        let v = {
            type u8 = u32;
            let x: u8 = 300;
            yield_!(0);
            x
        };
        v
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 300", "drop complete"]
}

twin! {
    /// count_ones with a body alias `u32`.
    fn count_ones_alias(n: u64) yields[u32] returns[u64] {
        type u32 = u64;
        let k = n.count_ones();
        yield_!(0);
        k as u64
    }
    call(7)
    script[(), ()]
    expect["resume ()", "yield 0", "resume ()", "complete 3", "drop complete"]
}

pub mod items {
    #[derive(Debug)]
    pub struct Item(pub u32);
}
pub mod other {
    pub struct Item;
}
use items::Item;

twin! {
    /// A body `use` of another `Item` than the signature's.
    fn body_use_shadows_signature_type() yields[Item] returns[u32] {
        use other::Item;
        let _marker = Item;
        yield_!(items::Item(1));
        2
    }
    call()
    script[(), ()]
    expect["resume ()", "yield Item(1)", "resume ()", "complete 2", "drop complete"]
}

twin! {
    /// A body-level `type Result<T>` while the signature uses the prelude's.
    fn body_result_alias() yields[u32] returns[Result<u32, String>] {
        type Result<T> = std::result::Result<T, std::fmt::Error>;
        fn helper() -> Result<u32> { Ok(1) }
        let v = helper().map_err(|e| e.to_string())?;
        yield_!(v);
        Ok(2)
    }
    call()
    script[(), ()]
    expect["resume ()", "yield 1", "resume ()", "complete Ok(2)", "drop complete"]
}

twin! {
    /// An alias at the top of the body named like the yielded type: the signature's
    /// `u32` keeps its meaning.
    fn body_alias_named_like_the_yielded_type(n: u32) yields[u32] returns[u32] {
        type u32 = u64;
        let wide: u32 = 1 << 40;
        yield_!(n);
        (wide >> 40) as core::primitive::u32
    }
    call(7)
    script[(), ()]
    expect[
        "resume ()",
        "yield 7",
        "resume ()",
        "complete 1",
        "drop complete",
    ]
}
