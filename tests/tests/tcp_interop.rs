//! The CLI over loopback TCP against real TLS stacks: OpenSSL's `s_client` and `s_server`,
//! curl and Python's `ssl` module (all on the system, linked to OpenSSL 3), one-way and mutual,
//! and bad client certificates refused with the same alert OpenSSL's own server sends.
//!
//! The PKI comes from `mtls-lab pki`; the bad client certificates are made by `openssl ca`
//! with the lab's intermediate CA (and one by an unrelated OpenSSL CA), so the engine is never
//! checking only its own work.

use std::path::PathBuf;
use std::process::Command;

use mtls_lab_tests::{
    Issue, OpenSslCa, Peer, cli_binary, gnutls_cli, mtls_lab_connect, openssl_alert_number, output,
    pki, run_with_input, s_client, scratch, text,
};

#[test]
fn openssl_s_client_one_way() {
    let pki = pki("s-client-one-way", &[]);
    let server = Peer::mtls_lab_serve(&pki, false);
    let out = s_client(&server.addr, &pki.join("ca.pem"), None, &[]);
    assert!(out.contains("Protocol version: TLSv1.3"), "{out}");
    assert!(out.contains("Ciphersuite: TLS_AES_128_GCM_SHA256"), "{out}");
    assert!(out.contains("Verification: OK"), "{out}");
    assert!(
        out.contains("HTTP/1.1 200 OK") && out.contains("Hello, anonymous!"),
        "{out}"
    );
    let log = server.wait_for_lines("ok: TLS 1.3", 1);
    assert!(log[0].contains("client anonymous"), "{log:?}");
}

#[test]
fn openssl_s_client_mutual_and_hello_retry() {
    let pki = pki("s-client-mutual", &[]);
    let server = Peer::mtls_lab_serve(&pki, true);
    let cert = (
        pki.join("client.pem"),
        pki.join("client.key"),
        pki.join("intermediate.pem"),
    );
    let out = s_client(
        &server.addr,
        &pki.join("ca.pem"),
        Some((&cert.0, &cert.1, Some(&cert.2))),
        &[],
    );
    assert!(out.contains("Hello, alice!"), "{out}");
    assert!(out.contains("Server Temp Key: X25519"), "{out}");
    // OpenSSL sends one key share, for its first group. Listing P-256 first: the server
    // supports P-256 too, so it takes the share it was sent (RFC 8446 §4.2.8) instead of
    // asking again for its own first choice, as OpenSSL and rustls servers do.
    let out = s_client(
        &server.addr,
        &pki.join("ca.pem"),
        Some((&cert.0, &cert.1, Some(&cert.2))),
        &["-groups", "P-256:X25519", "-msg"],
    );
    assert!(out.contains("Hello, alice!"), "{out}");
    assert!(out.contains("Server Temp Key: ECDH"), "{out}");
    assert_eq!(
        out.matches("ClientHello").count(),
        1,
        "no HelloRetryRequest, so one hello: {out}"
    );
    let log = server.wait_for_lines("client alice", 2);
    assert_eq!(log.len(), 2, "{:?}", server.lines());
}

#[test]
fn curl_one_way_and_mutual() {
    let pki = pki("curl", &[]);
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let url = format!("https://server.example:{}/", server.port());
        let resolve = format!("server.example:{}:127.0.0.1", server.port());
        let mut cmd = Command::new("curl");
        cmd.args(["-sS", "--tlsv1.3", "--resolve", &resolve, "--cacert"])
            .arg(pki.join("ca.pem"));
        if mtls {
            cmd.arg("--cert").arg(pki.join("client.pem"));
            cmd.arg("--key").arg(pki.join("client.key"));
        }
        let out = run_with_input(cmd.arg(&url), b"", 20);
        let expected = if mtls {
            "Hello, alice!"
        } else {
            "Hello, anonymous!"
        };
        assert!(out.status.success(), "curl failed: {}", text(&out));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{expected}\n")
        );
        if mtls {
            // The same server refuses curl when it shows no certificate.
            let out = run_with_input(
                Command::new("curl")
                    .args(["-sS", "--resolve", &resolve, "--cacert"])
                    .arg(pki.join("ca.pem"))
                    .arg(&url),
                b"",
                20,
            );
            assert!(!out.status.success());
            assert!(
                text(&out).contains("alert certificate required"),
                "{}",
                text(&out)
            );
            let log = server.wait_for_lines("certificate_required", 1);
            assert_eq!(log.len(), 1, "{:?}", server.lines());
        }
    }
}

