//! TLS 1.2 (RFC 5246) beside TLS 1.3: version negotiation as RFC 8446 §4.2.1 has it, the
//! downgrade sentinel (§4.1.3), and the ECDHE-ECDSA handshake one-way and mutual, between the
//! engine's own ends. Real peers judge the same handshakes in `tests/tests/tcp_interop.rs`.

use std::sync::OnceLock;

use mtls_lab_engine::Error;
use mtls_lab_engine::handshake::{Connection, Versions};
use mtls_lab_engine::pki::{Pki, PkiOptions};
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::{self, LAB_NOW};
use mtls_lab_engine::wire::handshake::{DOWNGRADE_TLS12, TlsVersion};
use mtls_lab_engine::wire::{AlertDescription, Record};

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        Pki::generate(
            &mut LabRng::from_seed(0x5246),
            &PkiOptions::default(),
            LAB_NOW,
        )
    })
}

fn pair(client: Versions, server: Versions, mutual: bool) -> (Connection, Connection) {
    let mut c = scenario::client_config(pki(), mutual);
    c.versions = client;
    let mut s = scenario::server_config(pki(), mutual);
    s.versions = server;
    (
        Connection::client(c, LabRng::from_seed(1)),
        Connection::server(s, LabRng::from_seed(2)),
    )
}

/// Moves bytes both ways until neither side sends; `tamper` may change what the client sends.
fn pump(
    client: &mut Connection,
    server: &mut Connection,
    tamper: &mut dyn FnMut(Vec<u8>) -> Vec<u8>,
) {
    for _ in 0..20 {
        let to_server = client.take_tls();
        let to_client = server.take_tls();
        if to_server.is_empty() && to_client.is_empty() {
            return;
        }
        if !to_server.is_empty() {
            let _ = server.read_tls(&tamper(to_server));
        }
        if !to_client.is_empty() {
            let _ = client.read_tls(&to_client);
        }
    }
}

fn exchange(client: &mut Connection, server: &mut Connection) {
    pump(client, server, &mut |b| b);
    client
        .send_app_data(b"GET / HTTP/1.1\r\n\r\n")
        .expect("client sends");
    pump(client, server, &mut |b| b);
    assert_eq!(server.take_app_data(), b"GET / HTTP/1.1\r\n\r\n");
    server.send_app_data(b"hello").expect("server sends");
    pump(client, server, &mut |b| b);
    assert_eq!(client.take_app_data(), b"hello");
}

#[test]
fn both_ends_speaking_both_versions_choose_tls13() {
    let (mut c, mut s) = pair(Versions::Both, Versions::Both, true);
    exchange(&mut c, &mut s);
    assert_eq!(c.negotiated().version, TlsVersion::Tls13);
    assert_eq!(s.negotiated().version, TlsVersion::Tls13);
}

#[test]
fn a_tls12_only_client_gets_tls12_one_way_and_mutual() {
    for mutual in [false, true] {
        for server in [Versions::Both, Versions::Tls12Only] {
            let (mut c, mut s) = pair(Versions::Tls12Only, server, mutual);
            exchange(&mut c, &mut s);
            assert_eq!(c.negotiated().version, TlsVersion::Tls12, "mutual {mutual}");
            assert_eq!(s.negotiated().version, TlsVersion::Tls12);
            assert_eq!(
                s.negotiated().peer_chain.is_empty(),
                !mutual,
                "the server holds the client's chain only in mutual TLS"
            );
            // Both ends log the same master secret under the client random.
            let line = |conn: &Connection| {
                conn.keylog()
                    .iter()
                    .find(|l| l.label == "CLIENT_RANDOM")
                    .map(|l| l.to_line())
            };
            assert!(line(&c).is_some());
            assert_eq!(line(&c), line(&s));
        }
    }
}

#[test]
fn a_client_of_both_versions_takes_tls12_from_a_tls12_only_server() {
    let (mut c, mut s) = pair(Versions::Both, Versions::Tls12Only, true);
    exchange(&mut c, &mut s);
    assert_eq!(c.negotiated().version, TlsVersion::Tls12);
}

#[test]
fn a_tls13_only_server_refuses_a_tls12_only_client_with_protocol_version() {
    let (mut c, mut s) = pair(Versions::Tls12Only, Versions::Tls13Only, false);
    pump(&mut c, &mut s, &mut |b| b);
    assert_eq!(s.error(), Some(&Error::ProtocolVersion));
    assert_eq!(
        c.error(),
        Some(&Error::PeerAlert(AlertDescription::PROTOCOL_VERSION))
    );
}

