//! The container that `#[coro::coroutine]` expands to: a state enum plus a step function.
//!
//! A generated coroutine is a [`Machine`]: the function's state enum (one variant per
//! suspension point, holding exactly the values live there) and a closure that advances it
//! by one resume. Because the state is a separate field, a machine can report where it is
//! suspended ([`Locate::location`], and its `Debug` output) without running anything, and,
//! through its third part (a [`ShowHeld`], zero-sized), what it holds there
//! ([`Locate::for_each_held`]).

use core::fmt;

use crate::held::{names_only, HeldValues};
use crate::{Coroutine, CoroutineState, Held, NamesOnly, ShowHeld};

/// A coroutine made of a state value and a step function called once per resume.
///
/// `#[coro::coroutine]` builds these; writing one by hand is possible but rarely useful
/// (see [`from_fn`](crate::from_fn) for the hand-written route). It is `Clone` when both the
/// state and the step function are, which is what `+ Clone` on a generated coroutine
/// relies on.
///
/// The third parameter says how the machine shows the values its state holds
/// ([`Locate::for_each_held`]); it is [`NamesOnly`] unless [`Machine::show_held`] gave it
/// more. It is never called by `resume`, and is zero-sized for the closures the attribute
/// makes, so a machine that is never asked costs nothing for it at run time.
#[derive(Clone)]
#[must_use = "coroutines do nothing unless resumed"]
pub struct Machine<S, F, D = NamesOnly> {
    state: S,
    step: F,
    show: D,
}

impl<S, F> Machine<S, F> {
    /// Pairs a state with the function that advances it.
    ///
    /// ```
    /// use coro_core::{Coroutine, CoroutineState, Location, Machine, StateInfo};
    ///
    /// /// How many numbers are left to count down, or `None` once poisoned.
    /// struct Left(Option<u8>);
    ///
    /// impl StateInfo for Left {
    ///     fn location(&self) -> Location {
    ///         match self.0 {
    ///             None => Location::Poisoned,
    ///             Some(0) => Location::Returned,
    ///             Some(_) => Location::Unresumed,
    ///         }
    ///     }
    ///     fn poison(&mut self) {
    ///         self.0 = None;
    ///     }
    /// }
    ///
    /// let mut countdown = Machine::new(Left(Some(3)), |left: &mut Left, (): ()| {
    ///     match &mut left.0 {
    ///         Some(0) | None => CoroutineState::Complete("liftoff"),
    ///         Some(n) => {
    ///             *n -= 1;
    ///             CoroutineState::Yielded(*n + 1)
    ///         }
    ///     }
    /// });
    /// assert_eq!(countdown.resume(()), CoroutineState::Yielded(3));
    /// ```
    pub fn new<A, Y, R>(state: S, step: F) -> Self
    where
        F: FnMut(&mut S, A) -> CoroutineState<Y, R>,
    {
        Machine {
            state,
            step,
            show: NamesOnly,
        }
    }

