//! The CLI as people use it with their own certificates and files: `inspect` judged by
//! `openssl verify` on a PKI that OpenSSL made (not the engine), `pki`'s files on disk, a
//! closed pipe, and hostile names from certificates on the way to a terminal.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use mtls_lab_tests::{Peer, cli_binary, output, run_with_input, scratch, text};

/// Runs `openssl` in `dir` and insists that it works.
fn openssl(dir: &Path, args: &[&str]) {
    let out = output(Command::new("openssl").args(args).current_dir(dir));
    assert!(out.status.success(), "openssl {args:?}: {}", text(&out));
}

/// A PKI made entirely by OpenSSL: root → intermediate → leaves, P-256 and SHA-256, with an
/// `openssl ca` database for the intermediate so that it can revoke and publish a CRL.
struct OpenSslPki {
    dir: PathBuf,
}

impl OpenSslPki {
    fn new(name: &str) -> Self {
        let dir = scratch(name);
        let config = "[ ca ]\ndefault_ca = int\n[ int ]\ndir = .\ndatabase = index.txt\n\
            new_certs_dir = .\nserial = serial\ncrlnumber = crlnumber\ndefault_md = sha256\n\
            policy = any\ncopy_extensions = none\nunique_subject = no\ndefault_crl_days = 30\n\
            default_days = 30\n[ any ]\ncommonName = supplied\n\
            [ v3_int ]\nbasicConstraints = critical,CA:TRUE,pathlen:0\n\
            keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n\
            authorityKeyIdentifier = keyid\n\
            [ client ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
            extendedKeyUsage = clientAuth\nauthorityKeyIdentifier = keyid\n\
            [ server ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
            extendedKeyUsage = serverAuth\nsubjectAltName = DNS:api.example\n\
            authorityKeyIdentifier = keyid\n[ crl_ext ]\nauthorityKeyIdentifier = keyid\n";
        std::fs::write(dir.join("ca.cnf"), config).expect("scratch is writable");
        std::fs::write(dir.join("index.txt"), "").expect("scratch is writable");
        std::fs::write(dir.join("serial"), "2000\n").expect("scratch is writable");
        std::fs::write(dir.join("crlnumber"), "2000\n").expect("scratch is writable");
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ];
        // The root, self-signed.
        let mut root = vec!["req", "-x509", "-sha256", "-days", "3650"];
        root.extend(ec);
        root.extend([
            "-keyout",
            "root.key",
            "-out",
            "root.pem",
            "-subj",
            "/CN=OpenSSL Test Root",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(&dir, &root);
        // The intermediate, signed by the root.
        let mut csr = vec!["req", "-new"];
        csr.extend(ec);
        csr.extend([
            "-keyout",
            "int.key",
            "-out",
            "int.csr",
            "-subj",
            "/CN=OpenSSL Test Intermediate",
        ]);
        openssl(&dir, &csr);
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-sha256",
                "-days",
                "3650",
                "-in",
                "int.csr",
                "-CA",
                "root.pem",
                "-CAkey",
                "root.key",
                "-CAcreateserial",
                "-extfile",
                "ca.cnf",
                "-extensions",
                "v3_int",
                "-out",
                "int.pem",
            ],
        );
        // An unrelated root, for "issued by a CA we do not trust".
        let mut other = vec!["req", "-x509", "-sha256", "-days", "3650"];
        other.extend(ec);
        other.extend([
            "-keyout",
            "other-root.key",
            "-out",
            "other-root.pem",
            "-subj",
            "/CN=Some Other Root",
        ]);
        openssl(&dir, &other);
        OpenSslPki { dir }
    }

