//! Criterion benchmarks of the engine's handshake, beside the floor its own crypto sets and
//! beside rustls doing the same mutual handshake in memory. `cargo xtask bench` runs them and
//! writes docs/PERFORMANCE.md from criterion's estimates.
//!
//! Groups (criterion writes `<target>/criterion/<group>/<bench>/new/estimates.json`):
//! - `pki/generate`: the scenario's PKI (root, intermediate, two leaves, CRL).
//! - `engine/{mutual,one-way}`: the scenario's run over a PKI made beforehand
//!   (`scenario::run_with`, one request and answer, close_notify both ways), trace included;
//!   `engine/{mutual,one-way}-floor`: the asymmetric operations that run must do, with the same
//!   crypto functions and inputs of the same shapes; `engine/mutual-scenario`: `run_scenario`,
//!   PKI included.
//! - `ops/*`: one operation of each kind, from the lab's crypto (p256, x25519-dalek) and from
//!   rustls' default provider (aws-lc-rs).
//! - `rustls/mutual`: rustls client and server, the same certificates, client authentication
//!   required, the same request, answer and close_notify; `rustls/mutual-floor`: the same
//!   operations as `engine/mutual-floor` through the provider rustls used.
//! - `records/mutual/N`: the mutual run with N requests and answers. Before timing, each prints
//!   a `trace-size` line (steps, JSON bytes) that `cargo xtask bench` reads, and after it the
//!   paired ratio of the run to the one-request run.
//!
//! Besides criterion's figures, the ratios the page reports (handshake/floor, engine/rustls,
//! floor/provider floor, N requests/one request) are also measured in pairs (see
//! [`paired_ratio`]) and printed as `paired-ratio` lines for `cargo xtask bench`.

use std::hint::black_box;
use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use cpu_time::ThreadTime;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mtls_lab_engine::LabRng;
use mtls_lab_engine::crypto::{EcdsaKey, Group, KeyShare, PrivateKey, verify_ecdsa_p256_sha256};
use mtls_lab_engine::handshake::Connection;
use mtls_lab_engine::pki::{Pki, PkiOptions};
use mtls_lab_engine::scenario::{LAB_NOW, run_scenario, run_with, scenario_pki};
use rustls::SignatureScheme;
use rustls::crypto::aws_lc_rs::{self, kx_group};
use rustls::crypto::{CryptoProvider, SupportedKxGroup};
use rustls::pki_types::{
    CertificateDer, CertificateRevocationListDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName,
    SignatureVerificationAlgorithm, UnixTime,
};
use rustls::server::WebPkiClientVerifier;
use rustls::sign::Signer;

/// Every benchmark runs the same seed, so each iteration does exactly the same work.
const SEED: u64 = 1;

/// The request size N of the records-scaling runs.
const RECORDS: [usize; 4] = [1, 10, 100, 1000];

// ---------------------------------------------------------------------------------------------
// The floor: the asymmetric operations of a handshake.

/// A signature made beforehand, to be verified in the timed loop: a certificate's or the CRL's.
struct Signed {
    public: Vec<u8>,
    message: Vec<u8>,
    signature: Vec<u8>,
}

impl Signed {
    /// `message` signed by `by`. The message is the whole DER certificate or CRL: the same
    /// length, give or take the outer header, as the to-be-signed part the real check hashes.
    fn new(by: &PrivateKey, message: &[u8]) -> Self {
        let by = ecdsa(by);
        Self {
            public: by.public(),
            message: message.to_vec(),
            signature: by.sign(message),
        }
    }
}

/// What each side of a handshake must verify and sign, made from one PKI.
struct FloorInputs {
    /// Server leaf (by the intermediate), intermediate (by the root): the client's chain check.
    server_chain: [Signed; 2],
    /// Client leaf, intermediate, CRL (all but the root's by the intermediate): the server's.
    client_chain: [Signed; 3],
    server_key: EcdsaKey,
    client_key: EcdsaKey,
    /// The leaves' public keys, as each verifier reads them from the peer's certificate.
    server_public: Vec<u8>,
    client_public: Vec<u8>,
    /// RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash.
    server_cv: Vec<u8>,
    client_cv: Vec<u8>,
}

