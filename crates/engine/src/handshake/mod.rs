//! A sans-I/O TLS 1.3 endpoint (client or server): bytes in, bytes out, events recorded.
//!
//! [`Connection`] owns the record layer, the transcript and the state machine. Bytes from the
//! peer go in through [`Connection::read_tls`]; bytes to send come out of
//! [`Connection::take_tls`]. Time and randomness are in the configuration and the [`LabRng`].
//! The client's and server's message handlers are in `client.rs` and `server.rs`.

mod client;
#[cfg_attr(not(feature = "tls12"), allow(dead_code))]
mod client12;
pub mod events;
mod server;
#[cfg_attr(not(feature = "tls12"), allow(dead_code))]
mod server12;

use crate::crypto::key_schedule::{
    HASH_LEN, HandshakeSecret, Secret, TrafficKeys, TrafficSecrets, next_traffic_secret,
    verify_data_matches,
};
use crate::crypto::record::RecordCipher;
use crate::crypto::tls12::{KeyBlock, MasterSecret12, Tls12Cipher};
use crate::crypto::{EcdsaKey, Group, KeyShare, PrivateKey, Scheme, sha256};
use crate::error::Error;
use crate::error::{Expecting, Param, Received};
use crate::rng::LabRng;
use crate::wire::codec::DecodeErrorKind;
use crate::wire::handshake::{HandshakeType, KeyUpdateRequest, TlsVersion};
use crate::wire::record::{FramingError, MAX_PLAINTEXT};
use crate::wire::{AlertDescription, ContentType, DecodeError, HandshakeMessage, Record};

pub use events::{Check, CheckKind, Epoch, Event, KeyAction, KeyEvent, KeyKind, Note, SentRecord};

/// Largest handshake message accepted (certificate chains and ClientHello included); a longer
/// one is refused with illegal_parameter before it is buffered.
pub const MAX_HANDSHAKE_MESSAGE: usize = 64 * 1024;

/// How many bytes of early data a server skips when a ClientHello offers early_data, which
/// this server never accepts (it offers no resumption, so there is no PSK to accept 0-RTT
/// under). RFC 8446 §4.2.10 has a server that declines early data skip it "up to the
/// configured max_early_data_size"; ours is 2^14 bytes, one full record's worth. The server
/// cannot decrypt a skipped record, so it counts the most payload the record can hold: its
/// protected fragment less the AEAD tag and the inner content type byte (padding included,
/// an upper bound on what §4.6.1 counts), and at least 1 byte, so that a stream of empty
/// records also reaches the limit. More is unexpected_message (§4.6.1).
pub const MAX_EARLY_DATA_SKIPPED: usize = 16_384;

/// A certificate chain (leaf first, DER) and what signs for it.
#[derive(Clone, Debug)]
pub struct Identity {
    /// The chain, leaf first.
    pub chain: Vec<Vec<u8>>,
    /// What signs the CertificateVerify: normally the leaf's private key.
    pub key: Signer,
}

impl Identity {
    /// The private key it signs with, if that is the certificate's own key: only then is it
    /// "the endpoint's private key" in the key-role table (an impostor's key of its own, or a
    /// replayed signature, is not).
    fn own_key(&self) -> Option<&PrivateKey> {
        let leaf_public = self
            .chain
            .first()
            .and_then(|leaf| crate::pki::leaf_public_key(leaf))?;
        self.key.key().filter(|key| key.public() == leaf_public)
    }

    /// Whether it signs as an RSA key: the key it holds (an impostor's or a mistaken key is of
    /// the certificate's kind), or for a replayed signature the certificate's. (The key is
    /// asked first: parsing the certificate again costs more than the rest of the choice.)
    pub fn is_rsa(&self) -> bool {
        match &self.key {
            Signer::Key(key) => key.is_rsa(),
            Signer::Replay(_) => self
                .chain
                .first()
                .is_some_and(|leaf| crate::pki::inspect::has_rsa_key(leaf)),
        }
    }

    /// The scheme this identity signs with when the peer accepts `offered`: for its
    /// certificate's kind of key, the first the peer accepts of rsa_pss_rsae_sha256 (TLS 1.3
    /// allows no other RSA scheme, §4.4.3), then in TLS 1.2 rsa_pkcs1_sha256; or
    /// ecdsa_secp256r1_sha256.
    pub fn scheme(&self, offered: &[u16], tls12: bool) -> Option<Scheme> {
        let ours: &[Scheme] = match (self.is_rsa(), tls12) {
            (false, _) => &[Scheme::EcdsaP256Sha256],
            (true, false) => &[Scheme::RsaPssRsaeSha256],
            (true, true) => &[Scheme::RsaPssRsaeSha256, Scheme::RsaPkcs1Sha256],
        };
        ours.iter()
            .copied()
            .find(|s| s.supported() && offered.contains(&s.code()))
    }
}

/// What signs an endpoint's CertificateVerify.
#[derive(Clone, Debug)]
pub enum Signer {
    /// A private key: the certificate's, or in the attack lessons one of the attacker's own
    /// (the peer's check then fails: the signature does not verify under the certificate's key).
    Key(PrivateKey),
    /// No key at all: a signature captured elsewhere, sent as it is (the phishing proxy's
    /// replay of its victim's CertificateVerify, which signs another handshake's transcript).
    Replay(Vec<u8>),
}

impl Signer {
    /// The signature over `content` with `scheme` (PSS's salt drawn from `rng`).
    pub fn sign(&self, scheme: Scheme, content: &[u8], rng: &mut LabRng) -> Vec<u8> {
        match self {
            Self::Key(key) => key.sign(scheme, content, rng),
            Self::Replay(signature) => signature.clone(),
        }
    }

    /// The private key, if it holds one.
    pub fn key(&self) -> Option<&PrivateKey> {
        match self {
            Self::Key(key) => Some(key),
            Self::Replay(_) => None,
        }
    }
}

impl From<PrivateKey> for Signer {
    fn from(key: PrivateKey) -> Self {
        Self::Key(key)
    }
}

impl From<EcdsaKey> for Signer {
    fn from(key: EcdsaKey) -> Self {
        Self::Key(key.into())
    }
}

/// Which TLS versions an endpoint speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Versions {
    /// TLS 1.3 only: every lesson of the lab, unless it says otherwise.
    #[default]
    Tls13Only,
    /// TLS 1.3 and TLS 1.2, as OpenSSL and most peers today: a server chooses 1.3 when the
    /// client offers it (RFC 8446 §4.2.1), and a client that offered 1.3 refuses a 1.2
    /// ServerHello carrying the downgrade sentinel (§4.1.3).
    Both,
    /// TLS 1.2 only (RFC 5246): a client sends no supported_versions extension.
    Tls12Only,
}

impl Versions {
    /// Whether TLS 1.3 is among them.
    pub fn tls13(self) -> bool {
        self != Self::Tls12Only
    }

