//! The inspector: what the current step means, its checks and keys, the decoded fields and
//! the bytes, with a field's bytes highlighted and a byte leading back to its field.

use std::rc::Rc;

use mtls_lab_engine::handshake::{Epoch, Event, KeyAction};
use mtls_lab_engine::pki::checklist::{CheckStatus, Checklist, ChecklistItem};
use mtls_lab_engine::roles::RoleKey;
use mtls_lab_engine::trace::{Participant, Step, Trace};
use mtls_lab_engine::wire::{AlertDescription, ContentType, Field};
use yew::prelude::*;

use crate::diagram::{epoch, participant};
use crate::i18n::{Lang, Text, t};
use crate::lessons;

/// A field chosen in the tree: the message it belongs to and its path of child indices.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Selection {
    message: usize,
    path: Vec<usize>,
}

fn field_at<'a>(root: &'a Field, path: &[usize]) -> Option<&'a Field> {
    path.iter().try_fold(root, |f, i| f.children.get(*i))
}

/// The deepest field containing byte `offset` (relative to the message), as a path.
fn path_of(root: &Field, offset: usize) -> Vec<usize> {
    let mut path = Vec::new();
    let mut node = root;
    while let Some((i, child)) = node
        .children
        .iter()
        .enumerate()
        .find(|(_, c)| c.start <= offset && offset < c.end)
    {
        path.push(i);
        node = child;
    }
    path
}

/// Properties of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The run.
    pub trace: Rc<Trace>,
    /// The step shown.
    pub step: usize,
    /// The language.
    pub lang: Lang,
    /// Opens the glossary at a term.
    pub onterm: Callback<&'static str>,
    /// Whether there is a glossary to link to (not in embed mode).
    #[prop_or(true)]
    pub glossary: bool,
    /// Show the bytes as the wire carries them at first (the learner's last choice).
    #[prop_or(false)]
    pub wire: bool,
    /// Told when the learner switches the byte view, so the next step opens the same way.
    #[prop_or_default]
    pub onwire: Callback<bool>,
}

fn action_words(lang: Lang, a: KeyAction) -> &'static str {
    match (lang, a) {
        (Lang::En, KeyAction::Generated) => "generated",
        (Lang::En, KeyAction::Derived) => "derived",
        (Lang::En, KeyAction::Used) => "used",
        (Lang::En, KeyAction::Received) => "received",
        (Lang::Ja, KeyAction::Generated) => "生成",
        (Lang::Ja, KeyAction::Derived) => "導出",
        (Lang::Ja, KeyAction::Used) => "使用",
        (Lang::Ja, KeyAction::Received) => "受信",
    }
}

fn short_hex(bytes: &[u8]) -> String {
    let hex: String = bytes.iter().take(12).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > 12 {
        format!("{hex}…")
    } else {
        hex
    }
}

