//! An experiment behind the rle figure: is coro's extra time the cost of moving a
//! multi-variant state out and back on every resume?
//!
//! Times four decompressors over the rle benchmark input, best of 30 runs each:
//! the hand-written `Iterator`; coro's; a hand-written enum state machine with the same
//! variants as coro's expansion (a run in progress holding the range, the value and the input
//! iterator; a plain byte holding the input iterator), moved out with `mem::replace` and
//! rebuilt on every resume; and the same machine with the input iterator in a fixed field
//! beside the enum, updated in place.
//!
//! Run: `cargo run --release -p coro-bench --bin rle_layouts`

use std::hint::black_box;
use std::mem;
use std::ops::Range;
use std::slice;
use std::time::Instant;

use coro_bench::{coro_impl, hand, input, Sum};

/// The state moved out and rebuilt on every resume, as the general path of the transform does.
enum Moved<'a> {
    Start(&'a [u8]),
    Run {
        run: Range<u8>,
        value: u8,
        bytes: slice::Iter<'a, u8>,
    },
    Byte {
        bytes: slice::Iter<'a, u8>,
    },
    Poisoned,
    Done,
}

impl Moved<'_> {
    #[inline]
    fn resume(&mut self) -> Option<u8> {
        let mut bytes = match mem::replace(self, Moved::Poisoned) {
            Moved::Start(input) => input.iter(),
            Moved::Run {
                mut run,
                value,
                bytes,
            } => {
                if run.next().is_some() {
                    *self = Moved::Run { run, value, bytes };
                    return Some(value);
                }
                bytes
            }
            Moved::Byte { bytes } => bytes,
            Moved::Poisoned | Moved::Done => panic!("resumed after completion"),
        };
        while let Some(&c) = bytes.next() {
            if c == 0xFF {
                let (Some(&len), Some(&value)) = (bytes.next(), bytes.next()) else {
                    break;
                };
                let mut run = 0..len;
                if run.next().is_some() {
                    *self = Moved::Run { run, value, bytes };
                    return Some(value);
                }
            } else {
                *self = Moved::Byte { bytes };
                return Some(c);
            }
        }
        *self = Moved::Done;
        None
    }
}

/// Where the in-place machine is suspended; the input iterator lives beside it.
enum Point {
    Start,
    Run { run: Range<u8>, value: u8 },
    Byte,
    Done,
}

/// The input iterator, held at both suspension points, in a fixed field updated in place.
struct InPlace<'a> {
    bytes: slice::Iter<'a, u8>,
    at: Point,
}

impl InPlace<'_> {
    #[inline]
    fn resume(&mut self) -> Option<u8> {
        match &mut self.at {
            Point::Run { run, value } => {
                if run.next().is_some() {
                    return Some(*value);
                }
            }
            Point::Start | Point::Byte => {}
            Point::Done => panic!("resumed after completion"),
        }
        while let Some(&c) = self.bytes.next() {
            if c == 0xFF {
                let (Some(&len), Some(&value)) = (self.bytes.next(), self.bytes.next()) else {
                    break;
                };
                let mut run = 0..len;
                if run.next().is_some() {
                    self.at = Point::Run { run, value };
                    return Some(value);
                }
            } else {
                self.at = Point::Byte;
                return Some(c);
            }
        }
        self.at = Point::Done;
        None
    }
}

fn time(name: &str, items: u64, expected: u64, mut f: impl FnMut() -> u64) {
    let mut best = f64::MAX;
    for _ in 0..30 {
        let t = Instant::now();
        let sum = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(sum, expected, "{name} decompressed something else");
    }
    println!("{name:32} {:.3} ns/item", best * 1e9 / items as f64);
}

fn main() {
    let data = input::rle(input::RLE_LEN);
    let items = hand::Rle::new(&data).count() as u64;
    let data = &data[..];
    let mut expected = Sum::default();
    hand::run_rle(data, |x| expected.add(u64::from(x)));
    let expected = expected.0;

    time("hand-written Iterator", items, expected, || {
        let mut s = Sum::default();
        hand::run_rle(black_box(data), |x| s.add(u64::from(x)));
        s.0
    });
    time("coro", items, expected, || {
        let mut s = Sum::default();
        coro_impl::run_rle(black_box(data), |x| s.add(u64::from(x)));
        s.0
    });
    time("enum moved per resume", items, expected, || {
        let mut s = Sum::default();
        let mut m = Moved::Start(black_box(data));
        while let Some(x) = m.resume() {
            s.add(u64::from(x));
        }
        s.0
    });
    time("shared field, in place", items, expected, || {
        let mut s = Sum::default();
        let mut m = InPlace {
            bytes: black_box(data).iter(),
            at: Point::Start,
        };
        while let Some(x) = m.resume() {
            s.add(u64::from(x));
        }
        s.0
    });
}
