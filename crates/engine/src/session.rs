//! Runs a client and a server against each other in memory and records the Trace.
//!
//! The driver delivers one record at a time, so every step of the trace is one record and the
//! events each endpoint reports while handling it land on that step. A scenario can let an
//! attacker change a record on its way ([`Interceptor`]).

use std::collections::VecDeque;

use crate::handshake::{Connection, Event, Negotiated};
use crate::trace::{
    Outcome, Participant, RecordView, Step, StepEvent, TRACE_VERSION, Trace, explain_id,
    split_messages,
};
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

/// The pair under test, and the trace so far.
struct Driver<'a> {
    client: Connection,
    server: Connection,
    steps: Vec<Step>,
    queue: VecDeque<usize>,
    intercept: Option<Interceptor<'a>>,
}

impl Driver<'_> {
    fn endpoint(&mut self, who: Participant) -> &mut Connection {
        match who {
            Participant::Client => &mut self.client,
            _ => &mut self.server,
        }
    }

    /// Turns an endpoint's events into steps: each record it sent becomes a step; other events
    /// attach to the record being handled (`incoming`) until the first send, and to the last
    /// record sent after that.
    fn absorb(&mut self, by: Participant, incoming: Option<usize>) {
        let events = self.endpoint(by).take_events();
        let _ = self.endpoint(by).take_tls();
        let mut current = incoming;
        let mut pending: Vec<StepEvent> = Vec::new();
        for event in events {
            if let Event::RecordSent(sent) = &event {
                let messages = if sent.content_type == ContentType::HANDSHAKE {
                    split_messages(&sent.plaintext)
                } else {
                    Vec::new()
                };
                let alert = (sent.content_type == ContentType::ALERT)
                    .then(|| AlertDescription(sent.plaintext.get(1).copied().unwrap_or(0)));
                let index = self.steps.len();
                let to = if by == Participant::Client {
                    Participant::Server
                } else {
                    Participant::Client
                };
                let explain = explain_id(by, sent.content_type, &messages, alert);
                self.steps.push(Step {
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
                });
                self.queue.push_back(index);
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

    /// Delivers queued records until none are left.
    fn pump(&mut self) {
        while let Some(index) = self.queue.pop_front() {
            let to = self.steps[index].to;
            let mut wire = self.steps[index].record.wire.clone();
            if let Some(f) = self.intercept.as_mut()
                && let Some(changed) = f(&self.steps[index])
            {
                wire = changed;
            }
            let _ = self.endpoint(to).read_tls(&wire);
            self.absorb(to, Some(index));
        }
    }

    fn failed(&self) -> bool {
        self.client
            .error()
            .is_some_and(|e| !matches!(e, crate::Error::Closed))
            || self
                .server
                .error()
                .is_some_and(|e| !matches!(e, crate::Error::Closed))
    }
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
    let mut d = Driver {
        client,
        server,
        steps: Vec::new(),
        queue: VecDeque::new(),
        intercept,
    };
    d.absorb(Participant::Client, None);
    d.pump();
    if !d.failed() && !d.client.is_handshaking() && !d.server.is_handshaking() {
        let _ = d.client.send_app_data(&exchange.request);
        d.absorb(Participant::Client, None);
        d.pump();
        let request = d.server.take_app_data();
        if !d.failed() {
            let answer = (exchange.respond)(&request, d.server.negotiated());
            let _ = d.server.send_app_data(&answer);
            d.absorb(Participant::Server, None);
            d.pump();
        }
        if !d.failed() {
            d.client.close();
            d.absorb(Participant::Client, None);
            d.pump();
            d.server.close();
            d.absorb(Participant::Server, None);
            d.pump();
        }
    }
    let outcome = outcome(&d.steps);
    let mut keylog = d.client.keylog().to_vec();
    if keylog.is_empty() {
        keylog = d.server.keylog().to_vec();
    }
    Trace {
        version: TRACE_VERSION,
        seed,
        scenario: scenario.into(),
        participants: vec![Participant::Client, Participant::Server],
        steps: d.steps,
        outcome,
        keylog,
    }
}

/// The first failure recorded anywhere in the trace decides the outcome.
fn outcome(steps: &[Step]) -> Outcome {
    steps
        .iter()
        .flat_map(|s| &s.events)
        .find_map(|e| match &e.event {
            Event::Failed { error, alert } => Some(Outcome::Failed {
                detected_by: e.by,
                alert: *alert,
                error: error.clone(),
            }),
            _ => None,
        })
        .unwrap_or(Outcome::Success)
}
