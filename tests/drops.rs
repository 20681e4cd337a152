//! Drop semantics of `#[coro::coroutine]`: values held across yields are dropped at the end
//! of their blocks in reverse declaration order, `let _guard` lives to the end of its block,
//! dropping a suspended (or unresumed, or completed) coroutine drops exactly what it holds,
//! and owned resume arguments are dropped where rustc would. The last test pins the one
//! documented deviation from rustc.

mod common;

use common::{events, log, take_log, trace, Noisy};
use coro::{yield_, Coroutine, Locate};

#[coro::coroutine]
fn nested_scopes() -> impl Coroutine<Yield = &'static str, Return = &'static str> {
    let a = Noisy("a");
    let _guard = Noisy("guard");
    {
        let b = Noisy("b");
        let c = Noisy("c");
        yield_!("inner");
        log(format!("use {} {}", b.0, c.0));
    }
    log("left inner block");
    let d = Noisy("d");
    yield_!("outer");
    log(format!("use {} {}", a.0, d.0));
    "end"
}

#[test]
fn held_values_drop_at_block_end_in_reverse_order() {
    let mut c = nested_scopes();
    let log = trace(&mut c, [(); 3]);
    assert_eq!(
        log,
        events(&[
            "resume ()",
            "yield \"inner\"",
            "resume ()",
            "use b c",
            "drop c",
            "drop b",
            "left inner block",
            "yield \"outer\"",
            "resume ()",
            "use a d",
            "drop d",
            "drop guard",
            "drop a",
            "complete \"end\"",
        ])
    );
    drop(c);
    assert!(
        take_log().is_empty(),
        "a completed coroutine dropped something again"
    );
}

#[test]
fn dropping_while_suspended_drops_exactly_what_is_held() {
    // Suspended in the inner block: c, b, then the outer ones, guard and a.
    let mut c = nested_scopes();
    trace(&mut c, [()]);
    drop(c);
    assert_eq!(
        take_log(),
        events(&["drop c", "drop b", "drop guard", "drop a"])
    );

    // Suspended at the second yield: b and c are gone already.
    let mut c = nested_scopes();
    trace(&mut c, [(), ()]);
    drop(c);
    assert_eq!(take_log(), events(&["drop d", "drop guard", "drop a"]));
}

#[coro::coroutine]
fn takes_params(p: Noisy, q: Noisy) -> impl Coroutine<Yield = (), Return = ()> {
    let a = Noisy("a");
    yield_!(());
    log(format!("{} {} {}", p.0, q.0, a.0));
}

#[test]
fn dropping_an_unresumed_coroutine_drops_its_parameters_once() {
    take_log();
    let c = takes_params(Noisy("p"), Noisy("q"));
    assert!(take_log().is_empty(), "constructing dropped something");
    drop(c);
    let mut got = take_log();
    got.sort();
    assert_eq!(got, events(&["drop p", "drop q"]));
}

#[test]
fn parameters_live_until_the_body_ends() {
    let mut c = takes_params(Noisy("p"), Noisy("q"));
    let log = trace(&mut c, [(), ()]);
    assert_eq!(&log[..3], events(&["resume ()", "yield ()", "resume ()"]));
    assert_eq!(log[3], "p q a");
    assert_eq!(log[4], "drop a", "locals drop before parameters");
    let mut params = log[5..7].to_vec();
    params.sort();
    assert_eq!(params, events(&["drop p", "drop q"]));
    assert_eq!(log[7..], events(&["complete ()"]));
    drop(c);
    assert!(take_log().is_empty());
}

#[coro::coroutine]
fn underscore_patterns() -> impl Coroutine<Yield = u8, Return = ()> {
    let _ = Noisy("wildcard");
    let _named = Noisy("named");
    log("after lets");
    yield_!(1);
    log("after yield");
}

