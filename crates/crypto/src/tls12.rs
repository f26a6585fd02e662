//! TLS 1.2's key derivation (RFC 5246 §5, §6.3, §7.4.9; RFC 7627) and record protection with
//! AES-128-GCM (RFC 5288), for the SHA-256 suites.
//!
//! ```text
//!  pre-master secret --PRF("extended master secret", session_hash)--> master secret (48 bytes)
//!  master secret --PRF("key expansion", server_random + client_random)--> key block:
//!      client_write_key (16) | server_write_key (16) | client_write_IV (4) | server_write_IV (4)
//!  master secret --PRF("client finished" / "server finished", Hash(handshake))--> verify_data (12)
//! ```
//! Unlike TLS 1.3 there is one set of keys per direction, made once from the master secret,
//! and anyone who learns the pre-master secret can make all of them.

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::CryptoError;
use super::record::TAG_LEN;

/// Length of the master secret (RFC 5246 §8.1).
pub const MASTER_SECRET_LEN: usize = 48;
/// Length of Finished.verify_data in TLS 1.2 (RFC 5246 §7.4.9).
pub const VERIFY_DATA_LEN: usize = 12;
/// Length of the explicit part of the GCM nonce, sent before each record's ciphertext
/// (RFC 5288 §3).
pub const EXPLICIT_NONCE_LEN: usize = 8;

/// The TLS 1.2 master secret.
pub type MasterSecret12 = [u8; MASTER_SECRET_LEN];

/// PRF(secret, label, seed) = P_SHA256(secret, label + seed), `out.len()` bytes (RFC 5246 §5).
pub fn prf(secret: &[u8], label: &str, seed: &[u8], out: &mut [u8]) {
    let mac = || {
        <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(secret)
            .expect("invariant: HMAC takes keys of any length")
    };
    let mut label_seed = Vec::with_capacity(label.len() + seed.len());
    label_seed.extend_from_slice(label.as_bytes());
    label_seed.extend_from_slice(seed);
    // A(1) = HMAC(secret, label + seed); A(i) = HMAC(secret, A(i-1)).
    let mut a = {
        let mut m = mac();
        m.update(&label_seed);
        m.finalize().into_bytes()
    };
    for chunk in out.chunks_mut(32) {
        let mut m = mac();
        m.update(&a);
        m.update(&label_seed);
        let block = m.finalize().into_bytes();
        chunk.copy_from_slice(&block[..chunk.len()]);
        let mut m = mac();
        m.update(&a);
        a = m.finalize().into_bytes();
    }
}

/// The master secret. With `extended` (RFC 7627 §4), bound to the handshake so far
/// (`session_hash` is the hash of every handshake message up to and including
/// ClientKeyExchange); otherwise the original derivation from the two randoms (RFC 5246 §8.1).
pub fn master_secret(
    pre_master: &[u8],
    extended: bool,
    session_hash: &[u8; 32],
    client_random: &[u8; 32],
    server_random: &[u8; 32],
) -> MasterSecret12 {
    let mut out = [0u8; MASTER_SECRET_LEN];
    if extended {
        prf(pre_master, "extended master secret", session_hash, &mut out);
    } else {
        let seed = [&client_random[..], &server_random[..]].concat();
        prf(pre_master, "master secret", &seed, &mut out);
    }
    out
}

/// The keys of AES-128-GCM for both directions, cut from the key block (RFC 5246 §6.3; GCM
/// has no MAC keys, and its "IV" is the 4-byte implicit part of the nonce, RFC 5288 §3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyBlock {
    /// client_write_key.
    pub client_key: [u8; 16],
    /// server_write_key.
    pub server_key: [u8; 16],
    /// client_write_IV (the nonce's salt).
    pub client_iv: [u8; 4],
    /// server_write_IV.
    pub server_iv: [u8; 4],
}

impl KeyBlock {
    /// The key block for `master`: PRF(master, "key expansion", server_random + client_random).
    pub fn derive(
        master: &MasterSecret12,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> Self {
        let mut block = [0u8; 40];
        let seed = [&server_random[..], &client_random[..]].concat();
        prf(master, "key expansion", &seed, &mut block);
        let mut k = Self {
            client_key: [0; 16],
            server_key: [0; 16],
            client_iv: [0; 4],
            server_iv: [0; 4],
        };
        k.client_key.copy_from_slice(&block[..16]);
        k.server_key.copy_from_slice(&block[16..32]);
        k.client_iv.copy_from_slice(&block[32..36]);
        k.server_iv.copy_from_slice(&block[36..40]);
        k
    }

    /// The whole block as derived, for showing.
    pub fn to_bytes(&self) -> Vec<u8> {
        [
            &self.client_key[..],
            &self.server_key,
            &self.client_iv,
            &self.server_iv,
        ]
        .concat()
    }
}

/// Finished.verify_data: PRF(master, "client finished" or "server finished",
/// Hash(handshake_messages)), 12 bytes (RFC 5246 §7.4.9).
pub fn verify_data(
    master: &MasterSecret12,
    client: bool,
    handshake_hash: &[u8; 32],
) -> [u8; VERIFY_DATA_LEN] {
    let mut out = [0u8; VERIFY_DATA_LEN];
    let label = if client {
        "client finished"
    } else {
        "server finished"
    };
    prf(master, label, handshake_hash, &mut out);
    out
}

/// One direction's TLS 1.2 record protection with AES-128-GCM (RFC 5288, RFC 5246 §6.2.3.3):
/// the nonce is the 4-byte salt and an 8-byte explicit part sent with the record (here the
/// sequence number, as most implementations choose); the additional data is the sequence
/// number, the content type, the version and the plaintext's length.
#[derive(Clone)]
pub struct Tls12Cipher {
    aead: Aes128Gcm,
    salt: [u8; 4],
    seq: u64,
}

impl core::fmt::Debug for Tls12Cipher {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Tls12Cipher")
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

impl Tls12Cipher {
    /// Protection with `key` and `salt`, from sequence number 0 (it restarts at every
    /// ChangeCipherSpec).
    pub fn new(key: &[u8; 16], salt: &[u8; 4]) -> Self {
        Self {
            aead: Aes128Gcm::new(key.into()),
            salt: *salt,
            seq: 0,
        }
    }

