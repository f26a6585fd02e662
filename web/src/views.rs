//! The lab's views: the playback controls, the single run with the inspector and the key
//! table beside it, the embed, and presenter mode.

use std::rc::Rc;

use mtls_lab_engine::scenario::CATALOGUE;
use mtls_lab_engine::trace::Trace;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::share_link;
use crate::compare::CompareView;
use crate::course::{self, Page};
use crate::diagram::{self, Diagram, label, participant};
use crate::engine::fresh_seed;
use crate::i18n::{Lang, Text, pick, t};
use crate::inspector::Inspector;
use crate::keys::{self, KeyTable};
use crate::lessons;
use crate::state::{Action, Lab, SPEEDS};
use crate::url::{self, Mode};

/// "0.5×", "1×", "2×" for a speed in percent (integer formatting: see [`diagram::px`]).
pub(crate) fn speed_label(percent: u32) -> String {
    match percent % 100 {
        0 => format!("{}×", percent / 100),
        r => format!("{}.{}×", percent / 100, r.to_string().trim_end_matches('0')),
    }
}

/// The playback toolbar; `extra` goes at its end (the speed menu in the full view).
pub(crate) fn controls(
    lab: &Lab,
    act: &dyn Fn(Action) -> Callback<MouseEvent>,
    extra: Html,
) -> Html {
    let lang = lab.lang;
    html! {
        <div class="controls" role="toolbar" aria-label={t(lang, Text::Diagram)}>
            <button onclick={act(Action::First)} aria-label={t(lang, Text::First)} title={t(lang, Text::First)} data-testid="first">{ "|◀" }</button>
            <button onclick={act(Action::Prev)} aria-label={t(lang, Text::Previous)} title={t(lang, Text::Previous)} data-testid="prev">{ "◀" }</button>
            <button class="primary" onclick={act(Action::Toggle)} data-testid="play">
                { if lab.playing { format!("⏸ {}", t(lang, Text::Pause)) } else { format!("▶ {}", t(lang, Text::Play)) } }
            </button>
            <button onclick={act(Action::Next)} aria-label={t(lang, Text::Next)} title={t(lang, Text::Next)} data-testid="next"
                    disabled={lab.step >= lab.limit() && lab.limit() < lab.last()}>{ "▶" }</button>
            <button onclick={act(Action::Last)} aria-label={t(lang, Text::Last)} title={t(lang, Text::Last)} data-testid="last">{ "▶|" }</button>
            <span class="counter" data-testid="step-counter">{ format!("{} {} / {}", t(lang, Text::StepOf), lab.step + 1, lab.trace.steps.len()) }</span>
            { extra }
        </div>
    }
}

/// Selecting an arrow goes to its step.
pub(crate) fn goto(dispatch: &UseReducerDispatcher<Lab>) -> Callback<usize> {
    let dispatch = dispatch.clone();
    Callback::from(move |i: usize| dispatch.dispatch(Action::Goto(i)))
}

pub(crate) fn embed_view(
    lab: &Lab,
    dispatch: &UseReducerDispatcher<Lab>,
    act: &dyn Fn(Action) -> Callback<MouseEvent>,
) -> Html {
    let lang = lab.lang;
    let (title, _) = lessons::scenario(lang, &lab.scenario);
    let onselect = goto(dispatch);
    html! {
        <>
        <p class="embed-title"><strong data-testid="scenario-title">{ title.clone() }</strong>
            { " · " }<a href={share_link(lab, false)} target="_blank" rel="noopener">{ t(lang, Text::OpenFull) }</a></p>
        { controls(lab, act, html! {}) }
        <Diagram trace={lab.trace.clone()} upto={lab.step} lang={lang} onselect={onselect} title={title} speed={lab.speed} />
        <EmbedInspector trace={lab.trace.clone()} step={lab.step} lang={lang} />
        </>
    }
}

