//! The engine's errors, and the one place that decides which alert each one sends.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::crypto::CryptoError;
use crate::pki::VerifyError;
use crate::wire::codec::DecodeError;
use crate::wire::{AlertDescription, ContentType};

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
        got: Received,
        /// What the state was waiting for.
        expected: Expecting,
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
    HandshakeFailure(NoCommon),
    /// A field has a value the protocol forbids here.
    IllegalParameter(Param),
    /// A required extension is absent (§9.2).
    MissingExtension(RequiredExtension),
    /// No TLS version in common: the peer offered or chose none that this end speaks.
    ProtocolVersion,
    /// A ClientHello.legacy_version or ServerHello.legacy_version of 0x0300 (SSL 3.0) or lower
    /// (Appendix D.5: protocol_version).
    ObsoleteLegacyVersion(u16),
    /// The peer's certificate chain failed verification.
    Certificate(VerifyError),
    /// The server requires a client certificate and the client sent none (§4.4.2.4).
    CertificateRequired,
    /// The same in TLS 1.2, which has no certificate_required alert: handshake_failure, the
    /// alert RFC 5246 §7.4.6 names for a server that will not go on without client
    /// authentication (and the one OpenSSL sends).
    CertificateRequiredTls12,
    /// A client that offered TLS 1.3 got a TLS 1.2 ServerHello whose random ends with the
    /// downgrade sentinel (RFC 8446 §4.1.3: illegal_parameter): the server speaks TLS 1.3, so
    /// someone on the path removed it from the ClientHello.
    Downgrade,
    /// The server sent an empty Certificate message (§4.4.2.4: decode_error).
    EmptyServerCertificate,
    /// CertificateVerify does not verify under the certificate's key (§4.4.3).
    BadCertificateVerify,
    /// Finished does not match the transcript (§4.4.4).
    BadFinished,
    /// No ALPN protocol in common (RFC 7301 §3.2).
    NoApplicationProtocol,
    /// A key share was invalid (§4.2.8.2), or gave an all-zero X25519 shared secret (§7.4.2).
    Crypto(CryptoError),
    /// The peer sent this alert.
    PeerAlert(AlertDescription),
    /// The connection is closed; nothing more can be sent or received.
    Closed,
}

