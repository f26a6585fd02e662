//! Conformance with RFC 8446 where a peer sends bytes the RFC forbids: each test feeds one
//! endpoint exactly the offending record and asserts the alert it answers with.
//!
//! - §4.6.3: a KeyUpdate whose `request_update` is neither 0 nor 1 is `illegal_parameter`.
//! - §5.1: a handshake message split across records with another record between the fragments
//!   is `unexpected_message`.
//! - §5.4: a protected Alert or Handshake record with zero-length content is
//!   `unexpected_message`; a TLSInnerPlaintext longer than 2^14 + 1 bytes is `record_overflow`,
//!   whatever its padding.
//! - §4.4.4: a Finished whose `verify_data` is not Hash.length (32) bytes does not parse:
//!   `decode_error`, on both sides.
//! - Appendix D.5: a ClientHello with `legacy_version` 0x0300 or lower is `protocol_version`.
//! - §4 and §6.2: a handshake message type that was not negotiated (compressed_certificate, 25)
//!   is `unexpected_message`.
//! - §4.2.10: early data the server declines (it never accepts 0-RTT) is skipped, records that
//!   fail to deprotect under the handshake keys, or after a HelloRetryRequest every
//!   application_data record until the second ClientHello, up to `MAX_EARLY_DATA_SKIPPED`
//!   bytes of payload (a record's fragment less the tag and the content type byte, at least 1
//!   byte each); more is `unexpected_message` (§4.6.1). Only a ClientHello that offers
//!   pre_shared_key beside early_data can have sent early data: without it, a record that does
//!   not open is `bad_record_mac`.
//! - Appendix D.5, the client's side: a ServerHello with `legacy_version` 0x0300 or lower is
//!   `protocol_version`.
//! - §4.2.1: a ServerHello whose supported_versions names a version the client did not offer,
//!   or one before TLS 1.3, is `illegal_parameter`.
//! - §4.1.1, §4.2.8: the server takes a group the client sent a key share for when it supports
//!   one, and sends a HelloRetryRequest only when it supports none of them.
//!
//! Protected records are forged with the traffic secrets from the endpoints' own key logs, at
//! the sequence number the receiver expects, so only the bytes under test are wrong.

use std::sync::OnceLock;

use mtls_lab_engine::Error;
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::crypto::key_schedule::{Secret, TrafficKeys};
use mtls_lab_engine::crypto::record::{RecordCipher, TAG_LEN};
use mtls_lab_engine::handshake::{
    ClientAuth, ClientConfig, Connection, Event, Identity, MAX_EARLY_DATA_SKIPPED, Note,
    ServerConfig,
};
use mtls_lab_engine::pki::{Pki, PkiOptions};
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::{self, LAB_NOW};
use mtls_lab_engine::wire::handshake::{Extension, HandshakeMessage, ext};
use mtls_lab_engine::wire::record::MAX_PLAINTEXT;
use mtls_lab_engine::wire::{AlertDescription, ContentType, Record};

// ---------------------------------------------------------------------------------------------
// The pair and the forger.

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        Pki::generate(
            &mut LabRng::from_seed(0x8446),
            &PkiOptions::default(),
            LAB_NOW,
        )
    })
}

/// The configuration of a one-way TLS client (no certificate of its own) that lists x25519
/// and P-256 and sends an x25519 key share.
fn client_config() -> ClientConfig {
    scenario::client_config(pki(), false)
}

/// A one-way TLS client (no certificate of its own).
fn client() -> Connection {
    Connection::client(client_config(), LabRng::from_seed(1))
}

/// The configuration of a server that supports x25519 and P-256 and asks for no client
/// certificate.
fn server_config() -> ServerConfig {
    scenario::server_config(pki(), false)
}

/// A server that asks for no client certificate.
fn server() -> Connection {
    Connection::server(server_config(), LabRng::from_seed(2))
}

/// Splits wire bytes into whole records.
fn records(mut wire: Vec<u8>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while let Ok(Some(r)) = Record::take(&mut wire) {
        out.push(r.to_bytes());
    }
    assert!(wire.is_empty(), "whole records only");
    out
}

/// A client and a server that completed the handshake. Neither has sent anything under its
/// application keys yet, so both expect sequence number 0 next.
fn established() -> (Connection, Connection) {
    let mut c = client();
    let mut s = server();
    s.read_tls(&c.take_tls()).expect("server reads ClientHello");
    c.read_tls(&s.take_tls())
        .expect("client reads the server's flight");
    s.read_tls(&c.take_tls())
        .expect("server reads the client's Finished");
    assert!(
        !c.is_handshaking() && !s.is_handshaking(),
        "handshake complete"
    );
    let _ = (c.take_events(), s.take_events());
    (c, s)
}