    /// Whether TLS 1.2 is among them (never in a build without the feature `tls12`).
    pub fn tls12(self) -> bool {
        cfg!(feature = "tls12") && self != Self::Tls13Only
    }
}

/// What a client trusts and offers.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The server name sent in SNI and checked against the certificate.
    pub server_name: String,
    /// The trust anchor (a root CA certificate, DER).
    pub root: Vec<u8>,
    /// The client's certificate and key, for mutual TLS.
    pub identity: Option<Identity>,
    /// Groups listed in supported_groups, in preference order.
    pub supported_groups: Vec<Group>,
    /// Groups the first ClientHello sends key shares for.
    pub key_share_groups: Vec<Group>,
    /// ALPN protocols offered.
    pub alpn: Vec<Vec<u8>>,
    /// "Now" for certificate validity, in Unix seconds.
    pub now: i64,
    /// The TLS versions offered.
    pub versions: Versions,
    /// The signature schemes offered in signature_algorithms, in preference order: those the
    /// client accepts in the server's CertificateVerify (or TLS 1.2 ServerKeyExchange).
    pub signature_schemes: Vec<Scheme>,
    /// The TLS 1.2 cipher suites offered (when `versions` include TLS 1.2), in preference
    /// order.
    pub tls12_suites: Vec<u16>,
}

/// Whether and how a server asks for client certificates.
#[derive(Clone, Debug)]
pub enum ClientAuth {
    /// One-way TLS: no CertificateRequest.
    None,
    /// Mutual TLS: CertificateRequest, and a verified certificate is required.
    Required {
        /// The root CA that client certificates must chain to (DER).
        root: Vec<u8>,
        /// CRLs to check client certificates against (DER).
        crls: Vec<Vec<u8>>,
    },
}

/// What a server presents and requires.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The server's chain and key.
    pub identity: Identity,
    /// Client certificate policy.
    pub client_auth: ClientAuth,
    /// Groups the server accepts, in its preference order.
    pub groups: Vec<Group>,
    /// ALPN protocols the server speaks.
    pub alpn: Vec<Vec<u8>>,
    /// "Now" for certificate validity, in Unix seconds.
    pub now: i64,
    /// The TLS versions accepted.
    pub versions: Versions,
    /// The signature schemes accepted in a client's CertificateVerify, listed in
    /// CertificateRequest.
    pub signature_schemes: Vec<Scheme>,
    /// The TLS 1.2 cipher suites accepted, in preference order (the first the client offers
    /// that fits the certificate's key is chosen).
    pub tls12_suites: Vec<u16>,
}

/// What the handshake settled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Negotiated {
    /// The key-exchange group (`None` with TLS 1.2's RSA key transport).
    pub group: Option<Group>,
    /// The cipher suite, once ServerHello is sent or received (0 before).
    pub cipher_suite: u16,
    /// The ALPN protocol.
    pub alpn: Option<Vec<u8>>,
    /// The SNI host name the client sent.
    pub server_name: Option<String>,
    /// The peer's certificate chain (leaf first), if it sent one.
    pub peer_chain: Vec<Vec<u8>>,
    /// Whether a HelloRetryRequest happened.
    pub retried: bool,
    /// The TLS version: TLS 1.2 once a TLS 1.2 ServerHello is sent or received, or from the
    /// start for a client that speaks only TLS 1.2; else TLS 1.3.
    pub version: TlsVersion,
}

/// One NSS key log line (the format Wireshark reads).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyLogLine {
    /// The label, e.g. `CLIENT_HANDSHAKE_TRAFFIC_SECRET`.
    pub label: String,
    /// The ClientHello random identifying the connection.
    pub client_random: Vec<u8>,
    /// The secret.
    pub secret: Vec<u8>,
}

impl KeyLogLine {
    /// The line as written in an SSLKEYLOGFILE.
    pub fn to_line(&self) -> String {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        format!(
            "{} {} {}",
            self.label,
            hex(&self.client_random),
            hex(&self.secret)
        )
    }
}

/// State carried through the client's handshake after ServerHello.
struct ClientHs {
    hs: HandshakeSecret,
    traffic: TrafficSecrets,
    /// A CertificateRequest's context and the signature schemes it accepts.
    cert_request: Option<(Vec<u8>, Vec<u16>)>,
    /// The server's certificate, once checked.
    peer: PeerCertificate,
}

/// State carried through the server's handshake after its flight.
struct ServerHs {
    traffic: TrafficSecrets,
    app: TrafficSecrets,
    /// The client's certificate, once checked.
    peer: PeerCertificate,
}

/// The peer's certificate as its verifier keeps it between Certificate and CertificateVerify:
/// the same for both roles ([`Connection::check_peer_chain`],
/// [`Connection::check_certificate_verify`]).
#[derive(Default)]
struct PeerCertificate {
    /// The leaf (DER).
    leaf: Vec<u8>,
    /// The leaf's public key, decoded once.
    leaf_public: Option<Vec<u8>>,
    /// The checklist shown at Certificate, completed at CertificateVerify.
    checklist: Option<crate::pki::Checklist>,
}

/// Whose certificate a verifier checks: the words of its checks and keys in the Trace.
#[derive(Clone, Copy)]
enum Peer {
    /// The client checks the server's.
    Server,
    /// The server checks the client's.
    Client,
}

impl Peer {
    fn chain_check(self) -> CheckKind {
        match self {
            Self::Server => CheckKind::ServerCertificateChain,
            Self::Client => CheckKind::ClientCertificateChain,
        }
    }

    fn verify_check(self) -> CheckKind {
        match self {
            Self::Server => CheckKind::ServerCertificateVerify,
            Self::Client => CheckKind::ClientCertificateVerify,
        }
    }

    fn public_key(self) -> KeyKind {
        match self {
            Self::Server => KeyKind::ServerPublicKey,
            Self::Client => KeyKind::ClientPublicKey,
        }
    }
}

/// Where the handshake is, named after what it waits for.
#[cfg_attr(not(feature = "tls12"), allow(dead_code))]
enum State {
    ClientExpectServerHello {
        shares: Vec<KeyShare>,
        retried: bool,
    },
    ClientExpectEncryptedExtensions(Box<ClientHs>),
    ClientExpectCertificateOrRequest(Box<ClientHs>),
    ClientExpectCertificate(Box<ClientHs>),
    ClientExpectCertificateVerify(Box<ClientHs>),
    ClientExpectFinished(Box<ClientHs>),
    ServerExpectClientHello {
        retry_group: Option<Group>,
    },
    ServerExpectCertificate(Box<ServerHs>),
    ServerExpectCertificateVerify(Box<ServerHs>),
    ServerExpectFinished(Box<ServerHs>),
    // TLS 1.2 (RFC 5246 §7.3), in `client12.rs` and `server12.rs`.
    Client12ExpectCertificate(Box<client12::Hs>),
    Client12ExpectServerKeyExchange(Box<client12::Hs>),
    Client12ExpectCertificateRequestOrDone(Box<client12::Hs>),
    Client12ExpectServerHelloDone(Box<client12::Hs>),
    Client12ExpectChangeCipherSpec(Box<Pending12>),
    Client12ExpectFinished(Box<Pending12>),
    Server12ExpectCertificate(Box<server12::Hs>),
    Server12ExpectClientKeyExchange(Box<server12::Hs>),
    Server12ExpectCertificateVerify(Box<server12::Hs>, Box<Pending12>),
    Server12ExpectChangeCipherSpec(Box<Pending12>),
    Server12ExpectFinished(Box<Pending12>),
    Traffic,
    Closed,
}

