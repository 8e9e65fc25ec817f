//! Which pictures a run, a comparison and a sweep get, and what they say: the
//! policy words, the units and the direction of "better" live here; the drawing
//! lives in `chart`. Every figure comes with a caption in plain words for the
//! HTML report.
//!
//! This module only formats results; it must not simulate or allocate.

use super::comparison::{AreaDifference, Comparison, Difference};
use super::summary::Summary;
use super::sweep::SweepTable;
use crate::chart::{
    AreaValue, BarRow, BarSpec, Figure, HistogramSpec, LineSpec, MapSpec, Marker, Measure, Panel,
    Point, Series, bar_chart, histogram, line_chart, thousands, ward_map,
};
use crate::model::Boundaries;
use crate::model::Metric;
use crate::model::metric::WARD;

/// The Met's I-grade target: 90% of immediate calls reached within 15 minutes
/// (Met performance framework; the same target the sweep example uses).
pub const I_ON_TIME_TARGET: f64 = 0.90;

/// A figure and the words that go with it.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem under `charts/`.
    pub name: String,
    pub title: String,
    /// What the picture shows and its key answer, in plain words.
    pub caption: String,
    pub figure: Figure,
}

const BETTER: &str = "#2166ac";
const WORSE: &str = "#b2182b";
const NOISE: &str = "#bdbdbd";
const NEUTRAL: &str = "#3b528b";

/// A metric's label, unit and whether more of it is better, from the catalogue.
pub fn about(metric: Metric) -> (&'static str, Measure, bool) {
    (
        metric.label(),
        Measure::from(metric.unit()),
        metric.higher_is_better(),
    )
}

fn attribution(s: &Summary) -> String {
    if s.provenance.dataset == crate::data::LONDON_NAME {
        "Ward and borough boundaries May 2014, simplified. Contains National Statistics and Ordnance Survey data © Crown copyright and database right (Open Government Licence).".into()
    } else {
        format!("Boundaries: dataset {}", s.provenance.dataset)
    }
}

fn ci_text(m: Measure, lo: f64, hi: f64) -> String {
    format!("95% CI {} to {}", m.value(lo), m.value(hi))
}

fn subtitle(s: &Summary) -> String {
    format!(
        "scenario {} · {} · {} simulated weeks, seed {}",
        s.provenance.scenario,
        s.structure,
        thousands(s.provenance.draws as f64),
        s.provenance.seed
    )
}

/// Command units as lists of borough codes.
fn units_of(s: &Summary) -> Vec<Vec<String>> {
    s.units
        .iter()
        .map(|u| {
            s.boroughs
                .iter()
                .filter(|b| b.command_unit == u.command_unit)
                .map(|b| b.borough_code.clone())
                .collect()
        })
        .collect()
}

fn ward_officers_per_1000(officers: u32, population: f64) -> Option<f64> {
    (population > 0.0).then(|| f64::from(officers) / population * 1000.0)
}

