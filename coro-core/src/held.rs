//! The values a suspended coroutine holds, for people watching it run.
//!
//! [`Locate::for_each_held`] hands out one [`Held`] per value saved in the state the
//! coroutine is suspended in: its name and, where its type implements `Debug`, a reference
//! to it. Printing a [`Held`] gives `name = value`, the value's `Debug` text trimmed when it
//! is long, or a placeholder when the type has no `Debug`.

use core::fmt;

use crate::{Locate, Location, StateInfo};

/// How many characters of a value's `Debug` text are shown when no precision is given.
///
/// ```
/// let long = "x".repeat(100);
/// let shown = coro_core::Held::new("s", Some(&long)).shown().to_string();
/// assert_eq!(shown.chars().count(), coro_core::SHOWN_CHARS + "...".len());
/// ```
pub const SHOWN_CHARS: usize = 40;

/// What is shown for a value whose type does not implement `Debug`.
///
/// ```
/// let shown = coro_core::Held::new("f", None).shown().to_string();
/// assert_eq!(shown, coro_core::NOT_DEBUG);
/// ```
pub const NOT_DEBUG: &str = "<not Debug>";

/// What is shown for a value of a coroutine that knows only the names of what it holds
/// ([`Held::name_only`]: a hand-written [`Machine`](crate::Machine), some `coro::coro!`
/// closures).
///
/// ```
/// let shown = coro_core::Held::name_only("f").shown().to_string();
/// assert_eq!(shown, coro_core::NOT_SHOWN);
/// ```
pub const NOT_SHOWN: &str = "<not shown>";

/// One value a suspended coroutine holds: the binding's name and, if its type implements
/// `Debug`, the value.
///
/// `Display` writes `name = value` (see [`Held::shown`] for how the value is written):
///
/// ```
/// use coro_core::Held;
///
/// let len = 3u8;
/// assert_eq!(Held::new("len", Some(&len)).to_string(), "len = 3");
/// assert_eq!(Held::new("got_token", None).to_string(), "got_token = <not Debug>");
/// assert_eq!(format!("{:X}", Held::new("byte", Some(&0x6Cu8))), "byte = 6C");
/// assert_eq!(format!("{:.6}", Held::new("word", Some(&"Hello, world"))), "word = \"Hello...");
/// ```
#[derive(Clone, Copy)]
pub struct Held<'a> {
    name: &'static str,
    value: Option<&'a dyn fmt::Debug>,
    /// Whether `value` says something: `false` for [`Held::name_only`].
    known: bool,
}

impl<'a> Held<'a> {
    /// A held value: `value` is `None` where its type does not implement `Debug`.
    ///
    /// ```
    /// let count = 2;
    /// let held = coro_core::Held::new("count", Some(&count));
    /// assert_eq!(held.name(), "count");
    /// ```
    pub const fn new(name: &'static str, value: Option<&'a dyn fmt::Debug>) -> Self {
        Held {
            name,
            value,
            known: true,
        }
    }

    /// A held value known only by its name: whether its type implements `Debug` is not
    /// known either (shown as [`NOT_SHOWN`]).
    ///
    /// ```
    /// let held = coro_core::Held::name_only("got_token");
    /// assert!(held.value().is_none() && !held.is_known());
    /// ```
    pub const fn name_only(name: &'static str) -> Self {
        Held {
            name,
            value: None,
            known: false,
        }
    }

    /// Whether the coroutine said what this value is: `true` for [`Held::new`] (with a
    /// value or without one because its type has no `Debug`), `false` for
    /// [`Held::name_only`].
    ///
    /// ```
    /// assert!(coro_core::Held::new("f", None).is_known());
    /// ```
    pub const fn is_known(&self) -> bool {
        self.known
    }

