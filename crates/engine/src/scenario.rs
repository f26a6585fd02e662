//! The scenario catalogue: each id is a complete, reproducible run of the engine.
//!
//! The ids are a public interface (the URL's `?scenario=` and `mtls-lab run <id>`). Every
//! scenario really runs the engine: certificates are made for the run, signatures are really
//! checked, and a failure is whatever the verifying endpoint decides; [`Scenario::expected`]
//! is what the lesson says will happen, and a test holds the runs to it.

use serde::Serialize;

use crate::crypto::{EcdsaKey, Group, sha256};
use crate::handshake::{
    ClientAuth, ClientConfig, Connection, Epoch, Identity, Negotiated, ServerConfig,
};
use crate::pki::{Pki, PkiOptions, inspect};
use crate::rng::LabRng;
use crate::session::{Exchange, Net, exchange_repeated, run_repeated};
use crate::trace::{Participant, Step, Trace};
use crate::wire::handshake::HandshakeMessage;
use crate::wire::{AlertDescription, ContentType};

pub use crate::bench::{
    BENCH_VERSION, Bench, BenchError, ClientCert, ClientFaults, ServerFaults, Validity, bench_pki,
    run_bench,
};

/// The lab's fixed "now" (2026-01-01T00:00:00Z): with it, a seed fixes every byte, certificate
/// validity dates included, on every screen and in every year.
pub const LAB_NOW: i64 = 1_767_225_600;

/// The server name every scenario's client asks for.
pub const SERVER_NAME: &str = "server.example";

/// The look-alike name of the phishing proxy in the `aitm-relay-*` scenarios: a real domain
/// its operator controls, so a public CA issues it a valid certificate.
pub const PHISHING_NAME: &str = "server.example.login-check.example";

/// The name the `name-mismatch` server's certificate is made for.
pub const OTHER_NAME: &str = "other.example";

/// How a scenario is grouped in the picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Handshakes that succeed.
    HappyPath,
    /// The server refuses the client's certificate.
    ClientCertificateFailure,
    /// The client refuses the server's certificate.
    ServerCertificateFailure,
    /// Someone on the path attacks (or, in `observer`, listens).
    Attack,
}

/// How a scenario's run ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum Expected {
    /// The handshake completes and data flows.
    Success,
    /// A party stops the connection.
    Failed {
        /// Who notices and sends the alert.
        detected_by: Participant,
        /// The alert it sends.
        alert: AlertDescription,
    },
}

/// A catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// The public id.
    pub id: &'static str,
    /// Picker group.
    pub group: Category,
    /// Whether the server asks for a client certificate.
    pub mutual: bool,
    /// How the run ends.
    pub expected: Expected,
    /// Whether an attacker (or, in `observer`, an eavesdropper) takes part: the trace then
    /// lists [`Participant::Attacker`].
    pub attacker: bool,
}

const fn entry(
    id: &'static str,
    group: Category,
    mutual: bool,
    expected: Expected,
    attacker: bool,
) -> Scenario {
    Scenario {
        id,
        group,
        mutual,
        expected,
        attacker,
    }
}

const fn fails(detected_by: Participant, alert: AlertDescription) -> Expected {
    Expected::Failed { detected_by, alert }
}

use AlertDescription as A;
use Category::{Attack, ClientCertificateFailure, HappyPath, ServerCertificateFailure};
use Participant::{Client, Server};

/// Every scenario this build runs, in picker order.
pub const CATALOGUE: &[Scenario] = &[
    entry("one-way", HappyPath, false, Expected::Success, false),
    entry("mutual", HappyPath, true, Expected::Success, false),
    entry("mutual-hrr", HappyPath, true, Expected::Success, false),
    entry(
        "no-client-cert",
        ClientCertificateFailure,
        true,
        fails(Server, A::CERTIFICATE_REQUIRED),
        false,
    ),
    entry(
        "unknown-ca",
        ClientCertificateFailure,
        true,
        fails(Server, A::UNKNOWN_CA),
        false,
    ),
    entry(
        "expired",
        ClientCertificateFailure,
        true,
        fails(Server, A::CERTIFICATE_EXPIRED),
        false,
    ),
    entry(
        "not-yet-valid",
        ClientCertificateFailure,
        true,
        fails(Server, A::BAD_CERTIFICATE),
        false,
    ),
    entry(
        "revoked",
        ClientCertificateFailure,
        true,
        fails(Server, A::CERTIFICATE_REVOKED),
        false,
    ),
    entry(
        "wrong-eku",
        ClientCertificateFailure,
        true,
        fails(Server, A::UNSUPPORTED_CERTIFICATE),
        false,
    ),
    entry(
        "missing-intermediate",
        ClientCertificateFailure,
        true,
        fails(Server, A::UNKNOWN_CA),
        false,
    ),
    // A certificate changed after the CA signed it: the server stops where OpenSSL does, at the
    // signature, with OpenSSL's alert.
    entry(
        "altered-client-cert",
        ClientCertificateFailure,
        true,
        fails(Server, A::DECRYPT_ERROR),
        false,
    ),
    entry(
        "name-mismatch",
        ServerCertificateFailure,
        false,
        fails(Client, A::BAD_CERTIFICATE),
        false,
    ),
    entry(
        "self-signed-server",
        ServerCertificateFailure,
        false,
        fails(Client, A::UNKNOWN_CA),
        false,
    ),
    entry(
        "impostor-server",
        Attack,
        false,
        fails(Client, A::DECRYPT_ERROR),
        true,
    ),
    entry(
        "stolen-client-cert",
        Attack,
        true,
        fails(Server, A::DECRYPT_ERROR),
        true,
    ),
    entry("aitm-relay-one-way", Attack, false, Expected::Success, true),
    entry(
        "aitm-relay-mutual",
        Attack,
        true,
        fails(Server, A::DECRYPT_ERROR),
        true,
    ),
    entry(
        "tampered-record",
        Attack,
        false,
        fails(Server, A::BAD_RECORD_MAC),
        true,
    ),
    entry("observer", Attack, true, Expected::Success, true),
];

