//! The scenario catalogue: each id is a complete, reproducible run of the engine.
//!
//! The ids are a public interface (the URL's `?scenario=` and `mtls-lab run <id>`). Every
//! scenario really runs the engine: certificates are made for the run, signatures are really
//! checked, and a failure is whatever the verifying endpoint decides; [`Scenario::expected`]
//! is what the lesson says will happen, and a test holds the runs to it.

use serde::Serialize;

use crate::crypto::{EcdsaKey, Group, Scheme, sha256};
use crate::handshake::{
    ClientAuth, ClientConfig, Connection, Epoch, Identity, Negotiated, ServerConfig, Signer,
    Versions,
};
use crate::pki::{Pki, inspect};
use crate::rng::LabRng;
use crate::session::{Exchange, Net, exchange_repeated};
use crate::trace::{Explain, Participant, Step, Trace};
use crate::wire::handshake::HandshakeMessage;
use crate::wire::{AlertDescription, ContentType};

pub use crate::bench::{
    BENCH_VERSION, Bench, BenchError, ClientCert, ClientFaults, ServerFaults, Validity, bench_pki,
    run_bench,
};

const fn fails(detected_by: Participant, alert: AlertDescription) -> Expected {
    Expected::Failed { detected_by, alert }
}

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

/// Who takes part beyond the client and the server the switches describe, and what they do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Play {
    /// The client and the server, nothing else: the switches say everything (every bench).
    Direct,
    /// An attacker answers in the server's place with the server's certificate (public:
    /// anyone who connects gets it) and only a key of its own: the bench's `skey`, played by
    /// an attacker.
    ImpostorServer,
    /// An attacker presents alice's certificate (public) without alice's private key: the
    /// bench's `ckey`, played by an attacker.
    StolenClientCert,
    /// An on-path attacker flips one bit of the client's first application-data record.
    TamperedRecord,
    /// A passive eavesdropper sees every record on the wire; it can read only what is sent
    /// unencrypted.
    Observer,
    /// Adversary-in-the-middle phishing: a proxy with a valid certificate for a look-alike
    /// name relays between the victim and the real server.
    AitmRelay,
    /// Both ends speak TLS 1.3 and TLS 1.2; an on-path attacker takes TLS 1.3 out of the
    /// ClientHello (supported_versions, the key shares and the TLS 1.3 cipher suite), and the
    /// client finds the downgrade sentinel in the server's random (RFC 8446 §4.1.3).
    Downgrade,
    /// A passive eavesdropper records two TLS 1.2 connections of the client to the same
    /// server, one with RSA key transport, one with ECDHE; later the server's private key
    /// leaks, and the eavesdropper decrypts the first and not the second (the Trace's `leak`).
    ForwardSecrecy,
}

/// A run, described once: the bench's switches (the PKI's faults, mutual or not, the group, a
/// forced HelloRetryRequest) and who plays. A catalogue entry is a named setup; a bench string is a setup with
/// [`Play::Direct`]. Both run through [`Setup::run`], and both derive how they end from
/// [`Setup::expected`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The switches.
    pub bench: Bench,
    /// Who else takes part.
    pub play: Play,
}

/// A catalogue entry: a public id for a setup, and where the picker shows it. In JSON: `id`,
/// `group`, `mutual`, `expected`, `attacker`, `bench` (the canonical bench string) and `play`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The public id.
    pub id: &'static str,
    /// Picker group.
    pub group: Category,
    /// What runs.
    pub setup: Setup,
}

impl Serialize for Scenario {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Entry {
            id: &'static str,
            group: Category,
            mutual: bool,
            expected: Expected,
            attacker: bool,
            bench: String,
            play: Play,
        }
        Entry {
            id: self.id,
            group: self.group,
            mutual: self.mutual(),
            expected: self.expected(),
            attacker: self.attacker(),
            bench: self.setup.bench.encode(),
            play: self.setup.play,
        }
        .serialize(serializer)
    }
}

