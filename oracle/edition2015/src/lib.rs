//! Edition 2015 (issue 11): the tests in `tests/` are coroutine crates of this edition,
//! compared with rustc's native coroutines through `coro_oracle::twin!` (whose own tokens
//! are 2021 code; the bodies are 2015 code). Nothing here: the tests are the point.
