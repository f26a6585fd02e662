//! The Trace: everything a run did, in order, as plain data the UI and CLI render.
//!
//! A trace is a list of steps, one per record that crossed the wire. Each step says who sent
//! it to whom, the record's bytes and protection epoch, the handshake messages inside it with
//! their decoded field trees, and what each endpoint did around it (keys generated, derived or
//! used; checks made; alerts). The JSON form is a stable format: [`TRACE_VERSION`] changes
//! when a field's meaning does.

use serde::{Deserialize, Serialize};

use crate::handshake::events::ObservedRecord;
use crate::handshake::{Epoch, Event, KeyLogLine};
use crate::wire::handshake::{Extension, HandshakeType, TlsVersion};
use crate::wire::{AlertDescription, ContentType, Field, HandshakeMessage};

/// The trace format's version, written into every trace.
pub const TRACE_VERSION: u32 = 1;

/// Who takes part in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Participant {
    /// The TLS client.
    Client,
    /// The TLS server.
    Server,
    /// An active attacker on the path (attack scenarios only).
    Attacker,
}

/// One handshake message inside a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// The RFC name (`ClientHello`, `HelloRetryRequest`, `Certificate`…).
    pub name: String,
    /// Offset of the message within the record's plaintext.
    pub offset: usize,
    /// The message's bytes (header included).
    pub bytes: Vec<u8>,
    /// The decoded fields, with byte ranges relative to `bytes`.
    pub fields: Option<Field>,
}

/// A record as it crossed the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordView {
    /// Which keys protected it.
    pub epoch: Epoch,
    /// The real content type (hidden inside encryption for protected records).
    pub content_type: ContentType,
    /// Header and fragment exactly as sent: what an observer on the wire sees.
    pub wire: Vec<u8>,
    /// The content before protection: what only the endpoints see.
    pub plaintext: Vec<u8>,
}

/// What an endpoint did at a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepEvent {
    /// Who did it.
    pub by: Participant,
    /// What happened.
    pub event: Event,
}

/// One record crossing the wire, and what the endpoints did around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Position in the trace, from 0.
    pub index: usize,
    /// Sender.
    pub from: Participant,
    /// Receiver.
    pub to: Participant,
    /// The record.
    pub record: RecordView,
    /// Handshake messages in the record, in order.
    pub messages: Vec<MessageView>,
    /// The alert the record carries, if it is an alert.
    pub alert: Option<AlertDescription>,
    /// What the sender did before sending and the receiver did on receiving.
    pub events: Vec<StepEvent>,
    /// The explanation the UI shows for this step (an id, translated by the UI).
    pub explain: Explain,
    /// Which connection between its two participants the record travels on, from 0: the
    /// `forward-secrecy` lesson's client connects to its server twice. Absent from the JSON
    /// when 0 (every other run).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub connection: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What a step is, for its explanation: the Trace's `explain` id (`client_hello`,
/// `certificate.client`, `alert.unknown_ca`…), as a type. The page and the CLI match it
/// exhaustively, so an id without words in both languages does not compile. In JSON it is the
/// id string it always was (docs/TRACE.md).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Explain {
    /// `client_hello`.
    ClientHello,
    /// `hello_retry_request`.
    HelloRetryRequest,
    /// `server_hello`.
    ServerHello,
    /// `encrypted_extensions`.
    EncryptedExtensions,
    /// `certificate_request`.
    CertificateRequest,
    /// `certificate.<sender>`.
    Certificate(Participant),
    /// `certificate_empty.<sender>`: a Certificate message with no certificate in it.
    CertificateEmpty(Participant),
    /// `certificate_verify.<sender>`.
    CertificateVerify(Participant),
    /// `finished.<sender>`.
    Finished(Participant),
    /// `key_update.<sender>`.
    KeyUpdate(Participant),
    /// `new_session_ticket`.
    NewSessionTicket,
    /// `change_cipher_spec`: the compatibility record (RFC 8446 Appendix D.4).
    ChangeCipherSpec,
    /// `application_data`.
    ApplicationData,
    /// `application_data.victim_to_proxy`: between the phishing proxy's victim and the proxy,
    /// in either direction.
    RelayVictimToProxy,
    /// `application_data.proxy_to_server`: between the phishing proxy and the real server, in
    /// either direction.
    RelayProxyToServer,
    /// `alert.<name>`.
    Alert(AlertDescription),
    /// `alert.unknown`: an alert record whose alert could not be read.
    UnreadableAlert,
    /// `handshake_fragment`: a handshake record too short to hold a message header (under 4
    /// bytes).
    HandshakeFragment,
    /// `attacker.tampered_record`: a record an attacker changed on the way.
    TamperedRecord,
    /// `attacker.rewritten_client_hello`: a ClientHello an on-path attacker rewrote on the way
    /// (the `downgrade` scenario: TLS 1.3 taken out of it).
    RewrittenClientHello,
    /// `tls12.<step>`: a record of a TLS 1.2 handshake, whose messages, order and protection
    /// differ from TLS 1.3's (application data and alerts keep their ids).
    Tls12(Tls12Step),
    /// Any other message, by its name in snake case (e.g. `end_of_early_data`).
    Other(String),
}

