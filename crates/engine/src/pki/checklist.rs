//! The verification checklist: the checks a verifier makes on a peer's certificate chain, one
//! row each, in the order it makes them, so a learner sees which check stopped a handshake.
//!
//! The rows are computed here, step by step, from the certificates decoded with `x509-cert`
//! and signatures checked with our own ECDSA and RSA, independently of rustls-webpki. The handshake's
//! decision stays webpki's ([`super::verify_chain`]); a test holds the two to the same verdict
//! on every scenario. Rows carry ids ([`ChecklistItem`], [`ChecklistReason`]) that the UI
//! translates, and a `detail` that is a value (a date, a name, a serial), never a sentence.

use serde::{Deserialize, Serialize};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};

use super::{Role, VerifyError};
use crate::crypto::{Scheme, VerifyMemo};

/// id-kp-serverAuth (RFC 5280 §4.2.1.12).
const SERVER_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1");
/// id-kp-clientAuth.
const CLIENT_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
/// ecdsa-with-SHA256 (RFC 5758 §3.2).
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// sha256WithRSAEncryption (RFC 4055 §5).
const RSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// id-RSASSA-PSS (RFC 4055 §3.1).
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// rsaEncryption (RFC 8017 Appendix C).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey (RFC 5480 §2.1.1).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// secp256r1 (RFC 5480 §2.1.1.1).
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// The longest chain the lab follows before giving up (webpki allows a few more).
const MAX_DEPTH: usize = 6;

/// Whose certificate a checklist is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateOwner {
    /// The server's certificate, checked by the client.
    Server,
    /// The client's certificate, checked by the server.
    Client,
}

/// One check of the list, in the order the lab's verifier makes them: OpenSSL's order (see
/// [`checklist`]). rustls's verifier (webpki) checks each certificate's dates and purpose before
/// it looks for the issuer, and revocation last; [`Checklist::rustls`] says where that changes
/// the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistItem {
    /// The chain builds from the leaf to a trusted root.
    ChainToTrustedRoot,
    /// The extended key usage allows the role (serverAuth / clientAuth).
    ExtendedKeyUsage,
    /// The server certificate's subjectAltName matches the name asked for (server only).
    ServerName,
    /// The leaf is not listed in its issuer's CRL.
    NotRevoked,
    /// Each certificate's signature verifies under its issuer's public key.
    Signatures,
    /// Each certificate is within its validity period at "now".
    Validity,
    /// CertificateVerify proves the peer holds the certificate's private key.
    PossessionOfPrivateKey,
}

/// What rustls would decide about a chain where it differs from the lab's verdict: the check
/// its verifier (rustls-webpki, whose own verdict this is) stops at, why, and the alert rustls
/// sends for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherVerdict {
    /// The check rustls stops at.
    pub item: ChecklistItem,
    /// Why.
    pub reason: ChecklistReason,
    /// The alert rustls sends (RFC 8446 §6.2 number), from rustls's own mapping.
    pub alert: u8,
}

/// Where a row stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The check was made and passed.
    Passed,
    /// The check was made and failed: the verifier stops here.
    Failed,
    /// The verifier stopped before this check (or has not got to it yet).
    NotReached,
    /// The check does not apply, with the reason (e.g. the verifier has no CRL).
    Skipped,
}

