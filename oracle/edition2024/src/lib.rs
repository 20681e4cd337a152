//! The native oracle in edition 2024 (issue 11).
//!
//! `coro_oracle::twin!` is defined in a 2021 crate, so the tokens it writes itself (the
//! native half's `move || { .. }` closure, the braces of the `#[coro::coroutine]`
//! function's body) follow edition 2021's rules wherever it is called: a macro's tokens
//! carry the edition of the crate that defines the macro. A twin in a 2024 crate would
//! then compare coro against a partly-2021 native coroutine (the body's tail-expression
//! temporaries, for one, are dropped by the closure block's edition). This crate defines
//! the same `twin!` from the same file, so both halves of its twins are 2024 code;
//! `tests/beyond_grammar.rs` proves it with a twin whose trace differs between the
//! editions.
//!
//! ```text
//! RUSTC_BOOTSTRAP=1 cargo test -p coro-oracle-2024
//! ```

#[cfg(coro_native)]
pub use coro_oracle::{Native, native};
pub use coro_oracle::{Noisy, log, panic_message, run, take_log};

#[path = "../../src/twin.rs"]
mod twin;
