//! The CLI's exports checked by the tools they are made for: tshark (Wireshark's dissectors)
//! reads and decrypts the pcapng captures, OpenSSL reads the PEM bundle, and the Mermaid
//! text keeps to the `sequenceDiagram` grammar subset the exporter writes.
//!
//! tshark runs with an empty `tls.keylog_file`, so only the capture's Decryption Secrets Block
//! can decrypt it; a second pass gives it a capture without secrets and the key log file the
//! CLI wrote, as one would with a capture from a real network.

use std::path::{Path, PathBuf};
use std::process::Command;

use mtls_lab_engine::export;
use mtls_lab_engine::scenario::run_scenario;
use mtls_lab_engine::trace::{Participant, Trace};
use mtls_lab_engine::wire::HandshakeMessage;
use mtls_lab_tests::{cli_binary, output, scratch, text};

/// The files `mtls-lab run <id> --pcap --keylog --mermaid --pem` wrote.
struct Exported {
    dir: PathBuf,
    pcap: PathBuf,
    keylog: PathBuf,
    mermaid: PathBuf,
    pem: PathBuf,
    trace: Trace,
}

/// Runs the CLI for scenario `id` into a scratch directory of the calling `test`'s own (tests
/// run in parallel, and several export the same scenario).
fn export(test: &str, id: &str) -> Exported {
    let dir = scratch(&format!("exports-{test}-{id}"));
    let e = Exported {
        pcap: dir.join("run.pcapng"),
        keylog: dir.join("run.keys"),
        mermaid: dir.join("run.mmd"),
        pem: dir.join("run.pem"),
        trace: run_scenario(id, 1).expect("known scenario"),
        dir,
    };
    let out = output(
        Command::new(cli_binary())
            .args(["run", id, "--seed", "1", "--pcap"])
            .arg(&e.pcap)
            .arg("--keylog")
            .arg(&e.keylog)
            .arg("--mermaid")
            .arg(&e.mermaid)
            .arg("--pem")
            .arg(&e.pem),
    );
    assert!(out.status.success(), "mtls-lab run {id}: {}", text(&out));
    e
}

/// tshark over `pcap` with `keylog` as the key log file ("" for none); the fields, one line
/// per frame that matches `filter`.
fn tshark(pcap: &Path, keylog: &Path, filter: &str, fields: &[&str]) -> Vec<String> {
    tshark_with(
        pcap,
        &format!("tls.keylog_file:{}", keylog.display()),
        filter,
        fields,
    )
}

