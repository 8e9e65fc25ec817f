//! Outlines of wards and boroughs, for drawing maps only: plain polygons in the
//! dataset's projected grid (metres). Measurement (areas, adjacency) uses the
//! dataset's own tables, never these simplified shapes.

/// One area's outline: its code and name and one or more closed rings
/// (`[easting, northing]` points; the last point need not repeat the first).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub code: String,
    pub name: String,
    pub rings: Vec<Vec<[f64; 2]>>,
}

impl Shape {
    /// Area enclosed by the rings, in square grid units.
    pub fn area(&self) -> f64 {
        self.rings.iter().map(|r| ring_area(r).abs()).sum()
    }

    /// Signed-area centroid of the largest ring (where a label goes).
    pub fn label_point(&self) -> [f64; 2] {
        let ring = self
            .rings
            .iter()
            .max_by(|a, b| ring_area(a).abs().total_cmp(&ring_area(b).abs()))
            .expect("a shape has a ring");
        let a = ring_area(ring);
        if a.abs() < 1e-9 {
            let n = ring.len() as f64;
            let (x, y) = ring
                .iter()
                .fold((0.0, 0.0), |(x, y), p| (x + p[0] / n, y + p[1] / n));
            return [x, y];
        }
        let (mut cx, mut cy) = (0.0, 0.0);
        for (p, q) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            let cross = p[0] * q[1] - q[0] * p[1];
            cx += (p[0] + q[0]) * cross;
            cy += (p[1] + q[1]) * cross;
        }
        [cx / (6.0 * a), cy / (6.0 * a)]
    }
}

/// Shoelace area of a ring (positive when counter-clockwise).
fn ring_area(ring: &[[f64; 2]]) -> f64 {
    ring.iter()
        .zip(ring.iter().cycle().skip(1))
        .map(|(p, q)| p[0] * q[1] - q[0] * p[1])
        .sum::<f64>()
        / 2.0
}

/// Ward and borough outlines of a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    pub wards: Vec<Shape>,
    pub boroughs: Vec<Shape>,
}

impl Boundaries {
    /// (min easting, min northing, max easting, max northing) over every ward.
    pub fn extent(&self) -> [f64; 4] {
        let mut e = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in self.wards.iter().flat_map(|s| s.rings.iter().flatten()) {
            e[0] = e[0].min(p[0]);
            e[1] = e[1].min(p[1]);
            e[2] = e[2].max(p[0]);
            e[3] = e[3].max(p[1]);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_point_of_a_square_is_its_centre() {
        let s = Shape {
            code: "x".into(),
            name: "x".into(),
            rings: vec![vec![[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]],
        };
        let [x, y] = s.label_point();
        assert!((x - 1.0).abs() < 1e-12 && (y - 1.0).abs() < 1e-12);
    }
}