/// The traffic secret with this key-log label.
fn secret(conn: &Connection, label: &str) -> Secret {
    conn.keylog()
        .iter()
        .find(|l| l.label == label)
        .and_then(|l| Secret::try_from(l.secret.as_slice()).ok())
        .unwrap_or_else(|| panic!("{label} in the key log"))
}

/// Protects records as the peer would, under one traffic secret.
struct Forger(RecordCipher);

impl Forger {
    /// A forger whose next record has sequence number `seq`.
    fn at(secret: &Secret, seq: u64) -> Self {
        let mut cipher = RecordCipher::new(&TrafficKeys::from_secret(secret));
        for _ in 0..seq {
            cipher.seal(&[0; 5], &[]);
        }
        Self(cipher)
    }

    /// One protected record: TLSInnerPlaintext is `content`, the real type, `padding` zeros.
    fn record(&mut self, real_type: ContentType, content: &[u8], padding: usize) -> Vec<u8> {
        let mut inner = content.to_vec();
        inner.push(real_type.0);
        inner.resize(inner.len() + padding, 0);
        let header = Record::header(ContentType::APPLICATION_DATA, inner.len() + TAG_LEN);
        Record {
            content_type: ContentType::APPLICATION_DATA,
            version: 0x0303,
            fragment: self.0.seal(&header, &inner),
        }
        .to_bytes()
    }
}

/// An unprotected record.
fn plain(content_type: ContentType, fragment: &[u8]) -> Vec<u8> {
    Record {
        content_type,
        version: 0x0303,
        fragment: fragment.to_vec(),
    }
    .to_bytes()
}

/// Asserts that reading `result` ended `conn` with `alert`, and that the alert went out: the
/// connection recorded the failure with it and sent one fatal alert record carrying it.
fn assert_alert(conn: &mut Connection, result: Result<(), Error>, alert: AlertDescription) {
    let err = result.expect_err("the offending bytes are refused");
    assert_eq!(err.alert(), Some(alert), "{err}");
    assert_eq!(conn.error(), Some(&err));
    let events = conn.take_events();
    let failed = events.iter().find_map(|e| match e {
        Event::Failed { alert, .. } => Some(*alert),
        _ => None,
    });
    assert_eq!(failed, Some(Some(alert)));
    let sent: Vec<&[u8]> = events
        .iter()
        .filter_map(|e| match e {
            Event::RecordSent(r) if r.content_type == ContentType::ALERT => {
                Some(r.plaintext.as_slice())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        sent,
        [[2, alert.0].as_slice()],
        "one fatal alert on the wire"
    );
    assert!(!conn.take_tls().is_empty());
}

// ---------------------------------------------------------------------------------------------
// §4.6.3 KeyUpdate.

#[test]
fn key_update_with_request_update_2_is_illegal_parameter() {
    for request_update in [2u8, 0xff] {
        let (c, mut s) = established();
        let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
        let key_update = [24, 0, 0, 1, request_update];
        let r = s.read_tls(&forge.record(ContentType::HANDSHAKE, &key_update, 0));
        assert_alert(&mut s, r, AlertDescription::ILLEGAL_PARAMETER);
    }
}

#[test]
fn key_update_with_request_update_0_or_1_is_accepted() {
    for request_update in [0u8, 1] {
        let (c, mut s) = established();
        let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
        let key_update = [24, 0, 0, 1, request_update];
        s.read_tls(&forge.record(ContentType::HANDSHAKE, &key_update, 0))
            .expect("a well-formed KeyUpdate");
        assert_eq!(s.take_tls().is_empty(), request_update == 0);
    }
}

// ---------------------------------------------------------------------------------------------
// §5.1 No other record between the fragments of a handshake message.

#[test]
fn application_data_between_fragments_of_a_key_update_is_unexpected_message() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    s.read_tls(&forge.record(ContentType::HANDSHAKE, &[24, 0, 0], 0))
        .expect("the first fragment waits for the rest");
    let r = s.read_tls(&forge.record(ContentType::APPLICATION_DATA, b"hi", 0));
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
    assert!(
        s.take_app_data().is_empty(),
        "the interleaved data is dropped"
    );
}

#[test]
fn protected_alert_between_fragments_of_a_key_update_is_unexpected_message() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    s.read_tls(&forge.record(ContentType::HANDSHAKE, &[24, 0, 0], 0))
        .expect("the first fragment waits for the rest");
    // user_canceled is a warning the engine otherwise reads and ignores.
    let user_canceled = [1, AlertDescription::USER_CANCELED.0];
    let r = s.read_tls(&forge.record(ContentType::ALERT, &user_canceled, 0));
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn plaintext_alert_between_fragments_of_a_client_hello_is_unexpected_message() {
    let mut c = client();
    let mut s = server();
    let hello = Record::take(&mut c.take_tls())
        .ok()
        .flatten()
        .expect("the ClientHello record");
    let (first, rest) = hello.fragment.split_at(hello.fragment.len() / 2);
    s.read_tls(&plain(ContentType::HANDSHAKE, first))
        .expect("the first fragment waits for the rest");
    let user_canceled = [1, AlertDescription::USER_CANCELED.0];
    let r = s.read_tls(&plain(ContentType::ALERT, &user_canceled));
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
    assert!(
        s.read_tls(&plain(ContentType::HANDSHAKE, rest)).is_err(),
        "the rest of the ClientHello is not read"
    );
}

#[test]
fn client_hello_split_across_two_adjacent_records_is_accepted() {
    let mut c = client();
    let mut s = server();
    let hello = Record::take(&mut c.take_tls())
        .ok()
        .flatten()
        .expect("the ClientHello record");
    let (first, rest) = hello.fragment.split_at(hello.fragment.len() / 2);
    s.read_tls(&plain(ContentType::HANDSHAKE, first))
        .expect("the first fragment waits for the rest");
    s.read_tls(&plain(ContentType::HANDSHAKE, rest))
        .expect("the whole ClientHello");
    assert!(!s.take_tls().is_empty(), "the server answers");
}

// ---------------------------------------------------------------------------------------------
// §5.4 Record padding and the inner plaintext.

#[test]
fn empty_protected_alert_record_is_unexpected_message() {
    for padding in [0, 3] {
        let (c, mut s) = established();
        let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
        let r = s.read_tls(&forge.record(ContentType::ALERT, &[], padding));
        assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
    }
}

#[test]
fn empty_protected_handshake_record_is_unexpected_message() {
    for padding in [0, 3] {
        let (c, mut s) = established();
        let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
        let r = s.read_tls(&forge.record(ContentType::HANDSHAKE, &[], padding));
        assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
    }
}

#[test]
fn empty_protected_application_data_record_is_accepted() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    s.read_tls(&forge.record(ContentType::APPLICATION_DATA, &[], 5))
        .expect("zero-length application data may be sent (§5.1)");
}

