//! The engine as the page calls it: a run by scenario id (or bench string), seed and number of
//! requests, timed for the browser's performance tools. No Yew here, so the first module of the
//! page (`src/bin/start.rs`, which draws the first diagram before the app has loaded) links
//! this without the UI.

use std::rc::Rc;

use mtls_lab_engine::scenario;
use mtls_lab_engine::trace::Trace;

use crate::url;

/// A seed the learner did not choose: from the browser's `Math.random`, used only to pick the
/// engine's seed (the engine's ChaCha20 generator makes every key from it).
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// Whether `id` names something the lab can run: a catalogue id or a bench string.
pub fn runnable(id: &str) -> bool {
    scenario::find(id).is_some() || mtls_lab_engine::bench::Bench::parse(id).is_ok()
}

/// Runs a scenario or a bench string, with the client's request sent `requests` times (bench
/// strings always send it once); an unknown id (which the URL parser already refuses) runs
/// the default.
///
/// Each run is timed with the User Timing API as the measure `mtls-lab:run`, so the engine's
/// cost shows in the browser's performance tools (and the performance budget test reads it).
pub fn run(id: &str, seed: u64, requests: usize) -> Rc<Trace> {
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark(RUN_MARK);
    }
    let trace = run_untimed(id, seed, requests);
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(RUN_MEASURE, RUN_MARK);
        p.clear_marks_with_mark_name(RUN_MARK);
    }
    trace
}

const RUN_MARK: &str = "mtls-lab:run-start";
/// The User Timing measure of one engine run.
const RUN_MEASURE: &str = "mtls-lab:run";

fn run_untimed(id: &str, seed: u64, requests: usize) -> Rc<Trace> {
    // `run_with(…, 1)` is `run_scenario`, byte for byte (an engine test holds them equal).
    let catalogue = |id: &str| {
        scenario::scenario_pki(id, seed)
            .and_then(|pki| scenario::run_with(id, seed, &pki, requests))
    };
    Rc::new(
        catalogue(id)
            .or_else(|| {
                mtls_lab_engine::bench::Bench::parse(id)
                    .ok()
                    .map(|b| mtls_lab_engine::bench::run_bench(&b, seed))
            })
            .or_else(|| catalogue(url::DEFAULT_SCENARIO))
            .unwrap_or_else(|| Trace {
                version: mtls_lab_engine::trace::TRACE_VERSION,
                seed,
                scenario: id.into(),
                participants: Vec::new(),
                steps: Vec::new(),
                outcome: mtls_lab_engine::trace::Outcome::Success,
                keylog: Vec::new(),
            }),
    )
}
