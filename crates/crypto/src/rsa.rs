//! RSA-2048 over RustCrypto's `rsa`: keys found one prime candidate at a time ([`RsaKeygen`]),
//! PKCS#1 v1.5 and PSS signatures with SHA-256, and TLS 1.2's RSA key transport (PKCS#1 v1.5
//! encryption of the pre-master secret, RFC 5246 §7.4.7.1).

use core::num::NonZeroU32;

use crypto_bigint::BoxedUint;
use crypto_primes::hazmat::{SetBits, SmallFactorsSieve, random_odd_integer};
use crypto_primes::{Flavor, is_prime};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{PrivateKey, PublicKey};
use sha2::Sha256;

use super::CryptoError;
use crate::rng::LabRng;

/// The modulus size the lab generates: 2048 bits, NIST's minimum (SP 800-57) and what public
/// CAs issue.
pub const RSA_BITS: u32 = 2048;
/// The public exponent: F4 (65537), as every common tool picks.
const PUBLIC_EXPONENT: u64 = 65_537;

/// A long-term RSA private key: a CA's, a server's or a client's identity.
#[derive(Clone)]
pub struct RsaKey {
    key: PrivateKey,
    /// The public key as PKCS#1 `RSAPublicKey` DER: what a certificate's subjectPublicKey holds.
    public: Vec<u8>,
}

impl core::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RsaKey")
            .field("bits", &(self.key.size() * 8))
            .finish_non_exhaustive()
    }
}

/// A 2048-bit key search that can be run in slices: each [`RsaKeygen::step`] tests at most one
/// prime candidate, so a page can generate a key between frames instead of in one long task.
/// The same seed always finds the same key, however the steps are spread.
#[derive(Debug)]
pub struct RsaKeygen {
    rng: LabRng,
    /// Primes found so far (p, then q).
    primes: Vec<BoxedUint>,
    /// The sieve walking up from the current random start, when one is open.
    sieve: Option<SmallFactorsSieve<BoxedUint>>,
    /// Candidates tested so far (for the lab's progress line and the benches).
    tested: u32,
}

impl RsaKeygen {
    /// A search whose every draw comes from `rng`.
    pub fn new(rng: LabRng) -> Self {
        Self {
            rng,
            primes: Vec::with_capacity(2),
            sieve: None,
            tested: 0,
        }
    }

    /// How many candidates have been tested for primality so far.
    pub fn tested(&self) -> u32 {
        self.tested
    }

    /// Does one slice of the search: opens a sieve at a fresh random odd start with its top
    /// two bits set (so that p·q has exactly 2048 bits), or tests the sieve's next candidate
    /// (Baillie-PSW as strengthened in 2021: Miller-Rabin base 2 and a Lucas V-test with
    /// Method A* parameters, as `rsa` itself does). Returns the key once p and q are found.
    pub fn step(&mut self) -> Option<RsaKey> {
        let half = NonZeroU32::new(RSA_BITS / 2)?;
        let Some(sieve) = &mut self.sieve else {
            let start: crypto_bigint::Odd<BoxedUint> =
                random_odd_integer(self.rng.chacha(), half, SetBits::TwoMsb).ok()?;
            self.sieve = SmallFactorsSieve::new(start.get(), half, false).ok();
            return None;
        };
        let Some(candidate) = sieve.next() else {
            self.sieve = None;
            return None;
        };
        self.tested += 1;
        if !is_prime(Flavor::Any, &candidate) {
            return None;
        }
        // The next prime comes from a fresh start, not from further up this sieve.
        self.sieve = None;
        self.primes.push(candidate);
        if self.primes.len() < 2 {
            return None;
        }
        let q = self.primes.pop()?;
        let p = self.primes[0].clone();
        // from_p_q refuses p = q and a prime with gcd(e, p - 1) ≠ 1: then look for another q.
        let key = PrivateKey::from_p_q(p, q, BoxedUint::from(PUBLIC_EXPONENT)).ok()?;
        RsaKey::new(key).ok()
    }

    /// Runs the search to the end.
    pub fn finish(mut self) -> RsaKey {
        loop {
            if let Some(key) = self.step() {
                return key;
            }
        }
    }
}