/// Properties of [`EmbedInspector`].
#[derive(Properties, PartialEq)]
pub struct EmbedInspectorProps {
    /// The run.
    pub trace: Rc<Trace>,
    /// The step.
    pub step: usize,
    /// The language.
    pub lang: Lang,
}

/// The embed's inspector, folded until asked for.
#[component]
pub fn EmbedInspector(props: &EmbedInspectorProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let lang = props.lang;
    html! {
        <div class="embed-inspector">
            <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="inspector-toggle">
                { if *open { "▾ " } else { "▸ " } }{ t(lang, Text::Inspector) }
            </button>
            if *open {
                <Inspector key={props.step} trace={props.trace.clone()} step={props.step} lang={lang} onterm={Callback::noop()} glossary={false} />
            }
        </div>
    }
}

pub(crate) fn present_view(
    lab: &Lab,
    dispatch: &UseReducerDispatcher<Lab>,
    act: &dyn Fn(Action) -> Callback<MouseEvent>,
    question: Html,
) -> Html {
    let lang = lab.lang;
    let (title, _) = lessons::scenario(lang, &lab.scenario);
    let step = lab.trace.steps.get(lab.step);
    let (caption, body) = step
        .map(|s| lessons::step_text(lang, s))
        .unwrap_or_default();
    // The checks of this step, for the room: who checked what, and whether it held.
    let checks = step.into_iter().flat_map(|s| &s.events).filter_map(|e| match &e.event {
        mtls_lab_engine::handshake::Event::Check(c) => Some(html! {
            <li class={if c.passed { "ok" } else { "bad" }}>
                { if c.passed { "✓ " } else { "✕ " } }
                <strong>{ diagram::participant(lang, e.by) }</strong>{ ": " }{ lessons::check(lang, c.check) }
            </li>
        }),
        _ => None,
    });
    let after_refusal = step
        .filter(|_| lab.trace.arrives_after_refusal(lab.step))
        .map(|s| lessons::after_refusal(lang, s.from, s.to));
    let onselect = goto(dispatch);
    html! {
        <>
        <header class="present-head">
            <h1 data-testid="scenario-title">{ title.clone() }</h1>
            <p class="present-step" data-testid="present-caption">
                <span class="present-num">{ format!("{} / {}", lab.step + 1, lab.trace.steps.len()) }</span>
                { " " }{ caption }
            </p>
            { present_picker(lab, dispatch) }
            <button onclick={act(Action::Present(false))} data-testid="present-exit">{ t(lang, Text::PresentExit) }</button>
        </header>
        <div class="present-body">
            <div class="card present-diagram"><Diagram trace={lab.trace.clone()} upto={lab.step} lang={lang} onselect={onselect} title={title} speed={lab.speed} /></div>
            <div class="present-side">
                { question }
                <section class="card present-notes" data-testid="present-notes">
                    <p>{ body }</p>
                    if let Some(note) = after_refusal { <p class="note">{ note }</p> }
                    <ul class="checks">{ for checks }</ul>
                </section>
                <KeyTable trace={lab.trace.clone()} step={lab.step} lang={lang} onterm={Callback::noop()} />
            </div>
        </div>
        <p class="hint">{ t(lang, Text::PresentKeys) }</p>
        </>
    }
}

/// The `<select>` an event came from.
pub(crate) fn event_select(e: &Event) -> Option<web_sys::HtmlSelectElement> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
}

