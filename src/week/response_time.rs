//! The distribution of response times of one grade over a set of calls (London,
//! a command unit, a borough or a ward) in one draw, on a grid of
//! `BIN_MINUTES`, for its 90th percentile.
//!
//! Within a group-tour a call waits 0 with probability 1 − C and otherwise an
//! exponential time with rate θ; its response is travel plus wait. Instead of one
//! exponential per call, each group-tour collects the waiting mass by travel bin and
//! spreads it with one geometric sweep (ratio e^(−θ·bin)) over the bins its calls'
//! travel spans, so the cost is one `exp` per group-tour. What is still waiting after
//! the last travel bin is kept as a geometric tail, which the percentile search
//! walks only as far as it needs. A call's travel is taken at the start of its bin,
//! so the result is within one bin (half a minute) of the exact percentile.

/// Width of a response-time bin, minutes.
pub const BIN_MINUTES: f64 = 0.5;
/// Bins on the grid; slower responses go to one overflow bin.
pub const BINS: usize = 480;
/// The largest percentile reported: the grid's end (240 minutes).
pub const CAP_MINUTES: f64 = BINS as f64 * BIN_MINUTES;
/// Bins the percentile search passes over at once.
const BLOCK: usize = 16;

/// Response times of one draw on a half-minute grid.
#[derive(Debug, Clone)]
pub struct ResponseGrid {
    /// Call weight per bin (plus one overflow bin).
    mass: Vec<f64>,
    /// Waiting mass of the current unit-tour, by the bin its travel starts in.
    waiting: Vec<f64>,
    /// Geometric tails: (first bin, mass still waiting there, ratio per bin).
    tails: Vec<(usize, f64, f64)>,
    lo: usize,
    hi: usize,
    /// The bins of `mass` that may be non-zero (empty when first > last).
    used: (usize, usize),
    /// Scratch for `quantile`: each tail's ratio over a whole block.
    block_ratio: Vec<f64>,
}

impl Default for ResponseGrid {
    fn default() -> Self {
        ResponseGrid {
            mass: vec![0.0; BINS + 1],
            waiting: vec![0.0; BINS + 1],
            tails: Vec::new(),
            lo: usize::MAX,
            hi: 0,
            used: (usize::MAX, 0),
            block_ratio: Vec::new(),
        }
    }
}

fn bin(minutes: f64) -> usize {
    ((minutes / BIN_MINUTES) as usize).min(BINS)
}

impl ResponseGrid {
    /// Empties the grid for the next draw (only the bins it used).
    pub fn clear(&mut self) {
        let (first, last) = self.used;
        if first <= last {
            self.mass[first..=last].iter_mut().for_each(|m| *m = 0.0);
        }
        self.used = (usize::MAX, 0);
        self.tails.clear();
    }

    #[inline]
    fn touch(&mut self, first: usize, last: usize) {
        self.used = (self.used.0.min(first), self.used.1.max(last));
    }

    /// A path of calls with weight `w` and travel `t` in a tour that is not
    /// overloaded: they wait with probability `c`.
    #[inline]
    pub fn add(&mut self, w: f64, t: f64, c: f64) {
        let b = bin(t);
        self.touch(b, b);
        self.mass[b] += (1.0 - c) * w;
        // Only waiting mass needs the sweep of `finish_group`.
        if c > 0.0 {
            self.waiting[b] += c * w;
            self.lo = self.lo.min(b);
            self.hi = self.hi.max(b);
        }
    }

    /// Calls in an overloaded tour: beyond the grid.
    #[inline]
    pub fn add_overloaded(&mut self, w: f64) {
        self.touch(BINS, BINS);
        self.mass[BINS] += w;
    }

    /// Spreads the unit-tour's waiting mass with exponential rate `theta` per minute.
    pub fn finish_group(&mut self, theta: f64) {
        if self.lo > self.hi {
            return;
        }
        let r = if theta.is_finite() {
            (-theta * BIN_MINUTES).exp()
        } else {
            0.0
        };
        self.touch(self.lo, BINS);
        let mut carry = 0.0;
        for k in self.lo..=self.hi.min(BINS - 1) {
            carry += self.waiting[k];
            self.waiting[k] = 0.0;
            let here = carry * (1.0 - r);
            self.mass[k] += here;
            carry -= here;
        }
        // Calls whose travel alone is beyond the grid.
        carry += self.waiting[BINS];
        self.waiting[BINS] = 0.0;
        if carry > 0.0 {
            if self.hi + 1 < BINS {
                self.tails.push((self.hi + 1, carry, r));
            } else {
                self.mass[BINS] += carry;
            }
        }
        self.lo = usize::MAX;
        self.hi = 0;
    }

    /// Adds another grid's finished calls (its waiting mass must have been spread
    /// with `finish_group`).
    pub fn absorb(&mut self, other: &ResponseGrid) {
        let (first, last) = other.used;
        if first <= last {
            self.touch(first, last);
            for (m, o) in self.mass[first..=last]
                .iter_mut()
                .zip(&other.mass[first..=last])
            {
                *m += o;
            }
        }
        self.tails.extend_from_slice(&other.tails);
    }

