//! A sweep's `report.html`: the table of points, every chart and the provenance.

use std::fmt::Write as _;

use crate::chart::{escape, thousands};
use crate::model::Metric;
use crate::report::figure::{Chart, about};
use crate::report::page::{attribution_note, charts_section, page, provenance_rows, reading_guide};
use crate::report::run::Summary;
use crate::report::sweep::SweepTable;

/// The report of a sweep.
pub fn sweep_report(t: &SweepTable, summaries: &[&Summary], charts: &[Chart]) -> String {
    let mut o = String::new();
    let by =
        t.by.as_ref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
    let title = format!("Sweep of {}{by}", t.parameter);
    let _ = writeln!(o, "<h1>{}</h1>", escape(&title));
    if !t.crossings.is_empty() {
        let _ = writeln!(o, "<p class=\"lede\">");
        for c in &t.crossings {
            let _ = writeln!(o, "{}.", escape(&c.sentence));
        }
        let _ = writeln!(o, "</p>");
    }
    let _ = writeln!(
        o,
        "<h2>What was run</h2>\n<p>{} points, each a full scenario run on the same {} simulated weeks (seed {}), so neighbouring points differ by the parameter, not by luck.{}</p>",
        t.rows.len(),
        thousands(t.draws as f64),
        t.seed,
        summaries
            .first()
            .map(|s| format!(" {}", escape(&s.description)))
            .unwrap_or_default()
    );
    let _ = write!(
        o,
        "<h2>Key answers</h2>\n<table><tr><th>{}</th>",
        escape(&t.parameter)
    );
    if let Some(b) = &t.by {
        let _ = write!(o, "<th>{}</th>", escape(b));
    }
    let shown = [
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::NeighbourhoodCover,
        Metric::UnmetResponseHours,
    ];
    for m in shown {
        let _ = write!(o, "<th>{} (95% CI)</th>", escape(about(m).0));
    }
    let _ = writeln!(o, "</tr>");
    for r in &t.rows {
        let _ = write!(o, "<tr><td class=\"n\">{}</td>", escape(&r.value));
        if let Some(b) = &r.by {
            let _ = write!(o, "<td>{}</td>", escape(b));
        }
        for m in shown {
            let measure = about(m).1;
            let cell = match r.metrics.get(&m).copied().flatten() {
                Some(e) => format!(
                    "{} ({} to {})",
                    measure.value(e.mean),
                    measure.value(e.ci95_low),
                    measure.value(e.ci95_high)
                ),
                None => "overload".into(),
            };
            let _ = write!(o, "<td class=\"n\">{}</td>", escape(&cell));
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</table>");
    charts_section(&mut o, charts);
    reading_guide(&mut o);
    if let Some(s) = summaries.first() {
        let _ = writeln!(o, "<h2>Provenance (first point)</h2>\n<table>");
        provenance_rows(&mut o, &s.provenance);
        let _ = writeln!(
            o,
            "</table>\n<p class=\"small\">Every point's summary is in <code>points/</code>; the table is in <code>sweep.csv</code> and <code>sweep.json</code>.</p>"
        );
    }
    attribution_note(&mut o);
    page(&title, &o)
}
