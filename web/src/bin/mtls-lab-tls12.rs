//! The page's TLS 1.2 module: the engine built with TLS 1.2, which the first module is not (it
//! must stay small, see docs/PERFORMANCE.md). The app loads it when it wants a run that needs
//! TLS 1.2 (`web/src/engine.rs`) and asks it for that run, as it asks the first module for the
//! others: the same exports, the same Trace JSON.

use mtls_lab_web::engine::direct;
use wasm_bindgen::prelude::*;

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
