//! mTLS Lab's web app: renders what the engine computed, in English or Japanese.
//!
//! The app holds no protocol logic: it asks the engine for a run and draws it.

pub mod i18n;

use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::{RoundTrip, round_trip};
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};

/// Lowercase hex of `bytes`, grouped in pairs of bytes for reading.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 5 / 2);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 2 == 0 {
            out.push(' ');
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A seed the learner did not choose: from the browser's `Math.random`, used only to pick the
/// engine's seed, never as key material directly.
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// The page's starting language and seed, read from `?lang=` / `?seed=` and the browser.
fn initial_settings() -> (Lang, u64) {
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mut lang = window
        .as_ref()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En);
    let mut seed = None;
    for pair in query.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("lang", "ja")) => lang = Lang::Ja,
            Some(("lang", "en")) => lang = Lang::En,
            Some(("seed", value)) => seed = value.parse().ok(),
            _ => {}
        }
    }
    (lang, seed.unwrap_or_else(fresh_seed))
}

#[derive(Properties, PartialEq)]
struct FieldProps {
    label: &'static str,
    value: String,
    #[prop_or_default]
    testid: &'static str,
}

#[component]
fn Field(props: &FieldProps) -> Html {
    html! {
        <div class="field">
            <dt>{ props.label }</dt>
            <dd><code data-testid={props.testid}>{ props.value.clone() }</code></dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RoundTripProps {
    lang: Lang,
    run: RoundTrip,
}

#[component]
fn RoundTripView(props: &RoundTripProps) -> Html {
    let (lang, run) = (props.lang, &props.run);
    let agree = !run.client_secret.is_empty() && run.client_secret == run.server_secret;
    html! {
        <>
        <section class="card" aria-labelledby="kx-title">
            <h2 id="kx-title">{ t(lang, Text::CryptoTitle) }</h2>
            <p>{ t(lang, Text::CryptoIntro) }</p>
            <dl>
                <Field label={t(lang, Text::Group)} value={run.group.name().to_string()} />
                <Field label={t(lang, Text::ClientPublic)} value={hex(&run.client_public)} />
                <Field label={t(lang, Text::ServerPublic)} value={hex(&run.server_public)} />
                <Field label={t(lang, Text::ClientComputed)} value={hex(&run.client_secret)} testid="client-secret" />
                <Field label={t(lang, Text::ServerComputed)} value={hex(&run.server_secret)} testid="server-secret" />
            </dl>
            <p class={classes!("verdict", if agree { "ok" } else { "bad" })} data-testid="kx-verdict">
                { t(lang, if agree { Text::SecretsMatch } else { Text::SecretsDiffer }) }
            </p>
        </section>
        <section class="card" aria-labelledby="sig-title">
            <h2 id="sig-title">{ t(lang, Text::SignTitle) }</h2>
            <p>{ t(lang, Text::SignIntro) }</p>
            <dl>
                <Field label={t(lang, Text::Message)} value={String::from_utf8_lossy(&run.message).into_owned()} />
                <Field label={t(lang, Text::SignerPublic)} value={hex(&run.signer_public)} />
                <Field label={t(lang, Text::Signature)} value={hex(&run.signature)} testid="signature" />
            </dl>
            <p class={classes!("verdict", if run.verified { "ok" } else { "bad" })} data-testid="sig-verdict">
                { t(lang, if run.verified { Text::Verifies } else { Text::DoesNotVerify }) }
            </p>
            <p class={classes!("verdict", if run.tampered_verified { "bad" } else { "ok" })} data-testid="tamper-verdict">
                { t(lang, if run.tampered_verified { Text::TamperedAccepted } else { Text::TamperedRejected }) }
            </p>
        </section>
        </>
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let settings = use_memo((), |_| initial_settings());
    let lang = use_state(|| settings.0);
    let seed = use_state(|| settings.1);
    let run = use_memo(*seed, |seed| round_trip(Group::Secp256r1, *seed));

    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
    }

    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_| lang.set(lang.other()))
    };
    let reseed = {
        let seed = seed.clone();
        Callback::from(move |_| seed.set(fresh_seed()))
    };
    let l = *lang;
    html! {
        <>
        <header class="top">
            <div>
                <h1>{ "mTLS Lab" }</h1>
                <p class="tagline">{ t(l, Text::Tagline) }</p>
            </div>
            <button class="lang" lang={l.other().tag()} onclick={switch_lang} data-testid="lang-switch">
                { t(l, Text::SwitchLanguage) }
            </button>
        </header>
        <main>
            <div class="controls">
                <button onclick={reseed} data-testid="reseed">{ t(l, Text::NewRandomness) }</button>
                <span class="seed">{ t(l, Text::Seed) }{ ": " }<code data-testid="seed">{ *seed }</code></span>
            </div>
            <RoundTripView lang={l} run={(*run).clone()} />
        </main>
        </>
    }
}

/// Installs a panic hook that logs the panic and replaces the page with a message and a
/// reload button, so a bug never leaves a blank page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lang = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or(Lang::En);
        if let Ok(panel) = document.create_element("div") {
            panel.set_id("panic");
            let _ = panel.set_attribute("role", "alert");
            let html = format!(
                "<h2>{}</h2><p>{}</p><button type=\"button\" id=\"panic-reload\">{}</button>",
                t(lang, Text::PanicTitle),
                t(lang, Text::PanicBody),
                t(lang, Text::Reload)
            );
            panel.set_inner_html(&html);
            if let Some(body) = document.body() {
                let _ = body.append_child(&panel);
            }
            if let Some(button) = document.get_element_by_id("panic-reload") {
                let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                });
                let _ = button.add_event_listener_with_callback(
                    "click",
                    wasm_bindgen::JsCast::unchecked_ref(reload.as_ref()),
                );
                // The page is going away on click; leaking this one closure is the point.
                reload.forget();
            }
        }
    }));
}

/// Starts the app in the page's `<body>`.
pub fn start() {
    install_panic_hook();
    yew::Renderer::<App>::new().render();
}
