//! Helpers for the cross-stack tests in `tests/tests/`: finding the CLI binary, scratch
//! directories, and running real peers (OpenSSL, Python, curl, tshark).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `mtls-lab` binary, built by cargo for this workspace (debug profile), building it if
/// the test run has not yet.
pub fn cli_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or(root.join("target"));
    let bin = target.join("debug").join("mtls-lab");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "-p", "mtls-lab", "--bin", "mtls-lab"])
        .current_dir(&root)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building mtls-lab failed");
    bin
}

/// A fresh scratch directory under the target directory, removed and recreated.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mtls-lab-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

/// Runs a command and returns its output, panicking with a clear message if it cannot start.
pub fn output(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"))
}

/// Decodes lowercase or uppercase hex.
pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex digits"))
        .collect()
}

/// A P-256 public key (uncompressed SEC1 point) wrapped as a SubjectPublicKeyInfo PEM, the
/// form OpenSSL reads.
pub fn p256_spki_pem(point: &[u8]) -> String {
    // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused bits) point }
    // (RFC 5480 §2). The prefix is fixed for a 65-byte point.
    let mut der = vec![
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ];
    der.extend_from_slice(point);
    let b64 = base64(&der);
    let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END PUBLIC KEY-----\n");
    pem
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The workspace root (where `Cargo.toml` of the workspace lives).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// A TCP port that was free a moment ago on 127.0.0.1 (for peers that cannot bind port 0 and
/// report it, such as `openssl s_server`).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback is available");
    listener
        .local_addr()
        .expect("bound socket has an address")
        .port()
}

/// A child process whose stdout is collected line by line in the background; killed on drop.
pub struct Peer {
    child: std::process::Child,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    /// The address it listens on, `127.0.0.1:PORT`.
    pub addr: String,
}

impl Peer {
    /// Starts `cmd` and waits (at most 20 s) for a stdout line containing `ready`.
    pub fn start(cmd: &mut Command, ready: &str, addr: String) -> Peer {
        use std::io::BufRead;
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        for pipe in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let sink = std::sync::Arc::clone(&lines);
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                    sink.lock().map(|mut l| l.push(line)).ok();
                }
            });
        }
        let mut peer = Peer { child, lines, addr };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Some(line) = peer.lines().into_iter().find(|l| l.contains(ready)) {
                if peer.addr.is_empty() {
                    peer.addr = line
                        .split("https://")
                        .nth(1)
                        .and_then(|rest| rest.split('/').next())
                        .unwrap_or_default()
                        .to_string();
                }
                return peer;
            }
            if let Ok(Some(status)) = peer.child.try_wait() {
                panic!(
                    "{cmd:?} exited ({status}) before it was ready: {:?}",
                    peer.lines()
                );
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{cmd:?} did not print {ready:?} within 20 s: {:?}",
                peer.lines()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// `mtls-lab serve` on an ephemeral loopback port with the PKI in `pki` (TLS 1.3 and 1.2).
    pub fn mtls_lab_serve(pki: &Path, mtls: bool) -> Peer {
        Self::mtls_lab_serve_with(pki, mtls, &[])
    }

    /// `mtls-lab serve` with more arguments (`--tls 1.2`, say).
    pub fn mtls_lab_serve_with(pki: &Path, mtls: bool, extra: &[&str]) -> Peer {
        let mut cmd = Command::new(cli_binary());
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--pki"])
            .arg(pki)
            .args(extra);
        if mtls {
            cmd.arg("--mtls");
        }
        Peer::start(&mut cmd, " on https://", String::new())
    }

    /// `openssl s_server -www` with the PKI in `pki`; `verify` adds `-Verify 1
    /// -verify_return_error` (a client certificate is required), `crl` also checks `pki/crl.pem`.
    pub fn openssl_s_server(pki: &Path, verify: bool, crl: bool) -> Peer {
        Self::openssl_s_server_speaking(pki, verify, crl, "-tls1_3")
    }

    /// [`Peer::openssl_s_server`] speaking only the version `flag` names (`-tls1_2`,
    /// `-tls1_3`).
    pub fn openssl_s_server_speaking(pki: &Path, verify: bool, crl: bool, flag: &str) -> Peer {
        Self::openssl_s_server_with(pki, verify, crl, &[flag])
    }

    /// [`Peer::openssl_s_server`] with more flags (`-tls1_2`, `-cipher …`).
    pub fn openssl_s_server_with(pki: &Path, verify: bool, crl: bool, flags: &[&str]) -> Peer {
        let port = free_port();
        let mut cmd = Command::new("openssl");
        cmd.arg("s_server")
            .args(flags)
            .args(["-www", "-accept"])
            .arg(port.to_string())
            .arg("-cert")
            .arg(pki.join("server.pem"))
            .arg("-cert_chain")
            .arg(pki.join("intermediate.pem"))
            .arg("-key")
            .arg(pki.join("server.key"))
            .arg("-CAfile")
            .arg(pki.join("ca.pem"));
        if verify {
            cmd.args(["-Verify", "1", "-verify_return_error"]);
        }
        if crl {
            cmd.arg("-crl_check").arg("-CRL").arg(pki.join("crl.pem"));
        }
        Peer::start(&mut cmd, "ACCEPT", format!("127.0.0.1:{port}"))
    }

    /// The port part of [`Peer::addr`].
    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap_or_default()
    }

    /// Every line the process has printed so far (stdout and stderr).
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Waits (at most 10 s) until `n` printed lines contain `needle`, and returns them.
    pub fn wait_for_lines(&self, needle: &str, n: usize) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let found: Vec<String> = self
                .lines()
                .into_iter()
                .filter(|l| l.contains(needle))
                .collect();
            if found.len() >= n || std::time::Instant::now() > deadline {
                return found;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `cmd` with `input` on stdin, killing it after `secs` seconds.
pub fn run_with_input(cmd: &mut Command, input: &[u8], secs: u64) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if rx
            .recv_timeout(std::time::Duration::from_secs(secs))
            .is_err()
        {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
        }
    });
    let out = child.wait_with_output().expect("child output is readable");
    let _ = tx.send(());
    let _ = watchdog.join();
    out
}