const PYTHON_CLIENT: &str = r#"
import socket, ssl, sys
addr, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
ctx.minimum_version = ssl.TLSVersion.TLSv1_3
ctx.set_alpn_protocols(["http/1.1"])
if len(sys.argv) > 4:
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
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
"#;

#[test]
fn python_ssl_one_way_and_mutual() {
    let pki = pki("python", &[]);
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let mut cmd = Command::new("python3");
        cmd.args(["-c", PYTHON_CLIENT, "127.0.0.1", server.port()])
            .arg(pki.join("ca.pem"));
        if mtls {
            cmd.arg(pki.join("client.pem")).arg(pki.join("client.key"));
        }
        let out = run_with_input(&mut cmd, b"", 20);
        let shown = text(&out);
        assert!(out.status.success(), "python failed: {shown}");
        assert!(
            shown.contains("TLSv1.3 TLS_AES_128_GCM_SHA256 http/1.1"),
            "{shown}"
        );
        let expected = if mtls {
            "Hello, alice!"
        } else {
            "Hello, anonymous!"
        };
        assert!(shown.contains(expected), "{shown}");
    }
}

#[test]
fn mtls_lab_connect_to_openssl_s_server() {
    let pki = pki("connect", &[]);

    let server = Peer::openssl_s_server(&pki, false, false);
    let (ok, out) = mtls_lab_connect(&server.addr, &pki, false, &[]);
    assert!(ok, "{out}");
    assert!(
        out.contains("HTTP/1.0 200 ok"),
        "s_server -www answers: {out}"
    );
    // s_server's own report of the session (its -www page), not a line our CLI prints.
    assert!(
        out.contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"),
        "{out}"
    );
    assert!(
        out.contains("server cert      O=mTLS Lab") || out.contains("server.example"),
        "{out}"
    );
    assert!(out.contains("no client certificate available"), "{out}");
    assert!(
        out.contains("session tickets  2 received"),
        "OpenSSL sends two NewSessionTickets by default and the engine accepts them: {out}"
    );
    drop(server);

    let server = Peer::openssl_s_server(&pki, true, true);
    let (ok, out) = mtls_lab_connect(&server.addr, &pki, true, &[]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Client certificate"),
        "s_server shows the certificate it verified: {out}"
    );
    assert!(
        out.contains("CN = alice") || out.contains("CN=alice"),
        "{out}"
    );

    let (ok, out) = mtls_lab_connect(&server.addr, &pki, false, &[]);
    assert!(
        !ok,
        "s_server -Verify refuses a client without a certificate"
    );
    assert!(out.contains("certificate_required"), "{out}");
}

#[test]
fn mtls_lab_connect_refuses_bad_servers() {
    let pki = pki("connect-bad", &[]);
    let server = Peer::mtls_lab_serve(&pki, false);
    // Trusting another root (made by OpenSSL): the server's chain leads nowhere we trust.
    let foreign = scratch("connect-foreign");
    OpenSslCa::new(&foreign, &pki).foreign_client("nobody");
    let mut cmd = Command::new(cli_binary());
    cmd.args([
        "connect",
        &server.addr,
        "--server-name",
        "server.example",
        "--ca",
    ])
    .arg(foreign.join("foreign-ca.pem"));
    let out = run_with_input(&mut cmd, b"", 20);
    assert!(
        !out.status.success() && text(&out).contains("unknown_ca"),
        "{}",
        text(&out)
    );
    // The right root, the wrong name.
    let mut cmd = Command::new(cli_binary());
    cmd.args([
        "connect",
        &server.addr,
        "--server-name",
        "bank.example",
        "--ca",
    ])
    .arg(pki.join("ca.pem"));
    let out = run_with_input(&mut cmd, b"", 20);
    assert!(!out.status.success());
    assert!(text(&out).contains("bad_certificate"), "{}", text(&out));
    // A file that is not a certificate: a sentence, no panic.
    let (ok, out) = mtls_lab_connect(&server.addr, &pki.join("nowhere"), false, &[]);
    assert!(
        !ok && out.contains("cannot read") && !out.contains("panicked"),
        "{out}"
    );
}