impl FloorInputs {
    fn new(pki: &Pki) -> Self {
        let intermediate = Signed::new(&pki.root.key, &pki.intermediate.cert);
        Self {
            server_chain: [
                Signed::new(&pki.intermediate.key, &pki.server.cert),
                Signed::new(&pki.root.key, &pki.intermediate.cert),
            ],
            client_chain: [
                Signed::new(&pki.intermediate.key, &pki.client.cert),
                intermediate,
                Signed::new(&pki.intermediate.key, &pki.crl),
            ],
            server_key: ecdsa(&pki.server.key).clone(),
            client_key: ecdsa(&pki.client.key).clone(),
            server_public: pki.server.key.public(),
            client_public: pki.client.key.public(),
            server_cv: Connection::certificate_verify_content(true, &[0xab; 32]),
            client_cv: Connection::certificate_verify_content(false, &[0xab; 32]),
        }
    }
}

fn lab_verify(s: &Signed) {
    verify_ecdsa_p256_sha256(&s.public, &s.message, &s.signature).expect("our own signature");
}

/// Both x25519 key shares and both agreements, as the engine does them.
fn lab_key_exchange(rng: &mut LabRng) {
    let client = KeyShare::generate(Group::X25519, rng);
    let server = KeyShare::generate(Group::X25519, rng);
    black_box(server.agree(client.public()).expect("valid share"));
    black_box(client.agree(server.public()).expect("valid share"));
}

/// The engine's floor: key exchange; the server signs its CertificateVerify; the client
/// verifies the server's chain (2) and CertificateVerify; when `mutual`, the client signs its
/// CertificateVerify and the server verifies the client's chain (2), the CRL and it.
fn lab_floor(inputs: &FloorInputs, rng: &mut LabRng, mutual: bool) {
    lab_key_exchange(rng);
    let server_sig = inputs.server_key.sign(&inputs.server_cv);
    inputs.server_chain.iter().for_each(lab_verify);
    verify_ecdsa_p256_sha256(&inputs.server_public, &inputs.server_cv, &server_sig)
        .expect("our own signature");
    if mutual {
        let client_sig = inputs.client_key.sign(&inputs.client_cv);
        inputs.client_chain.iter().for_each(lab_verify);
        verify_ecdsa_p256_sha256(&inputs.client_public, &inputs.client_cv, &client_sig)
            .expect("our own signature");
    }
}

/// The same operations through a rustls crypto provider.
struct ProviderFloor {
    verify: &'static dyn SignatureVerificationAlgorithm,
    x25519: &'static dyn SupportedKxGroup,
    server_signer: Box<dyn Signer>,
    client_signer: Box<dyn Signer>,
}

impl ProviderFloor {
    fn new(provider: &CryptoProvider, inputs: &FloorInputs) -> Self {
        let verify = provider
            .signature_verification_algorithms
            .mapping
            .iter()
            .find(|(scheme, _)| *scheme == SignatureScheme::ECDSA_NISTP256_SHA256)
            .map(|(_, algs)| algs[0])
            .expect("the provider verifies ECDSA P-256/SHA-256");
        let signer = |key: &EcdsaKey| {
            provider
                .key_provider
                .load_private_key(pkcs8(&key.clone().into()))
                .expect("a P-256 PKCS#8 key loads")
                .choose_scheme(&[SignatureScheme::ECDSA_NISTP256_SHA256])
                .expect("the key signs ECDSA P-256/SHA-256")
        };
        Self {
            verify,
            x25519: kx_group::X25519,
            server_signer: signer(&inputs.server_key),
            client_signer: signer(&inputs.client_key),
        }
    }

    fn verify(&self, public: &[u8], message: &[u8], signature: &[u8]) {
        self.verify
            .verify_signature(public, message, signature)
            .expect("our own signature");
    }

    fn key_exchange(&self) {
        let client = self.x25519.start().expect("x25519 starts");
        let server = self.x25519.start().expect("x25519 starts");
        let client_public = client.pub_key().to_vec();
        let server_public = server.pub_key().to_vec();
        black_box(server.complete(&client_public).expect("valid share"));
        black_box(client.complete(&server_public).expect("valid share"));
    }

