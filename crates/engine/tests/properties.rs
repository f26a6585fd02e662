//! Property tests over the engine's input surfaces: every handshake message encodes and decodes
//! to itself (generated messages, and every message of real runs of every scenario); any seed
//! runs every catalogue scenario to its expected outcome; and a record of a real run that is
//! truncated or has a byte flipped never panics the receiver and never ends in success.
//!
//! The tamper properties drive two [`Connection`]s built like the catalogue's `one-way`,
//! `mutual` and `mutual-hrr` runs, record by record. The engine is deterministic, so a fresh
//! pair from the same seed sends the same bytes up to the tampered record. What may happen
//! after tampering, and why:
//!
//! - Flipping only `legacy_record_version` (header bytes 1–2) changes nothing: RFC 8446 §5.1
//!   says the field "MUST be ignored for all purposes", and the engine builds the AEAD's
//!   additional data with 0x0303 like rustls does. The run ends exactly as the clean one.
//! - Any other change ends with an error and an alert on some side. Usually the receiver
//!   notices (bad_record_mac for any protected record). A change to a plaintext ClientHello or
//!   ServerHello that still decodes (a random byte, a key share, an unknown extension) changes
//!   the transcript instead: the handshake then fails later, at a Finished, a CertificateVerify
//!   or the first protected record, on whichever side notices first.
//! - The receiver may instead wait for more bytes ("stalled": nobody fails, nothing
//!   completes) only when the record or a plaintext handshake message now announces more
//!   bytes than arrived — a longer length field, a cut without a fixed-up length, or a
//!   plaintext handshake record shortened in the middle of its message. Records and handshake
//!   messages may legitimately span deliveries (§5.1), so waiting is correct; over TCP,
//!   `mtls-lab serve`'s idle timeout ends the wait.
//!
//! - A record that reaches an endpoint which has already closed (sent close_notify: the
//!   server, when the client's own close_notify arrives last) is not read at all, so damaging
//!   it changes nothing; the run ends as the clean one did.
//!
//! - A ChangeCipherSpec removed altogether is not missed: it only exists for middleboxes
//!   (§D.4), and the run succeeds.
//!
//! In no case does the receiver accept application data from the tampered record.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::VecDeque;
use std::sync::OnceLock;

use mtls_lab_engine::Error;
use mtls_lab_engine::handshake::Connection;
use mtls_lab_engine::pki::Pki;
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::{self, CATALOGUE, Expected, run_scenario, scenario_pki};
use mtls_lab_engine::trace::Outcome;
use mtls_lab_engine::wire::handshake::{
    CertificateMsg, ClientHello, Extension, HRR_RANDOM, HandshakeMessage, HandshakeType,
    KeyUpdateRequest, ServerHello, TlsVersion, ext,
};
use proptest::collection::vec;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// 1. Every handshake message encodes and decodes to itself.

/// Where an extension appears decides how it decodes (RFC 8446 §4.2's table).
#[derive(Clone, Copy, Debug)]
enum Ctx {
    ClientHello,
    ServerHello,
    HelloRetryRequest,
    EncryptedExtensions,
    CertificateRequest,
}

fn bytes(min: usize, max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), min..=max)
}

fn u16s(min: usize, max: usize) -> impl Strategy<Value = Vec<u16>> {
    vec(any::<u16>(), min..=max)
}

/// Extension codes the decoder does not interpret anywhere (so they come back as Unknown).
fn unknown_code() -> impl Strategy<Value = u16> {
    any::<u16>().prop_filter("not a code the engine decodes", |c| {
        ![
            ext::SERVER_NAME,
            ext::SUPPORTED_GROUPS,
            ext::SIGNATURE_ALGORITHMS,
            ext::ALPN,
            ext::SUPPORTED_VERSIONS,
            ext::COOKIE,
            ext::CERTIFICATE_AUTHORITIES,
            ext::KEY_SHARE,
        ]
        .contains(c)
    })
}

