//! mTLS Lab's engine: a sans-I/O TLS 1.3 client and server whose every step is recorded.
//!
//! The engine does no I/O, reads no clock and uses no global randomness: bytes come in and go
//! out, time and a seeded random generator are passed in, so one seed reproduces every byte of a
//! run. Everything the web app and the CLI show is a rendering of what this crate records.

pub mod crypto;
pub mod demo;
pub mod rng;

pub use rng::LabRng;
