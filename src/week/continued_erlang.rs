//! Erlang B and C for a real number of servers: the continued Erlang B function
//! (Jagerman 1974), which the version 2 response model needs where crews are
//! fractional (MODEL §5.1: expected crew-hours kept exact, no floor()) and where
//! I calls see c − (1 − π)·a_S effective servers (MODEL §5.3).
//!
//! For c = n + f (n whole, 0 ≤ f < 1), 1/B(f, a) = a ∫₀^∞ e^(−at) (1+t)^f dt
//! = e^a a^(−f) Γ(f+1, a), from the upper incomplete gamma function; then the
//! usual recursion 1/B(x+1) = 1 + (x+1)/a · 1/B(x) climbs n steps. At whole c
//! this is `queue::erlang_b` to rounding (the steps are taken two at a time).
//!
//! Pure functions of their arguments: no state, no randomness.

/// 1/B(f, a) for 0 ≤ f < 1 and a > 0.
fn inverse_b_fraction(f: f64, a: f64) -> f64 {
    if f == 0.0 {
        return 1.0;
    }
    let s = f + 1.0;
    if a >= s + 1.0 {
        // Γ(s, a) = e^(−a) a^s · h, h by Lentz's continued fraction; so
        // 1/B = e^a a^(−f) e^(−a) a^(f+1) h = a·h, with no overflow for large a.
        a * upper_gamma_fraction(s, a)
    } else {
        // Γ(s, a) = Γ(s) − γ(s, a) and γ(s, a) = e^(−a) a^s Σ aⁿ / (s(s+1)…(s+n)),
        // so 1/B = e^a a^(−f) Γ(s) − a Σ …
        a.exp() * a.powf(-f) * gamma(s) - a * lower_gamma_series(s, a)
    }
}

/// h with Γ(s, x) = e^(−x) x^s h (x ≥ s + 1, where it converges fast):
/// h = 1/(x + 1 − s + a₁/(x + 3 − s + a₂/(…))), aᵢ = −i(i − s), by its
/// convergents Pₙ/Qₙ from the forward (Wallis) recurrence. Unlike Lentz's
/// method it needs no division inside the recurrence, only one per convergent
/// off its critical path; P and Q are rescaled before they could overflow.
fn upper_gamma_fraction(s: f64, x: f64) -> f64 {
    const HUGE: f64 = 1e100;
    let mut b = x + 1.0 - s;
    // (P, Q) of the current and the previous convergent.
    let (mut p, mut q) = (1.0, b);
    let (mut p_prev, mut q_prev) = (0.0, 1.0);
    let mut h = p / q;
    for i in 1..500 {
        let an = -f64::from(i) * (f64::from(i) - s);
        b += 2.0;
        let (p_next, q_next) = (b * p + an * p_prev, b * q + an * q_prev);
        (p_prev, q_prev, p, q) = (p, q, p_next, q_next);
        if q.abs() > HUGE {
            (p_prev, q_prev, p, q) = (p_prev / HUGE, q_prev / HUGE, p / HUGE, q / HUGE);
        }
        let next = p / q;
        if (next - h).abs() <= 1e-16 * next.abs() {
            return next;
        }
        h = next;
    }
    h
}

/// Σ xⁿ / (s(s+1)…(s+n)) (x < s + 1, where it converges fast).
fn lower_gamma_series(s: f64, x: f64) -> f64 {
    let mut term = 1.0 / s;
    let mut sum = term;
    let mut k = s;
    for _ in 0..500 {
        k += 1.0;
        term *= x / k;
        sum += term;
        if term.abs() < sum.abs() * 1e-17 {
            break;
        }
    }
    sum
}

/// Γ(s) for 1 ≤ s ≤ 2, by the Lanczos approximation (g = 7, nine terms;
/// relative error about 1e-15).
fn gamma(s: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let z = s - 1.0;
    let mut x = C[0];
    for (i, &c) in C.iter().enumerate().skip(1) {
        x += c / (z + i as f64);
    }
    let t = z + G + 0.5;
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(z + 0.5) * (-t).exp() * x
}

/// Erlang B for a real number of servers `c ≥ 0` and offered load `a` (Erlangs):
/// the continued function, equal to `queue::erlang_b` at whole `c`.
pub fn erlang_b_real(c: f64, a: f64) -> f64 {
    let c = c.max(0.0);
    if a <= 0.0 {
        return if c == 0.0 { 1.0 } else { 0.0 };
    }
    let n = c.floor();
    let f = c - n;
    let inv_a = 1.0 / a;
    let mut r = inverse_b_fraction(f, a);
    // The reciprocal recursion of `queue::erlang_b`, from f instead of 0, two
    // steps at a time: r ← 1 + x₂ + x₂x₁·r with x = (f + k)/a, so that only one
    // multiply-add a pair lies on the chain from one r to the next.
    let mut k = 1.0;
    while k + 1.0 <= n {
        let x1 = (f + k) * inv_a;
        let x2 = (f + k + 1.0) * inv_a;
        r = (1.0 + x2) + (x2 * x1) * r;
        k += 2.0;
    }
    if k <= n {
        r = 1.0 + r * (f + k) * inv_a;
    }
    1.0 / r
}

