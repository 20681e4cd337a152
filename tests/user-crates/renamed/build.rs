//! Writes the README, the guide and the `coro!` chapter with every `coro::` path written
//! `co::`, the name this crate gives the dependency, for `src/lib.rs` to use as its
//! documentation (and so its doctests).
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    for (source, target) in [
        ("README.md", "README-co.md"),
        ("docs/guide.md", "guide-co.md"),
        ("docs/function-like.md", "function-like-co.md"),
    ] {
        let path = root.join(source);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("the chapter is readable");
        let renamed = text.replace("coro::", "co::");
        assert!(
            renamed.contains("co::"),
            "{source}'s examples use coro:: paths"
        );
        fs::write(out.join(target), renamed).expect("OUT_DIR is writable");
    }
}
