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

/// Whether a certificate's public key is RSA (rsaEncryption): it then signs with RSA and, in
/// TLS 1.2, can receive an encrypted pre-master secret.
pub fn has_rsa_key(der: &[u8]) -> bool {
    const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    parse(der).is_some_and(|c| {
        c.tbs_certificate().subject_public_key_info().algorithm.oid == RSA_ENCRYPTION
    })
}

/// The SHA-256 of the DER encoding of a certificate's SubjectPublicKeyInfo: the SPKI fingerprint
/// of RFC 7469 §2.4, which public-key pinning compares (curl's `--pinnedpubkey sha256//…` is its
/// base64). `None` if `der` is not a certificate.
pub fn spki_sha256(der: &[u8]) -> Option<[u8; 32]> {
    let spki = parse(der)?
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .ok()?;
    Some(crate::crypto::sha256(&spki))
}

/// The subject's distinguished name as DER (a full `Name` SEQUENCE), as certificate_authorities
/// carries it (RFC 8446 §4.2.4).
pub fn subject_dn(der: &[u8]) -> Option<Vec<u8>> {
    parse(der)?.tbs_certificate().subject().to_der().ok()
}

/// Whether `c` must not reach a terminal or a log as is: a C0 or C1 control character (ESC
/// starts terminal escape sequences, U+009B is a one-character CSI), DEL, or a bidirectional
/// formatting character (which reorders the text around it on screen).
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Writes `c` as RFC 4514 hex pairs, one `\xx` per UTF-8 byte.
fn escape_bytes(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push('\\');
        out.push_str(&hex(&[b]));
    }
}

/// `text` safe to print on a terminal or write to a log: every control or bidirectional
/// formatting character, and the backslash itself, written as `\xx` per UTF-8 byte (as
/// [`subject_string`] escapes them in names), everything else as it is. For names from
/// certificates, which anyone can fill with escape sequences.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unprintable(c) || c == '\\' {
            escape_bytes(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// The validity period, notBefore and notAfter in Unix seconds.
pub fn validity(der: &[u8]) -> Option<(i64, i64)> {
    let cert = parse(der)?;
    let v = cert.tbs_certificate().validity();
    Some((
        v.not_before.to_unix_duration().as_secs() as i64,
        v.not_after.to_unix_duration().as_secs() as i64,
    ))
}

/// The subject's common name (CN), if it has one.
pub fn common_name(der: &[u8]) -> Option<String> {
    let cert = parse(der)?;
    let cn = cert.tbs_certificate().subject().common_name().ok()??;
    Some(cn.value().into_owned())
}

/// The subject as an RFC 4514 string (`CN=alice,O=Example Corp`).
pub fn subject_string(der: &[u8]) -> Option<String> {
    Some(dn_text(parse(der)?.tbs_certificate().subject()))
}

/// Attribute types the lab names, with the key RFC 4514 writes for them: the name x509-cert
/// gives each (its shortest name in const-oid's database, in capitals). Types not listed are
/// written as a dotted OID and the value's DER in hex (RFC 4514 §2.4), as x509-cert writes
/// types it does not know; looking names up here rather than in that database keeps its
/// 18 KB table of every OID out of the page.
const DN_KEYS: [(ObjectIdentifier, &str); 20] = [
    (ObjectIdentifier::new_unwrap("2.5.4.3"), "CN"),
    (ObjectIdentifier::new_unwrap("2.5.4.10"), "O"),
    (ObjectIdentifier::new_unwrap("2.5.4.11"), "OU"),
    (ObjectIdentifier::new_unwrap("2.5.4.6"), "C"),
    (ObjectIdentifier::new_unwrap("2.5.4.8"), "ST"),
    (ObjectIdentifier::new_unwrap("2.5.4.7"), "L"),
    (ObjectIdentifier::new_unwrap("2.5.4.5"), "SERIALNUMBER"),
    (ObjectIdentifier::new_unwrap("2.5.4.4"), "SN"),
    (ObjectIdentifier::new_unwrap("2.5.4.42"), "GN"),
    (ObjectIdentifier::new_unwrap("2.5.4.43"), "INITIALS"),
    (
        ObjectIdentifier::new_unwrap("2.5.4.44"),
        "GENERATIONQUALIFIER",
    ),
    (ObjectIdentifier::new_unwrap("2.5.4.12"), "TITLE"),
    (ObjectIdentifier::new_unwrap("2.5.4.9"), "STREET"),
    (ObjectIdentifier::new_unwrap("2.5.4.17"), "POSTALCODE"),
    (ObjectIdentifier::new_unwrap("2.5.4.15"), "BUSINESSCATEGORY"),
    (ObjectIdentifier::new_unwrap("2.5.4.46"), "DNQUALIFIER"),
    (ObjectIdentifier::new_unwrap("2.5.4.65"), "PSEUDONYM"),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.1"),
        "EMAIL",
    ),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.25"),
        "DC",
    ),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1"),
        "UID",
    ),
];

