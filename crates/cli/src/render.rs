//! Prints a Trace for a learner in the terminal: one line per record, then the outcome.

use mtls_lab_engine::handshake::{Epoch, Event};
use mtls_lab_engine::pki::checklist::CheckStatus;
use mtls_lab_engine::pki::inspect;
use mtls_lab_engine::trace::{Outcome, Participant, Trace};
use mtls_lab_engine::wire::ContentType;
use mtls_lab_texts::{Lang, alert_meaning, check, checklist_item, checklist_reason, failure, pick};

fn who(lang: Lang, p: Participant) -> &'static str {
    pick(
        lang,
        match p {
            Participant::Client => ("client", "クライアント"),
            Participant::Server => ("server", "サーバー"),
            Participant::Attacker => ("attacker", "攻撃者"),
        },
    )
}

fn epoch(lang: Lang, e: Epoch) -> String {
    match (e, lang) {
        (Epoch::Plaintext, _) => pick(lang, ("plaintext", "平文")).into(),
        (Epoch::Handshake, _) => pick(lang, ("handshake keys", "ハンドシェイク鍵")).into(),
        (Epoch::Application(n), Lang::En) => format!("application keys #{n}"),
        (Epoch::Application(n), Lang::Ja) => format!("アプリケーション鍵 #{n}"),
    }
}

/// The trace as text, its explanations in `lang` (the page's sentences).
pub fn text(trace: &Trace, lang: Lang) -> String {
    let mut out = format!("scenario {} (seed {})\n", trace.scenario, trace.seed);
    let several = trace.steps.iter().any(|s| s.connection > 0);
    for step in &trace.steps {
        if several
            && trace
                .steps
                .get(step.index.wrapping_sub(1))
                .is_none_or(|prev| prev.connection != step.connection)
        {
            out.push_str(&format!(
                "── {} ──\n",
                mtls_lab_texts::connection_label(lang, step.connection + 1)
            ));
        }
        let what = if step.messages.is_empty() {
            match step.alert {
                Some(a) => format!("Alert {a}"),
                None => match step.record.content_type {
                    ContentType::CHANGE_CIPHER_SPEC => "ChangeCipherSpec".into(),
                    ContentType::APPLICATION_DATA => {
                        format!("application data ({} bytes)", step.record.plaintext.len())
                    }
                    other => other.name().into(),
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
            "{:>3}  {:>8} -> {:<8}  {:<40} [{}, {} {}]\n",
            step.index + 1,
            who(Lang::En, step.from),
            who(Lang::En, step.to),
            what,
            epoch(lang, step.record.epoch),
            step.record.wire.len(),
            pick(lang, ("bytes on the wire", "バイト (通信路上)"))
        ));
        // The checks, then the checklist row that stopped a chain, in the page's words.
        let mut rows = String::new();
        for e in &step.events {
            match &e.event {
                Event::Check(c) => {
                    let mark = if c.passed { "ok  " } else { "FAIL" };
                    out.push_str(&format!(
                        "       {mark} {}: {}\n",
                        who(lang, e.by),
                        check(lang, c.check)
                    ));
                }
                Event::Checklist(list) => {
                    for row in list.rows.iter().filter(|r| r.status == CheckStatus::Failed) {
                        rows.push_str(&format!("            ✕ {}", checklist_item(lang, row.item)));
                        if let Some(reason) = row.reason {
                            rows.push_str(&format!(" — {}", checklist_reason(lang, reason)));
                        }
                        if let Some(d) = &row.detail {
                            rows.push_str(&match lang {
                                Lang::En => format!(" ({})", inspect::printable(d)),
                                Lang::Ja => format!("({})", inspect::printable(d)),
                            });
                        }
                        rows.push('\n');
                    }
                    if let Some(other) = &list.rustls {
                        let stopped = list
                            .rows
                            .iter()
                            .find(|r| r.status == CheckStatus::Failed)
                            .map(|r| r.item);
                        rows.push_str(&format!(
                            "            {}\n",
                            mtls_lab_texts::rustls_verdict(lang, other, stopped)
                        ));
                    }
                }
                _ => {}
            }
        }
        out.push_str(&rows);
    }
    match (&trace.outcome, lang) {
        (Outcome::Success, _) => out.push_str(pick(
            lang,
            (
                "outcome: success — handshake complete, data exchanged, closed with close_notify\n",
                "結果: 成功 — ハンドシェイクが完了し、データをやり取りして close_notify で閉じました\n",
            ),
        )),
        (
            Outcome::Failed {
                detected_by,
                alert,
                error,
            },
            _,
        ) => {
            let name = alert.map(|a| a.name()).unwrap_or("none");
            // The engine's reason, in the learner's language.
            let reason = trace
                .steps
                .iter()
                .flat_map(|s| &s.events)
                .find_map(|e| match &e.event {
                    Event::Failed {
                        reason: Some(r), ..
                    } => Some(failure(lang, r)),
                    _ => None,
                })
                .unwrap_or_else(|| error.to_string());
            // The alert's meaning in the page's words, then the reason.
            let why = match alert {
                Some(a) => alert_meaning(lang, *a).1,
                None => reason.clone(),
            };
            out.push_str(&match lang {
                Lang::En => format!(
                    "outcome: failed — {} detected it and sent {name}: {why} ({reason})\n",
                    who(lang, *detected_by)
                ),
                Lang::Ja => format!(
                    "結果: 失敗 — {}が検出して {name} を送信: {why}(理由: {reason})\n",
                    who(lang, *detected_by)
                ),
            });
        }
    }
    if let Some(leak) = &trace.leak {
        out.push_str(&format!(
            "\n{}\n{}\n",
            mtls_lab_texts::leak_heading(lang),
            mtls_lab_texts::leak_intro(lang)
        ));
        for c in &leak.connections {
            out.push_str(&format!(
                "  {}\n",
                mtls_lab_texts::leak_verdict(
                    lang,
                    c.connection + 1,
                    c.key_exchange,
                    c.opened.len()
                )
            ));
            // The first line of each application-data record it opened: what the recording
            // hid.
            for r in c
                .opened
                .iter()
                .filter(|r| r.content_type == ContentType::APPLICATION_DATA)
            {
                let text = String::from_utf8_lossy(&r.plaintext);
                let first = text.lines().next().unwrap_or_default();
                out.push_str(&format!(
                    "    {} {:>2}: {}\n",
                    pick(lang, ("step", "ステップ")),
                    r.step + 1,
                    inspect::printable(first)
                ));
            }
        }
    }
    out
}