/// Stdout and stderr of a finished command as one string.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The alert number in an OpenSSL error line such as `... SSL alert number 45`.
pub fn openssl_alert_number(text: &str) -> Option<u8> {
    let rest = text.split("SSL alert number ").nth(1)?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// An OpenSSL `ca` in `dir` that signs with the lab's intermediate CA from `pki`, so tests can
/// make client certificates with a tool other than the engine.
pub struct OpenSslCa {
    dir: PathBuf,
    pki: PathBuf,
}

/// The ways [`OpenSslCa::issue`] can make a client certificate.
#[derive(Clone, Copy, Debug)]
pub enum Issue {
    /// A good client certificate (EKU clientAuth, valid now).
    Good,
    /// Valid only in 2020.
    Expired,
    /// Valid only from 2099.
    NotYetValid,
    /// EKU serverAuth only.
    ServerAuthOnly,
    /// A good client certificate signed with RSASSA-PSS (SHA-256, MGF1-SHA-256, a 32-byte
    /// salt) instead of PKCS#1 v1.5: the intermediate's key must be RSA.
    PssSigned,
}

impl OpenSslCa {
    /// Sets up the `openssl ca` database in `dir`, issuing with `pki/intermediate.{pem,key}`.
    pub fn new(dir: &Path, pki: &Path) -> OpenSslCa {
        std::fs::create_dir_all(dir).expect("scratch is writable");
        let config = "[ ca ]\ndefault_ca = lab\n[ lab ]\ndir = .\ndatabase = index.txt\n\
            new_certs_dir = .\nserial = serial\ncrlnumber = crlnumber\ndefault_md = sha256\n\
            policy = any\ncopy_extensions = none\nunique_subject = no\ndefault_crl_days = 30\n\
            default_days = 30\n[ any ]\ncommonName = supplied\n\
            [ client ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
            extendedKeyUsage = clientAuth\nauthorityKeyIdentifier = keyid\n\
            [ server_only ]\nbasicConstraints = critical,CA:FALSE\n\
            keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n\
            authorityKeyIdentifier = keyid\n[ crl_ext ]\nauthorityKeyIdentifier = keyid\n";
        std::fs::write(dir.join("ca.cnf"), config).expect("scratch is writable");
        std::fs::write(dir.join("index.txt"), "").expect("scratch is writable");
        std::fs::write(dir.join("serial"), "1000\n").expect("scratch is writable");
        std::fs::write(dir.join("crlnumber"), "1000\n").expect("scratch is writable");
        OpenSslCa {
            dir: dir.to_path_buf(),
            pki: pki.to_path_buf(),
        }
    }

    fn openssl(&self, args: &[&str]) {
        let out = output(Command::new("openssl").args(args).current_dir(&self.dir));
        assert!(
            out.status.success(),
            "openssl {args:?} failed: {}",
            text(&out)
        );
    }

    fn ca_args(&self) -> Vec<String> {
        vec![
            "-batch".into(),
            "-config".into(),
            "ca.cnf".into(),
            "-cert".into(),
            self.pki.join("intermediate.pem").display().to_string(),
            "-keyfile".into(),
            self.pki.join("intermediate.key").display().to_string(),
        ]
    }

    /// Issues a P-256 client certificate for `cn`; returns (certificate PEM path, key PEM path).
    pub fn issue(&self, cn: &str, how: Issue) -> (PathBuf, PathBuf) {
        self.issue_with(cn, &[how])
    }

    /// [`OpenSslCa::issue`] with several faults at once (e.g. expired and serverAuth only).
    pub fn issue_with(&self, cn: &str, faults: &[Issue]) -> (PathBuf, PathBuf) {
        let key = format!("{cn}.key");
        let csr = format!("{cn}.csr");
        let cert = format!("{cn}.pem");
        self.openssl(&[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            &key,
        ]);
        self.openssl(&[
            "req",
            "-new",
            "-key",
            &key,
            "-subj",
            &format!("/CN={cn}"),
            "-out",
            &csr,
        ]);
        let mut args = self.ca_args();
        args.extend(["-in", &csr, "-out", &cert, "-notext", "-extensions"].map(String::from));
        args.push(
            if faults.iter().any(|f| matches!(f, Issue::ServerAuthOnly)) {
                "server_only"
            } else {
                "client"
            }
            .into(),
        );
        for how in faults {
            let (start, end) = match how {
                Issue::Expired => ("20200101000000Z", "20210101000000Z"),
                Issue::NotYetValid => ("20990101000000Z", "20991231000000Z"),
                Issue::PssSigned => {
                    args.extend(
                        [
                            "-sigopt",
                            "rsa_padding_mode:pss",
                            "-sigopt",
                            "rsa_pss_saltlen:digest",
                        ]
                        .map(String::from),
                    );
                    continue;
                }
                Issue::Good | Issue::ServerAuthOnly => continue,
            };
            args.extend(["-startdate", start, "-enddate", end].map(String::from));
        }
        let mut all = vec!["ca".to_string()];
        all.extend(args);
        self.openssl(&all.iter().map(String::as_str).collect::<Vec<_>>());
        (self.dir.join(cert), self.dir.join(key))
    }

    /// Revokes `cert` and writes a fresh CRL signed by the intermediate to `out`.
    pub fn revoke_and_publish(&self, cert: &Path, out: &Path) {
        let mut all = vec!["ca".to_string()];
        all.extend(self.ca_args());
        all.push("-revoke".into());
        all.push(cert.display().to_string());
        self.openssl(&all.iter().map(String::as_str).collect::<Vec<_>>());
        let mut all = vec!["ca".to_string()];
        all.extend(self.ca_args());
        all.extend(["-gencrl", "-crlexts", "crl_ext", "-out"].map(String::from));
        all.push(out.display().to_string());
        self.openssl(&all.iter().map(String::as_str).collect::<Vec<_>>());
    }

    /// A self-signed CA unrelated to the lab's, and a client certificate it issued.
    pub fn foreign_client(&self, cn: &str) -> (PathBuf, PathBuf) {
        self.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "foreign-ca.key",
            "-out",
            "foreign-ca.pem",
            "-subj",
            "/CN=Some Other CA",
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        let ext = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n";
        std::fs::write(self.dir.join("foreign.ext"), ext).expect("scratch is writable");
        let key = format!("{cn}.key");
        let csr = format!("{cn}.csr");
        let cert = format!("{cn}.pem");
        self.openssl(&[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            &key,
        ]);
        self.openssl(&[
            "req",
            "-new",
            "-key",
            &key,
            "-subj",
            &format!("/CN={cn}"),
            "-out",
            &csr,
        ]);
        self.openssl(&[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "foreign-ca.pem",
            "-CAkey",
            "foreign-ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            "foreign.ext",
            "-out",
            &cert,
        ]);
        (self.dir.join(cert), self.dir.join(key))
    }
}

/// The HTTP request the tests send.
pub const REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: server.example\r\nConnection: close\r\n\r\n";

/// `mtls-lab connect` to `addr` with the CA of `pki`, asking for server.example, with `extra`
/// arguments; `with_cert`: with the PKI's client certificate and key. Whether it succeeded,
/// and what it said.
pub fn mtls_lab_connect(addr: &str, pki: &Path, with_cert: bool, extra: &[&str]) -> (bool, String) {
    let mut cmd = Command::new(cli_binary());
    cmd.args(["connect", addr, "--server-name", "server.example", "--ca"])
        .arg(pki.join("ca.pem"))
        .args(extra);
    if with_cert {
        cmd.arg("--cert").arg(pki.join("client.pem"));
        cmd.arg("--key").arg(pki.join("client.key"));
    }
    let out = run_with_input(&mut cmd, b"", 20);
    (out.status.success(), text(&out))
}

/// `gnutls-cli` sending [`REQUEST`] to `addr`, checking the name server.example; with `cert`,
/// the client certificate file (its whole chain) and key; with `priority`, GnuTLS's priority
/// string (e.g. TLS 1.2 only).
pub fn gnutls_cli(
    addr: &str,
    ca: &Path,
    cert: Option<(&Path, &Path)>,
    priority: Option<&str>,
) -> (bool, String) {
    let (host, port) = addr.rsplit_once(':').unwrap_or((addr, ""));
    let mut cmd = Command::new("gnutls-cli");
    if let Some(priority) = priority {
        cmd.args(["--priority", priority]);
    }
    cmd.args(["--port", port])
        .args(["--sni-hostname", "server.example"])
        .args(["--verify-hostname", "server.example", "--x509cafile"])
        .arg(ca);
    if let Some((chain, key)) = cert {
        cmd.arg("--x509certfile")
            .arg(chain)
            .arg("--x509keyfile")
            .arg(key);
    }
    cmd.arg(host);
    let out = run_with_input(&mut cmd, REQUEST, 20);
    (out.status.success(), text(&out))
}

/// A fresh PKI from `mtls-lab pki` (seed 11 unless `extra` gives one) in a scratch folder.
pub fn pki(name: &str, extra: &[&str]) -> PathBuf {
    let dir = scratch(name).join("pki");
    let out = output(
        Command::new(cli_binary())
            .args(["pki", "--out"])
            .arg(&dir)
            .args(extra)
            .args(if extra.contains(&"--seed") {
                &[][..]
            } else {
                &["--seed", "11"][..]
            }),
    );
    assert!(out.status.success(), "mtls-lab pki failed: {}", text(&out));
    dir
}

/// `openssl s_client` sending the lab's HTTP request; `cert` is (leaf, key, chain).
pub fn s_client(
    addr: &str,
    ca: &Path,
    cert: Option<(&Path, &Path, Option<&Path>)>,
    extra: &[&str],
) -> String {
    let mut cmd = Command::new("openssl");
    cmd.args([
        "s_client",
        "-brief",
        "-ign_eof",
        "-servername",
        "server.example",
        "-connect",
        addr,
    ])
    .arg("-CAfile")
    .arg(ca)
    .arg("-verify_return_error")
    .args(extra);
    if let Some((leaf, key, chain)) = cert {
        cmd.arg("-cert").arg(leaf).arg("-key").arg(key);
        if let Some(chain) = chain {
            cmd.arg("-cert_chain").arg(chain);
        }
    }
    text(&run_with_input(&mut cmd, REQUEST, 20))
}
