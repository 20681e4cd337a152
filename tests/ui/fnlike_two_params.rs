//! `coro::coro!`: a coroutine closure takes at most one parameter, the first resume argument.
fn main() {
    let _c = coro::coro!(|a: u8, b: u8| {
        yield a;
        b
    });
}
