//! Writes the README with every `coro::` path written `co::`, the name this crate gives the
//! dependency, for `src/lib.rs` to use as its documentation (and so its doctests).
use std::{env, fs, path::Path};

fn main() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../README.md");
    println!("cargo::rerun-if-changed={}", readme.display());
    let text = fs::read_to_string(&readme).expect("the README is readable");
    let renamed = text.replace("coro::", "co::");
    assert!(
        renamed.contains("#[co::coroutine]"),
        "the README's examples use coro:: paths"
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("README-co.md");
    fs::write(out, renamed).expect("OUT_DIR is writable");
}
