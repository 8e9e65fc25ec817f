//! Lines along a swept parameter with their 95% CI bands, a target line, and where
//! each line crosses the target (with the interval in which the crossing lies).

use super::axis::{baseline, x_axis, y_axis};
use super::figure::{Anchor, Figure, Item, Stroke, Text};
use super::measure::Measure;
use super::palette::CATEGORIES;
use super::scale::{Linear, nice_bounds, ticks};

/// One point of a series, with its CI band.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub mean: f64,
    pub ci: (f64, f64),
}

/// A named line of points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
    /// Where the mean crosses the target, and the CI bands' crossings.
    pub crossing: Option<f64>,
    pub crossing_band: (Option<f64>, Option<f64>),
}

/// A line chart: series, axes, an optional target and its crossing interval.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpec {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub x_label: String,
    pub x_measure: Measure,
    pub y_measure: Measure,
    pub series: Vec<Series>,
    pub target: Option<(f64, String)>,
    pub key: String,
}

fn path(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!(
            "{} {}",
            super::figure::num(x),
            super::figure::num(y)
        ));
    }
    d
}

/// Draws a line chart with CI bands.
pub fn line_chart(spec: &LineSpec) -> Figure {
    let (width, height) = (960.0, 520.0);
    let (left, right, top, bottom) = (90.0, 930.0, 90.0, 420.0);
    let mut f = Figure::titled(&spec.id, width, height, &spec.title, &spec.subtitle);
    let all = spec.series.iter().flat_map(|s| &s.points);
    let xs: Vec<f64> = all.clone().map(|p| p.x).collect();
    let ys: Vec<f64> = all
        .flat_map(|p| [p.ci.0, p.ci.1, p.mean])
        .chain(spec.target.iter().map(|t| t.0))
        .filter(|v| v.is_finite())
        .collect();
    if xs.is_empty() || ys.is_empty() {
        f.items.push(Item::Text(Text::new(
            left,
            top + 40.0,
            "no points to show",
            13.0,
        )));
        return f;
    }
    let min = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = |v: &[f64]| v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1) = (min(&xs), max(&xs));
    let (y0, y1) = nice_bounds(min(&ys), max(&ys), 5);
    let x = Linear::new((x0, x1), (left, right));
    let y = Linear::new((y0, y1), (bottom, top));
    y_axis(
        &mut f.items,
        &y,
        &ticks(y0, y1, 5),
        spec.y_measure,
        left,
        right,
    );
    x_axis(
        &mut f.items,
        &x,
        &ticks(x0, x1, 8),
        spec.x_measure,
        false,
        bottom,
        bottom,
    );
    baseline(&mut f.items, left, right, bottom);
    if let Some((t, label)) = &spec.target {
        let py = y.at(*t);
        f.items.push(
            Item::line(
                left,
                py,
                right,
                py,
                Stroke::new("#d55e00", 1.6).dashed("6 4"),
            )
            .with_class("target"),
        );
        f.items.push(Item::Text(
            Text::new(right - 4.0, py - 6.0, label, 12.0)
                .anchor(Anchor::End)
                .colour("#d55e00")
                .bold()
                .halo(),
        ));
    }
    for (k, s) in spec.series.iter().enumerate() {
        let colour = CATEGORIES[k % CATEGORIES.len()];
        let mut pts = s.points.clone();
        pts.sort_by(|a, b| a.x.total_cmp(&b.x));
        let upper = pts.iter().map(|p| (x.at(p.x), y.at(p.ci.1)));
        let lower = pts.iter().rev().map(|p| (x.at(p.x), y.at(p.ci.0)));
        let mut band = path(upper.chain(lower));
        band.push('Z');
        f.items.push(Item::Path {
            d: band,
            fill: Some(format!("{colour}44")),
            stroke: None,
            class: "ci-band",
            tip: None,
        });
        f.items.push(Item::Path {
            d: path(pts.iter().map(|p| (x.at(p.x), y.at(p.mean)))),
            fill: None,
            stroke: Some(Stroke::new(colour, 2.2)),
            class: "series",
            tip: Some(s.name.clone()),
        });
        for p in &pts {
            f.items.push(Item::Rect {
                x: x.at(p.x) - 2.5,
                y: y.at(p.mean) - 2.5,
                w: 5.0,
                h: 5.0,
                fill: Some(colour.to_string()),
                stroke: None,
                class: "point",
                tip: Some(format!(
                    "{}: {} = {} [{}, {}]",
                    s.name,
                    spec.x_measure.value(p.x),
                    spec.y_measure.value(p.mean),
                    spec.y_measure.value(p.ci.0),
                    spec.y_measure.value(p.ci.1)
                )),
            });
        }
        if let (Some(c), Some((t, _))) = (s.crossing, &spec.target) {
            let (lo, hi) = s.crossing_band;
            let (a, b) = (
                lo.unwrap_or(x0).min(hi.unwrap_or(x1)),
                hi.unwrap_or(x1).max(lo.unwrap_or(x0)),
            );
            let py = y.at(*t);
            f.items.push(
                Item::Rect {
                    x: x.at(a),
                    y: py - 5.0,
                    w: (x.at(b) - x.at(a)).max(2.0),
                    h: 10.0,
                    fill: Some(format!("{colour}66")),
                    stroke: Some(Stroke::new(colour, 1.0)),
                    class: "crossing-band",
                    tip: None,
                }
                .with_tip(format!(
                    "{}: the 95% CI bands cross the target between {} and {}",
                    s.name,
                    lo.map_or("beyond the range".into(), |v| spec.x_measure.value(v)),
                    hi.map_or("beyond the range".into(), |v| spec.x_measure.value(v))
                )),
            );
            let px = x.at(c);
            f.items.push(
                Item::line(
                    px,
                    py - 14.0,
                    px,
                    bottom,
                    Stroke::new(colour, 1.4).dashed("3 3"),
                )
                .with_class("crossing"),
            );
            f.items.push(Item::Text(
                Text::new(
                    px,
                    py - 18.0 - 14.0 * k as f64,
                    format!("crosses at {}", spec.x_measure.value(c)),
                    11.5,
                )
                .anchor(Anchor::Middle)
                .colour(colour)
                .bold()
                .halo(),
            ));
        }
        if spec.series.len() > 1 {
            let ly = top + 4.0 + 16.0 * k as f64;
            f.items.push(Item::line(
                left + 10.0,
                ly,
                left + 34.0,
                ly,
                Stroke::new(colour, 3.0),
            ));
            f.items.push(Item::Text(
                Text::new(left + 40.0, ly + 4.0, &s.name, 11.5).halo(),
            ));
        }
    }
    f.items.push(Item::Text(
        Text::new((left + right) / 2.0, bottom + 36.0, &spec.x_label, 12.0)
            .anchor(Anchor::Middle)
            .colour("#333333"),
    ));
    f.key(&spec.key);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_gets_a_band_a_line_and_its_crossing() {
        let pts = |v: &[(f64, f64)]| {
            v.iter()
                .map(|&(x, m)| Point {
                    x,
                    mean: m,
                    ci: (m - 0.01, m + 0.01),
                })
                .collect()
        };
        let f = line_chart(&LineSpec {
            id: "l".into(),
            title: "t".into(),
            subtitle: String::new(),
            x_label: "pool".into(),
            x_measure: Measure::Count,
            y_measure: Measure::Share,
            series: vec![Series {
                name: "a".into(),
                points: pts(&[(1.0, 0.8), (2.0, 0.95)]),
                crossing: Some(1.67),
                crossing_band: (Some(1.6), Some(1.73)),
            }],
            target: Some((0.9, "90% target".into())),
            key: String::new(),
        });
        assert_eq!(f.count_class("ci-band"), 1);
        assert_eq!(f.count_class("series"), 1);
        assert_eq!(f.count_class("crossing"), 1);
        assert_eq!(f.count_class("target"), 1);
    }
}
