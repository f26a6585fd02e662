//! The engine as the page calls it: a run by scenario id (or bench string), seed and number of
//! requests, timed for the browser's performance tools, and the bring-your-own check.
//!
//! The page has two wasm modules (see ARCHITECTURE.md). The first, `mtls-lab-start`, links the
//! engine and calls it directly ([`direct`]). The app is built with the feature `bridge`: it
//! links no engine code that runs (no crypto, no PKI) and asks the first module instead, which
//! answers with the Trace as JSON, the format the CLI's `--json` writes (docs/TRACE.md), so
//! the engine is downloaded once (`cargo xtask serve` and `dist` both build it so). Without
//! the feature (the wasm tests, which mount the app in one module) the app calls [`direct`]
//! itself: the same functions either way.

use std::rc::Rc;

use mtls_lab_engine::pki::byo::{ByoError, ByoReport};
use mtls_lab_engine::scenario;
use mtls_lab_engine::trace::Trace;
use serde::{Deserialize, Serialize};

/// A seed the learner did not choose: from the browser's `Math.random`, used only to pick the
/// engine's seed (the engine's ChaCha20 generator makes every key from it).
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// Whether `id` names something the lab can run: a catalogue id or a bench string.
pub fn runnable(id: &str) -> bool {
    scenario::RunSpec::resolve(id).is_ok()
}

/// Whether the run `id` needs TLS 1.2 or RSA, which this module's engine does not have: the
/// page's first module is built without them, and the app asks the TLS 1.2 module for such
/// runs (`web/src/bin/mtls-lab-tls12.rs`), which it loads the first time one is wanted.
pub fn needs_tls12_module(id: &str) -> bool {
    !scenario::SPEAKS_TLS12
        && scenario::RunSpec::resolve(id).is_ok_and(|spec| spec.setup().needs_full_engine())
}

/// Whether the run `id` has RSA keys, whose search takes longer than a task may (2048-bit
/// primes): [`prepare`] finds them first, in slices.
fn needs_rsa_keys(id: &str) -> bool {
    scenario::RunSpec::resolve(id).is_ok_and(|spec| spec.setup().rsa())
}

/// How many parts the run `id` is made in: more than one when its work does not fit one task
/// (the `forward-secrecy` lesson); [`prepare`] then makes it a part per task.
fn parts(id: &str) -> usize {
    scenario::RunSpec::resolve(id).map_or(1, |spec| spec.setup().parts())
}

/// Whether [`run`] can make the run `id` now: the module it needs is loaded, and it has no RSA
/// keys to find first (the page's build; [`prepare`] finds them).
pub fn ready(id: &str) -> bool {
    (!needs_tls12_module(id) || backend::tls12_loaded())
        && !(backend::SLICES_RSA_SEARCH && needs_rsa_keys(id))
}

/// Loads what the run `id` with `seed` needs, then calls `done` (with `false` if it could not
/// be loaded; [`run`] then gives an empty run, and the page says so): the TLS 1.2 module, and
/// for a run with RSA keys the keys themselves, searched for a slice at a time between the
/// page's other tasks (each slice under 50 ms; see docs/PERFORMANCE.md).
pub fn prepare(id: &str, seed: u64, requests: usize, done: impl FnOnce(bool) + 'static) {
    let rsa = backend::SLICES_RSA_SEARCH && needs_rsa_keys(id);
    let staged = backend::SLICES_RSA_SEARCH && parts(id) > 1;
    let loaded = !needs_tls12_module(id) || backend::tls12_loaded();
    let id = id.to_string();
    let then = move |ok: bool| {
        let for_keys = id.clone();
        let make = move |ok: bool| {
            if ok && staged {
                backend::make_in_parts(&id, seed, requests, Box::new(done));
            } else {
                done(ok);
            }
        };
        if ok && rsa {
            backend::find_rsa_keys(&for_keys, seed, Box::new(make));
        } else {
            make(ok);
        }
    };
    if loaded {
        then(true);
    } else {
        backend::load_tls12(Box::new(then));
    }
}

/// Runs a scenario or a bench string, with the client's request sent `requests` times; an
/// unknown id (which the URL parser already refuses) runs the default.
///
/// Each run is timed with the User Timing API as the measure `mtls-lab:run`, so the engine's
/// cost shows in the browser's performance tools (and the performance budget test reads it).
pub fn run(id: &str, seed: u64, requests: usize) -> Rc<Trace> {
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark(RUN_MARK);
    }
    let trace = Rc::new(backend::run(id, seed, requests));
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(RUN_MEASURE, RUN_MARK);
        p.clear_marks_with_mark_name(RUN_MARK);
    }
    trace
}