/// Defines a unit enum whose JSON (and `Display`) is the English phrase the Trace has always
/// carried, so the type is checked in Rust and the Trace format stays the same.
macro_rules! phrases {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The English phrase (as in the Trace).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

phrases! {
    /// What a state machine was waiting for when something else arrived.
    Expecting {
        /// What a server waits for first, and again after a HelloRetryRequest.
        ClientHello => "ClientHello",
        /// The client, after its ClientHello.
        ServerHello => "ServerHello",
        /// The client, after ServerHello.
        EncryptedExtensions => "EncryptedExtensions",
        /// The client, after EncryptedExtensions.
        CertificateOrRequest => "Certificate or CertificateRequest",
        /// The peer's Certificate.
        Certificate => "Certificate",
        /// The peer's CertificateVerify.
        CertificateVerify => "CertificateVerify",
        /// The peer's Finished.
        Finished => "Finished",
        /// TLS 1.2: the client, after the server's Certificate.
        ServerKeyExchange => "ServerKeyExchange",
        /// TLS 1.2: the client, after ServerKeyExchange (a CertificateRequest may come first).
        CertificateRequestOrServerHelloDone => "CertificateRequest or ServerHelloDone",
        /// TLS 1.2: the client, after the server's CertificateRequest.
        ServerHelloDone => "ServerHelloDone",
        /// TLS 1.2: the server, after the client's Certificate (or its own flight).
        ClientKeyExchange => "ClientKeyExchange",
        /// TLS 1.2: the switch to the peer's keys, before its Finished.
        ChangeCipherSpec => "ChangeCipherSpec",
        /// After the handshake.
        ApplicationData => "application data",
        /// A closed connection expects nothing.
        Nothing => "nothing (closed)",
        /// The record layer, before it knows a record's type.
        Record => "a TLS record",
        /// Keys change only between whole handshake messages (§5.1).
        MessageBoundary => "a message boundary",
        /// Once keys are in use, records are protected; only ChangeCipherSpec during the
        /// handshake (§5) and an alert from a peer not yet protecting (the lab's rule) come in
        /// clear.
        ProtectedRecord => "a protected record",
        /// Handshake messages may span records, with nothing between them (§5.1).
        RestOfMessage => "the rest of the handshake message",
    }
}

phrases! {
    /// What two peers had nothing in common of (handshake_failure).
    NoCommon {
        /// No cipher suite both support.
        CipherSuite => "no cipher suite in common",
        /// No signature scheme both support.
        SignatureScheme => "no signature scheme in common",
        /// No key-exchange group both support.
        Group => "no key-exchange group in common",
    }
}

phrases! {
    /// Where a peer put a value the protocol forbids (illegal_parameter).
    Param {
        /// ServerHello.cipher_suite is not one the client offered (§4.1.3).
        CipherSuite => "cipher_suite",
        /// ServerHello.legacy_session_id_echo is not the client's legacy_session_id (§4.1.3).
        LegacySessionIdEcho => "legacy_session_id_echo",
        /// ServerHello's supported_versions names a version the client did not offer, or one
        /// before TLS 1.3 (§4.2.1).
        SelectedVersion => "supported_versions selected_version",
        /// The same extension twice in one message (§4.2).
        DuplicateExtensions => "duplicate extensions",
        /// The HelloRetryRequest's key_share names no group, or a group the client did not
        /// list in supported_groups or already sent a key share for (§4.2.8).
        HelloRetryRequestKeyShare => "HelloRetryRequest key_share",
        /// ServerHello has no key_share, or one for a group the client sent no share for
        /// (§4.2.8).
        ServerHelloKeyShare => "ServerHello key_share",
        /// TLS 1.2: ServerKeyExchange names a group the client did not offer (RFC 8422 §5.4).
        ServerKeyExchangeGroup => "ServerKeyExchange named curve",
        /// The server's ALPN answer is not exactly one protocol the client offered (RFC 7301
        /// §3.1, §3.2).
        AlpnSelection => "ALPN selection",
        /// certificate_request_context is not what it must be (§4.3.2, §4.4.2).
        CertificateRequestContext => "certificate_request_context",
        /// CertificateVerify uses a scheme that was not offered or does not fit the key.
        CertificateVerifyAlgorithm => "CertificateVerify algorithm",
        /// A key share for a group not listed in supported_groups (§4.2.8).
        KeyShareGroupNotSupported => "key_share group not in supported_groups",
        /// The second ClientHello does not do what the HelloRetryRequest asked (§4.1.2).
        ClientHelloAfterRetry => "ClientHello after HelloRetryRequest",
        /// The second ClientHello has no share for the group the HelloRetryRequest asked for
        /// (§4.1.2).
        KeyShare => "key_share",
        /// A handshake message longer than this endpoint accepts.
        HandshakeMessageLength => "handshake message length (over the 64 KiB this endpoint accepts)",
        /// KeyUpdate.request_update is neither 0 nor 1 (§4.6.3).
        KeyUpdateRequest => "KeyUpdate request_update",
    }
}

phrases! {
    /// An extension that must be present and is not (missing_extension).
    RequiredExtension {
        /// signature_algorithms (§4.2.3).
        SignatureAlgorithms => "signature_algorithms",
        /// supported_groups (§4.2.7).
        SupportedGroups => "supported_groups",
        /// key_share (§4.2.8).
        KeyShare => "key_share",
    }
}

/// What arrived that the state machine did not expect. In the Trace it is the English phrase
/// it has always been (`handshake message type 99`, `unprotected handshake record`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Received {
    /// A message, by the name its RFC gives it (`ClientHello`, `HelloRetryRequest`,
    /// `ChangeCipherSpec`).
    Message(Cow<'static, str>),
    /// A handshake message of a type this endpoint does not know.
    UnknownMessage(u8),
    /// A record of a content type that does not exist.
    UnknownRecord(u8),
    /// A record sent in clear once keys are in use.
    Unprotected(ContentType),
    /// A protected handshake or alert record with zero-length content (§5.4).
    EmptyProtected(ContentType),
    /// A record of another type between the fragments of a handshake message.
    BetweenFragments(ContentType),
    /// Content of a type the state does not take now.
    Content(ContentType),
    /// A second HelloRetryRequest (§4.1.4).
    SecondHelloRetryRequest,
    /// A handshake message split across a change of keys (§5.1).
    HandshakeAcrossKeyChange,
    /// A protected record whose padding leaves no content type (§5.4).
    NoContentType,
    /// Application data.
    ApplicationData,
    /// A handshake record with no bytes (§5.1).
    EmptyHandshakeRecord,
}

impl core::fmt::Display for Received {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Message(name) => f.write_str(name),
            Self::UnknownMessage(t) => write!(f, "handshake message type {t}"),
            Self::UnknownRecord(t) => write!(f, "record type {t}"),
            Self::Unprotected(ct) => write!(f, "unprotected {} record", ct.name()),
            Self::EmptyProtected(ct) => write!(f, "an empty protected {} record", ct.name()),
            Self::BetweenFragments(ct) => write!(
                f,
                "{} record between the fragments of a handshake message",
                ct.name()
            ),
            Self::Content(ct) => write!(f, "a {} record (content type {})", ct.name(), ct.0),
            Self::SecondHelloRetryRequest => f.write_str("a second HelloRetryRequest"),
            Self::HandshakeAcrossKeyChange => f.write_str("handshake data across a key change"),
            Self::NoContentType => f.write_str("a record with no content type"),
            Self::ApplicationData => f.write_str("application data"),
            Self::EmptyHandshakeRecord => f.write_str("an empty handshake record"),
        }
    }
}