/// A TLS 1.2 endpoint's keys between its ClientKeyExchange and the peer's Finished: the master
/// secret (for the Finished messages) and the key block (for the ChangeCipherSpec switch).
#[cfg_attr(not(feature = "tls12"), allow(dead_code))]
struct Pending12 {
    master: MasterSecret12,
    keys: KeyBlock,
    /// With RSA key transport, the server's certificate whose key only the server's Finished
    /// proves it holds (the client's view; `None` otherwise).
    unproven: Option<PeerCertificate>,
}

impl State {
    fn expecting(&self) -> Expecting {
        match self {
            Self::ClientExpectServerHello { .. } => Expecting::ServerHello,
            Self::ClientExpectEncryptedExtensions(_) => Expecting::EncryptedExtensions,
            Self::ClientExpectCertificateOrRequest(_) => Expecting::CertificateOrRequest,
            Self::ClientExpectCertificate(_) | Self::ServerExpectCertificate(_) => {
                Expecting::Certificate
            }
            Self::ClientExpectCertificateVerify(_) | Self::ServerExpectCertificateVerify(_) => {
                Expecting::CertificateVerify
            }
            Self::ClientExpectFinished(_) | Self::ServerExpectFinished(_) => Expecting::Finished,
            Self::ServerExpectClientHello { .. } => Expecting::ClientHello,
            Self::Client12ExpectCertificate(_) | Self::Server12ExpectCertificate(_) => {
                Expecting::Certificate
            }
            Self::Client12ExpectServerKeyExchange(_) => Expecting::ServerKeyExchange,
            Self::Client12ExpectCertificateRequestOrDone(_) => {
                Expecting::CertificateRequestOrServerHelloDone
            }
            Self::Client12ExpectServerHelloDone(_) => Expecting::ServerHelloDone,
            Self::Server12ExpectClientKeyExchange(_) => Expecting::ClientKeyExchange,
            Self::Server12ExpectCertificateVerify(..) => Expecting::CertificateVerify,
            Self::Client12ExpectChangeCipherSpec(_) | Self::Server12ExpectChangeCipherSpec(_) => {
                Expecting::ChangeCipherSpec
            }
            Self::Client12ExpectFinished(_) | Self::Server12ExpectFinished(_) => {
                Expecting::Finished
            }
            Self::Traffic => Expecting::ApplicationData,
            Self::Closed => Expecting::Nothing,
        }
    }
}

enum Role {
    Client(Box<ClientConfig>),
    Server(Box<ServerConfig>),
}

/// One direction's record protection: TLS 1.3's (the real content type inside, every record
/// dressed as application_data) or TLS 1.2's (the content type in the clear, an explicit
/// nonce before the ciphertext).
enum Cipher {
    Tls13(RecordCipher),
    Tls12(Tls12Cipher),
}

/// One end of a TLS 1.3 connection.
pub struct Connection {
    role: Role,
    rng: LabRng,
    state: State,
    transcript: Vec<u8>,
    client_random: [u8; 32],
    session_id: Vec<u8>,
    incoming: Vec<u8>,
    hs_buf: Vec<u8>,
    outgoing: Vec<u8>,
    app_in: Vec<u8>,
    read: Option<Cipher>,
    write: Option<Cipher>,
    read_epoch: Epoch,
    /// Whether a protected record from the peer has authenticated: from then on the peer has
    /// keys, and an unprotected alert can only be an injection.
    peer_protected: bool,
    /// A server whose peer's ClientHello offered early_data (§4.2.10): the bytes of early data
    /// skipped so far. `Some` only until the second ClientHello after a HelloRetryRequest, or
    /// until the first record that opens under the client's handshake keys.
    early_data_skipped: Option<usize>,
    write_epoch: Epoch,
    app_secrets: Option<TrafficSecrets>,
    sent_ccs: bool,
    events: Vec<Event>,
    keylog: Vec<KeyLogLine>,
    negotiated: Negotiated,
    error: Option<Error>,
    peer_closed: bool,
}

impl Connection {
    fn new(role: Role, rng: LabRng, state: State) -> Self {
        Self {
            role,
            rng,
            state,
            transcript: Vec::new(),
            client_random: [0; 32],
            session_id: Vec::new(),
            incoming: Vec::new(),
            hs_buf: Vec::new(),
            outgoing: Vec::new(),
            app_in: Vec::new(),
            read: None,
            write: None,
            read_epoch: Epoch::Plaintext,
            peer_protected: false,
            early_data_skipped: None,
            write_epoch: Epoch::Plaintext,
            app_secrets: None,
            sent_ccs: false,
            events: Vec::new(),
            keylog: Vec::new(),
            negotiated: Negotiated::default(),
            error: None,
            peer_closed: false,
        }
    }

    /// A server waiting for a ClientHello.
    pub fn server(config: ServerConfig, rng: LabRng) -> Self {
        Self::new(
            Role::Server(Box::new(config)),
            rng,
            State::ServerExpectClientHello { retry_group: None },
        )
    }