/// Any extension that round-trips in `ctx`.
fn extension(ctx: Ctx) -> BoxedStrategy<Extension> {
    let mut options: Vec<BoxedStrategy<Extension>> = vec![
        Just(Extension::ServerName(None)).boxed(),
        "[a-z0-9.-]{1,40}"
            .prop_map(|n| Extension::ServerName(Some(n)))
            .boxed(),
        u16s(1, 8).prop_map(Extension::SupportedGroups).boxed(),
        u16s(1, 8).prop_map(Extension::SignatureAlgorithms).boxed(),
        bytes(1, 40).prop_map(Extension::Cookie).boxed(),
        vec(bytes(1, 12), 1..4).prop_map(Extension::Alpn).boxed(),
        (unknown_code(), bytes(0, 30))
            .prop_map(|(c, b)| Extension::Unknown(c, b))
            .boxed(),
    ];
    match ctx {
        Ctx::ClientHello => {
            options.push(u16s(1, 6).prop_map(Extension::SupportedVersions).boxed());
            options.push(
                vec((any::<u16>(), bytes(1, 70)), 0..3)
                    .prop_map(Extension::KeyShares)
                    .boxed(),
            );
            options.push(
                vec(bytes(1, 30), 1..3)
                    .prop_map(Extension::CertificateAuthorities)
                    .boxed(),
            );
        }
        Ctx::ServerHello => {
            options.push(any::<u16>().prop_map(Extension::SelectedVersion).boxed());
            options.push(
                (any::<u16>(), bytes(1, 70))
                    .prop_map(|(g, k)| Extension::KeyShare(g, k))
                    .boxed(),
            );
        }
        Ctx::HelloRetryRequest => {
            options.push(any::<u16>().prop_map(Extension::SelectedVersion).boxed());
            options.push(any::<u16>().prop_map(Extension::KeyShareRequest).boxed());
        }
        Ctx::CertificateRequest => options.push(
            vec(bytes(1, 30), 1..3)
                .prop_map(Extension::CertificateAuthorities)
                .boxed(),
        ),
        Ctx::EncryptedExtensions => {}
    }
    proptest::strategy::Union::new(options).boxed()
}

fn extensions(ctx: Ctx) -> impl Strategy<Value = Vec<Extension>> {
    vec(extension(ctx), 0..6)
}

fn random32() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>().prop_filter("not the HelloRetryRequest marker", |r| *r != HRR_RANDOM)
}

fn handshake_message() -> impl Strategy<Value = HandshakeMessage> {
    prop_oneof![
        (
            any::<u16>(),
            random32(),
            bytes(0, 32),
            u16s(1, 6),
            extensions(Ctx::ClientHello)
        )
            .prop_map(
                |(legacy_version, random, session_id, cipher_suites, extensions)| {
                    HandshakeMessage::ClientHello(ClientHello {
                        legacy_version,
                        random,
                        session_id,
                        cipher_suites,
                        extensions,
                    })
                }
            ),
        (
            any::<u16>(),
            random32(),
            bytes(0, 32),
            any::<u16>(),
            extensions(Ctx::ServerHello)
        )
            .prop_map(
                |(legacy_version, random, session_id, cipher_suite, extensions)| {
                    HandshakeMessage::ServerHello(ServerHello {
                        legacy_version,
                        random,
                        session_id,
                        cipher_suite,
                        extensions,
                    })
                }
            ),
        (
            any::<u16>(),
            bytes(0, 32),
            any::<u16>(),
            extensions(Ctx::HelloRetryRequest)
        )
            .prop_map(|(legacy_version, session_id, cipher_suite, extensions)| {
                HandshakeMessage::ServerHello(ServerHello {
                    legacy_version,
                    random: HRR_RANDOM,
                    session_id,
                    cipher_suite,
                    extensions,
                })
            }),
        extensions(Ctx::EncryptedExtensions).prop_map(HandshakeMessage::EncryptedExtensions),
        (bytes(0, 8), extensions(Ctx::CertificateRequest)).prop_map(|(context, extensions)| {
            HandshakeMessage::CertificateRequest {
                context,
                extensions,
            }
        }),
        (bytes(0, 8), vec(bytes(1, 200), 0..4)).prop_map(|(context, chain)| {
            HandshakeMessage::Certificate(CertificateMsg { context, chain })
        }),
        (any::<u16>(), bytes(1, 80)).prop_map(|(scheme, signature)| {
            HandshakeMessage::CertificateVerify { scheme, signature }
        }),
        bytes(0, 64).prop_map(HandshakeMessage::Finished),
        (any::<u32>(), bytes(1, 64))
            .prop_map(|(lifetime, ticket)| HandshakeMessage::NewSessionTicket { lifetime, ticket }),
        any::<u8>().prop_map(|v| HandshakeMessage::KeyUpdate(KeyUpdateRequest(v))),
        (
            (0u8..=255).prop_filter("a type the engine does not decode", |t| {
                ![1, 2, 4, 8, 11, 13, 15, 20, 24].contains(t)
            }),
            bytes(0, 40)
        )
            .prop_map(|(t, body)| HandshakeMessage::Unknown {
                typ: HandshakeType(t),
                body,
            }),
    ]
}

