//! The server's side of the handshake (RFC 8446 §4, server role).

use super::events::{CheckKind, Epoch, Event, KeyAction, KeyKind, Note};
use super::{ClientAuth, Connection, Peer, PeerCertificate, Role, ServerConfig, ServerHs, State};
use crate::crypto::key_schedule::{EarlySecret, finished_verify_data};
use crate::crypto::{Group, sha256};
use crate::error::Error;
use crate::error::{Expecting, NoCommon, Param, Received, RequiredExtension};
use crate::pki::{self, Role as PkiRole};
use crate::wire::handshake::{
    CertificateMsg, ClientHello, Extension, HRR_RANDOM, HandshakeMessage, HandshakeType,
    LEGACY_VERSION, ServerHello, TLS_AES_128_GCM_SHA256, TLS12, TLS13, ext, find, has_duplicates,
};

impl Connection {
    pub(super) fn server_config(&self) -> &ServerConfig {
        match &self.role {
            Role::Server(c) => c,
            Role::Client(_) => unreachable!("invariant: server handlers run only on servers"),
        }
    }

    pub(super) fn server_on_client_hello(
        &mut self,
        retry_group: Option<Group>,
        ch: ClientHello,
        bytes: &[u8],
    ) -> Result<State, Error> {
        // 1. Parameters: TLS 1.3, our suite, our signature scheme, a group in common (§4.1.1).
        // Appendix D.5: a ClientHello.legacy_version of 0x0300 (SSL 3.0) or lower MUST be
        // refused with protocol_version, whatever supported_versions offers. Only the failure
        // is recorded as a check, so the checks of every accepted ClientHello stay as they were.
        if ch.legacy_version <= 0x0300 {
            let e = Error::ObsoleteLegacyVersion(ch.legacy_version);
            self.check(CheckKind::SupportedVersion, Err(&e));
            return Err(e);
        }
        if has_duplicates(&ch.extensions) {
            return Err(Error::IllegalParameter(Param::DuplicateExtensions));
        }
        // §4.2.10: this server never accepts early data (it offers no PSK to resume with), so
        // EncryptedExtensions never carries early_data; what a first ClientHello offering it
        // sends as 0-RTT is skipped, within MAX_EARLY_DATA_SKIPPED of payload. A second ClientHello, after
        // a HelloRetryRequest, may not offer early data (§4.1.2): nothing is skipped after it.
        // early_data counts only beside pre_shared_key: without a PSK there are no early
        // traffic keys, so a client cannot have sent 0-RTT records (§4.2.10), and a record that
        // does not open is bad_record_mac as usual.
        let offers = |code| ch.extensions.iter().any(|e| e.code() == code);
        self.early_data_skipped =
            (retry_group.is_none() && offers(ext::EARLY_DATA) && offers(ext::PRE_SHARED_KEY))
                .then_some(0);
        let versions = find(&ch.extensions, |e| match e {
            Extension::SupportedVersions(v) => Some(v.clone()),
            _ => None,
        });
        let ours = self.server_config().versions;
        let tls13 = ours.tls13() && versions.as_ref().is_some_and(|v| v.contains(&TLS13));
        // TLS 1.2 when the client offers it and not 1.3: in supported_versions if it sent one
        // (which then decides, §4.2.1), else in legacy_version. Not after a HelloRetryRequest.
        let tls12 = match &versions {
            Some(v) => v.contains(&TLS12),
            None => ch.legacy_version >= TLS12,
        };
        if !tls13 && tls12 && ours.tls12() && retry_group.is_none() {
            return self.server12_on_client_hello(ch, bytes);
        }
        let r = if tls13 {
            Ok(())
        } else {
            Err(Error::ProtocolVersion)
        };
        self.checked(CheckKind::SupportedVersion, r)?;
        let r = if ch.cipher_suites.contains(&TLS_AES_128_GCM_SHA256) {
            Ok(())
        } else {
            Err(Error::HandshakeFailure(NoCommon::CipherSuite))
        };
        self.checked(CheckKind::CipherSuite, r)?;
        let sig_algs = find(&ch.extensions, |e| match e {
            Extension::SignatureAlgorithms(v) => Some(v.clone()),
            _ => None,
        })
        .ok_or(Error::MissingExtension(
            RequiredExtension::SignatureAlgorithms,
        ))?;
        let r = self
            .server_config()
            .identity
            .scheme(&sig_algs, false)
            .ok_or(Error::HandshakeFailure(NoCommon::SignatureScheme));
        let scheme = self.checked(CheckKind::SignatureScheme, r)?;
        let client_groups = find(&ch.extensions, |e| match e {
            Extension::SupportedGroups(v) => Some(v.clone()),
            _ => None,
        })
        .ok_or(Error::MissingExtension(RequiredExtension::SupportedGroups))?;
        let shares = find(&ch.extensions, |e| match e {
            Extension::KeyShares(v) => Some(v.clone()),
            _ => None,
        })
        .ok_or(Error::MissingExtension(RequiredExtension::KeyShare))?;
        // §4.2.8: each share's group must be listed in supported_groups.
        if shares.iter().any(|(g, _)| !client_groups.contains(g)) {
            return Err(Error::IllegalParameter(Param::KeyShareGroupNotSupported));
        }
        let group =
            Self::server_choose_group(&self.server_config().groups, &client_groups, &shares);
        let r = group.ok_or(Error::HandshakeFailure(NoCommon::Group));
        let group = self.checked(CheckKind::KeyShareGroup, r)?;
        if let Some(asked) = retry_group {
            // After a HelloRetryRequest the new ClientHello must answer it (§4.1.2).
            if group != asked || !shares.iter().any(|(g, _)| *g == asked.code()) {
                return Err(Error::IllegalParameter(Param::ClientHelloAfterRetry));
            }
        }
        let client_public = match shares.iter().find(|(g, _)| *g == group.code()) {
            Some((_, key)) => key.clone(),
            None if retry_group.is_none() => return Ok(self.server_send_retry(group, ch, bytes)),
            None => return Err(Error::IllegalParameter(Param::KeyShare)),
        };
        let server_name = find(&ch.extensions, |e| match e {
            Extension::ServerName(n) => n.clone(),
            _ => None,
        });
        let alpn = self.server_choose_alpn(&ch.extensions)?;
        self.client_random = ch.random;
        self.negotiated.server_name = server_name.clone();
        self.negotiated.group = Some(group);
        self.negotiated.cipher_suite = TLS_AES_128_GCM_SHA256;
        self.negotiated.alpn = alpn.clone();
        self.transcript.extend_from_slice(bytes);

        // 2. Our key share and the shared secret.
        self.key(
            KeyKind::ClientEphemeralPublic,
            KeyAction::Received,
            &client_public,
        );
        let share = self.generate_share(group);
        let shared = share.agree(&client_public).map_err(Error::Crypto)?;
        self.key(KeyKind::SharedSecret, KeyAction::Derived, &shared);

        // 3. ServerHello, then the middlebox-compatibility ChangeCipherSpec.
        let random = self.rng.bytes::<32>();
        let sh = HandshakeMessage::ServerHello(ServerHello {
            legacy_version: LEGACY_VERSION,
            random,
            session_id: ch.session_id.clone(),
            cipher_suite: TLS_AES_128_GCM_SHA256,
            extensions: vec![
                Extension::SelectedVersion(TLS13),
                Extension::KeyShare(group.code(), share.public().to_vec()),
            ],
        });
        self.send_handshake(&sh, true);
        if !ch.session_id.is_empty() {
            self.send_ccs();
        }

        // 4. Handshake keys (§7.1).
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
        self.set_write(&traffic.server, Epoch::Handshake);

        // 5. EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished.
        let mut ee = Vec::new();
        if server_name.is_some() {
            ee.push(Extension::ServerName(None));
        }
        if let Some(p) = alpn {
            ee.push(Extension::Alpn(vec![p]));
        }
        self.send_handshake(&HandshakeMessage::EncryptedExtensions(ee), true);
        let cfg = self.server_config();
        let requesting = if let ClientAuth::Required { root, .. } = &cfg.client_auth {
            let schemes = cfg.signature_schemes.iter().map(|s| s.code()).collect();
            let mut extensions = vec![Extension::SignatureAlgorithms(schemes)];
            if let Some(dn) = pki::subject_dn(root) {
                extensions.push(Extension::CertificateAuthorities(vec![dn]));
            }
            Some(HandshakeMessage::CertificateRequest {
                context: Vec::new(),
                extensions,
            })
        } else {
            None
        };
        let identity = cfg.identity.clone();
        if let Some(cr) = &requesting {
            self.send_handshake(cr, true);
        }
        self.send_handshake(
            &HandshakeMessage::Certificate(CertificateMsg {
                context: Vec::new(),
                chain: identity.chain.clone(),
            }),
            true,
        );
        let content = Self::certificate_verify_content(true, &self.transcript_hash());
        self.send_signed(&identity, (scheme, &content), |signature| {
            HandshakeMessage::CertificateVerify {
                scheme: scheme.code(),
                signature,
            }
        });
        let verify_data = finished_verify_data(&traffic.server, &self.transcript_hash());
        self.send_handshake(&HandshakeMessage::Finished(verify_data.to_vec()), true);

        // 6. Application secrets are known now; the server may send from here on (§4.4.4).
        let through_server_finished = self.transcript_hash();
        let master = hs.into_master();
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
        // The server writes under its application keys from its Finished on (§4.4.4): alerts and
        // any data it sends now use them.
        self.set_write(&app.server, Epoch::Application(0));
        self.set_read(&traffic.client, Epoch::Handshake)?;
        let hs_state = Box::new(ServerHs {
            traffic,
            app,
            peer: PeerCertificate::default(),
        });
        Ok(if requesting.is_some() {
            State::ServerExpectCertificate(hs_state)
        } else {
            State::ServerExpectFinished(hs_state)
        })
    }

