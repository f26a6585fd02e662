//! OpenSSL checks the engine's cryptography: a signature the CLI made verifies with
//! `openssl dgst -verify`, and a changed message does not.

use std::process::Command;

use mtls_lab_tests::{cli_binary, output, p256_spki_pem, scratch};

#[test]
fn openssl_verifies_the_engines_ecdsa_signature() {
    let out = output(Command::new(cli_binary()).args(["demo", "--seed", "77", "--json"]));
    assert!(
        out.status.success(),
        "mtls-lab demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let bytes = |key: &str| -> Vec<u8> {
        run[key]
            .as_array()
            .expect("byte array")
            .iter()
            .map(|v| v.as_u64().expect("byte") as u8)
            .collect()
    };
    let dir = scratch("openssl-ecdsa");
    std::fs::write(dir.join("pub.pem"), p256_spki_pem(&bytes("signer_public"))).expect("write");
    std::fs::write(dir.join("sig.der"), bytes("signature")).expect("write");
    std::fs::write(dir.join("msg"), bytes("message")).expect("write");
    let mut tampered = bytes("message");
    tampered[3] ^= 0x20;
    std::fs::write(dir.join("tampered"), tampered).expect("write");

    let verify = |file: &str| {
        output(Command::new("openssl").current_dir(&dir).args([
            "dgst",
            "-sha256",
            "-verify",
            "pub.pem",
            "-signature",
            "sig.der",
            file,
        ]))
    };
    let good = verify("msg");
    assert!(
        good.status.success(),
        "OpenSSL rejected the signature: {}",
        String::from_utf8_lossy(&good.stdout)
    );
    assert_eq!(String::from_utf8_lossy(&good.stdout).trim(), "Verified OK");
    let bad = verify("tampered");
    assert!(
        !bad.status.success(),
        "OpenSSL accepted a signature over a changed message"
    );
}
