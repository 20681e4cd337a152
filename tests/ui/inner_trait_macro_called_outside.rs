//! A trait of an inner block with a yield, and a call outside the block of a macro defined
//! elsewhere, whose expansion might call the trait's method (review round 9, F3: a silent
//! change of method before).
use coro::{yield_, Coroutine};

trait Other {
    fn v(&self) -> u32;
}

impl Other for u8 {
    fn v(&self) -> u32 {
        100
    }
}

#[allow(unused_macros)]
macro_rules! call_v {
    ($e:expr) => {
        $e.v()
    };
}

#[coro::coroutine]
fn calls(x: u8) -> impl Coroutine<(), Yield = u32, Return = u32> {
    let inner = {
        trait Mine {
            fn v(self) -> u32;
        }
        impl Mine for u8 {
            fn v(self) -> u32 {
                1
            }
        }
        yield_!(x.v())
    };
    inner + call_v!(x)
}

fn main() {
    let _ = calls(3);
}
