//! Fuzz target `client`: see [`mtls_lab_fuzz::client`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mtls_lab_fuzz::client(data));
