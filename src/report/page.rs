//! The shell every `report.html` shares: the page with its inline style, the
//! charts section, provenance rows, attribution, the reading guide and the table
//! cells for an estimate or a paired difference.
//!
//! This module only formats HTML; what a page says comes from each product.

use std::fmt::Write as _;

use crate::chart::{Measure, escape, thousands};
use crate::report::figure::Chart;
use crate::report::run::Provenance;
use crate::stats::Estimate;

pub(in crate::report) const STYLE: &str = "
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;margin:0;background:#f4f4f2;line-height:1.45}
main{max-width:1000px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:1.7em;margin:0.2em 0 0.3em}
h2{font-size:1.25em;margin:1.6em 0 0.4em;border-bottom:2px solid #3b528b;padding-bottom:3px}
h3{font-size:1.05em;margin:1.2em 0 0.3em}
p.lede{font-size:1.08em}
table{border-collapse:collapse;margin:0.6em 0;font-size:0.9em}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}
.better{color:#2166ac;font-weight:bold}.worse{color:#b2182b;font-weight:bold}.noise{color:#777}
figure{margin:1.2em 0 2em}
figure svg{max-width:100%;height:auto;display:block;border:1px solid #e5e5e5}
figcaption{font-size:0.93em;color:#333;margin-top:0.5em}
figcaption a{color:#3b528b}
ul.answers li{margin:0.35em 0}
.small{font-size:0.85em;color:#555}
code{background:#f0f0f0;padding:0 3px}
";

pub(in crate::report) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    )
}

pub(in crate::report) fn charts_section(o: &mut String, charts: &[Chart]) {
    let _ = writeln!(o, "<h2>Pictures</h2>");
    for c in charts {
        let _ = writeln!(
            o,
            "<figure class=\"chart\" id=\"figure-{}\">\n<h3>{}</h3>\n{}<figcaption>{} <a href=\"charts/{n}.svg\">SVG</a> · <a href=\"charts/{n}.png\">PNG</a></figcaption>\n</figure>",
            escape(&c.name),
            escape(&c.title),
            c.figure.to_svg(),
            escape(&c.caption),
            n = escape(&c.name)
        );
    }
}

/// What the reports' confidence intervals cover, said under every table of them.
pub(in crate::report) const INTERVALS: &str = "The 95% CIs cover simulation noise only, which narrows with more draws (--draws). The range the model's assumptions span (road speed, divertible share, dispatcher handling time, shift change, patrol constant) does not narrow with more draws and is not in these intervals; it moves levels more: vary those with a [[variant]] or a [sweep] before quoting a level.";

/// "What this model leaves out": each sentence once, in the order first given.
pub(in crate::report) fn leaves_out_section<'a>(
    o: &mut String,
    sentences: impl IntoIterator<Item = &'a String>,
) {
    let mut seen: Vec<&String> = Vec::new();
    for s in sentences {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    if seen.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<h2>What this model leaves out</h2>\n<p>Said from this run's own settings; none of it is in the intervals above.</p>\n<ul>"
    );
    for s in seen {
        let _ = writeln!(o, "<li>{}</li>", escape(s));
    }
    let _ = writeln!(o, "</ul>");
}

/// `INTERVALS` wrapped for the terminal, each line indented by two spaces.
pub(in crate::report) fn intervals_text() -> String {
    wrap(INTERVALS, 88, "  ", "  ")
}

/// Wraps text at `width` columns, the first line after `first`, the rest after `rest`.
pub(in crate::report) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::from(first);
    let mut col = first.chars().count();
    let mut start = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !start && col + 1 + len > width {
            out.push('\n');
            out.push_str(rest);
            col = rest.chars().count();
            start = true;
        }
        if !start {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
        start = false;
    }
    out
}

pub(in crate::report) fn provenance_rows(o: &mut String, p: &Provenance) {
    for (k, v) in [
        ("tool", format!("{} {}", p.tool, p.version)),
        (
            "response model",
            match p.fidelity {
                "events" => format!("version {}, every call simulated", p.model_version),
                _ => format!("version {}, analytic", p.model_version),
            },
        ),
        ("scenario", format!("{} ({})", p.scenario, p.scenario_file)),
        ("scenario hash (SHA-256)", p.scenario_hash.clone()),
        ("dataset", format!("{} — {}", p.dataset, p.dataset_vintage)),
        ("dataset hash (SHA-256)", p.dataset_hash.clone()),
        ("seed", p.seed.to_string()),
        ("draws (simulated weeks)", thousands(p.draws as f64)),
        ("draws per chunk", p.chunk_draws.to_string()),
        ("random generator", p.generator.to_string()),
    ] {
        let _ = writeln!(
            o,
            "<tr><th>{}</th><td><code>{}</code></td></tr>",
            k,
            escape(&v)
        );
    }
}

pub(in crate::report) fn attribution_note(o: &mut String) {
    let _ = writeln!(
        o,
        "<p class=\"small\">Data: London wards (May 2014 boundaries), ONS mid-2019 population, Metropolitan Police ward-level crime. Contains National Statistics data © Crown copyright and database right. Contains Ordnance Survey data © Crown copyright and database right. Metropolitan Police Service / Greater London Authority / Home Office data, Open Government Licence.</p>"
    );
}

pub(in crate::report) fn reading_guide(o: &mut String) {
    let _ = writeln!(
        o,
        "<h2>How to read the numbers</h2>\n<p>Each figure is an average over simulated weeks. The <b>95% confidence interval</b> (CI) says how sure that average is: it narrows with more weeks. The <b>P10–P90 range</b> says how much weeks differ from one another: it does not narrow. Differences between scenarios are <b>paired</b>: every scenario saw the same simulated weeks, so luck cancels out; a difference whose CI includes zero is marked <i>within noise</i>.</p>"
    );
}

pub(in crate::report) fn estimate_td(m: Measure, e: Option<&Estimate>) -> String {
    match e {
        Some(e) => format!(
            "<td class=\"n\">{}</td><td class=\"n\">{} to {}</td><td class=\"n\">{}</td>",
            m.value(e.mean),
            m.value(e.ci95_low),
            m.value(e.ci95_high),
            match (e.p10, e.p90) {
                (Some(a), Some(b)) => format!("{} to {}", m.value(a), m.value(b)),
                _ => String::new(),
            }
        ),
        None => {
            "<td class=\"n\" colspan=\"3\">overloaded in every week: no finite value</td>".into()
        }
    }
}

pub(in crate::report) fn diff_cell(
    m: Measure,
    higher: bool,
    d: &crate::report::compare::Difference,
) -> String {
    let class = if d.within_noise {
        "noise"
    } else if (d.mean > 0.0) == higher {
        "better"
    } else {
        "worse"
    };
    let body = crate::report::figure::diff_note(m, d, " within noise");
    format!("<td class=\"n {class}\">{}</td>", escape(&body))
}
