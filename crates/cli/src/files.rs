//! Reading and writing the PEM files the CLI exchanges with OpenSSL, curl and Python.

use std::path::Path;

use mtls_lab_engine::crypto::EcdsaKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, CertificateRevocationListDer, PrivateKeyDer};

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Every certificate in a PEM file, in order (a chain: leaf first).
///
/// # Errors
/// A sentence naming the file when it is unreadable, not PEM, or holds no certificate.
pub fn certificates(path: &Path) -> Result<Vec<Vec<u8>>, String> {
    let bytes = read(path)?;
    let certs: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(&bytes)
        .map(|c| c.map(|c| c.to_vec()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{} is not valid PEM: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "{} holds no certificate (expected -----BEGIN CERTIFICATE-----)",
            path.display()
        ));
    }
    Ok(certs)
}

/// A P-256 private key from a PEM file (PKCS#8 `PRIVATE KEY` or SEC1 `EC PRIVATE KEY`).
///
/// # Errors
/// A sentence naming the file when it is unreadable, holds no key, or a key of another type.
pub fn private_key(path: &Path) -> Result<EcdsaKey, String> {
    let bytes = read(path)?;
    let key = PrivateKeyDer::from_pem_slice(&bytes)
        .map_err(|e| format!("{} holds no private key: {e}", path.display()))?;
    let parsed = match &key {
        PrivateKeyDer::Pkcs8(k) => EcdsaKey::from_pkcs8_der(k.secret_pkcs8_der()),
        PrivateKeyDer::Sec1(k) => EcdsaKey::from_sec1_der(k.secret_sec1_der()),
        _ => {
            return Err(format!(
                "{}: only ECDSA P-256 keys are supported (this is an RSA key)",
                path.display()
            ));
        }
    };
    parsed.map_err(|_| {
        format!(
            "{}: not an ECDSA P-256 private key (the lab speaks ecdsa_secp256r1_sha256 only)",
            path.display()
        )
    })
}

/// A CRL from a PEM file.
///
/// # Errors
/// A sentence naming the file when it is unreadable or holds no CRL.
pub fn crl(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = read(path)?;
    CertificateRevocationListDer::from_pem_slice(&bytes)
        .map(|c| c.to_vec())
        .map_err(|e| {
            format!(
                "{} holds no CRL (expected -----BEGIN X509 CRL-----): {e}",
                path.display()
            )
        })
}

/// Writes `contents` to `dir/name`.
///
/// # Errors
/// A sentence naming the file when it cannot be written.
pub fn write(dir: &Path, name: &str, contents: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
