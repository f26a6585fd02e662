//! Reading certificates with RustCrypto's `x509-cert`: the parts the handshake and the lab's
//! display need (public key, subject, names).

use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};

/// Parses a DER certificate.
pub fn parse(der: &[u8]) -> Option<Certificate> {
    Certificate::from_der(der).ok()
}

/// The subject public key bytes (for P-256, the uncompressed SEC1 point).
pub fn leaf_public_key(der: &[u8]) -> Option<Vec<u8>> {
    let cert = parse(der)?;
    cert.tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .as_bytes()
        .map(<[u8]>::to_vec)
}

/// The subject's distinguished name as DER (a full `Name` SEQUENCE), as certificate_authorities
/// carries it (RFC 8446 §4.2.4).
pub fn subject_dn(der: &[u8]) -> Option<Vec<u8>> {
    parse(der)?.tbs_certificate().subject().to_der().ok()
}

/// The subject's common name (CN), if it has one.
pub fn common_name(der: &[u8]) -> Option<String> {
    let cert = parse(der)?;
    let cn = cert.tbs_certificate().subject().common_name().ok()??;
    Some(cn.value().into_owned())
}

/// The subject as an RFC 4514 string (`CN=alice,O=Example Corp`).
pub fn subject_string(der: &[u8]) -> Option<String> {
    Some(parse(der)?.tbs_certificate().subject().to_string())
}