impl Scenario {
    /// Whether the server asks for a client certificate.
    pub const fn mutual(&self) -> bool {
        self.setup.bench.mutual
    }

    /// Whether an attacker (or, in `observer`, an eavesdropper) takes part: the trace then
    /// lists [`Participant::Attacker`].
    pub const fn attacker(&self) -> bool {
        !matches!(self.setup.play, Play::Direct)
    }

    /// How the run ends (derived from the setup; a test holds every run to it).
    pub fn expected(&self) -> Expected {
        self.setup.expected()
    }
}

const fn entry(id: &'static str, group: Category, play: Play, bench: Bench) -> Scenario {
    Scenario {
        id,
        group,
        setup: Setup { bench, play },
    }
}

/// A mutual run whose client certificate has one fault.
const fn client_fault(faults: ClientFaults) -> Bench {
    Bench::mutual_with(faults)
}

/// A one-way run whose server certificate has these faults.
const fn server_fault(server: ServerFaults) -> Bench {
    Bench {
        server,
        ..Bench::ONE_WAY
    }
}

const OK: ClientFaults = ClientFaults::NONE;
const GOOD: ServerFaults = ServerFaults::NONE;

use Category::{Attack, ClientCertificateFailure, HappyPath, ServerCertificateFailure};
use Play::Direct;

/// Every scenario this build runs, in picker order.
pub const CATALOGUE: &[Scenario] = &[
    entry("one-way", HappyPath, Direct, Bench::ONE_WAY),
    entry("mutual", HappyPath, Direct, Bench::MUTUAL),
    // The server supports only P-256; the client guessed x25519 (and lists P-256 too):
    // HelloRetryRequest (§4.1.4).
    entry(
        "mutual-hrr",
        HappyPath,
        Direct,
        Bench {
            group: Group::Secp256r1,
            hello_retry: true,
            ..Bench::MUTUAL
        },
    ),
    // TLS 1.2 (RFC 5246) with ECDHE-ECDSA: both ends speak only TLS 1.2.
    entry(
        "tls12-one-way",
        HappyPath,
        Direct,
        Bench {
            tls12: true,
            ..Bench::ONE_WAY
        },
    ),
    entry(
        "tls12-mutual",
        HappyPath,
        Direct,
        Bench {
            tls12: true,
            ..Bench::MUTUAL
        },
    ),
    // The source article's diagram: TLS 1.2 with RSA key transport (RFC 5246 §7.4.7.1), the
    // pre-master secret encrypted with the server's RSA public key.
    entry(
        "tls12-rsa-key-transport",
        HappyPath,
        Direct,
        Bench {
            tls12: true,
            rsa: true,
            rsa_transport: true,
            ..Bench::ONE_WAY
        },
    ),
    entry(
        "no-client-cert",
        ClientCertificateFailure,
        Direct,
        Bench {
            client: ClientCert::Absent,
            ..Bench::MUTUAL
        },
    ),
    entry(
        "unknown-ca",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            unknown_ca: true,
            ..OK
        }),
    ),
    entry(
        "expired",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            validity: Validity::Expired,
            ..OK
        }),
    ),
    entry(
        "not-yet-valid",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            validity: Validity::NotYetValid,
            ..OK
        }),
    ),
    entry(
        "revoked",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            revoked: true,
            ..OK
        }),
    ),
    entry(
        "wrong-eku",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            wrong_eku: true,
            ..OK
        }),
    ),
    entry(
        "missing-intermediate",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            missing_intermediate: true,
            ..OK
        }),
    ),
    // A certificate changed after the CA signed it: the server stops where OpenSSL does, at the
    // signature, with OpenSSL's alert.
    entry(
        "altered-client-cert",
        ClientCertificateFailure,
        Direct,
        client_fault(ClientFaults {
            altered: true,
            ..OK
        }),
    ),
    entry(
        "name-mismatch",
        ServerCertificateFailure,
        Direct,
        server_fault(ServerFaults {
            name_mismatch: true,
            ..GOOD
        }),
    ),
    entry(
        "self-signed-server",
        ServerCertificateFailure,
        Direct,
        server_fault(ServerFaults {
            self_signed: true,
            ..GOOD
        }),
    ),
    entry(
        "impostor-server",
        Attack,
        Play::ImpostorServer,
        server_fault(ServerFaults {
            wrong_key: true,
            ..GOOD
        }),
    ),
    entry(
        "stolen-client-cert",
        Attack,
        Play::StolenClientCert,
        client_fault(ClientFaults {
            wrong_key: true,
            ..OK
        }),
    ),
    entry(
        "aitm-relay-one-way",
        Attack,
        Play::AitmRelay,
        Bench::ONE_WAY,
    ),
    entry("aitm-relay-mutual", Attack, Play::AitmRelay, Bench::MUTUAL),
    entry(
        "tampered-record",
        Attack,
        Play::TamperedRecord,
        Bench::ONE_WAY,
    ),
    entry("observer", Attack, Play::Observer, Bench::MUTUAL),
    entry("downgrade", Attack, Play::Downgrade, Bench::ONE_WAY),
    // Forward secrecy: an RSA key-transport connection and an ECDHE one, recorded, then the
    // server's RSA key leaks.
    entry(
        "forward-secrecy",
        Attack,
        Play::ForwardSecrecy,
        Bench {
            tls12: true,
            rsa: true,
            ..Bench::ONE_WAY
        },
    ),
];

