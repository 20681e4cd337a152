//! Issue 15 in edition 2024: the programs of `oracle/tests/borrows/shared.rs` (borrows of
//! the coroutine's own locals held across a yield, against rustc `static` coroutines), with
//! both halves 2024 code (see the crate docs).
#![cfg_attr(
    coro_native,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]
#![allow(clippy::useless_vec)]

#[allow(unused_imports)]
use coro_oracle_2024::{Noisy, log, twin};

#[path = "../../tests/borrows/shared.rs"]
mod shared;
