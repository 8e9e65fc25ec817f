//! The weeks the optimiser plans against: for each sampled week, the response
//! workload of every borough and the neighbourhood demand of every ward (MODEL §6).
//!
//! Weeks come from `week::sample_demand` on streams disjoint from the
//! evaluation draws, so the allocation is judged on weeks it never saw. This module
//! must not know about command units or decision variables.

use crate::model::Params;
use crate::plan::Plan;
use crate::week::{DrawDemand, draw_rng, sample_demand};

/// First stream of the in-sample weeks. Evaluation draws use streams 0, 1, 2, …,
/// so in-sample weeks never coincide with them.
pub const IN_SAMPLE_STREAM: u64 = 1 << 62;
/// Replication k of the optimality-gap estimate uses streams from
/// `GAP_STREAM + k · 2^32`.
pub const GAP_STREAM: u64 = 1 << 63;

/// One week as the optimiser sees it.
#[derive(Debug, Clone, Default)]
pub struct Week {
    /// Officer-hours of response work per borough (calls × officers × (service +
    /// travel both ways), plus its share of surge aid).
    pub borough_response: Vec<f64>,
    /// Neighbourhood hours per ward.
    pub neighbourhood: Vec<f64>,
    /// A surge at or above the ring-fence exception severity happened.
    pub exceptional: bool,
}

/// Weeks side by side, week-major: week s's boroughs are
/// `borough_response[s * boroughs .. (s + 1) * boroughs]`.
#[derive(Debug, Clone)]
pub struct Sample {
    pub weeks: usize,
    pub boroughs: usize,
    pub wards: usize,
    pub borough_response: Vec<f64>,
    pub neighbourhood: Vec<f64>,
    pub exceptional: Vec<bool>,
}

impl Sample {
    /// Weeks `first_stream .. first_stream + weeks` of the scenario's seed.
    pub fn draw(plan: &Plan, p: &Params, first_stream: u64, weeks: usize) -> Sample {
        let mut sample = Sample {
            weeks,
            boroughs: plan.borough_wards.len(),
            wards: plan.wards.len(),
            borough_response: Vec::with_capacity(weeks * plan.borough_wards.len()),
            neighbourhood: Vec::with_capacity(weeks * plan.wards.len()),
            exceptional: Vec::with_capacity(weeks),
        };
        let mut demand = DrawDemand::default();
        let mut week = Week::default();
        for s in 0..weeks as u64 {
            let mut rng = draw_rng(p.run.seed, first_stream + s);
            sample_demand(plan, p, &mut rng, &mut demand);
            week_of(plan, p, &demand, &mut week);
            sample
                .borough_response
                .extend_from_slice(&week.borough_response);
            sample.neighbourhood.extend_from_slice(&week.neighbourhood);
            sample.exceptional.push(week.exceptional);
        }
        sample
    }

    /// In-sample week `s`: each borough's response workload hours.
    pub fn borough_response(&self, s: usize) -> &[f64] {
        &self.borough_response[s * self.boroughs..(s + 1) * self.boroughs]
    }

    /// In-sample week `s`: each ward's neighbourhood demand hours.
    pub fn neighbourhood(&self, s: usize) -> &[f64] {
        &self.neighbourhood[s * self.wards..(s + 1) * self.wards]
    }
}

/// Converts one sampled week into the optimiser's terms.
pub fn week_of(plan: &Plan, p: &Params, d: &DrawDemand, out: &mut Week) {
    let r = &p.response;
    out.borough_response.clear();
    out.neighbourhood.clear();
    let total_workload: f64 = plan.units.iter().map(|u| u.workload_hours).sum();
    let surge_hours: f64 = d.events.iter().map(|e| e.officer_hours).sum();
    for (b, wards) in plan.borough_wards.iter().enumerate() {
        // Calls are counted per borough; they fall on its wards in proportion to
        // this week's intensity, which sets the travel each call carries.
        let (mut weight, mut travel_h, mut expected_load) = (0.0, 0.0, 0.0);
        for &w in wards {
            let wp = &plan.wards[w];
            let x = wp.i_rate * d.ward_multiplier[w];
            weight += x;
            travel_h += x * 2.0 * wp.travel_own / 60.0;
            let (hi, hs) = plan.call_hours(p, w);
            expected_load += wp.i_rate * hi + wp.s_rate * hs;
        }
        let travel_h = if weight > 0.0 { travel_h / weight } else { 0.0 };
        let calls = d.borough_i[b] * r.i_officers * (r.i_service_hours + travel_h)
            + d.borough_s[b] * r.s_officers * (r.s_service_hours + travel_h);
        // Surge aid falls on response in proportion to expected workload.
        let aid = if total_workload > 0.0 {
            surge_hours * expected_load / total_workload
        } else {
            0.0
        };
        out.borough_response.push(calls + aid);
    }
    for (w, wp) in plan.wards.iter().enumerate() {
        out.neighbourhood
            .push(wp.neighbourhood_hours * d.ward_multiplier[w]);
    }
    out.exceptional = d
        .events
        .iter()
        .any(|e| e.severity >= p.policy.ring_fence.exception_severity);
}