/// A step of a TLS 1.2 handshake (RFC 5246 §7.3), for its explanation: `tls12.client_hello`,
/// `tls12.certificate.server`, `tls12.change_cipher_spec.client`…
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tls12Step {
    /// `tls12.client_hello`: a ClientHello of a client that speaks only TLS 1.2.
    ClientHello,
    /// `tls12.server_hello`: the server chose TLS 1.2.
    ServerHello,
    /// `tls12.certificate.<sender>`: a certificate chain, sent in the clear.
    Certificate(Participant),
    /// `tls12.certificate_empty.<sender>`: a Certificate with no certificate in it.
    CertificateEmpty(Participant),
    /// `tls12.server_key_exchange`: the server's signed ECDHE public key.
    ServerKeyExchange,
    /// `tls12.certificate_request`.
    CertificateRequest,
    /// `tls12.server_hello_done`.
    ServerHelloDone,
    /// `tls12.client_key_exchange`: the client's ECDHE public key.
    ClientKeyExchange,
    /// `tls12.client_key_exchange_rsa`: the pre-master secret, encrypted with the server's RSA
    /// public key (RSA key transport).
    ClientKeyExchangeRsa,
    /// `tls12.certificate_verify.<sender>`.
    CertificateVerify(Participant),
    /// `tls12.change_cipher_spec.<sender>`: the sender's switch to its new keys.
    ChangeCipherSpec(Participant),
    /// `tls12.finished.<sender>`.
    Finished(Participant),
}

impl Tls12Step {
    /// Reads a step's id back (without its `tls12.` prefix).
    fn parse(id: &str) -> Option<Self> {
        let side = |p: &str| match p {
            "client" => Some(Participant::Client),
            "server" => Some(Participant::Server),
            "attacker" => Some(Participant::Attacker),
            _ => None,
        };
        if let Some((what, who)) = id.split_once('.') {
            let who = side(who)?;
            return Some(match what {
                "certificate" => Self::Certificate(who),
                "certificate_empty" => Self::CertificateEmpty(who),
                "certificate_verify" => Self::CertificateVerify(who),
                "change_cipher_spec" => Self::ChangeCipherSpec(who),
                "finished" => Self::Finished(who),
                _ => return None,
            });
        }
        Some(match id {
            "client_hello" => Self::ClientHello,
            "server_hello" => Self::ServerHello,
            "server_key_exchange" => Self::ServerKeyExchange,
            "certificate_request" => Self::CertificateRequest,
            "server_hello_done" => Self::ServerHelloDone,
            "client_key_exchange" => Self::ClientKeyExchange,
            "client_key_exchange_rsa" => Self::ClientKeyExchangeRsa,
            _ => return None,
        })
    }
}

impl core::fmt::Display for Tls12Step {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sided = |f: &mut core::fmt::Formatter<'_>, what: &str, p: &Participant| {
            write!(f, "{what}.{}", Explain::side(*p))
        };
        match self {
            Self::ClientHello => f.write_str("client_hello"),
            Self::ServerHello => f.write_str("server_hello"),
            Self::Certificate(p) => sided(f, "certificate", p),
            Self::CertificateEmpty(p) => sided(f, "certificate_empty", p),
            Self::ServerKeyExchange => f.write_str("server_key_exchange"),
            Self::CertificateRequest => f.write_str("certificate_request"),
            Self::ServerHelloDone => f.write_str("server_hello_done"),
            Self::ClientKeyExchange => f.write_str("client_key_exchange"),
            Self::ClientKeyExchangeRsa => f.write_str("client_key_exchange_rsa"),
            Self::CertificateVerify(p) => sided(f, "certificate_verify", p),
            Self::ChangeCipherSpec(p) => sided(f, "change_cipher_spec", p),
            Self::Finished(p) => sided(f, "finished", p),
        }
    }
}

