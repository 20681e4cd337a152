/// The parser as a consumer coroutine: each `resume(Some(byte))` feeds one byte, and
/// `resume(None)` ends the input. Tokens go to `got_token` as soon as they are finished;
/// the coroutine yields `()` whenever it wants the next byte, and completes after `None`.
///
/// Resuming with `a` and then `b` hands out nothing; resuming with `,` then gives
/// `WORD "ab"` and `PUNCT ","`.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
/// use coro_article::Token;
///
/// let mut tokens = Vec::new();
/// let mut p = coro_article::coroutines::parse(|t| tokens.push(t));
/// assert_eq!(p.resume(Some(b'o')), CoroutineState::Yielded(()));
/// assert_eq!(p.resume(Some(b'k')), CoroutineState::Yielded(()));
/// assert_eq!(p.resume(None), CoroutineState::Complete(()));
/// drop(p);
/// assert_eq!(tokens, [Token::word("ok")]);
/// ```
#[allow(refining_impl_trait)]
pub fn parse(
    got_token: impl FnMut(Token),
) -> impl Coroutine<
    Option<u8>,
    Yield = (),
    Return = (),
> + ::coro::Locate + ::core::fmt::Debug {
    yield_!(@ rewritten);
    yield_!(@ rewritten);
    #[derive(Clone)]
    #[allow(non_camel_case_types, dead_code)]
    enum __CoroutineState<T0, T1, T2, T3, T4, T5> {
        /// Created, not resumed yet: holds the parameters.
        Unresumed { got_token: T0 },
        /// Suspended at line 92: yield_!(()); holds got_token, byte, word.
        Suspend0 { word: T1, type_of_byte: T2, byte: T3, type_of_c: T4, got_token: T5 },
        /// Suspended at line 104: yield_!(()); holds got_token.
        Suspend1 { type_of_byte: T2, type_of_c: T4, got_token: T5 },
        /// Completed: resuming again panics.
        Returned,
        /// A resume panicked: resuming again panics.
        Poisoned,
    }
    #[allow(non_camel_case_types, dead_code)]
    enum __Resume<T0, T1, T2, T3, T4, T5, T6, T7, T8, TA> {
        Moved(__CoroutineState<T0, T1, T2, T3, T4, T5>, TA),
        Head4 { got_token: T5, type_of_c: T4, byte: T3, type_of_byte: T2, word: T1 },
        After4 {
            __value: T7,
            got_token: T5,
            c: T6,
            type_of_c: T4,
            type_of_byte: T2,
            word: T1,
        },
        After2 { __value: T8, got_token: T5, type_of_c: T4, byte: T3, type_of_byte: T2 },
    }
    impl<T0, T1, T2, T3, T4, T5> ::coro::StateInfo
    for __CoroutineState<T0, T1, T2, T3, T4, T5> {
        fn poison(&mut self) {
            if !::core::matches!(self, Self::Returned) {
                *self = Self::Poisoned;
            }
        }
        fn location(&self) -> ::coro::Location {
            static POINTS: [::coro::SuspensionPoint; 2usize] = [
                ::coro::SuspensionPoint::__new(
                    "parse",
                    0usize,
                    line!(),
                    "yield_!(())",
                    &["got_token", "byte", "word"],
                ),
                ::coro::SuspensionPoint::__new(
                    "parse",
                    1usize,
                    line!(),
                    "yield_!(())",
                    &["got_token"],
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
            got_token: got_token,
        },
        |__state: &mut _, __arg: Option<u8>| -> ::coro::CoroutineState<(), ()> {
            let __returned: () = '__coroutine_body: {
                #[allow(unused_mut)]
                let mut __next = {
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
                            __CoroutineState::Unresumed { got_token: __held_got_token },
                            __arg,
                        ) => {
                            let first: Option<u8> = __arg;
                            #[allow(unused_mut)]
                            let mut got_token = __held_got_token;
                            '__region: {
                                break '__coroutine_body ({
                                    let mut c = first;
                                    let __type_of_c = ::coro::__private::type_of(&c);
                                    while let Some(mut byte) = c {
                                        let __type_of_byte = ::coro::__private::type_of(&byte);
                                        if is_letter(byte) {
                                            let mut word = Vec::new();
                                            let _: ::core::convert::Infallible = loop {
                                                word.push(byte);
                                                {
                                                    let __yielded: () = ();
                                                    *__state = __CoroutineState::Suspend0 {
                                                        got_token: got_token,
                                                        type_of_c: __type_of_c,
                                                        byte: byte,
                                                        type_of_byte: __type_of_byte,
                                                        word: word,
                                                    };
                                                    return ::coro::CoroutineState::Yielded(__yielded);
                                                }
                                            };
                                        }
                                        got_token(Token::Punct(byte));
                                        {
                                            let __yielded: () = ();
                                            *__state = __CoroutineState::Suspend1 {
                                                got_token: got_token,
                                                type_of_c: __type_of_c,
                                                type_of_byte: __type_of_byte,
                                            };
                                            return ::coro::CoroutineState::Yielded(__yielded);
                                        }
                                    }
                                })
                            }
                        }
                        __Resume::Head4 {
                            got_token: __held_got_token,
                            type_of_c: __held_type_of_c,
                            byte: __held_byte,
                            type_of_byte: __held_type_of_byte,
                            word: __held_word,
                        } => '__region: {
                            #[allow(unused_mut, unused_variables, non_snake_case)]
                            let mut got_token = __held_got_token;
                            break '__coroutine_body ({
                                #[allow(unused_variables, non_snake_case)]
                                let mut c;
                                #[allow(unused_variables)]
                                let __type_of_c = __held_type_of_c;
                                #[allow(unused_assignments)]
                                if false {
                                    c = ::coro::__private::conjure(__type_of_c);
                                }
                                let _: ::core::convert::Infallible = {
                                    '__exit1: {
                                        {
                                            #[allow(unused_mut, unused_variables, non_snake_case)]
                                            let mut byte = __held_byte;
                                            #[allow(unused_variables)]
                                            let __type_of_byte = __held_type_of_byte;
                                            let _: ::core::convert::Infallible = {
                                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                                let mut word = __held_word;
                                                let _: ::core::convert::Infallible = loop {
                                                    word.push(byte);
                                                    {
                                                        let __yielded: () = ();
                                                        *__state = __CoroutineState::Suspend0 {
                                                            got_token: got_token,
                                                            type_of_c: __type_of_c,
                                                            byte: byte,
                                                            type_of_byte: __type_of_byte,
                                                            word: word,
                                                        };
                                                        return ::coro::CoroutineState::Yielded(__yielded);
                                                    }
                                                };
                                            };
                                        }
                                    }
                                };
                            });
                        }
                        __Resume::Moved(
                            __CoroutineState::Suspend0 {
                                got_token: __held_got_token,
                                type_of_c: __held_type_of_c,
                                byte: __held_byte,
                                type_of_byte: __held_type_of_byte,
                                word: __held_word,
                            },
                            __arg,
                        ) => '__region: {
                            #[allow(unused_mut, unused_variables, non_snake_case)]
                            let mut got_token = __held_got_token;
                            break '__coroutine_body ({
                                #[allow(unused_variables, non_snake_case)]
                                let mut c;
                                #[allow(unused_variables)]
                                let __type_of_c = __held_type_of_c;
                                #[allow(unused_assignments)]
                                if false {
                                    c = ::coro::__private::conjure(__type_of_c);
                                }
                                let _: ::core::convert::Infallible = {
                                    '__exit1: {
                                        {
                                            #[allow(unused_mut, unused_variables, non_snake_case)]
                                            let mut byte = __held_byte;
                                            #[allow(unused_variables)]
                                            let __type_of_byte = __held_type_of_byte;
                                            let _: ::core::convert::Infallible = {
                                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                                let mut word = __held_word;
                                                {
                                                    let __value = {
                                                        '__exit4: {
                                                            {
                                                                c = ::core::convert::identity(__arg);
                                                                match c {
                                                                    Some(next) if is_letter(next) => byte = next,
                                                                    _ => break '__exit4,
                                                                }
                                                            }
                                                            loop {
                                                                word.push(byte);
                                                                {
                                                                    let __yielded: () = ();
                                                                    *__state = __CoroutineState::Suspend0 {
                                                                        got_token: got_token,
                                                                        type_of_c: __type_of_c,
                                                                        byte: byte,
                                                                        type_of_byte: __type_of_byte,
                                                                        word: word,
                                                                    };
                                                                    return ::coro::CoroutineState::Yielded(__yielded);
                                                                }
                                                            }
                                                        }
                                                    };
                                                    {
                                                        break '__region __Resume::After4 {
                                                            __value: __value,
                                                            got_token: got_token,
                                                            c: c,
                                                            type_of_c: __type_of_c,
                                                            type_of_byte: __type_of_byte,
                                                            word: word,
                                                        }
                                                    }
                                                }
                                            };
                                        }
                                    }
                                };
                            });
                        }
                        __Resume::After4 {
                            __value,
                            got_token: __held_got_token,
                            c: __held_c,
                            type_of_c: __held_type_of_c,
                            type_of_byte: __held_type_of_byte,
                            word: __held_word,
                        } => '__region: {
                            #[allow(unused_mut, unused_variables, non_snake_case)]
                            let mut got_token = __held_got_token;
                            break '__coroutine_body ({
                                #[allow(unused_mut, unused_variables, non_snake_case)]
                                let mut c = __held_c;
                                #[allow(unused_variables)]
                                let __type_of_c = __held_type_of_c;
                                {
                                    '__exit1: {
                                        {
                                            #[allow(unused_variables, non_snake_case)]
                                            let mut byte;
                                            #[allow(unused_variables)]
                                            let __type_of_byte = __held_type_of_byte;
                                            #[allow(unused_assignments)]
                                            if false {
                                                byte = ::coro::__private::conjure(__type_of_byte);
                                            }
                                            {
                                                let __value = {
                                                    #[allow(unused_mut, unused_variables, non_snake_case)]
                                                    let mut word = __held_word;
                                                    ::coro::__private::discard(__value);
                                                    got_token(Token::Word(word));
                                                    let Some(next) = c else { break '__exit1 };
                                                    byte = next;
                                                };
                                                {
                                                    break '__region __Resume::After2 {
                                                        __value: __value,
                                                        got_token: got_token,
                                                        type_of_c: __type_of_c,
                                                        byte: byte,
                                                        type_of_byte: __type_of_byte,
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            });
                        }
                        __Resume::After2 {
                            __value,
                            got_token: __held_got_token,
                            type_of_c: __held_type_of_c,
                            byte: __held_byte,
                            type_of_byte: __held_type_of_byte,
                        } => '__region: {
                            #[allow(unused_mut, unused_variables, non_snake_case)]
                            let mut got_token = __held_got_token;
                            break '__coroutine_body ({
                                #[allow(unused_variables, non_snake_case)]
                                let mut c;
                                #[allow(unused_variables)]
                                let __type_of_c = __held_type_of_c;
                                #[allow(unused_assignments)]
                                if false {
                                    c = ::coro::__private::conjure(__type_of_c);
                                }
                                let _: ::core::convert::Infallible = {
                                    '__exit1: {
                                        {
                                            #[allow(unused_mut, unused_variables, non_snake_case)]
                                            let mut byte = __held_byte;
                                            #[allow(unused_variables)]
                                            let __type_of_byte = __held_type_of_byte;
                                            ::coro::__private::discard(__value);
                                            got_token(Token::Punct(byte));
                                            {
                                                let __yielded: () = ();
                                                *__state = __CoroutineState::Suspend1 {
                                                    got_token: got_token,
                                                    type_of_c: __type_of_c,
                                                    type_of_byte: __type_of_byte,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        }
                                    }
                                };
                            });
                        }
                        __Resume::Moved(
                            __CoroutineState::Suspend1 {
                                got_token: __held_got_token,
                                type_of_c: __held_type_of_c,
                                type_of_byte: __held_type_of_byte,
                            },
                            __arg,
                        ) => '__region: {
                            #[allow(unused_mut, unused_variables, non_snake_case)]
                            let mut got_token = __held_got_token;
                            break '__coroutine_body ({
                                #[allow(unused_variables, non_snake_case)]
                                let mut c;
                                #[allow(unused_variables)]
                                let __type_of_c = __held_type_of_c;
                                #[allow(unused_assignments)]
                                if false {
                                    c = ::coro::__private::conjure(__type_of_c);
                                }
                                {
                                    '__exit1: {
                                        {
                                            #[allow(unused_variables)]
                                            let __type_of_byte = __held_type_of_byte;
                                            c = ::core::convert::identity(__arg);
                                        }
                                        while let Some(mut byte) = c {
                                            let __type_of_byte = ::coro::__private::type_of(&byte);
                                            if is_letter(byte) {
                                                let mut word = Vec::new();
                                                let _: ::core::convert::Infallible = {
                                                    {
                                                        break '__region __Resume::Head4 {
                                                            got_token: got_token,
                                                            type_of_c: __type_of_c,
                                                            byte: byte,
                                                            type_of_byte: __type_of_byte,
                                                            word: word,
                                                        }
                                                    }
                                                };
                                            }
                                            got_token(Token::Punct(byte));
                                            {
                                                let __yielded: () = ();
                                                *__state = __CoroutineState::Suspend1 {
                                                    got_token: got_token,
                                                    type_of_c: __type_of_c,
                                                    type_of_byte: __type_of_byte,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        }
                                    }
                                }
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
                    __CoroutineState::Suspend0 { got_token: __shown, .. }
                    | __CoroutineState::Suspend1 { got_token: __shown, .. } => {
                        ::core::option::Option::Some(
                            (&::coro::__private::Probe(__shown)).__coro_held(),
                        )
                    }
                    _ => ::core::option::Option::None,
                },
                match __state {
                    /// Suspended at line 92: yield_!(()): show what it holds.
                    __CoroutineState::Suspend0 { byte: __shown, .. } => {
                        ::core::option::Option::Some(
                            (&::coro::__private::Probe(__shown)).__coro_held(),
                        )
                    }
                    _ => ::core::option::Option::None,
                },
                match __state {
                    /// Suspended at line 92: yield_!(()): show what it holds.
                    __CoroutineState::Suspend0 { word: __shown, .. } => {
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
