//! Record protection with AES-128-GCM (RFC 8446 §5.2, §5.3).

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};

use super::CryptoError;
use super::key_schedule::TrafficKeys;

/// Bytes the AEAD tag adds to each protected record.
pub const TAG_LEN: usize = 16;

/// One direction's record protection: a key, a static IV and the sequence number.
#[derive(Clone)]
pub struct RecordCipher {
    aead: Aes128Gcm,
    iv: [u8; 12],
    seq: u64,
}

impl core::fmt::Debug for RecordCipher {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RecordCipher")
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

impl RecordCipher {
    /// Protection under `keys`, starting at sequence number 0.
    pub fn new(keys: &TrafficKeys) -> Self {
        Self {
            aead: Aes128Gcm::new(&keys.key.into()),
            iv: keys.iv,
            seq: 0,
        }
    }

    /// The sequence number the next record will use.
    pub fn sequence(&self) -> u64 {
        self.seq
    }

    /// The per-record nonce: the IV XOR the 64-bit sequence number, left-padded (§5.3).
    fn nonce(&self) -> Nonce<aes_gcm::aead::consts::U12> {
        let mut nonce = self.iv;
        for (n, s) in nonce[4..].iter_mut().zip(self.seq.to_be_bytes()) {
            *n ^= s;
        }
        nonce.into()
    }

    /// Encrypts `inner` (a TLSInnerPlaintext: content, type, zero padding) under `header`
    /// (the 5-byte record header, which is the additional data) and returns ciphertext || tag.
    pub fn seal(&mut self, header: &[u8; 5], inner: &[u8]) -> Vec<u8> {
        let nonce = self.nonce();
        let mut buf = inner.to_vec();
        // AES-GCM refuses only plaintexts beyond 2^36 bytes; records are at most 2^14 + 256.
        self.aead
            .encrypt_in_place(&nonce, header, &mut buf)
            .expect("invariant: records are far below AES-GCM's length limit");
        self.seq += 1;
        buf
    }

    /// Decrypts a record body under `header`, returning the TLSInnerPlaintext.
    ///
    /// # Errors
    /// [`CryptoError::Decrypt`] if the tag does not verify; the sequence number still advances
    /// only on success, so a caller must treat the failure as fatal (bad_record_mac).
    pub fn open(&mut self, header: &[u8; 5], body: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if body.len() < TAG_LEN {
            return Err(CryptoError::Decrypt);
        }
        let nonce = self.nonce();
        let mut buf = body.to_vec();
        self.aead
            .decrypt_in_place(&nonce, header, &mut buf)
            .map_err(|_| CryptoError::Decrypt)?;
        self.seq += 1;
        Ok(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TrafficKeys {
        TrafficKeys {
            key: [7; 16],
            iv: [9; 12],
        }
    }

    #[test]
    fn sealed_record_opens_and_a_flipped_bit_does_not() {
        let header = [23, 3, 3, 0, 22];
        let mut tx = RecordCipher::new(&keys());
        let mut rx = RecordCipher::new(&keys());
        let sealed = tx.seal(&header, b"hello\x17");
        assert_eq!(sealed.len(), 6 + TAG_LEN);
        assert_eq!(rx.open(&header, &sealed).as_deref(), Ok(&b"hello\x17"[..]));

        let mut tampered = tx.seal(&header, b"again\x17");
        tampered[0] ^= 1;
        assert_eq!(rx.open(&header, &tampered), Err(CryptoError::Decrypt));
        assert_eq!(rx.open(&header, &[0; 3]), Err(CryptoError::Decrypt));
    }

    #[test]
    fn sequence_numbers_change_the_nonce() {
        let header = [23, 3, 3, 0, 22];
        let mut tx = RecordCipher::new(&keys());
        let first = tx.seal(&header, b"same\x17");
        let second = tx.seal(&header, b"same\x17");
        assert_ne!(first, second);
        // A receiver that skipped a record is out of step and must fail.
        let mut rx = RecordCipher::new(&keys());
        assert_eq!(rx.open(&header, &second), Err(CryptoError::Decrypt));
    }
}
