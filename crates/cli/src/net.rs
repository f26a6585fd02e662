//! `serve` and `connect`: the engine over real TCP sockets, so OpenSSL, curl and Python can
//! talk to it. This is the only place that does I/O; the engine only sees bytes.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::IpAddr;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mtls_lab_engine::crypto::{Group, Scheme};
use mtls_lab_engine::handshake::{
    ClientAuth, ClientConfig, Connection, Event, Identity, Note, ServerConfig, Versions,
};
use mtls_lab_engine::pki::inspect;
use mtls_lab_engine::wire::handshake::{self, TlsVersion};
use mtls_lab_engine::{Error, LabRng};

use crate::{files, out};

/// How long a peer may stay silent before the server gives up on it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more are refused until one ends.
const MAX_CONNECTIONS: usize = 256;
/// Connections served at once for one peer address: all but 32 of the slots, so one host (a
/// slow-loris client that trickles a ClientHello keeps each of its connections alive under
/// the idle timeout) cannot take them all, while a busy client (200 concurrent handshakes in
/// the abuse test) is still served.
const MAX_PER_PEER: usize = MAX_CONNECTIONS - 32;
/// The longest a handshake may take, however the peer trickles its bytes (longer than the idle
/// timeout, so a peer that merely stops is still told apart as idle).
const HANDSHAKE_DEADLINE: Duration = Duration::from_secs(15);
/// What the server still reads from a client after answering, before it closes, so the
/// client's unread bytes do not turn the close into a reset that loses the answer.
const MAX_DRAIN: usize = 4 * 1024 * 1024;
/// How long the server waits for that.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);
/// Largest HTTP request the server reads.
const MAX_REQUEST: usize = 64 * 1024;

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// 256 bits from the operating system's random number generator (`getrandom`), for a real
/// connection's randomness and fresh keys.
///
/// # Errors
/// A sentence when the operating system gives no randomness: the lab then stops rather than
/// make keys or handshakes from anything weaker.
pub fn os_seed() -> Result<[u8; 32], String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| {
        format!("the operating system gave no random bytes ({e}); nothing was made")
    })?;
    Ok(seed)
}

/// The most of an answer `connect` keeps; the rest is read and dropped.
pub const MAX_ANSWER: usize = 1024 * 1024;

/// A server's answer made safe for a terminal: line breaks, tabs and backslashes kept, every
/// other control or bidirectional formatting character escaped as `\xx`
/// ([`inspect::printable`]), bytes that are not UTF-8 replaced.
pub fn terminal_text(answer: &[u8]) -> String {
    String::from_utf8_lossy(answer)
        .split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix("\r\n") {
                Some(body) => (body, "\r\n"),
                None => match line.strip_suffix('\n') {
                    Some(body) => (body, "\n"),
                    None => (line, ""),
                },
            };
            let safe: Vec<String> = body
                .split('\t')
                .map(|cell| {
                    let parts: Vec<String> = cell.split('\\').map(inspect::printable).collect();
                    parts.join("\\")
                })
                .collect();
            format!("{}{end}", safe.join("\t"))
        })
        .collect()
}

/// The key exchange's group, or RSA key transport (TLS 1.2's TLS_RSA suite, which has none).
fn group_name(conn: &Connection) -> &'static str {
    let n = conn.negotiated();
    match n.group {
        Some(g) => g.name(),
        None if n.cipher_suite == handshake::TLS_RSA_WITH_AES_128_GCM_SHA256 => {
            "RSA key transport (no forward secrecy)"
        }
        None => "?",
    }
}

fn describe_failure(e: &Error) -> String {
    match (e, e.alert()) {
        (Error::PeerAlert(a), _) => format!("peer sent alert {a}"),
        (_, Some(a)) => format!("sent alert {a}: {e}"),
        (_, None) => e.to_string(),
    }
}

/// "TLS 1.2" or "TLS 1.3".
fn version_name(v: TlsVersion) -> &'static str {
    match v {
        TlsVersion::Tls13 => "TLS 1.3",
        TlsVersion::Tls12 => "TLS 1.2",
    }
}

/// What a server speaks, for its first line.
fn versions_name(v: Versions) -> &'static str {
    match v {
        Versions::Tls13Only => "TLS 1.3",
        Versions::Both => "TLS 1.3 and 1.2",
        Versions::Tls12Only => "TLS 1.2",
    }
}

/// The signature schemes `serve` and `connect` offer and accept: ECDSA P-256, RSA-PSS and
/// RSA PKCS#1 v1.5, all with SHA-256.
const ALL_SCHEMES: [Scheme; 3] = [
    Scheme::EcdsaP256Sha256,
    Scheme::RsaPssRsaeSha256,
    Scheme::RsaPkcs1Sha256,
];

