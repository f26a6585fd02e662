//! Runs TLS endpoints against each other in memory and records the Trace.
//!
//! The driver ([`Net`]) delivers one record at a time, so every step of the trace is one record
//! and the events each endpoint reports while handling it land on that step. Endpoints are
//! wired in pairs (a client and its server); a pair may be the victim and a proxy, or the
//! proxy and the real server, so an attacker that runs two connections shows up as the
//! [`Participant::Attacker`] lane between them. A scenario can also let an on-path attacker
//! change a record on its way ([`Interceptor`]): the record then goes to the attacker, and the
//! attacker's version is a step of its own.

use std::collections::VecDeque;

use crate::handshake::{Connection, Epoch, Event, KeyLogLine, Negotiated};
use crate::trace::{
    Explain, Outcome, Participant, RecordView, Step, StepEvent, TRACE_VERSION, Trace, explain_id,
    observe, split_messages_in,
};
use crate::wire::handshake::TlsVersion;
use crate::wire::{AlertDescription, ContentType};

/// Lets an on-path attacker rewrite a record before delivery. Returns the bytes to deliver
/// instead, or `None` to pass the record unchanged.
pub type Interceptor<'a> = &'a mut dyn FnMut(&Step) -> Option<Vec<u8>>;

/// What the application layer does once the handshake completes.
pub struct Exchange<'a> {
    /// What the client sends first (an HTTP request).
    pub request: Vec<u8>,
    /// How the server answers, given the request and what the handshake negotiated.
    pub respond: &'a dyn Fn(&[u8], &Negotiated) -> Vec<u8>,
}

/// Which end of a connection a node of the [`Net`] is.
pub type NodeId = usize;

/// One TLS endpoint in the net, who plays it, and the endpoint it talks to.
struct Node {
    who: Participant,
    conn: Connection,
    peer: NodeId,
    is_client: bool,
    /// Which connection between these two participants it is, from 0 (the `forward-secrecy`
    /// lesson's client connects to its server twice).
    connection: u32,
}

/// Endpoints wired in pairs, the records in flight, and the trace so far.
pub struct Net<'a> {
    nodes: Vec<Node>,
    steps: Vec<Step>,
    /// Records waiting for delivery: (step index, receiving node).
    queue: VecDeque<(usize, NodeId)>,
    intercept: Option<Interceptor<'a>>,
    observer: bool,
}

impl<'a> Net<'a> {
    /// An empty net. With `intercept`, an on-path attacker may rewrite records; with
    /// `observer`, a passive eavesdropper reports what it learns from each record's wire bytes
    /// (an [`Event::Observed`] by [`Participant::Attacker`] on every step).
    pub fn new(intercept: Option<Interceptor<'a>>, observer: bool) -> Self {
        Self {
            nodes: Vec::new(),
            steps: Vec::new(),
            queue: VecDeque::new(),
            intercept,
            observer,
        }
    }

    /// Wires a client (played by `client.0`) to a server (played by `server.0`) and delivers
    /// the client's first flight (its ClientHello) and everything it sets off.
    pub fn connect(
        &mut self,
        client: (Participant, Connection),
        server: (Participant, Connection),
    ) -> (NodeId, NodeId) {
        let c = self.nodes.len();
        let s = c + 1;
        let connection = self
            .nodes
            .iter()
            .filter(|n| n.is_client && n.who == client.0 && self.nodes[n.peer].who == server.0)
            .count() as u32;
        self.nodes.push(Node {
            who: client.0,
            conn: client.1,
            peer: s,
            is_client: true,
            connection,
        });
        self.nodes.push(Node {
            who: server.0,
            conn: server.1,
            peer: c,
            is_client: false,
            connection,
        });
        self.flush(c);
        (c, s)
    }

    /// The connection at `node`, to act on it (send data, close).
    pub fn conn(&mut self, node: NodeId) -> &mut Connection {
        &mut self.nodes[node].conn
    }

    /// The connection at `node`, to read its state.
    pub fn peek(&self, node: NodeId) -> &Connection {
        &self.nodes[node].conn
    }

    /// Records what `node` sent since the last flush and delivers records until none are left.
    pub fn flush(&mut self, node: NodeId) {
        self.absorb(node, None);
        self.pump();
    }

    /// The steps recorded so far.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Whether some connection failed (a closed connection is not a failure).
    pub fn failed(&self) -> bool {
        self.nodes.iter().any(|n| {
            n.conn
                .error()
                .is_some_and(|e| !matches!(e, crate::Error::Closed))
        })
    }

