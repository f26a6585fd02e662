//! The share panel: the link to this view and the `<iframe>` snippet.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The link to the current view.
    pub link: String,
    /// The same view for an iframe.
    pub embed: String,
    /// The scenario's title (for the iframe's title attribute).
    pub title: String,
    /// The language.
    pub lang: Lang,
}

/// Copies text to the clipboard through `navigator.clipboard.writeText`, when the browser
/// offers it (the fields stay selectable for copying by hand otherwise).
pub(crate) fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    write.call1(&clipboard, &text.into()).is_ok()
}

/// The link to this view and an `<iframe>` snippet, with copy buttons.
#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let open = use_state(|| false);
    let copied = use_state(|| None::<&'static str>);
    let lang = props.lang;
    let snippet = format!(
        "<iframe src=\"{}\" title=\"mTLS Lab: {}\" width=\"100%\" height=\"560\" style=\"border:0;max-width:760px\" loading=\"lazy\"></iframe>",
        props.embed,
        props.title.replace('"', "&quot;")
    );
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let copy = |what: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            if copy_text(&text) {
                copied.set(Some(what));
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            el.select();
        }
    });
    html! {
        <section class="card share" aria-labelledby="share-title" data-testid="share">
            <h2 id="share-title">
                <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="share-toggle">
                    { if *open { "▾ " } else { "▸ " } }{ t(lang, Text::Share) }
                </button>
            </h2>
            if *open {
                <label class="share-field">{ t(lang, Text::ShareLink) }
                    <textarea readonly=true rows="2" data-testid="share-link" onfocus={select_all.clone()} value={props.link.clone()} />
                </label>
                <button onclick={copy("link", props.link.clone())}>{ t(lang, Text::Copy) }</button>
                if *copied == Some("link") { <span class="copied" role="status">{ " ✓ " }{ t(lang, Text::Copied) }</span> }
                <label class="share-field">{ t(lang, Text::ShareEmbed) }
                    <textarea readonly=true rows="3" data-testid="share-iframe" onfocus={select_all} value={snippet.clone()} />
                </label>
                <button onclick={copy("iframe", snippet)}>{ t(lang, Text::Copy) }</button>
                if *copied == Some("iframe") { <span class="copied" role="status">{ " ✓ " }{ t(lang, Text::Copied) }</span> }
            }
        </section>
    }
}
