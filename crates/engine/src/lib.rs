//! mTLS Lab's engine: a sans-I/O TLS 1.3 client and server whose every step is recorded.
//!
//! The engine does no I/O, reads no clock and uses no global randomness: bytes come in and go
//! out, time and a seeded random generator are passed in, so one seed reproduces every byte of a
//! run. Everything the web app and the CLI show is a rendering of what this crate records.

pub mod bench;
pub mod demo;
pub mod error;
pub mod export;
pub mod facts;
pub mod floor;
pub mod handshake;
pub mod leak;
pub mod pki;
pub mod roles;
pub mod scenario;
pub mod session;
pub mod trace;
pub mod wire;

pub use error::Error;
/// The cryptography, from the `mtls-lab-crypto` crate (compiled for speed; see its docs).
pub use mtls_lab_crypto as crypto;
pub use mtls_lab_crypto::rng;
pub use rng::LabRng;
pub use trace::Trace;
