//! Fuzz target: error envelopes, structured and raw; see `checks.rs`.

#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::check_error_envelope(data));
