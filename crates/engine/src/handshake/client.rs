//! The client's side of the handshake (RFC 8446 §4, client role).

use super::events::{CheckKind, Epoch, Event, KeyAction, KeyKind, Note};
use super::{ClientConfig, ClientHs, Connection, Peer, PeerCertificate, Role, State, Versions};
use crate::crypto::key_schedule::{EarlySecret, finished_verify_data};
use crate::crypto::{Group, KeyShare, sha256};
use crate::error::Error;
use crate::error::{Expecting, Param, Received, RequiredExtension};
use crate::pki::Role as PkiRole;
use crate::rng::LabRng;
use crate::wire::handshake::{
    CertificateMsg, ClientHello, Extension, HandshakeMessage, HandshakeType, LEGACY_VERSION,
    ServerHello, TLS_AES_128_GCM_SHA256, TLS12, TLS13, TlsVersion, ext, find, has_duplicates,
};

impl Connection {
    /// A client that has queued its ClientHello.
    pub fn client(config: ClientConfig, rng: LabRng) -> Self {
        Self::client_with(config, rng, false)
    }

    /// A client whose first ClientHello also carries the early_data extension (§4.2.10), as a
    /// 0-RTT client's would, for lessons and tests of how a server declines early data. It
    /// sends no early data itself (it holds no PSK to protect it under; whatever follows its
    /// ClientHello is the caller's), and a second ClientHello after a HelloRetryRequest omits
    /// the extension (§4.1.2). Otherwise it is [`Connection::client`].
    pub fn client_offering_early_data(config: ClientConfig, rng: LabRng) -> Self {
        Self::client_with(config, rng, true)
    }

    fn client_with(config: ClientConfig, rng: LabRng, early_data: bool) -> Self {
        let mut conn = Self::new(Role::Client(Box::new(config)), rng, State::Closed);
        conn.client_random = conn.rng.bytes();
        // Middlebox compatibility mode (§D.4): a non-empty legacy_session_id.
        conn.session_id = conn.rng.bytes::<32>().to_vec();
        // A TLS 1.2-only client sends no key shares: its ephemeral key answers the server's,
        // after ServerKeyExchange.
        let groups = if conn.client_config().versions.tls13() {
            conn.client_config().key_share_groups.clone()
        } else {
            Vec::new()
        };
        let shares: Vec<KeyShare> = groups.iter().map(|g| conn.generate_share(*g)).collect();
        if conn.client_config().versions == Versions::Tls12Only {
            conn.negotiated.version = TlsVersion::Tls12;
        }
        let ch = conn.client_hello(&shares, None, early_data);
        conn.send_handshake(&ch, true);
        conn.state = State::ClientExpectServerHello {
            shares,
            retried: false,
        };
        conn
    }

    pub(super) fn client_config(&self) -> &ClientConfig {
        match &self.role {
            Role::Client(c) => c,
            Role::Server(_) => unreachable!("invariant: client handlers run only on clients"),
        }
    }

    fn client_hello(
        &self,
        shares: &[KeyShare],
        cookie: Option<Vec<u8>>,
        early_data: bool,
    ) -> HandshakeMessage {
        let cfg = self.client_config();
        let mut extensions = vec![Extension::ServerName(Some(cfg.server_name.clone()))];
        match cfg.versions {
            Versions::Tls13Only => extensions.push(Extension::SupportedVersions(vec![TLS13])),
            Versions::Both => extensions.push(Extension::SupportedVersions(vec![TLS13, TLS12])),
            // A TLS 1.2 client says its version in legacy_version alone.
            Versions::Tls12Only => {}
        }
        extensions.extend([
            Extension::SupportedGroups(cfg.supported_groups.iter().map(|g| g.code()).collect()),
            Extension::SignatureAlgorithms(
                cfg.signature_schemes.iter().map(|s| s.code()).collect(),
            ),
        ]);
        if cfg.versions.tls13() {
            extensions.push(Extension::KeyShares(
                shares
                    .iter()
                    .map(|s| (s.group().code(), s.public().to_vec()))
                    .collect(),
            ));
        }
        let mut cipher_suites = Vec::new();
        if cfg.versions.tls13() {
            cipher_suites.push(TLS_AES_128_GCM_SHA256);
        }
        if cfg.versions.tls12() {
            cipher_suites.extend(&cfg.tls12_suites);
            // TLS 1.2's own: uncompressed points only (RFC 8422 §5.1.2), the extended master
            // secret (RFC 7627) and an empty renegotiation_info (RFC 5746 §3.4).
            extensions.extend([
                Extension::Unknown(ext::EC_POINT_FORMATS, vec![1, 0]),
                Extension::Unknown(ext::EXTENDED_MASTER_SECRET, Vec::new()),
                Extension::Unknown(ext::RENEGOTIATION_INFO, vec![0]),
            ]);
        }
        if !cfg.alpn.is_empty() {
            extensions.push(Extension::Alpn(cfg.alpn.clone()));
        }
        if let Some(cookie) = cookie {
            extensions.push(Extension::Cookie(cookie));
        }
        // §4.2.10: a client sending early data "MUST supply both the pre_shared_key and
        // early_data extensions"; early_data has an empty body, psk_key_exchange_modes offers
        // psk_dhe_ke (§4.2.9), and pre_shared_key comes last (§4.2.11). This client holds no
        // ticket, so its one identity and binder are made up: a server that does not resume
        // (the lab's never does) ignores them, and one that does would not find the identity.
        if early_data {
            extensions.push(Extension::Unknown(ext::EARLY_DATA, Vec::new()));
            extensions.push(Extension::Unknown(
                ext::PSK_KEY_EXCHANGE_MODES,
                vec![1, PSK_DHE_KE],
            ));
            extensions.push(Extension::Unknown(ext::PRE_SHARED_KEY, unknown_psk_offer()));
        }
        HandshakeMessage::ClientHello(ClientHello {
            legacy_version: LEGACY_VERSION,
            random: self.client_random,
            session_id: self.session_id.clone(),
            cipher_suites,
            extensions,
        })
    }

