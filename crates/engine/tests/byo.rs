//! Bring your own certificate: pasted PEM (or DER) is decoded and checked as a client and as a
//! server certificate under the lab's CA; every bad input gets a typed reason, a pasted
//! private key is refused without being repeated, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use mtls_lab_engine::handshake::events::{CheckStatus, ChecklistItem, ChecklistReason};
use mtls_lab_engine::pki::byo::{
    ByoError, KeyAlgorithm, MAX_CERTIFICATES, MAX_INPUT, PemKind, Trust, examine, read_certificates,
};
use mtls_lab_engine::pki::{Pki, PkiOptions, to_pem};
use mtls_lab_engine::rng::LabRng;
use mtls_lab_engine::scenario::LAB_NOW;
use proptest::prelude::*;

/// A self-signed RSA-2048 certificate for rsa.example (serverAuth), made with
/// `openssl req -x509 -newkey rsa:2048`, valid from 2026-11-23: not yet at the lab's "now".
const RSA_PEM: &str = "-----BEGIN CERTIFICATE-----\n\
MIIDOzCCAiOgAwIBAgIUbbm8IKLiYUlEdInAHG0v4G2PKz0wDQYJKoZIhvcNAQEL\n\
BQAwFjEUMBIGA1UEAwwLcnNhLmV4YW1wbGUwHhcNMjYxMTIzMTQ1NzIzWhcNMzYx\n\
MTIwMTQ1NzIzWjAWMRQwEgYDVQQDDAtyc2EuZXhhbXBsZTCCASIwDQYJKoZIhvcN\n\
AQEBBQADggEPADCCAQoCggEBAJwUG71OcvUs6uj4VYHkyFxwrJNnL/iTMBrA7sS1\n\
efuD1oPHCutbxA+UmZ/P2zWyNsyXuUwdgBWuVVS2AAAEqkqQS6dg0D+Z0js6oBlT\n\
2aqTUw217pUaJ2M+KL2oNSiu0xu4jqTOzNmRp7WSngKwjLVnZesr/HqW3lS407zY\n\
ep9xzVmO/6XCPtytKoLiyQUQnooG4ZRIFqFnjW8LVLj7SZkAGq6rWTLZ6ecaCnBp\n\
3kCyEBMfDvFTsifn/QhS/WcnFH14+R/KxDvspcAfFxnTqZxwPIbKovLY0E15cglu\n\
dJ6cYdHBavQqBOxY2t7SSIkYCrysVTdl5ZeV87bvgyMsqAMCAwEAAaOBgDB+MB0G\n\
A1UdDgQWBBTGZUps09l9BVlmETkwX+AuhcuoAzAfBgNVHSMEGDAWgBTGZUps09l9\n\
BVlmETkwX+AuhcuoAzAPBgNVHRMBAf8EBTADAQH/MBYGA1UdEQQPMA2CC3JzYS5l\n\
eGFtcGxlMBMGA1UdJQQMMAoGCCsGAQUFBwMBMA0GCSqGSIb3DQEBCwUAA4IBAQCO\n\
PIIP70jcwOk42V6l+4fIIVqM5KSaCp459naGT+B1M5eQpsuQ7xO0GFaMqvIKohPv\n\
u7HQNxadWgp3x3zv+XtVHfkb9T1+fhMjjQTVe+Rlx5p3ib4CqL6YwoeAQGYaYBeM\n\
W4Tc9Bujcvuk3I/TDKKbz5RawX91E2epd7WqOtxKTkHPGTpOL2F25uxPADWUjvl3\n\
Wzgm8b/tphvF7CG8cf6YjobrpgkraQETXCOPmYGh68fywUdg5V66jZelJfq4BWuf\n\
/SDQM9GgHnLjJ9orDQEzt0te2WBYZONG5dtHPbZ1BjMfkSaTJwTJl0rTWMekSspl\n\
inHSOlRSCooHGdT0ZYMv\n\
-----END CERTIFICATE-----\n";