/// The presenter's picker for the room: every scenario, then the compare view. A choice gives
/// the keys back to the run.
pub(crate) fn present_picker(lab: &Lab, dispatch: &UseReducerDispatcher<Lab>) -> Html {
    let lang = lab.lang;
    let single = lab.mode == Mode::Single;
    let onpick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = event_select(&e) {
                let value = sel.value();
                dispatch.dispatch(if value == "compare" {
                    Action::Compare
                } else {
                    Action::Scenario(value)
                });
                let _ = sel.blur();
            }
        })
    };
    let scenarios = CATALOGUE.iter().map(|entry| {
        html! {
            <option value={entry.id} selected={single && entry.id == lab.scenario}>{ lessons::scenario(lang, entry.id).0 }</option>
        }
    });
    html! {
        <select onchange={onpick} data-testid="present-scenario" aria-label={t(lang, Text::Catalogue)}>
            { for scenarios }
            <option value="compare" selected={!single}>{ t(lang, Text::CompareTitle) }</option>
        </select>
    }
}

/// Presenter mode over the compare view: one-way and mutual side by side, large.
pub(crate) fn present_compare(
    lab: &Lab,
    dispatch: &UseReducerDispatcher<Lab>,
    act: &dyn Fn(Action) -> Callback<MouseEvent>,
) -> Html {
    let lang = lab.lang;
    html! {
        <>
        <header class="present-head">
            <h1 data-testid="scenario-title">{ t(lang, Text::CompareTitle) }</h1>
            { present_picker(lab, dispatch) }
            <button onclick={act(Action::Present(false))} data-testid="present-exit">{ t(lang, Text::PresentExit) }</button>
        </header>
        <CompareView seed={lab.seed} lang={lang} />
        </>
    }
}

/// On a wide screen, the two tabs over the column beside the diagram: this step (the
/// inspector) or who holds which key, with how many keys someone comes to hold at this step.
/// ← and → move between them (and do not step the run).
pub(crate) fn side_tabs(lab: &Lab, dispatch: &UseReducerDispatcher<Lab>) -> Html {
    let lang = lab.lang;
    let fresh = keys::new_holdings(&lab.trace, lab.step);
    let tab = |keys: bool| {
        let selected = lab.keys_tab == keys;
        let id = if keys { "tab-keys" } else { "tab-step" };
        let other = if keys { "tab-step" } else { "tab-keys" };
        let onclick = {
            let d = dispatch.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(Action::KeysTab(keys)))
        };
        let onkeydown = {
            let d = dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                if matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight") {
                    e.prevent_default();
                    e.stop_propagation();
                    d.dispatch(Action::KeysTab(!keys));
                    let other = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|doc| doc.get_element_by_id(other))
                        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(el) = other {
                        let _ = el.focus();
                    }
                }
            })
        };
        html! {
            <button role="tab" id={id} aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                    aria-controls={if keys { "key-table" } else { "inspector" }}
                    class={classes!("tab", selected.then_some("on"))} data-testid={id} {onclick} {onkeydown}>
                { t(lang, if keys { Text::KeyTable } else { Text::ThisStep }) }
                if keys && fresh > 0 {
                    // Said in words to a screen reader; seen as a star and a number.
                    <span class="sr-only">{ format!(" ({})", pick(lang, (
                        "{n} new at this step, one per key and holder",
                        "このステップで新規: {n} 件 (鍵と、それを持つ側の組ごとに数えています)",
                    )).replace("{n}", &fresh.to_string())) }</span>
                    <span class="fresh" aria-hidden="true">{ format!(" ★ {fresh}") }</span>
                }
            </button>
        }
    };
    html! {
        <div class="side-tabs" role="tablist" aria-label={t(lang, Text::SideTabs)}>
            { tab(false) }{ tab(true) }
        </div>
    }
}

