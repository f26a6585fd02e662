//! `mtls-lab serve` under abuse on loopback: garbage bytes, an oversized record, a client that
//! stalls mid-handshake, 200 concurrent handshakes and a flood of connections that open and
//! close at once. Throughout, a well-behaved client (rustls, in-process) still gets its
//! `Hello, anonymous!`, the server's resident memory stays bounded, and every connection —
//! good or bad — ends in exactly one log line naming its peer.
//!
//! Every loop is bounded; the only wait longer than a handshake is the server's own 10 s idle
//! timeout, which one test waits out on purpose.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use mtls_lab_tests::{Peer, cli_binary, output, scratch, text};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

/// The alert record a server sends before it has keys: type alert (21), version 3.3, length
/// 2, level fatal (2), then the description (RFC 8446 §5.1, §6).
fn plaintext_alert(description: u8) -> [u8; 7] {
    [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description]
}

/// record_overflow (RFC 8446 §6.2).
const RECORD_OVERFLOW: u8 = 22;
/// unexpected_message.
const UNEXPECTED_MESSAGE: u8 = 10;

fn pki(name: &str) -> PathBuf {
    let dir = scratch(name).join("pki");
    let out = output(
        Command::new(cli_binary())
            .args(["pki", "--seed", "11", "--out"])
            .arg(&dir),
    );
    assert!(out.status.success(), "mtls-lab pki failed: {}", text(&out));
    dir
}

/// A rustls client configuration trusting the lab's root.
fn client_config(pki: &Path) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    let root = CertificateDer::from_pem_file(pki.join("ca.pem")).expect("ca.pem is a certificate");
    roots.add(root).expect("the lab root parses in rustls");
    Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// One well-behaved HTTPS request with rustls; returns the server's answer or why it failed,
/// and the local address the server saw (to find its log line).
fn well_behaved(
    addr: &str,
    config: &Arc<rustls::ClientConfig>,
) -> (Result<String, String>, String) {
    let mut tcp = match TcpStream::connect(addr) {
        Ok(t) => t,
        Err(e) => return (Err(format!("connect: {e}")), String::new()),
    };
    let local = tcp.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(20)));
    let name = ServerName::try_from("server.example").expect("valid name");
    let conn = match rustls::ClientConnection::new(Arc::clone(config), name) {
        Ok(c) => c,
        Err(e) => return (Err(format!("client: {e}")), local),
    };
    let mut tls = rustls::StreamOwned::new(conn, &mut tcp);
    let request = b"GET / HTTP/1.1\r\nHost: server.example\r\nConnection: close\r\n\r\n";
    if let Err(e) = tls.write_all(request) {
        return (Err(format!("write: {e}")), local);
    }
    let mut answer = Vec::new();
    let read = tls.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    match read {
        Ok(_) => (Ok(answer), local),
        // A peer that closes TCP right after close_notify can surface as an EOF error; the
        // answer is what counts.
        Err(_) if answer.contains("Hello, ") => (Ok(answer), local),
        Err(e) => (Err(format!("read: {e} after {answer:?}")), local),
    }
}

fn assert_hello(addr: &str, config: &Arc<rustls::ClientConfig>) -> String {
    let (answer, local) = well_behaved(addr, config);
    let answer = answer.unwrap_or_else(|e| panic!("a well-behaved client failed: {e}"));
    assert!(answer.contains("Hello, anonymous!"), "{answer}");
    local
}

/// Sends `bytes` (optionally half-closing), then reads until the server closes or `limit`
/// passes. Returns what came back and our local address.
fn send_raw(addr: &str, bytes: &[u8], limit: Duration) -> (Vec<u8>, String) {
    let mut tcp = TcpStream::connect(addr).expect("the server accepts");
    let local = tcp.local_addr().map(|a| a.to_string()).unwrap_or_default();
    tcp.set_read_timeout(Some(limit)).expect("timeout is set");
    // A server that refuses early may close before all bytes are written: not our concern.
    let _ = tcp.write_all(bytes);
    let mut back = Vec::new();
    let _ = tcp.read_to_end(&mut back);
    (back, local)
}

