//! The glossary and the term card.

use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::lessons;

/// Properties of [`Glossary`].
#[derive(Properties, PartialEq)]
pub struct GlossaryProps {
    /// The language.
    pub lang: Lang,
    /// The term to highlight when open; `None` keeps the glossary folded.
    pub open: Option<&'static str>,
    /// Folds the glossary.
    pub onclose: Callback<MouseEvent>,
    /// Opens it at a term.
    pub onopen: Callback<&'static str>,
}

/// Properties of [`TermCard`].
#[derive(Properties, PartialEq)]
pub struct TermCardProps {
    /// The glossary entry's id.
    pub term: &'static str,
    /// The language.
    pub lang: Lang,
    /// Closes the card.
    pub onclose: Callback<MouseEvent>,
    /// Closes the card and opens the whole glossary at this entry.
    pub onall: Callback<&'static str>,
}

/// One glossary entry, shown where the learner is (fixed at the bottom of the window), so a
/// term opens without leaving the step. Focus moves to it; Escape or Close closes it.
#[component]
pub fn TermCard(props: &TermCardProps) -> Html {
    let lang = props.lang;
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with(props.term, move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let Some(entry) = lessons::term(props.term) else {
        return html! {};
    };
    let term = props.term;
    let onall = props.onall.clone();
    html! {
        <aside class="term-card card" role="dialog" aria-labelledby="term-card-title" data-testid="term-card">
            <h2 id="term-card-title">{ entry.term(lang) }</h2>
            <p>{ lessons::linked(entry.definition(lang)) }</p>
            <p class="term-card-actions">
                <button class="link" onclick={Callback::from(move |_| onall.emit(term))} data-testid="term-card-all">
                    { t(lang, Text::AllTerms) }
                </button>
                <button ref={close_ref} onclick={props.onclose.clone()} data-testid="term-card-close">{ t(lang, Text::Dismiss) }</button>
            </p>
        </aside>
    }
}

/// The glossary of the concepts the lab teaches.
#[component]
pub fn Glossary(props: &GlossaryProps) -> Html {
    let lang = props.lang;
    // Opened at a term: bring that entry into view once it is drawn.
    use_effect_with(props.open, |open| {
        if let Some(term) = open
            && let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("term-{term}")))
        {
            el.scroll_into_view();
        }
    });
    let entries = lessons::GLOSSARY.iter().map(|term| {
        let current = props.open == Some(term.id);
        html! {
            <div id={format!("term-{}", term.id)} class={classes!("term", current.then_some("current"))}>
                <dt>{ term.term(lang) }</dt>
                <dd>{ lessons::linked(term.definition(lang)) }</dd>
            </div>
        }
    });
    let toggle = {
        let open = props.open.is_some();
        let onclose = props.onclose.clone();
        let onopen = props.onopen.clone();
        Callback::from(move |e: MouseEvent| {
            if open {
                onclose.emit(e);
            } else {
                onopen.emit("mtls");
            }
        })
    };
    html! {
        <section class="card glossary" aria-labelledby="glossary-title" data-testid="glossary">
            <h2 id="glossary-title">
                <button class="fold" aria-expanded={props.open.is_some().to_string()} onclick={toggle}>
                    { if props.open.is_some() { "▾ " } else { "▸ " } }{ t(lang, Text::Glossary) }
                </button>
            </h2>
            if props.open.is_some() {
                <dl>{ for entries }</dl>
            }
        </section>
    }
}
