//! `coro::coro!`: a `yield` inside a nested closure cannot suspend the coroutine; the
//! error speaks of `yield`, not of the `yield_!` the front end turns it into.
fn main() {
    let _c = coro::coro!(|| {
        let numbers = [1, 2, 3];
        numbers.iter().for_each(|n| {
            yield *n;
        });
    });
}
