//! A user's crate with `stable-coro = { path = .. }` (the library is still `coro`): the
//! README's examples are this crate's doctests.
#![doc = include_str!("../../../../README.md")]