/// The keys found so far, by the 32 bytes that seeded their search: a memo, so that a run made
/// again (the page makes each run more than once: the picture, the inspector, the PEM button)
/// does not search again, and so that the page can search beforehand, in slices
/// ([`store`], [`deferring`]). What a run generates never depends on it: the same seed always
/// finds the same key.
struct KeyStore {
    keys: Vec<([u8; 32], RsaKey)>,
    /// While set, a key not in the store is not searched for: its seed is noted instead.
    deferring: bool,
    missing: Vec<[u8; 32]>,
}

/// Keys kept at most: the keys of the last few runs (a run needs two, four with its mistakes).
const STORE_CAPACITY: usize = 16;

std::thread_local! {
    static STORE: core::cell::RefCell<KeyStore> = const {
        core::cell::RefCell::new(KeyStore {
            keys: Vec::new(),
            deferring: false,
            missing: Vec::new(),
        })
    };
}

/// Keeps `key`, found from `seed` (the page's slices, see [`RsaKeygen`]), for the runs that
/// want it.
pub fn store(seed: [u8; 32], key: RsaKey) {
    STORE.with_borrow_mut(|s| {
        if s.keys.iter().any(|(k, _)| *k == seed) {
            return;
        }
        if s.keys.len() == STORE_CAPACITY {
            s.keys.remove(0);
        }
        s.keys.push((seed, key));
    });
}

/// Runs `f` without searching for any RSA key that is not stored yet, and returns the seeds
/// of those it wanted: the page makes a run this way first (what `f` makes is then not the
/// real run and is thrown away), searches for the missing keys in slices, stores them, and
/// makes the run again. Empty: every key was there, and `f`'s result is the real run.
pub fn deferring<T>(f: impl FnOnce() -> T) -> (T, Vec<[u8; 32]>) {
    STORE.with_borrow_mut(|s| {
        s.deferring = true;
        s.missing.clear();
    });
    let out = f();
    let missing = STORE.with_borrow_mut(|s| {
        s.deferring = false;
        std::mem::take(&mut s.missing)
    });
    (out, missing)
}

impl RsaKey {
    /// A 2048-bit key from the next 32 bytes of `rng`: the stored one for those bytes, or one
    /// searched for now (in one go: see [`RsaKeygen`] for slices). Inside [`deferring`] a key
    /// that is not stored is not searched for: `None`, and the seed is noted.
    pub fn generate(rng: &mut LabRng) -> Option<Self> {
        let seed: [u8; 32] = rng.bytes();
        let found = STORE.with_borrow_mut(|s| {
            let found = s
                .keys
                .iter()
                .find(|(k, _)| *k == seed)
                .map(|(_, key)| key.clone());
            if found.is_none() && s.deferring {
                s.missing.push(seed);
                return Err(());
            }
            Ok(found)
        });
        match found {
            Ok(Some(key)) => Some(key),
            Ok(None) => {
                let key = RsaKeygen::new(LabRng::from_seed_bytes(seed)).finish();
                store(seed, key.clone());
                Some(key)
            }
            Err(()) => None,
        }
    }

    fn new(key: PrivateKey) -> Result<Self, CryptoError> {
        let public = key
            .to_public_key()
            .to_pkcs1_der()
            .map_err(|_| CryptoError::BadPrivateKey)?
            .as_bytes()
            .to_vec();
        Ok(Self { key, public })
    }

