//! One command unit's week under the version 2 response model (MODEL §5),
//! the analytic path: from the unit's tours (`tours`: crews from the roster,
//! flex, loads, dispatch waits), the queues of each crew group (the whole unit,
//! or each borough when crews keep to borough lines) with backlogs carried from
//! tour to tour through the week when any tour is short of crews (§5.6), and
//! every ward's outcome (`ward`).
//!
//! Deterministic given its inputs; no randomness here.

use super::crews::{Crews, Load};
use super::sums::UnitSums;
use super::tours::{TourState, spread_pulled, unit_tours};
use super::ward::{GroupTour, Sinks, Travel, ward_outcomes, wards_alike};
use crate::model::params::TravelModel;
use crate::model::{Allocation, Params};
use crate::plan::Plan;
use crate::week::demand::DrawDemand;
use crate::week::outcome::{DrawOutcome, Scratch, ward as W};
use crate::week::response_time::ResponseGrid;

/// Days of the week a backlog is carried through when any tour is short.
const DAYS: usize = 7;

/// Evaluates unit `u` of the draw; writes its wards' response outcomes.
#[allow(clippy::too_many_arguments)]
pub fn unit_week(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    d: &DrawDemand,
    u: usize,
    sc: &mut Scratch,
    out: &mut DrawOutcome,
) -> UnitSums {
    let unit = &plan.units[u];
    let r = &p.response;
    let mut sums = UnitSums::default();
    super::tours::clear_wards(unit, out);
    let ut = unit_tours(plan, p, a, d, u, sc, &mut sums);
    // Wards that differ in travel keep their own grids for their percentiles.
    let alike = wards_alike(p);
    if !alike {
        sc.ward_grids
            .resize_with(plan.wards.len(), Default::default);
        for &w in &unit.wards {
            sc.ward_grids[w].iter_mut().for_each(ResponseGrid::clear);
        }
    }
    let (groups, tours) = (&ut.groups, &ut.tours);
    // Tours in order, day after day, carrying each group's backlog. A day that
    // starts with the backlog the day before started with repeats it exactly,
    // and so do all the days after it: it is evaluated once, weighted for all.
    let days = day_weights(p, tours, groups.len(), ut.short);
    let centroid = r.model.travel_model != TravelModel::Patrol;
    for (start, weight) in days {
        let mut backlog = start;
        for tour in tours {
            for (g, group) in groups.iter().enumerate() {
                let q: Crews = tour.prepared[g].queues(backlog[g].0, backlog[g].1);
                backlog[g] = carried(p, &tour.loads[g], &q);
                let travel = if centroid {
                    Travel::Centroid
                } else {
                    Travel::Patrol {
                        field: group.field,
                        unit_field: &unit.field,
                        crossing: tour.crossing[g],
                    }
                };
                let gt = GroupTour {
                    crews: &q,
                    waits: &tour.waits,
                    share: tour.share,
                    weight,
                    travel,
                    base_busy: &tour.base_busy,
                };
                // Each borough's calls go to its own grids.
                for &k in &group.boroughs {
                    let b = unit.boroughs[k];
                    let [grid_i, grid_s] = &mut sc.borough_grids[b];
                    let mut sinks = Sinks {
                        wards: &mut out.wards,
                        grid_i,
                        grid_s,
                        ward_grids: (!alike).then_some(&mut sc.ward_grids[..]),
                        sums: &mut sums,
                    };
                    ward_outcomes(plan, p, d, &plan.borough_wards[b], k, &gt, &mut sinks);
                }
                let (ri, rs) = q_rates(&q);
                for &k in &group.boroughs {
                    let [grid_i, grid_s] = &mut sc.borough_grids[unit.boroughs[k]];
                    grid_i.finish_group(ri);
                    grid_s.finish_group(rs);
                    if !alike {
                        for &w in &plan.borough_wards[unit.boroughs[k]] {
                            let [ward_i, ward_s] = &mut sc.ward_grids[w];
                            ward_i.finish_group(ri);
                            ward_s.finish_group(rs);
                        }
                    }
                }
            }
        }
    }

    if !alike {
        for &w in &unit.wards {
            let [ward_i, ward_s] = &mut sc.ward_grids[w];
            out.wards[w][W::I_P90_RESPONSE] = ward_i.quantile(0.9);
            out.wards[w][W::S_P90_RESPONSE] = ward_s.quantile(0.9);
        }
    }
    spread_pulled(sc, unit, a, sums.pulled, ut.ward_officers);
    sums
}

/// The days of the week to evaluate: each with the backlogs (I, all calls) of
/// every group at its start and its weight. The week starts empty; once a day
/// starts as the day before did, it and every later day are the same, so it is
/// the last one evaluated and carries the weight of all of them.
fn day_weights(
    p: &Params,
    tours: &[TourState],
    groups: usize,
    short: bool,
) -> Vec<(Vec<(f64, f64)>, f64)> {
    let empty = vec![(0.0, 0.0); groups];
    if !short {
        return vec![(empty, 1.0)];
    }
    let mut out: Vec<(Vec<(f64, f64)>, f64)> = Vec::with_capacity(DAYS);
    let mut start = empty;
    for day in 0..DAYS {
        let mut end = start.clone();
        for tour in tours {
            for (g, b) in end.iter_mut().enumerate() {
                let q = tour.prepared[g].queues(b.0, b.1);
                *b = carried(p, &tour.loads[g], &q);
            }
        }
        if end == start {
            out.push((start, (DAYS - day) as f64 / DAYS as f64));
            return out;
        }
        out.push((start, 1.0 / DAYS as f64));
        start = end;
    }
    out
}

/// The backlogs (I calls, all calls) a tour leaves to the next. With
/// `s_patience_hours`, no call older than the patience is still waiting
/// (assumption: the queue of all calls holds at most λ × patience of them; I
/// calls, which never lapse, are a small part of it).
fn carried(p: &Params, l: &Load, q: &Crews) -> (f64, f64) {
    let all = q.s.backlog_after();
    let all = match p.response.model.s_patience_hours {
        Some(h) => all.min((l.lambda_i + l.lambda_s) * h),
        None => all,
    };
    (q.i.backlog_after(), all)
}

/// The exponential rates of the steady parts of a group's I and S queues.
fn q_rates(q: &Crews) -> (f64, f64) {
    use super::waits::TourQueue;
    let rate = |t: &TourQueue| match *t {
        TourQueue::Steady(s) => s.rate,
        TourQueue::Fluid { after, .. } => after.rate,
    };
    (rate(&q.i), rate(&q.s))
}
