//! The client's side of a TLS 1.2 handshake (RFC 5246 §7.3) with
//! TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 8422), the extended master secret (RFC 7627)
//! and renegotiation_info (RFC 5746), entered when the server answers with a TLS 1.2
//! ServerHello.
//!
//! ```text
//!  ClientHello        -------->
//!                                 ServerHello, Certificate, ServerKeyExchange,
//!                     <--------   [CertificateRequest], ServerHelloDone
//!  [Certificate], ClientKeyExchange, [CertificateVerify],
//!  ChangeCipherSpec, Finished  -->
//!                     <--------   ChangeCipherSpec, Finished
//! ```

use super::events::{CheckKind, Event, KeyAction, KeyKind, Note};
use super::{Connection, Peer, PeerCertificate, Pending12, State};
use crate::crypto::tls12::{KeyBlock, master_secret, verify_data};
use crate::crypto::{Group, sha256};
use crate::error::{Error, Param};
use crate::pki::Role as PkiRole;
use crate::wire::handshake::{
    DOWNGRADE_TLS12, ECDSA_SECP256R1_SHA256, ECDSA_SIGN, Extension, HandshakeMessage, ServerHello,
    ServerKeyExchange, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsVersion, ext, find,
    has_duplicates,
};

/// What the client carries from ServerHello to ServerHelloDone.
pub(super) struct Hs {
    server_random: [u8; 32],
    /// Whether the server agreed to the extended master secret.
    extended: bool,
    peer: PeerCertificate,
    /// The server's ephemeral key, once its signature is checked: (group, public key).
    server_share: Option<(Group, Vec<u8>)>,
    /// The certificate types of a CertificateRequest, if the server sent one.
    pub(super) requested: Option<Vec<u8>>,
}

impl Connection {
    /// A TLS 1.2 ServerHello (no supported_versions extension, legacy_version 0x0303), to a
    /// client that offered TLS 1.2.
    pub(super) fn client12_on_server_hello(
        &mut self,
        sh: ServerHello,
        bytes: &[u8],
    ) -> Result<State, Error> {
        let versions = self.client_config().versions;
        self.checked(CheckKind::SupportedVersion, Ok(()))?;
        // RFC 8446 §4.1.3: a client that offered TLS 1.3 checks the last 8 bytes of the random.
        if versions.tls13() {
            let r = if sh.random[24..] == DOWNGRADE_TLS12 {
                Err(Error::Downgrade)
            } else {
                Ok(())
            };
            self.checked(CheckKind::DowngradeSentinel, r)?;
        }
        let r = if sh.cipher_suite == TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 {
            Ok(())
        } else {
            Err(Error::IllegalParameter(Param::CipherSuite))
        };
        self.checked(CheckKind::CipherSuite, r)?;
        if has_duplicates(&sh.extensions) {
            return Err(Error::IllegalParameter(Param::DuplicateExtensions));
        }
        if let Some(list) = find(&sh.extensions, |e| match e {
            Extension::Alpn(l) => Some(l.clone()),
            _ => None,
        }) {
            let offered = &self.client_config().alpn;
            let r = match list.as_slice() {
                [p] if offered.contains(p) => Ok(p.clone()),
                _ => Err(Error::IllegalParameter(Param::AlpnSelection)),
            };
            let chosen = self.checked(CheckKind::Alpn, r)?;
            self.negotiated.alpn = Some(chosen);
        }
        let extended = sh
            .extensions
            .iter()
            .any(|e| e.code() == ext::EXTENDED_MASTER_SECRET);
        self.negotiated.version = TlsVersion::Tls12;
        self.transcript.extend_from_slice(bytes);
        Ok(State::Client12ExpectCertificate(Box::new(Hs {
            server_random: sh.random,
            extended,
            peer: PeerCertificate::default(),
            server_share: None,
            requested: None,
        })))
    }

    pub(super) fn client12_on_certificate(
        &mut self,
        mut hs: Box<Hs>,
        chain: Vec<Vec<u8>>,
        bytes: &[u8],
    ) -> Result<State, Error> {
        if chain.is_empty() {
            return Err(Error::EmptyServerCertificate);
        }
        let cfg = self.client_config();
        let role = PkiRole::Server {
            name: cfg.server_name.clone(),
        };
        let (root, now) = (cfg.root.clone(), cfg.now);
        hs.peer = self.check_peer_chain(Peer::Server, &role, (&root, &[], now), chain)?;
        self.transcript.extend_from_slice(bytes);
        Ok(State::Client12ExpectServerKeyExchange(hs))
    }