/// The pid of the `mtls-lab serve` process whose arguments mention `pki`.
fn serve_pid(pki: &Path) -> u32 {
    let needle = pki.display().to_string();
    let entries = std::fs::read_dir("/proc").expect("/proc is readable");
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| {
                    let args: Vec<String> = c
                        .split(|b| *b == 0)
                        .map(|a| String::from_utf8_lossy(a).into_owned())
                        .collect();
                    args.iter().any(|a| a == "serve") && args.contains(&needle)
                })
                .unwrap_or(false)
        })
        .expect("the serve process is running")
}

/// A `/proc/<pid>/status` figure in kB (`VmRSS`, `VmHWM`, `Threads`).
fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status readable");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in /proc/{pid}/status"))
}

/// The server's log lines per peer address (`127.0.0.1:PORT: ...`), once `n` connection lines
/// have arrived (at most `secs` seconds).
fn lines_by_peer(server: &Peer, n: usize, secs: u64) -> HashMap<String, Vec<String>> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let lines: Vec<String> = server
            .lines()
            .into_iter()
            .filter(|l| l.starts_with("127.0.0.1:"))
            .collect();
        if lines.len() >= n || Instant::now() > deadline {
            let mut by_peer: HashMap<String, Vec<String>> = HashMap::new();
            for line in lines {
                let (peer, _) = line.split_once(": ").unwrap_or((&line, ""));
                by_peer
                    .entry(peer.to_string())
                    .or_default()
                    .push(line.clone());
            }
            return by_peer;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn one_line(by_peer: &HashMap<String, Vec<String>>, local: &str) -> String {
    let lines = by_peer.get(local).cloned().unwrap_or_default();
    assert_eq!(lines.len(), 1, "connection {local}: log lines {lines:?}");
    lines[0].clone()
}

#[test]
fn stalled_client_is_dropped_after_the_idle_timeout_and_others_are_served() {
    let pki = pki("abuse-stall");
    let server = Peer::mtls_lab_serve(&pki, false);
    let config = client_config(&pki);
    // A real ClientHello (from rustls), then silence: the server answers with its flight and
    // waits for the client's Finished, which never comes.
    let name = ServerName::try_from("server.example").expect("valid name");
    let mut client =
        rustls::ClientConnection::new(Arc::clone(&config), name).expect("client starts");
    let mut hello = Vec::new();
    client
        .write_tls(&mut hello)
        .expect("ClientHello is written");
    let mut stalled = TcpStream::connect(&server.addr).expect("the server accepts");
    let stalled_local = stalled.local_addr().expect("bound").to_string();
    let started = Instant::now();
    stalled.write_all(&hello).expect("ClientHello is sent");
    stalled
        .set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout is set");

    // While it stalls, someone else is served.
    let good = assert_hello(&server.addr, &config);

    // The server's flight arrives, then the connection ends when the idle timeout fires.
    let mut flight = Vec::new();
    let _ = stalled.read_to_end(&mut flight);
    let freed_after = started.elapsed();
    assert_eq!(
        flight.first(),
        Some(&0x16),
        "a ServerHello record came back"
    );
    let by_peer = lines_by_peer(&server, 2, 15);
    let line = one_line(&by_peer, &stalled_local);
    assert!(
        line.ends_with("failed: no data for 10 s, connection dropped"),
        "{line}"
    );
    assert!(
        freed_after >= Duration::from_secs(9) && freed_after <= Duration::from_secs(15),
        "freed after {freed_after:?}"
    );
    assert!(one_line(&by_peer, &good).contains("ok: TLS 1.3"));
    eprintln!("stalled client freed after {freed_after:?}: {line}");
}

#[test]
fn abuse_never_stops_the_server_and_memory_stays_bounded() {
    let pki = pki("abuse-flood");
    let server = Peer::mtls_lab_serve(&pki, false);
    let config = client_config(&pki);
    let pid = serve_pid(&pki);
    let mut expected_lines = 0usize;

    // Warm up (the first handshake allocates what every later one reuses), then measure.
    let warm_up = assert_hello(&server.addr, &config);
    expected_lines += 1;
    let rss_before = status_kb(pid, "VmRSS");

    // 1. Garbage: plaintext HTTP, zeros, bytes no record starts with, and a handshake record
    // whose body is noise. Each gets a plaintext alert back and the connection ends.
    let mut noise = Vec::new();
    let mut x: u32 = 0x2545_f491;
    for _ in 0..600 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    // A record of 512 bytes holding a "ClientHello" of 508 bytes of noise: complete, so the
    // server decodes it at once instead of waiting for more.
    let mut noisy_handshake = vec![0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc];
    noisy_handshake.extend_from_slice(&noise[..508]);
    let garbage: Vec<(&str, Vec<u8>, Option<u8>)> = vec![
        (
            "plain HTTP",
            b"GET / HTTP/1.1\r\nHost: server.example\r\n\r\n".to_vec(),
            Some(UNEXPECTED_MESSAGE),
        ),
        ("zeros", vec![0; 64], Some(UNEXPECTED_MESSAGE)),
        (
            "0xff noise",
            [&[0xff][..], &noise].concat(),
            Some(UNEXPECTED_MESSAGE),
        ),
        ("handshake record of noise", noisy_handshake, None),
        // An alert record as the first thing: the server takes it as the peer's alert.
        ("a lone alert", plaintext_alert(40).to_vec(), None),
    ];
    let mut raw = Vec::new();
    for (what, bytes, alert) in &garbage {
        let (back, local) = send_raw(&server.addr, bytes, Duration::from_secs(5));
        expected_lines += 1;
        match alert {
            Some(a) => assert_eq!(back, plaintext_alert(*a), "{what}"),
            None if *what == "a lone alert" => assert!(back.is_empty(), "{what}: {back:?}"),
            None => assert_eq!(
                back.get(..6),
                Some(&plaintext_alert(0)[..6]),
                "{what}: {back:?}"
            ),
        }
        raw.push((*what, local));
    }

    // 2. An oversized record: the header alone announces 2^14 + 257 bytes.
    let (back, oversized) = send_raw(
        &server.addr,
        &[0x16, 0x03, 0x01, 0x41, 0x01],
        Duration::from_secs(5),
    );
    expected_lines += 1;
    assert_eq!(back, plaintext_alert(RECORD_OVERFLOW));
    let after_oversized = assert_hello(&server.addr, &config);
    expected_lines += 1;

    // 3. 200 concurrent handshakes, released together.
    const CONCURRENT: usize = 200;
    let barrier = Arc::new(Barrier::new(CONCURRENT));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENT)
        .map(|_| {
            let (addr, config, barrier) = (
                server.addr.clone(),
                Arc::clone(&config),
                Arc::clone(&barrier),
            );
            std::thread::Builder::new()
                .stack_size(512 * 1024)
                .spawn(move || {
                    barrier.wait();
                    well_behaved(&addr, &config)
                })
                .expect("thread starts")
        })
        .collect();
    let mut concurrent_ok = 0;
    let mut concurrent_peers = Vec::new();
    for w in workers {
        let (answer, local) = w.join().expect("worker does not panic");
        match answer {
            Ok(a) if a.contains("Hello, anonymous!") => concurrent_ok += 1,
            other => panic!("a concurrent handshake failed: {other:?}"),
        }
        concurrent_peers.push(local);
    }
    expected_lines += CONCURRENT;
    let concurrent_time = started.elapsed();
    let hwm_after_concurrent = status_kb(pid, "VmHWM");

    // 4. A flood: 500 connections opened and closed at once, from 4 threads, while a
    // well-behaved client keeps asking.
    const FLOOD: usize = 500;
    let started = Instant::now();
    let flooders: Vec<_> = (0..4)
        .map(|_| {
            let addr = server.addr.clone();
            std::thread::spawn(move || {
                let mut peers = Vec::new();
                for _ in 0..FLOOD / 4 {
                    let tcp = TcpStream::connect(&addr).expect("the server accepts");
                    peers.push(tcp.local_addr().expect("bound").to_string());
                    drop(tcp);
                }
                peers
            })
        })
        .collect();
    let mut during = Vec::new();
    while during.len() < 3 || !flooders.iter().all(|f| f.is_finished()) {
        during.push(assert_hello(&server.addr, &config));
        assert!(during.len() < 200, "the flood does not end");
    }
    let flood_peers: Vec<String> = flooders
        .into_iter()
        .flat_map(|f| f.join().expect("flooder does not panic"))
        .collect();
    assert_eq!(flood_peers.len(), FLOOD);
    expected_lines += FLOOD + during.len();
    let flood_time = started.elapsed();

    // 5. Still serving, and every connection left exactly one line.
    let last = assert_hello(&server.addr, &config);
    expected_lines += 1;
    let by_peer = lines_by_peer(&server, expected_lines, 20);
    let total: usize = by_peer.values().map(Vec::len).sum();
    assert_eq!(total, expected_lines, "one log line per connection");
    // Over some 1,200 connections the OS may give a later connection the local port of one
    // that has fully closed, so an address can stand for more than one connection: each
    // address must have exactly as many lines as connections used it, and each connection's
    // kind of line must be among them.
    let mut uses: HashMap<&str, usize> = HashMap::new();
    let everyone = raw
        .iter()
        .map(|(_, l)| l)
        .chain([&warm_up, &oversized, &after_oversized]);
    for local in everyone
        .chain(&concurrent_peers)
        .chain(&flood_peers)
        .chain(&during)
        .chain([&last])
    {
        *uses.entry(local.as_str()).or_default() += 1;
    }
    let lines_of = |local: &str| {
        let lines = by_peer.get(local).cloned().unwrap_or_default();
        assert_eq!(
            lines.len(),
            uses.get(local).copied().unwrap_or_default(),
            "connection {local}: log lines {lines:?}"
        );
        lines
    };
    for (what, local) in &raw {
        let lines = lines_of(local);
        assert!(
            lines.iter().any(|l| l.contains(": failed: ")),
            "{what}: {lines:?}"
        );
    }
    let lines = lines_of(&oversized);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("failed: sent alert record_overflow")),
        "{lines:?}"
    );
    for p in &concurrent_peers {
        assert!(lines_of(p).iter().any(|l| l.contains("ok: TLS 1.3")));
    }
    for p in &flood_peers {
        let lines = lines_of(p);
        assert!(
            lines.iter().any(|l| {
                l.ends_with("failed: peer closed the TCP connection during the handshake")
                    || l.contains("refused: 256 connections already open")
            }),
            "{lines:?}"
        );
    }
    for p in during.iter().chain([&last, &warm_up, &after_oversized]) {
        assert!(lines_of(p).iter().any(|l| l.contains("ok: TLS 1.3")));
    }

    // Memory: what the server holds after the abuse, against before.
    let rss_after = status_kb(pid, "VmRSS");
    let growth_mb = rss_after.saturating_sub(rss_before) / 1024;
    eprintln!(
        "serve abuse: {concurrent_ok}/{CONCURRENT} concurrent handshakes in {concurrent_time:?}; \
         {FLOOD} flood connections and {} good handshakes during it in {flood_time:?}; \
         RSS before {rss_before} kB, after {rss_after} kB, peak {hwm_after_concurrent} kB; \
         {total} log lines for {expected_lines} connections",
        during.len()
    );
    assert!(growth_mb < 64, "RSS grew {growth_mb} MB");
    let threads = status_kb(pid, "Threads");
    assert!(threads < 16, "connection threads linger: {threads}");
}