/// RFC 8446 §4.1.3: a server that speaks TLS 1.3 and negotiates 1.2 ends ServerHello.random with
/// "DOWNGRD" 01; a client that offered 1.3 and sees it aborts with illegal_parameter. Here an
/// on-path attacker rewrites the client's supported_versions so that it lists only TLS 1.2
/// (0x0304 becomes 0x0303, same length).
#[test]
fn a_client_offering_tls13_detects_the_downgrade_sentinel() {
    let (mut c, mut s) = pair(Versions::Both, Versions::Both, false);
    let mut first = true;
    pump(&mut c, &mut s, &mut |mut bytes| {
        if std::mem::take(&mut first) {
            // supported_versions (0x002b), length 5, list length 4: 0304 0303.
            let needle = [0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03];
            let at = bytes
                .windows(needle.len())
                .position(|w| w == needle)
                .expect("the ClientHello offers 1.3 and 1.2");
            bytes[at + 6] = 0x03;
        }
        bytes
    });
    assert_eq!(s.negotiated().version, TlsVersion::Tls12);
    assert_eq!(c.error(), Some(&Error::Downgrade));
    assert_eq!(
        s.error(),
        Some(&Error::PeerAlert(AlertDescription::ILLEGAL_PARAMETER))
    );
}

#[test]
fn a_tls12_only_server_does_not_write_the_sentinel() {
    let (mut c, mut s) = pair(Versions::Tls12Only, Versions::Tls12Only, false);
    let mut hello = Vec::new();
    let _ = s.read_tls(&c.take_tls());
    let mut out = s.take_tls();
    let record = Record::take(&mut out).expect("frames").expect("a record");
    hello.extend_from_slice(&record.fragment);
    // ServerHello: type, length (4), version (2), random (32).
    assert_ne!(hello[4 + 2 + 24..4 + 2 + 32], DOWNGRADE_TLS12);
}

#[test]
fn tls12_refuses_a_missing_client_certificate_with_handshake_failure() {
    // The client has no certificate to send; the server requires one.
    let (mut c, _) = pair(Versions::Tls12Only, Versions::Both, false);
    let (_, mut s) = pair(Versions::Tls12Only, Versions::Both, true);
    pump(&mut c, &mut s, &mut |b| b);
    assert_eq!(s.error(), Some(&Error::CertificateRequiredTls12));
    assert_eq!(
        c.error(),
        Some(&Error::PeerAlert(AlertDescription::HANDSHAKE_FAILURE))
    );
}

#[test]
fn a_flipped_bit_in_a_tls12_record_is_bad_record_mac() {
    let (mut c, mut s) = pair(Versions::Tls12Only, Versions::Tls12Only, false);
    pump(&mut c, &mut s, &mut |b| b);
    c.send_app_data(b"secret").expect("sends");
    let mut wire = c.take_tls();
    let last = wire.len() - 1;
    wire[last] ^= 1;
    assert_eq!(s.read_tls(&wire), Err(Error::BadRecordMac));
}

/// The facts the page's comparison shows, read off the two real runs.
#[test]
fn the_two_versions_differ_as_the_comparison_says() {
    use mtls_lab_engine::facts::HandshakeFacts;
    use mtls_lab_engine::handshake::CheckKind;
    use mtls_lab_engine::scenario::run_scenario;
    use mtls_lab_engine::trace::Participant;
    let tls13 = HandshakeFacts::of(&run_scenario("mutual", 5).expect("a lesson"));
    let tls12 = HandshakeFacts::of(&run_scenario("tls12-mutual", 5).expect("a lesson"));
    assert_eq!((tls13.round_trips, tls12.round_trips), (1, 2));
    let names = |f: &HandshakeFacts| {
        f.in_clear
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&tls13), ["ClientHello", "ServerHello"]);
    assert_eq!(
        names(&tls12),
        [
            "ClientHello",
            "ServerHello",
            "Certificate",
            "ServerKeyExchange",
            "CertificateRequest",
            "ServerHelloDone",
            "Certificate",
            "ClientKeyExchange",
            "CertificateVerify"
        ]
    );
    assert_eq!(tls12.in_clear[6].0, Participant::Client);
    assert!(!tls13.client_certificate_in_clear && tls12.client_certificate_in_clear);
    assert_eq!(tls13.server_proof, Some(CheckKind::ServerCertificateVerify));
    assert_eq!(
        tls12.server_proof,
        Some(CheckKind::ServerKeyExchangeSignature)
    );
    assert_eq!(tls13.only_here(&tls12), ["EncryptedExtensions"]);
    assert_eq!(
        tls12.only_here(&tls13),
        ["ServerKeyExchange", "ServerHelloDone", "ClientKeyExchange"]
    );
    assert!(tls13.ephemeral && tls12.ephemeral);
    // Without the server's ephemeral key (as RSA key transport will be) there is no forward
    // secrecy to claim; a run refused before any signature has no proof.
    let mut trace = run_scenario("tls12-mutual", 5).expect("a lesson");
    for s in &mut trace.steps {
        s.events.retain(|e| {
            !matches!(&e.event, mtls_lab_engine::handshake::Event::Key(k)
                if k.key == mtls_lab_engine::handshake::KeyKind::ServerEphemeralPrivate)
        });
    }
    assert!(!HandshakeFacts::of(&trace).ephemeral);
    let refused = HandshakeFacts::of(&run_scenario("downgrade", 5).expect("a lesson"));
    assert_eq!(refused.server_proof, None);
}
