//! Who holds which key: the key-role table, read off a [`Trace`].
//!
//! Each row is a key or secret, each column a party (client, server, a passive observer on the
//! wire, and the attacker when one takes part). A cell says whether that party holds the key
//! at a given step, will hold it later in this run, or never does. Everything comes from the
//! key events the endpoints recorded and from which records crossed the wire unencrypted, so
//! the table is a reading of the run, not a picture drawn beside it.

use serde::{Deserialize, Serialize};

use crate::handshake::{Epoch, Event, KeyAction, KeyKind};
use crate::trace::{Participant, Trace};

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// The TLS client.
    Client,
    /// The TLS server.
    Server,
    /// Someone who records every byte on the wire and changes nothing.
    Observer,
    /// The active attacker of an attack scenario.
    Attacker,
}

impl From<Participant> for Viewer {
    fn from(p: Participant) -> Self {
        match p {
            Participant::Client => Self::Client,
            Participant::Server => Self::Server,
            Participant::Attacker => Self::Attacker,
        }
    }
}

/// A row of the table: a key, a key pair half, or a family of secrets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKey {
    /// The private keys of the root and intermediate CAs (they stay with the CA, offline).
    CaPrivateKeys,
    /// The server's long-term private key.
    ServerPrivateKey,
    /// The server's public key, in its certificate.
    ServerPublicKey,
    /// The client's long-term private key.
    ClientPrivateKey,
    /// The client's public key, in its certificate.
    ClientPublicKey,
    /// The client's ephemeral key-share private key.
    ClientEphemeralPrivate,
    /// The client's ephemeral public key share (in ClientHello).
    ClientEphemeralPublic,
    /// The server's ephemeral key-share private key.
    ServerEphemeralPrivate,
    /// The server's ephemeral public key share (in ServerHello).
    ServerEphemeralPublic,
    /// The (EC)DHE shared secret.
    SharedSecret,
    /// The handshake traffic secrets and the keys made from them.
    HandshakeTrafficKeys,
    /// The application traffic secrets and the keys made from them: the session keys.
    ApplicationTrafficKeys,
}

/// Every row, in display order.
pub const ROWS: [RoleKey; 12] = [
    RoleKey::CaPrivateKeys,
    RoleKey::ServerPrivateKey,
    RoleKey::ServerPublicKey,
    RoleKey::ClientPrivateKey,
    RoleKey::ClientPublicKey,
    RoleKey::ClientEphemeralPrivate,
    RoleKey::ClientEphemeralPublic,
    RoleKey::ServerEphemeralPrivate,
    RoleKey::ServerEphemeralPublic,
    RoleKey::SharedSecret,
    RoleKey::HandshakeTrafficKeys,
    RoleKey::ApplicationTrafficKeys,
];

impl RoleKey {
    /// The row a key event belongs to.
    pub fn of(kind: KeyKind) -> Self {
        match kind {
            KeyKind::ClientEphemeralPrivate => Self::ClientEphemeralPrivate,
            KeyKind::ClientEphemeralPublic => Self::ClientEphemeralPublic,
            KeyKind::ServerEphemeralPrivate => Self::ServerEphemeralPrivate,
            KeyKind::ServerEphemeralPublic => Self::ServerEphemeralPublic,
            KeyKind::SharedSecret => Self::SharedSecret,
            KeyKind::HandshakeSecret
            | KeyKind::ClientHandshakeTraffic
            | KeyKind::ServerHandshakeTraffic => Self::HandshakeTrafficKeys,
            KeyKind::MasterSecret
            | KeyKind::Tls12MasterSecret
            | KeyKind::Tls12KeyBlock
            | KeyKind::ClientApplicationTraffic
            | KeyKind::ServerApplicationTraffic => Self::ApplicationTrafficKeys,
            KeyKind::ServerPrivateKey => Self::ServerPrivateKey,
            KeyKind::ClientPrivateKey => Self::ClientPrivateKey,
            KeyKind::ServerPublicKey => Self::ServerPublicKey,
            KeyKind::ClientPublicKey => Self::ClientPublicKey,
        }
    }

    /// Whether the row is public material (fine for anyone to see).
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Self::ServerPublicKey
                | Self::ClientPublicKey
                | Self::ClientEphemeralPublic
                | Self::ServerEphemeralPublic
        )
    }
}

/// A cell of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// Has it at this step.
    Holds,
    /// Gets it later in this run.
    Later,
    /// Never has it in this run.
    Never,
}

