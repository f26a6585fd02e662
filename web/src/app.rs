//! The app component: hooks (keyboard, playback clock, URL sync, height for embeds) and the
//! page for each view.

use mtls_lab_engine::scenario::{self, CATALOGUE, Category};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::compare::CompareView;
use crate::course::{self, Page};
use crate::glossary::{Glossary, TermCard};
use crate::i18n::{Lang, Text, t};
use crate::inspector::narrate;
use crate::share::SharePanel;
use crate::state::{Action, Lab, STEP_MS, initial_lab, load};
use crate::url::{self, Mode, Notice};
use crate::versions::VersionsCompare;
use crate::views::{embed_view, event_select, present_compare, present_view, single_view};
use crate::{bench, exports, lessons};

/// How long after a change of view the address bar follows (see the effect in [`App`]).
pub(crate) const URL_SYNC_DELAY_MS: i32 = 120;

/// Scrolls the diagram's current arrow into view if it is not (`block: "nearest"`: no jump
/// when it is already visible).
pub(crate) fn scroll_current_step_into_view() {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("svg.diagram g.current").ok().flatten())
    else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    if let Ok(scroll) = js_sys::Reflect::get(&el, &"scrollIntoView".into())
        && let Ok(scroll) = scroll.dyn_into::<js_sys::Function>()
    {
        let _ = scroll.call1(&el, &options);
    }
}

/// Keeps the address bar in step with the view, without adding history entries.
pub(crate) fn sync_url(lab: &Lab) {
    let query = match &lab.page {
        Page::Lab => lab.query(),
        Page::Course => url::format_course(lab.lang, false),
        Page::Plan(None) => url::format_course(lab.lang, true),
        Page::Plan(Some(n)) => {
            url::format_lesson(course::LESSONS[*n].id, 0, 0, 0, 0, lab.lang, true)
        }
        Page::Lesson(at) => url::format_lesson(
            at.lesson().id,
            at.part,
            lab.step,
            lab.last(),
            lab.seed,
            lab.lang,
            false,
        ),
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let extra = format!(
        "{}{}",
        if lab.embed { "&embed=1" } else { "" },
        if lab.present { "&present=1" } else { "" }
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{query}{extra}")),
        );
    }
}

