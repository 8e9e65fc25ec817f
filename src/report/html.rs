//! `report.html`: one self-contained page per run, comparison or sweep (inline
//! SVG and CSS, nothing fetched from the network) that says in plain words what
//! was run, gives the key answers with their uncertainty, shows every chart with
//! its caption, and ends with the provenance.
//!
//! This module only formats; the pictures come from `figures`.

use crate::model::Metric;
use std::fmt::Write as _;

use super::comparison::{AreaDifference, Comparison};
use super::figures::{Chart, about};
use super::summary::{Provenance, Summary};
use super::sweep::SweepTable;
use crate::chart::{Measure, escape, thousands};
use crate::stats::Estimate;

const STYLE: &str = "
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

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    )
}

fn charts_section(o: &mut String, charts: &[Chart]) {
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

fn provenance_rows(o: &mut String, p: &Provenance) {
    for (k, v) in [
        ("tool", format!("{} {}", p.tool, p.version)),
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

fn attribution(o: &mut String) {
    let _ = writeln!(
        o,
        "<p class=\"small\">Data: London wards (May 2014 boundaries), ONS mid-2019 population, Metropolitan Police ward-level crime. Contains National Statistics data © Crown copyright and database right. Contains Ordnance Survey data © Crown copyright and database right. Metropolitan Police Service / Greater London Authority / Home Office data, Open Government Licence.</p>"
    );
}

fn reading_guide(o: &mut String) {
    let _ = writeln!(
        o,
        "<h2>How to read the numbers</h2>\n<p>Each figure is an average over simulated weeks. The <b>95% confidence interval</b> (CI) says how sure that average is: it narrows with more weeks. The <b>P10–P90 range</b> says how much weeks differ from one another: it does not narrow. Differences between scenarios are <b>paired</b>: every scenario saw the same simulated weeks, so luck cancels out; a difference whose CI includes zero is marked <i>within noise</i>.</p>"
    );
}

fn estimate_cells(m: Measure, e: Option<&Estimate>) -> String {
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

const KEY_METRICS: [Metric; 9] = [
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

fn what_was_run(o: &mut String, s: &Summary) {
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
            estimate_cells(measure, s.london.get(&m).copied().flatten().as_ref())
        );
    }
    let _ = writeln!(o, "</table>");
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
    reading_guide(&mut o);
    let _ = writeln!(o, "<h2>Provenance</h2>\n<table>");
    provenance_rows(&mut o, &s.provenance);
    let _ = writeln!(
        o,
        "</table>\n<p class=\"small\">The numbers behind every picture are in <code>summary.json</code>, <code>wards.csv</code>, <code>units.csv</code>, <code>boroughs.csv</code> and <code>allocation.csv</code> beside this page.</p>"
    );
    attribution(&mut o);
    page(&format!("wardsim report: {name}"), &o)
}

fn diff_cell(m: Measure, higher: bool, d: &super::comparison::Difference) -> String {
    let class = if d.within_noise {
        "noise"
    } else if (d.mean > 0.0) == higher {
        "better"
    } else {
        "worse"
    };
    let body = super::figures::diff_note(m, d, " within noise");
    format!("<td class=\"n {class}\">{}</td>", escape(&body))
}

fn ward_table(o: &mut String, wards: &[&AreaDifference], scenario: &str, metric: Metric) {
    let (label, measure, higher) = about(metric);
    let rows: Vec<&&AreaDifference> = wards
        .iter()
        .filter(|a| a.scenario == scenario && a.metric == metric)
        .collect();
    if rows.is_empty() {
        return;
    }
    let better = |a: &AreaDifference| (a.difference.mean > 0.0) == higher;
    // Largest changes first, among those that can be told from noise.
    let ranked = |want_better: bool| {
        let mut v: Vec<&&AreaDifference> = rows
            .iter()
            .copied()
            .filter(|a| !a.difference.within_noise && better(a) == want_better)
            .collect();
        v.sort_by(|a, b| {
            b.difference
                .mean
                .abs()
                .total_cmp(&a.difference.mean.abs())
                .then(a.name.cmp(&b.name))
        });
        v
    };
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
    let mut lede = Vec::new();
    for (k, s) in c.scenarios.iter().enumerate().skip(1) {
        for metric in [Metric::IOnTime, Metric::NeighbourhoodCover] {
            let Some(row) = c.rows.iter().find(|r| r.metric == metric.key()) else {
                continue;
            };
            let Some(d) = row.differences[k].as_ref() else {
                continue;
            };
            let (label, m, _) = about(metric);
            lede.push(if d.within_noise {
                format!(
                    "{}: {} cannot be told apart from {} ({} [{}, {}]).",
                    escape(&s.name),
                    escape(label),
                    escape(&c.baseline),
                    m.change(d.mean),
                    m.change(d.ci95_low),
                    m.change(d.ci95_high)
                )
            } else {
                format!(
                    "{}: {} changes by <b>{}</b> against {} (95% CI {} to {}).",
                    escape(&s.name),
                    escape(label),
                    m.change(d.mean),
                    escape(&c.baseline),
                    m.change(d.ci95_low),
                    m.change(d.ci95_high)
                )
            });
        }
    }
    let _ = writeln!(o, "<p class=\"lede\">{}</p>", lede.join(" "));
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
        "</table>\n<p class=\"small\"><span class=\"better\">Blue</span>: better; <span class=\"worse\">red</span>: worse; <span class=\"noise\">grey</span>: within noise (the 95% CI of the paired difference includes zero).</p>"
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
    attribution(&mut o);
    page(&title, &o)
}

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
    attribution(&mut o);
    page(&title, &o)
}
