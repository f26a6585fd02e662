//! Prints a Trace for a learner in the terminal: one line per record, then the outcome.

use mtls_lab_engine::handshake::{CheckKind, Epoch, Event};
use mtls_lab_engine::trace::{Outcome, Participant, Trace};

fn who(p: Participant) -> &'static str {
    match p {
        Participant::Client => "client",
        Participant::Server => "server",
        Participant::Attacker => "attacker",
    }
}

fn epoch(e: Epoch) -> String {
    match e {
        Epoch::Plaintext => "plaintext".into(),
        Epoch::Handshake => "handshake keys".into(),
        Epoch::Application(n) => format!("application keys #{n}"),
    }
}

fn check_name(c: CheckKind) -> &'static str {
    match c {
        CheckKind::SupportedVersion => "TLS 1.3 offered",
        CheckKind::CipherSuite => "cipher suite in common",
        CheckKind::KeyShareGroup => "key-exchange group",
        CheckKind::SignatureScheme => "signature scheme in common",
        CheckKind::Alpn => "ALPN",
        CheckKind::ServerCertificateChain => "server certificate chain",
        CheckKind::ClientCertificatePresent => "client certificate present",
        CheckKind::ClientCertificateChain => "client certificate chain",
        CheckKind::ServerCertificateVerify => "server CertificateVerify signature",
        CheckKind::ClientCertificateVerify => "client CertificateVerify signature",
        CheckKind::ServerFinished => "server Finished",
        CheckKind::ClientFinished => "client Finished",
        CheckKind::RecordAuthentication => "record authentication",
    }
}

/// The trace as text.
pub fn text(trace: &Trace) -> String {
    let mut out = format!("scenario {} (seed {})\n", trace.scenario, trace.seed);
    for step in &trace.steps {
        let what = if step.messages.is_empty() {
            match step.alert {
                Some(a) => format!("Alert {a}"),
                None => match step.record.content_type.name() {
                    "change_cipher_spec" => "ChangeCipherSpec".into(),
                    "application_data" => {
                        format!("application data ({} bytes)", step.record.plaintext.len())
                    }
                    other => other.into(),
                },
            }
        } else {
            step.messages
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "{:>3}  {:>8} -> {:<8}  {:<40} [{}, {} bytes on the wire]\n",
            step.index + 1,
            who(step.from),
            who(step.to),
            what,
            epoch(step.record.epoch),
            step.record.wire.len()
        ));
        for e in &step.events {
            if let Event::Check(c) = &e.event {
                let mark = if c.passed { "ok  " } else { "FAIL" };
                out.push_str(&format!(
                    "       {} checks {}: {mark}",
                    who(e.by),
                    check_name(c.check)
                ));
                if let Some(d) = &c.detail {
                    out.push_str(&format!(" ({d})"));
                }
                out.push('\n');
            }
        }
    }
    match &trace.outcome {
        Outcome::Success => out.push_str(
            "outcome: success — handshake complete, data exchanged, closed with close_notify\n",
        ),
        Outcome::Failed {
            detected_by,
            alert,
            error,
        } => {
            let alert = alert.map(|a| a.name()).unwrap_or("none");
            out.push_str(&format!(
                "outcome: failed — {} detected it and sent {alert}: {error}\n",
                who(*detected_by)
            ));
        }
    }
    out
}
