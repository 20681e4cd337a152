//! Helpers shared by the issue-11 corpus in every edition: values whose drops and
//! evaluations show up in the trace.

// One import a group: rustfmt sorts `log` and `Noisy` differently in the 2021 and
// 2024 style editions, and this file is formatted as part of a crate of each.
#[allow(unused_imports)]
use coro_oracle::log;

#[allow(unused_imports)]
use coro_oracle::Noisy;

/// Logs `tag value` and returns the value: an operand with a visible side effect.
pub fn t<T: std::fmt::Debug>(tag: &str, value: T) -> T {
    log(format!("{tag} {value:?}"));
    value
}

pub fn pair(a: u32, b: u32) -> u32 {
    a * 10 + b
}

/// Methods on a [`Noisy`] temporary, so that a statement can create one, use it and
/// leave it to be dropped where rustc drops temporaries.
pub trait Probe {
    /// The length of the name.
    fn id(&self) -> u32;
    /// `Some(id)`.
    fn some(&self) -> Option<u32>;
    /// `None`.
    fn none(&self) -> Option<u32>;
    /// `Some(n)` while `n < limit`.
    fn below(&self, n: u32, limit: u32) -> Option<u32>;
    /// `0..n`.
    fn upto(&self, n: u32) -> std::ops::Range<u32>;
}

impl Probe for Noisy {
    fn id(&self) -> u32 {
        self.0.len() as u32
    }
    fn some(&self) -> Option<u32> {
        Some(self.id())
    }
    fn none(&self) -> Option<u32> {
        None
    }
    fn below(&self, n: u32, limit: u32) -> Option<u32> {
        (n < limit).then_some(n)
    }
    fn upto(&self, n: u32) -> std::ops::Range<u32> {
        0..n
    }
}
