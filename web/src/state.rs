//! The app's state: the lab as a reducer (`Lab`, `Action`), the first state from the address
//! bar, and runs made in a task of their own (`load`).
//!
//! The reducer is pure: it never runs the engine. An action that needs a new run records it as
//! `Lab::wanted`; the app's effect makes the run ([`load`]) and answers with
//! [`Action::Loaded`], which the reducer shows as the wanted run says.

use std::rc::Rc;

use mtls_lab_engine::scenario::CATALOGUE;
use mtls_lab_engine::trace::Trace;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::FIRST_SEED;
use crate::course::{self, LessonAt, Page};
use crate::engine::{fresh_seed, run, runnable};
use crate::i18n::Lang;
use crate::url::{self, Mode, Notice, StepPos};

/// Runs `f` in a task of its own, after the browser has had a chance to draw and to handle
/// input.
pub(crate) fn later(f: impl FnOnce() + 'static) {
    match web_sys::window() {
        Some(window) => {
            let callback = Closure::once_into_js(f);
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
        None => f(),
    }
}

/// Makes the `wanted` run without blocking the page: the engine runs in one task and the page
/// renders the run in the next, so neither holds the main thread for long (the budget is 50 ms
/// per task; see docs/PERFORMANCE.md).
///
/// A TLS 1.2 run needs the page's TLS 1.2 module, loaded the first time one is wanted
/// ([`crate::engine::prepare`]).
pub(crate) fn load(dispatch: UseReducerDispatcher<Lab>, wanted: Wanted) {
    let id = wanted.scenario.clone();
    crate::engine::prepare(&id, wanted.seed, wanted.requests, move |_| {
        later(move || {
            let trace = run(&wanted.scenario, wanted.seed, wanted.requests);
            later(move || dispatch.dispatch(Action::Loaded(Loaded { wanted, trace })));
        });
    });
}

/// A run the state asks for, and how to show it once it is made.
#[derive(Clone, Debug, PartialEq)]
pub struct Wanted {
    /// The scenario id (or bench string) to run.
    pub scenario: String,
    /// Its seed.
    pub seed: u64,
    /// How many times the request is sent.
    pub requests: usize,
    /// What the page does with it.
    pub then: Then,
}

/// How a wanted run is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then {
    /// Another scenario: the lab (leaving a lesson), from the first step, paused.
    Lab,
    /// The same scenario with new randomness or another number of requests: from the first
    /// step, playing.
    Replay,
    /// The first run, when the module it needs was not loaded yet as the app started (a
    /// TLS 1.2 run): at the step the address bar asked for.
    Start(StepPos),
    /// A run of a lesson: its part, from the first step, paused.
    Part {
        /// The lesson.
        lesson: usize,
        /// Its part.
        part: usize,
    },
}

/// A run made by [`load`], for the reducer.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// What was asked for.
    pub wanted: Wanted,
    /// The run.
    pub trace: Rc<Trace>,
}

/// Playback speeds, in percent of normal.
pub(crate) const SPEEDS: [u32; 4] = [50, 100, 200, 400];
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
    /// The run being made for an action that needs one (see the module docs).
    pub wanted: Option<Wanted>,
}

impl Lab {
    pub(crate) fn last(&self) -> usize {
        self.trace.steps.len().saturating_sub(1)
    }

    /// The question the learner must answer before the next step, and the step it comes
    /// before, in a lesson.
    pub(crate) fn gate(&self) -> Option<(usize, usize)> {
        match &self.page {
            Page::Lesson(at) => at.gate(&self.trace),
            _ => None,
        }
    }

    /// The furthest step the learner may go to: the last one, or in a lesson the one before
    /// the step that answers the next unanswered question.
    pub(crate) fn limit(&self) -> usize {
        let last = self.last();
        self.gate()
            .map_or(last, |(_, step)| step.saturating_sub(1).min(last))
    }

    /// The question shown now: the pending one once the learner has reached it, or the one
    /// just answered while the learner is still at its step.
    pub(crate) fn question_shown(&self) -> Option<usize> {
        match &self.page {
            Page::Lesson(at) => at.shown(&self.trace, self.step),
            _ => None,
        }
    }

    /// The view moved back to the furthest step allowed (a lesson's link may name a step past
    /// an unanswered question).
    pub(crate) fn within_limit(mut self) -> Self {
        self.step = self.step.min(self.limit());
        self
    }

