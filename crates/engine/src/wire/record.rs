//! The record layer's framing (RFC 8446 §5.1) and its size limits.

use serde::{Deserialize, Serialize};

/// The record content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentType(pub u8);

impl ContentType {
    /// `change_cipher_spec` (20): only the middlebox-compatibility dummy in TLS 1.3.
    pub const CHANGE_CIPHER_SPEC: Self = Self(20);
    /// `alert` (21).
    pub const ALERT: Self = Self(21);
    /// `handshake` (22).
    pub const HANDSHAKE: Self = Self(22);
    /// `application_data` (23): also the outer type of every protected record.
    pub const APPLICATION_DATA: Self = Self(23);

    /// The RFC's name for the type.
    pub fn name(self) -> &'static str {
        match self.0 {
            20 => "change_cipher_spec",
            21 => "alert",
            22 => "handshake",
            23 => "application_data",
            _ => "unknown",
        }
    }
}

/// Largest plaintext fragment: 2^14 bytes (§5.1).
pub const MAX_PLAINTEXT: usize = 1 << 14;
/// Largest protected fragment: 2^14 + 256 bytes (§5.2).
pub const MAX_CIPHERTEXT: usize = MAX_PLAINTEXT + 256;
/// Record header length.
pub const HEADER_LEN: usize = 5;

/// One record as framed on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The (outer) content type.
    pub content_type: ContentType,
    /// `legacy_record_version`.
    pub version: u16,
    /// The fragment: plaintext, or ciphertext and tag.
    pub fragment: Vec<u8>,
}

/// Why framing a record failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FramingError {
    /// The length field exceeds what the protocol allows (record_overflow).
    Overflow,
    /// The content type is not one TLS 1.3 defines (unexpected_message).
    UnknownType(u8),
}

impl Record {
    /// The 5-byte header for a fragment of `len` bytes.
    pub fn header(content_type: ContentType, len: usize) -> [u8; HEADER_LEN] {
        let l = (len as u16).to_be_bytes();
        [content_type.0, 3, 3, l[0], l[1]]
    }

    /// Header and fragment as sent.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + self.fragment.len());
        out.extend_from_slice(&Self::header(self.content_type, self.fragment.len()));
        out.extend_from_slice(&self.fragment);
        out
    }

    /// Takes one complete record off the front of `buf`, if one is there.
    ///
    /// # Errors
    /// [`FramingError::Overflow`] as soon as a header announces more than 2^14 + 256 bytes;
    /// [`FramingError::UnknownType`] for a content type TLS 1.3 does not define.
    pub fn take(buf: &mut Vec<u8>) -> Result<Option<Record>, FramingError> {
        if buf.len() < HEADER_LEN {
            return Ok(None);
        }
        let content_type = ContentType(buf[0]);
        if !(20..=23).contains(&content_type.0) {
            return Err(FramingError::UnknownType(content_type.0));
        }
        let len = usize::from(u16::from_be_bytes([buf[3], buf[4]]));
        if len > MAX_CIPHERTEXT {
            return Err(FramingError::Overflow);
        }
        if buf.len() < HEADER_LEN + len {
            return Ok(None);
        }
        let version = u16::from_be_bytes([buf[1], buf[2]]);
        let fragment = buf[HEADER_LEN..HEADER_LEN + len].to_vec();
        buf.drain(..HEADER_LEN + len);
        Ok(Some(Record {
            content_type,
            version,
            fragment,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_whole_records_only_and_refuses_oversized_ones() {
        let rec = Record {
            content_type: ContentType::HANDSHAKE,
            version: 0x0303,
            fragment: vec![1, 2, 3],
        };
        let bytes = rec.to_bytes();
        let mut buf = bytes[..6].to_vec();
        assert_eq!(Record::take(&mut buf), Ok(None));
        buf.extend_from_slice(&bytes[6..]);
        assert_eq!(Record::take(&mut buf), Ok(Some(rec)));
        assert!(buf.is_empty());
        let mut huge = vec![23, 3, 3, 0x48, 0x01];
        assert_eq!(Record::take(&mut huge), Err(FramingError::Overflow));
        let mut odd = vec![99, 3, 3, 0, 0];
        assert_eq!(Record::take(&mut odd), Err(FramingError::UnknownType(99)));
    }
}
