//! A user's crate with `stable-coro = { path = .. }` (the library is still `coro`): the
//! examples of the README, the guide and the `coro!` chapter are this crate's doctests.
#![doc = include_str!("../../../../README.md")]
#![doc = include_str!("../../../../docs/guide.md")]
#![doc = include_str!("../../../../docs/function-like.md")]
