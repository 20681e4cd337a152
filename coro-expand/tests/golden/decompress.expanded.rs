/// The run-length decompressor as a producer coroutine: each `resume(())` yields the next
/// output byte, and it completes with `Ok(())` at the end of the input, or with
/// [`TruncatedEscape`] if the input stops inside an escape.
///
/// It is lazy: it reads input only when asked for a byte (`FF 03 41`: the first resume reads
/// all three, the next two none). `IntoIter: Debug` lets a watcher see the input left.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let mut d = coro_article::coroutines::decompress([0xFF, 0x02, b'z']);
/// assert_eq!(d.resume(()), CoroutineState::Yielded(b'z'));
/// assert_eq!(d.resume(()), CoroutineState::Yielded(b'z'));
/// assert_eq!(d.resume(()), CoroutineState::Complete(Ok(())));
/// ```
#[allow(refining_impl_trait)]
pub fn decompress<I: IntoIterator<Item = u8, IntoIter: std::fmt::Debug>>(
    input: I,
) -> impl Coroutine<
    Yield = u8,
    Return = Result<(), TruncatedEscape>,
> + ::coro::Locate + ::core::fmt::Debug {
    yield_!(@ rewritten);
    yield_!(@ rewritten);
    #[derive(Clone)]
    #[allow(non_camel_case_types, dead_code)]
    enum __CoroutineState<T0, T1, T2, T3> {
        /// Created, not resumed yet: holds the parameters.
        Unresumed { input: T0 },
        /// Suspended at line 52: yield_!(value); holds getchar, value, (for loop iterator).
        Suspend0 { iter: T1, value: T2, getchar: T3 },
        /// Suspended at line 55: yield_!(byte); holds getchar.
        Suspend1 { getchar: T3 },
        /// Completed: resuming again panics.
        Returned,
        /// A resume panicked: resuming again panics.
        Poisoned,
    }
    #[allow(non_camel_case_types, dead_code)]
    enum __Resume<T0, T1, T2, T3, T4, TA> {
        Moved(__CoroutineState<T0, T1, T2, T3>, TA),
        InPlace1(TA),
        Head1 { getchar: T3 },
        Head5 { getchar: T3, value: T2, iter: T1 },
        After1 { __value: T4, getchar: T3 },
    }
    impl<T0, T1, T2, T3> ::coro::StateInfo for __CoroutineState<T0, T1, T2, T3> {
        fn poison(&mut self) {
            if !::core::matches!(self, Self::Returned) {
                *self = Self::Poisoned;
            }
        }
        fn location(&self) -> ::coro::Location {
            static POINTS: [::coro::SuspensionPoint; 2usize] = [
                ::coro::SuspensionPoint::__new(
                    "decompress",
                    0usize,
                    line!(),
                    "yield_!(value)",
                    &["getchar", "value", "(for loop iterator)"],
                ),
                ::coro::SuspensionPoint::__new(
                    "decompress",
                    1usize,
                    line!(),
                    "yield_!(byte)",
                    &["getchar"],
                ),
            ];
            match self {
                Self::Unresumed { .. } => ::coro::Location::Unresumed,
                Self::Suspend0 { .. } => ::coro::Location::Suspended(&POINTS[0usize]),
                Self::Suspend1 { .. } => ::coro::Location::Suspended(&POINTS[1usize]),
                Self::Returned => ::coro::Location::Returned,
                Self::Poisoned => ::coro::Location::Poisoned,
            }
        }
    }
    #[allow(
        clippy::while_immutable_condition,
        unused_unsafe,
        unreachable_code,
        unused_mut,
        unused_labels,
        unused_braces,
        unused_assignments,
        clippy::never_loop,
        clippy::let_unit_value,
        clippy::diverging_sub_expression,
        clippy::needless_return,
        clippy::redundant_locals,
        clippy::unused_unit,
        clippy::used_underscore_binding,
        clippy::match_single_binding,
        break_with_label_and_loop,
        clippy::redundant_closure_call,
        clippy::suspicious_else_formatting,
        clippy::no_effect_underscore_binding,
        unit_bindings
    )]
    let __coroutine = ::coro::__private::Machine::new(
        __CoroutineState::Unresumed {
            input: input,
        },
        |
            __state: &mut _,
            __arg: (),
        | -> ::coro::CoroutineState<u8, Result<(), TruncatedEscape>> {
            let __returned: Result<(), TruncatedEscape> = '__coroutine_body: {
                #[allow(unused_mut)]
                let mut __next = if let __CoroutineState::Suspend1 { .. } = __state {
                    __Resume::InPlace1(__arg)
                } else {
                    match __state {
                        __CoroutineState::Returned => {
                            ::coro::__private::resumed_after_completion()
                        }
                        __CoroutineState::Poisoned => {
                            ::coro::__private::resumed_after_panicking()
                        }
                        _ => {
                            __Resume::Moved(
                                ::core::mem::replace(__state, __CoroutineState::Poisoned),
                                __arg,
                            )
                        }
                    }
                };
                loop {
                    __next = match __next {
                        __Resume::Moved(
                            __CoroutineState::Unresumed { input: __held_input },
                            __arg,
                        ) => {
                            #[allow(unused_mut)]
                            let input = __held_input;
                            let () = __arg;
                            '__region: {
                                break '__coroutine_body ({
                                    let mut getchar = input.into_iter();
                                    while let Some(c) = getchar.next() {
                                        match c {
                                            ESCAPE => {
                                                let len = match ::coro::__private::branch(
                                                    getchar.next().ok_or(TruncatedEscape::MissingLength),
                                                ) {
                                                    ::core::result::Result::Ok(__value) => __value,
                                                    ::core::result::Result::Err(__residual) => {
                                                        break '__coroutine_body __residual;
                                                    }
                                                };
                                                let value = match ::coro::__private::branch(
                                                    getchar
                                                        .next()
                                                        .ok_or(TruncatedEscape::MissingValue {
                                                            len,
                                                        }),
                                                ) {
                                                    ::core::result::Result::Ok(__value) => __value,
                                                    ::core::result::Result::Err(__residual) => {
                                                        break '__coroutine_body __residual;
                                                    }
                                                };
                                                match ::core::iter::IntoIterator::into_iter(0..len) {
                                                    mut __iter5 => {
                                                        while let ::core::option::Option::Some(_) = ::core::iter::Iterator::next(
                                                            &mut __iter5,
                                                        ) {
                                                            {
                                                                let __yielded: u8 = value;
                                                                *__state = __CoroutineState::Suspend0 {
                                                                    getchar: getchar,
                                                                    value: value,
                                                                    iter: __iter5,
                                                                };
                                                                return ::coro::CoroutineState::Yielded(__yielded);
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                            byte => {
                                                let __yielded: u8 = byte;
                                                *__state = __CoroutineState::Suspend1 {
                                                    getchar: getchar,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        }
                                    }
                                    Ok(())
                                })
                            }
                        }
                        __Resume::Head1 { getchar: __held_getchar } => '__region: {
                            break '__coroutine_body ({
                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                let mut getchar = __held_getchar;
                                {
                                    let __value = while let Some(c) = getchar.next() {
                                        let _: ::core::convert::Infallible = match c {
                                            ESCAPE => {
                                                let len = match ::coro::__private::branch(
                                                    getchar.next().ok_or(TruncatedEscape::MissingLength),
                                                ) {
                                                    ::core::result::Result::Ok(__value) => __value,
                                                    ::core::result::Result::Err(__residual) => {
                                                        break '__coroutine_body __residual;
                                                    }
                                                };
                                                let value = match ::coro::__private::branch(
                                                    getchar
                                                        .next()
                                                        .ok_or(TruncatedEscape::MissingValue {
                                                            len,
                                                        }),
                                                ) {
                                                    ::core::result::Result::Ok(__value) => __value,
                                                    ::core::result::Result::Err(__residual) => {
                                                        break '__coroutine_body __residual;
                                                    }
                                                };
                                                let _: ::core::convert::Infallible = {
                                                    let mut __iter5 = ::core::iter::IntoIterator::into_iter(
                                                        0..len,
                                                    );
                                                    {
                                                        break '__region __Resume::Head5 {
                                                            getchar: getchar,
                                                            value: value,
                                                            iter: __iter5,
                                                        }
                                                    }
                                                };
                                            }
                                            byte => {
                                                let __yielded: u8 = byte;
                                                *__state = __CoroutineState::Suspend1 {
                                                    getchar: getchar,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        };
                                    };
                                    {
                                        break '__region __Resume::After1 {
                                            __value: __value,
                                            getchar: getchar,
                                        }
                                    }
                                }
                            });
                        }
                        __Resume::Head5 {
                            getchar: __held_getchar,
                            value: __held_value,
                            iter: __held_iter,
                        } => '__region: {
                            break '__coroutine_body ({
                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                let mut getchar = __held_getchar;
                                let _: ::core::convert::Infallible = {
                                    '__exit1: {
                                        {
                                            {
                                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                                let value = __held_value;
                                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                                let mut __iter5 = __held_iter;
                                                while let ::core::option::Option::Some(_) = ::core::iter::Iterator::next(
                                                    &mut __iter5,
                                                ) {
                                                    {
                                                        let __yielded: u8 = value;
                                                        *__state = __CoroutineState::Suspend0 {
                                                            getchar: getchar,
                                                            value: value,
                                                            iter: __iter5,
                                                        };
                                                        return ::coro::CoroutineState::Yielded(__yielded);
                                                    }
                                                }
                                            }
                                        }
                                        {
                                            break '__region __Resume::Head1 {
                                                getchar: getchar,
                                            }
                                        }
                                    }
                                };
                            });
                        }
                        __Resume::Moved(
                            __CoroutineState::Suspend0 {
                                getchar: __held_getchar,
                                value: __held_value,
                                iter: __held_iter,
                            },
                            __arg,
                        ) => '__region: {
                            break '__coroutine_body ({
                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                let mut getchar = __held_getchar;
                                let _: ::core::convert::Infallible = {
                                    '__exit1: {
                                        {
                                            {
                                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                                let value = __held_value;
                                                {
                                                    #[allow(unused_mut, unused_variables, non_snake_case)]
                                                    let mut __iter5 = __held_iter;
                                                    '__exit5: {
                                                        {
                                                            ::coro::__private::discard(__arg);
                                                        }
                                                        while let ::core::option::Option::Some(_) = ::core::iter::Iterator::next(
                                                            &mut __iter5,
                                                        ) {
                                                            {
                                                                let __yielded: u8 = value;
                                                                *__state = __CoroutineState::Suspend0 {
                                                                    getchar: getchar,
                                                                    value: value,
                                                                    iter: __iter5,
                                                                };
                                                                return ::coro::CoroutineState::Yielded(__yielded);
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                        {
                                            break '__region __Resume::Head1 {
                                                getchar: getchar,
                                            }
                                        }
                                    }
                                };
                            });
                        }
                        __Resume::InPlace1(__arg) => {
                            match __state {
                                /// Resumed at line 55: yield_!(byte): run on from there.
                                __CoroutineState::Suspend1 {
                                    getchar: __held_getchar,
                                } => '__region: {
                                    break '__coroutine_body ({
                                        #[allow(unused_mut, unused_variables, non_snake_case)]
                                        let mut getchar = __held_getchar;
                                        {
                                            let __value = {
                                                '__exit1: {
                                                    { { __arg } }
                                                    while let Some(c) = getchar.next() {
                                                        let _: ::core::convert::Infallible = match c {
                                                            ESCAPE => {
                                                                let len = match ::coro::__private::branch(
                                                                    getchar.next().ok_or(TruncatedEscape::MissingLength),
                                                                ) {
                                                                    ::core::result::Result::Ok(__value) => __value,
                                                                    ::core::result::Result::Err(__residual) => {
                                                                        break '__coroutine_body __residual;
                                                                    }
                                                                };
                                                                let value = match ::coro::__private::branch(
                                                                    getchar
                                                                        .next()
                                                                        .ok_or(TruncatedEscape::MissingValue {
                                                                            len,
                                                                        }),
                                                                ) {
                                                                    ::core::result::Result::Ok(__value) => __value,
                                                                    ::core::result::Result::Err(__residual) => {
                                                                        break '__coroutine_body __residual;
                                                                    }
                                                                };
                                                                let _: ::core::convert::Infallible = {
                                                                    let mut __iter5 = ::core::iter::IntoIterator::into_iter(
                                                                        0..len,
                                                                    );
                                                                    {
                                                                        #[allow(unused_variables)]
                                                                        let __CoroutineState::Suspend1 { getchar: getchar } = ::core::mem::replace(
                                                                            __state,
                                                                            __CoroutineState::Poisoned,
                                                                        ) else { ::core::unreachable!() };
                                                                        break '__region __Resume::Head5 {
                                                                            getchar: getchar,
                                                                            value: value,
                                                                            iter: __iter5,
                                                                        };
                                                                    }
                                                                };
                                                            }
                                                            byte => {
                                                                let __yielded: u8 = byte;
                                                                return ::coro::CoroutineState::Yielded(__yielded);
                                                            }
                                                        };
                                                    }
                                                }
                                            };
                                            {
                                                #[allow(unused_variables)]
                                                let __CoroutineState::Suspend1 { getchar: getchar } = ::core::mem::replace(
                                                    __state,
                                                    __CoroutineState::Poisoned,
                                                ) else { ::core::unreachable!() };
                                                break '__region __Resume::After1 {
                                                    __value: __value,
                                                    getchar: getchar,
                                                };
                                            }
                                        }
                                    });
                                }
                                _ => ::core::unreachable!(),
                            }
                        }
                        __Resume::After1 {
                            __value,
                            getchar: __held_getchar,
                        } => '__region: {
                            break '__coroutine_body ({
                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                let mut getchar = __held_getchar;
                                ::coro::__private::discard(__value);
                                Ok(())
                            });
                        }
                        __Resume::Moved(..) => ::core::unreachable!(),
                    };
                }
            };
            *__state = __CoroutineState::Returned;
            ::coro::CoroutineState::Complete(__returned)
        },
    );
    ::coro::__private::Machine::__show_values::<
        _,
        3,
    >(
        __coroutine,
        |__state| {
            #[allow(unused_imports)]
            use ::coro::__private::{ShowDebug as _, ShowPlaceholder as _};
            [
                match __state {
                    __CoroutineState::Suspend0 { getchar: __shown, .. }
                    | __CoroutineState::Suspend1 { getchar: __shown, .. } => {
                        ::core::option::Option::Some(
                            (&::coro::__private::Probe(__shown)).__coro_held(),
                        )
                    }
                    _ => ::core::option::Option::None,
                },
                match __state {
                    /// Suspended at line 52: yield_!(value): show what it holds.
                    __CoroutineState::Suspend0 { value: __shown, .. } => {
                        ::core::option::Option::Some(
                            (&::coro::__private::Probe(__shown)).__coro_held(),
                        )
                    }
                    _ => ::core::option::Option::None,
                },
                match __state {
                    /// Suspended at line 52: yield_!(value): show what it holds.
                    __CoroutineState::Suspend0 { iter: __shown, .. } => {
                        ::core::option::Option::Some(
                            (&::coro::__private::Probe(__shown)).__coro_held(),
                        )
                    }
                    _ => ::core::option::Option::None,
                },
            ]
        },
    )
}
