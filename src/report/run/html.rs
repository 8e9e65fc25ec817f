//! A run's `report.html`: what was run, the key answers with their uncertainty,
//! every chart with its caption, and the provenance.

use std::fmt::Write as _;

use crate::chart::{Measure, escape, thousands};
use crate::model::Metric;
use crate::report::figure::{Chart, about};
use crate::report::page::{
    attribution_note, charts_section, estimate_td, leaves_out_section, page, provenance_rows,
    reading_guide,
};
use crate::report::run::Summary;

pub(in crate::report) const KEY_METRICS: [Metric; 9] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::IP90ResponseMinutes,
    Metric::Utilisation,
    Metric::UnmetResponseHours,
    Metric::NeighbourhoodCover,
    Metric::UnmetNeighbourhoodHours,
    Metric::FlexHours,
];

pub(in crate::report) fn what_was_run(o: &mut String, s: &Summary) {
    let t = &s.totals;
    let _ = writeln!(
        o,
        "<h2>What was run</h2>\n<p>{}</p>\n<p>Command structure: {}. Allocation: {}; ward officers {}. Pool: {} officers — {} ward, {} response, {} other local, {} command overhead — and {} PCSOs. Evaluated on {} simulated weeks (seed {}).</p>",
        escape(&s.description),
        escape(&s.structure),
        s.allocation_method,
        if s.ring_fenced {
            "ring-fenced"
        } else {
            "may be pulled into response"
        },
        thousands(t.officers as f64),
        thousands(t.ward_officers as f64),
        thousands(t.response_officers as f64),
        thousands(t.other_officers as f64),
        thousands(t.overhead_officers as f64),
        thousands(t.pcsos as f64),
        thousands(s.provenance.draws as f64),
        s.provenance.seed
    );
}

/// The report of one run.
pub fn run_report(s: &Summary, charts: &[Chart]) -> String {
    let mut o = String::new();
    let name = &s.provenance.scenario;
    let _ = writeln!(o, "<h1>{}: what this allocation does</h1>", escape(name));
    let lede = match s.london.get(&Metric::IOnTime).copied().flatten() {
        Some(e) => format!(
            "London reaches <b>{}</b> of immediate (I-grade) calls within 15 minutes (95% CI {} to {}); in a bad week (P10) {}, in a good week (P90) {}. Neighbourhood cover is {}.",
            Measure::Share.value(e.mean),
            Measure::Share.value(e.ci95_low),
            Measure::Share.value(e.ci95_high),
            e.p10.map_or("—".into(), |v| Measure::Share.value(v)),
            e.p90.map_or("—".into(), |v| Measure::Share.value(v)),
            s.london
                .get(&Metric::NeighbourhoodCover)
                .copied()
                .flatten()
                .map_or("not estimated".into(), |c| format!(
                    "<b>{}</b> (95% CI {} to {})",
                    Measure::Share.value(c.mean),
                    Measure::Share.value(c.ci95_low),
                    Measure::Share.value(c.ci95_high)
                ))
        ),
        None => "Every simulated week was overloaded: response crews could not keep up.".into(),
    };
    let _ = writeln!(o, "<p class=\"lede\">{lede}</p>");
    what_was_run(&mut o, s);
    let _ = writeln!(
        o,
        "<h2>Key answers</h2>\n<table class=\"answers\">\n<tr><th>London, per week</th><th>mean</th><th>95% CI of the mean</th><th>P10 to P90 across weeks</th></tr>"
    );
    for m in KEY_METRICS {
        let (label, measure, _) = about(m);
        let _ = writeln!(
            o,
            "<tr><td>{}</td>{}</tr>",
            escape(label),
            estimate_td(measure, s.london.get(&m).copied().flatten().as_ref())
        );
    }
    let _ = writeln!(
        o,
        "</table>\n<p class=\"small\">{}</p>",
        escape(crate::report::page::INTERVALS)
    );
    if let Some(opt) = &s.optimisation {
        let _ = writeln!(
            o,
            "<h3>What the optimiser found</h3>\n<ul class=\"answers\">"
        );
        for w in &opt.in_words {
            let _ = writeln!(o, "<li>{}</li>", escape(w));
        }
        let _ = writeln!(o, "</ul>");
    }
    charts_section(&mut o, charts);
    if !s.calibration.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Against published figures</h2>\n<p>Reported, never tuned to: the model's defaults are assumptions with sources, and these anchors show where they land.</p>\n<table><tr><th>what</th><th>model</th><th>published</th><th>source</th></tr>"
        );
        for c in &s.calibration {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"n\">{:.3}</td><td class=\"n\">{:.3}</td><td>{}</td></tr>",
                escape(&c.what),
                c.model,
                c.published,
                escape(c.source)
            );
        }
        let _ = writeln!(o, "</table>");
    }
    leaves_out_section(&mut o, &s.leaves_out);
    reading_guide(&mut o);
    let _ = writeln!(o, "<h2>Provenance</h2>\n<table>");
    provenance_rows(&mut o, &s.provenance);
    let _ = writeln!(
        o,
        "</table>\n<p class=\"small\">The numbers behind every picture are in <code>summary.json</code>, <code>wards.csv</code>, <code>units.csv</code>, <code>boroughs.csv</code> and <code>allocation.csv</code> beside this page.</p>"
    );
    attribution_note(&mut o);
    page(&format!("wardsim report: {name}"), &o)
}
