//! A log-linear histogram with exact integer counts, so merging is addition and
//! the result does not depend on merge order. A bucket keeps the sign, the binary
//! exponent and the top 10 bits of the mantissa: relative resolution 1/1024.
//!
//! Buckets live in dense groups of 1,024 (one binary exponent each), so adding a
//! count is an array increment. Values pushed into a fresh histogram (one chunk of
//! draws) are only collected as keys and counted when merged into a total; that
//! keeps per-chunk accumulators small and merging cheap.

const MANTISSA_BITS_KEPT: u32 = 10;
const SHIFT: u32 = 52 - MANTISSA_BITS_KEPT;
const GROUP: usize = 1 << MANTISSA_BITS_KEPT;
/// Values closer to zero than this count as zero.
const ZERO: f64 = 1e-12;
/// Keys held uncounted before they are folded into groups: a few chunks' worth,
/// so small merged ranges stay as small as their keys.
const PENDING_LIMIT: usize = 1 << 12;

/// Equality is of what the histogram says (count, range, bucket counts), not of
/// how its counts happen to be held.
#[derive(Debug, Clone, Default)]
pub struct Histogram {
    /// Keys pushed but not yet counted.
    pending: Vec<i64>,
    /// (group id, counts), sorted by group id. Group id = key >> 10 (floor).
    groups: Vec<(i64, Vec<u64>)>,
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
    let lo = f64::from_bits(k.unsigned_abs() << SHIFT);
    let hi = f64::from_bits((k.unsigned_abs() + 1) << SHIFT);
    let mid = 0.5 * (lo + hi);
    if k > 0 { mid } else { -mid }
}

impl Histogram {
    /// Counts one value.
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        self.extend_range(x, x);
        self.n += 1;
        self.pending.push(key(x));
        if self.pending.len() >= PENDING_LIMIT {
            self.flush();
        }
    }

    fn extend_range(&mut self, lo: f64, hi: f64) {
        if self.n == 0 {
            self.min = lo;
            self.max = hi;
        } else {
            self.min = self.min.min(lo);
            self.max = self.max.max(hi);
        }
    }

    fn counts_for(&mut self, group: i64) -> &mut Vec<u64> {
        let i = match self.groups.binary_search_by_key(&group, |(g, _)| *g) {
            Ok(i) => i,
            Err(i) => {
                self.groups.insert(i, (group, vec![0; GROUP]));
                i
            }
        };
        &mut self.groups[i].1
    }

    fn add_key(&mut self, k: i64, count: u64) {
        let group = k.div_euclid(GROUP as i64);
        let index = k.rem_euclid(GROUP as i64) as usize;
        self.counts_for(group)[index] += count;
    }

    /// Counts every pending key.
    fn flush(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_unstable();
        let mut i = 0;
        while i < pending.len() {
            let k = pending[i];
            let mut j = i;
            while j < pending.len() && pending[j] == k {
                j += 1;
            }
            self.add_key(k, (j - i) as u64);
            i = j;
        }
        pending.clear();
        self.pending = pending;
    }

    /// Adds another histogram's counts (exact, in any order).
    pub fn merge(&mut self, other: &Histogram) {
        if other.n == 0 {
            return;
        }
        self.extend_range(other.min, other.max);
        self.n += other.n;
        self.pending.extend_from_slice(&other.pending);
        if self.pending.len() >= PENDING_LIMIT {
            self.flush();
        }
        for (g, counts) in &other.groups {
            let mine = self.counts_for(*g);
            for (a, b) in mine.iter_mut().zip(counts) {
                *a += b;
            }
        }
    }

    /// Values counted.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// The smallest and largest values pushed (0 and 0 when empty).
    pub fn range(&self) -> (f64, f64) {
        (self.min, self.max)
    }

    /// Every occupied bucket as (key, count), by increasing key: the exact
    /// content, for storing a histogram and rebuilding it with `from_counts`.
    pub fn counts(&self) -> Vec<(i64, u64)> {
        let mut counted = self.clone();
        counted.flush();
        let mut out = Vec::new();
        for (g, counts) in &counted.groups {
            for (i, &c) in counts.iter().enumerate() {
                if c > 0 {
                    out.push((g * GROUP as i64 + i as i64, c));
                }
            }
        }
        out
    }

    /// Rebuilds a histogram from `range` and `counts`; says what is inconsistent.
    pub fn from_counts(min: f64, max: f64, counts: &[(i64, u64)]) -> Result<Histogram, String> {
        let mut h = Histogram::default();
        let mut previous: Option<i64> = None;
        for &(k, c) in counts {
            if previous.is_some_and(|p| p >= k) {
                return Err(format!("bucket keys are not increasing at {k}"));
            }
            if c == 0 {
                return Err(format!("bucket {k} has a count of 0"));
            }
            previous = Some(k);
            h.n =
                h.n.checked_add(c)
                    .ok_or_else(|| "bucket counts overflow".to_string())?;
            h.add_key(k, c);
        }
        if h.n > 0 {
            if !(min.is_finite() && max.is_finite() && min <= max) {
                return Err(format!("range {min}..{max} is not a finite interval"));
            }
            h.min = min;
            h.max = max;
        }
        Ok(h)
    }

    /// Every occupied bucket as (centre clamped to the observed range, count), in
    /// increasing order: the distribution at the histogram's own resolution.
    pub fn buckets(&self) -> Vec<(f64, u64)> {
        if !self.pending.is_empty() {
            let mut counted = self.clone();
            counted.flush();
            return counted.buckets();
        }
        let mut out = Vec::new();
        for (g, counts) in &self.groups {
            for (i, &c) in counts.iter().enumerate() {
                if c > 0 {
                    let k = g * GROUP as i64 + i as i64;
                    out.push((centre(k).clamp(self.min, self.max), c));
                }
            }
        }
        out
    }

    /// The q-quantile by nearest rank (the smallest bucket whose cumulative count
    /// reaches ⌈q·n⌉), as the bucket centre clamped to the observed range.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        if !self.pending.is_empty() {
            let mut counted = self.clone();
            counted.flush();
            return counted.quantile(q);
        }
        let rank = ((q.clamp(0.0, 1.0) * self.n as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (g, counts) in &self.groups {
            for (i, &c) in counts.iter().enumerate() {
                seen += c;
                if c > 0 && seen >= rank {
                    return Some(centre(g * GROUP as i64 + i as i64).clamp(self.min, self.max));
                }
            }
        }
        Some(self.max)
    }
}

