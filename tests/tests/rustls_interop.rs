//! The engine against rustls (a real, independent TLS 1.3 stack with its own crypto), in
//! memory: rustls client ↔ engine server and engine client ↔ rustls server, one-way and
//! mutual, application data both ways, and certificate_required on both pairings.

use std::io::{Read, Write};
use std::sync::Arc;

use mtls_lab_engine::Error;
use mtls_lab_engine::LabRng;
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::handshake::{Connection, Versions};
use mtls_lab_engine::pki::{Pki, PkiOptions};
use mtls_lab_engine::wire::AlertDescription;
use rustls::pki_types::{
    CertificateDer, CertificateRevocationListDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName,
    UnixTime,
};
use rustls::server::WebPkiClientVerifier;

/// rustls checks validity against the real clock, so this PKI is made around the real "now".
fn pki(seed: u64) -> Pki {
    let now = UnixTime::now().as_secs() as i64;
    Pki::generate(&mut LabRng::from_seed(seed), &PkiOptions::default(), now)
}

fn now() -> i64 {
    UnixTime::now().as_secs() as i64
}

fn certs(chain: &[Vec<u8>]) -> Vec<CertificateDer<'static>> {
    chain
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect()
}

fn key(der: Vec<u8>) -> PrivateKeyDer<'static> {
    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(der))
}

fn roots(pki: &Pki) -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(pki.root.cert.clone()))
        .expect("our root parses in rustls");
    roots
}

fn rustls_client(pki: &Pki, with_cert: bool) -> rustls::ClientConnection {
    rustls_client_speaking(pki, with_cert, rustls::DEFAULT_VERSIONS)
}

fn rustls_server(pki: &Pki, mutual: bool) -> rustls::ServerConnection {
    rustls_server_speaking(pki, mutual, rustls::DEFAULT_VERSIONS)
}

fn engine_server(pki: &Pki, mutual: bool) -> Connection {
    engine_server_of(pki, mutual, Versions::Tls13Only)
}

fn engine_client(pki: &Pki, with_cert: bool, share: Group) -> Connection {
    let mut config = mtls_lab_engine::scenario::client_config(pki, with_cert);
    config.now = now();
    config.key_share_groups = vec![share];
    Connection::client(config, LabRng::from_seed(12))
}

/// Moves bytes both ways until neither side has anything to send. Returns the first error
/// each side saw.
fn pump<S: std::ops::DerefMut<Target = rustls::ConnectionCommon<D>>, D: rustls::SideData>(
    engine: &mut Connection,
    peer: &mut S,
) -> (Option<Error>, Option<rustls::Error>) {
    let (mut engine_err, mut peer_err) = (None, None);
    for _ in 0..50 {
        let mut moved = false;
        let mut to_engine = Vec::new();
        while peer.wants_write() {
            if peer.write_tls(&mut to_engine).unwrap_or(0) == 0 {
                break;
            }
        }
        if !to_engine.is_empty() {
            moved = true;
            if let Err(e) = engine.read_tls(&to_engine) {
                engine_err.get_or_insert(e);
            }
        }
        let to_peer = engine.take_tls();
        if !to_peer.is_empty() {
            moved = true;
            let mut slice = &to_peer[..];
            while !slice.is_empty() {
                if peer.read_tls(&mut slice).unwrap_or(0) == 0 {
                    break;
                }
                if let Err(e) = peer.process_new_packets() {
                    peer_err.get_or_insert(e);
                    break;
                }
            }
        }
        if !moved {
            break;
        }
    }
    (engine_err, peer_err)
}

