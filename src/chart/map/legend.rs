//! A ward map's colours and legend: the range of the drawn wards (or ± their
//! largest change), the colour of a value on it, and the legend bar with its
//! ticks, units and the keys for hatching and missing data.

use super::spec::{Legend, MARGIN, MapSpec};
use crate::chart::figure::{Anchor, Figure, Item, Paint, Stroke, Text};
use crate::chart::palette::{NO_DATA, diverging, sequential, stops};
use crate::chart::scale::{Linear, ticks};

pub(super) fn colour_for(spec: &MapSpec, legend: &Legend, v: f64) -> String {
    if spec.change {
        let m = legend.hi.max(f64::MIN_POSITIVE);
        let t = (v / m).clamp(-1.0, 1.0);
        diverging(if spec.higher_is_better { t } else { -t })
    } else {
        let span = legend.hi - legend.lo;
        sequential(if span > 0.0 {
            (v - legend.lo) / span
        } else {
            0.5
        })
    }
}

/// The colour range: the drawn wards' own range, or ± their largest change.
pub(super) fn legend_for(spec: &MapSpec, drawn: &std::collections::HashSet<&str>) -> Legend {
    let values: Vec<f64> = spec
        .wards
        .iter()
        .filter(|w| drawn.contains(w.code.as_str()))
        .filter_map(|w| w.value)
        .filter(|v| v.is_finite())
        .collect();
    let (lo, hi) = if values.is_empty() {
        (0.0, 0.0)
    } else if spec.change {
        let m = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        (-m, m)
    } else {
        (
            values.iter().cloned().fold(f64::INFINITY, f64::min),
            values.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
        )
    };
    Legend {
        lo,
        hi,
        ticks: ticks(lo, hi, 4),
    }
}

pub(super) fn draw_legend(
    f: &mut Figure,
    spec: &MapSpec,
    legend: &Legend,
    top: f64,
    hatched: bool,
    missing: bool,
) {
    let (x0, w, h) = (MARGIN, 340.0, 14.0);
    let title = format!(
        "{} ({})",
        spec.legend_title,
        spec.measure.unit_words(spec.change)
    );
    f.items.push(Item::Text(
        Text::new(x0, top + 12.0, title, 12.5)
            .bold()
            .class("legend-title"),
    ));
    // Changes run worse → better from left to right, whatever the metric's direction.
    let colours = if spec.change {
        stops(diverging, -1.0, 1.0, 9)
    } else {
        stops(sequential, 0.0, 1.0, 9)
    };
    f.paints.push(Paint::Gradient {
        id: "legend".into(),
        colours,
    });
    let bar_y = top + 20.0;
    f.items.push(Item::Rect {
        x: x0,
        y: bar_y,
        w,
        h,
        fill: Some(f.paint_ref("legend")),
        stroke: Some(Stroke::new("#888888", 0.5)),
        class: "legend",
        tip: None,
    });
    let scale = if spec.change && !spec.higher_is_better {
        Linear::new((legend.hi, legend.lo), (x0, x0 + w))
    } else {
        Linear::new((legend.lo, legend.hi), (x0, x0 + w))
    };
    let step = if legend.ticks.len() > 1 {
        legend.ticks[1] - legend.ticks[0]
    } else {
        legend.hi - legend.lo
    };
    for &t in &legend.ticks {
        let x = scale.at(t);
        f.items.push(Item::line(
            x,
            bar_y + h,
            x,
            bar_y + h + 4.0,
            Stroke::new("#444444", 1.0),
        ));
        f.items.push(Item::Text(
            Text::new(
                x,
                bar_y + h + 16.0,
                spec.measure.tick(t, step, spec.change),
                11.0,
            )
            .anchor(Anchor::Middle)
            .class("legend-tick"),
        ));
    }
    if spec.change {
        f.items.push(Item::Text(
            Text::new(x0, bar_y + h + 32.0, "◀ worse", 11.0).colour("#b2182b"),
        ));
        f.items.push(Item::Text(
            Text::new(x0 + w, bar_y + h + 32.0, "better ▶", 11.0)
                .anchor(Anchor::End)
                .colour("#2166ac"),
        ));
    }
    let (sx, sy) = (x0 + w + 40.0, bar_y);
    if hatched {
        f.items.push(Item::Rect {
            x: sx,
            y: sy,
            w: 22.0,
            h,
            fill: Some("#f7f7f7".into()),
            stroke: Some(Stroke::new("#888888", 0.5)),
            class: "",
            tip: None,
        });
        f.items.push(Item::Path {
            d: format!("M{sx} {sy}h22v{h}h-22z"),
            fill: Some(f.paint_ref("noise-swatch")),
            stroke: None,
            class: "",
            tip: None,
        });
        f.paints.push(Paint::Hatch {
            id: "noise-swatch".into(),
            colour: "#444444".into(),
            spacing: 5.0,
        });
        f.items.push(Item::Text(Text::new(
            sx + 28.0,
            sy + 11.5,
            "hatched: within noise (the 95% CI of the change includes 0)",
            11.0,
        )));
    }
    if missing {
        let y = sy + if hatched { 22.0 } else { 0.0 };
        f.items.push(Item::rect(sx, y, 22.0, h, NO_DATA));
        f.items.push(Item::Text(Text::new(
            sx + 28.0,
            y + 11.5,
            "no estimate",
            11.0,
        )));
    }
}
