//! `openssl verify` judges the very certificates each bad-certificate lesson uses, and agrees
//! with the engine: the same pass or fail, and for a failure the same kind of reason as the
//! checklist row that stopped the handshake.
//!
//! Each case writes the scenario's PKI ([`scenario_pki`]) as PEM and runs `openssl verify`
//! with the verifying side's view: the lab's root as `-CAfile`, the chain the peer sends as
//! `-untrusted` (so a lesson about a missing intermediate sends none), the intermediate's CRL
//! with `-crl_check` when the server checks a client, `-verify_hostname` when the client
//! checks a server, the purpose of the role, and the lab's fixed "now" as `-attime`.

use std::path::Path;
use std::process::Command;

use mtls_lab_engine::handshake::Event;
use mtls_lab_engine::handshake::events::{CheckStatus, Checklist, ChecklistItem, ChecklistReason};
use mtls_lab_engine::pki::{self, Pki, Role};
use mtls_lab_engine::scenario::{
    Bench, LAB_NOW, SERVER_NAME, bench_pki, run_bench, run_scenario, scenario_pki,
};
use mtls_lab_engine::trace::{Participant, Trace};
use mtls_lab_tests::{output, scratch};

const SEED: u64 = 17;

/// Whose certificate is checked, and so with which purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// The server checks the client's certificate: `-purpose sslclient`, with the CRL.
    Client,
    /// The client checks the server's certificate: `-purpose sslserver`, with the name.
    Server,
}

/// What `openssl verify` said.
#[derive(Debug)]
struct Verdict {
    ok: bool,
    /// The X509_V_ERR code of the first error, if any (`error 10 at 0 depth lookup: …`).
    code: Option<u32>,
    /// Everything it printed.
    text: String,
}

/// Writes `pki`'s certificates for `side` into `dir` and runs `openssl verify` on the leaf.
fn openssl_verify(pki: &Pki, side: Side, dir: &Path) -> Verdict {
    let write = |name: &str, label: &str, der: &[u8]| {
        std::fs::write(dir.join(name), pki::to_pem(label, der)).expect("scratch is writable");
    };
    write("ca.pem", "CERTIFICATE", &pki.root.cert);
    write("crl.pem", "X509 CRL", &pki.crl);
    let leaf = match side {
        Side::Client => &pki.client,
        Side::Server => &pki.server,
    };
    write("leaf.pem", "CERTIFICATE", &leaf.cert);
    // The certificates the peer sends after its leaf: what the verifier may use to build the
    // chain, and nothing else.
    let sent: String = leaf.chain[1..]
        .iter()
        .map(|der| pki::to_pem("CERTIFICATE", der))
        .collect();
    let mut cmd = Command::new("openssl");
    cmd.current_dir(dir)
        .args(["verify", "-CAfile", "ca.pem", "-attime"])
        .arg(LAB_NOW.to_string());
    if !sent.is_empty() {
        std::fs::write(dir.join("sent.pem"), sent).expect("scratch is writable");
        cmd.args(["-untrusted", "sent.pem"]);
    }
    match side {
        Side::Client => cmd.args(["-purpose", "sslclient", "-crl_check", "-CRLfile", "crl.pem"]),
        Side::Server => cmd.args(["-purpose", "sslserver", "-verify_hostname", SERVER_NAME]),
    };
    cmd.arg("leaf.pem");
    let out = output(&mut cmd);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let code = text
        .lines()
        .find_map(|l| l.split("error ").nth(1)?.split(' ').next()?.parse().ok());
    Verdict {
        ok: out.status.success() && text.contains("leaf.pem: OK"),
        code,
        text,
    }
}

