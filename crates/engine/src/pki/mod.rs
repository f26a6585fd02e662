//! The lab's PKI: a root CA, an intermediate CA, server and client leaves and a CRL, made with
//! rcgen over our own P-256 (or RSA-2048) keys; and verification with rustls-webpki over our
//! own ECDSA and RSA.
//!
//! Everything is a function of a [`LabRng`] and a "now" passed in: no clock is read, so a
//! seed reproduces every certificate byte.

pub mod byo;
pub mod checklist;
pub mod inspect;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256, PublicKeyData, RevokedCertParams, SanType,
    SerialNumber, SignatureAlgorithm, SigningKey,
};
use rustls_pki_types::{
    AlgorithmIdentifier, CertificateDer, InvalidSignature, ServerName,
    SignatureVerificationAlgorithm, UnixTime, alg_id,
};
use time::OffsetDateTime;
use webpki::{
    BorrowedCertRevocationList, CertRevocationList, EndEntityCert, KeyUsage, RevocationCheckDepth,
    RevocationOptionsBuilder, UnknownStatusPolicy,
};

pub use checklist::{Checklist, checklist};
pub use inspect::{common_name, leaf_public_key, subject_dn};

use crate::crypto::{EcdsaKey, PrivateKey, Scheme, VerifyMemo, sha256};
use crate::rng::LabRng;
use crate::wire::AlertDescription;

const DAY: i64 = 86_400;

/// rcgen's view of one of our keys: it signs through [`PrivateKey`], so no other crypto
/// library is involved.
struct RcgenKey<'a> {
    key: &'a PrivateKey,
    public: Vec<u8>,
}

impl<'a> RcgenKey<'a> {
    fn new(key: &'a PrivateKey) -> Self {
        Self {
            key,
            public: key.public(),
        }
    }
}

impl PublicKeyData for RcgenKey<'_> {
    fn der_bytes(&self) -> &[u8] {
        &self.public
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        if self.key.is_rsa() {
            &PKCS_RSA_SHA256
        } else {
            &PKCS_ECDSA_P256_SHA256
        }
    }
}

impl SigningKey for RcgenKey<'_> {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        // Certificates and CRLs are signed deterministically (ECDSA per RFC 6979, RSA with
        // PKCS#1 v1.5), so no randomness is drawn here.
        let mut unused = LabRng::from_seed(0);
        Ok(self
            .key
            .sign(self.key.certificate_scheme(), msg, &mut unused))
    }
}

/// A fresh key of the kind asked for: RSA-2048 with `rsa` (in builds with the feature `rsa`),
/// else P-256. The scenarios draw an impostor's or a mistaken key with it too.
pub(crate) fn new_key(rsa: bool, rng: &mut LabRng) -> PrivateKey {
    #[cfg(feature = "rsa")]
    if rsa {
        return PrivateKey::generate_rsa(rng);
    }
    let _ = rsa;
    EcdsaKey::generate(rng).into()
}

/// RFC 7093 method 1: the leftmost 160 bits of SHA-256 of the public key.
fn key_id(public: &[u8]) -> KeyIdMethod {
    KeyIdMethod::PreSpecified(sha256(public)[..20].to_vec())
}

fn serial(rng: &mut LabRng) -> SerialNumber {
    let mut bytes = rng.bytes::<16>();
    // A positive INTEGER with no leading zero byte (RFC 5280 §4.1.2.2).
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::from_slice(&bytes)
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A certificate authority: its certificate and key.
#[derive(Clone, Debug)]
pub struct Authority {
    /// The CA certificate (DER).
    pub cert: Vec<u8>,
    /// The CA's private key.
    pub key: PrivateKey,
    params: CertificateParams,
}

/// An end-entity certificate with the chain a peer sends and its private key.
#[derive(Clone, Debug)]
pub struct Leaf {
    /// The leaf certificate (DER).
    pub cert: Vec<u8>,
    /// What the peer sends: the leaf, then the intermediate (unless a lesson drops it).
    pub chain: Vec<Vec<u8>>,
    /// The leaf's private key.
    pub key: PrivateKey,
    /// The leaf's serial number bytes.
    pub serial: Vec<u8>,
}

/// How a scenario wants its certificates bent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PkiOptions {
    /// The client certificate expired a day before "now".
    pub client_expired: bool,
    /// The client certificate becomes valid only after "now".
    pub client_not_yet_valid: bool,
    /// The client certificate carries serverAuth instead of clientAuth.
    pub client_wrong_eku: bool,
    /// The client certificate is issued by a CA the server does not trust.
    pub client_unknown_ca: bool,
    /// The client sends its leaf without the intermediate.
    pub client_missing_intermediate: bool,
    /// The intermediate's CRL lists the client certificate.
    pub client_revoked: bool,
    /// The server certificate names another host.
    pub server_name: Option<String>,
    /// The server certificate is self-signed.
    pub server_self_signed: bool,
    /// The client certificate was changed after the CA signed it: its common name `alice` now
    /// reads `admin`, so the CA's signature no longer matches what it covers.
    pub client_altered: bool,
    /// The server's and the client's keys are RSA-2048 (the CAs' stay P-256, which may sign
    /// a certificate for a key of any kind). Needs the feature `rsa`.
    pub rsa_leaves: bool,
    /// The CAs' keys are RSA-2048 too (`mtls-lab pki --key rsa`): every signature in the
    /// chain is sha256WithRSAEncryption.
    pub rsa_authorities: bool,
}

