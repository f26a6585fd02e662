//! Bring your own certificate: the learner pastes a PEM (or drops DER bytes), the lab decodes
//! each certificate and says whether the chain would pass as a client or as a server
//! certificate under the lab's CA, with the same checklist a handshake shows.
//!
//! Input is untrusted: it is capped ([`MAX_INPUT`], [`MAX_CERTIFICATES`]), read without
//! panicking, and every way it can be wrong is a [`ByoError`] with a reason. A private key
//! pasted by mistake is refused with [`ByoError::PrivateKey`] as soon as its `BEGIN` line is
//! seen: its body is not decoded, kept or repeated back.

use serde::{Deserialize, Serialize};
use x509_cert::Certificate;
use x509_cert::der::Decode;
use x509_cert::der::oid::ObjectIdentifier;

use super::checklist::{Checklist, ChecklistRow, checklist, leaf_checks};
use super::{Pki, Role, inspect};
use crate::scenario::{LAB_NOW, SERVER_NAME};
use crate::wire::Field;

/// The largest input read, in bytes (a chain of ten large RSA certificates fits).
pub const MAX_INPUT: usize = 64 * 1024;

/// The most certificates read from one input.
pub const MAX_CERTIFICATES: usize = 10;

/// The longest PEM label repeated back in an error.
const MAX_LABEL: usize = 40;

/// id-ecPublicKey (RFC 5480 §2.1.1).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// secp256r1 (RFC 5480 §2.1.1.1).
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// secp384r1.
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// rsaEncryption (RFC 8017 appendix C).
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// RSASSA-PSS keys.
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// Ed25519 (RFC 8410).
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// What kind of PEM block was found where a certificate was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PemKind {
    /// `CERTIFICATE REQUEST` / `NEW CERTIFICATE REQUEST`: a CSR, which a CA turns into a
    /// certificate.
    CertificateRequest,
    /// `PUBLIC KEY` / `RSA PUBLIC KEY`: a bare key, with no name or CA signature.
    PublicKey,
    /// `X509 CRL`: a revocation list.
    Crl,
    /// `PKCS7` / `CMS`: a container that may hold certificates; export them as PEM.
    Pkcs7,
    /// `TRUSTED CERTIFICATE`: OpenSSL's certificate with trust settings attached.
    TrustedCertificate,
    /// `EC PARAMETERS`, `DH PARAMETERS`…: parameters, no certificate.
    Parameters,
    /// Any other label.
    Other,
}

impl PemKind {
    fn of(label: &str) -> Self {
        match label {
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Self::CertificateRequest,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Self::PublicKey,
            "X509 CRL" => Self::Crl,
            "PKCS7" | "CMS" => Self::Pkcs7,
            "TRUSTED CERTIFICATE" => Self::TrustedCertificate,
            l if l.ends_with("PARAMETERS") => Self::Parameters,
            _ => Self::Other,
        }
    }
}

/// Why an input could not be read as certificates. Blocks are counted from 1, lines too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
#[non_exhaustive]
pub enum ByoError {
    /// Nothing was pasted (or only whitespace).
    Empty,
    /// The input is larger than [`MAX_INPUT`].
    TooLarge {
        /// Its size in bytes.
        length: usize,
        /// The most accepted.
        max: usize,
    },
    /// More certificates than [`MAX_CERTIFICATES`].
    TooManyCertificates {
        /// The most accepted.
        max: usize,
    },
    /// A warning, not only an error: a private key was pasted. It was not read, kept or
    /// shown; a private key should never leave its owner's machine.
    PrivateKey {
        /// Which block (from 1).
        block: usize,
        /// Its label, e.g. `EC PRIVATE KEY` (the label only, never the key).
        label: String,
    },
    /// The input is neither PEM text nor DER bytes of a certificate.
    NotPem,
    /// The input looks like the base64 body of a PEM without its `-----BEGIN CERTIFICATE-----`
    /// and `-----END CERTIFICATE-----` lines.
    MissingPemHeader,
    /// A PEM block that is not a certificate (a CSR, a public key, a CRL…).
    NotACertificate {
        /// Which block (from 1).
        block: usize,
        /// What it is instead.
        kind: PemKind,
        /// Its label as written (at most 40 characters).
        label: String,
    },
    /// A `-----BEGIN …-----` line with no matching `-----END …-----` line.
    MissingEnd {
        /// Which block (from 1).
        block: usize,
    },
    /// The `END` line names another label than the `BEGIN` line.
    MismatchedEnd {
        /// Which block (from 1).
        block: usize,
    },
    /// The block's body is not valid base64 (a character outside the alphabet, padding in the
    /// middle, or a length that is not a whole number of bytes).
    BadBase64 {
        /// Which block (from 1).
        block: usize,
        /// The input line where it goes wrong (from 1).
        line: usize,
    },
    /// The base64 decodes, but the bytes are not an X.509 certificate (DER).
    BadDer {
        /// Which block (from 1).
        block: usize,
    },
}