    fn nonce(&self, explicit: &[u8; EXPLICIT_NONCE_LEN]) -> Nonce<aes_gcm::aead::consts::U12> {
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&self.salt);
        nonce[4..].copy_from_slice(explicit);
        nonce.into()
    }

    fn aad(&self, content_type: u8, len: usize) -> [u8; 13] {
        let mut aad = [0u8; 13];
        aad[..8].copy_from_slice(&self.seq.to_be_bytes());
        aad[8] = content_type;
        aad[9..11].copy_from_slice(&0x0303u16.to_be_bytes());
        // Records are at most 2^14 bytes of plaintext, so the length fits in 16 bits.
        aad[11..].copy_from_slice(&(len as u16).to_be_bytes());
        aad
    }

    /// The record's fragment: explicit nonce || ciphertext || tag.
    pub fn seal(&mut self, content_type: u8, plaintext: &[u8]) -> Vec<u8> {
        let explicit = self.seq.to_be_bytes();
        let nonce = self.nonce(&explicit);
        let aad = self.aad(content_type, plaintext.len());
        let mut buf = plaintext.to_vec();
        self.aead
            .encrypt_in_place(&nonce, &aad, &mut buf)
            .expect("invariant: records are far below AES-GCM's length limit");
        self.seq += 1;
        [&explicit[..], &buf].concat()
    }

    /// The plaintext of a record's fragment.
    ///
    /// # Errors
    /// [`CryptoError::Decrypt`] if the fragment is too short or its tag does not verify.
    pub fn open(&mut self, content_type: u8, fragment: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if fragment.len() < EXPLICIT_NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Decrypt);
        }
        let (explicit, body) = fragment.split_at(EXPLICIT_NONCE_LEN);
        let explicit: [u8; EXPLICIT_NONCE_LEN] =
            explicit.try_into().map_err(|_| CryptoError::Decrypt)?;
        let nonce = self.nonce(&explicit);
        let aad = self.aad(content_type, body.len() - TAG_LEN);
        let mut buf = body.to_vec();
        self.aead
            .decrypt_in_place(&nonce, &aad, &mut buf)
            .map_err(|_| CryptoError::Decrypt)?;
        self.seq += 1;
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// The TLS 1.2 PRF (P_SHA256) test vector posted to the IETF TLS working group
    /// (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html), which BearSSL,
    /// GnuTLS and others test against.
    #[test]
    fn prf_matches_the_published_vector() {
        let mut out = [0u8; 100];
        prf(
            &hex!("9bbe436ba940f017b17652849a71db35"),
            "test label",
            &hex!("a0ba9f936cda311827a6f796ffd5198c"),
            &mut out,
        );
        assert_eq!(
            out,
            hex!(
                "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                "87347b66"
            )
        );
    }

    #[test]
    fn a_sealed_record_opens_once_and_not_after_a_flipped_bit() {
        let mut tx = Tls12Cipher::new(&[7; 16], &[1, 2, 3, 4]);
        let mut rx = Tls12Cipher::new(&[7; 16], &[1, 2, 3, 4]);
        let sealed = tx.seal(23, b"hello");
        assert_eq!(sealed.len(), EXPLICIT_NONCE_LEN + 5 + TAG_LEN);
        assert_eq!(&sealed[..8], &0u64.to_be_bytes());
        assert_eq!(rx.open(23, &sealed).as_deref(), Ok(&b"hello"[..]));
        let mut again = tx.seal(23, b"hello");
        // The content type is authenticated: the same bytes under another type fail.
        assert_eq!(
            rx.clone().open(22, &again),
            Err(CryptoError::Decrypt),
            "content type is in the additional data"
        );
        again[10] ^= 1;
        assert_eq!(rx.open(23, &again), Err(CryptoError::Decrypt));
        assert_eq!(rx.open(23, &[0; 20]), Err(CryptoError::Decrypt));
    }
}