    /// Issues `name` from the intermediate with the extension section `ext`, optionally with
    /// fixed dates (`YYYYMMDDHHMMSSZ`); writes `name.pem` (leaf alone) and `name-chain.pem`
    /// (leaf, then intermediate).
    fn issue(&self, name: &str, ext: &str, dates: Option<(&str, &str)>) -> PathBuf {
        let (key, csr, pem) = (
            format!("{name}.key"),
            format!("{name}.csr"),
            format!("{name}.pem"),
        );
        openssl(
            &self.dir,
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &csr,
                "-subj",
                &format!("/CN={name}"),
            ],
        );
        let mut args = vec![
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-cert",
            "int.pem",
            "-keyfile",
            "int.key",
            "-notext",
            "-in",
            &csr,
            "-out",
            &pem,
            "-extensions",
            ext,
        ];
        if let Some((start, end)) = dates {
            args.extend(["-startdate", start, "-enddate", end]);
        }
        openssl(&self.dir, &args);
        let leaf = std::fs::read_to_string(self.dir.join(&pem)).expect("issued");
        let int = std::fs::read_to_string(self.dir.join("int.pem")).expect("made");
        let chain = self.dir.join(format!("{name}-chain.pem"));
        std::fs::write(&chain, format!("{leaf}{int}")).expect("scratch is writable");
        chain
    }

    /// Revokes `name` and writes the intermediate's CRL to `crl.pem`.
    fn revoke(&self, name: &str) -> PathBuf {
        let pem = format!("{name}.pem");
        let ca = [
            "ca", "-batch", "-config", "ca.cnf", "-cert", "int.pem", "-keyfile", "int.key",
        ];
        let mut revoke = ca.to_vec();
        revoke.extend(["-revoke", &pem]);
        openssl(&self.dir, &revoke);
        let mut crl = ca.to_vec();
        crl.extend(["-gencrl", "-crlexts", "crl_ext", "-out", "crl.pem"]);
        openssl(&self.dir, &crl);
        self.dir.join("crl.pem")
    }
}

/// One certificate to judge, and how.
struct Case {
    what: &'static str,
    /// The file given to `inspect` (leaf first, then what the peer would send).
    file: PathBuf,
    /// The leaf alone and the intermediates, as `openssl verify` takes them.
    leaf: PathBuf,
    untrusted: Option<PathBuf>,
    root: &'static str,
    role: &'static str,
    crl: Option<PathBuf>,
    name: Option<&'static str>,
}

/// `openssl verify`'s verdict: passes or not, and what it printed.
fn openssl_verdict(dir: &Path, case: &Case) -> (bool, String) {
    let mut cmd = Command::new("openssl");
    cmd.current_dir(dir)
        .args(["verify", "-CAfile", case.root, "-purpose"])
        .arg(if case.role == "client" {
            "sslclient"
        } else {
            "sslserver"
        });
    if let Some(u) = &case.untrusted {
        cmd.arg("-untrusted").arg(u);
    }
    if let Some(crl) = &case.crl {
        cmd.args(["-crl_check", "-CRLfile"]).arg(crl);
    }
    if let Some(name) = case.name {
        cmd.args(["-verify_hostname", name]);
    }
    cmd.arg(&case.leaf);
    let out = output(&mut cmd);
    (out.status.success(), text(&out))
}

/// `mtls-lab inspect`'s verdict from its exit status (0 passes, 1 refused), and its output.
fn inspect_verdict(dir: &Path, case: &Case) -> (bool, String) {
    let mut cmd = Command::new(cli_binary());
    cmd.current_dir(dir)
        .args([
            "inspect", "--lang", "en", "--ca", case.root, "--as", case.role,
        ])
        .arg(&case.file);
    if let Some(crl) = &case.crl {
        cmd.arg("--crl").arg(crl);
    }
    if let Some(name) = case.name {
        cmd.args(["--name", name]);
    }
    let out = output(&mut cmd);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{}: inspect exits 0 or 1 on a readable certificate, got {code:?}: {}",
        case.what,
        text(&out)
    );
    (code == Some(0), text(&out))
}