/// The TLS 1.2 suites `serve` and `connect` speak, in preference order: the two forward-secret
/// ECDHE suites, then RSA key transport (which OpenSSL still offers by default). A server
/// takes those its certificate's key can serve.
const TLS12_SUITES: [u16; 3] = [
    handshake::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    handshake::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    handshake::TLS_RSA_WITH_AES_128_GCM_SHA256,
];

/// Runs `mtls-lab serve`: accepts connections until killed, one log line per connection.
///
/// # Errors
/// A sentence when the PKI files cannot be read or the address cannot be bound.
pub fn serve(addr: &str, dir: &Path, mtls: bool, versions: Versions) -> Result<(), String> {
    let chain = files::certificates(&dir.join("server.pem"))?;
    let key = files::private_key(&dir.join("server.key"))?;
    let client_auth = if mtls {
        let root = files::certificates(&dir.join("ca.pem"))?.remove(0);
        let crl_path = dir.join("crl.pem");
        let crls = if crl_path.exists() {
            vec![files::crl(&crl_path)?]
        } else {
            Vec::new()
        };
        ClientAuth::Required { root, crls }
    } else {
        ClientAuth::None
    };
    let base = ServerConfig {
        identity: Identity {
            chain,
            key: key.into(),
        },
        client_auth,
        groups: vec![Group::X25519, Group::Secp256r1],
        alpn: vec![b"http/1.1".to_vec()],
        now: 0,
        versions,
        signature_schemes: ALL_SCHEMES.to_vec(),
        tls12_suites: TLS12_SUITES.to_vec(),
    };
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| addr.to_string());
    out::line(&format!(
        "mtls-lab: serving {} on https://{local}/ ({})",
        versions_name(versions),
        if mtls {
            "mutual TLS: client certificate required"
        } else {
            "one-way TLS"
        }
    ));
    let base = Arc::new(base);
    let active = Arc::new(AtomicUsize::new(0));
    let per_peer: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (peer, ip) = match stream.peer_addr() {
            Ok(a) => (a.to_string(), Some(a.ip())),
            Err(_) => ("?".to_string(), None),
        };
        if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            out::line(&format!(
                "{peer}: refused: {MAX_CONNECTIONS} connections already open"
            ));
            continue;
        }
        if let Some(ip) = ip {
            let Ok(mut counts) = per_peer.lock() else {
                continue;
            };
            let n = counts.entry(ip).or_insert(0);
            if *n >= MAX_PER_PEER {
                drop(counts);
                out::line(&format!(
                    "{peer}: refused: {MAX_PER_PEER} connections from {ip} already open"
                ));
                continue;
            }
            *n += 1;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (base, active, per_peer) = (
            Arc::clone(&base),
            Arc::clone(&active),
            Arc::clone(&per_peer),
        );
        std::thread::spawn(move || {
            let line = serve_one(stream, &base);
            active.fetch_sub(1, Ordering::SeqCst);
            if let (Some(ip), Ok(mut counts)) = (ip, per_peer.lock())
                && let Some(n) = counts.get_mut(&ip)
            {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    counts.remove(&ip);
                }
            }
            out::line(&format!("{peer}: {line}"));
        });
    }
    Ok(())
}