    fn floor(&self, inputs: &FloorInputs) {
        self.key_exchange();
        let server_sig = self.server_signer.sign(&inputs.server_cv).expect("signs");
        for s in &inputs.server_chain {
            self.verify(&s.public, &s.message, &s.signature);
        }
        self.verify(&inputs.server_public, &inputs.server_cv, &server_sig);
        let client_sig = self.client_signer.sign(&inputs.client_cv).expect("signs");
        for s in &inputs.client_chain {
            self.verify(&s.public, &s.message, &s.signature);
        }
        self.verify(&inputs.client_public, &inputs.client_cv, &client_sig);
    }
}

// ---------------------------------------------------------------------------------------------
// rustls in memory.

/// The P-256 key inside one of the lab's keys (the benches' PKI has no RSA).
fn ecdsa(key: &PrivateKey) -> &EcdsaKey {
    match key {
        PrivateKey::Ecdsa(k) => k,
        PrivateKey::Rsa(_) => panic!("the benches' PKI is all P-256"),
    }
}

fn pkcs8(key: &PrivateKey) -> PrivateKeyDer<'static> {
    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.to_pkcs8_der()))
}

fn certs(chain: &[Vec<u8>]) -> Vec<CertificateDer<'static>> {
    chain
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect()
}

/// rustls' default provider held to what the engine does: x25519 only (not the post-quantum
/// hybrid it prefers) and TLS_AES_128_GCM_SHA256.
fn provider() -> Arc<CryptoProvider> {
    let mut provider = aws_lc_rs::default_provider();
    provider.kx_groups = vec![kx_group::X25519];
    provider.cipher_suites = vec![aws_lc_rs::cipher_suite::TLS13_AES_128_GCM_SHA256];
    Arc::new(provider)
}

/// Client and server configurations for the mutual handshake, made once as a real deployment
/// would: the lab's certificates, client authentication required, the CRL checked.
fn rustls_configs(pki: &Pki) -> (Arc<rustls::ClientConfig>, Arc<rustls::ServerConfig>) {
    let provider = provider();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(pki.root.cert.clone()))
        .expect("our root parses in rustls");
    let roots = Arc::new(roots);
    let mut client = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .expect("TLS 1.3 is supported")
        .with_root_certificates(roots.clone())
        .with_client_auth_cert(certs(&pki.client.chain), pkcs8(&pki.client.key))
        .expect("client certificate accepted");
    client.alpn_protocols = vec![b"http/1.1".to_vec()];
    let verifier = WebPkiClientVerifier::builder_with_provider(roots, provider.clone())
        .with_crls(vec![CertificateRevocationListDer::from(pki.crl.clone())])
        .only_check_end_entity_revocation()
        .build()
        .expect("verifier builds");
    let mut server = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .expect("TLS 1.3 is supported")
        .with_client_cert_verifier(verifier)
        .with_single_cert(certs(&pki.server.chain), pkcs8(&pki.server.key))
        .expect("server certificate accepted");
    server.alpn_protocols = vec![b"http/1.1".to_vec()];
    // The engine issues no session tickets; neither does this server.
    server.send_tls13_tickets = 0;
    (Arc::new(client), Arc::new(server))
}

/// Moves records both ways until neither side has anything to send.
fn transfer(client: &mut rustls::ClientConnection, server: &mut rustls::ServerConnection) {
    let mut buf = Vec::new();
    loop {
        let mut moved = false;
        while client.wants_write() {
            buf.clear();
            client.write_tls(&mut buf).expect("in-memory write");
            let mut slice = &buf[..];
            while !slice.is_empty() {
                server.read_tls(&mut slice).expect("in-memory read");
                server.process_new_packets().expect("server accepts");
            }
            moved = true;
        }
        while server.wants_write() {
            buf.clear();
            server.write_tls(&mut buf).expect("in-memory write");
            let mut slice = &buf[..];
            while !slice.is_empty() {
                client.read_tls(&mut slice).expect("in-memory read");
                client.process_new_packets().expect("client accepts");
            }
            moved = true;
        }
        if !moved {
            return;
        }
    }
}