/// [`tshark`] with `preference` (a `-o` value) instead of the key log file.
fn tshark_with(pcap: &Path, preference: &str, filter: &str, fields: &[&str]) -> Vec<String> {
    let home = pcap.parent().unwrap_or(Path::new(".")).join("home");
    std::fs::create_dir_all(&home).expect("scratch is writable");
    let mut cmd = Command::new("tshark");
    cmd.env("HOME", &home)
        .arg("-n")
        .arg("-r")
        .arg(pcap)
        .arg("-o")
        .arg(preference)
        .args([
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
        ])
        .args(["-Y", filter, "-T", "fields"]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = output(&mut cmd);
    assert!(out.status.success(), "tshark failed: {}", text(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The handshake message types tshark dissected, in order.
fn handshake_types(pcap: &Path, keylog: &Path) -> Vec<u8> {
    tshark(pcap, keylog, "tls.handshake.type", &["tls.handshake.type"])
        .iter()
        .flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .map(|t| t.trim().parse().expect("a handshake type number"))
        .collect()
}

/// The handshake message types the trace says crossed the wire.
fn trace_types(trace: &Trace) -> Vec<u8> {
    trace
        .steps
        .iter()
        .flat_map(|s| &s.messages)
        .filter_map(|m| m.bytes.first().copied())
        .collect()
}

/// One field over every frame that has it.
fn values(pcap: &Path, field: &str) -> Vec<String> {
    tshark(pcap, Path::new(""), field, &[field])
}

/// Nothing malformed, no TCP analysis flag (retransmission, lost segment, window…), no
/// expert warning or error, and the checksums (checked on request above) are good.
fn assert_clean(pcap: &Path) {
    for filter in [
        "_ws.malformed",
        "tcp.analysis.flags",
        "_ws.expert.severity >= warning",
        "tcp.checksum.status != 1 || ip.checksum.status != 1",
    ] {
        let hits = tshark(
            pcap,
            Path::new(""),
            filter,
            &["frame.number", "_ws.expert.message"],
        );
        assert!(hits.is_empty(), "{filter}: {hits:?}");
    }
}

/// The capture without its secrets does not decrypt alone, and decrypts with the key log
/// file exactly as the capture with secrets does.
fn assert_key_log_decrypts(e: &Exported) {
    let bare = e.dir.join("bare.pcapng");
    std::fs::write(&bare, export::pcapng_without_secrets(&e.trace)).expect("scratch writable");
    let with_dsb = handshake_types(&e.pcap, Path::new(""));
    let plain = handshake_types(&bare, Path::new(""));
    assert!(
        plain.iter().all(|t| *t == 1 || *t == 2),
        "only ClientHello and ServerHello are readable without keys: {plain:?}"
    );
    assert_eq!(handshake_types(&bare, &e.keylog), with_dsb);
}

#[test]
fn cli_capture_is_the_engine_export() {
    let e = export("cli", "one-way");
    let bytes = std::fs::read(&e.pcap).expect("the capture was written");
    assert_eq!(bytes, export::pcapng(&e.trace));
    assert_eq!(
        std::fs::read_to_string(&e.keylog).expect("key log written"),
        e.trace.keylog_file()
    );
}

#[test]
fn tshark_decrypts_one_way() {
    let e = export("tshark", "one-way");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, [1, 2, 8, 11, 15, 20, 20]);
    assert_eq!(types, trace_types(&e.trace));
    assert_eq!(values(&e.pcap, "http.request.method"), ["GET"]);
    assert_eq!(values(&e.pcap, "http.response.code"), ["200"]);
    assert_eq!(values(&e.pcap, "tls.alert_message.desc"), ["0", "0"]);
    assert_eq!(
        values(&e.pcap, "tls.handshake.extensions_server_name"),
        ["server.example"]
    );
    assert_clean(&e.pcap);
    assert_key_log_decrypts(&e);
}

#[test]
fn tshark_decrypts_mutual() {
    let e = export("tshark", "mutual");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, [1, 2, 8, 13, 11, 15, 20, 11, 15, 20]);
    assert_eq!(types, trace_types(&e.trace));
    // The client's certificate (CN=alice) is readable once decrypted.
    let cns = values(&e.pcap, "x509sat.uTF8String").join(",");
    assert!(cns.contains("alice"), "{cns}");
    assert_eq!(values(&e.pcap, "http.request.method"), ["GET"]);
    assert_eq!(values(&e.pcap, "http.response.code"), ["200"]);
    assert_clean(&e.pcap);
    assert_key_log_decrypts(&e);
}

#[test]
fn tshark_decrypts_the_expired_refusal() {
    let e = export("tshark", "expired");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, [1, 2, 8, 13, 11, 15, 20, 11, 15, 20]);
    assert_eq!(types, trace_types(&e.trace));
    // certificate_expired (45), from the server, encrypted and decrypted.
    let alerts = tshark(
        &e.pcap,
        Path::new(""),
        "tls.alert_message",
        &["ip.src", "tls.alert_message.desc"],
    );
    assert_eq!(alerts, ["192.0.2.20\t45"]);
    assert!(values(&e.pcap, "http").is_empty());
    assert_clean(&e.pcap);
    assert_key_log_decrypts(&e);
}

#[test]
fn tshark_decrypts_no_client_cert() {
    let e = export("tshark", "no-client-cert");
    let types = handshake_types(&e.pcap, Path::new(""));
    // The client answers CertificateRequest with an empty Certificate.
    assert_eq!(types, [1, 2, 8, 13, 11, 15, 20, 11, 20]);
    assert_eq!(types, trace_types(&e.trace));
    assert_eq!(values(&e.pcap, "tls.alert_message.desc"), ["116"]);
    assert_clean(&e.pcap);
}

#[test]
fn tshark_sees_the_relay_as_two_connections_through_the_attacker() {
    let e = export("tshark", "aitm-relay-one-way");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, trace_types(&e.trace));
    assert_eq!(types, [1, 2, 8, 11, 15, 20, 20, 1, 2, 8, 11, 15, 20, 20]);
    let streams = tshark(
        &e.pcap,
        Path::new(""),
        "tcp.flags.syn == 1 && tcp.flags.ack == 0",
        &["tcp.stream", "ip.src", "ip.dst", "tcp.dstport"],
    );
    assert_eq!(
        streams,
        [
            "0\t192.0.2.10\t192.0.2.66\t443",
            "1\t192.0.2.66\t192.0.2.20\t443"
        ]
    );
    // The phishing proxy's name in the victim's SNI, the real one upstream.
    assert_eq!(
        values(&e.pcap, "tls.handshake.extensions_server_name"),
        ["server.example.login-check.example", "server.example"]
    );
    // What the proxy reads and relays: the password login, twice, and the cookie, twice.
    let logins = tshark(
        &e.pcap,
        Path::new(""),
        "http.request",
        &["tcp.stream", "http.request.method", "http.file_data"],
    );
    assert_eq!(logins.len(), 2, "{logins:?}");
    assert!(
        logins
            .iter()
            .all(|l| l.contains("POST") && l.contains("password")),
        "{logins:?}"
    );
    assert_eq!(values(&e.pcap, "http.response.code"), ["200", "200"]);
    assert_eq!(values(&e.pcap, "http.set_cookie").len(), 2);
    assert_clean(&e.pcap);
    assert_key_log_decrypts(&e);
}

