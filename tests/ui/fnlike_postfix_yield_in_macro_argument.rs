//! `coro::coro!`: a postfix `.yield` inside another macro's arguments cannot be seen by the
//! transform, as a prefix `yield` there cannot.
fn main() {
    let _c = coro::coro!(|| {
        let x = 1.yield;
        println!("{}", x.yield);
    });
}
