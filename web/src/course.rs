//! The course: an ordered path through the lab's real runs, each lesson asking before it tells.
//!
//! A lesson is data ([`Lesson`]): what the learner will learn, the runs it steps through, the
//! questions asked before the step that answers them, and a summary. Every text is a [`Tr`]
//! pair, so a lesson without its Japanese or English fails to compile. The words live in
//! [`crate::course_text`]; this module holds their shape, the learner's place and progress, and
//! the views (the index, a lesson's head, the question, the summary, the trainer's plan).

use std::collections::{BTreeMap, BTreeSet};

use mtls_lab_engine::trace::{Explain, Trace};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

pub use crate::course_text::LESSONS;
use crate::i18n::Lang;

/// One text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    /// English.
    pub en: &'static str,
    /// Japanese.
    pub ja: &'static str,
}

/// One lesson of the course.
#[derive(Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The id in `?lesson=<id>` (kebab-case, stable: links and saved progress use it).
    pub id: &'static str,
    /// The lesson's title.
    pub title: Tr,
    /// What the learner will learn: one short sentence per goal.
    pub goals: &'static [Tr],
    /// How long the lesson takes in a workshop, in minutes (the trainer's plan).
    pub minutes: u8,
    /// The runs the lesson steps through, in order.
    pub parts: &'static [Part],
    /// What to remember: one short sentence per point.
    pub summary: &'static [Tr],
    /// The glossary entries (ids in `lessons::GLOSSARY`) the lesson teaches.
    pub terms: &'static [&'static str],
}

/// One run inside a lesson.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    /// The scenario id that is run (see `mtls-lab list`).
    pub scenario: &'static str,
    /// What to look at in this run, shown above it.
    pub intro: Tr,
    /// The questions, in the order of the steps they come before.
    pub questions: &'static [Question],
}

/// A question asked before the step that answers it.
#[derive(Debug, PartialEq, Eq)]
pub struct Question {
    /// The explanation id of the step the question comes before (the first step of the run
    /// with that id, e.g. `alert.certificate_required`): the stepper stops before it until the
    /// learner answers.
    pub before: Explain,
    /// The question.
    pub prompt: Tr,
    /// The choices, shown as radio buttons in this order.
    pub choices: &'static [Choice],
}

/// One answer to choose.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    /// The answer.
    pub text: Tr,
    /// Whether it is right (exactly one choice of a question is).
    pub correct: bool,
    /// Why it is right or wrong: shown as soon as it is chosen.
    pub why: Tr,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// The lesson with this id: its index in [`LESSONS`].
pub fn find(id: &str) -> Option<usize> {
    LESSONS.iter().position(|l| l.id == id)
}

/// Where a learner is in a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonAt {
    /// The lesson (index in [`LESSONS`]).
    pub lesson: usize,
    /// The part (index in the lesson's parts).
    pub part: usize,
    /// The choice made for each question of the part, `None` until answered.
    pub answers: Vec<Option<usize>>,
}

impl LessonAt {
    /// The lesson at `part` (clamped), with the answers `progress` remembers.
    pub fn new(lesson: usize, part: usize, progress: &Progress) -> Self {
        let l = &LESSONS[lesson.min(LESSONS.len() - 1)];
        let part = part.min(l.parts.len().saturating_sub(1));
        let answers = (0..l.parts[part].questions.len())
            .map(|q| progress.answer(l.id, part, q))
            .collect();
        Self {
            lesson: lesson.min(LESSONS.len() - 1),
            part,
            answers,
        }
    }