    /// Reads a PKCS#8 DER private key.
    ///
    /// # Errors
    /// [`CryptoError::BadPrivateKey`] if the bytes are not an RSA PKCS#8 key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, CryptoError> {
        PrivateKey::from_pkcs8_der(der)
            .map_err(|_| CryptoError::BadPrivateKey)
            .and_then(Self::new)
    }

    /// Reads a PKCS#1 `RSAPrivateKey` DER key (what `-----BEGIN RSA PRIVATE KEY-----` wraps).
    ///
    /// # Errors
    /// [`CryptoError::BadPrivateKey`] if the bytes are not a PKCS#1 RSA key.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, CryptoError> {
        PrivateKey::from_pkcs1_der(der)
            .map_err(|_| CryptoError::BadPrivateKey)
            .and_then(Self::new)
    }

    /// The key as PKCS#8 DER (what `-----BEGIN PRIVATE KEY-----` wraps).
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        self.key
            .to_pkcs8_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// The private exponent d (256 bytes), shown in the lab's key table.
    pub fn secret_bytes(&self) -> Vec<u8> {
        self.key.d().to_be_bytes().to_vec()
    }

    /// The public key as PKCS#1 `RSAPublicKey` DER (what a certificate's subjectPublicKey
    /// BIT STRING holds).
    pub fn public(&self) -> Vec<u8> {
        self.public.clone()
    }

    /// The modulus size in bytes (256): the length of every signature and ciphertext.
    pub fn size(&self) -> usize {
        self.key.size()
    }

    /// An RSASSA-PKCS1-v1_5 signature with SHA-256 over `message` (deterministic: certificates,
    /// CRLs, TLS 1.2's rsa_pkcs1_sha256).
    pub fn sign_pkcs1_sha256(&self, message: &[u8]) -> Vec<u8> {
        self.key
            .pkcs1v15_sign::<Sha256>(message)
            .unwrap_or_default()
    }

    /// An RSASSA-PSS signature with SHA-256, MGF1-SHA-256 and a 32-byte salt drawn from `rng`
    /// (rsa_pss_rsae_sha256, RFC 8446 §4.2.3).
    pub fn sign_pss_sha256(&self, message: &[u8], rng: &mut LabRng) -> Vec<u8> {
        self.key
            .pss_sign_with_rng::<Sha256, _>(rng.chacha(), message)
            .unwrap_or_default()
    }

    /// The pre-master secret a ClientKeyExchange carries, decrypted as RFC 5246 §7.4.7.1 says
    /// a server must so that its answers reveal nothing (the Bleichenbacher attack): a random
    /// 48-byte R is drawn first, and R is the pre-master secret whenever the decrypted message
    /// (for bad padding, `rsa`'s synthetic one) is not 48 bytes or does not start with
    /// ClientHello.client_version. The handshake then fails at Finished, never earlier. (The
    /// choice between R and the message is not made in constant time: the lab teaches the
    /// protocol, it does not harden a production server.) The second value says whether the
    /// encrypted secret was used, for the lesson (the server must not act on it).
    pub fn decrypt_pre_master(
        &self,
        ciphertext: &[u8],
        client_version: u16,
        rng: &mut LabRng,
    ) -> ([u8; 48], bool) {
        let random: [u8; 48] = rng.bytes();
        // rsa's PKCS#1 v1.5 decryption already answers bad padding with a synthetic message
        // (implicit rejection) rather than an error.
        let message = self
            .key
            .pkcs1v15_decrypt_with_rng(rng.chacha(), ciphertext)
            .unwrap_or_default();
        match <[u8; 48]>::try_from(message.as_slice()) {
            Ok(m) if m[..2] == client_version.to_be_bytes() => (m, true),
            _ => (random, false),
        }
    }
}

/// Encrypts `message` to the PKCS#1 `RSAPublicKey` DER `public` with RSAES-PKCS1-v1_5 (the
/// padding's random bytes from `rng`): a TLS 1.2 client's ClientKeyExchange.
///
/// # Errors
/// [`CryptoError::BadPublicKey`] for an undecodable or too small key.
pub fn encrypt_pkcs1(
    public: &[u8],
    message: &[u8],
    rng: &mut LabRng,
) -> Result<Vec<u8>, CryptoError> {
    let key = PublicKey::from_pkcs1_der(public).map_err(|_| CryptoError::BadPublicKey)?;
    key.pkcs1v15_encrypt_with_rng(rng.chacha(), message)
        .map_err(|_| CryptoError::BadPublicKey)
}

/// The two RSA signature paddings the lab verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaPadding {
    /// RSASSA-PKCS1-v1_5 (certificates; TLS 1.2's rsa_pkcs1_sha256).
    Pkcs1,
    /// RSASSA-PSS with MGF1 and a salt as long as the hash (rsa_pss_rsae_sha256).
    Pss,
}

