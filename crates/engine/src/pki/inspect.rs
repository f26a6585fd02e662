//! Reading certificates with RustCrypto's `x509-cert`: the parts the handshake and the lab's
//! display need (public key, subject, names), and every field with its byte range for the
//! inspector's hex view.

use x509_cert::Certificate;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};

use crate::wire::Field;

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

/// One DER TLV: where it starts, where its contents start, and where it ends.
#[derive(Clone, Copy, Debug)]
struct Tlv {
    tag: u8,
    start: usize,
    body: usize,
    end: usize,
}

/// Reads the TLV at `pos`, which must end by `limit`. DER only: definite lengths of at most
/// four bytes. `None` for anything else, so malformed input never panics.
fn read_tlv(buf: &[u8], pos: usize, limit: usize) -> Option<Tlv> {
    let tag = *buf.get(pos)?;
    let first = *buf.get(pos + 1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = buf.get(pos + 2..pos + 2 + n)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, 2 + n)
    };
    let body = pos.checked_add(header)?;
    let end = body.checked_add(len)?;
    (end <= limit && end <= buf.len()).then_some(Tlv {
        tag,
        start: pos,
        body,
        end,
    })
}

/// The TLVs inside a constructed TLV, in order.
fn inner(buf: &[u8], tlv: Tlv) -> Option<Vec<Tlv>> {
    let mut out = Vec::new();
    let mut pos = tlv.body;
    while pos < tlv.end {
        let t = read_tlv(buf, pos, tlv.end)?;
        pos = t.end;
        out.push(t);
    }
    Some(out)
}

fn node(name: &str, tlv: Tlv, value: Option<String>, children: Vec<Field>) -> Field {
    Field {
        name: name.into(),
        start: tlv.start,
        end: tlv.end,
        value,
        children,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn time_text(t: x509_cert::time::Time) -> String {
    let d = t.to_date_time();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minutes(),
        d.seconds()
    )
}

fn oid_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256".into(),
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384".into(),
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption".into(),
        "1.3.101.112" => "Ed25519".into(),
        "1.2.840.10045.2.1" => "id-ecPublicKey".into(),
        "1.2.840.10045.3.1.7" => "secp256r1".into(),
        "1.2.840.113549.1.1.1" => "rsaEncryption".into(),
        "1.3.6.1.5.5.7.3.1" => "serverAuth".into(),
        "1.3.6.1.5.5.7.3.2" => "clientAuth".into(),
        "2.5.29.14" => "subjectKeyIdentifier".into(),
        "2.5.29.15" => "keyUsage".into(),
        "2.5.29.17" => "subjectAltName".into(),
        "2.5.29.19" => "basicConstraints".into(),
        "2.5.29.31" => "cRLDistributionPoints".into(),
        "2.5.29.35" => "authorityKeyIdentifier".into(),
        "2.5.29.37" => "extKeyUsage".into(),
        other => other.into(),
    }
}