#[test]
fn inner_plaintext_over_2_pow_14_plus_1_is_record_overflow_even_when_padding_shortens_content() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    // 10 bytes of content, the type byte, and padding to 2^14 + 2 bytes of TLSInnerPlaintext.
    let padding = MAX_PLAINTEXT + 2 - 11;
    let r = s.read_tls(&forge.record(ContentType::APPLICATION_DATA, b"0123456789", padding));
    assert_alert(&mut s, r, AlertDescription::RECORD_OVERFLOW);
    assert!(s.take_app_data().is_empty());
}

#[test]
fn inner_plaintext_of_exactly_2_pow_14_plus_1_is_accepted() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    let full = vec![b'x'; MAX_PLAINTEXT];
    s.read_tls(&forge.record(ContentType::APPLICATION_DATA, &full, 0))
        .expect("2^14 bytes of content and the type byte");
    let padded = MAX_PLAINTEXT + 1 - 11;
    s.read_tls(&forge.record(ContentType::APPLICATION_DATA, b"0123456789", padded))
        .expect("10 bytes of content, the type byte and padding up to 2^14 + 1");
    assert_eq!(s.take_app_data().len(), MAX_PLAINTEXT + 10);
}

// ---------------------------------------------------------------------------------------------
// §4.4.4 Finished.

/// The verify_data lengths that are not Hash.length for SHA-256.
const WRONG_FINISHED_LENGTHS: [usize; 4] = [0, 31, 33, 64];

fn finished(len: usize) -> Vec<u8> {
    let l = u8::try_from(len).expect("short test message");
    let mut m = vec![20, 0, 0, l];
    m.resize(4 + len, 0xa5);
    m
}

