//! The bench: its string format round-trips and refuses bad input with a reason; each switch
//! alone ends exactly like the catalogue lesson it stands for; every combination of switches
//! runs, ends where [`Bench::expected`] says, and its checklist shows the check that decided.
#![cfg(not(target_arch = "wasm32"))]

use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::handshake::events::{CheckStatus, Checklist, ChecklistItem};
use mtls_lab_engine::handshake::{Event, Note};
use mtls_lab_engine::pki::{self, Pki, PkiOptions, Role};
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::{
    Bench, BenchError, ClientCert, ClientFaults, Expected, LAB_NOW, ServerFaults, Validity,
    bench_pki, find, run_bench, run_scenario,
};
use mtls_lab_engine::trace::{Outcome, Participant, Trace};
use mtls_lab_engine::wire::AlertDescription;
use proptest::prelude::*;

/// Every client certificate the bench can describe: none, or any set of faults.
fn all_clients() -> Vec<ClientCert> {
    let mut out = vec![ClientCert::Absent];
    for bits in 0u8..64 {
        for validity in [Validity::Valid, Validity::Expired, Validity::NotYetValid] {
            out.push(ClientCert::Present(ClientFaults {
                unknown_ca: bits & 1 != 0,
                missing_intermediate: bits & 2 != 0,
                validity,
                wrong_eku: bits & 4 != 0,
                revoked: bits & 8 != 0,
                wrong_key: bits & 16 != 0,
                altered: bits & 32 != 0,
            }));
        }
    }
    out
}

fn all_servers() -> Vec<ServerFaults> {
    (0u8..8)
        .map(|bits| ServerFaults {
            self_signed: bits & 1 != 0,
            name_mismatch: bits & 2 != 0,
            wrong_key: bits & 4 != 0,
        })
        .collect()
}

