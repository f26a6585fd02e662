//! Signatures: ECDSA P-256 with SHA-256 (ecdsa_secp256r1_sha256, RFC 8446 §4.2.3),
//! deterministic (RFC 6979); and with the feature `rsa`, RSA-2048 with PKCS#1 v1.5 or PSS.

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

/// A signature scheme the lab signs and verifies with (RFC 8446 §4.2.3 code points).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// ecdsa_secp256r1_sha256 (0x0403).
    EcdsaP256Sha256,
    /// rsa_pkcs1_sha256 (0x0401): certificates, and TLS 1.2's handshake signatures.
    RsaPkcs1Sha256,
    /// rsa_pss_rsae_sha256 (0x0804): TLS 1.3's RSA handshake signatures.
    RsaPssRsaeSha256,
}

impl Scheme {
    /// The SignatureScheme code point.
    pub const fn code(self) -> u16 {
        match self {
            Self::EcdsaP256Sha256 => 0x0403,
            Self::RsaPkcs1Sha256 => 0x0401,
            Self::RsaPssRsaeSha256 => 0x0804,
        }
    }

    /// The scheme with code point `code`, if the lab knows it.
    pub const fn from_code(code: u16) -> Option<Self> {
        match code {
            0x0403 => Some(Self::EcdsaP256Sha256),
            0x0401 => Some(Self::RsaPkcs1Sha256),
            0x0804 => Some(Self::RsaPssRsaeSha256),
            _ => None,
        }
    }

    /// Whether this build can verify the scheme (RSA needs the feature `rsa`).
    pub const fn supported(self) -> bool {
        matches!(self, Self::EcdsaP256Sha256) || cfg!(feature = "rsa")
    }
}

/// A long-term private key of either kind the lab issues certificates for.
#[derive(Clone, Debug)]
pub enum PrivateKey {
    /// ECDSA P-256: every lesson's key unless it says RSA.
    Ecdsa(EcdsaKey),
    /// RSA-2048 (boxed: its precomputed values are ten times an ECDSA key's size).
    #[cfg(feature = "rsa")]
    Rsa(Box<crate::rsa::RsaKey>),
}

impl From<EcdsaKey> for PrivateKey {
    fn from(key: EcdsaKey) -> Self {
        Self::Ecdsa(key)
    }
}

#[cfg(feature = "rsa")]
impl From<crate::rsa::RsaKey> for PrivateKey {
    fn from(key: crate::rsa::RsaKey) -> Self {
        Self::Rsa(Box::new(key))
    }
}

impl PrivateKey {
    /// An RSA-2048 key from the next 32 bytes of `rng` ([`crate::rsa::RsaKey::generate`]).
    /// Inside [`crate::rsa::deferring`], a key not found yet stands in as a P-256 key from the
    /// same bytes: that run is thrown away, but it draws from `rng` as the real one will.
    #[cfg(feature = "rsa")]
    pub fn generate_rsa(rng: &mut LabRng) -> Self {
        let mut stand_in = rng.clone();
        match crate::rsa::RsaKey::generate(rng) {
            Some(key) => key.into(),
            None => EcdsaKey::generate(&mut stand_in.fork()).into(),
        }
    }

