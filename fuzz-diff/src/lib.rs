//! Differential testing of `#[coro::coroutine]` (issue 6).
//!
//! - [`gen`] generates random, terminating coroutine bodies ([`ir`] is their tree);
//! - [`harness`] compiles each body three ways (the transform, rustc's native coroutines
//!   under `RUSTC_BOOTSTRAP=1`, and direct execution where `yield_!` takes the next
//!   scripted argument) into a generated workspace, runs it, and compares the traces;
//! - [`minimize`] shrinks a failing body by deleting statements;
//! - [`corpus`] reads the pinned (minimized) failures back as programs;
//! - [`expander`] fuzzes `coro_transform::expand_attribute` with mutated and random token
//!   streams and checks it never panics.
//!
//! The binary (`cargo run -p coro-diff --release -- --seed S --count N`) ties these
//! together; see `docs/differential.md`.
#![forbid(unsafe_code)]

pub mod corpus;
pub mod expander;
pub mod gen;
pub mod harness;
pub mod ir;
pub mod limits;
pub mod minimize;
pub mod rng;