impl Explain {
    fn side(p: Participant) -> &'static str {
        match p {
            Participant::Client => "client",
            Participant::Server => "server",
            Participant::Attacker => "attacker",
        }
    }
}

impl core::fmt::Display for Explain {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sided = |f: &mut core::fmt::Formatter<'_>, what: &str, p: &Participant| {
            write!(f, "{what}.{}", Self::side(*p))
        };
        match self {
            Self::ClientHello => f.write_str("client_hello"),
            Self::HelloRetryRequest => f.write_str("hello_retry_request"),
            Self::ServerHello => f.write_str("server_hello"),
            Self::EncryptedExtensions => f.write_str("encrypted_extensions"),
            Self::CertificateRequest => f.write_str("certificate_request"),
            Self::Certificate(p) => sided(f, "certificate", p),
            Self::CertificateEmpty(p) => sided(f, "certificate_empty", p),
            Self::CertificateVerify(p) => sided(f, "certificate_verify", p),
            Self::Finished(p) => sided(f, "finished", p),
            Self::KeyUpdate(p) => sided(f, "key_update", p),
            Self::NewSessionTicket => f.write_str("new_session_ticket"),
            Self::ChangeCipherSpec => f.write_str("change_cipher_spec"),
            Self::ApplicationData => f.write_str("application_data"),
            Self::RelayVictimToProxy => f.write_str("application_data.victim_to_proxy"),
            Self::RelayProxyToServer => f.write_str("application_data.proxy_to_server"),
            Self::Alert(a) => write!(f, "alert.{}", a.name()),
            Self::UnreadableAlert => f.write_str("alert.unknown"),
            Self::HandshakeFragment => f.write_str("handshake_fragment"),
            Self::TamperedRecord => f.write_str("attacker.tampered_record"),
            Self::RewrittenClientHello => f.write_str("attacker.rewritten_client_hello"),
            Self::Tls12(step) => write!(f, "tls12.{step}"),
            Self::Other(name) => f.write_str(name),
        }
    }
}

impl From<Explain> for String {
    fn from(e: Explain) -> Self {
        e.to_string()
    }
}