/// The inspector panel for one step.
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let selection = use_state(|| None::<Selection>);
    let show_wire = use_state(|| props.wire);
    let words = lessons::KeyWords::of(&props.trace);
    let Some(step) = props.trace.steps.get(props.step) else {
        return html! {};
    };
    let (title, body) = lessons::step_text(lang, step);
    let encrypted = step.record.epoch != Epoch::Plaintext;

    let meta = html! {
        <p class="meta">
            { format!("{} → {} · ", participant(lang, step.from), participant(lang, step.to)) }
            <span class={classes!("badge", encrypted.then_some("enc"))}>
                if encrypted { { t(lang, Text::Encrypted) }{ ": " } }
                { epoch(lang, step.record.epoch) }
            </span>
            { format!(" · {} B", step.record.wire.len()) }
        </p>
    };

    let checks: Vec<Html> = step
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Check(c) => Some(html! {
                <li class={if c.passed { "ok" } else { "bad" }}>
                    { if c.passed { "✓ " } else { "✕ " } }
                    <strong>{ participant(lang, e.by) }</strong>{ ": " }
                    { lessons::check(lang, c.check) }
                    { " — " }{ t(lang, if c.passed { Text::Passed } else { Text::Failed }) }
                    if let Some(reason) = &c.reason {
                        <div class="detail" data-testid="failure">{ mtls_lab_texts::failure(lang, reason) }</div>
                    } else if let Some(detail) = &c.detail {
                        <div class="detail"><code>{ detail.clone() }</code></div>
                    }
                </li>
            }),
            Event::Failed { error, alert, reason } => Some(html! {
                <li class="bad">
                    { "✕ " }<strong>{ participant(lang, e.by) }</strong>{ ": " }
                    { match alert {
                        Some(a) => format!("{} {}", t(lang, Text::SentAlertWord), a.name()),
                        None => t(lang, Text::StoppedOnAlert).to_string(),
                    } }
                    if let Some(a) = alert {
                        <div class="detail">{ lessons::alert_meaning(lang, *a).1 }</div>
                    }
                    if let Some(reason) = reason {
                        <div class="detail" data-testid="failure">{ mtls_lab_texts::failure(lang, reason) }</div>
                    } else {
                        <div class="detail"><code>{ error.clone() }</code></div>
                    }
                </li>
            }),
            _ => None,
        })
        .collect();

    let keys: Vec<Html> = step
        .events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Key(k) => {
                let row = RoleKey::of(k.key);
                let term = lessons::key_term(row);
                let onterm = props.onterm.clone();
                Some(html! {
                    <li>
                        <strong>{ participant(lang, e.by) }</strong>{ " " }
                        { action_words(lang, k.action) }{ ": " }
                        <button class="link" onclick={Callback::from(move |_| onterm.emit(term))}>
                            { lessons::key_in(lang, row, words) }
                        </button>
                        if let Some(label) = lessons::key_kind_label(k.key, words) {
                            { " " }<code>{ label }</code>
                        }
                        { " " }<code class="value">{ short_hex(&k.value) }</code>
                    </li>
                })
            }
            _ => None,
        })
        .collect();

    let checklists = latest_checklists(&props.trace, props.step);
    let checklist_html = checklists.iter().map(|(by, list)| {
        let rows = list.rows.iter().map(|row| {
            let (mark, words) = lessons::check_status(lang, row.status);
            let class = match row.status {
                CheckStatus::Passed => "ok",
                CheckStatus::Failed => "bad",
                _ => "muted",
            };
            html! {
                <li class={class}>
                    <span class="mark" aria-hidden="true">{ mark }</span>{ " " }
                    { lessons::checklist_item(lang, row.item) }{ " — " }<strong>{ words }</strong>
                    if let Some(reason) = row.reason {
                        <div class="detail">
                            { lessons::checklist_reason(lang, reason) }
                            if let Some(d) = &row.detail { { " " }<code>{ d.clone() }</code> }
                        </div>
                    } else if let Some(d) = row.detail.as_ref().filter(|_| row.item == ChecklistItem::ChainToTrustedRoot) {
                        <div class="detail" data-testid="root-reached">{ t(lang, Text::RootReached) }{ " " }<code>{ d.clone() }</code></div>
                    }
                </li>
            }
        });
        html! {
            <div class="checklist" data-testid="checklist">
                <h3>{ lessons::checklist_heading(lang, *by, list.owner) }</h3>
                <ol>{ for rows }</ol>
                if let Some(other) = &list.rustls {
                    <p class="hint other-stack" data-testid="rustls-verdict">
                        { lessons::linked(&mtls_lab_texts::rustls_verdict(
                            lang,
                            other,
                            list.rows.iter().find(|r| r.status == CheckStatus::Failed).map(|r| r.item),
                        )) }
                    </p>
                }
                <p class="hint" data-testid="lab-date">{ t(lang, Text::LabDate) }</p>
            </div>
        }
    });

    let tree = step.messages.iter().enumerate().map(|(m, msg)| {
        let Some(root) = &msg.fields else {
            return html! { <li>{ msg.name.clone() }</li> };
        };
        html! { <li>{ field_node(lang, root, m, Vec::new(), &selection) }</li> }
    });

    // The bytes shown and the highlighted range (relative to them).
    let (bytes, highlight) = if *show_wire {
        (&step.record.wire, None)
    } else {
        let range = selection.as_ref().and_then(|s| {
            let msg = step.messages.get(s.message)?;
            let f = field_at(msg.fields.as_ref()?, &s.path)?;
            Some((msg.offset + f.start, msg.offset + f.end))
        });
        (&step.record.plaintext, range)
    };
    let on_byte = {
        let selection = selection.clone();
        let step = step.clone();
        let wire = *show_wire;
        Callback::from(move |offset: usize| {
            if wire {
                return;
            }
            let found = step
                .messages
                .iter()
                .enumerate()
                .find(|(_, m)| m.offset <= offset && offset < m.offset + m.bytes.len());
            if let Some((i, m)) = found
                && let Some(root) = &m.fields
            {
                selection.set(Some(Selection {
                    message: i,
                    path: path_of(root, offset - m.offset),
                }));
            }
        })
    };
    let text_view = (step.record.content_type == ContentType::APPLICATION_DATA && !*show_wire)
        .then(|| String::from_utf8_lossy(&step.record.plaintext).into_owned());

    let tab = |wire: bool, label: Text| {
        let show_wire = show_wire.clone();
        let onwire = props.onwire.clone();
        html! {
            <button role="tab" aria-selected={(*show_wire == wire).to_string()}
                    class={classes!("tab", (*show_wire == wire).then_some("on"))}
                    data-testid={if wire { "bytes-wire" } else { "bytes-ends" }}
                    onclick={Callback::from(move |_| { show_wire.set(wire); onwire.emit(wire); })}>
                { t(lang, label) }
            </button>
        }
    };
    // The words of this step's explanation that the glossary explains, each opening its entry
    // where the learner is (the term card).
    let term_ids = lessons::step_terms(&step.explain);
    // The RFC sections the explanation rests on, as links.
    let rfc_refs = lessons::step_rfc_in(&step.explain, props.trace.version())
        .iter()
        .enumerate()
        .map(|(i, (rfc, section))| {
            let href = lessons::rfc_url(*rfc, section);
            html! {
                <>
                if i > 0 { { ", " } }
                <a class="rfc" {href} target="_blank" rel="noopener noreferrer">{ format!("RFC {rfc} §{section}") }</a>
                </>
            }
        })
        .collect::<Vec<_>>();
    let terms = term_ids.iter().filter_map(|id| {
        let entry = lessons::term(id)?;
        let onterm = props.onterm.clone();
        let id: &'static str = entry.id;
        Some(html! {
            <li><button class="chip" data-term={id} onclick={Callback::from(move |_| onterm.emit(id))}>
                { entry.term(lang) }
            </button></li>
        })
    });

    html! {
        <section class="inspector card" id="inspector" aria-labelledby="inspector-title" data-testid="inspector">
            <h2 id="inspector-title">
                { format!("{} {} · ", t(lang, Text::StepOf), props.step + 1) }{ title.clone() }
            </h2>
            { meta }
            <p class="explain" data-testid="explanation">{ lessons::linked(&body) }</p>
            if !rfc_refs.is_empty() {
                <p class="rfc-refs" data-testid="step-rfc">{ t(lang, Text::RfcRefs) }{ " " }{ for rfc_refs }</p>
            }
            if props.trace.arrives_after_refusal(props.step) {
                <p class="note" data-testid="after-refusal">
                    { lessons::after_refusal(lang, step.from, step.to) }
                </p>
            }
            if props.glossary && !term_ids.is_empty() {
                <div class="terms" data-testid="step-terms">
                    <span class="hint">{ t(lang, Text::TermsHere) }</span>
                    <ul>{ for terms }</ul>
                </div>
            }
            if !checks.is_empty() {
                <h3>{ t(lang, Text::ChecksHere) }</h3>
                <ul class="checks" data-testid="checks">{ for checks }</ul>
            }
            if !keys.is_empty() {
                <h3>{ t(lang, Text::KeysHere) }</h3>
                <ul class="keys-here">{ for keys }</ul>
            }
            { for checklist_html }
            if !step.messages.is_empty() {
                <h3>{ t(lang, Text::Fields) }</h3>
                <p class="hint">{ t(lang, Text::SelectField) }</p>
                <ul class="tree" data-testid="field-tree" onclick={tree_click(&selection)}>{ for tree }</ul>
            }
            <h3>{ t(lang, Text::Bytes) }</h3>
            <div role="tablist" class="tabs">
                { tab(false, Text::PlaintextView) }
                { tab(true, Text::WireView) }
            </div>
            if *show_wire && encrypted {
                <p class="hint">{ t(lang, Text::WireNote) }</p>
            }
            if let Some(text) = text_view {
                <pre class="appdata">{ text }</pre>
            }
            <HexDump bytes={Rc::new(bytes.clone())} highlight={highlight} onbyte={on_byte} />
        </section>
    }
}