/// Every bench there is.
fn all_benches() -> Vec<Bench> {
    let mut out = Vec::new();
    for mutual in [false, true] {
        for client in all_clients() {
            for server in all_servers() {
                for group in [Group::X25519, Group::Secp256r1] {
                    // TLS 1.2 has no HelloRetryRequest: `hrr` and `v12` do not go together;
                    // RSA key transport needs `v12` and `rsa`, and has no group.
                    for rsa in [false, true] {
                        for (hello_retry, tls12, rsa_transport) in [
                            (false, false, false),
                            (true, false, false),
                            (false, true, false),
                            (false, true, true),
                        ] {
                            if rsa_transport && (!rsa || group != Group::X25519) {
                                continue;
                            }
                            out.push(Bench {
                                mutual,
                                client,
                                server,
                                group,
                                hello_retry,
                                tls12,
                                rsa,
                                rsa_transport,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

fn parse(s: &str) -> Bench {
    Bench::parse(s).unwrap_or_else(|e| panic!("{s:?} parses: {e}"))
}

/// The checklists of a trace, in order, with who made them.
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

/// The first failed row of the last checklist: the check that decided a refused handshake.
fn deciding_row(trace: &Trace) -> Option<(Participant, ChecklistItem, String)> {
    let (who, list) = *checklists(trace).last()?;
    let row = list.rows.iter().find(|r| r.status == CheckStatus::Failed)?;
    Some((who, row.item, format!("{:?}", row.reason)))
}

fn outcome_of(trace: &Trace) -> Expected {
    match &trace.outcome {
        Outcome::Success => Expected::Success,
        Outcome::Failed {
            detected_by, alert, ..
        } => Expected::Failed {
            detected_by: *detected_by,
            alert: alert.unwrap_or(AlertDescription(0)),
        },
    }
}

#[test]
fn the_documented_examples_read_as_they_say() {
    assert_eq!(parse("b1"), Bench::default());
    assert_eq!(Bench::default().encode(), "b1");
    let mutual = parse("b1-m");
    assert!(mutual.mutual);
    assert_eq!(mutual.client, ClientCert::Present(ClientFaults::default()));
    let hrr = parse("b1-m-gp256-hrr");
    assert_eq!((hrr.group, hrr.hello_retry), (Group::Secp256r1, true));
    let b = parse("b1-m-cexp-crev-sname");
    assert_eq!(
        b.client,
        ClientCert::Present(ClientFaults {
            validity: Validity::Expired,
            revoked: true,
            ..ClientFaults::default()
        })
    );
    assert!(b.server.name_mismatch);
    assert_eq!(
        b.expected(),
        Expected::Failed {
            detected_by: Participant::Client,
            alert: AlertDescription::BAD_CERTIFICATE
        }
    );
    assert_eq!(parse("b1-m-cnone").client, ClientCert::Absent);
    assert_eq!("b1-m".parse::<Bench>(), Ok(mutual));
    assert_eq!(mutual.to_string(), "b1-m");
}

#[test]
fn any_order_and_the_default_group_read_as_the_canonical_string() {
    for (loose, canonical) in [
        ("b1-hrr-m", "b1-m-hrr"),
        ("b1-g25519", "b1"),
        ("b1-crev-cexp-m-skey-sself", "b1-m-cexp-crev-sself-skey"),
        ("b1-gp256-cnone", "b1-cnone-gp256"),
    ] {
        assert_eq!(parse(loose).encode(), canonical, "{loose}");
    }
}

#[test]
fn every_bench_round_trips_through_its_string() {
    let all = all_benches();
    // Mutual, client, server, then per group: hrr or v12 or neither, each with P-256 or RSA
    // keys, and with x25519 RSA key transport.
    assert_eq!(all.len(), 2 * 193 * 8 * (2 * 3 * 2 + 1));
    let mut strings = std::collections::BTreeSet::new();
    for b in &all {
        let s = b.encode();
        assert!(s.len() <= 72, "{s} fits in a URL parameter");
        assert!(
            s.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
            "{s} needs no escaping in a URL"
        );
        assert_eq!(parse(&s), *b, "{s}");
        assert_eq!(parse(&s).encode(), s);
        assert!(strings.insert(s), "two benches share a string");
        // Through JSON too (the UI may keep a bench in its state).
        let json = serde_json::to_string(b).expect("serializes");
        assert_eq!(serde_json::from_str::<Bench>(&json).expect("reads"), *b);
    }
}

#[test]
fn bad_strings_get_a_reason() {
    let cases: &[(&str, BenchError)] = &[
        ("", BenchError::Empty),
        ("mutual", BenchError::MissingVersion),
        ("B1-m", BenchError::MissingVersion),
        ("b", BenchError::MissingVersion),
        (
            "b2-m",
            BenchError::UnsupportedVersion {
                version: "b2".into(),
            },
        ),
        (
            "b10",
            BenchError::UnsupportedVersion {
                version: "b10".into(),
            },
        ),
        ("b1-", BenchError::EmptySwitch { position: 1 }),
        ("b1-m--hrr", BenchError::EmptySwitch { position: 2 }),
        (
            "b1-m-cexpired",
            BenchError::UnknownSwitch {
                position: 2,
                switch: "cexpired".into(),
            },
        ),
        (
            "b1-M",
            BenchError::UnknownSwitch {
                position: 1,
                switch: "M".into(),
            },
        ),
        (
            "b1-m-x\u{1F600}",
            BenchError::UnknownSwitch {
                position: 2,
                switch: "x\u{1F600}".into(),
            },
        ),
        ("b1-m-hrr-m", BenchError::DuplicateSwitch { switch: "m" }),
        (
            "b1-cnone-cexp",
            BenchError::Conflict {
                first: "cnone",
                second: "cexp",
            },
        ),
        (
            "b1-ckey-cnone",
            BenchError::Conflict {
                first: "ckey",
                second: "cnone",
            },
        ),
        (
            "b1-m-cnyv-cexp",
            BenchError::Conflict {
                first: "cnyv",
                second: "cexp",
            },
        ),
        (
            "b1-gp256-g25519",
            BenchError::Conflict {
                first: "gp256",
                second: "g25519",
            },
        ),
    ];
    for (input, error) in cases {
        assert_eq!(Bench::parse(input).as_ref(), Err(error), "{input:?}");
        assert!(!error.to_string().is_empty());
    }
    let long = format!("b1{}", "-m".repeat(100));
    assert_eq!(
        Bench::parse(&long),
        Err(BenchError::TooLong {
            length: 202,
            max: 128
        })
    );
    // An unknown switch is echoed back at most 16 characters long.
    let Err(BenchError::UnknownSwitch { switch, .. }) =
        Bench::parse(&format!("b1-{}", "z".repeat(60)))
    else {
        panic!("an unknown switch");
    };
    assert_eq!(switch.chars().count(), 16);
    // The error serializes with a tag the UI can match on.
    let json = serde_json::to_value(BenchError::DuplicateSwitch { switch: "m" }).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"error": "duplicate_switch", "switch": "m"})
    );
}

/// Each switch on its own (client switches with mutual TLS on, since only then does the
/// client's certificate matter) and the catalogue lesson it stands for.
const SINGLE: &[(&str, &str)] = &[
    ("b1", "one-way"),
    ("b1-m", "mutual"),
    ("b1-m-gp256-hrr", "mutual-hrr"),
    ("b1-m-cnone", "no-client-cert"),
    ("b1-m-cca", "unknown-ca"),
    ("b1-m-cmi", "missing-intermediate"),
    ("b1-m-cexp", "expired"),
    ("b1-m-cnyv", "not-yet-valid"),
    ("b1-m-ceku", "wrong-eku"),
    ("b1-m-crev", "revoked"),
    ("b1-m-calt", "altered-client-cert"),
    ("b1-m-ckey", "stolen-client-cert"),
    ("b1-sself", "self-signed-server"),
    ("b1-sname", "name-mismatch"),
    ("b1-skey", "impostor-server"),
];

#[test]
fn each_switch_alone_ends_like_its_catalogue_lesson() {
    for seed in [0, 5] {
        for (bench, id) in SINGLE {
            let b = parse(bench);
            let lesson = find(id).expect("a catalogue id");
            assert_eq!(b.expected(), lesson.expected(), "{bench} vs {id}");
            let ours = run_bench(&b, seed);
            let theirs = run_scenario(id, seed).expect("runs");
            assert_eq!(outcome_of(&ours), lesson.expected(), "{bench} seed {seed}");
            assert_eq!(outcome_of(&ours), outcome_of(&theirs), "{bench} vs {id}");
            // The same check decided, for the same reason.
            assert_eq!(
                deciding_row(&ours).map(|(_, item, reason)| (item, reason)),
                deciding_row(&theirs).map(|(_, item, reason)| (item, reason)),
                "{bench} vs {id}"
            );
            // The bench has no attacker: a wrong key is the endpoint's own mistake.
            assert!(!ours.participants.contains(&Participant::Attacker));
            assert_eq!(ours.scenario, *bench);
        }
    }
}

#[test]
fn the_group_and_hello_retry_switches_shape_the_handshake() {
    for (bench, group, retry) in [
        ("b1", Group::X25519, false),
        ("b1-gp256", Group::Secp256r1, false),
        ("b1-hrr", Group::X25519, true),
        ("b1-m-gp256-hrr", Group::Secp256r1, true),
    ] {
        let t = run_bench(&parse(bench), 2);
        assert_eq!(t.outcome, Outcome::Success, "{bench}");
        let names = t.message_names();
        assert_eq!(names.contains(&"HelloRetryRequest"), retry, "{bench}");
        assert_eq!(
            names.iter().filter(|n| **n == "ClientHello").count(),
            if retry { 2 } else { 1 },
            "{bench}"
        );
        let asked: Vec<u16> = t
            .steps
            .iter()
            .flat_map(|s| &s.events)
            .filter_map(|e| match &e.event {
                Event::Note(Note::HelloRetryRequested { group }) if e.by == Participant::Server => {
                    Some(*group)
                }
                _ => None,
            })
            .collect();
        let want: &[u16] = if retry { &[group.code()] } else { &[] };
        assert_eq!(asked, want, "{bench}");
    }
}

#[test]
fn a_bench_run_is_reproducible_and_uses_bench_pki() {
    let b = parse("b1-m-crev-sname");
    let t = run_bench(&b, 42);
    assert_eq!(t, run_bench(&b, 42));
    assert_ne!(t, run_bench(&b, 43));
    let pki = bench_pki(&b, 42);
    let sent_server_cert = t
        .steps
        .iter()
        .flat_map(|s| &s.messages)
        .find(|m| m.name == "Certificate")
        .map(|m| m.bytes.clone())
        .expect("the server's Certificate");
    assert!(
        sent_server_cert
            .windows(pki.server.cert.len())
            .any(|w| w == pki.server.cert.as_slice())
    );
}

/// Every combination of switches: the run ends where `expected` says, the checklist's first
/// failed row is the one whose alert was sent, and nothing panics. One seed per bench, varied
/// across benches.
#[test]
fn every_combination_of_switches_ends_at_the_first_failing_check() {
    for (n, b) in all_benches().into_iter().enumerate() {
        // Group and hello-retry do not change which check fails: run them on a sample. TLS
        // 1.2 goes down the same checklists: a sample too.
        if (b.group, b.hello_retry) != (Group::X25519, false) && n % 7 != 0 {
            continue;
        }
        if b.tls12 && n % 3 != 0 {
            continue;
        }
        // RSA keys change which scheme signs, not which check fails: a sample (each run makes
        // two RSA-2048 keys), with RSA key transport, whose failures differ, more often.
        if b.rsa && n % (if b.rsa_transport { 5 } else { 29 }) != 0 {
            continue;
        }
        let t = run_bench(&b, n as u64);
        let name = b.encode();
        assert_eq!(outcome_of(&t), b.expected(), "{name}");
        if let Expected::Failed { detected_by, alert } = b.expected() {
            // No certificate: no checklist either. A pre-master secret the server could not
            // decrypt: no check fails, the client's Finished just does not open.
            if alert == AlertDescription::CERTIFICATE_REQUIRED
                || alert == AlertDescription::HANDSHAKE_FAILURE
                || alert == AlertDescription::BAD_RECORD_MAC
            {
                continue;
            }
            let (who, item, _) = deciding_row(&t).unwrap_or_else(|| panic!("{name}: a row"));
            assert_eq!(who, detected_by, "{name}");
            let (_, list) = *checklists(&t).last().expect("a checklist");
            let from_row = match list.chain_verdict() {
                Err(e) => e.alert(),
                Ok(()) => {
                    assert_eq!(item, ChecklistItem::PossessionOfPrivateKey, "{name}");
                    AlertDescription::DECRYPT_ERROR
                }
            };
            assert_eq!(
                from_row, alert,
                "{name}: the checklist shows the deciding check"
            );
        }
    }
}

#[test]
fn every_combination_of_client_faults_is_refused_by_both_verifiers_each_in_its_order() {
    for bits in 0u32..64 {
        let options = PkiOptions {
            client_expired: bits & 1 != 0,
            client_not_yet_valid: bits & 2 != 0 && bits & 1 == 0,
            client_wrong_eku: bits & 4 != 0,
            client_unknown_ca: bits & 8 != 0,
            client_missing_intermediate: bits & 16 != 0,
            client_revoked: bits & 32 != 0,
            ..PkiOptions::default()
        };
        let pki = Pki::generate(&mut LabRng::from_seed(u64::from(bits)), &options, LAB_NOW);
        let crls = [pki.crl.clone()];
        let chain = &pki.client.chain;
        let (list, ours) = pki::examine_chain(&Role::Client, &pki.root.cert, chain, &crls, LAB_NOW);
        let webpki = pki::webpki_verdict(Role::Client, &pki.root.cert, chain, &crls, LAB_NOW);
        // Accepted or refused is webpki's decision; the reason is the checklist's first
        // failed row, in OpenSSL's order.
        assert_eq!(ours.is_ok(), webpki.is_ok(), "{options:?}");
        assert_eq!(ours.is_ok(), bits == 0, "{options:?}");
        assert_eq!(list.chain_verdict(), ours, "{options:?}");
        // Where webpki names another fault, or rustls would send another alert, the list
        // says what rustls decides.
        match (&webpki, &list.rustls) {
            (Err(theirs), Some(other)) => {
                assert!(
                    other.alert != ours.as_ref().expect_err("refused").alert().0
                        || Err(theirs) != ours.as_ref().map(|_| ()),
                    "{options:?}: a difference is named only when there is one"
                );
                assert_eq!(
                    other.alert == 45,
                    matches!(
                        theirs,
                        pki::VerifyError::Expired | pki::VerifyError::NotYetValid
                    ),
                    "{options:?}"
                );
            }
            (Err(theirs), None) => assert_eq!(Err(theirs.clone()), ours, "{options:?}"),
            (Ok(()), other) => assert_eq!(*other, None, "{options:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_any_string_never_panics(s in "\\PC{0,200}") {
        if let Ok(b) = Bench::parse(&s) {
            prop_assert_eq!(Bench::parse(&b.encode()), Ok(b));
        }
    }

    #[test]
    fn parsing_switch_soup_never_panics_and_round_trips(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("m".to_string()), Just("cnone".to_string()), Just("cca".to_string()),
                Just("cmi".to_string()), Just("cexp".to_string()), Just("cnyv".to_string()),
                Just("ceku".to_string()), Just("crev".to_string()), Just("ckey".to_string()),
                Just("sself".to_string()), Just("sname".to_string()), Just("skey".to_string()),
                Just("g25519".to_string()), Just("gp256".to_string()), Just("hrr".to_string()),
                Just(String::new()), "[a-z0-9]{1,6}",
            ],
            0..20,
        ),
        version in prop_oneof![Just("b1".to_string()), "b[0-9]{0,3}", "[a-z]{0,3}"],
    ) {
        let s = std::iter::once(version).chain(parts).collect::<Vec<_>>().join("-");
        if let Ok(b) = Bench::parse(&s) {
            let canonical = b.encode();
            prop_assert_eq!(Bench::parse(&canonical), Ok(b));
            prop_assert!(canonical.len() <= s.len());
        }
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let s = String::from_utf8_lossy(&bytes);
        let _ = Bench::parse(&s);
    }

    #[test]
    fn shuffled_switches_read_as_the_same_bench(
        index in 0usize..6208,
        keys in proptest::collection::vec(any::<u32>(), 16),
    ) {
        let all = all_benches();
        let b = all[index % all.len()];
        let canonical = b.encode();
        let mut switches: Vec<&str> = canonical.split('-').skip(1).collect();
        let mut order: Vec<(u32, &str)> = switches.drain(..).zip(keys).map(|(s, k)| (k, s)).collect();
        order.sort();
        let shuffled = std::iter::once("b1")
            .chain(order.into_iter().map(|(_, s)| s))
            .collect::<Vec<_>>()
            .join("-");
        prop_assert_eq!(Bench::parse(&shuffled), Ok(b));
    }
}