    /// Gives the machine a way to show the values its state holds: `show` is called by
    /// [`Locate::for_each_held`] (and so by [`Locate::held`] and the machine's `Debug`
    /// output), never by `resume`.
    ///
    /// `#[coro::coroutine]` does the same with a closure written inside the coroutine
    /// function, after the resume closure, where the types of the held values are known:
    /// each value goes out as `&dyn Debug` if its type implements `Debug`, and as `None` if
    /// not (it returns them as an array, through a hidden sibling of this method).
    ///
    /// ```
    /// use coro_core::{Coroutine, CoroutineState, Held, Locate, Location, Machine, StateInfo};
    ///
    /// struct Total(u32);
    /// impl StateInfo for Total {
    ///     fn location(&self) -> Location { Location::Unresumed }
    ///     fn poison(&mut self) {}
    /// }
    ///
    /// let mut sum = Machine::new(Total(0), |total: &mut Total, add: u32| {
    ///     total.0 += add;
    ///     CoroutineState::<u32, ()>::Yielded(total.0)
    /// })
    /// .show_held(|total, visit| visit(Held::new("total", Some(&total.0))));
    /// sum.resume(5);
    /// assert_eq!(sum.held().to_string(), "total = 5");
    /// ```
    pub fn show_held<D>(self, show: D) -> Machine<S, F, D>
    where
        // Written as `Fn` (not `ShowHeld`) so that a closure passed here gets its
        // parameter types from the bound.
        D: for<'a> Fn(&'a S, &mut dyn FnMut(Held<'a>)),
    {
        Machine {
            state: self.state,
            step: self.step,
            show,
        }
    }

    /// For the code `#[coro::coroutine]` generates; not part of the public API.
    ///
    /// `values` gives, for each binding the coroutine holds at some suspension point (in
    /// one order for the whole coroutine), `None` where the state does not hold it, and
    /// where it does `Some` of its value (`None` when its type has no `Debug`). The names
    /// of a point's [`SuspensionPoint::holds`] are in the same order, so they pair up with
    /// the `Some`s. An array rather than a visitor, and one entry per binding rather than
    /// per point: it costs the compiler less, and every coroutine pays that cost.
    #[doc(hidden)]
    pub fn __show_values<V, const N: usize>(self, values: V) -> Machine<S, F, ShowValues<V, N>>
    where
        V: for<'a> Fn(&'a S) -> [Option<Option<&'a dyn fmt::Debug>>; N],
    {
        Machine {
            state: self.state,
            step: self.step,
            show: ShowValues(values),
        }
    }
}

/// The [`ShowHeld`] of the machines `#[coro::coroutine]` generates (see
/// [`Machine::__show_values`]); not part of the public API.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct ShowValues<V, const N: usize>(V);

impl<S, V, const N: usize> ShowHeld<S> for ShowValues<V, N>
where
    S: StateInfo,
    V: for<'a> Fn(&'a S) -> [Option<Option<&'a dyn fmt::Debug>>; N],
{
    fn show_held<'a>(&self, state: &'a S, visit: &mut dyn FnMut(Held<'a>)) {
        if let Location::Suspended(point) = state.location() {
            let values = (self.0)(state);
            let mut held_here = values.iter().flatten();
            for name in point.holds {
                visit(Held::new(name, held_here.next().copied().flatten()));
            }
        }
    }
}

/// A machine is always `Unpin`, whatever its state holds, as rustc's movable coroutines
/// are: nothing ever pins a machine's state or step function in place (this crate has no
/// `unsafe`, and the fields are private), so moving a machine out of a `Pin` cannot move
/// anything that relies on staying put. A value in the state that needs pinning itself (a
/// future, say) is pinned by the body on the heap (`Box::pin`), never in place.
///
/// ```
/// use core::marker::PhantomPinned;
/// use coro_core::{CoroutineState, Location, Machine, StateInfo};
///
/// struct Holds(PhantomPinned);
/// impl StateInfo for Holds {
///     fn location(&self) -> Location { Location::Unresumed }
///     fn poison(&mut self) {}
/// }
/// fn assert_unpin<T: Unpin>(_: &T) {}
/// let m = Machine::new(Holds(PhantomPinned), |_: &mut Holds, (): ()| CoroutineState::<(), ()>::Complete(()));
/// assert_unpin(&m);
/// ```
impl<S, F, D> Unpin for Machine<S, F, D> {}

impl<A, Y, R, S, F, D> Coroutine<A> for Machine<S, F, D>
where
    S: StateInfo,
    F: FnMut(&mut S, A) -> CoroutineState<Y, R>,
{
    type Yield = Y;
    type Return = R;

    #[inline]
    fn resume(&mut self, arg: A) -> CoroutineState<Y, R> {
        // If a panic escapes the step, the guard poisons the state (dropping whatever it
        // still holds), so the next resume reports "resumed after panicking".
        let mut guard = PoisonOnUnwind {
            state: &mut self.state,
            finished: false,
        };
        let result = (self.step)(&mut *guard.state, arg);
        guard.finished = true;
        result
    }
}

/// Poisons the state when dropped before the step finished, that is, while unwinding.
struct PoisonOnUnwind<'a, S: StateInfo> {
    state: &'a mut S,
    finished: bool,
}

impl<S: StateInfo> Drop for PoisonOnUnwind<'_, S> {
    #[inline]
    fn drop(&mut self) {
        if !self.finished {
            self.state.poison();
        }
    }
}

/// `Coroutine { location: .., held: {"name": value, ..}, .. }`: where the coroutine stands
/// and what it holds there (values trimmed as [`Held::shown`] does).
impl<S: StateInfo, F, D: ShowHeld<S>> fmt::Debug for Machine<S, F, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Coroutine")
            .field("location", &self.location())
            .field("held", &self.held())
            .finish_non_exhaustive()
    }
}

/// Tells where a coroutine is suspended. Every coroutine `#[coro::coroutine]` generates
/// implements it (the attribute adds `+ coro::Locate + Debug` to the function's return type),
/// so a caller holding an `impl Coroutine` can watch it move between yield points.
///
/// ```
/// use coro_core::{Location, Locate, Machine, CoroutineState, Coroutine};
///
/// # #[derive(Clone, Copy)] struct Counter(u8);
/// # impl coro_core::StateInfo for Counter {
/// #     fn location(&self) -> Location { if self.0 == 0 { Location::Unresumed } else { Location::Returned } }
/// #     fn poison(&mut self) {}
/// # }
/// let mut m = Machine::new(Counter(0), |c: &mut Counter, (): ()| {
///     c.0 += 1;
///     CoroutineState::<(), ()>::Complete(())
/// });
/// assert_eq!(m.location(), Location::Unresumed);
/// m.resume(());
/// assert_eq!(m.location(), Location::Returned);
/// ```
pub trait Locate {
    /// Where the coroutine stands now.
    fn location(&self) -> Location;

