//! The view in the address bar:
//! `?scenario=<id>&mode=…&step=<n|end>&seed=<n>&lang=ja|en&requests=<n>&bytes=wire`, or the
//! course: `?course`, `?lesson=<id>&part=<n>&step=…`, either with `&plan=1`.
//!
//! Parsing never fails: anything unknown or malformed falls back to a default and leaves a
//! [`Notice`] so the page can say what it ignored.

use crate::i18n::Lang;

/// Which step the view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepPos {
    /// A step index, from 0 (the URL counts from 1).
    At(usize),
    /// The last step.
    End,
}

/// One scenario, or one-way and mutual side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One scenario.
    Single,
    /// The compare view.
    Compare,
}

/// Everything a link can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// The scenario id.
    pub scenario: String,
    /// Single or compare.
    pub mode: Mode,
    /// The step shown.
    pub step: StepPos,
    /// The seed, if the link fixes one.
    pub seed: Option<u64>,
    /// The language, if the link fixes one.
    pub lang: Option<Lang>,
    /// Compact chrome for an `<iframe>` in someone's page (`embed=1`).
    pub embed: bool,
    /// Presenter mode for a room (`present=1`).
    pub present: bool,
    /// How many times the client sends its request over the connection (`requests=`, 0 to
    /// [`MAX_REQUESTS`], default 1): how a run grows with its application data.
    pub requests: usize,
    /// The inspector's bytes as the wire carries them (`bytes=wire`) rather than as the two
    /// ends see them (`bytes=ends`, the default): kept while stepping.
    pub wire: bool,
    /// The course's index (`course`) or one of its lessons (`lesson=<id>`, `part=<n>`)
    /// instead of the lab.
    pub page: Page,
    /// The trainer's printable plan of the course or the lesson (`plan=1`).
    pub plan: bool,
}

/// Which page a link opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The lab (the default).
    Lab,
    /// The course's index.
    Course,
    /// A lesson, by id (checked by the app, which knows the lessons), at a part (from 0).
    Lesson {
        /// The lesson's id.
        id: String,
        /// The part, from 0 (the URL counts from 1).
        part: usize,
    },
}

/// The most requests a link can ask for.
pub const MAX_REQUESTS: usize = 1000;

/// Something in the link that was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// `scenario=` named no known scenario.
    Scenario(String),
    /// `step=` was not a number ≥ 1 or `end`.
    Step(String),
    /// `seed=` was not a number.
    Seed(String),
    /// `lang=` was neither `en` nor `ja`.
    Lang(String),
    /// `mode=` was not `one-way`, `mutual` or `compare`.
    Mode(String),
    /// `requests=` was not a number from 0 to [`MAX_REQUESTS`].
    Requests(String),
    /// `bytes=` was neither `wire` nor `ends`.
    Bytes(String),
    /// `lesson=` named no lesson of the course.
    Lesson(String),
    /// `part=` was not a number ≥ 1 or the lesson has no such part.
    Part(String),
}

/// The scenario shown when the link names none.
pub const DEFAULT_SCENARIO: &str = "mutual";

