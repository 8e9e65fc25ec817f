//! The reported form of a Monte Carlo metric.

use serde::Serialize;

use super::{Histogram, Moments};

/// Two-sided 95% normal quantile. With the thousands of draws used here the
/// normal and t intervals agree to three decimals.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A reported metric: mean, standard error, 95% CI of the mean, and P10/P50/P90 across
/// draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub mean: f64,
    pub standard_error: f64,
    pub ci95_low: f64,
    pub ci95_high: f64,
    /// Quantiles across draws; absent where only moments are kept (per-ward metrics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p10: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p50: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p90: Option<f64>,
    /// Draws the estimate rests on.
    pub draws: u64,
}

impl Estimate {
    /// The estimate from running moments and, for quantiles, a histogram.
    /// The same estimate with its CI bounds clipped to `[lo, hi]`, the range the
    /// quantity can take (a share is never above 1, hours never below 0). The
    /// normal-approximation interval of a heavy-tailed mean can overrun it.
    pub fn within(self, lo: f64, hi: f64) -> Estimate {
        Estimate {
            ci95_low: self.ci95_low.clamp(lo, hi),
            ci95_high: self.ci95_high.clamp(lo, hi),
            ..self
        }
    }

    pub fn from_parts(m: &Moments, h: Option<&Histogram>) -> Estimate {
        let se = m.standard_error();
        let q = |p: f64| h.and_then(|h| h.quantile(p));
        Estimate {
            mean: m.mean,
            standard_error: se,
            ci95_low: m.mean - Z95 * se,
            ci95_high: m.mean + Z95 * se,
            p10: q(0.1),
            p50: q(0.5),
            p90: q(0.9),
            draws: m.n,
        }
    }
}
