//! Travel from the nearest free patrolling crew (MODEL §5.2, `"patrol"`).
//!
//! With n free crews spread as Poisson points over an area A, the straight
//! distance D to the nearest is Rayleigh: P(D > d) = exp(−π n d² / (4 k² A)),
//! so E[D] = k √(A/n) (Kolesar & Blum 1973; k = 0.5 for Poisson points). The
//! drive is road factor × D / speed, times a log-normal factor η of mean 1 and
//! log-σ `travel_sigma`. With M the mean drive, P(drive ≤ x) = F(π x² / (4 M²))
//! where F(u) = E_η[1 − exp(−u/η²)]. F depends on σ alone, so it is tabulated
//! once per scenario (here, with the plan) and read by interpolation; with
//! σ = 0 it is 1 − e^(−u) exactly. Quantiles scale with M, so those the
//! response-time grid needs are kept for M = 1.
//!
//! Pure functions of their arguments; no randomness.

use std::f64::consts::PI;

/// ln u on the table's grid runs from `LOG_U_MIN` in steps of `LOG_U_STEP`.
const LOG_U_MIN: f64 = -16.0;
const LOG_U_STEP: f64 = 0.01;
const POINTS: usize = 2_401;
/// Standard normal nodes for E_η: trapezoid over z in [−7, 7].
const Z_STEP: f64 = 0.05;
const Z_MAX: f64 = 7.0;

/// The drive-time distribution shape for one `travel_sigma`.
#[derive(Debug, Clone)]
pub struct PatrolShape {
    sigma: f64,
    /// F at ln u = LOG_U_MIN + i·LOG_U_STEP.
    table: Vec<f64>,
    /// E[1/η²], the slope of F at u → 0.
    small_u_slope: f64,
    /// Drives at the mid-quantiles `QUANTILES` for a mean drive of 1 minute.
    unit_quantiles: [f64; 4],
}

/// The probabilities at which a drive distribution is cut into four equal
/// parts for the response-time grid (mid-points of quarters).
pub const QUANTILES: [f64; 4] = [0.125, 0.375, 0.625, 0.875];

impl PatrolShape {
    /// Tabulates F for log-normal σ (σ = 0: deterministic η = 1).
    pub fn new(sigma: f64) -> PatrolShape {
        let mut shape = Self::table(sigma);
        for (k, q) in QUANTILES.iter().enumerate() {
            shape.unit_quantiles[k] = shape.quantile(*q, 1.0);
        }
        shape
    }

    fn table(sigma: f64) -> PatrolShape {
        if sigma == 0.0 {
            return PatrolShape {
                sigma,
                table: Vec::new(),
                small_u_slope: 1.0,
                unit_quantiles: [0.0; 4],
            };
        }
        // Nodes of ln η ~ N(−σ²/2, σ²), weights φ(z)·dz normalised to sum 1.
        let steps = (2.0 * Z_MAX / Z_STEP).round() as usize;
        let mut nodes = Vec::with_capacity(steps + 1);
        let mut total = 0.0;
        for i in 0..=steps {
            let z = -Z_MAX + i as f64 * Z_STEP;
            let w = (-0.5 * z * z).exp();
            let inv_eta2 = (-2.0 * (-0.5 * sigma * sigma + sigma * z)).exp();
            nodes.push((w, inv_eta2));
            total += w;
        }
        let table = (0..POINTS)
            .map(|i| {
                let u = (LOG_U_MIN + i as f64 * LOG_U_STEP).exp();
                nodes
                    .iter()
                    .map(|&(w, k)| w * -(-u * k).exp_m1())
                    .sum::<f64>()
                    / total
            })
            .collect();
        PatrolShape {
            sigma,
            table,
            // E[η^(−2)] for ln η ~ N(−σ²/2, σ²) is exp(3σ²).
            small_u_slope: (3.0 * sigma * sigma).exp(),
            unit_quantiles: [0.0; 4],
        }
    }