/// A distinguished name as an RFC 4514 string, as x509-cert's `Display` writes it (a test holds
/// the two equal) for every attribute type in [`DN_KEYS`] and every type x509-cert does not
/// know. x509-cert looks every attribute up in its whole OID database, which was a third of
/// the time spent decoding a certificate for display, and 18 KB of the page.
pub(crate) fn dn_text(name: &x509_cert::name::Name) -> String {
    use x509_cert::der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
    use x509_cert::der::{Tag, Tagged};
    let mut out = String::new();
    for (i, rdn) in name
        .iter_rdn()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            let key = DN_KEYS
                .iter()
                .find(|(oid, _)| *oid == atv.oid)
                .map(|(_, k)| *k);
            let value = match atv.value.tag() {
                Tag::PrintableString => PrintableStringRef::try_from(&atv.value)
                    .ok()
                    .map(|s| s.as_str()),
                Tag::Utf8String => Utf8StringRef::try_from(&atv.value).ok().map(|s| s.as_str()),
                Tag::Ia5String => Ia5StringRef::try_from(&atv.value).ok().map(|s| s.as_str()),
                Tag::TeletexString => TeletexStringRef::try_from(&atv.value)
                    .ok()
                    .map(|s| s.as_str()),
                _ => None,
            };
            match (key, value) {
                (Some(key), Some(value)) => {
                    out.push_str(key);
                    out.push('=');
                    let mut chars = value.char_indices().peekable();
                    while let Some((k, c)) = chars.next() {
                        match c {
                            '#' if k == 0 => out.push_str("\\#"),
                            ' ' if k == 0 || chars.peek().is_none() => out.push_str("\\ "),
                            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                                out.push('\\');
                                out.push(c);
                            }
                            c if unprintable(c) => escape_bytes(&mut out, c),
                            _ => out.push(c),
                        }
                    }
                }
                // RFC 4514 §2.4: the dotted OID and the value's DER in hex.
                _ => {
                    out.push_str(&atv.oid.to_string());
                    out.push_str("=#");
                    out.push_str(&hex(&atv.value.to_der().unwrap_or_default()));
                }
            }
        }
    }
    out
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
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

/// Names of the object identifiers a lab certificate carries.
const OID_NAMES: [(ObjectIdentifier, &str); 16] = [
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2"),
        "ecdsa-with-SHA256",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3"),
        "ecdsa-with-SHA384",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11"),
        "sha256WithRSAEncryption",
    ),
    (ObjectIdentifier::new_unwrap("1.3.101.112"), "Ed25519"),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.2.1"),
        "id-ecPublicKey",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
        "secp256r1",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1"),
        "rsaEncryption",
    ),
    (
        ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1"),
        "serverAuth",
    ),
    (
        ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2"),
        "clientAuth",
    ),
    (
        ObjectIdentifier::new_unwrap("2.5.29.14"),
        "subjectKeyIdentifier",
    ),
    (ObjectIdentifier::new_unwrap("2.5.29.15"), "keyUsage"),
    (ObjectIdentifier::new_unwrap("2.5.29.17"), "subjectAltName"),
    (
        ObjectIdentifier::new_unwrap("2.5.29.19"),
        "basicConstraints",
    ),
    (
        ObjectIdentifier::new_unwrap("2.5.29.31"),
        "cRLDistributionPoints",
    ),
    (
        ObjectIdentifier::new_unwrap("2.5.29.35"),
        "authorityKeyIdentifier",
    ),
    (ObjectIdentifier::new_unwrap("2.5.29.37"), "extKeyUsage"),
];

/// The name of `oid` if the lab knows it, else its dotted form.
fn oid_name(oid: &ObjectIdentifier) -> String {
    OID_NAMES
        .iter()
        .find(|(known, _)| known == oid)
        .map_or_else(|| oid.to_string(), |(_, name)| (*name).to_string())
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
                GeneralName::DirectoryName(n) => format!("DirName:{}", dn_text(n)),
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
    tbs_fields.push(node("issuer", issuer, Some(dn_text(tbs.issuer())), vec![]));
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
        Some(dn_text(tbs.subject())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::PkiOptions;
    use crate::rng::LabRng;

    /// `dn_text` writes every name exactly as x509-cert's `Display` does.
    #[test]
    fn names_are_written_as_x509_cert_writes_them() {
        let mut rng = LabRng::from_seed(5);
        let pki = crate::pki::Pki::generate(&mut rng, &PkiOptions::default(), 1_767_225_600);
        let mut ders = vec![pki.root.cert.clone(), pki.intermediate.cert.clone()];
        ders.extend(pki.server.chain.iter().cloned());
        ders.extend(pki.client.chain.iter().cloned());
        // Awkward names: RFC 4514 escapes, a multi-valued RDN, non-ASCII text, an attribute
        // type the lab does not name itself (emailAddress) and one x509-cert does not know.
        for dn in [
            "CN=\\ #lead\\,comma\\+plus\\\"q\\<\\>\\;\\\\ ,O=Example",
            "CN=a+OU=b,C=JP,ST=東京都,L=千代田区",
            "emailAddress=alice@example.com,CN=alice",
            "1.2.3.4=#0c0178,CN=x",
            "DC=example+UID=alice,SERIALNUMBER=42,2.5.4.97=#0c03616263",
        ] {
            let name: x509_cert::name::Name = dn.parse().expect("a valid RFC 4514 string");
            assert_eq!(dn_text(&name), name.to_string(), "{dn}");
        }
        for der in &ders {
            let cert = parse(der).expect("a lab certificate");
            let tbs = cert.tbs_certificate();
            assert_eq!(dn_text(tbs.subject()), tbs.subject().to_string());
            assert_eq!(dn_text(tbs.issuer()), tbs.issuer().to_string());
        }
    }

    #[test]
    fn hex_is_lowercase_pairs() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }
}
