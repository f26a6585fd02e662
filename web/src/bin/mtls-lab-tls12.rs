//! The page's TLS 1.2 module: the engine built with TLS 1.2, which the first module is not (it
//! must stay small, see docs/PERFORMANCE.md). The app loads it when it wants a run that needs
//! TLS 1.2 (`web/src/engine.rs`) and asks it for that run, as it asks the first module for the
//! others: the same exports, the same Trace JSON.

use std::cell::RefCell;

use mtls_lab_engine::LabRng;
use mtls_lab_engine::crypto::rsa::{self, RsaKeygen};
use mtls_lab_engine::scenario::{RunSpec, StagedRun};
use mtls_lab_web::engine::direct;
use wasm_bindgen::prelude::*;

/// Which run: its id, seed and number of requests.
type RunKey = (String, u64, u32);

std::thread_local! {
    /// The RSA keys being searched for, by the seed of each search.
    static SEARCHES: RefCell<Vec<([u8; 32], RsaKeygen)>> = const { RefCell::new(Vec::new()) };
    /// A run being made a part at a time, and its (id, seed, requests).
    static STAGED: RefCell<Option<(RunKey, StagedRun)>> = const { RefCell::new(None) };
    /// The last run made in parts, as Trace JSON, for `run_json` to hand over.
    static MADE: RefCell<Option<(RunKey, String)>> = const { RefCell::new(None) };
}

/// Starts making the run `id` with `seed` a part at a time (`staged_step`), for a run whose
/// work does not fit one task (the `forward-secrecy` lesson's). How many parts it has.
#[wasm_bindgen]
pub fn staged_begin(id: &str, seed: u64, requests: u32) -> u32 {
    let Ok(spec) = RunSpec::resolve(id) else {
        return 0;
    };
    let run = spec.staged(seed, requests as usize);
    let parts = run.parts() as u32;
    STAGED.set(Some(((id.to_string(), seed, requests), run)));
    parts
}

/// Makes the next part of the run started by `staged_begin`. Whether the run is made (then
/// `run_json` hands it over).
#[wasm_bindgen]
pub fn staged_step() -> bool {
    let Some((key, mut run)) = STAGED.take() else {
        return true;
    };
    match run.step() {
        Some(trace) => {
            MADE.set(Some((
                key,
                serde_json::to_string(&trace).unwrap_or_default(),
            )));
            true
        }
        None => {
            STAGED.set(Some((key, run)));
            false
        }
    }
}

/// How many RSA keys the run `id` with `seed` needs that are not found yet: the run is made
/// without searching for any (its result is thrown away), and a search is opened for each key
/// it wanted. [`rsa_search_slice`] then finds them; the run made after that is the real one,
/// with the same keys the CLI finds for the same seed.
#[wasm_bindgen]
pub fn rsa_keys_missing(id: &str, seed: u64) -> u32 {
    let (_, missing) = rsa::deferring(|| direct::run(id, seed, 1));
    let searches: Vec<_> = missing
        .into_iter()
        .map(|s| (s, RsaKeygen::new(LabRng::from_seed_bytes(s))))
        .collect();
    let n = searches.len() as u32;
    SEARCHES.set(searches);
    n
}

/// Searches for the missing RSA keys for about `budget_ms` milliseconds: no new candidate is
/// tested after that. Whether every key is found (and kept for the runs).
#[wasm_bindgen]
pub fn rsa_search_slice(budget_ms: f64) -> bool {
    let start = js_sys::Date::now();
    SEARCHES.with_borrow_mut(|searches| {
        while let Some((seed, search)) = searches.first_mut() {
            if let Some(key) = search.step() {
                rsa::store(*seed, key);
                searches.remove(0);
            }
            if js_sys::Date::now() - start >= budget_ms {
                break;
            }
        }
        searches.is_empty()
    })
}

/// A run for the app, as Trace JSON (docs/TRACE.md): the bytes the CLI's `--json` writes;
/// the one made in parts if it is that run.
#[wasm_bindgen]
pub fn run_json(id: &str, seed: u64, requests: u32) -> String {
    let key = (id.to_string(), seed, requests);
    if let Some(json) = MADE.with_borrow(|m| {
        m.as_ref()
            .filter(|(made, _)| *made == key)
            .map(|(_, json)| json.clone())
    }) {
        return json;
    }
    serde_json::to_string(&direct::run(id, seed, requests as usize)).unwrap_or_default()
}

/// The PEM bundle of a run for the app, from its PKI (keys are not in a Trace). A TLS 1.2 or
/// RSA run sends no certificate that is not in its PKI (the phishing proxy's, which the TLS
/// 1.3 bundle adds from the run, is a TLS 1.3 lesson's), so the run is not made again.
#[wasm_bindgen]
pub fn pem_bundle_of(id: &str, seed: u64) -> Option<String> {
    mtls_lab_engine::export::pem_bundle_for(id, seed)
}

fn main() {
    mtls_lab_web::install_panic_hook();
}
