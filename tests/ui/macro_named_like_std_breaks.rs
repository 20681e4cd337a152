//! A macro of the module with the name of a standard one (`dbg!`) that jumps out of the
//! loop: coro reads the standard macros' names as calls that never jump, so it takes the
//! loop for one that never ends; rustc reports the `break` (review round 11, H4: the code
//! after the loop silently did not run before).
use coro::{yield_, Coroutine};

macro_rules! dbg {
    ($e:expr) => {
        if $e {
            break;
        }
    };
}

#[coro::coroutine]
fn stops() -> impl Coroutine<(), Yield = u32, Return = u32> {
    let mut t = 0;
    loop {
        dbg!(t > 3);
        yield_!(t);
        t += 1;
    }
    t
}

fn main() {
    let _ = stops();
}
