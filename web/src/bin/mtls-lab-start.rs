//! The page's first module. It runs the engine for the view in the address bar, draws that
//! real run as a static diagram ([`mtls_lab_web::first_paint`]), and then loads the app
//! (`mtls-lab-web`), which takes over the page with the interactive view of the same run.
//!
//! Everything the first diagram needs is here and nothing else (no Yew, no exports, no
//! bring-your-own box), so the first visit stays small; see docs/PERFORMANCE.md. It then serves
//! the app's engine calls ([`run_json`], [`byo_json`], [`pem_bundle_of`]): the app links no
//! engine of its own. [`crypto_floor`] is there for measuring.

use mtls_lab_web::diagram::drawing_width;
use mtls_lab_web::engine::{direct, fresh_seed, run, runnable};
use mtls_lab_web::first_paint::{self, Chrome};
use mtls_lab_web::i18n::{Lang, Text, t};
use mtls_lab_web::url::{self, Mode, StepPos};
use std::cell::RefCell;
use std::rc::Rc;

use mtls_lab_engine::trace::Trace;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let app = null;
// The app's glue imported and its wasm compiled as it arrives, while this module runs the
// engine and draws: on a slow network the download is most of the wait.
export function prefetch_app(js, wasm) {
  const base = document.baseURI;
  const url = new URL(wasm, base);
  app = {
    js: import(new URL(js, base).href),
    // A host that serves wasm under another type: compiled from its bytes instead.
    wasm: WebAssembly.compileStreaming(fetch(url))
      .catch(() => fetch(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes))),
  };
  // A failure is reported once, by load_app.
  app.js.catch(() => {});
  app.wasm.catch(() => {});
}
export function load_app(js, wasm, failed) {
  if (!app) prefetch_app(js, wasm);
  app.js
    .then((glue) => glue.default({ module_or_path: app.wasm }))
    .then((wasm) => {
      dispatchEvent(new CustomEvent('mtls-lab:app-started', { detail: { wasm } }));
      keep_offline();
    })
    .catch((error) => {
      console.error(error);
      const note = document.querySelector('#first-paint .loading');
      if (note) note.textContent = failed;
    });
}
// The TLS 1.2 engine, for the app: imported the first time a TLS 1.2 run is wanted. Its files:
// `cargo xtask dist` gives them content-hashed names and writes them into
// <meta name="mtls-lab-tls12" content="JS WASM">; a development build has Trunk's names.
let tls12 = null;
export function load_tls12_module(done) {
  if (!tls12) {
    const meta = document.querySelector('meta[name=mtls-lab-tls12]');
    const [js, wasm] = meta ? meta.content.split(' ') : ['mtls-lab-tls12.js', 'mtls-lab-tls12_bg.wasm'];
    const base = document.baseURI;
    tls12 = import(new URL(js, base).href)
      .then((glue) => glue.default({ module_or_path: new URL(wasm, base) }).then(() => { window.mtlsLabTls12 = glue; }));
    // A failed load may be tried again.
    tls12.catch((error) => { console.error(error); tls12 = null; });
  }
  tls12.then(() => done(true), () => done(false));
}
export function tls12_module_loaded() {
  return typeof window.mtlsLabTls12?.run_json === 'function';
}
// A built site (`cargo xtask dist` names the app in a meta tag and writes sw.js) installs its
// service worker once the app runs: the next visits work offline.
function keep_offline() {
  if (!('serviceWorker' in navigator) || !document.querySelector('meta[name=mtls-lab-app]')) return;
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI))
    .catch((error) => console.warn('mTLS Lab will not work offline:', error));
}
"#)]
extern "C" {
    /// Starts fetching the app's module (`js`, `wasm`: paths relative to the page) and
    /// compiling its wasm, without starting it.
    fn prefetch_app(js: &str, wasm: &str);
    /// Imports the app's module (`js`, `wasm`: paths relative to the page) and starts it; on
    /// failure, says so in the first picture.
    fn load_app(js: &str, wasm: &str, failed: &str);
    /// Imports the TLS 1.2 module once and puts it on `window.mtlsLabTls12`; calls `done`
    /// with whether it is there.
    fn load_tls12_module(done: &js_sys::Function);
    /// Whether the TLS 1.2 module is there.
    fn tls12_module_loaded() -> bool;
}

/// For the app: loads the page's TLS 1.2 module (`web/src/bin/mtls-lab-tls12.rs`) and calls
/// `done` with whether it could. The loader is here, in this module's inline script, because
/// the app's own would have the same file name (`snippets/<crate>/inline0.js`).
#[wasm_bindgen]
pub fn load_tls12(done: &js_sys::Function) {
    load_tls12_module(done);
}

/// For the app: whether the TLS 1.2 module is loaded.
#[wasm_bindgen]
pub fn tls12_loaded() -> bool {
    tls12_module_loaded()
}

/// The app's two files: `cargo xtask dist` gives them content-hashed names and writes them into
/// `<meta name="mtls-lab-app" content="JS WASM">`; a development build (`trunk serve`) has
/// Trunk's plain names.
fn app_files(document: &web_sys::Document) -> (String, String) {
    let named = document
        .query_selector("meta[name=mtls-lab-app]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .and_then(|c| {
            let (js, wasm) = c.split_once(' ')?;
            Some((js.to_string(), wasm.to_string()))
        });
    named.unwrap_or_else(|| ("mtls-lab-web.js".into(), "mtls-lab-web_bg.wasm".into()))
}

