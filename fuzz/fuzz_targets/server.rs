//! Fuzz target `server`: see [`mtls_lab_fuzz::server`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mtls_lab_fuzz::server(data));
