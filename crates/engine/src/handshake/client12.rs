//! The client's side of a TLS 1.2 handshake (RFC 5246 §7.3) with
//! TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 8422) or
//! TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288), the extended master secret (RFC 7627) and
//! renegotiation_info (RFC 5746), entered when the server answers with a TLS 1.2 ServerHello.
//!
//! ```text
//!  ClientHello        -------->
//!                                 ServerHello, Certificate, ServerKeyExchange*,
//!                     <--------   [CertificateRequest], ServerHelloDone
//!  [Certificate], ClientKeyExchange, [CertificateVerify],
//!  ChangeCipherSpec, Finished  -->
//!                     <--------   ChangeCipherSpec, Finished
//!
//!  * ECDHE only. With RSA key transport the ClientKeyExchange carries the pre-master secret
//!    encrypted with the server's public key, and only the server's Finished shows that the
//!    server could decrypt it.
//! ```

use super::events::{CheckKind, Event, KeyAction, KeyKind, Note};
use super::{Connection, Peer, PeerCertificate, Pending12, State};
use crate::crypto::tls12::{KeyBlock, master_secret, verify_data};
use crate::crypto::{Group, sha256};
use crate::error::{Error, Param};
use crate::pki::Role as PkiRole;
use crate::wire::handshake::{
    DOWNGRADE_TLS12, ECDSA_SIGN, Extension, HandshakeMessage, RSA_SIGN, ServerHello,
    ServerKeyExchange, TLS_RSA_WITH_AES_128_GCM_SHA256, TLS12, TlsVersion, ext, find,
    has_duplicates,
};

/// What the client carries from ServerHello to ServerHelloDone.
pub(super) struct Hs {
    server_random: [u8; 32],
    /// The suite the server chose.
    suite: u16,
    /// Whether the server agreed to the extended master secret.
    extended: bool,
    peer: PeerCertificate,
    /// The server's ephemeral key, once its signature is checked: (group, public key).
    server_share: Option<(Group, Vec<u8>)>,
    /// A CertificateRequest's certificate types and signature schemes, if the server sent one.
    pub(super) requested: Option<(Vec<u8>, Vec<u16>)>,
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
        let r = if self.client_config().tls12_suites.contains(&sh.cipher_suite) {
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
        self.negotiated.cipher_suite = sh.cipher_suite;
        self.transcript.extend_from_slice(bytes);
        Ok(State::Client12ExpectCertificate(Box::new(Hs {
            server_random: sh.random,
            suite: sh.cipher_suite,
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
        // The certificate's key must be the suite's kind (RFC 5246 §7.4.2).
        let rsa_key = chain
            .first()
            .is_some_and(|leaf| crate::pki::inspect::has_rsa_key(leaf));
        if !super::server12::suite_fits(hs.suite, rsa_key) {
            return Err(Error::IllegalParameter(Param::CipherSuite));
        }
        hs.peer = self.check_peer_chain(Peer::Server, &role, (&root, &[], now), chain)?;
        self.transcript.extend_from_slice(bytes);
        Ok(if hs.suite == TLS_RSA_WITH_AES_128_GCM_SHA256 {
            State::Client12ExpectCertificateRequestOrDone(hs)
        } else {
            State::Client12ExpectServerKeyExchange(hs)
        })
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
        mut hs: Hs,
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.transcript.extend_from_slice(bytes);
        let rsa_transport = hs.suite == TLS_RSA_WITH_AES_128_GCM_SHA256;
        if !rsa_transport && hs.server_share.is_none() {
            return Err(Error::IllegalParameter(Param::ServerHelloKeyShare));
        }
        // 1. Our certificate if asked (an empty list if we have none, or none of a type and
        // signature scheme the server takes: RFC 5246 §7.4.6).
        let signing = match (&hs.requested, self.client_config().identity.clone()) {
            (Some((types, schemes)), Some(identity)) => {
                let kind = if identity.is_rsa() {
                    RSA_SIGN
                } else {
                    ECDSA_SIGN
                };
                identity
                    .scheme(schemes, true)
                    .filter(|_| types.contains(&kind))
                    .map(|scheme| (scheme, identity))
            }
            _ => None,
        };
        if hs.requested.is_some() {
            let chain = signing
                .as_ref()
                .map(|(_, i)| i.chain.clone())
                .unwrap_or_default();
            self.send_handshake(&HandshakeMessage::Certificate12(chain), true);
        }

        // 2. The pre-master secret, and what carries it to the server.
        let (pre_master, unproven) = match hs.server_share.take() {
            // ECDHE: our ephemeral key; the pre-master secret is the ECDH shared secret's
            // x-coordinate, or the X25519 output (RFC 8422 §5.10).
            Some((group, server_public)) => {
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
                (pre_master.to_vec(), None)
            }
            // RSA key transport (RFC 5246 §7.4.7.1): 48 bytes, the version we offered then 46
            // random ones, encrypted with the public key of the server's certificate. Only the
            // holder of the matching private key can read it; we never need that key.
            None => {
                let mut pre_master = self.rng.bytes::<48>();
                pre_master[..2].copy_from_slice(&TLS12.to_be_bytes());
                self.key(KeyKind::SharedSecret, KeyAction::Generated, &pre_master);
                let public = hs.peer.leaf_public.clone().unwrap_or_default();
                let encrypted = encrypt_pre_master(&public, &pre_master, &mut self.rng)?;
                self.key(KeyKind::ServerPublicKey, KeyAction::Used, &public);
                self.send_handshake(&HandshakeMessage::ClientKeyExchangeRsa(encrypted), true);
                (pre_master.to_vec(), Some(std::mem::take(&mut hs.peer)))
            }
        };

        // 3. The master secret and the key block.
        let mut pending = self.derive12(&pre_master, hs.extended, &hs.server_random);
        pending.unproven = unproven;

        // 4. CertificateVerify: a signature over every handshake message so far.
        if let Some((scheme, identity)) = signing {
            let content = self.transcript.clone();
            self.send_signed(&identity, (scheme, &content), |signature| {
                HandshakeMessage::CertificateVerify {
                    scheme: scheme.code(),
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
        Pending12 {
            master,
            keys,
            unproven: None,
        }
    }

    pub(super) fn client12_on_finished(
        &mut self,
        pending: &mut Pending12,
        data: &[u8],
    ) -> Result<State, Error> {
        let expected = verify_data(&pending.master, false, &sha256(&self.transcript));
        let r = Self::check_finished12(&expected, data);
        // With RSA key transport this Finished is the server's only proof that it holds its
        // certificate's key: it could make it only from the pre-master secret it decrypted.
        if let Some(mut peer) = pending.unproven.take()
            && let Some(mut checklist) = peer.checklist.take()
        {
            checklist.set_possession(r.is_ok());
            self.emit(Event::Checklist(checklist));
        }
        self.checked(CheckKind::ServerFinished, r)?;
        self.emit(Event::Note(Note::HandshakeComplete));
        Ok(State::Traffic)
    }
}

/// The pre-master secret encrypted to the server's RSA public key.
fn encrypt_pre_master(
    public: &[u8],
    pre_master: &[u8],
    rng: &mut crate::rng::LabRng,
) -> Result<Vec<u8>, Error> {
    #[cfg(feature = "rsa")]
    {
        crate::crypto::rsa::encrypt_pkcs1(public, pre_master, rng).map_err(Error::Crypto)
    }
    #[cfg(not(feature = "rsa"))]
    {
        let _ = (public, pre_master, rng);
        Err(Error::Crypto(crate::crypto::CryptoError::BadPublicKey))
    }
}
