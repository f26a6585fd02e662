//! TLS 1.2 (RFC 5246, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) over loopback TCP against real
//! stacks: OpenSSL's `s_client` and `s_server`, curl and Python's `ssl`, one-way and mutual,
//! with x25519 and P-256, and the alert for each bad client certificate compared with the one
//! OpenSSL's own TLS 1.2 server sends for the same certificate.

use std::path::Path;
use std::process::Command;

use mtls_lab_tests::{
    Issue, OpenSslCa, Peer, gnutls_cli, mtls_lab_connect, openssl_alert_number, pki,
    run_with_input, s_client, scratch, text,
};

#[test]
fn openssl_s_client_speaks_tls12_one_way_and_mutual_with_both_groups() {
    let pki = pki("tls12-s-client", &[]);
    let ca = pki.join("ca.pem");
    let cert = (
        pki.join("client.pem"),
        pki.join("client.key"),
        pki.join("intermediate.pem"),
    );
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let with = mtls.then_some((cert.0.as_path(), cert.1.as_path(), Some(cert.2.as_path())));
        let who = if mtls { "alice" } else { "anonymous" };
        // In TLS 1.2 the client's groups also say which curves its peer's ECDSA certificate may
        // use (RFC 8422 §5.1), so P-256 is listed in both runs.
        for (groups, temp_key) in [("X25519:P-256", "X25519"), ("P-256", "ECDH, prime256v1")] {
            let out = s_client(&server.addr, &ca, with, &["-tls1_2", "-groups", groups]);
            assert!(out.contains("Protocol version: TLSv1.2"), "{out}");
            assert!(
                out.contains("Ciphersuite: ECDHE-ECDSA-AES128-GCM-SHA256"),
                "{out}"
            );
            assert!(out.contains("Verification: OK"), "{out}");
            assert!(
                out.contains(&format!("Server Temp Key: {temp_key}")),
                "{out}"
            );
            assert!(out.contains(&format!("Hello, {who}!")), "{out}");
        }
        let log = server.wait_for_lines("ok: TLS 1.2", 2);
        assert_eq!(log.len(), 2, "{:?}", server.lines());
        assert!(log[0].contains(&format!("client {who}")), "{log:?}");
        // The same server still speaks TLS 1.3 to a client that offers it.
        let out = s_client(&server.addr, &ca, with, &[]);
        assert!(out.contains("Protocol version: TLSv1.3"), "{out}");
    }
}

/// OpenSSL's full (not -brief) report says what the brief one leaves out: the extended master
/// secret (RFC 7627) and secure renegotiation (RFC 5746) were agreed.
#[test]
fn openssl_sees_the_extended_master_secret_and_secure_renegotiation() {
    let pki = pki("tls12-ems", &[]);
    let server = Peer::mtls_lab_serve(&pki, false);
    let out = run_with_input(
        Command::new("openssl")
            .args(["s_client", "-tls1_2", "-ign_eof", "-connect", &server.addr])
            .args(["-servername", "server.example", "-CAfile"])
            .arg(pki.join("ca.pem")),
        mtls_lab_tests::REQUEST,
        20,
    );
    let out = text(&out);
    assert!(out.contains("Extended master secret: yes"), "{out}");
    assert!(out.contains("Secure Renegotiation IS supported"), "{out}");
    assert!(out.contains("Hello, anonymous!"), "{out}");
}

/// RFC 8422 §5.1: a TLS 1.2 client that lists only X25519 cannot take a P-256 ECDSA
/// certificate; the server says so (handshake_failure) instead of sending one it would refuse.
#[test]
fn a_tls12_client_without_p256_is_refused_with_handshake_failure() {
    let pki = pki("tls12-x25519-only", &[]);
    let server = Peer::mtls_lab_serve(&pki, false);
    let out = s_client(
        &server.addr,
        &pki.join("ca.pem"),
        None,
        &["-tls1_2", "-groups", "X25519"],
    );
    assert_eq!(openssl_alert_number(&out), Some(40), "{out}");
}

#[test]
fn serve_tls_restricts_the_version() {
    let pki = pki("tls12-restrict", &[]);
    let ca = pki.join("ca.pem");
    let only12 = Peer::mtls_lab_serve_with(&pki, false, &["--tls", "1.2"]);
    assert!(s_client(&only12.addr, &ca, None, &[]).contains("Protocol version: TLSv1.2"));
    let only13 = Peer::mtls_lab_serve_with(&pki, false, &["--tls", "1.3"]);
    let out = s_client(&only13.addr, &ca, None, &["-tls1_2"]);
    assert_eq!(
        openssl_alert_number(&out),
        Some(70),
        "protocol_version: {out}"
    );
    let log = only13.wait_for_lines("protocol_version", 1);
    assert_eq!(log.len(), 1, "{:?}", only13.lines());
}