/// A complete small PKI for one run.
#[derive(Clone, Debug)]
pub struct Pki {
    /// The root CA: the trust anchor both sides hold.
    pub root: Authority,
    /// The intermediate CA that issues the leaves.
    pub intermediate: Authority,
    /// The server's certificate (SAN server.example, EKU serverAuth).
    pub server: Leaf,
    /// The client's certificate (CN=alice, O=Example Corp, EKU clientAuth).
    pub client: Leaf,
    /// The CRL issued by the intermediate.
    pub crl: Vec<u8>,
}

fn ca_params(
    cn: &str,
    rng: &mut LabRng,
    key: &PrivateKey,
    now: i64,
    path_len: Option<u8>,
) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = DistinguishedName::new();
    p.distinguished_name
        .push(DnType::OrganizationName, "mTLS Lab");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = IsCa::Ca(path_len.map_or(
        BasicConstraints::Unconstrained,
        BasicConstraints::Constrained,
    ));
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p.not_before = at(now - 30 * DAY);
    p.not_after = at(now + 3650 * DAY);
    p.serial_number = Some(serial(rng));
    p.key_identifier_method = key_id(&key.public());
    // An intermediate names its issuer's key (RFC 5280 §4.2.1.1: every certificate but a
    // self-signed one), so a verifier can tell two CAs with the same name apart.
    p.use_authority_key_identifier_extension = path_len.is_some();
    p
}

fn new_authority(
    cn: &str,
    rng: &mut LabRng,
    now: i64,
    (issuer, rsa): (Option<&Authority>, bool),
) -> Authority {
    let key = new_key(rsa, rng);
    let params = ca_params(cn, rng, &key, now, issuer.map(|_| 0));
    let signer = RcgenKey::new(&key);
    let cert = match issuer {
        Some(i) => params.signed_by(
            &signer,
            &Issuer::from_params(&i.params, RcgenKey::new(&i.key)),
        ),
        None => params.self_signed(&signer),
    };
    // rcgen fails only on parameters we control (all set above), never on outside input.
    let cert = cert.map(|c| c.der().to_vec()).unwrap_or_default();
    Authority { cert, key, params }
}

struct LeafSpec<'a> {
    cn: &'a str,
    org: Option<&'a str>,
    dns: Option<&'a str>,
    eku: ExtendedKeyUsagePurpose,
    not_before: i64,
    not_after: i64,
    rsa: bool,
}

