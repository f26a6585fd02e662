//! The sequence diagram: one lane per participant, one arrow per record, drawn in SVG.

use mtls_lab_engine::wire::{AlertDescription, ContentType};
use std::rc::Rc;

use mtls_lab_engine::handshake::Epoch;
use mtls_lab_engine::trace::{Outcome, Participant, Step, Trace};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};

/// Width of the drawing in SVG units in a box at least this wide; it scales up to a wider box
/// (a projector). In a narrower box the drawing is as wide as the box ([`drawing_width`]).
pub const WIDTH: f64 = 640.0;
/// The narrowest drawing: in a box narrower still, the drawing scales down.
pub(crate) const MIN_WIDTH: f64 = 280.0;
/// Height of the lane headers.
pub(crate) const TOP: f64 = 46.0;
/// Vertical distance between arrows.
pub(crate) const ROW: f64 = 38.0;

/// A coordinate for an SVG attribute, to a tenth of a unit. Written with integer formatting:
/// Rust's float formatting would add about 11 KB to the page for no visible difference.
pub fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let (sign, tenths) = if tenths < 0 {
        ("-", -tenths)
    } else {
        ("", tenths)
    };
    match tenths % 10 {
        0 => format!("{sign}{}", tenths / 10),
        d => format!("{sign}{}.{d}", tenths / 10),
    }
}

/// A participant's name in the lane header.
pub fn participant(lang: Lang, p: Participant) -> &'static str {
    t(
        lang,
        match p {
            Participant::Client => Text::Client,
            Participant::Server => Text::Server,
            Participant::Attacker => Text::Attacker,
        },
    )
}

/// A lane's name: the participant's, except that an attacker who only listens
/// ([`Trace::attacker_is_passive`]) is named an eavesdropper.
pub fn lane_name(lang: Lang, p: Participant, trace: &Trace) -> &'static str {
    if p == Participant::Attacker && trace.attacker_is_passive() {
        t(lang, Text::Eavesdropper)
    } else {
        participant(lang, p)
    }
}

/// A lane's classes: an active attacker's lane is marked, an eavesdropper's is quieter.
pub(crate) fn lane_class(p: Participant, trace: &Trace) -> &'static str {
    match p {
        Participant::Attacker if trace.attacker_is_passive() => "lane eavesdropper",
        Participant::Attacker => "lane attacker",
        _ => "lane",
    }
}

/// The label of a step's arrow: its messages by their RFC names, or the record's kind.
pub fn label(lang: Lang, step: &Step) -> String {
    if !step.messages.is_empty() {
        let names = step
            .messages
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        // A second connection between the same two (the `forward-secrecy` lesson) is marked
        // where it starts.
        if step.connection > 0 && step.messages[0].name == "ClientHello" {
            return format!(
                "{names} ({})",
                mtls_lab_texts::connection_label(lang, step.connection + 1)
            );
        }
        return names;
    }
    if let Some(alert) = step.alert {
        return format!("Alert: {}", alert.name());
    }
    match step.record.content_type {
        ContentType::CHANGE_CIPHER_SPEC => "ChangeCipherSpec".into(),
        ContentType::APPLICATION_DATA => format!(
            "{} ({} B)",
            t(lang, Text::ApplicationData),
            // A relayed record the attacker cannot read has no plaintext: count what it carried.
            if step.record.plaintext.is_empty() {
                step.record.wire.len()
            } else {
                step.record.plaintext.len()
            }
        ),
        other => other.name().to_string(),
    }
}

/// The protection of a step's record in words.
pub fn epoch(lang: Lang, e: Epoch) -> String {
    match e {
        Epoch::Plaintext => t(lang, Text::EpochPlaintext).into(),
        Epoch::Handshake => t(lang, Text::EpochHandshake).into(),
        Epoch::Application(0) => t(lang, Text::EpochApplication).into(),
        Epoch::Application(n) => format!("{} #{n}", t(lang, Text::EpochApplication)),
    }
}