impl From<String> for Explain {
    /// Reads an id back (a Trace from JSON); an id that is none of the others is `Other`.
    fn from(s: String) -> Self {
        let fixed = [
            Self::ClientHello,
            Self::HelloRetryRequest,
            Self::ServerHello,
            Self::EncryptedExtensions,
            Self::CertificateRequest,
            Self::NewSessionTicket,
            Self::ChangeCipherSpec,
            Self::ApplicationData,
            Self::RelayVictimToProxy,
            Self::RelayProxyToServer,
            Self::UnreadableAlert,
            Self::HandshakeFragment,
            Self::TamperedRecord,
            Self::RewrittenClientHello,
        ];
        if let Some(e) = fixed.into_iter().find(|e| e.to_string() == s) {
            return e;
        }
        if let Some(step) = s.strip_prefix("tls12.").and_then(Tls12Step::parse) {
            return Self::Tls12(step);
        }
        if let Some(a) = s
            .strip_prefix("alert.")
            .and_then(AlertDescription::from_name)
        {
            return Self::Alert(a);
        }
        let side = |p: &str| match p {
            "client" => Some(Participant::Client),
            "server" => Some(Participant::Server),
            "attacker" => Some(Participant::Attacker),
            _ => None,
        };
        let sided = s.split_once('.').and_then(|(what, who)| {
            let who = side(who)?;
            Some(match what {
                "certificate" => Self::Certificate(who),
                "certificate_empty" => Self::CertificateEmpty(who),
                "certificate_verify" => Self::CertificateVerify(who),
                "finished" => Self::Finished(who),
                "key_update" => Self::KeyUpdate(who),
                _ => return None,
            })
        });
        sided.unwrap_or(Self::Other(s))
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum Outcome {
    /// The handshake completed and data flowed both ways.
    Success,
    /// A party stopped the connection.
    Failed {
        /// Who noticed the problem and sent the alert.
        detected_by: Participant,
        /// The alert sent.
        alert: Option<AlertDescription>,
        /// The engine's description of the error.
        error: String,
    },
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// [`TRACE_VERSION`].
    pub version: u32,
    /// The seed that reproduces every byte.
    pub seed: u64,
    /// The scenario id.
    pub scenario: String,
    /// Who takes part.
    pub participants: Vec<Participant>,
    /// The records, in the order they crossed the wire.
    pub steps: Vec<Step>,
    /// How it ended.
    pub outcome: Outcome,
    /// Secrets in NSS key log format, for Wireshark.
    pub keylog: Vec<KeyLogLine>,
    /// What an eavesdropper who recorded the run decrypts once the server's private key leaks
    /// afterwards (the `forward-secrecy` lesson); absent from the JSON otherwise.
    ///
    /// A build that makes no such run and does not show one (the page's first module, without
    /// the features `rsa` and `leak-json`) does not write it, and links no code for it.
    #[cfg_attr(
        any(feature = "rsa", feature = "leak-json"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    #[cfg_attr(
        not(any(feature = "rsa", feature = "leak-json")),
        serde(default, skip_serializing)
    )]
    pub leak: Option<crate::leak::LeakReport>,
}

impl Trace {
    /// The TLS version its handshake used, as its steps show: TLS 1.2 when any step is one of
    /// a TLS 1.2 handshake (a server chose it), else TLS 1.3.
    pub fn version(&self) -> TlsVersion {
        if self
            .steps
            .iter()
            .any(|s| matches!(s.explain, Explain::Tls12(_)))
        {
            TlsVersion::Tls12
        } else {
            TlsVersion::Tls13
        }
    }

    /// Whether the run's attacker only listens: it takes part (as the `observer` scenario's
    /// eavesdropper, whose events say what it learns) but no record is sent by it or to it.
    /// A UI names it an eavesdropper, not an attacker, and gives it no column of its own in
    /// the key-role table (the observer's column is its view).
    pub fn attacker_is_passive(&self) -> bool {
        self.participants.contains(&Participant::Attacker)
            && !self
                .steps
                .iter()
                .any(|s| s.from == Participant::Attacker || s.to == Participant::Attacker)
    }

    /// Whether step `at` reached a receiver that had already refused the peer at an earlier
    /// step (a check of its failed): a record of a flight the sender sent at once, before the
    /// receiver answered, which the receiver no longer reads. In a client-certificate failure,
    /// the client's CertificateVerify and Finished after the Certificate the server refused.
    pub fn arrives_after_refusal(&self, at: usize) -> bool {
        let Some(step) = self.steps.get(at) else {
            return false;
        };
        self.steps[..at].iter().any(|earlier| {
            earlier
                .events
                .iter()
                .any(|e| e.by == step.to && matches!(&e.event, Event::Check(c) if !c.passed))
        })
    }

    /// The key log as the text of an SSLKEYLOGFILE.
    pub fn keylog_file(&self) -> String {
        self.keylog.iter().map(|l| l.to_line() + "\n").collect()
    }