fn new_leaf(spec: &LeafSpec<'_>, rng: &mut LabRng, issuer: Option<&Authority>) -> Leaf {
    let key = new_key(spec.rsa, rng);
    let mut p = CertificateParams::default();
    p.distinguished_name = DistinguishedName::new();
    if let Some(org) = spec.org {
        p.distinguished_name.push(DnType::OrganizationName, org);
    }
    p.distinguished_name.push(DnType::CommonName, spec.cn);
    if let Some(dns) = spec.dns
        && let Ok(name) = dns.to_string().try_into()
    {
        p.subject_alt_names = vec![SanType::DnsName(name)];
    }
    p.is_ca = IsCa::ExplicitNoCa;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    // An RSA key may also receive TLS 1.2's encrypted pre-master secret: RFC 5246 §7.4.2
    // requires keyEncipherment when the key usage extension is present (GnuTLS enforces it).
    if key.is_rsa() {
        p.key_usages.push(KeyUsagePurpose::KeyEncipherment);
    }
    p.extended_key_usages = vec![spec.eku.clone()];
    p.not_before = at(spec.not_before);
    p.not_after = at(spec.not_after);
    let sn = serial(rng);
    let serial_bytes = sn.as_ref().to_vec();
    p.serial_number = Some(sn);
    p.key_identifier_method = key_id(&key.public());
    p.use_authority_key_identifier_extension = issuer.is_some();
    let signer = RcgenKey::new(&key);
    let cert = match issuer {
        Some(i) => p.signed_by(
            &signer,
            &Issuer::from_params(&i.params, RcgenKey::new(&i.key)),
        ),
        None => p.self_signed(&signer),
    };
    let cert = cert.map(|c| c.der().to_vec()).unwrap_or_default();
    let mut chain = vec![cert.clone()];
    if let Some(i) = issuer
        && i.params.is_ca != IsCa::ExplicitNoCa
        && !matches!(i.params.is_ca, IsCa::Ca(BasicConstraints::Unconstrained))
    {
        chain.push(i.cert.clone());
    }
    Leaf {
        cert,
        chain,
        key,
        serial: serial_bytes,
    }
}

impl Pki {
    /// Issues a server certificate for `name` (SAN and CN, EKU serverAuth) from the lab's
    /// intermediate, valid around `now`: what a public CA issues to whoever controls `name`,
    /// a phishing site's look-alike domain included.
    pub fn issue_server(&self, rng: &mut LabRng, name: &str, now: i64) -> Leaf {
        let spec = LeafSpec {
            cn: name,
            org: None,
            dns: Some(name),
            eku: ExtendedKeyUsagePurpose::ServerAuth,
            not_before: now - DAY,
            not_after: now + 90 * DAY,
            rsa: self.server.key.is_rsa(),
        };
        new_leaf(&spec, rng, Some(&self.intermediate))
    }

    /// Generates the whole PKI from `rng`, valid around `now` (Unix seconds).
    pub fn generate(rng: &mut LabRng, options: &PkiOptions, now: i64) -> Self {
        let ca_rsa = options.rsa_authorities;
        let root = new_authority("mTLS Lab Root CA", rng, now, (None, ca_rsa));
        let intermediate =
            new_authority("mTLS Lab Intermediate CA", rng, now, (Some(&root), ca_rsa));
        let leaf_rsa = options.rsa_leaves || options.rsa_authorities;
        let server_name = options.server_name.as_deref().unwrap_or("server.example");
        let server_spec = LeafSpec {
            cn: server_name,
            org: None,
            dns: Some(server_name),
            eku: ExtendedKeyUsagePurpose::ServerAuth,
            not_before: now - DAY,
            not_after: now + 90 * DAY,
            rsa: leaf_rsa,
        };
        let server = new_leaf(
            &server_spec,
            rng,
            (!options.server_self_signed).then_some(&intermediate),
        );
        let (client_before, client_after) = if options.client_expired {
            (now - 120 * DAY, now - DAY)
        } else if options.client_not_yet_valid {
            (now + DAY, now + 90 * DAY)
        } else {
            (now - DAY, now + 90 * DAY)
        };
        let eku = if options.client_wrong_eku {
            ExtendedKeyUsagePurpose::ServerAuth
        } else {
            ExtendedKeyUsagePurpose::ClientAuth
        };
        let client_spec = LeafSpec {
            cn: "alice",
            org: Some("Example Corp"),
            dns: None,
            eku,
            not_before: client_before,
            not_after: client_after,
            rsa: leaf_rsa,
        };
        let client = if options.client_unknown_ca {
            let other_root = new_authority("Unknown Root CA", rng, now, (None, ca_rsa));
            let other = new_authority(
                "Unknown Intermediate CA",
                rng,
                now,
                (Some(&other_root), ca_rsa),
            );
            new_leaf(&client_spec, rng, Some(&other))
        } else {
            new_leaf(&client_spec, rng, Some(&intermediate))
        };
        let mut client = client;
        if options.client_missing_intermediate {
            client.chain.truncate(1);
        }
        if options.client_altered {
            // Same length, so the DER stays well formed: only the signature stops matching.
            if let Some(at) = client.cert.windows(5).position(|w| w == b"alice") {
                client.cert[at..at + 5].copy_from_slice(b"admin");
                client.chain[0] = client.cert.clone();
            }
        }
        let revoked = if options.client_revoked {
            vec![RevokedCertParams {
                serial_number: SerialNumber::from_slice(&client.serial),
                revocation_time: at(now - DAY),
                reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                invalidity_date: None,
            }]
        } else {
            Vec::new()
        };
        let crl_params = CertificateRevocationListParams {
            this_update: at(now - DAY),
            next_update: at(now + 7 * DAY),
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: revoked,
            key_identifier_method: key_id(&intermediate.key.public()),
        };
        let crl = crl_params
            .signed_by(&Issuer::from_params(
                &intermediate.params,
                RcgenKey::new(&intermediate.key),
            ))
            .map(|c| c.der().to_vec())
            .unwrap_or_default();
        Self {
            root,
            intermediate,
            server,
            client,
            crl,
        }
    }
}

