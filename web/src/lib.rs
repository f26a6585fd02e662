//! mTLS Lab's web app: renders what the engine computed, in English or Japanese.
//!
//! The app holds no protocol logic: it asks the engine for a run (a [`Trace`]) and draws it —
//! the sequence diagram, the inspector, the key-role table — and keeps the view in the URL.

pub mod bench;
pub mod course;
pub mod course_text;
pub mod diagram;
pub mod engine;
pub mod exports;
pub mod first_paint;
pub mod i18n;
pub mod inspector;
pub mod keys;
pub mod lessons;
pub mod url;

use std::rc::Rc;

use mtls_lab_engine::scenario::{self, CATALOGUE, Category};
use mtls_lab_engine::trace::Trace;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::course::{LessonAt, Page};
use crate::diagram::{Diagram, label, participant};
use crate::engine::{fresh_seed, run, runnable};
use crate::i18n::{Lang, Text, pick, t};
use crate::inspector::{Inspector, narrate};
use crate::keys::KeyTable;
use crate::url::{Mode, Notice, StepPos};

/// Lowercase hex of `bytes`, grouped in pairs of bytes for reading.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 5 / 2);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 2 == 0 {
            out.push(' ');
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Runs `f` in a task of its own, after the browser has had a chance to draw and to handle
/// input.
fn later(f: impl FnOnce() + 'static) {
    match web_sys::window() {
        Some(window) => {
            let callback = Closure::once_into_js(f);
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
        None => f(),
    }
}

/// Runs `scenario` again without blocking the page: the engine runs in one task and the page
/// renders the run in the next, so neither holds the main thread for long (the budget is 50 ms
/// per task; see docs/PERFORMANCE.md). Used to restart with fresh randomness and to change the
/// number of requests.
fn load(dispatch: UseReducerDispatcher<Lab>, scenario: String, seed: u64, requests: usize) {
    later(move || {
        let trace = run(&scenario, seed, requests);
        later(move || {
            dispatch.dispatch(Action::Loaded(Loaded {
                scenario,
                seed,
                requests,
                trace,
            }))
        });
    });
}

/// A run made by [`load`], for the reducer.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The scenario id it ran.
    pub scenario: String,
    /// Its seed.
    pub seed: u64,
    /// How many times the request was sent.
    pub requests: usize,
    /// The run.
    pub trace: Rc<Trace>,
}

/// "0.5×", "1×", "2×" for a speed in percent (integer formatting: see [`diagram::px`]).
fn speed_label(percent: u32) -> String {
    match percent % 100 {
        0 => format!("{}×", percent / 100),
        r => format!("{}.{}×", percent / 100, r.to_string().trim_end_matches('0')),
    }
}

/// How long after a change of view the address bar follows (see the effect in [`App`]).
const URL_SYNC_DELAY_MS: i32 = 120;

/// Playback speeds, in percent of normal.
const SPEEDS: [u32; 4] = [50, 100, 200, 400];
/// Time per step at normal speed.
pub(crate) const STEP_MS: u32 = 1400;

/// The lab's state: what is shown and where playback is.
#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    /// The scenario id.
    pub scenario: String,
    /// Single scenario or compare view.
    pub mode: Mode,
    /// The seed of every random byte.
    pub seed: u64,
    /// The run.
    pub trace: Rc<Trace>,
    /// The current step (index).
    pub step: usize,
    /// Whether playback runs.
    pub playing: bool,
    /// Playback speed in percent.
    pub speed: u32,
    /// The language.
    pub lang: Lang,
    /// What the URL asked for that the lab did not understand.
    pub notices: Vec<Notice>,
    /// The glossary term to show, when the glossary is open.
    pub glossary: Option<&'static str>,
    /// The glossary entry shown where the learner is (the term card), if one is open.
    pub card: Option<&'static str>,
    /// Compact chrome for an `<iframe>`.
    pub embed: bool,
    /// Presenter mode.
    pub present: bool,
    /// How many times the client sends its request (`requests=` in the URL).
    pub requests: usize,
    /// The inspector shows the bytes as the wire carries them (`bytes=wire`), at every step
    /// until the learner switches back.
    pub wire: bool,
    /// The lab, or a page of the course.
    pub page: Page,
    /// The learner's progress in the course (kept in this browser only).
    pub progress: course::Progress,
    /// The learner has just cleared their progress (said once on the index).
    pub reset: bool,
    /// Beside the diagram on a wide screen: the key table (true) or the inspector. A narrow
    /// screen shows both, one under the other.
    pub keys_tab: bool,
}

impl Lab {
    fn last(&self) -> usize {
        self.trace.steps.len().saturating_sub(1)
    }