#[test]
fn wildcard_let_drops_at_once_but_underscore_name_lives_to_block_end() {
    let mut c = underscore_patterns();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "drop wildcard",
            "after lets",
            "yield 1",
            "resume ()",
            "after yield",
            "drop named",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn loop_locals(n: usize) -> impl Coroutine<Yield = usize, Return = ()> {
    let items = vec![Noisy("x"), Noisy("y"), Noisy("z")];
    for (i, item) in items.into_iter().enumerate().take(n) {
        let tmp = Noisy("tmp");
        yield_!(i);
        log(format!("{} {}", item.0, tmp.0));
    }
    log("loop done");
}

#[test]
fn loop_iteration_locals_and_the_held_iterator() {
    let mut c = loop_locals(2);
    assert_eq!(
        trace(&mut c, [(); 3]),
        events(&[
            "resume ()",
            "yield 0",
            "resume ()",
            "x tmp",
            "drop tmp",
            "drop x",
            "yield 1",
            "resume ()",
            "y tmp",
            "drop tmp",
            "drop y",
            // `take(2)` stops; the iterator (still holding z) is dropped with the loop.
            "drop z",
            "loop done",
            "complete ()",
        ])
    );

    // Dropped while suspended in the first iteration: the current locals, then the
    // iterator with the items it still owns.
    let mut c = loop_locals(3);
    trace(&mut c, [()]);
    drop(c);
    assert_eq!(
        take_log(),
        events(&["drop tmp", "drop x", "drop y", "drop z"])
    );
}

#[coro::coroutine]
fn owned_args(#[resume] first: Noisy) -> impl Coroutine<Noisy, Yield = u8, Return = ()> {
    yield_!(1);
    let kept = yield_!(2);
    let mut slot = Noisy("slot");
    log(slot.0);
    slot = yield_!(3);
    log(format!("{} {} {}", first.0, kept.0, slot.0));
}

#[test]
fn owned_resume_arguments_are_dropped_like_rustc_drops_them() {
    let mut c = owned_args();
    let log = trace(&mut c, ["r0", "r1", "r2", "r3"].map(Noisy));
    // Documented deviation (README, "Drop order"): `slot = yield_!(3)` overwrites `slot`
    // right after the yield, so coro does not hold its old value across the yield (it may
    // have been moved); the old value is dropped when the coroutine suspends, where rustc
    // drops it at the assignment after the resume.
    assert_eq!(
        log,
        events(&[
            "resume Noisy(\"r0\")",
            "yield 1",
            "resume Noisy(\"r1\")",
            "drop r1",
            "yield 2",
            "resume Noisy(\"r2\")",
            "slot",
            "drop slot",
            "yield 3",
            "resume Noisy(\"r3\")",
            "r0 r2 r3",
            "drop r3",
            "drop r2",
            "drop r0",
            "complete ()",
        ])
    );
}

#[test]
fn dropping_with_owned_arguments_held() {
    let mut c = owned_args();
    let log = trace(&mut c, ["r0", "r1", "r2"].map(Noisy));
    // `slot` was dropped at the suspension (see above); what remains held is dropped,
    // latest declared first.
    assert!(log.contains(&"drop slot".to_string()));
    drop(c);
    assert_eq!(take_log(), events(&["drop r2", "drop r0"]));
}

#[coro::coroutine]
fn moves_out(#[resume] first: bool) -> impl Coroutine<bool, Yield = Noisy, Return = Option<Noisy>> {
    let a = Noisy("a");
    let b = Noisy("b");
    let keep = first;
    if keep {
        yield_!(a);
    } else {
        drop(a);
        yield_!(Noisy("fresh"));
    }
    log("resumed");
    yield_!(Noisy("second"));
    if keep {
        Some(b)
    } else {
        log(b.0);
        None
    }
}

#[test]
fn moved_out_values_are_not_dropped_by_the_coroutine() {
    let mut c = moves_out();
    assert_eq!(
        trace(&mut c, [true, true, true]),
        events(&[
            "resume true",
            "yield Noisy(\"a\")",
            "drop a",
            "resume true",
            "resumed",
            "yield Noisy(\"second\")",
            "drop second",
            "resume true",
            "complete Some(Noisy(\"b\"))",
            "drop b",
        ])
    );
    let mut c = moves_out();
    assert_eq!(
        trace(&mut c, [false, false, false]),
        events(&[
            "resume false",
            "drop a",
            "yield Noisy(\"fresh\")",
            "drop fresh",
            "resume false",
            "resumed",
            "yield Noisy(\"second\")",
            "drop second",
            "resume false",
            "b",
            "drop b",
            "complete None",
        ])
    );
    // Conditionally moved: dropping while suspended drops only b (a was moved either way).
    let mut c = moves_out();
    trace(&mut c, [true]);
    drop(c);
    assert_eq!(take_log(), events(&["drop b"]));
}

#[coro::coroutine]
fn early_exits(#[resume] first: u8) -> impl Coroutine<u8, Yield = u8, Return = Result<u8, String>> {
    let _outer = Noisy("outer");
    loop {
        let _inner = Noisy("inner");
        let cmd = yield_!(first);
        match cmd {
            0 => return Ok(0),
            1 => Err("one".to_string())?,
            2 => break,
            _ => {}
        }
    }
    let _after = Noisy("after");
    let x = yield_!(9);
    Ok(x)
}

#[test]
fn early_exits_drop_everything_held_innermost_first() {
    let mut c = early_exits();
    assert_eq!(
        trace(&mut c, [7, 5, 0]),
        events(&[
            "resume 7",
            "yield 7",
            "resume 5",
            "drop inner",
            "yield 7",
            "resume 0",
            "drop inner",
            "drop outer",
            "complete Ok(0)",
        ])
    );
    let mut c = early_exits();
    assert_eq!(
        trace(&mut c, [7, 1]),
        events(&[
            "resume 7",
            "yield 7",
            "resume 1",
            "drop inner",
            "drop outer",
            "complete Err(\"one\")"
        ])
    );
    let mut c = early_exits();
    assert_eq!(
        trace(&mut c, [7, 2, 3]),
        events(&[
            "resume 7",
            "yield 7",
            "resume 2",
            "drop inner",
            "yield 9",
            "resume 3",
            "drop after",
            "drop outer",
            "complete Ok(3)",
        ])
    );
}

#[coro::coroutine]
fn last_mention_before_yield() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let early = Noisy("early");
    log(format!("using {}", describe(early).0));
    let late = Noisy("late");
    yield_!("suspended");
    log(format!("using {}", late.0));
}