fn read_all(reader: &mut rustls::Reader<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// One mutual connection: handshake, the request and its answer, close_notify both ways.
fn rustls_mutual(
    configs: &(Arc<rustls::ClientConfig>, Arc<rustls::ServerConfig>),
    request: &[u8],
    answer: &[u8],
) {
    let name = ServerName::try_from("server.example").expect("valid name");
    let mut client = rustls::ClientConnection::new(configs.0.clone(), name).expect("starts");
    let mut server = rustls::ServerConnection::new(configs.1.clone()).expect("starts");
    transfer(&mut client, &mut server);
    assert!(!client.is_handshaking() && !server.is_handshaking());
    client.writer().write_all(request).expect("buffered");
    transfer(&mut client, &mut server);
    black_box(read_all(&mut server.reader()));
    server.writer().write_all(answer).expect("buffered");
    transfer(&mut client, &mut server);
    black_box(read_all(&mut client.reader()));
    client.send_close_notify();
    transfer(&mut client, &mut server);
    server.send_close_notify();
    transfer(&mut client, &mut server);
}

// ---------------------------------------------------------------------------------------------
// The benchmarks.

/// Criterion's clock here: the CPU time of the benchmarking thread. Everything benchmarked runs
/// on that one thread, so on an idle machine this is the wall time; on a shared one (this
/// project's machines have 2 cores, often busy compiling) it leaves out the time the thread
/// waited for a core, which otherwise swings the figures by half.
struct ThreadCpuTime;

/// Wall time's formatter serves as well for CPU time (both are durations in nanoseconds).
static WALL_TIME: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = ThreadTime;
    type Value = Duration;

    fn start(&self) -> ThreadTime {
        ThreadTime::now()
    }

    fn end(&self, started: ThreadTime) -> Duration {
        started.elapsed()
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL_TIME.formatter()
    }
}

type Bench = Criterion<ThreadCpuTime>;

fn pki(c: &mut Bench) {
    let mut g = c.benchmark_group("pki");
    g.bench_function("generate", |b| {
        b.iter(|| {
            Pki::generate(
                &mut LabRng::from_seed(SEED),
                &PkiOptions::default(),
                LAB_NOW,
            )
        })
    });
    g.finish();
}

/// Rounds of a paired measurement ([`paired_ratio`]).
const PAIRED_ROUNDS: usize = 40;
/// Runs of each side per round: a few, so that switching code paths costs little.
const PAIRED_RUNS: usize = 5;

/// The ratio of `a` to `b` (a handshake to its floor, the engine to rustls) measured in pairs:
/// each round times a few runs of `a` and then a few of `b` back to back, so both see the same
/// machine; the median of the rounds' ratios, and its interquartile range. Criterion's separate
/// medians of the two can be minutes apart, and this machine's speed drifts by 10% over
/// minutes: too much for a 1.15 goal.
fn paired_ratio(mut a: impl FnMut(), mut b: impl FnMut()) -> [f64; 3] {
    let time = |f: &mut dyn FnMut()| {
        let started = ThreadTime::now();
        for _ in 0..PAIRED_RUNS {
            f();
        }
        started.elapsed().as_nanos() as f64
    };
    // Warm both up first.
    time(&mut a);
    time(&mut b);
    let mut ratios: Vec<f64> = (0..PAIRED_ROUNDS)
        .map(|_| time(&mut a) / time(&mut b))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    [at(2), at(1), at(3)]
}

