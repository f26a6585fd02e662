//! The TLS 1.3 key schedule (RFC 8446 §7.1) for SHA-256, with each stage as its own type.
//!
//! ```text
//!              0 -> HKDF-Extract = Early Secret
//!                        |
//!                  Derive-Secret(., "derived", "")
//!                        v
//!  (EC)DHE -> HKDF-Extract = Handshake Secret --> c hs traffic, s hs traffic
//!                        |
//!                  Derive-Secret(., "derived", "")
//!                        v
//!           0 -> HKDF-Extract = Master Secret --> c ap traffic, s ap traffic, exp master
//! ```
//! A stage is consumed to make the next, so a secret from the wrong stage cannot be used.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::sha256;

/// Length of every secret and hash in the TLS_AES_128_GCM_SHA256 schedule.
pub const HASH_LEN: usize = 32;

/// A 32-byte secret of the schedule.
pub type Secret = [u8; HASH_LEN];

/// HKDF-Extract(salt, IKM) (RFC 5869 §2.2).
pub fn hkdf_extract(salt: &[u8], ikm: &[u8]) -> Secret {
    let (prk, _) = Hkdf::<Sha256>::extract(Some(salt), ikm);
    prk.into()
}

/// HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1): the label gets the
/// "tls13 " prefix and the whole `HkdfLabel` structure is the HKDF info.
pub fn hkdf_expand_label(secret: &[u8], label: &str, context: &[u8], out: &mut [u8]) {
    let full_label_len = 6 + label.len();
    let mut info = Vec::with_capacity(4 + full_label_len + context.len());
    // Lengths are bounded by the callers (labels are constants, contexts are hashes, outputs at
    // most 32 bytes), so the narrowing casts cannot truncate.
    info.extend_from_slice(&(out.len() as u16).to_be_bytes());
    info.push(full_label_len as u8);
    info.extend_from_slice(b"tls13 ");
    info.extend_from_slice(label.as_bytes());
    info.push(context.len() as u8);
    info.extend_from_slice(context);
    let prk = Hkdf::<Sha256>::from_prk(secret).expect("invariant: secrets are HASH_LEN bytes");
    prk.expand(&info, out)
        .expect("invariant: outputs are at most 255 * HASH_LEN bytes");
}

/// Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1), taking the transcript hash.
pub fn derive_secret(secret: &Secret, label: &str, transcript_hash: &[u8; HASH_LEN]) -> Secret {
    let mut out = [0u8; HASH_LEN];
    hkdf_expand_label(secret, label, transcript_hash, &mut out);
    out
}

fn derived(secret: &Secret) -> Secret {
    derive_secret(secret, "derived", &sha256(b""))
}

/// The Early Secret: HKDF-Extract(0, 0) when no PSK is used.
#[derive(Clone)]
pub struct EarlySecret(Secret);

impl EarlySecret {
    /// The early secret of a handshake without a pre-shared key.
    pub fn without_psk() -> Self {
        Self(hkdf_extract(&[0u8; HASH_LEN], &[0u8; HASH_LEN]))
    }

    /// The secret's bytes.
    pub fn bytes(&self) -> &Secret {
        &self.0
    }

    /// Mixes in the (EC)DHE shared secret to reach the Handshake Secret.
    pub fn into_handshake(self, shared_secret: &[u8]) -> HandshakeSecret {
        HandshakeSecret(hkdf_extract(&derived(&self.0), shared_secret))
    }
}

/// The Handshake Secret, from which the handshake traffic secrets come.
#[derive(Clone)]
pub struct HandshakeSecret(Secret);

/// The pair of traffic secrets of one epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficSecrets {
    /// The secret protecting what the client sends.
    pub client: Secret,
    /// The secret protecting what the server sends.
    pub server: Secret,
}

impl HandshakeSecret {
    /// The secret's bytes.
    pub fn bytes(&self) -> &Secret {
        &self.0
    }

    /// `c hs traffic` and `s hs traffic` over the hash of ClientHello..ServerHello.
    pub fn traffic(&self, hello_hash: &[u8; HASH_LEN]) -> TrafficSecrets {
        TrafficSecrets {
            client: derive_secret(&self.0, "c hs traffic", hello_hash),
            server: derive_secret(&self.0, "s hs traffic", hello_hash),
        }
    }

    /// Moves on to the Master Secret.
    pub fn into_master(self) -> MasterSecret {
        MasterSecret(hkdf_extract(&derived(&self.0), &[0u8; HASH_LEN]))
    }
}

/// The Master Secret, from which the application traffic secrets come.
#[derive(Clone)]
pub struct MasterSecret(Secret);

impl MasterSecret {
    /// The secret's bytes.
    pub fn bytes(&self) -> &Secret {
        &self.0
    }

    /// `c ap traffic` and `s ap traffic` over the hash of ClientHello..server Finished.
    pub fn traffic(&self, server_finished_hash: &[u8; HASH_LEN]) -> TrafficSecrets {
        TrafficSecrets {
            client: derive_secret(&self.0, "c ap traffic", server_finished_hash),
            server: derive_secret(&self.0, "s ap traffic", server_finished_hash),
        }
    }

    /// `exp master` over the hash of ClientHello..server Finished.
    pub fn exporter(&self, server_finished_hash: &[u8; HASH_LEN]) -> Secret {
        derive_secret(&self.0, "exp master", server_finished_hash)
    }
}

/// The AES-128-GCM key and IV a traffic secret yields (RFC 8446 §7.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficKeys {
    /// The 16-byte AEAD key.
    pub key: [u8; 16],
    /// The 12-byte static IV, XORed with the record sequence number to make each nonce.
    pub iv: [u8; 12],
}

impl TrafficKeys {
    /// `[sender]_write_key` and `[sender]_write_iv` from a traffic secret.
    pub fn from_secret(secret: &Secret) -> Self {
        let mut key = [0u8; 16];
        let mut iv = [0u8; 12];
        hkdf_expand_label(secret, "key", b"", &mut key);
        hkdf_expand_label(secret, "iv", b"", &mut iv);
        Self { key, iv }
    }
}

/// `application_traffic_secret_N+1` after a KeyUpdate (RFC 8446 §7.2).
pub fn next_traffic_secret(secret: &Secret) -> Secret {
    let mut out = [0u8; HASH_LEN];
    hkdf_expand_label(secret, "traffic upd", b"", &mut out);
    out
}

/// The Finished message's verify_data (RFC 8446 §4.4.4): HMAC over the transcript hash with
/// the `finished` key derived from the sender's handshake traffic secret.
pub fn finished_verify_data(base_key: &Secret, transcript_hash: &[u8; HASH_LEN]) -> Secret {
    let mut finished_key = [0u8; HASH_LEN];
    hkdf_expand_label(base_key, "finished", b"", &mut finished_key);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&finished_key)
        .expect("invariant: HMAC accepts any key length");
    mac.update(transcript_hash);
    mac.finalize().into_bytes().into()
}

/// Compares two verify_data values in constant time.
pub fn verify_data_matches(expected: &[u8], received: &[u8]) -> bool {
    expected.len() == received.len()
        && expected
            .iter()
            .zip(received)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