/// A run made a part at a time, so that a page can give each part a task of its own. Every run
/// is one part but the `forward-secrecy` lesson's: its two connections, then the leak (the
/// eavesdropper's decryption of its recording), three RSA-2048 private-key operations in all.
/// [`Setup::run`] makes the same run in one go, through the same parts.
pub struct StagedRun {
    setup: Setup,
    id: String,
    seed: u64,
    requests: usize,
    pki: Pki,
    forward_secrecy: Option<ForwardSecrecy>,
}

impl StagedRun {
    /// A run of `setup` named `id` for `seed` over `pki`, the request sent `requests` times.
    pub fn new(setup: Setup, id: &str, seed: u64, pki: Pki, requests: usize) -> Self {
        // Only a build with TLS 1.2 and RSA makes this run (the page's first module hands it to
        // the module that has them), so only such a build links it.
        let fs = cfg!(all(feature = "tls12", feature = "rsa"));
        let forward_secrecy = (fs && setup.play == Play::ForwardSecrecy).then(|| {
            let (client_rng, server_rng, mut third) = run_streams(seed);
            let (client, server) = setup.configure(&pki, &mut third);
            ForwardSecrecy {
                client,
                server,
                rngs: (client_rng, server_rng, third),
                parts: Vec::new(),
            }
        });
        Self {
            setup,
            id: id.into(),
            seed,
            requests,
            pki,
            forward_secrecy,
        }
    }

    /// How many times [`StagedRun::step`] is called before it gives the run.
    pub fn parts(&self) -> usize {
        self.setup.parts()
    }

    /// Makes the next part; the whole run once the last part is made.
    pub fn step(&mut self) -> Option<Trace> {
        let Some(fs) = &mut self.forward_secrecy else {
            return Some(
                self.setup
                    .run_whole(&self.id, self.seed, &self.pki, self.requests),
            );
        };
        fs.step(&self.pki, self.requests, (self.seed, &self.id))
    }

    /// Makes every part: the whole run.
    pub fn finish(mut self) -> Trace {
        loop {
            if let Some(trace) = self.step() {
                return trace;
            }
        }
    }
}

/// The `forward-secrecy` lesson's run: under a passive eavesdropper, the client connects twice
/// to the same server (the same certificate and key), first with RSA key transport, then with
/// ECDHE; afterwards the server's private key leaks, and the trace's `leak` says what the
/// eavesdropper decrypts from its recording with it.
struct ForwardSecrecy {
    client: ClientConfig,
    server: ServerConfig,
    rngs: (LabRng, LabRng, LabRng),
    /// The connections made so far, each its own trace (connection 0 in each).
    parts: Vec<Trace>,
}

