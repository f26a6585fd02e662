//! Forward secrecy, shown: what an eavesdropper who recorded a run can decrypt once the
//! server's private key leaks afterwards (the `forward-secrecy` lesson).
//!
//! The eavesdropper works from the recording alone, the records' wire bytes in the Trace, and
//! the leaked key: it reads the randoms and the handshake messages through ClientKeyExchange,
//! which TLS 1.2 sends in the clear, decrypts an RSA-encrypted pre-master secret with the key
//! (RFC 5246 §7.4.7.1), derives the master secret (RFC 5246 §8.1; with the extended master
//! secret, from the hash of those messages, RFC 7627 §4) and the key block (§6.3) as the
//! endpoints did, and opens the recorded encrypted records. With ECDHE, of the key exchange the
//! recording holds only the two ephemeral public keys: the private halves never crossed the
//! wire, the server's long-term key signed but encrypted nothing, so there is nothing for the
//! leaked key to open.

use serde::{Deserialize, Serialize};

use crate::wire::ContentType;

/// How a recorded connection's keys were agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyExchange {
    /// RSA key transport: the pre-master secret encrypted with the server's public key.
    RsaKeyTransport,
    /// Ephemeral ECDH: a fresh key pair per side, thrown away after the handshake.
    Ecdhe,
}

/// A recorded record the eavesdropper decrypted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedRecord {
    /// The step it was recorded at.
    pub step: usize,
    /// Its content type (handshake for Finished, application data, alert).
    pub content_type: ContentType,
    /// What it carried.
    pub plaintext: Vec<u8>,
}

/// What the eavesdropper made of one recorded connection with the leaked key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakedConnection {
    /// The connection ([`crate::trace::Step::connection`]).
    pub connection: u32,
    /// How its keys were agreed.
    pub key_exchange: KeyExchange,
    /// The pre-master secret decrypted from the recorded ClientKeyExchange (RSA key transport
    /// only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_master: Option<Vec<u8>>,
    /// The encrypted records it opened, in order: every one with RSA key transport, none with
    /// ECDHE.
    pub opened: Vec<OpenedRecord>,
}

/// What the eavesdropper decrypts after the leak, connection by connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakReport {
    /// One entry per recorded connection, in order.
    pub connections: Vec<LeakedConnection>,
}

impl LeakReport {
    /// What an eavesdropper holding `trace`'s recording and the server's `leaked` key decrypts
    /// (the pre-master secret's countermeasure draws from `rng`, as a server's would).
    #[cfg(all(feature = "tls12", feature = "rsa"))]
    pub fn after_leak(
        trace: &crate::trace::Trace,
        leaked: &crate::crypto::PrivateKey,
        rng: &mut crate::rng::LabRng,
    ) -> Self {
        let mut connections: Vec<u32> = trace.steps.iter().map(|s| s.connection).collect();
        connections.dedup();
        Self {
            connections: connections
                .into_iter()
                .map(|c| open_connection(trace, c, leaked, rng))
                .collect(),
        }
    }
}

/// The recorded handshake of connection `c`, as an eavesdropper reads it from the wire.
#[cfg(all(feature = "tls12", feature = "rsa"))]
fn open_connection(
    trace: &crate::trace::Trace,
    c: u32,
    leaked: &crate::crypto::PrivateKey,
    rng: &mut crate::rng::LabRng,
) -> LeakedConnection {
    use crate::crypto::tls12::{KeyBlock, Tls12Cipher, master_secret};
    use crate::handshake::Epoch;
    use crate::trace::Participant;
    use crate::wire::handshake::{HandshakeMessage, TlsVersion, ext};

    let steps: Vec<&crate::trace::Step> = trace
        .steps
        .iter()
        .filter(|s| s.connection == c && s.from != Participant::Attacker)
        .collect();
    let mut transcript = Vec::new();
    let (mut client_random, mut server_random) = ([0u8; 32], [0u8; 32]);
    let (mut client_version, mut extended) = (0u16, false);
    let mut encrypted = None;
    let mut session_hash = [0u8; 32];
    for s in &steps {
        if s.record.epoch != Epoch::Plaintext || s.record.content_type != ContentType::HANDSHAKE {
            continue;
        }
        // The fragment after the record header, split as TLS 1.2 writes it.
        let fragment = s.record.wire.get(5..).unwrap_or_default();
        for m in crate::trace::split_messages_in(fragment, TlsVersion::Tls12) {
            if encrypted.is_none() {
                transcript.extend_from_slice(&m.bytes);
            }
            match HandshakeMessage::decode_in(&m.bytes, TlsVersion::Tls12).map(|(msg, _)| msg) {
                Ok(HandshakeMessage::ClientHello(ch)) => {
                    client_random = ch.random;
                    client_version = ch.legacy_version;
                }
                Ok(HandshakeMessage::ServerHello(sh)) => {
                    server_random = sh.random;
                    extended = sh
                        .extensions
                        .iter()
                        .any(|e| e.code() == ext::EXTENDED_MASTER_SECRET);
                }
                Ok(HandshakeMessage::ClientKeyExchangeRsa(e)) => {
                    session_hash = crate::crypto::sha256(&transcript);
                    encrypted = Some(e);
                }
                _ => {}
            }
        }
    }
    let Some(encrypted) = encrypted else {
        return LeakedConnection {
            connection: c,
            key_exchange: KeyExchange::Ecdhe,
            pre_master: None,
            opened: Vec::new(),
        };
    };
    let crate::crypto::PrivateKey::Rsa(key) = leaked else {
        // Not the key the pre-master secret was encrypted with: nothing opens.
        return LeakedConnection {
            connection: c,
            key_exchange: KeyExchange::RsaKeyTransport,
            pre_master: None,
            opened: Vec::new(),
        };
    };
    let (pre_master, _) = key.decrypt_pre_master(&encrypted, client_version, rng);
    let master = master_secret(
        &pre_master,
        extended,
        &session_hash,
        &client_random,
        &server_random,
    );
    let keys = KeyBlock::derive(&master, &client_random, &server_random);
    let mut client = Tls12Cipher::new(&keys.client_key, &keys.client_iv);
    let mut server = Tls12Cipher::new(&keys.server_key, &keys.server_iv);
    let mut opened = Vec::new();
    for s in steps.iter().filter(|s| s.record.epoch != Epoch::Plaintext) {
        let cipher = if s.from == Participant::Client {
            &mut client
        } else {
            &mut server
        };
        let content_type = s.record.wire.first().copied().unwrap_or_default();
        let fragment = s.record.wire.get(5..).unwrap_or_default();
        if let Ok(plaintext) = cipher.open(content_type, fragment) {
            opened.push(OpenedRecord {
                step: s.index,
                content_type: ContentType(content_type),
                plaintext,
            });
        }
    }
    LeakedConnection {
        connection: c,
        key_exchange: KeyExchange::RsaKeyTransport,
        pre_master: Some(pre_master.to_vec()),
        opened,
    }
}
