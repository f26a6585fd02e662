//! Replays the fuzzing regression corpus (`fuzz/corpus/<target>/*`) through the very code the
//! cargo-fuzz targets run (`fuzz/src/harness.rs`, included here), so `cargo test` on stable
//! Rust catches a regression of any input a fuzzer once found interesting.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../fuzz/src/harness.rs"]
mod harness;

use std::path::Path;

/// A fuzz target's body.
type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 5] = [
    ("record", harness::record),
    ("handshake_message", harness::handshake_message),
    ("server", harness::server),
    ("client", harness::client),
    ("byo", harness::byo),
];

#[test]
fn every_corpus_file_replays_without_a_panic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    for (target, run) in TARGETS {
        let dir = corpus.join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{target}: no corpus files");
        for file in files {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            run(&data);
        }
    }
}

#[test]
fn every_target_survives_empty_and_tiny_inputs() {
    for (_, run) in TARGETS {
        for data in [
            &[][..],
            &[0],
            &[1],
            &[0xff, 0x16],
            &[1, 0, 0x15, 3, 3, 0, 2, 2, 0],
        ] {
            run(data);
        }
    }
}