/// Takes a `Noisy` by value and gives it back: a by-value mention, which may move.
fn describe(n: Noisy) -> Noisy {
    n
}

/// DOCUMENTED DEVIATION from rustc: a binding whose last mention before a yield may have
/// moved it (a by-value use: `describe(early)`) is not held across the yield (the macro
/// cannot know whether it was moved), so a value it still owns is dropped when the
/// coroutine suspends. Here `describe` hands the value back into a temporary that
/// `format!` drops before `log` runs, so nothing is left to drop and the trace matches
/// rustc's; the early drop shows in
/// `deviation_a_binding_that_may_have_moved_is_dropped_at_suspension`.
#[test]
fn deviation_binding_last_mentioned_before_a_yield_is_dropped_at_suspension() {
    let mut c = last_mention_before_yield();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "drop early",
            "using early",
            "yield \"suspended\"",
            "resume ()",
            "using late",
            "drop late",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn may_have_moved() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let early = Noisy("early");
    let copy = early.clone();
    log(format!("cloned {}", copy.0));
    yield_!("suspended");
    log("resumed");
}

/// DOCUMENTED DEVIATION from rustc: `early.clone()` is a method call on `early`, which
/// the macro cannot tell from one that takes `self` by value, so `early` (not mentioned
/// after the yield) is not held across it and is dropped when the coroutine suspends (the
/// first "drop early"). rustc keeps it to the end of the block, after "resumed". `copy`,
/// only ever borrowed, is held and dropped at the end of the block (the second).
#[test]
fn deviation_a_binding_that_may_have_moved_is_dropped_at_suspension() {
    let mut c = may_have_moved();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "cloned early",
            "drop early",
            "yield \"suspended\"",
            "resume ()",
            "resumed",
            "drop early",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn only_borrowed() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let early = Noisy("early");
    log(format!("using {}", early.0));
    let late = Noisy("late");
    yield_!("suspended");
    log(format!("using {}", late.0));
}