/// Where a field button points: `message/i/j/…` in its `data-f` attribute, read back by the
/// tree's single click handler ([`Selection::parse`]).
impl Selection {
    fn attr(message: usize, path: &[usize]) -> String {
        let mut out = message.to_string();
        for i in path {
            out.push('/');
            out.push_str(&i.to_string());
        }
        out
    }

    fn parse(attr: &str) -> Option<Self> {
        let mut parts = attr.split('/').map(|p| p.parse::<usize>().ok());
        let message = parts.next()??;
        let path = parts.collect::<Option<Vec<usize>>>()?;
        Some(Self { message, path })
    }
}

/// One click handler for the whole field tree (a Certificate message has over a hundred
/// fields, drawn again on every step and restart).
fn tree_click(selection: &UseStateHandle<Option<Selection>>) -> Callback<MouseEvent> {
    let selection = selection.clone();
    Callback::from(move |e: MouseEvent| {
        let chosen = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|el| el.closest("[data-f]").ok().flatten())
            .and_then(|el| el.get_attribute("data-f"))
            .and_then(|f| Selection::parse(&f));
        if let Some(chosen) = chosen {
            selection.set(Some(chosen));
        }
    })
}

fn field_node(
    lang: Lang,
    f: &Field,
    message: usize,
    path: Vec<usize>,
    selection: &Option<Selection>,
) -> Html {
    let selected = selection
        .as_ref()
        .is_some_and(|s| s.message == message && s.path == path);
    let children = f.children.iter().enumerate().map(|(i, c)| {
        let mut p = path.clone();
        p.push(i);
        html! { <li>{ field_node(lang, c, message, p, selection) }</li> }
    });
    html! {
        <>
            <button class={if selected { "field sel" } else { "field" }} aria-pressed={selected.to_string()}
                    data-f={Selection::attr(message, &path)}>
                <span class="fname">{ f.name.clone() }</span>
                // On the Japanese page an X.509 field keeps RFC 5280's name, with its meaning.
                if let Some(gloss) = (lang == Lang::Ja).then(|| lessons::x509_gloss(&f.name)).flatten() {
                    <span class="fgloss" lang="ja">{ format!(" ({gloss})") }</span>
                }
                if let Some(v) = &f.value {
                    <span class="fval">{ v.clone() }</span>
                }
                <span class="frange">{ format!("[{}..{})", f.start, f.end) }</span>
            </button>
            if !f.children.is_empty() {
                <ul>{ for children }</ul>
            }
        </>
    }
}