/// Whether a step's record ends the run with an error alert.
pub fn is_failure_alert(step: &Step) -> bool {
    step.alert
        .is_some_and(|a| a != AlertDescription::CLOSE_NOTIFY)
}

/// The drawing's width in SVG units for a box `available` CSS px wide: the box's own width
/// between [`MIN_WIDTH`] and [`WIDTH`], so that on a phone one unit is one CSS pixel and the
/// labels keep their natural 13-14 px instead of shrinking with a 640-unit drawing.
pub fn drawing_width(available: f64) -> f64 {
    if available.is_finite() && available > 0.0 {
        available.clamp(MIN_WIDTH, WIDTH).floor()
    } else {
        WIDTH
    }
}

/// The room left and right of the outer lanes in a drawing `width` wide.
fn margin(width: f64) -> f64 {
    (width * 0.14).clamp(48.0, 90.0)
}

/// The width of a lane's name box: 140 units, less where the lanes are closer.
pub(crate) fn head_width(width: f64, lanes: usize) -> f64 {
    let m = margin(width);
    let spacing = (width - 2.0 * m) / (lanes.max(2) - 1) as f64;
    140.0_f64.min(2.0 * m - 8.0).min(spacing - 8.0)
}

/// Lane x positions for the trace's participants in a drawing `width` wide: client left,
/// server right, attacker between.
pub(crate) fn lanes(trace: &Trace, width: f64) -> Vec<(Participant, f64)> {
    let mut order: Vec<Participant> = Vec::new();
    for p in [
        Participant::Client,
        Participant::Attacker,
        Participant::Server,
    ] {
        if trace.participants.contains(&p) {
            order.push(p);
        }
    }
    let n = order.len().max(2) as f64;
    let margin = margin(width);
    order
        .into_iter()
        .enumerate()
        .map(|(i, p)| (p, margin + (width - 2.0 * margin) * i as f64 / (n - 1.0)))
        .collect()
}

/// A row that selects step `i` when clicked or when Enter is pressed on it.
fn pick(onselect: &Callback<usize>, i: usize) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let onclick = {
        let cb = onselect.clone();
        Callback::from(move |_: MouseEvent| cb.emit(i))
    };
    let onkeydown = {
        let cb = onselect.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                cb.emit(i);
            }
        })
    };
    (onclick, onkeydown)
}

/// The most arrows the diagram draws at once. A run with a thousand requests has over two
/// thousand steps; the diagram draws the last [`WINDOW`] up to the current step and one row
/// standing for the earlier ones, so a step costs the same whatever the length of the run.
pub const WINDOW: usize = 40;

/// The steps drawn when `upto` is the current step of a run of `len` steps.
pub fn window(upto: usize, len: usize) -> core::ops::Range<usize> {
    let end = if len == 0 { 0 } else { upto.min(len - 1) + 1 };
    end.saturating_sub(WINDOW)..end
}

/// Properties of [`Diagram`].
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The run.
    pub trace: Rc<Trace>,
    /// The last step drawn (the current step).
    pub upto: usize,
    /// The language.
    pub lang: Lang,
    /// Called with a step index when the learner picks an arrow.
    #[prop_or_default]
    pub onselect: Callback<usize>,
    /// Steps to emphasise (the compare view's mutual-only messages).
    #[prop_or_default]
    pub emphasis: Rc<Vec<bool>>,
    /// Accessible name of the drawing.
    pub title: String,
    /// Playback speed in percent: the current record travels along its arrow in
    /// [`travel_ms`] at this speed.
    #[prop_or(100)]
    pub speed: u32,
}

/// How long the current record takes to travel along its arrow at `speed` percent: 60 % of a
/// step's time at that speed ([`crate::state::STEP_MS`]), so it arrives before the next step.
pub fn travel_ms(speed: u32) -> u32 {
    crate::state::STEP_MS * 60 / speed.max(1)
}

