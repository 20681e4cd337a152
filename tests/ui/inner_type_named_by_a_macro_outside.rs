//! A type of an inner block with a yield, and a macro of the module called outside the
//! block that names a type of the same name: coro declares the inner type once for the
//! whole function, so the macro's expansion would find it (review round 11, H3: 400
//! computed instead of 301, silently).
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
        yield_!(W(1).v())
    };
    mkw!(1) + inner
}

fn main() {
    let _ = names();
}
