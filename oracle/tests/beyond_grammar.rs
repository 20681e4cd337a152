//! Issue 11, "All of Rust, in every edition", edition 2021: the edition-independent
//! corpus in `beyond_grammar/shared.rs` and the programs whose trace is 2021's. The same
//! corpus runs in edition 2024 in `oracle/edition2024`. Expected traces are rustc's
//! (`RUSTC_BOOTSTRAP=1 CORO_ORACLE_NATIVE_ONLY=1 cargo test -p coro-oracle --test
//! beyond_grammar`); a `#[coro::coroutine]` half that differs is pinned with `ignore`, one
//! that does not compile with `pending` (see `twin!`).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
// Helpers used only by the halves compiled with `RUSTC_BOOTSTRAP=1` or
// `CORO_ISSUE11_PENDING=1`, and the bodies' own style.
#![allow(
    dead_code,
    non_upper_case_globals,
    clippy::let_and_return,
    clippy::single_match,
    clippy::useless_vec
)]

#[allow(unused_imports)]
use coro_oracle::{log, twin, Noisy};

#[path = "beyond_grammar/helpers.rs"]
mod helpers;
#[path = "beyond_grammar/shared.rs"]
mod shared;

#[allow(unused_imports)]
use helpers::*;