impl core::fmt::Display for ByoError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Empty => f.write_str("nothing to read: paste a PEM certificate"),
            Self::TooLarge { length, max } => {
                write!(f, "the input is {length} bytes; at most {max} are read")
            }
            Self::TooManyCertificates { max } => {
                write!(f, "more than {max} certificates; paste the chain only")
            }
            Self::PrivateKey { block, label } => write!(
                f,
                "block {block} is a private key ({label}): it was not read or kept; never share it"
            ),
            Self::NotPem => f.write_str("this is neither a PEM nor a DER certificate"),
            Self::MissingPemHeader => {
                f.write_str("base64 without the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines")
            }
            Self::NotACertificate { block, label, .. } => {
                write!(f, "block {block} is a {label}, not a CERTIFICATE")
            }
            Self::MissingEnd { block } => write!(f, "block {block} has no -----END line"),
            Self::MismatchedEnd { block } => {
                write!(f, "block {block} ends with another label than it begins with")
            }
            Self::BadBase64 { block, line } => {
                write!(f, "block {block}: line {line} is not valid base64")
            }
            Self::BadDer { block } => write!(f, "block {block} is not an X.509 certificate"),
        }
    }
}

impl std::error::Error for ByoError {}

/// A certificate's public key, as far as the lab tells them apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum KeyAlgorithm {
    /// ECDSA on P-256: the only kind the lab verifies signatures with.
    P256,
    /// ECDSA on P-384.
    P384,
    /// Elliptic curve on another named curve.
    OtherCurve {
        /// The curve's OID.
        oid: String,
    },
    /// RSA (rsaEncryption or RSASSA-PSS).
    Rsa,
    /// Ed25519.
    Ed25519,
    /// Anything else.
    Other {
        /// The algorithm's OID.
        oid: String,
    },
}

impl KeyAlgorithm {
    fn of(cert: &Certificate) -> Self {
        let alg = &cert.tbs_certificate().subject_public_key_info().algorithm;
        if alg.oid == EC_PUBLIC_KEY {
            match alg
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            {
                Some(c) if c == SECP256R1 => Self::P256,
                Some(c) if c == SECP384R1 => Self::P384,
                Some(c) => Self::OtherCurve { oid: c.to_string() },
                None => Self::OtherCurve { oid: String::new() },
            }
        } else if alg.oid == RSA || alg.oid == RSA_PSS {
            Self::Rsa
        } else if alg.oid == ED25519 {
            Self::Ed25519
        } else {
            Self::Other {
                oid: alg.oid.to_string(),
            }
        }
    }
}

/// One certificate of the input, decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByoCertificate {
    /// Its DER bytes.
    pub der: Vec<u8>,
    /// Its fields for the inspector, byte ranges relative to `der`
    /// ([`inspect::certificate_fields`]).
    pub fields: Vec<Field>,
    /// The subject (RFC 4514).
    pub subject: String,
    /// The issuer (RFC 4514).
    pub issuer: String,
    /// Whether it signed itself (issuer = subject).
    pub self_issued: bool,
    /// Its public key's algorithm. The lab verifies only ECDSA P-256: with any other key,
    /// signatures made by this certificate's key cannot be checked here.
    pub key: KeyAlgorithm,
}

/// What the lab can say about the chain for one role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleReport {
    /// The verifier's checklist, exactly as a handshake would show it (the possession row is
    /// not reached: a pasted certificate proves nothing about its key). `None` when no trust
    /// anchor was given: then the chain, its signatures and revocation were not checked.
    pub checklist: Option<Checklist>,
    /// The checks on the leaf alone (validity, EKU, and for a server the name), each made
    /// even when the chain stopped the checklist earlier, and the only checks made without a
    /// trust anchor.
    pub leaf_checks: Vec<ChecklistRow>,
    /// Whether the certificate would pass for this role: the checklist's verdict, or without a
    /// trust anchor the leaf checks' (which cannot say the chain is trusted).
    pub passes: bool,
    /// The subject (RFC 4514) of the trusted root the checklist was made against; `None`
    /// without a trust anchor.
    pub root: Option<String>,
}

/// Everything the lab says about a pasted input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByoReport {
    /// The certificates, in input order; the first is taken as the leaf.
    pub certificates: Vec<ByoCertificate>,
    /// As a client certificate, checked by a server with [`Trust`]'s roots and client CRLs.
    pub as_client: RoleReport,
    /// As a server certificate, checked by a client with [`Trust`]'s roots, server CRLs and
    /// server name.
    pub as_server: RoleReport,
}