impl ForwardSecrecy {
    /// The server's suite for each connection: RSA key transport, then ECDHE.
    const SUITES: [u16; 2] = [
        crate::wire::handshake::TLS_RSA_WITH_AES_128_GCM_SHA256,
        crate::wire::handshake::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    ];
    /// The two connections, then the leak.
    const PARTS: usize = 3;

    fn step(&mut self, pki: &Pki, requests: usize, (seed, id): (u64, &str)) -> Option<Trace> {
        let n = self.parts.len();
        if let Some(&suite) = Self::SUITES.get(n) {
            // Connection n draws from the (n + 1)-th fork of each endpoint's stream.
            let fork = |rng: &LabRng| {
                let mut rng = rng.clone();
                (0..n).for_each(|_| {
                    rng.fork();
                });
                rng.fork()
            };
            let mut server = self.server.clone();
            server.tls12_suites = vec![suite];
            let mut net = Net::new(None, true);
            let (c, s) = net.connect(
                (
                    Participant::Client,
                    Connection::client(self.client.clone(), fork(&self.rngs.0)),
                ),
                (
                    Participant::Server,
                    Connection::server(server, fork(&self.rngs.1)),
                ),
            );
            let ordinary = Exchange {
                request: http_request(),
                respond: &http_response,
            };
            exchange_repeated(&mut net, c, s, &ordinary, requests);
            self.parts.push(net.finish(seed, id));
            return None;
        }
        let trace = join_connections(std::mem::take(&mut self.parts), seed, id);
        #[cfg(all(feature = "tls12", feature = "rsa"))]
        let trace = Trace {
            leak: Some(crate::leak::LeakReport::after_leak(
                &trace,
                &pki.server.key,
                &mut self.rngs.2,
            )),
            ..trace
        };
        let _ = pki;
        Some(trace)
    }
}

/// One trace of several connections made one after the other between the same participants,
/// each recorded as connection 0 of its own: their steps in order, numbered on, each marked
/// with its connection; the key logs of all; the first failure decides the outcome.
fn join_connections(parts: Vec<Trace>, seed: u64, id: &str) -> Trace {
    let participants = parts
        .first()
        .map(|t| t.participants.clone())
        .unwrap_or_default();
    let outcome = parts
        .iter()
        .map(|t| t.outcome.clone())
        .find(|o| *o != crate::trace::Outcome::Success)
        .unwrap_or(crate::trace::Outcome::Success);
    let mut steps = Vec::new();
    let mut keylog = Vec::new();
    for (n, part) in parts.into_iter().enumerate() {
        for mut step in part.steps {
            step.index = steps.len();
            step.connection = n as u32;
            steps.push(step);
        }
        keylog.extend(part.keylog);
    }
    Trace {
        version: crate::trace::TRACE_VERSION,
        seed,
        scenario: id.into(),
        participants,
        steps,
        outcome,
        keylog,
        leak: None,
    }
}

/// The streams a run draws from, after the PKI's: the client's, the server's, and a third
/// (the attacker's randomness, or the keys an endpoint signs with by mistake).
fn run_streams(seed: u64) -> (LabRng, LabRng, LabRng) {
    let mut rng = LabRng::from_seed(seed);
    // The PKI's generator is the stream's first fork (see `Setup::pki`): take it here too, so
    // the connections draw the same bytes as when the PKI is made in the run.
    let _pki_rng = rng.fork();
    let client_rng = rng.fork();
    let server_rng = rng.fork();
    let third = rng.fork();
    (client_rng, server_rng, third)
}

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

