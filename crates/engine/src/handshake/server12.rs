//! The server's side of a TLS 1.2 handshake (RFC 5246 §7.3) with
//! TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 8422) or
//! TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288), the extended master secret (RFC 7627) and
//! renegotiation_info (RFC 5746), entered when a ClientHello offers TLS 1.2 and not TLS 1.3
//! (or the server speaks only 1.2). The flow is drawn in `client12.rs`.

use super::events::{CheckKind, Event, KeyAction, KeyKind, Note};
use super::{ClientAuth, Connection, Peer, PeerCertificate, Pending12, State};
use crate::crypto::tls12::verify_data;
use crate::crypto::{KeyShare, sha256};
use crate::error::{Error, NoCommon, RequiredExtension};
use crate::pki::{self, Role as PkiRole};
use crate::wire::ContentType;
use crate::wire::handshake::{
    ClientHello, DOWNGRADE_TLS12, ECDSA_SIGN, Extension, HandshakeMessage, RSA_SIGN, ServerHello,
    ServerKeyExchange, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_GCM_SHA256, TLS12, TlsVersion, ext,
    find,
};

/// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): a client's way of saying "secure
/// renegotiation" in its cipher suites instead of the extension.
const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00ff;

/// Whether a TLS 1.2 suite fits a certificate's key: ECDHE_ECDSA an ECDSA key, the two RSA
/// suites an RSA key (in builds that speak RSA).
pub(super) fn suite_fits(suite: u16, rsa_key: bool) -> bool {
    match suite {
        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => !rsa_key,
        TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 | TLS_RSA_WITH_AES_128_GCM_SHA256 => {
            rsa_key && cfg!(feature = "rsa")
        }
        _ => false,
    }
}

