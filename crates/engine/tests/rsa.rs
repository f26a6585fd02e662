//! RSA in the engine: TLS 1.2's RSA key transport as the `tls12-rsa-key-transport` lesson
//! shows it (who makes, encrypts, decrypts and derives what), the RFC 5246 §7.4.7.1
//! countermeasure, and keys found beforehand in slices (as the page does) giving the very run
//! the CLI makes.
#![cfg(not(target_arch = "wasm32"))]

use mtls_lab_engine::LabRng;
use mtls_lab_engine::crypto::rsa::{self, RsaKeygen};
use mtls_lab_engine::handshake::events::{CheckStatus, ChecklistItem};
use mtls_lab_engine::handshake::{Event, KeyAction, KeyKind};
use mtls_lab_engine::scenario::{RunSpec, run_scenario};
use mtls_lab_engine::trace::{Explain, Outcome, Participant, Tls12Step, Trace};

fn json(t: &Trace) -> String {
    serde_json::to_string(t).expect("serializes")
}

/// The run `id` made in a thread of its own, so that no key is remembered from another run.
fn fresh_run(id: &'static str, seed: u64) -> Trace {
    std::thread::spawn(move || RunSpec::resolve(id).expect("known id").run(seed, 1))
        .join()
        .expect("runs")
}

