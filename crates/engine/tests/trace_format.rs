//! The Trace JSON format (docs/TRACE.md) pinned by its shape: every path a trace of the
//! catalogue can contain, with its JSON type, is listed in `trace-v<VERSION>.shape` beside this
//! file. Within one version a field keeps its name and type and new fields may be added
//! (TRACE.md, "Stability"), so:
//!
//! - a path of the reference that no trace has any more, or whose type changed, fails: that is
//!   a new version of the format (bump `TRACE_VERSION`, write a new reference);
//! - a path no reference lists fails too, until it is added to the reference on purpose (an
//!   addition is allowed within a version, but not unnoticed).
//!
//! `MTLS_LAB_WRITE_TRACE_SHAPE=1 cargo test -p mtls-lab-engine --test trace_format` writes the
//! reference from the current engine (then read the diff).

use std::collections::BTreeSet;

use mtls_lab_engine::scenario::{CATALOGUE, run_scenario};
use mtls_lab_engine::trace::TRACE_VERSION;
use serde_json::Value;

/// Every `path: type` in `value`, array elements as `[]`.
fn shape(value: &Value, path: &str, out: &mut BTreeSet<String>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{path}[]"), out);
            }
            "array"
        }
        Value::Object(map) => {
            for (key, v) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                shape(v, &child, out);
            }
            "object"
        }
    };
    if !path.is_empty() {
        out.insert(format!("{path}: {kind}"));
    }
}

#[test]
fn the_trace_format_keeps_its_shape_within_a_version() {
    let mut now = BTreeSet::new();
    for scenario in CATALOGUE {
        let trace = run_scenario(scenario.id, 1).expect("a catalogue id runs");
        let json = serde_json::to_value(&trace).expect("a trace serializes");
        assert_eq!(json["version"], TRACE_VERSION, "{}", scenario.id);
        shape(&json, "", &mut now);
    }
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(format!("trace-v{TRACE_VERSION}.shape"));
    if std::env::var_os("MTLS_LAB_WRITE_TRACE_SHAPE").is_some() {
        let text: String = now.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&file, text).expect("the reference is writable");
    }
    let reference: BTreeSet<String> = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .lines()
        .map(str::to_string)
        .collect();
    let gone: Vec<&String> = reference.difference(&now).collect();
    assert!(
        gone.is_empty(),
        "paths of Trace v{TRACE_VERSION} that no trace has any more (removed, renamed or retyped: \
         a new version of the format, see docs/TRACE.md): {gone:#?}"
    );
    let added: Vec<&String> = now.difference(&reference).collect();
    assert!(
        added.is_empty(),
        "new paths, allowed within v{TRACE_VERSION} but not unnoticed: document them in \
         docs/TRACE.md and add them to {}: {added:#?}",
        file.display()
    );
}

/// The typed reasons of `Error` write the same JSON the Trace always carried (docs/TRACE.md),
/// and read it back to the same value.
#[test]
fn typed_error_reasons_keep_their_json() {
    use mtls_lab_engine::error::{Error, Expecting, NoCommon, Param, Received, RequiredExtension};
    use mtls_lab_engine::wire::ContentType;
    let cases = [
        (
            Error::UnexpectedMessage {
                got: Received::Unprotected(ContentType::HANDSHAKE),
                expected: Expecting::Nothing,
            },
            r#"{"kind":"unexpected_message","detail":{"got":"unprotected handshake record","expected":"nothing (closed)"}}"#,
        ),
        (
            Error::UnexpectedMessage {
                got: Received::UnknownMessage(200),
                expected: Expecting::CertificateOrRequest,
            },
            r#"{"kind":"unexpected_message","detail":{"got":"handshake message type 200","expected":"Certificate or CertificateRequest"}}"#,
        ),
        (
            Error::HandshakeFailure(NoCommon::Group),
            r#"{"kind":"handshake_failure","detail":"no key-exchange group in common"}"#,
        ),
        (
            Error::IllegalParameter(Param::DuplicateExtensions),
            r#"{"kind":"illegal_parameter","detail":"duplicate extensions"}"#,
        ),
        (
            Error::MissingExtension(RequiredExtension::KeyShare),
            r#"{"kind":"missing_extension","detail":"key_share"}"#,
        ),
    ];
    for (error, json) in cases {
        assert_eq!(serde_json::to_string(&error).expect("serializes"), json);
        assert_eq!(serde_json::from_str::<Error>(json).expect("reads"), error);
    }
    // Every phrase reads back as what wrote it.
    let received = [
        Received::Message("HelloRetryRequest".into()),
        Received::UnknownMessage(99),
        Received::UnknownRecord(99),
        Received::Unprotected(ContentType::APPLICATION_DATA),
        Received::EmptyProtected(ContentType::ALERT),
        Received::BetweenFragments(ContentType::ALERT),
        Received::Content(ContentType::CHANGE_CIPHER_SPEC),
        Received::Content(ContentType(99)),
        Received::SecondHelloRetryRequest,
        Received::HandshakeAcrossKeyChange,
        Received::NoContentType,
        Received::ApplicationData,
        Received::EmptyHandshakeRecord,
    ];
    for r in received {
        assert_eq!(Received::from(r.to_string()), r);
    }
}
