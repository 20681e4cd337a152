//! Issue 15, edition 2021: borrows of the coroutine's own locals held across a yield,
//! `#[coro::coroutine]` against the same bodies as rustc `static` coroutines
//! (`borrows/shared.rs`, also run in edition 2024 by `oracle/edition2024`). Expected traces
//! are rustc's (`RUSTC_BOOTSTRAP=1 CORO_ORACLE_NATIVE_ONLY=1 cargo test -p coro-oracle
//! --test borrows`).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
#![allow(clippy::useless_vec)]

#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

#[path = "borrows/shared.rs"]
mod shared;
