//! Reading and writing the PEM files the CLI exchanges with OpenSSL, curl and Python.

use std::path::Path;

use mtls_lab_engine::crypto::{EcdsaKey, PrivateKey};
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

/// A P-256 or RSA private key from a PEM file (PKCS#8 `PRIVATE KEY`, SEC1 `EC PRIVATE KEY` or
/// PKCS#1 `RSA PRIVATE KEY`).
///
/// # Errors
/// A sentence naming the file when it is unreadable, holds no key, or a key of another type.
pub fn private_key(path: &Path) -> Result<PrivateKey, String> {
    let bytes = read(path)?;
    let key = PrivateKeyDer::from_pem_slice(&bytes)
        .map_err(|e| format!("{} holds no private key: {e}", path.display()))?;
    let parsed = match &key {
        PrivateKeyDer::Pkcs8(k) => PrivateKey::from_pkcs8_der(k.secret_pkcs8_der()),
        PrivateKeyDer::Sec1(k) => EcdsaKey::from_sec1_der(k.secret_sec1_der()).map(Into::into),
        PrivateKeyDer::Pkcs1(k) => {
            mtls_lab_engine::crypto::rsa::RsaKey::from_pkcs1_der(k.secret_pkcs1_der())
                .map(Into::into)
        }
        _ => Err(mtls_lab_engine::crypto::CryptoError::BadPrivateKey),
    };
    parsed.map_err(|_| {
        format!(
            "{}: not an ECDSA P-256 or RSA private key (the lab signs with ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256 and rsa_pkcs1_sha256)",
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

/// Whether a file written by `pki` is a private key (owner-only) or public (certificates,
/// CRL).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    /// Written 0600: only its owner may read it.
    Secret,
    /// Written 0644: anyone may read it, as certificates are meant to be.
    Public,
}

/// Makes `dir` ready for `pki` to write `names` into it.
///
/// A missing directory is created with mode 0700 (its parents as usual). An existing one must
/// be a directory, owned by the user running the command and empty, unless `force`; it is then
/// set to 0700.
///
/// # Errors
/// A sentence saying what is in the way: not a directory, another user's, files that would be
/// overwritten (named), or an I/O error.
pub fn prepare_dir(dir: &Path, names: &[&str], force: bool) -> Result<(), String> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            return builder
                .create(dir)
                .map_err(|e| format!("cannot create {shown}: {e}"));
        }
        Err(e) => return Err(format!("cannot use {shown}: {e}")),
        Ok(meta) if !meta.is_dir() => return Err(format!("{shown} exists and is not a directory")),
        Ok(_) => {}
    }
    let entries: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {shown}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if !entries.is_empty() && !force {
        let ours: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| entries.iter().any(|e| e == n))
            .collect();
        let others = entries.len() - ours.len();
        let mut what = Vec::new();
        if !ours.is_empty() {
            what.push(ours.join(", "));
        }
        if others > 0 {
            what.push(format!(
                "{others} other entr{}",
                if others == 1 { "y" } else { "ies" }
            ));
        }
        return Err(format!(
            "{shown} is not empty: it already holds {}. Nothing was written; choose an empty \
             directory, or pass --force to replace the lab's files in it (keys included)",
            what.join(" and ")
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let owner = std::fs::metadata(dir)
            .map_err(|e| format!("cannot use {shown}: {e}"))?
            .uid();
        let me = own_uid(dir)?;
        if owner != me {
            if !force {
                return Err(format!(
                    "{shown} belongs to another user (uid {owner}), who could read or replace \
                     the private keys written there. Nothing was written; choose a directory \
                     of your own, or pass --force"
                ));
            }
        } else {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| format!("cannot make {shown} private (0700): {e}"))?;
        }
    }
    Ok(())
}

/// The uid this process creates files as, read from a file it creates (and removes) in
/// `dir`: std has no `getuid`, and the workspace forbids `unsafe`.
#[cfg(unix)]
fn own_uid(dir: &Path) -> Result<u32, String> {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(format!(".mtls-lab-probe-{}", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    let uid = file.metadata().map(|m| m.uid());
    drop(file);
    let _ = std::fs::remove_file(&probe);
    uid.map_err(|e| format!("cannot write in {}: {e}", dir.display()))
}

/// Writes `contents` to a new file `dir/name`, 0600 for a [`Secrecy::Secret`] and 0644 for a
/// [`Secrecy::Public`] file. The file is created with `O_CREAT | O_EXCL`, which never follows
/// a symbolic link: a link planted at that name is refused, or with `force` removed (the link,
/// not its target) and replaced by a regular file.
///
/// # Errors
/// A sentence naming the file when it exists (without `force`) or cannot be written.
pub fn write_new(
    dir: &Path,
    name: &str,
    contents: impl AsRef<[u8]>,
    secrecy: Secrecy,
    force: bool,
) -> Result<(), String> {
    use std::io::Write;
    let path = dir.join(name);
    let shown = path.display();
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        if !force {
            return Err(format!(
                "{shown} already exists; pass --force to replace it"
            ));
        }
        if meta.is_dir() {
            return Err(format!("{shown} is a directory; remove it first"));
        }
        std::fs::remove_file(&path).map_err(|e| format!("cannot replace {shown}: {e}"))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(
        &mut options,
        match secrecy {
            Secrecy::Secret => 0o600,
            Secrecy::Public => 0o644,
        },
    );
    #[cfg(not(unix))]
    let _ = secrecy;
    let mut file = options
        .open(&path)
        .map_err(|e| format!("cannot create {shown}: {e}"))?;
    file.write_all(contents.as_ref())
        .map_err(|e| format!("cannot write {shown}: {e}"))
}

/// A PKCS#12 file (RFC 7292) holding `key` (PKCS#8 DER) and `chain` (leaf first), protected by
/// `password` with what OpenSSL 3 writes by default and reads without `-legacy`: the key and
/// certificates encrypted with PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) and a SHA-256 MAC.
///
/// # Errors
/// A sentence when the key or a certificate cannot be put in it.
pub fn pkcs12(key: &[u8], chain: &[Vec<u8>], password: &str) -> Result<Vec<u8>, String> {
    use p12_keystore::{
        Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey,
        PrivateKeyChain,
    };
    let key =
        PrivateKey::from_der(key).map_err(|e| format!("cannot put the key in a .p12: {e}"))?;
    let certs = chain
        .iter()
        .map(|c| Certificate::from_der(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot put a certificate in a .p12: {e}"))?;
    // The key's local key id: the SHA-256 of the leaf, as a tool finds its certificate by.
    let id = chain
        .first()
        .map(|leaf| mtls_lab_engine::crypto::sha256(leaf).to_vec())
        .unwrap_or_default();
    let mut store = KeyStore::new();
    store.add_entry(
        "mtls-lab",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(id, key, certs)),
    );
    store
        .writer(password)
        .encryption_algorithm(EncryptionAlgorithm::PbeWithHmacSha256AndAes256)
        .mac_algorithm(MacAlgorithm::HmacSha256)
        .write()
        .map_err(|e| format!("cannot write the .p12: {e}"))
}
