//! A sweep as a table: a row per point with the key London metrics and their 95%
//! CIs, and where a target metric crosses its target, with the interval in which
//! the crossing lies (where the CI bands cross).

use crate::model::{Metric, Sweep, Unit};
use crate::report::run::Summary;
use crate::stats::Estimate;
use serde::Serialize;
use std::collections::BTreeMap;

pub(in crate::report) const METRICS: [Metric; 7] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::Utilisation,
    Metric::OverloadShare,
    Metric::NeighbourhoodCover,
    Metric::UnmetResponseHours,
];

/// One point of a sweep and its key London estimates.
#[derive(Debug, Clone, Serialize)]
pub struct SweepRow {
    pub scenario: String,
    pub value: String,
    pub by: Option<String>,
    pub response_officers: u64,
    pub ward_officers: u64,
    pub metrics: BTreeMap<Metric, Option<Estimate>>,
}

/// Where the target metric's mean (and its CI bands) cross the target.
#[derive(Debug, Clone, Serialize)]
pub struct Crossing {
    pub by: Option<String>,
    /// Interpolated parameter value where the mean crosses; `None` if it does not.
    pub estimate: Option<f64>,
    /// Where the lower and upper 95% CI bands cross (`None`: beyond the range).
    pub band_low: Option<f64>,
    pub band_high: Option<f64>,
    pub sentence: String,
}

/// A sweep's points, and where its target metric crosses the target.
#[derive(Debug, Clone, Serialize)]
pub struct SweepTable {
    pub parameter: String,
    pub by: Option<String>,
    pub target_metric: Metric,
    pub target: Option<f64>,
    pub seed: u64,
    pub draws: u64,
    pub rows: Vec<SweepRow>,
    pub crossings: Vec<Crossing>,
}

/// First crossing of `target` along (x, y), by linear interpolation.
fn crossing(xs: &[f64], ys: &[f64], target: f64) -> Option<f64> {
    for i in 0..xs.len().saturating_sub(1) {
        let (a, b) = (ys[i] - target, ys[i + 1] - target);
        if a == 0.0 {
            return Some(xs[i]);
        }
        if a * b < 0.0 {
            return Some(xs[i] + (target - ys[i]) * (xs[i + 1] - xs[i]) / (ys[i + 1] - ys[i]));
        }
    }
    (ys.last() == Some(&target)).then(|| *xs.last().expect("non-empty"))
}

fn pretty(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{:.0}", x)
    } else {
        format!("{x:.3}")
    }
}

/// Shares (on-time, cover, overload) read better as percentages.
fn show_target(metric: Metric, target: f64) -> String {
    if metric.unit() == Unit::Share {
        format!("{:.1}%", target * 100.0)
    } else {
        pretty(target)
    }
}

/// The table of a sweep from its points' summaries, in point order.
pub fn sweep_table(sweep: &Sweep, summaries: &[&Summary]) -> SweepTable {
    let rows: Vec<SweepRow> = summaries
        .iter()
        .enumerate()
        .map(|(i, s)| SweepRow {
            scenario: s.provenance.scenario.clone(),
            value: sweep.values[i].clone(),
            by: sweep.by.as_ref().map(|(_, v)| v[i].clone()),
            response_officers: s.totals.response_officers,
            ward_officers: s.totals.ward_officers,
            metrics: METRICS
                .iter()
                .map(|&m| (m, s.london.get(&m).copied().flatten()))
                .collect(),
        })
        .collect();
    let metric = sweep.target_metric;
    let mut crossings = Vec::new();
    if let Some(target) = sweep.target {
        let mut series: Vec<Option<String>> = Vec::new();
        for r in &rows {
            if !series.contains(&r.by) {
                series.push(r.by.clone());
            }
        }
        for by in series {
            let points: Vec<(f64, Estimate)> = rows
                .iter()
                .zip(summaries)
                .filter(|(r, _)| r.by == by)
                .filter_map(|(r, s)| {
                    Some((
                        r.value.parse::<f64>().ok()?,
                        s.london.get(&metric).copied().flatten()?,
                    ))
                })
                .collect();
            let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
            let pick =
                |f: fn(&Estimate) -> f64| points.iter().map(|p| f(&p.1)).collect::<Vec<f64>>();
            let estimate = crossing(&xs, &pick(|e| e.mean), target);
            let (a, b) = (
                crossing(&xs, &pick(|e| e.ci95_low), target),
                crossing(&xs, &pick(|e| e.ci95_high), target),
            );
            let (band_low, band_high) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            };
            let series_name = by
                .as_ref()
                .map(|b| {
                    format!(
                        " ({} = {b})",
                        sweep.by.as_ref().map_or("", |x| x.0.as_str())
                    )
                })
                .unwrap_or_default();
            let sentence = match estimate {
                Some(x) => {
                    let band = match (band_low, band_high) {
                        (Some(l), Some(h)) => format!(
                            "the 95% CI bands cross it between {} and {}",
                            pretty(l),
                            pretty(h)
                        ),
                        _ => "one CI band does not cross it within the swept range".to_string(),
                    };
                    format!(
                        "{metric}{series_name} crosses {} at {} = {} ({band})",
                        show_target(metric, target),
                        sweep.parameter,
                        pretty(x)
                    )
                }
                None if xs.len() != points.len() || xs.is_empty() => {
                    format!("{metric}{series_name}: no numeric sweep values to locate a crossing")
                }
                None => format!(
                    "{metric}{series_name} does not cross {} between {} = {} and {}",
                    show_target(metric, target),
                    sweep.parameter,
                    pretty(xs[0]),
                    pretty(*xs.last().expect("non-empty"))
                ),
            };
            crossings.push(Crossing {
                by,
                estimate,
                band_low,
                band_high,
                sentence,
            });
        }
    }
    SweepTable {
        parameter: sweep.parameter.clone(),
        by: sweep.by.as_ref().map(|b| b.0.clone()),
        target_metric: sweep.target_metric,
        target: sweep.target,
        seed: summaries.first().map_or(0, |s| s.provenance.seed),
        draws: summaries.first().map_or(0, |s| s.provenance.draws),
        rows,
        crossings,
    }
}

#[cfg(test)]
mod tests {
    use super::crossing;

    #[test]
    fn crossing_is_interpolated_between_the_points_that_straddle_the_target() {
        let xs = [18.0, 17.0, 16.0, 15.0];
        let ys = [0.95, 0.93, 0.91, 0.87];
        assert!((crossing(&xs, &ys, 0.90).unwrap() - 15.75).abs() < 1e-12);
        assert_eq!(crossing(&xs, &ys, 0.80), None);
    }
}
