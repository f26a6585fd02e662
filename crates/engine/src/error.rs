//! The engine's errors, and the one place that decides which alert each one sends.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::crypto::CryptoError;
use crate::pki::VerifyError;
use crate::wire::AlertDescription;
use crate::wire::codec::DecodeError;

/// Why a connection failed. Each variant names the RFC 8446 rule it enforces.
///
/// It is part of the Trace (`reason` on a failed check or a failure, docs/TRACE.md), so the page
/// and the CLI can say it in either language (`mtls_lab_texts::failure`); a new variant without
/// words there does not compile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum Error {
    /// A message or record could not be parsed (§6.2 decode_error).
    Decode(DecodeError),
    /// A message arrived that the state machine does not expect now.
    UnexpectedMessage {
        /// What was received.
        got: String,
        /// What the state was waiting for.
        expected: Cow<'static, str>,
    },
    /// A record longer than the protocol allows (§5.1, §5.2).
    RecordOverflow,
    /// A protected record failed authentication (§5.2).
    BadRecordMac,
    /// The client sent more early data than the server skips for a ClientHello offering
    /// early_data it does not accept (§4.2.10, and §4.6.1: more than max_early_data_size is
    /// unexpected_message). Carries the limit in bytes.
    TooMuchEarlyData(usize),
    /// The peers share no parameters to proceed with.
    HandshakeFailure(Cow<'static, str>),
    /// A field has a value the protocol forbids here.
    IllegalParameter(Cow<'static, str>),
    /// A required extension is absent (§9.2).
    MissingExtension(Cow<'static, str>),
    /// The peer does not speak TLS 1.3.
    ProtocolVersion,
    /// A ClientHello.legacy_version or ServerHello.legacy_version of 0x0300 (SSL 3.0) or lower
    /// (Appendix D.5: protocol_version).
    ObsoleteLegacyVersion(u16),
    /// The peer's certificate chain failed verification.
    Certificate(VerifyError),
    /// The server requires a client certificate and the client sent none (§4.4.2.4).
    CertificateRequired,
    /// The server sent an empty Certificate message (§4.4.2.4: decode_error).
    EmptyServerCertificate,
    /// CertificateVerify does not verify under the certificate's key (§4.4.3).
    BadCertificateVerify,
    /// Finished does not match the transcript (§4.4.4).
    BadFinished,
    /// No ALPN protocol in common (RFC 7301 §3.2).
    NoApplicationProtocol,
    /// A key share was invalid (§4.2.8).
    Crypto(CryptoError),
    /// The peer sent this alert.
    PeerAlert(AlertDescription),
    /// The connection is closed; nothing more can be sent or received.
    Closed,
}

impl Error {
    /// The alert this error makes us send to the peer, or `None` when we received one or are
    /// already closed. This is the single mapping from failure to alert; the lab shows it.
    pub fn alert(&self) -> Option<AlertDescription> {
        use AlertDescription as A;
        Some(match self {
            Self::Decode(_) | Self::EmptyServerCertificate => A::DECODE_ERROR,
            Self::UnexpectedMessage { .. } | Self::TooMuchEarlyData(_) => A::UNEXPECTED_MESSAGE,
            Self::RecordOverflow => A::RECORD_OVERFLOW,
            Self::BadRecordMac => A::BAD_RECORD_MAC,
            Self::HandshakeFailure(_) => A::HANDSHAKE_FAILURE,
            Self::IllegalParameter(_) | Self::Crypto(_) => A::ILLEGAL_PARAMETER,
            Self::MissingExtension(_) => A::MISSING_EXTENSION,
            Self::ProtocolVersion | Self::ObsoleteLegacyVersion(_) => A::PROTOCOL_VERSION,
            Self::Certificate(e) => e.alert(),
            Self::CertificateRequired => A::CERTIFICATE_REQUIRED,
            Self::BadCertificateVerify | Self::BadFinished => A::DECRYPT_ERROR,
            Self::NoApplicationProtocol => A::NO_APPLICATION_PROTOCOL,
            Self::PeerAlert(_) | Self::Closed => return None,
        })
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Decode(e) => write!(f, "could not decode: {e}"),
            Self::UnexpectedMessage { got, expected } => {
                write!(f, "received {got} while expecting {expected}")
            }
            Self::RecordOverflow => f.write_str("record exceeds the maximum length"),
            Self::BadRecordMac => {
                f.write_str("record failed authentication (wrong key or tampered bytes)")
            }
            Self::TooMuchEarlyData(limit) => {
                write!(
                    f,
                    "more than {limit} bytes of early data that cannot be read"
                )
            }
            Self::HandshakeFailure(why) => write!(f, "no common parameters: {why}"),
            Self::IllegalParameter(what) => write!(f, "illegal value in {what}"),
            Self::MissingExtension(what) => write!(f, "missing extension {what}"),
            Self::ProtocolVersion => f.write_str("peer does not support TLS 1.3"),
            Self::ObsoleteLegacyVersion(v) => {
                write!(
                    f,
                    "legacy_version 0x{v:04x} in the peer's Hello is SSL 3.0 or older"
                )
            }
            Self::Certificate(e) => write!(f, "certificate rejected: {e}"),
            Self::CertificateRequired => {
                f.write_str("a client certificate is required and none was sent")
            }
            Self::EmptyServerCertificate => f.write_str("the server sent no certificate"),
            Self::BadCertificateVerify => {
                f.write_str("CertificateVerify signature does not verify")
            }
            Self::BadFinished => f.write_str("Finished does not match the handshake transcript"),
            Self::NoApplicationProtocol => f.write_str("no application protocol in common"),
            Self::Crypto(e) => write!(f, "{e}"),
            Self::PeerAlert(a) => write!(f, "peer sent alert {a}"),
            Self::Closed => f.write_str("connection closed"),
        }
    }
}

impl std::error::Error for Error {}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}
