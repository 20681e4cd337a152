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

/// One type for a binding that more than one region of a resume function binds (the value
/// of an `if` split at a yield: bound where it completes without suspending, and again
/// after the resume): each region ties its binding to the cell, so that what one branch
/// decides (`200u8`) holds in the others (`200`), as in the one function rustc checks.
pub struct Same<T>(PhantomData<fn(T) -> T>);

impl<T> Same<T> {
    /// A cell whose type the ties decide.
    #[inline(always)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Same(PhantomData)
    }

    /// Gives `_value`'s type to the cell.
    #[inline(always)]
    pub fn tie(&self, _value: &T) {}

    /// Passes `value` on as the cell's type: an argument, so it coerces to a type another
    /// region gave the cell (`&[4]` to `&[u32]`).
    #[inline(always)]
    pub fn pass(&self, value: T) -> T {
        value
    }
}

/// Gives the type recorded in `_witness` to an assignment that is never run.
pub fn conjure<T>(_witness: TypeOf<T>) -> T {
    unreachable!("coro: a type witness was evaluated")
}

/// Drops the resume argument of a `yield_!` used as a statement (without the lint a plain
/// `drop` of a `Copy` value would raise).
#[inline]
pub fn discard<T>(_value: T) {}

/// Never matches: the `else` block of an `if let` whose scrutinee was split at a yield
/// starts with `if let Some(never) = scrutinee_end(&(__t2, __t1)) { match never {} } else
/// { .. }`, moving the split's locals that stand for the scrutinee's temporaries into a
/// temporary of a scrutinee, so that Rust drops them where it drops the original's: before
/// the `else` block in edition 2024, after it in 2021 (see `coro_transform::linearize`).
#[inline]
pub fn scrutinee_end<T>(_temporaries: &T) -> Option<core::convert::Infallible> {
    None
}

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

/// Keeps a borrow alive up to this point: a binding that borrows one of the coroutine's own
/// locals and is made again after the resume (see [`Counted`]) is "used" where the
/// coroutine suspends, so that the borrow checker sees it live across the same code as in
/// the body as written, and rejects a change of what it borrows there as rustc would.
#[inline(always)]
pub fn alive<T: ?Sized>(_borrow: &T) {}

/// A `for` loop's iterator over a borrow of one of the coroutine's own locals
/// (`for x in &v`, `for (i, w) in words.iter().enumerate()`), counting the items it has
/// handed out. The state holds the local and that count, never the iterator (which borrows
/// the state itself): each resume makes the iterator again from the local and moves it on
/// by the count ([`resume_counted`]), so no reference into the state outlives a resume.
/// `N` is the count itself, or a `&mut usize` to the count kept in the state (a state
/// resumed in place).
pub struct Counted<I, N = usize> {
    iter: I,
    taken: N,
}

/// Where a [`Counted`] keeps its count.
pub trait Count {
    /// One more item was asked for.
    fn bump(&mut self);
    /// The position is now `to`.
    fn set(&mut self, to: usize);
    /// The items asked for so far.
    fn get(&self) -> usize;
}

impl Count for usize {
    #[inline(always)]
    fn bump(&mut self) {
        *self += 1;
    }
    #[inline(always)]
    fn set(&mut self, to: usize) {
        *self = to;
    }
    #[inline(always)]
    fn get(&self) -> usize {
        *self
    }
}

impl Count for &mut usize {
    #[inline(always)]
    fn bump(&mut self) {
        **self += 1;
    }
    #[inline(always)]
    fn set(&mut self, to: usize) {
        **self = to;
    }
    #[inline(always)]
    fn get(&self) -> usize {
        **self
    }
}

impl<I: Iterator, N: Count> Iterator for Counted<I, N> {
    type Item = I::Item;

