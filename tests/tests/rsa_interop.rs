//! RSA-2048 (`mtls-lab pki --key rsa`) over loopback TCP against real stacks: OpenSSL's
//! `s_client` with each of the three TLS 1.2 suites and TLS 1.3, `s_server` against `connect`,
//! curl and Python's `ssl`, one-way and mutual, and certificates signed with RSASSA-PSS. OpenSSL
//! is the judge of what was negotiated: its own report names the suite and signature type.

use std::process::Command;

use mtls_lab_tests::{
    Issue, OpenSslCa, Peer, mtls_lab_connect, openssl_alert_number, output, pki, run_with_input,
    s_client, scratch, text,
};

/// OpenSSL's names of the three TLS 1.2 suites, and which kind of server key each needs.
const SUITES: [(&str, bool); 3] = [
    ("ECDHE-ECDSA-AES128-GCM-SHA256", false),
    ("ECDHE-RSA-AES128-GCM-SHA256", true),
    ("AES128-GCM-SHA256", true),
];

#[test]
fn pki_key_rsa_writes_rsa_2048_keys_that_openssl_verifies() {
    let pki = pki("rsa-pki", &["--key", "rsa"]);
    for name in ["ca.pem", "intermediate.pem", "server.pem", "client.pem"] {
        let out = output(
            Command::new("openssl")
                .args(["x509", "-noout", "-text", "-in"])
                .arg(pki.join(name)),
        );
        let shown = text(&out);
        assert!(shown.contains("Public-Key: (2048 bit)"), "{name}: {shown}");
        assert!(
            shown.contains("Signature Algorithm: sha256WithRSAEncryption"),
            "{name}: {shown}"
        );
    }
    for name in ["server.key", "client.key", "intermediate.key"] {
        let out = output(
            Command::new("openssl")
                .args(["pkey", "-noout", "-text", "-in"])
                .arg(pki.join(name)),
        );
        assert!(
            text(&out).contains("Private-Key: (2048 bit, 2 primes)"),
            "{name}: {}",
            text(&out)
        );
    }
    let out = output(
        Command::new("openssl")
            .args(["verify", "-CAfile"])
            .arg(pki.join("ca.pem"))
            .arg("-untrusted")
            .arg(pki.join("intermediate.pem"))
            .arg(pki.join("server.pem"))
            .arg(pki.join("client.pem")),
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// `s_client -tls1_2 -cipher X` against `serve --mtls`, with an ECDSA PKI and an RSA PKI: each
/// suite the server's key can serve completes, greeted by name; the others are refused with
/// handshake_failure, as OpenSSL's server does.
#[test]
fn openssl_s_client_with_each_tls12_suite_against_serve() {
    for (key, rsa) in [("p256", false), ("rsa", true)] {
        let pki = pki(&format!("rsa-suites-{key}"), &["--key", key]);
        let ca = pki.join("ca.pem");
        let cert = (
            pki.join("client.pem"),
            pki.join("client.key"),
            pki.join("intermediate.pem"),
        );
        let with = Some((cert.0.as_path(), cert.1.as_path(), Some(cert.2.as_path())));
        let server = Peer::mtls_lab_serve(&pki, true);
        for (suite, needs_rsa) in SUITES {
            let out = s_client(&server.addr, &ca, with, &["-tls1_2", "-cipher", suite]);
            if needs_rsa == rsa {
                assert!(out.contains("Protocol version: TLSv1.2"), "{suite}: {out}");
                assert!(out.contains(&format!("Ciphersuite: {suite}")), "{out}");
                assert!(out.contains("Verification: OK"), "{out}");
                assert!(out.contains("Hello, alice!"), "{suite}: {out}");
                // Only ECDHE has a server signature (on ServerKeyExchange) and a temporary key.
                let ecdhe = suite.starts_with("ECDHE");
                assert_eq!(out.contains("Server Temp Key: X25519"), ecdhe, "{out}");
                if rsa && ecdhe {
                    assert!(out.contains("Signature type: RSA-PSS"), "{out}");
                }
            } else {
                assert_eq!(openssl_alert_number(&out), Some(40), "{suite}: {out}");
            }
        }
        let log = server.wait_for_lines("ok: TLS 1.2", if rsa { 2 } else { 1 });
        if rsa {
            assert!(
                log.iter().any(|l| l.contains("RSA key transport")),
                "{log:?}"
            );
        }
        // Without a client certificate TLS 1.2 gets handshake_failure (OpenSSL's alert),
        // TLS 1.3 certificate_required.
        let out = s_client(&server.addr, &ca, None, &["-tls1_2"]);
        assert_eq!(openssl_alert_number(&out), Some(40), "{out}");
        let out = s_client(&server.addr, &ca, None, &[]);
        assert_eq!(openssl_alert_number(&out), Some(116), "{out}");
    }
}

/// TLS 1.3 with RSA certificates both ways: OpenSSL's client sees the server sign with
/// RSA-PSS (rsa_pss_rsae_sha256); OpenSSL's server sees the same from `connect`.
#[test]
fn tls13_with_rsa_certificates_against_openssl_both_ways() {
    let pki = pki("rsa-tls13", &["--key", "rsa"]);
    let ca = pki.join("ca.pem");
    let server = Peer::mtls_lab_serve(&pki, true);
    let (c, k, i) = (
        pki.join("client.pem"),
        pki.join("client.key"),
        pki.join("intermediate.pem"),
    );
    let out = s_client(
        &server.addr,
        &ca,
        Some((c.as_path(), k.as_path(), Some(i.as_path()))),
        &["-tls1_3"],
    );
    assert!(out.contains("Protocol version: TLSv1.3"), "{out}");
    assert!(out.contains("Signature type: RSA-PSS"), "{out}");
    assert!(out.contains("Hello, alice!"), "{out}");
    // TLS 1.3 allows no PKCS#1 v1.5 handshake signature (RFC 8446 §4.2.3): a client that
    // offers only that is refused.
    let out = s_client(
        &server.addr,
        &ca,
        None,
        &["-tls1_3", "-sigalgs", "RSA+SHA256"],
    );
    assert_eq!(openssl_alert_number(&out), Some(40), "{out}");

    let theirs = Peer::openssl_s_server_with(&pki, true, false, &["-tls1_3"]);
    let (ok, out) = mtls_lab_connect(&theirs.addr, &pki, true, &[]);
    assert!(ok, "{out}");
    assert!(out.contains("protocol         TLS 1.3"), "{out}");
    // s_server's -www page describes the client's CertificateVerify.
    assert!(out.contains("Peer signature type: RSA-PSS"), "{out}");
    assert!(
        out.contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"),
        "{out}"
    );
}

/// `connect` against `openssl s_server -tls1_2 -Verify 1 -cipher X` with an RSA PKI: OpenSSL's
/// page names the suite it agreed, and `connect` says the same.
#[test]
fn connect_with_each_rsa_tls12_suite_against_openssl_s_server() {
    let pki = pki("rsa-connect", &["--key", "rsa"]);
    for (suite, ours) in [
        (
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        ),
        ("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
    ] {
        let server = Peer::openssl_s_server_with(&pki, true, true, &["-tls1_2", "-cipher", suite]);
        let (ok, out) = mtls_lab_connect(&server.addr, &pki, true, &[]);
        assert!(ok, "{suite}: {out}");
        assert!(
            out.contains(&format!("New, TLSv1.2, Cipher is {suite}")),
            "{out}"
        );
        assert!(out.contains(&format!("cipher suite     {ours}")), "{out}");
        assert!(out.contains("Peer signature type: RSA-PSS"), "{out}");
        if suite == "AES128-GCM-SHA256" {
            assert!(
                out.contains("key exchange     RSA key transport (no forward secrecy)"),
                "{out}"
            );
        }
        // Without a certificate OpenSSL's TLS 1.2 server refuses with handshake_failure.
        let (ok, out) = mtls_lab_connect(&server.addr, &pki, false, &[]);
        assert!(!ok);
        assert!(out.contains("peer sent alert handshake_failure"), "{out}");
    }
}

#[test]
fn curl_with_tls_max_1_2_and_each_rsa_suite() {
    let pki = pki("rsa-curl", &["--key", "rsa"]);
    let server = Peer::mtls_lab_serve(&pki, true);
    for suite in ["ECDHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256"] {
        let url = format!("https://server.example:{}/", server.port());
        let resolve = format!("server.example:{}:127.0.0.1", server.port());
        let out = run_with_input(
            Command::new("curl")
                .args(["-sS", "--tls-max", "1.2", "--ciphers", suite])
                .args(["--resolve", &resolve, "--cacert"])
                .arg(pki.join("ca.pem"))
                .arg("--cert")
                .arg(pki.join("client.pem"))
                .arg("--key")
                .arg(pki.join("client.key"))
                .arg(&url),
            b"",
            20,
        );
        assert!(out.status.success(), "curl {suite}: {}", text(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, alice!\n");
    }
    let log = server.wait_for_lines("ok: TLS 1.2", 2);
    assert_eq!(log.len(), 2, "{:?}", server.lines());
}

const PYTHON_CLIENT: &str = r#"
import socket, ssl, sys
addr, port, ca, ciphers = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.set_ciphers(ciphers)
if len(sys.argv) > 5:
    ctx.load_cert_chain(sys.argv[5], sys.argv[6])
try:
    with socket.create_connection((addr, port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="server.example") as tls:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: server.example\r\nConnection: close\r\n\r\n")
            answer = b""
            while True:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                answer += chunk
            print(tls.version(), tls.cipher()[0])
            print(answer.decode())
except ssl.SSLError as e:
    print("refused:", e.reason)
    sys.exit(1)
"#;

/// Python's `ssl` (OpenSSL underneath, its own defaults) with TLS 1.2 at most against an RSA
/// `serve --mtls`: both RSA suites complete, and bad client certificates made by `openssl ca`
/// with the RSA intermediate get the alert Python reports.
#[test]
fn python_ssl_tls12_with_rsa_pki_good_and_bad_client_certificates() {
    let base = scratch("rsa-python");
    let pki = pki("rsa-python-pki", &["--key", "rsa"]);
    let ca = OpenSslCa::new(&base.join("openssl-ca"), &pki);
    let (expired, expired_key) = ca.issue("erin", Issue::Expired);
    let (server_only, server_only_key) = ca.issue("grace", Issue::ServerAuthOnly);
    let chain = |leaf: &std::path::Path| {
        let path = leaf.with_extension("chain.pem");
        let mut all = std::fs::read(leaf).expect("leaf");
        all.extend(std::fs::read(pki.join("intermediate.pem")).expect("intermediate"));
        std::fs::write(&path, all).expect("scratch is writable");
        path
    };
    let server = Peer::mtls_lab_serve(&pki, true);
    let python = |ciphers: &str, cert: Option<(&std::path::Path, &std::path::Path)>| {
        let mut cmd = Command::new("python3");
        cmd.args(["-c", PYTHON_CLIENT, "127.0.0.1", server.port()])
            .arg(pki.join("ca.pem"))
            .arg(ciphers);
        if let Some((c, k)) = cert {
            cmd.arg(c).arg(k);
        }
        let out = run_with_input(&mut cmd, b"", 20);
        (out.status.success(), text(&out))
    };
    let alice = (pki.join("client.pem"), pki.join("client.key"));
    for (ciphers, name) in [
        ("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
        ("AES128-GCM-SHA256", "AES128-GCM-SHA256"),
    ] {
        let (ok, shown) = python(ciphers, Some((&alice.0, &alice.1)));
        assert!(ok, "{shown}");
        assert!(shown.contains(&format!("TLSv1.2 {name}")), "{shown}");
        assert!(shown.contains("Hello, alice!"), "{shown}");
    }
    let default = "DEFAULT";
    let (ok, shown) = python(default, None);
    assert!(!ok);
    assert!(shown.contains("SSLV3_ALERT_HANDSHAKE_FAILURE"), "{shown}");
    let expired = chain(&expired);
    let (ok, shown) = python(default, Some((&expired, &expired_key)));
    assert!(!ok);
    assert!(shown.contains("SSLV3_ALERT_CERTIFICATE_EXPIRED"), "{shown}");
    let server_only = chain(&server_only);
    let (ok, shown) = python(default, Some((&server_only, &server_only_key)));
    assert!(!ok);
    assert!(
        shown.contains("SSLV3_ALERT_UNSUPPORTED_CERTIFICATE"),
        "{shown}"
    );
}

/// A client certificate that `openssl ca` signed with RSASSA-PSS (the intermediate's RSA key,
/// SHA-256, a 32-byte salt) is accepted by `serve --mtls`, over TLS 1.3 and TLS 1.2.
#[test]
fn a_pss_signed_client_certificate_is_accepted() {
    let base = scratch("rsa-pss");
    let pki = pki("rsa-pss-pki", &["--key", "rsa"]);
    let ca = OpenSslCa::new(&base.join("openssl-ca"), &pki);
    let (cert, key) = ca.issue("peggy", Issue::PssSigned);
    let shown = text(&output(
        Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&cert),
    ));
    assert!(shown.contains("Signature Algorithm: rsassaPss"), "{shown}");
    let server = Peer::mtls_lab_serve(&pki, true);
    let intermediate = pki.join("intermediate.pem");
    for version in ["-tls1_3", "-tls1_2"] {
        let out = s_client(
            &server.addr,
            &pki.join("ca.pem"),
            Some((cert.as_path(), key.as_path(), Some(intermediate.as_path()))),
            &[version],
        );
        assert!(out.contains("Hello, peggy!"), "{version}: {out}");
    }
}

/// GnuTLS (its own TLS and X.509 code) with each RSA key exchange against `serve --mtls`:
/// RSA key transport, which GnuTLS accepts only from a certificate whose key usage allows
/// encryption (keyEncipherment, RFC 5246 §7.4.2), ECDHE-RSA, and TLS 1.3 with RSA-PSS.
#[test]
fn gnutls_with_rsa_key_transport_ecdhe_rsa_and_tls13_rsa_pss() {
    let pki = pki("rsa-gnutls", &["--key", "rsa"]);
    let server = Peer::mtls_lab_serve(&pki, true);
    let (cert, key) = (pki.join("client.pem"), pki.join("client.key"));
    for (priority, session) in [
        (
            "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA",
            "(TLS1.2-X.509)-(RSA)-(AES-128-GCM)",
        ),
        (
            "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA",
            "(TLS1.2-X.509)-(ECDHE-X25519)-(RSA-PSS-RSAE-SHA256)-(AES-128-GCM)",
        ),
        (
            "NORMAL:-VERS-ALL:+VERS-TLS1.3",
            "(TLS1.3-X.509)-(ECDHE-X25519)-(RSA-PSS-RSAE-SHA256)-(AES-128-GCM)",
        ),
    ] {
        let (ok, out) = mtls_lab_tests::gnutls_cli(
            &server.addr,
            &pki.join("ca.pem"),
            Some((cert.as_path(), key.as_path())),
            Some(priority),
        );
        assert!(ok, "{priority}: {out}");
        assert!(
            out.contains(session),
            "{priority}: GnuTLS's own description: {out}"
        );
        assert!(out.contains("Hello, alice!"), "{priority}: {out}");
    }
}
