//! Fuzz target: arbitrary bytes into `from_slice` / `from_str`; see `checks.rs`.

#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::check_from_slice(data));
