//! `mtls-lab pki --p12-password` (issue 17): client.p12 and server.p12, judged by the tools that
//! read them: OpenSSL 3 without `-legacy` (and its report of the algorithms), Python's
//! `cryptography`, and curl completing mutual TLS with `--cert-type P12`.

use std::process::Command;

use mtls_lab_tests::{Peer, output, pki, run_with_input, text};

const PASSWORD: &str = "lab p12 pass";

/// What Python's `cryptography` finds in a .p12: the key's type, the leaf's subject and how
/// many other certificates.
const PYTHON_READER: &str = r#"
import sys
from cryptography.hazmat.primitives.serialization import pkcs12
key, cert, extra = pkcs12.load_key_and_certificates(open(sys.argv[1], "rb").read(), sys.argv[2].encode())
print(type(key).__name__, cert.subject.rfc4514_string(), len(extra))
"#;

#[test]
fn openssl_and_python_read_the_p12_files_of_both_key_kinds() {
    for (kind, key_type) in [("p256", "ECPrivateKey"), ("rsa", "RSAPrivateKey")] {
        let pki = pki(
            &format!("p12-{kind}"),
            &["--key", kind, "--p12-password", PASSWORD],
        );
        for (file, subject) in [
            ("client.p12", "CN=alice,O=Example Corp"),
            ("server.p12", "CN=server.example"),
        ] {
            let path = pki.join(file);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path)
                    .expect("written")
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o777, 0o600, "{file} holds a key: owner only");
            }
            // OpenSSL 3's defaults, read without -legacy.
            let info = output(
                Command::new("openssl")
                    .args(["pkcs12", "-info", "-noout", "-passin"])
                    .arg(format!("pass:{PASSWORD}"))
                    .arg("-in")
                    .arg(&path),
            );
            let shown = text(&info);
            assert!(info.status.success(), "{kind} {file}: {shown}");
            assert!(shown.contains("MAC: sha256"), "{shown}");
            assert!(
                shown.contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC"),
                "{shown}"
            );
            assert_eq!(
                shown.matches("Certificate bag").count(),
                2,
                "leaf and intermediate: {shown}"
            );
            // A wrong password fails the MAC.
            let wrong = output(
                Command::new("openssl")
                    .args(["pkcs12", "-info", "-noout", "-passin", "pass:wrong", "-in"])
                    .arg(&path),
            );
            assert!(!wrong.status.success(), "{}", text(&wrong));
            let read = output(
                Command::new("python3")
                    .args(["-c", PYTHON_READER])
                    .arg(&path)
                    .arg(PASSWORD),
            );
            assert!(read.status.success(), "{}", text(&read));
            assert_eq!(
                String::from_utf8_lossy(&read.stdout).trim(),
                format!("{key_type} {subject} 1")
            );
        }
    }
}

#[test]
fn curl_completes_mutual_tls_with_the_client_p12() {
    let pki = pki("p12-curl", &["--p12-password", PASSWORD]);
    let server = Peer::mtls_lab_serve(&pki, true);
    let url = format!("https://server.example:{}/", server.port());
    let resolve = format!("server.example:{}:127.0.0.1", server.port());
    let out = run_with_input(
        Command::new("curl")
            .args(["-sS", "--cert-type", "P12", "--cert"])
            .arg(format!("{}:{PASSWORD}", pki.join("client.p12").display()))
            .args(["--resolve", &resolve, "--cacert"])
            .arg(pki.join("ca.pem"))
            .arg(&url),
        b"",
        20,
    );
    assert!(out.status.success(), "curl failed: {}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, alice!\n");
}
