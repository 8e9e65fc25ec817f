//! Scenarios side by side: a row per metric, a column per scenario, and the
//! paired difference against the first with its 95% CI (common random numbers),
//! next to the unpaired standard error for reference. Also the wards and boroughs
//! that gain or lose most. Files: comparison.csv, comparison.json, wards_diff.csv,
//! boroughs_diff.csv.

use std::fmt::Write as _;

use serde::Serialize;

use super::Summary;
use super::csv_files::{estimate_cells, estimate_headers, finish, num, writer};
use crate::model::Metric;
use crate::model::metric::{BOROUGH, LONDON, WARD};
use crate::montecarlo::Results;
use crate::stats::{Estimate, Moments, Z95};

/// A paired difference (scenario − first).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Difference {
    pub mean: f64,
    pub standard_error: f64,
    pub ci95_low: f64,
    pub ci95_high: f64,
    /// Standard error had the two runs used independent draws: sqrt(se_a² + se_b²).
    pub unpaired_standard_error: f64,
    /// The 95% CI includes zero: the difference cannot be told from noise.
    pub within_noise: bool,
    /// The metric is not random (e.g. officers per 1,000): the difference is exact.
    pub exact: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The row's key: the metric's, or with `_lowest` / `_highest` for the
    /// borough extremes of officers per 1,000.
    pub metric: &'static str,
    /// The catalogue metric the row measures.
    #[serde(skip)]
    pub of: Metric,
    pub label: &'static str,
    /// "share", "minutes", "hours", "ratio" or "per_1000": how values are shown.
    pub unit: &'static str,
    pub values: Vec<Option<Estimate>>,
    /// `None` for the first scenario (the baseline).
    pub differences: Vec<Option<Difference>>,
}

/// A rule's cost (or an officer's value) per scenario, in weighted shortfall hours
/// a week on that scenario's in-sample weeks; `None` where the scenario is not
/// optimised or has no such rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub rule: &'static str,
    pub label: &'static str,
    pub values: Vec<Option<f64>>,
}

