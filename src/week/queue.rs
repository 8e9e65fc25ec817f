//! Queueing formulas for c identical servers (crews): Erlang B (loss) and Erlang C
//! (probability of waiting), computed by the stable recursion on B.

/// Erlang B: probability that all `c` servers are busy with offered load `a`
/// (Erlangs) when blocked calls are lost. `c = 0` gives 1.
pub fn erlang_b(c: u32, a: f64) -> f64 {
    if a <= 0.0 {
        return if c == 0 { 1.0 } else { 0.0 };
    }
    // 1/B(k) = 1 + (k/a)·(1/B(k−1)): the reciprocal recursion needs no division in
    // the loop. It may overflow to infinity when c ≫ a, giving B = 0, which is right.
    let inv_a = 1.0 / a;
    let mut r = 1.0;
    for k in 1..=c {
        r = 1.0 + r * f64::from(k) * inv_a;
    }
    1.0 / r
}

/// Erlang C: probability an arriving call waits, for `c` servers and load `a < c`.
/// Returns `None` when `a >= c` (overload: the queue grows without bound).
pub fn erlang_c(c: u32, a: f64) -> Option<f64> {
    let cf = f64::from(c);
    if c == 0 || a >= cf {
        return None;
    }
    if a <= 0.0 {
        return Some(0.0);
    }
    let b = erlang_b(c, a);
    Some((cf * b / (cf - a * (1.0 - b))).clamp(0.0, 1.0))
}

/// Mean wait in queue (in units of the mean service time) for M/M/c.
pub fn mean_wait(c: u32, a: f64) -> Option<f64> {
    erlang_c(c, a).map(|p| p / (f64::from(c) - a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_b_matches_table_values() {
        // Standard Erlang B table: 10 servers at 5 Erlangs blocks 1.84%; 5 at 2 E 3.67%.
        assert!((erlang_b(10, 5.0) - 0.018_385).abs() < 1e-5);
        assert!((erlang_b(5, 2.0) - 0.036_697).abs() < 1e-5);
        assert!((erlang_b(1, 1.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn erlang_c_matches_table_values() {
        // Published Erlang C values: 2 servers at 1 E wait with p = 1/3;
        // 10 servers at 8 E: 0.4092; 5 servers at 4 E: 0.5541.
        assert!((erlang_c(2, 1.0).unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert!((erlang_c(10, 8.0).unwrap() - 0.409_2).abs() < 1e-4);
        assert!((erlang_c(5, 4.0).unwrap() - 0.554_1).abs() < 1e-4);
        // One server: M/M/1 waits with probability rho.
        assert!((erlang_c(1, 0.7).unwrap() - 0.7).abs() < 1e-12);
    }

    #[test]
    fn overload_is_none_not_infinity() {
        assert_eq!(erlang_c(3, 3.0), None);
        assert_eq!(erlang_c(3, 4.5), None);
        assert_eq!(mean_wait(0, 0.5), None);
    }
}
