//! The lessons' words, in English and Japanese: scenario titles, step explanations, key and
//! check names, alert meanings and the glossary. Protocol names stay as the RFCs write them.
//!
//! Everything here is keyed by ids the engine records (scenario ids, explanation ids, check
//! and key kinds, alert names); an id without words falls back to the id itself, so a new
//! engine scenario shows up readable before it is translated.

pub use mtls_lab_texts::{alert_meaning, check, check_status, checklist_item, checklist_reason};

mod key_names;
mod scenarios;
mod steps;
mod terms;

pub use key_names::{KeyWords, holding, key, key_in, key_kind_label, key_term, viewer};
pub use scenarios::{category, scenario, scenario_tls13};
pub use steps::{
    after_refusal, checklist_heading, explain, linked, rfc_segments, rfc_url, step_rfc,
    step_rfc_in, step_terms, step_text,
};
pub use terms::{GLOSSARY, Term, term, x509_gloss};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use mtls_lab_engine::scenario::{CATALOGUE, run_scenario};
    use mtls_lab_engine::trace::Explain;

    #[test]
    fn every_step_of_every_scenario_has_a_title_and_an_explanation_in_both_languages() {
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                for lang in [Lang::En, Lang::Ja] {
                    let (title, body) = step_text(lang, step);
                    assert!(
                        !title.is_empty() && title != step.explain.to_string(),
                        "{} step {}: the title is the raw id {:?} ({lang:?})",
                        scenario.id,
                        step.index,
                        step.explain
                    );
                    assert!(
                        !body.is_empty(),
                        "{} step {} ({}): no explanation ({lang:?})",
                        scenario.id,
                        step.index,
                        step.explain
                    );
                }
            }
        }
    }

    #[test]
    fn rfc_references_in_texts_become_links() {
        let parts = rfc_segments("The transcript (RFC 8446 §4.4.1). See RFC 5869, and §7.3.");
        assert_eq!(
            parts,
            vec![
                ("The transcript (".to_string(), None),
                (
                    "RFC 8446 §4.4.1".to_string(),
                    Some("https://www.rfc-editor.org/rfc/rfc8446#section-4.4.1".to_string())
                ),
                ("). See ".to_string(), None),
                (
                    "RFC 5869".to_string(),
                    Some("https://www.rfc-editor.org/rfc/rfc5869".to_string())
                ),
                (", and §7.3.".to_string(), None),
            ]
        );
        assert_eq!(
            rfc_url(8446, "D.4"),
            "https://www.rfc-editor.org/rfc/rfc8446#appendix-D.4"
        );
        assert_eq!(
            rfc_segments("no reference"),
            vec![("no reference".to_string(), None)]
        );
        // Every step of every scenario cites at least one RFC section.
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                let id = &step.explain;
                assert!(
                    !step_rfc(id).is_empty(),
                    "{}: {id} cites no RFC",
                    scenario.id
                );
            }
        }
    }

    #[test]
    fn every_term_a_step_links_to_is_in_the_glossary() {
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                for id in step_terms(&step.explain) {
                    assert!(
                        term(id).is_some(),
                        "{}: no glossary entry {id}",
                        step.explain
                    );
                }
            }
        }
        for id in [
            "transcript",
            "hkdf",
            "hmac",
            "aes-gcm",
            "alpn",
            "san",
            "leaf",
            "trust-store",
            "certificate-authorities",
        ] {
            assert!(term(id).is_some(), "{id}");
        }
    }

    #[test]
    fn a_phishing_proxy_reads_the_application_data_it_terminates() {
        let trace = run_scenario("aitm-relay-one-way", 3).expect("a catalogue id runs");
        // Every application-data record goes to or from the proxy, and says so.
        assert!(
            trace
                .steps
                .iter()
                .all(|s| s.explain != Explain::ApplicationData)
        );
        let texts: Vec<String> = trace
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s.explain,
                    Explain::RelayVictimToProxy | Explain::RelayProxyToServer
                )
            })
            .map(|s| step_text(Lang::En, s).1)
            .collect();
        assert!(!texts.is_empty());
        assert!(
            texts.iter().all(|t| !t.contains("Only the two endpoints")),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains("the password included")));
        assert!(
            texts
                .iter()
                .any(|t| t.contains("on which the proxy is the client"))
        );
        // The bit-flipping attacker of tampered-record sits between the ends too, but reads
        // nothing: its run keeps the plain text.
        let trace = run_scenario("tampered-record", 3).expect("a catalogue id runs");
        for s in trace
            .steps
            .iter()
            .filter(|s| s.explain == Explain::ApplicationData)
        {
            let (_, text) = step_text(Lang::En, s);
            assert!(text.contains("Only the two endpoints"), "{text}");
        }
    }
}
