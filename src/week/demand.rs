//! One week's demand, sampled from the draw's own stream (MODEL §4).
//!
//! Everything here depends only on the dataset, the demand and surge parameters,
//! the seed and the draw index, never on the allocation or the command structure,
//! so scenarios that differ in policy or structure see the same weeks (common
//! random numbers). Counts are sampled per borough (a fixed list) for the same reason.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Gamma, LogNormal, Poisson};

use crate::model::Params;
use crate::plan::Plan;

/// A surge event: officer-hours it needs and its severity (1–4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurgeEvent {
    pub officer_hours: f64,
    pub severity: u8,
}

/// One week's demand: London multiplier, month, ward multipliers, calls per borough and
/// surge events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawDemand {
    /// London-wide multiplier G.
    pub london: f64,
    /// Month of the crime series this week falls in.
    pub month: usize,
    /// Per-ward intensity multiplier G · season · ε_w.
    pub ward_multiplier: Vec<f64>,
    /// I and S calls this week per borough.
    pub borough_i: Vec<f64>,
    pub borough_s: Vec<f64>,
    pub events: Vec<SurgeEvent>,
    /// The key of the event-level simulation's streams (MODEL §5.7), drawn last
    /// so that everything above is the same whichever fidelity runs.
    pub event_key: u64,
}

/// The mean-1 gamma distribution with coefficient of variation `cv`; `None`
/// when the variate is 1 to double precision: `cv = 0`, or a `cv` so small that
/// its shape 1/cv² is not a finite number.
fn mean_one_gamma_dist(cv: f64) -> Option<Gamma<f64>> {
    if cv <= 0.0 {
        return None;
    }
    let shape = 1.0 / (cv * cv);
    Gamma::new(shape, 1.0 / shape).ok()
}

/// A mean-1 gamma variate with the given coefficient of variation (1 when cv = 0).
pub fn mean_one_gamma<R: Rng + ?Sized>(cv: f64, rng: &mut R) -> f64 {
    mean_one_gamma_dist(cv).map_or(1.0, |g| g.sample(rng))
}

pub fn poisson<R: Rng + ?Sized>(lambda: f64, rng: &mut R) -> f64 {
    if lambda <= 0.0 {
        return 0.0;
    }
    Poisson::new(lambda)
        .map(|d| d.sample(rng))
        .unwrap_or(lambda.round())
}

/// Samples one week into `out` (reusing its buffers).
pub fn sample_demand<R: Rng + ?Sized>(plan: &Plan, p: &Params, rng: &mut R, out: &mut DrawDemand) {
    let d = &p.demand;
    let months = plan.season.first().map_or(1, Vec::len).max(1);
    // Always consume the month variate, so later variates line up whether or not
    // seasonality is on.
    let month = rng.random_range(0..months);
    out.month = month;
    out.london = mean_one_gamma(d.london_cv, rng);
    out.ward_multiplier.clear();
    let ward_gamma = mean_one_gamma_dist(d.ward_cv);
    for w in &plan.wards {
        let season = if d.seasonality {
            plan.season[w.borough][month]
        } else {
            1.0
        };
        let eps = ward_gamma.as_ref().map_or(1.0, |g| g.sample(rng));
        out.ward_multiplier.push(out.london * season * eps);
    }
    out.borough_i.clear();
    out.borough_s.clear();
    for wards in &plan.borough_wards {
        let (mut li, mut ls) = (0.0, 0.0);
        for &w in wards {
            li += plan.wards[w].i_rate * out.ward_multiplier[w];
            ls += plan.wards[w].s_rate * out.ward_multiplier[w];
        }
        out.borough_i.push(poisson(li, rng));
        out.borough_s.push(poisson(ls, rng));
    }
    out.events.clear();
    let s = &p.surge;
    let k = poisson(s.events_per_week, rng) as usize;
    if k > 0 && s.median_officer_hours > 0.0 {
        // Validated parameters always make a distribution; were one not to, the
        // event size falls back to its median (the limit of a vanishing sigma).
        let size = LogNormal::new(s.median_officer_hours.ln(), s.sigma.max(1e-12)).ok();
        for _ in 0..k {
            let hours: f64 = size
                .as_ref()
                .map_or(s.median_officer_hours, |d| d.sample(rng));
            let severity = 1 + s
                .severity_thresholds
                .iter()
                .filter(|&&t| hours >= t)
                .count() as u8;
            out.events.push(SurgeEvent {
                officer_hours: hours,
                severity,
            });
        }
    }
    out.event_key = rng.next_u64();
}