/// 260 connections from 127.0.0.2, each trickling the first bytes of a ClientHello record one
/// byte every 2 s (well under the 10 s idle timeout), then silent.
const SLOWLORIS: &str = r#"
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for i in range(n):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    try:
        s.connect(("127.0.0.1", port))
        socks.append(s)
    except OSError:
        pass
print("open", len(socks), flush=True)
for b in bytes([0x16, 3, 1, 0, 200, 1]):
    for s in socks:
        try:
            s.send(bytes([b]))
        except OSError:
            pass
    time.sleep(2)
time.sleep(30)
"#;

#[test]
fn a_slow_loris_from_one_host_does_not_lock_out_other_clients() {
    let pki = pki("abuse-slowloris");
    let server = Peer::mtls_lab_serve(&pki, false);
    let config = client_config(&pki);
    let port = server.port().to_string();
    let started = Instant::now();
    let mut cmd = Command::new("python3");
    cmd.args(["-c", SLOWLORIS, &port, "260"]);
    let attack = Peer::start(&mut cmd, "open", String::new());
    // Every attacking connection has been accepted or refused before the good client comes.
    let settle = Instant::now() + Duration::from_secs(10);
    while server
        .lines()
        .iter()
        .filter(|l| l.starts_with("127.0.0.2:"))
        .count()
        < 260 - 32
        && Instant::now() < settle
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let refused = server
        .lines()
        .iter()
        .filter(|l| l.contains("refused: 224 connections from 127.0.0.2 already open"))
        .count();
    assert_eq!(refused, 260 - 224, "{:?}", server.lines().last());
    // While 224 of its connections trickle, a client from another address is served at once.
    let before = Instant::now();
    let good = assert_hello(&server.addr, &config);
    let served_in = before.elapsed();
    // The trickling connections are dropped at the 15 s handshake deadline, though never
    // idle for 10 s.
    let deadline = Instant::now() + Duration::from_secs(20);
    let dropped = loop {
        let n = server
            .lines()
            .iter()
            .filter(|l| l.contains("handshake not finished within 15 s"))
            .count();
        if n >= 224 || Instant::now() > deadline {
            break n;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let freed_after = started.elapsed();
    drop(attack);
    assert_eq!(dropped, 224, "{:?}", server.lines().last());
    assert!(
        freed_after >= Duration::from_secs(14) && freed_after < Duration::from_secs(21),
        "{freed_after:?}"
    );
    let by_peer = lines_by_peer(&server, 1, 5);
    assert!(one_line(&by_peer, &good).contains("ok: TLS 1.3"));
    eprintln!(
        "slow loris: 260 connections from 127.0.0.2, {refused} refused at once, 224 dropped at the \
         handshake deadline after {freed_after:?}; a client from 127.0.0.1 served in {served_in:?}"
    );
}

/// A client that sends its request with a body (or an endless header) in one go, then reads
/// the answer.
const BODY_CLIENT: &str = r#"
import socket, ssl, sys, time
ctx = ssl.create_default_context(cafile=sys.argv[2])
body = b"x" * int(sys.argv[3])
head = b"POST / HTTP/1.1\r\nHost: server.example\r\nContent-Length: %d\r\n" % len(body)
# An unterminated header block when asked: the request never ends.
request = head + (b"X-Junk: " + body if sys.argv[4] == "junk" else b"\r\n" + body)
with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
    with ctx.wrap_socket(raw, server_hostname="server.example") as tls:
        try:
            # The body in pieces, as an upload goes: the server answers at the end of the
            # headers while the rest is still on its way.
            for i in range(0, len(request), 20000):
                tls.sendall(request[i:i + 20000])
                time.sleep(0.02)
        except OSError as e:
            print("send failed:", e)
        answer = b""
        try:
            while True:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except (ssl.SSLError, OSError) as e:
            print("recv failed:", e)
        print(answer.decode(errors="replace"))
"#;

#[test]
fn the_answer_survives_a_client_still_sending_its_body() {
    let pki = pki("abuse-body");
    let server = Peer::mtls_lab_serve(&pki, false);
    for _ in 0..3 {
        let mut cmd = Command::new("python3");
        cmd.args(["-c", BODY_CLIENT, server.port()])
            .arg(pki.join("ca.pem"))
            .args(["400000", "body"]);
        let out = mtls_lab_tests::run_with_input(&mut cmd, b"", 20);
        let shown = text(&out);
        assert!(shown.contains("Hello, anonymous!"), "{shown}");
        assert!(!shown.contains("failed:"), "{shown}");
    }
}

#[test]
fn a_request_too_large_to_answer_is_logged_as_refused() {
    let pki = pki("abuse-large");
    let server = Peer::mtls_lab_serve(&pki, false);
    let mut cmd = Command::new("python3");
    cmd.args(["-c", BODY_CLIENT, server.port()])
        .arg(pki.join("ca.pem"))
        .args(["70000", "junk"]);
    let out = mtls_lab_tests::run_with_input(&mut cmd, b"", 20);
    assert!(!text(&out).contains("Hello"), "{}", text(&out));
    let by_peer = lines_by_peer(&server, 1, 10);
    let log: Vec<String> = by_peer.into_values().flatten().collect();
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(
        log[0]
            .ends_with("refused: request over 65536 bytes without an end of headers, not answered"),
        "{log:?}"
    );
}