    /// The question the learner must answer before the next step, and the step it comes
    /// before, in a lesson.
    fn gate(&self) -> Option<(usize, usize)> {
        match &self.page {
            Page::Lesson(at) => at.gate(&self.trace),
            _ => None,
        }
    }

    /// The furthest step the learner may go to: the last one, or in a lesson the one before
    /// the step that answers the next unanswered question.
    fn limit(&self) -> usize {
        let last = self.last();
        self.gate()
            .map_or(last, |(_, step)| step.saturating_sub(1).min(last))
    }

    /// The question shown now: the pending one once the learner has reached it, or the one
    /// just answered while the learner is still at its step.
    fn question_shown(&self) -> Option<usize> {
        match &self.page {
            Page::Lesson(at) => at.shown(&self.trace, self.step),
            _ => None,
        }
    }

    /// The view moved back to the furthest step allowed (a lesson's link may name a step past
    /// an unanswered question).
    fn within_limit(mut self) -> Self {
        self.step = self.step.min(self.limit());
        self
    }

    /// Loads `part` of the lesson being taken.
    fn open_part(&mut self, lesson: usize, part: usize) {
        let at = LessonAt::new(lesson, part, &self.progress);
        let id = at.current().scenario;
        self.trace = run(id, self.seed, 1);
        self.scenario = id.to_string();
        self.mode = Mode::Single;
        self.requests = 1;
        self.step = 0;
        self.playing = false;
        self.page = Page::Lesson(at);
    }

    /// In a lesson, the last step of the last part with every question answered finishes it.
    fn note_finished(&mut self) {
        if let Page::Lesson(at) = &self.page
            && at.last_part()
            && at.answered()
            && self.step >= self.last()
        {
            let id = at.lesson().id;
            if !self.progress.done.contains(id) {
                self.progress.done.insert(id.to_string());
            }
        }
    }
}

/// What the learner (or the clock) does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// One step forward.
    Next,
    /// One step back.
    Prev,
    /// To the first step.
    First,
    /// To the last step.
    Last,
    /// To a step.
    Goto(usize),
    /// Play or pause.
    Toggle,
    /// The playback clock ticked.
    Tick,
    /// Another scenario (single mode).
    Scenario(String),
    /// The compare view.
    Compare,
    /// Show this run of the current scenario (a new seed, or another number of requests) from
    /// the first step, playing. Made by [`load`], which runs the engine in a task of its own.
    Loaded(Loaded),
    /// Playback speed in percent.
    Speed(u32),
    /// Switch language.
    Lang(Lang),
    /// Hide the notices.
    Dismiss,
    /// Open the glossary at a term (or close it).
    Glossary(Option<&'static str>),
    /// Show a glossary entry in the term card (or close the card).
    Term(Option<&'static str>),
    /// Escape: closes the term card if one is open, else leaves presenter mode.
    Escape,
    /// Enter or leave presenter mode.
    Present(bool),
    /// The n-th scenario of the catalogue (presenter keys 1–9).
    Nth(usize),
    /// The inspector's bytes: as the wire carries them (true) or as the ends see them.
    Wire(bool),
    /// In a lesson, the learner chose an answer: (question, choice) of the current part.
    Answer(usize, usize),
    /// In a lesson, go to one of its runs.
    Part(usize),
    /// Forget the course progress kept in this browser.
    ResetProgress,
    /// Show the key table (true) or the inspector beside the diagram.
    KeysTab(bool),
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // In a lesson, the learner goes no further than the next question.
        let last = s.limit();
        s.reset = false;
        match action {
            Action::Next => {
                s.step = (s.step + 1).min(last);
                s.playing = false;
            }
            Action::Prev => {
                s.step = s.step.saturating_sub(1);
                s.playing = false;
            }
            Action::First => {
                s.step = 0;
                s.playing = false;
            }
            Action::Last => {
                s.step = last;
                s.playing = false;
            }
            Action::Goto(i) => {
                s.step = i.min(last);
                s.playing = false;
            }
            Action::Toggle => {
                if !s.playing && s.step >= s.last() {
                    s.step = 0;
                }
                s.playing = !s.playing && s.step < last;
            }
            Action::Tick => {
                if s.playing {
                    if s.step < last {
                        s.step += 1;
                    }
                    if s.step >= last {
                        s.playing = false;
                    }
                }
            }
            Action::Scenario(id) => {
                if !runnable(&id) {
                    return self;
                }
                // Another scenario leaves the lesson for the lab.
                s.page = Page::Lab;
                s.trace = run(&id, s.seed, s.requests);
                s.scenario = id;
                s.mode = Mode::Single;
                s.step = 0;
                s.playing = false;
            }
            Action::Compare => {
                s.page = Page::Lab;
                s.mode = Mode::Compare;
                s.playing = false;
            }
            Action::Loaded(Loaded {
                scenario,
                seed,
                requests,
                trace,
            }) => {
                if scenario != s.scenario {
                    // The learner picked another scenario while this run was being made.
                    return self;
                }
                s.seed = seed;
                s.requests = requests;
                s.trace = trace;
                s.step = 0;
                s.playing = s.mode == Mode::Single;
            }
            Action::Speed(p) => s.speed = p,
            Action::Lang(l) => s.lang = l,
            Action::Dismiss => s.notices.clear(),
            Action::Glossary(term) => s.glossary = term,
            Action::Term(term) => s.card = term,
            Action::Escape => {
                if s.card.is_some() {
                    s.card = None;
                } else {
                    s.present = false;
                }
            }
            Action::Present(on) => s.present = on,
            Action::Wire(on) => s.wire = on,
            Action::KeysTab(on) => s.keys_tab = on,
            Action::Answer(q, choice) => {
                let Page::Lesson(at) = &mut s.page else {
                    return self;
                };
                let Some(slot) = at.answers.get_mut(q) else {
                    return self;
                };
                *slot = Some(choice);
                let (id, part) = (at.lesson().id, at.part);
                s.progress.record(id, part, q, choice);
            }
            Action::Part(part) => {
                let Page::Lesson(at) = &s.page else {
                    return self;
                };
                let lesson = at.lesson;
                s.open_part(lesson, part);
            }
            Action::ResetProgress => {
                s.progress = course::Progress::default();
                if let Page::Lesson(at) = &s.page {
                    let (lesson, part) = (at.lesson, at.part);
                    s.open_part(lesson, part);
                }
                s.reset = true;
            }
            Action::Nth(n) => {
                if !s.present {
                    return self;
                }
                let Some(entry) = CATALOGUE.get(n) else {
                    return self;
                };
                return self.reduce(Action::Scenario(entry.id.to_string()));
            }
        }
        s.note_finished();
        Rc::new(s)
    }
}

