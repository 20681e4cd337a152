//! `coro::coro!`: a `static` closure is accepted as a movable one, so a borrow of its own
//! local held across a `yield` (which rustc allows only in a `static` coroutine) is still an
//! error, and the error says why `static` does not help.
fn main() {
    let _c = coro::coro!(static || {
        let v = vec![1, 2];
        let r = &v;
        yield 1;
        yield r.len();
    });
}