    /// The binding's name as written, `self`, or `(for loop iterator)` for the iterator a
    /// `for` loop keeps (the same names as [`SuspensionPoint::holds`](crate::SuspensionPoint)).
    ///
    /// ```
    /// assert_eq!(coro_core::Held::new("word", None).name(), "word");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The value, where its type implements `Debug`.
    ///
    /// ```
    /// let word = vec![b'a'];
    /// let held = coro_core::Held::new("word", Some(&word));
    /// assert_eq!(format!("{:?}", held.value().unwrap()), "[97]");
    /// assert!(coro_core::Held::new("f", None).value().is_none());
    /// ```
    pub const fn value(&self) -> Option<&'a dyn fmt::Debug> {
        self.value
    }

    /// The value as a trace shows it, without the name: its `Debug` text (`{:?}`; `{:x}` and
    /// `{:X}` give `{:x?}` and `{:X?}`, integers in hexadecimal), cut after
    /// [`SHOWN_CHARS`] characters or the precision (`{:.12}`) and ended with `...` when
    /// cut, or [`NOT_DEBUG`] when the type has no `Debug` ([`NOT_SHOWN`] when the value
    /// is known only by its name).
    ///
    /// ```
    /// use coro_core::Held;
    ///
    /// let input = [0u8; 30];
    /// let held = Held::new("input", Some(&input));
    /// assert_eq!(held.shown().to_string(), "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...");
    /// assert_eq!(format!("{:.4}", held.shown()), "[0, ...");
    /// assert_eq!(format!("{:X}", Held::new("b", Some(&255u8)).shown()), "FF");
    /// assert_eq!(Held::new("f", None).shown().to_string(), "<not Debug>");
    /// ```
    pub const fn shown(&self) -> Shown<'a> {
        Shown(self.value, self.known)
    }
}

impl fmt::Debug for Held<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Held")
            .field("name", &self.name)
            .field("value", &self.value)
            .field("known", &self.known)
            .finish()
    }
}

/// Writes `name = ` and then the value in the form `radix` picks.
fn write_held(held: &Held<'_>, f: &mut fmt::Formatter<'_>, radix: Radix) -> fmt::Result {
    f.write_str(held.name)?;
    f.write_str(" = ")?;
    held.shown().write(f, radix)
}

impl fmt::Display for Held<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_held(self, f, Radix::Decimal)
    }
}

impl fmt::LowerHex for Held<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_held(self, f, Radix::Lower)
    }
}

impl fmt::UpperHex for Held<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_held(self, f, Radix::Upper)
    }
}

/// A held value's text, trimmed: see [`Held::shown`].
///
/// ```
/// let shown = coro_core::Held::new("n", Some(&7)).shown();
/// assert_eq!(shown.to_string(), "7");
/// ```
#[derive(Clone, Copy)]
pub struct Shown<'a>(Option<&'a dyn fmt::Debug>, bool);

#[derive(Clone, Copy)]
enum Radix {
    Decimal,
    Lower,
    Upper,
}

impl Shown<'_> {
    fn write(&self, f: &mut fmt::Formatter<'_>, radix: Radix) -> fmt::Result {
        let Some(value) = self.0 else {
            return f.write_str(if self.1 { NOT_DEBUG } else { NOT_SHOWN });
        };
        let mut out = Trim {
            out: f,
            left: 0,
            cut: false,
        };
        out.left = out.out.precision().unwrap_or(SHOWN_CHARS);
        let written = match radix {
            Radix::Decimal => fmt::write(&mut out, format_args!("{value:?}")),
            Radix::Lower => fmt::write(&mut out, format_args!("{value:x?}")),
            Radix::Upper => fmt::write(&mut out, format_args!("{value:X?}")),
        };
        if out.cut {
            // The error that stopped the `Debug` impl was ours.
            out.out.write_str("...")
        } else {
            written
        }
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Decimal)
    }
}

impl fmt::LowerHex for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Lower)
    }
}

impl fmt::UpperHex for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Upper)
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Decimal)
    }
}

/// Passes at most `left` characters on to `out`, then fails, which stops the `Debug` impl
/// writing into it.
struct Trim<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Trim<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.cut {
            return Err(fmt::Error);
        }
        match s.char_indices().nth(self.left) {
            None => {
                self.left -= s.chars().count();
                self.out.write_str(s)
            }
            Some((end, _)) => {
                self.out.write_str(&s[..end])?;
                self.left = 0;
                self.cut = true;
                Err(fmt::Error)
            }
        }
    }
}

