//! Handshake messages (RFC 8446 §4) and their extensions: encoding, and decoding into both a
//! value and a field tree for the inspector.

use serde::{Deserialize, Serialize};

use super::codec::{DecodeError, Field, Reader, Writer};
use super::names;

/// The handshake message type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HandshakeType(pub u8);

impl HandshakeType {
    /// ClientHello (1).
    pub const CLIENT_HELLO: Self = Self(1);
    /// ServerHello (2), also HelloRetryRequest.
    pub const SERVER_HELLO: Self = Self(2);
    /// NewSessionTicket (4).
    pub const NEW_SESSION_TICKET: Self = Self(4);
    /// EndOfEarlyData (5).
    pub const END_OF_EARLY_DATA: Self = Self(5);
    /// EncryptedExtensions (8).
    pub const ENCRYPTED_EXTENSIONS: Self = Self(8);
    /// ServerKeyExchange (12, TLS 1.2 only).
    pub const SERVER_KEY_EXCHANGE: Self = Self(12);
    /// ServerHelloDone (14, TLS 1.2 only).
    pub const SERVER_HELLO_DONE: Self = Self(14);
    /// ClientKeyExchange (16, TLS 1.2 only).
    pub const CLIENT_KEY_EXCHANGE: Self = Self(16);
    /// Certificate (11).
    pub const CERTIFICATE: Self = Self(11);
    /// CertificateRequest (13).
    pub const CERTIFICATE_REQUEST: Self = Self(13);
    /// CertificateVerify (15).
    pub const CERTIFICATE_VERIFY: Self = Self(15);
    /// Finished (20).
    pub const FINISHED: Self = Self(20);
    /// KeyUpdate (24).
    pub const KEY_UPDATE: Self = Self(24);
    /// message_hash (254): stands in for ClientHello1 in the transcript after a HelloRetryRequest.
    pub const MESSAGE_HASH: Self = Self(254);

    /// The message's name as RFC 8446 writes it.
    pub fn name(self) -> &'static str {
        match self.0 {
            1 => "ClientHello",
            2 => "ServerHello",
            4 => "NewSessionTicket",
            5 => "EndOfEarlyData",
            8 => "EncryptedExtensions",
            11 => "Certificate",
            12 => "ServerKeyExchange",
            13 => "CertificateRequest",
            14 => "ServerHelloDone",
            15 => "CertificateVerify",
            16 => "ClientKeyExchange",
            20 => "Finished",
            24 => "KeyUpdate",
            254 => "message_hash",
            _ => "unknown",
        }
    }
}

/// KeyUpdate.request_update (§4.6.3). Only 0 and 1 are defined; any other value survives
/// decoding so that the state machine can refuse it with the alert §4.6.3 names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyUpdateRequest(pub u8);

impl KeyUpdateRequest {
    /// `update_not_requested` (0).
    pub const UPDATE_NOT_REQUESTED: Self = Self(0);
    /// `update_requested` (1): the receiver answers with a KeyUpdate of its own.
    pub const UPDATE_REQUESTED: Self = Self(1);
}

impl From<bool> for KeyUpdateRequest {
    fn from(requested: bool) -> Self {
        if requested {
            Self::UPDATE_REQUESTED
        } else {
            Self::UPDATE_NOT_REQUESTED
        }
    }
}

/// The ServerHello.random that marks a HelloRetryRequest: SHA-256("HelloRetryRequest") (§4.1.3).
pub const HRR_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// TLS_AES_128_GCM_SHA256, the one suite the lab speaks.
pub const TLS_AES_128_GCM_SHA256: u16 = 0x1301;
/// ecdsa_secp256r1_sha256.
pub const ECDSA_SECP256R1_SHA256: u16 = 0x0403;
/// The legacy_version of every TLS 1.3 Hello (TLS 1.2's number, §4.1.2, §4.1.3).
pub const LEGACY_VERSION: u16 = 0x0303;
/// TLS 1.3's version number in supported_versions.
pub const TLS13: u16 = 0x0304;
/// TLS 1.2's version number (RFC 5246).
pub const TLS12: u16 = 0x0303;
/// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 8422, RFC 5289): TLS 1.2 with an ephemeral
/// ECDH key exchange signed by the server's ECDSA key.
pub const TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: u16 = 0xc02b;
/// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 8422, RFC 5289): the same ephemeral ECDH key
/// exchange, signed by the server's RSA key.
pub const TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: u16 = 0xc02f;
/// TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288): RSA key transport, no ephemeral key; the client
/// encrypts the pre-master secret with the server's RSA public key (RFC 5246 §7.4.7.1).
pub const TLS_RSA_WITH_AES_128_GCM_SHA256: u16 = 0x009c;
/// rsa_pss_rsae_sha256 (RFC 8446 §4.2.3).
pub const RSA_PSS_RSAE_SHA256: u16 = 0x0804;
/// rsa_pkcs1_sha256.
pub const RSA_PKCS1_SHA256: u16 = 0x0401;
/// The last 8 bytes of ServerHello.random from a TLS 1.3 server that negotiates TLS 1.2
/// (RFC 8446 §4.1.3: "DOWNGRD" and 0x01). A client that offered TLS 1.3 and sees them has been
/// downgraded by someone on the path.
pub const DOWNGRADE_TLS12: [u8; 8] = *b"DOWNGRD\x01";
/// ECCurveType named_curve (RFC 8422 §5.4), the only curve type in use.
pub const NAMED_CURVE: u8 = 3;
/// ClientCertificateType ecdsa_sign (RFC 8422 §5.5).
pub const ECDSA_SIGN: u8 = 64;
/// ClientCertificateType rsa_sign (RFC 5246 §7.4.4).
pub const RSA_SIGN: u8 = 1;