#[test]
fn tshark_sees_the_tampered_record_fail() {
    let e = export("tshark", "tampered-record");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, [1, 2, 8, 11, 15, 20, 20]);
    assert_eq!(types, trace_types(&e.trace));
    // The forged record, with the client's addresses and the attacker's MAC, does not decrypt;
    // the server's bad_record_mac (20) does.
    let forged = tshark(
        &e.pcap,
        Path::new(""),
        "eth.src == 00:00:5e:00:53:42",
        &["ip.src", "ip.dst", "tcp.len", "http.request.method"],
    );
    assert_eq!(forged, ["192.0.2.10\t192.0.2.20\t81\t"]);
    assert!(values(&e.pcap, "http").is_empty());
    let alerts = tshark(
        &e.pcap,
        Path::new(""),
        "tls.alert_message",
        &["ip.src", "tls.alert_message.desc"],
    );
    assert_eq!(alerts, ["192.0.2.20\t20"]);
    assert_clean(&e.pcap);
}

#[test]
fn tshark_decrypts_tls12_one_way() {
    let e = export("tshark", "tls12-one-way");
    let types = handshake_types(&e.pcap, Path::new(""));
    // ClientHello, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone,
    // ClientKeyExchange, then each side's Finished after its ChangeCipherSpec.
    assert_eq!(types, [1, 2, 11, 12, 14, 16, 20, 20]);
    assert_eq!(types, trace_types(&e.trace));
    assert_eq!(
        values(&e.pcap, "tls.handshake.version"),
        ["0x0303", "0x0303"]
    );
    assert_eq!(
        values(&e.pcap, "tls.handshake.ciphersuite"),
        ["0xc02b", "0xc02b"],
        "the client offers, and the server chooses, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
    );
    assert_eq!(values(&e.pcap, "tls.change_cipher_spec").len(), 2);
    assert_eq!(values(&e.pcap, "http.request.method"), ["GET"]);
    assert_eq!(values(&e.pcap, "http.response.code"), ["200"]);
    assert_eq!(values(&e.pcap, "tls.alert_message.desc"), ["0", "0"]);
    assert_clean(&e.pcap);
    assert_tls12_key_log_decrypts(&e);
}