/// One bad client certificate: what it is and the alert OpenSSL's server sends for it
/// (measured, see ../shared/SETUP.md).
struct Case {
    what: &'static str,
    leaf: Option<PathBuf>,
    key: Option<PathBuf>,
    chain: Option<PathBuf>,
    alert: u8,
    alert_name: &'static str,
}

#[test]
fn bad_client_certificates_get_the_alert_openssl_sends() {
    let base = scratch("bad-clients");
    let pki = pki("bad-clients-pki", &[]);
    let ca = OpenSslCa::new(&base.join("openssl-ca"), &pki);
    let intermediate = pki.join("intermediate.pem");

    let (expired, expired_key) = ca.issue("erin", Issue::Expired);
    let (early, early_key) = ca.issue("frank", Issue::NotYetValid);
    let (server_only, server_only_key) = ca.issue("grace", Issue::ServerAuthOnly);
    let (revoked, revoked_key) = ca.issue("mallory", Issue::Good);
    let (good, good_key) = ca.issue("heidi", Issue::Good);
    let (foreign, foreign_key) = ca.foreign_client("ivan");
    // The CRL that both servers load names mallory's certificate, signed by OpenSSL.
    ca.revoke_and_publish(&revoked, &pki.join("crl.pem"));

    let case = |what, leaf: &PathBuf, key: &PathBuf, chain: bool, alert, alert_name| Case {
        what,
        leaf: Some(leaf.clone()),
        key: Some(key.clone()),
        chain: chain.then(|| intermediate.clone()),
        alert,
        alert_name,
    };
    let cases = [
        Case {
            what: "no certificate",
            leaf: None,
            key: None,
            chain: None,
            alert: 116,
            alert_name: "certificate_required",
        },
        case(
            "unknown CA",
            &foreign,
            &foreign_key,
            false,
            48,
            "unknown_ca",
        ),
        case(
            "expired",
            &expired,
            &expired_key,
            true,
            45,
            "certificate_expired",
        ),
        case(
            "not yet valid",
            &early,
            &early_key,
            true,
            42,
            "bad_certificate",
        ),
        case(
            "serverAuth-only EKU",
            &server_only,
            &server_only_key,
            true,
            43,
            "unsupported_certificate",
        ),
        case(
            "revoked",
            &revoked,
            &revoked_key,
            true,
            44,
            "certificate_revoked",
        ),
        case(
            "intermediate not sent",
            &good,
            &good_key,
            false,
            48,
            "unknown_ca",
        ),
    ];

    let ours = Peer::mtls_lab_serve(&pki, true);
    let theirs = Peer::openssl_s_server(&pki, true, true);
    let ca_pem = pki.join("ca.pem");
    for (i, case) in cases.iter().enumerate() {
        let cert = case
            .leaf
            .as_deref()
            .zip(case.key.as_deref())
            .map(|(leaf, key)| (leaf, key, case.chain.as_deref()));
        let from_ours = s_client(&ours.addr, &ca_pem, cert, &[]);
        let from_theirs = s_client(&theirs.addr, &ca_pem, cert, &[]);
        assert_eq!(
            openssl_alert_number(&from_theirs),
            Some(case.alert),
            "{}: OpenSSL's server no longer sends what SETUP.md measured: {from_theirs}",
            case.what
        );
        assert_eq!(
            openssl_alert_number(&from_ours),
            Some(case.alert),
            "{}: mtls-lab serve sent another alert than OpenSSL's server: {from_ours}",
            case.what
        );
        let log = ours.wait_for_lines("failed: sent alert", i + 1);
        assert!(
            log.get(i).is_some_and(|l| l.contains(case.alert_name)),
            "{}: the server's log line names the alert: {log:?}",
            case.what
        );
    }
    // And a good certificate from the same OpenSSL CA still works on both, so the refusals
    // above are about the certificates, not the setup.
    let cert = Some((
        good.as_path(),
        good_key.as_path(),
        Some(intermediate.as_path()),
    ));
    assert!(s_client(&ours.addr, &ca_pem, cert, &[]).contains("Hello, heidi!"));
    assert!(s_client(&theirs.addr, &ca_pem, cert, &[]).contains("heidi"));
}