fn key_events(t: &Trace, by: Participant) -> Vec<(KeyKind, KeyAction, Vec<u8>)> {
    t.steps
        .iter()
        .flat_map(|s| &s.events)
        .filter(|e| e.by == by)
        .filter_map(|e| match &e.event {
            Event::Key(k) => Some((k.key, k.action, k.value.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn rsa_key_transport_the_client_encrypts_and_only_the_server_decrypts() {
    let t = run_scenario("tls12-rsa-key-transport", 5).expect("in the catalogue");
    assert_eq!(t.outcome, Outcome::Success);
    let names = t.message_names();
    assert!(!names.contains(&"ServerKeyExchange"), "{names:?}");
    let cke = t
        .steps
        .iter()
        .find(|s| s.explain == Explain::Tls12(Tls12Step::ClientKeyExchangeRsa))
        .expect("an RSA ClientKeyExchange");
    // 4-byte header, 2-byte length, a 2048-bit (256-byte) ciphertext.
    assert_eq!(cke.messages[0].bytes.len(), 4 + 2 + 256);
    let client = key_events(&t, Participant::Client);
    let server = key_events(&t, Participant::Server);
    let pre_master = client
        .iter()
        .find(|(k, a, _)| *k == KeyKind::SharedSecret && *a == KeyAction::Generated)
        .map(|(_, _, v)| v.clone())
        .expect("the client makes the pre-master secret");
    assert_eq!(pre_master.len(), 48);
    assert_eq!(
        &pre_master[..2],
        &[3, 3],
        "it starts with the version offered"
    );
    assert!(
        client
            .iter()
            .any(|(k, a, _)| *k == KeyKind::ServerPublicKey && *a == KeyAction::Used),
        "the client encrypts with the server's public key"
    );
    assert!(
        !client
            .iter()
            .any(|(k, _, _)| *k == KeyKind::ServerPrivateKey),
        "the client never holds the server's private key"
    );
    assert!(
        server
            .iter()
            .any(|(k, a, _)| *k == KeyKind::ServerPrivateKey && *a == KeyAction::Used),
        "the server decrypts with its private key"
    );
    assert!(
        server.iter().any(|(k, a, v)| *k == KeyKind::SharedSecret
            && *a == KeyAction::Derived
            && *v == pre_master),
        "the server ends up with the client's secret"
    );
    assert!(
        !client.iter().chain(&server).any(|(k, _, _)| matches!(
            k,
            KeyKind::ClientEphemeralPrivate | KeyKind::ServerEphemeralPrivate
        )),
        "no ephemeral key: no forward secrecy"
    );
    // The client's checklist is completed at the server's Finished: that is the server's proof.
    let possession = t
        .steps
        .iter()
        .rev()
        .flat_map(|s| &s.events)
        .find_map(|e| match &e.event {
            Event::Checklist(c) if e.by == Participant::Client => c
                .rows
                .iter()
                .find(|r| r.item == ChecklistItem::PossessionOfPrivateKey)
                .map(|r| r.status),
            _ => None,
        });
    assert_eq!(possession, Some(CheckStatus::Passed));
}

#[test]
fn a_server_without_its_key_fails_at_finished_not_at_decryption() {
    let t = fresh_run("b1-skey-v12-rsa-krsa", 3);
    let Outcome::Failed {
        detected_by, alert, ..
    } = &t.outcome
    else {
        panic!("{:?}", t.outcome);
    };
    assert_eq!(*detected_by, Participant::Server);
    assert_eq!(
        alert.map(|a| a.0),
        Some(20),
        "bad_record_mac at the client's Finished"
    );
    // No check failed before it: the server said nothing about the pre-master secret.
    let failed_check_before_finished = t.steps.iter().take_while(|s| {
        !matches!(
            s.explain,
            Explain::Tls12(Tls12Step::Finished(Participant::Client))
        )
    });
    for s in failed_check_before_finished {
        for e in &s.events {
            if let Event::Check(c) = &e.event {
                assert!(c.passed, "{:?} at step {}", c.check, s.index);
            }
        }
    }
}

/// What the page does: a run without searching (thrown away) names the keys it wants; each is
/// found in slices and stored; the run made then is byte for byte the run made in one go.
#[test]
fn keys_found_beforehand_in_slices_give_the_same_run() {
    for id in [
        "tls12-rsa-key-transport",
        "b1-m-rsa",
        "b1-m-skey-ckey-v12-rsa",
    ] {
        let whole = fresh_run(id, 7);
        let sliced = std::thread::spawn(move || {
            let spec = RunSpec::resolve(id).expect("known id");
            let (_, missing) = rsa::deferring(|| spec.run(7, 1));
            assert!(!missing.is_empty(), "{id} wants RSA keys");
            for seed in missing {
                let mut search = RsaKeygen::new(LabRng::from_seed_bytes(seed));
                let key = loop {
                    if let Some(key) = search.step() {
                        break key;
                    }
                };
                rsa::store(seed, key);
            }
            let (run, missing) = rsa::deferring(|| spec.run(7, 1));
            assert!(missing.is_empty(), "{id}: every key is there");
            run
        })
        .join()
        .expect("runs");
        assert_eq!(json(&sliced), json(&whole), "{id}");
    }
}

/// The `forward-secrecy` lesson: two recorded connections, and after the leak the engine's
/// eavesdropper opens the RSA one's records, the request itself among them, and none of the
/// ECDHE one's.
#[test]
fn forward_secrecy_the_leaked_key_opens_the_rsa_recording_only() {
    use mtls_lab_engine::leak::KeyExchange;
    use mtls_lab_engine::scenario::http_request;
    use mtls_lab_engine::wire::ContentType;
    let t = run_scenario("forward-secrecy", 9).expect("in the catalogue");
    assert_eq!(t.outcome, Outcome::Success);
    let hellos: Vec<u32> = t
        .steps
        .iter()
        .filter(|s| s.explain == Explain::Tls12(Tls12Step::ClientHello))
        .map(|s| s.connection)
        .collect();
    assert_eq!(hellos, [0, 1], "two connections, each with its ClientHello");
    let leak = t.leak.as_ref().expect("the leak is part of the lesson");
    let [rsa, ecdhe] = leak.connections.as_slice() else {
        panic!("{leak:?}");
    };
    assert_eq!(
        (rsa.connection, rsa.key_exchange),
        (0, KeyExchange::RsaKeyTransport)
    );
    assert_eq!(
        (ecdhe.connection, ecdhe.key_exchange),
        (1, KeyExchange::Ecdhe)
    );
    assert!(ecdhe.opened.is_empty() && ecdhe.pre_master.is_none());
    // The eavesdropper's pre-master secret is the one the client made.
    let made = t
        .steps
        .iter()
        .filter(|s| s.connection == 0)
        .flat_map(|s| &s.events)
        .find_map(|e| match &e.event {
            Event::Key(k) if k.key == KeyKind::SharedSecret && k.action == KeyAction::Generated => {
                Some(k.value.clone())
            }
            _ => None,
        });
    assert_eq!(rsa.pre_master, made);
    // Every encrypted record of the first connection opens, and the request is the client's.
    let sealed = t
        .steps
        .iter()
        .filter(|s| {
            s.connection == 0 && s.record.epoch != mtls_lab_engine::handshake::Epoch::Plaintext
        })
        .count();
    assert_eq!(rsa.opened.len(), sealed);
    let data: Vec<&Vec<u8>> = rsa
        .opened
        .iter()
        .filter(|r| r.content_type == ContentType::APPLICATION_DATA)
        .map(|r| &r.plaintext)
        .collect();
    assert_eq!(data.first().copied(), Some(&http_request()));
    assert!(
        String::from_utf8_lossy(data[1]).starts_with("HTTP/1.1 200 OK"),
        "the answer too"
    );
    // In JSON, only the second connection's steps say which connection they are on.
    let json = serde_json::to_value(&t).expect("serializes");
    let marked = json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s.get("connection").is_some())
        .count();
    assert_eq!(marked, t.steps.iter().filter(|s| s.connection == 1).count());
}
