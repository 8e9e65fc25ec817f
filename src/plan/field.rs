//! The patrol field of a set of wards (a command unit, or one borough of it),
//! for the version 2 travel model (MODEL §5.2): its land area, where free crews
//! patrol, and the drive from a random point of it to a random call in it, which
//! a call that had to wait is served from (the first crew to free may be anywhere).
//!
//! Computed once per plan from the dataset; this module must not draw random
//! numbers.

use crate::model::{Dataset, Params};

/// Mean straight distance between two points drawn uniformly on a disc of
/// radius R is 128 R / (45 π) ≈ 0.905 R (a classical geometric-probability
/// result); used for two calls in the same ward, whose land is taken as a disc.
const SAME_DISC_FACTOR: f64 = 128.0 / (45.0 * std::f64::consts::PI);

/// A patrol field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Land area, km².
    pub area_km2: f64,
    /// Minutes of driving (without turnout) between two calls drawn from the
    /// field's expected calls, at the scenario's speed and road factor.
    pub random_drive_minutes: f64,
    /// Expected I and S calls a week in the field.
    pub calls: f64,
}

/// A ward's land as a disc: its radius in km.
pub fn disc_radius_km(ds: &Dataset, w: usize) -> f64 {
    (ds.wards[w].land_area_ha.max(0.0) / 100.0 / std::f64::consts::PI).sqrt()
}

/// The field of `wards`, with calls weighted by `calls[w]`.
pub fn field(ds: &Dataset, p: &Params, wards: &[usize], calls: &[f64]) -> Field {
    let area_km2: f64 = wards
        .iter()
        .map(|&w| ds.wards[w].land_area_ha / 100.0)
        .sum();
    let total: f64 = wards.iter().map(|&w| calls[w]).sum();
    let mut km = 0.0;
    if total > 0.0 {
        for &a in wards {
            let wa = calls[a] / total;
            if wa == 0.0 {
                continue;
            }
            let (ea, na) = (ds.wards[a].easting, ds.wards[a].northing);
            for &b in wards {
                let wb = calls[b] / total;
                let d = if a == b {
                    SAME_DISC_FACTOR * disc_radius_km(ds, a)
                } else {
                    let (de, dn) = (ds.wards[b].easting - ea, ds.wards[b].northing - na);
                    (de * de + dn * dn).sqrt() / 1000.0
                };
                km += wa * wb * d;
            }
        }
    }
    Field {
        area_km2,
        random_drive_minutes: drive_minutes(p, km),
        calls: total,
    }
}

/// Minutes to drive `km` of straight distance (road factor and speed applied,
/// no turnout).
pub fn drive_minutes(p: &Params, km: f64) -> f64 {
    p.response.road_factor * km / p.response.speed_kmh * 60.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disc_factor_is_the_known_mean_distance() {
        // Monte Carlo check of 128/(45π) on the unit disc with a fixed lattice of
        // point pairs: the lattice mean must agree to 1%.
        let pts: Vec<(f64, f64)> = (0..60)
            .flat_map(|i| (0..60).map(move |j| (i, j)))
            .map(|(i, j)| {
                (
                    -1.0 + (i as f64 + 0.5) / 30.0,
                    -1.0 + (j as f64 + 0.5) / 30.0,
                )
            })
            .filter(|(x, y)| x * x + y * y <= 1.0)
            .collect();
        let mut sum = 0.0;
        let mut n = 0.0;
        for (k, a) in pts.iter().enumerate().step_by(7) {
            for b in pts.iter().skip(k % 5).step_by(5) {
                sum += ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                n += 1.0;
            }
        }
        assert!((sum / n - SAME_DISC_FACTOR).abs() < 0.01 * SAME_DISC_FACTOR);
    }
}
