//! What an endpoint reports as it works: the raw material of the Trace.
//!
//! Endpoints push these into one sink; the session driver turns them into trace steps. No
//! display wording is made here: kinds are ids that the UI and CLI translate.

use serde::{Deserialize, Serialize};

pub use crate::pki::checklist::{
    CertificateOwner, CheckStatus, Checklist, ChecklistItem, ChecklistReason, ChecklistRow,
};
use crate::wire::{AlertDescription, ContentType};

/// Which keys protect a record (RFC 8446 §5.2 and Appendix A's epochs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "generation")]
pub enum Epoch {
    /// No protection: ClientHello, ServerHello, HelloRetryRequest, ChangeCipherSpec.
    Plaintext,
    /// Handshake traffic keys.
    Handshake,
    /// Application traffic keys of generation N (0, then +1 per KeyUpdate). In TLS 1.2, the
    /// one set of keys from the key block (generation 0), from ChangeCipherSpec on.
    Application(u32),
}

/// A key or secret the lab tracks in its key-role table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// The client's ephemeral (EC)DHE private key.
    ClientEphemeralPrivate,
    /// The client's ephemeral public key share.
    ClientEphemeralPublic,
    /// The server's ephemeral (EC)DHE private key.
    ServerEphemeralPrivate,
    /// The server's ephemeral public key share.
    ServerEphemeralPublic,
    /// The (EC)DHE shared secret (in TLS 1.2, the pre-master secret).
    SharedSecret,
    /// The Handshake Secret.
    HandshakeSecret,
    /// client_handshake_traffic_secret.
    ClientHandshakeTraffic,
    /// server_handshake_traffic_secret.
    ServerHandshakeTraffic,
    /// The Master Secret.
    MasterSecret,
    /// TLS 1.2's master secret (RFC 5246 §8.1), made from the pre-master secret.
    Tls12MasterSecret,
    /// TLS 1.2's key block (RFC 5246 §6.3): both directions' write keys and IVs.
    Tls12KeyBlock,
    /// client_application_traffic_secret_N.
    ClientApplicationTraffic,
    /// server_application_traffic_secret_N.
    ServerApplicationTraffic,
    /// The server's long-term private key (signs CertificateVerify).
    ServerPrivateKey,
    /// The client's long-term private key (signs the client CertificateVerify).
    ClientPrivateKey,
    /// The server's public key, from its certificate.
    ServerPublicKey,
    /// The client's public key, from its certificate.
    ClientPublicKey,
}

/// What happened to a key at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyAction {
    /// Generated here from randomness.
    Generated,
    /// Computed here from other secrets.
    Derived,
    /// Used to sign, verify, encrypt or decrypt.
    Used,
    /// Received from the peer (public values only).
    Received,
}

/// One key event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEvent {
    /// Which key.
    pub key: KeyKind,
    /// What happened to it.
    pub action: KeyAction,
    /// Its bytes (the lab shows secrets: that is the lesson).
    pub value: Vec<u8>,
}

/// A check an endpoint makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A TLS version both ends speak (supported_versions, or TLS 1.2's legacy_version).
    SupportedVersion,
    /// A client that offered TLS 1.3 and got TLS 1.2: the server's random does not end with
    /// the downgrade sentinel a TLS 1.3 server writes there when it negotiates TLS 1.2 (RFC
    /// 8446 §4.1.3), so no one on the path took TLS 1.3 out of the ClientHello.
    DowngradeSentinel,
    /// A cipher suite in common.
    CipherSuite,
    /// A key-exchange group in common, and a share for it.
    KeyShareGroup,
    /// TLS 1.2: a key-exchange group in common (the client's supported_groups); the public
    /// keys come later, in ServerKeyExchange and ClientKeyExchange.
    GroupInCommon,
    /// A signature scheme in common.
    SignatureScheme,
    /// ALPN agreement.
    Alpn,
    /// The server's certificate chain verifies (trust, signatures, validity, EKU, name, CRL).
    ServerCertificateChain,
    /// The client sent a certificate when one was required.
    ClientCertificatePresent,
    /// The client's certificate chain verifies.
    ClientCertificateChain,
    /// The server's CertificateVerify proves possession of its private key.
    ServerCertificateVerify,
    /// The client's CertificateVerify proves possession of its private key.
    ClientCertificateVerify,
    /// TLS 1.2: the server's signature over its ephemeral key and both randoms
    /// (ServerKeyExchange) proves possession of its private key.
    ServerKeyExchangeSignature,
    /// The server's Finished matches the transcript.
    ServerFinished,
    /// The client's Finished matches the transcript.
    ClientFinished,
    /// A protected record authenticated (AEAD tag).
    RecordAuthentication,
}

