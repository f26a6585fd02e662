//! What a recording gives away once the server's private key leaks: the `forward-secrecy`
//! lesson's last word, drawn from the Trace's `leak` (the engine's decryption of the recorded
//! records with the leaked key; see `crates/engine/src/leak.rs`).

use mtls_lab_engine::trace::Trace;
use mtls_lab_engine::wire::ContentType;
use yew::prelude::*;

use crate::i18n::Lang;

/// The panel, shown once the run has been stepped to its end (the leak comes after it); empty
/// for a run without a leak.
pub fn leak_panel(lang: Lang, trace: &Trace, step: usize) -> Html {
    let Some(leak) = &trace.leak else {
        return html! {};
    };
    if step + 1 < trace.steps.len() {
        return html! {};
    }
    let items = leak.connections.iter().map(|c| {
        let verdict =
            mtls_lab_texts::leak_verdict(lang, c.connection + 1, c.key_exchange, c.opened.len());
        let lines = c
            .opened
            .iter()
            .filter(|r| r.content_type == ContentType::APPLICATION_DATA)
            .map(|r| {
                let text = String::from_utf8_lossy(&r.plaintext).into_owned();
                let first = text.lines().next().unwrap_or_default().to_string();
                html! { <li><code>{ first }</code></li> }
            });
        let class = if c.opened.is_empty() {
            "sealed"
        } else {
            "opened"
        };
        html! {
            <li class={class} data-testid={format!("leak-{}", c.connection + 1)}>
                { verdict }
                if !c.opened.is_empty() { <ul class="opened-records">{ for lines }</ul> }
            </li>
        }
    });
    html! {
        <section class="leak" aria-labelledby="leak-title" data-testid="leak">
            <h2 id="leak-title">{ mtls_lab_texts::leak_heading(lang) }</h2>
            <p>{ mtls_lab_texts::leak_intro(lang) }</p>
            <ul>{ for items }</ul>
        </section>
    }
}
