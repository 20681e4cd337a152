// Ported from rust-lang/rust, tests/ui/coroutine/reborrow-mut-upvar.rs (see README.md).
#![allow(unused_must_use)]

fn _run(bar: &mut i32) {
    coro::coro!(|| {
        {
            let _baz = &*bar;
            yield;
        }

        *bar = 2;
    });
}

fn main() {}
