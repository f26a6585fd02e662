//! A run as a Mermaid `sequenceDiagram`, for slides, blog posts and READMEs.
//!
//! One arrow per record, numbered like the trace's steps (`autonumber`), labelled with what
//! the record carries. Plaintext records are solid arrows (`->>`); encrypted ones are open
//! arrows (`-)`) whose label starts with 🔒; an alert that ends the connection is a cross
//! (`-x`). Notes mark the key moments (traffic keys derived, certificates and signatures
//! checked, handshake complete) on the side that lived them, and the last note says how the
//! run ended. The words are English; protocol names stay as the RFC spells them.

use std::fmt::Write as _;

use crate::handshake::{CheckKind, Event, KeyAction, KeyKind, Note};
use crate::trace::{Outcome, Participant, Step, Trace};
use crate::wire::AlertDescription;

use super::{encrypted, record_label, who};

/// The diagram's alias for a participant.
fn alias(p: Participant) -> &'static str {
    match p {
        Participant::Client => "C",
        Participant::Server => "S",
        Participant::Attacker => "A",
    }
}

/// Makes text safe inside a Mermaid message or note: `;` and `#` end or escape statements,
/// line breaks end them, and `<`, `>` would be read as HTML.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ';' => ',',
            '#' => 'N',
            '\n' | '\r' => ' ',
            '<' => '‹',
            '>' => '›',
            c => c,
        })
        .collect()
}

fn check_name(c: CheckKind) -> &'static str {
    match c {
        CheckKind::SupportedVersion => "TLS version in common",
        CheckKind::DowngradeSentinel => "no downgrade sentinel",
        CheckKind::CipherSuite => "cipher suite",
        CheckKind::KeyShareGroup | CheckKind::GroupInCommon => "key-exchange group",
        CheckKind::SignatureScheme => "signature scheme",
        CheckKind::Alpn => "ALPN",
        CheckKind::ServerCertificateChain => "server certificate chain",
        CheckKind::ClientCertificatePresent => "client certificate present",
        CheckKind::ClientCertificateChain => "client certificate chain",
        CheckKind::ServerCertificateVerify => "server CertificateVerify signature",
        CheckKind::ClientCertificateVerify => "client CertificateVerify signature",
        CheckKind::ServerKeyExchangeSignature => "server ServerKeyExchange signature",
        CheckKind::ServerFinished => "server Finished",
        CheckKind::ClientFinished => "client Finished",
        CheckKind::RecordAuthentication => "record authentication",
    }
}

/// The checks worth a note when they pass (the others only when they fail).
fn notable(c: CheckKind) -> bool {
    matches!(
        c,
        CheckKind::ServerCertificateChain
            | CheckKind::ClientCertificatePresent
            | CheckKind::ClientCertificateChain
            | CheckKind::ServerCertificateVerify
            | CheckKind::ClientCertificateVerify
            | CheckKind::ServerKeyExchangeSignature
            | CheckKind::ServerFinished
            | CheckKind::ClientFinished
    )
}

/// The key moments `by` lived at a step, one phrase each.
fn moments(step: &Step, by: Participant) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for e in step.events.iter().filter(|e| e.by == by) {
        match &e.event {
            Event::Key(k) if k.action == KeyAction::Derived => match k.key {
                KeyKind::ClientHandshakeTraffic | KeyKind::ServerHandshakeTraffic => {
                    push("handshake traffic keys derived".into());
                }
                KeyKind::ClientApplicationTraffic | KeyKind::ServerApplicationTraffic => {
                    push("application traffic keys derived".into());
                }
                _ => {}
            },
            Event::Check(c) if c.passed && notable(c.check) => {
                push(format!("✓ {}", check_name(c.check)));
            }
            Event::Check(c) if !c.passed => {
                let detail = c.detail.as_deref().map(|d| format!(": {d}"));
                push(format!(
                    "✗ {}{}",
                    check_name(c.check),
                    detail.unwrap_or_default()
                ));
            }
            Event::Note(Note::HelloRetryRequested { group }) => {
                push(format!("asks for a key share in group {group}"));
            }
            Event::Note(Note::HandshakeComplete) => push("handshake complete".into()),
            Event::Failed { error, alert, .. } => push(format!(
                "stops: {error}{}",
                alert
                    .map(|a| format!(", sends {}", a.name()))
                    .unwrap_or_default()
            )),
            Event::Observed(o) if !o.messages.is_empty() => {
                let sni = o
                    .server_name
                    .as_deref()
                    .map(|n| format!(" (SNI {n})"))
                    .unwrap_or_default();
                push(format!("reads {}{sni}", o.messages.join(", ")));
            }
            _ => {}
        }
    }
    out
}