/// The client's key exchange as the server's ClientKeyExchange handler takes it.
pub(super) enum ClientKx<'a> {
    /// An ephemeral ECDH public key.
    Ecdhe(&'a [u8]),
    /// A pre-master secret encrypted with the server's RSA key.
    Rsa(&'a [u8]),
}

/// What the server carries from its flight to the client's ClientKeyExchange.
pub(super) struct Hs {
    server_random: [u8; 32],
    extended: bool,
    /// The server's ephemeral key (ECDHE suites); `None` with RSA key transport.
    share: Option<KeyShare>,
    /// ClientHello.client_version, which an RSA-encrypted pre-master secret must start with.
    client_version: u16,
    /// The client's certificate, once checked; `None` until it arrives (or when none was
    /// asked for).
    peer: Option<PeerCertificate>,
}

impl Connection {
    pub(super) fn server12_on_client_hello(
        &mut self,
        ch: ClientHello,
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.early_data_skipped = None;
        self.checked(CheckKind::SupportedVersion, Ok(()))?;
        // The first of our suites that the client offers and our certificate's key can serve.
        let identity = self.server_config().identity.clone();
        let rsa_key = identity.is_rsa();
        let suite = self
            .server_config()
            .tls12_suites
            .iter()
            .copied()
            .find(|s| ch.cipher_suites.contains(s) && suite_fits(*s, rsa_key));
        let r = suite.ok_or(Error::HandshakeFailure(NoCommon::CipherSuite));
        let suite = self.checked(CheckKind::CipherSuite, r)?;
        let ecdhe = suite != TLS_RSA_WITH_AES_128_GCM_SHA256;
        // RFC 5246 §7.4.1.4.1: without signature_algorithms a client means SHA-1, which this
        // server does not sign with.
        let sig_algs = find(&ch.extensions, |e| match e {
            Extension::SignatureAlgorithms(v) => Some(v.clone()),
            _ => None,
        })
        .unwrap_or_default();
        // With ECDHE the server signs its key and needs a group; RSA key transport needs
        // neither (and the client's supported_groups, for ECC suites only, may be absent).
        let mut signing = None;
        if ecdhe {
            let client_groups = find(&ch.extensions, |e| match e {
                Extension::SupportedGroups(v) => Some(v.clone()),
                _ => None,
            })
            .ok_or(Error::MissingExtension(RequiredExtension::SupportedGroups))?;
            // RFC 8422 §5.1: in TLS 1.2 the client's curves bind the server's ECDSA certificate
            // too, so a client that does not list P-256 cannot take our P-256 signatures
            // (OpenSSL's client refuses them: "wrong curve").
            let curve_ok =
                rsa_key || client_groups.contains(&crate::crypto::Group::Secp256r1.code());
            let r = identity
                .scheme(&sig_algs, true)
                .filter(|_| curve_ok)
                .ok_or(Error::HandshakeFailure(NoCommon::SignatureScheme));
            let scheme = self.checked(CheckKind::SignatureScheme, r)?;
            let group =
                Self::server_choose_group(&self.server_config().groups, &client_groups, &[]);
            let r = group.ok_or(Error::HandshakeFailure(NoCommon::Group));
            signing = Some((scheme, self.checked(CheckKind::GroupInCommon, r)?));
        }
        let server_name = find(&ch.extensions, |e| match e {
            Extension::ServerName(n) => n.clone(),
            _ => None,
        });
        let alpn = self.server_choose_alpn(&ch.extensions)?;
        let offers = |code| ch.extensions.iter().any(|e| e.code() == code);
        let extended = offers(ext::EXTENDED_MASTER_SECRET);
        let secure_renegotiation = offers(ext::RENEGOTIATION_INFO)
            || ch.cipher_suites.contains(&EMPTY_RENEGOTIATION_INFO_SCSV);
        self.client_random = ch.random;
        self.negotiated.version = TlsVersion::Tls12;
        self.negotiated.cipher_suite = suite;
        self.negotiated.server_name = server_name.clone();
        self.negotiated.group = signing.map(|(_, g)| g);
        self.negotiated.alpn = alpn.clone();
        self.transcript.extend_from_slice(bytes);

        // 1. ServerHello. A server that also speaks TLS 1.3 ends its random with the downgrade
        // sentinel (RFC 8446 §4.1.3), so a 1.3 client can tell that 1.3 was taken out.
        let mut server_random = self.rng.bytes::<32>();
        if self.server_config().versions.tls13() {
            server_random[24..].copy_from_slice(&DOWNGRADE_TLS12);
        }
        let mut extensions = Vec::new();
        if server_name.is_some() {
            extensions.push(Extension::ServerName(None));
        }
        if secure_renegotiation {
            // An empty renegotiated_connection: this is the first handshake (RFC 5746 §3.6).
            extensions.push(Extension::Unknown(ext::RENEGOTIATION_INFO, vec![0]));
        }
        if extended {
            extensions.push(Extension::Unknown(ext::EXTENDED_MASTER_SECRET, Vec::new()));
        }
        if offers(ext::EC_POINT_FORMATS) && ecdhe {
            // uncompressed only (RFC 8422 §5.2).
            extensions.push(Extension::Unknown(ext::EC_POINT_FORMATS, vec![1, 0]));
        }
        if let Some(p) = alpn {
            extensions.push(Extension::Alpn(vec![p]));
        }
        self.send_handshake(
            &HandshakeMessage::ServerHello(ServerHello {
                legacy_version: TLS12,
                random: server_random,
                // No session id: this server does not resume sessions (RFC 5246 §7.4.1.3).
                session_id: Vec::new(),
                cipher_suite: suite,
                extensions,
            }),
            true,
        );

        // 2. Certificate, in the clear: anyone on the path reads it.
        self.send_handshake(
            &HandshakeMessage::Certificate12(identity.chain.clone()),
            true,
        );

        // 3. ServerKeyExchange (ECDHE only): an ephemeral key, signed over both randoms. With
        // RSA key transport there is none: the client encrypts to the certificate's key.
        let share = signing.map(|(scheme, group)| {
            let share = self.generate_share(group);
            let unsigned = ServerKeyExchange {
                group: group.code(),
                public: share.public().to_vec(),
                scheme: scheme.code(),
                signature: Vec::new(),
            };
            let content = unsigned.signed_content(&self.client_random, &server_random);
            self.send_signed(&identity, (scheme, &content), |signature| {
                HandshakeMessage::ServerKeyExchange(ServerKeyExchange {
                    signature,
                    ..unsigned
                })
            });
            share
        });

        // 4. [CertificateRequest], ServerHelloDone.
        let cfg = self.server_config();
        let requesting = if let ClientAuth::Required { root, .. } = &cfg.client_auth {
            let authorities = pki::subject_dn(root).into_iter().collect();
            let schemes: Vec<u16> = cfg.signature_schemes.iter().map(|s| s.code()).collect();
            let mut types = Vec::new();
            if cfg.signature_schemes.iter().any(|s| s.code() != 0x0403) {
                types.push(RSA_SIGN);
            }
            if schemes.contains(&0x0403) {
                types.push(ECDSA_SIGN);
            }
            Some(HandshakeMessage::CertificateRequest12 {
                types,
                schemes,
                authorities,
            })
        } else {
            None
        };
        if let Some(cr) = &requesting {
            self.send_handshake(cr, true);
        }
        self.send_handshake(&HandshakeMessage::ServerHelloDone, true);
        let hs = Box::new(Hs {
            server_random,
            extended,
            share,
            client_version: ch.legacy_version,
            peer: None,
        });
        Ok(if requesting.is_some() {
            State::Server12ExpectCertificate(hs)
        } else {
            State::Server12ExpectClientKeyExchange(hs)
        })
    }

    pub(super) fn server12_on_certificate(
        &mut self,
        mut hs: Box<Hs>,
        chain: Vec<Vec<u8>>,
        bytes: &[u8],
    ) -> Result<State, Error> {
        self.transcript.extend_from_slice(bytes);
        let ClientAuth::Required { root, crls } = &self.server_config().client_auth else {
            return Err(Error::UnexpectedMessage {
                got: crate::error::Received::Message("Certificate".into()),
                expected: crate::error::Expecting::ClientKeyExchange,
            });
        };
        let (root, crls) = (root.clone(), crls.clone());
        let r = if chain.is_empty() {
            Err(Error::CertificateRequiredTls12)
        } else {
            Ok(())
        };
        self.checked(CheckKind::ClientCertificatePresent, r)?;
        let now = self.server_config().now;
        hs.peer = Some(self.check_peer_chain(
            Peer::Client,
            &PkiRole::Client,
            (&root, &crls, now),
            chain,
        )?);
        Ok(State::Server12ExpectClientKeyExchange(hs))
    }

    pub(super) fn server12_on_client_key_exchange(
        &mut self,
        hs: Box<Hs>,
        kx: ClientKx<'_>,
        bytes: &[u8],
    ) -> Result<State, Error> {
        let pre_master = match (&hs.share, kx) {
            (Some(share), ClientKx::Ecdhe(client_public)) => {
                self.key(
                    KeyKind::ClientEphemeralPublic,
                    KeyAction::Received,
                    client_public,
                );
                let pre_master = share.agree(client_public).map_err(Error::Crypto)?;
                self.key(
                    KeyKind::ServerEphemeralPrivate,
                    KeyAction::Used,
                    share.secret(),
                );
                pre_master.to_vec()
            }
            (None, ClientKx::Rsa(encrypted)) => {
                self.decrypt_pre_master(encrypted, hs.client_version)
            }
            // The body of the other key exchange than the suite's.
            _ => {
                return Err(Error::Decode(crate::wire::DecodeError {
                    field: "ClientKeyExchange".into(),
                    kind: crate::wire::codec::DecodeErrorKind::Invalid,
                }));
            }
        };
        self.key(KeyKind::SharedSecret, KeyAction::Derived, &pre_master);
        self.transcript.extend_from_slice(bytes);
        let pending = Box::new(self.derive12(&pre_master, hs.extended, &hs.server_random));
        Ok(if hs.peer.is_some() {
            State::Server12ExpectCertificateVerify(hs, pending)
        } else {
            State::Server12ExpectChangeCipherSpec(pending)
        })
    }

    /// RSA key transport: the pre-master secret the client encrypted with our public key, which
    /// only our private key decrypts. As RFC 5246 §7.4.7.1 requires, a ciphertext that does
    /// not decrypt to a 48-byte secret starting with the client's version is not an error here:
    /// a random secret stands in, and the handshake fails at Finished, so an attacker learns
    /// nothing from how the server answers (Bleichenbacher's attack).
    fn decrypt_pre_master(&mut self, encrypted: &[u8], client_version: u16) -> Vec<u8> {
        let identity = self.server_config().identity.clone();
        match identity.own_key() {
            #[cfg(feature = "rsa")]
            Some(crate::crypto::PrivateKey::Rsa(key)) => {
                let (pre_master, _used) =
                    key.decrypt_pre_master(encrypted, client_version, &mut self.rng);
                self.key(
                    KeyKind::ServerPrivateKey,
                    KeyAction::Used,
                    &key.secret_bytes(),
                );
                pre_master.to_vec()
            }
            // Without the certificate's RSA key (an impostor) nothing decrypts: a random secret.
            _ => {
                let _ = (encrypted, client_version);
                self.rng.bytes::<48>().to_vec()
            }
        }
    }

    /// The client's CertificateVerify: a signature over every handshake message before it.
    pub(super) fn server12_on_certificate_verify(
        &mut self,
        hs: &mut Hs,
        pending: Box<Pending12>,
        scheme: u16,
        signature: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        let mut peer = hs.peer.take().unwrap_or_default();
        let content = std::mem::take(&mut self.transcript);
        let r = self.check_possession(
            Peer::Client,
            &mut peer,
            (scheme, signature),
            &content,
            CheckKind::ClientCertificateVerify,
        );
        self.transcript = content;
        r?;
        self.transcript.extend_from_slice(bytes);
        Ok(State::Server12ExpectChangeCipherSpec(pending))
    }

    /// The client's Finished, under its new keys; ours follows after our ChangeCipherSpec.
    pub(super) fn server12_on_finished(
        &mut self,
        pending: &Pending12,
        data: &[u8],
        bytes: &[u8],
    ) -> Result<State, Error> {
        let expected = verify_data(&pending.master, true, &sha256(&self.transcript));
        let r = Self::check_finished12(&expected, data);
        self.checked(CheckKind::ClientFinished, r)?;
        self.transcript.extend_from_slice(bytes);
        self.send_record(ContentType::CHANGE_CIPHER_SPEC, &[1]);
        self.set_write12(&pending.keys);
        let data = verify_data(&pending.master, false, &sha256(&self.transcript));
        self.send_handshake(&HandshakeMessage::Finished(data.to_vec()), true);
        self.emit(Event::Note(Note::HandshakeComplete));
        Ok(State::Traffic)
    }
}
