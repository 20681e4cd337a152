//! Runs each workload once on a fixed input, in each implementation counted (hand-written,
//! coro, and rustc native when built with `RUSTC_BOOTSTRAP=1`), each run inside a function
//! of its own that is never inlined, so that `bench/instructions.sh` (coro alone) and
//! `bench/instruction-ratios.sh` (all three, and coro's ratios to the others) can count the
//! instructions each one takes under callgrind (`valgrind --tool=callgrind
//! --toggle-collect=instructions::measure_IMPL_WORKLOAD`). Instruction counts, unlike times,
//! are exact and repeatable on a busy machine: a change to what the macro emits that costs or
//! saves work in a resume moves them, and nothing else does.
//!
//! `cargo run -p coro-bench --release --bin instructions` runs everything, checks that the
//! implementations of each workload agree, and prints the checksums (so the work cannot be
//! optimised away); `.. --bin instructions WORKLOAD IMPL` runs that one only (what the scripts
//! run under callgrind). The counts come from the scripts.

use std::hint::black_box;
use std::process::ExitCode;

use coro_bench::{coro_impl, hand, input, Parsed, Sum};

/// Items of the count, large_state and nested workloads; kept small so callgrind is quick.
const N: u64 = 100_000;

/// Bytes of the rle, rle_article and parse inputs.
const BYTES: usize = 100_000;

/// The workloads, in the order the scripts print them.
const WORKLOADS: [&str; 7] = [
    "count",
    "rle",
    "rle_article",
    "parse",
    "large_state",
    "nested",
    "borrowed",
];

/// One implementation's measure functions, in the order of [`WORKLOADS`].
type Table = [fn(&Inputs) -> u64; 7];

/// The inputs every implementation runs on.
struct Inputs {
    rle: Vec<u8>,
    text: Vec<u8>,
    /// The items of borrowed (`0..N`), handed over whole to the measured function (taking
    /// them out costs a few instructions, not a copy); a new vector for each measurement.
    items: std::cell::RefCell<Vec<u64>>,
}

impl Inputs {
    /// The items of borrowed, moved out (the next measurement gets them again).
    fn take_items(&self) -> Vec<u64> {
        std::mem::take(&mut *self.items.borrow_mut())
    }
}

/// Defines, for one implementation module, a never-inlined `measure_*` function per workload
/// (its names are the ones the scripts give callgrind) and a table of them by workload name.
macro_rules! measures {
    ($table:ident, $module:ident: $count:ident, $rle:ident, $rle_article:ident, $parse:ident,
     $large_state:ident, $nested:ident, $borrowed:ident) => {
        #[inline(never)]
        fn $count(_: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_count(black_box(N), |x| sum.add(x));
            sum.0
        }

        #[inline(never)]
        fn $rle(inputs: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_rle(black_box(&inputs.rle), |x| sum.add(u64::from(x)));
            sum.0
        }

        #[inline(never)]
        fn $rle_article(inputs: &Inputs) -> u64 {
            let mut sum = Sum::default();
            let end = $module::run_rle_article(black_box(&inputs.rle), |x| sum.add(u64::from(x)));
            sum.0 ^ u64::from(end.is_err())
        }

        #[inline(never)]
        fn $parse(inputs: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_parse(black_box(&inputs.text), |x| sum.add(Parsed::key(x)));
            sum.0
        }

        #[inline(never)]
        fn $large_state(_: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_large_state(black_box(N), |x| sum.add(x));
            sum.0
        }

        #[inline(never)]
        fn $nested(_: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_nested(black_box(316), black_box(316), |x| sum.add(x));
            sum.0
        }

        #[inline(never)]
        fn $borrowed(inputs: &Inputs) -> u64 {
            let mut sum = Sum::default();
            $module::run_borrowed(black_box(inputs.take_items()), |x| sum.add(x));
            sum.0
        }

        /// This implementation's measure functions, in the order of [`WORKLOADS`].
        const $table: Table = [
            $count,
            $rle,
            $rle_article,
            $parse,
            $large_state,
            $nested,
            $borrowed,
        ];
    };
}

measures!(HAND, hand: measure_hand_count, measure_hand_rle, measure_hand_rle_article,
    measure_hand_parse, measure_hand_large_state, measure_hand_nested, measure_hand_borrowed);
measures!(CORO, coro_impl: measure_coro_count, measure_coro_rle, measure_coro_rle_article,
    measure_coro_parse, measure_coro_large_state, measure_coro_nested, measure_coro_borrowed);

#[cfg(coro_native)]
use coro_bench::native;
#[cfg(coro_native)]
measures!(NATIVE, native: measure_native_count, measure_native_rle,
    measure_native_rle_article, measure_native_parse, measure_native_large_state,
    measure_native_nested, measure_native_borrowed);

/// The implementations compiled in, by the names the scripts use.
fn implementations() -> Vec<(&'static str, Table)> {
    #[allow(unused_mut)] // pushed to only with cfg(coro_native)
    let mut impls = vec![("hand", HAND), ("coro", CORO)];
    #[cfg(coro_native)]
    impls.push(("native", NATIVE));
    impls
}

fn main() -> ExitCode {
    let inputs = Inputs {
        rle: input::rle(BYTES),
        text: input::text(BYTES),
        items: Default::default(),
    };
    let fill = || *inputs.items.borrow_mut() = (0..N).collect();
    let impls = implementations();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [workload, implementation] = &args[..] {
        let w = WORKLOADS.iter().position(|w| w == workload);
        let m = impls.iter().find(|(name, _)| name == implementation);
        let (Some(w), Some((_, table))) = (w, m) else {
            eprintln!(
                "unknown workload or implementation: {workload} {implementation} (workloads: \
                 {WORKLOADS:?}; implementations: {:?})",
                impls.iter().map(|(name, _)| *name).collect::<Vec<_>>()
            );
            return ExitCode::from(2);
        };
        fill();
        println!(
            "{workload:<12} {implementation:<7} checksum {:#018x}",
            table[w](&inputs)
        );
        return ExitCode::SUCCESS;
    }
    if !args.is_empty() {
        eprintln!("usage: instructions [WORKLOAD IMPL]");
        return ExitCode::from(2);
    }
    // Everything: each workload's implementations must agree, so the work was really done.
    for (w, workload) in WORKLOADS.iter().enumerate() {
        let sums: Vec<(&str, u64)> = impls
            .iter()
            .map(|(name, t)| {
                fill();
                (*name, t[w](&inputs))
            })
            .collect();
        let (first, sum0) = sums[0];
        for &(name, sum) in &sums[1..] {
            assert_eq!(sum, sum0, "{workload}: {name} disagrees with {first}");
        }
        println!(
            "{workload:<12} checksum {sum0:#018x} ({} implementations agree)",
            sums.len()
        );
    }
    ExitCode::SUCCESS
}