/// The rule rows, when any scenario is optimised.
fn rule_rows(summaries: &[&Summary]) -> Vec<RuleRow> {
    if summaries.iter().all(|s| s.optimisation.is_none()) {
        return Vec::new();
    }
    let of = |rule: &str| -> Vec<Option<f64>> {
        summaries
            .iter()
            .map(|s| {
                let o = &s.optimisation.as_ref()?.report;
                o.rules.iter().find(|r| r.rule == rule).map(|r| r.cost)
            })
            .collect()
    };
    let field = |f: fn(&crate::model::Optimisation) -> f64| -> Vec<Option<f64>> {
        summaries
            .iter()
            .map(|s| s.optimisation.as_ref().map(|o| f(&o.report)))
            .collect()
    };
    vec![
        RuleRow {
            rule: "objective",
            label: "expected weighted shortfall (in sample)",
            values: field(|o| o.integer_objective),
        },
        RuleRow {
            rule: "out_of_sample_objective",
            label: "the same on the run's weeks",
            values: field(|o| o.out_of_sample.mean),
        },
        RuleRow {
            rule: "one_more_officer",
            label: "value of one more officer",
            values: field(|o| o.value_of_one_more_officer),
        },
        RuleRow {
            rule: "ring_fencing",
            label: "cost of ring-fencing",
            values: of("ring_fencing"),
        },
        RuleRow {
            rule: "borough_floor",
            label: "cost of the borough floor",
            values: of("borough_floor"),
        },
        RuleRow {
            rule: "transition_cap",
            label: "cost of the transition cap",
            values: of("transition_cap"),
        },
        RuleRow {
            rule: "separate_borough_pools",
            label: "value of pooling boroughs' response",
            values: of("separate_borough_pools"),
        },
    ]
    .into_iter()
    .filter(|r| r.values.iter().any(Option::is_some))
    .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaDifference {
    pub code: String,
    pub name: String,
    pub borough_name: String,
    pub scenario: String,
    pub metric: Metric,
    pub difference: Difference,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRef {
    pub name: String,
    pub file: String,
    pub scenario_hash: String,
    pub dataset_hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub tool: &'static str,
    pub version: &'static str,
    pub seed: u64,
    pub draws: u64,
    pub baseline: String,
    pub scenarios: Vec<ScenarioRef>,
    pub rows: Vec<Row>,
    /// What each rule costs in each optimised scenario (empty when none is).
    pub rule_costs: Vec<RuleRow>,
    /// Borough differences (every scenario after the first, every borough metric).
    pub boroughs: Vec<AreaDifference>,
    #[serde(skip)]
    pub wards: Vec<AreaDifference>,
}

/// The London metrics a comparison table shows, in order.
const ROWS: [Metric; 11] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::IP90ResponseMinutes,
    Metric::SResponseMinutes,
    Metric::Utilisation,
    Metric::OverloadShare,
    Metric::UnmetResponseHours,
    Metric::UnmetNeighbourhoodHours,
    Metric::NeighbourhoodCover,
    Metric::FlexHours,
];

fn difference(m: &Moments, a: Option<&Estimate>, b: Option<&Estimate>) -> Option<Difference> {
    if m.n == 0 {
        return None;
    }
    let e = Estimate::from_parts(m, None);
    let unpaired = match (a, b) {
        (Some(a), Some(b)) => (a.standard_error.powi(2) + b.standard_error.powi(2)).sqrt(),
        _ => f64::NAN,
    };
    Some(Difference {
        mean: e.mean,
        standard_error: e.standard_error,
        ci95_low: e.ci95_low,
        ci95_high: e.ci95_high,
        unpaired_standard_error: if unpaired.is_finite() { unpaired } else { 0.0 },
        within_noise: e.ci95_low <= 0.0 && e.ci95_high >= 0.0,
        exact: false,
    })
}

fn exact(a: f64, b: f64) -> Difference {
    let d = b - a;
    Difference {
        mean: d,
        standard_error: 0.0,
        ci95_low: d,
        ci95_high: d,
        unpaired_standard_error: 0.0,
        within_noise: d == 0.0,
        exact: true,
    }
}

fn fixed(x: f64, draws: u64) -> Estimate {
    Estimate {
        mean: x,
        standard_error: 0.0,
        ci95_low: x,
        ci95_high: x,
        p10: None,
        p50: None,
        p90: None,
        draws,
    }
}

/// Builds the comparison from each scenario's summary and the paired differences.
pub fn compare(summaries: &[&Summary], differences: &[Results]) -> Comparison {
    let first = summaries[0];
    let mut rows = Vec::new();
    for metric in ROWS {
        let values: Vec<Option<Estimate>> = summaries
            .iter()
            .map(|s| s.london.get(&metric).copied().flatten())
            .collect();
        let index = LONDON.index(metric);
        let differences = (0..summaries.len())
            .map(|k| {
                (k > 0)
                    .then(|| {
                        difference(
                            &differences[k].london[index].moments,
                            values[0].as_ref(),
                            values[k].as_ref(),
                        )
                    })
                    .flatten()
            })
            .collect();
        rows.push(Row {
            metric: metric.key(),
            of: metric,
            label: metric.info().table_label,
            unit: metric.unit().key(),
            values,
            differences,
        });
    }
    // Officers per 1,000 residents in the lowest and highest borough: not random.
    for (metric, label, pick) in [
        (
            "officers_per_1000_lowest",
            "officers per 1,000, lowest borough",
            f64::min as fn(f64, f64) -> f64,
        ),
        (
            "officers_per_1000_highest",
            "officers per 1,000, highest borough",
            f64::max as fn(f64, f64) -> f64,
        ),
    ] {
        let start = if metric.ends_with("lowest") {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        };
        let xs: Vec<f64> = summaries
            .iter()
            .map(|s| {
                s.boroughs
                    .iter()
                    .map(|b| b.officers_per_1000)
                    .fold(start, pick)
            })
            .collect();
        rows.push(Row {
            metric,
            of: Metric::OfficersPer1000,
            label,
            unit: Metric::OfficersPer1000.unit().key(),
            values: xs
                .iter()
                .zip(summaries)
                .map(|(&x, s)| Some(fixed(x, s.provenance.draws)))
                .collect(),
            differences: (0..xs.len())
                .map(|k| (k > 0).then(|| exact(xs[0], xs[k])))
                .collect(),
        });
    }

    let mut boroughs = Vec::new();
    let mut wards = Vec::new();
    for (k, s) in summaries.iter().enumerate().skip(1) {
        if s.provenance.dataset_hash != first.provenance.dataset_hash {
            continue;
        }
        let d = &differences[k];
        let area =
            |code: &str, name: &str, borough: &str, metric: Metric, difference| AreaDifference {
                code: code.to_string(),
                name: name.to_string(),
                borough_name: borough.to_string(),
                scenario: s.provenance.scenario.clone(),
                metric,
                difference,
            };
        for (b, row) in s.boroughs.iter().enumerate() {
            let (code, name) = (&row.borough_code, &row.borough_name);
            for (m, &metric) in BOROUGH.metrics.iter().enumerate() {
                let base = first.boroughs[b].metrics[&metric].as_ref();
                if let Some(diff) =
                    difference(&d.boroughs[b][m], base, row.metrics[&metric].as_ref())
                {
                    boroughs.push(area(code, name, name, metric, diff));
                }
            }
            let per_1000 = exact(first.boroughs[b].officers_per_1000, row.officers_per_1000);
            boroughs.push(area(code, name, name, Metric::OfficersPer1000, per_1000));
        }
        for (w, row) in s.wards.iter().enumerate() {
            for (m, &metric) in WARD.metrics.iter().enumerate() {
                let base = first.wards[w].metrics[m].as_ref();
                if let Some(diff) = difference(&d.wards[w][m], base, row.metrics[m].as_ref()) {
                    wards.push(area(
                        &row.ward_code,
                        &row.ward_name,
                        &row.borough_name,
                        metric,
                        diff,
                    ));
                }
            }
        }
    }
    Comparison {
        tool: "wardsim",
        version: env!("CARGO_PKG_VERSION"),
        seed: first.provenance.seed,
        draws: first.provenance.draws,
        baseline: first.provenance.scenario.clone(),
        scenarios: summaries
            .iter()
            .map(|s| ScenarioRef {
                name: s.provenance.scenario.clone(),
                file: s.provenance.scenario_file.clone(),
                scenario_hash: s.provenance.scenario_hash.clone(),
                dataset_hash: s.provenance.dataset_hash.clone(),
            })
            .collect(),
        rows,
        rule_costs: rule_rows(summaries),
        boroughs,
        wards,
    }
}

fn show(unit: &str, x: f64) -> String {
    match unit {
        "share" => format!("{:.1}%", x * 100.0),
        "minutes" => format!("{x:.1}"),
        "hours" => format!("{x:.0}"),
        "ratio" => format!("{x:.3}"),
        _ => format!("{x:.2}"),
    }
}

/// A CI half-width, with enough digits that a narrow interval does not show as 0.
fn half_width(unit: &str, h: f64) -> String {
    match unit {
        "share" => format!("{:.2} pts", h * 100.0),
        "hours" => format!("{h:.0}"),
        "ratio" => format!("{h:.3}"),
        _ => format!("{h:.2}"),
    }
}

fn show_diff(unit: &str, d: &Difference) -> String {
    let f = |x: f64| match unit {
        "share" => format!("{:+.2} pts", x * 100.0),
        "minutes" => format!("{x:+.1}"),
        "hours" => format!("{x:+.0}"),
        "ratio" => format!("{x:+.3}"),
        _ => format!("{x:+.2}"),
    };
    if d.exact {
        return format!("{} (exact)", f(d.mean));
    }
    let noise = if d.within_noise { "  within noise" } else { "" };
    format!(
        "{} [{}, {}]{noise}",
        f(d.mean),
        f(d.ci95_low),
        f(d.ci95_high)
    )
}

/// The comparison as text for stdout.
pub fn render_comparison_text(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "comparison of {} scenarios on the same {} draws (seed {}); differences are paired against {}",
        c.scenarios.len(),
        c.draws,
        c.seed,
        c.baseline
    );
    let width = 28;
    let _ = write!(o, "\n  {:<36}", "London, per week");
    for s in &c.scenarios {
        let _ = write!(o, " {:<width$}", s.name);
    }
    let _ = writeln!(o);
    for r in &c.rows {
        let _ = write!(o, "  {:<36}", r.label);
        for v in &r.values {
            let cell = match v {
                Some(e) if e.standard_error > 0.0 => format!(
                    "{} ±{}",
                    show(r.unit, e.mean),
                    half_width(r.unit, Z95 * e.standard_error)
                ),
                Some(e) => show(r.unit, e.mean),
                None => "overload".into(),
            };
            let _ = write!(o, " {cell:<width$}");
        }
        let _ = writeln!(o);
        for (k, d) in r.differences.iter().enumerate() {
            if let Some(d) = d {
                let _ = writeln!(
                    o,
                    "    {:<34} {}: {}",
                    format!("vs {}", c.baseline),
                    c.scenarios[k].name,
                    show_diff(r.unit, d)
                );
            }
        }
    }
    let _ = writeln!(
        o,
        "\n  ± is the 95% CI half-width of each mean; [a, b] is the 95% CI of the paired difference."
    );
    if !c.rule_costs.is_empty() {
        let _ = write!(o, "\n  {:<36}", "optimiser, weighted shortfall h/week");
        for s in &c.scenarios {
            let _ = write!(o, " {:<width$}", s.name);
        }
        let _ = writeln!(o);
        for r in &c.rule_costs {
            let _ = write!(o, "  {:<36}", r.label);
            for v in &r.values {
                let cell = v.map_or("—".to_string(), |x| {
                    format!("{:.1}", if x.abs() < 0.05 { 0.0 } else { x })
                });
                let _ = write!(o, " {cell:<width$}");
            }
            let _ = writeln!(o);
        }
        let _ = writeln!(
            o,
            "  (each rule priced by solving again without it on the scenario's own in-sample weeks; — where not optimised or no such rule)"
        );
    }
    for s in c.scenarios.iter().skip(1) {
        for (metric, label, unit) in [
            (Metric::IOnTime, "I calls on time", "share"),
            (Metric::NeighbourhoodCover, "neighbourhood cover", "share"),
        ] {
            let mut rows: Vec<&AreaDifference> = c
                .boroughs
                .iter()
                .filter(|a| a.scenario == s.name && a.metric == metric)
                .collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by(|a, b| {
                a.difference
                    .mean
                    .total_cmp(&b.difference.mean)
                    .then(a.name.cmp(&b.name))
            });
            let _ = writeln!(
                o,
                "\n  {} vs {}: boroughs that lose and gain most in {label}",
                s.name, c.baseline
            );
            let n = rows.len().min(3);
            for a in rows.iter().take(n).chain(rows.iter().rev().take(n).rev()) {
                let _ = writeln!(o, "    {:<24} {}", a.name, show_diff(unit, &a.difference));
            }
        }
    }
    o
}