    /// Feeds bytes received from the peer. Whole records are processed at once; a partial
    /// record waits for more bytes.
    ///
    /// # Errors
    /// The first error ends the connection: the matching alert is queued for the peer (see
    /// [`Error::alert`]) and every later call returns [`Error::Closed`].
    pub fn read_tls(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(if matches!(e, Error::Closed) {
                Error::Closed
            } else {
                e.clone()
            });
        }
        self.incoming.extend_from_slice(bytes);
        loop {
            let record = match Record::take(&mut self.incoming) {
                Ok(Some(r)) => r,
                Ok(None) => return Ok(()),
                Err(FramingError::Overflow) => return Err(self.fail(Error::RecordOverflow)),
                Err(FramingError::UnknownType(t)) => {
                    return Err(self.fail(Error::UnexpectedMessage {
                        got: Received::UnknownRecord(t),
                        expected: Expecting::Record,
                    }));
                }
            };
            if let Err(e) = self.process_record(record) {
                return Err(self.fail(e));
            }
            if self.peer_closed {
                return Ok(());
            }
        }
    }

    /// Takes the bytes waiting to be sent to the peer.
    pub fn take_tls(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.outgoing)
    }

    /// Takes the application data received so far.
    pub fn take_app_data(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.app_in)
    }

    /// Drains the events recorded since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// The key log so far (NSS format lines).
    pub fn keylog(&self) -> &[KeyLogLine] {
        &self.keylog
    }

    /// What the handshake negotiated.
    pub fn negotiated(&self) -> &Negotiated {
        &self.negotiated
    }

    /// Whether the handshake is still in progress.
    pub fn is_handshaking(&self) -> bool {
        !matches!(self.state, State::Traffic | State::Closed)
    }

    /// Whether the connection has ended (error, or close_notify either way).
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed) || self.peer_closed
    }

    /// Whether the peer sent close_notify.
    pub fn peer_closed(&self) -> bool {
        self.peer_closed
    }

    /// The error that ended the connection, if one did.
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// Encrypts and queues application data, in records of at most 2^14 bytes.
    ///
    /// # Errors
    /// [`Error::Closed`] before the handshake completes or after the connection ended.
    pub fn send_app_data(&mut self, data: &[u8]) -> Result<(), Error> {
        if !matches!(self.state, State::Traffic) {
            return Err(Error::Closed);
        }
        for chunk in data.chunks(MAX_PLAINTEXT) {
            self.send_record(ContentType::APPLICATION_DATA, chunk);
        }
        if data.is_empty() {
            self.send_record(ContentType::APPLICATION_DATA, &[]);
        }
        Ok(())
    }

    /// Sends a KeyUpdate, switching our sending keys to the next generation (§4.6.3).
    ///
    /// # Errors
    /// [`Error::Closed`] outside the traffic phase.
    pub fn update_keys(&mut self, request_peer: bool) -> Result<(), Error> {
        if !matches!(self.state, State::Traffic) {
            return Err(Error::Closed);
        }
        self.send_handshake(&HandshakeMessage::KeyUpdate(request_peer.into()), false);
        self.rotate_write_keys();
        Ok(())
    }

    /// Sends close_notify; nothing more is sent afterwards.
    pub fn close(&mut self) {
        if !matches!(self.state, State::Closed) {
            self.send_record(ContentType::ALERT, &AlertDescription::CLOSE_NOTIFY.encode());
            self.state = State::Closed;
            self.error.get_or_insert(Error::Closed);
        }
    }

    fn is_client(&self) -> bool {
        matches!(self.role, Role::Client(_))
    }

    /// Ends the connection on `e`: queue its alert and record the failure.
    fn fail(&mut self, e: Error) -> Error {
        let alert = e.alert();
        if let Some(alert) = alert
            && self.error.is_none()
        {
            self.send_record(ContentType::ALERT, &alert.encode());
        }
        self.events.push(Event::Failed {
            error: e.to_string(),
            alert,
            reason: Some(e.clone()),
        });
        self.state = State::Closed;
        self.error = Some(e.clone());
        e
    }

    fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    fn key(&mut self, key: KeyKind, action: KeyAction, value: &[u8]) {
        self.events.push(Event::Key(KeyEvent {
            key,
            action,
            value: value.to_vec(),
        }));
    }

    /// A fresh ephemeral key pair for `group`, recorded as this side's generated keys.
    fn generate_share(&mut self, group: Group) -> KeyShare {
        let share = KeyShare::generate(group, &mut self.rng);
        let (private, public) = if self.is_client() {
            (
                KeyKind::ClientEphemeralPrivate,
                KeyKind::ClientEphemeralPublic,
            )
        } else {
            (
                KeyKind::ServerEphemeralPrivate,
                KeyKind::ServerEphemeralPublic,
            )
        };
        self.key(private, KeyAction::Generated, share.secret());
        self.key(public, KeyAction::Generated, share.public());
        share
    }

    /// Signs `content` with `identity`'s key, sends the message `signed` makes of the signature
    /// (a CertificateVerify, or TLS 1.2's ServerKeyExchange) and records the use of this side's
    /// private key: only the key that matches the certificate is it; an impostor signing with
    /// a key of its own is not using it.
    fn send_signed(
        &mut self,
        identity: &Identity,
        (scheme, content): (Scheme, &[u8]),
        signed: impl FnOnce(Vec<u8>) -> HandshakeMessage,
    ) {
        let message = signed(identity.key.sign(scheme, content, &mut self.rng));
        self.send_handshake(&message, true);
        if let Some(key) = identity.own_key() {
            let kind = if self.is_client() {
                KeyKind::ClientPrivateKey
            } else {
                KeyKind::ServerPrivateKey
            };
            self.key(kind, KeyAction::Used, &key.secret_bytes());
        }
    }

    /// The schemes this side accepts in the peer's signatures.
    fn accepted_schemes(&self) -> &[Scheme] {
        match &self.role {
            Role::Client(c) => &c.signature_schemes,
            Role::Server(s) => &s.signature_schemes,
        }
    }

    fn check(&mut self, check: CheckKind, result: Result<(), &Error>) {
        self.events.push(Event::Check(Check {
            check,
            passed: result.is_ok(),
            detail: result.err().map(ToString::to_string),
            reason: result.err().cloned(),
        }));
    }

    /// Records a check's result and passes the error on.
    fn checked<T>(&mut self, check: CheckKind, result: Result<T, Error>) -> Result<T, Error> {
        self.check(check, result.as_ref().map(|_| ()));
        result
    }

    fn log_secret(&mut self, label: &str, secret: &Secret) {
        self.keylog.push(KeyLogLine {
            label: label.into(),
            client_random: self.client_random.to_vec(),
            secret: secret.to_vec(),
        });
    }

    fn transcript_hash(&self) -> [u8; 32] {
        sha256(&self.transcript)
    }

    /// Frames, protects (when keys are set) and queues one record.
    fn send_record(&mut self, content_type: ContentType, plaintext: &[u8]) {
        let wire = match &mut self.write {
            Some(Cipher::Tls12(cipher)) => Record {
                content_type,
                version: 0x0303,
                fragment: cipher.seal(content_type.0, plaintext),
            }
            .to_bytes(),
            Some(Cipher::Tls13(cipher)) if content_type != ContentType::CHANGE_CIPHER_SPEC => {
                let mut inner = plaintext.to_vec();
                inner.push(content_type.0);
                let header = Record::header(
                    ContentType::APPLICATION_DATA,
                    inner.len() + crate::crypto::record::TAG_LEN,
                );
                let body = cipher.seal(&header, &inner);
                Record {
                    content_type: ContentType::APPLICATION_DATA,
                    version: 0x0303,
                    fragment: body,
                }
                .to_bytes()
            }
            _ => Record {
                content_type,
                version: 0x0303,
                fragment: plaintext.to_vec(),
            }
            .to_bytes(),
        };
        let epoch = if content_type == ContentType::CHANGE_CIPHER_SPEC {
            Epoch::Plaintext
        } else {
            self.write_epoch
        };
        self.outgoing.extend_from_slice(&wire);
        self.events.push(Event::RecordSent(SentRecord {
            epoch,
            content_type,
            wire,
            plaintext: plaintext.to_vec(),
        }));
    }

    /// Encodes a handshake message, adds it to the transcript (unless `transcript` is false,
    /// as for post-handshake messages) and sends it in its own record.
    fn send_handshake(&mut self, msg: &HandshakeMessage, transcript: bool) {
        let bytes = msg.encode();
        if transcript {
            self.transcript.extend_from_slice(&bytes);
        }
        self.send_record(ContentType::HANDSHAKE, &bytes);
    }

    /// The middlebox-compatibility ChangeCipherSpec, sent once (§D.4).
    fn send_ccs(&mut self) {
        if !self.sent_ccs {
            self.sent_ccs = true;
            self.send_record(ContentType::CHANGE_CIPHER_SPEC, &[1]);
        }
    }

    fn set_write(&mut self, secret: &Secret, epoch: Epoch) {
        self.write = Some(Cipher::Tls13(RecordCipher::new(&TrafficKeys::from_secret(
            secret,
        ))));
        self.write_epoch = epoch;
    }

    /// TLS 1.2: our side's keys from the key block, after our ChangeCipherSpec.
    #[cfg_attr(not(feature = "tls12"), allow(dead_code))]
    fn set_write12(&mut self, keys: &KeyBlock) {
        let (key, salt) = if self.is_client() {
            (&keys.client_key, &keys.client_iv)
        } else {
            (&keys.server_key, &keys.server_iv)
        };
        self.write = Some(Cipher::Tls12(Tls12Cipher::new(key, salt)));
        self.write_epoch = Epoch::Application(0);
    }

    /// TLS 1.2: the peer's keys from the key block, at its ChangeCipherSpec. A handshake
    /// message may not span it.
    fn set_read12(&mut self, keys: &KeyBlock) -> Result<(), Error> {
        if !self.hs_buf.is_empty() {
            return Err(Error::UnexpectedMessage {
                got: Received::HandshakeAcrossKeyChange,
                expected: Expecting::MessageBoundary,
            });
        }
        let (key, salt) = if self.is_client() {
            (&keys.server_key, &keys.server_iv)
        } else {
            (&keys.client_key, &keys.client_iv)
        };
        self.read = Some(Cipher::Tls12(Tls12Cipher::new(key, salt)));
        self.read_epoch = Epoch::Application(0);
        Ok(())
    }

    /// Switches the receiving keys. Handshake messages must not span a key change (§5.1).
    fn set_read(&mut self, secret: &Secret, epoch: Epoch) -> Result<(), Error> {
        if !self.hs_buf.is_empty() {
            return Err(Error::UnexpectedMessage {
                got: Received::HandshakeAcrossKeyChange,
                expected: Expecting::MessageBoundary,
            });
        }
        self.read = Some(Cipher::Tls13(RecordCipher::new(&TrafficKeys::from_secret(
            secret,
        ))));
        self.read_epoch = epoch;
        Ok(())
    }

    fn next_generation(epoch: Epoch) -> Epoch {
        match epoch {
            Epoch::Application(n) => Epoch::Application(n + 1),
            other => other,
        }
    }

    fn rotate_write_keys(&mut self) {
        let is_client = self.is_client();
        if let Some(app) = &mut self.app_secrets {
            let secret = if is_client {
                &mut app.client
            } else {
                &mut app.server
            };
            *secret = next_traffic_secret(secret);
            let s = *secret;
            let epoch = Self::next_generation(self.write_epoch);
            self.set_write(&s, epoch);
            self.emit(Event::Note(Note::KeysUpdated));
        }
    }

    fn rotate_read_keys(&mut self) -> Result<(), Error> {
        let is_client = self.is_client();
        if let Some(app) = &mut self.app_secrets {
            let secret = if is_client {
                &mut app.server
            } else {
                &mut app.client
            };
            *secret = next_traffic_secret(secret);
            let s = *secret;
            let epoch = Self::next_generation(self.read_epoch);
            self.set_read(&s, epoch)?;
            self.emit(Event::Note(Note::KeysUpdated));
        }
        Ok(())
    }

    fn process_record(&mut self, record: Record) -> Result<(), Error> {
        if matches!(self.state, State::Closed) {
            return Err(Error::Closed);
        }
        // TLS 1.2: ChangeCipherSpec is a real message, the switch to the peer's new keys.
        if cfg!(feature = "tls12")
            && record.content_type == ContentType::CHANGE_CIPHER_SPEC
            && self.negotiated.version == TlsVersion::Tls12
        {
            self.check_not_interleaved(record.content_type)?;
            return self.process_ccs12(&record.fragment);
        }
        // §D.4: a ChangeCipherSpec of exactly one byte 0x01 is ignored during the handshake.
        if record.content_type == ContentType::CHANGE_CIPHER_SPEC {
            self.check_not_interleaved(record.content_type)?;
            if record.fragment == [1]
                && self.is_handshaking()
                && !matches!(
                    self.state,
                    State::ServerExpectClientHello { retry_group: None }
                )
            {
                self.emit(Event::Note(Note::ChangeCipherSpecIgnored));
                return Ok(());
            }
            return Err(Error::UnexpectedMessage {
                got: Received::Message("ChangeCipherSpec".into()),
                expected: self.state.expecting(),
            });
        }
        // §4.2.10: after a HelloRetryRequest, a server that was offered early data "ignores
        // early data by skipping all records with an external content type of
        // application_data" until the second ClientHello. The client may have sent them before
        // it saw the HelloRetryRequest.
        if record.content_type == ContentType::APPLICATION_DATA
            && self.early_data_skipped.is_some()
            && self.hs_buf.is_empty()
            && matches!(
                self.state,
                State::ServerExpectClientHello {
                    retry_group: Some(_)
                }
            )
        {
            return self.skip_early_data(record.fragment.len());
        }
        let (content_type, content) = match &mut self.read {
            Some(Cipher::Tls12(cipher)) => {
                let Ok(plaintext) = cipher.open(record.content_type.0, &record.fragment) else {
                    let e = Error::BadRecordMac;
                    self.check(CheckKind::RecordAuthentication, Err(&e));
                    return Err(e);
                };
                self.peer_protected = true;
                // RFC 5246 §6.2.3: more than 2^14 bytes of plaintext is record_overflow.
                if plaintext.len() > MAX_PLAINTEXT {
                    return Err(Error::RecordOverflow);
                }
                (record.content_type, plaintext)
            }
            // An alert the peer could not protect (it failed before deriving keys) is accepted,
            // but only until the peer has shown it has keys: after its first protected record,
            // an unprotected alert would let anyone on the path end the connection.
            Some(_) if record.content_type == ContentType::ALERT && !self.peer_protected => {
                (ContentType::ALERT, record.fragment)
            }
            Some(Cipher::Tls13(cipher)) => {
                if record.content_type != ContentType::APPLICATION_DATA {
                    return Err(Error::UnexpectedMessage {
                        got: Received::Unprotected(record.content_type),
                        expected: Expecting::ProtectedRecord,
                    });
                }
                let header = Record::header(record.content_type, record.fragment.len());
                let mut inner = match cipher.open(&header, &record.fragment) {
                    Ok(inner) => {
                        self.peer_protected = true;
                        // §4.2.10: the first record that deprotects under the handshake keys
                        // starts the client's second flight; nothing is skipped after it.
                        self.early_data_skipped = None;
                        inner
                    }
                    // §4.2.10: a server that does not accept the early data it was offered
                    // "skips past early data by attempting to deprotect received records using
                    // the handshake traffic key, discarding records which fail deprotection".
                    Err(_) if self.early_data_skipped.is_some() => {
                        return self.skip_early_data(record.fragment.len());
                    }
                    Err(_) => {
                        let e = Error::BadRecordMac;
                        self.check(CheckKind::RecordAuthentication, Err(&e));
                        return Err(e);
                    }
                };
                // §5.4: "If the length of TLSInnerPlaintext exceeds 2^14 + 1 bytes, the
                // receiving implementation MUST terminate the connection with a
                // record_overflow alert." The limit is on the whole inner plaintext (content,
                // type byte and padding), so it is checked before the padding is stripped.
                if inner.len() > MAX_PLAINTEXT + 1 {
                    return Err(Error::RecordOverflow);
                }
                // §5.4: strip zero padding; the last non-zero byte is the real content type.
                let Some(pos) = inner.iter().rposition(|b| *b != 0) else {
                    return Err(Error::UnexpectedMessage {
                        got: Received::NoContentType,
                        expected: self.state.expecting(),
                    });
                };
                let content_type = ContentType(inner[pos]);
                inner.truncate(pos);
                // §5.4: Handshake and Alert records with a zero-length
                // TLSInnerPlaintext.content are unexpected_message (only application data
                // may be empty).
                if inner.is_empty() && content_type != ContentType::APPLICATION_DATA {
                    return Err(Error::UnexpectedMessage {
                        got: Received::EmptyProtected(content_type),
                        expected: self.state.expecting(),
                    });
                }
                (content_type, inner)
            }
            None => {
                if record.fragment.len() > MAX_PLAINTEXT {
                    return Err(Error::RecordOverflow);
                }
                (record.content_type, record.fragment)
            }
        };
        self.check_not_interleaved(content_type)?;
        match content_type {
            ContentType::ALERT => self.process_alert(&content),
            ContentType::HANDSHAKE => self.process_handshake_data(&content),
            ContentType::APPLICATION_DATA => {
                if !matches!(self.state, State::Traffic) || self.read.is_none() {
                    return Err(Error::UnexpectedMessage {
                        got: Received::ApplicationData,
                        expected: self.state.expecting(),
                    });
                }
                self.emit(Event::Note(Note::ApplicationData { len: content.len() }));
                self.app_in.extend_from_slice(&content);
                Ok(())
            }
            other => Err(Error::UnexpectedMessage {
                got: Received::Content(other),
                expected: self.state.expecting(),
            }),
        }
    }

    /// Discards one record of early data the server declined (§4.2.10), `len` bytes of
    /// protected fragment, as long as the payload counted so far stays within
    /// [`MAX_EARLY_DATA_SKIPPED`] (see there for how a record is counted).
    ///
    /// # Errors
    /// [`Error::TooMuchEarlyData`] (unexpected_message, §4.6.1) past the limit.
    fn skip_early_data(&mut self, len: usize) -> Result<(), Error> {
        let payload = len
            .saturating_sub(crate::crypto::record::TAG_LEN + 1)
            .max(1);
        let skipped = self.early_data_skipped.unwrap_or(0).saturating_add(payload);
        if skipped > MAX_EARLY_DATA_SKIPPED {
            return Err(Error::TooMuchEarlyData(MAX_EARLY_DATA_SKIPPED));
        }
        self.early_data_skipped = Some(skipped);
        Ok(())
    }

    /// §5.1: "Handshake messages MUST NOT be interleaved with other record types. That is,
    /// if a handshake message is split over two or more records, there MUST NOT be any other
    /// records between them." A record of `content_type` (the real type, for a protected
    /// record) while part of a handshake message waits is unexpected_message.
    fn check_not_interleaved(&self, content_type: ContentType) -> Result<(), Error> {
        if self.hs_buf.is_empty() || content_type == ContentType::HANDSHAKE {
            return Ok(());
        }
        Err(Error::UnexpectedMessage {
            got: Received::BetweenFragments(content_type),
            expected: Expecting::RestOfMessage,
        })
    }

    fn process_alert(&mut self, content: &[u8]) -> Result<(), Error> {
        let [_level, code] = content else {
            return Err(Error::Decode(crate::wire::DecodeError {
                field: "Alert".into(),
                kind: crate::wire::codec::DecodeErrorKind::Invalid,
            }));
        };
        let alert = AlertDescription(*code);
        self.emit(Event::AlertReceived(alert));
        if alert == AlertDescription::CLOSE_NOTIFY {
            self.emit(Event::Note(Note::PeerClosed));
            self.peer_closed = true;
            return Ok(());
        }
        if alert == AlertDescription::USER_CANCELED {
            return Ok(());
        }
        Err(Error::PeerAlert(alert))
    }

    fn process_handshake_data(&mut self, content: &[u8]) -> Result<(), Error> {
        if content.is_empty() {
            return Err(Error::UnexpectedMessage {
                got: Received::EmptyHandshakeRecord,
                expected: self.state.expecting(),
            });
        }
        self.hs_buf.extend_from_slice(content);
        while self.hs_buf.len() >= 4 {
            let len =
                u32::from_be_bytes([0, self.hs_buf[1], self.hs_buf[2], self.hs_buf[3]]) as usize;
            // The length is well formed but more than this endpoint accepts (a ClientHello
            // included; real ones are a few KB). Not a decoding failure: OpenSSL answers an
            // excessive message size with illegal_parameter, and so does the lab.
            if len > MAX_HANDSHAKE_MESSAGE {
                return Err(Error::IllegalParameter(Param::HandshakeMessageLength));
            }
            if self.hs_buf.len() < 4 + len {
                break;
            }
            let bytes: Vec<u8> = self.hs_buf.drain(..4 + len).collect();
            let (msg, _) = HandshakeMessage::decode_in(&bytes, self.negotiated.version)?;
            self.handle_message(msg, &bytes)?;
            if matches!(self.state, State::Closed) {
                break;
            }
        }
        Ok(())
    }

    fn handle_message(&mut self, msg: HandshakeMessage, bytes: &[u8]) -> Result<(), Error> {
        let state = std::mem::replace(&mut self.state, State::Closed);
        if let State::Traffic = state {
            self.state = State::Traffic;
            return self.handle_post_handshake(msg);
        }
        // Every handshake message before Finished is part of the transcript; the handlers
        // compute what they need before or after adding it.
        let next = match (state, msg) {
            (
                State::ClientExpectServerHello { shares, retried },
                HandshakeMessage::ServerHello(sh),
            ) => self.client_on_server_hello(shares, retried, sh, bytes)?,
            (
                State::ClientExpectEncryptedExtensions(hs),
                HandshakeMessage::EncryptedExtensions(exts),
            ) => self.client_on_encrypted_extensions(hs, &exts, bytes)?,
            (
                State::ClientExpectCertificateOrRequest(mut hs),
                HandshakeMessage::CertificateRequest {
                    context,
                    extensions,
                },
            ) => {
                self.client_on_certificate_request(&mut hs, context, &extensions, bytes)?;
                State::ClientExpectCertificate(hs)
            }
            (
                State::ClientExpectCertificateOrRequest(hs) | State::ClientExpectCertificate(hs),
                HandshakeMessage::Certificate(c),
            ) => self.client_on_certificate(hs, c, bytes)?,
            (
                State::ClientExpectCertificateVerify(hs),
                HandshakeMessage::CertificateVerify { scheme, signature },
            ) => self.client_on_certificate_verify(hs, scheme, &signature, bytes)?,
            (State::ClientExpectFinished(hs), HandshakeMessage::Finished(data)) => {
                self.client_on_finished(*hs, &data, bytes)?
            }
            (State::ServerExpectClientHello { retry_group }, HandshakeMessage::ClientHello(ch)) => {
                self.server_on_client_hello(retry_group, ch, bytes)?
            }
            (State::ServerExpectCertificate(hs), HandshakeMessage::Certificate(c)) => {
                self.server_on_certificate(hs, c, bytes)?
            }
            (
                State::ServerExpectCertificateVerify(hs),
                HandshakeMessage::CertificateVerify { scheme, signature },
            ) => self.server_on_certificate_verify(hs, scheme, &signature, bytes)?,
            (State::ServerExpectFinished(hs), HandshakeMessage::Finished(data)) => {
                self.server_on_finished(*hs, &data, bytes)?
            }
            #[cfg(feature = "tls12")]
            (State::Client12ExpectCertificate(hs), HandshakeMessage::Certificate12(chain)) => {
                self.client12_on_certificate(hs, chain, bytes)?
            }
            #[cfg(feature = "tls12")]
            (
                State::Client12ExpectServerKeyExchange(hs),
                HandshakeMessage::ServerKeyExchange(ske),
            ) => self.client12_on_server_key_exchange(hs, &ske, bytes)?,
            #[cfg(feature = "tls12")]
            (
                State::Client12ExpectCertificateRequestOrDone(mut hs),
                HandshakeMessage::CertificateRequest12 { types, schemes, .. },
            ) => {
                hs.requested = Some((types, schemes));
                self.transcript.extend_from_slice(bytes);
                State::Client12ExpectServerHelloDone(hs)
            }
            #[cfg(feature = "tls12")]
            (
                State::Client12ExpectCertificateRequestOrDone(hs)
                | State::Client12ExpectServerHelloDone(hs),
                HandshakeMessage::ServerHelloDone,
            ) => self.client12_on_server_hello_done(*hs, bytes)?,
            #[cfg(feature = "tls12")]
            (State::Client12ExpectFinished(mut p), HandshakeMessage::Finished(data)) => {
                self.client12_on_finished(&mut p, &data)?
            }
            #[cfg(feature = "tls12")]
            (State::Server12ExpectCertificate(hs), HandshakeMessage::Certificate12(chain)) => {
                self.server12_on_certificate(hs, chain, bytes)?
            }
            #[cfg(feature = "tls12")]
            (
                State::Server12ExpectClientKeyExchange(hs),
                HandshakeMessage::ClientKeyExchange(public),
            ) => {
                self.server12_on_client_key_exchange(hs, server12::ClientKx::Ecdhe(&public), bytes)?
            }
            #[cfg(feature = "tls12")]
            (
                State::Server12ExpectClientKeyExchange(hs),
                HandshakeMessage::ClientKeyExchangeRsa(encrypted),
            ) => self.server12_on_client_key_exchange(
                hs,
                server12::ClientKx::Rsa(&encrypted),
                bytes,
            )?,
            #[cfg(feature = "tls12")]
            (
                State::Server12ExpectCertificateVerify(mut hs, pending),
                HandshakeMessage::CertificateVerify { scheme, signature },
            ) => {
                self.server12_on_certificate_verify(&mut hs, pending, scheme, &signature, bytes)?
            }
            #[cfg(feature = "tls12")]
            (State::Server12ExpectFinished(p), HandshakeMessage::Finished(data)) => {
                self.server12_on_finished(&p, &data, bytes)?
            }
            // Includes message types that were never negotiated (compressed_certificate,
            // EndOfEarlyData…): RFC 8446 §4 lists the messages of this handshake, and any
            // other is unexpected_message, not a decode failure.
            (state, msg) => {
                return Err(Error::UnexpectedMessage {
                    got: Self::message_label(&msg),
                    expected: state.expecting(),
                });
            }
        };
        self.state = next;
        Ok(())
    }

    /// NewSessionTicket and KeyUpdate after the handshake (§4.6).
    fn handle_post_handshake(&mut self, msg: HandshakeMessage) -> Result<(), Error> {
        // TLS 1.2 has neither, and the lab does not renegotiate (RFC 5746): a HelloRequest or a
        // new ClientHello is unexpected.
        if self.negotiated.version == TlsVersion::Tls12 {
            return Err(Error::UnexpectedMessage {
                got: Self::message_label(&msg),
                expected: Expecting::ApplicationData,
            });
        }
        match msg {
            HandshakeMessage::NewSessionTicket { .. } if self.is_client() => {
                self.emit(Event::Note(Note::TicketReceived));
                Ok(())
            }
            HandshakeMessage::KeyUpdate(request) => {
                // §4.6.3: request_update is 0 or 1; "If an implementation receives any other
                // value, it MUST terminate the connection with an illegal_parameter alert."
                // Checked before any key changes.
                let requested = match request {
                    KeyUpdateRequest::UPDATE_NOT_REQUESTED => false,
                    KeyUpdateRequest::UPDATE_REQUESTED => true,
                    _ => return Err(Error::IllegalParameter(Param::KeyUpdateRequest)),
                };
                self.rotate_read_keys()?;
                if requested {
                    self.send_handshake(
                        &HandshakeMessage::KeyUpdate(KeyUpdateRequest::UPDATE_NOT_REQUESTED),
                        false,
                    );
                    self.rotate_write_keys();
                }
                Ok(())
            }
            other => Err(Error::UnexpectedMessage {
                got: Self::message_label(&other),
                expected: Expecting::ApplicationData,
            }),
        }
    }

    /// How an unexpected message is named in the error: by its RFC name, or by its number when
    /// the engine does not know the type.
    fn message_label(msg: &HandshakeMessage) -> Received {
        match msg {
            HandshakeMessage::Unknown { typ, .. } => Received::UnknownMessage(typ.0),
            known => Received::Message(known.name().into()),
        }
    }

    /// The peer's certificate chain, checked as its verifier checks it (§4.4.2): the checklist
    /// is shown, webpki's verdict decides (`role` says what the leaf must be valid for), and the
    /// leaf's public key is recorded as received. Both roles use it.
    fn check_peer_chain(
        &mut self,
        peer: Peer,
        role: &crate::pki::Role,
        (root, crls, now): (&[u8], &[Vec<u8>], i64),
        chain: Vec<Vec<u8>>,
    ) -> Result<PeerCertificate, Error> {
        let (checklist, r) = crate::pki::examine_chain(role, root, &chain, crls, now);
        self.emit(Event::Checklist(checklist.clone()));
        self.checked(peer.chain_check(), r.map_err(Error::Certificate))?;
        let leaf = chain.first().cloned().unwrap_or_default();
        let leaf_public = crate::pki::leaf_public_key(&leaf);
        if let Some(public) = &leaf_public {
            self.key(peer.public_key(), KeyAction::Received, public);
        }
        self.negotiated.peer_chain = chain;
        Ok(PeerCertificate {
            leaf,
            leaf_public,
            checklist: Some(checklist),
        })
    }

    /// The peer's CertificateVerify (§4.4.3): a signature over the transcript so far with the
    /// key of the certificate it sent, which proves it holds that key. Both roles use it.
    fn check_certificate_verify(
        &mut self,
        peer: Peer,
        cert: &mut PeerCertificate,
        scheme: u16,
        signature: &[u8],
    ) -> Result<(), Error> {
        let by_server = matches!(peer, Peer::Server);
        let content = Self::certificate_verify_content(by_server, &self.transcript_hash());
        self.check_possession(
            peer,
            cert,
            (scheme, signature),
            &content,
            peer.verify_check(),
        )
    }

    /// A signature by the peer over `content` with the key of the certificate it sent (TLS
    /// 1.3's CertificateVerify; TLS 1.2's CertificateVerify and ServerKeyExchange), which
    /// proves it holds that key: recorded as `check`. The checklist's last row (possession of
    /// the private key) is completed and shown again.
    fn check_possession(
        &mut self,
        peer: Peer,
        cert: &mut PeerCertificate,
        (scheme, signature): (u16, &[u8]),
        content: &[u8],
        check: CheckKind,
    ) -> Result<(), Error> {
        // §4.4.3: a scheme this side did not offer is illegal_parameter; one that does not fit
        // the certificate's key does not verify.
        let Some(scheme) = Scheme::from_code(scheme)
            .filter(|s| s.supported() && self.accepted_schemes().contains(s))
        else {
            return Err(Error::IllegalParameter(Param::CertificateVerifyAlgorithm));
        };
        let r = crate::pki::verify_leaf_signature(&cert.leaf, scheme, content, signature)
            .map_err(|_| Error::BadCertificateVerify);
        if let Some(public) = &cert.leaf_public {
            self.key(peer.public_key(), KeyAction::Used, public);
        }
        if let Some(mut checklist) = cert.checklist.take() {
            checklist.set_possession(r.is_ok());
            self.emit(Event::Checklist(checklist));
        }
        self.checked(check, r)
    }

    /// Checks a received Finished against the `expected` verify_data (§4.4.4).
    ///
    /// # Errors
    /// A verify_data that is not Hash.length bytes (32 with SHA-256, the one hash the lab
    /// negotiates) does not match the message's syntax: decode_error. One of the right length
    /// that differs is [`Error::BadFinished`] (decrypt_error).
    fn check_finished(expected: &[u8; HASH_LEN], data: &[u8]) -> Result<(), Error> {
        if data.len() != HASH_LEN {
            return Err(Error::Decode(DecodeError {
                field: "verify_data".into(),
                kind: DecodeErrorKind::Invalid,
            }));
        }
        if verify_data_matches(expected, data) {
            Ok(())
        } else {
            Err(Error::BadFinished)
        }
    }

    /// TLS 1.2's Finished: 12 bytes of verify_data (RFC 5246 §7.4.9). Another length is
    /// decode_error; the right length with other bytes is decrypt_error, as in TLS 1.3.
    #[cfg_attr(not(feature = "tls12"), allow(dead_code))]
    fn check_finished12(
        expected: &[u8; crate::crypto::tls12::VERIFY_DATA_LEN],
        data: &[u8],
    ) -> Result<(), Error> {
        if data.len() != expected.len() {
            return Err(Error::Decode(DecodeError {
                field: "verify_data".into(),
                kind: DecodeErrorKind::Invalid,
            }));
        }
        if verify_data_matches(expected, data) {
            Ok(())
        } else {
            Err(Error::BadFinished)
        }
    }

    /// TLS 1.2's ChangeCipherSpec (RFC 5246 §7.1): one byte, 1, and only where the peer's
    /// Finished is next; from it on the peer's records are protected with its keys from the key
    /// block.
    fn process_ccs12(&mut self, fragment: &[u8]) -> Result<(), Error> {
        let state = std::mem::replace(&mut self.state, State::Closed);
        let pending = match state {
            State::Client12ExpectChangeCipherSpec(p) | State::Server12ExpectChangeCipherSpec(p)
                if fragment == [1] =>
            {
                p
            }
            other => {
                let expected = other.expecting();
                self.state = other;
                return Err(Error::UnexpectedMessage {
                    got: Received::Message("ChangeCipherSpec".into()),
                    expected,
                });
            }
        };
        self.set_read12(&pending.keys)?;
        self.state = if self.is_client() {
            State::Client12ExpectFinished(pending)
        } else {
            State::Server12ExpectFinished(pending)
        };
        Ok(())
    }

    /// The content a CertificateVerify signs (§4.4.3): 64 spaces, a context string, a zero
    /// byte and the transcript hash. Public for measuring (the crypto floor signs the same).
    pub fn certificate_verify_content(server: bool, transcript_hash: &[u8; 32]) -> Vec<u8> {
        let mut content = vec![0x20u8; 64];
        content.extend_from_slice(if server {
            b"TLS 1.3, server CertificateVerify"
        } else {
            b"TLS 1.3, client CertificateVerify"
        });
        content.push(0);
        content.extend_from_slice(transcript_hash);
        content
    }
}

impl HandshakeType {
    /// Whether the message is sent after the handshake (outside the transcript).
    pub fn is_post_handshake(self) -> bool {
        self == Self::NEW_SESSION_TICKET || self == Self::KEY_UPDATE
    }
}