/// A binding every mention of which only borrows it (`early.0` in a format argument) still
/// owns its value at the yield: the coroutine holds it and drops it at the end of its
/// block, as rustc does.
#[test]
fn a_binding_only_borrowed_is_held_to_the_end_of_its_block() {
    let mut c = only_borrowed();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "using early",
            "yield \"suspended\"",
            "resume ()",
            "using late",
            "drop late",
            "drop early",
            "complete ()",
        ])
    );
}

// A buffer only ever indexed is resumed in place (the state keeps it; the resume arm
// borrows it). Its drops must be those of any held value.
thread_local! {
    /// The round at which `indexed_buffer` panics (a thread-local, not a parameter, so
    /// that the only held values are the buffer and the loop's iterator).
    static FAIL_AT: std::cell::Cell<u8> = const { std::cell::Cell::new(9) };
}

#[coro::coroutine]
fn indexed_buffer() -> impl Coroutine<Yield = &'static str, Return = ()> {
    let slots = [Noisy("left"), Noisy("right")];
    for round in 0..4u8 {
        if round == FAIL_AT.with(|f| f.get()) {
            panic!("round {round}");
        }
        yield_!(slots[usize::from(round % 2)].0);
    }
}

#[test]
fn a_state_resumed_in_place_drops_what_it_holds() {
    let mut c = indexed_buffer();
    let at = c.location();
    assert_eq!(at, coro::Location::Unresumed);
    assert_eq!(
        trace(&mut c, [(), (), ()]),
        events(&[
            "resume ()",
            "yield \"left\"",
            "resume ()",
            "yield \"right\"",
            "resume ()",
            "yield \"left\""
        ])
    );
    drop(c);
    assert_eq!(take_log(), events(&["drop left", "drop right"]));

    let mut c = indexed_buffer();
    trace(&mut c, [(), (), (), (), ()]);
    // Completion dropped the buffer at the end of the body; nothing is left to drop.
    drop(c);
    assert_eq!(take_log(), events(&[]));
    FAIL_AT.with(|f| f.set(9));
}

#[test]
fn a_panic_in_a_state_resumed_in_place_drops_it_once_and_poisons() {
    FAIL_AT.with(|f| f.set(2));
    let mut c = indexed_buffer();
    trace(&mut c, [(), ()]);
    let message = common::panic_message(|| c.resume(()));
    assert_eq!(message, "round 2");
    assert_eq!(take_log(), events(&["drop left", "drop right"]));
    assert_eq!(c.location(), coro::Location::Poisoned);
    let again = common::panic_message(|| c.resume(()));
    assert!(again.contains("resumed after panicking"), "{again}");
    drop(c);
    assert_eq!(take_log(), events(&[]));
    FAIL_AT.with(|f| f.set(9));
}

#[coro::coroutine]
fn scrutinee_temporary() -> impl Coroutine<Yield = usize, Return = ()> {
    match Noisy("temporary").0.len() {
        n => {
            yield_!(n);
            log("resumed");
        }
    }
}