/// The configuration of the lab's client for `pki`: it trusts the lab's root, asks for
/// [`SERVER_NAME`], lists x25519 and P-256 and sends an x25519 key share, offers `http/1.1`,
/// and with `mutual` holds alice's certificate and key. Public so that tests, fuzz targets and
/// benchmarks build the very endpoints the lessons run.
pub fn client_config(pki: &Pki, mutual: bool) -> ClientConfig {
    ClientConfig {
        server_name: SERVER_NAME.into(),
        root: pki.root.cert.clone(),
        identity: mutual.then(|| Identity {
            chain: pki.client.chain.clone(),
            key: pki.client.key.clone().into(),
        }),
        supported_groups: vec![Group::X25519, Group::Secp256r1],
        key_share_groups: vec![Group::X25519],
        alpn: vec![b"http/1.1".to_vec()],
        now: LAB_NOW,
        versions: Versions::Tls13Only,
        signature_schemes: schemes_for(pki),
        tls12_suites: tls12_suites_for(pki),
    }
}

/// The signature schemes the lab's endpoints offer and accept over `pki`: ECDSA, and with RSA
/// keys in it the two RSA schemes (PSS first, as TLS 1.3 requires it).
pub fn schemes_for(pki: &Pki) -> Vec<Scheme> {
    if pki.server.key.is_rsa() || pki.client.key.is_rsa() {
        vec![
            Scheme::EcdsaP256Sha256,
            Scheme::RsaPssRsaeSha256,
            Scheme::RsaPkcs1Sha256,
        ]
    } else {
        vec![Scheme::EcdsaP256Sha256]
    }
}

/// The TLS 1.2 suites the lab's endpoints speak over `pki`: those its server's key can serve
/// (ECDHE-ECDSA; or ECDHE-RSA, then RSA key transport), ECDHE first.
pub fn tls12_suites_for(pki: &Pki) -> Vec<u16> {
    use crate::wire::handshake as h;
    if pki.server.key.is_rsa() {
        vec![
            h::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            h::TLS_RSA_WITH_AES_128_GCM_SHA256,
        ]
    } else {
        vec![h::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]
    }
}

