//! Issue 11, "All of Rust, in every edition": programs rustc's native coroutines accept,
//! outside the fuzzer's grammar, whose traces do not depend on the edition. Compiled by
//! `oracle/tests/beyond_grammar.rs` (edition 2021) and by
//! `oracle/edition2024/tests/beyond_grammar.rs` (edition 2024, with a `twin!` defined in
//! that edition). The expected traces are rustc's.
//!
//! A twin whose `#[coro::coroutine]` half gives another trace ends in
//! `ignore("issue 11: ..")`; one whose half does not compile ends in
//! `pending("issue 11: ..")` (compiled with `CORO_ISSUE11_PENDING=1`).

#[allow(unused_imports)]
use super::helpers::*;
use super::twin;
// One import a group: rustfmt sorts `log` and `Noisy` differently in the 2021 and
// 2024 style editions, and this file is formatted as part of a crate of each.
#[allow(unused_imports)]
use coro_oracle::log;

#[allow(unused_imports)]
use coro_oracle::Noisy;

// ---------------------------------------------------------------------------------------
// 1. `#[cfg]` and `#[cfg_attr]`
// ---------------------------------------------------------------------------------------

twin! {
    /// A cfg-disabled `yield_!` statement between two enabled ones never runs.
    fn cfg_disabled_yield_statement() yields[u32] returns[u32] {
        yield_!(1);
        #[cfg(any())]
        yield_!(99);
        #[cfg(all())]
        yield_!(2);
        3
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `#[cfg(a)] let x = yield_!(..); #[cfg(not(a))] let x = ..;`: the disabled one
    /// yields.
    fn cfg_let_alternatives_disabled_yield() resume(first: u32) yields[u32] returns[u32] {
        #[cfg(any())]
        let x = yield_!(first);
        #[cfg(not(any()))]
        let x = first + 100;
        let y = yield_!(x);
        x + y
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 101",
        "resume 2",
        "complete 103",
        "resume 3",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// The same with the enabled `let` yielding.
    fn cfg_let_alternatives_enabled_yield() resume(first: u32) yields[u32] returns[u32] {
        #[cfg(all())]
        let x = yield_!(first);
        #[cfg(not(all()))]
        let x = first + 100;
        let y = yield_!(x);
        x + y
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 2",
        "resume 3",
        "complete 5",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled binding and a cfg-disabled mention of it: nothing is held for it.
    fn cfg_disabled_binding_is_not_held() yields[u32] returns[u32] {
        #[cfg(any())]
        let g = Noisy("disabled");
        let h = Noisy("held");
        yield_!(1);
        #[cfg(any())]
        log(format!("{g:?}"));
        log(format!("{h:?}"));
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "Noisy(\"held\")",
        "drop held",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled inner binding does not shadow the outer one.
    fn cfg_disabled_binding_does_not_shadow() yields[u32] returns[u32] {
        let x = Noisy("outer");
        {
            #[cfg(any())]
            let x = Noisy("inner, disabled");
            yield_!(1);
            log(x.0);
        }
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "outer",
        "drop outer",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled match arm containing a yield.
    fn cfg_disabled_match_arm() resume(first: u32) yields[u32] returns[u32] {
        match first {
            #[cfg(any())]
            1 => {
                yield_!(100);
                100
            }
            n => {
                yield_!(n);
                n * 2
            }
        }
    }
    call()
    script[1, 5]
    expect[
        "resume 1",
        "yield 1",
        "resume 5",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// Cfg-disabled block and loop statements containing yields.
    fn cfg_disabled_block_and_loop() yields[u32] returns[u32] {
        yield_!(1);
        #[cfg(any())]
        {
            yield_!(50);
        }
        #[cfg(any())]
        loop {
            yield_!(7);
        }
        yield_!(2);
        3
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled `return` after a yield.
    fn cfg_disabled_return() yields[u32] returns[u32] {
        yield_!(1);
        #[cfg(any())]
        return 99;
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// Two cfg alternatives of one item.
    fn cfg_item_alternatives() yields[u32] returns[u32] {
        #[cfg(any())]
        fn pick() -> u32 {
            1
        }
        #[cfg(all())]
        fn pick() -> u32 {
            2
        }
        yield_!(pick());
        pick() * 10
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 20",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled parameter.
    fn cfg_disabled_parameter(#[cfg(any())] a: u32, b: u32) yields[u32] returns[u32] {
        yield_!(b);
        b + 1
    }
    call(7)
    script[(), ()]
    expect[
        "resume ()",
        "yield 7",
        "resume ()",
        "complete 8",
        "drop complete",
    ]
}

twin! {
    /// `#[cfg_attr(pred, cfg(..))]` disables a yield statement when `pred` holds.
    fn cfg_attr_disables_yield() yields[u32] returns[u32] {
        #[cfg_attr(all(), cfg(any()))]
        yield_!(9);
        #[cfg_attr(any(), cfg(any()))]
        yield_!(1);
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 2",
        "drop complete",
    ]
}

/// A struct with a cfg-disabled field, for struct expressions with a disabled field.
#[derive(Debug)]
pub struct WithCfgField {
    #[cfg(any())]
    pub a: u32,
    pub b: u32,
}

twin! {
    /// A struct expression whose cfg-disabled field's value is a yield.
    fn cfg_disabled_struct_field_yield() resume(first: u32) yields[u32] returns[u32] {
        let c = WithCfgField {
            #[cfg(any())]
            a: yield_!(100),
            b: yield_!(first),
        };
        c.b
    }
    call()
    script[1, 2]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled `let` whose initializer yields, followed by its use.
    fn cfg_disabled_let_else() resume(first: Option<u32>) yields[u32] returns[u32] {
        #[cfg(any())]
        let Some(v) = yield_!(1) else {
            return 0;
        };
        #[cfg(not(any()))]
        let v = first.unwrap_or(5);
        yield_!(v);
        v
    }
    call()
    script[Some(4), None]
    expect[
        "resume Some(4)",
        "yield 4",
        "resume None",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// A cfg-disabled `for` loop with a yield and a cfg-disabled `while`.
    fn cfg_disabled_for_and_while() yields[u32] returns[u32] {
        let mut n = 0;
        #[cfg(any())]
        for i in 0..3 {
            yield_!(i);
        }
        #[cfg(any())]
        while n < 3 {
            n += yield_!(n);
        }
        n += 1;
        yield_!(n);
        n
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 1",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// 2. Labelled `break` / `continue` from yield-free branches and macro arguments
// ---------------------------------------------------------------------------------------

twin! {
    /// `break 'outer` from a match arm and `continue 'outer` from an `if` without yields,
    /// to a loop that yields.
    fn break_from_yield_free_arm() yields[u32] returns[u32] {
        let mut i = 0;
        'outer: loop {
            i += 1;
            yield_!(i);
            match i {
                3 => break 'outer,
                _ => {}
            }
            for j in 0..2 {
                if j == 1 && i == 2 {
                    continue 'outer;
                }
                yield_!(10 * i + j);
            }
        }
        log("after outer");
        i * 100
    }
    call()
    script[(), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 11",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 20",
        "resume ()",
        "yield 3",
        "resume ()",
        "after outer",
        "complete 300",
        "drop complete",
    ]
}

twin! {
    /// An unlabelled `break` inside `assert!`'s argument leaves the loop that yields.
    fn break_inside_macro_argument() yields[u32] returns[u32] {
        let mut n = 0;
        loop {
            n += 1;
            yield_!(n);
            assert!({
                if n == 3 {
                    break;
                }
                true
            });
            log(format!("n = {n}"));
        }
        log("after loop");
        n
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "n = 1",
        "yield 2",
        "resume ()",
        "n = 2",
        "yield 3",
        "resume ()",
        "after loop",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// An unlabelled `continue` inside `assert_eq!`'s argument.
    fn continue_inside_macro_argument() yields[u32] returns[u32] {
        let mut n = 0;
        while n < 4 {
            n += 1;
            yield_!(n);
            assert_eq!(
                {
                    if n % 2 == 0 {
                        continue;
                    }
                    n % 2
                },
                1
            );
            log(format!("odd {n}"));
        }
        n
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "odd 1",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "odd 3",
        "yield 4",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// Labelled `continue 'outer` and `break 'outer` inside a macro argument, from an
    /// inner loop.
    fn labelled_jumps_inside_macro_argument() yields[u32] returns[u32] {
        'outer: for i in 0..3u32 {
            for j in 0..3u32 {
                yield_!(i * 10 + j);
                assert!({
                    if j == 1 {
                        continue 'outer;
                    }
                    if i == 2 {
                        break 'outer;
                    }
                    true
                });
                log(format!("{i}{j}"));
            }
        }
        7
    }
    call()
    script[(), (), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "00",
        "yield 1",
        "resume ()",
        "yield 10",
        "resume ()",
        "10",
        "yield 11",
        "resume ()",
        "yield 20",
        "resume ()",
        "complete 7",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// An unlabelled `break` of a loop written inside a macro argument targets that loop.
    fn inner_loop_break_inside_macro_argument() resume(first: u32) yields[u32] returns[u32] {
        let mut v = first;
        loop {
            v = yield_!(v);
            assert!({
                let mut k = 0;
                loop {
                    k += 1;
                    if k == 2 {
                        break;
                    }
                }
                k == 2
            });
            if v == 0 {
                break;
            }
        }
        v + 1
    }
    call()
    script[1, 2, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 2",
        "resume 0",
        "complete 1",
        "drop complete",
    ]
}

twin! {
    /// `break 7` (with a value) inside a macro argument.
    fn break_value_inside_macro_argument() yields[u32] returns[u32] {
        let mut n = 0;
        let r = loop {
            n += 1;
            yield_!(n);
            assert_eq!(
                {
                    if n == 2 {
                        break n * 7;
                    }
                    1
                },
                1
            );
        };
        r
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 14",
        "drop complete",
    ]
}

twin! {
    /// `break 'blk value` from a yield-free branch of a labelled block that yields.
    fn labelled_block_break_after_yield() resume(first: u32) yields[u32] returns[u32] {
        let v = 'blk: {
            yield_!(1);
            if first > 2 {
                break 'blk 10;
            }
            yield_!(2);
            20
        };
        log(format!("v = {v}"));
        v
    }
    call()
    script[5, 0, 0]
    expect[
        "resume 5",
        "yield 1",
        "resume 0",
        "v = 10",
        "complete 10",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `break 'blk` inside a macro argument, out of a labelled block that yields.
    fn labelled_block_break_inside_macro_argument() resume(first: u32) yields[u32] returns[u32] {
        'blk: {
            yield_!(1);
            assert!({
                if first > 2 {
                    break 'blk;
                }
                true
            });
            log("not left");
        }
        log("after block");
        first
    }
    call()
    script[5, 0]
    expect[
        "resume 5",
        "yield 1",
        "resume 0",
        "after block",
        "complete 5",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// 3. Items in inner blocks
// ---------------------------------------------------------------------------------------

/// The outer `pick`, which an inner block of a coroutine hides only inside that block.
pub fn pick() -> u32 {
    10
}

/// The outer `K`.
pub const K: u32 = 100;

twin! {
    /// Two sibling blocks each declare `fn pick`.
    fn sibling_blocks_same_fn() yields[u32] returns[u32] {
        {
            fn pick() -> u32 {
                1
            }
            yield_!(pick());
        }
        {
            fn pick() -> u32 {
                2
            }
            yield_!(pick());
        }
        0
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// An inner block's `fn pick` hides the module's only inside that block.
    fn inner_fn_hides_outer_only_in_its_block() yields[u32] returns[u32] {
        {
            fn pick() -> u32 {
                1
            }
            yield_!(pick());
        }
        yield_!(pick());
        pick()
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 10",
        "resume ()",
        "complete 10",
        "drop complete",
    ]
}

twin! {
    /// An inner block's `const K` hides the module's only inside that block.
    fn inner_const_hides_outer_only_in_its_block() yields[u32] returns[u32] {
        {
            const K: u32 = 1;
            yield_!(K);
        }
        yield_!(K);
        K
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 100",
        "resume ()",
        "complete 100",
        "drop complete",
    ]
}

twin! {
    /// Sibling blocks each declare `const K`, `static S`, `struct P`, `impl P`, `use`.
    fn sibling_blocks_same_items() yields[u32] returns[u32] {
        {
            const K: u32 = 1;
            static S: u32 = 2;
            struct P(u32);
            impl P {
                fn get(&self) -> u32 {
                    self.0
                }
            }
            use std::cmp::max as choose;
            yield_!(K + S + P(3).get() + choose(4, 5));
        }
        {
            const K: u32 = 10;
            static S: u32 = 20;
            struct P(u32, u32);
            impl P {
                fn get(&self) -> u32 {
                    self.0 + self.1
                }
            }
            use std::cmp::min as choose;
            yield_!(K + S + P(30, 1).get() + choose(4, 5));
        }
        0
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 11",
        "resume ()",
        "yield 65",
        "resume ()",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// Sibling blocks each define `macro_rules! m`: each use sees its own block's.
    fn sibling_blocks_same_macro_rules() yields[u32] returns[u32] {
        {
            // The allow is for the `#[coro::coroutine]` half, where this macro is hoisted
            // and hidden by the next one (issue 11, class 10).
            #[allow(unused_macros)]
            macro_rules! m {
                () => {
                    1
                };
            }
            yield_!(m!());
        }
        {
            macro_rules! m {
                () => {
                    2
                };
            }
            yield_!(m!());
        }
        0
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// A `static` counter inside a yield-free block inside a loop: one static, counted
    /// across iterations.
    fn static_in_loop_plain_block_is_one_static() yields[u32] returns[u32] {
        for _ in 0..3 {
            let h = {
                static HITS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                HITS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            };
            yield_!(h);
        }
        0
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// A value of a struct declared in a yield-free block inside a loop, held across a
    /// yield: one type, whichever resume creates it.
    fn struct_in_loop_plain_block_is_one_type() yields[u32] returns[u32] {
        let mut i = 0;
        while i < 3 {
            i += 1;
            let p = {
                #[derive(Debug)]
                struct P(u32);
                P(i)
            };
            yield_!(p.0);
            log(format!("{p:?}"));
        }
        i
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "P(1)",
        "yield 2",
        "resume ()",
        "P(2)",
        "yield 3",
        "resume ()",
        "P(3)",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// An item used before its declaration, and a `macro_rules!` declared before a
    /// yield and used after it.
    fn items_before_and_after_yields() yields[u32] returns[u32] {
        yield_!(later());
        macro_rules! twice {
            ($e:expr) => {
                $e * 2
            };
        }
        fn later() -> u32 {
            3
        }
        yield_!(twice!(later()));
        twice!(5)
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 3",
        "resume ()",
        "yield 6",
        "resume ()",
        "complete 10",
        "drop complete",
    ]
}

twin! {
    /// A `macro_rules!` that names a local (it may: it is defined after the `let`), used
    /// after a yield.
    fn macro_rules_naming_a_local() yields[u32] returns[u32] {
        let x = Noisy("x");
        macro_rules! show {
            () => {
                log(format!("{:?}", x))
            };
        }
        yield_!(1);
        show!();
        2
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "Noisy(\"x\")",
        "drop x",
        "complete 2",
        "drop complete",
    ]
}

/// A trait an inner block imports, and another with a method of the same name in scope
/// everywhere (review round 2, x5: the hoisted item called the other one's).
pub mod block_trait {
    pub trait Near {
        fn v(self) -> u32;
    }
    impl Near for u8 {
        fn v(self) -> u32 {
            1
        }
    }
}
pub trait Far {
    fn v(&self) -> u32;
}
impl Far for u8 {
    fn v(&self) -> u32 {
        100
    }
}

twin! {
    /// An `impl` of an inner block with a yield is declared once, at the top of the
    /// function; its method still calls the trait its block imports (before: `Far`'s,
    /// silently).
    fn hoisted_method_sees_its_blocks_trait_import() yields[u32] returns[u32] {
        let x = 3u8;
        let before = x.v();
        let v = {
            use self::block_trait::Near;
            struct W(u8);
            impl W {
                fn g(&self) -> u32 {
                    self.0.v()
                }
            }
            yield_!(W(x).g());
            W(x).g() + 10
        };
        before * 1000 + v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 100011",
        "drop complete",
    ]
}

twin! {
    /// A `fn` with a `static` (declared once) sees its block's trait import too.
    fn hoisted_fn_sees_its_blocks_trait_import() resume(first: u32) yields[u32] returns[u32] {
        let v = {
            use self::block_trait::Near;
            fn f(x: u8) -> u32 {
                static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                x.v()
            }
            yield_!(f(3)) + f(4)
        };
        v + first
    }
    call()
    script[10, 5]
    expect[
        "resume 10",
        "yield 1",
        "resume 5",
        "complete 16",
        "drop complete",
    ]
}

/// Constants a glob and a group `use` of an inner block import.
pub mod block_consts {
    pub const K: u32 = 2;
    pub const LIM: u32 = 3;
    pub const OTHER: u32 = 4;
}

twin! {
    /// A glob `use` is not copied into a hoisted method that names an item of its block:
    /// there it would hide the block's own `K` (review round 6, S1: coro read the glob's).
    fn hoisted_method_reads_its_blocks_const_not_the_glob() yields[u32] returns[u32] {
        let v = {
            use self::block_consts::*;
            const K: u32 = 9;
            struct S;
            impl S {
                fn g(&self) -> u32 {
                    K
                }
            }
            yield_!(S.g());
            S.g() + LIM
        };
        v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 9",
        "resume ()",
        "complete 12",
        "drop complete",
    ]
}

twin! {
    /// Of a group `use`, only the name the method declares itself is left out of its copy
    /// (review round 6, S2: the whole group was, and `LIM =>` became a binding).
    fn hoisted_method_keeps_the_rest_of_a_group_use() yields[u32] returns[u32] {
        let v = {
            use self::block_consts::{LIM, OTHER};
            struct W;
            impl W {
                #[allow(non_snake_case, dead_code)]
                fn g(&self, x: u32) -> u32 {
                    fn OTHER() {}
                    match x {
                        LIM => 1,
                        _ => 2,
                    }
                }
            }
            yield_!(W.g(9));
            W.g(3) * 10 + OTHER
        };
        v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 14",
        "drop complete",
    ]
}

twin! {
    /// A `fn` of the body passes a body macro by name to another, which calls it (review
    /// round 6, R2: "cannot find macro `five`" before).
    fn fn_passes_a_body_macro_by_name() yields[u32] returns[u32] {
        macro_rules! five {
            () => {
                5u32
            };
        }
        macro_rules! call {
            ($m:ident) => {
                $m!()
            };
        }
        fn f() -> u32 {
            call!(five)
        }
        yield_!(f());
        f() + 1
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 5",
        "resume ()",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// A `fn` of the body calls a `macro_rules!` written before it, in the body's own
    /// block and in an inner one, and so does a method (review round 2, G7: "cannot find
    /// macro" before).
    fn fn_and_method_call_a_macro_of_the_body() yields[u32] returns[u32] {
        macro_rules! seven {
            () => {
                7u32
            };
        }
        macro_rules! eight {
            () => {
                seven!() + 1
            };
        }
        fn helper() -> u32 {
            eight!()
        }
        struct Hm;
        impl Hm {
            fn g() -> u32 {
                seven!() * 10
            }
        }
        yield_!(helper());
        let inner = {
            macro_rules! seven {
                () => {
                    700u32
                };
            }
            fn inner_helper() -> u32 {
                seven!()
            }
            yield_!(inner_helper());
            inner_helper()
        };
        helper() + Hm::g() + inner
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 8",
        "resume ()",
        "yield 700",
        "resume ()",
        "complete 778",
        "drop complete",
    ]
}

twin! {
    /// Two `thread_local!`s of one name in sibling arms, each declared once at the top
    /// under a name of its own (review round 2, G8: E0428 before).
    fn thread_locals_of_one_name_in_sibling_arms() resume(first: u32) yields[u32] returns[u32] {
        let mut acc = first;
        for i in 0..4u32 {
            match i % 2 {
                0 => {
                    thread_local! { static HITS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) }; }
                    HITS.with(|c| c.set(c.get() + 1));
                    acc += yield_!(HITS.with(|c| c.get()));
                }
                _ => {
                    thread_local! { static HITS: std::cell::Cell<u32> = const { std::cell::Cell::new(100) }; }
                    HITS.with(|c| c.set(c.get() + 1));
                    acc += yield_!(HITS.with(|c| c.get()));
                }
            }
        }
        acc
    }
    call()
    script[1, 1, 1, 1, 1]
    expect[
        "resume 1",
        "yield 1",
        "resume 1",
        "yield 101",
        "resume 1",
        "yield 2",
        "resume 1",
        "yield 102",
        "resume 1",
        "complete 5",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// 4. Names
// ---------------------------------------------------------------------------------------

/// A struct for field shorthand.
#[derive(Debug)]
pub struct P {
    pub x: u32,
}

twin! {
    /// Field shorthand `P { x }` in an expression names the inner `x`.
    fn field_shorthand_expression() yields[u32] returns[u32] {
        let x = 1;
        let total = {
            let x = 2;
            yield_!(x);
            let p = P { x };
            p.x
        };
        total * 10 + x
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 21",
        "drop complete",
    ]
}

twin! {
    /// Field shorthand `let P { x } = ..` in a pattern binds a hiding `x`.
    fn field_shorthand_pattern() yields[u32] returns[u32] {
        let x = 1;
        {
            let P { x } = P { x: 2 };
            yield_!(x);
            log(format!("{x}"));
        }
        x
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "2",
        "complete 1",
        "drop complete",
    ]
}

twin! {
    /// Field shorthand in a match arm pattern hiding an outer binding.
    fn field_shorthand_match_pattern() yields[u32] returns[u32] {
        let x = 1;
        let r = match (P { x: 5 }) {
            P { x } => {
                yield_!(x);
                x + 1
            }
        };
        r * 10 + x
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 5",
        "resume ()",
        "complete 61",
        "drop complete",
    ]
}

twin! {
    /// Format width `{:w$}` and precision `{:.p$}` name hiding bindings.
    fn format_width_and_precision_args() yields[u32] returns[String] {
        let w = 2;
        let p = 1;
        let out = {
            let w = 6;
            let p = 3;
            yield_!(0);
            format!("[{:w$}] [{:.p$}] [{:>w$.p$}]", 1, 0.5, 0.25)
        };
        format!("{out} {w} {p}")
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "complete \"[     1] [0.500] [ 0.250] 2 1\"",
        "drop complete",
    ]
}

twin! {
    /// `{x}` and `{x:>w$}` inline arguments naming hiding bindings.
    fn format_inline_args() yields[u32] returns[String] {
        let x = 1;
        let w = 2;
        let out = {
            let x = 7;
            let w = 5;
            yield_!(0);
            format!("[{x}] [{x:>w$}] [{x:?}]")
        };
        format!("{out} {x} {w}")
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "complete \"[7] [    7] [7] 1 2\"",
        "drop complete",
    ]
}

/// A module with a function named like a local.
pub mod names {
    pub fn x() -> u32 {
        42
    }
}

twin! {
    /// Inside a macro argument: a path `names::x`, a struct field `P { x: .. }` and a
    /// named format argument, next to a hiding `x`.
    fn hiding_binding_and_same_names_in_macro_args() yields[u32] returns[String] {
        let x = 1;
        let out = {
            let x = 2;
            yield_!(x);
            format!("{} {:?} {x} {v}", names::x(), P { x: 3 }, v = x)
        };
        format!("{out} {x}")
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "complete \"42 P { x: 3 } 2 2 1\"",
        "drop complete",
    ]
}

twin! {
    /// Bindings whose names start with an uppercase letter, held across yields.
    fn uppercase_bindings() resume(first: u32) yields[u32] returns[u32] {
        #[allow(non_snake_case)]
        let N = first;
        yield_!(1);
        #[allow(non_snake_case)]
        let M = match N {
            #[allow(non_snake_case)]
            V => {
                yield_!(V);
                V * 2
            }
        };
        N + M
    }
    call()
    script[3, 0, 0]
    expect[
        "resume 3",
        "yield 1",
        "resume 0",
        "yield 3",
        "resume 0",
        "complete 9",
        "drop complete",
    ]
    pending("issue 11: E0425 cannot find value `N` (uppercase bindings are not treated as bindings)")
}

twin! {
    /// An uppercase binding hiding an outer one of the same name, both held.
    fn uppercase_binding_hides_outer() yields[u32] returns[u32] {
        #[allow(non_snake_case)]
        let X = 1;
        {
            #[allow(non_snake_case)]
            let X = 2;
            yield_!(X);
            log(format!("inner {X}"));
        }
        X
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "inner 2",
        "complete 1",
        "drop complete",
    ]
}

/// A constant used as a pattern.
pub const LIMIT: u32 = 3;
/// A lowercase constant used as a pattern (rustc resolves it to the constant, not a
/// binding).
#[allow(non_upper_case_globals)]
pub const lower: u32 = 4;

twin! {
    /// A constant in a pattern, in arms that yield.
    fn const_in_pattern() resume(first: u32) yields[u32] returns[u32] {
        let mut total = 0;
        let mut v = first;
        loop {
            match v {
                LIMIT => {
                    yield_!(LIMIT);
                    total += LIMIT;
                }
                0 => break,
                other => {
                    v = yield_!(other);
                    continue;
                }
            }
            v = yield_!(0);
        }
        total
    }
    call()
    script[3, 4, 5, 3, 0, 0]
    expect[
        "resume 3",
        "yield 3",
        "resume 4",
        "yield 0",
        "resume 5",
        "yield 5",
        "resume 3",
        "yield 3",
        "resume 0",
        "yield 0",
        "resume 0",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// A lowercase constant in a pattern: rustc resolves it to the constant.
    fn lowercase_const_in_pattern() resume(first: u32) yields[u32] returns[u32] {
        match first {
            lower => {
                yield_!(lower * 10);
                lower
            }
            _ => 0,
        }
    }
    call()
    script[4, 0]
    expect[
        "resume 4",
        "yield 40",
        "resume 0",
        "complete 4",
        "drop complete",
    ]
    pending("issue 11: E0005 refutable pattern in local binding (a lowercase constant pattern is saved and re-bound with `let lower = ..`)")
}

twin! {
    /// A user binding named like the transform's renamed shadow (`x_shadowed_1`).
    fn user_name_like_a_renamed_shadow() yields[u32] returns[u32] {
        let x_shadowed_1 = 100;
        let x = 1;
        let inner = {
            let x = 2;
            yield_!(x);
            x + x_shadowed_1
        };
        inner + x
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 103",
        "drop complete",
    ]
}

twin! {
    /// User bindings named like the transform's internal names.
    fn user_names_like_generated_ones() resume(first: u32) yields[u32] returns[Option<u32>] {
        let __state = 1;
        let __arg = 2;
        let __t1 = 3;
        let __held_x = 4;
        let __coroutine = 5;
        let __returned = 6;
        let __yielded = 7;
        let __value = 8;
        let __residual = 9;
        let __iter0 = 10;
        let __self = 11;
        let __type_of_x = 12;
        let __from1 = 13;
        let this = 14;
        let x = yield_!(__state + __arg + first);
        let y = pair(__t1, yield_!(x));
        for i in 0..2 {
            yield_!(i + __iter0);
        }
        let r: Option<u32> = Some(y);
        let z = r? + __value + __residual;
        yield_!(__held_x + __coroutine + __returned + __yielded + z);
        Some(__self + __type_of_x + __from1 + this)
    }
    call()
    script[1, 2, 3, 0, 0, 0, 0]
    expect[
        "resume 1",
        "yield 4",
        "resume 2",
        "yield 2",
        "resume 3",
        "yield 10",
        "resume 0",
        "yield 11",
        "resume 0",
        "yield 72",
        "resume 0",
        "complete Some(50)",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// A parameter named `__arg1` next to a pattern parameter in position 1.
    fn param_named_like_generated(__arg1: u32, (a, b): (u32, u32)) yields[u32] returns[u32] {
        yield_!(__arg1);
        yield_!(a);
        b
    }
    call(1, (2, 3))
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Raw identifiers as bindings held across yields.
    fn raw_identifiers() resume(first: u32) yields[u32] returns[u32] {
        let r#type = yield_!(first);
        let r#match = r#type + 1;
        let r#fn = yield_!(r#match);
        r#type + r#match + r#fn
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 3",
        "resume 3",
        "complete 8",
        "drop complete",
    ]
}

twin! {
    /// A loop labelled like the transform's body label.
    fn user_label_like_generated() yields[u32] returns[u32] {
        let mut n = 0;
        '__coroutine_body: loop {
            n += 1;
            yield_!(n);
            if n == 2 {
                break '__coroutine_body;
            }
        }
        n
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 2",
        "drop complete",
    ]
}

/// A module-level type named like the generated state enum.
#[derive(Debug)]
pub struct __CoroutineState(pub u32);

twin! {
    /// Body code naming a module-level type spelled like the generated state enum (as a
    /// type: the constructor alone resolves, the enum being in the type namespace only).
    fn user_type_named_like_state_enum() yields[u32] returns[u32] {
        let s: __CoroutineState = __CoroutineState(4);
        yield_!(s.0);
        __CoroutineState(5).0 + s.0
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 4",
        "resume ()",
        "complete 9",
        "drop complete",
    ]
}

twin! {
    /// A hiding binding in a match arm pattern, both held.
    fn shadowing_in_match_arm() resume(first: u32) yields[u32] returns[u32] {
        let x = first;
        let r = match Some(x + 1) {
            Some(x) => {
                yield_!(x);
                x * 10
            }
            None => 0,
        };
        r + x
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 2",
        "resume 0",
        "complete 21",
        "drop complete",
    ]
}

twin! {
    /// A closure parameter hiding a held binding.
    fn closure_param_hides_held_binding() yields[u32] returns[u32] {
        let x = 1;
        yield_!(0);
        let f = |x: u32| x * 2;
        yield_!(f(5));
        x
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 10",
        "resume ()",
        "complete 1",
        "drop complete",
    ]
}

twin! {
    /// A hiding binding of another type in an inner block.
    fn hiding_binding_of_another_type() yields[u32] returns[u32] {
        let x = 1u32;
        {
            let x = "inner";
            yield_!(0);
            log(x);
        }
        x
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "inner",
        "complete 1",
        "drop complete",
    ]
}

// Two bindings spelled `x` from different macro hygiene contexts: rustc keeps them
// apart.
macro_rules! hygiene_twins {
    ($x:ident) => {
        twin! {
            /// `let x` from the macro and `let x` from its caller, in one block.
            fn hygiene_same_block() yields[u32] returns[u32] {
                let x = 1;
                let $x = 2;
                yield_!(x);
                yield_!($x);
                x * 10 + $x
            }
            call()
            script[(), (), ()]
            expect[
                "resume ()",
                "yield 1",
                "resume ()",
                "yield 2",
                "resume ()",
                "complete 12",
                "drop complete",
            ]
        }

        twin! {
            /// The caller's `x` in an inner block, the macro's outside.
            fn hygiene_inner_block() yields[u32] returns[u32] {
                let x = 1;
                let inner = {
                    let $x = 2;
                    yield_!(x);
                    $x
                };
                inner * 10 + x
            }
            call()
            script[(), ()]
            expect[
                "resume ()",
                "yield 1",
                "resume ()",
                "complete 21",
                "drop complete",
            ]
        }

        twin! {
            /// Both `x`s hidden in an inner block by two more, one of each hygiene: four
            /// renamed-or-hidden bindings, two of each context, held across the yields.
            fn hygiene_both_hidden_in_an_inner_block() yields[u32] returns[u32] {
                let $x: u32 = 1;
                let x: u32 = 10;
                let v = {
                    let $x: u32 = 2;
                    let x: u32 = 20;
                    yield_!($x);
                    yield_!(x);
                    $x * 100 + x
                };
                v * 10000 + $x * 100 + x
            }
            call()
            script[(), (), ()]
            expect[
                "resume ()",
                "yield 2",
                "resume ()",
                "yield 20",
                "resume ()",
                "complete 2200110",
                "drop complete",
            ]
        }
    };
}
hygiene_twins!(x);

// ---------------------------------------------------------------------------------------
// 5. Control flow written by `macro_rules!` macros
// ---------------------------------------------------------------------------------------

#[allow(unused_macros)] // used by `pending` halves only
macro_rules! bail {
    ($e:expr) => {
        return Err($e)
    };
}

#[allow(unused_macros)] // used by `pending` halves only
macro_rules! attempt {
    ($e:expr) => {
        $e?
    };
}

#[allow(unused_macros)] // used by `pending` halves only
macro_rules! stop {
    () => {
        break
    };
    ($e:expr) => {
        break $e
    };
}

#[allow(unused_macros)] // used by `pending` halves only
macro_rules! next {
    () => {
        continue
    };
}

#[allow(unused_macros)] // used by `pending` halves only
macro_rules! leave {
    ($l:lifetime) => {
        break $l
    };
}

twin! {
    /// A `bail!`-style macro returns `Err` from the coroutine.
    fn bail_macro_returns_err() resume(first: u32) yields[u32] returns[Result<u32, String>] {
        let a = yield_!(first);
        if a > 5 {
            bail!(format!("too big: {a}"));
        }
        Ok(a)
    }
    call()
    script[1, 9, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 9",
        "complete Err(\"too big: 9\")",
        "resume 0",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// A macro expanding to `e?`.
    fn question_mark_from_macro() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let a = attempt!(first);
        let y = yield_!(a);
        let b = attempt!(y);
        Some(a + b)
    }
    call()
    script[Some(1), None, None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume None",
        "complete None",
        "resume None",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// `vec![0; n?]`: a `?` inside a macro argument that is not a list of expressions.
    fn question_mark_in_vec_repeat(n: Option<usize>) yields[usize] returns[Option<usize>] {
        yield_!(1);
        let v = vec![0u8; n?];
        Some(v.len())
    }
    call(None)
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete None",
        "drop complete",
    ]
}

twin! {
    /// `break` and `break value` written by a macro, in loops that yield.
    fn break_from_macro() yields[u32] returns[u32] {
        let mut i = 0;
        loop {
            i += 1;
            yield_!(i);
            if i == 2 {
                stop!();
            }
        }
        let v = loop {
            i += 1;
            yield_!(i);
            if i == 4 {
                stop!(i * 10);
            }
        };
        v
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "yield 4",
        "resume ()",
        "complete 40",
        "drop complete",
    ]
}

twin! {
    /// `continue` written by a macro.
    fn continue_from_macro() yields[u32] returns[u32] {
        let mut i = 0;
        while i < 4 {
            i += 1;
            yield_!(i);
            if i % 2 == 0 {
                next!();
            }
            log(format!("odd {i}"));
        }
        i
    }
    call()
    script[(), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "odd 1",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "odd 3",
        "yield 4",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// `break 'outer` written by a macro given the label.
    fn labelled_break_from_macro() yields[u32] returns[u32] {
        let mut i = 0;
        'outer: loop {
            loop {
                i += 1;
                yield_!(i);
                if i == 2 {
                    leave!('outer);
                }
            }
        }
        i
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// `return` and `?` inside the arguments of `format!` and `assert!`.
    fn return_and_try_inside_macro_args() resume(first: Option<u32>) yields[u32] returns[Option<u32>] {
        let a = yield_!(1);
        let s = format!("{} {}", first?, a?);
        assert!({
            if s.len() > 3 {
                return Some(77);
            }
            true
        });
        Some(s.len() as u32)
    }
    call()
    script[Some(1), Some(22222), None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(22222)",
        "complete Some(77)",
        "resume None",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// A macro expanding to a `let` that later code names.
    fn let_from_macro() resume(first: u32) yields[u32] returns[u32] {
        macro_rules! bind {
            ($n:ident = $e:expr) => {
                let $n = $e;
            };
        }
        bind!(q = first + 1);
        yield_!(q);
        q * 2
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 2",
        "resume 0",
        "complete 4",
        "drop complete",
    ]
    pending("issue 11: E0425 cannot find value `q` (a binding made by a macro_rules! is not held)")
}

twin! {
    /// A `macro_rules!` whose expansion yields.
    fn yield_from_user_macro() yields[u32] returns[u32] {
        macro_rules! emit {
            ($e:expr) => {
                yield_!($e)
            };
        }
        emit!(1);
        emit!(2);
        3
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
    pending("issue 11: rejected: \"`yield_!` cannot be used inside a nested function or item\" for a yield in a local macro_rules! body")
}

// ---------------------------------------------------------------------------------------
// 6. `unsafe` blocks and nested coroutines
// ---------------------------------------------------------------------------------------

/// An `unsafe fn` for `unsafe` blocks to call.
///
/// # Safety
///
/// None needed; it is `unsafe` so that calling it needs an `unsafe` block.
pub unsafe fn double(x: u32) -> u32 {
    x * 2
}

twin! {
    /// Yields inside `unsafe` blocks, one of them the value of a `let`.
    fn yields_inside_unsafe_blocks() resume(first: u32) yields[u32] returns[u32] {
        let total = unsafe {
            let a = double(first);
            let b = yield_!(a);
            double(b) + a
        };
        unsafe {
            yield_!(double(total));
        }
        let c = unsafe { double(yield_!(3)) };
        total + c
    }
    call()
    script[1, 2, 3, 4]
    expect[
        "resume 1",
        "yield 2",
        "resume 2",
        "yield 12",
        "resume 3",
        "yield 3",
        "resume 4",
        "complete 14",
        "drop complete",
    ]
}

twin! {
    /// A `#[coro::coroutine]` function nested in a coroutine's body is its own coroutine.
    fn nested_coroutine_fn() yields[u32] returns[u32] {
        #[coro::coroutine]
        fn inner() -> impl coro::Coroutine<Yield = u32, Return = u32> {
            coro::yield_!(1);
            coro::yield_!(2);
            3
        }
        use coro::Coroutine as _;
        let mut c = inner();
        let mut sum = 0;
        while let coro::CoroutineState::Yielded(v) = c.resume(()) {
            sum += v;
            yield_!(v * 10);
        }
        sum
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 10",
        "resume ()",
        "yield 20",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// 8. Drop timing
// ---------------------------------------------------------------------------------------

twin! {
    /// `let r = &yield_!(..)` keeps the borrowed resume argument as long as `r`'s block
    /// (temporary lifetime extension), also across a later yield (review round 2, G14:
    /// E0716 before).
    static fn borrowed_resume_argument_lives_as_long_as_its_block() resume(first: Noisy) yields[u32] returns[u32] {
        let _g = Noisy("g");
        {
            let r = &yield_!(1);
            let q = Noisy("q");
            log(format!("borrowed {}", r.0));
            let again = &mut (yield_!(2));
            log(format!("again {} and {}", again.0, r.0));
            drop(q);
        }
        log("after the block");
        drop(first);
        3
    }
    call()
    script[Noisy("a"), Noisy("b"), Noisy("c")]
    expect[
        "resume Noisy(\"a\")",
        "yield 1",
        "resume Noisy(\"b\")",
        "borrowed b",
        "yield 2",
        "resume Noisy(\"c\")",
        "again c and b",
        "drop q",
        "drop c",
        "drop b",
        "after the block",
        "drop a",
        "drop g",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `let _ = yield_!(..)`, `_ = yield_!(..)` and `yield_!(..);` drop an owned resume
    /// argument at once; `let kept = ..` keeps it.
    fn underscore_drops_resume_argument_at_once() resume(first: Noisy) yields[u32] returns[u32] {
        log(format!("first {}", first.0));
        let _ = yield_!(1);
        log("after let _");
        _ = yield_!(2);
        log("after _ =");
        yield_!(3);
        log("after yield statement");
        let kept = yield_!(4);
        log("after let kept");
        yield_!(5);
        drop(kept);
        drop(first);
        6
    }
    call()
    script[Noisy("a"), Noisy("b"), Noisy("c"), Noisy("d"), Noisy("e"), Noisy("f")]
    expect[
        "resume Noisy(\"a\")",
        "first a",
        "yield 1",
        "resume Noisy(\"b\")",
        "drop b",
        "after let _",
        "yield 2",
        "resume Noisy(\"c\")",
        "drop c",
        "after _ =",
        "yield 3",
        "resume Noisy(\"d\")",
        "drop d",
        "after yield statement",
        "yield 4",
        "resume Noisy(\"e\")",
        "after let kept",
        "yield 5",
        "resume Noisy(\"f\")",
        "drop f",
        "drop e",
        "drop a",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// A call operand's temporary lives until the end of the statement, across the
    /// yield in a later operand.
    fn operand_temporary_lives_across_yield() resume(first: u32) yields[u32] returns[u32] {
        let v = pair(Noisy("t").id(), yield_!(first));
        log("after statement");
        v
    }
    call()
    script[1, 2]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "drop t",
        "after statement",
        "complete 12",
        "drop complete",
    ]
    ignore("documented deviation 6 (guide, Drop order): a call operand temporary is dropped before suspending (rustc: at the end of the statement, after resuming)")
}

twin! {
    /// A binary operand's temporary, and a temporary inside the yielded value.
    fn binary_operand_and_yield_value_temporaries() resume(first: u32) yields[u32] returns[u32] {
        let v = Noisy("left").id() + yield_!(first);
        log("after first statement");
        yield_!(Noisy("yielded").id());
        log("after second statement");
        v
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "drop left",
        "after first statement",
        "yield 7",
        "resume 3",
        "drop yielded",
        "after second statement",
        "complete 6",
        "drop complete",
    ]
    ignore("documented deviations 6 and 7 (guide, Drop order): operand and yielded-value temporaries dropped before suspending (rustc: after resuming, at the end of the statement)")
}

twin! {
    /// A temporary in a `for` iterable lives until the loop ends.
    fn for_iterable_temporary_lives_through_the_loop() yields[u32] returns[u32] {
        for i in Noisy("iterable").upto(2) {
            yield_!(i);
        }
        log("after for");
        0
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 1",
        "resume ()",
        "drop iterable",
        "after for",
        "complete 0",
        "drop complete",
    ]
    ignore("documented deviation 8 (guide, Drop order): a `for` iterable temporary is dropped at the first suspension (rustc: after the loop)")
}

twin! {
    /// A `while let` scrutinee temporary lives through each iteration's body.
    fn while_let_scrutinee_temporary() yields[u32] returns[u32] {
        let mut n = 0;
        while let Some(v) = Noisy("scrutinee").below(n, 2) {
            n += 1;
            yield_!(v);
            log("end of body");
        }
        n
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "end of body",
        "drop scrutinee",
        "yield 1",
        "resume ()",
        "end of body",
        "drop scrutinee",
        "drop scrutinee",
        "complete 2",
        "drop complete",
    ]
    ignore("documented deviation 8 (guide, Drop order): a `while let` scrutinee temporary is dropped at suspension (rustc: end of the iteration)")
}

// ---------------------------------------------------------------------------------------
// Beyond the issue's list
// ---------------------------------------------------------------------------------------

twin! {
    /// `let .. else` whose `else` block yields before diverging.
    fn let_else_whose_else_yields() resume(first: Option<u32>) yields[u32] returns[u32] {
        let mut total = 0;
        loop {
            let Some(v) = first else {
                yield_!(99);
                return total;
            };
            total += v;
            if total > 2 {
                break total;
            }
            yield_!(total);
        }
    }
    call()
    script[None, None]
    expect[
        "resume None",
        "yield 99",
        "resume None",
        "complete 0",
        "drop complete",
    ]
}

twin! {
    /// Closures capturing held values by move, created before the first yield, and a
    /// closure created and used between two yields.
    fn closures_capturing_held_values() yields[u32] returns[u32] {
        let data = vec![1u32, 2, 3];
        let n = Noisy("captured");
        let total = move || data.iter().sum::<u32>();
        let name = move || format!("{n:?}").len() as u32;
        yield_!(1);
        let k = 5;
        let add = |v: u32| v + k;
        yield_!(add(total()));
        let nested = move |m: u32| {
            let inner = |q: u32| q * m;
            inner(2)
        };
        yield_!(nested(3));
        name()
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 11",
        "resume ()",
        "yield 6",
        "resume ()",
        "drop captured",
        "complete 17",
        "drop complete",
    ]
}

twin! {
    /// An `async` block (never polled) held across yields, owning a `Noisy`.
    fn async_block_held_across_yields() yields[u32] returns[u32] {
        let n = Noisy("in future");
        // `let m = n;` moves all of `n` in (`n.0` alone would capture only the field,
        // edition 2021's disjoint capture, and leave `n` to the body).
        let fut = async move {
            let m = n;
            m.0.len()
        };
        yield_!(1);
        yield_!(2);
        drop(fut);
        log("after drop");
        3
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "drop in future",
        "after drop",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `impl Trait` in parameter position and a boxed `dyn Fn` held across yields.
    fn impl_trait_param_and_dyn(it: impl Iterator<Item = u32>) resume(first: u32) yields[u32] returns[u32] {
        let f: Box<dyn Fn(u32) -> u32> = Box::new(|x| x + 1);
        let mut last = first;
        for v in it {
            last = yield_!(f(v));
        }
        last
    }
    call(vec![1u32, 2].into_iter())
    script[7, 8, 9]
    expect[
        "resume 7",
        "yield 2",
        "resume 8",
        "yield 3",
        "resume 9",
        "complete 9",
        "drop complete",
    ]
}

twin! {
    /// Compound assignment to an indexed `u32` place whose right operand yields, the
    /// index bound first: for primitive types rustc evaluates the right operand first, an
    /// `AddAssign` impl the place first, which coro cannot tell apart; with a place that
    /// runs no code the two agree (`arr[t("index", 1)] += ..` is an error since review round
    /// 13: `tests/ui/compound_assignment_order_unknown.rs`).
    fn compound_assign_primitive_evaluates_rhs_first() resume(first: u32) yields[u32] returns[u32] {
        let mut arr = [first, 0];
        let i = t("index", 1);
        arr[i] += t("rhs", yield_!(5));
        arr[0] + arr[1]
    }
    call()
    script[1, 2]
    expect[
        "resume 1",
        "index 1",
        "yield 5",
        "resume 2",
        "rhs 2",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Destructuring assignment from a yield.
    fn destructuring_assignment_from_yield() resume(first: (u32, u32)) yields[u32] returns[u32] {
        let (mut a, mut b) = first;
        (a, b) = yield_!(a + b);
        [a, b] = [b, yield_!(a * b).0].map(|v| v + 1);
        a * 100 + b
    }
    call()
    script[(1, 2), (3, 4), (5, 6)]
    expect[
        "resume (1, 2)",
        "yield 3",
        "resume (3, 4)",
        "yield 12",
        "resume (5, 6)",
        "complete 506",
        "drop complete",
    ]
}

twin! {
    /// Deferred initialisation: `let x;` assigned from a yield in one branch.
    fn deferred_initialisation() resume(first: u32) yields[u32] returns[u32] {
        let x;
        let n: Noisy;
        if first > 1 {
            x = yield_!(1);
            n = Noisy("then");
        } else {
            x = 7;
            n = Noisy("else");
        }
        yield_!(x);
        log(n.0);
        x
    }
    call()
    script[2, 3, 0]
    expect[
        "resume 2",
        "yield 1",
        "resume 3",
        "yield 3",
        "resume 0",
        "then",
        "drop then",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `@` bindings, or-patterns binding one name and slice patterns, across yields.
    fn at_or_and_slice_patterns() resume(first: u32) yields[u32] returns[u32] {
        let v = [first, first + 1, first + 2];
        let [a, .., c] = v;
        let r = match yield_!(a) {
            n @ (1 | 2) => {
                yield_!(n);
                n
            }
            3..=9 => 3,
            other => other,
        };
        let (Ok(q) | Err(q)) = if c > 3 { Ok::<u32, u32>(c) } else { Err(0) };
        yield_!(q);
        r + q + c
    }
    call()
    script[1, 2, 0, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 2",
        "resume 0",
        "yield 0",
        "resume 0",
        "complete 5",
        "drop complete",
    ]
}

twin! {
    /// An inline `const` block and a labelled block with a value, around yields.
    fn inline_const_and_labelled_block_value() resume(first: u32) yields[u32] returns[u32] {
        let k = const { 3 * 4 };
        let v = 'b: {
            if first == 0 {
                break 'b k;
            }
            yield_!(k);
            k + 1
        };
        v
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 12",
        "resume 0",
        "complete 13",
        "drop complete",
    ]
}

twin! {
    /// A `coro::coro!` closure coroutine created and driven inside the body.
    fn coro_closure_inside_body() yields[u32] returns[u32] {
        use coro::Coroutine as _;
        let mut inner = coro::coro!(|| {
            yield 5u32;
            6u32
        });
        let a = match inner.resume(()) {
            coro::CoroutineState::Yielded(v) => v,
            coro::CoroutineState::Complete(v) => v,
        };
        yield_!(a);
        let b = match inner.resume(()) {
            coro::CoroutineState::Yielded(v) => v,
            coro::CoroutineState::Complete(v) => v,
        };
        b
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 5",
        "resume ()",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// `return` inside a closure and `?` inside a closure keep the closure's meaning.
    fn return_and_try_inside_closures() resume(first: u32) yields[u32] returns[u32] {
        let f = |v: u32| -> u32 {
            if v > 1 {
                return 1;
            }
            0
        };
        let g = |v: Option<u32>| -> Option<u32> { Some(v? + 1) };
        yield_!(f(first));
        g(None).unwrap_or(40) + g(Some(1)).unwrap_or(0)
    }
    call()
    script[2, 0]
    expect[
        "resume 2",
        "yield 1",
        "resume 0",
        "complete 42",
        "drop complete",
    ]
}

twin! {
    /// Yield in a `while` condition, `continue 'w` from a yield-free match arm.
    fn yield_in_while_condition_and_continue_from_arm() yields[u32] returns[u32] {
        let mut i = 0u32;
        'w: while {
            i += 1;
            i < 5
        } {
            match i % 2 {
                0 => continue 'w,
                _ => {}
            }
            yield_!(i);
        }
        i
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 3",
        "resume ()",
        "complete 5",
        "resume ()",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// Statement attributes other than `cfg` on statements with yields stay on them
    /// (`allow(unused_variables)` on a `let` from a yield).
    fn lint_attributes_on_yield_statements() resume(first: u32) yields[u32] returns[u32] {
        #[allow(unused_variables)]
        let unused = yield_!(first);
        #[allow(unused_mut)]
        let mut m = yield_!(2);
        m
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 2",
        "resume 3",
        "complete 3",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// Signatures: generics, where clauses, methods, trait methods (not expressible in twin!)
// ---------------------------------------------------------------------------------------

/// Marks a native coroutine closure; its tokens are parsed only when the macro expands,
/// so stable rustc never sees the `yield` (it rejects the syntax before `cfg` removes it).
#[cfg(coro_native)]
macro_rules! native_coroutine {
    ($($closure:tt)*) => {
        #[coroutine]
        $($closure)*
    };
}

/// Runs both halves against rustc's expected trace; the coro half only when compiled.
macro_rules! check_both {
    (native: $native:expr, coro: $coro:expr, script: $script:expr, expect: $expect:expr $(,)?) => {{
        let expected: &[&str] = &$expect;
        #[cfg(coro_native)]
        assert_eq!(
            coro_oracle::run(coro_oracle::native($native), $script),
            expected,
            "rustc's native coroutine disagrees with the expected trace"
        );
        #[cfg(not(coro_native_only))]
        assert_eq!(
            coro_oracle::run($coro, $script),
            expected,
            "#[coro::coroutine] differs from the expected trace (rustc's)"
        );
    }};
}

/// A generic coroutine with a `where` clause and a const generic.
pub mod generics {
    #[allow(unused_imports)]
    use coro::Coroutine;
    use std::fmt::Debug;

    #[cfg(not(coro_native_only))]
    #[coro::coroutine]
    pub fn repeat<T, const N: usize>(x: T) -> impl Coroutine<Yield = [T; N], Return = usize>
    where
        T: Clone + Debug,
    {
        let mut i = 0;
        while i < 2 {
            coro::yield_!(std::array::from_fn(|_| x.clone()));
            i += 1;
        }
        N
    }

    #[cfg(coro_native)]
    pub fn repeat_native<T, const N: usize>(
        x: T,
    ) -> impl core::ops::Coroutine<Yield = [T; N], Return = usize>
    where
        T: Clone + Debug,
    {
        native_coroutine!(move || {
            let mut i = 0;
            while i < 2 {
                yield std::array::from_fn(|_| x.clone());
                i += 1;
            }
            N
        })
    }

    #[test]
    fn generic_with_where_clause_and_const_generic() {
        check_both!(
            native: repeat_native::<u8, 3>(7),
            coro: repeat::<u8, 3>(7),
            script: [(), (), ()],
            expect: [
                "resume ()",
                "yield [7, 7, 7]",
                "resume ()",
                "yield [7, 7, 7]",
                "resume ()",
                "complete 3",
                "drop complete",
            ],
        );
    }
}

/// Methods: a user binding named `__self` (the name the transform gives `self`), a
/// `self: Box<Self>` receiver, `Self` in the body.
pub mod methods {
    #[allow(unused_imports)]
    use coro::Coroutine;

    #[derive(Clone, Debug)]
    pub struct Counter {
        pub start: u32,
    }

    impl Counter {
        /// A user binding `__self` next to `self`.
        #[cfg(all(coro_issue11_pending, not(coro_native_only)))]
        #[coro::coroutine]
        pub fn with_user_dunder_self(&self) -> impl Coroutine<Yield = u32, Return = u32> + '_ {
            let __self = 100u32;
            coro::yield_!(self.start);
            coro::yield_!(__self);
            self.start + __self
        }

        #[cfg(coro_native)]
        pub fn with_user_dunder_self_native(
            &self,
        ) -> impl core::ops::Coroutine<Yield = u32, Return = u32> + '_ {
            native_coroutine!(move || {
                let __self = 100u32;
                yield self.start;
                yield __self;
                self.start + __self
            })
        }

        /// `self: Box<Self>` and `Self` in the body.
        #[cfg(not(coro_native_only))]
        #[coro::coroutine]
        pub fn boxed(self: Box<Self>) -> impl Coroutine<Yield = u32, Return = u32> {
            let copy: Self = (*self).clone();
            coro::yield_!(copy.start);
            self.start + 1
        }

        #[cfg(coro_native)]
        pub fn boxed_native(
            self: Box<Self>,
        ) -> impl core::ops::Coroutine<Yield = u32, Return = u32> {
            native_coroutine!(move || {
                let copy: Self = (*self).clone();
                yield copy.start;
                self.start + 1
            })
        }
    }

    #[test]
    #[cfg_attr(
        not(coro_issue11_pending),
        ignore = "issue 11: rejected: \"this `__self` hides another `__self` that the coroutine must keep\" (`self` is renamed `__self`); compiled with CORO_ISSUE11_PENDING=1"
    )]
    fn user_binding_named_dunder_self() {
        let c = Counter { start: 1 };
        #[cfg(not(coro_issue11_pending))]
        let _ = &c;
        #[cfg(coro_issue11_pending)]
        check_both!(
            native: c.with_user_dunder_self_native(),
            coro: c.with_user_dunder_self(),
            script: [(), (), ()],
            expect: [
                "resume ()",
                "yield 1",
                "resume ()",
                "yield 100",
                "resume ()",
                "complete 101",
                "drop complete",
            ],
        );
    }

    #[test]
    fn boxed_self_receiver() {
        check_both!(
            native: Box::new(Counter { start: 4 }).boxed_native(),
            coro: Box::new(Counter { start: 4 }).boxed(),
            script: [(), ()],
            expect: [
                "resume ()",
                "yield 4",
                "resume ()",
                "complete 5",
                "drop complete",
            ],
        );
    }
}

/// A trait method returning `impl Coroutine` (return-position `impl Trait` in a trait).
pub mod trait_method {
    #[allow(unused_imports)]
    use coro::Coroutine;

    pub trait Source {
        fn numbers(&self) -> impl Coroutine<Yield = u32, Return = ()>;
    }

    pub struct Two;

    #[cfg(not(coro_native_only))]
    impl Source for Two {
        #[coro::coroutine]
        fn numbers(&self) -> impl Coroutine<Yield = u32, Return = ()> {
            coro::yield_!(1);
            coro::yield_!(2);
        }
    }

    #[test]
    fn trait_method_returning_a_coroutine() {
        #[cfg(not(coro_native_only))]
        assert_eq!(
            coro_oracle::run(Two.numbers(), [(), (), ()]),
            [
                "resume ()",
                "yield 1",
                "resume ()",
                "yield 2",
                "resume ()",
                "complete ()",
                "drop complete",
            ]
        );
    }
}

/// Precise capturing `+ use<..>` and a nested `impl Trait` as the return type.
pub mod capture_and_nested_impl {
    #[allow(unused_imports)]
    use coro::Coroutine;
    #[allow(unused_imports)]
    use std::fmt::Debug;

    #[cfg(not(coro_native_only))]
    #[coro::coroutine]
    pub fn precise<'a, T: Copy + 'a>(
        x: &'a T,
    ) -> impl Coroutine<Yield = T, Return = ()> + use<'a, T> {
        coro::yield_!(*x);
    }

    #[cfg(not(coro_native_only))]
    #[coro::coroutine]
    pub fn nested_impl() -> impl Coroutine<Yield = u32, Return = impl Debug> {
        coro::yield_!(1);
        "done"
    }

    #[test]
    fn precise_capturing_and_nested_impl_trait() {
        #[cfg(not(coro_native_only))]
        {
            let v = 9u32;
            assert_eq!(
                coro_oracle::run(precise(&v), [(), ()]),
                [
                    "resume ()",
                    "yield 9",
                    "resume ()",
                    "complete ()",
                    "drop complete"
                ]
            );
            assert_eq!(
                coro_oracle::run(nested_impl(), [(), ()]),
                [
                    "resume ()",
                    "yield 1",
                    "resume ()",
                    "complete \"done\"",
                    "drop complete"
                ]
            );
        }
    }
}

/// An `unsafe fn` coroutine and parameter patterns.
pub mod unsafe_fn_and_param_patterns {
    #[allow(unused_imports)]
    use coro::Coroutine;

    pub struct Wrapper(pub u32);

    #[cfg(not(coro_native_only))]
    #[coro::coroutine]
    pub fn patterns(
        (a, b): (u32, u32),
        Wrapper(w): Wrapper,
        _: u32,
        mut m: u32,
    ) -> impl Coroutine<Yield = u32, Return = u32> {
        coro::yield_!(a + b);
        m += w;
        m
    }

    /// # Safety
    ///
    /// None needed.
    #[cfg(not(coro_native_only))]
    #[coro::coroutine]
    pub unsafe fn unsafe_coroutine() -> impl Coroutine<Yield = u32, Return = u32> {
        coro::yield_!(1);
        2
    }

    #[test]
    fn parameter_patterns() {
        #[cfg(not(coro_native_only))]
        assert_eq!(
            coro_oracle::run(patterns((1, 2), Wrapper(3), 4, 5), [(), ()]),
            [
                "resume ()",
                "yield 3",
                "resume ()",
                "complete 8",
                "drop complete"
            ]
        );
    }

    #[test]
    fn unsafe_fn_coroutine() {
        #[cfg(not(coro_native_only))]
        // SAFETY: `unsafe_coroutine` has no safety requirements.
        assert_eq!(
            coro_oracle::run(unsafe { unsafe_coroutine() }, [(), ()]),
            [
                "resume ()",
                "yield 1",
                "resume ()",
                "complete 2",
                "drop complete"
            ]
        );
    }
}

// ---------------------------------------------------------------------------------------
// More of what rustc accepts (batch 2)
// ---------------------------------------------------------------------------------------

twin! {
    /// A binding named only by a format width argument `{:w$}` after a yield.
    fn binding_named_only_by_a_format_width() yields[u32] returns[String] {
        let w = 5;
        yield_!(0);
        format!("[{:w$}]", 1)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "complete \"[    1]\"",
        "drop complete",
    ]
}

twin! {
    /// A binding named only by a format precision `{:.p$}` or `{:.*}` argument.
    fn binding_named_only_by_a_format_precision() yields[u32] returns[String] {
        let p = 2;
        let q = 3;
        yield_!(0);
        format!("{:.p$} {:.*}", 0.5, q, 0.25)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "complete \"0.50 0.250\"",
        "drop complete",
    ]
}

twin! {
    /// A binding named only inside a closure created after the yield.
    fn binding_named_only_in_a_later_closure() yields[u32] returns[u32] {
        let n = Noisy("n");
        yield_!(0);
        let f = move || n.0.len() as u32 + 1;
        f()
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "drop n",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// An array repeat expression `[yield_!(..); 3]`, a yield as an index, a tuple of two
    /// yields.
    fn repeat_index_and_tuple_of_yields() resume(first: u32) yields[u32] returns[u32] {
        let a = [yield_!(first); 3];
        let v = [10, 20, 30];
        let i = v[yield_!(1) as usize];
        let (x, y) = (yield_!(2), yield_!(3));
        a[0] + a[2] + i + x * y
    }
    call()
    script[1, 2, 1, 4, 5]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 1",
        "resume 1",
        "yield 2",
        "resume 4",
        "yield 3",
        "resume 5",
        "complete 44",
        "drop complete",
    ]
}

twin! {
    /// Assignment to a field of a held struct, then the struct used.
    fn assignment_to_a_field_of_a_held_struct() resume(first: u32) yields[u32] returns[u32] {
        let mut p = P { x: first };
        p.x = yield_!(p.x);
        p.x += yield_!(p.x);
        p.x
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 2",
        "resume 3",
        "complete 5",
        "drop complete",
    ]
}

twin! {
    /// Types fixed only after the yield: `Vec::new()`, `None`.
    fn types_fixed_after_the_yield() yields[u32] returns[u32] {
        let mut v = Vec::new();
        let o = None;
        yield_!(0);
        v.push(1u32);
        v.len() as u32 + o.unwrap_or(3u32)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

/// An error type for `?` with a `From` conversion.
#[derive(Debug)]
pub struct MyError(pub String);

impl From<std::num::ParseIntError> for MyError {
    fn from(e: std::num::ParseIntError) -> Self {
        MyError(e.to_string())
    }
}

twin! {
    /// `?` converting the error with `From`, on a `Result` from a yield.
    fn question_mark_with_from_conversion() resume(first: &'static str) yields[u32] returns[Result<u32, MyError>] {
        let a: u32 = first.parse()?;
        let b: u32 = yield_!(a).parse()?;
        Ok(a + b)
    }
    call()
    script["1", "x"]
    expect[
        "resume \"1\"",
        "yield 1",
        "resume \"x\"",
        "complete Err(MyError(\"invalid digit found in string\"))",
        "drop complete",
    ]
}

twin! {
    /// A panic after a yield drops the held values, latest first; resuming again panics.
    fn panic_after_a_yield_drops_held_values() resume(first: u32) yields[u32] returns[u32] {
        let a = Noisy("a");
        let b = Noisy("b");
        let v = yield_!(first);
        if v > 5 {
            panic!("boom");
        }
        log(a.0);
        log(b.0);
        v
    }
    call()
    script[1, 9, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 9",
        "drop b",
        "drop a",
        "panic boom",
        "resume 0",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

twin! {
    /// A panic inside a macro argument while a temporary is alive.
    fn panic_inside_macro_argument_with_temporary() resume(first: u32) yields[u32] returns[u32] {
        let _g = Noisy("g");
        let v = yield_!(first);
        assert_eq!(Noisy("temp").id() + v, 4, "v = {v}");
        v
    }
    call()
    script[1, 9, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 9",
        "drop temp",
        "drop g",
        "panic assertion `left == right` failed: v = 9
  left: 13
 right: 4",
        "resume 0",
        "panic coroutine resumed after panicking",
        "drop poisoned",
    ]
}

/// An iterator that logs when it is dropped.
pub struct LoudIter(pub u32);

impl Iterator for LoudIter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        self.0 += 1;
        (self.0 < 5).then_some(self.0)
    }
}

impl Drop for LoudIter {
    fn drop(&mut self) {
        log("drop iterator");
    }
}

twin! {
    /// An early `return` from a `for` loop drops the iterator before completing.
    fn return_from_for_drops_the_iterator() yields[u32] returns[u32] {
        let _g = Noisy("g");
        for x in LoudIter(0) {
            yield_!(x);
            if x == 2 {
                return x * 10;
            }
        }
        0
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "drop iterator",
        "drop g",
        "complete 20",
        "drop complete",
    ]
}

twin! {
    /// `return { yield_!(..); v }` and `break { yield_!(..); v }`.
    fn return_and_break_of_a_block_that_yields() resume(first: u32) yields[u32] returns[u32] {
        let v = loop {
            break {
                let a = yield_!(first);
                a + 1
            };
        };
        if v > 100 {
            return 0;
        }
        return {
            let b = yield_!(v);
            b + v
        };
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 3",
        "resume 3",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// `match` on a tuple of yields, arms continuing and breaking a loop.
    fn match_on_yields_with_continue_and_break() resume(first: Option<u32>) yields[u32] returns[u32] {
        let mut total = first.unwrap_or(0);
        loop {
            match (yield_!(total), total) {
                (None, _) => break,
                (Some(0), _) => continue,
                (Some(x), t) if t > 10 => {
                    total = x;
                    break;
                }
                (Some(x), _) => total += x,
            }
        }
        total
    }
    call()
    script[Some(1), Some(0), Some(5), Some(6), Some(7), None]
    expect[
        "resume Some(1)",
        "yield 1",
        "resume Some(0)",
        "yield 1",
        "resume Some(5)",
        "yield 6",
        "resume Some(6)",
        "yield 12",
        "resume Some(7)",
        "complete 7",
        "resume None",
        "panic coroutine resumed after completion",
        "drop complete",
    ]
}

twin! {
    /// A struct with `Drop` declared in the body, used as a guard across yields.
    fn body_local_drop_type_as_guard() yields[u32] returns[u32] {
        struct Guard(&'static str);
        impl Drop for Guard {
            fn drop(&mut self) {
                log(format!("guard {}", self.0));
            }
        }
        let _g = Guard("outer");
        {
            let _h = Guard("inner");
            yield_!(1);
        }
        yield_!(2);
        3
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "guard inner",
        "yield 2",
        "resume ()",
        "guard outer",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Shadowing across a `match` scrutinee and arm (`match x { x => .. }`), and a `for`
    /// pattern hiding an outer binding named in a format string.
    fn shadowing_in_scrutinee_arm_and_for_pattern() resume(first: u32) yields[u32] returns[String] {
        let x = first;
        let a = match x + 1 {
            x => {
                yield_!(x);
                x * 2
            }
        };
        let mut s = String::new();
        for x in 0..2u32 {
            yield_!(x);
            s += &format!("{x},");
        }
        format!("{s} {a} {x}")
    }
    call()
    script[1, 0, 0, 0]
    expect[
        "resume 1",
        "yield 2",
        "resume 0",
        "yield 0",
        "resume 0",
        "yield 1",
        "resume 0",
        "complete \"0,1, 4 1\"",
        "drop complete",
    ]
}

twin! {
    /// A `while let` popping a held vector, with a labelled `continue` from a yield-free
    /// arm.
    fn while_let_pop_with_labelled_continue() yields[u32] returns[u32] {
        let mut v = vec![1u32, 2, 3, 4];
        let mut odd = 0;
        'pop: while let Some(x) = v.pop() {
            match x % 2 {
                0 => {
                    yield_!(x);
                }
                _ => {
                    odd += 1;
                    continue 'pop;
                }
            }
            log(format!("after {x}"));
        }
        odd
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 4",
        "resume ()",
        "after 4",
        "yield 2",
        "resume ()",
        "after 2",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// `Option::map` with a closure capturing a held value, after a yield; `mem::take` of
    /// a held value.
    fn closure_over_held_value_and_mem_take() resume(first: u32) yields[u32] returns[u32] {
        let mut s = String::from("abc");
        let k = yield_!(first);
        let m = Some(k).map(|v| v + s.len() as u32).unwrap_or(0);
        let t = std::mem::take(&mut s);
        yield_!(m);
        t.len() as u32 + s.len() as u32
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 5",
        "resume 3",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// Nested labelled loops where the inner loop's label is used from a yield-free
    /// branch after a yield in the outer loop.
    fn nested_labels_after_outer_yield() yields[u32] returns[u32] {
        let mut n = 0;
        'a: loop {
            n += 1;
            yield_!(n);
            'b: loop {
                if n % 2 == 0 {
                    break 'b;
                }
                if n > 4 {
                    break 'a;
                }
                continue 'a;
            }
            log(format!("even {n}"));
        }
        n
    }
    call()
    script[(), (), (), (), (), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 2",
        "resume ()",
        "even 2",
        "yield 3",
        "resume ()",
        "yield 4",
        "resume ()",
        "even 4",
        "yield 5",
        "resume ()",
        "complete 5",
        "drop complete",
    ]
}

twin! {
    /// A binding moved away and a same-named one declared before the yield.
    fn moved_then_redeclared_same_block() yields[u32] returns[u32] {
        let x = Noisy("first");
        drop(x);
        let x = Noisy("second");
        yield_!(1);
        x.id()
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "drop first",
        "yield 1",
        "resume ()",
        "drop second",
        "complete 6",
        "drop complete",
    ]
}

twin! {
    /// Deferred initialisation of a binding held across a yield.
    fn deferred_initialisation_held_across_a_yield() resume(first: u32) yields[u32] returns[u32] {
        let n: Noisy;
        let k: u32;
        yield_!(first);
        n = Noisy("late");
        k = yield_!(1);
        n.id() + k
    }
    call()
    script[1, 2, 3]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "yield 1",
        "resume 3",
        "drop late",
        "complete 7",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// Batch 3: items, macros, drop order when dropped while suspended
// ---------------------------------------------------------------------------------------

/// A module-level type that a coroutine body gives an inherent `impl` inside a loop.
pub struct Outer;

twin! {
    /// An `impl` of a module-level type in a yield-free block inside a loop that yields:
    /// one `impl` natively.
    fn impl_block_in_loop_plain_block() yields[u32] returns[u32] {
        let mut i = 0;
        while i < 2 {
            i += 1;
            // A type of its own in each half of the twin (an `impl` of a shared type would
            // be two impls of one type in this crate).
            let v = {
                struct Local;
                impl Local {
                    fn seven(&self) -> u32 {
                        7
                    }
                }
                Local.seven()
            };
        yield_!(v + i);
        }
        i
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 8",
        "resume ()",
        "yield 9",
        "resume ()",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A user item named like the generated state enum, declared in the body.
    fn user_enum_named_like_state_enum_in_body() yields[u32] returns[u32] {
        #[allow(non_camel_case_types)]
        enum __CoroutineState {
            A(u32),
        }
        let __CoroutineState::A(v) = __CoroutineState::A(3);
        yield_!(v);
        v
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 3",
        "resume ()",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// `?` inside `matches!` with a guard (its arguments are not a list of expressions).
    fn question_mark_inside_matches_guard() resume(first: Option<u32>) yields[u32] returns[Option<bool>] {
        let v = yield_!(1);
        let limit: Option<u32> = first;
        Some(matches!(v, Some(n) if n > limit?))
    }
    call()
    script[None, Some(3)]
    expect[
        "resume None",
        "yield 1",
        "resume Some(3)",
        "complete None",
        "drop complete",
    ]
}

twin! {
    /// A macro in type position for a binding held across a yield.
    fn macro_in_type_position() resume(first: u32) yields[u32] returns[u32] {
        macro_rules! int {
            () => {
                u32
            };
        }
        let v: int!() = first;
        yield_!(v);
        v
    }
    call()
    script[1, 2]
    expect[
        "resume 1",
        "yield 1",
        "resume 2",
        "complete 1",
        "drop complete",
    ]
}

/// Two fields whose declaration order differs from the binding order of a pattern.
pub struct Two2 {
    pub first: Noisy,
    pub second: Noisy,
}

twin! {
    /// Dropped while suspended: values bound by one tuple pattern, by one struct pattern
    /// (bindings in another order than the fields), a shadowed binding and the hiding
    /// one, a `for` loop's iterator and item.
    fn dropped_while_suspended_drop_order() yields[u32] returns[u32] {
        let (a, b) = (Noisy("a"), Noisy("b"));
        let Two2 { second, first } = Two2 {
            first: Noisy("first"),
            second: Noisy("second"),
        };
        let x = Noisy("x outer");
        {
            let x = Noisy("x inner");
            for item in [Noisy("item 1"), Noisy("item 2")] {
                yield_!(1);
                log(item.0);
            }
            log(x.0);
        }
        log(a.0);
        log(b.0);
        log(first.0);
        log(second.0);
        log(x.0);
        0
    }
    call()
    script[()]
    expect[
        "resume ()",
        "yield 1",
        "drop suspended",
        "drop item 1",
        "drop item 2",
        "drop x inner",
        "drop x outer",
        "drop first",
        "drop second",
        "drop b",
        "drop a",
    ]
}

twin! {
    /// Dropped while suspended inside nested blocks and a labelled block, with guards
    /// never named (`let _g`).
    fn dropped_while_suspended_nested_guards() yields[u32] returns[u32] {
        let _g1 = Noisy("g1");
        'blk: {
            let _g2 = Noisy("g2");
            {
                let _g3 = Noisy("g3");
                yield_!(1);
                break 'blk;
            }
        }
        yield_!(2);
        0
    }
    call()
    script[()]
    expect[
        "resume ()",
        "yield 1",
        "drop suspended",
        "drop g3",
        "drop g2",
        "drop g1",
    ]
}

twin! {
    /// An owned `String` resume argument, moved into a binding and extended.
    fn a_resume_type_that_is_a_string() resume(first: String) yields[usize] returns[String] {
        let mut all = first;
        let next = yield_!(all.len());
        all.push_str(&next);
        all
    }
    call()
    script[String::from("ab"), String::from("cd")]
    expect[
        "resume \"ab\"",
        "yield 2",
        "resume \"cd\"",
        "complete \"abcd\"",
        "drop complete",
    ]
}

// Bindings that hide another of their name, as the text a macro makes of them sees them
// (issue 11, second adversarial round: G1 to G3).

macro_rules! as_ty {
    ($k:ident : $t:ty) => {
        $k as $t
    };
}

macro_rules! kind_of {
    (x) => {
        1u32
    };
    ($e:expr) => {
        2u32
    };
}

twin! {
    /// A second binding hiding `x`, read by a macro through `$k:ident : $t:ty`: the
    /// macro's `x` is the innermost, though three `x`s are held at one yield.
    fn second_hiding_binding_read_by_a_macro() yields[u32] returns[u32] {
        let x = 1u32;
        let y = {
            let x = 2u32;
            yield_!(x);
            let z = {
                let x = 3u32;
                yield_!(x);
                as_ty!(x: u32)
            };
            z * 10 + x
        };
        y * 10 + x
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "complete 321",
        "drop complete",
    ]
}

twin! {
    /// A `for` pattern and an `if let` that hide an outer `x`, the second read by a macro.
    fn for_pattern_and_if_let_hiding_one_name() yields[u32] returns[u32] {
        let x = 100u32;
        let mut acc = 0u32;
        for x in 0..2u32 {
            yield_!(x);
            acc += x;
        }
        if let Some(x) = Some(x + 5) {
            yield_!(x);
            acc += as_ty!(x: u32);
        }
        acc + x
    }
    call()
    script[(), (), (), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "yield 1",
        "resume ()",
        "yield 105",
        "resume ()",
        "complete 206",
        "drop complete",
    ]
}

twin! {
    /// A macro rule that matches `x` literally sees the third binding of `x` as `x`.
    fn macro_rule_matching_a_hiding_binding() yields[u32] returns[u32] {
        let x = 5u32;
        let x = x + 1;
        yield_!(x);
        let x = x * 2;
        yield_!(x);
        kind_of!(x) * 100 + x
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 6",
        "resume ()",
        "yield 12",
        "resume ()",
        "complete 112",
        "drop complete",
    ]
}

twin! {
    /// A format string naming a hiding binding and another local, and a macro rule
    /// matching the hiding binding's name.
    fn format_string_naming_a_hiding_binding_and_another_local() yields[u32] returns[String] {
        let x = 5u32;
        let y = 7u32;
        let x = x + 1;
        yield_!(x);
        let shown = format!("{x} {y} {}", stringify!(x));
        format!("{shown} {}", kind_of!(x) * 100 + x)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 6",
        "resume ()",
        "complete \"6 7 x 106\"",
        "drop complete",
    ]
}

twin! {
    /// A plain string that looks like a format string keeps its text.
    fn string_spelling_a_hiding_binding() yields[u32] returns[String] {
        let x = 1u32;
        let x = x + 1;
        yield_!(x);
        let x = x + 1;
        yield_!(x);
        let v = vec!["{x}"];
        format!("{} {} {x}", "{x}", v[0])
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "yield 3",
        "resume ()",
        "complete \"{x} {x} 3\"",
        "drop complete",
    ]
}

twin! {
    /// Two resume arguments borrowed in one statement are two temporaries, dropped in the
    /// reverse order of their making at the end of the statement (the second used to be
    /// dropped first only by chance of the order of two locals; a field of one read and a
    /// comparison with one).
    fn borrowed_resume_arguments_of_one_statement_drop_in_reverse() resume(first: Noisy) yields[u32] returns[usize] {
        fn len(n: &Noisy, extra: usize) -> usize {
            log(format!("len {}", n.0));
            n.0.len() + extra
        }
        let x = len(&yield_!(1), 1) + len(&yield_!(2), 2);
        log("after");
        let same = (&yield_!(3)).0 == "c";
        log(format!("same {same}"));
        drop(first);
        x
    }
    call()
    script[Noisy("a"), Noisy("bb"), Noisy("ccc"), Noisy("c")]
    expect[
        "resume Noisy(\"a\")",
        "yield 1",
        "resume Noisy(\"bb\")",
        "len bb",
        "yield 2",
        "resume Noisy(\"ccc\")",
        "len ccc",
        "drop ccc",
        "drop bb",
        "after",
        "yield 3",
        "resume Noisy(\"c\")",
        "drop c",
        "same true",
        "drop a",
        "complete 8",
        "drop complete",
    ]
}

twin! {
    /// A condition is a scope of its own: the resume argument it reads is dropped before
    /// the branch runs, also when the branch yields (review round 8, H3: dropped after the
    /// branch, or with the coroutine, before).
    fn condition_drops_its_resume_argument_before_the_branch() resume(first: Noisy) yields[u32] returns[u32] {
        let mut hits = 0;
        for i in 0..2 {
            if yield_!(i).0.len() > 2 {
                log("then");
                hits += yield_!(10).0.len() as u32;
            }
        }
        while yield_!(20).0.len() > 2 {
            log("body");
        }
        drop(first);
        hits
    }
    call()
    script[Noisy("a"), Noisy("b"), Noisy("long"), Noisy("yy"), Noisy("more"), Noisy("z")]
    expect[
        "resume Noisy(\"a\")",
        "yield 0",
        "resume Noisy(\"b\")",
        "drop b",
        "yield 1",
        "resume Noisy(\"long\")",
        "drop long",
        "then",
        "yield 10",
        "resume Noisy(\"yy\")",
        "drop yy",
        "yield 20",
        "resume Noisy(\"more\")",
        "drop more",
        "body",
        "yield 20",
        "resume Noisy(\"z\")",
        "drop z",
        "drop a",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A temporary a condition keeps across its own yield (a method's receiver) is dropped
    /// at the end of the condition, before the branch (review round 8, H1: after it, so a
    /// `RefCell` guard there made the branch's `borrow_mut` panic).
    static fn condition_drops_a_receiver_kept_across_its_yield() resume(first: u32) yields[u32] returns[u32] {
        let cell: &'static std::cell::RefCell<Vec<u32>> =
            Box::leak(Box::new(std::cell::RefCell::new(vec![1, 2, first])));
        if cell.borrow()[yield_!(0) as usize] > 1 {
            cell.borrow_mut().push(9);
            log("pushed");
        }
        if Noisy("c").below(yield_!(1), 10).is_some() && { log("rhs"); true } {
            log("then");
        }
        let n = cell.borrow().len() as u32;
        n
    }
    call()
    script[5, 1, 7]
    expect[
        "resume 5",
        "yield 0",
        "resume 1",
        "pushed",
        "yield 1",
        "resume 7",
        "drop c",
        "rhs",
        "then",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// The type a `let` writes coerces the branches of its value when the value's
    /// condition or scrutinee yields (review round 8, H5: E0308 before, the value was
    /// passed on without the type).
    fn typed_let_coerces_the_branches_of_a_yielding_condition() resume(first: u32) yields[u32] returns[usize] {
        let s: &[u32] = if yield_!(first) > 3 { &[1, 2, 3] } else { &[4] };
        let d: &dyn std::fmt::Debug = match yield_!(1) {
            0 => &"zero",
            _ => &7u8,
        };
        log(format!("{d:?}"));
        s.len()
    }
    call()
    script[0, 5, 0]
    expect[
        "resume 0",
        "yield 0",
        "resume 5",
        "yield 1",
        "resume 0",
        "\"zero\"",
        "complete 3",
        "drop complete",
    ]
}

twin! {
    /// A `ref` binding has nothing to drop: one no code after a yield reads is not held
    /// across it (review round 8, H4: held until the end of its block, and rejected,
    /// E0716, where it borrowed a temporary).
    fn ref_binding_not_read_after_a_yield_is_not_held() yields[u32] returns[u32] {
        let mut n = 0;
        match (Noisy("m1"), 5u32) {
            (x, ref y) => {
                n += *y;
                yield_!(0);
                drop(x);
            }
        }
        n
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 0",
        "resume ()",
        "drop m1",
        "complete 5",
        "drop complete",
    ]
}

twin! {
    /// `dbg!` moves every argument, not only its first (review round 11: `a`, moved by
    /// `dbg!(n, a)`, was held across the yield and the save rejected, E0382).
    fn dbg_moves_every_argument() resume(first: u32) yields[u32] returns[u32] {
        let a = Noisy("a");
        let (k, d) = dbg!(first, a);
        yield_!(k);
        log("after");
        drop(d);
        k
    }
    call()
    script[4, 0]
    expect[
        "resume 4",
        "yield 4",
        "resume 0",
        "after",
        "drop a",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// `BufRead::lines` takes its reader by value (review round 11, H5: `lines`, `split`,
    /// `bytes` and `last` were read as methods that only borrow, so the reader was held
    /// across the yield after being moved, E0382).
    fn reader_consumed_by_lines_before_a_yield() yields[u32] returns[u32] {
        use std::io::BufRead;
        let reader = std::io::Cursor::new(b"ab\ncd\n".to_vec());
        let count = reader.lines().count() as u32;
        yield_!(count);
        let words = vec![Noisy("x"), Noisy("yy")].into_iter();
        let last = words.last().map_or(0, |w| w.0.len() as u32);
        yield_!(last);
        count + last
    }
    call()
    script[(), (), ()]
    expect[
        "resume ()",
        "yield 2",
        "resume ()",
        "drop x",
        "drop yy",
        "yield 2",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// A binding moved only on a branch that does not lead to a yield is held across it
    /// and dropped at the end of its block, as rustc does (it was dropped at the
    /// suspension: liveness asked whether any mention anywhere could move it).
    fn binding_moved_on_another_branch_is_held() resume(first: u32) yields[u32] returns[u32] {
        let d = Noisy("d");
        if first > 10 {
            drop(d);
            return 0;
        } else {
            yield_!(1);
            log("resumed");
        }
        2
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 0",
        "resumed",
        "drop d",
        "complete 2",
        "drop complete",
    ]
}

/// A type of the module that a macro of the module names (review round 11, H3).
pub struct Wr(u32);

impl Wr {
    pub fn v(&self) -> u32 {
        self.0 + 300
    }
}

macro_rules! make_wr {
    ($e:expr) => {
        Wr($e).v()
    };
}

twin! {
    /// A type of an inner block with a yield is declared once for the whole function, under
    /// a name of its own when a macro is called outside the block: the macro's `Wr` is the
    /// module's (review round 11, H3: the moved inner type was found, 400 where rustc
    /// computes 301).
    fn inner_type_not_found_by_a_macro_outside() yields[u32] returns[u32] {
        let inner = {
            struct Wr(u32);
            impl Wr {
                fn v(&self) -> u32 {
                    self.0
                }
            }
            yield_!(Wr(1).v());
            Wr(0).v()
        };
        make_wr!(1) + inner
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 301",
        "drop complete",
    ]
}

/// A static of the module that a macro of the module reads (review round 12, D1).
pub static COUNTED: u32 = 1000;

macro_rules! counted {
    () => {
        COUNTED
    };
}

macro_rules! same {
    ($e:expr) => {
        $e
    };
}

twin! {
    /// A macro called outside an inner block no longer renames the block's hoisted items
    /// when a macro is called inside it too: the inner `counted!()` reads the block's own
    /// `COUNTED` (review round 12, D1: the module's, 1000, where rustc reads 5).
    fn inner_static_read_by_a_macro_inside_its_block() yields[u32] returns[u32] {
        let a = {
            static COUNTED: u32 = 5;
            yield_!(1);
            counted!()
        };
        same!(a)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 5",
        "drop complete",
    ]
}

/// Logs, takes a `Noisy` and fails: a match guard that moves a local.
pub fn eat(d: Noisy) -> bool {
    log(format!("eat {}", d.0));
    false
}

twin! {
    /// A local a failing match guard moves is not held across a yield in a later arm
    /// (review round 12, B1: held, and the save rejected, E0382).
    fn local_moved_by_a_failing_guard_is_not_held() resume(first: u32) yields[u32] returns[u32] {
        let a = Noisy("a");
        match first {
            3 if eat(a) => 1,
            _ => yield_!(1),
        }
    }
    call()
    script[3, 2]
    expect[
        "resume 3",
        "eat a",
        "drop a",
        "yield 1",
        "resume 2",
        "complete 2",
        "drop complete",
    ]
}

twin! {
    /// A renamed inner type is renamed in a `let` pattern too (review round 12, D2:
    /// `let Z(k) = w;` kept the old name, E0531).
    fn renamed_inner_type_in_a_let_pattern() yields[u32] returns[u32] {
        let a = {
            struct Z(u32);
            let w = Z(7);
            yield_!(w.0);
            let Z(k) = w;
            k
        };
        same!(a)
    }
    call()
    script[(), ()]
    expect[
        "resume ()",
        "yield 7",
        "resume ()",
        "complete 7",
        "drop complete",
    ]
}

/// An enum of the module, its variants imported by a glob in a block with a yield.
#[derive(Clone, Copy, Debug)]
pub enum Light {
    Red,
    Green,
}

twin! {
    /// `use Light::*` in a block with a yield: the variants are read as rustc reads them
    /// (the glob of a type brings in UpperCamelCase names only, which no binding of this
    /// body has).
    fn glob_of_module_enum_variants_in_a_yielding_block(n: u32) yields[u32] returns[u32] {
        let light = if n > 2 { Light::Red } else { Light::Green };
        let r = {
            use super::Light::*;
            match light {
                Red => {
                    yield_!(n);
                    1
                }
                Green => 7,
            }
        };
        r + n
    }
    call(3)
    script[(), ()]
    expect[
        "resume ()",
        "yield 3",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

twin! {
    /// `use Inner::*` of an enum the block declares: its variants are known names, and the
    /// `use` follows the enum when it is renamed (`same!` is called outside the block).
    fn glob_of_inner_enum_variants_in_a_yielding_block(n: u32) yields[u32] returns[u32] {
        let r = {
            #[derive(Clone, Copy)]
            enum Inner {
                Up,
                Down,
            }
            use Inner::*;
            let step = if n > 2 { Up } else { Down };
            yield_!(1);
            match step {
                Up => n + 1,
                Down => n - 1,
            }
        };
        same!(r)
    }
    call(3)
    script[(), ()]
    expect[
        "resume ()",
        "yield 1",
        "resume ()",
        "complete 4",
        "drop complete",
    ]
}

// ---------------------------------------------------------------------------------------
// Review round 13: operands that stay in place while a later operand writes them
// ---------------------------------------------------------------------------------------

twin! {
    /// A comparison's left operand that the right operand assigns is read before it, as
    /// rustc reads (copies) a built-in comparison's operand (review round 13, S1: coro
    /// compared the new value, 5 where rustc computes 15).
    fn comparison_operand_written_by_the_right_is_read_first() resume(x: u32) yields[u32] returns[u32] {
        let mut k = 1u32;
        let eq = k == {
            k = 5;
            yield_!(x)
        };
        eq as u32 * 10 + k
    }
    call()
    script[1, 1]
    expect[
        "resume 1",
        "yield 1",
        "resume 1",
        "complete 15",
        "drop complete",
    ]
}

twin! {
    /// A change detector: `last != { last = yield_!(last); last }` compares the value
    /// before the resume with the value after it.
    fn change_detector_compares_the_old_value() resume(x: u32) yields[u32] returns[u32] {
        let mut last = x + 3;
        let mut changed = 0u32;
        for _ in 0..3 {
            if last != {
                last = yield_!(last);
                last
            } {
                changed += 1;
            }
        }
        changed
    }
    call()
    script[0, 3, 4, 4]
    expect[
        "resume 0",
        "yield 3",
        "resume 3",
        "yield 3",
        "resume 4",
        "yield 4",
        "resume 4",
        "complete 1",
        "drop complete",
    ]
}

twin! {
    /// A `while` condition whose right operand increments the left one.
    fn while_condition_operand_incremented_by_the_right() resume(x: u32) yields[u32] returns[u32] {
        let mut count = x;
        let mut rounds = 0u32;
        while count < {
            count += 1;
            yield_!(count)
        } {
            rounds += 1;
        }
        rounds * 100 + count
    }
    call()
    script[0, 1, 5, 1]
    expect[
        "resume 0",
        "yield 1",
        "resume 1",
        "yield 2",
        "resume 5",
        "yield 3",
        "resume 1",
        "complete 203",
        "drop complete",
    ]
}

twin! {
    /// An indexed place whose index the right operand changes, and a field the right
    /// operand assigns: both read before it.
    fn indexed_and_field_operands_written_by_the_right() resume(x: u32) yields[u32] returns[u32] {
        let arr = [10u32, 20, 30];
        let mut i = 0usize;
        let first = arr[i] == {
            i = 2;
            yield_!(x)
        };
        let mut p = (4u32, 0u32);
        let second = p.0 == {
            p.0 = 7;
            yield_!(p.0)
        };
        first as u32 * 100 + second as u32 * 10 + i as u32 + p.0
    }
    call()
    script[1, 10, 4]
    expect[
        "resume 1",
        "yield 1",
        "resume 10",
        "yield 7",
        "resume 4",
        "complete 119",
        "drop complete",
    ]
}

twin! {
    /// A built-in index reads its base after the index, so a base the index writes is
    /// read as written (the rule above does not apply to it).
    fn indexed_base_written_by_the_index_is_read_after() resume(x: u32) yields[u32] returns[u32] {
        let mut arr = [1u32, 2, 3];
        let v = arr[{
            arr[0] = 9;
            yield_!(x) as usize
        }];
        v
    }
    call()
    script[1, 0]
    expect[
        "resume 1",
        "yield 1",
        "resume 0",
        "complete 9",
        "drop complete",
    ]
}

fn add_one(a: u32) -> u32 {
    log(format!("add_one {a}"));
    a + 1
}

fn twice(a: u32) -> u32 {
    log(format!("twice {a}"));
    a * 2
}

twin! {
    /// A callee that the arguments reassign is the one before (review round 13, S2: coro
    /// called the new one).
    fn callee_reassigned_by_its_arguments_is_the_old_one() resume(x: u32) yields[u32] returns[u32] {
        let mut f: fn(u32) -> u32 = add_one;
        let mut fs: (fn(u32) -> u32, u32) = (add_one, 0);
        let r = f({
            f = twice;
            yield_!(x)
        });
        let s = (fs.0)({
            fs.0 = twice;
            yield_!(r)
        });
        r + s + f(0) + (fs.0)(0)
    }
    call()
    script[1, 10, 20]
    expect[
        "resume 1",
        "yield 1",
        "resume 10",
        "add_one 10",
        "yield 11",
        "resume 20",
        "add_one 20",
        "twice 0",
        "twice 0",
        "complete 32",
        "drop complete",
    ]
}
