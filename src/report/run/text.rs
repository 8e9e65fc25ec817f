//! The readable summary of a run printed on stdout.

use std::fmt::Write as _;

use crate::chart::thousands;
use crate::model::{Metric, Unit};
use crate::report::page::wrap;
use crate::report::run::Summary;
use crate::stats::Estimate;

/// The London metrics the stdout summary lists, in order.
const TEXT_METRICS: [Metric; 15] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::IP90ResponseMinutes,
    Metric::SResponseMinutes,
    Metric::SP90ResponseMinutes,
    Metric::DispatchWaitMinutes,
    Metric::Utilisation,
    Metric::OverloadShare,
    Metric::DispatchOverloadShare,
    Metric::UnmetResponseHours,
    Metric::NeighbourhoodCover,
    Metric::UnmetNeighbourhoodHours,
    Metric::FlexHours,
    Metric::SurgeAidHours,
];

pub(in crate::report) fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn line(out: &mut String, label: &str, e: Option<&Estimate>, f: impl Fn(f64) -> String) {
    match e {
        Some(e) => {
            let q = match (e.p10, e.p90) {
                (Some(a), Some(b)) => format!("{} – {}", f(a), f(b)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {label:<36} {:>9}  [{}, {}]  {q}",
                f(e.mean),
                f(e.ci95_low),
                f(e.ci95_high)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  {label:<36} {:>9}  (every draw overloaded: no finite value)",
                "overload"
            );
        }
    }
}

/// A run's summary for stdout.
pub fn render_text(s: &Summary) -> String {
    let p = &s.provenance;
    let mut o = String::new();
    let _ = writeln!(o, "{} — {} ({})", p.scenario, s.structure, p.scenario_file);
    if !s.description.is_empty() {
        let _ = writeln!(o, "  {}", s.description.trim());
    }
    let _ = writeln!(
        o,
        "  {} allocation, ward officers {}; {} draws (weeks), seed {}{}",
        s.allocation_method,
        if s.ring_fenced {
            "ring-fenced"
        } else {
            "flexible"
        },
        thousands(p.draws as f64),
        p.seed,
        if p.fidelity == "events" {
            "; every call simulated"
        } else {
            ""
        }
    );
    let t = &s.totals;
    let _ = writeln!(
        o,
        "  pool {} officers: ward {} · response {} · other local {} · command overhead {}; {} PCSOs",
        thousands(t.officers as f64),
        thousands(t.ward_officers as f64),
        thousands(t.response_officers as f64),
        thousands(t.other_officers as f64),
        thousands(t.overhead_officers as f64),
        thousands(t.pcsos as f64)
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  {:<36} {:>9}  {:<18}  P10 – P90 across weeks",
        "London, per week", "mean", "95% CI of mean"
    );
    for m in TEXT_METRICS {
        let e = s.london.get(&m).and_then(|e| e.as_ref());
        let show = |x: f64| match m.unit() {
            Unit::Share => pct(x),
            Unit::Minutes => format!("{x:.1}"),
            Unit::Ratio => format!("{x:.3}"),
            Unit::Hours | Unit::Count | Unit::Per1000 => thousands(x),
        };
        line(&mut o, m.info().text_label, e, show);
    }
    let _ = writeln!(o, "{}", crate::report::page::intervals_text());
    if let Some(opt) = &s.optimisation {
        let _ = writeln!(o);
        let _ = writeln!(o, "  the optimised allocation, in plain words");
        for sentence in &opt.in_words {
            let _ = writeln!(o, "{}", wrap(sentence, 86, "  · ", "    "));
        }
    }

    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  officers per 1,000 residents by borough (all roles), lowest first"
    );
    let mut b: Vec<_> = s.boroughs.iter().collect();
    b.sort_by(|x, y| {
        x.officers_per_1000
            .total_cmp(&y.officers_per_1000)
            .then(x.borough_name.cmp(&y.borough_name))
    });
    let half = b.len().div_ceil(2);
    for i in 0..half {
        let left = format!("{:<24} {:>5.2}", b[i].borough_name, b[i].officers_per_1000);
        let right = b
            .get(i + half)
            .map(|r| format!("{:<24} {:>5.2}", r.borough_name, r.officers_per_1000))
            .unwrap_or_default();
        let _ = writeln!(o, "    {left}      {right}");
    }
    if !s.calibration.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "  calibration against published status-quo figures      model   published\n  (reported, not tuned to)"
        );
        for c in &s.calibration {
            let (m, pbl) = if c.published < 1.0 {
                (pct(c.model), pct(c.published))
            } else if c.published >= 10.0 {
                (thousands(c.model), thousands(c.published))
            } else {
                (format!("{:.2}", c.model), format!("{:.2}", c.published))
            };
            let _ = writeln!(o, "    {:<42} {:>8}  {:>8}", c.what, m, pbl);
        }
    }
    o
}