/// Which version's message formats a handshake uses: Certificate and CertificateRequest have
/// other bodies in TLS 1.2, which also has messages that TLS 1.3 dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TlsVersion {
    /// TLS 1.3 (RFC 8446).
    #[default]
    Tls13,
    /// TLS 1.2 (RFC 5246).
    Tls12,
}

impl TlsVersion {
    /// The version's number on the wire.
    pub fn code(self) -> u16 {
        match self {
            Self::Tls13 => TLS13,
            Self::Tls12 => TLS12,
        }
    }

    /// Whether this is TLS 1.3 (the default, left out of the Trace JSON).
    pub fn is_tls13(&self) -> bool {
        *self == Self::Tls13
    }
}

/// Extension type code points the engine acts on.
pub mod ext {
    /// server_name (RFC 6066).
    pub const SERVER_NAME: u16 = 0;
    /// supported_groups.
    pub const SUPPORTED_GROUPS: u16 = 10;
    /// signature_algorithms.
    pub const SIGNATURE_ALGORITHMS: u16 = 13;
    /// application_layer_protocol_negotiation (RFC 7301).
    pub const ALPN: u16 = 16;
    /// pre_shared_key (§4.2.11): the lab's server never resumes, so it ignores the offer.
    pub const PRE_SHARED_KEY: u16 = 41;
    /// early_data (§4.2.10): offered by a 0-RTT client; the lab's server never accepts it.
    pub const EARLY_DATA: u16 = 42;
    /// supported_versions.
    pub const SUPPORTED_VERSIONS: u16 = 43;
    /// cookie.
    pub const COOKIE: u16 = 44;
    /// psk_key_exchange_modes (§4.2.9).
    pub const PSK_KEY_EXCHANGE_MODES: u16 = 45;
    /// certificate_authorities.
    pub const CERTIFICATE_AUTHORITIES: u16 = 47;
    /// key_share.
    pub const KEY_SHARE: u16 = 51;
    /// ec_point_formats (RFC 8422 §5.1.2), TLS 1.2: only "uncompressed" is in use.
    pub const EC_POINT_FORMATS: u16 = 11;
    /// extended_master_secret (RFC 7627), TLS 1.2.
    pub const EXTENDED_MASTER_SECRET: u16 = 23;
    /// renegotiation_info (RFC 5746), TLS 1.2.
    pub const RENEGOTIATION_INFO: u16 = 0xff01;
}

/// Which message an extension block belongs to: the same code point has different bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    ClientHello,
    ServerHello,
    HelloRetryRequest,
    EncryptedExtensions,
    CertificateRequest,
    Other,
}

/// One extension, decoded where the engine understands it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extension {
    /// server_name with a host name; `None` is the server's empty acknowledgement.
    ServerName(Option<String>),
    /// supported_groups.
    SupportedGroups(Vec<u16>),
    /// signature_algorithms.
    SignatureAlgorithms(Vec<u16>),
    /// supported_versions as a client lists them.
    SupportedVersions(Vec<u16>),
    /// supported_versions as a server selects one.
    SelectedVersion(u16),
    /// key_share entries a client offers: (group, key_exchange).
    KeyShares(Vec<(u16, Vec<u8>)>),
    /// The server's key_share: (group, key_exchange).
    KeyShare(u16, Vec<u8>),
    /// The group a HelloRetryRequest asks for.
    KeyShareRequest(u16),
    /// cookie.
    Cookie(Vec<u8>),
    /// application_layer_protocol_negotiation protocol names.
    Alpn(Vec<Vec<u8>>),
    /// certificate_authorities: DER distinguished names.
    CertificateAuthorities(Vec<Vec<u8>>),
    /// Any other extension, kept as bytes.
    Unknown(u16, Vec<u8>),
}

impl Extension {
    /// The extension's type code point.
    pub fn code(&self) -> u16 {
        match self {
            Self::ServerName(_) => ext::SERVER_NAME,
            Self::SupportedGroups(_) => ext::SUPPORTED_GROUPS,
            Self::SignatureAlgorithms(_) => ext::SIGNATURE_ALGORITHMS,
            Self::SupportedVersions(_) | Self::SelectedVersion(_) => ext::SUPPORTED_VERSIONS,
            Self::KeyShares(_) | Self::KeyShare(..) | Self::KeyShareRequest(_) => ext::KEY_SHARE,
            Self::Cookie(_) => ext::COOKIE,
            Self::Alpn(_) => ext::ALPN,
            Self::CertificateAuthorities(_) => ext::CERTIFICATE_AUTHORITIES,
            Self::Unknown(code, _) => *code,
        }
    }