#[test]
fn engine_made_bad_client_certificates_are_refused() {
    // `mtls-lab pki --client KIND` makes the bad certificates the lessons use; OpenSSL's
    // server must refuse them with the same alert as ours.
    for (kind, alert) in [
        ("expired", 45),
        ("not-yet-valid", 42),
        ("revoked", 44),
        ("wrong-eku", 43),
        ("unknown-ca", 48),
        ("missing-intermediate", 48),
        // Altered after signing: OpenSSL's X509_V_ERR_CERT_SIGNATURE_FAILURE is decrypt_error.
        ("altered", 51),
    ] {
        let pki = pki(&format!("engine-bad-{kind}"), &["--client", kind]);
        let ours = Peer::mtls_lab_serve(&pki, true);
        let theirs = Peer::openssl_s_server(&pki, true, true);
        let leaf = pki.join("client.pem");
        let key = pki.join("client.key");
        for (who, addr) in [("mtls-lab", &ours.addr), ("openssl", &theirs.addr)] {
            // -cert sends the first certificate; the chain file adds the rest.
            let out = s_client(
                addr,
                &pki.join("ca.pem"),
                Some((&leaf, &key, Some(&leaf))),
                &[],
            );
            assert_eq!(
                openssl_alert_number(&out),
                Some(alert),
                "{kind} against {who}: {out}"
            );
        }
    }
}