/// One of the lab's signature schemes for rustls-webpki, verified by RustCrypto (through a
/// memo shared with the checklist, when there is one).
#[derive(Debug)]
struct LabAlgorithm<'a> {
    scheme: Scheme,
    memo: Option<&'a VerifyMemo>,
}

impl SignatureVerificationAlgorithm for LabAlgorithm<'_> {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        match self.memo {
            Some(memo) => memo.verify(self.scheme, public_key, message, signature),
            None => crate::crypto::verify(self.scheme, public_key, message, signature),
        }
        .map_err(|_| InvalidSignature)
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        match self.scheme {
            Scheme::EcdsaP256Sha256 => alg_id::ECDSA_P256,
            Scheme::RsaPkcs1Sha256 | Scheme::RsaPssRsaeSha256 => alg_id::RSA_ENCRYPTION,
        }
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        match self.scheme {
            Scheme::EcdsaP256Sha256 => alg_id::ECDSA_SHA256,
            Scheme::RsaPkcs1Sha256 => alg_id::RSA_PKCS1_SHA256,
            Scheme::RsaPssRsaeSha256 => alg_id::RSA_PSS_SHA256,
        }
    }
}

/// The schemes this build verifies certificate signatures with: ECDSA P-256, and with the
/// feature `rsa` RSA PKCS#1 v1.5 and PSS (both with SHA-256).
const CERTIFICATE_SCHEMES: &[Scheme] = if cfg!(feature = "rsa") {
    &[
        Scheme::EcdsaP256Sha256,
        Scheme::RsaPkcs1Sha256,
        Scheme::RsaPssRsaeSha256,
    ]
} else {
    &[Scheme::EcdsaP256Sha256]
};

/// Which peer a chain belongs to, deciding the EKU and the name check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A server, which must be valid for this DNS name.
    Server {
        /// The name the client asked for (SNI). Empty only when a pasted certificate is checked
        /// with no name given: the checklist then skips the name row
        /// ([`checklist::ChecklistReason::NoServerNameGiven`]).
        name: String,
    },
    /// A client.
    Client,
}

/// Why a certificate chain was refused, kept for the lesson.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyError {
    /// No path to the trust anchor.
    UnknownIssuer,
    /// A certificate's notAfter is before "now".
    Expired,
    /// A certificate's notBefore is after "now".
    NotYetValid,
    /// The CRL lists the certificate.
    Revoked,
    /// The extended key usage does not allow this role.
    WrongEku,
    /// The server certificate is not valid for the requested name.
    NameMismatch,
    /// A signature in the chain does not verify.
    BadSignature,
    /// The certificate could not be parsed.
    BadEncoding,
    /// Anything else webpki reported.
    Other(String),
}

impl VerifyError {
    /// The alert RFC 8446 §6.2 (and OpenSSL and rustls in practice) send for this failure.
    /// A certificate whose signature does not verify gets decrypt_error, as from OpenSSL
    /// (`X509_V_ERR_CERT_SIGNATURE_FAILURE`) and rustls.
    pub fn alert(&self) -> AlertDescription {
        match self {
            Self::UnknownIssuer => AlertDescription::UNKNOWN_CA,
            Self::Expired => AlertDescription::CERTIFICATE_EXPIRED,
            Self::Revoked => AlertDescription::CERTIFICATE_REVOKED,
            Self::WrongEku => AlertDescription::UNSUPPORTED_CERTIFICATE,
            Self::BadSignature => AlertDescription::DECRYPT_ERROR,
            Self::NotYetValid | Self::NameMismatch | Self::BadEncoding | Self::Other(_) => {
                AlertDescription::BAD_CERTIFICATE
            }
        }
    }

