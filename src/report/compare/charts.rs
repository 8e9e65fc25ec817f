//! Which pictures a comparison gets: the paired differences with their CIs,
//! change maps of each scenario against the first, and every borough's change.

use crate::chart::{AreaValue, BarRow, BarSpec, MapSpec, Panel, bar_chart, thousands, ward_map};
use crate::model::{Boundaries, Metric};
use crate::report::compare::{AreaDifference, Comparison, Difference};
use crate::report::figure::{
    Chart, about, attribution, diff_note, diff_row, extremes, slug, units_of,
    ward_officers_per_1000,
};
use crate::report::run::Summary;

pub(in crate::report) const COMPARED: [Metric; 7] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::IP90ResponseMinutes,
    Metric::UnmetResponseHours,
    Metric::NeighbourhoodCover,
    Metric::UnmetNeighbourhoodHours,
];

pub(in crate::report) fn comparison_bars(c: &Comparison) -> Chart {
    let panels = COMPARED
        .iter()
        .filter_map(|&metric| {
            let row = c.rows.iter().find(|r| r.metric == metric.key())?;
            let (label, measure, higher) = about(metric);
            let rows: Vec<BarRow> = row
                .differences
                .iter()
                .enumerate()
                .skip(1)
                .filter_map(|(k, d)| {
                    Some(diff_row(
                        c.scenarios[k].name.clone(),
                        measure,
                        higher,
                        d.as_ref()?,
                    ))
                })
                .collect();
            (!rows.is_empty()).then(|| Panel {
                title: format!("{label}: change"),
                measure,
                change: true,
                rows,
                references: vec![],
            })
        })
        .collect();
    let title = format!("What changes against {}, London per week", c.baseline);
    Chart {
        name: "comparison_differences".into(),
        title: title.clone(),
        caption: format!(
            "Each bar is a paired difference against {}: both scenarios were run on the same {} simulated weeks, week by week, so the difference comes from the policy, not from luck. Blue is better, red worse, grey cannot be told from noise (its 95% CI includes zero).",
            c.baseline,
            thousands(c.draws as f64)
        ),
        figure: bar_chart(&BarSpec {
            id: "comparison_differences".into(),
            title,
            subtitle: format!(
                "{} scenarios on the same {} weeks (seed {}), differences against {}",
                c.scenarios.len(),
                thousands(c.draws as f64),
                c.seed,
                c.baseline
            ),
            panels,
            key: "Bar: mean paired difference. Whisker: its 95% CI. Blue better, red worse, grey within noise.".into(),
        }),
    }
}

pub(in crate::report) fn change_map(
    first: &Summary,
    other: &Summary,
    b: &Boundaries,
    metric: Metric,
    diffs: &[&AreaDifference],
    what: &str,
) -> Chart {
    let (label, measure, higher) = about(metric);
    let by_code: std::collections::HashMap<&str, &&AreaDifference> =
        diffs.iter().map(|a| (a.code.as_str(), a)).collect();
    let wards: Vec<AreaValue> = first
        .wards
        .iter()
        .map(|w| match by_code.get(w.ward_code.as_str()) {
            Some(a) => AreaValue {
                code: w.ward_code.clone(),
                value: Some(a.difference.mean),
                within_noise: a.difference.within_noise,
                tip: format!(
                    "{} ({}): {}",
                    w.ward_name,
                    w.borough_name,
                    diff_note(measure, &a.difference, " (within noise)")
                ),
            },
            None => AreaValue {
                code: w.ward_code.clone(),
                value: None,
                within_noise: false,
                tip: format!("{} ({}): no estimate", w.ward_name, w.borough_name),
            },
        })
        .collect();
    let name = format!("map_change_{}_{}", metric, slug(&other.provenance.scenario));
    let title = format!(
        "Change in {label}: {} against {}",
        other.provenance.scenario, first.provenance.scenario
    );
    let map = ward_map(
        b,
        &MapSpec {
            id: name.clone(),
            title: title.clone(),
            subtitle: format!(
                "paired differences on the same {} simulated weeks, seed {} · outlines: {}",
                thousands(first.provenance.draws as f64),
                first.provenance.seed,
                other.structure
            ),
            legend_title: format!("change in {label}"),
            measure,
            change: true,
            higher_is_better: higher,
            wards,
            units: units_of(other),
            attribution: attribution(first),
        },
    );
    let named = diffs
        .iter()
        .map(|a| {
            (
                format!("{} ({})", a.name, a.borough_name),
                a.difference.mean,
            )
        })
        .collect::<Vec<_>>();
    let (low, high) = extremes(named, measure, 3);
    let (lose, gain) = if higher { (low, high) } else { (high, low) };
    let gainers = diffs
        .iter()
        .filter(|a| !a.difference.within_noise && (a.difference.mean > 0.0) == higher)
        .count();
    let losers = diffs
        .iter()
        .filter(|a| !a.difference.within_noise && (a.difference.mean > 0.0) != higher)
        .count();
    let noise = diffs.iter().filter(|a| a.difference.within_noise).count();
    Chart {
        name,
        title,
        caption: format!(
            "{what} {gainers} wards are better off, {losers} worse off, and {noise} cannot be told from noise (hatched: the 95% CI of the paired difference includes zero). Worst changes: {lose}. Best: {gain}."
        ),
        figure: map.figure,
    }
}