#[test]
fn tshark_reads_the_tls12_client_certificate_without_any_key() {
    let e = export("tshark", "tls12-mutual");
    let types = handshake_types(&e.pcap, Path::new(""));
    assert_eq!(types, [1, 2, 11, 12, 13, 14, 11, 16, 15, 20, 20]);
    assert_eq!(types, trace_types(&e.trace));
    assert_eq!(values(&e.pcap, "http.response.code"), ["200"]);
    assert_clean(&e.pcap);
    assert_tls12_key_log_decrypts(&e);
    // The lesson: in TLS 1.2 an eavesdropper with no key at all reads the client's name.
    let bare = e.dir.join("bare.pcapng");
    let cns = tshark(
        &bare,
        Path::new(""),
        "x509sat.uTF8String",
        &["x509sat.uTF8String"],
    );
    assert!(cns.join(",").contains("alice"), "{cns:?}");
    // In TLS 1.3 the same eavesdropper does not.
    let tls13 = export("tshark-bare", "mutual");
    let bare13 = tls13.dir.join("bare.pcapng");
    std::fs::write(&bare13, export::pcapng_without_secrets(&tls13.trace))
        .expect("scratch writable");
    let cns = tshark(
        &bare13,
        Path::new(""),
        "x509sat.uTF8String",
        &["x509sat.uTF8String"],
    );
    assert!(!cns.join(",").contains("alice"), "{cns:?}");
}

#[test]
fn tshark_sees_the_downgrade_sentinel() {
    let e = export("tshark", "downgrade");
    let types = handshake_types(&e.pcap, Path::new(""));
    // The server received the attacker's ClientHello: the capture's tap is in front of it.
    assert_eq!(types, [1, 2, 11, 12, 14]);
    assert!(
        values(&e.pcap, "tls.handshake.extensions.supported_version").is_empty(),
        "TLS 1.3 was taken out of the ClientHello the server got"
    );
    assert_eq!(
        values(&e.pcap, "tls.handshake.ciphersuite"),
        ["0xc02b", "0xc02b"]
    );
    let randoms = tshark(
        &e.pcap,
        Path::new(""),
        "tls.handshake.type == 2",
        &["tls.handshake.random"],
    );
    assert_eq!(randoms.len(), 1);
    assert!(
        randoms[0].replace(':', "").ends_with("444f574e47524401"),
        "the server's random ends with DOWNGRD 01: {randoms:?}"
    );
    // The client stops with illegal_parameter (47).
    let alerts = tshark(
        &e.pcap,
        Path::new(""),
        "tls.alert_message",
        &["ip.src", "tls.alert_message.desc"],
    );
    assert_eq!(alerts, ["192.0.2.10\t47"]);
    assert_clean(&e.pcap);
}

/// TLS 1.2: without keys every handshake message but the two Finished is readable; the
/// CLIENT_RANDOM lines of the key log decrypt the rest, exactly as the capture's secrets do.
fn assert_tls12_key_log_decrypts(e: &Exported) {
    assert!(e.trace.keylog_file().starts_with("CLIENT_RANDOM "));
    let bare = e.dir.join("bare.pcapng");
    std::fs::write(&bare, export::pcapng_without_secrets(&e.trace)).expect("scratch writable");
    let with_dsb = handshake_types(&e.pcap, Path::new(""));
    let plain = handshake_types(&bare, Path::new(""));
    let without_finished: Vec<u8> = with_dsb.iter().copied().filter(|t| *t != 20).collect();
    assert_eq!(plain, without_finished);
    assert!(values(&bare, "http").is_empty());
    assert_eq!(handshake_types(&bare, &e.keylog), with_dsb);
}

