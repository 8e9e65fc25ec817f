//! Travel to calls spread over a ward (MODEL §5.2, `travel_model = "disc"`): the
//! ward's land is taken as a disc of its area around its centroid, calls fall
//! uniformly on it, and a crew drives from a base at distance L from the
//! centroid. The drive is `road_factor` × distance / speed times a log-normal
//! factor η (mean 1, σ `travel_sigma`), after turnout.
//!
//! The distribution is integrated once per plan on a fixed grid of points
//! (8 radii equally spaced in (ρ/R)², so equally likely; 16 angles; 8 η at the
//! mid-points of its eighths, scaled to mean 1) and kept as `ATOMS` equally
//! likely travel times: the means of its sixteenths. With σ = 0 and no area
//! every atom is the centroid travel time, so version 1's travel comes back
//! exactly.
//!
//! Pure functions; no randomness.

use crate::model::Params;

/// Equally likely travel times kept per (ward, base).
pub const ATOMS: usize = 16;

const RADII: usize = 8;
const ANGLES: usize = 16;
/// Standard normal quantiles at the mid-points of the eighths, 0.5625 … 0.9375
/// (and their negatives).
const Z_EIGHTHS: [f64; 4] = [0.157_310, 0.488_776, 0.887_147, 1.534_121];

/// Travel times (minutes) from a base `l_m` metres from the centroid of a ward
/// whose land disc has radius `r_m` metres, as `ATOMS` equally likely values,
/// sorted.
pub fn disc_atoms(p: &Params, l_m: f64, r_m: f64) -> [f64; ATOMS] {
    let r = &p.response;
    let sigma = r.model.travel_sigma;
    let mut etas: Vec<f64> = Z_EIGHTHS
        .iter()
        .flat_map(|z| [-z, *z])
        .map(|z| (sigma * z - 0.5 * sigma * sigma).exp())
        .collect();
    let mean_eta = etas.iter().sum::<f64>() / etas.len() as f64;
    etas.iter_mut().for_each(|e| *e /= mean_eta);
    let mut times = Vec::with_capacity(RADII * ANGLES * etas.len());
    for i in 0..RADII {
        let rho = r_m * ((i as f64 + 0.5) / RADII as f64).sqrt();
        for j in 0..ANGLES {
            let theta = 2.0 * std::f64::consts::PI * j as f64 / ANGLES as f64;
            let d = (l_m * l_m + rho * rho + 2.0 * l_m * rho * theta.cos())
                .max(0.0)
                .sqrt();
            let drive = r.road_factor * d / 1000.0 / r.speed_kmh * 60.0;
            for &eta in &etas {
                times.push(r.turnout_minutes + drive * eta);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let per = times.len() / ATOMS;
    let mut out = [0.0; ATOMS];
    for (k, chunk) in times.chunks(per).enumerate() {
        out[k] = chunk.iter().sum::<f64>() / chunk.len() as f64;
    }
    out
}

/// Share of `atoms` at or below `x` minutes.
#[inline]
pub fn within(atoms: &[f64; ATOMS], x: f64) -> f64 {
    atoms.iter().filter(|&&t| t <= x).count() as f64 / ATOMS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(sigma: f64) -> Params {
        let mut p = Params::default();
        p.response.model.travel_sigma = sigma;
        p
    }

    #[test]
    fn no_spread_and_no_area_is_the_centroid_time() {
        let p = params(0.0);
        let atoms = disc_atoms(&p, 3_000.0, 0.0);
        let centroid = 2.0 + 1.3 * 3.0 / 30.0 * 60.0;
        assert!(atoms.iter().all(|&t| (t - centroid).abs() < 1e-12));
        assert_eq!(within(&atoms, centroid), 1.0);
        assert_eq!(within(&atoms, centroid - 1e-9), 0.0);
    }

    #[test]
    fn a_far_ward_is_sometimes_reached_in_time() {
        // Centroid 9 km from the base: 25.4 minutes, never within 15 at the
        // centroid; calls on the near side and quick drives make some on time.
        let p = params(0.3);
        let atoms = disc_atoms(&p, 9_000.0, 2_500.0);
        assert!(within(&atoms, 15.0) > 0.0);
        assert!(within(&atoms, 15.0) < 0.5);
        // The spread keeps the mean near the centroid time.
        let mean = atoms.iter().sum::<f64>() / ATOMS as f64;
        assert!(
            (mean - (2.0 + 1.3 * 9.0 / 30.0 * 60.0)).abs() < 1.5,
            "{mean}"
        );
    }

    #[test]
    fn a_base_inside_the_ward_reaches_the_near_calls_fast() {
        let p = params(0.0);
        let atoms = disc_atoms(&p, 0.0, 2_000.0);
        // From the centre the mean distance to a uniform point is 2R/3.
        let mean = atoms.iter().sum::<f64>() / ATOMS as f64;
        let want = 2.0 + 1.3 * (2.0 / 3.0 * 2.0) / 30.0 * 60.0;
        assert!((mean - want).abs() < 0.1, "{mean} vs {want}");
    }
}
