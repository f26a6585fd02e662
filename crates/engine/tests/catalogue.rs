//! The whole catalogue: every id reaches the outcome the lesson promises (who noticed, which
//! alert), for several seeds; attack scenarios show their attacker; the checklist agrees with
//! rustls-webpki; and a passive observer never sees a certificate.

use mtls_lab_engine::handshake::events::{
    CheckStatus, Checklist, ChecklistItem, ChecklistReason, ObservedRecord,
};
use mtls_lab_engine::handshake::{CheckKind, Event};
use mtls_lab_engine::pki::{self, Pki, PkiOptions, Role};
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::{
    CATALOGUE, Expected, LAB_NOW, PHISHING_NAME, SERVER_NAME, run_scenario,
};
use mtls_lab_engine::trace::{Outcome, Participant, Trace};
use mtls_lab_engine::wire::HandshakeMessage;

const SEEDS: [u64; 4] = [0, 1, 7, 20_260_101];

fn run(id: &str, seed: u64) -> Trace {
    run_scenario(id, seed).unwrap_or_else(|| panic!("scenario {id} exists"))
}

/// Every checklist in the trace, with who made it.
fn checklists(trace: &Trace) -> Vec<(Participant, &Checklist)> {
    trace
        .steps
        .iter()
        .flat_map(|s| &s.events)
        .filter_map(|e| match &e.event {
            Event::Checklist(c) => Some((e.by, c)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_scenario_reaches_its_expected_outcome() {
    for seed in SEEDS {
        for s in CATALOGUE {
            let t = run(s.id, seed);
            match s.expected() {
                Expected::Success => {
                    assert_eq!(t.outcome, Outcome::Success, "{} seed {seed}", s.id);
                }
                Expected::Failed { detected_by, alert } => {
                    let Outcome::Failed {
                        detected_by: who,
                        alert: sent,
                        ..
                    } = &t.outcome
                    else {
                        panic!("{} seed {seed}: expected a failure, got success", s.id);
                    };
                    assert_eq!(
                        (*who, *sent),
                        (detected_by, Some(alert)),
                        "{} seed {seed}",
                        s.id
                    );
                    // The alert really crossed the wire, from whoever noticed.
                    assert!(
                        t.steps
                            .iter()
                            .any(|st| st.from == detected_by && st.alert == Some(alert)),
                        "{} seed {seed}: no {alert} record from {detected_by:?}",
                        s.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_scenario_is_reproducible_from_its_seed() {
    for s in CATALOGUE {
        assert_eq!(run(s.id, 99), run(s.id, 99), "{}", s.id);
    }
}

#[test]
fn attack_scenarios_show_the_attacker_and_others_do_not() {
    for s in CATALOGUE {
        let t = run(s.id, 3);
        assert_eq!(
            t.participants.contains(&Participant::Attacker),
            s.attacker(),
            "{}",
            s.id
        );
        let active = t
            .steps
            .iter()
            .any(|st| st.from == Participant::Attacker || st.to == Participant::Attacker);
        // Only the passive eavesdroppers take part without sending or receiving.
        let passive = s.id == "observer" || s.id == "forward-secrecy";
        assert_eq!(active, s.attacker() && !passive, "{}", s.id);
    }
}

#[test]
fn the_checklist_verdict_is_webpkis_on_every_scenario() {
    for seed in SEEDS {
        for s in CATALOGUE {
            let t = run(s.id, seed);
            for step in &t.steps {
                for (i, e) in step.events.iter().enumerate() {
                    let Event::Check(check) = &e.event else {
                        continue;
                    };
                    if !matches!(
                        check.check,
                        CheckKind::ServerCertificateChain | CheckKind::ClientCertificateChain
                    ) {
                        continue;
                    }
                    // The checklist comes just before webpki's verdict, from the same verifier.
                    let checklist = step.events[..i]
                        .iter()
                        .rev()
                        .find_map(|p| match &p.event {
                            Event::Checklist(c) if p.by == e.by => Some(c),
                            _ => None,
                        })
                        .unwrap_or_else(|| panic!("{}: no checklist before the check", s.id));
                    match checklist.chain_verdict() {
                        Ok(()) => assert!(check.passed, "{} seed {seed}", s.id),
                        Err(err) => {
                            assert!(!check.passed, "{} seed {seed}", s.id);
                            assert_eq!(
                                check.detail.as_deref(),
                                Some(format!("certificate rejected: {err}").as_str()),
                                "{} seed {seed}",
                                s.id
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_checklist_stops_at_the_check_each_lesson_is_about() {
    use ChecklistItem as I;
    use ChecklistReason as R;
    let cases: &[(&str, Participant, I, R)] = &[
        (
            "unknown-ca",
            Participant::Server,
            I::ChainToTrustedRoot,
            R::IssuerNotFound,
        ),
        ("expired", Participant::Server, I::Validity, R::Expired),
        (
            "not-yet-valid",
            Participant::Server,
            I::Validity,
            R::NotYetValid,
        ),
        ("revoked", Participant::Server, I::NotRevoked, R::Revoked),
        (
            "wrong-eku",
            Participant::Server,
            I::ExtendedKeyUsage,
            R::EkuMissingPurpose,
        ),
        (
            "missing-intermediate",
            Participant::Server,
            I::ChainToTrustedRoot,
            R::IssuerNotFound,
        ),
        (
            "altered-client-cert",
            Participant::Server,
            I::Signatures,
            R::SignatureInvalid,
        ),
        (
            "name-mismatch",
            Participant::Client,
            I::ServerName,
            R::NameNotInSan,
        ),
        (
            "self-signed-server",
            Participant::Client,
            I::ChainToTrustedRoot,
            R::SelfSignedNotTrusted,
        ),
        (
            "impostor-server",
            Participant::Client,
            I::PossessionOfPrivateKey,
            R::SignatureDoesNotMatchKey,
        ),
        (
            "stolen-client-cert",
            Participant::Server,
            I::PossessionOfPrivateKey,
            R::SignatureDoesNotMatchKey,
        ),
        (
            "aitm-relay-mutual",
            Participant::Server,
            I::PossessionOfPrivateKey,
            R::SignatureDoesNotMatchKey,
        ),
    ];
    for (id, by, item, reason) in cases {
        let t = run(id, 11);
        let (who, last) = *checklists(&t).last().expect("a checklist");
        assert_eq!(who, *by, "{id}");
        let failed: Vec<_> = last
            .rows
            .iter()
            .filter(|r| r.status == CheckStatus::Failed)
            .collect();
        assert_eq!(failed.len(), 1, "{id}: {last:?}");
        assert_eq!(
            (failed[0].item, failed[0].reason),
            (*item, Some(*reason)),
            "{id}"
        );
        // Everything after the failed row was not reached.
        let at = last
            .rows
            .iter()
            .position(|r| r.status == CheckStatus::Failed)
            .unwrap_or_default();
        assert!(
            last.rows[at + 1..]
                .iter()
                .all(|r| r.status == CheckStatus::NotReached),
            "{id}"
        );
    }
}

#[test]
fn a_good_chain_passes_every_row_in_order() {
    let t = run("mutual", 4);
    let lists = checklists(&t);
    // Client checks the server (twice: chain, then possession), the server the client.
    let items: Vec<_> = lists
        .iter()
        .map(|(who, c)| (*who, c.rows.len(), c.passed()))
        .collect();
    assert_eq!(
        items,
        [
            (Participant::Client, 7, true),
            (Participant::Client, 7, true),
            (Participant::Server, 6, true),
            (Participant::Server, 6, true)
        ]
    );
    let (_, about_server) = lists[1];
    let order: Vec<_> = about_server.rows.iter().map(|r| r.item).collect();
    assert_eq!(
        order,
        [
            ChecklistItem::ChainToTrustedRoot,
            ChecklistItem::ExtendedKeyUsage,
            ChecklistItem::ServerName,
            ChecklistItem::NotRevoked,
            ChecklistItem::Signatures,
            ChecklistItem::Validity,
            ChecklistItem::PossessionOfPrivateKey
        ]
    );
    // The client holds no CRL: revocation of the server is skipped, not passed.
    assert_eq!(about_server.rows[3].status, CheckStatus::Skipped);
    assert_eq!(about_server.rows[6].status, CheckStatus::Passed);
    // Before CertificateVerify, possession is not reached yet.
    assert_eq!(lists[0].1.rows[6].status, CheckStatus::NotReached);
}

#[test]
fn checklist_and_webpki_agree_on_every_bent_pki() {
    let single = [
        PkiOptions::default(),
        PkiOptions {
            client_expired: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            client_not_yet_valid: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            client_wrong_eku: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            client_unknown_ca: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            client_missing_intermediate: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            client_revoked: true,
            ..PkiOptions::default()
        },
        PkiOptions {
            server_name: Some("other.example".into()),
            ..PkiOptions::default()
        },
        PkiOptions {
            server_self_signed: true,
            ..PkiOptions::default()
        },
    ];
    for (n, options) in single.iter().enumerate() {
        let pki = Pki::generate(&mut LabRng::from_seed(n as u64), options, LAB_NOW);
        let crls = [pki.crl.clone()];
        for (role, chain, crls) in [
            (Role::Client, &pki.client.chain, &crls[..]),
            (
                Role::Server {
                    name: SERVER_NAME.into(),
                },
                &pki.server.chain,
                &[][..],
            ),
            (
                Role::Server {
                    name: PHISHING_NAME.into(),
                },
                &pki.server.chain,
                &[][..],
            ),
        ] {
            let list = pki::checklist(&role, &pki.root.cert, chain, crls, LAB_NOW);
            let webpki = pki::webpki_verdict(role.clone(), &pki.root.cert, chain, crls, LAB_NOW);
            // With one fault, the lab's order and webpki's name the same one.
            assert_eq!(list.chain_verdict(), webpki, "{options:?} {role:?}");
        }
    }
}

#[test]
fn garbage_certificates_fail_the_checklist_without_panicking() {
    let pki = Pki::generate(&mut LabRng::from_seed(1), &PkiOptions::default(), LAB_NOW);
    let mut truncated = pki.client.cert.clone();
    truncated.truncate(truncated.len() / 2);
    let mut flipped = pki.client.cert.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    for chain in [
        vec![],
        vec![vec![]],
        vec![vec![0x30, 0x80]],
        vec![truncated],
        vec![flipped, pki.intermediate.cert.clone()],
    ] {
        let list = pki::checklist(&Role::Client, &pki.root.cert, &chain, &[], LAB_NOW);
        assert!(!list.passed());
        let webpki = pki::webpki_verdict(Role::Client, &pki.root.cert, &chain, &[], LAB_NOW);
        assert!(webpki.is_err());
    }
}

#[test]
fn the_observer_sees_the_hellos_but_never_a_certificate() {
    let t = run("observer", 8);
    assert_eq!(t.outcome, Outcome::Success);
    let client_cert = run("mutual", 8)
        .steps
        .iter()
        .flat_map(|s| &s.messages)
        .filter(|m| m.name == "Certificate")
        .count();
    assert_eq!(client_cert, 2, "mutual sends two Certificate messages");
    let observed: Vec<&ObservedRecord> = t
        .steps
        .iter()
        .map(|s| {
            s.events
                .iter()
                .find_map(|e| match &e.event {
                    Event::Observed(o) if e.by == Participant::Attacker => Some(o),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("step {} has no observation", s.index))
        })
        .collect();
    assert!(observed.iter().all(|o| o.certificates.is_empty()));
    assert_eq!(observed[0].messages, ["ClientHello"]);
    assert_eq!(observed[0].server_name.as_deref(), Some(SERVER_NAME));
    let readable: Vec<&str> = observed
        .iter()
        .flat_map(|o| o.messages.iter().map(String::as_str))
        .collect();
    assert_eq!(readable, ["ClientHello", "ServerHello"]);
}

#[test]
fn the_client_certificate_never_crosses_the_wire_in_the_clear() {
    for id in ["observer", "mutual", "mutual-hrr"] {
        for seed in SEEDS {
            let t = run(id, seed);
            let message = t
                .steps
                .iter()
                .filter(|s| s.from == Participant::Client)
                .flat_map(|s| &s.messages)
                .find(|m| m.name == "Certificate")
                .expect("the client sent its certificate");
            let Ok((HandshakeMessage::Certificate(c), _)) =
                HandshakeMessage::decode(&message.bytes)
            else {
                panic!("{id}: the client's Certificate decodes");
            };
            let der = &c.chain[0];
            for step in &t.steps {
                assert!(
                    !step.record.wire.windows(der.len()).any(|w| w == der),
                    "{id} seed {seed} step {} shows the client certificate",
                    step.index
                );
            }
            assert!(
                t.steps
                    .iter()
                    .any(|s| s.record.plaintext.windows(der.len()).any(|w| w == der))
            );
        }
    }
}

#[test]
fn the_tampered_record_goes_through_the_attacker() {
    let t = run("tampered-record", 5);
    let i = t
        .steps
        .iter()
        .position(|s| s.from == Participant::Attacker)
        .expect("the attacker sends its version");
    let (original, forged) = (&t.steps[i - 1], &t.steps[i]);
    assert_eq!(
        (original.from, original.to),
        (Participant::Client, Participant::Attacker)
    );
    assert_eq!(forged.to, Participant::Server);
    let diff: Vec<u8> = original
        .record
        .wire
        .iter()
        .zip(&forged.record.wire)
        .map(|(a, b)| a ^ b)
        .filter(|x| *x != 0)
        .collect();
    assert_eq!(diff, [1], "exactly one bit differs");
    assert!(t.steps.iter().enumerate().all(|(n, s)| s.index == n));
    assert!(forged.events.iter().any(|e| matches!(
        &e.event,
        Event::Check(c) if c.check == CheckKind::RecordAuthentication && !c.passed
    )));
}

#[test]
fn the_phishing_proxy_reads_the_password_and_the_cookie_over_one_way_tls() {
    let t = run("aitm-relay-one-way", 2);
    assert_eq!(t.outcome, Outcome::Success);
    let seen_by_proxy = |needle: &[u8]| {
        t.steps.iter().any(|s| {
            (s.from == Participant::Attacker || s.to == Participant::Attacker)
                && s.record
                    .plaintext
                    .windows(needle.len())
                    .any(|w| w == needle)
        })
    };
    assert!(seen_by_proxy(b"password=correct-horse-battery-staple"));
    assert!(seen_by_proxy(b"Set-Cookie: session="));
    // Two TLS connections, each with its own secrets in the key log.
    let randoms: std::collections::BTreeSet<_> =
        t.keylog.iter().map(|l| l.client_random.clone()).collect();
    assert_eq!(randoms.len(), 2);
    // The victim was shown a valid certificate, for the look-alike name.
    let (who, victim_view) = checklists(&t)[0];
    assert_eq!(who, Participant::Client);
    assert!(victim_view.passed());
}

#[test]
fn the_phishing_proxy_cannot_sign_for_the_client_over_mutual_tls() {
    let t = run("aitm-relay-mutual", 2);
    // The victim's own handshake with the proxy succeeded; the real server refused the proxy.
    let names: Vec<(Participant, Participant, &str)> = t
        .steps
        .iter()
        .flat_map(|s| {
            s.messages
                .iter()
                .map(move |m| (s.from, s.to, m.name.as_str()))
        })
        .filter(|(_, _, n)| *n == "CertificateVerify")
        .collect();
    assert_eq!(
        names,
        [
            (
                Participant::Attacker,
                Participant::Client,
                "CertificateVerify"
            ),
            (
                Participant::Client,
                Participant::Attacker,
                "CertificateVerify"
            ),
            (
                Participant::Server,
                Participant::Attacker,
                "CertificateVerify"
            ),
            (
                Participant::Attacker,
                Participant::Server,
                "CertificateVerify"
            ),
        ]
    );
    // The proxy replayed the victim's signature byte for byte; it did not verify.
    let cv = |from, to| {
        t.steps
            .iter()
            .filter(|s| s.from == from && s.to == to)
            .flat_map(|s| &s.messages)
            .find(|m| m.name == "CertificateVerify")
            .map(|m| m.bytes.clone())
            .expect("CertificateVerify")
    };
    assert_eq!(
        cv(Participant::Client, Participant::Attacker),
        cv(Participant::Attacker, Participant::Server)
    );
    assert!(
        t.steps
            .iter()
            .flat_map(|s| &s.events)
            .any(|e| e.by == Participant::Server
                && matches!(&e.event, Event::Check(c)
                    if c.check == CheckKind::ClientCertificateVerify && !c.passed))
    );
}

/// The first node called `name`, depth first.
fn find<'a>(
    field: &'a mtls_lab_engine::wire::Field,
    name: &str,
) -> Option<&'a mtls_lab_engine::wire::Field> {
    field.find(name)
}

#[test]
fn certificates_are_decoded_into_the_field_tree_with_byte_ranges() {
    let t = run("mutual", 6);
    let client_cert = t
        .steps
        .iter()
        .filter(|s| s.from == Participant::Client)
        .flat_map(|s| &s.messages)
        .find(|m| m.name == "Certificate")
        .expect("client Certificate");
    let tree = client_cert.fields.as_ref().expect("decoded");
    let entries: Vec<_> = tree
        .children
        .iter()
        .flat_map(|c| &c.children)
        .filter(|c| c.name == "CertificateEntry")
        .collect();
    assert_eq!(entries.len(), 2, "leaf and intermediate");
    let leaf = entries[0];
    let value = |name: &str| {
        find(leaf, name)
            .and_then(|f| f.value.clone())
            .unwrap_or_else(|| panic!("{name} decoded"))
    };
    assert_eq!(value("subject"), "CN=alice,O=Example Corp");
    assert_eq!(value("issuer"), "CN=mTLS Lab Intermediate CA,O=mTLS Lab");
    assert_eq!(value("extKeyUsage"), "clientAuth");
    assert_eq!(value("keyUsage"), "critical; digitalSignature");
    assert_eq!(value("basicConstraints"), "critical; CA:FALSE");
    assert_eq!(value("signatureAlgorithm"), "ecdsa-with-SHA256");
    assert_eq!(value("algorithm"), "id-ecPublicKey secp256r1");
    assert_eq!(value("notAfter"), "2026-04-01T00:00:00Z");
    for name in [
        "serialNumber",
        "subjectKeyIdentifier",
        "authorityKeyIdentifier",
        "subjectPublicKey",
        "signatureValue",
    ] {
        assert!(!value(name).is_empty(), "{name}");
    }
    // Ranges point into the message: the subject's bytes hold the name, the public key's
    // bytes end with the key the trace reports.
    let subject = find(leaf, "subject").expect("subject");
    assert!(
        client_cert.bytes[subject.start..subject.end]
            .windows(5)
            .any(|w| w == b"alice")
    );
    let key = find(leaf, "subjectPublicKey").expect("key");
    let hex: String = client_cert.bytes[key.end - 65..key.end]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(key.value.as_deref(), Some(hex.as_str()));
    let server_tree = t
        .steps
        .iter()
        .flat_map(|s| &s.messages)
        .find(|m| m.name == "Certificate")
        .and_then(|m| m.fields.as_ref())
        .expect("server Certificate");
    assert_eq!(
        find(server_tree, "subjectAltName").and_then(|f| f.value.as_deref()),
        Some("DNS:server.example")
    );
}

#[test]
fn malformed_certificates_decode_to_no_fields() {
    use mtls_lab_engine::pki::inspect::certificate_fields;
    let pki = Pki::generate(&mut LabRng::from_seed(3), &PkiOptions::default(), LAB_NOW);
    assert!(!certificate_fields(&pki.server.cert).is_empty());
    for cut in 0..pki.server.cert.len() {
        assert!(certificate_fields(&pki.server.cert[..cut]).is_empty());
    }
    for i in 0..pki.server.cert.len() {
        let mut bent = pki.server.cert.clone();
        bent[i] ^= 0x80;
        let _ = certificate_fields(&bent);
    }
    assert!(certificate_fields(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_empty());
}

#[test]
fn every_trace_round_trips_through_json() {
    for s in CATALOGUE {
        let t = run(s.id, 12);
        let json = serde_json::to_string(&t).expect("serializes");
        let back: Trace = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, t, "{}", s.id);
    }
    let entries = serde_json::to_value(CATALOGUE).expect("serializes");
    let no_client_cert = CATALOGUE
        .iter()
        .position(|s| s.id == "no-client-cert")
        .expect("a lesson");
    assert_eq!(
        entries[no_client_cert]["expected"],
        serde_json::json!({"result": "failed", "detected_by": "server", "alert": 116})
    );
}

#[test]
fn scenario_pki_gives_the_certificates_the_run_used() {
    use mtls_lab_engine::scenario::scenario_pki;
    for id in ["expired", "revoked", "name-mismatch", "self-signed-server"] {
        let pki = scenario_pki(id, 21).expect("known id");
        let t = run(id, 21);
        let sent: Vec<Vec<u8>> = t
            .steps
            .iter()
            .flat_map(|s| &s.messages)
            .filter_map(|m| match HandshakeMessage::decode(&m.bytes) {
                Ok((HandshakeMessage::Certificate(c), _)) => c.chain.first().cloned(),
                _ => None,
            })
            .collect();
        assert_eq!(sent[0], pki.server.cert, "{id}");
        if let Some(client) = sent.get(1) {
            assert_eq!(*client, pki.client.cert, "{id}");
        }
    }
    assert!(scenario_pki("no-such-lesson", 1).is_none());
}

/// RFC 8446 §6: alerts are protected by the current write keys. A client that refuses the
/// server's flight has handshake keys by then, so its alert must not cross in the clear.
#[test]
fn a_client_alert_after_server_hello_is_encrypted() {
    for id in ["name-mismatch", "self-signed-server", "impostor-server"] {
        let trace = mtls_lab_engine::scenario::run_scenario(id, 1).expect("known scenario");
        let alert = trace
            .steps
            .iter()
            .find(|s| s.alert.is_some())
            .expect("the run ends with an alert");
        assert_eq!(
            alert.record.epoch,
            mtls_lab_engine::handshake::Epoch::Handshake,
            "{id}: the alert is protected by the client handshake keys"
        );
        assert_eq!(
            alert.record.wire[0], 23,
            "{id}: it looks like application data on the wire"
        );
    }
}

/// A run is described once: a catalogue entry in which nobody else plays is its bench, and
/// runs byte for byte as the bench string does (only the name in the trace differs); an attack
/// is its bench's fault played by the attacker, and ends as the bench does.
#[test]
fn each_entry_is_its_bench_and_runs_as_the_bench_string_does() {
    use mtls_lab_engine::scenario::{Play, RunSpec, run_bench};
    for s in CATALOGUE {
        let bench = s.setup.bench;
        if s.setup.play == Play::Direct {
            for seed in [0, 7] {
                let mut ours = run_bench(&bench, seed);
                assert_eq!(ours.scenario, bench.encode());
                ours.scenario = s.id.to_string();
                assert!(
                    ours == run(s.id, seed),
                    "{} is {}, byte for byte",
                    s.id,
                    bench.encode()
                );
            }
        }
        if matches!(
            s.setup.play,
            Play::ImpostorServer | Play::StolenClientCert | Play::Observer
        ) {
            assert_eq!(s.expected(), bench.expected(), "{}", s.id);
        }
        // The resolver the CLI and the page use finds the same run under both names.
        assert_eq!(RunSpec::resolve(s.id), Ok(RunSpec::Catalogue(s)));
        assert_eq!(RunSpec::resolve(&bench.encode()), Ok(RunSpec::Bench(bench)));
        assert_eq!(
            RunSpec::resolve(s.id).map(|r| r.expected()),
            Ok(s.expected())
        );
    }
}

#[test]
fn the_resolver_runs_catalogue_ids_and_bench_strings_and_says_why_it_cannot() {
    use mtls_lab_engine::scenario::{BenchError, RunSpec, UnknownRun, bench_pki, run_bench};
    let mutual = RunSpec::resolve("mutual").expect("a catalogue id");
    assert!(mutual.run(3, 1) == run("mutual", 3));
    assert_eq!(mutual.id(), "mutual");
    let bench = RunSpec::resolve("b1-m-cexp-crev").expect("a bench string");
    let RunSpec::Bench(b) = bench else {
        panic!("a bench")
    };
    assert!(bench.run(3, 1) == run_bench(&b, 3));
    assert_eq!(bench.pki(3).client.cert, bench_pki(&b, 3).client.cert);
    // A bench honours the number of requests as a catalogue entry does: two more requests,
    // two more records from the client.
    let good = RunSpec::resolve("b1-m-gp256").expect("a bench string");
    let from_client = |t: &Trace| {
        t.steps
            .iter()
            .filter(|s| s.from == Participant::Client)
            .count()
    };
    assert_eq!(
        from_client(&good.run(3, 3)),
        from_client(&good.run(3, 1)) + 2
    );
    let entries = serde_json::to_value(CATALOGUE).expect("serializes");
    assert_eq!(entries[1]["bench"], "b1-m");
    assert_eq!(entries[1]["play"], "direct");
    assert_eq!(RunSpec::resolve("nope"), Err(UnknownRun::NotInCatalogue));
    assert_eq!(
        RunSpec::resolve("b2-m"),
        Err(UnknownRun::Bench(BenchError::UnsupportedVersion {
            version: "b2".into()
        }))
    );
}
