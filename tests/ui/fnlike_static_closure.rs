//! `coro::coro!`: `static` (self-borrowing) coroutines are not supported.
fn main() {
    let _c = coro::coro!(static || {
        yield 1;
    });
}