/// Every handshake message of real runs of every scenario, for a few seeds, with the TLS
/// version of its run (cached: runs are the slow part).
fn real_messages() -> &'static [(Vec<u8>, TlsVersion)] {
    static MESSAGES: OnceLock<Vec<(Vec<u8>, TlsVersion)>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let mut out = Vec::new();
        for seed in [3, 0xdead_beef] {
            for s in CATALOGUE {
                let trace = run_scenario(s.id, seed).expect("catalogue ids run");
                for step in &trace.steps {
                    out.extend(
                        step.messages
                            .iter()
                            .map(|m| (m.bytes.clone(), trace.version())),
                    );
                }
            }
        }
        out
    })
}

#[test]
fn every_message_of_every_scenario_decodes_and_encodes_to_the_same_bytes() {
    let messages = real_messages();
    assert!(messages.len() > 100, "{} messages", messages.len());
    for (bytes, version) in messages {
        let (msg, _) = HandshakeMessage::decode_in(bytes, *version)
            .unwrap_or_else(|e| panic!("a message the engine sent does not decode: {e:?}"));
        assert_eq!(&msg.encode(), bytes, "{}", msg.name());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn generated_messages_round_trip(msg in handshake_message()) {
        let bytes = msg.encode();
        let (back, tree) = HandshakeMessage::decode(&bytes).expect("an encoded message decodes");
        prop_assert_eq!(&back, &msg);
        prop_assert_eq!(tree.end, bytes.len());
        // Every strict prefix is refused, never misread.
        for cut in [0, 1, 3, 4, bytes.len() / 2, bytes.len() - 1] {
            if cut < bytes.len() {
                prop_assert!(HandshakeMessage::decode(&bytes[..cut]).is_err());
            }
        }
    }

    /// Mutated fields of real messages: decoding never panics, and whatever decodes is a
    /// fixed point (decode ∘ encode is the identity on decoded values).
    #[test]
    fn mutated_real_messages_decode_to_a_fixed_point_or_fail_cleanly(
        pick in any::<prop::sample::Index>(),
        edits in vec((any::<prop::sample::Index>(), 1u8..=255), 1..4),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let messages = real_messages();
        let (mut bytes, version) = messages[pick.index(messages.len())].clone();
        for (at, mask) in edits {
            let i = at.index(bytes.len());
            bytes[i] ^= mask;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        if let Ok((msg, _)) = HandshakeMessage::decode_in(&bytes, version) {
            let again = msg.encode();
            prop_assert_eq!(HandshakeMessage::decode_in(&again, version).map(|(m, _)| m), Ok(msg));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_decoder(
        typ in prop_oneof![Just(1u8), Just(2), Just(4), Just(8), Just(11), Just(13), Just(15),
            Just(20), Just(24), any::<u8>()],
        body in bytes(0, 300),
        honest_length in any::<bool>(),
    ) {
        let len = if honest_length { body.len() } else { body.len() ^ 0x15 };
        let mut bytes = vec![typ, (len >> 16) as u8, (len >> 8) as u8, len as u8];
        bytes.extend_from_slice(&body);
        let _ = HandshakeMessage::decode(&bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Any seed runs every scenario to its expected outcome.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_seed_runs_every_scenario_to_its_expected_outcome(seed in any::<u64>()) {
        for s in CATALOGUE {
            let trace = run_scenario(s.id, seed).expect("catalogue ids run");
            match (s.expected(), &trace.outcome) {
                (Expected::Success, Outcome::Success) => {}
                (
                    Expected::Failed { detected_by, alert },
                    Outcome::Failed { detected_by: who, alert: sent, .. },
                ) => prop_assert_eq!((detected_by, Some(alert)), (*who, *sent), "{}", s.id),
                (expected, got) => {
                    prop_assert!(false, "{} seed {seed}: expected {expected:?}, got {got:?}", s.id)
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Tampered records: never a panic, never a success.

/// The runs the tamper properties replay: (scenario-like setup, seed).
const SETUPS: [(&str, u64); 4] = [
    ("one-way", 5),
    ("mutual", 6),
    ("mutual-hrr", 7),
    ("mutual", 0x5eed),
];

fn pkis() -> &'static [Pki] {
    static PKIS: OnceLock<Vec<Pki>> = OnceLock::new();
    PKIS.get_or_init(|| {
        SETUPS
            .iter()
            .map(|(id, seed)| scenario_pki(id, *seed).expect("catalogue id"))
            .collect()
    })
}

/// A fresh client and server built the way `scenario::run_scenario` builds `id`'s pair.
fn fresh_pair(setup: usize) -> (Connection, Connection) {
    let (id, seed) = SETUPS[setup];
    let pki = &pkis()[setup];
    let mutual = id != "one-way";
    let mut rng = LabRng::from_seed(seed);
    let _pki_rng = rng.fork();
    let client_rng = rng.fork();
    let server_rng = rng.fork();
    let client = scenario::client_config(pki, mutual);
    let server = scenario::server_config(pki, mutual);
    (
        Connection::client(client, client_rng),
        Connection::server(server, server_rng),
    )
}

/// How a record is damaged before delivery.
#[derive(Clone, Debug)]
enum Tamper {
    /// XOR `mask` into the byte at `at` (an index into the whole record, header included).
    Flip { at: usize, mask: u8 },
    /// Keep `keep` bytes of the fragment and fix the header's length to match.
    Shorten { keep: usize },
    /// Deliver only the first `keep` bytes of the record, header untouched.
    Cut { keep: usize },
}

impl Tamper {
    fn apply(&self, record: &[u8]) -> Vec<u8> {
        let mut out = record.to_vec();
        match *self {
            Tamper::Flip { at, mask } => out[at] ^= mask,
            Tamper::Shorten { keep } => {
                out.truncate(5 + keep);
                out[3..5].copy_from_slice(&(keep as u16).to_be_bytes());
            }
            Tamper::Cut { keep } => out.truncate(keep),
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Client,
    Server,
}

/// What one run did.
#[derive(Debug)]
struct Run {
    /// Every record delivered: (receiver, bytes as sent by the other side).
    delivered: Vec<(Side, Vec<u8>)>,
    /// Whether each record is protected (outer type application_data).
    protected: Vec<bool>,
    /// Whether the receiver had already closed (and so stopped reading) when it arrived.
    receiver_closed: Vec<bool>,
    client_error: Option<Error>,
    server_error: Option<Error>,
    /// Application data the server and the client received.
    request: Vec<u8>,
    response: Vec<u8>,
    /// Whether the client received the server's close_notify.
    client_saw_close: bool,
    /// Application data the receiver accepted from the tampered record.
    from_tampered: Vec<u8>,
}

impl Run {
    fn failed(&self) -> bool {
        [&self.client_error, &self.server_error]
            .into_iter()
            .flatten()
            .any(|e| !matches!(e, Error::Closed))
    }

    fn succeeded(&self) -> bool {
        !self.failed()
            && self.request.ends_with(b"\r\n\r\n")
            && String::from_utf8_lossy(&self.response).contains("Hello, ")
            && self.client_saw_close
    }

    fn error(&self, side: Side) -> Option<&Error> {
        match side {
            Side::Client => self.client_error.as_ref(),
            Side::Server => self.server_error.as_ref(),
        }
        .filter(|e| !matches!(e, Error::Closed))
    }
}

/// Splits what an endpoint sent into records (the engine only ever sends whole records).
fn records(mut bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while bytes.len() >= 5 {
        let n = 5 + usize::from(u16::from_be_bytes([bytes[3], bytes[4]]));
        let n = n.min(bytes.len());
        out.push(bytes[..n].to_vec());
        bytes = &bytes[n..];
    }
    out
}

/// Runs the pair record by record: the handshake, a request, the answer, close_notify both
/// ways, delivering record `tamper.0` damaged by `tamper.1`.
fn drive(setup: usize, tamper: Option<(usize, &Tamper)>) -> Run {
    let (mut client, mut server) = fresh_pair(setup);
    let mut queue: VecDeque<(Side, Vec<u8>)> = records(&client.take_tls())
        .into_iter()
        .map(|r| (Side::Server, r))
        .collect();
    let mut run = Run {
        delivered: Vec::new(),
        protected: Vec::new(),
        receiver_closed: Vec::new(),
        client_error: None,
        server_error: None,
        request: Vec::new(),
        response: Vec::new(),
        from_tampered: Vec::new(),
        client_saw_close: false,
    };
    let (mut sent_request, mut answered, mut closed) = (false, false, false);
    for _ in 0..200 {
        let Some((to, record)) = queue.pop_front() else {
            if !sent_request && !client.is_handshaking() && client.error().is_none() {
                sent_request = true;
                let _ = client.send_app_data(b"GET / HTTP/1.1\r\nHost: server.example\r\n\r\n");
                queue.extend(
                    records(&client.take_tls())
                        .into_iter()
                        .map(|r| (Side::Server, r)),
                );
                continue;
            }
            break;
        };
        let index = run.delivered.len();
        let wire = match tamper {
            Some((at, t)) if at == index => t.apply(&record),
            _ => record.clone(),
        };
        let (conn, peer) = match to {
            Side::Client => (&mut client, Side::Server),
            Side::Server => (&mut server, Side::Client),
        };
        run.protected.push(record[0] == 0x17);
        run.receiver_closed
            .push(conn.is_closed() && conn.error().is_some());
        run.delivered.push((to, record));
        let _ = conn.read_tls(&wire);
        let data = conn.take_app_data();
        if tamper.is_some_and(|(at, _)| at == index) {
            run.from_tampered.extend_from_slice(&data);
        }
        match to {
            Side::Client => run.response.extend_from_slice(&data),
            Side::Server => run.request.extend_from_slice(&data),
        }
        queue.extend(records(&conn.take_tls()).into_iter().map(|r| (peer, r)));
        if !answered && run.request.ends_with(b"\r\n\r\n") && server.error().is_none() {
            answered = true;
            let _ = server
                .send_app_data(b"HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\nHello, tester!\n");
            server.close();
            queue.extend(
                records(&server.take_tls())
                    .into_iter()
                    .map(|r| (Side::Client, r)),
            );
        }
        if !closed && client.peer_closed() && client.error().is_none() {
            closed = true;
            client.close();
            queue.extend(
                records(&client.take_tls())
                    .into_iter()
                    .map(|r| (Side::Server, r)),
            );
        }
    }
    run.client_saw_close = client.peer_closed();
    run.client_error = client.error().cloned();
    run.server_error = server.error().cloned();
    run
}

fn clean_runs() -> &'static [Run] {
    static RUNS: OnceLock<Vec<Run>> = OnceLock::new();
    RUNS.get_or_init(|| (0..SETUPS.len()).map(|s| drive(s, None)).collect())
}

#[test]
fn clean_runs_succeed_and_are_reproducible() {
    for (i, run) in clean_runs().iter().enumerate() {
        assert!(run.succeeded(), "{:?}: {run:?}", SETUPS[i]);
        assert_eq!(drive(i, None).delivered, run.delivered, "{:?}", SETUPS[i]);
        assert!(run.delivered.len() >= 8, "{:?}", SETUPS[i]);
    }
}

/// The checks every tampered run must pass; see the file's header for the reasoning.
fn check_tampered(setup: usize, index: usize, tamper: &Tamper) -> Result<(), TestCaseError> {
    let clean = &clean_runs()[setup];
    let (to, original) = &clean.delivered[index];
    let damaged = tamper.apply(original);
    if &damaged == original {
        return Ok(());
    }
    let run = drive(setup, Some((index, tamper)));
    let what = format!("{:?} record {index} to {to:?} {tamper:?}", SETUPS[setup]);
    // Only legacy_record_version differs: ignored by design (§5.1).
    if damaged.len() == original.len() && damaged[0] == original[0] && damaged[3..] == original[3..]
    {
        prop_assert!(run.succeeded(), "{what}: {run:?}");
        prop_assert_eq!(run.request, clean.request.clone());
        return Ok(());
    }
    // The receiver had already sent its close_notify and stopped reading: the record is
    // never looked at (the client's own close_notify, last of every run).
    if clean.receiver_closed[index] {
        prop_assert!(run.succeeded(), "{what}: {run:?}");
        return Ok(());
    }
    prop_assert!(run.from_tampered.is_empty(), "{what}: data accepted");
    // A ChangeCipherSpec removed altogether: it is optional (§D.4), nobody misses it.
    if original[0] == 0x14 && damaged.is_empty() {
        prop_assert!(run.succeeded(), "{what}: {run:?}");
        return Ok(());
    }
    prop_assert!(!run.succeeded(), "{what}: the damaged run succeeded");
    // Whoever fails says why with an alert, or is answering the peer's alert.
    for side in [Side::Client, Side::Server] {
        if let Some(e) = run.error(side) {
            prop_assert!(
                e.alert().is_some() || matches!(e, Error::PeerAlert(_)),
                "{what}: {side:?} failed without an alert: {e:?}"
            );
        }
    }
    if run.failed() {
        // A protected record damaged anywhere but its version and length: the receiver
        // itself notices (bad_record_mac, or the type byte now names something else).
        let header_length_changed = damaged.len() < 5 || damaged[3..5] != original[3..5];
        if clean.protected[index] && !header_length_changed && damaged.len() == original.len() {
            prop_assert!(
                run.error(*to).is_some(),
                "{what}: the receiver did not notice: {run:?}"
            );
        }
        return Ok(());
    }
    // Stalled: allowed only when the bytes now announce more than arrived — a record longer
    // than delivered, or (in a plaintext record, whose content feeds handshake reassembly) a
    // handshake message longer than delivered. Nothing was accepted meanwhile.
    let announced_more = damaged.len() < 5
        || damaged[3..5] != original[3..5]
        || matches!(tamper, Tamper::Shorten { .. } | Tamper::Cut { .. })
        || !clean.protected[index];
    prop_assert!(announced_more, "{what}: stalled without a reason: {run:?}");
    prop_assert!(run.request.is_empty() || run.response.is_empty() || !run.client_saw_close);
    Ok(())
}

fn record_pick() -> impl Strategy<Value = (usize, usize, prop::sample::Index)> {
    (0..SETUPS.len(), any::<prop::sample::Index>()).prop_map(|(setup, pick)| {
        let n = clean_runs()[setup].delivered.len();
        (setup, pick.index(n), pick)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn flipping_any_byte_of_any_record_never_succeeds(
        (setup, index, _) in record_pick(),
        at in any::<prop::sample::Index>(),
        mask in 1u8..=255,
    ) {
        let len = clean_runs()[setup].delivered[index].1.len();
        check_tampered(setup, index, &Tamper::Flip { at: at.index(len), mask })?;
    }

    #[test]
    fn truncating_any_record_never_succeeds(
        (setup, index, _) in record_pick(),
        keep in any::<prop::sample::Index>(),
        fix_length in any::<bool>(),
    ) {
        let len = clean_runs()[setup].delivered[index].1.len();
        let tamper = if fix_length {
            Tamper::Shorten { keep: keep.index(len - 5) }
        } else {
            Tamper::Cut { keep: keep.index(len) }
        };
        check_tampered(setup, index, &tamper)?;
    }
}

/// Every byte of the header of every record, flipped with every single bit: the exhaustive
/// version of the sampled property for the five bytes that frame a record.
#[test]
fn flipping_any_header_bit_of_any_record_never_succeeds() {
    for setup in 0..SETUPS.len() {
        for index in 0..clean_runs()[setup].delivered.len() {
            for at in 0..5 {
                for bit in 0..8 {
                    if let Err(e) =
                        check_tampered(setup, index, &Tamper::Flip { at, mask: 1 << bit })
                    {
                        panic!("{e}");
                    }
                }
            }
        }
    }
}

/// Once the peer has sent a protected record it has keys, so an unprotected alert can only
/// come from someone on the path: it is refused instead of ending the connection quietly.
#[test]
fn an_injected_plaintext_alert_after_the_handshake_is_refused() {
    // A forged close_notify and a forged fatal alert (handshake_failure), in the clear.
    for forged in [
        [0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00],
        [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28],
    ] {
        let (mut client, mut server) = fresh_pair(0);
        for _ in 0..20 {
            let to_server = client.take_tls();
            let _ = server.read_tls(&to_server);
            let to_client = server.take_tls();
            let _ = client.read_tls(&to_client);
            if to_server.is_empty() && to_client.is_empty() {
                break;
            }
        }
        assert!(!client.is_handshaking() && !server.is_handshaking());
        let _ = server.read_tls(&forged);
        assert!(
            !server.peer_closed(),
            "a forged alert is not taken as the peer's"
        );
        assert!(
            server
                .error()
                .is_some_and(|e| e.alert().is_some_and(|a| a.name() == "unexpected_message")),
            "the server refuses the unprotected record: {:?}",
            server.error()
        );
    }
}