/// Verifies an RSA signature with SHA-256 over `message` by the PKCS#1 `RSAPublicKey` DER
/// `public`.
///
/// # Errors
/// [`CryptoError::BadPublicKey`] for an undecodable key, [`CryptoError::BadSignature`] for a
/// wrong signature.
pub fn verify_rsa_sha256(
    padding: RsaPadding,
    public: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    let key = PublicKey::from_pkcs1_der(public).map_err(|_| CryptoError::BadPublicKey)?;
    match padding {
        RsaPadding::Pkcs1 => key.pkcs1v15_verify::<Sha256>(message, signature),
        RsaPadding::Pss => key.pss_verify::<Sha256>(message, signature),
    }
    .map_err(|_| CryptoError::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u64) -> RsaKey {
        RsaKey::generate(&mut LabRng::from_seed(seed)).expect("not deferring")
    }

    #[test]
    fn a_seed_gives_one_2048_bit_key_however_the_steps_are_spread() {
        let a = key(1);
        assert_eq!(a.size(), 256);
        let mut search = RsaKeygen::new(LabRng::from_seed(1).fork());
        assert_eq!(search.tested(), 0);
        let b = loop {
            if let Some(k) = search.step() {
                break k;
            }
        };
        assert_eq!(a.public(), b.public());
        assert!(search.tested() > 1);
        assert_ne!(a.public(), key(2).public());
    }

    #[test]
    fn deferring_names_the_missing_seed_and_the_stored_key_is_the_same_key() {
        let mut rng = LabRng::from_seed(21);
        let seed: [u8; 32] = rng.clone().bytes();
        let (none, missing) = deferring(|| RsaKey::generate(&mut rng.clone()));
        assert!(none.is_none());
        assert_eq!(missing, vec![seed]);
        let mut search = RsaKeygen::new(LabRng::from_seed_bytes(seed));
        let found = loop {
            if let Some(k) = search.step() {
                break k;
            }
        };
        store(seed, found.clone());
        let (stored, missing) = deferring(|| RsaKey::generate(&mut rng));
        assert!(missing.is_empty());
        assert_eq!(stored.map(|k| k.public()), Some(found.public()));
    }

    #[test]
    fn signatures_verify_and_a_changed_message_does_not() {
        let k = key(3);
        let mut rng = LabRng::from_seed(4);
        for (padding, sig) in [
            (RsaPadding::Pkcs1, k.sign_pkcs1_sha256(b"tbs")),
            (RsaPadding::Pss, k.sign_pss_sha256(b"tbs", &mut rng)),
        ] {
            assert_eq!(sig.len(), 256);
            assert_eq!(
                verify_rsa_sha256(padding, &k.public(), b"tbs", &sig),
                Ok(())
            );
            assert_eq!(
                verify_rsa_sha256(padding, &k.public(), b"tbS", &sig),
                Err(CryptoError::BadSignature)
            );
        }
        let pss = k.sign_pss_sha256(b"tbs", &mut rng);
        assert_eq!(
            verify_rsa_sha256(RsaPadding::Pkcs1, &k.public(), b"tbs", &pss),
            Err(CryptoError::BadSignature)
        );
    }

    #[test]
    fn pre_master_secret_round_trips_and_a_bad_one_becomes_random() {
        let k = key(5);
        let mut rng = LabRng::from_seed(6);
        let mut secret = [7u8; 48];
        secret[..2].copy_from_slice(&[3, 3]);
        let sealed = encrypt_pkcs1(&k.public(), &secret, &mut rng).expect("2048-bit key");
        assert_eq!(
            k.decrypt_pre_master(&sealed, 0x0303, &mut rng),
            (secret, true)
        );
        // The version check of §7.4.7.1: a rollback to 1.1 is answered with R, not an error.
        let (other, used) = k.decrypt_pre_master(&sealed, 0x0302, &mut rng);
        assert!(!used);
        assert_ne!(other, secret);
        // A ciphertext that is not PKCS#1 v1.5 at all: R again, and no error.
        let (junk, used) = k.decrypt_pre_master(&[1u8; 256], 0x0303, &mut rng);
        assert!(!used);
        assert_ne!(junk, other);
    }

    #[test]
    fn pkcs8_round_trip_keeps_the_key() {
        let k = key(7);
        let again = RsaKey::from_pkcs8_der(&k.to_pkcs8_der()).expect("own encoding");
        assert_eq!(k.public(), again.public());
        assert!(RsaKey::from_pkcs8_der(b"garbage").is_err());
    }
}