#[test]
fn cli_errors_are_sentences() {
    let dir = scratch("cli-errors");
    std::fs::write(dir.join("server.pem"), "not a certificate").expect("scratch is writable");
    let out = output(
        Command::new(cli_binary())
            .args(["serve", "--addr", "127.0.0.1:0", "--pki"])
            .arg(&dir),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("mtls-lab: ") && err.contains("server.pem"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let out = output(Command::new(cli_binary()).args(["run", "no-such-scenario"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scenario"));
}

#[test]
fn cli_runs_bench_strings_and_inspects_certificates() {
    // A bench string runs like a catalogue id.
    let out = output(Command::new(cli_binary()).args(["run", "b1-m-cexp", "--seed", "3"]));
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("certificate_expired"), "{}", text(&out));
    let out = output(Command::new(cli_binary()).args(["run", "b1-m-cfoo"]));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("mtls-lab: ") && err.contains("b1-m-cfoo"),
        "{err}"
    );

    // A certificate from an unrelated OpenSSL CA: decoded, and refused at the chain check.
    let dir = scratch("inspect");
    let pki = pki("inspect-pki", &[]);
    let (cert, key) = OpenSslCa::new(&dir, &pki).foreign_client("zoe");
    let out = output(
        Command::new(cli_binary())
            .args(["inspect", "--lang", "en", "--lab-seed", "1"])
            .arg(&cert),
    );
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "refused: {shown}");
    assert!(
        shown.contains("CN=zoe") && shown.contains("CN=Some Other CA"),
        "{shown}"
    );
    assert!(
        shown.contains("As a client certificate: refused")
            && shown.contains("trusting the lab's root for seed 1"),
        "{shown}"
    );
    assert!(
        shown.contains("Its issuer's certificate is neither a trusted root CA"),
        "{shown}"
    );
    // A private key given by mistake is refused without being shown.
    let out = output(Command::new(cli_binary()).arg("inspect").arg(&key));
    let err = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let key_text = std::fs::read_to_string(&key).expect("key written");
    let body = key_text.lines().nth(1).unwrap_or_default();
    assert!(
        !body.is_empty() && !err.contains(body),
        "the key's bytes are never echoed: {err}"
    );
}

#[test]
fn connect_reports_the_alert_of_a_server_that_requires_a_certificate() {
    // GnuTLS's server requires a client certificate; `connect` has none. The server's
    // certificate_required alert (116) waits in the socket while our next write already fails
    // (GnuTLS closes at once): every run must report the alert, never only a broken pipe.
    let pki = pki("connect-cert-required", &[]);
    let port = mtls_lab_tests::free_port();
    let mut cmd = Command::new("gnutls-serv");
    cmd.args(["--http", "--require-client-cert", "--port"])
        .arg(port.to_string())
        .arg("--x509certfile")
        .arg(pki.join("server.pem"))
        .arg("--x509keyfile")
        .arg(pki.join("server.key"))
        .arg("--x509cafile")
        .arg(pki.join("ca.pem"));
    let server = Peer::start(&mut cmd, "listening on IPv4", format!("127.0.0.1:{port}"));
    for _ in 0..5 {
        let (ok, out) = mtls_lab_connect(&server.addr, &pki, false, &[]);
        assert!(!ok, "{out}");
        assert!(
            out.contains("peer sent alert certificate_required"),
            "{out}"
        );
        assert!(!out.contains("Broken pipe"), "{out}");
    }
    // With the certificate, GnuTLS serves the same client.
    let (ok, out) = mtls_lab_connect(&server.addr, &pki, true, &[]);
    assert!(ok, "{out}");
}

#[test]
fn a_leaf_sent_without_its_intermediate_is_named_in_the_log() {
    // `openssl s_client -cert client.pem` sends only the first certificate of the file.
    let pki = pki("missing-intermediate-log", &[]);
    let server = Peer::mtls_lab_serve(&pki, true);
    let out = s_client(
        &server.addr,
        &pki.join("ca.pem"),
        Some((&pki.join("client.pem"), &pki.join("client.key"), None)),
        &[],
    );
    assert!(!out.contains("Hello, alice!"), "{out}");
    let log = server.wait_for_lines("failed", 1);
    assert!(
        log.first().is_some_and(|l| l.contains("unknown_ca")
            && l.contains("CN=mTLS Lab Intermediate CA")
            && l.contains("-cert_chain")),
        "{log:?}"
    );
    // With -cert_chain, as the README shows, the same client is served.
    let out = s_client(
        &server.addr,
        &pki.join("ca.pem"),
        Some((
            &pki.join("client.pem"),
            &pki.join("client.key"),
            Some(&pki.join("client.pem")),
        )),
        &[],
    );
    assert!(out.contains("Hello, alice!"), "{out}");
}

/// The alert number GnuTLS reports receiving (`*** Received alert [45]: …`).
fn gnutls_alert(text: &str) -> Option<u8> {
    let rest = text.split("Received alert [").nth(1)?;
    rest.split(']').next()?.parse().ok()
}

#[test]
fn gnutls_talks_to_serve_and_connect_one_way_and_mutual() {
    let pki = pki("gnutls", &[]);
    // gnutls-cli against `serve`, one-way and mutual.
    for mtls in [false, true] {
        let server = Peer::mtls_lab_serve(&pki, mtls);
        let cert = mtls.then(|| (pki.join("client.pem"), pki.join("client.key")));
        let (ok, out) = gnutls_cli(
            &server.addr,
            &pki.join("ca.pem"),
            cert.as_ref().map(|(c, k)| (c.as_path(), k.as_path())),
            None,
        );
        assert!(ok, "{out}");
        assert!(
            out.contains("(TLS1.3-X.509)") && out.contains("(AES-128-GCM)"),
            "GnuTLS's own description of the session: {out}"
        );
        let who = if mtls {
            "Hello, alice!"
        } else {
            "Hello, anonymous!"
        };
        assert!(out.contains(who), "{out}");
    }
    // `connect` against gnutls-serv, one-way and mutual.
    for mtls in [false, true] {
        let port = mtls_lab_tests::free_port();
        let mut cmd = Command::new("gnutls-serv");
        cmd.args(["--http", "--port"]).arg(port.to_string());
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
        assert!(out.contains("HTTP/1.0 200 OK"), "gnutls-serv's page: {out}");
        if mtls {
            assert!(
                out.contains("alice"),
                "gnutls-serv shows the client's certificate: {out}"
            );
        }
    }
}

#[test]
fn gnutls_reads_the_alert_each_bad_client_certificate_gets() {
    // The same alerts OpenSSL's server sends (engine_made_bad_client_certificates_are_refused),
    // as GnuTLS reads them off the wire.
    for (kind, alert) in [
        ("expired", 45),
        ("not-yet-valid", 42),
        ("revoked", 44),
        ("wrong-eku", 43),
        ("unknown-ca", 48),
        ("missing-intermediate", 48),
        // Altered after signing: OpenSSL's X509_V_ERR_CERT_SIGNATURE_FAILURE is decrypt_error.
        ("altered", 51),
    ] {
        let pki = pki(&format!("gnutls-bad-{kind}"), &["--client", kind]);
        let server = Peer::mtls_lab_serve(&pki, true);
        let (ok, out) = gnutls_cli(
            &server.addr,
            &pki.join("ca.pem"),
            Some((&pki.join("client.pem"), &pki.join("client.key"))),
            None,
        );
        assert!(!ok, "{kind}: {out}");
        assert_eq!(gnutls_alert(&out), Some(alert), "{kind}: {out}");
    }
}

#[test]
fn openssl_refuses_bad_servers_as_the_engine_does_with_the_alert_on_the_wire() {
    // OpenSSL's client against `serve`: each server-side fault is refused by OpenSSL, and
    // the alert it sends is the one `serve` logs from the wire.
    let pki = pki("bad-servers", &[]);
    let ca = pki.join("ca.pem");
    let server = Peer::mtls_lab_serve(&pki, false);
    // A name the certificate is not for.
    let out = s_client(
        &server.addr,
        &ca,
        None,
        &["-verify_hostname", "bank.example"],
    );
    assert!(out.contains("hostname mismatch"), "{out}");
    // A root the client does not trust (to it, the server's chain leads nowhere).
    let foreign = scratch("bad-servers-foreign");
    OpenSslCa::new(&foreign, &pki).foreign_client("nobody");
    let out = s_client(&server.addr, &foreign.join("foreign-ca.pem"), None, &[]);
    assert!(
        out.contains("unable to get local issuer certificate"),
        "{out}"
    );
    let log = server.wait_for_lines("failed: peer sent alert", 2);
    assert!(
        log.first().is_some_and(|l| l.contains("bad_certificate")),
        "{log:?}"
    );
    assert!(
        log.get(1).is_some_and(|l| l.contains("unknown_ca")),
        "{log:?}"
    );
    // An impostor: the real certificate, another private key.
    let impostor = scratch("bad-servers-impostor").join("pki");
    std::fs::create_dir_all(&impostor).expect("scratch is writable");
    for f in ["ca.pem", "intermediate.pem", "server.pem", "crl.pem"] {
        std::fs::copy(pki.join(f), impostor.join(f)).expect("copies");
    }
    let key = output(Command::new("openssl").args([
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
    ]));
    std::fs::write(impostor.join("server.key"), &key.stdout).expect("key written");
    let server = Peer::mtls_lab_serve(&impostor, false);
    let out = s_client(&server.addr, &ca, None, &[]);
    assert!(out.contains("bad signature"), "{out}");
    let log = server.wait_for_lines("failed: peer sent alert", 1);
    assert!(
        log.first().is_some_and(|l| l.contains("decrypt_error")),
        "{log:?}"
    );

    // `connect` against OpenSSL's server with a self-signed certificate for the right name:
    // refused with unknown_ca, which OpenSSL's server reads off the wire (alert 48).
    let selfsigned = scratch("bad-servers-self").join("pki");
    std::fs::create_dir_all(&selfsigned).expect("scratch is writable");
    std::fs::copy(pki.join("ca.pem"), selfsigned.join("ca.pem")).expect("copies");
    std::fs::copy(pki.join("crl.pem"), selfsigned.join("crl.pem")).expect("copies");
    // An end-entity certificate (not a CA) that signed itself, for server.example.
    let config = selfsigned.join("req.cnf");
    std::fs::write(
        &config,
        "[req]\ndistinguished_name = dn\nx509_extensions = ext\nprompt = no\n[dn]\nCN = server.example\n\
         [ext]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
         extendedKeyUsage = serverAuth\nsubjectAltName = DNS:server.example\n",
    )
    .expect("config written");
    let made = output(
        Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "30",
                "-config",
            ])
            .arg(&config)
            .arg("-keyout")
            .arg(selfsigned.join("server.key"))
            .arg("-out")
            .arg(selfsigned.join("server.pem")),
    );
    assert!(made.status.success(), "{}", text(&made));
    std::fs::copy(
        selfsigned.join("server.pem"),
        selfsigned.join("intermediate.pem"),
    )
    .expect("copies");
    let theirs = Peer::openssl_s_server(&selfsigned, false, false);
    let (ok, out) = mtls_lab_connect(&theirs.addr, &pki, false, &[]);
    assert!(!ok && out.contains("unknown_ca"), "{out}");
    let lines = theirs.wait_for_lines("alert number 48", 1);
    assert!(
        !lines.is_empty(),
        "OpenSSL read alert 48: {:?}",
        theirs.lines()
    );
    // OpenSSL's own client refuses the same server with the same alert.
    let out = s_client(&theirs.addr, &ca, None, &[]);
    assert!(out.contains("self-signed certificate"), "{out}");
    let lines = theirs.wait_for_lines("alert number 48", 2);
    assert_eq!(lines.len(), 2, "{:?}", theirs.lines());
}