/// Why a row failed or was skipped: an id the UI translates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistReason {
    /// A certificate could not be decoded. Detail: none.
    Malformed,
    /// No certificate in the chain or the trust store issued this one. Detail: the missing
    /// issuer's name (RFC 4514).
    IssuerNotFound,
    /// The certificate signed itself and is not the trusted root. Detail: its subject.
    SelfSignedNotTrusted,
    /// The issuing certificate is not a CA (basicConstraints). Detail: its subject.
    IssuerNotCa,
    /// A signature does not verify under the issuer's key. Detail: the signed subject.
    SignatureInvalid,
    /// "Now" is after notAfter. Detail: notAfter (RFC 3339).
    Expired,
    /// "Now" is before notBefore. Detail: notBefore (RFC 3339).
    NotYetValid,
    /// The extendedKeyUsage lacks the role's purpose. Detail: the purposes present
    /// (`serverAuth`, `clientAuth` or dotted OIDs, comma-separated).
    EkuMissingPurpose,
    /// No subjectAltName DNS name matches. Detail: the DNS names present, comma-separated.
    NameNotInSan,
    /// The certificate has no subjectAltName at all. Detail: none.
    NoSubjectAltName,
    /// The issuer's CRL lists the certificate. Detail: the serial number (hex).
    Revoked,
    /// The CRL's signature does not verify under the issuer's key. Detail: none.
    CrlSignatureInvalid,
    /// Skipped: the verifier holds no CRL. Detail: none.
    NoCrl,
    /// Skipped: none of the verifier's CRLs comes from this issuer, and unknown status is
    /// allowed. Detail: the issuer's name.
    NoCrlForIssuer,
    /// CertificateVerify's signature does not verify under the certificate's public key.
    /// Detail: none.
    SignatureDoesNotMatchKey,
    /// A certificate on the path is signed with an algorithm the lab does not verify (it
    /// verifies ECDSA P-256 with SHA-256, and RSA PKCS#1 v1.5 or PSS with SHA-256 in builds
    /// with RSA), so the lab's verifier refuses it, as webpki with the lab's algorithms does.
    /// Detail: the algorithm's name, with the issuer's key where that is the problem.
    UnsupportedSignatureAlgorithm,
    /// Skipped: no server name was given to check the certificate's names against (a pasted
    /// certificate checked without `--name`). Detail: none.
    NoServerNameGiven,
}

/// One row of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRow {
    /// Which check.
    pub item: ChecklistItem,
    /// Its result.
    pub status: CheckStatus,
    /// Why it failed or was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ChecklistReason>,
    /// Which certificate of the chain as sent (0 = leaf) the failure is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<usize>,
    /// A value that goes with the reason (see each [`ChecklistReason`]), or on a passed
    /// [`ChecklistItem::ChainToTrustedRoot`] row the subject of the trusted root the chain
    /// reached; never a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl ChecklistRow {
    fn new(item: ChecklistItem, status: CheckStatus) -> Self {
        Self {
            item,
            status,
            reason: None,
            certificate: None,
            detail: None,
        }
    }

    fn failed(
        item: ChecklistItem,
        reason: ChecklistReason,
        certificate: Option<usize>,
        detail: Option<String>,
    ) -> Self {
        Self {
            item,
            status: CheckStatus::Failed,
            reason: Some(reason),
            certificate,
            detail,
        }
    }

    fn skipped(item: ChecklistItem, reason: ChecklistReason, detail: Option<String>) -> Self {
        Self {
            item,
            status: CheckStatus::Skipped,
            reason: Some(reason),
            certificate: None,
            detail,
        }
    }
}

/// The checklist one endpoint made for its peer's chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// Whose certificate was checked.
    pub owner: CertificateOwner,
    /// The rows, in order: chain, EKU, server name (server only), revocation, signatures,
    /// validity, possession of the private key.
    pub rows: Vec<ChecklistRow>,
    /// Where rustls would stop at another check or send another alert than the lab, which
    /// follows OpenSSL; absent when the two agree (or when the list was made without asking
    /// webpki, as [`checklist`] does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rustls: Option<OtherVerdict>,
}