#[test]
fn server_finished_with_verify_data_not_32_bytes_is_decode_error() {
    for len in WRONG_FINISHED_LENGTHS {
        let mut c = client();
        let mut s = server();
        s.read_tls(&c.take_tls()).expect("server reads ClientHello");
        let flight = records(s.take_tls());
        // ServerHello, ChangeCipherSpec, then EncryptedExtensions, Certificate,
        // CertificateVerify and Finished, one protected record each.
        let (finished_record, before) = flight.split_last().expect("a flight");
        assert_eq!(finished_record[0], ContentType::APPLICATION_DATA.0);
        c.read_tls(&before.concat())
            .expect("client reads up to Finished");
        let protected_before = before
            .iter()
            .filter(|r| r[0] == ContentType::APPLICATION_DATA.0)
            .count() as u64;
        let secret = secret(&s, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
        let mut forge = Forger::at(&secret, protected_before);
        let r = c.read_tls(&forge.record(ContentType::HANDSHAKE, &finished(len), 0));
        assert_alert(&mut c, r, AlertDescription::DECODE_ERROR);
    }
}

#[test]
fn client_finished_with_verify_data_not_32_bytes_is_decode_error() {
    for len in WRONG_FINISHED_LENGTHS {
        let mut c = client();
        let mut s = server();
        s.read_tls(&c.take_tls()).expect("server reads ClientHello");
        c.read_tls(&s.take_tls())
            .expect("client reads the server's flight");
        // The client's own Finished is dropped; the forged one is the first record under the
        // client's handshake keys.
        let _ = c.take_tls();
        let _ = s.take_events();
        let mut forge = Forger::at(&secret(&c, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"), 0);
        let r = s.read_tls(&forge.record(ContentType::HANDSHAKE, &finished(len), 0));
        assert_alert(&mut s, r, AlertDescription::DECODE_ERROR);
    }
}

#[test]
fn finished_of_32_wrong_bytes_is_still_decrypt_error() {
    let mut c = client();
    let mut s = server();
    s.read_tls(&c.take_tls()).expect("server reads ClientHello");
    c.read_tls(&s.take_tls())
        .expect("client reads the server's flight");
    let _ = c.take_tls();
    let _ = s.take_events();
    let mut forge = Forger::at(&secret(&c, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"), 0);
    let r = s.read_tls(&forge.record(ContentType::HANDSHAKE, &finished(32), 0));
    assert_alert(&mut s, r, AlertDescription::DECRYPT_ERROR);
}

// ---------------------------------------------------------------------------------------------
// Appendix D.5 legacy_version.

/// The client's ClientHello record with `legacy_version` (after the 5-byte record header and
/// the 4-byte handshake header) replaced.
fn client_hello_with_legacy_version(version: u16) -> Vec<u8> {
    let mut hello = client().take_tls();
    hello[9..11].copy_from_slice(&version.to_be_bytes());
    hello
}

#[test]
fn client_hello_with_legacy_version_0x0300_or_lower_is_protocol_version() {
    for version in [0x0300, 0x0200, 0x0002, 0x0000] {
        let mut s = server();
        let r = s.read_tls(&client_hello_with_legacy_version(version));
        assert_alert(&mut s, r, AlertDescription::PROTOCOL_VERSION);
        assert!(s.negotiated().group.is_none(), "nothing negotiated");
    }
}

#[test]
fn client_hello_with_legacy_version_0x0301_is_still_answered() {
    // §4.1.2 says a TLS 1.3 client sends 0x0303, but only 0x0300 and below must be refused
    // (§D.5); supported_versions decides.
    let mut s = server();
    s.read_tls(&client_hello_with_legacy_version(0x0301))
        .expect("supported_versions offers TLS 1.3");
    assert!(!s.take_tls().is_empty());
}

// ---------------------------------------------------------------------------------------------
// §4 Handshake message types that were never negotiated.

/// compressed_certificate (RFC 8879), type 25, with a few body bytes.
const COMPRESSED_CERTIFICATE: [u8; 8] = [25, 0, 0, 4, 0, 1, 0, 0];

#[test]
fn compressed_certificate_instead_of_client_hello_is_unexpected_message() {
    let mut s = server();
    let r = s.read_tls(&plain(ContentType::HANDSHAKE, &COMPRESSED_CERTIFICATE));
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn compressed_certificate_instead_of_encrypted_extensions_is_unexpected_message() {
    let mut c = client();
    let mut s = server();
    s.read_tls(&c.take_tls()).expect("server reads ClientHello");
    let flight = records(s.take_tls());
    // ServerHello and ChangeCipherSpec are in the clear; the forged record replaces the rest.
    let clear: Vec<u8> = flight
        .iter()
        .filter(|r| r[0] != ContentType::APPLICATION_DATA.0)
        .flatten()
        .copied()
        .collect();
    c.read_tls(&clear).expect("client reads ServerHello");
    let mut forge = Forger::at(&secret(&s, "SERVER_HANDSHAKE_TRAFFIC_SECRET"), 0);
    let r = c.read_tls(&forge.record(ContentType::HANDSHAKE, &COMPRESSED_CERTIFICATE, 0));
    assert_alert(&mut c, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn compressed_certificate_after_the_handshake_is_unexpected_message() {
    let (c, mut s) = established();
    let mut forge = Forger::at(&secret(&c, "CLIENT_TRAFFIC_SECRET_0"), 0);
    let r = s.read_tls(&forge.record(ContentType::HANDSHAKE, &COMPRESSED_CERTIFICATE, 0));
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn unassigned_handshake_type_is_unexpected_message() {
    for msg_type in [3u8, 5, 6, 21, 26, 254, 255] {
        let mut s = server();
        let r = s.read_tls(&plain(ContentType::HANDSHAKE, &[msg_type, 0, 0, 0]));
        assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
    }
}

// ---------------------------------------------------------------------------------------------
// §4.2.10 Early data the server does not accept.

/// A client whose ClientHello offers early_data, with `config`.
fn early_client(config: ClientConfig) -> Connection {
    Connection::client_offering_early_data(config, LabRng::from_seed(1))
}

/// What a 0-RTT client would send after its ClientHello: an application_data record of `len`
/// encrypted-looking bytes, under early traffic keys this server never derives.
fn early_data(len: usize, seed: u64) -> Vec<u8> {
    let mut fragment = vec![0; len];
    LabRng::from_seed(seed).fill(&mut fragment);
    plain(ContentType::APPLICATION_DATA, &fragment)
}

/// An early-data record holding `payload` bytes of Application Data: the fragment adds the
/// inner content type byte and the AEAD tag.
fn early_record_carrying(payload: usize, seed: u64) -> Vec<u8> {
    early_data(payload + 1 + TAG_LEN, seed)
}

/// The ClientHellos in `wire`, decoded.
fn client_hellos(wire: Vec<u8>) -> Vec<Vec<Extension>> {
    records(wire)
        .iter()
        .filter(|r| r[0] == ContentType::HANDSHAKE.0)
        .filter_map(|r| match HandshakeMessage::decode(&r[5..]) {
            Ok((HandshakeMessage::ClientHello(ch), _)) => Some(ch.extensions),
            _ => None,
        })
        .collect()
}

fn offers_early_data(extensions: &[Extension]) -> bool {
    extensions.iter().any(|e| e.code() == ext::EARLY_DATA)
}

/// The extensions of the EncryptedExtensions the server sent, from its events.
fn encrypted_extensions(events: &[Event]) -> Vec<Extension> {
    events
        .iter()
        .find_map(|e| match e {
            Event::RecordSent(r) if r.content_type == ContentType::HANDSHAKE => {
                match HandshakeMessage::decode(&r.plaintext) {
                    Ok((HandshakeMessage::EncryptedExtensions(exts), _)) => Some(exts),
                    _ => None,
                }
            }
            _ => None,
        })
        .expect("the server sent EncryptedExtensions")
}

/// Runs the rest of the handshake once the server has read the client's first flight, then
/// sends application data both ways, so that both sides' keys and sequence numbers are shown
/// to be where the peer expects them.
fn finish_and_exchange(c: &mut Connection, s: &mut Connection) {
    c.read_tls(&s.take_tls())
        .expect("client reads the server's flight");
    s.read_tls(&c.take_tls())
        .expect("server reads the client's Finished");
    assert!(
        !c.is_handshaking() && !s.is_handshaking(),
        "handshake complete"
    );
    c.send_app_data(b"ping").expect("client sends");
    s.read_tls(&c.take_tls()).expect("server reads");
    assert_eq!(s.take_app_data(), b"ping");
    s.send_app_data(b"pong").expect("server sends");
    c.read_tls(&s.take_tls()).expect("client reads");
    assert_eq!(c.take_app_data(), b"pong");
}

#[test]
fn early_data_the_server_cannot_decrypt_is_skipped_and_the_handshake_completes() {
    for garbage in [
        vec![early_data(64, 1)],
        vec![early_data(64, 1), early_data(300, 2)],
    ] {
        let mut c = early_client(client_config());
        let mut s = server();
        let hello = c.take_tls();
        assert!(offers_early_data(&client_hellos(hello.clone())[0]));
        let mut flight = hello;
        flight.extend(garbage.concat());
        s.read_tls(&flight)
            .expect("the early data is skipped, not refused");
        // §4.2.10: declining early data, the server leaves early_data out of
        // EncryptedExtensions.
        assert!(!offers_early_data(&encrypted_extensions(&s.take_events())));
        finish_and_exchange(&mut c, &mut s);
        assert!(!s.negotiated().retried);
    }
}

#[test]
fn early_data_up_to_the_limit_is_skipped() {
    let mut c = early_client(client_config());
    let mut s = server();
    let mut flight = c.take_tls();
    flight.extend(early_record_carrying(MAX_EARLY_DATA_SKIPPED - 384, 1));
    flight.extend(early_record_carrying(384, 2));
    s.read_tls(&flight).expect("exactly the limit is skipped");
    finish_and_exchange(&mut c, &mut s);
}

#[test]
fn early_data_over_the_limit_is_unexpected_message() {
    let mut c = early_client(client_config());
    let mut s = server();
    let mut flight = c.take_tls();
    flight.extend(early_record_carrying(MAX_EARLY_DATA_SKIPPED - 384, 1));
    flight.extend(early_record_carrying(385, 2));
    let r = s.read_tls(&flight);
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn undecryptable_record_without_early_data_offered_is_still_bad_record_mac() {
    let mut c = client();
    let mut s = server();
    let mut flight = c.take_tls();
    flight.extend(early_data(64, 1));
    let r = s.read_tls(&flight);
    assert_alert(&mut s, r, AlertDescription::BAD_RECORD_MAC);
}

#[test]
fn early_data_is_skipped_only_until_a_record_opens_under_the_handshake_keys() {
    // Mutual TLS, so that the client's second flight is several records under the same
    // handshake keys: once its Certificate has opened, a record that does not is an attack.
    let pki = pki();
    let mut client = client_config();
    client.identity = Some(Identity {
        chain: pki.client.chain.clone(),
        key: pki.client.key.clone().into(),
    });
    let mut server = server_config();
    server.client_auth = ClientAuth::Required {
        root: pki.root.cert.clone(),
        crls: Vec::new(),
    };
    let mut c = early_client(client);
    let mut s = Connection::server(server, LabRng::from_seed(2));
    let mut flight = c.take_tls();
    flight.extend(early_data(64, 1));
    s.read_tls(&flight).expect("the early data is skipped");
    c.read_tls(&s.take_tls())
        .expect("client reads the server's flight");
    let second = records(c.take_tls());
    let certificate = second
        .iter()
        .position(|r| r[0] == ContentType::APPLICATION_DATA.0)
        .expect("the client's protected Certificate");
    s.read_tls(&second[..=certificate].concat())
        .expect("server reads the client's Certificate");
    let r = s.read_tls(&early_data(64, 2));
    assert_alert(&mut s, r, AlertDescription::BAD_RECORD_MAC);
}

/// A server that supports P-256 only, so a client that sent an x25519 share is asked again.
fn p256_server() -> Connection {
    let mut config = server_config();
    config.groups = vec![Group::Secp256r1];
    Connection::server(config, LabRng::from_seed(2))
}

#[test]
fn early_data_before_a_hello_retry_request_is_skipped() {
    for garbage in [
        vec![early_data(64, 1)],
        vec![early_data(64, 1), early_data(300, 2)],
    ] {
        let mut c = early_client(client_config());
        let mut s = p256_server();
        let mut flight = c.take_tls();
        flight.extend(garbage.concat());
        s.read_tls(&flight)
            .expect("records sent before the client saw the HelloRetryRequest are skipped");
        assert!(s.negotiated().retried);
        c.read_tls(&s.take_tls())
            .expect("client reads the HelloRetryRequest");
        let hello2 = c.take_tls();
        let hellos = client_hellos(hello2.clone());
        assert_eq!(hellos.len(), 1);
        assert!(
            !offers_early_data(&hellos[0]),
            "§4.1.2: the second ClientHello drops early_data"
        );
        s.read_tls(&hello2)
            .expect("server reads the second ClientHello");
        finish_and_exchange(&mut c, &mut s);
        assert_eq!(s.negotiated().group, Some(Group::Secp256r1));
        assert_eq!(c.negotiated().group, Some(Group::Secp256r1));
    }
}

#[test]
fn early_data_before_a_hello_retry_request_over_the_limit_is_unexpected_message() {
    let mut c = early_client(client_config());
    let mut s = p256_server();
    let mut flight = c.take_tls();
    flight.extend(early_record_carrying(MAX_EARLY_DATA_SKIPPED / 2, 1));
    flight.extend(early_record_carrying(MAX_EARLY_DATA_SKIPPED / 2 + 1, 2));
    let r = s.read_tls(&flight);
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn undecryptable_record_after_the_second_client_hello_is_bad_record_mac() {
    let mut c = early_client(client_config());
    let mut s = p256_server();
    let mut flight = c.take_tls();
    flight.extend(early_data(64, 1));
    s.read_tls(&flight).expect("the early data is skipped");
    c.read_tls(&s.take_tls())
        .expect("client reads the HelloRetryRequest");
    let mut hello2 = c.take_tls();
    hello2.extend(early_data(64, 2));
    let r = s.read_tls(&hello2);
    assert_alert(&mut s, r, AlertDescription::BAD_RECORD_MAC);
}

// ---------------------------------------------------------------------------------------------
// §4.1.1, §4.2.8 Choosing the key-exchange group.

/// Runs a one-way handshake between a client with `client` and a server supporting `groups`,
/// returning both connections once it is complete.
fn handshake(client: ClientConfig, groups: &[Group]) -> (Connection, Connection) {
    let mut server = server_config();
    server.groups = groups.to_vec();
    let mut c = Connection::client(client, LabRng::from_seed(1));
    let mut s = Connection::server(server, LabRng::from_seed(2));
    for _ in 0..3 {
        s.read_tls(&c.take_tls()).expect("server reads");
        c.read_tls(&s.take_tls()).expect("client reads");
    }
    assert!(
        !c.is_handshaking() && !s.is_handshaking(),
        "handshake complete"
    );
    (c, s)
}

fn asked_again(events: &[Event]) -> bool {
    events
        .iter()
        .any(|e| matches!(e, Event::Note(Note::HelloRetryRequested { .. })))
}

#[test]
fn server_takes_the_p256_share_sent_although_the_client_lists_x25519_first() {
    let mut client = client_config();
    client.key_share_groups = vec![Group::Secp256r1];
    let (mut c, mut s) = handshake(client, &[Group::X25519, Group::Secp256r1]);
    for conn in [&mut c, &mut s] {
        assert!(!conn.negotiated().retried, "no HelloRetryRequest");
        assert!(!asked_again(&conn.take_events()));
        assert_eq!(conn.negotiated().group, Some(Group::Secp256r1));
    }
}

#[test]
fn server_prefers_its_own_order_among_the_groups_the_client_sent_shares_for() {
    let mut client = client_config();
    client.supported_groups = vec![Group::Secp256r1, Group::X25519];
    client.key_share_groups = vec![Group::Secp256r1, Group::X25519];
    let (c, s) = handshake(client, &[Group::X25519, Group::Secp256r1]);
    for conn in [&c, &s] {
        assert!(!conn.negotiated().retried);
        assert_eq!(conn.negotiated().group, Some(Group::X25519));
    }
}

#[test]
fn server_asks_again_only_when_it_supports_no_group_the_client_sent_a_share_for() {
    // The client sends x25519 and also lists P-256; the server supports P-256 alone.
    let (mut c, mut s) = handshake(client_config(), &[Group::Secp256r1]);
    for conn in [&mut c, &mut s] {
        assert!(conn.negotiated().retried, "a HelloRetryRequest");
        assert!(asked_again(&conn.take_events()));
        assert_eq!(conn.negotiated().group, Some(Group::Secp256r1));
    }
}

// ---------------------------------------------------------------------------------------------
// Limits and extensions the server checks in a ClientHello.

#[test]
fn handshake_message_longer_than_64_kib_is_illegal_parameter() {
    // A ClientHello header announcing 70,000 bytes: refused before any of it is buffered, as
    // OpenSSL refuses an excessive message size, with illegal_parameter (§6.2: a field "was
    // incorrect or inconsistent"), not decode_error (the length field is well formed).
    let len: u32 = 70_000;
    let header = [1, (len >> 16) as u8, (len >> 8) as u8, len as u8];
    let mut s = server();
    let r = s.read_tls(&plain(ContentType::HANDSHAKE, &header));
    assert_alert(&mut s, r, AlertDescription::ILLEGAL_PARAMETER);
}

#[test]
fn psk_only_client_hello_without_signature_algorithms_is_missing_extension() {
    // A ClientHello that offers a PSK and no signature_algorithms conforms to §9.2 (only a
    // hello without pre_shared_key must carry signature_algorithms). This server resumes no
    // session, so it would authenticate with its certificate, and §4.2.3 says: "If a server is
    // authenticating via a certificate and the client has not sent a "signature_algorithms"
    // extension, then the server MUST abort the handshake with a "missing_extension" alert."
    let wire = client().take_tls();
    let (msg, _) = HandshakeMessage::decode(&wire[5..]).expect("our own ClientHello decodes");
    let HandshakeMessage::ClientHello(mut hello) = msg else {
        panic!("the client's first message is a ClientHello");
    };
    hello
        .extensions
        .retain(|e| !matches!(e, Extension::SignatureAlgorithms(_)));
    // psk_key_exchange_modes (45): psk_dhe_ke; then pre_shared_key (41), which must be last
    // (§4.2.11): one identity of 4 bytes with age 0, one binder of 32 bytes.
    hello.extensions.push(Extension::Unknown(45, vec![1, 1]));
    let mut psk = vec![0, 10, 0, 4, 1, 2, 3, 4, 0, 0, 0, 0, 0, 33, 32];
    psk.extend([0u8; 32]);
    hello.extensions.push(Extension::Unknown(41, psk));
    let bytes = HandshakeMessage::ClientHello(hello).encode();
    let mut s = server();
    let r = s.read_tls(&plain(ContentType::HANDSHAKE, &bytes));
    assert_alert(&mut s, r, AlertDescription::MISSING_EXTENSION);
}

#[test]
fn one_full_record_of_early_data_is_skipped() {
    // 2^14 bytes of payload, the most one record holds: its fragment is 2^14 + 17 bytes.
    let mut c = early_client(client_config());
    let mut s = server();
    let mut flight = c.take_tls();
    flight.extend(early_record_carrying(MAX_PLAINTEXT, 1));
    s.read_tls(&flight)
        .expect("one full record of early data is within the limit");
    finish_and_exchange(&mut c, &mut s);
}

#[test]
fn empty_early_data_records_count_and_reach_the_limit() {
    // A record with no payload at all (only the content type and the tag) counts 1 byte, so an
    // endless stream of them cannot keep the server skipping.
    let empty = early_record_carrying(0, 1);
    let mut c = early_client(client_config());
    let mut s = server();
    let hello = c.take_tls();
    let mut flight = hello.clone();
    flight.extend(empty.repeat(MAX_EARLY_DATA_SKIPPED));
    s.read_tls(&flight)
        .expect("2^14 empty records are 2^14 bytes: the limit");
    let r = s.read_tls(&empty);
    assert_alert(&mut s, r, AlertDescription::UNEXPECTED_MESSAGE);
}

#[test]
fn early_data_offer_carries_a_pre_shared_key_last() {
    let mut c = early_client(client_config());
    let hello = &client_hellos(c.take_tls())[0];
    let codes: Vec<u16> = hello.iter().map(Extension::code).collect();
    assert!(codes.contains(&ext::EARLY_DATA));
    assert!(codes.contains(&ext::PSK_KEY_EXCHANGE_MODES), "§4.2.9");
    assert_eq!(
        codes.last(),
        Some(&ext::PRE_SHARED_KEY),
        "§4.2.11: the last extension"
    );
}

#[test]
fn early_data_without_a_pre_shared_key_is_not_skipped() {
    // §4.2.10: a client sending early data "MUST supply both the pre_shared_key and
    // early_data extensions". Without a PSK there are no early keys, so a record that does not
    // open is an attack, not early data.
    let mut c = early_client(client_config());
    let mut s = server();
    let hello = records(c.take_tls()).concat();
    let (mut ch, _) = match HandshakeMessage::decode(&hello[5..]) {
        Ok((HandshakeMessage::ClientHello(ch), tree)) => (ch, tree),
        other => panic!("expected the ClientHello, got {other:?}"),
    };
    ch.extensions
        .retain(|e| e.code() != ext::PRE_SHARED_KEY && e.code() != ext::PSK_KEY_EXCHANGE_MODES);
    assert!(offers_early_data(&ch.extensions));
    let mut flight = plain(
        ContentType::HANDSHAKE,
        &HandshakeMessage::ClientHello(ch).encode(),
    );
    flight.extend(early_data(64, 1));
    let r = s.read_tls(&flight);
    assert_alert(&mut s, r, AlertDescription::BAD_RECORD_MAC);
}

#[test]
fn server_hello_selecting_a_version_not_offered_is_illegal_parameter() {
    // supported_versions in a ServerHello: type 0x002b, length 2, the version (0x0304).
    const SELECTED_TLS13: [u8; 6] = [0x00, 0x2b, 0x00, 0x02, 0x03, 0x04];
    for version in [0x0305u16, 0x0303, 0x7f1c] {
        let mut c = client();
        let mut s = server();
        s.read_tls(&c.take_tls())
            .expect("server reads the ClientHello");
        let mut flight = records(s.take_tls());
        let at = flight[0]
            .windows(SELECTED_TLS13.len())
            .position(|w| w == SELECTED_TLS13)
            .expect("the ServerHello selects TLS 1.3");
        flight[0][at + 4..at + 6].copy_from_slice(&version.to_be_bytes());
        let r = c.read_tls(&flight[0]);
        assert_alert(&mut c, r, AlertDescription::ILLEGAL_PARAMETER);
    }
}

#[test]
fn server_hello_with_legacy_version_0x0300_or_lower_is_protocol_version() {
    for version in [0x0300u16, 0x0200, 0x0002] {
        let mut c = client();
        let mut s = server();
        s.read_tls(&c.take_tls())
            .expect("server reads the ClientHello");
        let mut flight = records(s.take_tls());
        // The ServerHello is the first record: legacy_version sits after the record header
        // (5 bytes) and the handshake header (4 bytes).
        assert_eq!(flight[0][9..11], [0x03, 0x03]);
        flight[0][9..11].copy_from_slice(&version.to_be_bytes());
        let r = c.read_tls(&flight[0]);
        assert_alert(&mut c, r, AlertDescription::PROTOCOL_VERSION);
    }
}