/// The value shown for an extension, decoded by type; `None` for types the lab does not
/// decode.
fn extension_value(ext: &Extension) -> Option<String> {
    let der = ext.extn_value.as_bytes();
    Some(match oid_name(&ext.extn_id).as_str() {
        "subjectAltName" => SubjectAltName::from_der(der)
            .ok()?
            .0
            .iter()
            .map(|g| match g {
                GeneralName::DnsName(d) => format!("DNS:{d}"),
                GeneralName::Rfc822Name(m) => format!("email:{m}"),
                GeneralName::UniformResourceIdentifier(u) => format!("URI:{u}"),
                GeneralName::IpAddress(ip) => format!("IP:{}", hex(ip.as_bytes())),
                GeneralName::DirectoryName(n) => format!("DirName:{n}"),
                _ => "other".into(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        "extKeyUsage" => ExtendedKeyUsage::from_der(der)
            .ok()?
            .0
            .iter()
            .map(oid_name)
            .collect::<Vec<_>>()
            .join(", "),
        "keyUsage" => {
            let ku = KeyUsage::from_der(der).ok()?;
            let names = [
                (ku.digital_signature(), "digitalSignature"),
                (ku.non_repudiation(), "nonRepudiation"),
                (ku.key_encipherment(), "keyEncipherment"),
                (ku.data_encipherment(), "dataEncipherment"),
                (ku.key_agreement(), "keyAgreement"),
                (ku.key_cert_sign(), "keyCertSign"),
                (ku.crl_sign(), "cRLSign"),
                (ku.encipher_only(), "encipherOnly"),
                (ku.decipher_only(), "decipherOnly"),
            ];
            names
                .iter()
                .filter(|(set, _)| *set)
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        }
        "basicConstraints" => {
            let bc = BasicConstraints::from_der(der).ok()?;
            match (bc.ca, bc.path_len_constraint) {
                (true, Some(n)) => format!("CA:TRUE, pathlen:{n}"),
                (true, None) => "CA:TRUE".into(),
                (false, _) => "CA:FALSE".into(),
            }
        }
        "subjectKeyIdentifier" => hex(SubjectKeyIdentifier::from_der(der).ok()?.0.as_bytes()),
        "authorityKeyIdentifier" => hex(AuthorityKeyIdentifier::from_der(der)
            .ok()?
            .key_identifier?
            .as_bytes()),
        _ => return None,
    })
}

/// The fields of a DER certificate for the inspector, with byte ranges relative to the start
/// of `der`: tbsCertificate (version, serialNumber, signature, issuer, validity, subject,
/// subjectPublicKeyInfo, extensions), signatureAlgorithm and signatureValue. Empty when the
/// bytes are not a certificate x509-cert can decode: malformed input never panics.
pub fn certificate_fields(der: &[u8]) -> Vec<Field> {
    certificate_fields_inner(der).unwrap_or_default()
}

fn certificate_fields_inner(der: &[u8]) -> Option<Vec<Field>> {
    let cert = parse(der)?;
    let tbs = cert.tbs_certificate();
    let outer = read_tlv(der, 0, der.len())?;
    let [tbs_tlv, alg_tlv, sig_tlv] = inner(der, outer)?[..] else {
        return None;
    };
    let mut parts = inner(der, tbs_tlv)?.into_iter().peekable();
    let mut tbs_fields = Vec::new();
    if let Some(v) = parts.next_if(|t| t.tag == 0xa0) {
        let version = format!("{:?}", tbs.version()).to_lowercase();
        tbs_fields.push(node("version", v, Some(version), vec![]));
    }
    let serial = parts.next()?;
    tbs_fields.push(node(
        "serialNumber",
        serial,
        Some(hex(tbs.serial_number().as_bytes())),
        vec![],
    ));
    let sig_alg = parts.next()?;
    tbs_fields.push(node(
        "signature",
        sig_alg,
        Some(oid_name(&tbs.signature().oid)),
        vec![],
    ));
    let issuer = parts.next()?;
    tbs_fields.push(node(
        "issuer",
        issuer,
        Some(tbs.issuer().to_string()),
        vec![],
    ));
    let validity = parts.next()?;
    let [nb, na] = inner(der, validity)?[..] else {
        return None;
    };
    tbs_fields.push(node(
        "validity",
        validity,
        None,
        vec![
            node(
                "notBefore",
                nb,
                Some(time_text(tbs.validity().not_before)),
                vec![],
            ),
            node(
                "notAfter",
                na,
                Some(time_text(tbs.validity().not_after)),
                vec![],
            ),
        ],
    ));
    let subject = parts.next()?;
    tbs_fields.push(node(
        "subject",
        subject,
        Some(tbs.subject().to_string()),
        vec![],
    ));
    let spki = parts.next()?;
    let [spki_alg, spki_key] = inner(der, spki)?[..] else {
        return None;
    };
    let info = tbs.subject_public_key_info();
    let mut alg_text = oid_name(&info.algorithm.oid);
    if let Some(curve) = info
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
    {
        alg_text = format!("{alg_text} {}", oid_name(&curve));
    }
    tbs_fields.push(node(
        "subjectPublicKeyInfo",
        spki,
        None,
        vec![
            node("algorithm", spki_alg, Some(alg_text), vec![]),
            node(
                "subjectPublicKey",
                spki_key,
                Some(hex(info.subject_public_key.raw_bytes())),
                vec![],
            ),
        ],
    ));
    // Unique ids ([1], [2]) are skipped; extensions are [3] { SEQUENCE OF Extension }.
    if let Some(exts) = parts.find(|t| t.tag == 0xa3) {
        let list = *inner(der, exts)?.first()?;
        let decoded = tbs.extensions().map(|e| e.as_slice()).unwrap_or_default();
        let mut children = Vec::new();
        for (tlv, ext) in inner(der, list)?.into_iter().zip(decoded) {
            let mut value = extension_value(ext);
            if ext.critical {
                value = Some(format!("critical; {}", value.unwrap_or_default()));
            }
            children.push(node(&oid_name(&ext.extn_id), tlv, value, vec![]));
        }
        tbs_fields.push(node("extensions", exts, None, children));
    }
    Some(vec![
        node("tbsCertificate", tbs_tlv, None, tbs_fields),
        node(
            "signatureAlgorithm",
            alg_tlv,
            Some(oid_name(&cert.signature_algorithm().oid)),
            vec![],
        ),
        node(
            "signatureValue",
            sig_tlv,
            Some(hex(cert.signature().raw_bytes())),
            vec![],
        ),
    ])
}

/// Shifts a field tree's byte ranges by `offset` (to make DER-relative ranges
/// message-relative).
pub fn shift(fields: &mut [Field], offset: usize) {
    for f in fields {
        f.start += offset;
        f.end += offset;
        shift(&mut f.children, offset);
    }
}