pub(crate) fn single_view(
    lab: &Lab,
    dispatch: &UseReducerDispatcher<Lab>,
    act: &dyn Fn(Action) -> Callback<MouseEvent>,
    on_term: Callback<&'static str>,
    question: Html,
) -> Html {
    let lang = lab.lang;
    let (title, summary) = lessons::scenario(lang, &lab.scenario);
    let onselect = goto(dispatch);
    let on_speed = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = event_select(&e) {
                dispatch.dispatch(Action::Speed(sel.value().parse().unwrap_or(100)));
            }
        })
    };
    let speeds = SPEEDS.iter().map(|p| {
        html! { <option value={p.to_string()} selected={*p == lab.speed}>{ speed_label(*p) }</option> }
    });
    let shown = diagram::window(lab.step, lab.trace.steps.len());
    let twin = lab.trace.steps[shown].iter().map(|s| {
        html! { <li>{ format!("{} → {}: {}", participant(lang, s.from), participant(lang, s.to), label(lang, s)) }</li> }
    });
    let reseed = {
        let dispatch = dispatch.clone();
        let requests = lab.requests;
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Rerun {
                seed: fresh_seed(),
                requests,
            })
        })
    };
    let on_requests = {
        let dispatch = dispatch.clone();
        let seed = lab.seed;
        Callback::from(move |e: Event| {
            let n = event_select(&e).and_then(|sel| sel.value().parse::<usize>().ok());
            if let Some(requests) = n {
                dispatch.dispatch(Action::Rerun { seed, requests });
            }
        })
    };
    let mut request_counts = vec![0, 1, 10, 100, url::MAX_REQUESTS];
    if !request_counts.contains(&lab.requests) {
        request_counts.push(lab.requests);
        request_counts.sort_unstable();
    }
    let request_options = request_counts.into_iter().map(|n| {
        html! { <option value={n.to_string()} selected={n == lab.requests}>{ n }</option> }
    });
    html! {
        <>
        <section class="intro">
            <h2 data-testid="scenario-title">{ title.clone() }</h2>
            // A lesson does not tell the outcome before it asks about it.
            if !matches!(lab.page, Page::Lesson(_)) {
                <p>{ summary }{ " " }{ course::lesson_chip(lang, &lab.scenario) }</p>
            }
        </section>
        <div class="layout">
            <section class="stage card" aria-labelledby="diagram-title">
                <h2 id="diagram-title" class="sr-only">{ t(lang, Text::Diagram) }</h2>
                { controls(lab, act, html! {
                    <label class="speed">{ t(lang, Text::Speed) }{ " " }
                        <select onchange={on_speed} data-testid="speed">{ for speeds }</select>
                    </label>
                }) }
                { question }
                <Diagram trace={lab.trace.clone()} upto={lab.step} lang={lang} onselect={onselect} title={title} speed={lab.speed} />
                <ol class="sr-only" data-testid="text-twin" aria-label={t(lang, Text::DiagramText)}>{ for twin }</ol>
                { crate::leak::leak_panel(lang, &lab.trace, lab.step) }
                <div class="controls secondary">
                    <button onclick={reseed} data-testid="reseed">{ "↻ " }{ t(lang, Text::NewRandomness) }</button>
                    <button onclick={act(Action::Present(true))} data-testid="present">{ t(lang, Text::PresentEnter) }</button>
                    <span class="seed">{ t(lang, Text::Seed) }{ ": " }<code data-testid="seed">{ lab.seed }</code></span>
                    <label class="requests" title={t(lang, Text::RequestsHelp)}>
                        { t(lang, Text::Requests) }{ " " }
                        <select onchange={on_requests} data-testid="requests">{ for request_options }</select>
                    </label>
                </div>
                <p class="hint">{ t(lang, Text::KeyboardHelp) }</p>
            </section>
            <div class="side" data-side={if lab.keys_tab { "keys" } else { "step" }}>
                { side_tabs(lab, dispatch) }
                <Inspector key={format!("{}-{}-{}", lab.scenario, lab.seed, lab.step)} trace={lab.trace.clone()} step={lab.step} lang={lang} onterm={on_term.clone()}
                    wire={lab.wire} onwire={{ let d = dispatch.clone(); Callback::from(move |on| d.dispatch(Action::Wire(on))) }} />
                <KeyTable trace={lab.trace.clone()} step={lab.step} lang={lang} onterm={on_term} />
            </div>
        </div>
        </>
    }
}