#[test]
fn inspect_agrees_with_openssl_verify_on_openssl_made_certificates() {
    let ca = OpenSslPki::new("inspect-openssl");
    let dir = &ca.dir;
    let good_client = ca.issue("good-client", "client", None);
    let server = ca.issue("server", "server", None);
    let expired = ca.issue(
        "expired",
        "client",
        Some(("20200101000000Z", "20210101000000Z")),
    );
    let not_yet = ca.issue(
        "not-yet",
        "client",
        Some(("20990101000000Z", "20991231000000Z")),
    );
    let server_only = ca.issue("server-only", "server", None);
    let revoked = ca.issue("revoked", "client", None);
    let crl = ca.revoke("revoked");
    let leaf = |name: &str| dir.join(format!("{name}.pem"));
    let int = Some(dir.join("int.pem"));
    let case = |what, file: &Path, name: &str, role, crl: Option<&PathBuf>, host| Case {
        what,
        file: file.to_path_buf(),
        leaf: leaf(name),
        untrusted: int.clone(),
        root: "root.pem",
        role,
        crl: crl.cloned(),
        name: host,
    };
    let mut cases = vec![
        case(
            "a good client certificate",
            &good_client,
            "good-client",
            "client",
            Some(&crl),
            None,
        ),
        case(
            "a good server certificate",
            &server,
            "server",
            "server",
            None,
            Some("api.example"),
        ),
        case(
            "a server certificate for another name",
            &server,
            "server",
            "server",
            None,
            Some("other.example"),
        ),
        case(
            "a server certificate used as a client's",
            &server,
            "server",
            "client",
            None,
            None,
        ),
        case(
            "an expired client certificate",
            &expired,
            "expired",
            "client",
            None,
            None,
        ),
        case(
            "a client certificate not valid yet",
            &not_yet,
            "not-yet",
            "client",
            None,
            None,
        ),
        case(
            "a serverAuth-only certificate as a client's",
            &server_only,
            "server-only",
            "client",
            None,
            None,
        ),
        case(
            "a revoked client certificate",
            &revoked,
            "revoked",
            "client",
            Some(&crl),
            None,
        ),
        case(
            "the revoked certificate without its CRL",
            &revoked,
            "revoked",
            "client",
            None,
            None,
        ),
    ];
    // The leaf sent without its intermediate: OpenSSL gets no -untrusted.
    cases.push(Case {
        what: "a client certificate without its intermediate",
        file: leaf("good-client"),
        leaf: leaf("good-client"),
        untrusted: None,
        root: "root.pem",
        role: "client",
        crl: None,
        name: None,
    });
    cases.push(Case {
        what: "a client certificate under a root nobody trusts here",
        file: good_client.clone(),
        leaf: leaf("good-client"),
        untrusted: int.clone(),
        root: "other-root.pem",
        role: "client",
        crl: None,
        name: None,
    });
    let mut passed = 0;
    for case in &cases {
        let (theirs, their_text) = openssl_verdict(dir, case);
        let (ours, our_text) = inspect_verdict(dir, case);
        assert_eq!(
            ours, theirs,
            "{}: openssl verify says {theirs}, inspect says {ours}\n--- openssl\n{their_text}\n--- inspect\n{our_text}",
            case.what
        );
        passed += usize::from(theirs);
    }
    // Both verdicts occur: the table is not all one way.
    assert_eq!(passed, 3, "three of the cases pass");

    // The reasons are the page's sentences, not ids, and name what broke.
    let reason = |case: &Case| inspect_verdict(dir, case).1;
    let expired_text = reason(&cases[4]);
    assert!(
        expired_text.contains("The certificate has expired.")
            && expired_text.contains("2021-01-01T00:00:00Z"),
        "{expired_text}"
    );
    assert!(
        !expired_text.contains("expired ("),
        "no ids: {expired_text}"
    );
    let missing = reason(&cases[9]);
    assert!(
        missing.contains("CN=OpenSSL Test Intermediate")
            && missing.contains("its certificate was probably not sent")
            && !missing.contains("issuer_not_found"),
        "{missing}"
    );
    let revoked_text = reason(&cases[7]);
    assert!(
        revoked_text.contains("its serial number is on the CRL"),
        "{revoked_text}"
    );
}

#[test]
fn inspect_without_a_ca_checks_the_leaf_and_says_the_chain_was_not_checked() {
    let ca = OpenSslPki::new("inspect-no-ca");
    let expired = ca.issue(
        "old",
        "client",
        Some(("20200101000000Z", "20210101000000Z")),
    );
    let good = ca.issue("fine", "client", None);
    for (file, code) in [(&good, 0), (&expired, 1)] {
        let out = output(
            Command::new(cli_binary())
                .args(["inspect", "--lang", "en", "--as", "client"])
                .arg(file),
        );
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(code), "{shown}");
        assert!(
            shown.contains("the chain was not checked") && shown.contains("--ca ROOT.pem"),
            "{shown}"
        );
    }
    // The same in Japanese, with the same verdict.
    let out = output(
        Command::new(cli_binary())
            .args(["inspect", "--lang", "ja", "--as", "client"])
            .arg(&expired),
    );
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("証明書の有効期限が切れています。")
            && shown.contains("チェーンは検証していません"),
        "{shown}"
    );
    // LANG chooses when --lang is not given.
    let out = output(
        Command::new(cli_binary())
            .env("LANG", "ja_JP.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args(["inspect", "--as", "client"])
            .arg(&expired),
    );
    assert!(text(&out).contains("拒否される"), "{}", text(&out));
    // Input that cannot be read: exit status 2 and a sentence.
    let garbage = ca.dir.join("garbage.pem");
    std::fs::write(&garbage, "hello").expect("scratch is writable");
    for file in [garbage, ca.dir.join("missing.pem")] {
        let out = output(Command::new(cli_binary()).arg("inspect").arg(&file));
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("mtls-lab: "),
            "{}",
            text(&out)
        );
    }
    let out = output(
        Command::new(cli_binary())
            .args(["inspect", "--at", "yesterday"])
            .arg(&good),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("RFC 3339"), "{}", text(&out));
}