    /// The q-quantile in minutes, interpolated within its bin, capped at
    /// `CAP_MINUTES`. It uses up the grid's tails: take it once, last.
    ///
    /// The walk goes `BLOCK` bins at a time while the quantile lies beyond the
    /// block (each tail's mass in a block in closed form: m·(1 − r^len)), then
    /// bin by bin inside the block that holds it.
    pub fn quantile(&mut self, q: f64) -> f64 {
        let total: f64 =
            self.mass.iter().sum::<f64>() + self.tails.iter().map(|t| t.1).sum::<f64>();
        if total <= 0.0 {
            return 0.0;
        }
        self.tails.sort_by_key(|t| t.0);
        let target = q * total;
        let mut seen = 0.0;
        let mut active = 0; // tails[..active] have started
        // r^BLOCK of each tail, for whole blocks.
        self.block_ratio.clear();
        self.block_ratio
            .extend(self.tails.iter().map(|t| t.2.powi(BLOCK as i32)));
        let mut k0 = 0;
        while k0 < BINS {
            let k1 = (k0 + BLOCK).min(BINS);
            // Tails that start inside the block, after those already active.
            let mut starting = active;
            while starting < self.tails.len() && self.tails[starting].0 < k1 {
                starting += 1;
            }
            let mut m: f64 = self.mass[k0..k1].iter().sum();
            for (t, rb) in self.tails[..active].iter().zip(&self.block_ratio) {
                m += if k1 - k0 == BLOCK {
                    t.1 * (1.0 - rb)
                } else {
                    t.1 * (1.0 - t.2.powi((k1 - k0) as i32))
                };
            }
            for t in &self.tails[active..starting] {
                m += t.1 * (1.0 - t.2.powi((k1 - t.0) as i32));
            }
            if seen + m < target {
                seen += m;
                for (t, rb) in self.tails[..active].iter_mut().zip(&self.block_ratio) {
                    t.1 *= if k1 - k0 == BLOCK {
                        *rb
                    } else {
                        t.2.powi((k1 - k0) as i32)
                    };
                }
                for t in &mut self.tails[active..starting] {
                    t.1 *= t.2.powi((k1 - t.0) as i32);
                }
                active = starting;
                k0 = k1;
                continue;
            }
            // The quantile is in this block: bin by bin.
            for k in k0..k1 {
                while active < self.tails.len() && self.tails[active].0 <= k {
                    active += 1;
                }
                let mut m = self.mass[k];
                for t in &mut self.tails[..active] {
                    let here = t.1 * (1.0 - t.2);
                    m += here;
                    t.1 -= here;
                }
                if m > 0.0 && seen + m >= target {
                    return (k as f64 + (target - seen) / m) * BIN_MINUTES;
                }
                seen += m;
            }
            // Rounding put the quantile just past the block: go on from here.
            k0 = k1;
        }
        CAP_MINUTES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_waiting_gives_the_travel_distribution() {
        let mut g = ResponseGrid::default();
        for t in 0..10 {
            g.add(1.0, t as f64 * 2.0 + 0.1, 0.0);
        }
        g.finish_group(1.0);
        // 90% of calls are within the 9th travel time (16.1 min, bin 16.0-16.5).
        let p90 = g.quantile(0.9);
        assert!((16.0..=16.5).contains(&p90), "{p90}");
    }

    #[test]
    fn exponential_waits_match_the_closed_form() {
        // All calls travel 0 and always wait, rate 0.1/min: P90 = ln(10)/0.1 = 23.03.
        let mut g = ResponseGrid::default();
        g.add(1.0, 0.0, 1.0);
        g.finish_group(0.1);
        let p90 = g.quantile(0.9);
        assert!((p90 - 23.026).abs() < BIN_MINUTES, "{p90}");
    }

    #[test]
    fn absorbed_grids_give_the_percentile_of_all_their_calls() {
        // Two units: 5 calls at 1 min and 5 that always wait (rate 0.1/min).
        let (mut a, mut b, mut all) = (
            ResponseGrid::default(),
            ResponseGrid::default(),
            ResponseGrid::default(),
        );
        a.add(5.0, 1.0, 0.0);
        a.finish_group(1.0);
        b.add(5.0, 0.0, 1.0);
        b.finish_group(0.1);
        all.add(5.0, 1.0, 0.0);
        all.finish_group(1.0);
        all.add(5.0, 0.0, 1.0);
        all.finish_group(0.1);
        let mut merged = ResponseGrid::default();
        merged.absorb(&a);
        merged.absorb(&b);
        assert!((merged.quantile(0.9) - all.quantile(0.9)).abs() < 1e-9);
    }

    #[test]
    fn overload_beyond_ten_percent_caps_the_percentile() {
        let mut g = ResponseGrid::default();
        g.add(0.85, 5.0, 0.0);
        g.finish_group(1.0);
        g.add_overloaded(0.15);
        assert_eq!(g.quantile(0.9), CAP_MINUTES);
    }
}