/// A run this module made: its id, seed, number of requests, and the run.
type Made = (String, u64, usize, Rc<Trace>);

thread_local! {
    /// The run this module drew first, until the app asks for it.
    static DRAWN: RefCell<Option<Made>> = const { RefCell::new(None) };
}

/// A run for the app, as Trace JSON (docs/TRACE.md): the bytes the CLI's `--json` writes. The
/// app's first request is the run this module has just drawn (the same id, seed and number of
/// requests make the same bytes), which is handed over instead of made again.
#[wasm_bindgen]
pub fn run_json(id: &str, seed: u64, requests: u32) -> String {
    let requests = requests as usize;
    let drawn = DRAWN
        .with(|d| d.borrow_mut().take())
        .filter(|(i, s, r, _)| i == id && *s == seed && *r == requests);
    match drawn {
        Some((.., trace)) => serde_json::to_string(&*trace),
        None => serde_json::to_string(&direct::run(id, seed, requests)),
    }
    .unwrap_or_default()
}

/// The bring-your-own check for the app: a `ByoRequest` as its arguments
/// (`ByoRequest::to_args`, `web/src/engine.rs`), a `ByoAnswer` in JSON out.
#[wasm_bindgen]
pub fn byo_json(
    input: &str,
    anchor: u8,
    seed: u64,
    ca: &str,
    server_name: &str,
    now: f64,
) -> String {
    let request = mtls_lab_web::engine::ByoRequest::from_args((
        input.into(),
        anchor,
        seed,
        ca.into(),
        server_name.into(),
        now,
    ));
    serde_json::to_string(&direct::byo(&request)).unwrap_or_default()
}

/// The asymmetric operations of one `mutual` run and nothing else
/// (`mtls_lab_engine::floor::mutual_scenario`); false only if the crypto is broken. Not used by
/// the page: timed beside `run_json`, it shows what the lab adds to the cryptography on this
/// machine (the performance budget test does exactly that).
#[wasm_bindgen]
pub fn crypto_floor(seed: u64) -> bool {
    mtls_lab_engine::floor::mutual_scenario(seed).is_ok()
}

/// The PEM bundle of a run for the app (the run is made again: keys are not in a Trace).
#[wasm_bindgen]
pub fn pem_bundle_of(id: &str, seed: u64) -> Option<String> {
    direct::pem_bundle(&direct::run(id, seed, 1))
}

fn main() {
    mtls_lab_web::install_panic_hook();
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    let browser_lang = window
        .navigator()
        .language()
        .map_or(Lang::En, |tag| Lang::from_tag(&tag));
    let (view, _) = url::parse(&query, &runnable);
    let lang = view.lang.unwrap_or(browser_lang);
    // The app runs the same scenario with the same seed, so it shows the same bytes.
    let seed = view.seed.unwrap_or_else(fresh_seed);
    let (js, wasm) = app_files(&document);
    prefetch_app(&js, &wasm);
    let Ok(root) = document.create_element("div") else {
        return;
    };
    root.set_id(first_paint::ROOT_ID);
    let _ = root.set_attribute("data-seed", &seed.to_string());
    // The course's pages are the app's to draw: the first module knows no lessons. So are the
    // TLS 1.2 runs: this module's engine does not speak TLS 1.2 (the app loads the module that
    // does).
    if view.mode == Mode::Single
        && view.page == url::Page::Lab
        && !mtls_lab_web::engine::needs_tls12_module(&view.scenario)
    {
        // The page's loading line, in both languages, gives way to this module's picture
        // (where it draws none, the app removes it when it starts).
        if let Some(boot) = document.get_element_by_id("boot") {
            boot.remove();
        }
        let trace = run(&view.scenario, seed, view.requests);
        DRAWN.with(|d| {
            *d.borrow_mut() = Some((view.scenario.clone(), seed, view.requests, trace.clone()));
        });
        let last = trace.steps.len().saturating_sub(1);
        let upto = match view.step {
            StepPos::End => last,
            StepPos::At(i) if i <= last => i,
            StepPos::At(_) => 0,
        };
        let chrome = if view.embed || view.present {
            Chrome::Compact
        } else {
            Chrome::Full
        };
        // Drawn as wide as its box, as the app draws it: on a phone the labels keep 14 px. The
        // box is measured on the page without the drawing, then the drawing is made once.
        root.set_inner_html(&first_paint::page(&trace, upto, lang, chrome, None));
        if let Some(body) = document.body() {
            let _ = body.append_child(&root);
        }
        let width = root
            .query_selector("svg.first-diagram")
            .ok()
            .flatten()
            .map_or(mtls_lab_web::diagram::WIDTH, |svg| {
                drawing_width(svg.get_bounding_client_rect().width())
            });
        root.set_inner_html(&first_paint::page(&trace, upto, lang, chrome, Some(width)));
    }
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    if root.parent_node().is_none()
        && let Some(body) = document.body()
    {
        let _ = body.append_child(&root);
    }
    load_app(&js, &wasm, t(lang, Text::AppLoadFailed));
}
