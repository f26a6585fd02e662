//! wasm-bindgen tests that run in headless Chromium: the engine's cryptography behaves the same
//! compiled to wasm32 as natively, and the app renders its result.
#![cfg(target_arch = "wasm32")]

use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::round_trip;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn ecdh_and_ecdsa_round_trip_in_the_browser() {
    for group in [Group::Secp256r1, Group::X25519] {
        let run = round_trip(group, 1234);
        assert_eq!(run.client_secret, run.server_secret);
        assert!(run.verified);
        assert!(!run.tampered_verified);
    }
}

/// The shared secret for seed 1234 on P-256; `crates/engine/src/demo.rs` pins the same value
/// natively, so the two builds cannot drift apart unnoticed.
const SEED_1234_SECRET: &str = "9692c14b9b351e247f9b6475bdb0f2dc24cab3752d8034006d1bc0553a1ec655";

#[wasm_bindgen_test]
fn wasm_and_native_give_the_same_bytes_for_a_seed() {
    let run = round_trip(Group::Secp256r1, 1234);
    let hex: String = run
        .client_secret
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hex, SEED_1234_SECRET);
}

#[wasm_bindgen_test]
async fn the_app_draws_a_real_run_and_steps_through_it() {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let host = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("append");
    yew::Renderer::<mtls_lab_web::App>::with_root(host.clone()).render();
    let count = |selector: &str| {
        host.query_selector_all(selector)
            .map(|l| l.length())
            .unwrap_or(0)
    };
    // Rendering is scheduled on the event loop: wait for the first drawing (at most 5 s).
    for _ in 0..100 {
        yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
        if count("[data-testid=diagram] g.arrow") > 0 {
            break;
        }
    }
    assert_eq!(
        count("[data-testid=diagram] g.arrow"),
        1,
        "the first step only"
    );
    let click = |id: &str| {
        host.query_selector(&format!("[data-testid={id}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .expect("button")
            .click()
    };
    click("last");
    // The default scenario is mutual TLS: it ends with both close_notify alerts. Yew renders
    // on its scheduler, and a debug build on a busy machine can take a while: wait for the
    // drawing (at most 5 s) rather than a fixed time.
    let mut arrows = 0;
    for _ in 0..100 {
        yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
        arrows = count("[data-testid=diagram] g.arrow");
        if arrows >= 15 {
            break;
        }
    }
    assert!(
        arrows >= 15,
        "a mutual handshake and its data: {arrows} records"
    );
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("CertificateRequest"), "{text}");
    assert_eq!(count("g.outcome.ok"), 1);
}