/// Lowest and highest few areas by value, in words.
fn extremes(mut named: Vec<(String, f64)>, m: Measure, n: usize) -> (String, String) {
    named.retain(|x| x.1.is_finite());
    named.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let list = |it: &mut dyn Iterator<Item = &(String, f64)>| {
        it.map(|(name, v)| format!("{name} {}", m.value(*v)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    (
        list(&mut named.iter().take(n)),
        list(&mut named.iter().rev().take(n)),
    )
}

/// A ward's index, its value and the value's 95% CI (where it is an estimate).
type WardValue = (usize, Option<f64>, Option<(f64, f64)>);

fn ward_value_map(
    s: &Summary,
    b: &Boundaries,
    name: &str,
    metric: Metric,
    values: Vec<WardValue>,
    what: &str,
) -> Chart {
    let (label, measure, _) = about(metric);
    let wards = values
        .iter()
        .map(|&(w, v, ci)| {
            let row = &s.wards[w];
            let tip = match (v, ci) {
                (Some(v), Some((lo, hi))) => format!(
                    "{} ({}): {} ({})",
                    row.ward_name,
                    row.borough_name,
                    measure.value(v),
                    ci_text(measure, lo, hi)
                ),
                (Some(v), None) => format!(
                    "{} ({}): {} ({} ward officers, {} PCSOs, {} residents)",
                    row.ward_name,
                    row.borough_name,
                    measure.value(v),
                    row.ward_officers,
                    row.pcsos,
                    thousands(row.population)
                ),
                _ => format!("{} ({}): no estimate", row.ward_name, row.borough_name),
            };
            AreaValue {
                code: row.ward_code.clone(),
                value: v,
                within_noise: false,
                tip,
            }
        })
        .collect();
    let title = format!("{label}, by ward");
    let map = ward_map(
        b,
        &MapSpec {
            id: name.to_string(),
            title: title.clone(),
            subtitle: subtitle(s),
            legend_title: label.to_string(),
            measure,
            change: false,
            higher_is_better: true,
            wards,
            units: units_of(s),
            attribution: attribution(s),
        },
    );
    let named = values
        .iter()
        .filter_map(|&(w, v, _)| {
            Some((
                format!("{} ({})", s.wards[w].ward_name, s.wards[w].borough_name),
                v?,
            ))
        })
        .collect();
    let (low, high) = extremes(named, measure, 3);
    Chart {
        name: name.to_string(),
        title,
        caption: format!(
            "{what} Lowest: {low}. Highest: {high}. Hover over a ward for its figure and interval; the legend runs from the lowest ward to the highest."
        ),
        figure: map.figure,
    }
}

fn ward_metric(s: &Summary, metric: Metric) -> Vec<WardValue> {
    let m = WARD
        .metrics
        .iter()
        .position(|x| *x == metric)
        .expect("a ward metric");
    (0..s.wards.len())
        .map(|w| match &s.wards[w].metrics[m] {
            Some(e) => (w, Some(e.mean), Some((e.ci95_low, e.ci95_high))),
            None => (w, None, None),
        })
        .collect()
}

fn distribution(s: &Summary) -> Chart {
    let total: u64 = s.i_on_time_distribution.iter().map(|b| b.1).sum();
    let below: u64 = s
        .i_on_time_distribution
        .iter()
        .filter(|b| b.0 < I_ON_TIME_TARGET)
        .map(|b| b.1)
        .sum();
    let mut markers = vec![Marker {
        value: I_ON_TIME_TARGET,
        label: "90% target".into(),
        colour: "#d55e00".into(),
        dashed: true,
    }];
    let estimate = s.london.get(&Metric::IOnTime).copied().flatten();
    if let Some(e) = estimate {
        markers.push(Marker {
            value: e.mean,
            label: format!("mean {}", Measure::Share.value(e.mean)),
            colour: "#000000".into(),
            dashed: false,
        });
    }
    // The weakest 0.5% of weeks share the first bar, so one disastrous week does
    // not squash the rest of the picture.
    let mut seen = 0;
    let floor = s
        .i_on_time_distribution
        .iter()
        .find(|b| {
            seen += b.1;
            seen as f64 >= 0.005 * total as f64
        })
        .map(|b| b.0.min(I_ON_TIME_TARGET - 0.02));
    let tail: u64 = s
        .i_on_time_distribution
        .iter()
        .filter(|b| floor.is_some_and(|f| b.0 < f))
        .map(|b| b.1)
        .sum();
    let title = "London I calls on time, week by week".to_string();
    let chart = histogram(&HistogramSpec {
        id: "i_on_time_distribution".into(),
        title: title.clone(),
        subtitle: subtitle(s),
        measure: Measure::Share,
        values: s.i_on_time_distribution.clone(),
        bins: 40,
        floor,
        markers,
        x_label: "share of London's I calls reached within 15 minutes in the week".into(),
        key: format!(
            "Each bar: the share of simulated weeks with that London-wide on-time share. Dashed: the Met's 90% target.{}",
            match (floor, tail) {
                (Some(f), t) if t > 0 => format!(
                    " The first bar also holds the {t} weeks below {}.",
                    Measure::Share.value(f)
                ),
                _ => String::new(),
            }
        ),
    });
    let p = below as f64 / total.max(1) as f64;
    let se = (p * (1.0 - p) / total.max(1) as f64).sqrt();
    let mean = estimate.map_or("no estimate (every week overloaded)".to_string(), |e| {
        format!(
            "{} on average ({})",
            Measure::Share.value(e.mean),
            ci_text(Measure::Share, e.ci95_low, e.ci95_high)
        )
    });
    Chart {
        name: "i_on_time_distribution".into(),
        title,
        caption: format!(
            "London reached {mean} of I calls within 15 minutes. Weeks differ: in {:.1}% of the {} simulated weeks (95% CI {:.1}% to {:.1}%) it fell short of the 90% target.",
            p * 100.0,
            thousands(total as f64),
            (p - 1.96 * se).max(0.0) * 100.0,
            (p + 1.96 * se).min(1.0) * 100.0
        ),
        figure: chart.figure,
    }
}

fn utilisation(s: &Summary) -> Chart {
    let rows: Vec<BarRow> = s
        .units
        .iter()
        .map(|u| {
            let e = u.metrics.get(&Metric::Utilisation).copied().flatten();
            BarRow {
                label: u.command_unit.clone(),
                value: e.map(|e| e.mean),
                ci: e.map(|e| (e.ci95_low, e.ci95_high)),
                spread: e.and_then(|e| Some((e.p10?, e.p90?))),
                colour: NEUTRAL.into(),
                note: e.map_or("overloaded every week".into(), |e| {
                    format!("{:.3} [{:.3}, {:.3}]", e.mean, e.ci95_low, e.ci95_high)
                }),
                tip: format!(
                    "{}: {} response officers",
                    u.command_unit, u.response_officers
                ),
            }
        })
        .collect();
    let busiest = rows
        .iter()
        .filter_map(|r| Some((r.label.clone(), r.value?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let title = "Response utilisation by command unit".to_string();
    Chart {
        name: "unit_utilisation".into(),
        title: title.clone(),
        caption: format!(
            "How busy each command unit's response crews are: workload hours over crew hours on duty; at 1 the queue grows without limit (overload).{}",
            busiest.map_or(String::new(), |(n, v)| format!(" Busiest: {n} at {v:.3}."))
        ),
        figure: bar_chart(&BarSpec {
            id: "unit_utilisation".into(),
            title,
            subtitle: subtitle(s),
            panels: vec![Panel {
                title: "mean utilisation across simulated weeks".into(),
                measure: Measure::Ratio,
                change: false,
                rows,
                references: vec![(1.0, "overload".into())],
            }],
            key: "Bar: mean. Black whisker: 95% CI of the mean. Grey line below: P10 to P90 across weeks (how much weeks differ).".into(),
        }),
    }
}

fn officers_per_1000(s: &Summary) -> Chart {
    let mut boroughs: Vec<_> = s.boroughs.iter().collect();
    boroughs.sort_by(|a, b| {
        b.officers_per_1000
            .total_cmp(&a.officers_per_1000)
            .then(a.borough_name.cmp(&b.borough_name))
    });
    let population: f64 = s.boroughs.iter().map(|b| b.population).sum();
    let london = s.totals.officers as f64 / population * 1000.0;
    let rows = boroughs
        .iter()
        .map(|b| BarRow {
            label: b.borough_name.clone(),
            value: Some(b.officers_per_1000),
            ci: None,
            spread: None,
            colour: NEUTRAL.into(),
            note: format!(
                "{:.2}  ({} officers)",
                b.officers_per_1000,
                thousands(b.officers)
            ),
            tip: format!(
                "{}: {} ward officers plus shares of {}'s response, other and overhead officers",
                b.borough_name, b.ward_officers, b.command_unit
            ),
        })
        .collect();
    let title = "Officers per 1,000 residents, by borough".to_string();
    let (first, last) = (boroughs.first(), boroughs.last());
    Chart {
        name: "officers_per_1000_by_borough".into(),
        title: title.clone(),
        caption: format!(
            "Every officer counted where they serve: a borough's own ward officers plus its shares of its command unit's response (by workload), other local (by crime and population) and overhead officers. London: {london:.2} per 1,000.{}",
            match (first, last) {
                (Some(a), Some(b)) => format!(
                    " Highest {} ({:.2}), lowest {} ({:.2}).",
                    a.borough_name, a.officers_per_1000, b.borough_name, b.officers_per_1000
                ),
                _ => String::new(),
            }
        ),
        figure: bar_chart(&BarSpec {
            id: "officers_per_1000_by_borough".into(),
            title,
            subtitle: subtitle(s),
            panels: vec![Panel {
                title: "officers per 1,000 residents (exact: no simulation involved)".into(),
                measure: Measure::Per1000,
                change: false,
                rows,
                references: vec![(london, format!("London {london:.2}"))],
            }],
            key:
                "Sorted from most to fewest officers per 1,000 residents (ONS mid-2019 population)."
                    .into(),
        }),
    }
}

/// The pictures of one run: maps (where outlines exist), the London distribution,
/// utilisation and officers per 1,000.
pub fn run_charts(s: &Summary, b: Option<&Boundaries>) -> Vec<Chart> {
    let mut out = vec![distribution(s)];
    if let Some(b) = b {
        out.push(ward_value_map(
            s,
            b,
            "map_i_on_time",
            Metric::IOnTime,
            ward_metric(s, Metric::IOnTime),
            "Each ward coloured by the share of its I calls reached within 15 minutes, averaged over the simulated weeks (travel from the nearest base and queueing for crews).",
        ));
        out.push(ward_value_map(
            s,
            b,
            "map_neighbourhood_cover",
            Metric::NeighbourhoodCover,
            ward_metric(s, Metric::NeighbourhoodCover),
            "Each ward coloured by the share of its neighbourhood demand met by its ward officers and PCSOs (PCSO hours count at their weight).",
        ));
        let values = (0..s.wards.len())
            .map(|w| {
                let r = &s.wards[w];
                (
                    w,
                    ward_officers_per_1000(r.ward_officers, r.population),
                    None,
                )
            })
            .collect();
        out.push(ward_value_map(
            s,
            b,
            "map_ward_officers_per_1000",
            Metric::WardOfficersPer1000,
            values,
            "Each ward coloured by its dedicated ward officers per 1,000 residents. Response officers are pooled across a command unit and are not counted here.",
        ));
    }
    out.push(utilisation(s));
    out.push(officers_per_1000(s));
    out
}

fn colour_of(d: &Difference, higher_is_better: bool) -> &'static str {
    if d.within_noise {
        NOISE
    } else if (d.mean > 0.0) == higher_is_better {
        BETTER
    } else {
        WORSE
    }
}

/// A difference with its 95% CI, e.g. "-0.49 pts [-0.53 pts, -0.46 pts]", and
/// `noise` appended where the CI includes zero.
pub(super) fn diff_note(m: Measure, d: &Difference, noise: &str) -> String {
    if d.exact {
        format!("{} (exact)", m.change(d.mean))
    } else {
        format!(
            "{} [{}, {}]{}",
            m.change(d.mean),
            m.change(d.ci95_low),
            m.change(d.ci95_high),
            if d.within_noise { noise } else { "" }
        )
    }
}

fn diff_row(label: String, m: Measure, higher: bool, d: &Difference) -> BarRow {
    BarRow {
        label,
        value: Some(d.mean),
        ci: (!d.exact).then_some((d.ci95_low, d.ci95_high)),
        spread: None,
        colour: colour_of(d, higher).into(),
        note: diff_note(m, d, " noise"),
        tip: if d.within_noise {
            "the 95% CI includes zero: cannot be told from noise".into()
        } else {
            String::new()
        },
    }
}

const COMPARED: [Metric; 7] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::IP90ResponseMinutes,
    Metric::UnmetResponseHours,
    Metric::NeighbourhoodCover,
    Metric::UnmetNeighbourhoodHours,
];

fn comparison_bars(c: &Comparison) -> Chart {
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

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn change_map(
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

fn borough_changes(c: &Comparison, scenario: &str) -> Option<Chart> {
    let panels: Vec<Panel> = [
        Metric::IOnTime,
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

/// The pictures of a sweep: the target metric (and I on-time and neighbourhood
/// cover) along the swept parameter, with CI bands and the crossing.
pub fn sweep_charts(t: &SweepTable) -> Vec<Chart> {
    let mut metrics = vec![t.target_metric];
    for m in [
        Metric::IOnTime,
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
