//! Fuzz target `byo`: see [`mtls_lab_fuzz::byo`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mtls_lab_fuzz::byo(data));
