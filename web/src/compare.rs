//! One-way and mutual TLS side by side, with the comparison table.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagram::Diagram;
use crate::engine::run;
use crate::i18n::{Lang, Text, t};

/// Properties of [`CompareView`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The seed both runs use.
    pub seed: u64,
    /// The language.
    pub lang: Lang,
}

/// One-way and mutual side by side, with the comparison table.
#[component]
pub fn CompareView(props: &CompareProps) -> Html {
    let lang = props.lang;
    let runs = use_memo(props.seed, |seed| {
        (run("one-way", *seed, 1), run("mutual", *seed, 1))
    });
    let (one_way, mutual) = (&runs.0, &runs.1);
    // A mutual step is emphasised when one-way has no message of that name from that sender.
    let emphasis: Vec<bool> = mutual
        .steps
        .iter()
        .map(|s| {
            let label = s.messages.first().map(|m| m.name.as_str());
            label.is_some()
                && !one_way.steps.iter().any(|o| {
                    o.from == s.from && o.messages.first().map(|m| m.name.as_str()) == label
                })
        })
        .collect();
    let rows = [
        (
            Text::CompareWho,
            Text::CompareWhoOneWay,
            Text::CompareWhoMutual,
        ),
        (
            Text::CompareCerts,
            Text::CompareCertsOneWay,
            Text::CompareCertsMutual,
        ),
        (
            Text::ComparePrevents,
            Text::ComparePreventsOneWay,
            Text::ComparePreventsMutual,
        ),
        (
            Text::CompareUses,
            Text::CompareUsesOneWay,
            Text::CompareUsesMutual,
        ),
    ]
    .map(|(a, o, m)| {
        html! {
            <tr>
                <th scope="row">{ t(lang, a) }</th>
                <td data-col={t(lang, Text::ModeOneWay)}>{ t(lang, o) }</td>
                <td data-col={t(lang, Text::ModeMutual)}>{ t(lang, m) }</td>
            </tr>
        }
    });
    html! {
        <section class="compare" data-testid="compare">
            <h2>{ t(lang, Text::CompareTitle) }</h2>
            <p>{ t(lang, Text::CompareIntro) }</p>
            <div class="pair">
                <div class="card">
                    <h3>{ t(lang, Text::ModeOneWay) }</h3>
                    <Diagram trace={one_way.clone()} upto={usize::MAX} lang={lang} emphasis={Rc::new(vec![false; one_way.steps.len()])} title={t(lang, Text::ModeOneWay).to_string()} />
                </div>
                <div class="card">
                    <h3>{ t(lang, Text::ModeMutual) }<span class="legend">{ " ★ " }{ t(lang, Text::CompareOnlyMutual) }</span></h3>
                    <Diagram trace={mutual.clone()} upto={usize::MAX} lang={lang} emphasis={Rc::new(emphasis)} title={t(lang, Text::ModeMutual).to_string()} />
                </div>
            </div>
            <div class="card scroll">
                <table class="comparison">
                    <thead><tr><th></th><th scope="col">{ t(lang, Text::ModeOneWay) }</th><th scope="col">{ t(lang, Text::ModeMutual) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
