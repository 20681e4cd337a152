//! Helpers shared by the integration tests: a scripted driver, a drop log and a panic
//! catcher. Each test binary uses a different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use coro::{Coroutine, CoroutineState};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Appends an event to this thread's log.
pub fn log(event: impl Into<String>) {
    let event = event.into();
    LOG.with(|l| l.borrow_mut().push(event));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A value that logs `drop NAME` when dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noisy(pub &'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

/// Resumes `c` once per argument and returns what each resume produced. Panics if the
/// coroutine completes while arguments are left, so the expected vector also pins how
/// many resume arguments were consumed.
pub fn drive<A, C>(
    c: &mut C,
    args: impl IntoIterator<Item = A>,
) -> Vec<CoroutineState<C::Yield, C::Return>>
where
    C: Coroutine<A>,
{
    let mut out = Vec::new();
    let mut args = args.into_iter();
    for arg in args.by_ref() {
        let step = c.resume(arg);
        let done = matches!(step, CoroutineState::Complete(_));
        out.push(step);
        if done {
            break;
        }
    }
    assert!(
        args.next().is_none(),
        "the coroutine completed before all scripted resume arguments were used"
    );
    out
}

/// Like [`drive`], but records every step (and every drop) as a string in the log, and
/// returns the whole log: `resume ARG`, `yield V`, `complete V`, `drop NAME`, plus whatever
/// the body logs itself.
pub fn trace<A, C>(c: &mut C, args: impl IntoIterator<Item = A>) -> Vec<String>
where
    A: Debug,
    C: Coroutine<A>,
    C::Yield: Debug,
    C::Return: Debug,
{
    take_log();
    for arg in args {
        log(format!("resume {arg:?}"));
        match c.resume(arg) {
            CoroutineState::Yielded(v) => log(format!("yield {v:?}")),
            CoroutineState::Complete(v) => log(format!("complete {v:?}")),
        }
    }
    take_log()
}

/// Runs `f`, which must panic, and returns the panic message. The default panic hook is
/// silenced for the duration, so expected panics do not clutter the test output.
pub fn panic_message<T>(f: impl FnOnce() -> T) -> String {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(_) => panic!("expected a panic, but the call returned"),
        Err(payload) => {
            if let Some(s) = payload.downcast_ref::<&str>() {
                (*s).to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "<non-string panic payload>".to_string()
            }
        }
    }
}

/// Shorthand to build an expected log from string literals.
pub fn events(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