/// The configuration of the lab's server for `pki`: its certificate chain and key, x25519 and
/// P-256, `http/1.1`, and with `mutual` a client certificate required from the lab's root and
/// checked against its CRL.
pub fn server_config(pki: &Pki, mutual: bool) -> ServerConfig {
    ServerConfig {
        identity: Identity {
            chain: pki.server.chain.clone(),
            key: pki.server.key.clone().into(),
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
        versions: Versions::Tls13Only,
        signature_schemes: schemes_for(pki),
        tls12_suites: tls12_suites_for(pki),
    }
}

/// Whether this build of the engine speaks TLS 1.2 and RSA (its features `tls12` and `rsa`).
/// A build without them resolves every id but cannot run a setup that needs them
/// ([`Setup::tls12`], [`Setup::rsa`]): the page's first module is such a build, and hands those
/// runs to a module built with the features.
pub const SPEAKS_TLS12: bool = cfg!(feature = "tls12") && cfg!(feature = "rsa");

impl Setup {
    /// Whether the run needs TLS 1.2 (the bench's `v12`, or the downgrade attack).
    pub const fn tls12(&self) -> bool {
        self.bench.tls12 || matches!(self.play, Play::Downgrade)
    }

    /// Whether the run needs RSA keys (the bench's `rsa`).
    pub const fn rsa(&self) -> bool {
        self.bench.rsa
    }

    /// How many parts a [`StagedRun`] of this setup makes (a page gives each a task).
    pub const fn parts(&self) -> usize {
        if matches!(self.play, Play::ForwardSecrecy) {
            ForwardSecrecy::PARTS
        } else {
            1
        }
    }

    /// Whether the run needs the engine's optional parts: TLS 1.2 or RSA.
    pub const fn needs_full_engine(&self) -> bool {
        self.tls12() || self.rsa()
    }

    /// A bench with nobody else taking part.
    pub const fn direct(bench: Bench) -> Self {
        Self {
            bench,
            play: Play::Direct,
        }
    }

    /// How the run ends: as the bench's first failing check says, or as the attack goes.
    pub fn expected(&self) -> Expected {
        match self.play {
            Play::TamperedRecord => fails(Participant::Server, AlertDescription::BAD_RECORD_MAC),
            // Over mutual TLS the proxy cannot sign the real server's handshake as alice.
            Play::AitmRelay if self.bench.mutual => {
                fails(Participant::Server, AlertDescription::DECRYPT_ERROR)
            }
            Play::AitmRelay => Expected::Success,
            Play::Downgrade => fails(Participant::Client, AlertDescription::ILLEGAL_PARAMETER),
            Play::Direct
            | Play::ImpostorServer
            | Play::StolenClientCert
            | Play::Observer
            | Play::ForwardSecrecy => self.bench.expected(),
        }
    }

    /// The PKI this setup runs with for `seed`: the very certificates, keys and CRL of the
    /// run, for exporting them. (The phishing proxy's certificate is issued during its run.)
    pub fn pki(&self, seed: u64) -> Pki {
        let mut rng = LabRng::from_seed(seed);
        Pki::generate(&mut rng.fork(), &self.bench.pki_options(), LAB_NOW)
    }

    /// The two endpoints' configurations, as the switches say. `keys` draws the key an
    /// endpoint signs with when it is not its certificate's (`skey`, `ckey`: the endpoint's
    /// mistake on the bench, the attacker's own key in the attacks).
    fn configure(&self, pki: &Pki, keys: &mut LabRng) -> (ClientConfig, ServerConfig) {
        let b = &self.bench;
        let mut client = client_config(pki, b.mutual);
        let mut server = server_config(pki, b.mutual);
        // The server prefers `b.group`; the client lists both and its first key share is for
        // that group, or with `hrr` for the other one (RFC 8446 §4.1.4). With `hrr` the server
        // supports `b.group` alone: a server that supported the other group too would take
        // the share the client sent instead of asking for another.
        let other = match b.group {
            Group::X25519 => Group::Secp256r1,
            Group::Secp256r1 => Group::X25519,
        };
        server.groups = if b.hello_retry {
            vec![b.group]
        } else {
            vec![b.group, other]
        };
        client.key_share_groups = vec![if b.hello_retry { other } else { b.group }];
        if b.tls12 {
            client.versions = Versions::Tls12Only;
            server.versions = Versions::Tls12Only;
        }
        if self.play == Play::Downgrade {
            client.versions = Versions::Both;
            server.versions = Versions::Both;
        }
        // With `krsa` the server takes only RSA key transport; the client offers both suites
        // its server's key allows, as a client does, and sees which one the server chose.
        if b.rsa_transport {
            server.tls12_suites = vec![crate::wire::handshake::TLS_RSA_WITH_AES_128_GCM_SHA256];
        }
        // The certificates' faults are in the PKI; the keys' are here.
        if b.server.wrong_key {
            server.identity.key = crate::pki::new_key(b.rsa, keys).into();
        }
        match b.client {
            ClientCert::Absent => client.identity = None,
            ClientCert::Present(c) => {
                if c.wrong_key
                    && let Some(identity) = &mut client.identity
                {
                    identity.key = crate::pki::new_key(b.rsa, keys).into();
                }
            }
        }
        (client, server)
    }

    /// Runs the setup for `seed` over `pki` (made beforehand with [`Setup::pki`], or another),
    /// with the request and its answer sent `requests` times over the connection (`0`: the
    /// handshake, then close_notify; the `aitm-relay-*` scenarios relay their one login
    /// whatever `requests` is). `id` names the run in its trace.
    pub fn run(&self, id: &str, seed: u64, pki: &Pki, requests: usize) -> Trace {
        // (`cfg!`: a build that cannot make a run in parts, the page's first module, links
        // none of it.)
        if cfg!(all(feature = "tls12", feature = "rsa")) && self.parts() > 1 {
            StagedRun::new(*self, id, seed, pki.clone(), requests).finish()
        } else {
            self.run_whole(id, seed, pki, requests)
        }
    }

    /// [`Setup::run`] in one part (every run but `forward-secrecy`'s, see [`StagedRun`]).
    fn run_whole(&self, id: &str, seed: u64, pki: &Pki, requests: usize) -> Trace {
        let (client_rng, server_rng, mut third) = run_streams(seed);
        if self.play == Play::AitmRelay {
            return mark_relayed(aitm_relay(
                pki,
                self.bench.mutual,
                (client_rng, server_rng, third),
                seed,
                id,
            ));
        }
        let (client, server) = self.configure(pki, &mut third);
        let ordinary = Exchange {
            request: http_request(),
            respond: &http_response,
        };
        let (client_role, client_rng, server_role, server_rng) = match self.play {
            Play::ImpostorServer => (
                Participant::Client,
                client_rng,
                Participant::Attacker,
                third,
            ),
            Play::StolenClientCert => (
                Participant::Attacker,
                third,
                Participant::Server,
                server_rng,
            ),
            _ => (
                Participant::Client,
                client_rng,
                Participant::Server,
                server_rng,
            ),
        };
        let mut flip = flip_first_request_bit();
        let mut downgrade = remove_tls13_from_client_hello();
        let intercept: Option<crate::session::Interceptor<'_>> = match self.play {
            Play::TamperedRecord => Some(&mut flip),
            Play::Downgrade => Some(&mut downgrade),
            _ => None,
        };
        let mut net = Net::new(intercept, self.play == Play::Observer);
        let (c, s) = net.connect(
            (client_role, Connection::client(client, client_rng)),
            (server_role, Connection::server(server, server_rng)),
        );
        exchange_repeated(&mut net, c, s, &ordinary, requests);
        net.finish(seed, id)
    }
}

