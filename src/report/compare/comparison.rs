//! The value of a comparison: a row per metric, a column per scenario, and the
//! paired difference against the first with its 95% CI (common random numbers),
//! next to the unpaired standard error for reference; what each rule costs where a
//! scenario is optimised; and the per-borough and per-ward differences.

use crate::model::Metric;
use crate::model::metric::{BOROUGH, LONDON, WARD};
use crate::montecarlo::Results;
use crate::report::run::Summary;
use crate::stats::{Estimate, Moments};
use serde::Serialize;

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

/// One London metric across the scenarios, with paired differences from the first.
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

/// One area's paired difference in one metric.
#[derive(Debug, Clone, Serialize)]
pub struct AreaDifference {
    pub code: String,
    pub name: String,
    pub borough_name: String,
    pub scenario: String,
    pub metric: Metric,
    pub difference: Difference,
}

impl AreaDifference {
    /// The areas among `rows` whose change is beyond noise and better (or
    /// worse) for a metric where more is better when `higher` is, largest
    /// change first, ties by name.
    pub fn ranked<'a>(
        rows: &[&'a AreaDifference],
        better: bool,
        higher: bool,
    ) -> Vec<&'a AreaDifference> {
        let mut v: Vec<&AreaDifference> = rows
            .iter()
            .copied()
            .filter(|a| {
                !a.difference.within_noise && ((a.difference.mean > 0.0) == higher) == better
            })
            .collect();
        v.sort_by(|a, b| {
            b.difference
                .mean
                .abs()
                .total_cmp(&a.difference.mean.abs())
                .then(a.name.cmp(&b.name))
        });
        v
    }
}

/// A compared scenario: its name, file and hashes.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRef {
    pub name: String,
    pub file: String,
    pub scenario_hash: String,
    pub dataset_hash: String,
}

/// Scenarios side by side on common draws.
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
const ROWS: [Metric; 14] = [
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