/// Erlang C (probability an arriving call waits) for a real number of servers
/// `c` and load `a < c`; `None` when `a ≥ c` (overload).
pub fn erlang_c_real(c: f64, a: f64) -> Option<f64> {
    if c <= 0.0 || a >= c {
        return None;
    }
    if a <= 0.0 {
        return Some(0.0);
    }
    let b = erlang_b_real(c, a);
    Some((c * b / (c - a * (1.0 - b))).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::queue::{erlang_b, erlang_c};

    const LOADS: [f64; 9] = [0.05, 0.3, 1.0, 1.9, 2.5, 7.5, 20.0, 35.0, 120.0];

    /// 1/B(c, a) = a ∫₀^∞ e^(−at)(1+t)^c dt by Simpson's rule on u = a·t,
    /// an oracle that shares nothing with the code under test.
    fn inverse_b_by_quadrature(c: f64, a: f64) -> f64 {
        let upper = 60.0 + 2.0 * c;
        let n = 400_000;
        let h = upper / n as f64;
        let g = |u: f64| (-u).exp() * (1.0 + u / a).powf(c);
        let mut sum = g(0.0) + g(upper);
        for i in 1..n {
            sum += g(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0
    }

    #[test]
    fn whole_servers_give_the_integer_erlang_b_to_rounding() {
        for &a in &LOADS {
            for c in 0..60u32 {
                let (x, y) = (erlang_b_real(f64::from(c), a), erlang_b(c, a));
                assert!(
                    (x - y).abs() <= 1e-14 * y || (x == 0.0 && y < 1e-300),
                    "c {c}, a {a}: {x} vs {y}"
                );
            }
        }
    }

    #[test]
    fn fractional_servers_match_the_integral_definition() {
        for &a in &[0.3, 1.0, 2.5, 7.5, 20.0] {
            for &c in &[0.25, 0.5, 0.999, 1.5, 3.3, 7.75, 12.1] {
                let want = 1.0 / inverse_b_by_quadrature(c, a);
                let got = erlang_b_real(c, a);
                assert!(
                    ((got - want) / want).abs() < 1e-7,
                    "c {c}, a {a}: {got} against {want}"
                );
            }
        }
    }

    #[test]
    fn the_function_is_continuous_and_decreasing_in_servers() {
        for &a in &LOADS {
            let mut last = erlang_b_real(0.0, a);
            assert_eq!(last, 1.0);
            for i in 1..=800 {
                let c = f64::from(i) * 0.05;
                let b = erlang_b_real(c, a);
                assert!(b < last, "a {a}: B({c}) = {b} not below {last}");
                assert!(b > 0.0 || c > 10.0 * a);
                last = b;
            }
            for n in 1..40u32 {
                let whole = erlang_b(n, a);
                let below = erlang_b_real(f64::from(n) - 1e-9, a);
                assert!(
                    (below - whole).abs() <= 1e-7 * whole.max(1e-300),
                    "a {a}: B just below {n} is {below}, at {n} {whole}"
                );
            }
        }
    }

    #[test]
    fn erlang_c_agrees_at_whole_servers_and_reports_overload() {
        for &a in &[0.5, 2.0, 8.0] {
            for c in 1..30u32 {
                let (real, whole) = (erlang_c_real(f64::from(c), a), erlang_c(c, a));
                match (real, whole) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-15),
                    (None, None) => {}
                    other => panic!("c {c}, a {a}: {other:?}"),
                }
            }
        }
        assert_eq!(erlang_c_real(2.5, 2.5), None);
        assert_eq!(erlang_c_real(0.0, 0.1), None);
        // More (fractional) servers, less waiting.
        let (x, y) = (
            erlang_c_real(3.2, 2.5).unwrap(),
            erlang_c_real(3.4, 2.5).unwrap(),
        );
        assert!(y < x && x < 1.0);
    }

    #[test]
    fn the_gamma_function_is_right_on_its_range() {
        assert!((gamma(1.0) - 1.0).abs() < 1e-14);
        assert!((gamma(2.0) - 1.0).abs() < 1e-14);
        assert!((gamma(1.5) - std::f64::consts::PI.sqrt() / 2.0).abs() < 1e-14);
    }
}