/// Properties of [`HexDump`].
#[derive(Properties, PartialEq)]
pub struct HexDumpProps {
    /// The bytes.
    pub bytes: Rc<Vec<u8>>,
    /// The highlighted range, `[start, end)`.
    pub highlight: Option<(usize, usize)>,
    /// Called with a byte offset when the learner clicks a byte.
    pub onbyte: Callback<usize>,
}

/// A hex dump, 16 bytes per row.
///
/// One click handler for the whole dump (each byte carries its offset in `data-o`) rather
/// than one per byte: a Certificate message has over a thousand bytes, and the dump is drawn
/// again on every step and every restart.
#[component]
pub fn HexDump(props: &HexDumpProps) -> Html {
    let rows = props.bytes.chunks(16).enumerate().map(|(r, chunk)| {
        let cells = chunk.iter().enumerate().map(|(c, b)| {
            let offset = r * 16 + c;
            let on = props.highlight.is_some_and(|(s, e)| s <= offset && offset < e);
            html! {
                <span class={if on { "b hl" } else { "b" }} data-o={offset.to_string()}>{ format!("{b:02x}") }</span>
            }
        });
        // The bytes as ASCII beside them, so a learner can read "mTLS Lab Root CA" in a
        // certificate or "GET /" in a request; anything unprintable is a dot.
        let ascii: String = chunk
            .iter()
            .map(|b| if (0x20..0x7f).contains(b) { *b as char } else { '.' })
            .collect();
        html! {
            <div class="row"><span class="off">{ format!("{:04x}", r * 16) }</span>{ for cells }<span class="ascii" aria-hidden="true">{ ascii }</span></div>
        }
    });
    let onclick = {
        let onbyte = props.onbyte.clone();
        Callback::from(move |e: MouseEvent| {
            let offset = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.get_attribute("data-o"))
                .and_then(|o| o.parse::<usize>().ok());
            if let Some(offset) = offset {
                onbyte.emit(offset);
            }
        })
    };
    html! { <div class="hex" data-testid="hex" {onclick}>{ for rows }</div> }
}

