//! `crate = path`: the crate reached through a path the macros cannot find in the manifest
//! (here a re-export), for the attribute and for `co::coro!`, as a path and as serde's
//! string form.

mod reexport {
    pub use ::co as runtime;
}

use co::{yield_, Coroutine, CoroutineState};

#[co::coroutine(crate = crate::reexport::runtime)]
fn through_a_path(n: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[co::coroutine(crate = "crate::reexport::runtime")]
fn through_a_string() -> impl Coroutine<Yield = &'static str, Return = ()> {
    yield_!("serde's spelling");
}

co::coro! {
    crate = crate::reexport::runtime;
    fn keyword(#[resume] from: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let back = yield from;
        back * 2
    }
}

#[test]
fn the_attribute_takes_a_crate_path() {
    let mut c = through_a_path(2);
    assert_eq!(c.resume(()), CoroutineState::Yielded(0));
    assert_eq!(c.resume(()), CoroutineState::Yielded(1));
    assert_eq!(c.resume(()), CoroutineState::Complete(2));
    let mut s = through_a_string();
    assert_eq!(s.resume(()), CoroutineState::Yielded("serde's spelling"));
    assert_eq!(s.resume(()), CoroutineState::Complete(()));
}

#[test]
fn coro_takes_a_crate_path_before_functions_and_closures() {
    let mut k = keyword();
    assert_eq!(k.resume(5), CoroutineState::Yielded(5));
    assert_eq!(k.resume(21), CoroutineState::Complete(42));

    let mut closure = co::coro!(crate = crate::reexport::runtime; move |x: u32| {
        let y = yield x + 1;
        y + 1
    });
    assert_eq!(closure.resume(1), CoroutineState::Yielded(2));
    assert_eq!(closure.resume(10), CoroutineState::Complete(11));
}

#[test]
fn location_and_debug_work_under_the_renamed_crate() {
    use co::Locate;
    let mut c = through_a_path(3);
    c.resume(());
    assert!(
        matches!(c.location(), co::Location::Suspended(_)),
        "{:?}",
        c.location()
    );
    assert!(format!("{c:?}").contains("yield_!(i)"), "{c:?}");
}
