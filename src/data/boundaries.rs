//! Ward and borough outlines for maps, from GeoJSON: the embedded London 2014
//! files, or `ward_boundaries.geojson` and `borough_boundaries.geojson` in a
//! dataset folder (optional there: without them, runs simply draw no map).
//!
//! The outlines are for drawing only. They are not part of the dataset's hash and
//! never feed a model figure. This module must not know about scenarios.

use std::path::Path;

use serde::Deserialize;

use super::embedded::LONDON_NAME;
use super::error::{DataError, DataErrors};
use crate::model::{Boundaries, Dataset, Shape};

const LONDON_WARDS: &str = include_str!("../../data/london/ward_boundaries_2014.geojson");
const LONDON_BOROUGHS: &str = include_str!("../../data/london/borough_boundaries_2014.geojson");

/// File names looked for in a dataset folder.
pub const BOUNDARY_FILES: [&str; 2] = ["ward_boundaries.geojson", "borough_boundaries.geojson"];

#[derive(Deserialize)]
struct Collection<P> {
    features: Vec<Feature<P>>,
}

#[derive(Deserialize)]
struct Feature<P> {
    properties: P,
    geometry: Geometry,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<Vec<f64>>>),
    MultiPolygon(Vec<Vec<Vec<Vec<f64>>>>),
}

#[derive(Deserialize)]
struct WardProperties {
    ward_code: String,
    ward_name: String,
}

#[derive(Deserialize)]
struct BoroughProperties {
    borough_code: String,
    borough_name: String,
}

trait Named {
    fn code_and_name(self) -> (String, String);
}
impl Named for WardProperties {
    fn code_and_name(self) -> (String, String) {
        (self.ward_code, self.ward_name)
    }
}
impl Named for BoroughProperties {
    fn code_and_name(self) -> (String, String) {
        (self.borough_code, self.borough_name)
    }
}

fn ring(file: &str, code: &str, points: Vec<Vec<f64>>) -> Result<Vec<[f64; 2]>, DataError> {
    let mut out = Vec::with_capacity(points.len());
    for p in points {
        match p[..] {
            [x, y, ..] if x.is_finite() && y.is_finite() => out.push([x, y]),
            _ => {
                return Err(DataError::new(
                    file,
                    0,
                    "coordinates",
                    &format!("[easting, northing] points in the outline of {code}"),
                    &format!("{p:?}"),
                ));
            }
        }
    }
    if out.first() == out.last() && out.len() > 1 {
        out.pop();
    }
    if out.len() < 3 {
        return Err(DataError::new(
            file,
            0,
            "coordinates",
            &format!("a ring of at least 3 points in the outline of {code}"),
            &format!("{} points", out.len()),
        ));
    }
    Ok(out)
}

/// Parses one GeoJSON FeatureCollection of polygons. Holes are dropped: the map
/// fills outer rings and draws borders only.
fn shapes<P: Named + for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<Shape>, DataError> {
    let c: Collection<P> = serde_json::from_str(text).map_err(|e| {
        DataError::new(
            file,
            e.line() as u64,
            "",
            "a GeoJSON FeatureCollection of Polygon or MultiPolygon features",
            &format!("{e} (column {})", e.column()),
        )
    })?;
    let mut out = Vec::with_capacity(c.features.len());
    for f in c.features {
        let (code, name) = f.properties.code_and_name();
        let outers: Vec<Vec<Vec<f64>>> = match f.geometry {
            Geometry::Polygon(rings) => rings.into_iter().take(1).collect(),
            Geometry::MultiPolygon(polys) => polys
                .into_iter()
                .filter_map(|p| p.into_iter().next())
                .collect(),
        };
        let rings = outers
            .into_iter()
            .map(|r| ring(file, &code, r))
            .collect::<Result<Vec<_>, _>>()?;
        if rings.is_empty() {
            return Err(DataError::new(
                file,
                0,
                "geometry",
                &format!("at least one polygon for {code}"),
                "none",
            ));
        }
        out.push(Shape { code, name, rings });
    }
    Ok(out)
}

fn parse(wards: (&str, &str), boroughs: (&str, &str)) -> Result<Boundaries, DataErrors> {
    let w = shapes::<WardProperties>(wards.0, wards.1);
    let b = shapes::<BoroughProperties>(boroughs.0, boroughs.1);
    match (w, b) {
        (Ok(wards), Ok(boroughs)) => Ok(Boundaries { wards, boroughs }),
        (w, b) => Err(DataErrors(
            [w.err(), b.err()].into_iter().flatten().collect(),
        )),
    }
}

/// The outlines for a dataset: embedded for London, read from the dataset folder
/// otherwise. `None` when a folder has no boundary files.
pub fn boundaries(ds: &Dataset) -> Option<Result<Boundaries, DataErrors>> {
    if ds.name == LONDON_NAME {
        return Some(parse(
            ("ward_boundaries_2014.geojson", LONDON_WARDS),
            ("borough_boundaries_2014.geojson", LONDON_BOROUGHS),
        ));
    }
    let dir = Path::new(&ds.name);
    let paths = BOUNDARY_FILES.map(|f| dir.join(f));
    if !paths.iter().all(|p| p.is_file()) {
        return None;
    }
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| {
            DataErrors(vec![DataError::new(
                &p.display().to_string(),
                0,
                "",
                "a readable UTF-8 GeoJSON file",
                &e.to_string(),
            )])
        })
    };
    let texts = match (read(&paths[0]), read(&paths[1])) {
        (Ok(w), Ok(b)) => (w, b),
        (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
    };
    let names = paths.map(|p| p.display().to_string());
    Some(parse((&names[0], &texts.0), (&names[1], &texts.1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_property_names_file_and_line() {
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"ward_name\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}\n]}";
        let e = shapes::<WardProperties>("w.geojson", text).unwrap_err();
        assert_eq!(e.file, "w.geojson");
        assert_eq!(e.line, 2);
        assert!(e.found.contains("ward_code"), "{}", e.found);
    }

    #[test]
    fn a_ring_needs_three_points() {
        let text = "{\"features\":[{\"properties\":{\"ward_code\":\"X\",\"ward_name\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}}]}";
        let e = shapes::<WardProperties>("w.geojson", text).unwrap_err();
        assert!(e.expected.contains("at least 3 points"), "{e}");
    }
}