    #[inline(always)]
    fn next(&mut self) -> Option<I::Item> {
        self.taken.bump();
        self.iter.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I, N: Count> Counted<I, N> {
    /// The items handed out so far: what the state keeps.
    #[inline(always)]
    pub fn taken(&self) -> usize {
        self.taken.get()
    }
}

/// A `for` loop's [`Counted`] iterator, as the loop starts.
#[inline(always)]
pub fn counted<I: Iterator>(iter: I) -> Counted<I, usize> {
    Counted { iter, taken: 0 }
}

/// The iterator of a `for` loop over a borrow, made again after a resume: `iter` is the
/// loop's iterable evaluated again from the local it borrows (unchanged since: it is
/// borrowed), `taken` how many items the loop had asked for. Moves `iter` on past them with
/// one `nth` (constant time for `VecDeque`s and the adapters `enumerate`, `rev`, `skip`,
/// `step_by`, `take`, `zip` with a range, `copied` over a slice; a walk over the items for
/// the others, such as `lines`, `split` or a map's iterators) and returns the last one, the
/// loop's current item (`None` before the first). Slices and strings have faster ways
/// ([`Rederive`]).
#[inline(always)]
pub fn resume_counted<I: Iterator, N: Count>(
    mut iter: I,
    taken: N,
) -> (Counted<I, N>, Option<I::Item>) {
    let current = match taken.get() {
        0 => None,
        n => iter.nth(n - 1),
    };
    (Counted { iter, taken }, current)
}

/// A `for` loop's iterator over a borrow of the coroutine's own locals, as the loop starts
/// (`Rederive(iter).start()`) and as a resume makes it again (`Rederive(iter).resume(taken)`,
/// returning the loop's current item too). [`RederiveAny`] does it for any iterator
/// ([`Counted`], [`resume_counted`]); the inherent methods below, which method resolution
/// chooses over it from the iterator's type, do it faster: over a slice (`for x in &v` of a
/// `Vec`, an array or a slice, `v.iter()`, `v.iter_mut()`) from the slice's position at once,
/// without `nth`; over a string's `chars()` and `char_indices()` from a byte offset (which
/// the state keeps instead of a count), in constant time where counting characters again
/// would walk the string.
pub struct Rederive<I>(pub I);

impl<'a, T> Rederive<core::slice::Iter<'a, T>> {
    /// [`counted`].
    #[inline(always)]
    pub fn start(self) -> Counted<core::slice::Iter<'a, T>, usize> {
        counted(self.0)
    }

    /// [`resume_counted`] over a slice.
    #[inline(always)]
    pub fn resume<N: Count>(
        self,
        taken: N,
    ) -> (Counted<core::slice::Iter<'a, T>, N>, Option<&'a T>) {
        let slice = self.0.as_slice();
        let n = taken.get();
        let current = n.checked_sub(1).and_then(|last| slice.get(last));
        let rest = match slice.get(n..) {
            Some(rest) => rest,
            None => &[],
        };
        (
            Counted {
                iter: rest.iter(),
                taken,
            },
            current,
        )
    }
}

impl<'a, T> Rederive<core::slice::IterMut<'a, T>> {
    /// [`counted`].
    #[inline(always)]
    pub fn start(self) -> Counted<core::slice::IterMut<'a, T>, usize> {
        counted(self.0)
    }

    /// [`resume_counted`] over a mutable slice.
    #[inline(always)]
    pub fn resume<N: Count>(
        self,
        taken: N,
    ) -> (Counted<core::slice::IterMut<'a, T>, N>, Option<&'a mut T>) {
        let slice = self.0.into_slice();
        let n = taken.get();
        let (current, rest): (Option<&'a mut T>, &'a mut [T]) = match n.checked_sub(1) {
            None => (None, slice),
            Some(last) => match slice.get_mut(last..) {
                Some([current, rest @ ..]) => (Some(current), rest),
                _ => (None, Default::default()),
            },
        };
        (
            Counted {
                iter: rest.iter_mut(),
                taken,
            },
            current,
        )
    }
}

/// A string's `chars()` in a `for` loop over a borrow: the position it keeps (`N`, see
/// [`Counted`]) is the byte offset of the rest of the string.
pub struct CharsFrom<'a, N> {
    iter: core::str::Chars<'a>,
    /// The whole string's length: the offset is what the rest leaves of it.
    len: usize,
    taken: N,
}

impl<N: Count> Iterator for CharsFrom<'_, N> {
    type Item = char;

    #[inline(always)]
    fn next(&mut self) -> Option<char> {
        let c = self.iter.next();
        self.taken.set(self.len - self.iter.as_str().len());
        c
    }
}

