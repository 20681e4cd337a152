//! What a suspended coroutine shows of the values it holds (issue 13): `Locate::for_each_held`
//! and `Locate::held`. Each held binding comes with its value where its type implements
//! `Debug` and with the placeholder where it does not; that is decided where the types are
//! known, inside the coroutine function, without any bound on them, also in generic
//! functions (where a type parameter's own bounds decide).

use std::cell::Cell;

use coro::{yield_, Coroutine, CoroutineState, Held, Locate, Location};

/// The names and shown values of what `c` holds now.
fn held_of(c: &impl Locate) -> Vec<(String, String)> {
    let mut out = Vec::new();
    c.for_each_held(&mut |held: Held<'_>| {
        out.push((held.name().to_owned(), held.shown().to_string()));
    });
    out
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// A type without `Debug`.
struct Opaque(u32);

#[coro::coroutine]
fn mixed(limit: u32) -> impl Coroutine<Yield = u32, Return = u32> {
    let secret = Opaque(7);
    let mut seen = Vec::new();
    for i in 0..limit {
        seen.push(i);
        yield_!(i);
    }
    secret.0 + seen.len() as u32
}

#[test]
fn a_debug_value_is_shown_and_a_value_without_debug_is_the_placeholder() {
    let mut c = mixed(3);
    assert!(
        held_of(&c).is_empty(),
        "nothing is held before the first resume"
    );
    assert_eq!(c.resume(()), CoroutineState::Yielded(0));
    assert_eq!(
        held_of(&c),
        pairs(&[
            ("secret", "<not Debug>"),
            ("seen", "[0]"),
            ("(for loop iterator)", "1..3"),
        ])
    );
    assert_eq!(c.resume(()), CoroutineState::Yielded(1));
    assert_eq!(
        c.held().to_string(),
        "secret = <not Debug>, seen = [0, 1], (for loop iterator) = 2..3"
    );
    c.resume(());
    assert_eq!(c.resume(()), CoroutineState::Complete(10));
    assert!(
        held_of(&c).is_empty(),
        "a completed coroutine holds nothing"
    );
}

#[test]
fn the_names_are_the_ones_the_location_lists() {
    let mut c = mixed(2);
    c.resume(());
    let Location::Suspended(point) = c.location() else {
        panic!("suspended")
    };
    let names: Vec<String> = held_of(&c).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, point.holds);
}

/// Generic: `T` has no `Debug` bound here, `U` has one.
#[coro::coroutine]
fn generic<T, U: std::fmt::Debug>(t: T, u: U) -> impl Coroutine<Yield = (), Return = (T, U)> {
    let mut count = 41;
    yield_!(());
    count += 1;
    yield_!(());
    let _ = count;
    (t, u)
}

#[test]
fn in_a_generic_function_the_type_parameters_own_bounds_decide() {
    // `T` is a `String` here, which is `Debug`, but inside `generic` all that is known of
    // `T` is that it is a type: it shows as the placeholder. `U: Debug` shows its value.
    let mut c = generic(String::from("t"), vec!['u']);
    c.resume(());
    assert_eq!(
        held_of(&c),
        pairs(&[("t", "<not Debug>"), ("u", "['u']"), ("count", "41")])
    );
    c.resume(());
    assert_eq!(
        c.held().to_string(),
        "t = <not Debug>, u = ['u'], count = 42"
    );
}

#[test]
fn an_integer_left_to_inference_is_shown() {
    // `count` above is `{integer}` until the end of type checking (i32): still `Debug`.
    let mut c = generic((), ());
    c.resume(());
    assert!(c.held().to_string().ends_with("count = 41"));
}

#[coro::coroutine]
fn holds_a_closure(step: u8) -> impl Coroutine<Yield = u8, Return = ()> {
    let add = move |x: u8| x + step;
    let mut x = 0;
    while x < 3 {
        x = add(x);
        yield_!(x);
    }
}

#[test]
fn a_closure_is_the_placeholder_and_its_neighbours_are_values() {
    let mut c = holds_a_closure(2);
    c.resume(());
    assert_eq!(c.held().to_string(), "add = <not Debug>, x = 2");
}

#[test]
fn long_values_are_trimmed_and_hex_and_precision_reach_every_value() {
    #[coro::coroutine]
    fn long() -> impl Coroutine<Yield = (), Return = ()> {
        let bytes: Vec<u8> = (0..=255).collect();
        let byte = 0x6Cu8;
        yield_!(());
        drop((bytes, byte));
    }
    let mut c = long();
    c.resume(());
    assert_eq!(
        c.held().to_string(),
        "bytes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1..., byte = 108"
    );
    assert_eq!(
        format!("{:.8X}", c.held()),
        "bytes = [0, 1, 2..., byte = 6C"
    );
}