/// The last checklist the verifying side made in a run.
fn last_checklist(trace: &Trace, by: Participant) -> Checklist {
    trace
        .steps
        .iter()
        .rev()
        .flat_map(|s| s.events.iter().rev())
        .filter(|e| e.by == by)
        .find_map(|e| match &e.event {
            Event::Checklist(c) => Some(c.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{} made no checklist", trace.scenario))
}

/// The first failed row: the check that stopped the verifier.
fn failed_row(list: &Checklist) -> Option<(ChecklistItem, ChecklistReason)> {
    list.rows
        .iter()
        .find(|r| r.status == CheckStatus::Failed)
        .map(|r| (r.item, r.reason.unwrap_or(ChecklistReason::Malformed)))
}

/// One lesson: whose certificate, the row the engine stops at, and OpenSSL's error for it
/// (X509_V_ERR code and the words of its message).
struct Case {
    id: &'static str,
    side: Side,
    row: ChecklistItem,
    reason: ChecklistReason,
    code: u32,
    words: &'static str,
}

const CASES: &[Case] = &[
    Case {
        id: "unknown-ca",
        side: Side::Client,
        row: ChecklistItem::ChainToTrustedRoot,
        reason: ChecklistReason::IssuerNotFound,
        code: 20,
        words: "unable to get local issuer certificate",
    },
    Case {
        id: "missing-intermediate",
        side: Side::Client,
        row: ChecklistItem::ChainToTrustedRoot,
        reason: ChecklistReason::IssuerNotFound,
        code: 20,
        words: "unable to get local issuer certificate",
    },
    Case {
        id: "expired",
        side: Side::Client,
        row: ChecklistItem::Validity,
        reason: ChecklistReason::Expired,
        code: 10,
        words: "certificate has expired",
    },
    Case {
        id: "not-yet-valid",
        side: Side::Client,
        row: ChecklistItem::Validity,
        reason: ChecklistReason::NotYetValid,
        code: 9,
        words: "certificate is not yet valid",
    },
    Case {
        id: "revoked",
        side: Side::Client,
        row: ChecklistItem::NotRevoked,
        reason: ChecklistReason::Revoked,
        code: 23,
        words: "certificate revoked",
    },
    Case {
        id: "wrong-eku",
        side: Side::Client,
        row: ChecklistItem::ExtendedKeyUsage,
        reason: ChecklistReason::EkuMissingPurpose,
        code: 26,
        // "unsuitable certificate purpose" in OpenSSL 3, "unsupported …" before.
        words: "certificate purpose",
    },
    Case {
        id: "altered-client-cert",
        side: Side::Client,
        row: ChecklistItem::Signatures,
        reason: ChecklistReason::SignatureInvalid,
        code: 7,
        words: "certificate signature failure",
    },
    Case {
        id: "name-mismatch",
        side: Side::Server,
        row: ChecklistItem::ServerName,
        reason: ChecklistReason::NameNotInSan,
        code: 62,
        words: "hostname mismatch",
    },
    Case {
        id: "self-signed-server",
        side: Side::Server,
        row: ChecklistItem::ChainToTrustedRoot,
        reason: ChecklistReason::SelfSignedNotTrusted,
        code: 18,
        words: "self-signed certificate",
    },
];

fn verifier(side: Side) -> Participant {
    match side {
        Side::Client => Participant::Server,
        Side::Server => Participant::Client,
    }
}

#[test]
fn openssl_refuses_each_bad_certificate_for_the_engines_reason() {
    for case in CASES {
        let pki = scenario_pki(case.id, SEED).expect("a catalogue id");
        let dir = scratch(&format!("verify-{}", case.id));
        let openssl = openssl_verify(&pki, case.side, &dir);
        assert!(
            !openssl.ok,
            "{}: OpenSSL accepted it:\n{}",
            case.id, openssl.text
        );
        assert_eq!(
            openssl.code,
            Some(case.code),
            "{}:\n{}",
            case.id,
            openssl.text
        );
        assert!(
            openssl.text.to_lowercase().contains(case.words),
            "{}: OpenSSL said:\n{}",
            case.id,
            openssl.text
        );

        // The engine, in the run itself: the verifier's checklist stops at the same check.
        let trace = run_scenario(case.id, SEED).expect("runs");
        let list = last_checklist(&trace, verifier(case.side));
        assert_eq!(
            failed_row(&list),
            Some((case.row, case.reason)),
            "{}: {list:?}",
            case.id
        );
        assert!(list.chain_verdict().is_err(), "{}", case.id);
    }
}

#[test]
fn openssl_accepts_the_happy_paths_certificates_as_the_engine_does() {
    for id in ["one-way", "mutual"] {
        let pki = scenario_pki(id, SEED).expect("a catalogue id");
        let trace = run_scenario(id, SEED).expect("runs");
        let mut sides = vec![Side::Server];
        if id == "mutual" {
            sides.push(Side::Client);
        }
        for side in sides {
            let dir = scratch(&format!("verify-ok-{id}-{side:?}"));
            let openssl = openssl_verify(&pki, side, &dir);
            assert!(openssl.ok, "{id} {side:?}: OpenSSL said:\n{}", openssl.text);
            let list = last_checklist(&trace, verifier(side));
            assert!(list.passed(), "{id} {side:?}: {list:?}");
            assert_eq!(list.chain_verdict(), Ok(()));
        }
    }
}

/// On two faults at once, OpenSSL looks for the issuer before it looks at the dates
/// (build_chain before internal_verify), as the lab's checklist does; rustls-webpki would
/// name the dates. The bench follows the checklist, so it agrees with OpenSSL here.
#[test]
fn on_an_expired_certificate_from_an_unknown_ca_openssl_and_the_bench_name_the_chain() {
    let bench = Bench::parse("b1-m-cca-cexp").expect("a bench");
    let pki = bench_pki(&bench, SEED);
    let dir = scratch("verify-bench-cca-cexp");
    let openssl = openssl_verify(&pki, Side::Client, &dir);
    assert_eq!(openssl.code, Some(20), "{}", openssl.text);
    let trace = run_bench(&bench, SEED);
    let list = last_checklist(&trace, Participant::Server);
    assert_eq!(
        failed_row(&list),
        Some((
            ChecklistItem::ChainToTrustedRoot,
            ChecklistReason::IssuerNotFound
        ))
    );
    // And the engine's verdict, from the same certificates, says the same.
    let crls = [pki.crl.clone()];
    assert_eq!(
        pki::verify_chain(
            Role::Client,
            &pki.root.cert,
            &pki.client.chain,
            &crls,
            LAB_NOW
        ),
        Err(pki::VerifyError::UnknownIssuer)
    );
}
