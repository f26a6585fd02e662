//! ECDSA P-256 with SHA-256 (ecdsa_secp256r1_sha256, RFC 8446 §4.2.3), deterministic (RFC 6979).

use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};

use super::CryptoError;
use super::kx::uncompressed_point;
use crate::rng::LabRng;

/// A long-term P-256 signing key: a CA's, a server's or a client's identity.
#[derive(Clone)]
pub struct EcdsaKey(SigningKey);

impl core::fmt::Debug for EcdsaKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("EcdsaKey")
            .field(&hex_prefix(&self.public()))
            .finish()
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl EcdsaKey {
    /// Draws a fresh key from `rng`.
    pub fn generate(rng: &mut LabRng) -> Self {
        loop {
            if let Ok(key) = SigningKey::from_slice(&rng.bytes::<32>()) {
                return Self(key);
            }
        }
    }

    /// Reads a PKCS#8 DER private key.
    ///
    /// # Errors
    /// [`CryptoError::BadPrivateKey`] if the bytes are not a P-256 PKCS#8 key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, CryptoError> {
        SigningKey::from_pkcs8_der(der)
            .map(Self)
            .map_err(|_| CryptoError::BadPrivateKey)
    }

    /// Reads a SEC1 `ECPrivateKey` DER key (what `-----BEGIN EC PRIVATE KEY-----` wraps).
    ///
    /// # Errors
    /// [`CryptoError::BadPrivateKey`] if the bytes are not a P-256 SEC1 key.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, CryptoError> {
        p256::SecretKey::from_sec1_der(der)
            .map(|k| Self(SigningKey::from(k)))
            .map_err(|_| CryptoError::BadPrivateKey)
    }

    /// The key as PKCS#8 DER (what `-----BEGIN PRIVATE KEY-----` wraps).
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        self.0
            .to_pkcs8_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// The private scalar (32 bytes), shown in the lab's key table.
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.0.to_bytes().into()
    }

    /// The public key as an uncompressed SEC1 point (65 bytes).
    pub fn public(&self) -> Vec<u8> {
        uncompressed_point(&p256::PublicKey::from(self.0.verifying_key()))
    }

    /// Signs `message` (hashed with SHA-256 inside) and returns the DER `ECDSA-Sig-Value`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let sig: DerSignature = self.0.sign(message);
        sig.as_bytes().to_vec()
    }
}

/// Verifies a DER ECDSA P-256/SHA-256 signature over `message` by the SEC1 `public` key.
///
/// # Errors
/// [`CryptoError::BadPublicKey`] for an undecodable key, [`CryptoError::BadSignature`] for a
/// malformed or wrong signature.
pub fn verify_ecdsa_p256_sha256(
    public: &[u8],
    message: &[u8],
    signature_der: &[u8],
) -> Result<(), CryptoError> {
    let key = VerifyingKey::from_sec1_bytes(public).map_err(|_| CryptoError::BadPublicKey)?;
    let sig = DerSignature::try_from(signature_der).map_err(|_| CryptoError::BadSignature)?;
    key.verify(message, &sig)
        .map_err(|_| CryptoError::BadSignature)
}

/// Signature verifications already done while checking one certificate chain.
///
/// The lab checks a chain twice over: its own checklist (to show each step) and webpki (whose
/// verdict decides). Both verify the same signatures; with one memo shared between them every
/// signature is verified once, and the second asker gets the remembered result. The memo is
/// keyed by a SHA-256 over the public key, the signature and the message, so it can never
/// answer for a different triple.
#[derive(Debug, Default)]
pub struct VerifyMemo {
    // webpki wants its signature algorithms `Sync`; nothing here is ever contended.
    done: std::sync::Mutex<Vec<Verified>>,
}

/// A remembered verification: the key over (public key, signature, message), and its result.
type Verified = ([u8; 32], Result<(), CryptoError>);

impl VerifyMemo {
    /// [`verify_ecdsa_p256_sha256`], remembered.
    ///
    /// # Errors
    /// As [`verify_ecdsa_p256_sha256`].
    pub fn verify(
        &self,
        public: &[u8],
        message: &[u8],
        signature_der: &[u8],
    ) -> Result<(), CryptoError> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [public, signature_der, message] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        let key: [u8; 32] = h.finalize().into();
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, result)) = done.iter().find(|(k, _)| *k == key) {
            return *result;
        }
        let result = verify_ecdsa_p256_sha256(public, message, signature_der);
        done.push((key, result));
        result
    }

    /// How many distinct signatures were verified (each exactly once).
    pub fn verified(&self) -> usize {
        self.done.lock().map(|d| d.len()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_verifies_and_a_changed_message_does_not() {
        let key = EcdsaKey::generate(&mut LabRng::from_seed(9));
        let sig = key.sign(b"TLS 1.3, server CertificateVerify");
        assert_eq!(
            verify_ecdsa_p256_sha256(&key.public(), b"TLS 1.3, server CertificateVerify", &sig),
            Ok(())
        );
        assert_eq!(
            verify_ecdsa_p256_sha256(&key.public(), b"TLS 1.3, client CertificateVerify", &sig),
            Err(CryptoError::BadSignature)
        );
        assert_eq!(
            verify_ecdsa_p256_sha256(&key.public(), b"x", b"\x30\x00"),
            Err(CryptoError::BadSignature)
        );
    }

    #[test]
    fn memo_answers_only_for_the_same_key_signature_and_message() {
        let key = EcdsaKey::generate(&mut LabRng::from_seed(11));
        let sig = key.sign(b"tbs");
        let memo = VerifyMemo::default();
        assert_eq!(memo.verify(&key.public(), b"tbs", &sig), Ok(()));
        assert_eq!(memo.verify(&key.public(), b"tbs", &sig), Ok(()));
        assert_eq!(memo.verified(), 1);
        assert_eq!(
            memo.verify(&key.public(), b"tbS", &sig),
            Err(CryptoError::BadSignature)
        );
        let other = EcdsaKey::generate(&mut LabRng::from_seed(12));
        assert_eq!(
            memo.verify(&other.public(), b"tbs", &sig),
            Err(CryptoError::BadSignature)
        );
        assert_eq!(memo.verified(), 3);
    }

    #[test]
    fn pkcs8_round_trip_keeps_the_key() {
        let key = EcdsaKey::generate(&mut LabRng::from_seed(10));
        let again = EcdsaKey::from_pkcs8_der(&key.to_pkcs8_der()).expect("own encoding");
        assert_eq!(key.public(), again.public());
        assert!(EcdsaKey::from_pkcs8_der(b"garbage").is_err());
    }
}