impl Checklist {
    /// The verdict on the chain alone (every row but possession), in the lab's (OpenSSL's)
    /// order: the first failed row decides.
    ///
    /// # Errors
    /// The [`VerifyError`] matching the first failed row's reason.
    pub fn chain_verdict(&self) -> Result<(), VerifyError> {
        let failed = self.rows.iter().find(|r| {
            r.status == CheckStatus::Failed && r.item != ChecklistItem::PossessionOfPrivateKey
        });
        match failed.and_then(|r| r.reason) {
            None => Ok(()),
            Some(reason) => Err(match reason {
                ChecklistReason::Malformed => VerifyError::BadEncoding,
                ChecklistReason::IssuerNotFound | ChecklistReason::SelfSignedNotTrusted => {
                    VerifyError::UnknownIssuer
                }
                ChecklistReason::IssuerNotCa => VerifyError::Other("EndEntityUsedAsCa".into()),
                ChecklistReason::SignatureInvalid | ChecklistReason::SignatureDoesNotMatchKey => {
                    VerifyError::BadSignature
                }
                ChecklistReason::Expired => VerifyError::Expired,
                ChecklistReason::NotYetValid => VerifyError::NotYetValid,
                ChecklistReason::EkuMissingPurpose => VerifyError::WrongEku,
                ChecklistReason::NameNotInSan | ChecklistReason::NoSubjectAltName => {
                    VerifyError::NameMismatch
                }
                ChecklistReason::Revoked => VerifyError::Revoked,
                ChecklistReason::CrlSignatureInvalid => {
                    VerifyError::Other("InvalidCrlSignatureForPublicKey".into())
                }
                ChecklistReason::UnsupportedSignatureAlgorithm => {
                    VerifyError::Other("UnsupportedSignatureAlgorithm".into())
                }
                ChecklistReason::NoCrl
                | ChecklistReason::NoCrlForIssuer
                | ChecklistReason::NoServerNameGiven => {
                    return Ok(());
                }
            }),
        }
    }

    /// Whether every row that was reached passed (skipped rows do not count against it).
    pub fn passed(&self) -> bool {
        self.rows.iter().all(|r| {
            matches!(r.status, CheckStatus::Passed | CheckStatus::Skipped)
                || (r.status == CheckStatus::NotReached
                    && r.item == ChecklistItem::PossessionOfPrivateKey)
        }) && !self.rows.iter().any(|r| r.status == CheckStatus::Failed)
    }

    /// Fills in the last row once CertificateVerify has been checked.
    pub fn set_possession(&mut self, proved: bool) {
        if let Some(row) = self
            .rows
            .iter_mut()
            .find(|r| r.item == ChecklistItem::PossessionOfPrivateKey)
        {
            *row = if proved {
                ChecklistRow::new(ChecklistItem::PossessionOfPrivateKey, CheckStatus::Passed)
            } else {
                ChecklistRow::failed(
                    ChecklistItem::PossessionOfPrivateKey,
                    ChecklistReason::SignatureDoesNotMatchKey,
                    Some(0),
                    None,
                )
            };
        }
    }
}

/// A certificate of the chain, decoded, with where it sits.
struct Cert {
    /// Index in the chain as sent; `None` for the trust anchor.
    index: Option<usize>,
    parsed: Certificate,
}

impl Cert {
    fn subject(&self) -> Vec<u8> {
        self.parsed
            .tbs_certificate()
            .subject()
            .to_der()
            .unwrap_or_default()
    }

    fn issuer(&self) -> Vec<u8> {
        self.parsed
            .tbs_certificate()
            .issuer()
            .to_der()
            .unwrap_or_default()
    }

    /// Whether `issuer` may have issued this certificate: its subject is this certificate's
    /// issuer, and where both carry key identifiers, this certificate's authorityKeyIdentifier
    /// is the issuer's subjectKeyIdentifier (RFC 5280 §4.2.1.1; OpenSSL's `X509_check_issued`
    /// skips a candidate whose key identifier differs).
    fn may_be_issued_by(&self, issuer: &Cert) -> bool {
        if self.issuer() != issuer.subject() {
            return false;
        }
        let tbs = self.parsed.tbs_certificate();
        let aki = tbs
            .get_extension::<AuthorityKeyIdentifier>()
            .ok()
            .flatten()
            .and_then(|(_, aki)| aki.key_identifier);
        let ski = issuer
            .parsed
            .tbs_certificate()
            .get_extension::<SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .map(|(_, ski)| ski.0);
        match (aki, ski) {
            (Some(aki), Some(ski)) => aki.as_bytes() == ski.as_bytes(),
            _ => true,
        }
    }

    fn subject_text(&self) -> String {
        super::inspect::dn_text(self.parsed.tbs_certificate().subject())
    }