    /// The key-exchange group, among those both sides support (`ours`, in the server's
    /// preference order, that the client lists in supported_groups): the first one the client
    /// already sent a key share for, or else the first one, which then costs a
    /// HelloRetryRequest. §4.1.1 leaves the choice to the server and asks for a
    /// HelloRetryRequest only when the client offered no compatible key_share; preferring a
    /// share the client sent saves the round trip that asking for a group higher in our own
    /// order would cost (rustls and OpenSSL choose the same way). `None` when no group is in
    /// common.
    pub(super) fn server_choose_group(
        ours: &[Group],
        client_groups: &[u16],
        shares: &[(u16, Vec<u8>)],
    ) -> Option<Group> {
        let mut common = ours
            .iter()
            .copied()
            .filter(|g| client_groups.contains(&g.code()));
        let first = common.clone().next()?;
        Some(
            common
                .find(|g| shares.iter().any(|(s, _)| *s == g.code()))
                .unwrap_or(first),
        )
    }

    pub(super) fn server_choose_alpn(
        &mut self,
        exts: &[Extension],
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(offered) = find(exts, |e| match e {
            Extension::Alpn(l) => Some(l.clone()),
            _ => None,
        }) else {
            return Ok(None);
        };
        let ours = &self.server_config().alpn;
        let r = ours
            .iter()
            .find(|p| offered.contains(p))
            .cloned()
            .ok_or(Error::NoApplicationProtocol);
        self.checked(CheckKind::Alpn, r).map(Some)
    }