/// Forward secrecy, judged by tshark. The `forward-secrecy` capture holds its two connections
/// as two TCP streams; given only the server's private key from `run --pem` (no key log, no
/// secrets in the capture), tshark decrypts the RSA key-transport stream, request and answer,
/// and not the ECDHE one, whose records stay opaque application data.
#[test]
fn tshark_decrypts_the_rsa_key_transport_connection_with_the_server_key_alone() {
    let e = export("tshark-fs", "forward-secrecy");
    let bare = e.dir.join("bare.pcapng");
    std::fs::write(&bare, export::pcapng_without_secrets(&e.trace)).expect("scratch writable");
    // The server's key, as `run --pem` wrote it.
    let bundle = std::fs::read_to_string(&e.pem).expect("the PEM bundle was written");
    let at = bundle
        .find("the server's private key (RSA-2048, PKCS#8)")
        .expect("the bundle has the server's RSA key");
    let (_, block) = pem_blocks(&bundle[at..])
        .into_iter()
        .next()
        .expect("a PEM block follows");
    let key = e.dir.join("server.key");
    std::fs::write(&key, block).expect("scratch writable");
    // No key log in either case: the capture has no secrets, and "" names no file.
    let rsa_keys = format!("uat:rsa_keys:\"{}\",\"\"", key.display());
    let fields = |rsa_key: Option<&Path>, filter: &str, fields: &[&str]| match rsa_key {
        Some(_) => tshark_with(&bare, &rsa_keys, filter, fields),
        None => tshark(&bare, Path::new(""), filter, fields),
    };
    // Two connections, two streams, each opened by its ClientHello.
    assert_eq!(
        fields(None, "tls.handshake.type == 1", &["tcp.stream"]),
        ["0", "1"]
    );
    assert_eq!(
        fields(
            None,
            "tls.handshake.ciphersuite",
            &["tcp.stream", "tls.handshake.ciphersuite"]
        )
        .into_iter()
        .filter(|l| !l.contains(','))
        .collect::<Vec<_>>(),
        ["0\t0x009c", "1\t0xc02f"],
        "TLS_RSA_WITH_AES_128_GCM_SHA256, then TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    );
    // Without the key nothing decrypts.
    assert!(fields(None, "http", &["tcp.stream"]).is_empty());
    // With it: the first connection's request and answer, and nothing of the second's.
    assert_eq!(
        fields(
            Some(&key),
            "http.request",
            &["tcp.stream", "http.request.method", "http.request.uri"]
        ),
        ["0\tGET\t/"]
    );
    assert_eq!(
        fields(
            Some(&key),
            "http.response",
            &["tcp.stream", "http.response.code"]
        ),
        ["0\t200"]
    );
    assert!(
        !fields(
            Some(&key),
            "tcp.stream == 1 && tls.app_data",
            &["frame.number"]
        )
        .is_empty(),
        "the ECDHE connection's records stay encrypted application data"
    );
}

#[test]
fn every_record_carries_its_step_as_a_comment() {
    let e = export("comments", "mutual-hrr");
    let comments = values(&e.pcap, "frame.comment");
    assert_eq!(comments.len(), e.trace.steps.len());
    assert_eq!(comments[0], "step 1: client -> server: ClientHello");
    assert_eq!(comments[1], "step 2: server -> client: HelloRetryRequest");
    assert_clean(&e.pcap);
}

#[test]
fn unwritable_export_is_one_sentence_and_a_failure() {
    let dir = scratch("exports-unwritable");
    let out = output(
        Command::new(cli_binary())
            .args(["run", "one-way", "--pcap"])
            .arg(dir.join("missing").join("run.pcapng")),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("mtls-lab: could not write the capture to "),
        "{err}"
    );
}

// --- Mermaid ---

/// Checks `text` against the grammar subset the exporter writes, line by line, strictly:
/// a `sequenceDiagram` header, `title`, `autonumber`, `participant X as Name` before use,
/// messages `X<arrow>Y: text` with arrow `->>`, `-)` or `-x`, and `Note over X[,Y]: text`.
/// Text never holds what would end or escape a statement (`;`, `#`) or open HTML other than
/// `<br/>`. Returns the messages as (from, arrow, to, text).
fn parse_mermaid(text: &str) -> Vec<(String, String, String, String)> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("sequenceDiagram"));
    let mut declared: Vec<String> = Vec::new();
    let mut messages = Vec::new();
    let check_text = |t: &str, line: &str| {
        assert!(!t.trim().is_empty(), "empty text: {line}");
        assert!(!t.contains([';', '#', '\n']), "unsafe text: {line}");
        assert!(
            !t.replace("<br/>", "").contains(['<', '>']),
            "HTML in text: {line}"
        );
    };
    let is_alias =
        |a: &str| !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    for line in lines {
        let body = line
            .strip_prefix("    ")
            .unwrap_or_else(|| panic!("not indented: {line:?}"));
        if let Some(t) = body.strip_prefix("title ") {
            check_text(t, line);
        } else if body == "autonumber" {
        } else if let Some(rest) = body.strip_prefix("participant ") {
            let (alias, name) = rest.split_once(" as ").expect("participant X as Name");
            assert!(is_alias(alias) && is_alias(name), "{line}");
            assert!(messages.is_empty(), "participants come first: {line}");
            assert!(!declared.contains(&alias.to_string()), "twice: {line}");
            declared.push(alias.to_string());
        } else if let Some(rest) = body.strip_prefix("Note over ") {
            let (who, t) = rest.split_once(": ").expect("Note over X: text");
            for w in who.split(',') {
                assert!(declared.contains(&w.to_string()), "undeclared: {line}");
            }
            assert!(who.split(',').count() <= 2, "{line}");
            check_text(t, line);
        } else {
            let (head, t) = body.split_once(": ").expect("X->>Y: text");
            check_text(t, line);
            let arrow = ["->>", "-)", "-x"]
                .into_iter()
                .find(|a| head.contains(a))
                .unwrap_or_else(|| panic!("unknown statement: {line:?}"));
            let (from, to) = head.split_once(arrow).expect("arrow found");
            assert!(declared.contains(&from.to_string()), "undeclared: {line}");
            assert!(declared.contains(&to.to_string()), "undeclared: {line}");
            assert_ne!(from, to, "{line}");
            messages.push((from.into(), arrow.into(), to.into(), t.into()));
        }
    }
    messages
}

