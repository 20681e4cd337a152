//! The native oracle: the same coroutine bodies compiled by `#[coro::coroutine]` and as
//! rustc's own (unstable) coroutines must produce identical traces.
//!
//! # Running it
//!
//! ```text
//! RUSTC_BOOTSTRAP=1 cargo test -p coro-oracle
//! ```
//!
//! `RUSTC_BOOTSTRAP=1` lets stable rustc accept `#![feature(coroutines, coroutine_trait,
//! stmt_expr_attributes)]`; `build.rs` then sets `--cfg coro_native` and every twin runs
//! both halves. Without it (plain `cargo test --workspace` on stable), only the
//! `#[coro::coroutine]` half runs, against the expected traces written next to each body,
//! which were produced by the native half. `CORO_ORACLE_NATIVE_ONLY=1` together with
//! `RUSTC_BOOTSTRAP=1` leaves the `#[coro::coroutine]` half out, to check the expected traces
//! against rustc alone when writing a new twin.
//!
//! # What a trace is
//!
//! [`run`] resumes a coroutine once per scripted argument, each resume inside
//! `catch_unwind`, and records one event per step in a thread-local log, interleaved with
//! the drops of [`Noisy`] values:
//!
//! - `resume ARG` before each resume (`ARG` in `Debug` form),
//! - `yield V`, `complete V` or `panic MESSAGE` for what the resume did,
//! - `drop NAME` whenever a [`Noisy`] is dropped, wherever that happens,
//! - `drop unresumed` / `drop suspended` / `drop complete` / `drop poisoned` just before the
//!   coroutine itself is dropped at the end of the script.
//!
//! So a trace pins the yielded values, which resume arguments the body received (bodies
//! yield or return what they receive), the return value, the exact moment of every drop,
//! and the panic messages after completion or after a panic.
//!
//! # Writing a twin
//!
//! See [`twin!`]. The body is written once; on the native side `yield_!(e)` is a local
//! `macro_rules!` that expands to `yield e`.
#![cfg_attr(coro_native, feature(coroutine_trait))]
#![forbid(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use coro::{Coroutine, CoroutineState};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Appends one event to this thread's log.
pub fn log(event: impl Into<String>) {
    let event = event.into();
    LOG.with(|l| l.borrow_mut().push(event));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A value that logs `drop NAME` when it is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noisy(pub &'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

/// Installs (once) a panic hook that stays silent while [`run`] expects a panic, so the
/// test output is not flooded, and otherwise behaves as the default hook.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// Resumes `coroutine` once per argument of `script` and returns the trace (see the crate
/// documentation). Every argument is used, even after the coroutine completed or panicked,
/// so a script one longer than needed also checks the "resumed after ..." panics.
pub fn run<A, C>(mut coroutine: C, script: impl IntoIterator<Item = A>) -> Vec<String>
where
    A: Debug,
    C: Coroutine<A>,
    C::Yield: Debug,
    C::Return: Debug,
{
    install_quiet_hook();
    take_log();
    let mut state = "unresumed";
    for arg in script {
        log(format!("resume {arg:?}"));
        QUIET.with(|q| q.set(true));
        let step = panic::catch_unwind(AssertUnwindSafe(|| coroutine.resume(arg)));
        QUIET.with(|q| q.set(false));
        match step {
            Ok(CoroutineState::Yielded(value)) => {
                state = "suspended";
                log(format!("yield {value:?}"));
            }
            Ok(CoroutineState::Complete(value)) => {
                state = "complete";
                log(format!("complete {value:?}"));
            }
            Err(payload) => {
                if state != "complete" {
                    state = "poisoned";
                }
                log(format!("panic {}", panic_message(&*payload)));
            }
        }
    }
    log(format!("drop {state}"));
    drop(coroutine);
    take_log()
}

/// Adapts one of rustc's native coroutines to [`coro::Coroutine`], pinning it on the heap.
#[cfg(coro_native)]
pub struct Native<G>(std::pin::Pin<Box<G>>);

/// Wraps a native coroutine so that [`run`] can drive it.
#[cfg(coro_native)]
pub fn native<G>(coroutine: G) -> Native<G> {
    Native(Box::pin(coroutine))
}

#[cfg(coro_native)]
impl<A, G: core::ops::Coroutine<A>> Coroutine<A> for Native<G> {
    type Yield = G::Yield;
    type Return = G::Return;

    fn resume(&mut self, arg: A) -> CoroutineState<G::Yield, G::Return> {
        match self.0.as_mut().resume(arg) {
            core::ops::CoroutineState::Yielded(value) => CoroutineState::Yielded(value),
            core::ops::CoroutineState::Complete(value) => CoroutineState::Complete(value),
        }
    }
}

// `twin!` lives in its own file so that a crate of another edition can define the same
// macro (`#[path]`-included): the native half's closure is written by the macro, so its
// tokens carry the edition of the crate that defines `twin!` (see `oracle/edition2024`).
mod twin;
