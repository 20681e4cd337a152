//! The runtime half of `coro`: the [`Coroutine`] trait and a few small adapters.
//!
//! This crate is `#![no_std]`, has no dependencies and contains no `unsafe`. It mirrors the
//! shape of the unstable `core::ops::Coroutine`, so code written against it reads the same
//! way rustc's own coroutines do:
//!
//! ```
//! use coro_core::{from_fn, Coroutine, CoroutineState};
//!
//! // A coroutine that yields 1, 2, 3 and then completes with "done".
//! let mut next = 1;
//! let mut counter = from_fn(move |(): ()| {
//!     if next <= 3 {
//!         next += 1;
//!         CoroutineState::Yielded(next - 1)
//!     } else {
//!         CoroutineState::Complete("done")
//!     }
//! });
//! assert_eq!(counter.resume(()), CoroutineState::Yielded(1));
//! assert_eq!(counter.resume(()), CoroutineState::Yielded(2));
//! assert_eq!(counter.resume(()), CoroutineState::Yielded(3));
//! assert_eq!(counter.resume(()), CoroutineState::Complete("done"));
//! ```
//!
//! Most users do not write coroutines by hand: the `coro` crate's `#[coro::coroutine]`
//! attribute turns a function with `yield_!` points into one.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;

mod coroutine;
mod from_fn;
mod held;
mod iter;
mod machine;

pub use coroutine::{Coroutine, CoroutineState};
pub use from_fn::{from_fn, FromFn};
pub use held::{Held, HeldValues, NamesOnly, ShowHeld, Shown, NOT_DEBUG, NOT_SHOWN, SHOWN_CHARS};
pub use iter::{iter, Iter};
pub use machine::{Locate, Location, Machine, StateInfo, SuspensionPoint};