    fn public_key(&self) -> &[u8] {
        self.parsed
            .tbs_certificate()
            .subject_public_key_info()
            .subject_public_key
            .raw_bytes()
    }

    /// The scheme `signature` (a certificate's or CRL's signatureAlgorithm) uses under this
    /// certificate's key, if this build verifies it: ecdsa-with-SHA256 under a P-256 key;
    /// sha256WithRSAEncryption or RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt
    /// (exactly webpki's parameters) under an RSA key.
    fn scheme_for(&self, signature: &x509_cert::spki::AlgorithmIdentifierOwned) -> Option<Scheme> {
        let rsa_key = self
            .parsed
            .tbs_certificate()
            .subject_public_key_info()
            .algorithm
            .oid
            == RSA_ENCRYPTION;
        // (`cfg!`: a build without RSA, the page's first module, links no RSA branch.)
        let rsa_key = cfg!(feature = "rsa") && rsa_key;
        let scheme = if signature.oid == ECDSA_WITH_SHA256 && self.has_p256_key() {
            Scheme::EcdsaP256Sha256
        } else if signature.oid == RSA_WITH_SHA256 && rsa_key {
            Scheme::RsaPkcs1Sha256
        } else if signature.oid == RSASSA_PSS && rsa_key {
            // pki-types' identifier is the AlgorithmIdentifier's contents, without its header.
            let der = signature.to_der().ok()?;
            let expected: &[u8] = rustls_pki_types::alg_id::RSA_PSS_SHA256.as_ref();
            if der.get(2..) != Some(expected) {
                return None;
            }
            Scheme::RsaPssRsaeSha256
        } else {
            return None;
        };
        scheme.supported().then_some(scheme)
    }

    /// Whether the public key is ECDSA on P-256.
    fn has_p256_key(&self) -> bool {
        let alg = &self
            .parsed
            .tbs_certificate()
            .subject_public_key_info()
            .algorithm;
        alg.oid == EC_PUBLIC_KEY
            && alg
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                == Some(SECP256R1)
    }

    /// The public key's kind as people name it (`P-384`, `RSA`), or its dotted OIDs.
    fn key_name(&self) -> String {
        let alg = &self
            .parsed
            .tbs_certificate()
            .subject_public_key_info()
            .algorithm;
        let curve = alg
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        match (alg.oid.to_string().as_str(), curve.map(|c| c.to_string())) {
            ("1.2.840.10045.2.1", Some(c)) if c == "1.3.132.0.34" => "P-384".into(),
            ("1.2.840.10045.2.1", Some(c)) if c == "1.2.840.10045.3.1.7" => "P-256".into(),
            ("1.2.840.10045.2.1", Some(c)) => format!("EC {c}"),
            ("1.2.840.113549.1.1.1", _) => "RSA".into(),
            (other, _) => other.to_string(),
        }
    }

    fn is_ca(&self) -> bool {
        matches!(
            self.parsed
                .tbs_certificate()
                .get_extension::<BasicConstraints>(),
            Ok(Some((_, bc))) if bc.ca
        )
    }

    /// Whether `issuer`'s key signed this certificate (with a scheme the lab verifies).
    fn signed_by(&self, issuer: &Cert, memo: &VerifyMemo) -> bool {
        let Some(scheme) = issuer.scheme_for(self.parsed.signature_algorithm()) else {
            return false;
        };
        let Ok(tbs) = self.parsed.tbs_certificate().to_der() else {
            return false;
        };
        let Some(signature) = self.parsed.signature().as_bytes() else {
            return false;
        };
        memo.verify(scheme, issuer.public_key(), &tbs, signature)
            .is_ok()
    }
}