fn alias(p: Participant) -> &'static str {
    match p {
        Participant::Client => "C",
        Participant::Server => "S",
        Participant::Attacker => "A",
    }
}

#[test]
fn mermaid_follows_the_grammar_and_the_trace() {
    for id in [
        "one-way",
        "mutual",
        "expired",
        "aitm-relay-one-way",
        "observer",
    ] {
        let e = export("mermaid", id);
        let text = std::fs::read_to_string(&e.mermaid).expect("mermaid written");
        assert_eq!(text, export::mermaid(&e.trace));
        let messages = parse_mermaid(&text);
        assert_eq!(messages.len(), e.trace.steps.len(), "{id}");
        for (step, (from, arrow, to, label)) in e.trace.steps.iter().zip(&messages) {
            assert_eq!(
                (from.as_str(), to.as_str()),
                (alias(step.from), alias(step.to))
            );
            let encrypted = step.record.epoch != mtls_lab_engine::handshake::Epoch::Plaintext;
            assert_eq!(label.starts_with("🔒 "), encrypted, "{id}: {label}");
            assert_eq!(
                arrow == "->>",
                !encrypted && step.alert.is_none(),
                "{label}"
            );
            for m in &step.messages {
                assert!(label.contains(&m.name), "{label} lacks {}", m.name);
            }
        }
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with("    Note over C,S: "), "{id}: {last}");
    }
}

#[test]
fn mermaid_grammar_check_rejects_what_mermaid_would() {
    for bad in [
        "sequenceDiagram\n    participant C as Client\n    C->>X: hi\n",
        "sequenceDiagram\n    participant C as Client\n    participant S as Server\n    C->>S: a;b\n",
        "sequenceDiagram\n    participant C as Client\n    C=>C: hi\n",
    ] {
        assert!(
            std::panic::catch_unwind(|| parse_mermaid(bad)).is_err(),
            "{bad}"
        );
    }
}

// --- PEM ---

/// The PEM blocks of `text`: (label, the block with its BEGIN and END lines).
fn pem_blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            current = Some((label.to_string(), String::new()));
        }
        if let Some((_, block)) = &mut current {
            block.push_str(line);
            block.push('\n');
        }
        if line.starts_with("-----END ")
            && let Some(done) = current.take()
        {
            out.push(done);
        }
    }
    out
}

fn openssl(args: &[&str], dir: &Path) -> String {
    let out = output(Command::new("openssl").args(args).current_dir(dir));
    assert!(out.status.success(), "openssl {args:?}: {}", text(&out));
    text(&out)
}