/// What a pasted chain is checked against: trust anchors, CRLs, the server name and "now".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trust {
    /// The root CA certificates to trust (DER). Empty: no trust anchor, so only the checks
    /// on the leaf alone are made.
    pub roots: Vec<Vec<u8>>,
    /// CRLs a server checks client certificates against (DER).
    pub client_crls: Vec<Vec<u8>>,
    /// CRLs a client checks server certificates against (DER).
    pub server_crls: Vec<Vec<u8>>,
    /// The name a client asks for; empty when none is given (the name row is skipped).
    pub server_name: String,
    /// "Now", in Unix seconds.
    pub now: i64,
}

impl Trust {
    /// The trust of a lab run: `pki`'s root, its CRL on the server's side (the lab's client
    /// holds no CRL, as in every lesson), [`SERVER_NAME`], [`LAB_NOW`].
    pub fn of(pki: &Pki) -> Self {
        Self {
            roots: vec![pki.root.cert.clone()],
            client_crls: vec![pki.crl.clone()],
            server_crls: Vec::new(),
            server_name: SERVER_NAME.into(),
            now: LAB_NOW,
        }
    }
}

/// Reads the certificates of `input`: PEM text with one or more `CERTIFICATE` blocks (text
/// around the blocks is ignored, as OpenSSL does), or the DER bytes of one certificate.
///
/// # Errors
/// A [`ByoError`] for the first problem found; [`ByoError::PrivateKey`] as soon as a private
/// key's `BEGIN` line is seen. Never panics.
pub fn read_certificates(input: &[u8]) -> Result<Vec<Vec<u8>>, ByoError> {
    if input.len() > MAX_INPUT {
        return Err(ByoError::TooLarge {
            length: input.len(),
            max: MAX_INPUT,
        });
    }
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(ByoError::Empty);
    }
    // DER: a certificate is a SEQUENCE, tag 0x30.
    if input.first() == Some(&0x30) && Certificate::from_der(input).is_ok() {
        return Ok(vec![input.to_vec()]);
    }
    let Ok(text) = core::str::from_utf8(input) else {
        return Err(if input.first() == Some(&0x30) {
            ByoError::BadDer { block: 1 }
        } else {
            ByoError::NotPem
        });
    };
    if !text.contains("-----BEGIN") {
        let base64ish = text
            .bytes()
            .all(|b| b.is_ascii_whitespace() || b == b'=' || alphabet(b).is_some());
        return Err(if base64ish && text.trim().len() >= 16 {
            ByoError::MissingPemHeader
        } else {
            ByoError::NotPem
        });
    }
    read_pem(text)
}

/// The PEM label of a `-----BEGIN X-----` / `-----END X-----` line, if it is one.
fn armor<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    line.strip_prefix("-----")?
        .strip_prefix(word)?
        .strip_prefix(' ')?
        .strip_suffix("-----")
}

fn clip(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LABEL)
        .collect()
}

fn read_pem(text: &str) -> Result<Vec<Vec<u8>>, ByoError> {
    let mut out = Vec::new();
    let mut block = 0;
    // The open block: its label, its first body line, and the body so far.
    let mut open: Option<(&str, usize, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let number = n + 1;
        match open.take() {
            None => {
                if let Some(label) = armor(line, "BEGIN") {
                    block += 1;
                    if label.ends_with("PRIVATE KEY") {
                        return Err(ByoError::PrivateKey {
                            block,
                            label: clip(label),
                        });
                    }
                    if label != "CERTIFICATE" && label != "X509 CERTIFICATE" {
                        return Err(ByoError::NotACertificate {
                            block,
                            kind: PemKind::of(label),
                            label: clip(label),
                        });
                    }
                    if out.len() == MAX_CERTIFICATES {
                        return Err(ByoError::TooManyCertificates {
                            max: MAX_CERTIFICATES,
                        });
                    }
                    open = Some((label, number + 1, String::new()));
                } else if line.starts_with("-----BEGIN") {
                    block += 1;
                    return Err(ByoError::NotACertificate {
                        block,
                        kind: PemKind::Other,
                        label: clip(line),
                    });
                }
            }
            Some((label, first, mut body)) => {
                if let Some(end) = armor(line, "END") {
                    if end != label {
                        return Err(ByoError::MismatchedEnd { block });
                    }
                    let der = base64_decode(&body).map_err(|offset| ByoError::BadBase64 {
                        block,
                        line: line_of(&body, offset, first),
                    })?;
                    if Certificate::from_der(&der).is_err() {
                        return Err(ByoError::BadDer { block });
                    }
                    out.push(der);
                } else if line.starts_with("-----") {
                    return Err(ByoError::MissingEnd { block });
                } else {
                    body.push_str(line);
                    body.push('\n');
                    open = Some((label, first, body));
                }
            }
        }
    }
    if open.is_some() {
        return Err(ByoError::MissingEnd { block });
    }
    if out.is_empty() {
        return Err(ByoError::NotPem);
    }
    Ok(out)
}