const RUN_MARK: &str = "mtls-lab:run-start";
/// The User Timing measure of one engine run.
const RUN_MEASURE: &str = "mtls-lab:run";

/// Which root CA the bring-your-own box trusts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ByoAnchor {
    /// The lab's root of the mutual run made with this seed, and its CRL for client
    /// certificates.
    Lab {
        /// The seed of the lab's PKI.
        seed: u64,
    },
    /// Root CA certificates the learner pasted (PEM), no CRL.
    Pasted {
        /// The pasted text.
        pem: String,
    },
    /// No trust anchor: only the checks on the leaf alone.
    None,
}

/// What the bring-your-own box asks the engine: the chain pasted, whom to trust, the server
/// name to check (empty: none) and "now". It crosses to the first module as the arguments of
/// `byo_json` ([`ByoRequest::to_args`], [`ByoRequest::from_args`]): plain strings and numbers,
/// so the first module links no JSON parser for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByoRequest {
    /// The pasted chain (PEM), leaf first.
    pub input: String,
    /// Whom to trust.
    pub anchor: ByoAnchor,
    /// The server name a client would ask for; empty: the name is not checked.
    pub server_name: String,
    /// "Now", Unix seconds.
    pub now: i64,
}

/// The arguments of `byo_json`, in order: input, anchor kind (0 the lab's, 1 pasted, 2 none),
/// the lab's seed, the pasted CA, the server name, "now".
pub type ByoArgs = (String, u8, u64, String, String, f64);

impl ByoRequest {
    /// The request as `byo_json`'s arguments.
    pub fn to_args(&self) -> ByoArgs {
        let (kind, seed, pem) = match &self.anchor {
            ByoAnchor::Lab { seed } => (0, *seed, String::new()),
            ByoAnchor::Pasted { pem } => (1, 0, pem.clone()),
            ByoAnchor::None => (2, 0, String::new()),
        };
        (
            self.input.clone(),
            kind,
            seed,
            pem,
            self.server_name.clone(),
            self.now as f64,
        )
    }

    /// The request from `byo_json`'s arguments ([`Self::to_args`]); an unknown anchor kind
    /// trusts nobody.
    pub fn from_args((input, kind, seed, pem, server_name, now): ByoArgs) -> Self {
        let anchor = match kind {
            0 => ByoAnchor::Lab { seed },
            1 => ByoAnchor::Pasted { pem },
            _ => ByoAnchor::None,
        };
        Self {
            input,
            anchor,
            server_name,
            now: now as i64,
        }
    }
}

/// The engine's answer to a [`ByoRequest`] (JSON from the first module to the app; externally
/// tagged, the cheapest form for serde to read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ByoAnswer {
    /// The chain was read and checked.
    Report {
        /// What the lab says.
        report: ByoReport,
    },
    /// The chain could not be read.
    Input {
        /// Why.
        error: ByoError,
    },
    /// The pasted CA could not be read.
    Anchor {
        /// Why.
        error: ByoError,
    },
    /// The lab's PKI could not be made (never expected).
    NoLab,
}

/// Checks a pasted certificate chain (PEM or DER) as a server and a client would under the
/// request's trust, entirely in the page.
pub fn byo(request: &ByoRequest) -> ByoAnswer {
    backend::byo(request)
}

/// The certificates and LAB ONLY keys of `trace`'s run as PEM text ([`export::pem_bundle`]):
/// the keys are not in the Trace, so the run's PKI is made again from its seed.
///
/// [`export::pem_bundle`]: mtls_lab_engine::export::pem_bundle
pub fn pem_bundle(trace: &Trace) -> Option<String> {
    backend::pem_bundle(trace)
}

/// The engine itself, called in this module.
pub mod direct {
    use mtls_lab_engine::pki::byo::{Trust, examine, read_certificates};
    use mtls_lab_engine::scenario;
    use mtls_lab_engine::trace::Trace;

    use super::{ByoAnchor, ByoAnswer, ByoRequest};
    use crate::url;

