//! Every client certificate with one or two faults, made by `openssl ca` with the lab's
//! intermediate, shown to three verifiers: OpenSSL's `s_server`, `mtls-lab serve`, and a rustls
//! server in this process. The lab follows OpenSSL's order (the README's promise: a bad client
//! certificate gets the alert OpenSSL's own server sends), and where rustls decides otherwise,
//! the engine's checklist must say what rustls really does.
//!
//! OpenSSL and rustls are the judges here: nothing is predicted by the engine's own code.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use mtls_lab_engine::pki::{self, Role};
use mtls_lab_tests::{
    Issue, OpenSslCa, Peer, openssl_alert_number, output, pki as lab_pki, s_client, scratch, text,
};
use rustls::pki_types::{CertificateDer, CertificateRevocationListDer, PrivateKeyDer, ServerName};
use rustls::server::WebPkiClientVerifier;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// Valid only in 2020.
    Expired,
    /// Valid only from 2099.
    NotYetValid,
    /// EKU serverAuth only.
    ServerAuthOnly,
    /// Listed in the intermediate's CRL.
    Revoked,
    /// One byte of the subject changed after signing: the signature no longer verifies.
    Altered,
    /// Sent without the intermediate CA's certificate.
    NoIntermediate,
}

const FAULTS: [Fault; 6] = [
    Fault::Expired,
    Fault::NotYetValid,
    Fault::ServerAuthOnly,
    Fault::Revoked,
    Fault::Altered,
    Fault::NoIntermediate,
];

/// Every single fault and every pair (expired and not yet valid cannot go together).
fn cases() -> Vec<Vec<Fault>> {
    let mut cases: Vec<Vec<Fault>> = FAULTS.iter().map(|f| vec![*f]).collect();
    for (i, a) in FAULTS.iter().enumerate() {
        for b in &FAULTS[i + 1..] {
            if (*a, *b) != (Fault::Expired, Fault::NotYetValid) {
                cases.push(vec![*a, *b]);
            }
        }
    }
    cases
}

/// DER from PEM, converted by OpenSSL (`x509`, `crl` or `pkey`).
fn der(kind: &str, pem: &Path) -> Vec<u8> {
    let out = output(
        Command::new("openssl")
            .args([kind, "-outform", "DER", "-in"])
            .arg(pem),
    );
    assert!(
        out.status.success(),
        "openssl {kind} failed: {}",
        text(&out)
    );
    out.stdout
}

/// The certificate at `pem` with the last letter of `cn` in its subject changed, as PEM at
/// `out`: the bytes under the issuer's signature are no longer the ones it signed.
fn altered(pem: &Path, cn: &str, out: &Path) -> PathBuf {
    let mut der = der("x509", pem);
    let at = der
        .windows(cn.len())
        .position(|w| w == cn.as_bytes())
        .expect("the subject's common name is in the certificate");
    der[at + cn.len() - 1] ^= 0x01;
    let der_path = out.with_extension("der");
    std::fs::write(&der_path, der).expect("scratch is writable");
    let conv = output(
        Command::new("openssl")
            .args(["x509", "-inform", "DER", "-in"])
            .arg(&der_path)
            .arg("-out")
            .arg(out),
    );
    assert!(
        conv.status.success(),
        "openssl x509 failed: {}",
        text(&conv)
    );
    out.to_path_buf()
}

/// The alert a rustls server sends for this client chain: a rustls client and a rustls server
/// in memory, the server verifying with webpki and the CRL.
fn rustls_alert(pki: &Path, chain: Vec<Vec<u8>>, key: Vec<u8>, crl: Vec<u8>) -> Option<u8> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(der("x509", &pki.join("ca.pem"))))
        .expect("the lab's root is a certificate");
    let roots = Arc::new(roots);
    let verifier = WebPkiClientVerifier::builder(roots.clone())
        .with_crls(vec![CertificateRevocationListDer::from(crl)])
        // As `s_server -crl_check` and the lab: the leaf's revocation, from its issuer's CRL.
        .only_check_end_entity_revocation()
        .build()
        .expect("a client verifier");
    let server_chain = vec![
        CertificateDer::from(der("x509", &pki.join("server.pem"))),
        CertificateDer::from(der("x509", &pki.join("intermediate.pem"))),
    ];
    let server_key = PrivateKeyDer::try_from(der("pkey", &pki.join("server.key")))
        .expect("the server's key is PKCS#8");
    let server = rustls::ServerConfig::builder()
        .with_client_cert_verifier(verifier)
        .with_single_cert(server_chain, server_key)
        .expect("a server config");
    let client = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_client_auth_cert(
            chain.into_iter().map(CertificateDer::from).collect(),
            PrivateKeyDer::try_from(key).expect("the client's key is PKCS#8"),
        )
        .expect("a client config");
    let mut server = rustls::ServerConnection::new(Arc::new(server)).expect("a server");
    let mut client = rustls::ClientConnection::new(
        Arc::new(client),
        ServerName::try_from("server.example").expect("a name"),
    )
    .expect("a client");
    for _ in 0..20 {
        let mut buf = Vec::new();
        while client.wants_write() {
            client.write_tls(&mut buf).expect("writes to memory");
        }
        let mut rd = &buf[..];
        while !rd.is_empty() {
            server.read_tls(&mut rd).expect("reads from memory");
            // A refusal queues the alert, which the next write sends.
            if server.process_new_packets().is_err() {
                break;
            }
        }
        let mut buf = Vec::new();
        while server.wants_write() {
            server.write_tls(&mut buf).expect("writes to memory");
        }
        let mut rd = &buf[..];
        while !rd.is_empty() {
            client.read_tls(&mut rd).expect("reads from memory");
            match client.process_new_packets() {
                Err(rustls::Error::AlertReceived(alert)) => return Some(u8::from(alert)),
                Err(e) => panic!("the rustls client failed on its own: {e}"),
                Ok(_) => {}
            }
        }
        if !client.is_handshaking() && !server.is_handshaking() {
            return None;
        }
    }
    panic!("the rustls handshake neither finished nor failed");
}