/// Decodes `%XX` and `+` in a query value; invalid escapes are kept as written.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads a query string (with or without the leading `?`). `known` says whether a scenario id
/// exists.
pub fn parse(query: &str, known: &dyn Fn(&str) -> bool) -> (View, Vec<Notice>) {
    let mut view = View {
        scenario: DEFAULT_SCENARIO.into(),
        mode: Mode::Single,
        step: StepPos::At(0),
        seed: None,
        lang: None,
        embed: false,
        present: false,
        requests: 1,
        wire: false,
        page: Page::Lab,
        plan: false,
    };
    let mut notices = Vec::new();
    let mut part = 0;
    let mut scenario_set = false;
    for pair in query.trim_start_matches('?').split('&') {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(raw);
        match key {
            "scenario" => {
                if known(&value) {
                    view.scenario = value;
                    scenario_set = true;
                } else {
                    notices.push(Notice::Scenario(value));
                }
            }
            "mode" => match value.as_str() {
                "compare" => view.mode = Mode::Compare,
                "one-way" | "mutual" => {
                    view.mode = Mode::Single;
                    if !scenario_set {
                        view.scenario = value;
                    }
                }
                _ => notices.push(Notice::Mode(value)),
            },
            "step" => match value.as_str() {
                "end" => view.step = StepPos::End,
                n => match n.parse::<usize>() {
                    Ok(n) if n >= 1 => view.step = StepPos::At(n - 1),
                    _ => notices.push(Notice::Step(value)),
                },
            },
            "seed" => match value.parse::<u64>() {
                Ok(seed) => view.seed = Some(seed),
                Err(_) => notices.push(Notice::Seed(value)),
            },
            "lang" => match value.as_str() {
                "en" => view.lang = Some(Lang::En),
                "ja" => view.lang = Some(Lang::Ja),
                _ => notices.push(Notice::Lang(value)),
            },
            "requests" => match value.parse::<usize>() {
                Ok(n) if n <= MAX_REQUESTS => view.requests = n,
                _ => notices.push(Notice::Requests(value)),
            },
            "bytes" => match value.as_str() {
                "wire" => view.wire = true,
                "ends" => view.wire = false,
                _ => notices.push(Notice::Bytes(value)),
            },
            "course" if view.page == Page::Lab => view.page = Page::Course,
            "lesson" => view.page = Page::Lesson { id: value, part: 0 },
            "part" => match value.parse::<usize>() {
                Ok(n) if n >= 1 => part = n - 1,
                _ => notices.push(Notice::Part(value)),
            },
            "plan" => view.plan = value == "1",
            "embed" => view.embed = value == "1",
            "present" => view.present = value == "1",
            // Unknown parameters are ignored: links from newer versions keep working.
            _ => {}
        }
    }
    if let Page::Lesson { part: p, .. } = &mut view.page {
        *p = part;
    }
    (view, notices)
}

/// The query string of the course's index (`plan`: the trainer's plan of the whole course).
pub fn format_course(lang: Lang, plan: bool) -> String {
    format!(
        "?course&lang={}{}",
        lang.tag(),
        if plan { "&plan=1" } else { "" }
    )
}

/// The query string of a lesson at a part and step (`plan`: its trainer's plan instead).
pub fn format_lesson(
    id: &str,
    part: usize,
    step: usize,
    last: usize,
    seed: u64,
    lang: Lang,
    plan: bool,
) -> String {
    if plan {
        return format!("?lesson={id}&lang={}&plan=1", lang.tag());
    }
    let step = if step >= last {
        "end".to_string()
    } else {
        (step + 1).to_string()
    };
    let part = if part == 0 {
        String::new()
    } else {
        format!("&part={}", part + 1)
    };
    format!(
        "?lesson={id}{part}&step={step}&seed={seed}&lang={}",
        lang.tag()
    )
}