    pub(super) fn client_on_server_hello(
        &mut self,
        shares: Vec<KeyShare>,
        retried: bool,
        sh: ServerHello,
        bytes: &[u8],
    ) -> Result<State, Error> {
        // 1. The server must have picked TLS 1.3, our suite and echoed our session id.
        // Appendix D.5: a legacy_version of 0x0300 (SSL 3.0) or lower MUST be refused with
        // protocol_version, whatever supported_versions says.
        if sh.legacy_version <= 0x0300 {
            let e = Error::ObsoleteLegacyVersion(sh.legacy_version);
            self.check(CheckKind::SupportedVersion, Err(&e));
            return Err(e);
        }
        let version = find(&sh.extensions, |e| match e {
            Extension::SelectedVersion(v) => Some(*v),
            _ => None,
        });
        let versions = self.client_config().versions;
        // TLS 1.2 answers with legacy_version 0x0303 and no supported_versions (§4.1.3).
        if version.is_none() && sh.legacy_version == TLS12 && versions.tls12() && !retried {
            return self.client12_on_server_hello(sh, bytes);
        }
        // §4.2.1: a supported_versions that names a version we did not offer, or one before
        // TLS 1.3, is illegal_parameter; a ServerHello without one that is not a TLS 1.2
        // ServerHello we can take chose a version we do not speak: protocol_version.
        let r = match version {
            Some(TLS13) if versions.tls13() => Ok(()),
            Some(_) => Err(Error::IllegalParameter(Param::SelectedVersion)),
            None => Err(Error::ProtocolVersion),
        };
        self.checked(CheckKind::SupportedVersion, r)?;
        let r = if sh.cipher_suite == TLS_AES_128_GCM_SHA256 {
            Ok(())
        } else {
            Err(Error::IllegalParameter(Param::CipherSuite))
        };
        self.checked(CheckKind::CipherSuite, r)?;
        if sh.session_id != self.session_id {
            return Err(Error::IllegalParameter(Param::LegacySessionIdEcho));
        }
        if has_duplicates(&sh.extensions) {
            return Err(Error::IllegalParameter(Param::DuplicateExtensions));
        }

        if sh.is_retry_request() {
            // 2a. HelloRetryRequest (§4.1.4): once only, for a group we support but did not share.
            if retried {
                return Err(Error::UnexpectedMessage {
                    got: Received::SecondHelloRetryRequest,
                    expected: Expecting::ServerHello,
                });
            }
            let group = find(&sh.extensions, |e| match e {
                Extension::KeyShareRequest(g) => Some(*g),
                _ => None,
            });
            let cfg = self.client_config();
            let group = group.and_then(Group::from_code).filter(|g| {
                cfg.supported_groups.contains(g) && !shares.iter().any(|s| s.group() == *g)
            });
            let r = group.ok_or(Error::IllegalParameter(Param::HelloRetryRequestKeyShare));
            let group = self.checked(CheckKind::KeyShareGroup, r)?;
            let cookie = find(&sh.extensions, |e| match e {
                Extension::Cookie(c) => Some(c.clone()),
                _ => None,
            });
            self.emit(Event::Note(Note::HelloRetryRequested {
                group: group.code(),
            }));
            self.negotiated.retried = true;
            // The transcript restarts from message_hash(ClientHello1) (§4.4.1).
            let ch1_hash = sha256(&self.transcript);
            self.transcript.clear();
            self.transcript
                .extend_from_slice(&[HandshakeType::MESSAGE_HASH.0, 0, 0, 32]);
            self.transcript.extend_from_slice(&ch1_hash);
            self.transcript.extend_from_slice(bytes);
            let share = self.generate_share(group);
            self.send_ccs();
            // §4.1.2: the second ClientHello drops early_data.
            let ch2 = self.client_hello(std::slice::from_ref(&share), cookie, false);
            self.send_handshake(&ch2, true);
            return Ok(State::ClientExpectServerHello {
                shares: vec![share],
                retried: true,
            });
        }

        // 2b. The key share must answer one we sent.
        let server_share = find(&sh.extensions, |e| match e {
            Extension::KeyShare(g, k) => Some((*g, k.clone())),
            _ => None,
        });
        let r = server_share
            .and_then(|(g, k)| {
                shares
                    .iter()
                    .find(|s| s.group().code() == g)
                    .map(|s| (s, k))
            })
            .ok_or(Error::IllegalParameter(Param::ServerHelloKeyShare));
        let (share, server_public) = self.checked(CheckKind::KeyShareGroup, r)?;
        let shared = share.agree(&server_public).map_err(Error::Crypto)?;
        self.negotiated.group = Some(share.group());
        self.negotiated.cipher_suite = TLS_AES_128_GCM_SHA256;
        self.key(
            KeyKind::ServerEphemeralPublic,
            KeyAction::Received,
            &server_public,
        );
        self.key(
            KeyKind::ClientEphemeralPrivate,
            KeyAction::Used,
            share.secret(),
        );
        self.key(KeyKind::SharedSecret, KeyAction::Derived, &shared);

        // 3. Key schedule up to the handshake traffic secrets (§7.1).
        self.transcript.extend_from_slice(bytes);
        let hs = EarlySecret::without_psk().into_handshake(&shared);
        let traffic = hs.traffic(&self.transcript_hash());
        self.key(KeyKind::HandshakeSecret, KeyAction::Derived, hs.bytes());
        self.key(
            KeyKind::ClientHandshakeTraffic,
            KeyAction::Derived,
            &traffic.client,
        );
        self.key(
            KeyKind::ServerHandshakeTraffic,
            KeyAction::Derived,
            &traffic.server,
        );
        self.log_secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", &traffic.client);
        self.log_secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", &traffic.server);
        self.set_read(&traffic.server, Epoch::Handshake)?;
        // From here on, anything we send (our flight, or an alert if the server's flight fails
        // a check) is protected by the client handshake keys (§6: alerts are encrypted under
        // the current write keys; §4.4 figure 1).
        self.set_write(&traffic.client, Epoch::Handshake);
        Ok(State::ClientExpectEncryptedExtensions(Box::new(ClientHs {
            hs,
            traffic,
            cert_request: None,
            peer: PeerCertificate::default(),
        })))
    }

