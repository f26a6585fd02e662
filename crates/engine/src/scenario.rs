//! The scenario catalogue: each id is a complete, reproducible run of the engine.
//!
//! The ids are a public interface (the URL's `?scenario=` and `mtls-lab run <id>`).

use serde::{Deserialize, Serialize};

use crate::crypto::Group;
use crate::handshake::{ClientAuth, ClientConfig, Connection, Identity, Negotiated, ServerConfig};
use crate::pki::{Pki, PkiOptions, inspect};
use crate::rng::LabRng;
use crate::session::{Exchange, run};
use crate::trace::Trace;

/// The lab's fixed "now" (2026-01-01T00:00:00Z): with it, a seed fixes every byte, certificate
/// validity dates included, on every screen and in every year.
pub const LAB_NOW: i64 = 1_767_225_600;

/// The server name every scenario's client asks for.
pub const SERVER_NAME: &str = "server.example";

/// How a scenario is grouped in the picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Handshakes that succeed.
    HappyPath,
    /// The server refuses the client's certificate.
    ClientCertificateFailure,
    /// The client refuses the server's certificate.
    ServerCertificateFailure,
    /// Someone on the path attacks.
    Attack,
}

/// A catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The public id.
    pub id: &'static str,
    /// Picker group.
    pub group: Category,
    /// Whether the server asks for a client certificate.
    pub mutual: bool,
}

/// Every scenario this build runs, in picker order.
pub const CATALOGUE: &[Scenario] = &[
    Scenario {
        id: "one-way",
        group: Category::HappyPath,
        mutual: false,
    },
    Scenario {
        id: "mutual",
        group: Category::HappyPath,
        mutual: true,
    },
    Scenario {
        id: "mutual-hrr",
        group: Category::HappyPath,
        mutual: true,
    },
    Scenario {
        id: "no-client-cert",
        group: Category::ClientCertificateFailure,
        mutual: true,
    },
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
        .unwrap_or_else(|| "anonymous".into());
    let body = format!("Hello, {who}!\n");
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).into_bytes()
}

/// Runs scenario `id` with all randomness from `seed`. `None` for an unknown id.
pub fn run_scenario(id: &str, seed: u64) -> Option<Trace> {
    let scenario = find(id)?;
    let mut rng = LabRng::from_seed(seed);
    let pki = Pki::generate(&mut rng.fork(), &PkiOptions::default(), LAB_NOW);
    let server_identity = Identity {
        chain: pki.server.chain.clone(),
        key: pki.server.key.clone(),
    };
    let client_identity = Identity {
        chain: pki.client.chain.clone(),
        key: pki.client.key.clone(),
    };
    let mut client = ClientConfig {
        server_name: SERVER_NAME.into(),
        root: pki.root.cert.clone(),
        identity: scenario.mutual.then_some(client_identity),
        supported_groups: vec![Group::X25519, Group::Secp256r1],
        key_share_groups: vec![Group::X25519],
        alpn: vec![b"http/1.1".to_vec()],
        now: LAB_NOW,
    };
    let mut server = ServerConfig {
        identity: server_identity,
        client_auth: if scenario.mutual {
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
    };
    match id {
        // The server prefers P-256; the client guessed x25519: HelloRetryRequest.
        "mutual-hrr" => server.groups = vec![Group::Secp256r1, Group::X25519],
        "no-client-cert" => client.identity = None,
        _ => {}
    }
    let client = Connection::client(client, rng.fork());
    let server = Connection::server(server, rng.fork());
    let exchange = Exchange {
        request: http_request(),
        respond: &http_response,
    };
    Some(run(client, server, &exchange, None, seed, id))
}