/// The input line of byte `offset` of a block body that started at line `first`.
fn line_of(body: &str, offset: usize, first: usize) -> usize {
    first
        + body
            .as_bytes()
            .iter()
            .take(offset)
            .filter(|b| **b == b'\n')
            .count()
}

fn alphabet(b: u8) -> Option<u32> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decodes base64 (RFC 4648 §4), skipping whitespace. On error, the byte offset in `text`
/// where it goes wrong.
fn base64_decode(text: &str) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits, mut pad) = (0u32, 0u32, 0usize);
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        if b.is_ascii_whitespace() {
            continue;
        }
        last = i;
        if b == b'=' {
            pad += 1;
            if pad > 2 {
                return Err(i);
            }
            continue;
        }
        // Data after padding.
        if pad > 0 {
            return Err(i);
        }
        let v = alphabet(b).ok_or(i)?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Left-over bits must be padding bits: 2 bits with "==", 4 bits with "=", none without.
    let whole = match (bits, pad) {
        (0, 0) => true,
        (4, 2) | (2, 1) => acc == 0,
        (4, 0) | (2, 0) => acc == 0,
        _ => false,
    };
    if whole { Ok(out) } else { Err(last) }
}

fn describe(der: Vec<u8>) -> ByoCertificate {
    let parsed = inspect::parse(&der);
    let (subject, issuer, key) = match &parsed {
        Some(c) => (
            super::inspect::dn_text(c.tbs_certificate().subject()),
            super::inspect::dn_text(c.tbs_certificate().issuer()),
            KeyAlgorithm::of(c),
        ),
        None => (
            String::new(),
            String::new(),
            KeyAlgorithm::Other { oid: String::new() },
        ),
    };
    ByoCertificate {
        fields: inspect::certificate_fields(&der),
        self_issued: parsed
            .as_ref()
            .is_some_and(|c| c.tbs_certificate().subject() == c.tbs_certificate().issuer()),
        der,
        subject,
        issuer,
        key,
    }
}

/// The checklist against the root that serves the chain best: the first under which it
/// passes, else the first whose chain row passes (so the failure shown is a later, more
/// telling one), else the first root. With one root, that root.
fn best_checklist(
    role: &Role,
    roots: &[Vec<u8>],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Option<(usize, Checklist)> {
    let lists: Vec<Checklist> = roots
        .iter()
        .map(|root| checklist(role, root, chain, crls, now))
        .collect();
    let chain_ok = |l: &Checklist| {
        l.rows
            .first()
            .is_some_and(|r| r.status == super::checklist::CheckStatus::Passed)
    };
    let pick = lists
        .iter()
        .position(|l| l.chain_verdict().is_ok() && chain_ok(l))
        .or_else(|| lists.iter().position(chain_ok))
        .or(if lists.is_empty() { None } else { Some(0) })?;
    lists.into_iter().nth(pick).map(|l| (pick, l))
}

fn role_report(role: &Role, chain: &[Vec<u8>], crls: &[Vec<u8>], trust: &Trust) -> RoleReport {
    let leaf = chain.first().map(Vec::as_slice).unwrap_or_default();
    let leaf_checks = leaf_checks(role, leaf, trust.now);
    match best_checklist(role, &trust.roots, chain, crls, trust.now) {
        Some((root, list)) => RoleReport {
            passes: list.chain_verdict().is_ok(),
            leaf_checks,
            checklist: Some(list),
            root: trust
                .roots
                .get(root)
                .and_then(|r| inspect::subject_string(r)),
        },
        None => RoleReport {
            passes: leaf_checks
                .iter()
                .all(|r| r.status != super::checklist::CheckStatus::Failed),
            leaf_checks,
            checklist: None,
            root: None,
        },
    }
}

/// Reads `input` ([`read_certificates`]) and checks the chain (the first certificate as the
/// leaf, the rest as the certificates a peer would send with it) as a client certificate and
/// as a server certificate under `trust`.
///
/// # Errors
/// The [`ByoError`] of [`read_certificates`]. Never panics.
pub fn examine(input: &[u8], trust: &Trust) -> Result<ByoReport, ByoError> {
    let chain = read_certificates(input)?;
    let as_client = role_report(&Role::Client, &chain, &trust.client_crls, trust);
    let server = Role::Server {
        name: trust.server_name.clone(),
    };
    let as_server = role_report(&server, &chain, &trust.server_crls, trust);
    Ok(ByoReport {
        certificates: chain.into_iter().map(describe).collect(),
        as_client,
        as_server,
    })
}