    fn encode_body(&self, w: &mut Writer) {
        match self {
            Self::ServerName(Some(name)) => {
                w.vec(2, |w| {
                    w.u8(0).opaque(2, name.as_bytes());
                });
            }
            Self::ServerName(None) => {}
            Self::SupportedGroups(list) | Self::SignatureAlgorithms(list) => {
                w.vec(2, |w| {
                    list.iter().for_each(|v| {
                        w.u16(*v);
                    })
                });
            }
            Self::SupportedVersions(list) => {
                w.vec(1, |w| {
                    list.iter().for_each(|v| {
                        w.u16(*v);
                    })
                });
            }
            Self::SelectedVersion(v) | Self::KeyShareRequest(v) => {
                w.u16(*v);
            }
            Self::KeyShares(shares) => {
                w.vec(2, |w| {
                    for (group, key) in shares {
                        w.u16(*group).opaque(2, key);
                    }
                });
            }
            Self::KeyShare(group, key) => {
                w.u16(*group).opaque(2, key);
            }
            Self::Cookie(c) => {
                w.opaque(2, c);
            }
            Self::Alpn(names) => {
                w.vec(2, |w| {
                    names.iter().for_each(|n| {
                        w.opaque(1, n);
                    })
                });
            }
            Self::CertificateAuthorities(names) => {
                w.vec(2, |w| {
                    names.iter().for_each(|n| {
                        w.opaque(2, n);
                    })
                });
            }
            Self::Unknown(_, body) => {
                w.bytes(body);
            }
        }
    }
}

fn encode_extensions(w: &mut Writer, exts: &[Extension]) {
    w.vec(2, |w| {
        for e in exts {
            w.u16(e.code()).vec(2, |w| e.encode_body(w));
        }
    });
}

fn u16_list(
    r: &mut Reader,
    name: &str,
    len_bytes: usize,
    item: &str,
    namer: fn(u16) -> Option<&'static str>,
) -> Result<Vec<u16>, DecodeError> {
    let len = r.open_vec(name, len_bytes, 2)?;
    if len % 2 != 0 {
        return Err(r.invalid(name));
    }
    let mut out = Vec::with_capacity(len / 2);
    while r.remaining() > 0 {
        let v = r.u16(item)?;
        r.annotate(names::label(v, namer(v)));
        out.push(v);
    }
    r.close_vec()?;
    Ok(out)
}

fn decode_extension(r: &mut Reader, ctx: Context) -> Result<Extension, DecodeError> {
    r.open("extension");
    let code = r.u16("extension_type")?;
    r.annotate(names::label(code, names::extension(code)));
    let len = r.open_vec("extension_data", 2, 0)?;
    let e = match (code, ctx) {
        (ext::SERVER_NAME, _) if len == 0 => Extension::ServerName(None),
        (ext::SERVER_NAME, _) => {
            r.open_vec("server_name_list", 2, 1)?;
            let mut host = None;
            while r.remaining() > 0 {
                let kind = r.u8("name_type")?;
                let name = r.opaque("host_name", 2, 1)?;
                if kind == 0 {
                    let text = String::from_utf8_lossy(name).into_owned();
                    r.annotate(text.clone());
                    host.get_or_insert(text);
                }
            }
            r.close_vec()?;
            Extension::ServerName(host)
        }
        (ext::SUPPORTED_GROUPS, _) => Extension::SupportedGroups(u16_list(
            r,
            "named_group_list",
            2,
            "named_group",
            names::group,
        )?),
        (ext::SIGNATURE_ALGORITHMS, _) => Extension::SignatureAlgorithms(u16_list(
            r,
            "supported_signature_algorithms",
            2,
            "signature_scheme",
            names::signature_scheme,
        )?),
        (ext::SUPPORTED_VERSIONS, Context::ClientHello) => {
            Extension::SupportedVersions(u16_list(r, "versions", 1, "version", names::version)?)
        }
        (ext::SUPPORTED_VERSIONS, Context::ServerHello | Context::HelloRetryRequest) => {
            let v = r.u16("selected_version")?;
            r.annotate(names::label(v, names::version(v)));
            Extension::SelectedVersion(v)
        }
        (ext::KEY_SHARE, Context::ClientHello) => {
            r.open_vec("client_shares", 2, 0)?;
            let mut shares = Vec::new();
            while r.remaining() > 0 {
                r.open("KeyShareEntry");
                let group = r.u16("group")?;
                r.annotate(names::label(group, names::group(group)));
                let key = r.opaque("key_exchange", 2, 1)?;
                r.close();
                shares.push((group, key.to_vec()));
            }
            r.close_vec()?;
            Extension::KeyShares(shares)
        }
        (ext::KEY_SHARE, Context::ServerHello) => {
            let group = r.u16("group")?;
            r.annotate(names::label(group, names::group(group)));
            let key = r.opaque("key_exchange", 2, 1)?;
            Extension::KeyShare(group, key.to_vec())
        }
        (ext::KEY_SHARE, Context::HelloRetryRequest) => {
            let group = r.u16("selected_group")?;
            r.annotate(names::label(group, names::group(group)));
            Extension::KeyShareRequest(group)
        }
        (ext::COOKIE, _) => Extension::Cookie(r.opaque("cookie", 2, 1)?.to_vec()),
        (ext::ALPN, _) => {
            r.open_vec("protocol_name_list", 2, 2)?;
            let mut list = Vec::new();
            while r.remaining() > 0 {
                let name = r.opaque("ProtocolName", 1, 1)?;
                r.annotate(String::from_utf8_lossy(name).into_owned());
                list.push(name.to_vec());
            }
            r.close_vec()?;
            Extension::Alpn(list)
        }
        (ext::CERTIFICATE_AUTHORITIES, Context::CertificateRequest | Context::ClientHello) => {
            r.open_vec("authorities", 2, 3)?;
            let mut list = Vec::new();
            while r.remaining() > 0 {
                let name = r.opaque("DistinguishedName", 2, 1)?.to_vec();
                annotate_name(r, &name);
                list.push(name);
            }
            r.close_vec()?;
            Extension::CertificateAuthorities(list)
        }
        _ => Extension::Unknown(code, r.bytes("data", len)?.to_vec()),
    };
    r.close_vec()?;
    r.close();
    Ok(e)
}

