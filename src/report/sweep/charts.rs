//! Which pictures a sweep gets: the target metric, I and S on-time,
//! neighbourhood cover and unmet response hours along the swept parameter, with CI bands and
//! the crossing.

use crate::chart::{LineSpec, Measure, Point, Series, line_chart, thousands};
use crate::model::Metric;
use crate::report::figure::{Chart, I_ON_TIME_TARGET, about};
use crate::report::sweep::SweepTable;

/// The pictures of a sweep: the target metric (and I on-time and neighbourhood
/// cover) along the swept parameter, with CI bands and the crossing.
pub fn sweep_charts(t: &SweepTable) -> Vec<Chart> {
    let mut metrics = vec![t.target_metric];
    for m in [
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::NeighbourhoodCover,
        Metric::UnmetResponseHours,
    ] {
        if !metrics.contains(&m) {
            metrics.push(m);
        }
    }
    let numeric = t.rows.iter().all(|r| r.value.parse::<f64>().is_ok());
    let x_of = |i: usize, v: &str| {
        if numeric {
            v.parse::<f64>().expect("checked")
        } else {
            i as f64
        }
    };
    let mut out = Vec::new();
    for metric in metrics {
        if !t.rows.iter().any(|r| r.metrics.contains_key(&metric)) {
            continue;
        }
        let (label, measure, _) = about(metric);
        let mut series: Vec<Series> = Vec::new();
        for (i, r) in t.rows.iter().enumerate() {
            let name =
                r.by.as_ref()
                    .map(|b| format!("{} = {b}", t.by.as_deref().unwrap_or("by")))
                    .unwrap_or_else(|| label.to_string());
            let Some(Some(e)) = r.metrics.get(&metric) else {
                continue;
            };
            let point = Point {
                x: x_of(i, &r.value),
                mean: e.mean,
                ci: (e.ci95_low, e.ci95_high),
            };
            match series.iter_mut().find(|s| s.name == name) {
                Some(s) => s.points.push(point),
                None => series.push(Series {
                    name,
                    points: vec![point],
                    crossing: None,
                    crossing_band: (None, None),
                }),
            }
        }
        let is_target = metric == t.target_metric && t.target.is_some();
        if is_target {
            for (s, c) in series.iter_mut().zip(&t.crossings) {
                s.crossing = c.estimate;
                s.crossing_band = (c.band_low, c.band_high);
            }
        }
        let target = if is_target {
            t.target
                .map(|v| (v, format!("target {}", measure.value(v))))
        } else if metric == Metric::IOnTime {
            Some((I_ON_TIME_TARGET, "90% target".to_string()))
        } else {
            None
        };
        let name = format!("sweep_{metric}");
        let title = format!("{label} as {} changes", t.parameter);
        let words: Vec<String> = if is_target {
            t.crossings.iter().map(|c| c.sentence.clone()).collect()
        } else {
            Vec::new()
        };
        out.push(Chart {
            name: name.clone(),
            title: title.clone(),
            caption: format!(
                "Each point is a full run on the same {} simulated weeks (seed {}); the band is the 95% CI of the mean. {}",
                thousands(t.draws as f64),
                t.seed,
                words.join(" ")
            ),
            figure: line_chart(&LineSpec {
                id: name,
                title,
                subtitle: format!(
                    "{} points, each on the same {} simulated weeks, seed {}",
                    t.rows.len(),
                    thousands(t.draws as f64),
                    t.seed
                ),
                x_label: if numeric {
                    t.parameter.clone()
                } else {
                    format!("{} (point number)", t.parameter)
                },
                x_measure: Measure::Count,
                y_measure: measure,
                series,
                target,
                key: "Line: mean. Band: 95% CI. Dashed: the target; marked: where the mean crosses it, and the interval where the CI bands cross it.".into(),
            }),
        });
    }
    out
}
