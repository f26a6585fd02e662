//! A key exchange and a signature between two parties, with every value kept for display.
//!
//! This is the smallest real thing the lab can show before a whole handshake: both sides of a
//! P-256 ECDH arrive at the same secret without sending it, and an ECDSA signature verifies
//! under the public key and fails for a changed message.

use serde::{Deserialize, Serialize};

use crate::crypto::{EcdsaKey, Group, KeyShare, verify_ecdsa_p256_sha256};
use crate::rng::LabRng;

/// What a key exchange and signature round trip produced, as bytes for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundTrip {
    /// The seed that fixed every byte below.
    pub seed: u64,
    /// The group used.
    pub group: Group,
    /// The client's ephemeral public share.
    pub client_public: Vec<u8>,
    /// The server's ephemeral public share.
    pub server_public: Vec<u8>,
    /// The secret as the client computed it from its private key and the server's share.
    pub client_secret: Vec<u8>,
    /// The secret as the server computed it from its private key and the client's share.
    pub server_secret: Vec<u8>,
    /// The signed message.
    pub message: Vec<u8>,
    /// The server's long-term ECDSA P-256 public key.
    pub signer_public: Vec<u8>,
    /// The DER signature over `message`.
    pub signature: Vec<u8>,
    /// Whether the signature verified over `message`.
    pub verified: bool,
    /// Whether the same signature verified over a message with one bit changed (it must not).
    pub tampered_verified: bool,
}

/// Runs the round trip for `group`, all randomness drawn from `seed`.
pub fn round_trip(group: Group, seed: u64) -> RoundTrip {
    let mut rng = LabRng::from_seed(seed);
    let client = KeyShare::generate(group, &mut rng);
    let server = KeyShare::generate(group, &mut rng);
    // Both shares were made just above by our own code, so agreement cannot fail; an empty
    // secret would show as a mismatch on the page rather than a panic.
    let client_secret = client.agree(server.public()).unwrap_or_default();
    let server_secret = server.agree(client.public()).unwrap_or_default();
    let signer = EcdsaKey::generate(&mut rng);
    let message = b"mTLS Lab: proof of possession".to_vec();
    let signature = signer.sign(&message);
    let verified = verify_ecdsa_p256_sha256(&signer.public(), &message, &signature).is_ok();
    let mut tampered = message.clone();
    tampered[0] ^= 1;
    let tampered_verified =
        verify_ecdsa_p256_sha256(&signer.public(), &tampered, &signature).is_ok();
    RoundTrip {
        seed,
        group,
        client_public: client.public().to_vec(),
        server_public: server.public().to_vec(),
        client_secret,
        server_secret,
        message,
        signer_public: signer.public(),
        signature,
        verified,
        tampered_verified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_agree_and_only_the_true_message_verifies() {
        for group in [Group::Secp256r1, Group::X25519] {
            let r = round_trip(group, 42);
            assert_eq!(r.client_secret, r.server_secret);
            assert_eq!(r.client_secret.len(), 32);
            assert!(r.verified);
            assert!(!r.tampered_verified);
        }
    }

    #[test]
    fn a_seed_reproduces_every_byte() {
        assert_eq!(
            round_trip(Group::Secp256r1, 5),
            round_trip(Group::Secp256r1, 5)
        );
        assert_ne!(
            round_trip(Group::Secp256r1, 5).signature,
            round_trip(Group::Secp256r1, 6).signature
        );
    }
}