/// Certificate pinning: the pin `inspect` prints is what OpenSSL computes from the certificate's
/// public key (SHA-256 of the SubjectPublicKeyInfo, base64); curl's --pinnedpubkey accepts it
/// and refuses another key, and so does `connect --pin`, whose refusal is a sentence.
#[test]
fn the_pin_inspect_prints_is_the_one_curl_and_connect_accept() {
    let pki = pki("pin", &[]);
    let pin_of = |file: &str| {
        let out = output(
            Command::new(cli_binary())
                .arg("inspect")
                .arg(pki.join(file)),
        );
        let shown = text(&out);
        shown
            .split_whitespace()
            .find(|w| w.starts_with("sha256//"))
            .unwrap_or_else(|| panic!("no pin in: {shown}"))
            .to_string()
    };
    let server_pin = pin_of("server.pem");
    let other_pin = pin_of("client.pem");
    assert_ne!(server_pin, other_pin);
    // OpenSSL is the judge of what the pin is.
    let openssl = output(Command::new("sh").arg("-c").arg(format!(
        "openssl x509 -in '{}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64",
        pki.join("server.pem").display()
    )));
    assert_eq!(
        server_pin,
        format!(
            "sha256//{}",
            String::from_utf8_lossy(&openssl.stdout).trim()
        )
    );
    let server = Peer::mtls_lab_serve(&pki, false);
    let url = format!("https://server.example:{}/", server.port());
    let resolve = format!("server.example:{}:127.0.0.1", server.port());
    let curl = |pin: &str| {
        run_with_input(
            Command::new("curl")
                .args([
                    "-sS",
                    "--resolve",
                    &resolve,
                    "--pinnedpubkey",
                    pin,
                    "--cacert",
                ])
                .arg(pki.join("ca.pem"))
                .arg(&url),
            b"",
            20,
        )
    };
    let accepted = curl(&server_pin);
    assert!(accepted.status.success(), "{}", text(&accepted));
    assert_eq!(
        String::from_utf8_lossy(&accepted.stdout),
        "Hello, anonymous!\n"
    );
    // curl: (90) SSL: public key does not match pinned public key.
    let refused = curl(&other_pin);
    assert_eq!(refused.status.code(), Some(90), "{}", text(&refused));
    let (ok, shown) = mtls_lab_connect(&server.addr, &pki, false, &["--pin", &server_pin]);
    assert!(ok, "{shown}");
    assert!(shown.contains("Hello, anonymous!"), "{shown}");
    let (ok, shown) = mtls_lab_connect(&server.addr, &pki, false, &["--pin", &other_pin]);
    assert!(!ok);
    assert!(
        shown.contains("does not match the pin") && shown.contains(&server_pin),
        "{shown}"
    );
    let (ok, shown) = mtls_lab_connect(&server.addr, &pki, false, &["--pin", "sha256//short"]);
    assert!(!ok);
    assert!(shown.contains("is not an SPKI pin"), "{shown}");
}
