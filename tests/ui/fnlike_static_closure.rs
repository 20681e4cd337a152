//! `coro::coro!`: a `static` closure is accepted as a movable one. A borrow of its own local
//! held across a `yield` is made again after the resume where coro can (`let r = &v;`,
//! `for x in &v`); one it cannot make again (a pattern bound from a borrow, which rustc
//! allows only in a `static` coroutine) is still an error, and the error says why
//! `static` does not help.
fn main() {
    let _c = coro::coro!(static || {
        let v = vec![1, 2];
        let r = &v;
        if let Some(x) = v.get(0) {
            yield 1;
            yield *x;
        }
        yield r.len();
    });
}