/// What an id names: a catalogue entry or a bench string. The CLI (`mtls-lab run ID`) and the
/// page (`?scenario=ID`) resolve ids with it, so both run, export and explain the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunSpec {
    /// A catalogue entry.
    Catalogue(&'static Scenario),
    /// A bench string's switches.
    Bench(Bench),
}

/// Why an id names no run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownRun {
    /// Not a catalogue id, and not a bench string either (it does not start with `b`).
    NotInCatalogue,
    /// It looks like a bench string and is not a valid one.
    Bench(BenchError),
}

impl RunSpec {
    /// Resolves `id`: a catalogue id, else a bench string such as `b1-m-cexp`.
    ///
    /// # Errors
    /// [`UnknownRun`] says which it is not.
    pub fn resolve(id: &str) -> Result<Self, UnknownRun> {
        if let Some(s) = find(id) {
            return Ok(Self::Catalogue(s));
        }
        if !id.starts_with('b') {
            return Err(UnknownRun::NotInCatalogue);
        }
        Bench::parse(id).map(Self::Bench).map_err(UnknownRun::Bench)
    }

    /// The run's id: the catalogue id, or the bench's canonical string.
    pub fn id(&self) -> String {
        match self {
            Self::Catalogue(s) => s.id.to_string(),
            Self::Bench(b) => b.encode(),
        }
    }

    /// What runs.
    pub const fn setup(&self) -> Setup {
        match self {
            Self::Catalogue(s) => s.setup,
            Self::Bench(b) => Setup::direct(*b),
        }
    }

    /// How the run ends.
    pub fn expected(&self) -> Expected {
        self.setup().expected()
    }

    /// The run's PKI for `seed`.
    pub fn pki(&self, seed: u64) -> Pki {
        self.setup().pki(seed)
    }

    /// Runs it for `seed`, PKI included, with the request sent `requests` times.
    pub fn run(&self, seed: u64, requests: usize) -> Trace {
        let setup = self.setup();
        setup.run(&self.id(), seed, &setup.pki(seed), requests)
    }

    /// [`RunSpec::run`] a part at a time (see [`StagedRun`]).
    pub fn staged(&self, seed: u64, requests: usize) -> StagedRun {
        let setup = self.setup();
        StagedRun::new(setup, &self.id(), seed, setup.pki(seed), requests)
    }
}