    pub(super) fn client_on_encrypted_extensions(
        &mut self,
        hs: Box<ClientHs>,
        exts: &[Extension],
        bytes: &[u8],
    ) -> Result<State, Error> {
        if has_duplicates(exts) {
            return Err(Error::IllegalParameter(Param::DuplicateExtensions));
        }
        if let Some(list) = find(exts, |e| match e {
            Extension::Alpn(l) => Some(l.clone()),
            _ => None,
        }) {
            // RFC 7301 §3.1: exactly one protocol, one we offered.
            let offered = &self.client_config().alpn;
            let r = match list.as_slice() {
                [p] if offered.contains(p) => Ok(p.clone()),
                _ => Err(Error::IllegalParameter(Param::AlpnSelection)),
            };
            let chosen = self.checked(CheckKind::Alpn, r)?;
            self.negotiated.alpn = Some(chosen);
        }
        self.transcript.extend_from_slice(bytes);
        Ok(State::ClientExpectCertificateOrRequest(hs))
    }

    pub(super) fn client_on_certificate_request(
        &mut self,
        hs: &mut ClientHs,
        context: Vec<u8>,
        exts: &[Extension],
        bytes: &[u8],
    ) -> Result<(), Error> {
        // §4.3.2: signature_algorithms is required; the context is empty in the handshake.
        let Some(schemes) = find(exts, |e| match e {
            Extension::SignatureAlgorithms(v) => Some(v.clone()),
            _ => None,
        }) else {
            return Err(Error::MissingExtension(
                RequiredExtension::SignatureAlgorithms,
            ));
        };
        if !context.is_empty() {
            return Err(Error::IllegalParameter(Param::CertificateRequestContext));
        }
        hs.cert_request = Some((context, schemes));
        self.transcript.extend_from_slice(bytes);
        Ok(())
    }

