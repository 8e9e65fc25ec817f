//! Axes shared by the bar, histogram and line charts: a horizontal value axis with
//! grid lines and tick labels, and a vertical one.

use super::figure::{Anchor, Item, Stroke, Text};
use super::measure::Measure;
use super::scale::Linear;

const GRID: &str = "#e3e3e3";
const INK: &str = "#444444";

fn step(ticks: &[f64]) -> f64 {
    if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        0.0
    }
}

/// Ticks along x between `top` and `bottom`, labels below `bottom`.
pub fn x_axis(
    items: &mut Vec<Item>,
    scale: &Linear,
    ticks: &[f64],
    measure: Measure,
    change: bool,
    top: f64,
    bottom: f64,
) {
    for &t in ticks {
        let x = scale.at(t);
        let colour = if change && t == 0.0 { INK } else { GRID };
        items.push(Item::line(x, top, x, bottom, Stroke::new(colour, 1.0)).with_class("grid"));
        items.push(Item::Text(
            Text::new(x, bottom + 14.0, measure.tick(t, step(ticks), change), 11.0)
                .anchor(Anchor::Middle)
                .colour(INK)
                .class("tick"),
        ));
    }
}

/// Ticks along y between `left` and `right`, labels left of `left`.
pub fn y_axis(
    items: &mut Vec<Item>,
    scale: &Linear,
    ticks: &[f64],
    measure: Measure,
    left: f64,
    right: f64,
) {
    for &t in ticks {
        let y = scale.at(t);
        items.push(Item::line(left, y, right, y, Stroke::new(GRID, 1.0)).with_class("grid"));
        items.push(Item::Text(
            Text::new(
                left - 6.0,
                y + 4.0,
                measure.tick(t, step(ticks), false),
                11.0,
            )
            .anchor(Anchor::End)
            .colour(INK)
            .class("tick"),
        ));
    }
}

/// The dark line under a plot.
pub fn baseline(items: &mut Vec<Item>, left: f64, right: f64, y: f64) {
    items.push(Item::line(left, y, right, y, Stroke::new(INK, 1.0)));
}
