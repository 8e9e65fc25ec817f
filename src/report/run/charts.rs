//! Which pictures a run gets, and what they say: the distribution of London I
//! on-time across weeks, ward maps, unit utilisation and officers per 1,000 by
//! borough, each with a caption in plain words.

use crate::chart::{
    BarRow, BarSpec, HistogramSpec, Marker, Measure, Panel, bar_chart, histogram, thousands,
};
use crate::model::metric::WARD;
use crate::model::{Boundaries, Metric};
use crate::report::figure::{
    Chart, I_ON_TIME_TARGET, NEUTRAL, WardValue, ci_text, subtitle, ward_officers_per_1000,
    ward_value_map,
};
use crate::report::run::Summary;

pub(in crate::report) fn ward_metric(s: &Summary, metric: Metric) -> Vec<WardValue> {
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

pub(in crate::report) fn distribution(s: &Summary) -> Chart {
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

pub(in crate::report) fn utilisation(s: &Summary) -> Chart {
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

pub(in crate::report) fn officers_per_1000(s: &Summary) -> Chart {
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
            "map_s_on_time",
            Metric::SOnTime,
            ward_metric(s, Metric::SOnTime),
            "Each ward coloured by the share of its S calls reached within 60 minutes, averaged over the simulated weeks (S calls wait behind I calls for a free crew).",
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
