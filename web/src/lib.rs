//! mTLS Lab's web app: renders what the engine computed, in English or Japanese.
//!
//! The app holds no protocol logic: it asks the engine for a run (a
//! [`Trace`](mtls_lab_engine::trace::Trace)) and draws it —
//! the sequence diagram, the inspector, the key-role table — and keeps the view in the URL.

pub mod bench;
pub mod course;
pub mod course_text;
pub mod diagram;
pub mod engine;
pub mod exports;
pub mod first_paint;
pub mod i18n;
pub mod inspector;
pub mod keys;
pub mod lessons;
pub mod url;

mod app;
mod compare;
mod glossary;
mod leak;
mod share;
mod state;
mod versions;
mod views;

use crate::i18n::{Lang, Text, t};

pub use app::App;
pub use compare::{CompareProps, CompareView};
pub use glossary::{Glossary, GlossaryProps, TermCard, TermCardProps};
pub use share::{SharePanel, ShareProps};
pub use state::{Action, Lab, Loaded, Then, Wanted};
pub use views::{EmbedInspector, EmbedInspectorProps};

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

thread_local! {
    /// The seed of the run the page's first module drew, for the app to show the same run.
    static FIRST_SEED: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Starts the app in the page's `<body>`, in place of the first module's static diagram
/// ([`first_paint`]) if there is one: the app shows the same run (same seed) interactively.
pub fn start() {
    install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document());
    // The page's loading line stays until now where the first module drew nothing (a course
    // page, a TLS 1.2 run).
    if let Some(boot) = document.as_ref().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    if let Some(first) = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(first_paint::ROOT_ID))
    {
        let seed = first
            .get_attribute("data-seed")
            .and_then(|s| s.parse().ok());
        FIRST_SEED.with(|f| f.set(seed));
        first.remove();
    }
    yew::Renderer::<App>::new().render();
}