#[test]
fn inspect_passes_the_certificates_pki_just_wrote() {
    let dir = scratch("inspect-own").join("pki");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&dir));
    assert!(out.status.success(), "{}", text(&out));
    let out = output(
        Command::new(cli_binary())
            .args(["inspect", "--lang", "en", "--as", "client", "--ca"])
            .arg(dir.join("ca.pem"))
            .arg("--crl")
            .arg(dir.join("crl.pem"))
            .arg(dir.join("client.pem")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("As a client certificate: passes"),
        "{}",
        text(&out)
    );
    let out = output(
        Command::new(cli_binary())
            .args([
                "inspect",
                "--as",
                "server",
                "--name",
                "server.example",
                "--ca",
            ])
            .arg(dir.join("ca.pem"))
            .arg(dir.join("server.pem")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_closed_standard_output_ends_the_cli_quietly() {
    // Each prints well over a pipe's 64 KiB buffer, so the reader hangs up mid-way.
    for args in [
        &["run", "mutual", "--json"][..],
        &["run", "aitm-relay-mutual", "--json", "--seed", "3"][..],
    ] {
        let mut child = Command::new(cli_binary())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the CLI starts");
        // Read one chunk, as `head -c` would, then hang up.
        let mut first = [0u8; 64];
        let mut stdout = child.stdout.take().expect("piped");
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let status = child.wait().expect("the CLI ends");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("piped")
            .read_to_string(&mut err)
            .expect("stderr is text");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: nothing on stderr, got {err}");
        assert_eq!(status.code(), Some(141), "{args:?}: 128 + SIGPIPE, as cat");
    }
}

#[cfg(unix)]
#[test]
fn pki_writes_private_keys_for_its_owner_only_and_never_follows_links() {
    use std::os::unix::fs::PermissionsExt;
    let base = scratch("pki-modes");
    let dir = base.join("pki");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&dir));
    assert!(out.status.success(), "{}", text(&out));
    let mode = |p: &Path| {
        std::fs::symlink_metadata(p)
            .expect("written")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&dir), 0o700);
    for key in ["client.key", "server.key", "intermediate.key"] {
        assert_eq!(mode(&dir.join(key)), 0o600, "{key}");
    }
    assert_eq!(mode(&dir.join("ca.pem")) & 0o600, 0o600);

    // A second run refuses, names what exists, and changes nothing.
    let before = std::fs::read(dir.join("intermediate.key")).expect("written");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&dir));
    let err = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("intermediate.key") && err.contains("--force") && !err.contains("panicked"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("intermediate.key")).expect("kept"),
        before
    );

    // A link planted where a key goes: refused without --force; with it, the link is
    // replaced by a private file and its target is untouched.
    let planted = base.join("planted");
    std::fs::create_dir_all(&planted).expect("scratch is writable");
    let target = base.join("victim.txt");
    std::fs::write(&target, "precious\n").expect("scratch is writable");
    std::os::unix::fs::symlink(&target, planted.join("client.key")).expect("symlink");
    let out = output(
        Command::new(cli_binary())
            .arg("pki")
            .arg("--out")
            .arg(&planted),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let out = output(
        Command::new(cli_binary())
            .args(["pki", "--force", "--out"])
            .arg(&planted),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(&target).expect("kept"),
        "precious\n"
    );
    let meta = std::fs::symlink_metadata(planted.join("client.key")).expect("written");
    assert!(meta.file_type().is_file(), "a regular file, not the link");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_ne!(
        std::fs::read(planted.join("intermediate.key")).expect("written"),
        before,
        "fresh keys each run without a seed"
    );
}