fn engine(c: &mut Bench) {
    let mut g = c.benchmark_group("engine");
    // TLS 1.2's handshakes have the same floor as TLS 1.3's: an x25519 share and agreement per
    // side, one handshake signature per authenticated side (the server's on ServerKeyExchange
    // instead of on CertificateVerify) and the same verifications.
    for (id, mutual) in [
        ("mutual", true),
        ("one-way", false),
        ("tls12-mutual", true),
        ("tls12-one-way", false),
    ] {
        let pki = scenario_pki(id, SEED).expect("catalogue id");
        g.bench_function(id, |b| {
            b.iter(|| run_with(id, SEED, &pki, 1).expect("catalogue id"))
        });
        let inputs = FloorInputs::new(&pki);
        let mut rng = LabRng::from_seed(SEED);
        g.bench_function(format!("{id}-floor"), |b| {
            b.iter(|| lab_floor(&inputs, &mut rng, mutual))
        });
        let [median, q1, q3] = paired_ratio(
            || {
                black_box(run_with(id, SEED, &pki, 1));
            },
            || lab_floor(&inputs, &mut rng, mutual),
        );
        println!("paired-ratio {id} median={median:.4} q1={q1:.4} q3={q3:.4}");
    }
    g.bench_function("mutual-scenario", |b| {
        b.iter(|| run_scenario("mutual", SEED).expect("catalogue id"))
    });
    // RSA key transport (one-way): its floor is the pre-master secret's encryption with the
    // server's RSA key and its decryption (blinded, with the RFC 5246 §7.4.7.1 check), and the
    // client's two chain verifications (the CAs are P-256). No key exchange, no signature.
    let id = "tls12-rsa-key-transport";
    let pki = scenario_pki(id, SEED).expect("catalogue id");
    g.bench_function(id, |b| {
        b.iter(|| run_with(id, SEED, &pki, 1).expect("catalogue id"))
    });
    let floor = RsaTransportFloor::new(&pki);
    let mut rng = LabRng::from_seed(SEED);
    g.bench_function(format!("{id}-floor"), |b| b.iter(|| floor.run(&mut rng)));
    let [median, q1, q3] = paired_ratio(
        || {
            black_box(run_with(id, SEED, &pki, 1));
        },
        || floor.run(&mut rng),
    );
    println!("paired-ratio {id} median={median:.4} q1={q1:.4} q3={q3:.4}");
    g.finish();
}

/// The asymmetric work of a one-way RSA key-transport handshake (see `engine`).
struct RsaTransportFloor {
    server_chain: [Signed; 2],
    server_key: mtls_lab_engine::crypto::rsa::RsaKey,
}

impl RsaTransportFloor {
    fn new(pki: &Pki) -> Self {
        let PrivateKey::Rsa(server_key) = &pki.server.key else {
            panic!("the RSA lesson's server key is RSA");
        };
        Self {
            server_chain: [
                Signed::new(&pki.intermediate.key, &pki.server.cert),
                Signed::new(&pki.root.key, &pki.intermediate.cert),
            ],
            server_key: (**server_key).clone(),
        }
    }

    fn run(&self, rng: &mut LabRng) {
        self.server_chain.iter().for_each(lab_verify);
        let mut pre_master: [u8; 48] = rng.bytes();
        pre_master[..2].copy_from_slice(&[3, 3]);
        let sealed = mtls_lab_engine::crypto::rsa::encrypt_pkcs1(
            &self.server_key.public(),
            &pre_master,
            rng,
        )
        .expect("a 2048-bit key");
        black_box(self.server_key.decrypt_pre_master(&sealed, 0x0303, rng));
    }
}

fn ops(c: &mut Bench) {
    let mut g = c.benchmark_group("ops");
    let pki = scenario_pki("mutual", SEED).expect("catalogue id");
    let inputs = FloorInputs::new(&pki);
    let cv = &inputs.server_cv;
    let key = &inputs.server_key;
    let sig = key.sign(cv);
    let public = key.public();
    let mut rng = LabRng::from_seed(SEED);
    g.bench_function("lab-p256-verify", |b| {
        b.iter(|| verify_ecdsa_p256_sha256(&public, cv, &sig))
    });
    g.bench_function("lab-p256-sign", |b| b.iter(|| key.sign(cv)));
    g.bench_function("lab-x25519", |b| {
        b.iter(|| {
            let share = KeyShare::generate(Group::X25519, &mut rng);
            share.agree(&public[1..33])
        })
    });
    let peer = KeyShare::generate(Group::Secp256r1, &mut rng);
    g.bench_function("lab-p256-ecdh", |b| {
        b.iter(|| {
            let share = KeyShare::generate(Group::Secp256r1, &mut rng);
            share.agree(peer.public())
        })
    });
    let provider = provider();
    let floor = ProviderFloor::new(&provider, &inputs);
    g.bench_function("aws-lc-p256-verify", |b| {
        b.iter(|| floor.verify.verify_signature(&public, cv, &sig))
    });
    g.bench_function("aws-lc-p256-sign", |b| {
        b.iter(|| floor.server_signer.sign(cv))
    });
    g.bench_function("aws-lc-x25519", |b| {
        b.iter(|| {
            let share = kx_group::X25519.start().expect("x25519 starts");
            share.complete(&public[1..33])
        })
    });
    let peer = peer.public().to_vec();
    g.bench_function("aws-lc-p256-ecdh", |b| {
        b.iter(|| {
            let share = kx_group::SECP256R1.start().expect("P-256 starts");
            share.complete(&peer)
        })
    });
    g.finish();
}