/// One row at one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRow {
    /// Which key.
    pub key: RoleKey,
    /// One cell per column of [`KeyRoles::columns`].
    pub cells: Vec<Holding>,
    /// Whether the current step generated, derived, received or used this key.
    pub active: bool,
}

/// The table at one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRoles {
    /// The columns, in order.
    pub columns: Vec<Viewer>,
    /// The rows, in [`ROWS`] order.
    pub rows: Vec<RoleRow>,
}

/// The first step at which each (row, column) comes to hold its key, over the whole run.
fn first_held(trace: &Trace, columns: &[Viewer]) -> Vec<Vec<Option<usize>>> {
    let mut first = vec![vec![None; columns.len()]; ROWS.len()];
    let mut note = |row: RoleKey, viewer: Viewer, step: usize| {
        let (Some(r), Some(c)) = (
            ROWS.iter().position(|k| *k == row),
            columns.iter().position(|v| *v == viewer),
        ) else {
            return;
        };
        let cell = &mut first[r][c];
        *cell = Some(cell.map_or(step, |s: usize| s.min(step)));
    };
    for step in &trace.steps {
        for e in &step.events {
            if let Event::Key(k) = &e.event {
                let row = RoleKey::of(k.key);
                // An attacker that plays a server (or client) of its own signs with its own
                // key, for its own certificate: that is not the real server's (or client's)
                // private key, which only its owner ever holds.
                if e.by == Participant::Attacker
                    && matches!(row, RoleKey::ServerPrivateKey | RoleKey::ClientPrivateKey)
                {
                    continue;
                }
                // A long-term private key is configured before the run starts: whoever uses
                // it in the run has held it all along.
                let at = match (row, k.action) {
                    (RoleKey::ServerPrivateKey | RoleKey::ClientPrivateKey, KeyAction::Used) => 0,
                    _ => step.index,
                };
                note(row, e.by.into(), at);
                // The holder of a private key holds its public key too: it is in the holder's
                // own certificate.
                match row {
                    RoleKey::ServerPrivateKey => note(RoleKey::ServerPublicKey, e.by.into(), at),
                    RoleKey::ClientPrivateKey => note(RoleKey::ClientPublicKey, e.by.into(), at),
                    _ => {}
                }
                // Whoever sent the certificate a peer takes a public key from held that
                // certificate before the run (nobody in a run forwards one it received): an
                // impostor that replays the real server's certificate holds the real server's
                // public key, which is public.
                if k.action == KeyAction::Received
                    && matches!(row, RoleKey::ServerPublicKey | RoleKey::ClientPublicKey)
                {
                    note(row, step.from.into(), 0);
                }
            }
        }
        // The observer sees what crosses the wire unencrypted: the ephemeral public keys, in
        // TLS 1.3's hellos (key_share) and in TLS 1.2's ServerKeyExchange and (with ECDHE)
        // ClientKeyExchange. A TLS 1.2 hello carries none, nor does RSA key transport.
        if step.record.epoch == Epoch::Plaintext {
            use crate::trace::{Explain, Tls12Step};
            let row = match step.explain {
                Explain::ClientHello | Explain::Tls12(Tls12Step::ClientKeyExchange) => {
                    Some(RoleKey::ClientEphemeralPublic)
                }
                Explain::ServerHello | Explain::Tls12(Tls12Step::ServerKeyExchange) => {
                    Some(RoleKey::ServerEphemeralPublic)
                }
                _ => None,
            };
            if let Some(row) = row {
                note(row, Viewer::Observer, step.index);
            }
        }
    }
    first
}

