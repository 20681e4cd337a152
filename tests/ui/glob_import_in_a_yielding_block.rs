//! A glob `use` in a block with a yield, while bindings of enclosing scopes are held there:
//! coro saves them inside the block by name, and cannot see whether the glob brings in one
//! of those names (review round 12, C1: `let Q = 5; { use m::*; yield_!(Q); } Q` completed
//! with `m::Q`, silently). A glob of an enum (`use Shape::*`) is accepted while no binding
//! has an UpperCamelCase name; a glob of an enum the body declares always is.
use coro::Coroutine;

mod limits {
    pub const MAX: u32 = 1000;
}

#[coro::coroutine]
fn glob(n: u32) -> impl Coroutine<(), Yield = u32, Return = u32> {
    use coro::yield_;
    let total = n;
    {
        use limits::*;
        yield_!(MAX);
    }
    total
}

fn main() {
    let _ = glob(1);
}
