//! Exports of the current run: the same files the CLI writes for the same seed (pcapng with the
//! secrets embedded, NSS key log, Mermaid, PEM bundle, JSON), plus the diagram as a
//! self-contained SVG. Everything is made in the page from the engine's functions; downloads
//! are `blob:` URLs, so nothing is sent anywhere.

use std::rc::Rc;

use mtls_lab_engine::export;
use mtls_lab_engine::trace::Trace;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};

/// Offers `bytes` as a download named `name`.
fn download(name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// The styles the diagram needs, inlined into an exported SVG so it renders anywhere (slides,
/// documents) with the light palette.
const SVG_STYLE: &str = "svg{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans JP',sans-serif;font-size:14px;background:#fff}\
.lane rect{fill:#eef0ea;stroke:#d9dcd6}.lane text{fill:#1c1f24;font-weight:700}\
.lane line{stroke:#d9dcd6;stroke-width:2;stroke-dasharray:4 4}.lane.attacker rect{fill:#fff;stroke:#a4262c;stroke-width:2}\
.hit{fill:transparent}.shaft{stroke:#565d66;stroke-width:1.6}.head{fill:#565d66}.label{fill:#1c1f24;font-size:13px}\
.num{fill:#565d66;font-size:11px}.encrypted .tube{stroke:#6a3fb5;stroke-width:7;opacity:.25;stroke-linecap:round}\
.encrypted .shaft{stroke:#6a3fb5;stroke-width:2}.encrypted .head{fill:#6a3fb5}.lock path{fill:none;stroke:#6a3fb5;stroke-width:1.6}\
.lock rect{fill:#6a3fb5}.failure .shaft,.failure .tube{stroke:#a4262c}.failure .head{fill:#a4262c}\
.failure .label{fill:#a4262c;font-weight:700}.current .hit{fill:#fff4cc}.current .label{font-weight:700}\
.emphasis .label{fill:#1f5fbf;font-weight:700}.emphasis .hit{fill:#fff4cc}\
.outcome.ok rect{fill:#fff;stroke:#1d6b35;stroke-width:2}.outcome.ok text{fill:#1d6b35;font-weight:700}\
.outcome.bad rect{fill:#fff;stroke:#a4262c;stroke-width:2}.outcome.bad text{fill:#a4262c;font-weight:700}";

/// The diagram on the page as a standalone SVG document.
fn diagram_svg() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let svg = document.query_selector("svg.diagram").ok()??;
    let markup = svg.outer_html();
    let open_end = markup.find('>')?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}><style>{SVG_STYLE}</style>{}",
        &markup[..open_end],
        &markup[open_end + 1..]
    ))
}

/// Properties of [`Exports`].
#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    /// The run.
    pub trace: Rc<Trace>,
    /// The language.
    pub lang: Lang,
}

/// The export panel.
#[component]
pub fn Exports(props: &ExportsProps) -> Html {
    let open = use_state(|| false);
    let lang = props.lang;
    let trace = props.trace.clone();
    let stem = format!("mtls-lab-{}-seed{}", trace.scenario, trace.seed);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let file = |label: Text,
                suffix: &'static str,
                mime: &'static str,
                make: fn(&Trace) -> Option<Vec<u8>>| {
        let trace = trace.clone();
        let name = format!("{stem}{suffix}");
        let onclick = Callback::from(move |_| {
            if let Some(bytes) = make(&trace) {
                let _ = download(&name, mime, &bytes);
            }
        });
        html! { <button {onclick} data-testid={format!("export{suffix}")}>{ t(lang, label) }</button> }
    };
    let mermaid = export::mermaid(&trace);
    let copy_mermaid = {
        let text = mermaid.clone();
        Callback::from(move |_| {
            let _ = crate::share::copy_text(&text);
        })
    };
    let svg = {
        let name = format!("{stem}.svg");
        Callback::from(move |_| {
            if let Some(svg) = diagram_svg() {
                let _ = download(&name, "image/svg+xml", svg.as_bytes());
            }
        })
    };
    html! {
        <section class="card exports" aria-labelledby="exports-title" data-testid="exports">
            <h2 id="exports-title">
                <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="exports-toggle">
                    { if *open { "▾ " } else { "▸ " } }{ t(lang, Text::Exports) }
                </button>
            </h2>
            if *open {
                <p class="hint">{ t(lang, Text::ExportsIntro) }</p>
                <div class="export-buttons">
                    { file(Text::ExportPcap, ".pcapng", "application/vnd.tcpdump.pcap", |t| Some(export::pcapng(t))) }
                    { file(Text::ExportKeylog, ".keylog.txt", "text/plain", |t| Some(t.keylog_file().into_bytes())) }
                    { file(Text::ExportJson, ".json", "application/json", |t| serde_json::to_string_pretty(t).ok().map(|s| (s + "\n").into_bytes())) }
                    { file(Text::ExportPem, ".pem", "application/x-pem-file", |t| crate::engine::pem_bundle(t).map(String::into_bytes)) }
                    <button onclick={svg} data-testid="export.svg">{ t(lang, Text::ExportSvg) }</button>
                </div>
                <label class="share-field">{ "Mermaid (sequenceDiagram)" }
                    <textarea readonly=true rows="6" data-testid="mermaid" value={mermaid} />
                </label>
                <button onclick={copy_mermaid}>{ t(lang, Text::Copy) }</button>
            }
        </section>
    }
}
