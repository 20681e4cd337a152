//! A type of an inner block with a yield, and macros of the module called both outside
//! the block and inside it: coro declares the inner type once for the whole function,
//! under a name of its own so that the macro outside does not find it (review round 11,
//! H3: 400 computed instead of 301, silently); the macro inside might then name another
//! type, so this is an error.
use coro::{yield_, Coroutine};

struct W(u32);

impl W {
    fn v(&self) -> u32 {
        self.0 + 300
    }
}

macro_rules! mkw {
    ($e:expr) => {
        W($e).v()
    };
}

#[coro::coroutine]
fn names() -> impl Coroutine<(), Yield = u32, Return = u32> {
    let inner = {
        struct W(u32);
        impl W {
            fn v(&self) -> u32 {
                self.0
            }
        }
        yield_!(W(1).v());
        mkw!(2)
    };
    mkw!(1) + inner
}

fn main() {
    let _ = names();
}
