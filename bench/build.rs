//! Turns on the rustc-native coroutine baseline (`cfg(coro_native)`) only when the build runs
//! with `RUSTC_BOOTSTRAP=1`, so a plain `cargo bench` on stable compiles without it.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(coro_native)");
    println!("cargo:rerun-if-env-changed=RUSTC_BOOTSTRAP");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("RUSTC_BOOTSTRAP").is_some_and(|v| v == "1") {
        println!("cargo:rustc-cfg=coro_native");
    }
}