#[test]
fn pki_with_a_seed_says_its_keys_are_public() {
    let dir = scratch("pki-seeded").join("pki");
    let out = output(
        Command::new(cli_binary())
            .args(["pki", "--seed", "5", "--out"])
            .arg(&dir),
    );
    assert!(out.status.success(), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning") && err.contains("--seed 5"), "{err}");
    for name in ["client.key", "ca.pem"] {
        let body = std::fs::read_to_string(dir.join(name)).expect("written");
        assert!(
            body.starts_with("# Made by `mtls-lab pki --seed 5`"),
            "{body}"
        );
    }
    // OpenSSL still reads the files with the comment.
    let out = output(
        Command::new("openssl")
            .args(["pkey", "-noout", "-in"])
            .arg(dir.join("client.key")),
    );
    assert!(out.status.success(), "{}", text(&out));
    // Without a seed: no warning.
    let dir = scratch("pki-unseeded").join("pki");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&dir));
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        text(&out)
    );
}

/// A client certificate whose CN carries terminal escapes (ESC [ 2 J clears the screen;
/// U+009B is a one-character CSI), issued by the lab's intermediate with OpenSSL.
fn hostile_client(pki: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let cn = "/CN=eve\u{1b}[2J\u{9b}31m";
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "eve.key",
            "-out",
            "eve.csr",
            "-utf8",
            "-subj",
            cn,
        ],
    );
    std::fs::write(
        dir.join("eve.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n",
    )
    .expect("scratch is writable");
    let int = pki.join("intermediate.pem");
    let int_key = pki.join("intermediate.key");
    let (int, int_key) = (int.to_string_lossy(), int_key.to_string_lossy());
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-sha256",
            "-days",
            "30",
            "-in",
            "eve.csr",
            "-CA",
            &int,
            "-CAkey",
            &int_key,
            "-CAcreateserial",
            "-extfile",
            "eve.ext",
            "-out",
            "eve.pem",
        ],
    );
    let leaf = std::fs::read_to_string(dir.join("eve.pem")).expect("issued");
    let chain = std::fs::read_to_string(pki.join("intermediate.pem")).expect("written");
    std::fs::write(dir.join("eve-chain.pem"), format!("{leaf}{chain}")).expect("writable");
    (dir.join("eve-chain.pem"), dir.join("eve.key"))
}

#[test]
fn a_hostile_common_name_reaches_no_terminal_or_log_raw() {
    let base = scratch("hostile-cn");
    let pki = base.join("pki");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&pki));
    assert!(out.status.success(), "{}", text(&out));
    let (cert, key) = hostile_client(&pki, &base);
    let server = Peer::mtls_lab_serve(&pki, true);
    let out = output(
        Command::new(cli_binary())
            .args([
                "connect",
                &server.addr,
                "--server-name",
                "server.example",
                "--ca",
            ])
            .arg(pki.join("ca.pem"))
            .arg("--cert")
            .arg(&cert)
            .arg("--key")
            .arg(&key),
    );
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{9b}'),
        "no raw escape reaches the terminal: {shown:?}"
    );
    assert!(shown.contains("Hello, eve\\1b[2J\\c2\\9b31m!"), "{shown:?}");
    let log = server.wait_for_lines("client eve", 1);
    assert_eq!(log.len(), 1, "{:?}", server.lines());
    assert!(
        !log[0].contains('\u{1b}') && log[0].contains("client eve\\1b[2J"),
        "{log:?}"
    );
}

/// A Python TLS server with the lab's server certificate that answers every connection with
/// `body` (its argument, in hex) and closes.
const PYTHON_SERVER: &str = r#"
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
body = bytes.fromhex(sys.argv[3]) * int(sys.argv[4])
srv = socket.create_server(("127.0.0.1", 0))
print("ready https://127.0.0.1:%d/" % srv.getsockname()[1], flush=True)
while True:
    conn, _ = srv.accept()
    try:
        with ctx.wrap_socket(conn, server_side=True) as tls:
            tls.recv(4096)
            tls.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body)
    except (ssl.SSLError, OSError):
        pass
"#;

