//! Fuzz target `record`: see [`mtls_lab_fuzz::record`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mtls_lab_fuzz::record(data));