    /// The lab's view as the address bar writes it (`?scenario=…`).
    pub(crate) fn query(&self) -> String {
        url::format(
            &self.scenario,
            self.mode,
            self.step,
            self.last(),
            self.seed,
            self.lang,
            self.requests,
            self.wire,
        )
    }

    /// Asks for the run of `part` of the lesson being taken.
    pub(crate) fn want_part(&mut self, lesson: usize, part: usize) {
        let at = LessonAt::new(lesson, part, &self.progress);
        self.wanted = Some(Wanted {
            scenario: at.current().scenario.to_string(),
            seed: self.seed,
            requests: 1,
            then: Then::Part { lesson, part },
        });
    }

    /// Shows `trace`, the run of `part` of `lesson`.
    fn show_part(&mut self, lesson: usize, part: usize, trace: Rc<Trace>) {
        let at = LessonAt::new(lesson, part, &self.progress);
        self.scenario = at.current().scenario.to_string();
        self.trace = trace;
        self.mode = Mode::Single;
        self.requests = 1;
        self.step = 0;
        self.playing = false;
        self.page = Page::Lesson(at);
    }

    /// In a lesson, the last step of the last part with every question answered finishes it.
    pub(crate) fn note_finished(&mut self) {
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
    /// The current scenario again, with this seed and number of requests (new randomness, or
    /// another number of requests).
    Rerun {
        /// The seed.
        seed: u64,
        /// How many times the request is sent.
        requests: usize,
    },
    /// The run that was wanted, made by [`load`] in a task of its own: shown as it says.
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
                s.wanted = Some(Wanted {
                    scenario: id,
                    seed: s.seed,
                    requests: s.requests,
                    then: Then::Lab,
                });
            }
            Action::Rerun { seed, requests } => {
                s.wanted = Some(Wanted {
                    scenario: s.scenario.clone(),
                    seed,
                    requests,
                    then: Then::Replay,
                });
            }
            Action::Compare => {
                s.page = Page::Lab;
                s.mode = Mode::Compare;
                s.playing = false;
            }
            Action::Loaded(Loaded { wanted, trace }) => {
                if s.wanted.as_ref() != Some(&wanted) {
                    // The learner asked for another run while this one was being made.
                    return self;
                }
                s.wanted = None;
                match wanted.then {
                    // Another scenario leaves the lesson for the lab.
                    Then::Lab => {
                        s.page = Page::Lab;
                        s.trace = trace;
                        s.scenario = wanted.scenario;
                        s.mode = Mode::Single;
                        s.step = 0;
                        s.playing = false;
                    }
                    Then::Replay => {
                        s.seed = wanted.seed;
                        s.requests = wanted.requests;
                        s.trace = trace;
                        s.step = 0;
                        s.playing = s.mode == Mode::Single;
                    }
                    Then::Start(at) => {
                        let last = trace.steps.len().saturating_sub(1);
                        s.step = match at {
                            StepPos::End => last,
                            StepPos::At(i) => i.min(last),
                        };
                        s.trace = trace;
                        s.step = s.step.min(s.limit());
                    }
                    Then::Part { lesson, part } => s.show_part(lesson, part, trace),
                }
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
                s.want_part(lesson, part);
            }
            Action::ResetProgress => {
                s.progress = course::Progress::default();
                if let Page::Lesson(at) = &s.page {
                    let (lesson, part) = (at.lesson, at.part);
                    s.want_part(lesson, part);
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
pub(crate) fn initial_lab() -> Lab {
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
    // A run the first module cannot make (TLS 1.2) waits for its module: the effect loads it.
    let ready = crate::engine::ready(&view.scenario);
    let (trace, wanted) = if ready {
        (run(&view.scenario, seed, view.requests), None)
    } else {
        let wanted = Wanted {
            scenario: view.scenario.clone(),
            seed,
            requests: view.requests,
            then: Then::Start(view.step),
        };
        (
            Rc::new(crate::engine::empty(&view.scenario, seed)),
            Some(wanted),
        )
    };
    let last = trace.steps.len().saturating_sub(1);
    let step = match view.step {
        _ if !ready => 0,
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
        wanted,
    }
    .within_limit()
}