/// Shows the DER of an X.501 Name as text, so a learner reads which CAs a server accepts.
/// Bytes that are not a Name stay as they are.
fn annotate_name(r: &mut Reader, name: &[u8]) {
    if let Ok(parsed) = <x509_cert::name::Name as x509_cert::der::Decode>::from_der(name) {
        r.annotate(crate::pki::inspect::dn_text(&parsed));
    }
}

fn decode_extensions(r: &mut Reader, ctx: Context) -> Result<Vec<Extension>, DecodeError> {
    r.open_vec("extensions", 2, 0)?;
    let mut out = Vec::new();
    while r.remaining() > 0 {
        out.push(decode_extension(r, ctx)?);
    }
    r.close_vec()?;
    Ok(out)
}

/// Whether any extension type appears twice (forbidden by §4.2).
pub fn has_duplicates(exts: &[Extension]) -> bool {
    let mut seen = Vec::with_capacity(exts.len());
    exts.iter().any(|e| {
        let c = e.code();
        let dup = seen.contains(&c);
        seen.push(c);
        dup
    })
}

/// Looks up an extension by what `f` extracts from it.
pub fn find<'a, T>(exts: &'a [Extension], f: impl FnMut(&'a Extension) -> Option<T>) -> Option<T> {
    exts.iter().find_map(f)
}

/// ClientHello (§4.1.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientHello {
    /// legacy_version: 0x0303 from every TLS 1.3 client (§4.1.2); 0x0300 or lower is refused
    /// (Appendix D.5).
    pub legacy_version: u16,
    /// 32 random bytes.
    pub random: [u8; 32],
    /// legacy_session_id: 32 random bytes in middlebox-compatibility mode.
    pub session_id: Vec<u8>,
    /// Offered cipher suites.
    pub cipher_suites: Vec<u16>,
    /// Extensions.
    pub extensions: Vec<Extension>,
}

/// ServerHello or HelloRetryRequest (§4.1.3, §4.1.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerHello {
    /// legacy_version: 0x0303 from every TLS 1.3 server (§4.1.3); a client refuses 0x0300 or
    /// lower (Appendix D.5).
    pub legacy_version: u16,
    /// 32 random bytes, or [`HRR_RANDOM`].
    pub random: [u8; 32],
    /// The client's legacy_session_id, echoed.
    pub session_id: Vec<u8>,
    /// The chosen suite.
    pub cipher_suite: u16,
    /// Extensions.
    pub extensions: Vec<Extension>,
}

impl ServerHello {
    /// Whether this is a HelloRetryRequest.
    pub fn is_retry_request(&self) -> bool {
        self.random == HRR_RANDOM
    }
}

/// Certificate (§4.4.2): a chain of DER certificates, leaf first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateMsg {
    /// certificate_request_context (empty in the main handshake).
    pub context: Vec<u8>,
    /// The DER certificates, leaf first.
    pub chain: Vec<Vec<u8>>,
}

/// ServerKeyExchange for ECDHE (RFC 8422 §5.4): the server's ephemeral public key, signed with
/// its certificate's key over both randoms and the parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerKeyExchange {
    /// The named curve (group).
    pub group: u16,
    /// The server's ephemeral public key.
    pub public: Vec<u8>,
    /// The signature algorithm (SignatureAndHashAlgorithm, the same numbers as TLS 1.3's
    /// SignatureScheme).
    pub scheme: u16,
    /// The signature.
    pub signature: Vec<u8>,
}

impl ServerKeyExchange {
    /// The ServerECDHParams as sent: curve type, named curve, public key.
    pub fn params(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u8(NAMED_CURVE).u16(self.group).opaque(1, &self.public);
        w.buf
    }

    /// What the signature covers (RFC 8422 §5.4): ClientHello.random, ServerHello.random and
    /// the parameters.
    pub fn signed_content(&self, client_random: &[u8; 32], server_random: &[u8; 32]) -> Vec<u8> {
        [&client_random[..], &server_random[..], &self.params()].concat()
    }
}