    /// HelloRetryRequest (§4.1.4): ask for a share in `group`; the transcript restarts from
    /// message_hash(ClientHello1).
    fn server_send_retry(&mut self, group: Group, ch: ClientHello, bytes: &[u8]) -> State {
        self.emit(Event::Note(Note::HelloRetryRequested {
            group: group.code(),
        }));
        self.negotiated.retried = true;
        let ch1_hash = sha256(bytes);
        self.transcript.clear();
        self.transcript
            .extend_from_slice(&[HandshakeType::MESSAGE_HASH.0, 0, 0, 32]);
        self.transcript.extend_from_slice(&ch1_hash);
        let hrr = HandshakeMessage::ServerHello(ServerHello {
            legacy_version: LEGACY_VERSION,
            random: HRR_RANDOM,
            session_id: ch.session_id.clone(),
            cipher_suite: TLS_AES_128_GCM_SHA256,
            extensions: vec![
                Extension::SelectedVersion(TLS13),
                Extension::KeyShareRequest(group.code()),
            ],
        });
        self.send_handshake(&hrr, true);
        if !ch.session_id.is_empty() {
            self.send_ccs();
        }
        State::ServerExpectClientHello {
            retry_group: Some(group),
        }
    }

    pub(super) fn server_on_certificate(
        &mut self,
        mut hs: Box<ServerHs>,
        c: CertificateMsg,
        bytes: &[u8],
    ) -> Result<State, Error> {
        if !c.context.is_empty() {
            return Err(Error::IllegalParameter(Param::CertificateRequestContext));
        }
        self.transcript.extend_from_slice(bytes);
        let ClientAuth::Required { root, crls } = &self.server_config().client_auth else {
            return Err(Error::UnexpectedMessage {
                got: Received::Message("Certificate".into()),
                expected: Expecting::Finished,
            });
        };
        let (root, crls) = (root.clone(), crls.clone());
        // §4.4.2.4: no certificate where one is required ends the handshake.
        let r = if c.chain.is_empty() {
            Err(Error::CertificateRequired)
        } else {
            Ok(())
        };
        self.checked(CheckKind::ClientCertificatePresent, r)?;
        let now = self.server_config().now;
        hs.peer =
            self.check_peer_chain(Peer::Client, &PkiRole::Client, (&root, &crls, now), c.chain)?;
        Ok(State::ServerExpectCertificateVerify(hs))
    }

    pub(super) fn server_on_certificate_verify(
        &mut self,
        mut hs: Box<ServerHs>,
        scheme: u16,
        signature: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.check_certificate_verify(Peer::Client, &mut hs.peer, scheme, signature)?;
        self.transcript.extend_from_slice(bytes);
        Ok(State::ServerExpectFinished(hs))
    }

    pub(super) fn server_on_finished(
        &mut self,
        hs: ServerHs,
        data: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        let expected = finished_verify_data(&hs.traffic.client, &self.transcript_hash());
        let r = Self::check_finished(&expected, data);
        self.checked(CheckKind::ClientFinished, r)?;
        self.transcript.extend_from_slice(bytes);
        self.set_read(&hs.app.client, Epoch::Application(0))?;
        self.app_secrets = Some(hs.app.clone());
        self.emit(Event::Note(Note::HandshakeComplete));
        Ok(State::Traffic)
    }
}
