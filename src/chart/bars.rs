//! Horizontal bars with 95% confidence intervals, in panels that each have their
//! own axis (so metrics in different units can sit in one picture). A bar may
//! also carry the P10–P90 spread across weeks, drawn apart from the CI so the two
//! are not confused.

use super::axis::x_axis;
use super::figure::{Anchor, Figure, Item, Stroke, Text};
use super::measure::Measure;
use super::scale::{Linear, nice_bounds, ticks};

/// One bar: its label, value and optional interval and spread.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: Option<f64>,
    /// 95% confidence interval of the value.
    pub ci: Option<(f64, f64)>,
    /// P10–P90 across simulated weeks.
    pub spread: Option<(f64, f64)>,
    pub colour: String,
    /// Shown right of the plot, e.g. "91.2% [91.0, 91.4]".
    pub note: String,
    pub tip: String,
}

/// A panel of bars sharing one axis and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub title: String,
    pub measure: Measure,
    /// Values are changes: the axis is centred on a zero line.
    pub change: bool,
    pub rows: Vec<BarRow>,
    /// Vertical reference lines with their labels.
    pub references: Vec<(f64, String)>,
}

/// A bar chart: its title, caption words and panels.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSpec {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub panels: Vec<Panel>,
    /// How to read the marks.
    pub key: String,
}

const WIDTH: f64 = 960.0;
const LABEL_RIGHT: f64 = 236.0;
const PLOT_LEFT: f64 = 246.0;
const PLOT_RIGHT: f64 = 716.0;
const NOTE_LEFT: f64 = 728.0;
const ROW: f64 = 22.0;

fn domain(p: &Panel) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    let mut see = |x: f64| {
        if x.is_finite() {
            lo = lo.min(x);
            hi = hi.max(x);
        }
    };
    for r in &p.rows {
        r.value.into_iter().for_each(&mut see);
        if let Some((a, b)) = r.ci {
            see(a);
            see(b);
        }
        if let Some((a, b)) = r.spread {
            see(a);
            see(b);
        }
    }
    for (x, _) in &p.references {
        see(*x);
    }
    if p.change {
        let m = lo.abs().max(hi.abs());
        (-m, m)
    } else {
        (lo, hi)
    }
}

/// Height for the labels of a panel's reference lines, when it has any.
fn reference_room(p: &Panel) -> f64 {
    if p.references.is_empty() { 0.0 } else { 14.0 }
}

/// A horizontal interval from `xa` to `xb` at height `y`, with end caps.
fn whisker(
    items: &mut Vec<Item>,
    xa: f64,
    xb: f64,
    y: f64,
    cap: f64,
    s: Stroke,
    class: &'static str,
) {
    items.push(Item::line(xa, y, xb, y, s.clone()).with_class(class));
    items.push(Item::line(xa, y - cap, xa, y + cap, s.clone()));
    items.push(Item::line(xb, y - cap, xb, y + cap, s));
}

/// Draws a bar chart with its CIs, one axis per panel.
pub fn bar_chart(spec: &BarSpec) -> Figure {
    let body: f64 = spec
        .panels
        .iter()
        .map(|p| 34.0 + reference_room(p) + ROW * p.rows.len() as f64 + 30.0)
        .sum();
    let height = 70.0 + body + 34.0;
    let mut f = Figure::titled(&spec.id, WIDTH, height, &spec.title, &spec.subtitle);
    let mut y = 72.0;
    for p in &spec.panels {
        f.items.push(Item::Text(
            Text::new(20.0, y + 16.0, &p.title, 13.5)
                .bold()
                .class("panel-title"),
        ));
        // Reference labels get a line of their own under the panel's title.
        let top = y + 26.0 + reference_room(p);
        let bottom = top + ROW * p.rows.len() as f64;
        let (lo, hi) = domain(p);
        let (lo, hi) = nice_bounds(lo, hi, 5);
        let scale = Linear::new((lo, hi), (PLOT_LEFT, PLOT_RIGHT));
        x_axis(
            &mut f.items,
            &scale,
            &ticks(lo, hi, 5),
            p.measure,
            p.change,
            top,
            bottom,
        );
        for (x, label) in &p.references {
            let px = scale.at(*x);
            f.items.push(
                Item::line(
                    px,
                    top - 4.0,
                    px,
                    bottom,
                    Stroke::new("#d55e00", 1.5).dashed("5 3"),
                )
                .with_class("reference"),
            );
            f.items.push(Item::Text(
                Text::new(px + 3.0, top - 6.0, label, 10.5).colour("#d55e00"),
            ));
        }
        let zero = scale.at(0.0);
        for (i, r) in p.rows.iter().enumerate() {
            let ry = top + ROW * i as f64;
            f.items.push(Item::Text(
                Text::new(LABEL_RIGHT, ry + 15.0, &r.label, 11.5).anchor(Anchor::End),
            ));
            f.items.push(Item::Text(
                Text::new(NOTE_LEFT, ry + 15.0, &r.note, 11.0)
                    .colour("#333333")
                    .class("bar-note"),
            ));
            let Some(v) = r.value.filter(|v| v.is_finite()) else {
                continue;
            };
            let x = scale.at(v);
            f.items.push(
                Item::Rect {
                    x: zero.min(x),
                    y: ry + 4.0,
                    w: (x - zero).abs().max(1.0),
                    h: ROW - 10.0,
                    fill: Some(r.colour.clone()),
                    stroke: None,
                    class: "bar",
                    tip: None,
                }
                .with_tip(r.tip.clone()),
            );
            if let Some((a, b)) = r.spread {
                let grey = Stroke::new("#8c8c8c", 1.2);
                let (xa, xb) = (scale.at(a), scale.at(b));
                whisker(&mut f.items, xa, xb, ry + ROW - 3.0, 2.5, grey, "spread");
            }
            if let Some((a, b)) = r.ci {
                let ink = Stroke::new("#000000", 1.4);
                let (xa, xb) = (scale.at(a), scale.at(b));
                whisker(&mut f.items, xa, xb, ry + ROW / 2.0 - 1.0, 4.0, ink, "ci");
            }
        }
        f.items.push(Item::Text(
            Text::new(
                (PLOT_LEFT + PLOT_RIGHT) / 2.0,
                bottom + 28.0,
                p.measure.unit_words(p.change),
                11.0,
            )
            .anchor(Anchor::Middle)
            .colour("#555555"),
        ));
        y = bottom + 34.0;
    }
    f.key(&spec.key);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_panels_are_centred_on_zero_and_every_row_is_drawn() {
        let row = |v: f64| BarRow {
            label: "x".into(),
            value: Some(v),
            ci: Some((v - 0.01, v + 0.01)),
            spread: None,
            colour: "#000000".into(),
            note: String::new(),
            tip: String::new(),
        };
        let p = Panel {
            title: "p".into(),
            measure: Measure::Share,
            change: true,
            rows: vec![row(0.02), row(-0.05)],
            references: vec![],
        };
        let (lo, hi) = domain(&p);
        assert!(
            (lo + 0.06).abs() < 1e-12 && (hi - 0.06).abs() < 1e-12,
            "{lo} {hi}"
        );
        let f = bar_chart(&BarSpec {
            id: "b".into(),
            title: "t".into(),
            subtitle: String::new(),
            panels: vec![p],
            key: String::new(),
        });
        assert_eq!(f.count_class("bar"), 2);
        assert_eq!(f.count_class("ci"), 2);
    }
}