/// A handshake message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandshakeMessage {
    /// ClientHello.
    ClientHello(ClientHello),
    /// ServerHello or HelloRetryRequest.
    ServerHello(ServerHello),
    /// EncryptedExtensions.
    EncryptedExtensions(Vec<Extension>),
    /// CertificateRequest: context and extensions.
    CertificateRequest {
        /// certificate_request_context.
        context: Vec<u8>,
        /// Extensions (signature_algorithms is required).
        extensions: Vec<Extension>,
    },
    /// Certificate.
    Certificate(CertificateMsg),
    /// TLS 1.2's Certificate (RFC 5246 §7.4.2): the chain, leaf first, and nothing else.
    Certificate12(Vec<Vec<u8>>),
    /// TLS 1.2's CertificateRequest (RFC 5246 §7.4.4).
    CertificateRequest12 {
        /// certificate_types (ecdsa_sign, …).
        types: Vec<u8>,
        /// supported_signature_algorithms.
        schemes: Vec<u16>,
        /// certificate_authorities: DER distinguished names.
        authorities: Vec<Vec<u8>>,
    },
    /// ServerKeyExchange (TLS 1.2, ECDHE).
    ServerKeyExchange(ServerKeyExchange),
    /// ServerHelloDone (TLS 1.2): the end of the server's first flight.
    ServerHelloDone,
    /// ClientKeyExchange (TLS 1.2, ECDHE): the client's ephemeral public key.
    ClientKeyExchange(Vec<u8>),
    /// ClientKeyExchange (TLS 1.2, RSA key transport): the pre-master secret encrypted with
    /// the server's RSA public key (RFC 5246 §7.4.7.1).
    ClientKeyExchangeRsa(Vec<u8>),
    /// CertificateVerify.
    CertificateVerify {
        /// The signature scheme.
        scheme: u16,
        /// The signature.
        signature: Vec<u8>,
    },
    /// Finished.
    Finished(Vec<u8>),
    /// NewSessionTicket (shown and otherwise ignored: the lab does not resume).
    NewSessionTicket {
        /// ticket_lifetime in seconds.
        lifetime: u32,
        /// The ticket.
        ticket: Vec<u8>,
    },
    /// KeyUpdate: whether the peer asks us to update too.
    KeyUpdate(KeyUpdateRequest),
    /// A message of a type the engine never negotiates (compressed_certificate, EndOfEarlyData,
    /// TLS 1.2's messages…), kept whole so that the state machine refuses it as unexpected.
    Unknown {
        /// msg_type.
        typ: HandshakeType,
        /// The body after the 4-byte header.
        body: Vec<u8>,
    },
}

impl HandshakeMessage {
    /// The message's type.
    pub fn typ(&self) -> HandshakeType {
        match self {
            Self::ClientHello(_) => HandshakeType::CLIENT_HELLO,
            Self::ServerHello(_) => HandshakeType::SERVER_HELLO,
            Self::EncryptedExtensions(_) => HandshakeType::ENCRYPTED_EXTENSIONS,
            Self::CertificateRequest { .. } => HandshakeType::CERTIFICATE_REQUEST,
            Self::Certificate(_) | Self::Certificate12(_) => HandshakeType::CERTIFICATE,
            Self::CertificateRequest12 { .. } => HandshakeType::CERTIFICATE_REQUEST,
            Self::ServerKeyExchange(_) => HandshakeType::SERVER_KEY_EXCHANGE,
            Self::ServerHelloDone => HandshakeType::SERVER_HELLO_DONE,
            Self::ClientKeyExchange(_) | Self::ClientKeyExchangeRsa(_) => {
                HandshakeType::CLIENT_KEY_EXCHANGE
            }
            Self::CertificateVerify { .. } => HandshakeType::CERTIFICATE_VERIFY,
            Self::Finished(_) => HandshakeType::FINISHED,
            Self::NewSessionTicket { .. } => HandshakeType::NEW_SESSION_TICKET,
            Self::KeyUpdate(_) => HandshakeType::KEY_UPDATE,
            Self::Unknown { typ, .. } => *typ,
        }
    }

