//! The first diagram, drawn before the app has loaded: the page's first module
//! (`src/bin/mtls-lab-start.rs`) runs the engine and writes this static picture of the run
//! into the page, then loads the app, which replaces it with the interactive view of the same
//! run.
//!
//! No Yew here: this is what lets the first module stay small (see docs/PERFORMANCE.md). The
//! picture uses the diagram's own geometry, labels and style classes, and leaves room for the
//! app's picker and controls, so the app's diagram appears where the picture was.

use mtls_lab_engine::handshake::Epoch;
use mtls_lab_engine::trace::Trace;

use crate::diagram::{
    ROW, TOP, drawing_height, head_width, is_failure_alert, label, lane_class, lane_name, lanes,
    outcome_box_height, outcome_lines, px, window,
};
use crate::i18n::{Lang, Text, t};
use crate::lessons;

/// The id of the element the first module draws into; the app removes it when it starts.
pub const ROOT_ID: &str = "first-paint";

/// How the page is being shown, as far as the first picture cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chrome {
    /// The whole lab: header, scenario title and the diagram.
    Full,
    /// Embedded in another page, or presented to a room: the diagram alone.
    Compact,
}

/// Escapes text for HTML and SVG content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The diagram of `trace` up to step `upto` as SVG markup, `width` units wide
/// ([`crate::diagram::drawing_width`] of its box): the same lanes, arrows, padlocks, step
/// numbers and outcome as the app's [`crate::diagram::Diagram`], without its controls.
pub fn diagram_svg(trace: &Trace, upto: usize, lang: Lang, width: f64) -> String {
    let lanes = lanes(trace, width);
    let head = head_width(width, lanes.len());
    let x_of = |p| {
        lanes
            .iter()
            .find(|(q, _)| *q == p)
            .map_or(width / 2.0, |(_, x)| *x)
    };
    let last = trace.steps.len().saturating_sub(1);
    let upto = upto.min(last);
    let drawn = window(upto, trace.steps.len());
    let first_row = usize::from(drawn.start > 0);
    let rows = first_row + drawn.len();
    let at_end = upto == last && !trace.steps.is_empty();
    let height = drawing_height(rows, at_end, width);

    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"first-diagram\" viewBox=\"0 0 {} {}\" \
         preserveAspectRatio=\"xMidYMin meet\" aria-hidden=\"true\">",
        px(width),
        px(height)
    );
    for (p, x) in &lanes {
        let class = lane_class(*p, trace);
        svg.push_str(&format!(
            "<g class=\"{class}\"><rect x=\"{}\" y=\"4\" width=\"{}\" height=\"30\" rx=\"6\"/>\
             <text x=\"{}\" y=\"24\" text-anchor=\"middle\">{}</text>\
             <line x1=\"{x}\" x2=\"{x}\" y1=\"34\" y2=\"{}\"/></g>",
            px(x - head / 2.0),
            px(head),
            px(*x),
            esc(lane_name(lang, *p, trace)),
            px(height - 4.0),
            x = px(*x),
        ));
    }
    if drawn.start > 0 {
        svg.push_str(&format!(
            "<g class=\"earlier\"><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">⋯ {} {}</text></g>",
            px(width / 2.0),
            px(TOP + ROW * 0.8 - 4.0),
            drawn.start,
            esc(t(lang, Text::EarlierSteps))
        ));
    }
    for (r, step) in trace.steps[drawn].iter().enumerate() {
        let y = TOP + ROW * ((first_row + r) as f64 + 0.8);
        let (x1, x2) = (x_of(step.from), x_of(step.to));
        let dir = if x2 >= x1 { 1.0 } else { -1.0 };
        let tip = x2 - dir * 4.0;
        let mid = (x1 + x2) / 2.0;
        let encrypted = step.record.epoch != Epoch::Plaintext;
        let failure = is_failure_alert(step);
        let mut class = String::from("arrow");
        for (on, name) in [
            (encrypted, " encrypted"),
            (failure, " failure"),
            (step.index == upto, " current"),
        ] {
            if on {
                class.push_str(name);
            }
        }
        svg.push_str(&format!("<g class=\"{class}\">"));
        let shaft = format!(
            "x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"",
            px(x1),
            px(tip),
            y = px(y)
        );
        if encrypted {
            svg.push_str(&format!("<line class=\"tube\" {shaft}/>"));
        }
        svg.push_str(&format!(
            "<line class=\"shaft\" {shaft}/><polygon class=\"head\" points=\"{},{} {},{} {},{}\"/>\
             <text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}{}</text>",
            px(tip),
            px(y),
            px(tip - dir * 10.0),
            px(y - 5.0),
            px(tip - dir * 10.0),
            px(y + 5.0),
            px(mid),
            px(y - 7.0),
            if failure { "✕ " } else { "" },
            esc(&label(lang, step)),
        ));
        if encrypted {
            svg.push_str(&format!(
                "<g class=\"lock\"><path d=\"M{} {} v-3 a3 3 0 0 1 6 0 v3\"/>\
                 <rect x=\"{}\" y=\"{}\" width=\"10\" height=\"7\" rx=\"1.5\"/></g>",
                px(mid - 3.0),
                px(y + 11.0),
                px(mid - 5.0),
                px(y + 11.0)
            ));
        }
        svg.push_str(&format!(
            "</g><text class=\"num\" x=\"6\" y=\"{}\">{}</text>",
            px(y + 4.0),
            step.index + 1
        ));
    }
    if at_end {
        let y = TOP + ROW * (rows as f64 + 0.2);
        let (class, lines) = outcome_lines(lang, &trace.outcome, width);
        svg.push_str(&format!(
            "<g class=\"{class}\"><rect x=\"8\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
            px(y),
            px(width - 16.0),
            px(outcome_box_height(lines.len())),
        ));
        for (n, line) in lines.iter().enumerate() {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                px(width / 2.0),
                px(y + 21.0 + 18.0 * n as f64),
                esc(line)
            ));
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