fn lab(seed: u64) -> Pki {
    Pki::generate(
        &mut LabRng::from_seed(seed),
        &PkiOptions::default(),
        LAB_NOW,
    )
}

fn pem_chain(chain: &[Vec<u8>]) -> String {
    chain.iter().map(|c| to_pem("CERTIFICATE", c)).collect()
}

fn first_failure(
    rows: &[mtls_lab_engine::handshake::events::ChecklistRow],
) -> Option<(ChecklistItem, Option<ChecklistReason>)> {
    rows.iter()
        .find(|r| r.status == CheckStatus::Failed)
        .map(|r| (r.item, r.reason))
}

#[test]
fn the_labs_own_client_certificate_passes_as_a_client_only() {
    let pki = lab(1);
    let trust = Trust::of(&pki);
    let report = examine(pem_chain(&pki.client.chain).as_bytes(), &trust).expect("reads");
    assert_eq!(report.certificates.len(), 2);
    assert_eq!(report.certificates[0].subject, "CN=alice,O=Example Corp");
    assert_eq!(report.certificates[0].key, KeyAlgorithm::P256);
    assert!(!report.certificates[0].fields.is_empty());
    assert!(report.as_client.passes);
    assert!(!report.as_server.passes);
    assert_eq!(
        first_failure(
            &report
                .as_server
                .checklist
                .as_ref()
                .expect("checked against the lab root")
                .rows
        ),
        Some((
            ChecklistItem::ExtendedKeyUsage,
            Some(ChecklistReason::EkuMissingPurpose)
        ))
    );
    // The possession row is not reached: a pasted certificate proves nothing about its key.
    let last = report
        .as_client
        .checklist
        .as_ref()
        .expect("checked against the lab root")
        .rows
        .last()
        .expect("rows");
    assert_eq!(
        (last.item, last.status),
        (
            ChecklistItem::PossessionOfPrivateKey,
            CheckStatus::NotReached
        )
    );
}

#[test]
fn the_labs_server_chain_passes_as_a_server_and_fails_without_its_intermediate() {
    let pki = lab(2);
    let trust = Trust::of(&pki);
    let report = examine(pem_chain(&pki.server.chain).as_bytes(), &trust).expect("reads");
    assert!(report.as_server.passes);
    assert!(
        report
            .as_server
            .leaf_checks
            .iter()
            .all(|r| r.status == CheckStatus::Passed)
    );
    let alone = examine(to_pem("CERTIFICATE", &pki.server.cert).as_bytes(), &trust).expect("reads");
    assert!(!alone.as_server.passes);
    assert_eq!(
        first_failure(
            &alone
                .as_server
                .checklist
                .as_ref()
                .expect("checked against the lab root")
                .rows
        ),
        Some((
            ChecklistItem::ChainToTrustedRoot,
            Some(ChecklistReason::IssuerNotFound)
        ))
    );
    // Raw DER works too.
    let der = examine(&pki.server.cert, &trust).expect("reads DER");
    assert_eq!(der.certificates[0].der, pki.server.cert);
}

#[test]
fn a_certificate_from_elsewhere_fails_the_chain_but_the_leaf_checks_still_speak() {
    let theirs = Pki::generate(
        &mut LabRng::from_seed(9),
        &PkiOptions {
            client_expired: true,
            ..PkiOptions::default()
        },
        LAB_NOW,
    );
    let trust = Trust::of(&lab(3));
    let report = examine(pem_chain(&theirs.client.chain).as_bytes(), &trust).expect("reads");
    // Another lab's chain carries the same names, but its key identifiers name other keys,
    // so no chain builds to this lab's root (OpenSSL's X509_check_issued decides the same).
    assert_eq!(
        first_failure(
            &report
                .as_client
                .checklist
                .as_ref()
                .expect("checked against the lab root")
                .rows
        ),
        Some((
            ChecklistItem::ChainToTrustedRoot,
            Some(ChecklistReason::IssuerNotFound)
        ))
    );
    assert_eq!(
        first_failure(&report.as_client.leaf_checks),
        Some((ChecklistItem::Validity, Some(ChecklistReason::Expired)))
    );
    let eku = &report.as_server.leaf_checks[1];
    assert_eq!(
        (eku.item, eku.reason),
        (
            ChecklistItem::ExtendedKeyUsage,
            Some(ChecklistReason::EkuMissingPurpose)
        )
    );
    assert_eq!(eku.detail.as_deref(), Some("clientAuth"));
    assert_eq!(
        report.as_server.leaf_checks[2].reason,
        Some(ChecklistReason::NoSubjectAltName)
    );
}