    /// Every handshake message name in order, e.g. for quick assertions and summaries.
    pub fn message_names(&self) -> Vec<&str> {
        self.steps
            .iter()
            .flat_map(|s| s.messages.iter().map(|m| m.name.as_str()))
            .collect()
    }
}

/// Splits a handshake record's plaintext into messages and decodes each one (as TLS 1.3
/// writes them: see [`split_messages_in`]).
pub fn split_messages(plaintext: &[u8]) -> Vec<MessageView> {
    split_messages_in(plaintext, TlsVersion::Tls13)
}

/// Splits a handshake record's plaintext into messages and decodes each one as `version`
/// writes it.
pub fn split_messages_in(plaintext: &[u8], version: TlsVersion) -> Vec<MessageView> {
    let mut out = Vec::new();
    let mut offset = 0;
    while plaintext.len() >= offset + 4 {
        let len = u32::from_be_bytes([
            0,
            plaintext[offset + 1],
            plaintext[offset + 2],
            plaintext[offset + 3],
        ]) as usize;
        let end = (offset + 4 + len).min(plaintext.len());
        let bytes = plaintext[offset..end].to_vec();
        let decoded = HandshakeMessage::decode_in(&bytes, version).ok();
        let name = match &decoded {
            Some((m, _)) => m.name().to_string(),
            None => HandshakeType(plaintext[offset]).name().to_string(),
        };
        let fields = decoded.map(|(_, mut f)| {
            decorate_certificates(&mut f, &bytes);
            f
        });
        out.push(MessageView {
            name,
            offset,
            bytes,
            fields,
        });
        offset = end;
    }
    out
}

/// Gives each certificate in a Certificate message's field tree its decoded X.509 fields: the
/// `data` child of every `cert_data` gets tbsCertificate, signatureAlgorithm and
/// signatureValue (see [`crate::pki::inspect::certificate_fields`]), with byte ranges
/// relative to the message, so the hex view can highlight them. Undecodable DER gets none.
fn decorate_certificates(field: &mut Field, message: &[u8]) {
    if field.name == "cert_data" {
        if let Some(data) = field.children.iter_mut().find(|c| c.name == "data")
            && let Some(der) = message.get(data.start..data.end)
        {
            let mut parts = crate::pki::inspect::certificate_fields(der);
            crate::pki::inspect::shift(&mut parts, data.start);
            data.children = parts;
        }
        return;
    }
    for child in &mut field.children {
        decorate_certificates(child, message);
    }
}

/// The explanation id of a record: by its real (inner) content type; a handshake record by
/// its first message (`messages`), `from` only for the sided ids; an alert by `alert`. In a
/// TLS 1.2 handshake (`version`, the sender's) the handshake records and ChangeCipherSpec
/// have ids of their own ([`Explain::Tls12`]).
pub fn explain_id(
    from: Participant,
    content_type: ContentType,
    messages: &[MessageView],
    alert: Option<AlertDescription>,
    version: TlsVersion,
) -> Explain {
    let first = messages.first().map(|m| m.name.as_str());
    let empty = messages.first().is_some_and(|m| m.bytes.len() <= 8);
    if version == TlsVersion::Tls12 {
        let step = match content_type {
            ContentType::CHANGE_CIPHER_SPEC => Some(Tls12Step::ChangeCipherSpec(from)),
            ContentType::HANDSHAKE => match first {
                Some("ClientHello") => Some(Tls12Step::ClientHello),
                Some("ServerHello") => Some(Tls12Step::ServerHello),
                // TLS 1.2's empty Certificate is its 3-byte list length alone.
                Some("Certificate") if messages[0].bytes.len() <= 7 => {
                    Some(Tls12Step::CertificateEmpty(from))
                }
                Some("Certificate") => Some(Tls12Step::Certificate(from)),
                Some("ServerKeyExchange") => Some(Tls12Step::ServerKeyExchange),
                Some("CertificateRequest") => Some(Tls12Step::CertificateRequest),
                Some("ServerHelloDone") => Some(Tls12Step::ServerHelloDone),
                // An encrypted pre-master secret has a 2-byte length; an ECDH key a 1-byte one.
                Some("ClientKeyExchange") => Some(match messages[0].bytes.get(4..6) {
                    Some(&[hi, lo])
                        if usize::from(u16::from_be_bytes([hi, lo])) + 6
                            == messages[0].bytes.len() =>
                    {
                        Tls12Step::ClientKeyExchangeRsa
                    }
                    _ => Tls12Step::ClientKeyExchange,
                }),
                Some("CertificateVerify") => Some(Tls12Step::CertificateVerify(from)),
                Some("Finished") => Some(Tls12Step::Finished(from)),
                _ => None,
            },
            _ => None,
        };
        if let Some(step) = step {
            return Explain::Tls12(step);
        }
    }
    match content_type {
        ContentType::CHANGE_CIPHER_SPEC => Explain::ChangeCipherSpec,
        ContentType::APPLICATION_DATA => Explain::ApplicationData,
        ContentType::ALERT => alert.map_or(Explain::UnreadableAlert, Explain::Alert),
        _ => match first {
            Some("Certificate") if empty => Explain::CertificateEmpty(from),
            Some("ClientHello") => Explain::ClientHello,
            Some("HelloRetryRequest") => Explain::HelloRetryRequest,
            Some("ServerHello") => Explain::ServerHello,
            Some("EncryptedExtensions") => Explain::EncryptedExtensions,
            Some("CertificateRequest") => Explain::CertificateRequest,
            Some("Certificate") => Explain::Certificate(from),
            Some("CertificateVerify") => Explain::CertificateVerify(from),
            Some("Finished") => Explain::Finished(from),
            Some("KeyUpdate") => Explain::KeyUpdate(from),
            Some("NewSessionTicket") => Explain::NewSessionTicket,
            // Any other message: its name in snake case.
            Some(name) => Explain::Other(name.chars().enumerate().fold(
                String::new(),
                |mut acc, (i, c)| {
                    if c.is_uppercase() && i > 0 {
                        acc.push('_');
                    }
                    acc.push(c.to_ascii_lowercase());
                    acc
                },
            )),
            None => Explain::HandshakeFragment,
        },
    }
}

/// What a passive eavesdropper learns from one record, given its wire bytes and whether the
/// record is protected, which an eavesdropper can tell: in TLS 1.3 every protected record is
/// dressed as application_data (§5.2); in TLS 1.2 every record after the sender's
/// ChangeCipherSpec is protected. For the records sent in the clear it reads the handshake
/// messages inside.
pub fn observe(wire: &[u8], protected: bool) -> ObservedRecord {
    let outer = ContentType(wire.first().copied().unwrap_or(0));
    let fragment = wire.get(5..).unwrap_or_default();
    let mut seen = ObservedRecord {
        outer_content_type: outer,
        length: wire.len(),
        encrypted: outer == ContentType::APPLICATION_DATA
            || (protected && outer != ContentType::CHANGE_CIPHER_SPEC),
        messages: Vec::new(),
        server_name: None,
        certificates: Vec::new(),
    };
    if outer != ContentType::HANDSHAKE || seen.encrypted {
        return seen;
    }
    // A handshake message in the clear is a hello (read alike in both versions) or, in TLS
    // 1.2, any message before ChangeCipherSpec: read them as TLS 1.2 writes them.
    for m in split_messages_in(fragment, TlsVersion::Tls12) {
        seen.messages.push(m.name.clone());
        match HandshakeMessage::decode_in(&m.bytes, TlsVersion::Tls12) {
            Ok((HandshakeMessage::ClientHello(ch), _)) => {
                seen.server_name = ch.extensions.iter().find_map(|e| match e {
                    Extension::ServerName(Some(n)) => Some(n.clone()),
                    _ => None,
                });
            }
            Ok((HandshakeMessage::Certificate12(chain), _)) => seen.certificates.extend(chain),
            _ => {}
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use crate::scenario::run_scenario;

    #[test]
    fn only_the_observer_scenario_has_a_passive_attacker() {
        assert!(
            run_scenario("observer", 1)
                .expect("known scenario")
                .attacker_is_passive()
        );
        for id in [
            "mutual",
            "impostor-server",
            "aitm-relay-one-way",
            "tampered-record",
        ] {
            let trace = run_scenario(id, 1).expect("known scenario");
            assert!(!trace.attacker_is_passive(), "{id}");
        }
    }

    #[test]
    fn the_rest_of_a_refused_flight_arrives_after_the_refusal() {
        let trace = run_scenario("expired", 1).expect("known scenario");
        let names: Vec<String> = trace.steps.iter().map(|s| s.explain.to_string()).collect();
        let at = |id: &str| names.iter().position(|n| n == id).expect(id);
        // The server refuses the client's Certificate in the step that carries it...
        assert!(!trace.arrives_after_refusal(at("certificate.client")));
        // ...and the client's CertificateVerify and Finished were already on their way.
        assert!(trace.arrives_after_refusal(at("certificate_verify.client")));
        assert!(trace.arrives_after_refusal(at("finished.client")));
        // The alert goes to the client, which refused nothing.
        assert!(!trace.arrives_after_refusal(at("alert.certificate_expired")));
        // A run that succeeds has no such step.
        let mutual = run_scenario("mutual", 1).expect("known scenario");
        assert!((0..mutual.steps.len()).all(|i| !mutual.arrives_after_refusal(i)));
    }
}
