//! The cryptography TLS 1.3 needs, over pure-Rust RustCrypto crates.
//!
//! One suite (TLS_AES_128_GCM_SHA256), two key-exchange groups (x25519, secp256r1) and one
//! signature scheme (ecdsa_secp256r1_sha256): exactly what the lab teaches, nothing more.
//!
//! This is the engine's `crypto` module (`mtls_lab_engine::crypto`), in a crate of its own so
//! that it can be compiled for speed while the rest of the web app is compiled for size: the
//! generic elliptic-curve code is instantiated here, and `opt-level = 3` for this crate makes
//! the page's handshake about 40% faster (see docs/PERFORMANCE.md).

pub mod key_schedule;
pub mod kx;
pub mod record;
pub mod rng;
#[cfg(feature = "rsa")]
pub mod rsa;
pub mod sign;
pub mod tls12;

use sha2::{Digest, Sha256};

pub use kx::{Group, KeyShare};
pub use sign::{EcdsaKey, PrivateKey, Scheme, VerifyMemo, verify, verify_ecdsa_p256_sha256};

/// Why a cryptographic operation refused its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CryptoError {
    /// A peer's key share is not a valid point of the group (RFC 8446 §4.2.8.2, §7.4).
    BadKeyShare,
    /// The shared secret is all zeros: the peer sent a small-order x25519 point (RFC 8446 §7.4.2).
    NonContributory,
    /// A public key could not be decoded.
    BadPublicKey,
    /// A signature is malformed or does not verify.
    BadSignature,
    /// A record failed authentication: wrong key, wrong sequence number, or tampered bytes.
    Decrypt,
    /// A private key could not be decoded.
    BadPrivateKey,
}

impl core::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::BadKeyShare => "key share is not a valid group element",
            Self::NonContributory => "key exchange produced an all-zero secret",
            Self::BadPublicKey => "public key could not be decoded",
            Self::BadSignature => "signature does not verify",
            Self::Decrypt => "record failed AEAD authentication",
            Self::BadPrivateKey => "private key could not be decoded",
        })
    }
}

impl std::error::Error for CryptoError {}

/// SHA-256 of `data`: the suite's transcript hash.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}
