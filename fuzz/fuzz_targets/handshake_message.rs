//! Fuzz target `handshake_message`: see [`mtls_lab_fuzz::handshake_message`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mtls_lab_fuzz::handshake_message(data));