    /// The server's ephemeral key, signed with its certificate's key over both randoms: in TLS
    /// 1.2 this signature, not a CertificateVerify, proves that the server holds the key.
    pub(super) fn client12_on_server_key_exchange(
        &mut self,
        mut hs: Box<Hs>,
        ske: &ServerKeyExchange,
        bytes: &[u8],
    ) -> Result<State, Error> {
        let content = ske.signed_content(&self.client_random, &hs.server_random);
        self.check_possession(
            Peer::Server,
            &mut hs.peer,
            (ske.scheme, &ske.signature),
            &content,
            CheckKind::ServerKeyExchangeSignature,
        )?;
        let group = Group::from_code(ske.group)
            .filter(|g| self.client_config().supported_groups.contains(g));
        let r = group.ok_or(Error::IllegalParameter(Param::ServerKeyExchangeGroup));
        let group = self.checked(CheckKind::GroupInCommon, r)?;
        self.negotiated.group = Some(group);
        self.key(
            KeyKind::ServerEphemeralPublic,
            KeyAction::Received,
            &ske.public,
        );
        hs.server_share = Some((group, ske.public.clone()));
        self.transcript.extend_from_slice(bytes);
        Ok(State::Client12ExpectCertificateRequestOrDone(hs))
    }

    /// The server's flight is over: ours is [Certificate], ClientKeyExchange,
    /// [CertificateVerify], ChangeCipherSpec, Finished.
    pub(super) fn client12_on_server_hello_done(
        &mut self,
        hs: Hs,
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.transcript.extend_from_slice(bytes);
        let Some((group, server_public)) = hs.server_share else {
            return Err(Error::IllegalParameter(Param::ServerHelloKeyShare));
        };
        // 1. Our certificate if asked (an empty list if we have none, or none of the kind the
        // server takes: RFC 5246 §7.4.6).
        let identity = self.client_config().identity.clone().filter(|_| {
            hs.requested
                .as_ref()
                .is_some_and(|t| t.contains(&ECDSA_SIGN))
        });
        if hs.requested.is_some() {
            let chain = identity
                .as_ref()
                .map(|i| i.chain.clone())
                .unwrap_or_default();
            self.send_handshake(&HandshakeMessage::Certificate12(chain), true);
        }

        // 2. Our ephemeral key and the pre-master secret (RFC 8422 §5.10: the ECDH shared
        // secret's x-coordinate, or the X25519 output).
        let share = self.generate_share(group);
        let pre_master = share.agree(&server_public).map_err(Error::Crypto)?;
        self.key(
            KeyKind::ClientEphemeralPrivate,
            KeyAction::Used,
            share.secret(),
        );
        self.key(KeyKind::SharedSecret, KeyAction::Derived, &pre_master);
        self.send_handshake(
            &HandshakeMessage::ClientKeyExchange(share.public().to_vec()),
            true,
        );

        // 3. The master secret and the key block.
        let pending = self.derive12(&pre_master, hs.extended, &hs.server_random);

        // 4. CertificateVerify: a signature over every handshake message so far.
        if let Some(identity) = identity {
            let content = self.transcript.clone();
            self.send_signed(&identity, &content, |signature| {
                HandshakeMessage::CertificateVerify {
                    scheme: ECDSA_SECP256R1_SHA256,
                    signature,
                }
            });
        }

        // 5. ChangeCipherSpec, then Finished under the new keys.
        self.send_record(crate::wire::ContentType::CHANGE_CIPHER_SPEC, &[1]);
        self.set_write12(&pending.keys);
        let data = verify_data(&pending.master, true, &sha256(&self.transcript));
        self.send_handshake(&HandshakeMessage::Finished(data.to_vec()), true);
        Ok(State::Client12ExpectChangeCipherSpec(Box::new(pending)))
    }

    /// The master secret and key block from the pre-master secret (RFC 7627 §4 when
    /// `extended`: bound to the transcript through ClientKeyExchange), logged for Wireshark as
    /// `CLIENT_RANDOM`. Both roles use it.
    pub(super) fn derive12(
        &mut self,
        pre_master: &[u8],
        extended: bool,
        server_random: &[u8; 32],
    ) -> Pending12 {
        let session_hash = sha256(&self.transcript);
        let client_random = self.client_random;
        let master = master_secret(
            pre_master,
            extended,
            &session_hash,
            &client_random,
            server_random,
        );
        let keys = KeyBlock::derive(&master, &client_random, server_random);
        self.key(KeyKind::Tls12MasterSecret, KeyAction::Derived, &master);
        self.key(KeyKind::Tls12KeyBlock, KeyAction::Derived, &keys.to_bytes());
        self.keylog.push(super::KeyLogLine {
            label: "CLIENT_RANDOM".into(),
            client_random: client_random.to_vec(),
            secret: master.to_vec(),
        });
        Pending12 { master, keys }
    }

    pub(super) fn client12_on_finished(
        &mut self,
        pending: &Pending12,
        data: &[u8],
    ) -> Result<State, Error> {
        let expected = verify_data(&pending.master, false, &sha256(&self.transcript));
        let r = Self::check_finished12(&expected, data);
        self.checked(CheckKind::ServerFinished, r)?;
        self.emit(Event::Note(Note::HandshakeComplete));
        Ok(State::Traffic)
    }
}