fn serve_one(mut stream: TcpStream, base: &ServerConfig) -> String {
    let _ = stream.set_nodelay(true);
    let started = std::time::Instant::now();
    let mut config = base.clone();
    config.now = unix_now();
    let seed = match os_seed() {
        Ok(seed) => seed,
        Err(e) => return format!("failed: {e}"),
    };
    let mut conn = Connection::server(config, LabRng::from_seed_bytes(seed));
    let mut request = Vec::new();
    // Whether the request outgrew MAX_REQUEST and was closed unanswered.
    let mut too_large = false;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let out = conn.take_tls();
        if !out.is_empty() && stream.write_all(&out).is_err() {
            return "failed: peer went away while we were writing".into();
        }
        if let Some(e) = conn.error() {
            if matches!(e, Error::Closed) {
                drain(&mut stream);
                if too_large {
                    return format!(
                        "refused: request over {MAX_REQUEST} bytes without an end of headers, not answered"
                    );
                }
                let who = conn
                    .negotiated()
                    .peer_chain
                    .first()
                    .and_then(|c| inspect::common_name(c))
                    .map_or_else(|| "anonymous".into(), |cn| inspect::printable(&cn));
                return format!(
                    "ok: {}, {}, client {who}, answered a {}-byte request",
                    version_name(conn.negotiated().version),
                    group_name(&conn),
                    request.len()
                );
            }
            let mut line = format!("failed: {}", describe_failure(e));
            if let Some(missing) = missing_intermediate(&conn.take_events()) {
                line.push_str(&format!(
                    " — the client sent no certificate for its issuer {missing}, which is \
                     not the trusted root: if that is an intermediate CA, its certificate is \
                     missing (OpenSSL: -cert_chain intermediate.pem)"
                ));
            }
            return line;
        }
        if !conn.is_handshaking() {
            request.extend(conn.take_app_data());
            if request.windows(4).any(|w| w == b"\r\n\r\n") || conn.peer_closed() {
                let answer = mtls_lab_engine::scenario::http_response(&request, conn.negotiated());
                let _ = conn.send_app_data(&answer);
                conn.close();
                continue;
            }
            if request.len() > MAX_REQUEST {
                too_large = true;
                conn.close();
                continue;
            }
        }
        // The idle timeout, and while handshaking the time left before the deadline.
        let wait = if conn.is_handshaking() {
            match HANDSHAKE_DEADLINE.checked_sub(started.elapsed()) {
                Some(left) if !left.is_zero() => left.min(IDLE_TIMEOUT),
                _ => {
                    return format!(
                        "failed: handshake not finished within {} s, connection dropped",
                        HANDSHAKE_DEADLINE.as_secs()
                    );
                }
            }
        } else {
            IDLE_TIMEOUT
        };
        let _ = stream.set_read_timeout(Some(wait));
        let n = match stream.read(&mut buf) {
            Ok(0) => {
                return format!(
                    "failed: peer closed the TCP connection {}",
                    if conn.is_handshaking() {
                        "during the handshake"
                    } else {
                        "before sending a request"
                    }
                );
            }
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                if conn.is_handshaking() && started.elapsed() >= HANDSHAKE_DEADLINE {
                    return format!(
                        "failed: handshake not finished within {} s, connection dropped",
                        HANDSHAKE_DEADLINE.as_secs()
                    );
                }
                return format!(
                    "failed: no data for {} s, connection dropped",
                    IDLE_TIMEOUT.as_secs()
                );
            }
            Err(e) => return format!("failed: {e}"),
        };
        let _ = conn.read_tls(&buf[..n]);
    }
}

/// Closes our side and reads what the client still sends (at most [`MAX_DRAIN`] bytes, for at
/// most [`DRAIN_TIMEOUT`]), so that a client still sending a request body gets the answer and
/// a clean close rather than a reset that may destroy the answer in its receive buffer.
fn drain(stream: &mut TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(DRAIN_TIMEOUT));
    let deadline = std::time::Instant::now() + DRAIN_TIMEOUT;
    let mut buf = [0u8; 16 * 1024];
    let mut total = 0;
    while total < MAX_DRAIN && std::time::Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}

/// The issuer named by a client-certificate checklist that stopped because the issuer's
/// certificate was neither sent nor the trusted root: the missing intermediate.
fn missing_intermediate(events: &[Event]) -> Option<String> {
    use mtls_lab_engine::pki::checklist::{CertificateOwner, ChecklistReason};
    events.iter().find_map(|e| match e {
        Event::Checklist(list) if list.owner == CertificateOwner::Client => list
            .rows
            .iter()
            .find(|r| r.reason == Some(ChecklistReason::IssuerNotFound))
            .and_then(|r| r.detail.as_deref())
            .map(inspect::printable),
        _ => None,
    })
}

/// What `connect` learned.
pub struct Connected {
    /// Lines describing the negotiated parameters.
    pub summary: Vec<String>,
    /// The server's answer, at most [`MAX_ANSWER`] bytes.
    pub response: Vec<u8>,
    /// Whether the answer was longer than [`MAX_ANSWER`] and cut.
    pub cut: bool,
}

/// Whether `p` is written as an SPKI pin: `sha256//` and the base64 of 32 bytes.
fn is_pin(p: &str) -> bool {
    use base64::Engine;
    p.strip_prefix("sha256//").is_some_and(|b| {
        base64::engine::general_purpose::STANDARD
            .decode(b)
            .is_ok_and(|hash| hash.len() == 32)
    })
}

