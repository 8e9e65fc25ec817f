//! The calls of a command unit's week for the event-level simulation (MODEL
//! §5.7): every I and S call of the week, with its ward, arrival time and the
//! random variates its handling, travel and service will use, and the other
//! traffic on the dispatch channels.
//!
//! The week's counts are those of the draw (`DrawDemand`, per borough), so the
//! analytic path and this one see the same week. Each borough's calls come from
//! their own stream, keyed by the draw's event key and the borough alone: a
//! scenario that merges boroughs, or moves officers, sees the same calls
//! (common random numbers), and so does any thread count or shard split.
//! Arrivals are uniform over the week's days, by tour with the demand tour
//! shares (MODEL §4), and flat within the tour.
//!
//! Draws random numbers only from the streams named above; no simulation here.

use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, StandardNormal};

use crate::model::Params;
use crate::plan::{ATOMS, Plan};
use crate::week::demand::{DrawDemand, poisson};

/// Days in the week.
pub const DAYS: usize = 7;
/// Hours in one tour.
pub const TOUR_HOURS: f64 = 8.0;

/// One I or S call.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    /// Hours from the start of the week.
    pub time: f64,
    pub ward: u32,
    /// Position of its borough in the unit's list.
    pub borough: u16,
    pub is_i: bool,
    /// S: whether an I call may take the crew from it (chance π).
    pub divertible: bool,
    /// Index of its travel atom in `"disc"` mode.
    pub atom: u8,
    /// On-scene hours.
    pub service: f64,
    /// Log-normal travel factor η (mean 1, log-σ `travel_sigma`).
    pub eta: f64,
    /// A standard exponential variate: the distance to the nearest free crew
    /// is m·√(4E/π) for a mean distance m (Rayleigh).
    pub nearest: f64,
    /// Dispatcher hours the call takes.
    pub handling: f64,
}

/// A dispatch job that is not an I or S call.
#[derive(Debug, Clone, Copy)]
pub struct OtherJob {
    pub time: f64,
    pub borough: u16,
    pub handling: f64,
}

/// SplitMix64: a well-mixed 64-bit value from `x`.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A uniform number in [0, 1) fixed by the key and the labels.
pub fn uniform(key: u64, labels: &[u64]) -> f64 {
    let h = labels.iter().fold(mix(key), |h, &l| mix(h ^ mix(l)));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// The calls and other jobs of a unit's week, calls in order of arrival.
#[derive(Debug, Default)]
pub struct UnitCalls {
    pub calls: Vec<Call>,
    pub other: Vec<OtherJob>,
}

/// Samples the calls of the boroughs `boroughs` (borough ids, in the unit's
/// order) of the draw.
pub fn unit_calls(plan: &Plan, p: &Params, d: &DrawDemand, boroughs: &[usize]) -> UnitCalls {
    let mut out = UnitCalls::default();
    for (k, &b) in boroughs.iter().enumerate() {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(d.event_key ^ mix(b as u64 + 1)));
        borough_calls(plan, p, d, b, k as u16, &mut rng, &mut out);
    }
    out.calls.sort_by(|x, y| {
        x.time
            .total_cmp(&y.time)
            .then(x.borough.cmp(&y.borough))
            .then(x.ward.cmp(&y.ward))
    });
    out.other
        .sort_by(|x, y| x.time.total_cmp(&y.time).then(x.borough.cmp(&y.borough)));
    out
}

/// Handling time sampler: mean τ hours, coefficient of variation cv.
struct Handling {
    tau: f64,
    gamma: Option<Gamma<f64>>,
}

impl Handling {
    fn new(p: &Params) -> Handling {
        let d = &p.dispatch;
        let tau = d.handling_minutes / 60.0;
        let cv = d.handling_cv;
        let gamma = if cv > 0.0 {
            Gamma::new(1.0 / (cv * cv), tau * cv * cv).ok()
        } else {
            None
        };
        Handling { tau, gamma }
    }

    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.gamma.as_ref().map_or(self.tau, |g| g.sample(rng))
    }
}

/// A time in the week: a day uniformly, a tour by the demand shares, flat
/// within the tour.
fn arrival<R: Rng + ?Sized>(p: &Params, rng: &mut R) -> f64 {
    let day = rng.random_range(0..DAYS) as f64;
    let u: f64 = rng.random();
    let shares = &p.demand.tour_shares;
    let total: f64 = shares.iter().sum();
    let mut acc = 0.0;
    let mut tour = shares.len() - 1;
    for (t, s) in shares.iter().enumerate() {
        acc += s / total;
        if u < acc {
            tour = t;
            break;
        }
    }
    day * 24.0 + tour as f64 * TOUR_HOURS + rng.random::<f64>() * TOUR_HOURS
}

fn exp1<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    -(1.0 - rng.random::<f64>()).ln()
}

#[allow(clippy::too_many_arguments)]
fn borough_calls<R: Rng + ?Sized>(
    plan: &Plan,
    p: &Params,
    d: &DrawDemand,
    b: usize,
    k: u16,
    rng: &mut R,
    out: &mut UnitCalls,
) {
    let r = &p.response;
    let sigma = r.model.travel_sigma;
    let pi = r.model.divertible_share;
    let handling = Handling::new(p);
    let wards = &plan.borough_wards[b];
    let (counts, mut n_calls) = ([d.borough_i[b], d.borough_s[b]], 0.0);
    for (grade, &count) in counts.iter().enumerate() {
        let is_i = grade == 0;
        // Cumulative weights of the borough's wards for this grade.
        let mut cum = Vec::with_capacity(wards.len());
        let mut total = 0.0;
        for &w in wards {
            let wp = &plan.wards[w];
            total += if is_i { wp.i_rate } else { wp.s_rate } * d.ward_multiplier[w];
            cum.push(total);
        }
        if total <= 0.0 || wards.is_empty() {
            continue;
        }
        let n = count.max(0.0) as usize;
        n_calls += n as f64;
        for _ in 0..n {
            let x = rng.random::<f64>() * total;
            let at = cum.partition_point(|&c| c <= x).min(wards.len() - 1);
            let time = arrival(p, rng);
            let z: f64 = StandardNormal.sample(rng);
            let eta = (sigma * z - 0.5 * sigma * sigma).exp();
            let service = exp1(rng)
                * if is_i {
                    r.i_service_hours
                } else {
                    r.s_service_hours
                };
            let divertible = rng.random::<f64>() < pi;
            let atom = rng.random_range(0..ATOMS) as u8;
            let nearest = exp1(rng);
            let handling = handling.sample(rng);
            out.calls.push(Call {
                time,
                ward: wards[at] as u32,
                borough: k,
                is_i,
                divertible: !is_i && divertible,
                atom,
                service,
                eta,
                nearest,
                handling,
            });
        }
    }
    // Other traffic: a share of all channel jobs (MODEL §5.5).
    let o = p.dispatch.other_traffic_share;
    if o > 0.0 && o < 1.0 {
        let m = poisson(n_calls * o / (1.0 - o), rng) as usize;
        for _ in 0..m {
            let time = arrival(p, rng);
            out.other.push(OtherJob {
                time,
                borough: k,
                handling: handling.sample(rng),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniforms_are_in_range_and_depend_on_every_label() {
        let a = uniform(7, &[1, 2, 3]);
        assert!((0.0..1.0).contains(&a));
        assert_ne!(a, uniform(7, &[1, 2, 4]));
        assert_ne!(a, uniform(8, &[1, 2, 3]));
        assert_eq!(a, uniform(7, &[1, 2, 3]));
        let mean = (0..10_000).map(|i| uniform(3, &[i])).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }
}