/// Whether the learner asked the system for less motion (`prefers-reduced-motion`).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Starts the current record's animations (`begin="indefinite"`: an SVG that stays on the page
/// has one timeline, so each step starts its own).
fn start_travel() {
    let Some(list) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("svg.diagram .travel").ok())
    else {
        return;
    };
    for i in 0..list.length() {
        if let Some(el) = list.item(i)
            && let Ok(begin) = js_sys::Reflect::get(&el, &"beginElement".into())
            && let Ok(begin) = begin.dyn_into::<js_sys::Function>()
        {
            let _ = begin.call0(&el);
        }
    }
}

/// The SVG sequence diagram.
#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let trace = &props.trace;
    let lang = props.lang;
    // The drawing follows the width of its box (see [`drawing_width`]), measured when it is
    // drawn and whenever the box changes size.
    let node = use_node_ref();
    let measured = use_state_eq(|| WIDTH);
    {
        let node = node.clone();
        let measured = measured.clone();
        use_effect_with((), move |_| {
            let measure = {
                let node = node.clone();
                move || {
                    if let Some(svg) = node.cast::<web_sys::Element>() {
                        measured.set(drawing_width(svg.get_bounding_client_rect().width()));
                    }
                }
            };
            measure();
            let callback = Closure::<dyn Fn()>::new(measure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(svg)) = (&observer, node.cast::<web_sys::Element>()) {
                o.observe(&svg);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    let width = *measured;
    // The current record travels from sender to receiver, then its label settles; not in the
    // compare view (whole runs) nor for a learner who asked for less motion.
    let animate = props.emphasis.is_empty() && !reduced_motion();
    let travel = travel_ms(props.speed);
    use_effect_with((props.upto, props.trace.clone()), move |_| {
        if animate {
            start_travel();
        }
    });
    let lanes = lanes(trace, width);
    let head = head_width(width, lanes.len());
    let x_of = |p: Participant| {
        lanes
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, x)| *x)
            .unwrap_or(width / 2.0)
    };
    let last = trace.steps.len().saturating_sub(1);
    let upto = props.upto.min(last);
    let drawn = window(upto, trace.steps.len());
    let hidden = drawn.start;
    // Rows: one for the hidden steps (if any), then one per drawn step.
    let first_row = usize::from(hidden > 0);
    let rows = first_row + drawn.len();
    let at_end = upto == last;
    let height = drawing_height(rows, at_end, width);

    let heads = lanes.iter().map(|(p, x)| {
        let class = lane_class(*p, trace);
        html! {
            <g class={class}>
                <rect x={px(x - head / 2.0)} y="4" width={px(head)} height="30" rx="6" />
                <text x={px(*x)} y="24" text-anchor="middle">{ lane_name(lang, *p, trace) }</text>
                <line x1={px(*x)} x2={px(*x)} y1="34" y2={px(height - 4.0)} />
            </g>
        }
    });

    let earlier = (hidden > 0).then(|| {
        let y = TOP + ROW * 0.8;
        let back = hidden - 1;
        let (onclick, onkeydown) = pick(&props.onselect, back);
        let words = format!("⋯ {hidden} {}", t(lang, Text::EarlierSteps));
        html! {
            <g class="earlier" role="button" tabindex="0" aria-label={words.clone()} data-testid="earlier"
               {onclick} {onkeydown}>
                <rect class="hit" x="0" y={px(y - ROW + 8.0)} width={px(width)} height={px(ROW)} />
                <text x={px(width / 2.0)} y={px(y - 4.0)} text-anchor="middle">{ words }</text>
            </g>
        }
    });

    let arrows = trace.steps[drawn.clone()].iter().enumerate().map(|(r, step)| {
        let i = step.index;
        let y = TOP + ROW * ((first_row + r) as f64 + 0.8);
        let (x1, x2) = (x_of(step.from), x_of(step.to));
        let dir = if x2 >= x1 { 1.0 } else { -1.0 };
        let tip = x2 - dir * 4.0;
        let encrypted = step.record.epoch != Epoch::Plaintext;
        let failure = is_failure_alert(step);
        let emphasised = props.emphasis.get(i).copied().unwrap_or(false);
        let mut class = classes!("arrow");
        if encrypted {
            class.push("encrypted");
        }
        if failure {
            class.push("failure");
        }
        // The compare view draws whole runs: no step is "current" there.
        if i == upto && props.emphasis.is_empty() {
            class.push("current");
        }
        if emphasised {
            class.push("emphasis");
        }
        let text = label(lang, step);
        let cross = if failure { "✕ " } else { "" };
        let star = if emphasised { "★ " } else { "" };
        let mid = (x1 + x2) / 2.0;
        let head = format!(
            "{},{} {},{} {},{}",
            px(tip),
            px(y),
            px(tip - dir * 10.0),
            px(y - 5.0),
            px(tip - dir * 10.0),
            px(y + 5.0)
        );
        let aria = format!(
            "{text}. {} {}: {} → {}{}",
            t(lang, Text::StepOf),
            i + 1,
            participant(lang, step.from),
            participant(lang, step.to),
            if encrypted {
                format!(" ({})", t(lang, Text::Encrypted))
            } else {
                String::new()
            }
        );
        let (onclick, onkeydown) = pick(&props.onselect, i);
        let moving = animate && i == upto;
        let dur = format!("{travel}ms");
        // What travels: the padlock for a sealed record, an open dot for a plaintext one.
        let packet = moving.then(|| {
            let path = format!("M0 0 H{}", px(tip - x1));
            html! {
                <g class={classes!("packet", encrypted.then_some("sealed"))} aria-hidden="true" data-testid="packet">
                    if encrypted {
                        <path d={format!("M{} {} v-3 a3 3 0 0 1 6 0 v3", px(x1 - 3.0), px(y - 4.0))} />
                        <rect x={px(x1 - 5.0)} y={px(y - 4.0)} width="10" height="8" rx="1.5" />
                    } else {
                        <circle cx={px(x1)} cy={px(y)} r="5" />
                    }
                    <animateMotion class="travel" path={path} dur={dur.clone()} begin="indefinite" fill="freeze" />
                    <animate class="travel" attributeName="opacity" values="1;1;0" keyTimes="0;0.85;1" dur={dur.clone()} begin="indefinite" fill="freeze" />
                </g>
            }
        });
        html! {
            <>
            <g class={class} role="button" tabindex="0" aria-label={aria} {onclick} {onkeydown}
               data-step={(i + 1).to_string()}>
                <rect class="hit" x="0" y={px(y - ROW + 8.0)} width={px(width)} height={px(ROW)} />
                if encrypted {
                    <line class="tube" x1={px(x1)} x2={px(tip)} y1={px(y)} y2={px(y)} />
                }
                <line class="shaft" x1={px(x1)} x2={px(tip)} y1={px(y)} y2={px(y)} />
                <polygon class="head" points={head} />
                <text class="label" x={px(mid)} y={px(y - 7.0)} text-anchor="middle">
                    <tspan aria-hidden="true">{ format!("{star}{cross}") }</tspan>{ text.clone() }
                    if moving {
                        // The label settles once the record has arrived.
                        <animate class="travel" attributeName="opacity" values="0.25;0.25;1" keyTimes="0;0.8;1" dur={dur.clone()} begin="indefinite" fill="freeze" />
                    }
                </text>
                if encrypted {
                    // A padlock under the arrow: the record is encrypted.
                    <g class="lock" aria-hidden="true">
                        <path d={format!("M{} {} v-3 a3 3 0 0 1 6 0 v3", px(mid - 3.0), px(y + 11.0))} />
                        <rect x={px(mid - 5.0)} y={px(y + 11.0)} width="10" height="7" rx="1.5" />
                    </g>
                }
                { for packet }
            </g>
            <text class="num" x="6" y={px(y + 4.0)} aria-hidden="true">{ i + 1 }</text>
            </>
        }
    });

    let outcome = if at_end && !trace.steps.is_empty() {
        let y = TOP + ROW * (rows as f64 + 0.2);
        let (class, lines) = outcome_lines(lang, &trace.outcome, width);
        let box_height = outcome_box_height(lines.len());
        let texts = lines.into_iter().enumerate().map(|(n, line)| {
            html! {
                <text x={px(width / 2.0)} y={px(y + 21.0 + 18.0 * n as f64)} text-anchor="middle">{ line }</text>
            }
        });
        html! {
            <g class={class}>
                <rect x="8" y={px(y)} width={px(width - 16.0)} height={px(box_height)} rx="6" />
                { for texts }
            </g>
        }
    } else {
        html! {}
    };

    html! {
        <svg ref={node} xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox={format!("0 0 {} {}", px(width), px(height))} role="group"
             aria-label={props.title.clone()} data-testid="diagram"
             preserveAspectRatio="xMidYMin meet">
            { for heads }
            { for earlier }
            { for arrows }
            { outcome }
        </svg>
    }
}

/// Whether the outcome takes two lines (who stopped the run, then the alert): in a drawing
/// narrower than 480 units.
fn outcome_in_two_lines(width: f64) -> bool {
    width < 480.0
}

/// The drawing's height: the lane names, `rows` rows and, at the end of the run, the outcome.
pub(crate) fn drawing_height(rows: usize, at_end: bool, width: f64) -> f64 {
    let outcome = match (at_end, outcome_in_two_lines(width)) {
        (false, _) => 0.0,
        (true, false) => 44.0,
        (true, true) => 62.0,
    };
    TOP + ROW * (rows as f64 + 0.6) + outcome
}

/// The height of the outcome's box for its number of lines.
pub(crate) fn outcome_box_height(lines: usize) -> f64 {
    if lines > 1 { 50.0 } else { 32.0 }
}

/// The box under a finished run in a drawing `width` wide: its style class and its lines.
pub(crate) fn outcome_lines(
    lang: Lang,
    outcome: &Outcome,
    width: f64,
) -> (&'static str, Vec<String>) {
    let (class, words) = outcome_line(lang, outcome);
    let lines = match words.split_once(": ") {
        Some((who, what)) if outcome_in_two_lines(width) => {
            vec![format!("{who}:"), what.to_string()]
        }
        _ => vec![words],
    };
    (class, lines)
}

/// The box under a finished run: its style class and its words.
fn outcome_line(lang: Lang, outcome: &Outcome) -> (&'static str, String) {
    match outcome {
        Outcome::Success => ("outcome ok", format!("✓ {}", short_success(lang))),
        Outcome::Failed {
            detected_by, alert, ..
        } => (
            "outcome bad",
            format!(
                "✕ {}: {} {}",
                participant(lang, *detected_by),
                t(lang, Text::AlertSent),
                alert.map_or("—", |a| a.name())
            ),
        ),
    }
}

fn short_success(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Connected: both sides hold the session keys",
        Lang::Ja => "接続完了: 両者がセッションキーを保持",
    }
}

#[cfg(test)]
mod tests {
    use super::px;

    #[test]
    fn the_window_ends_at_the_current_step_and_holds_at_most_window_steps() {
        use super::{WINDOW, window};
        assert_eq!(window(0, 0), 0..0);
        assert_eq!(window(0, 14), 0..1);
        assert_eq!(window(13, 14), 0..14);
        assert_eq!(window(99, 14), 0..14);
        assert_eq!(window(2005, 2006), 2006 - WINDOW..2006);
        assert_eq!(window(WINDOW, 2006), 1..WINDOW + 1);
    }

    #[test]
    fn coordinates_are_written_to_a_tenth() {
        assert_eq!(px(640.0), "640");
        assert_eq!(px(84.0 + 0.8 * 38.0), "114.4");
        assert_eq!(px(-3.25), "-3.3");
        assert_eq!(px(-0.04), "0");
        assert_eq!(px(0.05), "0.1");
    }
}