/// DOCUMENTED DEVIATION from rustc (README, "Drop order and panics", rule 4): a temporary
/// of a `match` scrutinee lives to the end of the `match` in rustc, across the yield in its
/// arm; coro drops it when the coroutine suspends.
#[test]
fn deviation_scrutinee_temporary_is_dropped_at_suspension() {
    let mut c = scrutinee_temporary();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "drop temporary",
            "yield 9",
            "resume ()",
            "resumed",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn operand_temporary(
    #[resume] _first: usize,
) -> impl Coroutine<usize, Yield = usize, Return = usize> {
    Noisy("operand").0.len() + yield_!(1)
}

/// DOCUMENTED DEVIATION from rustc (README, "Drop order and panics", rule 6): an operand
/// evaluated before a yield in the same statement is evaluated into a temporary of its own,
/// so the temporaries it makes (`Noisy("operand")`) are dropped before the coroutine
/// suspends; rustc keeps them to the end of the statement, after the resume.
#[test]
fn deviation_operand_temporary_before_a_yield_is_dropped_before_it() {
    let mut c = operand_temporary();
    assert_eq!(
        trace(&mut c, [0, 10]),
        events(&[
            "resume 0",
            "drop operand",
            "yield 1",
            "resume 10",
            "complete 17",
        ])
    );
}

#[coro::coroutine]
fn guard_in_an_inner_block() -> impl Coroutine<Yield = u32, Return = u32> {
    let value = {
        let _guard = Noisy("guard");
        yield_!(7);
        1
    };
    log("after the block");
    value
}

/// Found by coro-diff: a guard held across a yield in an inner block is dropped at the
/// end of that block, before the code after it, like any other held value.
#[test]
fn a_guard_in_an_inner_block_drops_at_its_end() {
    let mut c = guard_in_an_inner_block();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "yield 7",
            "resume ()",
            "drop guard",
            "after the block",
            "complete 1",
        ])
    );
}

// ---------------------------------------------------------------------------------------
// Deviations 7 to 11 (README / guide, "Drop order and panics"), found by an adversarial
// review against rustc's native coroutines; each test pins what coro does, the comment says
// what rustc does.
// ---------------------------------------------------------------------------------------

impl Noisy {
    fn id(&self) -> usize {
        self.0.len()
    }
}

#[coro::coroutine]
fn yielded_value_temporary() -> impl Coroutine<Yield = usize, Return = ()> {
    yield_!(Noisy("yielded").id());
    log("resumed");
}

/// DOCUMENTED DEVIATION (rule 7): the temporaries of the yielded value itself are dropped
/// before the coroutine suspends; rustc drops them at the end of the statement, after the
/// resume (`yield_!(m.lock().unwrap().len())` does not hold the guard across the yield).
#[test]
fn deviation_yielded_value_temporary_is_dropped_before_suspending() {
    let mut c = yielded_value_temporary();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "drop yielded",
            "yield 7",
            "resume ()",
            "resumed",
            "complete ()",
        ])
    );
}

/// Makes a `Vec` from its own `Noisy`: a temporary of the `for` loop's iterable.
struct Maker(Noisy);

impl Maker {
    fn items(&self) -> Vec<u32> {
        vec![1, self.0 .0.len() as u32 - 6]
    }
}

#[coro::coroutine]
fn for_iterable_temporary() -> impl Coroutine<Yield = u32, Return = ()> {
    for x in Maker(Noisy("iterable")).items() {
        yield_!(x);
    }
    log("after the loop");
}