    pub(super) fn client_on_certificate(
        &mut self,
        mut hs: Box<ClientHs>,
        c: CertificateMsg,
        bytes: &[u8],
    ) -> Result<State, Error> {
        if c.chain.is_empty() {
            return Err(Error::EmptyServerCertificate);
        }
        let cfg = self.client_config();
        let role = PkiRole::Server {
            name: cfg.server_name.clone(),
        };
        let (root, now) = (cfg.root.clone(), cfg.now);
        hs.peer = self.check_peer_chain(Peer::Server, &role, (&root, &[], now), c.chain)?;
        self.transcript.extend_from_slice(bytes);
        Ok(State::ClientExpectCertificateVerify(hs))
    }

    pub(super) fn client_on_certificate_verify(
        &mut self,
        mut hs: Box<ClientHs>,
        scheme: u16,
        signature: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.check_certificate_verify(Peer::Server, &mut hs.peer, scheme, signature)?;
        self.transcript.extend_from_slice(bytes);
        Ok(State::ClientExpectFinished(hs))
    }

    pub(super) fn client_on_finished(
        &mut self,
        hs: ClientHs,
        data: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        // 1. The server's Finished covers everything up to its CertificateVerify.
        let expected = finished_verify_data(&hs.traffic.server, &self.transcript_hash());
        let r = Self::check_finished(&expected, data);
        self.checked(CheckKind::ServerFinished, r)?;
        self.transcript.extend_from_slice(bytes);

        // 2. Application traffic secrets over ClientHello..server Finished.
        let through_server_finished = self.transcript_hash();
        let master = hs.hs.into_master();
        let app = master.traffic(&through_server_finished);
        self.key(KeyKind::MasterSecret, KeyAction::Derived, master.bytes());
        self.key(
            KeyKind::ClientApplicationTraffic,
            KeyAction::Derived,
            &app.client,
        );
        self.key(
            KeyKind::ServerApplicationTraffic,
            KeyAction::Derived,
            &app.server,
        );
        self.log_secret("CLIENT_TRAFFIC_SECRET_0", &app.client);
        self.log_secret("SERVER_TRAFFIC_SECRET_0", &app.server);
        self.log_secret(
            "EXPORTER_SECRET",
            &master.exporter(&through_server_finished),
        );

        // 3. Our flight, under the client handshake keys: [Certificate, CertificateVerify], Finished.
        self.send_ccs();
        if let Some((context, accepted)) = hs.cert_request.clone() {
            // §4.4.2.3: with no certificate the server can take (none at all, or none whose
            // key signs with a scheme it accepts), an empty Certificate.
            let signing = self
                .client_config()
                .identity
                .clone()
                .and_then(|i| Some((i.scheme(&accepted, false)?, i)));
            let chain = signing
                .as_ref()
                .map(|(_, i)| i.chain.clone())
                .unwrap_or_default();
            self.send_handshake(
                &HandshakeMessage::Certificate(CertificateMsg { context, chain }),
                true,
            );
            if let Some((scheme, identity)) = signing {
                let content = Self::certificate_verify_content(false, &self.transcript_hash());
                self.send_signed(&identity, (scheme, &content), |signature| {
                    HandshakeMessage::CertificateVerify {
                        scheme: scheme.code(),
                        signature,
                    }
                });
            }
        }
        let verify_data = finished_verify_data(&hs.traffic.client, &self.transcript_hash());
        self.send_handshake(&HandshakeMessage::Finished(verify_data.to_vec()), true);

        self.set_read(&app.server, Epoch::Application(0))?;
        self.set_write(&app.client, Epoch::Application(0));
        self.app_secrets = Some(app);
        self.emit(Event::Note(Note::HandshakeComplete));
        Ok(State::Traffic)
    }
}

/// psk_dhe_ke (§4.2.9): PSK with (EC)DHE key establishment.
const PSK_DHE_KE: u8 = 1;

/// The body of a pre_shared_key extension (§4.2.11) offering one identity no server issued:
/// the identity "mtls-lab: no ticket", an obfuscated_ticket_age of 0 and a binder of 32 zero
/// bytes (the length of a SHA-256 binder).
fn unknown_psk_offer() -> Vec<u8> {
    const IDENTITY: &[u8] = b"mtls-lab: no ticket";
    let mut identities = Vec::new();
    identities.extend_from_slice(&(IDENTITY.len() as u16).to_be_bytes());
    identities.extend_from_slice(IDENTITY);
    identities.extend_from_slice(&0u32.to_be_bytes());
    let binders = [&[32u8][..], &[0; 32]].concat();
    let mut body = Vec::new();
    body.extend_from_slice(&(identities.len() as u16).to_be_bytes());
    body.extend_from_slice(&identities);
    body.extend_from_slice(&(binders.len() as u16).to_be_bytes());
    body.extend_from_slice(&binders);
    body
}
