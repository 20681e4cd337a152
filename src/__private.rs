//! Support items for the code `#[coro::coroutine]` generates. Not a public API.

use core::fmt;
use core::marker::PhantomData;

pub use coro_core::{
    Coroutine, CoroutineState, Held, Location, Machine, StateInfo, SuspensionPoint,
};

/// A held value, looked at by the closure the attribute passes to `Machine::__show_values`.
/// The closure is written inside the coroutine function after the resume closure, so the
/// value's type is known there; `(&Probe(field)).__coro_held()` then picks, by method
/// resolution, [`ShowDebug`] (the receiver matches `&self` of `Probe` with no autoref)
/// when that type implements `Debug`, and [`ShowPlaceholder`] (one autoref further) when
/// it does not. No bound is put on the type, and nothing is decided at run time.
pub struct Probe<'a, T>(pub &'a T);

/// The `Debug` half of [`Probe`]: the value, as `&dyn Debug`.
pub trait ShowDebug<'a> {
    /// `Some(value)`.
    fn __coro_held(&self) -> Option<&'a dyn fmt::Debug>;
}

impl<'a, T: fmt::Debug> ShowDebug<'a> for Probe<'a, T> {
    #[inline]
    fn __coro_held(&self) -> Option<&'a dyn fmt::Debug> {
        Some(self.0)
    }
}

/// The other half of [`Probe`]: no value, for a type without `Debug`.
pub trait ShowPlaceholder<'a> {
    /// `None`.
    fn __coro_held(&self) -> Option<&'a dyn fmt::Debug>;
}

impl<'a, T> ShowPlaceholder<'a> for &Probe<'a, T> {
    #[inline]
    fn __coro_held(&self) -> Option<&'a dyn fmt::Debug> {
        None
    }
}

/// The second step of a coroutine whose body uses `#[cfg]` (the transform's `configure`
/// step): the first step asks the compiler for each predicate and hands over to it.
#[cfg(feature = "macros")]
pub use coro_macros::configured;

/// The `?` operator, rewritten: a coroutine's body runs inside a closure whose return type
/// is `CoroutineState`, so `expr?` becomes a match on `branch(expr)` that completes the
/// coroutine with the residual.
#[diagnostic::on_unimplemented(
    message = "the `?` operator cannot turn `{Self}` into the coroutine's return type `{R}`",
    label = "`?` used here",
    note = "in a `#[coro::coroutine]` function, `?` completes the coroutine: its `Return` type must be a `Result` (for `Result` values) or an `Option` (for `Option` values)"
)]
pub trait Branch<R> {
    /// The value `?` produces when it does not return.
    type Output;
    /// `Ok(value)` to continue with, or `Err(residual)` to complete with.
    fn branch(self) -> Result<Self::Output, R>;
}

impl<T, E, U, F: From<E>> Branch<Result<U, F>> for Result<T, E> {
    type Output = T;
    #[inline]
    fn branch(self) -> Result<T, Result<U, F>> {
        match self {
            Ok(value) => Ok(value),
            Err(error) => Err(Err(F::from(error))),
        }
    }
}

impl<T, U> Branch<Option<U>> for Option<T> {
    type Output = T;
    #[inline]
    fn branch(self) -> Result<T, Option<U>> {
        match self {
            Some(value) => Ok(value),
            None => Err(None),
        }
    }
}

/// Calls [`Branch::branch`], letting inference pick the residual type from its use.
#[inline]
pub fn branch<T: Branch<R>, R>(value: T) -> Result<T::Output, R> {
    value.branch()
}

/// A zero-sized record of a local's type, kept in the state while the local itself is dead
/// (moved out, to be assigned again after the yield), so that the re-declared local gets
/// the same type.
pub struct TypeOf<T>(PhantomData<fn() -> T>);

impl<T> Clone for TypeOf<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for TypeOf<T> {}

/// Records the type of `_value` without touching it.
#[inline]
pub fn type_of<T>(_value: &T) -> TypeOf<T> {
    TypeOf(PhantomData)
}

/// Gives the type recorded in `_witness` to an assignment that is never run.
pub fn conjure<T>(_witness: TypeOf<T>) -> T {
    unreachable!("coro: a type witness was evaluated")
}

/// Drops the resume argument of a `yield_!` used as a statement (without the lint a plain
/// `drop` of a `Copy` value would raise).
#[inline]
pub fn discard<T>(_value: T) {}

/// Takes the resume argument inside a proxy loop (see `coro_transform::regions`): the loop
/// runs the rest of the iteration once, but the borrow checker sees its back edge, so the
/// argument waits in an `Option` and is taken out where the yield's value is used.
#[inline]
pub fn take_resumed<T>(slot: &mut Option<T>) -> T {
    match slot.take() {
        Some(value) => value,
        None => unreachable!("coro: a resume argument was taken twice"),
    }
}

/// Panics as rustc's coroutines do when resumed after they completed.
#[cold]
#[track_caller]
pub fn resumed_after_completion() -> ! {
    panic!("coroutine resumed after completion")
}

/// Panics as rustc's coroutines do when resumed after a panic escaped their body.
#[cold]
#[track_caller]
pub fn resumed_after_panicking() -> ! {
    panic!("coroutine resumed after panicking")
}

/// Stands in for the body of a `#[coro::coroutine]` function that failed to compile, so
/// that the compile error is the only one its callers see.
pub struct Unfinished<A, Y, R>(PhantomData<fn(A) -> (Y, R)>);

/// An [`Unfinished`] coroutine.
pub fn unfinished<A, Y, R>() -> Unfinished<A, Y, R> {
    Unfinished(PhantomData)
}

impl<A, Y, R> Coroutine<A> for Unfinished<A, Y, R> {
    type Yield = Y;
    type Return = R;
    fn resume(&mut self, _arg: A) -> CoroutineState<Y, R> {
        unreachable!("coro: this coroutine did not compile")
    }
}

impl<A, Y, R> coro_core::Locate for Unfinished<A, Y, R> {
    fn location(&self) -> Location {
        Location::Poisoned
    }
}

impl<A, Y, R> Clone for Unfinished<A, Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<A, Y, R> Copy for Unfinished<A, Y, R> {}

impl<A, Y, R> fmt::Debug for Unfinished<A, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unfinished")
    }
}

/// The `yield_!` the function-like `coro::coro!` writes for each `yield` keyword: the same
/// macro under a path that tells the transform the user wrote `yield`.
pub use crate::yield_;

/// The first resume argument `yield_from!(sub)` passes to `sub` when none is written: `()`,
/// and a clear error for any other resume type.
#[inline]
pub fn first_resume_arg<A: UnitFirstArg>() -> A {
    A::unit()
}

/// The resume types `yield_from!(sub)` can start `sub` with, without a written first
/// argument: only `()`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!(sub)` starts `sub` with `()`, but `sub` is resumed with `{Self}` values",
    label = "`sub` needs a first resume argument of type `{Self}`",
    note = "pass the argument of its first resume: `yield_from!(sub, first)`"
)]
pub trait UnitFirstArg {
    /// The unit value.
    fn unit() -> Self;
}

impl UnitFirstArg for () {
    #[inline]
    fn unit() -> Self {}
}
