//! How far the analytic queue formulas (`crews`, MODEL §5.3–5.4) are from the
//! event-level simulation (`fleet`) on a grid of crews, utilisation, I share of
//! the load and divertible share π, in steady state with no travel: the
//! comparison MODEL §5.3–5.4 asks for. Test code only.

use super::calls::{Call, mix};
use super::fleet::{self, Fleet, Here};
use crate::model::params::TourChange;
use crate::week::v2::crews::Load;
use crate::week::v2::waits::TourQueue;

/// Crew-hours per I and per S call.
const HOURS_I: f64 = 1.5;
const HOURS_S: f64 = 2.0;
const TARGET_I: f64 = 15.0;
const TARGET_S: f64 = 60.0;

/// A comparison at one grid point: (analytic, events, standard error of the
/// events figure from batch means) for I on-time, S on-time and S mean wait
/// (minutes).
#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub crews: u32,
    pub rho: f64,
    pub i_share: f64,
    pub pi: f64,
    pub i_on: (f64, f64, f64),
    pub s_on: (f64, f64, f64),
    pub s_mean: (f64, f64, f64),
}

/// Batches for the standard errors (consecutive calls: batch means).
const BATCHES: usize = 20;

/// Mean and batch-means standard error of the ratios num/den over batches.
fn batch_estimate(batches: &[(f64, f64)]) -> (f64, f64) {
    let (num, den) = batches
        .iter()
        .fold((0.0, 0.0), |(a, b), &(x, y)| (a + x, b + y));
    let mean = num / den;
    let ratios: Vec<f64> = batches
        .iter()
        .filter(|b| b.1 > 0.0)
        .map(|&(x, y)| x / y)
        .collect();
    let n = ratios.len() as f64;
    let m = ratios.iter().sum::<f64>() / n;
    let var = ratios.iter().map(|r| (r - m) * (r - m)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

fn share_within(q: &TourQueue, target: f64) -> f64 {
    q.on_time_and_mean(target, 0.0, |x| if x >= 0.0 { 1.0 } else { 0.0 })
        .0
}

/// Compares at one grid point with about `calls` simulated calls (after a
/// warm-up of a tenth of them).
pub fn compare(c: u32, rho: f64, i_share: f64, pi: f64, calls: usize, seed: u64) -> Point {
    let cf = f64::from(c);
    let lambda_i = i_share * rho * cf / HOURS_I;
    let lambda_s = (1.0 - i_share) * rho * cf / HOURS_S;
    let load = Load {
        crews: cf,
        lambda_i,
        lambda_s,
        hours_i: HOURS_I,
        hours_s: HOURS_S,
        divertible: pi,
        // Long enough that the finite-tour caps do not bind: steady state.
        tour_hours: 1e7,
    };
    let q = load.prepare().queues(0.0, 0.0);
    let analytic_s_mean = q.s.mean();
    let analytic = (
        share_within(&q.i, TARGET_I),
        share_within(&q.s, TARGET_S),
        analytic_s_mean,
    );

    // Poisson arrivals of both grades, exponential work.
    let mut x = mix(seed);
    let mut u = move || {
        x = mix(x);
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let rate = lambda_i + lambda_s;
    let mut t = 0.0;
    let mut list = Vec::with_capacity(calls);
    for _ in 0..calls {
        t += -u().ln() / rate;
        let is_i = u() < lambda_i / rate;
        let service = -u().ln() * if is_i { HOURS_I } else { HOURS_S };
        let divertible = !is_i && u() < pi;
        list.push(Call {
            time: t,
            ward: 0,
            borough: 0,
            is_i,
            divertible,
            atom: 0,
            service,
            eta: 1.0,
            nearest: 1.0,
            handling: 0.0,
        });
    }
    let fleet = Fleet {
        pool_group: vec![0],
        groups: 1,
        on_duty: vec![vec![c]],
        tour_hours: 1e9,
        tour_change: TourChange::Carry,
        crossing: false,
        patrol: true,
        patience_hours: None,
        crews_per_job: [1.0, 1.0],
    };
    let ready: Vec<f64> = list.iter().map(|c| c.time).collect();
    let zeros = vec![0; list.len()];
    let fates = fleet::run(&fleet, &list, &ready, &zeros, &zeros, &Here);
    let warm = calls / 10;
    let per = (calls - warm).div_ceil(BATCHES);
    // Per batch: (I on time, I calls), (S on time, S calls), (S wait, S calls).
    let mut b = vec![[(0.0, 0.0); 3]; BATCHES];
    for (k, (call, fate)) in list.iter().zip(&fates).skip(warm).enumerate() {
        let wait = (fate.sent.unwrap_or(f64::INFINITY) - call.time) * 60.0;
        let x = &mut b[k / per];
        if call.is_i {
            x[0].0 += f64::from(u8::from(wait <= TARGET_I));
            x[0].1 += 1.0;
        } else {
            x[1].0 += f64::from(u8::from(wait <= TARGET_S));
            x[1].1 += 1.0;
            x[2].0 += wait;
            x[2].1 += 1.0;
        }
    }
    let column = |j: usize| batch_estimate(&b.iter().map(|x| x[j]).collect::<Vec<_>>());
    let (i_on, s_on, s_mean) = (column(0), column(1), column(2));
    Point {
        crews: c,
        rho,
        i_share,
        pi,
        i_on: (analytic.0, i_on.0, i_on.1),
        s_on: (analytic.1, s_on.0, s_on.1),
        s_mean: (analytic.2, s_mean.0, s_mean.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid of MODEL §5.3: crews, utilisation, I share of load, π. Runs
    /// near saturation are longer: their queues take longer to settle.
    fn grid() -> Vec<Point> {
        let mut out = Vec::new();
        let mut seed = 1;
        for c in [3, 8, 15, 30] {
            for rho in [0.5, 0.8, 0.95] {
                for i_share in [0.2, 0.5] {
                    for pi in [0.0, 0.5, 1.0] {
                        seed += 1;
                        let calls = if rho > 0.9 { 1_500_000 } else { 400_000 };
                        out.push(compare(c, rho, i_share, pi, calls, seed));
                    }
                }
            }
        }
        out
    }

    /// MODEL §5.3–5.4: I on-time within 2 points, S on-time within 2.5 points
    /// and S mean wait within 6% (or half a minute, for waits of a few
    /// minutes), each beyond three standard errors of the simulated figure.
    /// With 3 crews, π = 0.5 and a small I share, I is 2.4–2.8 points more
    /// often on time than the simulation says (an I call finds a divertible
    /// crew less often than independent jobs would give, because diverting
    /// uses them up): there the tolerance is 3 points, as docs/model.md says.
    #[test]
    fn analytic_queues_agree_with_the_event_level_simulation() {
        let mut failures = Vec::new();
        for p in grid() {
            let row = format!(
                "c {:2} utilisation {:.2} I share {:.1} π {:.1}: I on time {:.3} vs {:.3} ± {:.3}, \
                 S on time {:.3} vs {:.3} ± {:.3}, S mean {:.1} vs {:.1} ± {:.1} min",
                p.crews,
                p.rho,
                p.i_share,
                p.pi,
                p.i_on.0,
                p.i_on.1,
                p.i_on.2,
                p.s_on.0,
                p.s_on.1,
                p.s_on.2,
                p.s_mean.0,
                p.s_mean.1,
                p.s_mean.2
            );
            let i_tolerance = if p.crews <= 3 { 0.03 } else { 0.02 };
            let i_ok = (p.i_on.0 - p.i_on.1).abs() <= i_tolerance + 3.0 * p.i_on.2;
            let s_ok = (p.s_on.0 - p.s_on.1).abs() <= 0.025 + 3.0 * p.s_on.2;
            let allowed = (0.06 * p.s_mean.1).max(0.5) + 3.0 * p.s_mean.2;
            let m_ok = (p.s_mean.0 - p.s_mean.1).abs() <= allowed;
            if !(i_ok && s_ok && m_ok) {
                failures.push(row);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn pre_emption_limits_are_exact() {
        // π = 1: I never waits for S, so it is M/M/c on its own load; π = 0:
        // non-pre-emptive priority. Both limits within a point at moderate load.
        for pi in [0.0, 1.0] {
            let p = compare(8, 0.8, 0.5, pi, 400_000, 99);
            assert!((p.i_on.0 - p.i_on.1).abs() < 0.01 + 3.0 * p.i_on.2, "{p:?}");
        }
    }
}
