//! Estimators with honest uncertainty: running moments (Welford, merged with
//! Chan's formula), a mergeable histogram for quantiles, and the `Estimate`
//! every reported metric carries (mean, standard error, 95% CI, P10/P50/P90).
//!
//! Merging is deterministic: the same pieces merged in the same order give the
//! same bits. This module must not know what the numbers mean.

mod estimate;
mod histogram;
mod moments;

pub use estimate::{Estimate, Z95};
pub use histogram::Histogram;
pub use moments::Moments;

/// Moments plus a histogram: everything needed for an `Estimate`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub moments: Moments,
    pub histogram: Histogram,
}

impl Tally {
    /// Adds one value.
    pub fn push(&mut self, x: f64) {
        self.moments.push(x);
        self.histogram.push(x);
    }

    /// Merges the statistics of the range after this one.
    pub fn merge(&mut self, other: &Tally) {
        self.moments.merge(&other.moments);
        self.histogram.merge(&other.histogram);
    }

    /// The estimate, with quantiles.
    pub fn estimate(&self) -> Estimate {
        Estimate::from_parts(&self.moments, Some(&self.histogram))
    }
}
