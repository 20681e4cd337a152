//! `coro::coro!`: a `static` closure is accepted as a movable one. A borrow of its own local
//! held across a `yield` is made again after the resume where coro can (`let r = &v;`,
//! `for x in &v`, `if let Some(x) = v.get(0)`); one it cannot make again (a `ref` binding
//! of a whole local, which rustc allows only in a `static` coroutine) is still an error,
//! and the error says why `static` does not help.
fn main() {
    let _c = coro::coro!(static || {
        let v = vec![1, 2];
        let r = &v;
        let ref whole = v;
        yield 1;
        yield r.len() + whole.len();
    });
}