impl<N: Count> CharsFrom<'_, N> {
    /// The byte offset of the rest of the string: what the state keeps.
    #[inline(always)]
    pub fn taken(&self) -> usize {
        self.taken.get()
    }
}

impl<'a> Rederive<core::str::Chars<'a>> {
    /// The loop's iterator, keeping a byte offset.
    #[inline(always)]
    pub fn start(self) -> CharsFrom<'a, usize> {
        let len = self.0.as_str().len();
        CharsFrom {
            iter: self.0,
            len,
            taken: 0,
        }
    }

    /// The loop's iterator from the byte offset `taken`, and the character before it.
    #[inline(always)]
    pub fn resume<N: Count>(self, taken: N) -> (CharsFrom<'a, N>, Option<char>) {
        let text = self.0.as_str();
        let (before, rest) = text.split_at(taken.get());
        let iter = CharsFrom {
            iter: rest.chars(),
            len: text.len(),
            taken,
        };
        (iter, before.chars().next_back())
    }
}

/// A string's `char_indices()` in a `for` loop over a borrow: as [`CharsFrom`], its indices
/// those of the whole string.
pub struct CharIndicesFrom<'a, N> {
    iter: core::str::CharIndices<'a>,
    /// Where the rest started (what the indices of `iter` are relative to).
    base: usize,
    len: usize,
    taken: N,
}

impl<N: Count> Iterator for CharIndicesFrom<'_, N> {
    type Item = (usize, char);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let item = self.iter.next();
        self.taken.set(self.len - self.iter.as_str().len());
        item.map(|(i, c)| (self.base + i, c))
    }
}

impl<N: Count> CharIndicesFrom<'_, N> {
    /// The byte offset of the rest of the string: what the state keeps.
    #[inline(always)]
    pub fn taken(&self) -> usize {
        self.taken.get()
    }
}

impl<'a> Rederive<core::str::CharIndices<'a>> {
    /// The loop's iterator, keeping a byte offset.
    #[inline(always)]
    pub fn start(self) -> CharIndicesFrom<'a, usize> {
        let len = self.0.as_str().len();
        CharIndicesFrom {
            iter: self.0,
            base: 0,
            len,
            taken: 0,
        }
    }

    /// The loop's iterator from the byte offset `taken`, and the item before it.
    #[inline(always)]
    pub fn resume<N: Count>(self, taken: N) -> (CharIndicesFrom<'a, N>, Option<(usize, char)>) {
        let text = self.0.as_str();
        let offset = taken.get();
        let (before, rest) = text.split_at(offset);
        let iter = CharIndicesFrom {
            iter: rest.char_indices(),
            base: offset,
            len: text.len(),
            taken,
        };
        (iter, before.char_indices().next_back())
    }
}

/// [`Rederive::start`] and [`Rederive::resume`] for any other iterator: [`counted`] and
/// [`resume_counted`].
pub trait RederiveAny {
    /// The iterator made again.
    type Iter: Iterator;
    /// [`counted`].
    fn start(self) -> Counted<Self::Iter, usize>;
    /// [`resume_counted`].
    fn resume<N: Count>(self, taken: N) -> Resumed<Self::Iter, N>;
}

/// What [`RederiveAny::resume`] returns: the loop's iterator and its current item.
pub type Resumed<I, N> = (Counted<I, N>, Option<<I as Iterator>::Item>);

impl<I: Iterator> RederiveAny for Rederive<I> {
    type Iter = I;
    #[inline(always)]
    fn start(self) -> Counted<I, usize> {
        counted(self.0)
    }
    #[inline(always)]
    fn resume<N: Count>(self, taken: N) -> (Counted<I, N>, Option<I::Item>) {
        resume_counted(self.0, taken)
    }
}

/// The current item of a `for` loop over a borrow, as [`resume_counted`] found it again.
#[inline(always)]
pub fn current<T>(item: Option<T>) -> T {
    match item {
        Some(item) => item,
        None => unreachable!("coro: a loop's current item was not found again after a resume"),
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
