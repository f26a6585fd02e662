//! Exports of a run: files other tools open (Wireshark, Mermaid, OpenSSL).
//!
//! Every export is a pure function of a [`crate::Trace`] (and, for the PEM bundle, of the
//! scenario id and seed that made it): no I/O, no clock, so the CLI and the web page offer the
//! very same bytes for the same seed. The JSON form of the trace is serde's (see
//! `docs/TRACE.md`); the NSS key log is [`crate::Trace::keylog_file`].

mod mermaid;
mod pcapng;
mod pem;

pub use mermaid::mermaid;
pub use pcapng::{
    ATTACKER_ADDR, CLIENT_ADDR, CLIENT_PORT_BASE, SERVER_ADDR, SERVER_PORT, address_of, pcapng,
    pcapng_without_secrets,
};
pub use pem::{pem_bundle, pem_bundle_for};

use crate::handshake::Epoch;
use crate::trace::{Participant, Step};
use crate::wire::ContentType;

/// A participant's name in exports.
fn who(p: Participant) -> &'static str {
    match p {
        Participant::Client => "client",
        Participant::Server => "server",
        Participant::Attacker => "attacker",
    }
}

/// What a record carries, in protocol names: its handshake messages, `Alert <name>`,
/// `ChangeCipherSpec` or `application data (N bytes)`.
fn record_label(step: &Step) -> String {
    if !step.messages.is_empty() {
        return step
            .messages
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
    }
    if let Some(a) = step.alert {
        return format!("Alert {}", a.name());
    }
    match step.record.content_type {
        ContentType::CHANGE_CIPHER_SPEC => "ChangeCipherSpec".into(),
        ContentType::APPLICATION_DATA if step.record.plaintext.is_empty() => {
            "application data".into()
        }
        ContentType::APPLICATION_DATA => {
            format!("application data ({} bytes)", step.record.plaintext.len())
        }
        other => other.name().into(),
    }
}

/// Whether the record is encrypted on the wire.
fn encrypted(step: &Step) -> bool {
    step.record.epoch != Epoch::Plaintext
}