    /// F(u) = P(drive ≤ x) with u = π x² / (4 M²).
    pub fn cdf_u(&self, u: f64) -> f64 {
        if u <= 0.0 {
            return 0.0;
        }
        if self.sigma == 0.0 {
            return -(-u).exp_m1();
        }
        let x = (u.ln() - LOG_U_MIN) / LOG_U_STEP;
        if x < 0.0 {
            return (u * self.small_u_slope).min(self.table[0]);
        }
        let i = x.floor() as usize;
        if i + 1 >= POINTS {
            return 1.0;
        }
        let f = x - i as f64;
        self.table[i] * (1.0 - f) + self.table[i + 1] * f
    }

    /// P(drive ≤ x minutes) when the mean drive is `mean` minutes.
    pub fn within(&self, x: f64, mean: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        if mean <= 0.0 {
            return 1.0;
        }
        self.cdf_u(PI * x * x / (4.0 * mean * mean))
    }

    /// The drive (minutes) below which a share `q` of drives fall, for mean `mean`.
    pub fn quantile(&self, q: f64, mean: f64) -> f64 {
        if mean <= 0.0 {
            return 0.0;
        }
        // Bisection on x; F is increasing in x.
        let (mut lo, mut hi) = (0.0, mean);
        while self.within(hi, mean) < q && hi < 1e6 {
            hi *= 2.0;
        }
        for _ in 0..50 {
            let mid = 0.5 * (lo + hi);
            if self.within(mid, mean) < q {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

impl PatrolShape {
    /// Drives (minutes) at `QUANTILES` for mean drive `mean`.
    pub fn quarter_points(&self, mean: f64) -> [f64; 4] {
        self.unit_quantiles.map(|q| q * mean.max(0.0))
    }
}

/// Mean drive, minutes, from the nearest of `n` free crews on `area_km2`:
/// road factor × k √(A/n) / speed.
pub fn mean_drive(area_km2: f64, n: f64, k: f64, road_factor: f64, speed_kmh: f64) -> f64 {
    road_factor * k * (area_km2 / n).sqrt() / speed_kmh * 60.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_eta_is_the_rayleigh_law() {
        let s = PatrolShape::new(0.0);
        // Rayleigh with mean M: median M·√(4 ln 2 / π).
        let m = 5.0;
        let median = m * (4.0 * 2f64.ln() / PI).sqrt();
        assert!((s.within(median, m) - 0.5).abs() < 1e-12);
        assert!((s.quantile(0.5, m) - median).abs() < 1e-9);
    }

    #[test]
    fn the_table_has_mean_one_spread() {
        // The mean of drive = M·E[η] = M: integrate 1 − CDF over x.
        let s = PatrolShape::new(0.3);
        let m = 4.0;
        let dx = 0.01;
        let mean: f64 = (0..20_000)
            .map(|i| (1.0 - s.within((i as f64 + 0.5) * dx, m)) * dx)
            .sum();
        assert!((mean - m).abs() < 0.01 * m, "mean {mean}");
        // A wider spread puts more mass in the far tail.
        let wide = PatrolShape::new(0.6);
        assert!(wide.within(3.0 * m, m) < s.within(3.0 * m, m));
    }

    #[test]
    fn cdf_is_monotone_and_continuous_across_the_grid() {
        let s = PatrolShape::new(0.3);
        let mut last = 0.0;
        for i in 1..5_000 {
            let x = i as f64 * 0.01;
            let f = s.within(x, 5.0);
            assert!(f >= last - 1e-15 && f <= 1.0);
            assert!(f - last < 0.01);
            last = f;
        }
    }

    #[test]
    fn mean_drive_follows_the_square_root_law() {
        let one = mean_drive(16.0, 4.0, 0.5, 1.3, 30.0);
        assert!((one - 1.3 * 0.5 * 2.0 / 30.0 * 60.0).abs() < 1e-12);
        assert!((mean_drive(16.0, 16.0, 0.5, 1.3, 30.0) - one / 2.0).abs() < 1e-12);
    }
}
