//! The signatures `#[coro::coroutine]` accepts: methods (`self`, `&self`, `&mut self`),
//! generics, lifetimes, `where` clauses, visibility, qualified trait paths and extra
//! bounds such as `+ Clone` (a suspended coroutine is cloned and both copies resume
//! independently), plus the `Locate` and `Debug` impls every generated coroutine has.

mod common;

use std::fmt::{Debug, Display};

use common::{drive, events, log, take_log, Noisy};
use coro::CoroutineState::{Complete, Yielded};
use coro::{yield_, Coroutine, Locate, Location};

// ---------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Tape {
    cells: Vec<u8>,
    name: String,
}

impl Tape {
    #[coro::coroutine]
    fn read(&self) -> impl Coroutine<Yield = u8, Return = usize> + '_ {
        let mut n = 0;
        for i in 0..self.cells.len() {
            yield_!(self.cells[i]);
            n += 1;
        }
        n
    }

    #[coro::coroutine]
    fn write(
        &mut self,
        #[resume] first: u8,
    ) -> impl Coroutine<u8, Yield = usize, Return = ()> + '_ {
        let mut b = first;
        while b != 0 {
            self.cells.push(b);
            b = yield_!(self.cells.len());
        }
    }

    #[coro::coroutine]
    pub fn into_chars(self) -> impl Coroutine<Yield = char, Return = String> {
        for b in self.name.clone().into_bytes() {
            yield_!(char::from(b));
        }
        self.name
    }

    #[coro::coroutine]
    pub(crate) fn scaled<'s>(
        &'s self,
        factor: u8,
    ) -> impl Coroutine<Yield = u8, Return = &'s str> + 's {
        let mut i = 0;
        while i < self.cells.len() {
            yield_!(self.cells[i] * factor);
            i += 1;
        }
        self.name.as_str()
    }
}

#[test]
fn method_with_shared_self() {
    let tape = Tape {
        cells: vec![3, 1, 4],
        name: "pi".into(),
    };
    let mut it = coro::iter(tape.read());
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [3, 1, 4]);
    assert_eq!(it.return_value(), Some(&3));
    let mut c = tape.scaled(2);
    assert_eq!(
        drive(&mut c, [(); 4]),
        [Yielded(6), Yielded(2), Yielded(8), Complete("pi")]
    );
}

#[test]
fn method_with_mut_self_and_resume_param() {
    let mut tape = Tape {
        cells: vec![],
        name: String::new(),
    };
    {
        let mut c = tape.write();
        assert_eq!(
            drive(&mut c, [7, 8, 0]),
            [Yielded(1), Yielded(2), Complete(())]
        );
    }
    assert_eq!(tape.cells, [7, 8]);
}

#[test]
fn method_taking_self_by_value() {
    let tape = Tape {
        cells: vec![],
        name: "ab".into(),
    };
    let mut c = tape.into_chars();
    assert_eq!(
        drive(&mut c, [(); 3]),
        [Yielded('a'), Yielded('b'), Complete("ab".to_string())]
    );
}

// ---------------------------------------------------------------------------------------
// Generics, lifetimes, where clauses, qualified paths
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
pub fn repeat<T: Clone>(x: T, n: usize) -> impl Coroutine<Yield = T, Return = usize> {
    for _ in 0..n {
        yield_!(x.clone());
    }
    n
}

#[test]
fn generic_function() {
    assert_eq!(coro::iter(repeat("hi", 3)).collect::<Vec<_>>(), ["hi"; 3]);
    assert_eq!(
        coro::iter(repeat(vec![1u8], 2)).collect::<Vec<_>>(),
        [vec![1], vec![1]]
    );
}

#[coro::coroutine]
fn labelled<K, V, I>(
    #[resume] prefix: String,
    items: I,
) -> impl ::coro::Coroutine<String, Yield = String, Return = Vec<K>>
where
    K: Display + Clone,
    V: Debug,
    I: IntoIterator<Item = (K, V)>,
{
    let mut keys = Vec::new();
    let mut prefix = prefix;
    for (k, v) in items {
        keys.push(k.clone());
        prefix = yield_!(format!("{prefix}{k}={v:?}"));
    }
    keys
}

