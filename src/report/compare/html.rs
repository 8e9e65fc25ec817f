//! A comparison's `report.html`: the paired differences in plain words, the
//! wards and boroughs that change most, every chart and the provenance.

use std::fmt::Write as _;

use crate::chart::{escape, thousands};
use crate::model::Metric;
use crate::report::compare::{AreaDifference, Comparison};
use crate::report::figure::{Chart, about};
use crate::report::page::{
    attribution_note, charts_section, diff_cell, leaves_out_section, page, provenance_rows,
    reading_guide,
};
use crate::report::run::Summary;

pub(in crate::report) fn ward_table(
    o: &mut String,
    wards: &[&AreaDifference],
    scenario: &str,
    metric: Metric,
) {
    let (label, measure, higher) = about(metric);
    let rows: Vec<&AreaDifference> = wards
        .iter()
        .copied()
        .filter(|a| a.scenario == scenario && a.metric == metric)
        .collect();
    if rows.is_empty() {
        return;
    }
    // Largest changes first, among those that can be told from noise.
    let ranked = |better: bool| AreaDifference::ranked(&rows, better, higher);
    let (gain, lose) = (ranked(true), ranked(false));
    let noise = rows.iter().filter(|a| a.difference.within_noise).count();
    let _ = writeln!(
        o,
        "<h3>{}</h3>\n<p>{} wards better off, {} worse off, {} within noise.</p>",
        escape(label),
        gain.len(),
        lose.len(),
        noise
    );
    for (title, list) in [("lose most", &lose), ("gain most", &gain)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "<table><tr><th>wards that {title}</th><th>borough</th><th>change [95% CI]</th></tr>"
        );
        for a in list.iter().take(8) {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td>{}</tr>",
                escape(&a.name),
                escape(&a.borough_name),
                diff_cell(measure, higher, &a.difference)
            );
        }
        let _ = writeln!(o, "</table>");
    }
}

/// The report of a comparison.
pub fn compare_report(c: &Comparison, summaries: &[&Summary], charts: &[Chart]) -> String {
    let mut o = String::new();
    let names: Vec<&str> = c.scenarios.iter().map(|s| s.name.as_str()).collect();
    let title = format!("Comparison: {}", names.join(" vs "));
    let _ = writeln!(o, "<h1>{}</h1>", escape(&title));
    for k in 1..c.scenarios.len() {
        let said: Vec<String> = super::headline::sentences(c, k)
            .iter()
            .map(|x| escape(x))
            .collect();
        let _ = writeln!(o, "<p class=\"lede\">{}</p>", said.join(" "));
    }
    let _ = writeln!(
        o,
        "<h2>What was run</h2>\n<p>{} scenarios, each evaluated on the same {} simulated weeks (seed {}): week <i>i</i> has the same demand and events in every scenario (common random numbers), so the differences below are paired, week by week, against <b>{}</b>.</p>\n<ul>",
        c.scenarios.len(),
        thousands(c.draws as f64),
        c.seed,
        escape(&c.baseline)
    );
    for s in summaries {
        let t = &s.totals;
        let _ = writeln!(
            o,
            "<li><b>{}</b> ({}): {} Structure: {}; {} allocation; {} officers ({} ward, {} response), {} PCSOs; ward officers {}.</li>",
            escape(&s.provenance.scenario),
            escape(&s.provenance.scenario_file),
            escape(&s.description),
            escape(&s.structure),
            s.allocation_method,
            thousands(t.officers as f64),
            thousands(t.ward_officers as f64),
            thousands(t.response_officers as f64),
            thousands(t.pcsos as f64),
            if s.ring_fenced {
                "ring-fenced"
            } else {
                "flexible"
            }
        );
    }
    let _ = writeln!(o, "</ul>");
    let _ = write!(
        o,
        "<h2>Key answers</h2>\n<table class=\"answers\"><tr><th>London, per week</th>"
    );
    for s in &c.scenarios {
        let _ = write!(o, "<th>{} (95% CI)</th>", escape(&s.name));
    }
    for s in c.scenarios.iter().skip(1) {
        let _ = write!(
            o,
            "<th>{} − {} [95% CI]</th>",
            escape(&s.name),
            escape(&c.baseline)
        );
    }
    let _ = writeln!(o, "</tr>");
    for r in &c.rows {
        let (_, m, higher) = about(r.of);
        let _ = write!(o, "<tr><td>{}</td>", escape(r.label));
        for v in &r.values {
            let cell = match v {
                Some(e) if e.standard_error > 0.0 => format!(
                    "{} ({} to {})",
                    m.value(e.mean),
                    m.value(e.ci95_low),
                    m.value(e.ci95_high)
                ),
                Some(e) => m.value(e.mean),
                None => "overload".into(),
            };
            let _ = write!(o, "<td class=\"n\">{}</td>", escape(&cell));
        }
        for d in r.differences.iter().skip(1) {
            match d {
                Some(d) => o.push_str(&diff_cell(m, higher, d)),
                None => o.push_str("<td></td>"),
            }
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(
        o,
        "</table>\n<p class=\"small\"><span class=\"better\">Blue</span>: better; <span class=\"worse\">red</span>: worse; <span class=\"noise\">grey</span>: within noise (the 95% CI of the paired difference includes zero). {}</p>",
        escape(crate::report::page::INTERVALS)
    );
    let wards: Vec<&AreaDifference> = c.wards.iter().collect();
    for s in c.scenarios.iter().skip(1) {
        let _ = writeln!(
            o,
            "<h2>Wards: {} against {}</h2>",
            escape(&s.name),
            escape(&c.baseline)
        );
        ward_table(&mut o, &wards, &s.name, Metric::IOnTime);
        ward_table(&mut o, &wards, &s.name, Metric::NeighbourhoodCover);
        let _ = writeln!(
            o,
            "<p class=\"small\">Every ward and metric, with intervals, is in <code>wards_diff.csv</code>; every borough in <code>boroughs_diff.csv</code>.</p>"
        );
    }
    charts_section(&mut o, charts);
    leaves_out_section(&mut o, summaries.iter().flat_map(|s| &s.leaves_out));
    reading_guide(&mut o);
    let _ = writeln!(o, "<h2>Provenance</h2>");
    for s in summaries {
        let _ = writeln!(o, "<h3>{}</h3>\n<table>", escape(&s.provenance.scenario));
        provenance_rows(&mut o, &s.provenance);
        let _ = writeln!(o, "</table>");
    }
    let _ = writeln!(
        o,
        "<p class=\"small\">Each scenario's own outputs, with its own report, are in the folder of its name beside this page.</p>"
    );
    attribution_note(&mut o);
    page(&title, &o)
}