/// The key-role table of `trace` as it stands after step `at` (0-based; past the end means
/// after the last step).
pub fn key_roles(trace: &Trace, at: usize) -> KeyRoles {
    let mut columns = vec![Viewer::Client, Viewer::Server, Viewer::Observer];
    // A passive eavesdropper is the observer: no column of its own.
    if trace.participants.contains(&Participant::Attacker) && !trace.attacker_is_passive() {
        columns.push(Viewer::Attacker);
    }
    let first = first_held(trace, &columns);
    let current = trace.steps.get(at);
    // TLS 1.2 has no handshake traffic keys (its handshake is in the clear up to Finished):
    // no row for them.
    let tls12 = trace.version() == crate::wire::handshake::TlsVersion::Tls12;
    let rows = ROWS
        .iter()
        .zip(&first)
        .filter(|(key, _)| !(tls12 && **key == RoleKey::HandshakeTrafficKeys))
        .map(|(key, firsts)| RoleRow {
            key: *key,
            cells: firsts
                .iter()
                .map(|f| match f {
                    Some(s) if *s <= at => Holding::Holds,
                    Some(_) => Holding::Later,
                    None => Holding::Never,
                })
                .collect(),
            active: current.is_some_and(|s| {
                s.events
                    .iter()
                    .any(|e| matches!(&e.event, Event::Key(k) if RoleKey::of(k.key) == *key))
            }),
        })
        .collect();
    KeyRoles { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::run_scenario;

    fn cell(t: &KeyRoles, key: RoleKey, who: Viewer) -> Holding {
        let c = t.columns.iter().position(|v| *v == who).expect("column");
        let r = t.rows.iter().find(|r| r.key == key).expect("row");
        r.cells[c]
    }

    /// The observer reads an ephemeral public key where it crosses the wire: TLS 1.2's
    /// ClientKeyExchange, not its ClientHello (which has no key share); and RSA key transport
    /// has none at all, while only the server ever holds its private key.
    #[test]
    fn the_observer_sees_tls12_ephemeral_keys_only_where_they_are_sent() {
        use crate::trace::{Explain, Tls12Step};
        let trace = run_scenario("tls12-one-way", 5).expect("known scenario");
        let at = |e: Explain| {
            trace
                .steps
                .iter()
                .position(|s| s.explain == e)
                .expect("the step")
        };
        let hello = key_roles(&trace, at(Explain::Tls12(Tls12Step::ClientHello)));
        assert_eq!(
            cell(&hello, RoleKey::ClientEphemeralPublic, Viewer::Observer),
            Holding::Later
        );
        let cke = key_roles(&trace, at(Explain::Tls12(Tls12Step::ClientKeyExchange)));
        assert_eq!(
            cell(&cke, RoleKey::ClientEphemeralPublic, Viewer::Observer),
            Holding::Holds
        );
        let rsa = run_scenario("tls12-rsa-key-transport", 5).expect("known scenario");
        let end = key_roles(&rsa, usize::MAX);
        for key in [
            RoleKey::ClientEphemeralPublic,
            RoleKey::ServerEphemeralPublic,
            RoleKey::SharedSecret,
            RoleKey::ServerPrivateKey,
        ] {
            assert_eq!(cell(&end, key, Viewer::Observer), Holding::Never, "{key:?}");
        }
        assert_eq!(
            cell(&end, RoleKey::ServerPrivateKey, Viewer::Client),
            Holding::Never
        );
        for who in [Viewer::Client, Viewer::Server] {
            assert_eq!(cell(&end, RoleKey::SharedSecret, who), Holding::Holds);
        }
        assert!(
            !end.rows
                .iter()
                .any(|r| r.key == RoleKey::HandshakeTrafficKeys),
            "TLS 1.2 has no handshake traffic keys"
        );
    }

    #[test]
    fn nobody_but_its_owner_ever_holds_a_private_key() {
        for id in ["one-way", "mutual", "mutual-hrr"] {
            let trace = run_scenario(id, 5).expect("known scenario");
            let end = key_roles(&trace, usize::MAX);
            assert_eq!(
                cell(&end, RoleKey::ServerPrivateKey, Viewer::Server),
                Holding::Holds
            );
            assert_eq!(
                cell(&end, RoleKey::ServerPrivateKey, Viewer::Client),
                Holding::Never
            );
            assert_eq!(
                cell(&end, RoleKey::ClientPrivateKey, Viewer::Server),
                Holding::Never
            );
            assert_eq!(
                cell(&end, RoleKey::CaPrivateKeys, Viewer::Client),
                Holding::Never
            );
            for key in ROWS {
                if !key.is_public() {
                    assert_eq!(
                        cell(&end, key, Viewer::Observer),
                        Holding::Never,
                        "{id} {key:?}"
                    );
                }
            }
            // Both ends end up with the session keys; the observer sees the public shares.
            for who in [Viewer::Client, Viewer::Server] {
                assert_eq!(
                    cell(&end, RoleKey::ApplicationTrafficKeys, who),
                    Holding::Holds
                );
            }
            assert_eq!(
                cell(&end, RoleKey::ClientEphemeralPublic, Viewer::Observer),
                Holding::Holds
            );
        }
    }

    #[test]
    fn attackers_never_hold_the_real_long_term_keys() {
        for id in [
            "impostor-server",
            "stolen-client-cert",
            "aitm-relay-one-way",
            "aitm-relay-mutual",
            "tampered-record",
        ] {
            let trace = run_scenario(id, 5).expect("known scenario");
            let end = key_roles(&trace, usize::MAX);
            for key in [RoleKey::ServerPrivateKey, RoleKey::ClientPrivateKey] {
                assert_eq!(cell(&end, key, Viewer::Attacker), Holding::Never, "{id}");
            }
        }
        // The phishing proxy terminates the victim's TLS: it holds the session keys.
        let trace = run_scenario("aitm-relay-one-way", 5).expect("known scenario");
        let end = key_roles(&trace, usize::MAX);
        assert_eq!(
            cell(&end, RoleKey::ApplicationTrafficKeys, Viewer::Attacker),
            Holding::Holds
        );
    }

    #[test]
    fn each_side_holds_its_own_public_key_from_the_start() {
        let mutual = key_roles(&run_scenario("mutual", 5).expect("known scenario"), 0);
        assert_eq!(
            cell(&mutual, RoleKey::ServerPublicKey, Viewer::Server),
            Holding::Holds
        );
        assert_eq!(
            cell(&mutual, RoleKey::ClientPublicKey, Viewer::Client),
            Holding::Holds
        );
        // The peer gets it later, from the Certificate message; the observer never (TLS 1.3
        // encrypts certificates).
        assert_eq!(
            cell(&mutual, RoleKey::ServerPublicKey, Viewer::Client),
            Holding::Later
        );
        assert_eq!(
            cell(&mutual, RoleKey::ServerPublicKey, Viewer::Observer),
            Holding::Never
        );
        // Without a client certificate, the client has no key pair of its own in this run.
        let one_way = run_scenario("one-way", 5).expect("known scenario");
        let end = key_roles(&one_way, usize::MAX);
        assert_eq!(
            cell(&end, RoleKey::ClientPublicKey, Viewer::Client),
            Holding::Never
        );
    }

    #[test]
    fn an_impostor_that_replays_a_certificate_holds_its_public_key_not_its_private_key() {
        let trace = run_scenario("impostor-server", 5).expect("known scenario");
        let end = key_roles(&trace, usize::MAX);
        assert_eq!(
            cell(&end, RoleKey::ServerPublicKey, Viewer::Attacker),
            Holding::Holds
        );
        assert_eq!(
            cell(&end, RoleKey::ServerPrivateKey, Viewer::Attacker),
            Holding::Never
        );
        let trace = run_scenario("stolen-client-cert", 5).expect("known scenario");
        let end = key_roles(&trace, usize::MAX);
        assert_eq!(
            cell(&end, RoleKey::ClientPublicKey, Viewer::Attacker),
            Holding::Holds
        );
        assert_eq!(
            cell(&end, RoleKey::ClientPrivateKey, Viewer::Attacker),
            Holding::Never
        );
    }

    #[test]
    fn the_client_private_key_is_used_only_in_mutual_tls() {
        let one_way = run_scenario("one-way", 5).expect("known scenario");
        let mutual = run_scenario("mutual", 5).expect("known scenario");
        let at_end = |t| key_roles(t, usize::MAX);
        assert_eq!(
            cell(&at_end(&one_way), RoleKey::ClientPrivateKey, Viewer::Client),
            Holding::Never
        );
        assert_eq!(
            cell(&at_end(&mutual), RoleKey::ClientPrivateKey, Viewer::Client),
            Holding::Holds
        );
    }

    #[test]
    fn an_eavesdropper_is_the_observer_column_not_an_attacker_column() {
        let observer = run_scenario("observer", 5).expect("known scenario");
        let table = key_roles(&observer, usize::MAX);
        assert_eq!(
            table.columns,
            vec![Viewer::Client, Viewer::Server, Viewer::Observer]
        );
        let relay = run_scenario("aitm-relay-one-way", 5).expect("known scenario");
        assert!(
            key_roles(&relay, usize::MAX)
                .columns
                .contains(&Viewer::Attacker)
        );
    }

    #[test]
    fn keys_appear_as_the_run_goes() {
        let trace = run_scenario("one-way", 5).expect("known scenario");
        let start = key_roles(&trace, 0);
        assert_eq!(
            cell(&start, RoleKey::ClientEphemeralPrivate, Viewer::Client),
            Holding::Holds
        );
        assert_eq!(
            cell(&start, RoleKey::SharedSecret, Viewer::Client),
            Holding::Later
        );
        assert!(
            start.rows.iter().any(|r| r.active),
            "the ClientHello step makes a key share"
        );
    }
}