/// DOCUMENTED DEVIATION (rule 8): a temporary of a `for` loop's iterable is dropped when the
/// coroutine first suspends in the loop; rustc keeps it to the end of the loop.
#[test]
fn deviation_for_iterable_temporary_is_dropped_at_the_first_suspension() {
    let mut c = for_iterable_temporary();
    assert_eq!(
        trace(&mut c, [(), (), ()]),
        events(&[
            "resume ()",
            "drop iterable",
            "yield 1",
            "resume ()",
            "yield 2",
            "resume ()",
            "after the loop",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn extended_temporary() -> impl Coroutine<Yield = usize, Return = ()> {
    let _guard = Noisy("guard");
    let extended = &Noisy("extended");
    let n = extended.id();
    yield_!(n);
    log("resumed");
}

/// DOCUMENTED DEVIATION (rule 9): a temporary whose lifetime `let r = &Noisy(..)` extends,
/// read only before a yield, is dropped when the coroutine suspends; rustc drops it at the
/// end of its block.
#[test]
fn deviation_extended_temporary_not_read_after_a_yield_is_dropped_at_suspension() {
    let mut c = extended_temporary();
    assert_eq!(
        trace(&mut c, [(), ()]),
        events(&[
            "resume ()",
            "drop extended",
            "yield 8",
            "resume ()",
            "resumed",
            "drop guard",
            "complete ()",
        ])
    );
}

#[coro::coroutine]
fn underscore_resume_parameter(
    #[resume] _: Noisy,
) -> impl Coroutine<Noisy, Yield = u32, Return = ()> {
    let _guard = Noisy("guard");
    yield_!(1);
    log("resumed");
}

/// DOCUMENTED DEVIATION (rule 10): a first resume argument bound to `_` is dropped at once;
/// rustc keeps it to the end of the body (after its locals), as it keeps a closure's `_`
/// parameter.
#[test]
fn deviation_first_resume_argument_bound_to_underscore_is_dropped_at_once() {
    let mut c = underscore_resume_parameter();
    take_log();
    assert!(matches!(
        c.resume(Noisy("first")),
        coro::CoroutineState::Yielded(1)
    ));
    assert_eq!(take_log(), ["drop first"]);
    assert!(matches!(
        c.resume(Noisy("second")),
        coro::CoroutineState::Complete(())
    ));
    assert_eq!(take_log(), ["drop second", "resumed", "drop guard"]);
}

#[coro::coroutine]
fn destructured_resume_parameter(
    #[resume] Noisy(name): Noisy,
) -> impl Coroutine<Noisy, Yield = u32, Return = ()> {
    let _guard = Noisy("guard");
    yield_!(1);
    log(name);
}

/// DOCUMENTED DEVIATION (rule 10): a first resume argument taken apart by its pattern
/// (`#[resume] Noisy(name): Noisy`, its parts copied out) is dropped when the coroutine
/// first suspends; rustc keeps the whole argument to the end of the body (review round 11,
/// H6).
#[test]
fn deviation_first_resume_argument_taken_apart_is_dropped_at_the_first_suspension() {
    let mut c = destructured_resume_parameter();
    take_log();
    assert!(matches!(
        c.resume(Noisy("first")),
        coro::CoroutineState::Yielded(1)
    ));
    assert_eq!(take_log(), ["drop first"]);
    assert!(matches!(
        c.resume(Noisy("second")),
        coro::CoroutineState::Complete(())
    ));
    assert_eq!(take_log(), ["drop second", "first", "drop guard"]);
}

#[coro::coroutine]
fn address_across_a_yield() -> impl Coroutine<Yield = (), Return = bool> {
    let x = Noisy("x");
    let before = &raw const x;
    yield_!(());
    let same = std::ptr::eq(before, &raw const x);
    log(x.0);
    same
}

/// DOCUMENTED DEVIATION (rule 11, not a drop): a local held across a yield is moved into the
/// state and back, so its address is not the same after the yield; rustc's coroutines are
/// pinned and keep it. Only raw pointers can tell.
#[test]
fn deviation_a_held_local_does_not_keep_its_address_across_a_yield() {
    let mut c = address_across_a_yield();
    assert!(matches!(c.resume(()), coro::CoroutineState::Yielded(())));
    assert!(matches!(
        c.resume(()),
        coro::CoroutineState::Complete(false)
    ));
}
