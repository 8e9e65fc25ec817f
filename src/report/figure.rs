//! What every product's charts share: the `Chart` (a figure with its words),
//! the colours of better, worse and noise, a metric's label, unit and direction
//! (from the catalogue), and caption helpers (intervals, subtitles, extremes).
//!
//! This module only describes pictures; the drawing lives in `chart`.

use crate::chart::{AreaValue, BarRow, Figure, MapSpec, Measure, thousands, ward_map};
use crate::model::{Boundaries, Metric};
use crate::report::compare::Difference;
use crate::report::run::Summary;

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

pub(in crate::report) const BETTER: &str = "#2166ac";

pub(in crate::report) const WORSE: &str = "#b2182b";

pub(in crate::report) const NOISE: &str = "#bdbdbd";

pub(in crate::report) const NEUTRAL: &str = "#3b528b";

/// A metric's label, unit and whether more of it is better, from the catalogue.
pub fn about(metric: Metric) -> (&'static str, Measure, bool) {
    (
        metric.label(),
        Measure::from(metric.unit()),
        metric.higher_is_better(),
    )
}

pub(in crate::report) fn attribution(s: &Summary) -> String {
    if s.provenance.dataset == crate::data::LONDON_NAME {
        "Ward and borough boundaries May 2014, simplified. Contains National Statistics and Ordnance Survey data © Crown copyright and database right (Open Government Licence).".into()
    } else {
        format!("Boundaries: dataset {}", s.provenance.dataset)
    }
}

pub(in crate::report) fn ci_text(m: Measure, lo: f64, hi: f64) -> String {
    format!("95% CI {} to {}", m.value(lo), m.value(hi))
}

pub(in crate::report) fn subtitle(s: &Summary) -> String {
    format!(
        "scenario {} · {} · {} simulated weeks, seed {}",
        s.provenance.scenario,
        s.structure,
        thousands(s.provenance.draws as f64),
        s.provenance.seed
    )
}

/// Command units as lists of borough codes.
pub(in crate::report) fn units_of(s: &Summary) -> Vec<Vec<String>> {
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

pub(in crate::report) fn ward_officers_per_1000(officers: u32, population: f64) -> Option<f64> {
    (population > 0.0).then(|| f64::from(officers) / population * 1000.0)
}

/// Lowest and highest few areas by value, in words.
pub(in crate::report) fn extremes(
    mut named: Vec<(String, f64)>,
    m: Measure,
    n: usize,
) -> (String, String) {
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
pub(in crate::report) type WardValue = (usize, Option<f64>, Option<(f64, f64)>);

pub(in crate::report) fn ward_value_map(
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

pub(in crate::report) fn colour_of(d: &Difference, higher_is_better: bool) -> &'static str {
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

pub(in crate::report) fn diff_row(
    label: String,
    m: Measure,
    higher: bool,
    d: &Difference,
) -> BarRow {
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

pub(in crate::report) fn slug(s: &str) -> String {
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