/// Runs `mtls-lab connect`: handshake, `GET /`, read the answer.
///
/// # Errors
/// A sentence naming the alert or verification error when the connection fails.
pub fn connect(
    addr: &str,
    ca: &Path,
    cert: Option<&Path>,
    key: Option<&Path>,
    server_name: Option<String>,
    pins: &[String],
    versions: Versions,
) -> Result<Connected, String> {
    if let Some(bad) = pins.iter().find(|p| !is_pin(p)) {
        return Err(format!(
            "--pin {bad:?} is not an SPKI pin: a pin is sha256// followed by the base64 of a 32-byte SHA-256 hash, as `mtls-lab inspect` prints it (one pin per --pin; curl's `;` list is not accepted)"
        ));
    }
    let root = files::certificates(ca)?.remove(0);
    let identity = match (cert, key) {
        (Some(c), Some(k)) => Some(Identity {
            chain: files::certificates(c)?,
            key: files::private_key(k)?.into(),
        }),
        (None, None) => None,
        _ => return Err("--cert and --key go together: give both or neither".into()),
    };
    let host = addr
        .rsplit_once(':')
        .map(|(h, _)| h.trim_matches(['[', ']']))
        .unwrap_or(addr);
    let server_name = server_name.unwrap_or_else(|| host.to_string());
    let config = ClientConfig {
        server_name: server_name.clone(),
        root,
        identity,
        supported_groups: vec![Group::X25519, Group::Secp256r1],
        key_share_groups: vec![Group::X25519],
        alpn: vec![b"http/1.1".to_vec()],
        now: unix_now(),
        versions,
        signature_schemes: ALL_SCHEMES.to_vec(),
        tls12_suites: TLS12_SUITES.to_vec(),
    };
    let mut stream =
        TcpStream::connect(addr).map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let mut conn = Connection::client(config, LabRng::from_seed_bytes(os_seed()?));
    let mut sent_request = false;
    let mut response = Vec::new();
    let mut cut = false;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let out = conn.take_tls();
        if !out.is_empty()
            && let Err(e) = stream.write_all(&out)
        {
            // A server that refuses us (certificate_required, say) sends its alert and
            // closes; our next write then fails, but the alert is already in the socket:
            // read what is left and report it rather than the broken pipe.
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 || conn.read_tls(&buf[..n]).is_err() {
                    break;
                }
            }
            return Err(match conn.error() {
                Some(e) if !matches!(e, Error::Closed) => {
                    format!("handshake with {addr} failed: {}", describe_failure(e))
                }
                _ => format!("connection lost while sending: {e}"),
            });
        }
        if let Some(e) = conn.error()
            && !matches!(e, Error::Closed)
        {
            return Err(format!(
                "handshake with {addr} failed: {}",
                describe_failure(e)
            ));
        }
        if !conn.is_handshaking() && !sent_request {
            // Certificate pinning, as curl does it: after the handshake, once the chain has been
            // accepted, the server's key must also match one of the pins; if not, we close
            // without sending the request.
            if !pins.is_empty() {
                let leaf = conn
                    .negotiated()
                    .peer_chain
                    .first()
                    .cloned()
                    .unwrap_or_default();
                let has = crate::inspect::spki_pin(&leaf).unwrap_or_default();
                if !pins.contains(&has) {
                    conn.close();
                    let _ = stream.write_all(&conn.take_tls());
                    return Err(format!(
                        "the server's public key does not match the pin: its pin is {has}, expected {} (the chain is valid, but certificate pinning accepts only a pinned key)",
                        pins.join(" or ")
                    ));
                }
            }
            let request = format!(
                "GET / HTTP/1.1\r\nHost: {server_name}\r\nConnection: close\r\nUser-Agent: mtls-lab\r\n\r\n"
            );
            conn.send_app_data(request.as_bytes())
                .map_err(|e| e.to_string())?;
            sent_request = true;
            continue;
        }
        let data = conn.take_app_data();
        let room = MAX_ANSWER.saturating_sub(response.len());
        cut |= data.len() > room;
        response.extend_from_slice(&data[..data.len().min(room)]);
        if conn.peer_closed() {
            conn.close();
            let _ = stream.write_all(&conn.take_tls());
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let _ = conn.read_tls(&buf[..n]);
            }
            Err(e) => {
                if sent_request {
                    break;
                }
                return Err(format!("no answer from {addr}: {e}"));
            }
        }
    }
    if !sent_request {
        return Err(format!("{addr} closed the connection during the handshake"));
    }
    let tickets = conn
        .take_events()
        .iter()
        .filter(|e| matches!(e, Event::Note(Note::TicketReceived)))
        .count();
    let n = conn.negotiated();
    let subject = n
        .peer_chain
        .first()
        .and_then(|c| inspect::subject_string(c))
        .unwrap_or_else(|| "?".into());
    let summary = vec![
        format!("protocol         {}", version_name(n.version)),
        format!(
            "cipher suite     {}",
            mtls_lab_engine::wire::names::cipher_suite(n.cipher_suite).unwrap_or("?")
        ),
        format!(
            "key exchange     {}{}",
            group_name(&conn),
            if n.retried {
                " (after HelloRetryRequest)"
            } else {
                ""
            }
        ),
        format!(
            "ALPN             {}",
            n.alpn
                .as_deref()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .unwrap_or_else(|| "none".into())
        ),
        format!("server cert      {subject}"),
        if n.version == TlsVersion::Tls12 {
            "session tickets  none (TLS 1.2: not offered)".to_string()
        } else {
            format!(
                "session tickets  {tickets} received (accepted, not used: the lab does not resume)"
            )
        },
    ];
    Ok(Connected {
        summary,
        response,
        cut,
    })
}
