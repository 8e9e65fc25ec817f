//! `wards.geojson` and `boroughs.geojson`: the outlines of a run's or a
//! comparison's areas with its figures as properties, as RFC 7946 asks: WGS84
//! longitude and latitude (transformed from the British National Grid), rings
//! closed and counter-clockwise, so QGIS, kepler.gl and geopandas open them as
//! they are. The outlines are the simplified ones the maps draw.
//!
//! Formats only.

use serde_json::{Map, Value, json};

use crate::data::grid_to_wgs84;
use crate::model::{Boundaries, Shape};
use crate::report::compare::{AreaDifference, Comparison};
use crate::report::run::Summary;
use crate::stats::Estimate;

/// Degrees to six decimals (about 0.1 m), so the files stay small.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A ring in WGS84, closed, counter-clockwise (the right-hand rule).
fn ring(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = points
        .iter()
        .map(|p| grid_to_wgs84(p[0], p[1]).map(round6))
        .collect();
    if out.first() != out.last() {
        out.push(out[0]);
    }
    let twice_area: f64 = out
        .windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum();
    if twice_area < 0.0 {
        out.reverse();
    }
    out
}

fn geometry(s: &Shape) -> Value {
    let polygons: Vec<Vec<Vec<[f64; 2]>>> = s
        .rings
        .iter()
        .filter(|r| r.len() >= 3)
        .map(|r| vec![ring(r)])
        .collect();
    match polygons.as_slice() {
        [one] => json!({"type": "Polygon", "coordinates": one}),
        _ => json!({"type": "MultiPolygon", "coordinates": polygons}),
    }
}

/// A FeatureCollection of `shapes` with the properties `props` gives each (by
/// code); shapes it gives none are left out.
fn collection(
    name: &str,
    shapes: &[Shape],
    props: impl Fn(&str) -> Option<Map<String, Value>>,
) -> Vec<u8> {
    let features: Vec<Value> = shapes
        .iter()
        .filter_map(|s| {
            let p = props(&s.code)?;
            Some(json!({"type": "Feature", "properties": p, "geometry": geometry(s)}))
        })
        .collect();
    let fc = json!({"type": "FeatureCollection", "name": name, "features": features});
    let mut bytes = serde_json::to_vec(&fc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// An estimate as `<key>_mean`, `<key>_ci95_low`, `<key>_ci95_high` (null where
/// there is none).
fn estimate(p: &mut Map<String, Value>, key: &str, e: Option<&Estimate>) {
    for (suffix, v) in [
        ("mean", e.map(|e| e.mean)),
        ("ci95_low", e.map(|e| e.ci95_low)),
        ("ci95_high", e.map(|e| e.ci95_high)),
    ] {
        p.insert(
            format!("{key}_{suffix}"),
            json!(v.filter(|x| x.is_finite())),
        );
    }
}

/// A run's `wards.geojson` and `boroughs.geojson`.
pub fn run_files(s: &Summary, b: &Boundaries) -> Vec<(String, Vec<u8>)> {
    let wards = collection(
        &format!("{}: wards", s.provenance.scenario),
        &b.wards,
        |code| {
            let w = s.wards.iter().find(|w| w.ward_code == code)?;
            let mut p = Map::new();
            p.insert("ward_code".into(), json!(w.ward_code));
            p.insert("ward_name".into(), json!(w.ward_name));
            p.insert("borough_name".into(), json!(w.borough_name));
            p.insert("command_unit".into(), json!(w.command_unit));
            p.insert("population".into(), json!(w.population));
            p.insert("ward_officers".into(), json!(w.ward_officers));
            p.insert("pcsos".into(), json!(w.pcsos));
            p.insert(
                "expected_i_calls_per_week".into(),
                json!(w.expected_i_calls_per_week),
            );
            p.insert(
                "expected_s_calls_per_week".into(),
                json!(w.expected_s_calls_per_week),
            );
            for (k, m) in crate::model::metric::WARD.metrics.iter().enumerate() {
                estimate(&mut p, m.key(), w.metrics.get(k).and_then(Option::as_ref));
            }
            Some(p)
        },
    );
    let boroughs = collection(
        &format!("{}: boroughs", s.provenance.scenario),
        &b.boroughs,
        |code| {
            let r = s.boroughs.iter().find(|r| r.borough_code == code)?;
            let mut p = Map::new();
            p.insert("borough_code".into(), json!(r.borough_code));
            p.insert("borough_name".into(), json!(r.borough_name));
            p.insert("command_unit".into(), json!(r.command_unit));
            p.insert("population".into(), json!(r.population));
            p.insert("officers".into(), json!(r.officers));
            p.insert("officers_per_1000".into(), json!(r.officers_per_1000));
            p.insert("ward_officers".into(), json!(r.ward_officers));
            p.insert("pcsos".into(), json!(r.pcsos));
            for m in crate::model::metric::BOROUGH.metrics {
                estimate(
                    &mut p,
                    m.key(),
                    r.metrics.get(m).copied().flatten().as_ref(),
                );
            }
            Some(p)
        },
    );
    vec![
        ("wards.geojson".into(), wards),
        ("boroughs.geojson".into(), boroughs),
    ]
}

/// Paired differences as `<metric>_change_<scenario>` (mean, CI) and
/// `<metric>_within_noise_<scenario>`.
fn differences<'a>(p: &mut Map<String, Value>, diffs: impl Iterator<Item = &'a AreaDifference>) {
    for a in diffs {
        let d = &a.difference;
        let key = format!("{}_change_{}", a.metric.key(), a.scenario);
        p.insert(format!("{key}_mean"), json!(d.mean));
        p.insert(format!("{key}_ci95_low"), json!(d.ci95_low));
        p.insert(format!("{key}_ci95_high"), json!(d.ci95_high));
        p.insert(
            format!("{}_within_noise_{}", a.metric.key(), a.scenario),
            json!(d.within_noise),
        );
    }
}

/// A comparison's `wards.geojson` and `boroughs.geojson`: every area's paired
/// change in every metric, per scenario after the first.
pub fn compare_files(c: &Comparison, b: &Boundaries) -> Vec<(String, Vec<u8>)> {
    let name = c
        .scenarios
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(" vs ");
    let wards = collection(&format!("{name}: wards"), &b.wards, |code| {
        let mut found = c.wards.iter().filter(|a| a.code == code).peekable();
        let first = found.peek()?;
        let mut p = Map::new();
        p.insert("ward_code".into(), json!(code));
        p.insert("ward_name".into(), json!(first.name));
        p.insert("borough_name".into(), json!(first.borough_name));
        differences(&mut p, found);
        Some(p)
    });
    let boroughs = collection(&format!("{name}: boroughs"), &b.boroughs, |code| {
        let mut found = c.boroughs.iter().filter(|a| a.code == code).peekable();
        let first = found.peek()?;
        let mut p = Map::new();
        p.insert("borough_code".into(), json!(code));
        p.insert("borough_name".into(), json!(first.name));
        differences(&mut p, found);
        Some(p)
    });
    vec![
        ("wards.geojson".into(), wards),
        ("boroughs.geojson".into(), boroughs),
    ]
}