/// The verification checklists made so far, the latest per verifier, if the current step
/// involves a certificate (a Certificate or CertificateVerify message, or a failure).
fn latest_checklists(trace: &Trace, at: usize) -> Vec<(Participant, Checklist)> {
    let Some(step) = trace.steps.get(at) else {
        return Vec::new();
    };
    let relevant = step
        .messages
        .iter()
        .any(|m| m.name == "Certificate" || m.name == "CertificateVerify")
        || step
            .events
            .iter()
            .any(|e| matches!(e.event, Event::Checklist(_)))
        || step
            .alert
            .is_some_and(|a| a != AlertDescription::CLOSE_NOTIFY);
    if !relevant {
        return Vec::new();
    }
    let mut out: Vec<(Participant, Checklist)> = Vec::new();
    for s in trace.steps.iter().take(at + 1) {
        for e in &s.events {
            if let Event::Checklist(list) = &e.event {
                out.retain(|(_, l)| l.owner != list.owner);
                out.push((e.by, list.clone()));
            }
        }
    }
    out
}

/// A step's short description for narration and the text twin.
pub fn narrate(lang: Lang, step: &Step, total: usize) -> String {
    format!(
        "{} {}/{}: {} → {}: {} ({})",
        t(lang, Text::StepNarration),
        step.index + 1,
        total,
        participant(lang, step.from),
        participant(lang, step.to),
        crate::diagram::label(lang, step),
        epoch(lang, step.record.epoch)
    )
}

#[cfg(test)]
mod tests {
    use super::Selection;

    #[test]
    fn a_field_button_names_its_message_and_path() {
        let attr = Selection::attr(1, &[0, 3, 12]);
        assert_eq!(attr, "1/0/3/12");
        assert_eq!(
            Selection::parse(&attr),
            Some(Selection {
                message: 1,
                path: vec![0, 3, 12]
            })
        );
        assert_eq!(Selection::parse("2").map(|s| s.path), Some(Vec::new()));
        assert_eq!(Selection::parse("x/1"), None);
        assert_eq!(Selection::parse("1//2"), None);
    }
}