/// The whole first picture: for [`Chrome::Full`] the header and the scenario's title and
/// summary around the diagram, laid out as the app lays them out.
/// `width` is the drawing's width ([`crate::diagram::drawing_width`] of its box), or `None`
/// for the page with an empty drawing, laid out to measure that box.
pub fn page(trace: &Trace, upto: usize, lang: Lang, chrome: Chrome, width: Option<f64>) -> String {
    // Without a width, an empty drawing of the same box: the page is laid out once to measure
    // how wide the diagram can be, and drawn once at that width.
    let svg = match width {
        Some(width) => diagram_svg(trace, upto, lang, width),
        None => "<svg class=\"first-diagram\" viewBox=\"0 0 640 1\"></svg>".to_string(),
    };
    match chrome {
        Chrome::Compact => {
            format!("<main class=\"embed\"><div class=\"embed-space\"></div>{svg}</main>")
        }
        Chrome::Full => {
            let (title, summary) = lessons::scenario_tls13(lang, &trace.scenario);
            format!(
                "<header class=\"top\"><div><h1>mTLS Lab</h1><p class=\"tagline\">{}</p></div></header>\
                 <main><div class=\"picker-space\"></div><section class=\"intro\"><h2>{}</h2><p>{}</p></section>\
                 <div class=\"layout\"><section class=\"stage card\"><p class=\"loading\">{}</p>{svg}</section></div></main>",
                esc(t(lang, Text::Tagline)),
                esc(&title),
                esc(&summary),
                esc(t(lang, Text::Loading)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use mtls_lab_engine::scenario;

    use super::{Chrome, diagram_svg, esc, page};
    use crate::diagram::WIDTH;
    use crate::i18n::Lang;

    fn expired() -> mtls_lab_engine::trace::Trace {
        let pki = scenario::scenario_pki("expired", 3).expect("a catalogue id");
        scenario::run_with("expired", 3, &pki, 1).expect("it runs")
    }

    #[test]
    fn draws_the_steps_up_to_the_current_one_and_the_outcome_only_at_the_end() {
        let trace = expired();
        let at_five = diagram_svg(&trace, 4, Lang::En, WIDTH);
        assert_eq!(at_five.matches("<g class=\"arrow").count(), 5);
        assert_eq!(at_five.matches(" current\">").count(), 1);
        assert!(!at_five.contains("outcome"));
        let end = diagram_svg(&trace, usize::MAX, Lang::Ja, WIDTH);
        assert_eq!(end.matches("<g class=\"arrow").count(), trace.steps.len());
        assert!(end.contains("✕ Alert: certificate_expired"));
        assert!(end.contains("outcome bad") && end.contains("サーバー"));
    }

    #[test]
    fn the_whole_page_names_the_scenario_and_the_compact_one_does_not() {
        let trace = expired();
        assert!(
            page(&trace, 0, Lang::En, Chrome::Full, Some(WIDTH))
                .contains("Expired client certificate")
        );
        assert!(!page(&trace, 0, Lang::En, Chrome::Compact, Some(WIDTH)).contains("<h2>"));
    }

    #[test]
    fn text_is_escaped_for_markup() {
        assert_eq!(
            esc("<a title=\"x\">&</a>"),
            "&lt;a title=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
