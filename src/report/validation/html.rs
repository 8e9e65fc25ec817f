//! The backtests' `report.html`: how many checks pass, then per backtest what
//! London looked like, a table of its checks and a chart with a panel per check
//! (the model's figure with its 95% CI beside a line at the published figure),
//! and the scenarios run with their hashes.

use std::fmt::Write as _;

use super::text::{error_text, figure, model_text, published_text, row_measure};
use super::{NOTE, ValidationReport, ValidationRow};
use crate::chart::{BarRow, BarSpec, Panel, bar_chart, escape, thousands};
use crate::report::figure::{BETTER, Chart, WORSE};
use crate::report::page::{charts_section, page};

/// One chart per backtest, in the table's order.
pub(super) fn charts(v: &ValidationReport) -> Vec<Chart> {
    v.backtest_names()
        .into_iter()
        .map(|name| {
            let rows: Vec<&ValidationRow> = v.rows.iter().filter(|r| r.backtest == name).collect();
            let passed = rows.iter().filter(|r| r.passed).count();
            let panels = rows
                .iter()
                .map(|r| Panel {
                    title: format!("{} ({})", r.check, r.band),
                    measure: row_measure(r),
                    change: r.baseline.is_some(),
                    rows: vec![BarRow {
                        label: "model".into(),
                        value: r.model,
                        ci: r.ci95_low.zip(r.ci95_high),
                        spread: None,
                        colour: if r.passed { BETTER } else { WORSE }.into(),
                        note: match r.model {
                            Some(m) => format!("{}: {}", r.verdict, figure(r, m)),
                            None => r.verdict.to_string(),
                        },
                        tip: format!("{}: published {}", r.check, published_text(r)),
                    }],
                    references: r
                        .published
                        .filter(|_| r.baseline.is_none() || r.published != Some(0.0))
                        .map(|p| (p, format!("published {}", published_text(r))))
                        .into_iter()
                        .collect(),
                })
                .collect();
            let title = format!("Backtest {name}: model against the published record");
            Chart {
                name: format!("backtest_{}", name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")),
                title: title.clone(),
                caption: format!(
                    "{passed} of {} checks pass. Each panel is one check: the bar is the model's figure (a level, or a change paired on the same simulated weeks) with its 95% CI; the line is the published figure. Blue: fits its band or holds; red: does not.",
                    rows.len()
                ),
                figure: bar_chart(&BarSpec {
                    id: format!("backtest-{name}"),
                    title,
                    subtitle: "Simulation noise only: the intervals do not cover the model's assumptions.".into(),
                    panels,
                    key: "Bar: the model's mean. Black whisker: 95% CI. Vertical line: the published figure.".into(),
                }),
            }
        })
        .collect()
}

pub(super) fn report(v: &ValidationReport, charts: &[Chart]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<h1>Backtests against London's published record</h1>\n<p class=\"lede\">{} of {} checks pass (fit their band or hold). Response model version {}; backtests from <code>{}</code>.</p>\n<p class=\"small\">{}</p>",
        v.passed,
        v.checks,
        v.model_version,
        escape(&v.backtests),
        escape(NOTE)
    );
    for name in v.backtest_names() {
        let rows: Vec<&ValidationRow> = v.rows.iter().filter(|r| r.backtest == name).collect();
        let about = v.about(&rows);
        let _ = writeln!(
            o,
            "<h2>{}</h2>\n<p>{}</p>\n<table>\n<tr><th>check</th><th>published</th><th>model [95% CI]</th><th>error</th><th>band</th><th>verdict</th><th>source</th></tr>",
            escape(name),
            escape(&about)
        );
        for r in rows {
            let class = if r.passed { "better" } else { "worse" };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"{class}\">{}</td><td class=\"small\">{}</td></tr>",
                escape(&r.check),
                escape(&published_text(r)),
                escape(&model_text(r)),
                escape(&error_text(r)),
                escape(&r.band),
                escape(r.verdict),
                escape(&r.source)
            );
        }
        let _ = writeln!(o, "</table>");
    }
    charts_section(&mut o, charts);
    let _ = writeln!(
        o,
        "<h2>Scenarios run</h2>\n<table>\n<tr><th>file</th><th>what it holds</th><th>seed</th><th>weeks</th><th>scenario hash (SHA-256)</th></tr>"
    );
    for s in &v.scenarios {
        let _ = writeln!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><code>{}</code></td></tr>",
            escape(&s.file),
            escape(&s.description),
            s.seed,
            thousands(s.draws as f64),
            escape(&s.scenario_hash)
        );
    }
    let _ = writeln!(
        o,
        "</table>\n<p class=\"small\">{} {}</p>",
        escape(v.tool),
        escape(v.version)
    );
    page("wardsim backtests", &o)
}
