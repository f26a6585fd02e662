//! The crypto floor of a run: the asymmetric operations a scenario cannot avoid, done with the
//! same functions the engine uses, and nothing else (no certificates, records or Trace).
//!
//! Timing a run against its floor on the same machine, at the same moment, says what the lab
//! itself costs, whatever the machine's speed: the page's performance budget is judged on that
//! ratio (`tests/browser/budgets.test.mjs`, docs/PERFORMANCE.md), and the page exposes the
//! floor beside `run_json` so anyone can measure it in DevTools.

use crate::crypto::{CryptoError, EcdsaKey, Group, KeyShare, verify_ecdsa_p256_sha256};
use crate::handshake::Connection;
use crate::rng::LabRng;

/// Roughly the size of what the PKI signs (a certificate's TBSCertificate, the CRL's
/// TBSCertList); hashing it is a small part of a signature, but a real one.
const SIGNED_LEN: usize = 400;

/// The asymmetric work of one `mutual` scenario run, PKI included, for `seed`:
///
/// - the PKI: four P-256 keys (root, intermediate, server, client) and five signatures (the
///   root's self-signed certificate, the intermediate, both leaves, the CRL);
/// - the handshake: an x25519 key share and agreement on each side, one CertificateVerify
///   signature per side, and seven verifications (the client checks the intermediate, the
///   server's leaf and the server's CertificateVerify; the server checks the intermediate, the
///   client's leaf, the CRL and the client's CertificateVerify).
///
/// # Errors
/// Only if the crypto itself is broken: a signature it made does not verify, or an agreement
/// fails.
pub fn mutual_scenario(seed: u64) -> Result<(), CryptoError> {
    let mut rng = LabRng::from_seed(seed);
    let mut message = || {
        let mut m = vec![0; SIGNED_LEN];
        rng.fill(&mut m);
        m
    };
    let [root_tbs, intermediate_tbs, server_tbs, client_tbs, crl_tbs] = [(); 5].map(|()| message());
    let mut rng = LabRng::from_seed(seed ^ 1);
    let [root, intermediate, server, client] = [(); 4].map(|()| EcdsaKey::generate(&mut rng));

    // The PKI's signatures.
    root.sign(&root_tbs);
    let intermediate_sig = root.sign(&intermediate_tbs);
    let server_sig = intermediate.sign(&server_tbs);
    let client_sig = intermediate.sign(&client_tbs);
    let crl_sig = intermediate.sign(&crl_tbs);

    // The handshake's key exchange.
    let client_share = KeyShare::generate(Group::X25519, &mut rng);
    let server_share = KeyShare::generate(Group::X25519, &mut rng);
    let client_secret = client_share.agree(server_share.public())?;
    let server_secret = server_share.agree(client_share.public())?;
    if client_secret != server_secret {
        return Err(CryptoError::BadPublicKey);
    }

    // The client checks the server.
    // A transcript hash of the right length stands in for a real one.
    let server_cv = Connection::certificate_verify_content(true, &[0xab; 32]);
    let server_cv_sig = server.sign(&server_cv);
    verify_ecdsa_p256_sha256(&root.public(), &intermediate_tbs, &intermediate_sig)?;
    verify_ecdsa_p256_sha256(&intermediate.public(), &server_tbs, &server_sig)?;
    verify_ecdsa_p256_sha256(&server.public(), &server_cv, &server_cv_sig)?;

    // The server checks the client.
    let client_cv = Connection::certificate_verify_content(false, &[0xab; 32]);
    let client_cv_sig = client.sign(&client_cv);
    verify_ecdsa_p256_sha256(&root.public(), &intermediate_tbs, &intermediate_sig)?;
    verify_ecdsa_p256_sha256(&intermediate.public(), &client_tbs, &client_sig)?;
    verify_ecdsa_p256_sha256(&intermediate.public(), &crl_tbs, &crl_sig)?;
    verify_ecdsa_p256_sha256(&client.public(), &client_cv, &client_cv_sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_of_a_mutual_run_completes_for_any_seed() {
        for seed in [0, 1, u64::MAX] {
            assert_eq!(mutual_scenario(seed), Ok(()));
        }
    }
}