/// Looks a scenario up by id.
pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOGUE.iter().find(|s| s.id == id)
}

/// The HTTP request every scenario's client sends.
pub fn http_request() -> Vec<u8> {
    format!("GET / HTTP/1.1\r\nHost: {SERVER_NAME}\r\nConnection: close\r\n\r\n").into_bytes()
}

/// The server's HTTP answer: it greets the client by its certificate's CN, or as anonymous.
pub fn http_response(_request: &[u8], negotiated: &Negotiated) -> Vec<u8> {
    let who = negotiated
        .peer_chain
        .first()
        .and_then(|c| inspect::common_name(c))
        .map_or_else(|| "anonymous".into(), |cn| inspect::printable(&cn));
    let body = format!("Hello, {who}!\n");
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).into_bytes()
}

/// The password login the `aitm-relay-*` victim sends to the site it believes it is on.
pub fn login_request(host: &str) -> Vec<u8> {
    let body = "user=alice&password=correct-horse-battery-staple";
    format!(
        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The real server's answer to a login: a session cookie, the prize a phishing proxy is
/// after. The cookie is a hash of the request, so a seed reproduces it.
pub fn login_response(request: &[u8], negotiated: &Negotiated) -> Vec<u8> {
    let cookie: String = sha256(request)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let who = negotiated
        .peer_chain
        .first()
        .and_then(|c| inspect::common_name(c))
        .unwrap_or_else(|| "alice".into());
    let body = format!("Welcome, {who}!\n");
    format!("HTTP/1.1 200 OK\r\nSet-Cookie: session={cookie}; Secure; HttpOnly\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).into_bytes()
}

/// How the scenario bends the PKI.
fn pki_options(id: &str) -> PkiOptions {
    let mut o = PkiOptions::default();
    match id {
        "unknown-ca" => o.client_unknown_ca = true,
        "expired" => o.client_expired = true,
        "not-yet-valid" => o.client_not_yet_valid = true,
        "revoked" => o.client_revoked = true,
        "altered-client-cert" => o.client_altered = true,
        "wrong-eku" => o.client_wrong_eku = true,
        "missing-intermediate" => o.client_missing_intermediate = true,
        "name-mismatch" => o.server_name = Some(OTHER_NAME.into()),
        "self-signed-server" => o.server_self_signed = true,
        _ => {}
    }
    o
}

pub(crate) fn client_config(pki: &Pki, mutual: bool) -> ClientConfig {
    ClientConfig {
        server_name: SERVER_NAME.into(),
        root: pki.root.cert.clone(),
        identity: mutual.then(|| Identity {
            chain: pki.client.chain.clone(),
            key: pki.client.key.clone(),
        }),
        supported_groups: vec![Group::X25519, Group::Secp256r1],
        key_share_groups: vec![Group::X25519],
        alpn: vec![b"http/1.1".to_vec()],
        now: LAB_NOW,
    }
}

pub(crate) fn server_config(pki: &Pki, mutual: bool) -> ServerConfig {
    ServerConfig {
        identity: Identity {
            chain: pki.server.chain.clone(),
            key: pki.server.key.clone(),
        },
        client_auth: if mutual {
            ClientAuth::Required {
                root: pki.root.cert.clone(),
                crls: vec![pki.crl.clone()],
            }
        } else {
            ClientAuth::None
        },
        groups: vec![Group::X25519, Group::Secp256r1],
        alpn: vec![b"http/1.1".to_vec()],
        now: LAB_NOW,
    }
}

/// The PKI scenario `id` runs with for `seed`: the very certificates, keys and CRL of the run,
/// for exporting them (e.g. to check the bad-certificate lessons with `openssl verify`).
/// `None` for an unknown id. (The phishing proxy's certificate is issued during its run.)
pub fn scenario_pki(id: &str, seed: u64) -> Option<Pki> {
    find(id)?;
    let mut rng = LabRng::from_seed(seed);
    Some(Pki::generate(&mut rng.fork(), &pki_options(id), LAB_NOW))
}

/// Runs scenario `id` with all randomness from `seed`. `None` for an unknown id.
pub fn run_scenario(id: &str, seed: u64) -> Option<Trace> {
    let pki = scenario_pki(id, seed)?;
    run_with(id, seed, &pki, 1)
}

/// Runs scenario `id` for `seed` over a PKI made beforehand, with the request and its answer
/// sent `requests` times over the connection (`0`: the handshake, then close_notify).
/// `run_with(id, seed, &scenario_pki(id, seed)?, 1)` is [`run_scenario`], byte for byte; the
/// benchmarks use this to time a handshake without the PKI, and to show how a run grows with
/// its application data. The `aitm-relay-*` scenarios relay their one login whatever
/// `requests` is. `None` for an unknown id.
pub fn run_with(id: &str, seed: u64, pki: &Pki, requests: usize) -> Option<Trace> {
    let scenario = find(id)?;
    let mut rng = LabRng::from_seed(seed);
    // The PKI's generator is the stream's first fork (see `scenario_pki`): take it here too, so
    // the connections draw the same bytes as when the PKI is made in the run.
    let _pki_rng = rng.fork();
    let mut client = client_config(pki, scenario.mutual);
    let mut server = server_config(pki, scenario.mutual);
    let client_rng = rng.fork();
    let server_rng = rng.fork();
    let mut attacker_rng = rng.fork();
    let ordinary = Exchange {
        request: http_request(),
        respond: &http_response,
    };
    let trace = match id {
        // The server supports only P-256; the client guessed x25519 (and lists P-256 too):
        // HelloRetryRequest (§4.1.4). A server that also supported x25519 would take the share
        // the client sent rather than ask again.
        "mutual-hrr" => {
            server.groups = vec![Group::Secp256r1];
            run_repeated(
                Connection::client(client, client_rng),
                Connection::server(server, server_rng),
                &ordinary,
                requests,
                None,
                seed,
                id,
            )
        }
        "no-client-cert" => {
            client.identity = None;
            run_repeated(
                Connection::client(client, client_rng),
                Connection::server(server, server_rng),
                &ordinary,
                requests,
                None,
                seed,
                id,
            )
        }
        // The attacker answers in the server's place with the server's certificate (public:
        // anyone who connects gets it) but only a key of its own.
        "impostor-server" => {
            server.identity.key = EcdsaKey::generate(&mut attacker_rng);
            let mut net = Net::new(None, false);
            let (c, s) = net.connect(
                (Participant::Client, Connection::client(client, client_rng)),
                (
                    Participant::Attacker,
                    Connection::server(server, attacker_rng),
                ),
            );
            exchange_repeated(&mut net, c, s, &ordinary, requests);
            net.finish(seed, id)
        }
        // The attacker presents alice's certificate (public) without alice's private key.
        "stolen-client-cert" => {
            if let Some(identity) = &mut client.identity {
                identity.key = EcdsaKey::generate(&mut attacker_rng);
            }
            let mut net = Net::new(None, false);
            let (c, s) = net.connect(
                (
                    Participant::Attacker,
                    Connection::client(client, attacker_rng),
                ),
                (Participant::Server, Connection::server(server, server_rng)),
            );
            exchange_repeated(&mut net, c, s, &ordinary, requests);
            net.finish(seed, id)
        }
        "tampered-record" => {
            let mut flip = flip_first_request_bit();
            run_repeated(
                Connection::client(client, client_rng),
                Connection::server(server, server_rng),
                &ordinary,
                requests,
                Some(&mut flip),
                seed,
                id,
            )
        }
        "observer" => {
            let mut net = Net::new(None, true);
            let (c, s) = net.connect(
                (Participant::Client, Connection::client(client, client_rng)),
                (Participant::Server, Connection::server(server, server_rng)),
            );
            exchange_repeated(&mut net, c, s, &ordinary, requests);
            net.finish(seed, id)
        }
        "aitm-relay-one-way" | "aitm-relay-mutual" => aitm_relay(
            pki,
            scenario.mutual,
            (client_rng, server_rng, attacker_rng),
            seed,
            id,
        ),
        _ => run_repeated(
            Connection::client(client, client_rng),
            Connection::server(server, server_rng),
            &ordinary,
            requests,
            None,
            seed,
            id,
        ),
    };
    Some(trace)
}

/// An on-path attacker that flips one bit of the client's first application-data record
/// (the encrypted HTTP request) and lets everything else pass.
fn flip_first_request_bit() -> impl FnMut(&Step) -> Option<Vec<u8>> {
    let mut done = false;
    move |step: &Step| {
        if done
            || step.from != Participant::Client
            || step.record.epoch == Epoch::Plaintext
            || step.record.content_type != ContentType::APPLICATION_DATA
        {
            return None;
        }
        done = true;
        let mut wire = step.record.wire.clone();
        // The first ciphertext byte, just after the 5-byte record header: under AES-GCM it
        // would turn the request's `G` into `F`, if the tag did not give it away.
        if let Some(b) = wire.get_mut(5) {
            *b ^= 0x01;
        }
        Some(wire)
    }
}

/// The signature in the victim's CertificateVerify, as the proxy decrypted it.
fn captured_certificate_verify(steps: &[Step]) -> Option<Vec<u8>> {
    steps
        .iter()
        .filter(|s| s.from == Participant::Client && s.to == Participant::Attacker)
        .flat_map(|s| &s.messages)
        .find_map(|m| match HandshakeMessage::decode(&m.bytes) {
            Ok((HandshakeMessage::CertificateVerify { signature, .. }, _)) => Some(signature),
            _ => None,
        })
}

/// Adversary-in-the-middle phishing: the victim follows a link to [`PHISHING_NAME`], whose
/// TLS server is the attacker's proxy with a valid certificate for that name. The proxy
/// decrypts what the victim sends, and relays it over its own TLS connection to the real
/// server. Over one-way TLS it reads the password and the session cookie and the attack
/// succeeds; over mutual TLS it must prove possession of alice's key to the real server, and
/// the only CertificateVerify it has (the victim's) signs another handshake's transcript.
fn aitm_relay(
    pki: &Pki,
    mutual: bool,
    (victim_rng, server_rng, mut attacker_rng): (LabRng, LabRng, LabRng),
    seed: u64,
    id: &str,
) -> Trace {
    let phishing_leaf = pki.issue_server(&mut attacker_rng, PHISHING_NAME, LAB_NOW);
    let mut victim = client_config(pki, mutual);
    victim.server_name = PHISHING_NAME.into();
    // The proxy mirrors the real site, client-certificate request included.
    let mut front = server_config(pki, mutual);
    front.identity = Identity {
        chain: phishing_leaf.chain,
        key: phishing_leaf.key,
    };
    let front_rng = attacker_rng.fork();
    let mut net = Net::new(None, false);
    let (v, f) = net.connect(
        (Participant::Client, Connection::client(victim, victim_rng)),
        (Participant::Attacker, Connection::server(front, front_rng)),
    );
    if !net.established(v) {
        return net.finish(seed, id);
    }

    // 1. The victim logs in; the proxy decrypts the password.
    let _ = net.conn(v).send_app_data(&login_request(PHISHING_NAME));
    net.flush(v);
    let login = net.conn(f).take_app_data();

    // 2. The proxy connects to the real server as a client. It holds alice's certificate
    // (she just sent it) but not her key: it can only replay her signature.
    let mut upstream = client_config(pki, false);
    if mutual {
        let chain = net.peek(f).negotiated().peer_chain.clone();
        upstream.identity = Some(Identity {
            chain,
            key: EcdsaKey::generate(&mut attacker_rng),
        });
    }
    let mut upstream = Connection::client(upstream, attacker_rng.fork());
    if let Some(signature) = captured_certificate_verify(net.steps()) {
        upstream.replay_certificate_verify(signature);
    }
    let (u, s) = net.connect(
        (Participant::Attacker, upstream),
        (
            Participant::Server,
            Connection::server(server_config(pki, mutual), server_rng),
        ),
    );
    if !net.established(u) {
        return net.finish(seed, id);
    }

    // 3. It relays the login with the real host name, and the answer (the session cookie)
    // back to the victim.
    let relayed = String::from_utf8_lossy(&login)
        .replace(PHISHING_NAME, SERVER_NAME)
        .into_bytes();
    let _ = net.conn(u).send_app_data(&relayed);
    net.flush(u);
    let request = net.conn(s).take_app_data();
    let answer = login_response(&request, net.peek(s).negotiated());
    let _ = net.conn(s).send_app_data(&answer);
    net.flush(s);
    let answer = net.conn(u).take_app_data();
    let _ = net.conn(f).send_app_data(&answer);
    net.flush(f);

    // 4. Everyone closes.
    for node in [v, f, u, s] {
        net.conn(node).close();
        net.flush(node);
    }
    net.finish(seed, id)
}
