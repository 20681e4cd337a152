//! rustc's own coroutine tests, ported to `coro::coro!` (issue 16).
//!
//! Each module is one test of `tests/ui/coroutine/` in rust-lang/rust (run-pass, and a few
//! check-pass and build-pass ones), ported mechanically and nothing more: `#[coroutine]
//! |..| {..}` (or the older bare `|..| {..}` with a `yield`) becomes `coro::coro!(|..|
//! {..})`, `Pin::new(&mut g).resume(a)` becomes `g.resume(a)`, `std::ops::{Coroutine,
//! CoroutineState}` becomes `coro::{Coroutine, CoroutineState}`, the `#![feature]` lines and
//! test directives go, and `fn main` becomes a `#[test]`. The lints rustc's versions allow
//! or expect (an unused coroutine, `drop` of a `Copy` value) are allowed for the file.
//! Other `Pin` code (`Box::pin(g).as_mut().resume(..)`, `Pin::new(gen)` in a helper) is
//! kept as written: a pinned `coro` coroutine is a coroutine.
//!
//! A port whose behaviour differs from rustc's is `#[ignore]`d with the reason; a port that
//! does not compile lives in `tests/rustc_coroutine/` as a whole program, and an ignored
//! test here compiles and runs it with trybuild (`cargo test --test rustc_coroutine --
//! --ignored` shows what still fails). Where a small rewrite makes the test pass, the
//! rewritten version is a second module, `*_rewritten`, whose comments mark the rewrite.
//! The tally is in `docs/function-like.md`, "rustc's own tests".
//!
//! The test programs are from the Rust project (<https://github.com/rust-lang/rust>);
//! copyrights in the Rust project are retained by their contributors, and the project is
//! dual-licensed under the Apache License, Version 2.0, and the MIT license, as this crate
//! is.
#![allow(
    unused_must_use,
    unused_variables,
    unused_assignments,
    unused_unsafe,
    dead_code,
    dropping_copy_types,
    dropping_references,
    unreachable_code,
    clippy::all
)]

/// Compiles and runs one port that does not compile yet (a whole program).
fn pending(file: &str) {
    trybuild::TestCases::new().pass(format!("tests/rustc_coroutine/{file}"));
}

/// `smoke.rs`.
mod smoke {
    use coro::{Coroutine, CoroutineState};
    use std::thread;