/// Each bad client certificate over TLS 1.2, against `mtls-lab serve --mtls` and against
/// `openssl s_server -tls1_2 -Verify 1 -crl_check`: the same alert from both. OpenSSL is the
/// judge of which alert that is (in TLS 1.2 a missing certificate is handshake_failure, as
/// there is no certificate_required alert).
#[test]
fn bad_client_certificates_over_tls12_get_the_alert_openssl_sends() {
    let base = scratch("tls12-bad-clients");
    let pki = pki("tls12-bad-clients-pki", &[]);
    let ca = OpenSslCa::new(&base.join("openssl-ca"), &pki);
    let intermediate = pki.join("intermediate.pem");
    let (expired, expired_key) = ca.issue("erin", Issue::Expired);
    let (server_only, server_only_key) = ca.issue("grace", Issue::ServerAuthOnly);
    let (revoked, revoked_key) = ca.issue("mallory", Issue::Good);
    let (good, good_key) = ca.issue("heidi", Issue::Good);
    let (foreign, foreign_key) = ca.foreign_client("ivan");
    ca.revoke_and_publish(&revoked, &pki.join("crl.pem"));

    let ours = Peer::mtls_lab_serve(&pki, true);
    let theirs = Peer::openssl_s_server_speaking(&pki, true, true, "-tls1_2");
    let ca_pem = pki.join("ca.pem");
    let cases: [(&str, ClientCert, u8); 6] = [
        ("no certificate", None, 40),
        (
            "expired",
            Some((&expired, &expired_key, Some(&intermediate))),
            45,
        ),
        (
            "serverAuth-only EKU",
            Some((&server_only, &server_only_key, Some(&intermediate))),
            43,
        ),
        (
            "revoked",
            Some((&revoked, &revoked_key, Some(&intermediate))),
            44,
        ),
        ("foreign CA", Some((&foreign, &foreign_key, None)), 48),
        ("intermediate not sent", Some((&good, &good_key, None)), 48),
    ];
    for (what, cert, alert) in cases {
        let from_theirs = s_client(&theirs.addr, &ca_pem, cert, &["-tls1_2"]);
        let from_ours = s_client(&ours.addr, &ca_pem, cert, &["-tls1_2"]);
        assert_eq!(
            openssl_alert_number(&from_theirs),
            Some(alert),
            "{what}: OpenSSL's TLS 1.2 server sent another alert than measured: {from_theirs}"
        );
        assert_eq!(
            openssl_alert_number(&from_ours),
            openssl_alert_number(&from_theirs),
            "{what}: mtls-lab serve sent another alert than OpenSSL's server: {from_ours}"
        );
    }
    let cert = Some((
        good.as_path(),
        good_key.as_path(),
        Some(intermediate.as_path()),
    ));
    assert!(s_client(&ours.addr, &ca_pem, cert, &["-tls1_2"]).contains("Hello, heidi!"));
}

/// A client certificate, its key and the intermediate to send with it.
type ClientCert<'a> = Option<(&'a Path, &'a Path, Option<&'a Path>)>;

#[test]
fn connect_speaks_tls12_to_openssl_s_server() {
    let pki = pki("tls12-connect", &[]);
    let server = Peer::openssl_s_server_speaking(&pki, true, false, "-tls1_2");
    for extra in [&[][..], &["--tls", "1.2"]] {
        let (ok, out) = mtls_lab_connect(&server.addr, &pki, true, extra);
        assert!(ok, "{out}");
        assert!(out.contains("protocol         TLS 1.2"), "{out}");
        // s_server's -www page reports what it negotiated, in its own words.
        assert!(
            out.contains("New, TLSv1.2, Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"),
            "{out}"
        );
    }
    // Without a certificate OpenSSL's TLS 1.2 server refuses with handshake_failure.
    let (ok, out) = mtls_lab_connect(&server.addr, &pki, false, &[]);
    assert!(!ok);
    assert!(out.contains("peer sent alert handshake_failure"), "{out}");
    // Asked for TLS 1.3 only, connect cannot agree with a TLS 1.2 server.
    let (ok, out) = mtls_lab_connect(&server.addr, &pki, true, &["--tls", "1.3"]);
    assert!(!ok);
    assert!(out.contains("protocol_version"), "{out}");
}