#[test]
fn an_rsa_certificate_decodes_and_says_its_key_is_not_p256() {
    let trust = Trust::of(&lab(4));
    let report = examine(RSA_PEM.as_bytes(), &trust).expect("reads");
    let cert = &report.certificates[0];
    assert_eq!(cert.key, KeyAlgorithm::Rsa);
    assert!(cert.self_issued);
    assert_eq!(cert.subject, "CN=rsa.example");
    assert!(!cert.fields.is_empty());
    assert!(!report.as_server.passes);
    assert_eq!(
        first_failure(
            &report
                .as_server
                .checklist
                .as_ref()
                .expect("checked against the lab root")
                .rows
        ),
        Some((
            ChecklistItem::ChainToTrustedRoot,
            Some(ChecklistReason::SelfSignedNotTrusted)
        ))
    );
    let leaf: Vec<_> = report
        .as_server
        .leaf_checks
        .iter()
        .map(|r| (r.item, r.status, r.reason))
        .collect();
    assert_eq!(
        leaf,
        [
            (
                ChecklistItem::Validity,
                CheckStatus::Failed,
                Some(ChecklistReason::NotYetValid)
            ),
            (ChecklistItem::ExtendedKeyUsage, CheckStatus::Passed, None),
            (
                ChecklistItem::ServerName,
                CheckStatus::Failed,
                Some(ChecklistReason::NameNotInSan)
            ),
        ]
    );
}

#[test]
fn a_pasted_private_key_is_refused_and_never_repeated() {
    let pki = lab(5);
    let body = "MHcCAQEEIBz3c2VjcmV0LWtleS1ieXRlcy1uZXZlci1zaG93bqAKBggqhkjOPQMBBw==";
    for label in [
        "PRIVATE KEY",
        "EC PRIVATE KEY",
        "RSA PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
    ] {
        let key = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        // Alone, after a certificate, or before one: refused all the same.
        for input in [
            key.clone(),
            format!("{}{key}", to_pem("CERTIFICATE", &pki.client.cert)),
            format!("{key}{}", to_pem("CERTIFICATE", &pki.client.cert)),
        ] {
            let err = read_certificates(input.as_bytes()).expect_err("a key is refused");
            let ByoError::PrivateKey { label: said, .. } = &err else {
                panic!("{label}: {err:?}");
            };
            assert_eq!(said, label);
            for shown in [
                format!("{err}"),
                format!("{err:?}"),
                serde_json::to_string(&err).expect("json"),
            ] {
                assert!(!shown.contains("MHcCAQ"), "{shown}");
                assert!(!shown.contains("c2VjcmV0"), "{shown}");
            }
        }
    }
}