    /// [`super::run`], untimed.
    pub fn run(id: &str, seed: u64, requests: usize) -> Trace {
        // The CLI's `run` resolves ids the same way.
        scenario::RunSpec::resolve(id)
            .or_else(|_| scenario::RunSpec::resolve(url::DEFAULT_SCENARIO))
            .map_or_else(|_| super::empty(id, seed), |spec| spec.run(seed, requests))
    }

    /// [`super::pem_bundle`].
    pub fn pem_bundle(trace: &Trace) -> Option<String> {
        mtls_lab_engine::export::pem_bundle(trace)
    }

    /// [`super::byo`].
    pub fn byo(request: &ByoRequest) -> ByoAnswer {
        let mut trust = Trust {
            roots: Vec::new(),
            client_crls: Vec::new(),
            server_crls: Vec::new(),
            server_name: request.server_name.trim().to_string(),
            now: request.now,
        };
        match &request.anchor {
            ByoAnchor::Lab { seed } => {
                let Some(pki) = scenario::scenario_pki("mutual", *seed) else {
                    return ByoAnswer::NoLab;
                };
                let lab = Trust::of(&pki);
                trust.roots = lab.roots;
                trust.client_crls = lab.client_crls;
            }
            ByoAnchor::Pasted { pem } => match read_certificates(pem.as_bytes()) {
                Ok(roots) => trust.roots = roots,
                Err(error) => return ByoAnswer::Anchor { error },
            },
            ByoAnchor::None => {}
        }
        match examine(request.input.as_bytes(), &trust) {
            Ok(report) => ByoAnswer::Report { report },
            Err(error) => ByoAnswer::Input { error },
        }
    }
}

/// A run with no steps: what the page shows if even the default scenario could not run, and
/// while the module a run needs is loading.
pub fn empty(id: &str, seed: u64) -> Trace {
    Trace {
        version: mtls_lab_engine::trace::TRACE_VERSION,
        seed,
        scenario: id.into(),
        participants: Vec::new(),
        steps: Vec::new(),
        outcome: mtls_lab_engine::trace::Outcome::Success,
        keylog: Vec::new(),
        leak: None,
    }
}

#[cfg(not(feature = "bridge"))]
mod backend {
    //! The engine in this module (the wasm tests, native tests): TLS 1.2 is there when the
    //! engine was built with it, and there is nothing to load.
    pub use super::direct::{byo, pem_bundle, run};

    /// A run here searches for its RSA keys itself, in one go.
    pub const SLICES_RSA_SEARCH: bool = false;

    pub fn tls12_loaded() -> bool {
        mtls_lab_engine::scenario::SPEAKS_TLS12
    }

    pub fn load_tls12(done: Box<dyn FnOnce(bool)>) {
        done(tls12_loaded());
    }

    pub fn find_rsa_keys(_id: &str, _seed: u64, done: Box<dyn FnOnce(bool)>) {
        done(true);
    }

    pub fn make_in_parts(_id: &str, _seed: u64, _requests: usize, done: Box<dyn FnOnce(bool)>) {
        done(true);
    }
}

/// The app's side of the bridge: the first module's exports (`web/src/bin/mtls-lab-start.rs`),
/// which Trunk's loader puts on `window.mtlsLabEngine`, and for the runs that need TLS 1.2 the
/// TLS 1.2 module's (`web/src/bin/mtls-lab-tls12.rs`), which `load_tls12` imports on demand and
/// puts on `window.mtlsLabTls12`.
#[cfg(feature = "bridge")]
mod backend {
    use mtls_lab_engine::trace::Trace;
    use wasm_bindgen::prelude::*;

    use super::{ByoAnswer, ByoRequest, needs_tls12_module};

    // The loader lives in the first module (its inline script), as the app's own inline
    // script would share its file name with the first module's: both are this crate's
    // `inline0.js`.
    #[wasm_bindgen(js_namespace = mtlsLabEngine)]
    extern "C" {
        #[wasm_bindgen(js_name = load_tls12)]
        fn load_tls12_js(done: &js_sys::Function);
        #[wasm_bindgen(js_name = tls12_loaded)]
        fn tls12_loaded_js() -> bool;
    }

