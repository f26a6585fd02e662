//! Reading and writing TLS's presentation language (RFC 8446 §3), recording a field tree.
//!
//! Every read names the field it reads, so decoding a message also produces the tree of
//! fields with byte ranges that the inspector shows. Reads never go past the enclosing
//! length-prefixed vector, and leftover bytes are an error: a message is parsed fully before
//! anything acts on it.

use serde::{Deserialize, Serialize};

/// A decoded field: its protocol name, the bytes it spans, a short value, and its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The field's name as RFC 8446 writes it (`legacy_version`, `random`, `key_share`…).
    pub name: String,
    /// Offset of the first byte within the message.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
    /// A short rendering of the value (`0x0303`, `x25519`, `server.example`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Sub-fields, in wire order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Field>,
}

impl Field {
    /// The first descendant (depth first) with this name.
    pub fn find(&self, name: &str) -> Option<&Field> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeError {
    /// The field being read.
    pub field: String,
    /// What was wrong.
    pub kind: DecodeErrorKind,
}

/// The ways a decode fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecodeErrorKind {
    /// The bytes ended inside the field.
    Truncated,
    /// Bytes were left over after the structure ended.
    TrailingBytes,
    /// A length or value is outside what the structure allows.
    Invalid,
}

impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::Truncated => "ends early in",
            DecodeErrorKind::TrailingBytes => "has extra bytes after",
            DecodeErrorKind::Invalid => "has an invalid value in",
        };
        write!(f, "message {what} `{}`", self.field)
    }
}