fn rfc3339(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Err(_) => unix.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn purpose_name(oid: &ObjectIdentifier) -> String {
    if *oid == SERVER_AUTH {
        "serverAuth".into()
    } else if *oid == CLIENT_AUTH {
        "clientAuth".into()
    } else {
        oid.to_string()
    }
}

/// A signature algorithm's usual name, or its dotted OID.
fn algorithm_name(oid: &ObjectIdentifier) -> String {
    const NAMES: [(&str, &str); 8] = [
        ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
        ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
        ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
        ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
        ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
        ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
        ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
        ("1.3.101.112", "Ed25519"),
    ];
    let dotted = oid.to_string();
    NAMES
        .iter()
        .find(|(o, _)| *o == dotted)
        .map_or(dotted.clone(), |(_, name)| (*name).to_string())
}

/// Whether a DNS name from a certificate matches the name asked for (RFC 6125 §6.4: exact,
/// case-insensitive, or a wildcard for the whole leftmost label).
fn dns_matches(pattern: &str, name: &str) -> bool {
    let (pattern, name) = (pattern.to_ascii_lowercase(), name.to_ascii_lowercase());
    if let Some(rest) = pattern.strip_prefix("*.") {
        return name
            .split_once('.')
            .is_some_and(|(first, tail)| !first.is_empty() && tail == rest);
    }
    pattern == name
}

/// Builds the path from the leaf (index 0 of `certs`) to `anchor`: indices into `certs`, the
/// anchor last as `None`.
fn build_path(
    certs: &[Cert],
    anchor: &Cert,
) -> Result<Vec<Option<usize>>, (ChecklistReason, usize, String)> {
    let mut path = vec![Some(0)];
    let mut current = 0;
    for _ in 0..MAX_DEPTH {
        let cert = &certs[current];
        let issuer = cert.issuer();
        if cert.may_be_issued_by(anchor) {
            path.push(None);
            return Ok(path);
        }
        let next = certs
            .iter()
            .enumerate()
            .skip(1)
            .find(|(i, c)| !path.contains(&Some(*i)) && cert.may_be_issued_by(c))
            .map(|(i, _)| i);
        match next {
            Some(i) => {
                path.push(Some(i));
                current = i;
            }
            None if issuer == cert.subject() => {
                return Err((
                    ChecklistReason::SelfSignedNotTrusted,
                    current,
                    cert.subject_text(),
                ));
            }
            None => {
                return Err((
                    ChecklistReason::IssuerNotFound,
                    current,
                    super::inspect::dn_text(cert.parsed.tbs_certificate().issuer()),
                ));
            }
        }
    }
    Err((
        ChecklistReason::IssuerNotFound,
        current,
        super::inspect::dn_text(certs[current].parsed.tbs_certificate().issuer()),
    ))
}

/// Makes the checklist for `chain` (leaf first) against the trust anchor `root` for `role` at
/// `now`, with `crls` for revocation. The possession row is left not reached.
pub fn checklist(
    role: &Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Checklist {
    checklist_with(role, root, chain, crls, now, &VerifyMemo::default())
}

/// [`checklist`], verifying signatures through `memo` (see [`super::examine_chain`]).
pub(crate) fn checklist_with(
    role: &Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
    memo: &VerifyMemo,
) -> Checklist {
    use ChecklistItem as I;
    let owner = match role {
        Role::Server { .. } => CertificateOwner::Server,
        Role::Client => CertificateOwner::Client,
    };
    // OpenSSL's order (`verify_chain` in crypto/x509/x509_vfy.c): build the chain to a trusted
    // root, check the extensions and the purpose, the name, revocation, and only then each
    // signature and validity period (`internal_verify`).
    let mut items = vec![I::ChainToTrustedRoot, I::ExtendedKeyUsage];
    if matches!(role, Role::Server { .. }) {
        items.push(I::ServerName);
    }
    items.extend([
        I::NotRevoked,
        I::Signatures,
        I::Validity,
        I::PossessionOfPrivateKey,
    ]);
    let mut rows: Vec<ChecklistRow> = Vec::new();
    let finish = |mut rows: Vec<ChecklistRow>| {
        for item in &items[rows.len()..] {
            rows.push(ChecklistRow::new(*item, CheckStatus::NotReached));
        }
        Checklist {
            owner,
            rows,
            rustls: None,
        }
    };

    // 1. Decode everything; a certificate that does not decode stops the verifier.
    let mut certs = Vec::new();
    for (i, der) in chain.iter().enumerate() {
        match Certificate::from_der(der) {
            Ok(parsed) => certs.push(Cert {
                index: Some(i),
                parsed,
            }),
            Err(_) if i == 0 => {
                rows.push(ChecklistRow::failed(
                    I::ChainToTrustedRoot,
                    ChecklistReason::Malformed,
                    Some(0),
                    None,
                ));
                return finish(rows);
            }
            // An intermediate that does not decode is not a candidate issuer (as in webpki).
            Err(_) => {}
        }
    }
    let Some(anchor) = Certificate::from_der(root).ok().map(|parsed| Cert {
        index: None,
        parsed,
    }) else {
        rows.push(ChecklistRow::failed(
            I::ChainToTrustedRoot,
            ChecklistReason::Malformed,
            None,
            None,
        ));
        return finish(rows);
    };
    if certs.is_empty() {
        rows.push(ChecklistRow::failed(
            I::ChainToTrustedRoot,
            ChecklistReason::Malformed,
            Some(0),
            None,
        ));
        return finish(rows);
    }

    // 2. The chain: follow issuer names from the leaf up to the trust anchor; every issuer on
    // the way must be a CA.
    let path = match build_path(&certs, &anchor) {
        Ok(path) => path,
        Err((reason, at, detail)) => {
            rows.push(ChecklistRow::failed(
                I::ChainToTrustedRoot,
                reason,
                certs[at].index,
                Some(detail),
            ));
            return finish(rows);
        }
    };
    let resolve = |p: &Option<usize>| match p {
        Some(i) => &certs[*i],
        None => &anchor,
    };
    let path: Vec<&Cert> = path.iter().map(resolve).collect();
    if let Some(not_ca) = path.iter().skip(1).find(|c| !c.is_ca()) {
        rows.push(ChecklistRow::failed(
            I::ChainToTrustedRoot,
            ChecklistReason::IssuerNotCa,
            not_ca.index,
            Some(not_ca.subject_text()),
        ));
        return finish(rows);
    }
    // Passed: the detail names the trusted root the chain reached.
    rows.push(ChecklistRow {
        detail: Some(anchor.subject_text()),
        ..ChecklistRow::new(I::ChainToTrustedRoot, CheckStatus::Passed)
    });

    // 3. EKU: where a certificate on the path restricts its purposes, the role's must be one.
    let wanted = match role {
        Role::Server { .. } => SERVER_AUTH,
        Role::Client => CLIENT_AUTH,
    };
    for cert in path.iter().filter(|c| c.index.is_some()) {
        if let Ok(Some((_, eku))) = cert
            .parsed
            .tbs_certificate()
            .get_extension::<ExtendedKeyUsage>()
            && !eku.0.contains(&wanted)
        {
            let present: Vec<String> = eku.0.iter().map(purpose_name).collect();
            rows.push(ChecklistRow::failed(
                I::ExtendedKeyUsage,
                ChecklistReason::EkuMissingPurpose,
                cert.index,
                Some(present.join(", ")),
            ));
            return finish(rows);
        }
    }
    rows.push(ChecklistRow::new(I::ExtendedKeyUsage, CheckStatus::Passed));

    // 4. The server's name, from subjectAltName only (RFC 6125; the CN is not consulted).
    let leaf = path[0];
    if let Role::Server { name } = role
        && name.is_empty()
    {
        rows.push(ChecklistRow::skipped(
            I::ServerName,
            ChecklistReason::NoServerNameGiven,
            None,
        ));
    } else if let Role::Server { name } = role {
        let san = leaf
            .parsed
            .tbs_certificate()
            .get_extension::<SubjectAltName>();
        let names: Option<Vec<String>> = match san {
            Ok(Some((_, san))) => Some(
                san.0
                    .iter()
                    .filter_map(|g| match g {
                        GeneralName::DnsName(d) => Some(d.to_string()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        };
        match names {
            None => {
                rows.push(ChecklistRow::failed(
                    I::ServerName,
                    ChecklistReason::NoSubjectAltName,
                    Some(0),
                    None,
                ));
                return finish(rows);
            }
            Some(names) if !names.iter().any(|n| dns_matches(n, name)) => {
                rows.push(ChecklistRow::failed(
                    I::ServerName,
                    ChecklistReason::NameNotInSan,
                    Some(0),
                    Some(names.join(", ")),
                ));
                return finish(rows);
            }
            Some(_) => rows.push(ChecklistRow::new(I::ServerName, CheckStatus::Passed)),
        }
    }

    // 5. Revocation of the leaf, from its issuer's CRL (signed by the issuer's key).
    let issuer = path[1];
    if crls.is_empty() {
        rows.push(ChecklistRow::skipped(
            I::NotRevoked,
            ChecklistReason::NoCrl,
            None,
        ));
    } else {
        let issuer_name = leaf.issuer();
        let crl = crls
            .iter()
            .filter_map(|der| {
                CertificateList::<x509_cert::certificate::Rfc5280>::from_der(der).ok()
            })
            .find(|crl| crl.tbs_cert_list.issuer.to_der().ok().as_ref() == Some(&issuer_name));
        match crl {
            None => rows.push(ChecklistRow::skipped(
                I::NotRevoked,
                ChecklistReason::NoCrlForIssuer,
                Some(super::inspect::dn_text(
                    leaf.parsed.tbs_certificate().issuer(),
                )),
            )),
            Some(crl) => {
                let signed = match (
                    issuer.scheme_for(&crl.signature_algorithm),
                    crl.tbs_cert_list.to_der(),
                    crl.signature.as_bytes(),
                ) {
                    (Some(scheme), Ok(tbs), Some(sig)) => {
                        memo.verify(scheme, issuer.public_key(), &tbs, sig).is_ok()
                    }
                    _ => false,
                };
                let serial = leaf.parsed.tbs_certificate().serial_number().as_bytes();
                let listed = crl
                    .tbs_cert_list
                    .revoked_certificates
                    .iter()
                    .flatten()
                    .any(|r| r.serial_number.as_bytes() == serial);
                if !signed {
                    rows.push(ChecklistRow::failed(
                        I::NotRevoked,
                        ChecklistReason::CrlSignatureInvalid,
                        None,
                        None,
                    ));
                } else if listed {
                    rows.push(ChecklistRow::failed(
                        I::NotRevoked,
                        ChecklistReason::Revoked,
                        Some(0),
                        Some(hex(serial)),
                    ));
                } else {
                    rows.push(ChecklistRow::new(I::NotRevoked, CheckStatus::Passed));
                }
            }
        }
    }
    if rows.last().is_some_and(|r| r.status == CheckStatus::Failed) {
        return finish(rows);
    }

    // 6. Each signature on the path, leaf first, under the next certificate's key. An
    // algorithm the lab does not verify is said as such, not as a bad signature.
    if let Some(w) = path
        .windows(2)
        .find(|w| w[1].scheme_for(w[0].parsed.signature_algorithm()).is_none())
    {
        let oid = &w[0].parsed.signature_algorithm().oid;
        // A value, not a sentence: the algorithm, and the issuer's key where that is the
        // problem (`ecdsa-with-SHA256, P-384`).
        let known = [ECDSA_WITH_SHA256, RSA_WITH_SHA256, RSASSA_PSS];
        let detail = if known.contains(oid) && Scheme::RsaPkcs1Sha256.supported() {
            format!("{}, {}", algorithm_name(oid), w[1].key_name())
        } else {
            algorithm_name(oid)
        };
        rows.push(ChecklistRow::failed(
            I::Signatures,
            ChecklistReason::UnsupportedSignatureAlgorithm,
            w[0].index,
            Some(detail),
        ));
        return finish(rows);
    }
    if let Some(bad) = path.windows(2).find(|w| !w[0].signed_by(w[1], memo)) {
        rows.push(ChecklistRow::failed(
            I::Signatures,
            ChecklistReason::SignatureInvalid,
            bad[0].index,
            Some(bad[0].subject_text()),
        ));
        return finish(rows);
    }
    rows.push(ChecklistRow::new(I::Signatures, CheckStatus::Passed));

    // 7. Validity at "now" of every certificate but the trust anchor.
    for cert in path.iter().filter(|c| c.index.is_some()) {
        let validity = cert.parsed.tbs_certificate().validity();
        let not_before = validity.not_before.to_unix_duration().as_secs() as i64;
        let not_after = validity.not_after.to_unix_duration().as_secs() as i64;
        let failure = if now < not_before {
            Some((ChecklistReason::NotYetValid, not_before))
        } else if now > not_after {
            Some((ChecklistReason::Expired, not_after))
        } else {
            None
        };
        if let Some((reason, at)) = failure {
            rows.push(ChecklistRow::failed(
                I::Validity,
                reason,
                cert.index,
                Some(rfc3339(at)),
            ));
            return finish(rows);
        }
    }
    rows.push(ChecklistRow::new(I::Validity, CheckStatus::Passed));

    finish(rows)
}

/// The checks that need only the leaf itself (validity at `now`, EKU for the role, and for a
/// server the name), each made whatever the others say: what the lab can still tell about a
/// certificate whose chain does not build (e.g. one pasted by the learner). A leaf that does
/// not decode gives one failed validity row with [`ChecklistReason::Malformed`].
pub fn leaf_checks(role: &Role, leaf: &[u8], now: i64) -> Vec<ChecklistRow> {
    use ChecklistItem as I;
    let Ok(cert) = Certificate::from_der(leaf) else {
        return vec![ChecklistRow::failed(
            I::Validity,
            ChecklistReason::Malformed,
            Some(0),
            None,
        )];
    };
    let tbs = cert.tbs_certificate();
    let mut rows = Vec::new();
    let validity = tbs.validity();
    let not_before = validity.not_before.to_unix_duration().as_secs() as i64;
    let not_after = validity.not_after.to_unix_duration().as_secs() as i64;
    rows.push(if now < not_before {
        ChecklistRow::failed(
            I::Validity,
            ChecklistReason::NotYetValid,
            Some(0),
            Some(rfc3339(not_before)),
        )
    } else if now > not_after {
        ChecklistRow::failed(
            I::Validity,
            ChecklistReason::Expired,
            Some(0),
            Some(rfc3339(not_after)),
        )
    } else {
        ChecklistRow::new(I::Validity, CheckStatus::Passed)
    });
    let wanted = match role {
        Role::Server { .. } => SERVER_AUTH,
        Role::Client => CLIENT_AUTH,
    };
    rows.push(match tbs.get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) if !eku.0.contains(&wanted) => ChecklistRow::failed(
            I::ExtendedKeyUsage,
            ChecklistReason::EkuMissingPurpose,
            Some(0),
            Some(
                eku.0
                    .iter()
                    .map(purpose_name)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        _ => ChecklistRow::new(I::ExtendedKeyUsage, CheckStatus::Passed),
    });
    if let Role::Server { name } = role
        && name.is_empty()
    {
        rows.push(ChecklistRow::skipped(
            I::ServerName,
            ChecklistReason::NoServerNameGiven,
            None,
        ));
    } else if let Role::Server { name } = role {
        let names: Option<Vec<String>> = match tbs.get_extension::<SubjectAltName>() {
            Ok(Some((_, san))) => Some(
                san.0
                    .iter()
                    .filter_map(|g| match g {
                        GeneralName::DnsName(d) => Some(d.to_string()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        };
        rows.push(match names {
            None => ChecklistRow::failed(
                I::ServerName,
                ChecklistReason::NoSubjectAltName,
                Some(0),
                None,
            ),
            Some(names) if !names.iter().any(|n| dns_matches(n, name)) => ChecklistRow::failed(
                I::ServerName,
                ChecklistReason::NameNotInSan,
                Some(0),
                Some(names.join(", ")),
            ),
            Some(_) => ChecklistRow::new(I::ServerName, CheckStatus::Passed),
        });
    }
    rows
}