/// Everything a coroutine holds where it stands, as one line: `name = value, ...`
/// (nothing when it holds nothing or is not suspended). Made by [`Locate::held`]; the
/// formatting options of [`Held`] apply to every value.
///
/// ```
/// use coro_core::{Coroutine, Locate, Location, Machine, StateInfo, CoroutineState};
///
/// # #[derive(Clone, Copy)] struct Never;
/// # impl StateInfo for Never {
/// #     fn location(&self) -> Location { Location::Unresumed }
/// #     fn poison(&mut self) {}
/// # }
/// let m = Machine::new(Never, |_: &mut Never, (): ()| CoroutineState::<(), ()>::Complete(()));
/// assert_eq!(m.held().to_string(), "");
/// ```
pub struct HeldValues<'a, C: ?Sized>(&'a C);

impl<C: Locate + ?Sized> HeldValues<'_, C> {
    fn write(&self, f: &mut fmt::Formatter<'_>, radix: Radix) -> fmt::Result {
        let mut result = Ok(());
        let mut first = true;
        self.0.for_each_held(&mut |held| {
            if result.is_err() {
                return;
            }
            if !first {
                result = f.write_str(", ");
            }
            first = false;
            if result.is_ok() {
                result = write_held(&held, f, radix);
            }
        });
        result
    }
}

impl<C: Locate + ?Sized> fmt::Display for HeldValues<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Decimal)
    }
}

impl<C: Locate + ?Sized> fmt::LowerHex for HeldValues<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Lower)
    }
}

impl<C: Locate + ?Sized> fmt::UpperHex for HeldValues<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Radix::Upper)
    }
}

impl<C: Locate + ?Sized> fmt::Debug for HeldValues<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        self.0.for_each_held(&mut |held| {
            map.entry(&held.name, &held.shown());
        });
        map.finish()
    }
}

impl<'a, C: ?Sized> HeldValues<'a, C> {
    pub(crate) fn new(coroutine: &'a C) -> Self {
        HeldValues(coroutine)
    }
}

