//! The run's certificates, CRL and (labelled lab-only) private keys as one PEM file.
//!
//! The trace holds the certificates that crossed the wire but no private key, so the bundle
//! is rebuilt from the scenario id (a catalogue id or a bench string, resolved by
//! [`RunSpec::resolve`]) and seed: the same seed makes the same keys. Text outside the `-----BEGIN` / `-----END` lines is ignored by
//! OpenSSL and other PEM readers (RFC 7468 §2), so each block is introduced by a `#` line
//! saying what it is.

use std::fmt::Write as _;

use crate::pki::{inspect, to_pem};
use crate::scenario::RunSpec;
use crate::trace::Trace;
use crate::wire::HandshakeMessage;

use super::who;

fn certificate(out: &mut String, what: &str, der: &[u8]) {
    let subject = inspect::subject_string(der).unwrap_or_else(|| "undecodable".into());
    let _ = writeln!(out, "# {what}: {subject}");
    out.push_str(&to_pem("CERTIFICATE", der));
}

/// The PKI scenario `id` runs with for `seed`: the root and intermediate CA certificates, the
/// server's and client's certificate chains, the CRL, then the four private keys under a
/// LAB ONLY warning. `id` may be a bench string. `None` for an unknown id.
pub fn pem_bundle_for(id: &str, seed: u64) -> Option<String> {
    let pki = RunSpec::resolve(id).ok()?.pki(seed);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# mTLS Lab PEM bundle: scenario {id}, seed {seed}.\n\
         # LAB ONLY: every key below was computed from a public seed, so anyone can recompute\n\
         # it. Never trust these certificates or use these keys outside the lab.\n"
    );
    certificate(&mut out, "root CA (trust anchor)", &pki.root.cert);
    certificate(&mut out, "intermediate CA", &pki.intermediate.cert);
    let mut listed = vec![pki.root.cert.clone(), pki.intermediate.cert.clone()];
    for (what, chain) in [
        ("server certificate", &pki.server.chain),
        ("client certificate", &pki.client.chain),
    ] {
        for (i, der) in chain.iter().enumerate() {
            if listed.contains(der) {
                continue;
            }
            let what = if i == 0 {
                what.to_string()
            } else {
                format!("{what}'s chain, certificate {}", i + 1)
            };
            certificate(&mut out, &what, der);
            listed.push(der.clone());
        }
    }
    out.push_str("# certificate revocation list issued by the intermediate CA\n");
    out.push_str(&to_pem("X509 CRL", &pki.crl));
    for (what, key) in [
        ("root CA", &pki.root.key),
        ("intermediate CA", &pki.intermediate.key),
        ("server", &pki.server.key),
        ("client", &pki.client.key),
    ] {
        let kind = if key.is_rsa() { "RSA-2048" } else { "P-256" };
        let _ = writeln!(
            out,
            "# LAB ONLY, NEVER USE OUTSIDE THE LAB: the {what}'s private key ({kind}, PKCS#8)"
        );
        out.push_str(&to_pem("PRIVATE KEY", &key.to_pkcs8_der()));
    }
    Some(out)
}

/// [`pem_bundle_for`] the trace's scenario and seed, followed by every certificate that
/// crossed the wire in the run but is not in the lab's PKI (the phishing proxy's, issued
/// during the run; its key stays with the attacker). `None` for an unknown scenario.
pub fn pem_bundle(trace: &Trace) -> Option<String> {
    let mut out = pem_bundle_for(&trace.scenario, trace.seed)?;
    let pki = RunSpec::resolve(&trace.scenario).ok()?.pki(trace.seed);
    let mut known: Vec<Vec<u8>> = vec![pki.root.cert, pki.intermediate.cert];
    known.extend(pki.server.chain);
    known.extend(pki.client.chain);
    let version = trace.version();
    for step in &trace.steps {
        for m in &step.messages {
            let chain = match HandshakeMessage::decode_in(&m.bytes, version) {
                Ok((HandshakeMessage::Certificate(c), _)) => Some(c.chain),
                Ok((HandshakeMessage::Certificate12(chain), _)) => Some(chain),
                _ => None,
            };
            if let Some(chain) = chain {
                for der in chain {
                    if !known.contains(&der) {
                        certificate(
                            &mut out,
                            &format!("sent by the {} at step {}", who(step.from), step.index + 1),
                            &der,
                        );
                        known.push(der);
                    }
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::run_scenario;

    fn count(text: &str, label: &str) -> usize {
        text.matches(&format!("-----BEGIN {label}-----")).count()
    }

    #[test]
    fn bundle_holds_the_pki_and_labelled_keys() {
        let text = pem_bundle_for("mutual", 1).expect("known scenario");
        assert_eq!(count(&text, "CERTIFICATE"), 4);
        assert_eq!(count(&text, "X509 CRL"), 1);
        assert_eq!(count(&text, "PRIVATE KEY"), 4);
        assert_eq!(text.matches("# LAB ONLY, NEVER USE").count(), 4);
        assert_eq!(pem_bundle_for("nope", 1), None);
    }

    #[test]
    fn relay_bundle_adds_the_phishing_certificate() {
        let trace = run_scenario("aitm-relay-one-way", 1).expect("known scenario");
        let text = pem_bundle(&trace).expect("known scenario");
        assert_eq!(count(&text, "CERTIFICATE"), 5);
        assert!(text.contains("# sent by the attacker at step 5"), "{text}");
    }
}