impl From<Received> for String {
    fn from(r: Received) -> Self {
        r.to_string()
    }
}

impl From<String> for Received {
    /// Reads the phrase back (a Trace from JSON); a phrase that is none of the others is a
    /// message name.
    fn from(s: String) -> Self {
        let content = |name: &str| {
            (0..=u8::MAX)
                .map(ContentType)
                .find(|ct| ct.name() == name)
                .unwrap_or(ContentType(0))
        };
        let between = |p: &str, q: &str| s.strip_prefix(p)?.strip_suffix(q).map(str::to_owned);
        let fixed = [
            Self::SecondHelloRetryRequest,
            Self::HandshakeAcrossKeyChange,
            Self::NoContentType,
            Self::ApplicationData,
            Self::EmptyHandshakeRecord,
        ];
        if let Some(f) = fixed.into_iter().find(|f| f.to_string() == s) {
            f
        } else if let Some(t) = s
            .strip_prefix("handshake message type ")
            .and_then(|t| t.parse().ok())
        {
            Self::UnknownMessage(t)
        } else if let Some(t) = s.strip_prefix("record type ").and_then(|t| t.parse().ok()) {
            Self::UnknownRecord(t)
        } else if let Some(ct) = between("unprotected ", " record") {
            Self::Unprotected(content(&ct))
        } else if let Some(ct) = between("an empty protected ", " record") {
            Self::EmptyProtected(content(&ct))
        } else if let Some(ct) =
            s.strip_suffix(" record between the fragments of a handshake message")
        {
            Self::BetweenFragments(content(ct))
        } else if let Some(n) = s
            .strip_suffix(')')
            .and_then(|rest| rest.rsplit_once(" record (content type "))
            .and_then(|(_, n)| n.parse().ok())
        {
            Self::Content(ContentType(n))
        } else {
            Self::Message(Cow::Owned(s))
        }
    }
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
            Self::CertificateRequiredTls12 => A::HANDSHAKE_FAILURE,
            Self::Downgrade => A::ILLEGAL_PARAMETER,
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
            Self::ProtocolVersion => {
                f.write_str("the peer offered or chose no TLS version this end speaks")
            }
            Self::ObsoleteLegacyVersion(v) => {
                write!(
                    f,
                    "legacy_version 0x{v:04x} in the peer's Hello is SSL 3.0 or older"
                )
            }
            Self::Certificate(e) => write!(f, "certificate rejected: {e}"),
            Self::CertificateRequired | Self::CertificateRequiredTls12 => {
                f.write_str("a client certificate is required and none was sent")
            }
            Self::Downgrade => f.write_str(
                "the TLS 1.2 ServerHello's random ends with the TLS 1.3 downgrade sentinel: the server speaks TLS 1.3, so this looks like a downgrade attack",
            ),
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