#[test]
fn generics_with_where_clause_and_absolute_trait_path() {
    let mut c = labelled(vec![(1, "one"), (2, "two")]);
    assert_eq!(
        drive(&mut c, ["a:", "b:", "c:"].map(String::from)),
        [
            Yielded("a:1=\"one\"".to_string()),
            Yielded("b:2=\"two\"".to_string()),
            Complete(vec![1, 2])
        ]
    );
}

#[coro::coroutine]
fn words<'a>(
    text: &'a str,
    sep: char,
) -> impl coro::Coroutine<Yield = &'a str, Return = usize> + 'a {
    let mut count = 0;
    for w in text.split(sep) {
        if !w.is_empty() {
            yield_!(w);
            count += 1;
        }
    }
    count
}

#[test]
fn lifetimes_and_borrowed_arguments() {
    let text = String::from("a,,bc,d");
    let mut it = coro::iter(words(&text, ','));
    assert_eq!(it.by_ref().collect::<Vec<_>>(), ["a", "bc", "d"]);
    assert_eq!(it.return_value(), Some(&3));
}

#[coro::coroutine]
fn longest<'a, 'b: 'a>(
    a: &'a str,
    b: &'b str,
) -> impl Coroutine<Yield = &'a str, Return = ()> + 'a {
    yield_!(a);
    yield_!(b);
    let l = if a.len() >= b.len() { a } else { b };
    yield_!(l);
}

#[test]
fn several_lifetimes_with_bounds() {
    let owned = String::from("longer");
    assert_eq!(
        coro::iter(longest("ab", &owned)).collect::<Vec<_>>(),
        ["ab", "longer", "longer"]
    );
}

#[coro::coroutine]
fn sum_all(items: impl IntoIterator<Item = u32>) -> impl Coroutine<Yield = u32, Return = u32> {
    let mut total = 0;
    for x in items {
        total += x;
        yield_!(total);
    }
    total
}

#[test]
fn impl_trait_argument() {
    let mut it = coro::iter(sum_all([1, 2, 3]));
    assert_eq!(it.by_ref().collect::<Vec<_>>(), [1, 3, 6]);
    assert_eq!(it.into_return_value(), Some(6));
}

mod inner {
    use coro::{yield_, Coroutine};

    #[coro::coroutine]
    pub fn visible(n: u8) -> impl Coroutine<Yield = u8, Return = ()> {
        yield_!(n);
    }
}

#[test]
fn visibility_is_kept() {
    assert_eq!(coro::iter(inner::visible(4)).collect::<Vec<_>>(), [4]);
}

// ---------------------------------------------------------------------------------------
// `+ Clone`
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn counter(
    #[resume] step: u32,
    name: Noisy,
) -> impl Coroutine<u32, Yield = (u32, &'static str), Return = u32> + Clone {
    let mut total = 0;
    let mut step = step;
    while step != 0 {
        total += step;
        step = yield_!((total, name.0));
    }
    total
}

#[test]
fn clone_a_suspended_coroutine_and_resume_both() {
    let mut a = counter(Noisy("n"));
    assert_eq!(a.resume(1), Yielded((1, "n")));
    assert_eq!(a.resume(2), Yielded((3, "n")));
    let mut b = a.clone();
    take_log();
    assert_eq!(a.resume(10), Yielded((13, "n")));
    assert_eq!(b.resume(100), Yielded((103, "n")));
    assert_eq!(a.resume(0), Complete(13));
    assert_eq!(b.resume(1), Yielded((104, "n")));
    assert_eq!(b.resume(0), Complete(104));
    drop(a);
    drop(b);
    // Each copy owned its own `name`; both are dropped exactly once (at completion).
    assert_eq!(take_log(), events(&["drop n", "drop n"]));
}

#[test]
fn clone_an_unresumed_coroutine() {
    let a = counter(Noisy("m"));
    let mut b = a.clone();
    let mut a = a;
    assert_eq!(b.resume(5), Yielded((5, "m")));
    assert_eq!(a.resume(6), Yielded((6, "m")));
    assert_eq!(b.resume(0), Complete(5));
    assert_eq!(a.resume(0), Complete(6));
    take_log();
}