/// A cursor over a message that records a [`Field`] for each read.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// End positions of the open length-prefixed vectors, innermost last.
    limits: Vec<usize>,
    /// Open groups, innermost last; the first is the root.
    stack: Vec<Field>,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`, whose root field is called `name`.
    pub fn new(name: &str, buf: &'a [u8]) -> Self {
        let root = Field {
            name: name.into(),
            start: 0,
            end: buf.len(),
            value: None,
            children: vec![],
        };
        Self {
            buf,
            pos: 0,
            limits: vec![buf.len()],
            stack: vec![root],
        }
    }

    fn limit(&self) -> usize {
        self.limits.last().copied().unwrap_or(self.buf.len())
    }

    /// Bytes left before the end of the innermost open vector.
    pub fn remaining(&self) -> usize {
        self.limit().saturating_sub(self.pos)
    }

    /// The current offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    fn err(&self, field: &str, kind: DecodeErrorKind) -> DecodeError {
        DecodeError {
            field: field.into(),
            kind,
        }
    }

    fn push_leaf(&mut self, name: &str, start: usize, value: Option<String>) {
        let leaf = Field {
            name: name.into(),
            start,
            end: self.pos,
            value,
            children: vec![],
        };
        if let Some(top) = self.stack.last_mut() {
            top.children.push(leaf);
        }
    }

    /// Sets the value shown for the most recently completed field.
    pub fn annotate(&mut self, value: impl Into<String>) {
        if let Some(last) = self
            .stack
            .last_mut()
            .and_then(|top| top.children.last_mut())
        {
            last.value = Some(value.into());
        }
    }

    /// Reads `n` raw bytes as the field `name`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] if fewer than `n` bytes remain.
    pub fn bytes(&mut self, name: &str, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.remaining() < n {
            return Err(self.err(name, DecodeErrorKind::Truncated));
        }
        let start = self.pos;
        self.pos += n;
        self.push_leaf(name, start, None);
        Ok(&self.buf[start..self.pos])
    }

    fn uint(&mut self, name: &str, n: usize) -> Result<u32, DecodeError> {
        let bytes = self.bytes(name, n)?;
        let v = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
        let width = n * 2;
        self.annotate(format!("0x{v:0width$x}"));
        Ok(v)
    }

    /// Reads a `uint8`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] at the end of the input.
    pub fn u8(&mut self, name: &str) -> Result<u8, DecodeError> {
        self.uint(name, 1).map(|v| v as u8)
    }

    /// Reads a `uint16`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] at the end of the input.
    pub fn u16(&mut self, name: &str) -> Result<u16, DecodeError> {
        self.uint(name, 2).map(|v| v as u16)
    }

    /// Reads a `uint24`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] at the end of the input.
    pub fn u24(&mut self, name: &str) -> Result<u32, DecodeError> {
        self.uint(name, 3)
    }

    /// Reads a `uint32`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] at the end of the input.
    pub fn u32(&mut self, name: &str) -> Result<u32, DecodeError> {
        self.uint(name, 4)
    }

    /// Opens a group named `name` that ends where [`Reader::close`] is called.
    pub fn open(&mut self, name: &str) {
        let start = self.pos;
        self.stack.push(Field {
            name: name.into(),
            start,
            end: start,
            value: None,
            children: vec![],
        });
    }

    /// Closes the innermost group.
    pub fn close(&mut self) {
        if self.stack.len() > 1
            && let Some(mut group) = self.stack.pop()
        {
            group.end = self.pos;
            if let Some(top) = self.stack.last_mut() {
                top.children.push(group);
            }
        }
    }

    /// Opens a vector `name` whose length is a `len_bytes`-byte prefix; reads inside stay
    /// within it until [`Reader::close_vec`].
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] if the prefix or the contents run past the input,
    /// [`DecodeErrorKind::Invalid`] if the length is below `min`.
    pub fn open_vec(
        &mut self,
        name: &str,
        len_bytes: usize,
        min: usize,
    ) -> Result<usize, DecodeError> {
        self.open(name);
        let len = self.uint("length", len_bytes)? as usize;
        if len > self.remaining() {
            return Err(self.err(name, DecodeErrorKind::Truncated));
        }
        if len < min {
            return Err(self.err(name, DecodeErrorKind::Invalid));
        }
        self.limits.push(self.pos + len);
        Ok(len)
    }

    /// Closes the innermost vector.
    ///
    /// # Errors
    /// [`DecodeErrorKind::TrailingBytes`] if its contents were not all read.
    pub fn close_vec(&mut self) -> Result<(), DecodeError> {
        let name = self
            .stack
            .last()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        if self.remaining() != 0 {
            return Err(self.err(&name, DecodeErrorKind::TrailingBytes));
        }
        self.limits.pop();
        self.close();
        Ok(())
    }

    /// Reads a whole length-prefixed opaque vector as one field (its length as a child).
    ///
    /// # Errors
    /// As [`Reader::open_vec`].
    pub fn opaque(
        &mut self,
        name: &str,
        len_bytes: usize,
        min: usize,
    ) -> Result<&'a [u8], DecodeError> {
        let len = self.open_vec(name, len_bytes, min)?;
        let body = self.bytes("data", len)?;
        self.close_vec()?;
        Ok(body)
    }

    /// Fails with `Invalid` for `field`.
    pub fn invalid(&self, field: &str) -> DecodeError {
        self.err(field, DecodeErrorKind::Invalid)
    }

    /// Ends the read: all bytes must have been consumed. Returns the field tree.
    ///
    /// # Errors
    /// [`DecodeErrorKind::TrailingBytes`] if bytes remain.
    pub fn finish(mut self) -> Result<Field, DecodeError> {
        if self.pos != self.buf.len() {
            let name = self
                .stack
                .first()
                .map(|f| f.name.clone())
                .unwrap_or_default();
            return Err(self.err(&name, DecodeErrorKind::TrailingBytes));
        }
        while self.stack.len() > 1 {
            self.close();
        }
        Ok(self.stack.pop().unwrap_or_else(|| Field {
            name: String::new(),
            start: 0,
            end: 0,
            value: None,
            children: vec![],
        }))
    }
}

/// Appends big-endian integers and length-prefixed vectors.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a `uint8`.
    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.buf.push(v);
        self
    }

    /// Appends a `uint16`.
    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.buf.extend_from_slice(&v.to_be_bytes());
        self
    }

    /// Appends a `uint24` (the top byte of `v` is dropped).
    pub fn u24(&mut self, v: u32) -> &mut Self {
        self.buf.extend_from_slice(&v.to_be_bytes()[1..]);
        self
    }

    /// Appends a `uint32`.
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.buf.extend_from_slice(&v.to_be_bytes());
        self
    }

    /// Appends raw bytes.
    pub fn bytes(&mut self, v: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(v);
        self
    }

    /// Appends a vector with a `len_bytes`-byte length prefix, its contents written by `f`.
    pub fn vec(&mut self, len_bytes: usize, f: impl FnOnce(&mut Writer)) -> &mut Self {
        let at = self.buf.len();
        self.buf.extend(std::iter::repeat_n(0, len_bytes));
        f(self);
        let len = (self.buf.len() - at - len_bytes) as u32;
        let be = len.to_be_bytes();
        self.buf[at..at + len_bytes].copy_from_slice(&be[4 - len_bytes..]);
        self
    }

    /// Appends opaque bytes with a length prefix.
    pub fn opaque(&mut self, len_bytes: usize, v: &[u8]) -> &mut Self {
        self.vec(len_bytes, |w| {
            w.bytes(v);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_fields_with_ranges_and_rejects_leftovers() {
        let mut w = Writer::new();
        w.u16(0x0303).opaque(1, b"abc");
        let bytes = w.buf;
        let mut r = Reader::new("msg", &bytes);
        assert_eq!(r.u16("legacy_version"), Ok(0x0303));
        assert_eq!(r.opaque("session_id", 1, 0), Ok(&b"abc"[..]));
        let tree = r.finish().expect("all read");
        assert_eq!(tree.children[0].value.as_deref(), Some("0x0303"));
        let sid = tree.find("session_id").expect("field");
        assert_eq!((sid.start, sid.end), (2, 6));

        let mut r = Reader::new("msg", &bytes);
        r.u16("legacy_version").expect("two bytes");
        assert_eq!(
            r.finish().map_err(|e| e.kind),
            Err(DecodeErrorKind::TrailingBytes)
        );
    }

    #[test]
    fn vectors_cannot_overrun_their_length() {
        // Length says 5 but only 2 bytes follow.
        let mut r = Reader::new("msg", &[0, 5, 1, 2]);
        assert_eq!(
            r.opaque("v", 2, 0).map_err(|e| e.kind),
            Err(DecodeErrorKind::Truncated)
        );
        // Reads inside a vector stop at its end even when the message goes on.
        let mut r = Reader::new("msg", &[1, 9, 7, 7]);
        r.open_vec("v", 1, 0).expect("length 1");
        assert_eq!(
            r.u16("x").map_err(|e| e.kind),
            Err(DecodeErrorKind::Truncated)
        );
    }
}
