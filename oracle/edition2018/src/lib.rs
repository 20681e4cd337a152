//! Edition 2018 (issue 11): the tests in `tests/` are coroutine crates of this edition,
//! compared with rustc's native coroutines through `coro_oracle::twin!` (whose own tokens
//! are 2021 code; the bodies are 2018 code). Nothing here: the tests are the point.
