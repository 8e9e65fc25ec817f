//! The distribution of a quantity across simulated weeks, as a histogram of equal
//! bins, with marked values (a target, the mean).

use super::axis::{baseline, x_axis, y_axis};
use super::figure::{Anchor, Figure, Item, Stroke, Text};
use super::measure::Measure;
use super::scale::{Linear, nice_bounds, ticks};

/// A vertical marker on a histogram: a target or a mean, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub value: f64,
    pub label: String,
    pub colour: String,
    pub dashed: bool,
}

/// A histogram: bucketed counts, the axis unit and markers.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSpec {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub measure: Measure,
    /// (value, count) pairs, in any order; values may repeat.
    pub values: Vec<(f64, u64)>,
    pub bins: usize,
    /// Values below this go into the first bin, so a long thin tail does not
    /// squash the picture (the key should say so).
    pub floor: Option<f64>,
    pub markers: Vec<Marker>,
    pub x_label: String,
    pub key: String,
}

/// A drawn histogram and the bins it drew.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramChart {
    pub figure: Figure,
    /// (low edge, high edge, count) of each bin drawn.
    pub bins: Vec<(f64, f64, u64)>,
}

/// Equal-width bins over the range of the values (from `floor` up, if given) and
/// the markers; values below the range count in the first bin.
pub fn bin(
    values: &[(f64, u64)],
    extra: &[f64],
    n: usize,
    floor: Option<f64>,
) -> Vec<(f64, f64, u64)> {
    let floor = floor.unwrap_or(f64::NEG_INFINITY);
    let finite = values.iter().filter(|(v, _)| v.is_finite() && *v >= floor);
    let lo = finite
        .clone()
        .map(|v| v.0)
        .chain(extra.iter().copied())
        .fold(f64::INFINITY, f64::min);
    let hi = finite
        .map(|v| v.0)
        .chain(extra.iter().copied())
        .fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = nice_bounds(lo, hi, n.max(1));
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, lo + 0.5)
    };
    let w = (hi - lo) / n as f64;
    let mut out: Vec<(f64, f64, u64)> = (0..n)
        .map(|k| (lo + w * k as f64, lo + w * (k + 1) as f64, 0))
        .collect();
    for &(v, c) in values {
        if v.is_finite() {
            let k = (((v - lo) / w).floor().max(0.0) as usize).min(n - 1);
            out[k].2 += c;
        }
    }
    out
}

/// Draws a histogram.
pub fn histogram(spec: &HistogramSpec) -> HistogramChart {
    let (width, height) = (960.0, 470.0);
    let (left, right, top, bottom) = (80.0, 930.0, 90.0, 390.0);
    let marks: Vec<f64> = spec.markers.iter().map(|m| m.value).collect();
    let bins = bin(&spec.values, &marks, spec.bins.max(1), spec.floor);
    let mut f = Figure::titled(&spec.id, width, height, &spec.title, &spec.subtitle);
    if bins.is_empty() {
        f.items.push(Item::Text(Text::new(
            left,
            top + 40.0,
            "no finite values to show",
            13.0,
        )));
        return HistogramChart { figure: f, bins };
    }
    let total: u64 = bins.iter().map(|b| b.2).sum();
    let peak = bins.iter().map(|b| b.2).max().unwrap_or(0) as f64 / total.max(1) as f64;
    let (_, y_hi) = nice_bounds(0.0, peak.max(1e-9), 4);
    let x = Linear::new((bins[0].0, bins[bins.len() - 1].1), (left, right));
    let y = Linear::new((0.0, y_hi), (bottom, top));
    y_axis(
        &mut f.items,
        &y,
        &ticks(0.0, y_hi, 4),
        Measure::Share,
        left,
        right,
    );
    x_axis(
        &mut f.items,
        &x,
        &ticks(bins[0].0, bins[bins.len() - 1].1, 8),
        spec.measure,
        false,
        bottom,
        bottom,
    );
    for &(a, b, c) in &bins {
        let share = c as f64 / total.max(1) as f64;
        let (x0, x1) = (x.at(a), x.at(b));
        f.items.push(
            Item::Rect {
                x: x0 + 0.5,
                y: y.at(share),
                w: (x1 - x0 - 1.0).max(0.5),
                h: bottom - y.at(share),
                fill: Some("#3b528b".into()),
                stroke: None,
                class: "bin",
                tip: None,
            }
            .with_tip(format!(
                "{} to {}: {:.1}% of weeks",
                spec.measure.value(a),
                spec.measure.value(b),
                share * 100.0
            )),
        );
    }
    baseline(&mut f.items, left, right, bottom);
    for (i, m) in spec.markers.iter().enumerate() {
        let px = x.at(m.value);
        let mut s = Stroke::new(&m.colour, 2.0);
        if m.dashed {
            s = s.dashed("6 4");
        }
        f.items
            .push(Item::line(px, top - 8.0, px, bottom, s).with_class("marker"));
        let anchor = if px > (left + right) / 2.0 {
            Anchor::End
        } else {
            Anchor::Start
        };
        let dx = if anchor == Anchor::End { -5.0 } else { 5.0 };
        f.items.push(Item::Text(
            Text::new(px + dx, top + 4.0 + 16.0 * i as f64, &m.label, 12.0)
                .anchor(anchor)
                .colour(&m.colour)
                .bold()
                .halo(),
        ));
    }
    f.items.push(Item::Text(
        Text::new(18.0, (top + bottom) / 2.0, "share of weeks", 11.5)
            .anchor(Anchor::Middle)
            .rotate(-90.0)
            .colour("#555555"),
    ));
    f.items.push(Item::Text(
        Text::new((left + right) / 2.0, bottom + 36.0, &spec.x_label, 12.0)
            .anchor(Anchor::Middle)
            .colour("#333333"),
    ));
    f.key(&spec.key);
    HistogramChart { figure: f, bins }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_keep_every_count_and_cover_the_markers() {
        let values = vec![(0.91, 3), (0.93, 5), (0.95, 2)];
        let bins = bin(&values, &[0.9], 10, None);
        assert_eq!(bins.iter().map(|b| b.2).sum::<u64>(), 10);
        assert!(bins[0].0 <= 0.9 && bins[9].1 >= 0.95);
        let tail = vec![(0.1, 1), (0.91, 3), (0.95, 2)];
        let clipped = bin(&tail, &[0.9], 10, Some(0.85));
        assert_eq!(clipped.iter().map(|b| b.2).sum::<u64>(), 6);
        assert!(clipped[0].0 >= 0.8 && clipped[0].2 == 1);
    }
}
