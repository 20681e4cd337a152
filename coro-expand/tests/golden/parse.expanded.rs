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
    enum __CoroutineState<T0, T1, T2, T3, T4> {
        /// Created, not resumed yet: holds the parameters.
        Unresumed { got_token: T0 },
        /// Suspended at line 92: yield_!(()); holds got_token, byte, word.
        Suspend0 { word: T1, byte: T2, type_of_c: T3, got_token_1: T4 },
        /// Suspended at line 104: yield_!(()); holds got_token.
        Suspend1 { type_of_c: T3, got_token_1: T4 },
        /// Completed: resuming again panics.
        Returned,
        /// A resume panicked: resuming again panics.
        Poisoned,
    }
    impl<T0, T1, T2, T3, T4> ::coro::StateInfo for __CoroutineState<T0, T1, T2, T3, T4> {
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
                    ::core::line!(),
                    "yield_!(())",
                    &["got_token", "byte", "word"],
                ),
                ::coro::SuspensionPoint::__new(
                    "parse",
                    1usize,
                    ::core::line!(),
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
        unreachable_code,
        unused_mut,
        unused_labels,
        unused_braces,
        clippy::never_loop,
        clippy::let_unit_value,
        clippy::diverging_sub_expression,
        clippy::needless_return,
        clippy::redundant_locals,
        clippy::unused_unit
    )]
    let __coroutine = ::coro::__private::Machine::new(
        __CoroutineState::Unresumed {
            got_token: got_token,
        },
        |__state: &mut _, __arg: Option<u8>| -> ::coro::CoroutineState<_, _> {
            let __returned: () = '__coroutine_body: {
                match __state {
                    __CoroutineState::Unresumed { .. }
                    | __CoroutineState::Suspend0 { .. }
                    | __CoroutineState::Suspend1 { .. } => {
                        match ::core::mem::replace(__state, __CoroutineState::Poisoned) {
                            /// First resume: run the body from the top.
                            __CoroutineState::Unresumed {
                                got_token: __held_got_token,
                            } => {
                                let first: Option<u8> = __arg;
                                #[allow(unused_mut)]
                                let mut got_token = __held_got_token;
                                {
                                    let mut c = first;
                                    let __type_of_c = ::coro::__private::type_of(&c);
                                    while let Some(mut byte) = c {
                                        if is_letter(byte) {
                                            let mut word = Vec::new();
                                            loop {
                                                word.push(byte);
                                                {
                                                    let __yielded: () = ();
                                                    *__state = __CoroutineState::Suspend0 {
                                                        word: word,
                                                        byte: byte,
                                                        type_of_c: __type_of_c,
                                                        got_token_1: got_token,
                                                    };
                                                    return ::coro::CoroutineState::Yielded(__yielded);
                                                }
                                            }
                                        }
                                        got_token(Token::Punct(byte));
                                        {
                                            let __yielded: () = ();
                                            *__state = __CoroutineState::Suspend1 {
                                                type_of_c: __type_of_c,
                                                got_token_1: got_token,
                                            };
                                            return ::coro::CoroutineState::Yielded(__yielded);
                                        }
                                    }
                                }
                            }
                            /// Resumed at line 92: yield_!(()): run on from there.
                            __CoroutineState::Suspend0 {
                                word: __held_word,
                                byte: __held_byte,
                                type_of_c: __held_type_of_c,
                                got_token_1: __held_got_token_1,
                            } => {
                                #[allow(unused_mut, unused_variables)]
                                let mut got_token = __held_got_token_1;
                                {
                                    #[allow(unused_variables)]
                                    let mut c;
                                    #[allow(unused_variables)]
                                    let __type_of_c = __held_type_of_c;
                                    #[allow(unused_assignments)]
                                    if false {
                                        c = ::coro::__private::conjure(__type_of_c);
                                    }
                                    '__exit1: {
                                        '__next1: {
                                            {
                                                #[allow(unused_mut, unused_variables)]
                                                let mut byte = __held_byte;
                                                {
                                                    #[allow(unused_mut, unused_variables)]
                                                    let mut word = __held_word;
                                                    '__exit2: {
                                                        '__next2: {
                                                            {
                                                                c = __arg;
                                                                match c {
                                                                    Some(next) if is_letter(next) => byte = next,
                                                                    _ => break '__exit2,
                                                                }
                                                            }
                                                        }
                                                        loop {
                                                            word.push(byte);
                                                            {
                                                                let __yielded: () = ();
                                                                *__state = __CoroutineState::Suspend0 {
                                                                    word: word,
                                                                    byte: byte,
                                                                    type_of_c: __type_of_c,
                                                                    got_token_1: got_token,
                                                                };
                                                                return ::coro::CoroutineState::Yielded(__yielded);
                                                            }
                                                        }
                                                    }
                                                    got_token(Token::Word(word));
                                                    let Some(next) = c else { break '__exit1 };
                                                    byte = next;
                                                }
                                                got_token(Token::Punct(byte));
                                                {
                                                    let __yielded: () = ();
                                                    *__state = __CoroutineState::Suspend1 {
                                                        type_of_c: __type_of_c,
                                                        got_token_1: got_token,
                                                    };
                                                    return ::coro::CoroutineState::Yielded(__yielded);
                                                }
                                            }
                                        }
                                        while let Some(mut byte) = c {
                                            if is_letter(byte) {
                                                let mut word = Vec::new();
                                                loop {
                                                    word.push(byte);
                                                    {
                                                        let __yielded: () = ();
                                                        *__state = __CoroutineState::Suspend0 {
                                                            word: word,
                                                            byte: byte,
                                                            type_of_c: __type_of_c,
                                                            got_token_1: got_token,
                                                        };
                                                        return ::coro::CoroutineState::Yielded(__yielded);
                                                    }
                                                }
                                            }
                                            got_token(Token::Punct(byte));
                                            {
                                                let __yielded: () = ();
                                                *__state = __CoroutineState::Suspend1 {
                                                    type_of_c: __type_of_c,
                                                    got_token_1: got_token,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        }
                                    }
                                }
                            }
                            /// Resumed at line 104: yield_!(()): run on from there.
                            __CoroutineState::Suspend1 {
                                type_of_c: __held_type_of_c,
                                got_token_1: __held_got_token_1,
                            } => {
                                #[allow(unused_mut, unused_variables)]
                                let mut got_token = __held_got_token_1;
                                {
                                    #[allow(unused_variables)]
                                    let mut c;
                                    #[allow(unused_variables)]
                                    let __type_of_c = __held_type_of_c;
                                    #[allow(unused_assignments)]
                                    if false {
                                        c = ::coro::__private::conjure(__type_of_c);
                                    }
                                    '__exit3: {
                                        '__next3: {
                                            {
                                                c = __arg;
                                            }
                                        }
                                        while let Some(mut byte) = c {
                                            if is_letter(byte) {
                                                let mut word = Vec::new();
                                                loop {
                                                    word.push(byte);
                                                    {
                                                        let __yielded: () = ();
                                                        *__state = __CoroutineState::Suspend0 {
                                                            word: word,
                                                            byte: byte,
                                                            type_of_c: __type_of_c,
                                                            got_token_1: got_token,
                                                        };
                                                        return ::coro::CoroutineState::Yielded(__yielded);
                                                    }
                                                }
                                            }
                                            got_token(Token::Punct(byte));
                                            {
                                                let __yielded: () = ();
                                                *__state = __CoroutineState::Suspend1 {
                                                    type_of_c: __type_of_c,
                                                    got_token_1: got_token,
                                                };
                                                return ::coro::CoroutineState::Yielded(__yielded);
                                            }
                                        }
                                    }
                                }
                            }
                            _ => ::core::unreachable!(),
                        }
                    }
                    __CoroutineState::Returned => {
                        ::coro::__private::resumed_after_completion()
                    }
                    __CoroutineState::Poisoned => {
                        ::coro::__private::resumed_after_panicking()
                    }
                }
            };
            *__state = __CoroutineState::Returned;
            ::coro::CoroutineState::Complete(__returned)
        },
    );
    __coroutine
}