    #[wasm_bindgen(js_namespace = mtlsLabTls12)]
    extern "C" {
        #[wasm_bindgen(js_name = run_json)]
        fn run_json12(id: &str, seed: u64, requests: u32) -> String;
        #[wasm_bindgen(js_name = pem_bundle_of)]
        fn pem_bundle_of12(id: &str, seed: u64) -> Option<String>;
        #[wasm_bindgen(js_name = rsa_keys_missing)]
        fn rsa_keys_missing12(id: &str, seed: u64) -> u32;
        #[wasm_bindgen(js_name = rsa_search_slice)]
        fn rsa_search_slice12(budget_ms: f64) -> bool;
        #[wasm_bindgen(js_name = staged_begin)]
        fn staged_begin12(id: &str, seed: u64, requests: u32) -> u32;
        #[wasm_bindgen(js_name = staged_step)]
        fn staged_step12() -> bool;
    }

    /// Makes the run `id` in the TLS 1.2 module a part per task, then calls `done`; the run is
    /// then `run_json`'s answer.
    pub fn make_in_parts(id: &str, seed: u64, requests: usize, done: Box<dyn FnOnce(bool)>) {
        staged_begin12(id, seed, requests as u32);
        next_part(done);
    }

    fn next_part(done: Box<dyn FnOnce(bool)>) {
        let Some(window) = web_sys::window() else {
            return done(false);
        };
        let callback = Closure::once_into_js(move || {
            if staged_step12() {
                done(true);
            } else {
                next_part(done);
            }
        });
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }

    /// The page searches for RSA keys in slices, between its other tasks.
    pub const SLICES_RSA_SEARCH: bool = true;

    /// How long one slice of the search may run: a candidate's primality test is started
    /// only within it, so with the longest test (a prime's: about 15 ms in Chromium) a slice
    /// stays well under the 50 ms a task may take.
    const SLICE_MS: f64 = 20.0;

    pub fn tls12_loaded() -> bool {
        tls12_loaded_js()
    }

    /// Finds the RSA keys the run `id` with `seed` needs that the TLS 1.2 module does not hold
    /// yet, one slice per task, then calls `done`.
    pub fn find_rsa_keys(id: &str, seed: u64, done: Box<dyn FnOnce(bool)>) {
        if rsa_keys_missing12(id, seed) == 0 {
            done(true);
        } else {
            next_slice(done);
        }
    }

    fn next_slice(done: Box<dyn FnOnce(bool)>) {
        let Some(window) = web_sys::window() else {
            return done(false);
        };
        let callback = Closure::once_into_js(move || {
            if rsa_search_slice12(SLICE_MS) {
                done(true);
            } else {
                next_slice(done);
            }
        });
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }

    pub fn load_tls12(done: Box<dyn FnOnce(bool)>) {
        let callback = Closure::once_into_js(move |ok: bool| done(ok));
        self::load_tls12_js(callback.unchecked_ref());
    }

    #[wasm_bindgen(js_namespace = mtlsLabEngine)]
    extern "C" {
        fn run_json(id: &str, seed: u64, requests: u32) -> String;
        fn byo_json(
            input: &str,
            anchor: u8,
            seed: u64,
            ca: &str,
            server_name: &str,
            now: f64,
        ) -> String;
        fn pem_bundle_of(id: &str, seed: u64) -> Option<String>;
    }

    pub fn pem_bundle(trace: &Trace) -> Option<String> {
        // The bundle depends on the scenario and seed only (not on the number of requests).
        if !needs_tls12_module(&trace.scenario) {
            pem_bundle_of(&trace.scenario, trace.seed)
        } else if tls12_loaded() {
            pem_bundle_of12(&trace.scenario, trace.seed)
        } else {
            None
        }
    }

    pub fn run(id: &str, seed: u64, requests: usize) -> Trace {
        let requests = u32::try_from(requests).unwrap_or(u32::MAX);
        let json = if !needs_tls12_module(id) {
            run_json(id, seed, requests)
        } else if tls12_loaded() {
            run_json12(id, seed, requests)
        } else {
            // `prepare` could not load the module (the network failed): an empty run.
            return super::empty(id, seed);
        };
        // The two modules are built together from one source, so this never fails; if it
        // did, the page would show an empty run rather than stop.
        serde_json::from_str(&json).unwrap_or_else(|_| super::empty(id, seed))
    }

    pub fn byo(request: &ByoRequest) -> ByoAnswer {
        // Built together from one source, the two modules agree on the JSON.
        let (input, anchor, seed, ca, name, now) = request.to_args();
        serde_json::from_str(&byo_json(&input, anchor, seed, &ca, &name, now))
            .unwrap_or(ByoAnswer::NoLab)
    }
}