impl PartialEq for Histogram {
    fn eq(&self, other: &Histogram) -> bool {
        self.n == other.n
            && self.min.to_bits() == other.min.to_bits()
            && self.max.to_bits() == other.max.to_bits()
            && self.counts() == other.counts()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rebuild_the_same_histogram() {
        let mut h = Histogram::default();
        (0..5000).for_each(|i| h.push((i as f64 * 0.731).sin() * 40.0));
        let (lo, hi) = h.range();
        let back = Histogram::from_counts(lo, hi, &h.counts()).unwrap();
        assert_eq!(back, h);
        assert_eq!(back.quantile(0.37), h.quantile(0.37));
        assert!(Histogram::from_counts(0.0, 1.0, &[(5, 1), (5, 2)]).is_err());
        assert!(Histogram::from_counts(0.0, 1.0, &[(5, 0)]).is_err());
    }

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
    fn buckets_keep_every_count_in_order() {
        let mut h = Histogram::default();
        for x in [0.5, 0.91, 0.91, 0.2, -1.0] {
            h.push(x);
        }
        let b = h.buckets();
        assert_eq!(b.iter().map(|x| x.1).sum::<u64>(), 5);
        assert!(b.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(b[0].0, -1.0);
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
        let (mut a, mut b, mut c) = (
            Histogram::default(),
            Histogram::default(),
            Histogram::default(),
        );
        (0..50).for_each(|i| a.push(i as f64 * 0.37));
        (0..70).for_each(|i| b.push(-(i as f64) * 1.3));
        (0..30).for_each(|i| c.push(1e4 / (i as f64 + 1.0)));
        let mut abc = Histogram::default();
        abc.merge(&a);
        abc.merge(&b);
        abc.merge(&c);
        let mut cba = Histogram::default();
        cba.merge(&c);
        cba.merge(&b);
        cba.merge(&a);
        assert_eq!(abc, cba);
        for q in [0.1, 0.5, 0.9] {
            let mut all = a.clone();
            all.merge(&b);
            all.merge(&c);
            assert_eq!(all.quantile(q), abc.quantile(q));
        }
    }
}
