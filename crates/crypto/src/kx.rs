//! Ephemeral (EC)DHE key shares: x25519 (RFC 7748) and secp256r1 (RFC 8446 §4.2.8.2).

use serde::{Deserialize, Serialize};

use super::CryptoError;
use crate::rng::LabRng;

/// A named group for key exchange (RFC 8446 §4.2.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Curve25519 Diffie-Hellman, code point 0x001d.
    X25519,
    /// NIST P-256 ECDH, code point 0x0017.
    Secp256r1,
}

impl Group {
    /// The code point on the wire.
    pub fn code(self) -> u16 {
        match self {
            Self::X25519 => 0x001d,
            Self::Secp256r1 => 0x0017,
        }
    }

    /// The group a code point names, if the lab implements it.
    pub fn from_code(code: u16) -> Option<Self> {
        match code {
            0x001d => Some(Self::X25519),
            0x0017 => Some(Self::Secp256r1),
            _ => None,
        }
    }

    /// The name RFC 8446 gives the group.
    pub fn name(self) -> &'static str {
        match self {
            Self::X25519 => "x25519",
            Self::Secp256r1 => "secp256r1",
        }
    }
}

/// One side's ephemeral key pair for a group.
#[derive(Clone)]
pub struct KeyShare {
    group: Group,
    secret: [u8; 32],
    public: Vec<u8>,
}

impl core::fmt::Debug for KeyShare {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeyShare")
            .field("group", &self.group)
            .finish_non_exhaustive()
    }
}

impl KeyShare {
    /// Draws a fresh ephemeral private key from `rng` and computes its public share.
    pub fn generate(group: Group, rng: &mut LabRng) -> Self {
        match group {
            Group::X25519 => {
                let secret = rng.bytes::<32>();
                let public =
                    x25519_dalek::x25519(secret, x25519_dalek::X25519_BASEPOINT_BYTES).to_vec();
                Self {
                    group,
                    secret,
                    public,
                }
            }
            Group::Secp256r1 => loop {
                // A uniformly drawn 256-bit string is a valid scalar with overwhelming
                // probability; rejection sampling keeps the distribution exact.
                let secret = rng.bytes::<32>();
                if let Ok(key) = p256::SecretKey::from_slice(&secret) {
                    let public = uncompressed_point(&key.public_key());
                    return Self {
                        group,
                        secret,
                        public,
                    };
                }
            },
        }
    }

    /// The group of this share.
    pub fn group(&self) -> Group {
        self.group
    }

    /// The public share as sent in a key_share extension.
    pub fn public(&self) -> &[u8] {
        &self.public
    }

    /// The private scalar, for the lab's key table and NSS key log (never sent).
    pub fn secret(&self) -> &[u8; 32] {
        &self.secret
    }

    /// Combines our private key with the peer's public share into the shared secret.
    ///
    /// # Errors
    /// [`CryptoError::BadKeyShare`] if `peer` is not a valid encoding of a point of the group,
    /// [`CryptoError::NonContributory`] if an x25519 peer sent a small-order point.
    pub fn agree(&self, peer: &[u8]) -> Result<Vec<u8>, CryptoError> {
        match self.group {
            Group::X25519 => {
                let peer: [u8; 32] = peer.try_into().map_err(|_| CryptoError::BadKeyShare)?;
                let shared = x25519_dalek::x25519(self.secret, peer);
                if shared == [0u8; 32] {
                    return Err(CryptoError::NonContributory);
                }
                Ok(shared.to_vec())
            }
            Group::Secp256r1 => {
                // RFC 8446 §4.2.8.2: only the uncompressed form (0x04 || X || Y) is allowed.
                if peer.len() != 65 || peer[0] != 4 {
                    return Err(CryptoError::BadKeyShare);
                }
                let peer =
                    p256::PublicKey::from_sec1_bytes(peer).map_err(|_| CryptoError::BadKeyShare)?;
                let key = p256::SecretKey::from_slice(&self.secret)
                    .map_err(|_| CryptoError::BadPrivateKey)?;
                let shared = p256::ecdh::diffie_hellman(key.to_nonzero_scalar(), peer.as_affine());
                Ok(shared.raw_secret_bytes().to_vec())
            }
        }
    }
}

/// The uncompressed SEC1 encoding of a P-256 point (65 bytes, leading 0x04).
pub(crate) fn uncompressed_point(key: &p256::PublicKey) -> Vec<u8> {
    p256::Sec1Point::from(key).as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_groups_agree_on_the_same_secret() {
        let mut rng = LabRng::from_seed(1);
        for group in [Group::X25519, Group::Secp256r1] {
            let a = KeyShare::generate(group, &mut rng);
            let b = KeyShare::generate(group, &mut rng);
            let ab = a.agree(b.public()).expect("valid share");
            let ba = b.agree(a.public()).expect("valid share");
            assert_eq!(ab, ba);
            assert_eq!(ab.len(), 32);
        }
    }

    #[test]
    fn p256_share_is_uncompressed() {
        let share = KeyShare::generate(Group::Secp256r1, &mut LabRng::from_seed(2));
        assert_eq!(share.public().len(), 65);
        assert_eq!(share.public()[0], 4);
    }

    #[test]
    fn rejects_malformed_and_small_order_shares() {
        let mut rng = LabRng::from_seed(3);
        let x = KeyShare::generate(Group::X25519, &mut rng);
        assert_eq!(x.agree(&[1, 2, 3]), Err(CryptoError::BadKeyShare));
        assert_eq!(x.agree(&[0u8; 32]), Err(CryptoError::NonContributory));
        let p = KeyShare::generate(Group::Secp256r1, &mut rng);
        let mut off_curve = p.public().to_vec();
        off_curve[64] ^= 1;
        assert_eq!(p.agree(&off_curve), Err(CryptoError::BadKeyShare));
        assert_eq!(p.agree(&p.public()[..33]), Err(CryptoError::BadKeyShare));
    }
}
