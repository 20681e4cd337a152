//! `coro::coro!`: a `yield` inside another macro's arguments is not seen by the transform
//! (the tokens reach `println!` as they are, where `yield` is unstable syntax).
fn main() {
    let _c = coro::coro!(|| {
        let x = yield 1;
        println!("{}", yield x);
    });
}