// ---------------------------------------------------------------------------------------
// Locate and Debug
// ---------------------------------------------------------------------------------------

#[coro::coroutine]
fn located() -> impl Coroutine<Yield = u32, Return = ()> {
    let kept = Noisy("kept");
    yield_!(line!());
    yield_!(line!());
    log(kept.0);
}

/// Yields inside larger expressions, which the transform moves into statements of their
/// own: the suspension point still reads as the user wrote the call.
#[coro::coroutine]
fn located_in_expressions(#[resume] first: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let total = first + yield_!(1) * 2;
    let mut n = 0;
    while n < yield_!(total) {
        n += 1;
    }
    yield_!(coro::yield_!(n) + 7);
    n
}

#[test]
fn a_yield_moved_out_of_an_expression_keeps_its_text() {
    let mut c = located_in_expressions();
    let mut seen = Vec::new();
    let mut arg = 1;
    while let Yielded(_) = c.resume(arg) {
        let Location::Suspended(point) = c.location() else {
            panic!("expected Suspended, got {:?}", c.location())
        };
        seen.push(point.expr);
        arg = 0;
    }
    assert_eq!(
        seen,
        [
            "yield_!(1)",
            "yield_!(total)",
            "coro::yield_!(n)",
            "yield_!(coro::yield_!(n) + 7)"
        ]
    );
}

#[test]
fn locate_reports_where_the_coroutine_is() {
    let mut c = located();
    assert_eq!(c.location(), Location::Unresumed);
    let debug = format!("{c:?}");
    assert!(
        debug.contains("Unresumed"),
        "Debug does not show the location: {debug}"
    );

    let mut lines = Vec::new();
    for index in 0..2 {
        let Yielded(line) = c.resume(()) else {
            panic!("expected a yield")
        };
        lines.push(line);
        let Location::Suspended(point) = c.location() else {
            panic!("expected Suspended, got {:?}", c.location())
        };
        assert_eq!(point.index, index);
        assert_eq!(point.function, "located");
        assert_eq!(
            point.line, line,
            "the suspension point's line is the yield's line"
        );
        assert!(
            point.expr.contains("yield_"),
            "expr should show the yield: {:?}",
            point.expr
        );
        assert!(
            point.holds.contains(&"kept"),
            "`kept` is held here: {:?}",
            point.holds
        );
        assert!(
            format!("{c:?}").contains("located"),
            "Debug does not show the point: {c:?}"
        );
    }
    assert_eq!(lines[1], lines[0] + 1);
    assert_eq!(c.resume(()), Complete(()));
    assert_eq!(c.location(), Location::Returned);
    assert!(format!("{c:?}").contains("Returned"));
    take_log();
}

#[test]
fn locate_through_mut_ref() {
    fn where_is(c: &impl Locate) -> Location {
        c.location()
    }
    let mut c = located();
    c.resume(());
    let r = &mut c;
    assert!(matches!(where_is(&r), Location::Suspended(_)));
    take_log();
}

// ---------------------------------------------------------------------------------------
// coro-core's hand-written constructor, next to a generated coroutine
// ---------------------------------------------------------------------------------------

#[test]
fn from_fn_and_generated_coroutines_interoperate() {
    let mut left = 3;
    let hand = coro::from_fn(move |(): ()| {
        if left == 0 {
            coro::CoroutineState::Complete(0)
        } else {
            left -= 1;
            coro::CoroutineState::Yielded(left as u64)
        }
    });
    let boxed: Vec<Box<dyn Coroutine<Yield = u64, Return = usize>>> = vec![
        Box::new(repeat(7u64, 2)),
        Box::new(coro::from_fn({
            let mut hand = hand;
            move |(): ()| match hand.resume(()) {
                Yielded(v) => Yielded(v),
                Complete(r) => Complete(r as usize),
            }
        })),
    ];
    let mut all = Vec::new();
    for mut c in boxed {
        loop {
            match c.resume(()) {
                Yielded(v) => all.push(v),
                Complete(n) => {
                    all.push(1000 + n as u64);
                    break;
                }
            }
        }
    }
    assert_eq!(all, [7, 7, 1002, 2, 1, 0, 1000]);
}

