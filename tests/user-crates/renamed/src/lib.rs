//! A user's crate with `co = { package = "stable-coro", .. }`: the examples of the README,
//! the guide and the `coro!` chapter, with `coro::` written `co::`, are this crate's
//! doctests. No `::coro` exists here, so every path the macros generate must go through
//! the name the manifest gives (`::co`).
#![doc = include_str!(concat!(env!("OUT_DIR"), "/README-co.md"))]
#![doc = include_str!(concat!(env!("OUT_DIR"), "/guide-co.md"))]
#![doc = include_str!(concat!(env!("OUT_DIR"), "/function-like-co.md"))]