/// The starting state from the page's URL and the browser's language.
fn initial_lab() -> Lab {
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let browser_lang = window
        .as_ref()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En);
    let (mut view, mut notices) = url::parse(&query, &runnable);
    let seed = view
        .seed
        .or_else(|| FIRST_SEED.with(|f| f.take()))
        .unwrap_or_else(fresh_seed);
    let progress = course::Progress::load();
    // A lesson runs its part's scenario, once, from its first request.
    let page = match &view.page {
        url::Page::Lab => Page::Lab,
        url::Page::Course if view.plan => Page::Plan(None),
        url::Page::Course => Page::Course,
        url::Page::Lesson { id, part } => match course::find(id) {
            None => {
                notices.push(Notice::Lesson(id.clone()));
                Page::Course
            }
            Some(n) if view.plan => Page::Plan(Some(n)),
            Some(n) => {
                // A run the lesson does not have: the first run, as the notice says.
                let part = if *part < course::LESSONS[n].parts.len() {
                    *part
                } else {
                    notices.push(Notice::Part((part + 1).to_string()));
                    0
                };
                let at = LessonAt::new(n, part, &progress);
                view.scenario = at.current().scenario.to_string();
                view.mode = Mode::Single;
                view.requests = 1;
                Page::Lesson(at)
            }
        },
    };
    let trace = run(&view.scenario, seed, view.requests);
    let last = trace.steps.len().saturating_sub(1);
    let step = match view.step {
        StepPos::End => last,
        StepPos::At(i) if i <= last => i,
        StepPos::At(i) => {
            notices.push(Notice::Step((i + 1).to_string()));
            0
        }
    };
    Lab {
        scenario: view.scenario,
        mode: view.mode,
        seed,
        trace,
        step,
        playing: false,
        speed: 100,
        lang: view.lang.unwrap_or(browser_lang),
        notices,
        glossary: None,
        card: None,
        embed: view.embed,
        present: view.present,
        requests: view.requests,
        wire: view.wire,
        page,
        progress,
        reset: false,
        keys_tab: false,
    }
    .within_limit()
}