pub(in crate::report) fn borough_changes(c: &Comparison, scenario: &str) -> Option<Chart> {
    let panels: Vec<Panel> = [
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::NeighbourhoodCover,
        Metric::OfficersPer1000,
    ]
    .iter()
    .filter_map(|&metric| {
        let (label, measure, higher) = about(metric);
        let mut areas: Vec<&AreaDifference> = c
            .boroughs
            .iter()
            .filter(|a| a.scenario == scenario && a.metric == metric)
            .collect();
        if areas.is_empty() {
            return None;
        }
        areas.sort_by(|a, b| {
            let (x, y) = (a.difference.mean, b.difference.mean);
            let order = if higher {
                y.total_cmp(&x)
            } else {
                x.total_cmp(&y)
            };
            order.then(a.name.cmp(&b.name))
        });
        Some(Panel {
            title: format!("{label}: change, best first"),
            measure,
            change: true,
            rows: areas
                .iter()
                .map(|a| diff_row(a.name.clone(), measure, higher, &a.difference))
                .collect(),
            references: vec![],
        })
    })
    .collect();
    if panels.is_empty() {
        return None;
    }
    let name = format!("borough_changes_{}", slug(scenario));
    let title = format!(
        "Which boroughs gain and lose: {scenario} against {}",
        c.baseline
    );
    Some(Chart {
        name: name.clone(),
        title: title.clone(),
        caption: "Every borough's paired change, with its 95% CI, sorted from best to worst in each panel. Officers per 1,000 residents is exact (no simulation). Blue is better, red worse, grey within noise.".to_string(),
        figure: bar_chart(&BarSpec {
            id: name,
            title,
            subtitle: format!(
                "paired differences on the same {} simulated weeks, seed {}",
                thousands(c.draws as f64),
                c.seed
            ),
            panels,
            key: "Bar: mean paired difference. Whisker: its 95% CI. Blue better, red worse, grey within noise.".into(),
        }),
    })
}

/// The pictures of a comparison: the London differences, and for every scenario
/// after the first its ward change maps and borough changes.
pub fn compare_charts(
    c: &Comparison,
    summaries: &[&Summary],
    b: Option<&Boundaries>,
) -> Vec<Chart> {
    let mut out = vec![comparison_bars(c)];
    let first = summaries[0];
    for other in summaries.iter().skip(1) {
        let name = other.provenance.scenario.as_str();
        if let Some(b) =
            b.filter(|_| other.provenance.dataset_hash == first.provenance.dataset_hash)
        {
            for (metric, what) in [
                (
                    Metric::IOnTime,
                    "Each ward coloured by the change in the share of its I calls reached within 15 minutes.",
                ),
                (
                    Metric::SOnTime,
                    "Each ward coloured by the change in the share of its S calls reached within 60 minutes.",
                ),
                (
                    Metric::NeighbourhoodCover,
                    "Each ward coloured by the change in the share of its neighbourhood demand met.",
                ),
            ] {
                let diffs: Vec<&AreaDifference> = c
                    .wards
                    .iter()
                    .filter(|a| a.scenario == name && a.metric == metric)
                    .collect();
                out.push(change_map(first, other, b, metric, &diffs, what));
            }
            // Ward officers per 1,000: exact, from the two allocations.
            let exact: Vec<AreaDifference> = first
                .wards
                .iter()
                .zip(&other.wards)
                .filter_map(|(a, o)| {
                    let d = ward_officers_per_1000(o.ward_officers, o.population)?
                        - ward_officers_per_1000(a.ward_officers, a.population)?;
                    Some(AreaDifference {
                        code: a.ward_code.clone(),
                        name: a.ward_name.clone(),
                        borough_name: a.borough_name.clone(),
                        scenario: name.to_string(),
                        metric: Metric::WardOfficersPer1000,
                        difference: Difference {
                            mean: d,
                            standard_error: 0.0,
                            ci95_low: d,
                            ci95_high: d,
                            unpaired_standard_error: 0.0,
                            within_noise: false,
                            exact: true,
                        },
                    })
                })
                .collect();
            let refs: Vec<&AreaDifference> = exact.iter().collect();
            out.push(change_map(
                first,
                other,
                b,
                Metric::WardOfficersPer1000,
                &refs,
                "Each ward coloured by the change in its dedicated ward officers per 1,000 residents (exact: from the two allocations).",
            ));
        }
        out.extend(borough_changes(c, name));
    }
    out
}
