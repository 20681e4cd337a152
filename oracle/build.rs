//! Turns on the native (rustc coroutine) half of the oracle when the compiler accepts
//! unstable features, which stable rustc does only with `RUSTC_BOOTSTRAP=1`.
//!
//! `CORO_ORACLE_NATIVE_ONLY=1` additionally leaves out the `#[coro::coroutine]` half, so
//! the hand-written expected traces can be checked against rustc alone (useful while the
//! transform is being written, or when adding a new twin).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(coro_native)");
    println!("cargo::rustc-check-cfg=cfg(coro_native_only)");
    // `CORO_ISSUE11_PENDING=1` also compiles the `#[coro::coroutine]` halves of the twins
    // that do not compile yet (`twin!`'s `pending` clause; issue 11).
    println!("cargo::rustc-check-cfg=cfg(coro_issue11_pending)");
    println!("cargo::rerun-if-env-changed=CORO_ISSUE11_PENDING");
    println!("cargo::rerun-if-env-changed=RUSTC_BOOTSTRAP");
    println!("cargo::rerun-if-env-changed=CORO_ORACLE_NATIVE_ONLY");
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    if set("RUSTC_BOOTSTRAP") {
        println!("cargo::rustc-cfg=coro_native");
        if set("CORO_ORACLE_NATIVE_ONLY") {
            println!("cargo::rustc-cfg=coro_native_only");
        }
    }
    if set("CORO_ISSUE11_PENDING") {
        println!("cargo::rustc-cfg=coro_issue11_pending");
    }
}