/// How a [`Machine`](crate::Machine) shows the values its state holds: the third type
/// parameter of `Machine`. `#[coro::coroutine]` gives every machine a closure, made inside
/// the coroutine function where the held values' types are known, that looks at the state's
/// fields and hands out each one, with its value where its type implements `Debug`; a
/// machine made with [`Machine::new`](crate::Machine::new) alone has [`NamesOnly`].
///
/// Any `Fn(&S, &mut dyn FnMut(Held))` is a `ShowHeld<S>`; [`Machine::show_held`](crate::Machine::show_held)
/// takes one:
///
/// ```
/// use coro_core::{Coroutine, CoroutineState, Held, Locate, Location, Machine, StateInfo};
///
/// #[derive(Clone, Copy)]
/// struct Left(u8);
/// impl StateInfo for Left {
///     fn location(&self) -> Location { Location::Unresumed }
///     fn poison(&mut self) {}
/// }
///
/// let m = Machine::new(Left(3), |left: &mut Left, (): ()| {
///     left.0 -= 1;
///     CoroutineState::<u8, ()>::Yielded(left.0)
/// })
/// .show_held(|left, visit| visit(Held::new("left", Some(&left.0))));
/// assert_eq!(m.held().to_string(), "left = 3");
/// ```
pub trait ShowHeld<S> {
    /// Calls `visit` with each value `state` holds, in the order of
    /// [`SuspensionPoint::holds`](crate::SuspensionPoint).
    fn show_held<'a>(&self, state: &'a S, visit: &mut dyn FnMut(Held<'a>));
}

impl<S, D> ShowHeld<S> for D
where
    D: for<'a> Fn(&'a S, &mut dyn FnMut(Held<'a>)),
{
    #[inline]
    fn show_held<'a>(&self, state: &'a S, visit: &mut dyn FnMut(Held<'a>)) {
        self(state, visit)
    }
}

/// The [`ShowHeld`] of a machine that knows nothing about its values' types: each name
/// its [`SuspensionPoint`](crate::SuspensionPoint) lists, as [`Held::name_only`].
///
/// ```
/// use coro_core::{Held, Location, NamesOnly, ShowHeld, StateInfo};
///
/// struct Start;
/// impl StateInfo for Start {
///     fn location(&self) -> Location { Location::Unresumed }
///     fn poison(&mut self) {}
/// }
/// let mut seen = 0;
/// NamesOnly.show_held(&Start, &mut |_: Held<'_>| seen += 1);
/// assert_eq!(seen, 0, "an unresumed coroutine holds nothing it could name");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct NamesOnly;

impl<S: StateInfo> ShowHeld<S> for NamesOnly {
    fn show_held<'a>(&self, state: &'a S, visit: &mut dyn FnMut(Held<'a>)) {
        names_only(state.location(), visit);
    }
}

/// Visits each name `location` holds, with no value.
pub(crate) fn names_only<'a>(location: Location, visit: &mut dyn FnMut(Held<'a>)) {
    if let Location::Suspended(point) = location {
        for name in point.holds {
            visit(Held::name_only(name));
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;
    use std::string::ToString;

    use super::*;

    struct NoDebug;

    #[test]
    fn a_short_value_is_shown_whole() {
        assert_eq!(Held::new("len", Some(&3u8)).to_string(), "len = 3");
        assert_eq!(Held::new("r", Some(&(1..2))).to_string(), "r = 1..2");
    }

    #[test]
    fn a_value_of_exactly_the_limit_is_not_cut() {
        let forty = "x".repeat(38); // with its quotes, 40 characters
        let held = Held::new("s", Some(&forty));
        assert_eq!(held.shown().to_string(), format!("\"{forty}\""));
    }

    #[test]
    fn a_long_value_is_cut_after_forty_characters_and_marked() {
        let bytes: std::vec::Vec<u8> = (0..100).collect();
        let shown = Held::new("getchar", Some(&bytes)).to_string();
        assert_eq!(
            shown,
            "getchar = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1..."
        );
        assert_eq!(shown.len(), "getchar = ".len() + SHOWN_CHARS + 3);
    }

    #[test]
    fn the_precision_sets_the_limit_and_counts_characters_not_bytes() {
        let held = Held::new("w", Some(&"ééééé"));
        assert_eq!(format!("{held:.3}"), "w = \"éé...");
        assert_eq!(format!("{held:.100}"), "w = \"ééééé\"");
    }

    #[test]
    fn hex_flags_reach_the_value() {
        let word = [0x48u8, 0x65, 0xFF];
        assert_eq!(
            format!("{:X}", Held::new("word", Some(&word))),
            "word = [48, 65, FF]"
        );
        assert_eq!(
            format!("{:x}", Held::new("word", Some(&word))),
            "word = [48, 65, ff]"
        );
        assert_eq!(
            format!("{:.5X}", Held::new("word", Some(&word))),
            "word = [48, ..."
        );
    }

    #[test]
    fn a_value_without_debug_is_the_placeholder() {
        let _value = NoDebug;
        assert_eq!(Held::new("f", None).to_string(), "f = <not Debug>");
        assert_eq!(format!("{:X}", Held::new("f", None)), "f = <not Debug>");
    }

    #[test]
    fn a_value_known_only_by_name_says_so_rather_than_not_debug() {
        assert_eq!(Held::name_only("f").to_string(), "f = <not shown>");
        assert_eq!(format!("{:.2}", Held::name_only("f")), "f = <not shown>");
    }

    #[test]
    fn a_debug_impl_that_writes_after_the_cut_is_still_cut_once() {
        struct Stubborn;
        impl fmt::Debug for Stubborn {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // Ignores the error the first write returns and writes on.
                let _ = f.write_str("abcdef");
                let _ = f.write_str("ghijkl");
                Ok(())
            }
        }
        assert_eq!(
            format!("{:.3}", Held::new("s", Some(&Stubborn))),
            "s = abc..."
        );
    }
}