/// The query string for a view (with the leading `?`). `last` is the index of the last step,
/// so the last step is written as `end`; `requests` is written only when it is not 1, and
/// `bytes=wire` only when the wire view is on.
#[allow(clippy::too_many_arguments)]
pub fn format(
    scenario: &str,
    mode: Mode,
    step: usize,
    last: usize,
    seed: u64,
    lang: Lang,
    requests: usize,
    wire: bool,
) -> String {
    let step = if step >= last {
        "end".to_string()
    } else {
        (step + 1).to_string()
    };
    match mode {
        Mode::Single => format!(
            "?scenario={scenario}&step={step}&seed={seed}&lang={}{}{}",
            lang.tag(),
            if requests == 1 {
                String::new()
            } else {
                format!("&requests={requests}")
            },
            if wire { "&bytes=wire" } else { "" }
        ),
        Mode::Compare => format!("?mode=compare&seed={seed}&lang={}", lang.tag()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> bool {
        ["one-way", "mutual", "expired"].contains(&id)
    }

    #[test]
    fn a_full_link_opens_exactly_that_view() {
        let (view, notices) = parse("?scenario=expired&step=4&seed=42&lang=ja", &known);
        assert!(notices.is_empty());
        assert_eq!(view.scenario, "expired");
        assert_eq!(view.step, StepPos::At(3));
        assert_eq!(view.seed, Some(42));
        assert_eq!(view.lang, Some(Lang::Ja));
    }

    #[test]
    fn bad_values_fall_back_with_a_notice_each() {
        let (view, notices) = parse(
            "scenario=nope&step=0&seed=-1&lang=fr&mode=sideways&x=%zz",
            &known,
        );
        assert_eq!(view.scenario, DEFAULT_SCENARIO);
        assert_eq!(view.step, StepPos::At(0));
        assert_eq!(view.seed, None);
        assert_eq!(view.lang, None);
        assert_eq!(notices.len(), 5, "{notices:?}");
    }

    #[test]
    fn format_and_parse_agree() {
        let q = format("expired", Mode::Single, 2, 9, 7, Lang::En, 1, false);
        assert!(!q.contains("requests"), "the default is not written: {q}");
        let (view, notices) = parse(&q, &known);
        assert!(notices.is_empty());
        assert_eq!(
            (view.scenario.as_str(), view.step, view.seed),
            ("expired", StepPos::At(2), Some(7))
        );
        assert!(format("mutual", Mode::Single, 9, 9, 7, Lang::Ja, 1, false).contains("step=end"));
        let q = format("mutual", Mode::Single, 0, 9, 7, Lang::Ja, 100, false);
        assert_eq!(parse(&q, &known).0.requests, 100);
    }

    #[test]
    fn the_wire_view_is_linkable() {
        let q = format("observer", Mode::Single, 3, 9, 7, Lang::En, 1, true);
        assert!(q.ends_with("&bytes=wire"), "{q}");
        assert!(parse(&q, &known).0.wire);
        assert!(!parse("bytes=ends", &known).0.wire);
        assert!(!format("observer", Mode::Single, 3, 9, 7, Lang::En, 1, false).contains("bytes"));
        let (view, notices) = parse("bytes=hex", &known);
        assert!(!view.wire);
        assert_eq!(notices, vec![Notice::Bytes("hex".into())]);
    }

    #[test]
    fn requests_are_a_number_up_to_the_limit() {
        assert_eq!(parse("requests=0", &known).0.requests, 0);
        assert_eq!(parse("requests=1000", &known).0.requests, 1000);
        for bad in ["1001", "-1", "many", ""] {
            let (view, notices) = parse(&format!("requests={bad}"), &known);
            assert_eq!(view.requests, 1);
            assert_eq!(notices, vec![Notice::Requests(bad.into())]);
        }
    }

    #[test]
    fn embed_and_present_are_flags() {
        let (view, notices) = parse("scenario=one-way&embed=1&present=0", &known);
        assert!(notices.is_empty());
        assert!(view.embed && !view.present);
    }

    #[test]
    fn mode_picks_the_scenario_when_none_is_named() {
        assert_eq!(parse("mode=one-way", &known).0.scenario, "one-way");
        assert_eq!(parse("mode=compare", &known).0.mode, Mode::Compare);
    }

    #[test]
    fn the_course_and_its_lessons_are_linkable() {
        assert_eq!(parse("course", &known).0.page, Page::Course);
        assert!(parse("?course&lang=ja&plan=1", &known).0.plan);
        let (view, notices) = parse("lesson=the-chain&part=2&step=3", &known);
        assert!(notices.is_empty());
        assert_eq!(
            view.page,
            Page::Lesson {
                id: "the-chain".into(),
                part: 1
            }
        );
        assert_eq!(view.step, StepPos::At(2));
        let q = format_lesson("the-chain", 1, 2, 9, 7, Lang::Ja, false);
        assert_eq!(q, "?lesson=the-chain&part=2&step=3&seed=7&lang=ja");
        assert_eq!(parse(&q, &known).0.page, view.page);
        assert_eq!(
            format_lesson("x", 0, 9, 9, 7, Lang::En, false),
            "?lesson=x&step=end&seed=7&lang=en"
        );
        assert_eq!(format_course(Lang::En, true), "?course&lang=en&plan=1");
        assert_eq!(
            parse("lesson=x&part=0", &known).1,
            vec![Notice::Part("0".into())]
        );
    }

    #[test]
    fn any_query_string_parses_without_panicking() {
        for q in [
            "",
            "?",
            "&&&",
            "=",
            "%",
            "%4",
            "%e3%81%82",
            "step=99999999999999999999999",
        ] {
            let _ = parse(q, &known);
        }
    }
}