pub(crate) fn notice_line(lang: Lang, n: &Notice) -> String {
    let (text, value, fallback) = match n {
        Notice::Scenario(v) => (Text::NoticeScenario, v, url::DEFAULT_SCENARIO.to_string()),
        Notice::Step(v) => (Text::NoticeStep, v, "1".to_string()),
        Notice::Seed(v) => (Text::NoticeSeed, v, String::new()),
        Notice::Lang(v) => (Text::NoticeLang, v, lang.tag().to_string()),
        Notice::Mode(v) => (Text::NoticeMode, v, url::DEFAULT_SCENARIO.to_string()),
        Notice::Requests(v) => (Text::NoticeRequests, v, "1".to_string()),
        Notice::Bytes(v) => (Text::NoticeBytes, v, "ends".to_string()),
        Notice::Lesson(v) => (Text::NoticeLesson, v, String::new()),
        Notice::Part(v) => (Text::NoticePart, v, "1".to_string()),
    };
    format!("“{value}”: {} {fallback}", t(lang, text))
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let lab = use_reducer(initial_lab);
    let dispatch = lab.dispatcher();
    let lang = lab.lang;

    // <html lang> and the address bar follow the view.
    {
        let lab = lab.clone();
        use_effect_with(
            (
                lab.scenario.clone(),
                lab.mode,
                lab.step,
                lab.seed,
                lab.lang,
                lab.present,
                lab.wire,
                lab.page.clone(),
            ),
            move |_| {
                if let Some(root) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    && root.get_attribute("lang").as_deref() != Some(lab.lang.tag())
                {
                    let _ = root.set_attribute("lang", lab.lang.tag());
                }
                // The tab's title in the page's language.
                if let Some(document) = web_sys::window().and_then(|w| w.document())
                    && document.title() != t(lab.lang, Text::PageTitle)
                {
                    document.set_title(t(lab.lang, Text::PageTitle));
                }
                // `history.replaceState` makes the browser bring style up to date at once, which
                // costs 10-25 ms right after a step changed the page. Done a moment later, after
                // the browser has drawn the step, it is cheap; a change within that moment
                // replaces the pending update (the effect's cleanup cancels it).
                let update = Closure::once(move || sync_url(&lab));
                let handle = web_sys::window().and_then(|w| {
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        update.as_ref().unchecked_ref(),
                        URL_SYNC_DELAY_MS,
                    )
                    .ok()
                });
                move || {
                    if let (Some(h), Some(w)) = (handle, web_sys::window()) {
                        w.clear_timeout_with_handle(h);
                    }
                    drop(update);
                }
            },
        );
    }

    // The course's progress is kept in this browser whenever it changes.
    use_effect_with(lab.progress.clone(), |progress| progress.save());

    // Presenter mode: the current step's arrow stays in view, however long the run (the
    // 26-step AiTM relay is taller than a projector's screen).
    use_effect_with(
        (lab.present, lab.step, lab.scenario.clone()),
        |(present, _, _)| {
            if *present {
                scroll_current_step_into_view();
            }
        },
    );

    // A run the state wants (another scenario, new randomness, a lesson's part) is made here,
    // outside the reducer, in a task of its own.
    {
        let dispatch = dispatch.clone();
        use_effect_with(lab.wanted.clone(), move |wanted| {
            if let Some(wanted) = wanted.clone() {
                load(dispatch, wanted);
            }
        });
    }

    // Keyboard: → ← space Home End, unless typing in a form field.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let tag = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .map(|el| el.tag_name().to_ascii_lowercase())
                        .unwrap_or_default();
                    if matches!(tag.as_str(), "input" | "select" | "textarea") {
                        return;
                    }
                    let action = match e.key().as_str() {
                        "ArrowRight" => Action::Next,
                        "ArrowLeft" => Action::Prev,
                        "Home" => Action::First,
                        "End" => Action::Last,
                        " " if tag != "button" => Action::Toggle,
                        "Escape" => Action::Escape,
                        // Presentation clickers send PageDown and PageUp.
                        "PageDown" => Action::Next,
                        "PageUp" => Action::Prev,
                        k if k.len() == 1 && ("1"..="9").contains(&k) => {
                            Action::Nth(k.parse::<usize>().unwrap_or(1) - 1)
                        }
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &document {
                let _ = d
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = &document {
                    let _ = d.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }

    // Playback clock: one tick per step while playing.
    {
        let dispatch = dispatch.clone();
        use_effect_with(
            (lab.playing, lab.step, lab.speed),
            move |(playing, _, speed)| {
                let mut handle = None;
                let tick = Closure::once(move || dispatch.dispatch(Action::Tick));
                if *playing && let Some(w) = web_sys::window() {
                    handle = w
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            tick.as_ref().unchecked_ref(),
                            (STEP_MS * 100 / (*speed).max(1)) as i32,
                        )
                        .ok();
                }
                move || {
                    if let (Some(h), Some(w)) = (handle, web_sys::window()) {
                        w.clear_timeout_with_handle(h);
                    }
                    drop(tick);
                }
            },
        );
    }

    // An embedded lab tells its parent page its height whenever its size changes.
    {
        let embed = lab.embed;
        use_effect_with(embed, move |embed| {
            let mut observer = None;
            let callback = Closure::<dyn Fn()>::new(post_height);
            if *embed {
                post_height();
                if let Ok(o) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
                    && let Some(root) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.document_element())
                {
                    o.observe(&root);
                    observer = Some(o);
                }
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }

    let on_term = {
        let dispatch = dispatch.clone();
        Callback::from(move |term: &'static str| dispatch.dispatch(Action::Term(Some(term))))
    };
    let on_bench = {
        let dispatch = dispatch.clone();
        Callback::from(move |code: String| {
            dispatch.dispatch(Action::Scenario(code));
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        })
    };
    let act = |a: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(a.clone()))
    };

    let header = html! {
        <header class="top">
            <div>
                <h1><a href={format!("?lang={}", lang.tag())} class="home">{ "mTLS Lab" }</a></h1>
                <p class="tagline">{ t(lang, Text::Tagline) }</p>
            </div>
            <nav class="top-links">
                <a href={url::format_course(lang, false)} data-testid="course-nav"
                   aria-current={matches!(lab.page, Page::Course).then_some("page")}>{ t(lang, Text::CourseLink) }</a>
                <button class="lang" lang={lang.other().tag()} data-testid="lang-switch"
                        onclick={act(Action::Lang(lang.other()))}>
                    { t(lang, Text::SwitchLanguage) }
                </button>
            </nav>
        </header>
    };

    let notices = (!lab.notices.is_empty()).then(|| {
        let lines = lab
            .notices
            .iter()
            .map(|n| html! { <li>{ notice_line(lang, n) }</li> });
        html! {
            <div class="notice" role="status" data-testid="notice">
                <strong>{ t(lang, Text::NoticeTitle) }</strong>
                <ul>{ for lines }</ul>
                <button onclick={act(Action::Dismiss)}>{ t(lang, Text::Dismiss) }</button>
            </div>
        }
    });

    let picker = {
        let groups = [
            Category::HappyPath,
            Category::ClientCertificateFailure,
            Category::ServerCertificateFailure,
            Category::Attack,
        ]
        .into_iter()
        .filter(|c| CATALOGUE.iter().any(|s| s.group == *c))
        .map(|c| {
            let options = CATALOGUE.iter().filter(|s| s.group == c).map(|s| {
                let (title, _) = lessons::scenario(lang, s.id);
                html! {
                    <option value={s.id} selected={lab.mode == Mode::Single && lab.scenario == s.id}>{ title }</option>
                }
            });
            html! { <optgroup label={lessons::category(lang, c)}>{ for options }</optgroup> }
        });
        let onchange = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: Event| {
                if let Some(sel) = event_select(&e) {
                    dispatch.dispatch(Action::Scenario(sel.value()));
                    // Give the keys back to the run: with focus left in the picker, → would
                    // change the scenario instead of stepping.
                    let _ = sel.blur();
                }
            })
        };
        let mode_button = |text: Text, pressed: bool, action: Action, id: &'static str| {
            html! {
                <button aria-pressed={pressed.to_string()} class={classes!("seg", pressed.then_some("on"))}
                        data-testid={id} onclick={act(action)}>{ t(lang, text) }</button>
            }
        };
        let single = lab.mode == Mode::Single;
        html! {
            <nav class="picker" aria-label={t(lang, Text::Catalogue)}>
                <label>
                    <span>{ t(lang, Text::Scenario) }</span>
                    <select data-testid="scenario" {onchange}>
                        if !single || scenario::find(&lab.scenario).is_none() {
                            <option value="" disabled=true selected=true>{ "—" }</option>
                        }
                        { for groups }
                    </select>
                </label>
                <div role="group" aria-label={t(lang, Text::ModeLabel)} class="segmented">
                    { mode_button(Text::ModeOneWay, single && lab.scenario == "one-way", Action::Scenario("one-way".into()), "mode-one-way") }
                    { mode_button(Text::ModeMutual, single && lab.scenario == "mutual", Action::Scenario("mutual".into()), "mode-mutual") }
                    { mode_button(Text::ModeCompare, !single, Action::Compare, "mode-compare") }
                </div>
                <button class="chip" data-testid="mode-names" onclick={{ let on_term = on_term.clone(); Callback::from(move |_| on_term.emit("tls-names")) }}>
                    { t(lang, Text::OtherNames) }
                </button>
            </nav>
        }
    };

    let on_answer = {
        let dispatch = dispatch.clone();
        Callback::from(move |(q, c): (usize, usize)| dispatch.dispatch(Action::Answer(q, c)))
    };
    let on_part = {
        let dispatch = dispatch.clone();
        Callback::from(move |p: usize| {
            dispatch.dispatch(Action::Part(p));
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        })
    };
    let question = match &lab.page {
        Page::Lesson(at) => course::question(lang, at, lab.question_shown(), on_answer.clone()),
        _ => html! {},
    };

    let body = if lab.mode == Mode::Compare {
        html! {
            <>
            <CompareView seed={lab.seed} lang={lang} />
            <VersionsCompare seed={lab.seed} lang={lang} />
            </>
        }
    } else {
        single_view(&lab, &dispatch, &act, on_term.clone(), question.clone())
    };

    let mut narration = lab
        .trace
        .steps
        .get(lab.step)
        .map(|s| narrate(lang, s, lab.trace.steps.len()))
        .unwrap_or_default();
    // At a lesson's question, the screen reader hears it too.
    if let (Page::Lesson(at), Some(q)) = (&lab.page, lab.question_shown())
        && lab.gate().is_some_and(|(pending, _)| pending == q)
        && let Some(question) = at.current().questions.get(q)
    {
        narration = format!("{narration} {}", question.prompt.get(lang));
    }

    if lab.embed {
        return html! {
            <>
            <main class="embed">
                { for notices }
                { embed_view(&lab, &dispatch, &act) }
            </main>
            <div class="sr-only" aria-live="polite" data-testid="narration">{ narration }</div>
            </>
        };
    }
    if lab.present {
        return html! {
            <>
            <main class="present">
                { for notices }
                if lab.mode == Mode::Compare {
                    { present_compare(&lab, &dispatch, &act) }
                } else {
                    { present_view(&lab, &dispatch, &act, question) }
                }
            </main>
            <div class="sr-only" aria-live="polite" data-testid="narration">{ narration }</div>
            </>
        };
    }
    let glossary = html! {
        <Glossary lang={lang} open={lab.glossary} onclose={act(Action::Glossary(None))}
                  onopen={{ let d = dispatch.clone(); Callback::from(move |term| d.dispatch(Action::Glossary(Some(term)))) }} />
    };
    let card = lab.card.map(|term| html! {
        <TermCard {term} lang={lang} onclose={act(Action::Term(None))}
                  onall={{ let d = dispatch.clone(); Callback::from(move |term| { d.dispatch(Action::Term(None)); d.dispatch(Action::Glossary(Some(term))); }) }} />
    });
    let narration_region = html! {
        <div class="sr-only" aria-live="polite" data-testid="narration">{ narration.clone() }</div>
    };
    match &lab.page {
        Page::Lab => {}
        Page::Course => {
            return html! {
                <>
                { header }
                <main>
                    { for notices }
                    { course::index(lang, &lab.progress, act(Action::ResetProgress), lab.reset) }
                </main>
                </>
            };
        }
        Page::Plan(which) => {
            let origin = page_address();
            return html! {
                <main class="plan-page">
                    { for notices }
                    { course::plan(lang, *which, &origin) }
                </main>
            };
        }
        Page::Lesson(at) => {
            return html! {
                <>
                { header }
                <main>
                    { for notices }
                    { course::lesson_head(lang, at, on_part.clone()) }
                    { body }
                    { course::lesson_end(lang, at, lab.step >= lab.last(), on_part) }
                    { glossary }
                </main>
                { for card }
                { narration_region }
                </>
            };
        }
    }
    html! {
        <>
        { header }
        <main>
            { for notices }
            { picker }
            { body }
            if lab.mode == Mode::Single {
                <exports::Exports trace={lab.trace.clone()} lang={lang} />
            }
            <bench::BenchPanel lang={lang} onrun={on_bench} />
            <bench::ByoBox lang={lang} seed={lab.seed} />
            <SharePanel link={share_link(&lab, false)} embed={share_link(&lab, true)}
                        title={lessons::scenario(lang, &lab.scenario).0} lang={lang} />
            { glossary }
        </main>
        { for card }
        { narration_region }
        </>
    }
}

/// The absolute link to the current view (for an iframe when `embed`).
pub(crate) fn share_link(lab: &Lab, embed: bool) -> String {
    let base = page_address();
    let query = lab.query();
    format!("{base}{query}{}", if embed { "&embed=1" } else { "" })
}

/// The page's address without its query: origin and path.
pub(crate) fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// Tells the parent page how tall the embedded lab is, so it can size the `<iframe>`.
///
/// Message: `{ "type": "mtls-lab:height", "height": <CSS pixels> }`, posted to `*` (a height
/// is not a secret). The lab listens to no messages at all, so nothing a parent or another
/// frame sends can steer it.
pub(crate) fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(parent) = window.parent() else {
        return;
    };
    let Some(parent) = parent else {
        return;
    };
    let height = window
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.scroll_height())
        .unwrap_or(0);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"mtls-lab:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}
