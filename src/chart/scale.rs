//! Linear scales and tick values that read well (1, 2, 2.5 or 5 times a power of ten).

/// Maps the domain [d0, d1] onto the range [r0, r1] (either may be reversed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        let (mut d0, mut d1) = domain;
        if !(d1 - d0).is_normal() {
            // A single value: give it some room so it sits mid-axis.
            let pad = if d0.abs() > 0.0 { d0.abs() * 0.1 } else { 1.0 };
            d0 -= pad;
            d1 += pad;
        }
        Linear {
            d0,
            d1,
            r0: range.0,
            r1: range.1,
        }
    }

    pub fn at(&self, x: f64) -> f64 {
        self.r0 + (x - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

fn step_for(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let f = raw / power;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// About `count` round values inside [lo, hi].
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !(hi - lo).is_normal() || hi < lo {
        return vec![lo];
    }
    let step = step_for(hi - lo, count);
    let first = (lo / step - 1e-9).ceil();
    let mut out = Vec::new();
    // Rounded to a hundredth of the step, so 3 × 0.2 is 0.6, not 0.6000000000000001.
    let unit = 10f64.powf(step.log10().floor() - 2.0);
    let mut k = first;
    while k * step <= hi + step * 1e-9 {
        let v = ((k * step) / unit).round() * unit;
        let v = (v * 1e12).round() / 1e12;
        out.push(if v.abs() < step * 1e-9 {
            0.0
        } else {
            v.clamp(lo, hi)
        });
        k += 1.0;
    }
    out
}

/// [lo, hi] widened to whole tick steps, so an axis starts and ends on a tick.
pub fn nice_bounds(lo: f64, hi: f64, count: usize) -> (f64, f64) {
    if !(hi - lo).is_normal() || hi < lo {
        return (lo, hi);
    }
    let step = step_for(hi - lo, count);
    let tidy = |v: f64| (v * 1e12).round() / 1e12;
    (
        tidy((lo / step).floor() * step),
        tidy((hi / step).ceil() * step),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_inside() {
        assert_eq!(ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let t = ticks(0.873, 0.951, 4);
        assert!(t.iter().all(|&x| (0.873..=0.951).contains(&x)), "{t:?}");
        assert!(t.len() >= 3);
        assert_eq!(nice_bounds(3.0, 97.0, 5), (0.0, 100.0));
    }

    #[test]
    fn a_scale_maps_ends_to_ends() {
        let s = Linear::new((10.0, 20.0), (100.0, 0.0));
        assert_eq!(s.at(10.0), 100.0);
        assert_eq!(s.at(20.0), 0.0);
        let flat = Linear::new((5.0, 5.0), (0.0, 10.0));
        assert_eq!(flat.at(5.0), 5.0);
    }
}