#[test]
fn every_pair_of_client_certificate_faults_gets_the_alert_openssls_server_sends() {
    let base = scratch("fault-pairs");
    let pki = lab_pki("fault-pairs-pki", &[]);
    let ca = OpenSslCa::new(&base.join("openssl-ca"), &pki);
    let intermediate = pki.join("intermediate.pem");
    let cases = cases();
    assert_eq!(cases.len(), 20);

    // Issue every certificate, then revoke those that must be: one CRL for all.
    let mut issued = Vec::new();
    for (n, faults) in cases.iter().enumerate() {
        let cn = format!("pair-client-{n:02}");
        let how: Vec<Issue> = faults
            .iter()
            .filter_map(|f| match f {
                Fault::Expired => Some(Issue::Expired),
                Fault::NotYetValid => Some(Issue::NotYetValid),
                Fault::ServerAuthOnly => Some(Issue::ServerAuthOnly),
                _ => None,
            })
            .collect();
        let (leaf, key) = ca.issue_with(&cn, if how.is_empty() { &[Issue::Good] } else { &how });
        issued.push((cn, leaf, key));
    }
    for ((_, leaf, _), faults) in issued.iter().zip(&cases) {
        if faults.contains(&Fault::Revoked) {
            ca.revoke_and_publish(leaf, &pki.join("crl.pem"));
        }
    }
    let (good, good_key) = ca.issue("pair-client-good", Issue::Good);

    let ours = Peer::mtls_lab_serve(&pki, true);
    let theirs = Peer::openssl_s_server(&pki, true, true);
    let ca_pem = pki.join("ca.pem");
    let root = der("x509", &ca_pem);
    let crl = der("crl", &pki.join("crl.pem"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;

    let mut table =
        String::from("| faults | OpenSSL | serve | engine's word for rustls | rustls |\n");
    let mut seen = std::collections::BTreeSet::new();
    for ((cn, leaf, key), faults) in issued.iter().zip(&cases) {
        let leaf = if faults.contains(&Fault::Altered) {
            altered(leaf, cn, &leaf.with_file_name(format!("{cn}-altered.pem")))
        } else {
            leaf.clone()
        };
        let chain = (!faults.contains(&Fault::NoIntermediate)).then_some(intermediate.as_path());
        let cert = Some((leaf.as_path(), key.as_path(), chain));
        let from_theirs = s_client(&theirs.addr, &ca_pem, cert, &[]);
        let from_ours = s_client(&ours.addr, &ca_pem, cert, &[]);
        let openssl = openssl_alert_number(&from_theirs)
            .unwrap_or_else(|| panic!("{faults:?}: OpenSSL's server refuses: {from_theirs}"));
        let serve = openssl_alert_number(&from_ours);

        // What the engine says rustls would send, and what rustls sends.
        let mut ders = vec![der("x509", &leaf)];
        ders.extend(chain.map(|c| der("x509", c)));
        let (list, verdict) =
            pki::examine_chain(&Role::Client, &root, &ders, std::slice::from_ref(&crl), now);
        let engine = verdict
            .as_ref()
            .map_err(|e| e.alert().0)
            .expect_err("the engine refuses");
        let engine_for_rustls = list.rustls.as_ref().map_or(engine, |o| o.alert);
        let rustls = rustls_alert(&pki, ders, der("pkey", key), crl.clone());

        table.push_str(&format!(
            "| {faults:?} | {openssl} | {serve:?} | {engine_for_rustls} | {rustls:?} |\n"
        ));
        seen.insert(openssl);
        assert_eq!(
            serve,
            Some(openssl),
            "{faults:?}: mtls-lab serve sent another alert than OpenSSL's server: {from_ours}"
        );
        assert_eq!(engine, openssl, "{faults:?}: the engine's own verdict");
        assert_eq!(
            Some(engine_for_rustls),
            rustls,
            "{faults:?}: the checklist's word on rustls is not what rustls does"
        );
    }
    eprintln!("{table}");
    // The faults are really different faults: each of OpenSSL's alerts shows up.
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [42, 43, 44, 45, 48, 51],
        "{table}"
    );
    // And a good certificate from the same OpenSSL CA passes all three, so the refusals above
    // are about the certificates, not the setup.
    let cert = Some((
        good.as_path(),
        good_key.as_path(),
        Some(intermediate.as_path()),
    ));
    assert!(s_client(&ours.addr, &ca_pem, cert, &[]).contains("Hello, pair-client-good!"));
    assert!(s_client(&theirs.addr, &ca_pem, cert, &[]).contains("pair-client-good"));
    let ders = vec![der("x509", &good), der("x509", &intermediate)];
    assert_eq!(rustls_alert(&pki, ders, der("pkey", &good_key), crl), None);
}