    /// The lesson.
    pub fn lesson(&self) -> &'static Lesson {
        &LESSONS[self.lesson]
    }

    /// The part being run.
    pub fn current(&self) -> &'static Part {
        &self.lesson().parts[self.part]
    }

    /// The current part's questions with the index of the step each comes before in `trace`
    /// (the first step with its explanation id), and whether it is answered.
    fn placed<'t>(
        &'t self,
        trace: &'t Trace,
    ) -> impl DoubleEndedIterator<Item = (usize, usize, bool)> + 't {
        self.current()
            .questions
            .iter()
            .enumerate()
            .filter_map(move |(q, question)| {
                let at = trace
                    .steps
                    .iter()
                    .position(|s| s.explain == question.before)?;
                Some((q, at, self.answers.get(q).copied().flatten().is_some()))
            })
    }

    /// The first question not answered yet and the index of the step it comes before in
    /// `trace`: the learner may step up to the step before it.
    pub fn gate(&self, trace: &Trace) -> Option<(usize, usize)> {
        self.placed(trace)
            .find(|(_, _, answered)| !answered)
            .map(|(q, at, _)| (q, at))
    }

    /// The question to show with the learner at `step` of `trace`: the pending one once the
    /// learner has reached the step before it, or one just answered while the learner is still
    /// at (or just before) its step, with its feedback.
    pub fn shown(&self, trace: &Trace, step: usize) -> Option<usize> {
        if let Some((q, at)) = self.gate(trace)
            && step + 1 >= at
        {
            return Some(q);
        }
        self.placed(trace)
            .rev()
            .find(|(_, at, answered)| *answered && (step + 1 == *at || step == *at))
            .map(|(q, _, _)| q)
    }

    /// Whether every question of the part is answered.
    pub fn answered(&self) -> bool {
        self.answers.iter().all(Option::is_some)
    }

    /// Whether this is the lesson's last part.
    pub fn last_part(&self) -> bool {
        self.part + 1 >= self.lesson().parts.len()
    }
}

/// The learner's progress, kept in this browser only (`localStorage`), never sent anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The choice made for each answered question, by `lesson/part/question`.
    #[serde(default)]
    pub answers: BTreeMap<String, usize>,
    /// The lessons finished (every question answered, the last step of the last part seen).
    #[serde(default)]
    pub done: BTreeSet<String>,
}

/// The `localStorage` key of [`Progress`].
pub const STORAGE_KEY: &str = "mtls-lab-course-v1";

impl Progress {
    fn key(lesson: &str, part: usize, question: usize) -> String {
        format!("{lesson}/{part}/{question}")
    }

    /// The choice remembered for a question.
    pub fn answer(&self, lesson: &str, part: usize, question: usize) -> Option<usize> {
        self.answers
            .get(&Self::key(lesson, part, question))
            .copied()
    }

    /// Remembers a choice.
    pub fn record(&mut self, lesson: &str, part: usize, question: usize, choice: usize) {
        self.answers
            .insert(Self::key(lesson, part, question), choice);
    }

    /// How many of a lesson's questions are answered, and how many it has.
    pub fn count(&self, lesson: &Lesson) -> (usize, usize) {
        let mut answered = 0;
        let mut total = 0;
        for (p, part) in lesson.parts.iter().enumerate() {
            for q in 0..part.questions.len() {
                total += 1;
                answered += usize::from(self.answer(lesson.id, p, q).is_some());
            }
        }
        (answered, total)
    }