#[test]
fn the_debug_output_shows_the_held_values() {
    let mut c = mixed(3);
    c.resume(());
    let debug = format!("{c:?}");
    assert!(
        debug
            .contains(r#"held: {"secret": <not Debug>, "seen": [0], "(for loop iterator)": 1..3}"#),
        "{debug}"
    );
}

#[test]
fn a_mutable_reference_shows_what_the_coroutine_shows() {
    let mut c = mixed(3);
    c.resume(());
    let r = &mut c;
    assert_eq!(
        r.held().to_string(),
        "secret = <not Debug>, seen = [0], (for loop iterator) = 1..3"
    );
}

#[test]
fn looking_runs_nothing_and_moves_nothing() {
    struct Counted<'a>(&'a Cell<u32>);
    impl std::fmt::Debug for Counted<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.set(self.0.get() + 1);
            f.write_str("counted")
        }
    }
    #[coro::coroutine]
    fn holds<'a>(c: Counted<'a>) -> impl Coroutine<Yield = (), Return = u32> + 'a {
        yield_!(());
        yield_!(());
        c.0.get()
    }
    let cell = Cell::new(0);
    let mut c = holds(Counted(&cell));
    c.resume(());
    assert_eq!(cell.get(), 0, "resuming formats nothing");
    assert_eq!(c.held().to_string(), "c = counted");
    assert_eq!(c.held().to_string(), "c = counted");
    assert_eq!(cell.get(), 2);
    c.resume(());
    assert_eq!(c.resume(()), CoroutineState::Complete(2));
}

#[test]
fn a_coro_closure_shows_its_values_too() {
    let mut c = coro::coro!(move || {
        let mut total = 0u64;
        for n in [3, 4] {
            total += n;
            yield total;
        }
    });
    c.resume(());
    assert_eq!(
        c.held().to_string(),
        "total = 3, (for loop iterator) = IntoIter([4])"
    );
}

#[test]
fn a_delegated_coroutine_shows_as_its_debug_output() {
    #[coro::coroutine]
    fn inner() -> impl Coroutine<Yield = u8, Return = ()> {
        let x = 5u8;
        yield_!(x);
        yield_!(x + 1);
    }
    #[coro::coroutine]
    fn outer() -> impl Coroutine<Yield = u8, Return = ()> {
        coro::yield_from!(inner());
    }
    let mut c = outer();
    c.resume(());
    let shown = format!("{:.200}", c.held());
    assert!(shown.contains(r#"held: {"x": 5}"#), "{shown}");
}

#[test]
fn a_suspended_coroutine_is_the_same_size_as_before_it_could_show_values() {
    // The closure that shows the values is zero-sized: a `Machine` is its state and its
    // resume closure, as before.
    #[coro::coroutine]
    fn sized() -> impl Coroutine<Yield = u64, Return = ()> {
        let a = 1u64;
        yield_!(a);
        yield_!(a);
    }
    assert_eq!(std::mem::size_of_val(&sized()), 16);
}

#[test]
fn a_coroutine_that_holds_nothing_shows_nothing() {
    #[coro::coroutine]
    fn bare() -> impl Coroutine<Yield = u8, Return = ()> {
        yield_!(1);
        yield_!(2);
    }
    let mut c = bare();
    c.resume(());
    assert!(matches!(c.location(), Location::Suspended(_)));
    assert!(held_of(&c).is_empty());
    assert_eq!(c.held().to_string(), "");
    assert!(format!("{c:?}").contains("held: {}"));
}

#[test]
fn states_that_hold_fewer_values_than_others_show_only_theirs() {
    // Suspend0 holds three values, Suspend1 one: the values come as one array padded
    // with `None`, and only as many as the state's own names are shown.
    #[coro::coroutine]
    fn uneven(v: Vec<u8>) -> impl Coroutine<Yield = u8, Return = ()> {
        let (a, b) = (1u8, 2u8);
        for x in v {
            yield_!(x + a + b);
        }
        yield_!(0);
    }
    let mut c = uneven(vec![5]);
    c.resume(());
    assert_eq!(held_of(&c).len(), 3);
    c.resume(());
    assert!(held_of(&c).is_empty(), "{:?}", held_of(&c));
}

#[test]
fn a_closure_whose_parameter_type_comes_later_shows_names_only_and_compiles() {
    // `first`'s type is decided by the `resume` below, after the closure: the closure
    // cannot tell whether it is `Debug`, so it shows the name alone. (Probing it would
    // take the undecided type for `Debug` and fail to compile for `Opaque`.)
    let mut c = coro::coro!(|first| {
        let kept = first;
        yield 1u8;
        std::hint::black_box(kept);
    });
    assert_eq!(c.resume(Opaque(3)), CoroutineState::Yielded(1));
    assert_eq!(c.held().to_string(), "kept = <not shown>");
    let mut held = Vec::new();
    c.for_each_held(&mut |h: Held<'_>| held.push((h.name(), h.is_known())));
    assert_eq!(held, [("kept", false)]);

    // With the type written, the values are shown.
    let mut d = coro::coro!(|first: u16| {
        let kept = first;
        yield 1u8;
        std::hint::black_box(kept);
    });
    d.resume(7);
    assert_eq!(d.held().to_string(), "kept = 7");
}