    #[test]
    fn simple() {
        let mut foo = coro::coro!(|| {
            if false {
                yield;
            }
        });

        match foo.resume(()) {
            CoroutineState::Complete(()) => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn return_capture() {
        let a = String::from("foo");
        let mut foo = coro::coro!(|| {
            if false {
                yield;
            }
            a
        });

        match foo.resume(()) {
            CoroutineState::Complete(ref s) if *s == "foo" => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn simple_yield() {
        let mut foo = coro::coro!(|| {
            yield;
        });

        match foo.resume(()) {
            CoroutineState::Yielded(()) => {}
            s => panic!("bad state: {:?}", s),
        }
        match foo.resume(()) {
            CoroutineState::Complete(()) => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn yield_capture() {
        let b = String::from("foo");
        let mut foo = coro::coro!(|| {
            yield b;
        });

        match foo.resume(()) {
            CoroutineState::Yielded(ref s) if *s == "foo" => {}
            s => panic!("bad state: {:?}", s),
        }
        match foo.resume(()) {
            CoroutineState::Complete(()) => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn simple_yield_value() {
        let mut foo = coro::coro!(|| {
            yield String::from("bar");
            return String::from("foo");
        });

        match foo.resume(()) {
            CoroutineState::Yielded(ref s) if *s == "bar" => {}
            s => panic!("bad state: {:?}", s),
        }
        match foo.resume(()) {
            CoroutineState::Complete(ref s) if *s == "foo" => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn return_after_yield() {
        let a = String::from("foo");
        let mut foo = coro::coro!(|| {
            yield;
            return a;
        });

        match foo.resume(()) {
            CoroutineState::Yielded(()) => {}
            s => panic!("bad state: {:?}", s),
        }
        match foo.resume(()) {
            CoroutineState::Complete(ref s) if *s == "foo" => {}
            s => panic!("bad state: {:?}", s),
        }
    }

    #[test]
    fn send_and_sync() {
        assert_send_sync(coro::coro!(|| { yield }));
        assert_send_sync(coro::coro!(|| {
            yield String::from("foo");
        }));
        assert_send_sync(coro::coro!(|| {
            yield;
            return String::from("foo");
        }));
        let a = 3;
        assert_send_sync(coro::coro!(|| {
            yield a;
            return;
        }));
        let a = 3;
        assert_send_sync(coro::coro!(move || {
            yield a;
            return;
        }));
        let a = String::from("a");
        assert_send_sync(coro::coro!(|| {
            yield;
            drop(a);
            return;
        }));
        let a = String::from("a");
        assert_send_sync(coro::coro!(move || {
            yield;
            drop(a);
            return;
        }));

        fn assert_send_sync<T: Send + Sync>(_: T) {}
    }

    #[test]
    fn send_over_threads() {
        let mut foo = coro::coro!(|| { yield });
        thread::spawn(move || {
            match foo.resume(()) {
                CoroutineState::Yielded(()) => {}
                s => panic!("bad state: {:?}", s),
            }
            match foo.resume(()) {
                CoroutineState::Complete(()) => {}
                s => panic!("bad state: {:?}", s),
            }
        })
        .join()
        .unwrap();

        let a = String::from("a");
        let mut foo = coro::coro!(|| { yield a });
        thread::spawn(move || {
            match foo.resume(()) {
                CoroutineState::Yielded(ref s) if *s == "a" => {}
                s => panic!("bad state: {:?}", s),
            }
            match foo.resume(()) {
                CoroutineState::Complete(()) => {}
                s => panic!("bad state: {:?}", s),
            }
        })
        .join()
        .unwrap();
    }
}

/// `drop-env.rs`.
mod drop_env {
    use coro::Coroutine;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static A: AtomicUsize = AtomicUsize::new(0);

    struct B;

    impl Drop for B {
        fn drop(&mut self) {
            A.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn main() {
        t1();
        t2();
        t3();
    }

    fn t1() {
        let b = B;
        let mut foo = coro::coro!(|| {
            ().yield;
            drop(b);
        });

        let n = A.load(Ordering::SeqCst);
        drop(foo.resume(()));
        assert_eq!(A.load(Ordering::SeqCst), n);
        drop(foo);
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
    }

    fn t2() {
        let b = B;
        let mut foo = coro::coro!(|| {
            b.yield;
        });

        let n = A.load(Ordering::SeqCst);
        drop(foo.resume(()));
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
        drop(foo);
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
    }

    fn t3() {
        let b = B;
        let foo = coro::coro!(|| {
            ().yield;
            drop(b);
        });

        let n = A.load(Ordering::SeqCst);
        assert_eq!(A.load(Ordering::SeqCst), n);
        drop(foo);
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
    }
}

/// `conditional-drop.rs`.
mod conditional_drop {
    use coro::Coroutine;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static A: AtomicUsize = AtomicUsize::new(0);

    struct B;

    impl Drop for B {
        fn drop(&mut self) {
            A.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn test() -> bool {
        true
    }
    fn test2() -> bool {
        false
    }

    #[test]
    #[ignore = "drop timing: `drop(b)` may move `b`, so coro does not hold it across the \
                yield and drops it at the suspension when the branch did not run; rustc \
                keeps it to the end of the body (docs/function-like.md, \"When a binding is \
                dropped\")"]
    fn main() {
        t1();
        t2();
    }

    fn t1() {
        let mut a = coro::coro!(|| {
            let b = B;
            if test() {
                drop(b);
            }
            yield;
        });

        let n = A.load(Ordering::SeqCst);
        a.resume(());
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
        a.resume(());
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
    }

    fn t2() {
        let mut a = coro::coro!(|| {
            let b = B;
            if test2() {
                drop(b);
            }
            yield;
        });

        let n = A.load(Ordering::SeqCst);
        a.resume(());
        assert_eq!(A.load(Ordering::SeqCst), n);
        a.resume(());
        assert_eq!(A.load(Ordering::SeqCst), n + 1);
    }
}

/// `resume-live-across-yield.rs`.
mod resume_live_across_yield {
    use coro::{Coroutine, CoroutineState};
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static DROP: AtomicUsize = AtomicUsize::new(0);

    #[derive(PartialEq, Eq, Debug)]
    struct Dropper(String);

    impl Drop for Dropper {
        fn drop(&mut self) {
            DROP.fetch_add(1, Ordering::SeqCst);
        }
    }

    // Passes since liveness asks whether a move may have happened on the way to the yield
    // (`_d`'s tail use comes after it): the first argument is held to the assignment.
    #[test]
    fn main() {
        let mut g = coro::coro!(|mut _d| {
            _d = yield;
            _d
        });

        let mut g = Pin::new(&mut g);

        assert_eq!(
            g.as_mut().resume(Dropper(String::from("Hello world!"))),
            CoroutineState::Yielded(())
        );
        assert_eq!(DROP.load(Ordering::Acquire), 0);
        match g.as_mut().resume(Dropper(String::from("Number Two"))) {
            CoroutineState::Complete(dropper) => {
                assert_eq!(DROP.load(Ordering::Acquire), 1);
                assert_eq!(dropper.0, "Number Two");
                drop(dropper);
                assert_eq!(DROP.load(Ordering::Acquire), 2);
            }
            _ => unreachable!(),
        }

        drop(g);
        assert_eq!(DROP.load(Ordering::Acquire), 2);
    }
}

/// `iterator-count.rs`.
mod iterator_count {
    use coro::{Coroutine, CoroutineState};

    struct W<T>(T);

    // This impl isn't safe in general, but the coroutine used in this test is movable
    // so it won't cause problems.
    impl<T: Coroutine<(), Return = ()> + Unpin> Iterator for W<T> {
        type Item = T::Yield;

        fn next(&mut self) -> Option<Self::Item> {
            match self.0.resume(()) {
                CoroutineState::Complete(..) => None,
                CoroutineState::Yielded(v) => Some(v),
            }
        }
    }

    fn test() -> impl Coroutine<(), Return = (), Yield = u8> + Unpin {
        coro::coro!(|| {
            for i in 1..6 {
                i.yield
            }
        })
    }

    #[test]
    fn main() {
        let end = 11;

        let closure_test = |start| {
            coro::coro!(move || {
                for i in start..end {
                    i.yield
                }
            })
        };

        assert!(W(test()).chain(W(closure_test(6))).eq(1..11));
    }
}

/// `control-flow.rs`.
mod control_flow {
    use coro::{Coroutine, CoroutineState};

    fn finish<T>(mut amt: usize, mut t: T) -> T::Return
    where
        T: Coroutine<(), Yield = ()> + Unpin,
    {
        loop {
            match t.resume(()) {
                CoroutineState::Yielded(()) => amt = amt.checked_sub(1).unwrap(),
                CoroutineState::Complete(ret) => {
                    assert_eq!(amt, 0);
                    return ret;
                }
            }
        }
    }

    #[test]
    fn main() {
        finish(1, coro::coro!(|| yield));
        finish(
            8,
            coro::coro!(|| {
                for _ in 0..8 {
                    yield;
                }
            }),
        );
        finish(
            1,
            coro::coro!(|| {
                if true {
                    yield;
                } else {
                }
            }),
        );
        finish(
            1,
            coro::coro!(|| {
                if false {
                } else {
                    yield;
                }
            }),
        );
        finish(
            2,
            coro::coro!(|| {
                if {
                    yield;
                    false
                } {
                    yield;
                    panic!()
                }
                yield
            }),
        );
    }
}

/// `addassign-yield.rs` (a yield inside the place of `*place += value`).
#[test]
#[ignore = "does not compile: a yield inside the place of a compound assignment \
            (`*{ ().yield; x } += ..`) is rejected, and `&mut 0` held across a yield is a \
            borrow of the coroutine's own temporary (rustc's test uses `static`)"]
fn addassign_yield() {
    pending("addassign-yield.rs");
}

/// `drop-track-addassign-yield.rs` (the same, older syntax).
#[test]
#[ignore = "does not compile: a yield inside the place of a compound assignment, and a \
            borrow of the coroutine's own temporary held across a yield (`static` in rustc)"]
fn drop_track_addassign_yield() {
    pending("drop-track-addassign-yield.rs");
}

/// `match-bindings.rs`.
mod match_bindings {
    enum Enum {
        A(String),
        B,
    }

    #[test]
    fn main() {
        coro::coro!(|| {
            loop {
                if let true = true {
                    match Enum::A(String::new()) {
                        Enum::A(_var) => {}
                        Enum::B => {}
                    }
                }
                yield;
            }
        });
    }
}

/// `yield-in-args-rev.rs` (check-pass).
mod yield_in_args_rev {
    fn foo(_a: (), _b: &bool) {}

    fn bar() {
        coro::coro!(|| {
            let b = true;
            foo(yield, &b);
        });
    }

    #[test]
    fn main() {
        bar();
    }
}

/// `yield-in-initializer.rs`.
mod yield_in_initializer {
    #[test]
    fn main() {
        coro::coro!(static || {
            loop {
                // Test that `opt` is not live across the yield, even when borrowed in a loop
                // See https://github.com/rust-lang/rust/issues/52792
                let opt = {
                    yield;
                    true
                };
                let _ = &opt;
            }
        });
    }
}

/// `yield-subtype.rs`.
mod yield_subtype {
    fn bar<'a>() {
        let a: &'static str = "hi";
        let b: &'a str = a;

        coro::coro!(|| {
            yield a;
            yield b;
        });
    }

    #[test]
    fn main() {
        bar();
    }
}

/// `borrow-in-tail-expr.rs` (check-pass).
mod borrow_in_tail_expr {
    #[test]
    fn main() {
        let _a = coro::coro!(|| {
            yield;
            let a = String::new();
            a.len()
        });
    }
}

/// `drop-and-replace.rs`.
mod drop_and_replace {
    use coro::{Coroutine, CoroutineState};

    #[derive(Debug, PartialEq)]
    struct Foo(i32);

    impl Drop for Foo {
        fn drop(&mut self) {}
    }

    #[test]
    fn main() {
        let mut a = coro::coro!(|| {
            let mut x = Foo(4);
            ().yield;
            assert_eq!(x.0, 4);

            // At one point this tricked our dataflow analysis into thinking `x` was
            // StorageDead after the assignment.
            x = Foo(5);
            assert_eq!(x.0, 5);

            {
                let y = Foo(6);
                ().yield;
                assert_eq!(y.0, 6);
            }

            assert_eq!(x.0, 5);
        });

        loop {
            match a.resume(()) {
                CoroutineState::Complete(()) => break,
                _ => (),
            }
        }
    }
}

/// `issue-44197.rs`.
mod issue_44197 {
    use coro::{Coroutine, CoroutineState};

    fn foo(_: &str) -> String {
        String::new()
    }

    fn bar(baz: String) -> impl Coroutine<(), Yield = String, Return = ()> {
        coro::coro!(move || {
            yield foo(&baz);
        })
    }

    fn foo2(_: &str) -> Result<String, ()> {
        Err(())
    }

    fn bar2(baz: String) -> impl Coroutine<(), Yield = String, Return = ()> {
        coro::coro!(move || {
            if let Ok(quux) = foo2(&baz) {
                yield quux;
            }
        })
    }

    #[test]
    fn main() {
        assert_eq!(
            bar(String::new()).resume(()),
            CoroutineState::Yielded(String::new())
        );
        assert_eq!(bar2(String::new()).resume(()), CoroutineState::Complete(()));
    }
}

/// `issue-52398.rs`.
mod issue_52398 {
    use std::cell::RefCell;

    struct A;

    impl A {
        fn test(&self, a: ()) {}
    }

    #[test]
    fn main() {
        // Test that the MIR local with type &A created for the auto-borrow adjustment
        // is caught by typeck
        coro::coro!(move || {
            A.test(yield);
        });

        // Test that the std::cell::Ref temporary returned from the `borrow` call
        // is caught by typeck
        let y = RefCell::new(true);
        coro::coro!(static move || {
            yield *y.borrow();
            return "Done";
        });
    }
}

/// `issue-58888.rs` (build-pass).
mod issue_58888 {
    use coro::Coroutine;

    struct Database;

    impl Database {
        fn get_connection(&self) -> impl Iterator<Item = ()> {
            Some(()).into_iter()
        }

        fn check_connection(&self) -> impl Coroutine<Yield = (), Return = ()> + '_ {
            coro::coro!(move || {
                let iter = self.get_connection();
                for i in iter {
                    yield i
                }
            })
        }
    }

    #[test]
    fn main() {
        let _ = Database.check_connection();
    }
}

/// `issue-61442-stmt-expr-with-drop.rs` (check-pass).
mod issue_61442_stmt_expr_with_drop {
    use coro::Coroutine;

    async fn drop_and_await() {
        async {};
        async {}.await;
    }

    fn drop_and_yield() {
        let x = coro::coro!(|| {
            String::new();
            yield;
        });
        Box::pin(x).as_mut().resume(());
        let y = coro::coro!(static || {
            String::new();
            yield;
        });
        Box::pin(y).as_mut().resume(());
    }

    #[test]
    fn main() {
        drop_and_await();
        drop_and_yield();
    }
}

/// `issue-69039.rs`.
mod issue_69039 {
    use coro::{Coroutine, CoroutineState};

    fn mkstr(my_name: String, my_mood: String) -> String {
        format!("{} is {}", my_name.trim(), my_mood.trim())
    }

    fn my_scenario() -> impl Coroutine<String, Yield = &'static str, Return = String> {
        coro::coro!(|_arg: String| {
            let my_name = yield "What is your name?";
            let my_mood = yield "How are you feeling?";
            mkstr(my_name, my_mood)
        })
    }

    #[test]
    fn main() {
        let mut my_session = Box::pin(my_scenario());

        assert_eq!(
            my_session.as_mut().resume("_arg".to_string()),
            CoroutineState::Yielded("What is your name?")
        );
        assert_eq!(
            my_session.as_mut().resume("Your Name".to_string()),
            CoroutineState::Yielded("How are you feeling?")
        );
        assert_eq!(
            my_session.as_mut().resume("Sensory Organs".to_string()),
            CoroutineState::Complete("Your Name is Sensory Organs".to_string())
        );
    }
}

/// `live-upvar-across-yield.rs`.
mod live_upvar_across_yield {
    use coro::Coroutine;

    #[test]
    fn main() {
        let b = |_| 3;
        let mut a = coro::coro!(|| {
            b(yield);
        });
        a.resume(());
    }
}

/// `nested_coroutine.rs`.
mod nested_coroutine {
    use coro::{Coroutine, CoroutineState};

    #[test]
    fn main() {
        let _coroutine = coro::coro!(|| {
            let mut sub_coroutine = coro::coro!(|| {
                yield 2;
            });

            match sub_coroutine.resume(()) {
                CoroutineState::Yielded(x) => {
                    yield x;
                }
                _ => panic!(),
            };
        });
    }
}

/// `non-static-is-unpin.rs`.
mod non_static_is_unpin {
    use std::marker::PhantomPinned;

    fn assert_unpin<G: Unpin>(_: G) {}

    #[test]
    fn main() {
        // Even though this coroutine holds a `PhantomPinned` in its environment, it
        // remains `Unpin`.
        assert_unpin(coro::coro!(|| {
            let pinned = PhantomPinned;
            yield;
            drop(pinned);
        }));
    }
}

/// `niche-in-coroutine.rs`.
mod niche_in_coroutine {
    use std::mem::size_of_val;

    fn take<T>(_: T) {}

    #[test]
    #[ignore = "layout: coro's state enum has a niche, so `Some(gen1)` is no larger than \
                `gen1`; the test asserts rustc's limitation (its FIXME(#63818) says the sizes \
                should be equal, as coro's are)"]
    fn main() {
        let x = false;
        let gen1 = coro::coro!(|| {
            ().yield;
            take(x);
        });

        // FIXME(#63818): niches in coroutines are disabled. Should be `assert_eq`.
        assert_ne!(size_of_val(&gen1), size_of_val(&Some(gen1)));
    }
}

/// `overlap-locals.rs`.
mod overlap_locals {
    #[test]
    fn main() {
        let a = coro::coro!(|| {
            {
                let w: i32 = 4;
                ().yield;
                println!("{:?}", w);
            }
            {
                let x: i32 = 5;
                ().yield;
                println!("{:?}", x);
            }
            {
                let y: i32 = 6;
                ().yield;
                println!("{:?}", y);
            }
            {
                let z: i32 = 7;
                ().yield;
                println!("{:?}", z);
            }
        });
        assert_eq!(8, std::mem::size_of_val(&a));
    }
}

/// `panic-drops.rs`.
mod panic_drops {
    use coro::Coroutine;
    use std::panic;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static A: AtomicUsize = AtomicUsize::new(0);

    struct B;

    impl Drop for B {
        fn drop(&mut self) {
            A.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn bool_true() -> bool {
        true
    }

    #[test]
    fn main() {
        let b = B;
        let mut foo = coro::coro!(|| {
            if bool_true() {
                panic!();
            }
            drop(b);
            yield;
        });

        assert_eq!(A.load(Ordering::SeqCst), 0);
        let res = panic::catch_unwind(panic::AssertUnwindSafe(|| foo.resume(())));
        assert!(res.is_err());
        assert_eq!(A.load(Ordering::SeqCst), 1);

        let mut foo = coro::coro!(|| {
            if bool_true() {
                panic!();
            }
            drop(B);
            yield;
        });

        assert_eq!(A.load(Ordering::SeqCst), 1);
        let res = panic::catch_unwind(panic::AssertUnwindSafe(|| foo.resume(())));
        assert!(res.is_err());
        assert_eq!(A.load(Ordering::SeqCst), 1);
    }
}

/// `panic-drops-resume.rs`.
mod panic_drops_resume {
    use coro::Coroutine;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static DROP: AtomicUsize = AtomicUsize::new(0);

    struct Dropper {}

    impl Drop for Dropper {
        fn drop(&mut self) {
            DROP.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn main() {
        let mut gen = coro::coro!(|_arg| {
            if true {
                panic!();
            }
            yield ();
        });
        let mut gen = Pin::new(&mut gen);

        assert_eq!(DROP.load(Ordering::Acquire), 0);
        let res = catch_unwind(AssertUnwindSafe(|| gen.as_mut().resume(Dropper {})));
        assert!(res.is_err());
        assert_eq!(DROP.load(Ordering::Acquire), 1);
    }
}

/// `panic-safe.rs`.
mod panic_safe {
    use coro::Coroutine;
    use std::panic;

    #[test]
    fn main() {
        let mut foo = coro::coro!(|| {
            if true {
                panic!();
            }
            ().yield;
        });

        let res = panic::catch_unwind(panic::AssertUnwindSafe(|| foo.resume(())));
        assert!(res.is_err());

        for _ in 0..10 {
            let res = panic::catch_unwind(panic::AssertUnwindSafe(|| foo.resume(())));
            assert!(res.is_err());
        }
    }
}

/// `pin-box-coroutine.rs`.
mod pin_box_coroutine {
    use coro::Coroutine;

    fn assert_coroutine<G: Coroutine>(_: G) {}

    #[test]
    fn main() {
        assert_coroutine(coro::coro!(static || ().yield));
        assert_coroutine(Box::pin(coro::coro!(static || ().yield)));
    }
}

/// `reborrow-mut-upvar.rs`.
#[test]
#[ignore = "does not compile: `&*bar` held across a yield borrows through `bar`, which the \
            resume closure captures mutably (E0521; docs/function-like.md, \"How it captures\")"]
fn reborrow_mut_upvar() {
    pending("reborrow-mut-upvar.rs");
}

/// `resume-after-return.rs`.
mod resume_after_return {
    use coro::{Coroutine, CoroutineState};
    use std::panic;

    #[test]
    fn main() {
        let mut foo = coro::coro!(|| {
            if true {
                return;
            }
            ().yield;
        });

        match foo.resume(()) {
            CoroutineState::Complete(()) => {}
            s => panic!("bad state: {:?}", s),
        }

        match panic::catch_unwind(move || foo.resume(())) {
            Ok(_) => panic!("coroutine successfully resumed"),
            Err(_) => {}
        }
    }
}

/// `resume-arg-size.rs`.
mod resume_arg_size {
    use std::mem::size_of_val;

    #[test]
    fn main() {
        // Coroutine taking a `Copy`able resume arg.
        let gen_copy = coro::coro!(|mut x: usize| {
            loop {
                drop(x);
                x = yield;
            }
        });

        // Coroutine taking a non-`Copy` resume arg.
        let gen_move = coro::coro!(|mut x: Box<usize>| {
            loop {
                drop(x);
                x = yield;
            }
        });

        // Neither of these coroutines have the resume arg live across the `yield`, so they
        // should be 1 Byte in size (only storing the discriminant)
        assert_eq!(size_of_val(&gen_copy), 1);
        assert_eq!(size_of_val(&gen_move), 1);
    }
}

/// `size-moved-locals.rs`.
mod size_moved_locals {
    use coro::Coroutine;

    const FOO_SIZE: usize = 1024;
    struct Foo(#[allow(dead_code)] [u8; FOO_SIZE]);

    impl Drop for Foo {
        fn drop(&mut self) {}
    }

    fn move_before_yield() -> impl Coroutine<Yield = (), Return = ()> {
        coro::coro!(static || {
            let first = Foo([0; FOO_SIZE]);
            let _second = first;
            yield;
            // _second dropped here
        })
    }

    fn noop() {}

    fn move_before_yield_with_noop() -> impl Coroutine<Yield = (), Return = ()> {
        coro::coro!(static || {
            let first = Foo([0; FOO_SIZE]);
            noop();
            let _second = first;
            yield;
            // _second dropped here
        })
    }

    // Today we don't have NRVO (we allocate space for both `first` and `second`,)
    // but we can overlap `first` with `_third`.
    fn overlap_move_points() -> impl Coroutine<Yield = (), Return = ()> {
        coro::coro!(static || {
            let first = Foo([0; FOO_SIZE]);
            yield;
            let second = first;
            yield;
            let _third = second;
            yield;
        })
    }

    fn overlap_x_and_y() -> impl Coroutine<Yield = (), Return = ()> {
        coro::coro!(static || {
            let x = Foo([0; FOO_SIZE]);
            yield;
            drop(x);
            let y = Foo([0; FOO_SIZE]);
            yield;
            drop(y);
        })
    }

    #[test]
    #[ignore = "layout: the sizes are rustc's (1025, 1026, 2051, 1026 bytes); coro's states \
                hold one `Foo` each and all four coroutines are 1025 bytes (checked by \
                `size_moved_locals_rewritten`)"]
    fn main() {
        assert_eq!(1025, std::mem::size_of_val(&move_before_yield()));
        assert_eq!(1026, std::mem::size_of_val(&move_before_yield_with_noop()));
        assert_eq!(2051, std::mem::size_of_val(&overlap_move_points()));
        assert_eq!(1026, std::mem::size_of_val(&overlap_x_and_y()));
    }

    /// REWRITE: coro's sizes, which are never larger than rustc's.
    #[test]
    fn size_moved_locals_rewritten() {
        assert_eq!(1025, std::mem::size_of_val(&move_before_yield()));
        assert_eq!(1025, std::mem::size_of_val(&move_before_yield_with_noop()));
        assert_eq!(1025, std::mem::size_of_val(&overlap_move_points()));
        assert_eq!(1025, std::mem::size_of_val(&overlap_x_and_y()));
    }
}

/// `smoke-resume-args.rs`.
mod smoke_resume_args {
    use coro::{
        Coroutine,
        CoroutineState::{self, *},
    };
    use std::fmt::Debug;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn drain<G: Coroutine<R, Yield = Y> + Unpin, R, Y>(
        gen: &mut G,
        inout: Vec<(R, CoroutineState<Y, G::Return>)>,
    ) where
        Y: Debug + PartialEq,
        G::Return: Debug + PartialEq,
    {
        let mut gen = Pin::new(gen);

        for (input, out) in inout {
            assert_eq!(gen.as_mut().resume(input), out);
        }
    }

    static DROPS: AtomicUsize = AtomicUsize::new(0);

    #[derive(Debug, PartialEq)]
    struct DropMe;

    impl Drop for DropMe {
        fn drop(&mut self) {
            DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn expect_drops<T>(expected_drops: usize, f: impl FnOnce() -> T) -> T {
        DROPS.store(0, Ordering::SeqCst);

        let res = f();

        let actual_drops = DROPS.load(Ordering::SeqCst);
        assert_eq!(actual_drops, expected_drops);
        res
    }

    #[test]
    fn main() {
        drain(
            &mut coro::coro!(|mut b| {
                while b != 0 {
                    b = yield (b + 1);
                }
                -1
            }),
            vec![
                (1, Yielded(2)),
                (-45, Yielded(-44)),
                (500, Yielded(501)),
                (0, Complete(-1)),
            ],
        );

        expect_drops(2, || {
            drain(
                &mut coro::coro!(|a| yield a),
                vec![(DropMe, Yielded(DropMe))],
            )
        });

        expect_drops(6, || {
            drain(
                &mut coro::coro!(|a| yield yield a),
                vec![
                    (DropMe, Yielded(DropMe)),
                    (DropMe, Yielded(DropMe)),
                    (DropMe, Complete(DropMe)),
                ],
            )
        });

        #[allow(unreachable_code)]
        expect_drops(2, || {
            drain(
                &mut coro::coro!(|a| yield return a),
                vec![(DropMe, Complete(DropMe))],
            )
        });

        expect_drops(2, || {
            drain(
                &mut coro::coro!(|a: DropMe| {
                    if false {
                        yield ()
                    } else {
                        a
                    }
                }),
                vec![(DropMe, Complete(DropMe))],
            )
        });

        expect_drops(4, || {
            drain(
                #[allow(unused_assignments, unused_variables)]
                &mut coro::coro!(|mut a: DropMe| {
                    a = yield;
                    a = yield;
                    a = yield;
                }),
                vec![
                    (DropMe, Yielded(())),
                    (DropMe, Yielded(())),
                    (DropMe, Yielded(())),
                    (DropMe, Complete(())),
                ],
            )
        });
    }
}

/// `static-coroutine.rs` (a borrow of a local held across a yield: coro makes `b` again
/// from `a` after the resume, so both point at `a` where it is then).
mod static_coroutine {
    use coro::{Coroutine, CoroutineState};
    use std::pin::Pin;

    #[test]
    fn main() {
        let mut coroutine = coro::coro!(static || {
            let a = true;
            let b = &a;
            ().yield;
            assert_eq!(b as *const _, &a as *const _);
        });
        // SAFETY: We shadow the original coroutine variable so have no safe API to
        // move it after this point.
        let mut coroutine = unsafe { Pin::new_unchecked(&mut coroutine) };
        assert_eq!(coroutine.as_mut().resume(()), CoroutineState::Yielded(()));
        assert_eq!(coroutine.as_mut().resume(()), CoroutineState::Complete(()));
    }
}

/// `too-live-local-in-immovable-gen.rs`.
mod too_live_local_in_immovable_gen {
    #[test]
    fn main() {
        unsafe {
            coro::coro!(static move || {
                // Tests that the coroutine transformation finds out that `a` is not live
                // during the yield expression. Type checking will also compute liveness
                // and it should also find out that `a` is not live.
                // The compiler will panic if the coroutine transformation finds that
                // `a` is live and type checking finds it dead.
                let a = {
                    ().yield;
                    4i32
                };
                let _ = &a;
            });
        }
    }
}

/// `drop-control-flow.rs` (build-pass; `impl !Send` needs the unstable `negative_impls`).
#[test]
#[ignore = "does not compile on stable: the test needs `#![feature(negative_impls)]` for its \
            `impl !Send`; `drop_control_flow_rewritten` spells `NonSend` with a raw pointer"]
fn drop_control_flow() {
    pending("drop-control-flow.rs");
}

/// `drop-control-flow.rs`, REWRITE: `NonSend` holds a raw pointer instead of `impl !Send`.
mod drop_control_flow_rewritten {
    struct Ptr;
    impl<'a> Drop for Ptr {
        fn drop(&mut self) {}
    }

    // REWRITE: was `struct NonSend; impl !Send for NonSend {}`.
    struct NonSend(std::marker::PhantomData<*const ()>);
    const NON_SEND: NonSend = NonSend(std::marker::PhantomData);

    fn assert_send<T: Send>(_: T) {}

    // This test case is reduced from tests/ui/drop/dynamic-drop-async.rs
    fn one_armed_if(arg: bool) {
        let _ = coro::coro!(|| {
            let arr = [Ptr];
            if arg {
                drop(arr);
            }
            yield;
        });
    }

    fn two_armed_if(arg: bool) {
        assert_send(coro::coro!(|| {
            let arr = [Ptr];
            if arg {
                drop(arr);
            } else {
                drop(arr);
            }
            yield;
        }))
    }

    fn if_let(arg: Option<i32>) {
        let _ = coro::coro!(|| {
            let arr = [Ptr];
            if let Some(_) = arg {
                drop(arr);
            }
            yield;
        });
    }

    fn init_in_if(arg: bool) {
        assert_send(coro::coro!(|| {
            let mut x = NON_SEND;
            drop(x);
            if arg {
                x = NON_SEND;
            } else {
                yield;
            }
        }))
    }

    fn init_in_match_arm(arg: Option<i32>) {
        assert_send(coro::coro!(|| {
            let mut x = NON_SEND;
            drop(x);
            match arg {
                Some(_) => x = NON_SEND,
                None => yield,
            }
        }))
    }

    fn reinit() {
        let _ = coro::coro!(|| {
            let mut arr = [Ptr];
            drop(arr);
            arr = [Ptr];
            yield;
        });
    }

    fn loop_uninit() {
        let _ = coro::coro!(|| {
            let mut arr = [Ptr];
            let mut count = 0;
            drop(arr);
            while count < 3 {
                yield;
                arr = [Ptr];
                count += 1;
            }
        });
    }

    fn nested_loop() {
        let _ = coro::coro!(|| {
            let mut arr = [Ptr];
            let mut count = 0;
            drop(arr);
            while count < 3 {
                for _ in 0..3 {
                    yield;
                }
                arr = [Ptr];
                count += 1;
            }
        });
    }

    fn loop_continue(b: bool) {
        let _ = coro::coro!(|| {
            let mut arr = [Ptr];
            let mut count = 0;
            drop(arr);
            while count < 3 {
                count += 1;
                yield;
                if b {
                    arr = [Ptr];
                    continue;
                }
            }
        });
    }

    #[test]
    fn main() {
        one_armed_if(true);
        if_let(Some(41));
        init_in_if(true);
        init_in_match_arm(Some(41));
        reinit();
        loop_uninit();
        nested_loop();
        loop_continue(true);
    }
}

/// `issue-161026-drop-flag-move.rs`.
mod issue_161026_drop_flag_move {
    use coro::{Coroutine, CoroutineState};

    struct DropU8 {
        _r: u8,
    }

    impl Drop for DropU8 {
        fn drop(&mut self) {}
    }

    #[test]
    fn main() {
        let mut a = coro::coro!(|| {
            let _b: DropU8;
            if false {
                _b = DropU8 { _r: 1 };
            }
            yield 4;
        });
        assert!(matches!(a.resume(()), CoroutineState::Yielded(4)));
        let _moved = a;
    }
}