    /// The progress saved in this browser (empty if none, or if storage is off).
    pub fn load() -> Self {
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    /// Saves it in this browser (quietly nothing if storage is off: the course still works).
    pub fn save(&self) {
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(self)) {
            let _ = if self == &Self::default() {
                s.remove_item(STORAGE_KEY)
            } else {
                s.set_item(STORAGE_KEY, &json)
            };
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The words around the lessons (the lessons' own words are in [`crate::course_text`]).
mod words {
    use super::Tr;

    pub const COURSE: Tr = Tr {
        en: "Course",
        ja: "コース",
    };
    pub const COURSE_TITLE: Tr = Tr {
        en: "The mTLS course: learn TLS and mutual TLS by running them",
        ja: "mTLS コース: 実際に動かして学ぶ TLS と相互TLS",
    };
    pub const COURSE_INTRO: Tr = Tr {
        en: "Each lesson runs real handshakes in this page. Before a step that answers a question, the lab stops and asks you first: guess, then see what really happens.",
        ja: "各レッスンでは、このページの中で本物のハンドシェイクを実行します。問いの答えとなるステップの手前でラボは止まり、先にあなたに問いかけます。予想してから、実際に何が起きるかを確かめましょう。",
    };
    pub const PROGRESS_NOTE: Tr = Tr {
        en: "Your progress is kept in this browser only and is never sent anywhere.",
        ja: "進み具合はこのブラウザの中だけに保存され、どこにも送信されません。",
    };
    pub const RESET: Tr = Tr {
        en: "Reset my progress",
        ja: "進み具合をリセット",
    };
    pub const RESET_DONE: Tr = Tr {
        en: "Progress cleared.",
        ja: "進み具合を消去しました。",
    };
    pub const PLAN: Tr = Tr {
        en: "Trainer's plan (printable)",
        ja: "講師用プラン (印刷用)",
    };
    pub const PRINT: Tr = Tr {
        en: "Print",
        ja: "印刷",
    };
    pub const OPEN_LAB: Tr = Tr {
        en: "Open the lab",
        ja: "ラボを開く",
    };
    pub const LESSON: Tr = Tr {
        en: "Lesson",
        ja: "レッスン",
    };
    pub const MINUTES: Tr = Tr {
        en: "min",
        ja: "分",
    };
    pub const DONE: Tr = Tr {
        en: "done",
        ja: "完了",
    };
    pub const ANSWERED: Tr = Tr {
        en: "answered",
        ja: "回答済み",
    };
    pub const LEARN: Tr = Tr {
        en: "What you will learn",
        ja: "このレッスンで学ぶこと",
    };
    pub const RUN: Tr = Tr {
        en: "Run",
        ja: "実行",
    };
    pub const RUNS: Tr = Tr {
        en: "The runs of this lesson",
        ja: "このレッスンの各実行",
    };
    pub const QUESTION: Tr = Tr {
        en: "Before the next step",
        ja: "次のステップの前に",
    };
    pub const ANSWER_FIRST: Tr = Tr {
        en: "Answer the question to see the next step.",
        ja: "問いに答えると次のステップが見られます。",
    };
    pub const RIGHT: Tr = Tr {
        en: "Right.",
        ja: "正解です。",
    };
    pub const WRONG: Tr = Tr {
        en: "Not quite.",
        ja: "残念、違います。",
    };
    pub const SEE_STEP: Tr = Tr {
        en: "Step forward to see it happen.",
        ja: "ステップを進めて、実際に確かめましょう。",
    };
    pub const NEXT_RUN: Tr = Tr {
        en: "Next run",
        ja: "次の実行へ",
    };
    pub const SUMMARY: Tr = Tr {
        en: "What to remember",
        ja: "まとめ",
    };
    pub const PREVIOUS_LESSON: Tr = Tr {
        en: "Previous lesson",
        ja: "前のレッスン",
    };
    pub const NEXT_LESSON: Tr = Tr {
        en: "Next lesson",
        ja: "次のレッスン",
    };
    pub const BACK: Tr = Tr {
        en: "All lessons",
        ja: "レッスン一覧",
    };
    pub const QUESTIONS: Tr = Tr {
        en: "Questions to ask the room (the right answer is marked)",
        ja: "受講者への問い (正解に印)",
    };
    pub const PROJECT: Tr = Tr {
        en: "Projector link",
        ja: "投影用リンク",
    };
    pub const GLOSSARY: Tr = Tr {
        en: "Glossary entries",
        ja: "用語集の項目",
    };
    pub const TIMING: Tr = Tr {
        en: "Timing",
        ja: "所要時間",
    };
    pub const TOTAL: Tr = Tr {
        en: "Total",
        ja: "合計",
    };
}

/// The first lesson that runs `scenario`, for a link from the lab.
pub fn lesson_for(scenario: &str) -> Option<&'static Lesson> {
    LESSONS
        .iter()
        .find(|l| l.parts.iter().any(|p| p.scenario == scenario))
}

/// A link from the lab to the lesson about `scenario`, if there is one.
pub fn lesson_chip(lang: Lang, scenario: &str) -> Html {
    let Some(lesson) = lesson_for(scenario) else {
        return html! {};
    };
    html! {
        <a class="chip" href={lesson_href(lesson, lang)} data-testid="lesson-chip">
            { words::LESSON.get(lang) }{ ": " }{ lesson.title.get(lang) }
        </a>
    }
}

/// `?lesson=<id>&lang=..` (and `&part=`, `&plan=1`).
pub fn lesson_href(lesson: &Lesson, lang: Lang) -> String {
    format!("?lesson={}&lang={}", lesson.id, lang.tag())
}

/// The course's index: every lesson, with the learner's progress.
pub fn index(lang: Lang, progress: &Progress, on_reset: Callback<MouseEvent>, reset: bool) -> Html {
    let total: u32 = LESSONS.iter().map(|l| u32::from(l.minutes)).sum();
    let items = LESSONS.iter().enumerate().map(|(n, l)| {
        let (answered, questions) = progress.count(l);
        let done = progress.done.contains(l.id);
        html! {
            <li class={classes!("lesson-item", done.then_some("done"))} data-testid="lesson-item">
                <span class="lesson-num">{ n + 1 }</span>
                <a href={lesson_href(l, lang)} data-testid="lesson-link">{ l.title.get(lang) }</a>
                <span class="lesson-meta">
                    { format!(" · {} {}", l.minutes, words::MINUTES.get(lang)) }
                    { format!(" · {answered}/{questions} {}", words::ANSWERED.get(lang)) }
                    if done { { " · " }<strong class="ok" data-testid="lesson-done">{ "✓ " }{ words::DONE.get(lang) }</strong> }
                </span>
                <p class="lesson-goals">{ l.goals.first().map(|g| g.get(lang)).unwrap_or_default() }</p>
            </li>
        }
    });
    html! {
        <section class="course" data-testid="course">
            <h2>{ words::COURSE_TITLE.get(lang) }</h2>
            <p>{ words::COURSE_INTRO.get(lang) }</p>
            <ol class="lessons">{ for items }</ol>
            <p class="hint">{ format!("{} {} {}", words::TOTAL.get(lang), total, words::MINUTES.get(lang)) }</p>
            <p class="hint">{ words::PROGRESS_NOTE.get(lang) }</p>
            <div class="controls secondary">
                <button onclick={on_reset} data-testid="course-reset">{ words::RESET.get(lang) }</button>
                <a href={format!("?course&plan=1&lang={}", lang.tag())} data-testid="course-plan">{ words::PLAN.get(lang) }</a>
                <a href={format!("?lang={}", lang.tag())}>{ words::OPEN_LAB.get(lang) }</a>
            </div>
            <p role="status" class="hint" data-testid="course-status">
                if reset { { words::RESET_DONE.get(lang) } }
            </p>
        </section>
    }
}

/// The head of a lesson: where it is in the course, its title, what it teaches, its runs.
pub fn lesson_head(lang: Lang, at: &LessonAt, on_part: Callback<usize>) -> Html {
    let lesson = at.lesson();
    let goals = lesson
        .goals
        .iter()
        .map(|g| html! { <li>{ g.get(lang) }</li> });
    let parts = lesson.parts.iter().enumerate().map(|(p, part)| {
        let current = p == at.part;
        let onclick = on_part.reform(move |_: MouseEvent| p);
        html! {
            <li>
                <button class={classes!("seg", current.then_some("on"))} aria-current={current.then_some("step")}
                        data-testid="lesson-part" {onclick}>
                    { format!("{} {}: ", words::RUN.get(lang), p + 1) }{ crate::lessons::scenario(lang, part.scenario).0 }
                </button>
            </li>
        }
    });
    html! {
        <section class="lesson-head" data-testid="lesson">
            <nav class="crumbs" aria-label={words::COURSE.get(lang)}>
                <a href={format!("?course&lang={}", lang.tag())} data-testid="course-link">{ words::COURSE.get(lang) }</a>
                { format!(" › {} {} / {}", words::LESSON.get(lang), at.lesson + 1, LESSONS.len()) }
            </nav>
            <h2 data-testid="lesson-title">{ lesson.title.get(lang) }</h2>
            <h3>{ words::LEARN.get(lang) }</h3>
            <ul data-testid="lesson-goals">{ for goals }</ul>
            if lesson.parts.len() > 1 {
                <ol class="lesson-parts" aria-label={words::RUNS.get(lang)}>{ for parts }</ol>
            }
            <p class="part-intro" data-testid="part-intro">{ crate::lessons::linked(at.current().intro.get(lang)) }</p>
        </section>
    }
}

/// The question the learner is stopped at, as a form: radio buttons in a fieldset, and the
/// feedback announced as soon as a choice is made. `shown` is the question (index in the
/// part) to show; `None` shows nothing.
pub fn question(
    lang: Lang,
    at: &LessonAt,
    shown: Option<usize>,
    on_answer: Callback<(usize, usize)>,
) -> Html {
    let Some(q) = shown else {
        return html! {};
    };
    let Some(question) = at.current().questions.get(q) else {
        return html! {};
    };
    let chosen = at.answers.get(q).copied().flatten();
    let name = format!("q-{}-{}-{q}", at.lesson, at.part);
    let choices = question.choices.iter().enumerate().map(|(c, choice)| {
        let onchange = on_answer.reform(move |_: Event| (q, c));
        html! {
            <label class="choice">
                <input type="radio" name={name.clone()} value={c.to_string()} checked={chosen == Some(c)} {onchange} data-testid="choice" />
                { " " }{ choice.text.get(lang) }
            </label>
        }
    });
    let feedback = chosen.and_then(|c| question.choices.get(c)).map(|choice| {
        html! {
            <>
                <strong class={if choice.correct { "ok" } else { "bad" }}>
                    { if choice.correct { words::RIGHT.get(lang) } else { words::WRONG.get(lang) } }
                </strong>
                { " " }{ crate::lessons::linked(choice.why.get(lang)) }
                { " " }{ words::SEE_STEP.get(lang) }
            </>
        }
    });
    html! {
        <form class="question card" data-testid="question" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend><span class="question-kicker">{ words::QUESTION.get(lang) }</span>{ " " }<span data-testid="question-prompt">{ question.prompt.get(lang) }</span></legend>
                { for choices }
            </fieldset>
            <p class="feedback" role="status" aria-live="polite" data-testid="feedback">{ for feedback }</p>
            if chosen.is_none() {
                <p class="hint">{ words::ANSWER_FIRST.get(lang) }</p>
            }
        </form>
    }
}

/// The end of a part: the next run, or the lesson's summary and the way on.
pub fn lesson_end(lang: Lang, at: &LessonAt, at_end: bool, on_part: Callback<usize>) -> Html {
    if !at_end || !at.answered() {
        return html! {};
    }
    if !at.last_part() {
        let next = at.part + 1;
        return html! {
            <div class="lesson-next">
                <button class="primary" data-testid="next-part" onclick={on_part.reform(move |_: MouseEvent| next)}>
                    { words::NEXT_RUN.get(lang) }{ " → " }
                    { crate::lessons::scenario(lang, at.lesson().parts[next].scenario).0 }
                </button>
            </div>
        };
    }
    let lesson = at.lesson();
    let points = lesson
        .summary
        .iter()
        .map(|p| html! { <li>{ crate::lessons::linked(p.get(lang)) }</li> });
    html! {
        <section class="summary card" data-testid="lesson-summary">
            <h3>{ words::SUMMARY.get(lang) }</h3>
            <ul>{ for points }</ul>
            { lesson_links(lang, at.lesson) }
        </section>
    }
}

/// Links to the lessons around `n` and to the index.
fn lesson_links(lang: Lang, n: usize) -> Html {
    html! {
        <nav class="controls secondary lesson-links">
            if n > 0 {
                <a href={lesson_href(&LESSONS[n - 1], lang)}>{ "← " }{ words::PREVIOUS_LESSON.get(lang) }</a>
            }
            <a href={format!("?course&lang={}", lang.tag())}>{ words::BACK.get(lang) }</a>
            if let Some(next) = LESSONS.get(n + 1) {
                <a href={lesson_href(next, lang)} data-testid="next-lesson">{ words::NEXT_LESSON.get(lang) }{ ": " }{ next.title.get(lang) }{ " →" }</a>
            }
        </nav>
    }
}

/// The trainer's plan of one lesson or, with `None`, of the whole course: goals, timing, the
/// runs to project (with links), the questions with the right answer marked, the summary.
/// Printable: the print stylesheet keeps only this.
pub fn plan(lang: Lang, which: Option<usize>, origin: &str) -> Html {
    let lessons: Vec<(usize, &Lesson)> = match which {
        Some(n) => LESSONS.get(n).map(|l| vec![(n, l)]).unwrap_or_default(),
        None => LESSONS.iter().enumerate().collect(),
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let body = lessons.into_iter().map(|(n, lesson)| {
        let goals = lesson.goals.iter().map(|g| html! { <li>{ g.get(lang) }</li> });
        let parts = lesson.parts.iter().enumerate().map(|(p, part)| {
            let link = format!("{origin}?scenario={}&seed=1&lang={}&present=1", part.scenario, lang.tag());
            let questions = part.questions.iter().map(|q| {
                let choices = q.choices.iter().map(|c| html! {
                    <li class={classes!(c.correct.then_some("correct"))}>
                        if c.correct { <strong>{ "✓ " }{ c.text.get(lang) }</strong> } else { { c.text.get(lang) } }
                    </li>
                });
                html! { <li><p>{ q.prompt.get(lang) }</p><ul>{ for choices }</ul></li> }
            });
            html! {
                <li>
                    <p><strong>{ format!("{} {}: ", words::RUN.get(lang), p + 1) }{ crate::lessons::scenario(lang, part.scenario).0 }</strong></p>
                    <p>{ part.intro.get(lang) }</p>
                    <p>{ words::PROJECT.get(lang) }{ ": " }<a href={link.clone()} data-testid="plan-link">{ link }</a></p>
                    if !part.questions.is_empty() {
                        <p>{ words::QUESTIONS.get(lang) }</p>
                        <ol class="plan-questions">{ for questions }</ol>
                    }
                </li>
            }
        });
        let summary = lesson.summary.iter().map(|s| html! { <li>{ s.get(lang) }</li> });
        let terms = lesson.terms.iter().filter_map(|id| crate::lessons::term(id)).map(|t| t.term(lang)).collect::<Vec<_>>().join(", ");
        html! {
            <article class="plan-lesson" data-testid="plan-lesson">
                <h2>{ format!("{} {}. ", words::LESSON.get(lang), n + 1) }{ lesson.title.get(lang) }</h2>
                <p>{ words::TIMING.get(lang) }{ format!(": {} {}", lesson.minutes, words::MINUTES.get(lang)) }</p>
                <h3>{ words::LEARN.get(lang) }</h3>
                <ul>{ for goals }</ul>
                <h3>{ words::RUNS.get(lang) }</h3>
                <ol>{ for parts }</ol>
                <h3>{ words::SUMMARY.get(lang) }</h3>
                <ul>{ for summary }</ul>
                if !terms.is_empty() { <p>{ words::GLOSSARY.get(lang) }{ ": " }{ terms }</p> }
            </article>
        }
    });
    html! {
        <section class="plan" data-testid="plan">
            <div class="controls secondary no-print">
                <button onclick={print} data-testid="plan-print">{ words::PRINT.get(lang) }</button>
                <a href={format!("?course&lang={}", lang.tag())}>{ words::BACK.get(lang) }</a>
            </div>
            <h1>{ words::PLAN.get(lang) }</h1>
            { for body }
        </section>
    }
}

/// What the page shows: the lab, or a page of the course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The lab.
    Lab,
    /// The course's index.
    Course,
    /// A lesson, where the learner is in it.
    Lesson(LessonAt),
    /// The trainer's plan of one lesson (or of the whole course).
    Plan(Option<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtls_lab_engine::scenario::run_scenario;

    #[test]
    fn the_course_has_at_least_twelve_lessons_with_unique_kebab_case_ids() {
        assert!(LESSONS.len() >= 12, "{} lessons", LESSONS.len());
        let mut ids = BTreeSet::new();
        for l in LESSONS {
            assert!(ids.insert(l.id), "{} twice", l.id);
            assert!(
                l.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                l.id
            );
            assert_eq!(find(l.id).map(|n| LESSONS[n].id), Some(l.id));
        }
    }

    #[test]
    fn every_lesson_teaches_asks_and_sums_up_in_both_languages() {
        for l in LESSONS {
            assert!(
                !l.goals.is_empty() && !l.summary.is_empty() && !l.parts.is_empty(),
                "{}",
                l.id
            );
            assert!(l.minutes > 0, "{}", l.id);
            assert!(
                l.parts.iter().any(|p| !p.questions.is_empty()),
                "{}: a lesson asks at least one question",
                l.id
            );
            let mut texts = vec![l.title];
            texts.extend(l.goals.iter().chain(l.summary));
            for p in l.parts {
                texts.push(p.intro);
                for q in p.questions {
                    texts.push(q.prompt);
                    assert!(
                        (2..=4).contains(&q.choices.len()),
                        "{}: {}",
                        l.id,
                        q.prompt.en
                    );
                    assert_eq!(
                        q.choices.iter().filter(|c| c.correct).count(),
                        1,
                        "{}: exactly one right answer to {:?}",
                        l.id,
                        q.prompt.en
                    );
                    for c in q.choices {
                        texts.extend([c.text, c.why]);
                    }
                }
            }
            for t in texts {
                assert!(
                    !t.en.trim().is_empty() && !t.ja.trim().is_empty(),
                    "{}: {t:?}",
                    l.id
                );
                assert!(
                    t.ja.chars().any(|c| c > '\u{3000}'),
                    "{}: the Japanese text is not Japanese: {:?}",
                    l.id,
                    t.ja
                );
            }
        }
    }

    #[test]
    fn every_question_comes_before_a_real_step_of_its_run_in_step_order() {
        for l in LESSONS {
            for p in l.parts {
                let trace = run_scenario(p.scenario, 1)
                    .unwrap_or_else(|| panic!("{}: no scenario {}", l.id, p.scenario));
                let mut previous = 0;
                for q in p.questions {
                    let at = trace
                        .steps
                        .iter()
                        .position(|s| s.explain == q.before)
                        .unwrap_or_else(|| {
                            panic!("{}: {} has no step {}", l.id, p.scenario, q.before)
                        });
                    // The learner sees at least the first step before a question.
                    assert!(at >= 1, "{}: a question before the first step", l.id);
                    assert!(at >= previous, "{}: questions out of step order", l.id);
                    previous = at;
                }
            }
        }
    }

    #[test]
    fn every_term_a_lesson_teaches_is_in_the_glossary_and_the_course_covers_the_design() {
        let mut taught = BTreeSet::new();
        for l in LESSONS {
            for id in l.terms {
                assert!(
                    crate::lessons::term(id).is_some(),
                    "{}: no glossary entry {id}",
                    l.id
                );
                taught.insert(*id);
            }
        }
        // The concepts of DESIGN.md that have a glossary entry, each taught by some lesson.
        for concept in [
            "mtls",
            "certificate",
            "client-certificate",
            "ca",
            "chain",
            "trust-store",
            "private-key",
            "public-key",
            "session-key",
            "ecdhe",
            "certificate-verify",
            "eku",
            "revocation",
            "pem-der",
            "pinning",
            "termination",
            "aitm",
            "lifecycle",
            "not-vpn",
        ] {
            assert!(taught.contains(concept), "no lesson teaches {concept}");
        }
    }

    #[test]
    fn a_gate_stops_the_learner_before_each_unanswered_question() {
        let n = LESSONS
            .iter()
            .position(|l| l.parts[0].questions.len() >= 2)
            .expect("a lesson whose first run asks twice");
        let mut progress = Progress::default();
        let at = LessonAt::new(n, 0, &progress);
        let trace = run_scenario(at.current().scenario, 1).expect("runs");
        let first = &at.current().questions[0].before;
        let (q, step) = at.gate(&trace).expect("a question first");
        assert_eq!((q, &trace.steps[step].explain), (0, first));
        // Asked once the learner stands just before its step, not earlier.
        assert_eq!(at.shown(&trace, step - 1), Some(0));
        if step >= 2 {
            assert_eq!(at.shown(&trace, step - 2), None);
        }
        progress.record(LESSONS[n].id, 0, 0, 1);
        let at = LessonAt::new(n, 0, &progress);
        assert_eq!(at.answers[0], Some(1), "the answer is remembered");
        // Answered, it stays in view with its feedback while the learner is at its step,
        // unless the next question is already due there.
        let (_, next) = at.gate(&trace).expect("a second question");
        let expected = if step + 1 >= next { Some(1) } else { Some(0) };
        assert_eq!(at.shown(&trace, step), expected);
        assert_eq!(at.gate(&trace).map(|(q, _)| q), Some(1));
        assert_eq!(progress.count(&LESSONS[n]).0, 1);
    }
}