/// The PKI scenario `id` runs with for `seed`: the very certificates, keys and CRL of the run,
/// for exporting them (e.g. to check the bad-certificate lessons with `openssl verify`).
/// `None` for an unknown id. (The phishing proxy's certificate is issued during its run.)
pub fn scenario_pki(id: &str, seed: u64) -> Option<Pki> {
    find(id).map(|s| s.setup.pki(seed))
}

/// Runs scenario `id` with all randomness from `seed`. `None` for an unknown id.
pub fn run_scenario(id: &str, seed: u64) -> Option<Trace> {
    let pki = scenario_pki(id, seed)?;
    run_with(id, seed, &pki, 1)
}

/// Runs scenario `id` for `seed` over a PKI made beforehand, with the request and its answer
/// sent `requests` times over the connection (see [`Setup::run`]). `run_with(id, seed,
/// &scenario_pki(id, seed)?, 1)` is [`run_scenario`], byte for byte; the benchmarks use this
/// to time a handshake without the PKI, and to show how a run grows with its application
/// data. `None` for an unknown id.
pub fn run_with(id: &str, seed: u64, pki: &Pki, requests: usize) -> Option<Trace> {
    find(id).map(|s| s.setup.run(id, seed, pki, requests))
}

/// Names the phishing proxy's application data for the connection it travels on, in either
/// direction: `victim_to_proxy` for the victim's connection, which ends at the proxy (only the
/// two ends can read it, but one end is the proxy, not the real site), and `proxy_to_server`
/// for the proxy's own connection to the real server.
fn mark_relayed(mut trace: Trace) -> Trace {
    for s in &mut trace.steps {
        let proxy = s.from == Participant::Attacker || s.to == Participant::Attacker;
        if s.explain == Explain::ApplicationData && proxy {
            s.explain = if s.from == Participant::Server || s.to == Participant::Server {
                Explain::RelayProxyToServer
            } else {
                Explain::RelayVictimToProxy
            };
        }
    }
    trace
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

/// The `downgrade` attacker: takes TLS 1.3 out of the client's first ClientHello (its
/// supported_versions, its key shares and its TLS 1.3 cipher suite), so that what reaches the
/// server reads as the ClientHello of a client that speaks only TLS 1.2. The ClientHello is
/// neither encrypted nor signed: nothing stops the rewrite itself.
fn remove_tls13_from_client_hello() -> impl FnMut(&Step) -> Option<Vec<u8>> {
    use crate::wire::Record;
    use crate::wire::handshake::{Extension, TLS_AES_128_GCM_SHA256};
    let mut done = false;
    move |step: &Step| {
        if done || step.from != Participant::Client || step.record.epoch != Epoch::Plaintext {
            return None;
        }
        let (HandshakeMessage::ClientHello(mut ch), _) =
            HandshakeMessage::decode(step.record.plaintext.as_slice()).ok()?
        else {
            return None;
        };
        done = true;
        ch.cipher_suites.retain(|s| *s != TLS_AES_128_GCM_SHA256);
        ch.extensions
            .retain(|e| !matches!(e, Extension::SupportedVersions(_) | Extension::KeyShares(_)));
        let record = Record {
            content_type: ContentType::HANDSHAKE,
            // The record's legacy_record_version, as the client wrote it.
            version: match step.record.wire.get(1..3) {
                Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
                _ => 0x0301,
            },
            fragment: HandshakeMessage::ClientHello(ch).encode(),
        };
        Some(record.to_bytes())
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
        key: phishing_leaf.key.into(),
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
        let key = match captured_certificate_verify(net.steps()) {
            Some(signature) => Signer::Replay(signature),
            None => EcdsaKey::generate(&mut attacker_rng).into(),
        };
        upstream.identity = Some(Identity { chain, key });
    }
    let upstream = Connection::client(upstream, attacker_rng.fork());
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
