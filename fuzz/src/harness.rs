//! What each fuzz target does with its input, as plain functions: the libFuzzer targets in
//! `fuzz_targets/` call them, and `crates/engine/tests/fuzz_corpus.rs` includes this file to
//! replay `fuzz/corpus/*` through the very same code on stable Rust.
//!
//! Every function must return normally for any input: a panic is a finding.

use std::sync::OnceLock;

use mtls_lab_engine::LabRng;
use mtls_lab_engine::handshake::{ClientConfig, Connection, ServerConfig};
use mtls_lab_engine::pki::byo::{Trust, examine};
use mtls_lab_engine::pki::{Pki, PkiOptions};
use mtls_lab_engine::scenario::{self, LAB_NOW};
use mtls_lab_engine::wire::HandshakeMessage;
use mtls_lab_engine::wire::record::Record;

/// The lab PKI every target uses (made once: key generation is the slow part).
fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        Pki::generate(
            &mut LabRng::from_seed(0xf022),
            &PkiOptions::default(),
            LAB_NOW,
        )
    })
}

fn client_config() -> ClientConfig {
    scenario::client_config(pki(), true)
}

fn server_config() -> ServerConfig {
    scenario::server_config(pki(), true)
}

fn new_client() -> Connection {
    Connection::client(client_config(), LabRng::from_seed(1))
}

fn new_server() -> Connection {
    Connection::server(server_config(), LabRng::from_seed(2))
}

/// The real ClientHello record of [`client`], and the first record (ServerHello) of
/// [`server`]'s answer to it. The engine is deterministic, so they match every fresh pair.
fn real_hellos() -> &'static (Vec<u8>, Vec<u8>) {
    static HELLOS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    HELLOS.get_or_init(|| {
        let client_hello = new_client().take_tls();
        let mut s = new_server();
        let _ = s.read_tls(&client_hello);
        let flight = s.take_tls();
        let len = flight
            .get(3..5)
            .map(|l| 5 + usize::from(u16::from_be_bytes([l[0], l[1]])))
            .unwrap_or(0);
        (client_hello, flight.get(..len).unwrap_or_default().to_vec())
    })
}

/// Feeds `data` to `conn` in pieces: the first byte picks the piece size (1 to 256 bytes),
/// so records arrive whole, split and coalesced.
fn feed(conn: &mut Connection, data: &[u8]) {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    for piece in rest.chunks(usize::from(size) + 1) {
        let _ = conn.read_tls(piece);
        let _ = conn.take_tls();
        let _ = conn.take_app_data();
        let _ = conn.take_events();
    }
    // Whatever state it ended in, the connection still answers questions and closes.
    let _ = conn.error();
    let _ = conn.is_handshaking();
    let _ = conn.negotiated();
    conn.close();
    let _ = conn.take_tls();
}

/// The record layer: framing `data` record by record, and a fresh server reading it.
pub fn record(data: &[u8]) {
    let mut buf = data.to_vec();
    while let Ok(Some(r)) = Record::take(&mut buf) {
        let again = r.to_bytes();
        // Framing keeps every byte but the version, which it writes as 3.3.
        assert_eq!(again.len(), 5 + r.fragment.len());
        assert_eq!(again[0], r.content_type.0);
    }
    let mut s = new_server();
    let _ = s.read_tls(data);
    let _ = s.take_tls();
}

/// Every handshake message decoder: whatever decodes re-encodes to something that decodes
/// to the same value.
pub fn handshake_message(data: &[u8]) {
    if let Ok((msg, tree)) = HandshakeMessage::decode(data) {
        assert!(tree.end <= data.len());
        let again = msg.encode();
        let back = HandshakeMessage::decode(&again).map(|(m, _)| m);
        assert_eq!(
            back.as_ref(),
            Ok(&msg),
            "decode ∘ encode is not a fixed point"
        );
    }
}

/// The server state machine: arbitrary bytes first (even byte 0), or after the real
/// ClientHello (odd byte 0), when the server has handshake keys and waits for the client's
/// Certificate.
pub fn server(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut s = new_server();
    if mode & 1 == 1 {
        let _ = s.read_tls(&real_hellos().0);
        let _ = s.take_tls();
    }
    feed(&mut s, rest);
}

/// The client state machine: after its ClientHello, arbitrary bytes (even byte 0), or the
/// real ServerHello and then arbitrary bytes (odd byte 0), when the client has handshake
/// keys and waits for EncryptedExtensions.
pub fn client(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut c = new_client();
    let _ = c.take_tls();
    if mode & 1 == 1 {
        let _ = c.read_tls(&real_hellos().1);
    }
    feed(&mut c, rest);
}

/// The bring-your-own-certificate path: PEM or DER in, every certificate decoded and checked.
pub fn byo(data: &[u8]) {
    static TRUST: OnceLock<Trust> = OnceLock::new();
    let trust = TRUST.get_or_init(|| Trust::of(pki()));
    let _ = examine(data, trust);
}