/// The result of a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Which check.
    pub check: CheckKind,
    /// Whether it passed.
    pub passed: bool,
    /// The engine's reason on failure, in English (the `Display` of `reason`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The same reason as data, for saying it in the learner's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::error::Error>,
}

/// Something worth showing that is neither a key nor a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum Note {
    /// A middlebox-compatibility ChangeCipherSpec was received and ignored (§D.4).
    ChangeCipherSpecIgnored,
    /// The server asked for a key share in another group.
    HelloRetryRequested {
        /// The group asked for.
        group: u16,
    },
    /// A NewSessionTicket was accepted (and not used: the lab does not resume).
    TicketReceived,
    /// Traffic keys were updated after a KeyUpdate.
    KeysUpdated,
    /// The handshake completed.
    HandshakeComplete,
    /// The peer closed the connection with close_notify.
    PeerClosed,
    /// Application data arrived.
    ApplicationData {
        /// Its length.
        len: usize,
    },
}

/// A record this endpoint sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// The keys that protected it.
    pub epoch: Epoch,
    /// The real content type (inside the encryption for protected records).
    pub content_type: ContentType,
    /// Header and fragment exactly as sent.
    pub wire: Vec<u8>,
    /// The content before protection.
    pub plaintext: Vec<u8>,
}

/// An event, in the order it happened at one endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// A record went out.
    RecordSent(SentRecord),
    /// A key was generated, derived, used or received.
    Key(KeyEvent),
    /// A check was made.
    Check(Check),
    /// A notable event.
    Note(Note),
    /// The connection failed here; `alert` is what we sent (none if the peer's alert ended it).
    Failed {
        /// The engine's description of the error, in English.
        error: String,
        /// The alert sent in response.
        alert: Option<AlertDescription>,
        /// The error as data, for saying it in the learner's language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<crate::error::Error>,
    },
    /// An alert arrived from the peer.
    AlertReceived(AlertDescription),
    /// The certificate verification checklist: one row per check, in the order a verifier
    /// makes them. Emitted by the verifying endpoint when it checks the peer's chain (the
    /// possession row not reached yet), and again with every row once CertificateVerify has
    /// been checked. The latest one at or before a step is the one to show.
    Checklist(Checklist),
    /// What a passive eavesdropper learns from this record's wire bytes (the `observer`
    /// scenario; reported by [`crate::trace::Participant::Attacker`]).
    Observed(ObservedRecord),
}

/// What a passive eavesdropper learns from one record, reading nothing but its wire bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedRecord {
    /// The content type in the record header: `application_data` (23) for every protected
    /// record, whatever it hides.
    pub outer_content_type: ContentType,
    /// The record's length on the wire, header included.
    pub length: usize,
    /// Whether the fragment is encrypted, so its content (and real type) cannot be read.
    pub encrypted: bool,
    /// The handshake messages readable in the clear, by RFC name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<String>,
    /// The server name (SNI) read from a ClientHello in the clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// Certificates (DER) readable in the clear: none in TLS 1.3, where Certificate is
    /// encrypted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Vec<u8>>,
}