#[test]
fn bad_inputs_get_a_reason() {
    let pki = lab(6);
    let good = to_pem("CERTIFICATE", &pki.client.cert);
    let body: String = good
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut broken_line = good.lines().map(String::from).collect::<Vec<_>>();
    broken_line[3].replace_range(10..11, "!");
    let broken = broken_line.join("\n");
    let junk_der = to_pem("CERTIFICATE", b"not a certificate at all");
    let cases: Vec<(Vec<u8>, ByoError)> = vec![
        (b"".to_vec(), ByoError::Empty),
        (b"  \n\t ".to_vec(), ByoError::Empty),
        (b"hello, world!".to_vec(), ByoError::NotPem),
        (vec![0xff, 0xfe, 0x00, 0x30], ByoError::NotPem),
        (vec![0x30, 0x82, 0x01], ByoError::BadDer { block: 1 }),
        (body.clone().into_bytes(), ByoError::MissingPemHeader),
        (
            broken.into_bytes(),
            ByoError::BadBase64 { block: 1, line: 4 },
        ),
        (junk_der.into_bytes(), ByoError::BadDer { block: 1 }),
        (
            good.replace("-----END CERTIFICATE-----\n", "").into_bytes(),
            ByoError::MissingEnd { block: 1 },
        ),
        (
            good.replace("END CERTIFICATE", "END X509 CRL").into_bytes(),
            ByoError::MismatchedEnd { block: 1 },
        ),
        (
            format!(
                "{good}{}",
                good.replace("CERTIFICATE", "CERTIFICATE REQUEST")
            )
            .into_bytes(),
            ByoError::NotACertificate {
                block: 2,
                kind: PemKind::CertificateRequest,
                label: "CERTIFICATE REQUEST".into(),
            },
        ),
        (
            to_pem("PUBLIC KEY", &[1, 2, 3]).into_bytes(),
            ByoError::NotACertificate {
                block: 1,
                kind: PemKind::PublicKey,
                label: "PUBLIC KEY".into(),
            },
        ),
        (
            to_pem("X509 CRL", &pki.crl).into_bytes(),
            ByoError::NotACertificate {
                block: 1,
                kind: PemKind::Crl,
                label: "X509 CRL".into(),
            },
        ),
        (
            good.repeat(MAX_CERTIFICATES + 1).into_bytes(),
            ByoError::TooManyCertificates {
                max: MAX_CERTIFICATES,
            },
        ),
        (
            vec![b'A'; MAX_INPUT + 1],
            ByoError::TooLarge {
                length: MAX_INPUT + 1,
                max: MAX_INPUT,
            },
        ),
    ];
    for (input, want) in cases {
        let got = read_certificates(&input);
        assert_eq!(
            got.as_ref().err(),
            Some(&want),
            "{:?}",
            String::from_utf8_lossy(&input[..input.len().min(80)])
        );
        assert!(!want.to_string().is_empty());
    }
    // Text around the blocks is ignored, as OpenSSL does; ten certificates are fine.
    let bundle =
        format!("subject=CN=alice\r\n{}", good.replace('\n', "\r\n")).repeat(MAX_CERTIFICATES);
    assert_eq!(
        read_certificates(bundle.as_bytes()).expect("reads").len(),
        MAX_CERTIFICATES
    );
    // The error's JSON has a tag the UI can match on.
    assert_eq!(
        serde_json::to_value(ByoError::BadBase64 { block: 1, line: 4 }).expect("json"),
        serde_json::json!({"error": "bad_base64", "block": 1, "line": 4})
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let trust = Trust::of(&lab(7));
        let _ = examine(&bytes, &trust);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = read_certificates(s.as_bytes());
        let wrapped = format!("-----BEGIN CERTIFICATE-----\n{s}\n-----END CERTIFICATE-----\n");
        let _ = read_certificates(wrapped.as_bytes());
    }

    #[test]
    fn a_bent_pem_never_panics(at in 0usize..2000, byte in any::<u8>(), cut in 0usize..2000) {
        let pki = lab(8);
        let trust = Trust::of(&pki);
        let mut pem = pem_chain(&pki.server.chain).into_bytes();
        let i = at % pem.len();
        pem[i] = byte;
        pem.truncate(cut.max(1).min(pem.len()) + pem.len() / 2);
        let _ = examine(&pem, &trust);
        let mut der = pki.server.cert.clone();
        let j = at % der.len();
        der[j] ^= byte;
        let _ = examine(&der, &trust);
    }
}
