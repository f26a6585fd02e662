//! What a run's handshake was like, read off its Trace: round trips, what crossed the wire in
//! the clear, how the server proved its key, whether the key exchange was ephemeral. The page's
//! TLS 1.3 and TLS 1.2 comparison words these facts; it computes none of them.

use crate::handshake::{CheckKind, Epoch, Event, KeyAction, KeyKind};
use crate::trace::{Participant, Step, Trace};
use crate::wire::ContentType;

/// The facts of one run (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandshakeFacts {
    /// The round trips the client waited before it could send its request: the server's
    /// flights before the client's first application data.
    pub round_trips: usize,
    /// The handshake messages sent in the clear, in order, with their senders.
    pub in_clear: Vec<(Participant, String)>,
    /// Every handshake message's name, in order of first appearance.
    pub messages: Vec<String>,
    /// Whether the client's Certificate crossed the wire in the clear.
    pub client_certificate_in_clear: bool,
    /// The client's check of the server's signature: CertificateVerify's (TLS 1.3) or
    /// ServerKeyExchange's (TLS 1.2); `None` when it made neither.
    pub server_proof: Option<CheckKind>,
    /// Whether both sides generated an ephemeral key pair for the key exchange (ECDHE).
    pub ephemeral: bool,
}

/// Whether a step's handshake messages crossed the wire unencrypted.
fn in_clear(s: &Step) -> bool {
    s.record.epoch == Epoch::Plaintext && s.record.content_type == ContentType::HANDSHAKE
}

impl HandshakeFacts {
    /// The facts of `trace`.
    pub fn of(trace: &Trace) -> Self {
        let mut round_trips = 0;
        let mut last = None;
        for s in &trace.steps {
            if s.from == Participant::Client
                && s.record.content_type == ContentType::APPLICATION_DATA
            {
                break;
            }
            if s.from == Participant::Server && last != Some(Participant::Server) {
                round_trips += 1;
            }
            last = Some(s.from);
        }
        let in_clear: Vec<(Participant, String)> = trace
            .steps
            .iter()
            .filter(|s| in_clear(s))
            .flat_map(|s| s.messages.iter().map(|m| (s.from, m.name.clone())))
            .collect();
        let mut messages: Vec<String> = Vec::new();
        for m in trace.steps.iter().flat_map(|s| &s.messages) {
            if !messages.contains(&m.name) {
                messages.push(m.name.clone());
            }
        }
        let events = || trace.steps.iter().flat_map(|s| &s.events);
        let checked = |kind: CheckKind| {
            events().any(|e| matches!(&e.event, Event::Check(c) if c.check == kind))
        };
        let server_proof = [
            CheckKind::ServerCertificateVerify,
            CheckKind::ServerKeyExchangeSignature,
        ]
        .into_iter()
        .find(|k| checked(*k));
        let generated = |kind: KeyKind| {
            events().any(|e| {
                matches!(&e.event, Event::Key(k) if k.key == kind && k.action == KeyAction::Generated)
            })
        };
        Self {
            round_trips,
            client_certificate_in_clear: in_clear
                .iter()
                .any(|(from, name)| *from == Participant::Client && name == "Certificate"),
            in_clear,
            messages,
            server_proof,
            ephemeral: generated(KeyKind::ClientEphemeralPrivate)
                && generated(KeyKind::ServerEphemeralPrivate),
        }
    }

    /// The message names of these facts' run that `other`'s run has none of.
    pub fn only_here<'a>(&'a self, other: &Self) -> Vec<&'a str> {
        self.messages
            .iter()
            .filter(|m| !other.messages.contains(m))
            .map(String::as_str)
            .collect()
    }
}