    /// The checklist row and reason this failure is, where there is one.
    fn as_row(&self) -> Option<(checklist::ChecklistItem, checklist::ChecklistReason)> {
        use checklist::{ChecklistItem as I, ChecklistReason as R};
        Some(match self {
            Self::UnknownIssuer => (I::ChainToTrustedRoot, R::IssuerNotFound),
            Self::BadEncoding => (I::ChainToTrustedRoot, R::Malformed),
            Self::WrongEku => (I::ExtendedKeyUsage, R::EkuMissingPurpose),
            Self::NameMismatch => (I::ServerName, R::NameNotInSan),
            Self::Revoked => (I::NotRevoked, R::Revoked),
            Self::BadSignature => (I::Signatures, R::SignatureInvalid),
            Self::Expired => (I::Validity, R::Expired),
            Self::NotYetValid => (I::Validity, R::NotYetValid),
            Self::Other(_) => return None,
        })
    }

    /// The alert rustls sends for this failure (rustls's `From<CertificateError> for
    /// AlertDescription`): like OpenSSL's but certificate_expired also for a certificate not
    /// valid yet ("expired or is not currently valid", RFC 8446 §6.2).
    fn rustls_alert(&self) -> Option<u8> {
        Some(match self {
            Self::NotYetValid => AlertDescription::CERTIFICATE_EXPIRED.0,
            Self::Other(_) => return None,
            other => other.alert().0,
        })
    }

    fn from_webpki(e: webpki::Error) -> Self {
        use webpki::Error as W;
        match e {
            W::UnknownIssuer => Self::UnknownIssuer,
            W::CertExpired { .. } => Self::Expired,
            W::CertNotValidYet { .. } => Self::NotYetValid,
            W::CertRevoked => Self::Revoked,
            W::RequiredEkuNotFoundContext(_) => Self::WrongEku,
            W::CertNotValidForName(_) => Self::NameMismatch,
            W::InvalidSignatureForPublicKey => Self::BadSignature,
            W::BadDer | W::BadDerTime | W::TrailingData(_) => Self::BadEncoding,
            other => Self::Other(format!("{other:?}")),
        }
    }
}