fn note(out: &mut String, by: Participant, phrases: &[String]) {
    if !phrases.is_empty() {
        let _ = writeln!(
            out,
            "    Note over {}: {}",
            alias(by),
            clean(&phrases.join("<br/>")).replace("‹br/›", "<br/>")
        );
    }
}

/// The run as Mermaid `sequenceDiagram` text.
pub fn mermaid(trace: &Trace) -> String {
    let mut out = String::from("sequenceDiagram\n");
    let result = match &trace.outcome {
        Outcome::Success => "success".to_string(),
        Outcome::Failed {
            detected_by, alert, ..
        } => format!(
            "{} stops it with {}",
            who(*detected_by),
            alert.map(|a| a.name()).unwrap_or("no alert")
        ),
    };
    let _ = writeln!(
        out,
        "    title {}",
        clean(&format!(
            "mTLS Lab: {} (seed {}), {result}",
            trace.scenario, trace.seed
        ))
    );
    out.push_str("    autonumber\n");
    // The attacker sits between the client and the server, where it is on the path.
    let lanes: Vec<Participant> = [
        Participant::Client,
        Participant::Attacker,
        Participant::Server,
    ]
    .into_iter()
    .filter(|p| trace.participants.contains(p))
    .collect();
    for p in &lanes {
        let name = match p {
            Participant::Client => "Client",
            Participant::Server => "Server",
            Participant::Attacker => "Attacker",
        };
        let _ = writeln!(out, "    participant {} as {name}", alias(*p));
    }
    for step in &trace.steps {
        note(&mut out, step.from, &moments(step, step.from));
        let fatal = step
            .alert
            .is_some_and(|a| a != AlertDescription::CLOSE_NOTIFY);
        let (arrow, lock) = match (fatal, encrypted(step)) {
            (true, true) => ("-x", "🔒 "),
            (true, false) => ("-x", ""),
            (false, true) => ("-)", "🔒 "),
            (false, false) => ("->>", ""),
        };
        let _ = writeln!(
            out,
            "    {}{arrow}{}: {lock}{}",
            alias(step.from),
            alias(step.to),
            clean(&record_label(step))
        );
        for by in [step.to, step.from]
            .into_iter()
            .chain(lanes.iter().copied())
            .filter(|p| *p != step.from)
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            })
        {
            note(&mut out, by, &moments(step, by));
        }
    }
    let span = match (lanes.first(), lanes.last()) {
        (Some(a), Some(b)) if a != b => format!("{},{}", alias(*a), alias(*b)),
        (Some(a), _) => alias(*a).to_string(),
        _ => return out,
    };
    let end = match &trace.outcome {
        Outcome::Success => {
            "handshake complete, data exchanged, closed with close_notify".to_string()
        }
        Outcome::Failed {
            detected_by,
            alert,
            error,
        } => format!(
            "✗ failed: the {} detected it ({error}) and sent {}",
            who(*detected_by),
            alert.map(|a| a.name()).unwrap_or("no alert")
        ),
    };
    let _ = writeln!(out, "    Note over {span}: {}", clean(&end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::run_scenario;

    #[test]
    fn one_arrow_per_record_encrypted_ones_marked() {
        let trace = run_scenario("mutual", 1).expect("known scenario");
        let text = mermaid(&trace);
        let arrows: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("->>") || l.contains("-)") || l.contains("-x"))
            .collect();
        assert_eq!(arrows.len(), trace.steps.len());
        assert_eq!(arrows[0], "    C->>S: ClientHello");
        assert!(
            arrows.contains(&"    S-)C: 🔒 CertificateRequest"),
            "{text}"
        );
        assert!(
            text.contains(
                "Note over S: ✓ client certificate present<br/>✓ client certificate chain"
            ),
            "{text}"
        );
    }

    #[test]
    fn failure_is_a_cross_and_a_note() {
        let trace = run_scenario("expired", 1).expect("known scenario");
        let text = mermaid(&trace);
        assert!(
            text.contains("S-xC: 🔒 Alert certificate_expired"),
            "{text}"
        );
        assert!(text.contains("sent certificate_expired"), "{text}");
    }

    #[test]
    fn attacker_lane_sits_in_the_middle() {
        let trace = run_scenario("aitm-relay-one-way", 1).expect("known scenario");
        let text = mermaid(&trace);
        let lanes: Vec<&str> = text
            .lines()
            .filter(|l| l.trim_start().starts_with("participant"))
            .collect();
        assert_eq!(
            lanes,
            [
                "    participant C as Client",
                "    participant A as Attacker",
                "    participant S as Server"
            ]
        );
    }

    #[test]
    fn text_is_cleaned() {
        assert_eq!(clean("a;b#c\n<d>"), "a,bNc ‹d›");
    }
}