#[test]
fn curl_with_tls_max_1_2_one_way_and_mutual() {
    let pki = pki("tls12-curl", &[]);
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let url = format!("https://server.example:{}/", server.port());
        let resolve = format!("server.example:{}:127.0.0.1", server.port());
        let mut cmd = Command::new("curl");
        cmd.args(["-sS", "--tls-max", "1.2", "-w", "%{ssl_verify_result}"])
            .args(["--resolve", &resolve, "--cacert"])
            .arg(pki.join("ca.pem"));
        if mtls {
            cmd.arg("--cert").arg(pki.join("client.pem"));
            cmd.arg("--key").arg(pki.join("client.key"));
        }
        let out = run_with_input(cmd.arg(&url), b"", 20);
        assert!(out.status.success(), "curl failed: {}", text(&out));
        let who = if mtls { "alice" } else { "anonymous" };
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("Hello, {who}!\n0")
        );
        let log = server.wait_for_lines("ok: TLS 1.2", 1);
        assert_eq!(log.len(), 1, "{:?}", server.lines());
    }
}

const PYTHON_CLIENT: &str = r#"
import socket, ssl, sys
addr, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.set_alpn_protocols(["http/1.1"])
if len(sys.argv) > 4:
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
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
            print(tls.version(), tls.cipher()[0], tls.selected_alpn_protocol())
            print(answer.decode())
except ssl.SSLError as e:
    print("refused:", e.reason)
    sys.exit(1)
"#;

#[test]
fn python_ssl_with_maximum_tls12_one_way_mutual_and_refused() {
    let pki = pki("tls12-python", &[]);
    let python = |server: &Peer, cert: bool| {
        let mut cmd = Command::new("python3");
        cmd.args(["-c", PYTHON_CLIENT, "127.0.0.1", server.port()])
            .arg(pki.join("ca.pem"));
        if cert {
            cmd.arg(pki.join("client.pem")).arg(pki.join("client.key"));
        }
        let out = run_with_input(&mut cmd, b"", 20);
        (out.status.success(), text(&out))
    };
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let (ok, shown) = python(&server, mtls);
        assert!(ok, "python failed: {shown}");
        assert!(
            shown.contains("TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 http/1.1"),
            "{shown}"
        );
        let who = if mtls { "alice" } else { "anonymous" };
        assert!(shown.contains(&format!("Hello, {who}!")), "{shown}");
        if mtls {
            let (ok, shown) = python(&server, false);
            assert!(!ok);
            assert!(shown.contains("SSLV3_ALERT_HANDSHAKE_FAILURE"), "{shown}");
        }
    }
}

/// GnuTLS's priority string for "TLS 1.2 only".
const GNUTLS_TLS12: &str = "NORMAL:-VERS-ALL:+VERS-TLS1.2";

#[test]
fn gnutls_speaks_tls12_with_serve_and_connect_one_way_and_mutual() {
    let pki = pki("tls12-gnutls", &[]);
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let cert = mtls.then(|| (pki.join("client.pem"), pki.join("client.key")));
        let (ok, out) = gnutls_cli(
            &server.addr,
            &pki.join("ca.pem"),
            cert.as_ref().map(|(c, k)| (c.as_path(), k.as_path())),
            Some(GNUTLS_TLS12),
        );
        assert!(ok, "{out}");
        assert!(
            out.contains("(TLS1.2-X.509)-(ECDHE-X25519)-(ECDSA-SHA256)-(AES-128-GCM)"),
            "GnuTLS's own description of the session: {out}"
        );
        let who = if mtls { "alice" } else { "anonymous" };
        assert!(out.contains(&format!("Hello, {who}!")), "{out}");
    }
    for mtls in [false, true] {
        let port = mtls_lab_tests::free_port();
        let mut cmd = Command::new("gnutls-serv");
        cmd.args(["--http", "--priority", GNUTLS_TLS12, "--port"])
            .arg(port.to_string());
        if mtls {
            cmd.arg("--require-client-cert");
        }
        cmd.arg("--x509certfile")
            .arg(pki.join("server.pem"))
            .arg("--x509keyfile")
            .arg(pki.join("server.key"))
            .arg("--x509cafile")
            .arg(pki.join("ca.pem"));
        let server = Peer::start(&mut cmd, "listening on IPv4", format!("127.0.0.1:{port}"));
        let (ok, out) = mtls_lab_connect(&server.addr, &pki, mtls, &[]);
        assert!(ok, "{out}");
        assert!(out.contains("protocol         TLS 1.2"), "{out}");
        assert!(out.contains("HTTP/1.0 200 OK"), "gnutls-serv's page: {out}");
        if mtls {
            assert!(out.contains("alice"), "gnutls-serv shows the client: {out}");
        }
    }
}