fn read_all<D: rustls::SideData, S: std::ops::DerefMut<Target = rustls::ConnectionCommon<D>>>(
    peer: &mut S,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = peer.reader().read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

fn rustls_client_against_engine_server(mutual: bool) {
    let pki = pki(1);
    let mut server = engine_server(&pki, mutual);
    let mut client = rustls_client(&pki, mutual);
    client
        .writer()
        .write_all(b"ping from rustls")
        .expect("buffered");
    let (e, r) = pump(&mut server, &mut client);
    assert_eq!((e, r), (None, None));
    assert!(!client.is_handshaking() && !server.is_handshaking());
    assert_eq!(server.take_app_data(), b"ping from rustls");
    assert_eq!(client.alpn_protocol(), Some(&b"http/1.1"[..]));
    if mutual {
        assert_eq!(
            server.negotiated().peer_chain,
            pki.client.chain,
            "the server saw the client's chain"
        );
    }
    server
        .send_app_data(b"pong from the engine")
        .expect("traffic");
    assert_eq!(pump(&mut server, &mut client), (None, None));
    assert_eq!(read_all(&mut client), b"pong from the engine");
}

fn engine_client_against_rustls_server(mutual: bool, share: Group) {
    let pki = pki(2);
    let mut client = engine_client(&pki, mutual, share);
    let mut server = rustls_server(&pki, mutual);
    assert_eq!(pump(&mut client, &mut server), (None, None));
    assert!(!client.is_handshaking() && !server.is_handshaking());
    // rustls's server picks the group in its own order of preference (x25519 first) among
    // those the client supports, and asks with a HelloRetryRequest when the client sent no
    // share for it (RFC 8446 §4.1.4): an engine that led with a P-256 share is asked for
    // x25519, and both end on it.
    let rustls_group = server
        .negotiated_key_exchange_group()
        .map(|g| u16::from(g.name()));
    assert_eq!(rustls_group, Some(Group::X25519.code()), "rustls's group");
    assert_eq!(
        client.negotiated().group,
        Some(Group::X25519),
        "the engine's group"
    );
    assert_eq!(
        client.negotiated().retried,
        share != Group::X25519,
        "a HelloRetryRequest exactly when the engine's share was not x25519"
    );
    if mutual {
        let peer = server
            .peer_certificates()
            .expect("rustls saw a client certificate");
        assert_eq!(peer[0].as_ref(), pki.client.cert.as_slice());
    }
    client
        .send_app_data(b"ping from the engine")
        .expect("traffic");
    server
        .writer()
        .write_all(b"pong from rustls")
        .expect("buffered");
    assert_eq!(pump(&mut client, &mut server), (None, None));
    assert_eq!(read_all(&mut server), b"ping from the engine");
    assert_eq!(client.take_app_data(), b"pong from rustls");
}

#[test]
fn rustls_client_completes_one_way_with_engine_server() {
    rustls_client_against_engine_server(false);
}

#[test]
fn rustls_client_completes_mutual_with_engine_server() {
    rustls_client_against_engine_server(true);
}

#[test]
fn engine_client_completes_one_way_with_rustls_server() {
    engine_client_against_rustls_server(false, Group::X25519);
}

#[test]
fn engine_client_completes_mutual_with_rustls_server() {
    engine_client_against_rustls_server(true, Group::X25519);
}

#[test]
fn engine_client_with_a_p256_share_is_asked_for_x25519_by_rustls_and_completes() {
    engine_client_against_rustls_server(true, Group::Secp256r1);
}

#[test]
fn engine_server_refuses_rustls_client_without_certificate() {
    let pki = pki(3);
    let mut server = engine_server(&pki, true);
    let mut client = rustls_client(&pki, false);
    let (e, r) = pump(&mut server, &mut client);
    assert_eq!(e, Some(Error::CertificateRequired));
    assert_eq!(
        r,
        Some(rustls::Error::AlertReceived(
            rustls::AlertDescription::CertificateRequired
        ))
    );
}

#[test]
fn rustls_server_refuses_engine_client_without_certificate() {
    let pki = pki(4);
    let mut client = engine_client(&pki, false, Group::X25519);
    let mut server = rustls_server(&pki, true);
    let (e, r) = pump(&mut client, &mut server);
    assert_eq!(
        e,
        Some(Error::PeerAlert(AlertDescription::CERTIFICATE_REQUIRED))
    );
    assert!(
        matches!(r, Some(rustls::Error::NoCertificatesPresented)),
        "rustls: {r:?}"
    );
}

#[test]
fn key_updates_cross_both_ways_with_rustls() {
    use mtls_lab_engine::handshake::{Event, Note};
    let pki = pki(3);
    let mut client = engine_client(&pki, true, Group::X25519);
    let mut server = rustls_server(&pki, true);
    assert_eq!(pump(&mut client, &mut server), (None, None));
    // (rustls sends no NewSessionTicket to a client that offers no psk_key_exchange_modes,
    // like ours; tickets are checked against OpenSSL's s_server in tcp_interop.rs.)
    client.take_events();

    // rustls asks for new keys; the engine follows and keeps talking.
    server
        .refresh_traffic_keys()
        .expect("rustls can update its keys");
    server
        .writer()
        .write_all(b"after rustls's update")
        .expect("buffered");
    assert_eq!(pump(&mut client, &mut server), (None, None));
    assert_eq!(client.take_app_data(), b"after rustls's update");
    assert!(
        client
            .take_events()
            .contains(&Event::Note(Note::KeysUpdated))
    );

    // The engine updates its own keys and asks rustls to update too.
    client.update_keys(true).expect("traffic phase");
    client
        .send_app_data(b"after the engine's update")
        .expect("traffic");
    server
        .writer()
        .write_all(b"reply after both updates")
        .expect("buffered");
    assert_eq!(pump(&mut client, &mut server), (None, None));
    assert_eq!(read_all(&mut server), b"after the engine's update");
    assert_eq!(client.take_app_data(), b"reply after both updates");
}

// ---------------------------------------------------------------------------------------------
// TLS 1.2 (RFC 5246): rustls with only TLS 1.2 enabled, against the engine speaking both
// versions; and the TLS 1.3 downgrade sentinel (RFC 8446 §4.1.3) judged by rustls.

/// A rustls client of `versions` trusting the lab's root, with alice's certificate if
/// `with_cert`.
fn rustls_client_speaking(
    pki: &Pki,
    with_cert: bool,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> rustls::ClientConnection {
    let builder = rustls::ClientConfig::builder_with_protocol_versions(versions)
        .with_root_certificates(roots(pki));
    let mut config = if with_cert {
        builder
            .with_client_auth_cert(certs(&pki.client.chain), key(pki.client.key.to_pkcs8_der()))
            .expect("client cert accepted")
    } else {
        builder.with_no_client_auth()
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = ServerName::try_from("server.example").expect("valid name");
    rustls::ClientConnection::new(Arc::new(config), name).expect("client starts")
}

/// A rustls server of `versions` with the lab's server certificate, requiring a client
/// certificate from the lab's root, checked against its CRL, if `mutual`.
fn rustls_server_speaking(
    pki: &Pki,
    mutual: bool,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> rustls::ServerConnection {
    let builder = rustls::ServerConfig::builder_with_protocol_versions(versions);
    let builder = if mutual {
        let verifier = WebPkiClientVerifier::builder(Arc::new(roots(pki)))
            .with_crls(vec![CertificateRevocationListDer::from(pki.crl.clone())])
            .only_check_end_entity_revocation()
            .build()
            .expect("verifier builds");
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let mut config = builder
        .with_single_cert(certs(&pki.server.chain), key(pki.server.key.to_pkcs8_der()))
        .expect("server cert accepted");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    rustls::ServerConnection::new(Arc::new(config)).expect("server starts")
}

fn engine_server_of(pki: &Pki, mutual: bool, versions: Versions) -> Connection {
    let mut config = mtls_lab_engine::scenario::server_config(pki, mutual);
    config.now = now();
    config.versions = versions;
    Connection::server(config, LabRng::from_seed(11))
}

fn engine_client_of(pki: &Pki, mutual: bool, versions: Versions) -> Connection {
    let mut config = mtls_lab_engine::scenario::client_config(pki, mutual);
    config.now = now();
    config.versions = versions;
    Connection::client(config, LabRng::from_seed(22))
}

const TLS12_ONLY: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS12];

#[test]
fn rustls_tls12_client_completes_one_way_and_mutual_with_engine_server() {
    use mtls_lab_engine::wire::handshake::TlsVersion;
    let pki = pki(31);
    for mutual in [false, true] {
        let mut server = engine_server_of(&pki, mutual, Versions::Both);
        let mut client = rustls_client_speaking(&pki, mutual, TLS12_ONLY);
        client
            .writer()
            .write_all(b"ping over 1.2")
            .expect("buffered");
        assert_eq!(pump(&mut server, &mut client), (None, None));
        assert_eq!(
            client.protocol_version(),
            Some(rustls::ProtocolVersion::TLSv1_2)
        );
        assert_eq!(
            client.negotiated_cipher_suite().map(|s| s.suite()),
            Some(rustls::CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
        );
        assert_eq!(server.negotiated().version, TlsVersion::Tls12);
        assert_eq!(server.take_app_data(), b"ping over 1.2");
        assert_eq!(server.negotiated().peer_chain.is_empty(), !mutual);
        server.send_app_data(b"pong over 1.2").expect("traffic");
        assert_eq!(pump(&mut server, &mut client), (None, None));
        assert_eq!(read_all(&mut client), b"pong over 1.2");
    }
}

#[test]
fn engine_client_completes_tls12_one_way_and_mutual_with_rustls_server() {
    use mtls_lab_engine::wire::handshake::TlsVersion;
    let pki = pki(32);
    for mutual in [false, true] {
        for versions in [Versions::Both, Versions::Tls12Only] {
            let mut client = engine_client_of(&pki, mutual, versions);
            let mut server = rustls_server_speaking(&pki, mutual, TLS12_ONLY);
            assert_eq!(pump(&mut client, &mut server), (None, None));
            assert_eq!(client.negotiated().version, TlsVersion::Tls12);
            assert_eq!(
                server.protocol_version(),
                Some(rustls::ProtocolVersion::TLSv1_2)
            );
            if mutual {
                let peer = server.peer_certificates().expect("a client certificate");
                assert_eq!(peer[0].as_ref(), pki.client.cert.as_slice());
            }
            client.send_app_data(b"ping over 1.2").expect("traffic");
            server
                .writer()
                .write_all(b"pong over 1.2")
                .expect("buffered");
            assert_eq!(pump(&mut client, &mut server), (None, None));
            assert_eq!(read_all(&mut server), b"ping over 1.2");
            assert_eq!(client.take_app_data(), b"pong over 1.2");
        }
    }
}

#[test]
fn engine_tls12_server_refuses_rustls_client_without_certificate_with_handshake_failure() {
    let pki = pki(33);
    let mut server = engine_server_of(&pki, true, Versions::Both);
    let mut client = rustls_client_speaking(&pki, false, TLS12_ONLY);
    let (e, r) = pump(&mut server, &mut client);
    assert_eq!(e, Some(Error::CertificateRequiredTls12));
    assert_eq!(
        r,
        Some(rustls::Error::AlertReceived(
            rustls::AlertDescription::HandshakeFailure
        ))
    );
}

/// Rewrites supported_versions in a ClientHello so that it lists TLS 1.2 where it listed 1.3
/// (what an on-path attacker that wants TLS 1.2 does; the list keeps its length).
fn strip_tls13(hello: &mut [u8]) {
    let at = hello
        .windows(2)
        .position(|w| w == [0x00, 0x2b])
        .expect("supported_versions");
    let list_len = hello[at + 4] as usize;
    for v in hello[at + 5..at + 5 + list_len].chunks_mut(2) {
        if v == [0x03, 0x04] {
            v[1] = 0x03;
        }
    }
}

/// The engine's server speaks 1.3 too, so when an attacker removes 1.3 from rustls's
/// ClientHello it ends its TLS 1.2 ServerHello.random with "DOWNGRD" 01: rustls sees it and
/// aborts with illegal_parameter.
#[test]
fn rustls_detects_the_downgrade_sentinel_of_the_engine_server() {
    let pki = pki(34);
    let mut server = engine_server_of(&pki, false, Versions::Both);
    let mut client = rustls_client_speaking(&pki, false, rustls::ALL_VERSIONS);
    let mut hello = Vec::new();
    client.write_tls(&mut hello).expect("a ClientHello");
    strip_tls13(&mut hello);
    server.read_tls(&hello).expect("the server takes TLS 1.2");
    let (_, r) = pump(&mut server, &mut client);
    assert_eq!(
        r,
        Some(rustls::Error::PeerMisbehaved(
            rustls::PeerMisbehaved::AttemptedDowngradeToTls12WhenTls13IsSupported
        )),
        "rustls: {r:?}"
    );
}

/// The same attack the other way round: rustls's server speaks 1.3, so its TLS 1.2
/// ServerHello carries the sentinel, and the engine's client refuses it.
#[test]
fn engine_client_detects_the_downgrade_sentinel_of_rustls() {
    let pki = pki(35);
    let mut client = engine_client_of(&pki, false, Versions::Both);
    let mut server = rustls_server_speaking(&pki, false, rustls::ALL_VERSIONS);
    let mut hello = client.take_tls();
    strip_tls13(&mut hello);
    let mut slice = &hello[..];
    server.read_tls(&mut slice).expect("read");
    server.process_new_packets().expect("rustls takes TLS 1.2");
    let (e, _) = pump(&mut client, &mut server);
    assert_eq!(e, Some(Error::Downgrade));
}

// ---------------------------------------------------------------------------------------------
// RSA-2048 certificates (`mtls-lab pki --key rsa`): every certificate signed
// sha256WithRSAEncryption, TLS 1.3's CertificateVerify rsa_pss_rsae_sha256, TLS 1.2's
// ECDHE-RSA. rustls checks our RSA signatures with its own crypto, and we check its.

fn rsa_pki(seed: u64) -> Pki {
    let options = PkiOptions {
        rsa_authorities: true,
        ..PkiOptions::default()
    };
    Pki::generate(&mut LabRng::from_seed(seed), &options, now())
}

#[test]
fn rsa_certificates_work_both_ways_with_rustls_over_tls13_and_tls12() {
    use mtls_lab_engine::wire::handshake::TlsVersion;
    let pki = rsa_pki(41);
    let both: &[&rustls::SupportedProtocolVersion] = rustls::ALL_VERSIONS;
    for (versions, expected, suite) in [
        (
            &[&rustls::version::TLS13][..],
            TlsVersion::Tls13,
            rustls::CipherSuite::TLS13_AES_128_GCM_SHA256,
        ),
        (
            TLS12_ONLY,
            TlsVersion::Tls12,
            rustls::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ),
    ] {
        for mutual in [false, true] {
            let what = format!("{expected:?}, mutual {mutual}");
            // rustls client, engine server.
            let mut server = engine_server_of(&pki, mutual, Versions::Both);
            let mut client = rustls_client_speaking(&pki, mutual, versions);
            client.writer().write_all(b"ping").expect("buffered");
            assert_eq!(pump(&mut server, &mut client), (None, None), "{what}");
            assert_eq!(
                client.negotiated_cipher_suite().map(|s| s.suite()),
                Some(suite),
                "{what}"
            );
            assert_eq!(server.negotiated().version, expected, "{what}");
            assert_eq!(server.take_app_data(), b"ping", "{what}");
            assert_eq!(server.negotiated().peer_chain.is_empty(), !mutual, "{what}");
            // Engine client, rustls server.
            let mut client = engine_client_of(&pki, mutual, Versions::Both);
            let mut server = rustls_server_speaking(&pki, mutual, versions);
            assert_eq!(pump(&mut client, &mut server), (None, None), "{what}");
            assert_eq!(client.negotiated().version, expected, "{what}");
            assert_eq!(
                server.negotiated_cipher_suite().map(|s| s.suite()),
                Some(suite),
                "{what}"
            );
            if mutual {
                let peer = server.peer_certificates().expect("a client certificate");
                assert_eq!(peer[0].as_ref(), pki.client.cert.as_slice(), "{what}");
            }
            client.send_app_data(b"ping").expect("traffic");
            assert_eq!(pump(&mut client, &mut server), (None, None), "{what}");
            assert_eq!(read_all(&mut server), b"ping", "{what}");
        }
    }
    // A rustls client that speaks both versions gets TLS 1.3 with the RSA certificate.
    let mut server = engine_server_of(&pki, true, Versions::Both);
    let mut client = rustls_client_speaking(&pki, true, both);
    assert_eq!(pump(&mut server, &mut client), (None, None));
    assert_eq!(server.negotiated().version, TlsVersion::Tls13);
}