#[test]
fn connect_escapes_and_caps_what_a_server_answers() {
    let pki = scratch("connect-answers").join("pki");
    let out = output(Command::new(cli_binary()).arg("pki").arg("--out").arg(&pki));
    assert!(out.status.success(), "{}", text(&out));
    let hex = |s: &str| -> String { s.bytes().map(|b| format!("{b:02x}")).collect() };
    for (body, times) in [
        ("hi \u{1b}]0;owned\u{7} there\n", "1"),
        ("0123456789abcdef", "131072"),
    ] {
        let mut cmd = Command::new("python3");
        cmd.args(["-c", PYTHON_SERVER])
            .arg(pki.join("server.pem"))
            .arg(pki.join("server.key"))
            .arg(hex(body))
            .arg(times);
        let server = Peer::start(&mut cmd, "ready https://", String::new());
        let mut connect = Command::new(cli_binary());
        connect
            .args([
                "connect",
                &server.addr,
                "--server-name",
                "server.example",
                "--ca",
            ])
            .arg(pki.join("ca.pem"));
        let out = run_with_input(&mut connect, b"", 30);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stdout}{stderr}");
        if times == "1" {
            assert!(
                !stdout.contains('\u{1b}') && stdout.contains("hi \\1b]0;owned\\07 there\n"),
                "{stdout:?}"
            );
        } else {
            // 2 MiB sent: at most 1 MiB of it shown, and a sentence saying it was cut.
            assert!(
                out.stdout.len() < 1024 * 1024 + 4096,
                "{} bytes",
                out.stdout.len()
            );
            assert!(
                out.stdout.len() > 1024 * 1024 - 4096,
                "{} bytes",
                out.stdout.len()
            );
            assert!(stderr.contains("cut after 1048576 bytes"), "{stderr}");
        }
    }
}

#[test]
fn inspect_names_a_signature_algorithm_it_cannot_verify_instead_of_calling_it_bad() {
    // OpenSSL accepts these chains; the lab verifies ecdsa-with-SHA256 by a P-256 key and RSA
    // with SHA-256 only, so it refuses the first two, and says it is the lab's limit, not a bad
    // signature. The third (RSA with SHA-256) it accepts, as OpenSSL does.
    let dir = scratch("inspect-algorithms");
    for (root_key, digest, detail) in [
        (
            &["-newkey", "rsa:2048"][..],
            "-sha384",
            Some("sha384WithRSAEncryption"),
        ),
        (
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"][..],
            "-sha256",
            Some("ecdsa-with-SHA256, P-384"),
        ),
        (&["-newkey", "rsa:2048"][..], "-sha256", None),
    ] {
        let mut root = vec!["req", "-x509", "-sha256", "-days", "30", "-nodes"];
        root.extend(root_key);
        root.extend([
            "-keyout",
            "root.key",
            "-out",
            "root.pem",
            "-subj",
            "/CN=Other Algorithm Root",
        ]);
        openssl(&dir, &root);
        openssl(
            &dir,
            &[
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "leaf.key",
                "-out",
                "leaf.csr",
                "-subj",
                "/CN=leaf",
            ],
        );
        std::fs::write(dir.join("leaf.ext"), "extendedKeyUsage=clientAuth\n").expect("writable");
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                digest,
                "-days",
                "30",
                "-in",
                "leaf.csr",
                "-CA",
                "root.pem",
                "-CAkey",
                "root.key",
                "-CAcreateserial",
                "-extfile",
                "leaf.ext",
                "-out",
                "leaf.pem",
            ],
        );
        let theirs = output(Command::new("openssl").current_dir(&dir).args([
            "verify",
            "-CAfile",
            "root.pem",
            "-purpose",
            "sslclient",
            "leaf.pem",
        ]));
        assert!(theirs.status.success(), "{}", text(&theirs));
        let ours = output(Command::new(cli_binary()).current_dir(&dir).args([
            "inspect", "--lang", "en", "--as", "client", "--ca", "root.pem", "leaf.pem",
        ]));
        let shown = text(&ours);
        let Some(detail) = detail else {
            assert_eq!(ours.status.code(), Some(0), "{shown}");
            continue;
        };
        assert_eq!(ours.status.code(), Some(1), "{shown}");
        assert!(
            shown.contains("an algorithm the lab cannot verify") && shown.contains(detail),
            "{shown}"
        );
        assert!(
            !shown.contains("does not verify") && !shown.contains("failed."),
            "{shown}"
        );
    }
}

#[test]
fn run_explains_in_the_language_asked() {
    let out = output(Command::new(cli_binary()).args(["run", "expired", "--lang", "ja"]));
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("証明書の有効期限が切れています。")
            && shown.contains("結果: 失敗 — サーバーが検出して certificate_expired を送信"),
        "{shown}"
    );
    assert!(
        !shown.contains("certificate rejected"),
        "no English engine sentence: {shown}"
    );
    let out = output(Command::new(cli_binary()).args(["run", "expired", "--lang", "en"]));
    assert!(
        text(&out).contains("The certificate has expired."),
        "{}",
        text(&out)
    );
}
