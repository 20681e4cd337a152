//! A trait of an inner block with a yield whose method is called outside the block: coro
//! declares the trait for the whole function, so the call could find it (review round 2,
//! G17: a silent change of method before).
use coro::{yield_, Coroutine};

trait Other {
    fn v(&self) -> u32;
}

impl Other for u8 {
    fn v(&self) -> u32 {
        100
    }
}

#[coro::coroutine]
fn calls(x: u8) -> impl Coroutine<(), Yield = u32, Return = u32> {
    let before = x.v();
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
    before + inner
}

fn main() {
    let _ = calls(3);
}