/// `self` in a method's body: `stringify!` reads it as written, and a `macro_rules!` of the
/// body names it as the body does (the adversarial review found `"__self.pos"` and E0382).
struct Cursor {
    pos: u32,
}

impl Cursor {
    #[coro::coroutine]
    fn steps(
        &mut self,
        #[resume] first: u32,
    ) -> impl Coroutine<u32, Yield = u32, Return = String> + '_ {
        macro_rules! here {
            () => {
                self.pos
            };
        }
        self.pos += first;
        let more = yield_!(here!());
        self.pos += more;
        format!("{} = {}", stringify!(self.pos), here!())
    }
}

#[test]
fn self_in_stringify_and_in_a_body_macro() {
    let mut cursor = Cursor { pos: 1 };
    let mut c = cursor.steps();
    assert_eq!(c.resume(2), Yielded(3));
    assert_eq!(
        c.resume(4),
        coro::CoroutineState::Complete("self.pos = 7".to_string())
    );
}

// A `macro_rules!` that writes the return type, or its `Return =` type, as a `$t:ty`
// fragment (an invisible group around the type); a macro's `return Err(..)` then still
// completes the coroutine (review round 7).
macro_rules! coroutine_returning {
    ($name:ident, $ret:ty) => {
        #[coro::coroutine]
        fn $name() -> $ret {
            yield_!(1u32);
        }
    };
}
coroutine_returning!(from_a_fragment, impl Coroutine<Yield = u32, Return = ()>);

macro_rules! fallible_coroutine {
    ($name:ident, $r:ty) => {
        #[coro::coroutine]
        fn $name(text: &'static str) -> impl Coroutine<Yield = u32, Return = $r> {
            macro_rules! bail_if_empty {
                ($t:expr) => {
                    if $t.is_empty() {
                        return Err("empty".to_string());
                    }
                };
            }
            bail_if_empty!(text);
            yield_!(text.len() as u32);
            Ok(text.len() as u32 * 2)
        }
    };
}
fallible_coroutine!(fallible_from_a_fragment, Result<u32, String>);

#[test]
fn return_types_written_by_a_macro_fragment() {
    let mut c = from_a_fragment();
    assert_eq!(c.resume(()), Yielded(1));
    assert_eq!(c.resume(()), Complete(()));
    let mut c = fallible_from_a_fragment("abc");
    assert_eq!(c.resume(()), Yielded(3));
    assert_eq!(c.resume(()), Complete(Ok(6)));
    let mut c = fallible_from_a_fragment("");
    assert_eq!(c.resume(()), Complete(Err("empty".to_string())));
}

// ---------------------------------------------------------------------------------------
// Names the state's field types must not take from the wrong scope (review round 14)
// ---------------------------------------------------------------------------------------

/// A generic parameter named like a primitive type: the parameter's field is left to
/// inference, never written as `u8` inside the function (where it would be the generic
/// parameter of an inner item, E0401).
#[allow(non_camel_case_types, clippy::builtin_type_shadow)]
#[coro::coroutine]
fn generic_named_like_a_primitive<u8: Copy + Into<u32>>(
    n: u8,
) -> impl Coroutine<Yield = u32, Return = u32> {
    yield_!(0);
    n.into()
}

/// A `let mut` of a string literal that may later hold a shorter-lived `&str`: its field
/// is not written as `&'static str`.
#[coro::coroutine]
fn literal_then_borrowed<'a>(
    text: &'a str,
    pick: bool,
) -> impl Coroutine<Yield = u32, Return = usize> + 'a {
    let mut s = "default";
    if pick {
        s = text;
    }
    yield_!(0);
    s.len()
}

#[test]
fn field_types_follow_the_names_in_scope() {
    let mut c = generic_named_like_a_primitive(3u16);
    assert_eq!(c.resume(()), Yielded(0));
    assert_eq!(c.resume(()), Complete(3));
    let owned = String::from("ab");
    let mut c = literal_then_borrowed(&owned, true);
    assert_eq!(c.resume(()), Yielded(0));
    assert_eq!(c.resume(()), Complete(2));
    let mut c = literal_then_borrowed(&owned, false);
    assert_eq!(c.resume(()), Yielded(0));
    assert_eq!(c.resume(()), Complete(7));
}
