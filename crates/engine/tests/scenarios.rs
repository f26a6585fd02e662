//! Every catalogue scenario reaches its expected outcome, the alert matches RFC 8446 (and
//! what OpenSSL and rustls send), and a seed reproduces the trace byte for byte.

use mtls_lab_engine::handshake::{CheckKind, Event};
use mtls_lab_engine::scenario::{CATALOGUE, run_scenario};
use mtls_lab_engine::trace::{Outcome, Participant, Trace};
use mtls_lab_engine::wire::AlertDescription;

fn run(id: &str, seed: u64) -> Trace {
    run_scenario(id, seed).unwrap_or_else(|| panic!("scenario {id} exists"))
}

fn failed_check(trace: &Trace) -> Option<(Participant, CheckKind)> {
    trace
        .steps
        .iter()
        .flat_map(|s| &s.events)
        .find_map(|e| match &e.event {
            Event::Check(c) if !c.passed => Some((e.by, c.check)),
            _ => None,
        })
}

#[test]
fn one_way_completes_without_client_certificate_messages() {
    let t = run("one-way", 1);
    assert_eq!(t.outcome, Outcome::Success);
    assert_eq!(
        t.message_names(),
        [
            "ClientHello",
            "ServerHello",
            "EncryptedExtensions",
            "Certificate",
            "CertificateVerify",
            "Finished",
            "Finished"
        ]
    );
}

#[test]
fn mutual_adds_certificate_request_and_the_clients_proof() {
    let t = run("mutual", 1);
    assert_eq!(t.outcome, Outcome::Success);
    assert_eq!(
        t.message_names(),
        [
            "ClientHello",
            "ServerHello",
            "EncryptedExtensions",
            "CertificateRequest",
            "Certificate",
            "CertificateVerify",
            "Finished",
            "Certificate",
            "CertificateVerify",
            "Finished",
        ]
    );
    // The server greeted the client by its certificate's name.
    let answer = t
        .steps
        .iter()
        .rev()
        .find(|s| s.from == Participant::Server && s.record.content_type.0 == 23)
        .expect("response");
    assert!(String::from_utf8_lossy(&answer.record.plaintext).ends_with("Hello, alice!\n"));
}

#[test]
fn mutual_hrr_retries_with_the_servers_group() {
    let t = run("mutual-hrr", 1);
    assert_eq!(t.outcome, Outcome::Success);
    let names = t.message_names();
    assert_eq!(
        &names[..3],
        ["ClientHello", "HelloRetryRequest", "ClientHello"]
    );
}

#[test]
fn no_client_cert_is_refused_with_certificate_required() {
    let t = run("no-client-cert", 1);
    assert_eq!(
        t.outcome,
        Outcome::Failed {
            detected_by: Participant::Server,
            alert: Some(AlertDescription::CERTIFICATE_REQUIRED),
            error: "a client certificate is required and none was sent".into()
        }
    );
    assert_eq!(
        failed_check(&t),
        Some((Participant::Server, CheckKind::ClientCertificatePresent))
    );
    let last = t.steps.last().expect("steps");
    assert_eq!(
        (last.from, last.alert),
        (
            Participant::Server,
            Some(AlertDescription::CERTIFICATE_REQUIRED)
        )
    );
}

#[test]
fn a_seed_reproduces_every_byte_and_another_seed_does_not() {
    for s in CATALOGUE {
        let a = run(s.id, 42);
        assert_eq!(a, run(s.id, 42), "{}", s.id);
        assert_ne!(
            a.steps[0].record.wire,
            run(s.id, 43).steps[0].record.wire,
            "{}",
            s.id
        );
    }
}

#[test]
fn the_trace_round_trips_through_json() {
    let t = run("mutual", 5);
    let json = serde_json::to_string(&t).expect("serializes");
    let back: Trace = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, t);
    assert!(json.contains("\"version\":1"));
}

#[test]
fn key_log_has_the_five_secrets_wireshark_needs() {
    let t = run("one-way", 9);
    let labels: Vec<&str> = t.keylog.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0",
            "SERVER_TRAFFIC_SECRET_0",
            "EXPORTER_SECRET"
        ]
    );
    let first = t
        .keylog_file()
        .lines()
        .next()
        .map(str::to_owned)
        .unwrap_or_default();
    assert_eq!(
        first.split(' ').map(str::len).collect::<Vec<_>>(),
        [31, 64, 64]
    );
}

#[test]
fn the_observer_sees_no_certificate_in_the_clear() {
    // TLS 1.3 encrypts both certificates: the client's name never appears on the wire.
    let t = run("mutual", 3);
    for step in &t.steps {
        let wire = &step.record.wire;
        assert!(
            !wire.windows(5).any(|w| w == b"alice"),
            "step {} leaks the client's name",
            step.index
        );
    }
    assert!(
        t.steps
            .iter()
            .any(|s| s.record.plaintext.windows(5).any(|w| w == b"alice"))
    );
}
