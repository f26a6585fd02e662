//! `scenario::run_with`, what the benchmarks time: a run over a PKI made beforehand is the
//! scenario's own run byte for byte, and each extra request adds exactly one application-data
//! record each way to the trace.

use mtls_lab_engine::handshake::Epoch;
use mtls_lab_engine::scenario::{CATALOGUE, run_scenario, run_with, scenario_pki};
use mtls_lab_engine::trace::{Outcome, Participant, Trace};
use mtls_lab_engine::wire::ContentType;

fn run(id: &str, seed: u64, requests: usize) -> Trace {
    let pki = scenario_pki(id, seed).unwrap_or_else(|| panic!("scenario {id} exists"));
    run_with(id, seed, &pki, requests).unwrap_or_else(|| panic!("scenario {id} exists"))
}

/// Application-data records (after the handshake) that `from` sent.
fn app_data_from(trace: &Trace, from: Participant) -> usize {
    trace
        .steps
        .iter()
        .filter(|s| {
            s.from == from
                && matches!(s.record.epoch, Epoch::Application(_))
                && s.record.content_type == ContentType::APPLICATION_DATA
        })
        .count()
}

#[test]
fn run_with_the_scenario_pki_and_one_request_is_the_scenario_run() {
    for s in CATALOGUE {
        assert_eq!(
            run(s.id, 31, 1),
            run_scenario(s.id, 31).expect("catalogue id"),
            "{}",
            s.id
        );
    }
}

#[test]
fn each_request_adds_one_application_data_record_each_way() {
    for id in ["one-way", "mutual"] {
        let base = run(id, 5, 0);
        assert_eq!(base.outcome, Outcome::Success, "{id}");
        assert_eq!(app_data_from(&base, Participant::Client), 0, "{id}");
        assert_eq!(app_data_from(&base, Participant::Server), 0, "{id}");
        for n in [1, 2, 10, 37] {
            let t = run(id, 5, n);
            assert_eq!(t.outcome, Outcome::Success, "{id} × {n}");
            assert_eq!(app_data_from(&t, Participant::Client), n, "{id} × {n}");
            assert_eq!(app_data_from(&t, Participant::Server), n, "{id} × {n}");
            assert_eq!(t.steps.len(), base.steps.len() + 2 * n, "{id} × {n}");
            // The handshake is the same whatever follows it.
            let handshake = base.steps.len() - 2;
            assert_eq!(t.steps[..handshake], base.steps[..handshake], "{id} × {n}");
        }
    }
}

#[test]
fn zero_requests_is_the_handshake_then_close_notify_both_ways() {
    let t = run("mutual", 8, 0);
    assert_eq!(t.outcome, Outcome::Success);
    let last: Vec<(Participant, ContentType)> = t.steps[t.steps.len() - 2..]
        .iter()
        .map(|s| (s.from, s.record.content_type))
        .collect();
    assert_eq!(
        last,
        [
            (Participant::Client, ContentType::ALERT),
            (Participant::Server, ContentType::ALERT)
        ]
    );
}

#[test]
fn a_failed_connection_stops_the_requests() {
    // The first request is tampered with: the server fails it, and no further request is sent.
    let one = run("tampered-record", 4, 1);
    let many = run("tampered-record", 4, 50);
    assert!(matches!(many.outcome, Outcome::Failed { .. }));
    assert_eq!(many, one);
}

#[test]
fn unknown_id_is_none() {
    let pki = scenario_pki("mutual", 1).expect("catalogue id");
    assert!(run_with("no-such-scenario", 1, &pki, 1).is_none());
}
