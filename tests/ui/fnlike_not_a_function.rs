//! `coro::coro!` takes coroutine functions or one closure: a struct is neither.
coro::coro! {
    struct Numbers;
}

fn main() {}
