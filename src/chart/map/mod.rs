//! A choropleth of wards: each ward filled by its value, borough outlines and
//! names on top, command-unit outlines where a unit merges boroughs, a legend with
//! units, and hatching over wards whose change cannot be told from noise.
//!
//! Coordinates are projected once onto a grid of quarter pixels, so wards that
//! share an edge share the exact same points (no slivers), and paths are written
//! as short relative moves. This file knows areas and values, not policing.

mod legend;
mod spec;

pub use spec::{AreaValue, Legend, MapChart, MapSpec, WIDTH};

use legend::{colour_for, draw_legend, legend_for};
use spec::{MAP_H, MAP_TOP, MAP_W, MARGIN};

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::chart::figure::{Anchor, Figure, Item, Paint, Stroke, Text};
use crate::chart::palette::NO_DATA;
use crate::model::{Boundaries, Shape};

/// Grid points per pixel: a quarter pixel is finer than the 20 m simplification
/// of the London outlines at this size (about 60 m a pixel).
const GRID: f64 = 4.0;

/// A point on the quarter-pixel grid.
type GridPoint = (i64, i64);

struct Projection {
    e0: f64,
    n1: f64,
    k: f64,
}

impl Projection {
    fn grid(&self, p: [f64; 2]) -> (i64, i64) {
        (
            ((p[0] - self.e0) * self.k * GRID).round() as i64,
            ((self.n1 - p[1]) * self.k * GRID).round() as i64,
        )
    }
    fn pixel(&self, p: [f64; 2]) -> (f64, f64) {
        let (x, y) = self.grid(p);
        (x as f64 / GRID, y as f64 / GRID)
    }
}