    /// The name to show: HelloRetryRequest is a ServerHello on the wire but named apart.
    pub fn name(&self) -> &'static str {
        match self {
            Self::ServerHello(sh) if sh.is_retry_request() => "HelloRetryRequest",
            other => other.typ().name(),
        }
    }

    /// The message with its 4-byte header (type, uint24 length).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u8(self.typ().0).vec(3, |w| match self {
            Self::ClientHello(ch) => {
                w.u16(ch.legacy_version)
                    .bytes(&ch.random)
                    .opaque(1, &ch.session_id);
                w.vec(2, |w| {
                    ch.cipher_suites.iter().for_each(|s| {
                        w.u16(*s);
                    })
                });
                w.opaque(1, &[0]);
                encode_extensions(w, &ch.extensions);
            }
            Self::ServerHello(sh) => {
                w.u16(sh.legacy_version)
                    .bytes(&sh.random)
                    .opaque(1, &sh.session_id)
                    .u16(sh.cipher_suite)
                    .u8(0);
                encode_extensions(w, &sh.extensions);
            }
            Self::EncryptedExtensions(exts) => encode_extensions(w, exts),
            Self::CertificateRequest {
                context,
                extensions,
            } => {
                w.opaque(1, context);
                encode_extensions(w, extensions);
            }
            Self::Certificate(c) => {
                w.opaque(1, &c.context);
                w.vec(3, |w| {
                    for cert in &c.chain {
                        w.opaque(3, cert).u16(0);
                    }
                });
            }
            Self::Certificate12(chain) => {
                w.vec(3, |w| {
                    for cert in chain {
                        w.opaque(3, cert);
                    }
                });
            }
            Self::CertificateRequest12 {
                types,
                schemes,
                authorities,
            } => {
                w.opaque(1, types);
                w.vec(2, |w| {
                    schemes.iter().for_each(|s| {
                        w.u16(*s);
                    })
                });
                w.vec(2, |w| {
                    authorities.iter().for_each(|n| {
                        w.opaque(2, n);
                    })
                });
            }
            Self::ServerKeyExchange(ske) => {
                w.bytes(&ske.params())
                    .u16(ske.scheme)
                    .opaque(2, &ske.signature);
            }
            Self::ServerHelloDone => {}
            Self::ClientKeyExchange(public) => {
                w.opaque(1, public);
            }
            Self::ClientKeyExchangeRsa(encrypted) => {
                w.opaque(2, encrypted);
            }
            Self::CertificateVerify { scheme, signature } => {
                w.u16(*scheme).opaque(2, signature);
            }
            Self::Finished(data) => {
                w.bytes(data);
            }
            Self::NewSessionTicket { lifetime, ticket } => {
                w.u32(*lifetime)
                    .u32(0)
                    .opaque(1, &[])
                    .opaque(2, ticket)
                    .u16(0);
            }
            Self::KeyUpdate(request) => {
                w.u8(request.0);
            }
            Self::Unknown { body, .. } => {
                w.bytes(body);
            }
        });
        w.buf
    }

    /// Decodes one whole message (header included) into its value and its field tree.
    ///
    /// # Errors
    /// A [`DecodeError`] naming the field that was truncated, invalid or followed by extra
    /// bytes. A message type the engine does not decode is [`HandshakeMessage::Unknown`], not
    /// an error: whether it may arrive is the state machine's call (§4: unexpected_message).
    pub fn decode(bytes: &[u8]) -> Result<(Self, Field), DecodeError> {
        Self::decode_in(bytes, TlsVersion::Tls13)
    }

    /// Decodes one whole message as `version` writes it: TLS 1.2's Certificate and
    /// CertificateRequest have other bodies, and its ServerKeyExchange, ServerHelloDone and
    /// ClientKeyExchange exist only there (in TLS 1.3 they are [`HandshakeMessage::Unknown`]).
    ///
    /// # Errors
    /// As [`HandshakeMessage::decode`].
    pub fn decode_in(bytes: &[u8], version: TlsVersion) -> Result<(Self, Field), DecodeError> {
        let tls12 = version == TlsVersion::Tls12;
        let typ = HandshakeType(*bytes.first().unwrap_or(&0));
        let mut r = Reader::new(typ.name(), bytes);
        let t = r.u8("msg_type")?;
        r.annotate(format!("{t} ({})", HandshakeType(t).name()));
        let len = r.u24("length")? as usize;
        if len != r.remaining() {
            return Err(if len > r.remaining() {
                r.bytes("body", len)
                    .err()
                    .unwrap_or_else(|| r.invalid("length"))
            } else {
                r.invalid("length")
            });
        }
        let msg = match HandshakeType(t) {
            HandshakeType::CLIENT_HELLO => {
                let legacy_version = r.u16("legacy_version")?;
                let random = r
                    .bytes("random", 32)?
                    .try_into()
                    .map_err(|_| r.invalid("random"))?;
                let session_id = r.opaque("legacy_session_id", 1, 0)?.to_vec();
                if session_id.len() > 32 {
                    return Err(r.invalid("legacy_session_id"));
                }
                let cipher_suites = u16_list(
                    &mut r,
                    "cipher_suites",
                    2,
                    "CipherSuite",
                    names::cipher_suite,
                )?;
                r.opaque("legacy_compression_methods", 1, 1)?;
                let extensions = decode_extensions(&mut r, Context::ClientHello)?;
                Self::ClientHello(ClientHello {
                    legacy_version,
                    random,
                    session_id,
                    cipher_suites,
                    extensions,
                })
            }
            HandshakeType::SERVER_HELLO => {
                let legacy_version = r.u16("legacy_version")?;
                r.annotate(names::label(legacy_version, names::version(legacy_version)));
                let random: [u8; 32] = r
                    .bytes("random", 32)?
                    .try_into()
                    .map_err(|_| r.invalid("random"))?;
                if random == HRR_RANDOM {
                    r.annotate("HelloRetryRequest");
                }
                let session_id = r.opaque("legacy_session_id_echo", 1, 0)?.to_vec();
                let cipher_suite = r.u16("cipher_suite")?;
                r.annotate(names::label(
                    cipher_suite,
                    names::cipher_suite(cipher_suite),
                ));
                r.u8("legacy_compression_method")?;
                let ctx = if random == HRR_RANDOM {
                    Context::HelloRetryRequest
                } else {
                    Context::ServerHello
                };
                let extensions = decode_extensions(&mut r, ctx)?;
                Self::ServerHello(ServerHello {
                    legacy_version,
                    random,
                    session_id,
                    cipher_suite,
                    extensions,
                })
            }
            HandshakeType::ENCRYPTED_EXTENSIONS => {
                Self::EncryptedExtensions(decode_extensions(&mut r, Context::EncryptedExtensions)?)
            }
            HandshakeType::CERTIFICATE_REQUEST if tls12 => {
                let types = r.opaque("certificate_types", 1, 1)?.to_vec();
                let schemes = u16_list(
                    &mut r,
                    "supported_signature_algorithms",
                    2,
                    "SignatureAndHashAlgorithm",
                    names::signature_scheme,
                )?;
                r.open_vec("certificate_authorities", 2, 0)?;
                let mut authorities = Vec::new();
                while r.remaining() > 0 {
                    let name = r.opaque("DistinguishedName", 2, 1)?.to_vec();
                    annotate_name(&mut r, &name);
                    authorities.push(name);
                }
                r.close_vec()?;
                Self::CertificateRequest12 {
                    types,
                    schemes,
                    authorities,
                }
            }
            HandshakeType::CERTIFICATE if tls12 => {
                r.open_vec("certificate_list", 3, 0)?;
                let mut chain = Vec::new();
                while r.remaining() > 0 {
                    chain.push(r.opaque("cert_data", 3, 1)?.to_vec());
                }
                r.close_vec()?;
                Self::Certificate12(chain)
            }
            HandshakeType::SERVER_KEY_EXCHANGE if tls12 => {
                let curve_type = r.u8("curve_type")?;
                if curve_type != NAMED_CURVE {
                    return Err(r.invalid("curve_type"));
                }
                r.annotate("named_curve");
                let group = r.u16("namedcurve")?;
                r.annotate(names::label(group, names::group(group)));
                let public = r.opaque("public", 1, 1)?.to_vec();
                let scheme = r.u16("algorithm")?;
                r.annotate(names::label(scheme, names::signature_scheme(scheme)));
                let signature = r.opaque("signature", 2, 1)?.to_vec();
                Self::ServerKeyExchange(ServerKeyExchange {
                    group,
                    public,
                    scheme,
                    signature,
                })
            }
            HandshakeType::SERVER_HELLO_DONE if tls12 => Self::ServerHelloDone,
            // The two bodies tell themselves apart: an ECDH key has a 1-byte length, an
            // encrypted pre-master secret a 2-byte one, and no body fits both.
            HandshakeType::CLIENT_KEY_EXCHANGE if tls12 => match bytes.get(4..) {
                Some([hi, lo, rest @ ..])
                    if usize::from(u16::from_be_bytes([*hi, *lo])) == rest.len() =>
                {
                    Self::ClientKeyExchangeRsa(r.opaque("EncryptedPreMasterSecret", 2, 1)?.to_vec())
                }
                _ => Self::ClientKeyExchange(r.opaque("ecdh_Yc", 1, 1)?.to_vec()),
            },
            HandshakeType::CERTIFICATE_REQUEST => {
                let context = r.opaque("certificate_request_context", 1, 0)?.to_vec();
                let extensions = decode_extensions(&mut r, Context::CertificateRequest)?;
                Self::CertificateRequest {
                    context,
                    extensions,
                }
            }
            HandshakeType::CERTIFICATE => {
                let context = r.opaque("certificate_request_context", 1, 0)?.to_vec();
                r.open_vec("certificate_list", 3, 0)?;
                let mut chain = Vec::new();
                while r.remaining() > 0 {
                    r.open("CertificateEntry");
                    chain.push(r.opaque("cert_data", 3, 1)?.to_vec());
                    decode_extensions(&mut r, Context::Other)?;
                    r.close();
                }
                r.close_vec()?;
                Self::Certificate(CertificateMsg { context, chain })
            }
            HandshakeType::CERTIFICATE_VERIFY => {
                let scheme = r.u16("algorithm")?;
                r.annotate(names::label(scheme, names::signature_scheme(scheme)));
                let signature = r.opaque("signature", 2, 1)?.to_vec();
                Self::CertificateVerify { scheme, signature }
            }
            HandshakeType::FINISHED => {
                let n = r.remaining();
                Self::Finished(r.bytes("verify_data", n)?.to_vec())
            }
            HandshakeType::NEW_SESSION_TICKET => {
                let lifetime = r.u32("ticket_lifetime")?;
                r.u32("ticket_age_add")?;
                r.opaque("ticket_nonce", 1, 0)?;
                let ticket = r.opaque("ticket", 2, 1)?.to_vec();
                decode_extensions(&mut r, Context::Other)?;
                Self::NewSessionTicket { lifetime, ticket }
            }
            HandshakeType::KEY_UPDATE => {
                // Any value parses; §4.6.3 makes one other than 0 or 1 illegal_parameter,
                // which the state machine sends (a parse failure would be decode_error).
                let request = KeyUpdateRequest(r.u8("request_update")?);
                match request {
                    KeyUpdateRequest::UPDATE_REQUESTED => r.annotate("update_requested"),
                    KeyUpdateRequest::UPDATE_NOT_REQUESTED => r.annotate("update_not_requested"),
                    _ => {}
                }
                Self::KeyUpdate(request)
            }
            typ => {
                let body = r.bytes("body", len)?.to_vec();
                Self::Unknown { typ, body }
            }
        };
        let tree = r.finish()?;
        let mut tree = tree;
        tree.name = msg.name().to_string();
        Ok((msg, tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_hello_round_trips_with_a_field_tree() {
        let ch = HandshakeMessage::ClientHello(ClientHello {
            legacy_version: 0x0303,
            random: [7; 32],
            session_id: vec![1; 32],
            cipher_suites: vec![TLS_AES_128_GCM_SHA256],
            extensions: vec![
                Extension::ServerName(Some("server.example".into())),
                Extension::SupportedVersions(vec![TLS13]),
                Extension::SupportedGroups(vec![0x1d, 0x17]),
                Extension::KeyShares(vec![(0x1d, vec![9; 32])]),
                Extension::SignatureAlgorithms(vec![ECDSA_SECP256R1_SHA256]),
                Extension::Alpn(vec![b"http/1.1".to_vec()]),
                Extension::Unknown(0xff01, vec![0]),
            ],
        });
        let bytes = ch.encode();
        let (back, tree) = HandshakeMessage::decode(&bytes).expect("decodes");
        assert_eq!(back, ch);
        assert_eq!(tree.name, "ClientHello");
        let sni = tree.find("host_name").expect("sni field");
        assert_eq!(sni.value.as_deref(), Some("server.example"));
        assert_eq!(&bytes[sni.end - 14..sni.end], b"server.example");
        assert_eq!(
            tree.find("cipher_suites")
                .and_then(|f| f.children.last())
                .and_then(|f| f.value.as_deref()),
            Some("0x1301 (TLS_AES_128_GCM_SHA256)")
        );
    }

    #[test]
    fn certificate_authorities_names_are_shown_as_text() {
        let pki = crate::pki::Pki::generate(
            &mut crate::rng::LabRng::from_seed(1),
            &crate::pki::PkiOptions::default(),
            crate::scenario::LAB_NOW,
        );
        let name = crate::pki::inspect::subject_dn(&pki.root.cert).expect("the root's subject");
        let expected = crate::pki::inspect::subject_string(&pki.root.cert).expect("a subject");
        let msg = HandshakeMessage::CertificateRequest {
            context: Vec::new(),
            extensions: vec![Extension::CertificateAuthorities(vec![name])],
        };
        let (_, tree) = HandshakeMessage::decode(&msg.encode()).expect("decodes");
        let dn = tree.find("DistinguishedName").expect("the name's field");
        assert_eq!(dn.value.as_deref(), Some(expected.as_str()));
        assert!(expected.contains("mTLS Lab Root CA"), "{expected}");
    }

    #[test]
    fn every_message_round_trips() {
        let msgs = [
            HandshakeMessage::ServerHello(ServerHello {
                legacy_version: 0x0303,
                random: HRR_RANDOM,
                session_id: vec![],
                cipher_suite: 0x1301,
                extensions: vec![
                    Extension::SelectedVersion(TLS13),
                    Extension::KeyShareRequest(0x17),
                ],
            }),
            HandshakeMessage::ServerHello(ServerHello {
                legacy_version: 0x0303,
                random: [3; 32],
                session_id: vec![5; 32],
                cipher_suite: 0x1301,
                extensions: vec![
                    Extension::SelectedVersion(TLS13),
                    Extension::KeyShare(0x17, vec![4; 65]),
                ],
            }),
            HandshakeMessage::EncryptedExtensions(vec![
                Extension::ServerName(None),
                Extension::Alpn(vec![b"http/1.1".to_vec()]),
            ]),
            HandshakeMessage::CertificateRequest {
                context: vec![],
                extensions: vec![
                    Extension::SignatureAlgorithms(vec![0x0403]),
                    Extension::CertificateAuthorities(vec![vec![0x30, 0]]),
                ],
            },
            HandshakeMessage::Certificate(CertificateMsg {
                context: vec![],
                chain: vec![vec![0x30, 1, 2], vec![0x30, 3]],
            }),
            HandshakeMessage::Certificate(CertificateMsg {
                context: vec![],
                chain: vec![],
            }),
            HandshakeMessage::CertificateVerify {
                scheme: 0x0403,
                signature: vec![0x30, 6, 1, 2, 3],
            },
            HandshakeMessage::Finished(vec![8; 32]),
            HandshakeMessage::NewSessionTicket {
                lifetime: 7200,
                ticket: vec![1, 2, 3],
            },
            HandshakeMessage::KeyUpdate(KeyUpdateRequest::UPDATE_REQUESTED),
            HandshakeMessage::KeyUpdate(KeyUpdateRequest(7)),
            HandshakeMessage::Unknown {
                typ: HandshakeType(25),
                body: vec![0, 1, 0, 0],
            },
        ];
        for m in msgs {
            let bytes = m.encode();
            assert_eq!(
                HandshakeMessage::decode(&bytes).map(|(m, _)| m),
                Ok(m.clone()),
                "{}",
                m.name()
            );
            // Every strict prefix fails cleanly.
            for cut in 0..bytes.len() {
                assert!(
                    HandshakeMessage::decode(&bytes[..cut]).is_err(),
                    "{} cut at {cut}",
                    m.name()
                );
            }
        }
    }
}