    /// Reads a PKCS#8 DER private key, P-256 or (with the feature `rsa`) RSA.
    ///
    /// # Errors
    /// [`CryptoError::BadPrivateKey`] if the bytes are neither.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, CryptoError> {
        match EcdsaKey::from_pkcs8_der(der) {
            Ok(key) => Ok(key.into()),
            #[cfg(feature = "rsa")]
            Err(_) => crate::rsa::RsaKey::from_pkcs8_der(der).map(Into::into),
            #[cfg(not(feature = "rsa"))]
            Err(e) => Err(e),
        }
    }

    /// The public key as a certificate's subjectPublicKey holds it: an uncompressed SEC1 point,
    /// or PKCS#1 `RSAPublicKey` DER.
    pub fn public(&self) -> Vec<u8> {
        match self {
            Self::Ecdsa(k) => k.public(),
            #[cfg(feature = "rsa")]
            Self::Rsa(k) => k.public(),
        }
    }

    /// The secret the key table shows: the ECDSA scalar, or RSA's private exponent d.
    pub fn secret_bytes(&self) -> Vec<u8> {
        match self {
            Self::Ecdsa(k) => k.secret_bytes().to_vec(),
            #[cfg(feature = "rsa")]
            Self::Rsa(k) => k.secret_bytes(),
        }
    }

    /// The key as PKCS#8 DER.
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        match self {
            Self::Ecdsa(k) => k.to_pkcs8_der(),
            #[cfg(feature = "rsa")]
            Self::Rsa(k) => k.to_pkcs8_der(),
        }
    }

    /// Whether it is an RSA key.
    pub const fn is_rsa(&self) -> bool {
        !matches!(self, Self::Ecdsa(_))
    }

    /// The scheme this key signs certificates and CRLs with: ecdsa-with-SHA256, or
    /// sha256WithRSAEncryption (PKCS#1 v1.5).
    pub const fn certificate_scheme(&self) -> Scheme {
        if self.is_rsa() {
            Scheme::RsaPkcs1Sha256
        } else {
            Scheme::EcdsaP256Sha256
        }
    }

    /// Signs `message` with `scheme`, drawing PSS's salt from `rng`. A scheme this key cannot
    /// make gives an empty signature (callers pick the scheme from the key: see
    /// [`PrivateKey::certificate_scheme`]).
    pub fn sign(&self, scheme: Scheme, message: &[u8], rng: &mut LabRng) -> Vec<u8> {
        let _ = &rng;
        match (self, scheme) {
            (Self::Ecdsa(k), Scheme::EcdsaP256Sha256) => k.sign(message),
            #[cfg(feature = "rsa")]
            (Self::Rsa(k), Scheme::RsaPkcs1Sha256) => k.sign_pkcs1_sha256(message),
            #[cfg(feature = "rsa")]
            (Self::Rsa(k), Scheme::RsaPssRsaeSha256) => k.sign_pss_sha256(message, rng),
            _ => Vec::new(),
        }
    }
}

/// Verifies `signature` over `message` by `public` (as a certificate's subjectPublicKey holds
/// it) with `scheme`.
///
/// # Errors
/// [`CryptoError::BadPublicKey`] for an undecodable key, [`CryptoError::BadSignature`] for a
/// malformed or wrong signature, or a scheme this build does not verify.
pub fn verify(
    scheme: Scheme,
    public: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    match scheme {
        Scheme::EcdsaP256Sha256 => verify_ecdsa_p256_sha256(public, message, signature),
        #[cfg(feature = "rsa")]
        Scheme::RsaPkcs1Sha256 => {
            use crate::rsa::{RsaPadding, verify_rsa_sha256};
            verify_rsa_sha256(RsaPadding::Pkcs1, public, message, signature)
        }
        #[cfg(feature = "rsa")]
        Scheme::RsaPssRsaeSha256 => {
            use crate::rsa::{RsaPadding, verify_rsa_sha256};
            verify_rsa_sha256(RsaPadding::Pss, public, message, signature)
        }
        #[cfg(not(feature = "rsa"))]
        Scheme::RsaPkcs1Sha256 | Scheme::RsaPssRsaeSha256 => Err(CryptoError::BadSignature),
    }
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
    /// [`verify`], remembered.
    ///
    /// # Errors
    /// As [`verify`].
    pub fn verify(
        &self,
        scheme: Scheme,
        public: &[u8],
        message: &[u8],
        signature_der: &[u8],
    ) -> Result<(), CryptoError> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(scheme.code().to_be_bytes());
        for part in [public, signature_der, message] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        let key: [u8; 32] = h.finalize().into();
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, result)) = done.iter().find(|(k, _)| *k == key) {
            return *result;
        }
        let result = verify(scheme, public, message, signature_der);
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
        assert_eq!(
            memo.verify(Scheme::EcdsaP256Sha256, &key.public(), b"tbs", &sig),
            Ok(())
        );
        assert_eq!(
            memo.verify(Scheme::EcdsaP256Sha256, &key.public(), b"tbs", &sig),
            Ok(())
        );
        assert_eq!(memo.verified(), 1);
        assert_eq!(
            memo.verify(Scheme::EcdsaP256Sha256, &key.public(), b"tbS", &sig),
            Err(CryptoError::BadSignature)
        );
        let other = EcdsaKey::generate(&mut LabRng::from_seed(12));
        assert_eq!(
            memo.verify(Scheme::EcdsaP256Sha256, &other.public(), b"tbs", &sig),
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
