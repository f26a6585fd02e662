//! The page's TLS 1.2 module: the engine built with TLS 1.2, which the first module is not (it
//! must stay small, see docs/PERFORMANCE.md). The app loads it when it wants a run that needs
//! TLS 1.2 (`web/src/engine.rs`) and asks it for that run, as it asks the first module for the
//! others: the same exports, the same Trace JSON.

use std::cell::RefCell;

use mtls_lab_engine::LabRng;
use mtls_lab_engine::crypto::rsa::{self, RsaKeygen};
use mtls_lab_web::engine::direct;
use wasm_bindgen::prelude::*;

std::thread_local! {
    /// The RSA keys being searched for, by the seed of each search.
    static SEARCHES: RefCell<Vec<([u8; 32], RsaKeygen)>> = const { RefCell::new(Vec::new()) };
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

/// A run for the app, as Trace JSON (docs/TRACE.md): the bytes the CLI's `--json` writes.
#[wasm_bindgen]
pub fn run_json(id: &str, seed: u64, requests: u32) -> String {
    serde_json::to_string(&direct::run(id, seed, requests as usize)).unwrap_or_default()
}

/// The PEM bundle of a run for the app (the run is made again: keys are not in a Trace).
#[wasm_bindgen]
pub fn pem_bundle_of(id: &str, seed: u64) -> Option<String> {
    direct::pem_bundle(&direct::run(id, seed, 1))
}

fn main() {
    mtls_lab_web::install_panic_hook();
}