/// comparison.json
pub fn comparison_json(c: &Comparison) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(c).expect("plain data");
    v.push(b'\n');
    v
}

/// comparison.csv: one row per metric.
pub fn comparison_csv(c: &Comparison) -> Vec<u8> {
    let mut w = writer();
    let mut header = vec!["metric".to_string(), "unit".to_string()];
    for s in &c.scenarios {
        header.extend(
            ["mean", "ci95_low", "ci95_high"]
                .iter()
                .map(|x| format!("{}_{x}", s.name)),
        );
    }
    for s in c.scenarios.iter().skip(1) {
        header.extend(
            [
                "diff_mean",
                "diff_ci95_low",
                "diff_ci95_high",
                "diff_se",
                "unpaired_se",
                "within_noise",
            ]
            .iter()
            .map(|x| format!("{}_{x}", s.name)),
        );
    }
    w.write_record(&header).expect("memory");
    for r in &c.rows {
        let mut row = vec![r.metric.to_string(), r.unit.to_string()];
        for v in &r.values {
            match v {
                Some(e) => row.extend([num(e.mean), num(e.ci95_low), num(e.ci95_high)]),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        for d in r.differences.iter().skip(1) {
            match d {
                Some(d) => row.extend([
                    num(d.mean),
                    num(d.ci95_low),
                    num(d.ci95_high),
                    num(d.standard_error),
                    num(d.unpaired_standard_error),
                    d.within_noise.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
        }
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

fn area_csv(rows: &[AreaDifference], code: &str) -> Vec<u8> {
    let mut w = writer();
    let mut header: Vec<String> = [code, "name", "borough_name", "scenario", "metric"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(estimate_headers("diff", false));
    header.push("within_noise".into());
    w.write_record(&header).expect("memory");
    for a in rows {
        let d = &a.difference;
        let e = Estimate {
            mean: d.mean,
            standard_error: d.standard_error,
            ci95_low: d.ci95_low,
            ci95_high: d.ci95_high,
            p10: None,
            p50: None,
            p90: None,
            draws: 0,
        };
        let mut row = vec![
            a.code.clone(),
            a.name.clone(),
            a.borough_name.clone(),
            a.scenario.clone(),
            a.metric.to_string(),
        ];
        row.extend(estimate_cells(&Some(e), false));
        row.push(d.within_noise.to_string());
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

/// wards_diff.csv and boroughs_diff.csv: one row per area, scenario and metric.
pub fn area_files(c: &Comparison) -> [(&'static str, Vec<u8>); 2] {
    [
        ("wards_diff.csv", area_csv(&c.wards, "ward_code")),
        ("boroughs_diff.csv", area_csv(&c.boroughs, "borough_code")),
    ]
}