impl core::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::UnknownIssuer => {
                f.write_str("issued by an unknown CA (no path to a trusted root)")
            }
            Self::Expired => f.write_str("certificate has expired"),
            Self::NotYetValid => f.write_str("certificate is not valid yet"),
            Self::Revoked => f.write_str("certificate is revoked (listed in the CRL)"),
            Self::WrongEku => f.write_str("extended key usage does not allow this role"),
            Self::NameMismatch => {
                f.write_str("certificate is not valid for the requested server name")
            }
            Self::BadSignature => f.write_str("a signature in the chain does not verify"),
            Self::BadEncoding => f.write_str("certificate is not valid DER"),
            Self::Other(s) => write!(f, "verification failed: {s}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies `chain` (leaf first) against the trust anchor `root` for `role` at `now`,
/// checking revocation of the leaf against `crls` when any are given: the lab's verdict (see
/// [`examine_chain`]).
///
/// # Errors
/// The [`VerifyError`] of the first check that fails in OpenSSL's order.
pub fn verify_chain(
    role: Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Result<(), VerifyError> {
    examine_chain(&role, root, chain, crls, now).1
}

/// rustls-webpki's own verdict on `chain`, in its own order: what rustls decides. webpki
/// checks each certificate's dates and purpose before it looks for the certificate's issuer,
/// and revocation after the signatures, so with two faults it can name another one than the
/// lab, which follows OpenSSL.
///
/// # Errors
/// The [`VerifyError`] webpki reports.
pub fn webpki_verdict(
    role: Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> Result<(), VerifyError> {
    verify_chain_with(role, root, chain, crls, now, &VerifyMemo::default())
}

/// What a verifier makes of a peer's `chain`: the [`Checklist`] that shows each check, and the
/// verdict.
///
/// Whether the chain is accepted is webpki's decision (the verifier rustls uses). Why it is
/// refused is the first failed row of the checklist, which follows OpenSSL's order, so the
/// alert is the one OpenSSL's server sends for the same certificate; where rustls would stop
/// elsewhere or send another alert, the checklist says so ([`Checklist::rustls`]). The two
/// verifiers share one [`VerifyMemo`], so each signature is verified once, not once for each.
pub fn examine_chain(
    role: &Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
) -> (Checklist, Result<(), VerifyError>) {
    let memo = VerifyMemo::default();
    let mut list = checklist::checklist_with(role, root, chain, crls, now, &memo);
    let webpki = verify_chain_with(role.clone(), root, chain, crls, now, &memo);
    let Err(theirs) = webpki else {
        return (list, Ok(()));
    };
    let ours = list.chain_verdict().err().unwrap_or_else(|| theirs.clone());
    let our_item = list
        .rows
        .iter()
        .find(|r| r.status == checklist::CheckStatus::Failed)
        .map(|r| r.item);
    list.rustls = theirs.as_row().and_then(|(item, reason)| {
        let alert = theirs.rustls_alert()?;
        (Some(item) != our_item || alert != ours.alert().0).then_some(checklist::OtherVerdict {
            item,
            reason,
            alert,
        })
    });
    (list, Err(ours))
}

fn verify_chain_with(
    role: Role,
    root: &[u8],
    chain: &[Vec<u8>],
    crls: &[Vec<u8>],
    now: i64,
    memo: &VerifyMemo,
) -> Result<(), VerifyError> {
    let owned: Vec<LabAlgorithm<'_>> = CERTIFICATE_SCHEMES
        .iter()
        .map(|&scheme| LabAlgorithm {
            scheme,
            memo: Some(memo),
        })
        .collect();
    let algorithms: Vec<&dyn SignatureVerificationAlgorithm> = owned
        .iter()
        .map(|a| a as &dyn SignatureVerificationAlgorithm)
        .collect();
    let root = CertificateDer::from(root);
    let anchor = webpki::anchor_from_trusted_cert(&root).map_err(VerifyError::from_webpki)?;
    let Some((leaf, rest)) = chain.split_first() else {
        return Err(VerifyError::BadEncoding);
    };
    let leaf = CertificateDer::from(leaf.as_slice());
    let ee = EndEntityCert::try_from(&leaf).map_err(VerifyError::from_webpki)?;
    let intermediates: Vec<CertificateDer<'_>> = rest
        .iter()
        .map(|c| CertificateDer::from(c.as_slice()))
        .collect();
    let parsed: Vec<CertRevocationList<'_>> = crls
        .iter()
        .map(|c| BorrowedCertRevocationList::from_der(c).map(CertRevocationList::from))
        .collect::<Result<_, _>>()
        .map_err(VerifyError::from_webpki)?;
    let refs: Vec<&CertRevocationList<'_>> = parsed.iter().collect();
    // The intermediate's CRL speaks for the leaf; the lab has no CRL for the intermediate itself.
    let revocation = RevocationOptionsBuilder::new(&refs).ok().map(|b| {
        b.with_depth(RevocationCheckDepth::EndEntity)
            .with_status_policy(UnknownStatusPolicy::Allow)
            .build()
    });
    let usage = match role {
        Role::Server { .. } => KeyUsage::server_auth(),
        Role::Client => KeyUsage::client_auth(),
    };
    let time = unix_time(now);
    let anchors = [anchor];
    let verdict = ee
        .verify_for_usage(
            &algorithms,
            &anchors,
            &intermediates,
            time,
            usage,
            revocation,
            None,
        )
        .map(|_| ())
        .map_err(VerifyError::from_webpki);
    verdict?;
    if let Role::Server { name } = role {
        let name = ServerName::try_from(name.as_str()).map_err(|_| VerifyError::NameMismatch)?;
        ee.verify_is_valid_for_subject_name(&name)
            .map_err(VerifyError::from_webpki)?;
    }
    Ok(())
}

fn unix_time(unix: i64) -> UnixTime {
    UnixTime::since_unix_epoch(core::time::Duration::from_secs(unix.max(0) as u64))
}

/// Verifies a CertificateVerify-style signature with `scheme` by the leaf certificate's key.
///
/// # Errors
/// [`VerifyError::BadEncoding`] for an unparsable certificate, [`VerifyError::BadSignature`]
/// when the signature does not verify, or the scheme does not fit the certificate's key.
pub fn verify_leaf_signature(
    leaf: &[u8],
    scheme: Scheme,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let der = CertificateDer::from(leaf);
    let ee = EndEntityCert::try_from(&der).map_err(VerifyError::from_webpki)?;
    let algorithm = LabAlgorithm { scheme, memo: None };
    ee.verify_signature(&algorithm, message, signature)
        .map_err(|_| VerifyError::BadSignature)
}

/// PEM text for DER bytes under `label` (`CERTIFICATE`, `PRIVATE KEY`, `X509 CRL`).
pub fn to_pem(label: &str, der: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::with_capacity(der.len() * 4 / 3 + 4);
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            b64.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i)) as usize & 63] as char
            } else {
                '='
            });
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(core::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
