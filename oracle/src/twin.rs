//! The `twin!` macro. This file is also compiled by `oracle/edition2024` (through
//! `#[path]`), so that the macro's own tokens (the native closure, the function body's
//! braces) carry that crate's edition: a macro's tokens follow the edition of the crate
//! that defines the macro, not of the crate that calls it.

/// Declares one differential test: a coroutine body compiled both ways.
///
/// ```text
/// twin! {
///     /// What the body exercises.
///     fn name(n: u32) resume(mut first: u32) yields[u32] returns[u32] {
///         ... body using yield_!(...) ...
///     }
///     call(3)                 // the constructor's arguments
///     script[1, 2, 3]         // the resume arguments, in order
///     expect["resume 1", "yield 1", ...]
/// }
/// ```
///
/// `resume(...)` may be left out for a coroutine resumed with `()`. The native half is
/// `#[coroutine] move |first: u32| { BODY }`; the `#[coro::coroutine]` half is
/// `fn name(#[resume] mut first: u32, n: u32) -> impl coro::Coroutine<u32, ...> { BODY }`.
/// The test is `name::trace`.
///
/// A known difference of the `#[coro::coroutine]` half is pinned by a last clause, while
/// the expected trace stays rustc's:
///
/// - `ignore("reason")`: the `#[coro::coroutine]` half compiles but its trace differs.
///   `name::trace` checks the native half only; `name::coro` checks the other half and is
///   `#[ignore = "reason"]` (run it with `--ignored`).
/// - `pending("reason")`: the `#[coro::coroutine]` half does not compile (or the macro
///   rejects valid code). It is compiled only with `--cfg coro_issue11_pending`, and so is
///   its test `name::coro`; `name::trace` checks the native half.
#[macro_export]
macro_rules! twin {
    // `static fn`: the native half is a `static` coroutine (rustc's immovable kind, which may
    // borrow its own locals across a yield); the `#[coro::coroutine]` half is the same.
    (
        $(#[doc = $doc:literal])*
        static fn $($rest:tt)*
    ) => {
        $crate::twin!(@kind[static] $(#[doc = $doc])* fn $($rest)*);
    };
    (
        $(#[doc = $doc:literal])*
        fn $($rest:tt)*
    ) => {
        $crate::twin!(@kind[] $(#[doc = $doc])* fn $($rest)*);
    };
    (@kind[$($kind:tt)*]
        $(#[doc = $doc:literal])*
        fn $name:ident($($params:tt)*) resume($($rp:ident)+ : $($a:tt)+)
            yields[$($y:tt)+] returns[$($r:tt)+] { $($body:tt)* }
        call($($call:tt)*)
        script[$($script:expr),* $(,)?]
        expect[$($expect:literal),* $(,)?]
        $($status:ident($reason:literal))?
    ) => {
        $crate::twin!(@emit [$(#[doc = $doc])*] $name kind[$($kind)*]
            coro_params[#[resume] $($rp)+ : $($a)+, $($params)*]
            native_params[$($params)*]
            closure[$($rp)+ : $($a)+]
            arg[$($a)+ ,]
            yields[$($y)+] returns[$($r)+] body[$($body)*]
            call($($call)*) script[$($script),*] expect[$($expect),*]
            status[$($status($reason))?]
        );
    };
    (@kind[$($kind:tt)*]
        $(#[doc = $doc:literal])*
        fn $name:ident($($params:tt)*)
            yields[$($y:tt)+] returns[$($r:tt)+] { $($body:tt)* }
        call($($call:tt)*)
        script[$($script:expr),* $(,)?]
        expect[$($expect:literal),* $(,)?]
        $($status:ident($reason:literal))?
    ) => {
        $crate::twin!(@emit [$(#[doc = $doc])*] $name kind[$($kind)*]
            coro_params[$($params)*]
            native_params[$($params)*]
            closure[]
            arg[]
            yields[$($y)+] returns[$($r)+] body[$($body)*]
            call($($call)*) script[$($script),*] expect[$($expect),*]
            status[$($status($reason))?]
        );
    };
    (@emit [$($attrs:tt)*] $name:ident kind[$($kind:tt)*]
        coro_params[$($cp:tt)*]
        native_params[$($np:tt)*]
        closure[$($cl:tt)*]
        arg[$($arg:tt)*]
        yields[$($y:tt)+] returns[$($r:tt)+] body[$($body:tt)*]
        call($($call:tt)*) script[$($script:expr),*] expect[$($expect:literal),*]
        status[$($status:tt)*]
    ) => {
        $($attrs)*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $crate::twin!(@gate [$($status)*]
                #[coro::coroutine]
                pub fn coro_side($($cp)*)
                    -> impl coro::Coroutine<$($arg)* Yield = $($y)+, Return = $($r)+>
                {
                    use coro::yield_;
                    $($body)*
                }
            );

            // A macro call, so that without `cfg(coro_native)` the function is removed
            // before it is parsed: a `static` closure is coroutine syntax, which the parser
            // rejects on stable even in code that `#[cfg]` removes.
            #[cfg(coro_native)]
            $crate::twin!(@native kind[$($kind)*] native_params[$($np)*] closure[$($cl)*]
                arg[$($arg)*] yields[$($y)+] returns[$($r)+] body[$($body)*]);

            $crate::twin!(@test [$($status)*] ($($call)*) [$($script),*] [$($expect),*]);
        }
    };
    (@native kind[$($kind:tt)*] native_params[$($np:tt)*] closure[$($cl:tt)*]
        arg[$($arg:tt)*] yields[$($y:tt)+] returns[$($r:tt)+] body[$($body:tt)*]) => {
        pub fn native_side($($np)*)
            -> impl core::ops::Coroutine<$($arg)* Yield = $($y)+, Return = $($r)+>
        {
            #[coroutine]
            $($kind)* move |$($cl)*| {
                #[allow(unused_macros)]
                macro_rules! yield_ {
                    ($e:expr) => { yield $e };
                }
                $($body)*
            }
        }
    };
    (@gate [pending($reason:literal)] $($item:tt)*) => {
        #[cfg(all(coro_issue11_pending, not(coro_native_only)))]
        $($item)*
    };
    (@gate [$($status:tt)*] $($item:tt)*) => {
        #[cfg(not(coro_native_only))]
        $($item)*
    };
    (@native_check ($($call:tt)*) [$($script:expr),*] [$($expect:literal),*]) => {
        #[cfg(coro_native)]
        {
            let expected: &[&str] = &[$($expect),*];
            let native = $crate::run($crate::native(native_side($($call)*)), [$($script),*]);
            assert_eq!(native, expected, "rustc's native coroutine disagrees with the expected trace");
        }
    };
    (@coro_check ($($call:tt)*) [$($script:expr),*] [$($expect:literal),*]) => {
        #[cfg(not(coro_native_only))]
        {
            let expected: &[&str] = &[$($expect),*];
            let got = $crate::run(coro_side($($call)*), [$($script),*]);
            assert_eq!(got, expected, "#[coro::coroutine] differs from the expected trace (rustc's)");
        }
    };
    (@test [] ($($call:tt)*) [$($script:expr),*] [$($expect:literal),*]) => {
        #[test]
        fn trace() {
            $crate::twin!(@native_check ($($call)*) [$($script),*] [$($expect),*]);
            $crate::twin!(@coro_check ($($call)*) [$($script),*] [$($expect),*]);
        }
    };
    (@test [ignore($reason:literal)] ($($call:tt)*) [$($script:expr),*] [$($expect:literal),*]) => {
        /// The native half against the expected trace (rustc's).
        #[test]
        fn trace() {
            $crate::twin!(@native_check ($($call)*) [$($script),*] [$($expect),*]);
        }

        /// The `#[coro::coroutine]` half, which does not give rustc's trace yet.
        #[test]
        #[ignore = $reason]
        fn coro() {
            $crate::twin!(@coro_check ($($call)*) [$($script),*] [$($expect),*]);
        }
    };
    (@test [pending($reason:literal)] ($($call:tt)*) [$($script:expr),*] [$($expect:literal),*]) => {
        /// The native half against the expected trace (rustc's).
        #[test]
        fn trace() {
            $crate::twin!(@native_check ($($call)*) [$($script),*] [$($expect),*]);
        }

        #[doc = $reason]
        #[cfg(coro_issue11_pending)]
        #[test]
        fn coro() {
            $crate::twin!(@coro_check ($($call)*) [$($script),*] [$($expect),*]);
        }
    };
}
