//! A log-linear histogram with exact integer counts, so merging is addition and
//! the result does not depend on merge order. Buckets keep the sign, the binary
//! exponent and the top 10 bits of the mantissa: relative resolution 1/1024.

use std::collections::BTreeMap;

const MANTISSA_BITS_KEPT: u32 = 10;
const SHIFT: u32 = 52 - MANTISSA_BITS_KEPT;
/// Values closer to zero than this count as zero.
const ZERO: f64 = 1e-12;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histogram {
    counts: BTreeMap<i64, u64>,
    n: u64,
    min: f64,
    max: f64,
}

fn key(x: f64) -> i64 {
    if x.abs() < ZERO {
        return 0;
    }
    let k = (x.abs().to_bits() >> SHIFT) as i64;
    if x > 0.0 { k } else { -k }
}

/// The middle of a bucket.
fn centre(k: i64) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let lo = f64::from_bits((k.unsigned_abs()) << SHIFT);
    let hi = f64::from_bits((k.unsigned_abs() + 1) << SHIFT);
    let mid = 0.5 * (lo + hi);
    if k > 0 { mid } else { -mid }
}

impl Histogram {
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        if self.n == 0 {
            self.min = x;
            self.max = x;
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        self.n += 1;
        *self.counts.entry(key(x)).or_insert(0) += 1;
    }

    pub fn merge(&mut self, other: &Histogram) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            self.min = other.min;
            self.max = other.max;
        } else {
            self.min = self.min.min(other.min);
            self.max = self.max.max(other.max);
        }
        self.n += other.n;
        for (&k, &c) in &other.counts {
            *self.counts.entry(k).or_insert(0) += c;
        }
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    /// The q-quantile by nearest rank (the smallest bucket whose cumulative count
    /// reaches ⌈q·n⌉), as the bucket centre clamped to the observed range.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.n as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (&k, &c) in &self.counts {
            seen += c;
            if seen >= rank {
                return Some(centre(k).clamp(self.min, self.max));
            }
        }
        Some(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_within_resolution_and_ordered() {
        let mut h = Histogram::default();
        for i in 1..=1000 {
            h.push(i as f64 / 1000.0);
        }
        let (p10, p50, p90) = (
            h.quantile(0.1).unwrap(),
            h.quantile(0.5).unwrap(),
            h.quantile(0.9).unwrap(),
        );
        assert!((p10 - 0.1).abs() < 0.001, "{p10}");
        assert!((p50 - 0.5).abs() < 0.001, "{p50}");
        assert!((p90 - 0.9).abs() < 0.001, "{p90}");
        assert!(p10 <= p50 && p50 <= p90);
    }

    #[test]
    fn negative_values_sort_below_positive() {
        let mut h = Histogram::default();
        for x in [-5.0, -1.0, 0.0, 1.0, 5.0] {
            h.push(x);
        }
        assert_eq!(h.quantile(0.2), Some(-5.0));
        assert_eq!(h.quantile(0.6).unwrap(), 0.0);
        assert_eq!(h.quantile(1.0), Some(5.0));
    }

    #[test]
    fn merge_order_does_not_matter() {
        let (mut a, mut b) = (Histogram::default(), Histogram::default());
        (0..50).for_each(|i| a.push(i as f64 * 0.37));
        (0..70).for_each(|i| b.push(-(i as f64) * 1.3));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
    }
}
