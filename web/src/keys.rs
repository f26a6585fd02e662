//! The key-role table: who holds which key at the current step.

use std::rc::Rc;

use mtls_lab_engine::roles::{Holding, KeyRoles, key_roles};
use mtls_lab_engine::trace::Trace;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::lessons;

/// Properties of [`KeyTable`].
#[derive(Properties, PartialEq)]
pub struct KeyTableProps {
    /// The run.
    pub trace: Rc<Trace>,
    /// The current step.
    pub step: usize,
    /// The language.
    pub lang: Lang,
    /// Opens the glossary at a term.
    pub onterm: Callback<&'static str>,
}

/// Whether the cell (`row`, `column`) of the table at `step` is a key its viewer comes to hold
/// at that step: held now, not held at the step before.
fn appeared(before: Option<&KeyRoles>, now: &KeyRoles, row: usize, column: usize) -> bool {
    let held = |t: &KeyRoles| {
        t.rows
            .get(row)
            .and_then(|r| r.cells.get(column))
            .is_some_and(|h| *h == Holding::Holds)
    };
    held(now) && before.is_some_and(|b| !held(b))
}

/// How many keys someone comes to hold at `step` (the cells the table marks as new).
pub fn new_holdings(trace: &Trace, step: usize) -> usize {
    let now = key_roles(trace, step);
    let before = (step > 0).then(|| key_roles(trace, step - 1));
    (0..now.rows.len())
        .flat_map(|r| (0..now.columns.len()).map(move |c| (r, c)))
        .filter(|&(r, c)| appeared(before.as_ref(), &now, r, c))
        .count()
}

/// The live key-role table.
#[component]
pub fn KeyTable(props: &KeyTableProps) -> Html {
    let lang = props.lang;
    let words = lessons::KeyWords::of(&props.trace);
    let table = key_roles(&props.trace, props.step);
    let before = (props.step > 0).then(|| key_roles(&props.trace, props.step - 1));
    let heads = table.columns.iter().map(|v| {
        html! { <th scope="col">{ lessons::viewer(lang, *v) }</th> }
    });
    let rows = table.rows.iter().enumerate().map(|(r, row)| {
        let term = lessons::key_term(row.key);
        let onterm = props.onterm.clone();
        let cells = row.cells.iter().zip(&table.columns).enumerate().map(|(c, (h, v))| {
            let (class, mark) = match h {
                Holding::Holds => ("holds", "● "),
                Holding::Later => ("later", "◌ "),
                Holding::Never => ("never", "— "),
            };
            let new = appeared(before.as_ref(), &table, r, c);
            // On a phone each row is a card and each cell names its column (style.css).
            html! {
                <td class={classes!(class, new.then_some("appeared"))} data-label={lessons::viewer(lang, *v)}>
                    { mark }{ lessons::holding(lang, *h) }
                    if new { <span class="new-mark">{ " ★ " }{ t(lang, Text::NewAtStep) }</span> }
                </td>
            }
        });
        html! {
            <tr class={classes!(row.active.then_some("active"))} aria-current={row.active.then_some("step")}
                data-key={format!("{:?}", row.key)}>
                <th scope="row">
                    if row.active { <span class="now" aria-hidden="true">{ "▶ " }</span> }
                    <button class="link" onclick={Callback::from(move |_| onterm.emit(term))}>
                        { lessons::key_in(lang, row.key, words) }
                    </button>
                </th>
                { for cells }
            </tr>
        }
    });
    html! {
        <section class="card keytable" id="key-table" aria-labelledby="keys-title" data-testid="key-table">
            <h2 id="keys-title">{ t(lang, Text::KeyTable) }</h2>
            <p class="hint">{ t(lang, Text::KeyTableIntro) }</p>
            <div class="scroll">
                <table>
                    <thead><tr><th scope="col"></th>{ for heads }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