    /// Calls `visit` with each value the coroutine holds where it is suspended, in the
    /// order of [`SuspensionPoint::holds`]: its name and, where its type implements
    /// `Debug`, the value (nothing at all when it is not suspended). Only looks: nothing is
    /// moved or run.
    ///
    /// Every `#[coro::coroutine]` coroutine hands out the values; the default, for other
    /// implementations, hands out the names of [`Locate::location`] without values.
    ///
    /// ```
    /// use coro_core::{Held, Locate, Location};
    ///
    /// struct NotStarted;
    /// impl Locate for NotStarted {
    ///     fn location(&self) -> Location { Location::Unresumed }
    /// }
    /// let mut names = Vec::new();
    /// NotStarted.for_each_held(&mut |held: Held<'_>| names.push(held.name()));
    /// assert!(names.is_empty());
    /// ```
    fn for_each_held<'a>(&'a self, visit: &mut dyn FnMut(Held<'a>)) {
        names_only(self.location(), visit);
    }

    /// The held values as one line, `name = value, ...` (see [`HeldValues`]; `{:X}`
    /// shows integers in hexadecimal, `{:.N}` cuts each value after `N` characters).
    ///
    /// ```
    /// use coro_core::{Locate, Location};
    ///
    /// struct Done;
    /// impl Locate for Done {
    ///     fn location(&self) -> Location { Location::Returned }
    /// }
    /// assert_eq!(Done.held().to_string(), "");
    /// ```
    fn held(&self) -> HeldValues<'_, Self>
    where
        Self: Sized,
    {
        HeldValues::new(self)
    }
}

impl<S: StateInfo, F, D: ShowHeld<S>> Locate for Machine<S, F, D> {
    fn location(&self) -> Location {
        self.state.location()
    }

    fn for_each_held<'a>(&'a self, visit: &mut dyn FnMut(Held<'a>)) {
        self.show.show_held(&self.state, visit);
    }
}

impl<C: Locate + ?Sized> Locate for &mut C {
    fn location(&self) -> Location {
        (**self).location()
    }

    fn for_each_held<'a>(&'a self, visit: &mut dyn FnMut(Held<'a>)) {
        (**self).for_each_held(visit);
    }
}

/// Implemented by generated state enums: tells which state a value is in, and can mark it
/// poisoned after a panic.
pub trait StateInfo {
    /// The location this state stands for.
    fn location(&self) -> Location;

    /// Puts the state in its poisoned state, dropping whatever it held. [`Machine`] calls
    /// this when a panic escapes a resume.
    fn poison(&mut self);
}

/// Where a coroutine stands between two resumes.
///
/// A later version may add variants, so a `match` on it needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// Created but never resumed: the next resume starts the body.
    Unresumed,
    /// Suspended at this yield point: the next resume continues after it.
    Suspended(&'static SuspensionPoint),
    /// Ran to completion: resuming again panics.
    Returned,
    /// A panic escaped the body during a resume: resuming again panics.
    Poisoned,
}

/// A yield point in the source of a generated coroutine.
///
/// Generated code creates these; a later version may add fields, so it cannot be built
/// with a struct literal outside this crate, and patterns on it need `..`.
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SuspensionPoint {
    /// The name of the function the coroutine was written as.
    pub function: &'static str,
    /// The yield point's number: 0 for the first `yield_!` in the source, and so on.
    pub index: usize,
    /// The line of the `yield_!` in its source file (1-based; 0 where the compiler did not
    /// say, for example inside another macro's expansion).
    pub line: u32,
    /// The yield expression as written, for example `"yield_!(c)"`.
    pub expr: &'static str,
    /// The names of the values the coroutine holds while suspended here.
    pub holds: &'static [&'static str],
}

impl SuspensionPoint {
    /// For the code `#[coro::coroutine]` generates (a struct literal cannot be written
    /// outside this crate); not part of the public API.
    #[doc(hidden)]
    pub const fn __new(
        function: &'static str,
        index: usize,
        line: u32,
        expr: &'static str,
        holds: &'static [&'static str],
    ) -> Self {
        SuspensionPoint {
            function,
            index,
            line,
            expr,
            holds,
        }
    }
}

impl fmt::Display for SuspensionPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} at `{}`", self.function, self.line, self.expr)
    }
}