    /// Whether both ends of the pair at `node` finished their handshake without failing.
    pub fn established(&self, node: NodeId) -> bool {
        let peer = self.nodes[node].peer;
        !self.failed()
            && !self.nodes[node].conn.is_handshaking()
            && !self.nodes[peer].conn.is_handshaking()
    }

    fn push_step(&mut self, at: usize, mut step: Step) {
        if self.observer {
            step.events.push(StepEvent {
                by: Participant::Attacker,
                event: Event::Observed(observe(
                    &step.record.wire,
                    step.record.epoch != Epoch::Plaintext,
                )),
            });
        }
        self.steps.insert(at, step);
        for (i, s) in self.steps.iter_mut().enumerate().skip(at) {
            s.index = i;
        }
        for (queued, _) in &mut self.queue {
            if *queued >= at {
                *queued += 1;
            }
        }
    }

    /// Turns an endpoint's events into steps: each record it sent becomes a step; other events
    /// attach to the record being handled (`incoming`) until the first send, and to the last
    /// record sent after that.
    fn absorb(&mut self, node: NodeId, incoming: Option<usize>) {
        let by = self.nodes[node].who;
        let connection = self.nodes[node].connection;
        let peer = self.nodes[node].peer;
        let to = self.nodes[peer].who;
        let events = self.nodes[node].conn.take_events();
        let _ = self.nodes[node].conn.take_tls();
        // The version is settled by the time the sender's events are read (a client that
        // speaks only TLS 1.2 says so from its ClientHello on).
        let version = self.nodes[node].conn.negotiated().version;
        let mut current = incoming;
        let mut pending: Vec<StepEvent> = Vec::new();
        for event in events {
            if let Event::RecordSent(sent) = &event {
                let messages = if sent.content_type == ContentType::HANDSHAKE {
                    split_messages_in(&sent.plaintext, version)
                } else {
                    Vec::new()
                };
                let alert = (sent.content_type == ContentType::ALERT)
                    .then(|| AlertDescription(sent.plaintext.get(1).copied().unwrap_or(0)));
                let index = self.steps.len();
                let explain = explain_id(by, sent.content_type, &messages, alert, version);
                self.push_step(
                    index,
                    Step {
                        index,
                        from: by,
                        to,
                        record: RecordView {
                            epoch: sent.epoch,
                            content_type: sent.content_type,
                            wire: sent.wire.clone(),
                            plaintext: sent.plaintext.clone(),
                        },
                        messages,
                        alert,
                        events: std::mem::take(&mut pending),
                        explain,
                        connection,
                    },
                );
                self.queue.push_back((index, peer));
                current = Some(index);
                continue;
            }
            let e = StepEvent { by, event };
            match current {
                Some(i) => self.steps[i].events.push(e),
                None => pending.push(e),
            }
        }
        if let Some(i) = current.or(self.steps.len().checked_sub(1)) {
            self.steps[i].events.extend(pending);
        }
    }

    /// Delivers queued records until none are left. A record the interceptor rewrites goes to
    /// the attacker, and the attacker's version is delivered as a step of its own.
    fn pump(&mut self) {
        while let Some((index, to)) = self.queue.pop_front() {
            let mut wire = self.steps[index].record.wire.clone();
            let mut delivered = index;
            if let Some(f) = self.intercept.as_mut()
                && let Some(changed) = f(&self.steps[index])
            {
                let original = &mut self.steps[index];
                let receiver = original.to;
                original.to = Participant::Attacker;
                // A hello travels in the clear: the attacker's rewrite of it can be read by
                // anyone, its messages shown. Inside the encryption the attacker can only
                // change bits blindly: the record it sends has no plaintext anyone could know.
                let in_clear = original.record.epoch == Epoch::Plaintext
                    && original.record.content_type == ContentType::HANDSHAKE;
                let (plaintext, messages, explain) = if in_clear {
                    let fragment = changed.get(5..).unwrap_or_default().to_vec();
                    let messages = split_messages_in(&fragment, TlsVersion::Tls13);
                    (fragment, messages, Explain::RewrittenClientHello)
                } else {
                    (Vec::new(), Vec::new(), Explain::TamperedRecord)
                };
                let relayed = Step {
                    index: index + 1,
                    from: Participant::Attacker,
                    to: receiver,
                    record: RecordView {
                        epoch: original.record.epoch,
                        content_type: original.record.content_type,
                        wire: changed.clone(),
                        plaintext,
                    },
                    messages,
                    alert: None,
                    events: Vec::new(),
                    explain,
                    connection: original.connection,
                };
                self.push_step(index + 1, relayed);
                wire = changed;
                delivered = index + 1;
            }
            let _ = self.nodes[to].conn.read_tls(&wire);
            self.absorb(to, Some(delivered));
        }
    }