/// Scrolls the diagram's current arrow into view if it is not (`block: "nearest"`: no jump
/// when it is already visible).
fn scroll_current_step_into_view() {
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
fn sync_url(lab: &Lab) {
    let query = match &lab.page {
        Page::Lab => url::format(
            &lab.scenario,
            lab.mode,
            lab.step,
            lab.last(),
            lab.seed,
            lab.lang,
            lab.requests,
            lab.wire,
        ),
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

fn notice_line(lang: Lang, n: &Notice) -> String {
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
        html! { <CompareView seed={lab.seed} lang={lang} /> }
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
fn share_link(lab: &Lab, embed: bool) -> String {
    let base = page_address();
    let query = url::format(
        &lab.scenario,
        lab.mode,
        lab.step,
        lab.last(),
        lab.seed,
        lab.lang,
        lab.requests,
        lab.wire,
    );
    format!("{base}{query}{}", if embed { "&embed=1" } else { "" })
}

/// The page's address without its query: origin and path.
fn page_address() -> String {
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
fn post_height() {
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

/// The playback toolbar; `extra` goes at its end (the speed menu in the full view).
fn controls(lab: &Lab, act: &dyn Fn(Action) -> Callback<MouseEvent>, extra: Html) -> Html {
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
fn goto(dispatch: &UseReducerDispatcher<Lab>) -> Callback<usize> {
    let dispatch = dispatch.clone();
    Callback::from(move |i: usize| dispatch.dispatch(Action::Goto(i)))
}

fn embed_view(
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

fn present_view(
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
fn present_picker(lab: &Lab, dispatch: &UseReducerDispatcher<Lab>) -> Html {
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
fn present_compare(
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

/// On a wide screen, the two tabs over the column beside the diagram: this step (the
/// inspector) or who holds which key, with how many keys someone comes to hold at this step.
/// ← and → move between them (and do not step the run).
fn side_tabs(lab: &Lab, dispatch: &UseReducerDispatcher<Lab>) -> Html {
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
                        "{n} newly held at this step, counted per party and key",
                        "このステップで新たに保持: {n} 件、当事者と鍵の組ごと",
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

fn single_view(
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
        let scenario = lab.scenario.clone();
        let requests = lab.requests;
        Callback::from(move |_: MouseEvent| {
            load(dispatch.clone(), scenario.clone(), fresh_seed(), requests)
        })
    };
    let on_requests = {
        let dispatch = dispatch.clone();
        let scenario = lab.scenario.clone();
        let seed = lab.seed;
        Callback::from(move |e: Event| {
            let n = event_select(&e).and_then(|sel| sel.value().parse::<usize>().ok());
            if let Some(n) = n {
                load(dispatch.clone(), scenario.clone(), seed, n);
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
        (Text::CompareWho, Text::CompareWhoOneWay, Text::CompareWhoMutual),
        (Text::CompareCerts, Text::CompareCertsOneWay, Text::CompareCertsMutual),
        (Text::ComparePrevents, Text::ComparePreventsOneWay, Text::ComparePreventsMutual),
        (Text::CompareUses, Text::CompareUsesOneWay, Text::CompareUsesMutual),
    ]
    .map(|(a, o, m)| {
        html! { <tr><th scope="row">{ t(lang, a) }</th><td>{ t(lang, o) }</td><td>{ t(lang, m) }</td></tr> }
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

/// Installs a panic hook that logs the panic and replaces the page with a message and a
/// reload button, so a bug never leaves a blank page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lang = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or(Lang::En);
        if let Ok(panel) = document.create_element("div") {
            panel.set_id("panic");
            let _ = panel.set_attribute("role", "alert");
            let html = format!(
                "<h2>{}</h2><p>{}</p><button type=\"button\" id=\"panic-reload\">{}</button>",
                t(lang, Text::PanicTitle),
                t(lang, Text::PanicBody),
                t(lang, Text::Reload)
            );
            panel.set_inner_html(&html);
            if let Some(body) = document.body() {
                let _ = body.append_child(&panel);
            }
            if let Some(button) = document.get_element_by_id("panic-reload") {
                let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                });
                let _ = button.add_event_listener_with_callback(
                    "click",
                    wasm_bindgen::JsCast::unchecked_ref(reload.as_ref()),
                );
                // The page is going away on click; leaking this one closure is the point.
                reload.forget();
            }
        }
    }));
}

thread_local! {
    /// The seed of the run the page's first module drew, for the app to show the same run.
    static FIRST_SEED: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Starts the app in the page's `<body>`, in place of the first module's static diagram
/// ([`first_paint`]) if there is one: the app shows the same run (same seed) interactively.
pub fn start() {
    install_panic_hook();
    if let Some(first) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(first_paint::ROOT_ID))
    {
        let seed = first
            .get_attribute("data-seed")
            .and_then(|s| s.parse().ok());
        FIRST_SEED.with(|f| f.set(seed));
        first.remove();
    }
    yew::Renderer::<App>::new().render();
}
