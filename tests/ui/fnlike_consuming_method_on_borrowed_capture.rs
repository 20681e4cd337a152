//! `coro::coro!`: a non-`move` closure leaves a variable used only as a method receiver to
//! rustc's capture of the resume closure (the method may take `self` by reference or by
//! value, which the macro cannot see; only `into` and `into_*` are known to consume it).
//! A method that consumes it is then rustc's E0507 at the call: take the variable by value
//! in the body first (`let bag = bag;`), or write `move`.
struct Bag(Vec<u32>);

impl Bag {
    fn consume(self) -> Vec<u32> {
        self.0
    }
}

fn main() {
    let bag = Bag(vec![1, 2]);
    let _c = coro::coro!(|| {
        for item in bag.consume() {
            yield item;
        }
    });
}