    /// Ends the run: the trace of everything recorded.
    pub fn finish(self, seed: u64, scenario: &str) -> Trace {
        let outcome = outcome(&self.steps);
        // Each connection's secrets once: from its client end, or its server end when the
        // client logged none (it failed first).
        let mut keylog: Vec<KeyLogLine> = Vec::new();
        for node in self.nodes.iter().filter(|n| n.is_client) {
            let mut lines = node.conn.keylog();
            if lines.is_empty() {
                lines = self.nodes[node.peer].conn.keylog();
            }
            keylog.extend_from_slice(lines);
        }
        let takes_part = |p: Participant| {
            self.nodes.iter().any(|n| n.who == p)
                || self.steps.iter().any(|s| s.from == p || s.to == p)
                || (p == Participant::Attacker && self.observer)
        };
        let participants = [
            Participant::Client,
            Participant::Server,
            Participant::Attacker,
        ]
        .into_iter()
        .filter(|p| takes_part(*p))
        .collect();
        Trace {
            version: TRACE_VERSION,
            seed,
            scenario: scenario.into(),
            participants,
            steps: self.steps,
            outcome,
            keylog,
            leak: None,
        }
    }
}

/// Runs a handshake, then `exchange` (a request and its answer), then close_notify both ways
/// over the pair `(client, server)` of `net`. Stops early when a connection fails.
pub fn exchange(net: &mut Net<'_>, client: NodeId, server: NodeId, exchange: &Exchange<'_>) {
    exchange_repeated(net, client, server, exchange, 1);
}

/// [`exchange`] with the request and its answer `requests` times over the one connection
/// (`0`: the handshake, then close_notify). Each request and each answer up to 16 KiB is one
/// application-data record, so the trace grows by two steps per request: the benchmarks use
/// this to show that a run's cost and its trace grow linearly.
pub fn exchange_repeated(
    net: &mut Net<'_>,
    client: NodeId,
    server: NodeId,
    exchange: &Exchange<'_>,
    requests: usize,
) {
    if !net.established(client) {
        return;
    }
    for _ in 0..requests {
        let _ = net.conn(client).send_app_data(&exchange.request);
        net.flush(client);
        let request = net.conn(server).take_app_data();
        if net.failed() {
            return;
        }
        let answer = (exchange.respond)(&request, net.peek(server).negotiated());
        let _ = net.conn(server).send_app_data(&answer);
        net.flush(server);
        // The client has read the answer; only the trace keeps it.
        let _ = net.conn(client).take_app_data();
        if net.failed() {
            return;
        }
    }
    net.conn(client).close();
    net.flush(client);
    net.conn(server).close();
    net.flush(server);
}

/// Runs `client` and `server` to completion: the handshake, then `exchange` (a request and
/// its answer), then close_notify both ways. Stops early when either side fails.
pub fn run(
    client: Connection,
    server: Connection,
    exchange: &Exchange<'_>,
    intercept: Option<Interceptor<'_>>,
    seed: u64,
    scenario: &str,
) -> Trace {
    run_repeated(client, server, exchange, 1, intercept, seed, scenario)
}

/// [`run`] with the request and its answer `requests` times (see [`exchange_repeated`]).
pub fn run_repeated(
    client: Connection,
    server: Connection,
    exchange: &Exchange<'_>,
    requests: usize,
    intercept: Option<Interceptor<'_>>,
    seed: u64,
    scenario: &str,
) -> Trace {
    let mut net = Net::new(intercept, false);
    let (c, s) = net.connect((Participant::Client, client), (Participant::Server, server));
    exchange_repeated(&mut net, c, s, exchange, requests);
    net.finish(seed, scenario)
}

/// The first failure recorded anywhere in the trace decides the outcome.
fn outcome(steps: &[Step]) -> Outcome {
    steps
        .iter()
        .flat_map(|s| &s.events)
        .find_map(|e| match &e.event {
            Event::Failed { error, alert, .. } => Some(Outcome::Failed {
                detected_by: e.by,
                alert: *alert,
                error: error.clone(),
            }),
            _ => None,
        })
        .unwrap_or(Outcome::Success)
}