#[test]
fn openssl_reads_the_pem_bundle_and_verifies_its_chain() {
    let e = export("pem", "mutual");
    let bundle = std::fs::read_to_string(&e.pem).expect("PEM written");
    assert!(bundle.contains("LAB ONLY"));
    let blocks = pem_blocks(&bundle);
    let labels: Vec<&str> = blocks.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "CERTIFICATE",
            "CERTIFICATE",
            "CERTIFICATE",
            "CERTIFICATE",
            "X509 CRL",
            "PRIVATE KEY",
            "PRIVATE KEY",
            "PRIVATE KEY",
            "PRIVATE KEY"
        ]
    );
    let names = [
        "root.pem",
        "intermediate.pem",
        "server.pem",
        "client.pem",
        "crl.pem",
        "root.key",
        "intermediate.key",
        "server.key",
        "client.key",
    ];
    for (name, (_, block)) in names.iter().zip(&blocks) {
        std::fs::write(e.dir.join(name), block).expect("scratch writable");
    }
    let d = &e.dir;
    for leaf in ["server.pem", "client.pem"] {
        let out = openssl(
            &[
                "verify",
                "-CAfile",
                "root.pem",
                "-untrusted",
                "intermediate.pem",
                "-attime",
                "1767225600",
                leaf,
            ],
            d,
        );
        assert!(out.contains(": OK"), "{out}");
    }
    // Each key belongs to its certificate.
    for who in ["root", "intermediate", "server", "client"] {
        let from_cert = openssl(
            &["x509", "-in", &format!("{who}.pem"), "-noout", "-pubkey"],
            d,
        );
        let from_key = openssl(&["pkey", "-in", &format!("{who}.key"), "-pubout"], d);
        assert_eq!(from_cert, from_key, "{who}");
    }
    // The whole bundle reads as is: the first certificate, the CRL, the first key.
    let bundle_path = e.pem.to_string_lossy().to_string();
    assert!(openssl(&["x509", "-in", &bundle_path, "-noout", "-subject"], d).contains("Root"));
    openssl(&["crl", "-in", &bundle_path, "-noout"], d);
    openssl(&["pkey", "-in", &bundle_path, "-noout"], d);
}

#[test]
fn a_bench_run_exports_its_own_pki_and_openssl_finds_the_fault_it_was_built_with() {
    // A bench string runs over a PKI bent by its switches: the bundle must be that PKI (it was
    // empty when the PKI was looked up by catalogue id only).
    let dir = scratch("exports-pem-bench");
    let pem = dir.join("bench.pem");
    let out = output(
        Command::new(cli_binary())
            .args(["run", "b1-m-cexp", "--seed", "1", "--pem"])
            .arg(&pem),
    );
    assert!(out.status.success(), "{}", text(&out));
    let bundle = std::fs::read_to_string(&pem).expect("PEM written");
    let blocks = pem_blocks(&bundle);
    assert_eq!(blocks.len(), 9, "{bundle}");
    for (name, (_, block)) in ["root.pem", "intermediate.pem", "server.pem", "client.pem"]
        .iter()
        .zip(&blocks)
    {
        std::fs::write(dir.join(name), block).expect("scratch writable");
    }
    // At the lab's date the server's certificate is good and the client's has expired: the
    // `cexp` switch, judged by OpenSSL.
    let verify = |leaf: &str| {
        text(&output(
            Command::new("openssl")
                .args([
                    "verify",
                    "-CAfile",
                    "root.pem",
                    "-untrusted",
                    "intermediate.pem",
                    "-attime",
                    "1767225600",
                    leaf,
                ])
                .current_dir(&dir),
        ))
    };
    assert!(verify("server.pem").contains(": OK"));
    assert!(
        verify("client.pem").contains("certificate has expired"),
        "{}",
        verify("client.pem")
    );
    // And it is the certificate the run sent: the client's first Certificate, by OpenSSL.
    let trace = mtls_lab_engine::bench::run_bench(
        &mtls_lab_engine::bench::Bench::parse("b1-m-cexp").expect("a bench string"),
        1,
    );
    let sent = trace
        .steps
        .iter()
        .filter(|s| s.from == Participant::Client)
        .flat_map(|s| &s.messages)
        .find_map(|m| match HandshakeMessage::decode(&m.bytes) {
            Ok((HandshakeMessage::Certificate(c), _)) => c.chain.first().cloned(),
            _ => None,
        })
        .expect("the client sent its certificate");
    std::fs::write(dir.join("sent.der"), sent).expect("scratch writable");
    let fingerprint = |args: &[&str]| {
        text(&output(
            Command::new("openssl")
                .args(["x509", "-noout", "-fingerprint", "-sha256"])
                .args(args)
                .current_dir(&dir),
        ))
    };
    assert_eq!(
        fingerprint(&["-in", "client.pem"]),
        fingerprint(&["-inform", "DER", "-in", "sent.der"])
    );
}
