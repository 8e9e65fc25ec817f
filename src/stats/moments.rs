//! Count, mean and sum of squared deviations, updated one value at a time
//! (Welford) and merged pairwise (Chan, Golub & LeVeque).

/// Running count, mean and sum of squared deviations (Welford).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    pub m2: f64,
}

impl Moments {
    /// Adds one value.
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// Merges another's moments (Chan et al.).
    pub fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        let (na, nb) = (self.n as f64, other.n as f64);
        self.mean += delta * nb / n as f64;
        self.m2 += other.m2 + delta * delta * na * nb / n as f64;
        self.n = n;
    }

    /// Sample variance (n − 1 denominator); 0 for fewer than two values.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            (self.m2 / (self.n - 1) as f64).max(0.0)
        }
    }

    /// Standard error of the mean.
    pub fn standard_error(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            (self.variance() / self.n as f64).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_of_halves_equals_whole() {
        let xs: Vec<f64> = (0..101)
            .map(|i| ((i * 37) % 17) as f64 * 0.5 - 3.0)
            .collect();
        let mut whole = Moments::default();
        xs.iter().for_each(|&x| whole.push(x));
        let (mut a, mut b) = (Moments::default(), Moments::default());
        xs[..40].iter().for_each(|&x| a.push(x));
        xs[40..].iter().for_each(|&x| b.push(x));
        a.merge(&b);
        assert_eq!(a.n, whole.n);
        assert!((a.mean - whole.mean).abs() < 1e-12);
        assert!((a.variance() - whole.variance()).abs() < 1e-10);
        let direct_mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let direct_var =
            xs.iter().map(|x| (x - direct_mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
        assert!((whole.mean - direct_mean).abs() < 1e-12);
        assert!((whole.variance() - direct_var).abs() < 1e-10);
    }
}
