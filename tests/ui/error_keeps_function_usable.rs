//! On a transform error, the function is still emitted (with a placeholder body), so its
//! callers type-check and the only error is the one on the unsupported `yield_!`.
use coro::{yield_, Coroutine, CoroutineState};

#[coro::coroutine]
fn each(v: Vec<u32>) -> impl Coroutine<Yield = u32, Return = usize> + Clone {
    v.iter().for_each(|x| {
        yield_!(*x);
    });
    v.len()
}

fn main() {
    let mut c = each(vec![1, 2]);
    let copy = c.clone();
    match c.resume(()) {
        CoroutineState::Yielded(y) => println!("{}", y + 1),
        CoroutineState::Complete(n) => println!("{}", n + 1),
    }
    println!("{copy:?}");
}