fn rustls(c: &mut Bench) {
    let mut g = c.benchmark_group("rustls");
    // rustls checks validity against the real clock, so its PKI is made around the real now.
    let now = UnixTime::now().as_secs() as i64;
    let pki = Pki::generate(&mut LabRng::from_seed(SEED), &PkiOptions::default(), now);
    let configs = rustls_configs(&pki);
    let request = mtls_lab_engine::scenario::http_request();
    let answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\nConnection: close\r\n\r\nHello, alice!\n";
    g.bench_function("mutual", |b| {
        b.iter(|| rustls_mutual(&configs, &request, answer))
    });
    let inputs = FloorInputs::new(&pki);
    let floor = ProviderFloor::new(&provider(), &inputs);
    g.bench_function("mutual-floor", |b| b.iter(|| floor.floor(&inputs)));
    g.finish();
    // The engine against rustls, and its floor against the provider's, in pairs as well.
    let lab_pki = scenario_pki("mutual", SEED).expect("catalogue id");
    let lab_inputs = FloorInputs::new(&lab_pki);
    let mut rng = LabRng::from_seed(SEED);
    let [median, q1, q3] = paired_ratio(
        || {
            black_box(run_with("mutual", SEED, &lab_pki, 1));
        },
        || rustls_mutual(&configs, &request, answer),
    );
    println!("paired-ratio engine-vs-rustls median={median:.4} q1={q1:.4} q3={q3:.4}");
    let [median, q1, q3] = paired_ratio(
        || lab_floor(&lab_inputs, &mut rng, true),
        || floor.floor(&inputs),
    );
    println!("paired-ratio floor-vs-aws-lc median={median:.4} q1={q1:.4} q3={q3:.4}");
}

fn records(c: &mut Bench) {
    let mut g = c.benchmark_group("records");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    let pki = scenario_pki("mutual", SEED).expect("catalogue id");
    for n in RECORDS {
        let trace = run_with("mutual", SEED, &pki, n).expect("catalogue id");
        let json = serde_json::to_vec(&trace).expect("a trace serializes");
        println!(
            "trace-size mutual requests={n} steps={} json_bytes={}",
            trace.steps.len(),
            json.len()
        );
        g.bench_with_input(BenchmarkId::new("mutual", n), &n, |b, &n| {
            b.iter(|| run_with("mutual", SEED, &pki, n).expect("catalogue id"))
        });
        // Growth against the one-request run, in pairs: drift-free, so a constant cost per
        // request shows as (ratio − 1) / (N − 1) staying the same.
        if n > 1 {
            let [median, q1, q3] = paired_ratio(
                || {
                    black_box(run_with("mutual", SEED, &pki, n));
                },
                || {
                    black_box(run_with("mutual", SEED, &pki, 1));
                },
            );
            println!("paired-ratio records-{n} median={median:.4} q1={q1:.4} q3={q3:.4}");
        }
    }
    g.finish();
}

/// About 5 s a benchmark, 2 minutes in all: enough samples for a stable median.
fn config() -> Bench {
    Criterion::default()
        .with_measurement(ThreadCpuTime)
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = pki, engine, ops, rustls, records
}
criterion_main!(benches);