/// Grid points of a ring without consecutive repeats.
fn grid_ring(proj: &Projection, ring: &[[f64; 2]]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &p in ring {
        let q = proj.grid(p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

fn move_to(d: &mut String, (x, y): (i64, i64)) {
    let _ = write!(d, "M{x} {y}");
}

fn line_by(d: &mut String, from: (i64, i64), to: (i64, i64)) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    if dy < 0 {
        let _ = write!(d, "l{dx}{dy}");
    } else {
        let _ = write!(d, "l{dx} {dy}");
    }
}

fn ring_path(d: &mut String, pts: &[(i64, i64)]) {
    if pts.len() < 3 {
        return;
    }
    move_to(d, pts[0]);
    for w in pts.windows(2) {
        line_by(d, w[0], w[1]);
    }
    d.push('z');
}

fn shape_path(proj: &Projection, s: &Shape) -> String {
    let mut d = String::new();
    for r in &s.rings {
        ring_path(&mut d, &grid_ring(proj, r));
    }
    d
}

/// Outer edges of each group of boroughs: edges used by exactly one member.
fn unit_outline(proj: &Projection, members: &[&Shape]) -> String {
    let rings: Vec<Vec<(i64, i64)>> = members
        .iter()
        .flat_map(|s| s.rings.iter().map(|r| grid_ring(proj, r)))
        .collect();
    let key = |a: (i64, i64), b: (i64, i64)| if a < b { (a, b) } else { (b, a) };
    let mut uses: HashMap<(GridPoint, GridPoint), u32> = HashMap::new();
    for r in &rings {
        for i in 0..r.len() {
            *uses.entry(key(r[i], r[(i + 1) % r.len()])).or_default() += 1;
        }
    }
    let mut d = String::new();
    for r in &rings {
        let n = r.len();
        let mut drawing = false;
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            if uses[&key(a, b)] == 1 {
                if !drawing {
                    move_to(&mut d, a);
                    drawing = true;
                }
                line_by(&mut d, a, b);
            } else {
                drawing = false;
            }
        }
    }
    d
}

/// A borough name short enough for an area `room` pixels across, on one or two
/// lines; names of two parts become initials ("K&C") where even that is too wide.
fn label_lines(name: &str, room: f64) -> Vec<String> {
    let short = name.replace(" upon Thames", "").replace(" and ", " & ");
    let wide = |lines: &[String]| {
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * LABEL_EM * 10.0
    };
    let lines = match short.split_once(" & ") {
        Some((a, b)) if short.len() > 12 => vec![a.to_string(), format!("& {b}")],
        _ => vec![short.clone()],
    };
    if wide(&lines) <= room {
        return lines;
    }
    match short.split_once(" & ") {
        Some((a, b)) => vec![format!(
            "{}&{}",
            a.chars().next().unwrap_or(' '),
            b.chars().next().unwrap_or(' ')
        )],
        None => lines,
    }
}

/// Average advance of DejaVu Sans, in ems, for estimating label widths.
const LABEL_EM: f64 = 0.58;

/// Draws a ward choropleth of London (or a dataset's own outlines).
pub fn ward_map(b: &Boundaries, spec: &MapSpec) -> MapChart {
    let [e0, n0, e1, n1] = b.extent();
    let k = (MAP_W / (e1 - e0)).min(MAP_H / (n1 - n0));
    let proj = Projection { e0, n1, k };
    let map_h = ((n1 - n0) * k).ceil();
    let map_w = (e1 - e0) * k;
    let left = MARGIN + (MAP_W - map_w) / 2.0;
    let drawn: std::collections::HashSet<&str> = b.wards.iter().map(|s| s.code.as_str()).collect();
    let legend = legend_for(spec, &drawn);
    let height = MAP_TOP + map_h + 120.0;
    let mut f = Figure::titled(&spec.id, WIDTH, height, &spec.title, &spec.subtitle);

    let by_code: HashMap<&str, &AreaValue> =
        spec.wards.iter().map(|w| (w.code.as_str(), w)).collect();
    let unmatched = spec
        .wards
        .iter()
        .filter(|w| !drawn.contains(w.code.as_str()))
        .map(|w| w.code.clone())
        .collect();

    // Everything on the map is drawn in grid units, scaled down by one transform.
    let mut map = Vec::new();
    let mut noise = String::new();
    let mut any_missing = false;
    for s in &b.wards {
        let v = by_code.get(s.code.as_str());
        let value = v.and_then(|v| v.value).filter(|x| x.is_finite());
        let fill = match value {
            Some(x) => colour_for(spec, &legend, x),
            None => {
                any_missing = true;
                NO_DATA.to_string()
            }
        };
        let d = shape_path(&proj, s);
        if v.is_some_and(|v| v.within_noise) && value.is_some() {
            noise.push_str(&d);
        }
        let tip = v.map_or_else(|| format!("{}: no estimate", s.name), |v| v.tip.clone());
        map.push(Item::Path {
            d,
            fill: Some(fill),
            stroke: Some(Stroke::new("#ffffff", 0.35 * GRID)),
            class: "ward",
            tip: Some(tip),
        });
    }
    let hatched = !noise.is_empty();
    if hatched {
        f.paints.push(Paint::Hatch {
            id: "noise".into(),
            colour: "#555555".into(),
            spacing: 5.0 * GRID,
        });
        map.push(Item::Path {
            d: noise,
            fill: Some(f.paint_ref("noise")),
            stroke: None,
            class: "within-noise",
            tip: None,
        });
    }
    let mut boroughs = String::new();
    for s in &b.boroughs {
        boroughs.push_str(&shape_path(&proj, s));
    }
    map.push(Item::Path {
        d: boroughs,
        fill: None,
        stroke: Some(Stroke::new("#303030", 0.9 * GRID)),
        class: "borough-outline",
        tip: None,
    });
    let merged: Vec<&Vec<String>> = spec.units.iter().filter(|u| u.len() > 1).collect();
    if !merged.is_empty() {
        let mut d = String::new();
        for unit in merged {
            let members: Vec<&Shape> = b
                .boroughs
                .iter()
                .filter(|s| unit.contains(&s.code))
                .collect();
            d.push_str(&unit_outline(&proj, &members));
        }
        map.push(Item::Path {
            d,
            fill: None,
            stroke: Some(Stroke::new("#000000", 2.6 * GRID)),
            class: "unit-outline",
            tip: None,
        });
    }
    f.items.push(Item::Group {
        class: "map",
        transform: Some(format!(
            "translate({} {}) scale({})",
            crate::chart::figure::num(left),
            crate::chart::figure::num(MAP_TOP),
            1.0 / GRID
        )),
        items: map,
    });
    let mut labels = Vec::new();
    for s in &b.boroughs {
        let (x, y) = proj.pixel(s.label_point());
        // The side of a square of the borough's area: how wide a label it can hold.
        let room = s.area().sqrt() * proj.k;
        let lines = label_lines(&s.name, room);
        let top = y - 5.5 * (lines.len() as f64 - 1.0) + 3.5;
        for (i, l) in lines.iter().enumerate() {
            labels.push(Item::Text(
                Text::new(left + x, MAP_TOP + top + 11.0 * i as f64, l, 10.0)
                    .anchor(Anchor::Middle)
                    .halo()
                    .class("borough-label"),
            ));
        }
    }
    f.items.push(Item::Group {
        class: "labels",
        transform: None,
        items: labels,
    });
    draw_legend(
        &mut f,
        spec,
        &legend,
        MAP_TOP + map_h + 16.0,
        hatched,
        any_missing,
    );
    f.items.push(Item::Text(
        Text::new(MARGIN, height - 8.0, &spec.attribution, 9.5).colour("#666666"),
    ));
    MapChart {
        figure: f,
        legend,
        wards_drawn: b.wards.len(),
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::measure::Measure;
    use crate::chart::palette::diverging;

    fn square(code: &str, x: f64, y: f64) -> Shape {
        Shape {
            code: code.into(),
            name: code.into(),
            rings: vec![vec![
                [x, y],
                [x + 1000.0, y],
                [x + 1000.0, y + 1000.0],
                [x, y + 1000.0],
            ]],
        }
    }

    fn spec(values: &[(&str, f64, bool)], change: bool) -> MapSpec {
        MapSpec {
            id: "m".into(),
            title: "t".into(),
            subtitle: "s".into(),
            legend_title: "x".into(),
            measure: Measure::Share,
            change,
            higher_is_better: true,
            wards: values
                .iter()
                .map(|&(c, v, n)| AreaValue {
                    code: c.into(),
                    value: Some(v),
                    within_noise: n,
                    tip: c.into(),
                })
                .collect(),
            units: vec![vec!["A".into(), "B".into()]],
            attribution: String::new(),
        }
    }

    #[test]
    fn two_boroughs_in_one_unit_are_outlined_without_their_shared_edge() {
        let b = Boundaries {
            wards: vec![square("a", 0.0, 0.0), square("b", 1000.0, 0.0)],
            boroughs: vec![square("A", 0.0, 0.0), square("B", 1000.0, 0.0)],
        };
        let m = ward_map(&b, &spec(&[("a", 0.1, false), ("b", -0.3, true)], true));
        assert_eq!(m.wards_drawn, 2);
        assert_eq!(m.figure.count_class("ward"), 2);
        assert_eq!(m.figure.count_class("within-noise"), 1);
        assert_eq!((m.legend.lo, m.legend.hi), (-0.3, 0.3));
        let outline = m.figure.to_svg();
        let unit = outline
            .lines()
            .find(|l| l.contains("unit-outline"))
            .expect("a unit outline");
        let d = unit.split('"').nth(1).expect("path data");
        // Six outer edges of the 2×1 rectangle, none of the shared middle edge.
        assert_eq!(d.matches('l').count(), 6, "{d}");
    }

    #[test]
    fn a_lower_is_better_change_puts_its_worse_end_red_on_the_left() {
        let b = Boundaries {
            wards: vec![square("a", 0.0, 0.0), square("b", 1000.0, 0.0)],
            boroughs: vec![square("A", 0.0, 0.0)],
        };
        let mut sp = spec(&[("a", 2.0, false), ("b", -1.0, false)], true);
        sp.measure = Measure::Minutes;
        sp.higher_is_better = false;
        let m = ward_map(&b, &sp);
        // A longer response time (+2 minutes) is worse: red on the map.
        let svg = m.figure.to_svg();
        assert!(svg.contains(&format!("fill=\"{}\"", diverging(-1.0))));
        // The gradient starts red, and the leftmost tick is the largest increase.
        assert!(m.figure.paints.iter().any(|p| matches!(p,
            Paint::Gradient { colours, .. } if colours[0] == diverging(-1.0))));
        let ticks: Vec<(f64, &str)> = m
            .figure
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.class == "legend-tick" => Some((t.x, t.text.as_str())),
                _ => None,
            })
            .collect();
        let leftmost = ticks.iter().min_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
        assert!(leftmost.1.starts_with('+'), "{ticks:?}");
    }

    #[test]
    fn sequential_legend_spans_the_data() {
        let b = Boundaries {
            wards: vec![square("a", 0.0, 0.0), square("b", 1000.0, 0.0)],
            boroughs: vec![square("A", 0.0, 0.0)],
        };
        let m = ward_map(
            &b,
            &spec(
                &[("a", 0.8, false), ("b", 0.95, false), ("zz", 0.5, false)],
                false,
            ),
        );
        assert_eq!((m.legend.lo, m.legend.hi), (0.8, 0.95));
        assert_eq!(m.unmatched, vec!["zz".to_string()]);
        assert!(m.legend.ticks.iter().all(|t| (0.8..=0.95).contains(t)));
    }

    #[test]
    fn long_borough_names_wrap() {
        assert_eq!(
            label_lines("Kensington and Chelsea", 80.0),
            vec!["Kensington", "& Chelsea"]
        );
        assert_eq!(label_lines("Kensington and Chelsea", 30.0), vec!["K&C"]);
        assert_eq!(label_lines("Richmond upon Thames", 80.0), vec!["Richmond"]);
        assert_eq!(label_lines("Harrow", 10.0), vec!["Harrow"]);
    }
}
