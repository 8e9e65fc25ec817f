//! The event-level simulation of version 2 (MODEL §5.7, `[run] fidelity =
//! "events"`): every call of a command unit's week, from its arrival through
//! the dispatch channels (`channels`) to the crew that reaches it (`fleet`,
//! with travel from `travel`), each call's variates drawn in `calls`. Its
//! per-call response times give each ward's, borough's, unit's and London's
//! on-time shares, means and percentiles by construction. It is the reference
//! the analytic path (`unit`) is tested against.
//!
//! The unit's tours (crews from the roster after flex, dispatch overload, work
//! and capacity) come from `tours`, as the analytic path takes them; the crews
//! on duty in each tour are the real number of crews rounded at random
//! (⌊x⌋ + Bernoulli(x − ⌊x⌋), MODEL §5.1), so expected crew-hours are exact.
//!
//! Randomness comes only from the draw's event key (`DrawDemand::event_key`),
//! so results are the same on any thread count or shard split.

#[cfg(test)]
mod agreement;
mod calls;
mod channels;
mod fleet;
mod travel;

use calls::{DAYS, TOUR_HOURS, uniform, unit_calls};
use channels::dispatch_waits;
use fleet::{Fate, Fleet};
use travel::UnitReach;

use super::sums::UnitSums;
use super::tours::{UnitTours, clear_wards, spread_pulled, unit_tours};
use crate::model::params::{Deployment, TravelModel};
use crate::model::{Allocation, Params};
use crate::plan::{Plan, UnitPlan};
use crate::week::demand::DrawDemand;
use crate::week::outcome::{DrawOutcome, Scratch, ward as W};
use crate::week::response_time::CAP_MINUTES;

/// Evaluates unit `u` of the draw call by call; writes its wards' response
/// outcomes and adds its calls to London's response-time grids.
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
    clear_wards(unit, out);
    let ut = unit_tours(plan, p, a, d, u, sc, &mut sums);
    spread_pulled(sc, unit, a, sums.pulled, ut.ward_officers);

    let uc = unit_calls(plan, p, d, &unit.boroughs);
    let waits = dispatch_waits(&uc, &ut.channels, unit.boroughs.len());
    let pools = Pools::new(plan, p, unit, &ut);
    let crew = f64::from(r.crew_size);
    let fleet = Fleet {
        pool_group: pools.group.clone(),
        groups: ut.groups.len(),
        on_duty: pools.on_duty(d, u, &ut),
        tour_hours: TOUR_HOURS,
        tour_change: r.model.tour_change,
        crossing: p.dispatch.deployment == Deployment::BoroughLines && ut.groups.len() > 1,
        patrol: r.model.travel_model == TravelModel::Patrol,
        patience_hours: r.model.s_patience_hours,
        crews_per_job: [r.i_officers / crew, r.s_officers / crew],
    };
    let ready: Vec<f64> = uc
        .calls
        .iter()
        .zip(&waits)
        .map(|(c, w)| c.time + w)
        .collect();
    let group: Vec<usize> = uc
        .calls
        .iter()
        .map(|c| pools.group_of_borough[c.borough as usize])
        .collect();
    let own: Vec<usize> = uc
        .calls
        .iter()
        .zip(&group)
        .map(|(c, &g)| pools.own(g, plan.wards[c.ward as usize].base))
        .collect();
    let reach = UnitReach {
        plan,
        p,
        unit,
        fields: ut.groups.iter().map(|g| g.field).collect(),
        pool_group: pools.group.clone(),
        pool_base: pools.base.clone(),
    };
    let fates = fleet::run(&fleet, &uc.calls, &ready, &group, &own, &reach);
    outcomes(plan, unit, p, &uc.calls, &waits, &fates, sc, out, &mut sums);
    sums
}

/// Per-call outcomes into the wards, the unit's sums and London's grids.
#[allow(clippy::too_many_arguments)]
fn outcomes(
    plan: &Plan,
    unit: &UnitPlan,
    p: &Params,
    calls: &[calls::Call],
    waits: &[f64],
    fates: &[Fate],
    sc: &mut Scratch,
    out: &mut DrawOutcome,
    sums: &mut UnitSums,
) {
    let r = &p.response;
    // Calls per ward and grade, to turn the wards' sums into shares and means.
    let mut counts = vec![[0.0f64; 2]; plan.wards.len()];
    sc.ward_minutes
        .resize_with(plan.wards.len(), Default::default);
    for &w in &unit.wards {
        sc.ward_minutes[w].iter_mut().for_each(Vec::clear);
    }
    for (c, (call, fate)) in calls.iter().zip(fates).enumerate() {
        let w = call.ward as usize;
        let dispatch = waits[c] * 60.0;
        let target = if call.is_i {
            r.i_target_minutes
        } else {
            r.s_target_minutes
        };
        let (minutes, reached) = match (fate.sent, fate.lapsed) {
            (Some(sent), _) => ((sent - call.time) * 60.0 + fate.travel, true),
            // A lapsed call counts the time it waited, and is never on time.
            (None, true) => {
                let patience = r.model.s_patience_hours.unwrap_or(0.0);
                (dispatch + patience * 60.0, false)
            }
            // Never reached (a group without crews for weeks): censored at
            // the end of the simulation.
            (None, false) => ((fleet::HORIZON_HOURS + 168.0 - call.time) * 60.0, false),
        };
        let on = f64::from(u8::from(reached && minutes <= target));
        let o = &mut out.wards[w];
        let (on_at, resp_at) = if call.is_i {
            sums.i_on += on;
            sums.i_weight += 1.0;
            sums.i_resp += minutes;
            (W::I_ON_TIME, W::I_RESPONSE)
        } else {
            sums.s_on += on;
            sums.s_weight += 1.0;
            sums.s_resp += minutes;
            if fate.lapsed {
                sums.lapsed += 1.0;
            }
            (W::S_ON_TIME, W::S_RESPONSE)
        };
        o[on_at] += on;
        o[resp_at] += minutes;
        let b = &mut sc.borough_response[plan.wards[w].borough];
        let at = if call.is_i { 0 } else { 3 };
        b[at] += on;
        b[at + 1] += 1.0;
        b[at + 2] += minutes;
        counts[w][usize::from(!call.is_i)] += 1.0;
        sums.dispatch_wait += dispatch;
        let grade = usize::from(!call.is_i);
        let grid = &mut sc.borough_grids[plan.wards[w].borough][grade];
        // Calls that lapsed are not in the percentiles; calls never reached
        // are beyond the grid.
        match (reached, fate.lapsed) {
            (true, _) => {
                grid.add(1.0, minutes, 0.0);
                sc.ward_minutes[w][grade].push(minutes);
            }
            (false, false) => {
                grid.add_overloaded(1.0);
                sc.ward_minutes[w][grade].push(f64::INFINITY);
            }
            (false, true) => {}
        }
    }
    for &b in &unit.boroughs {
        for grid in &mut sc.borough_grids[b] {
            grid.finish_group(f64::INFINITY);
        }
    }
    // A ward without calls of a grade this week has no figure for it (NaN,
    // skipped when weeks are merged).
    for &w in &unit.wards {
        let o = &mut out.wards[w];
        let [i_minutes, s_minutes] = &mut sc.ward_minutes[w];
        o[W::I_P90_RESPONSE] = p90(i_minutes);
        o[W::S_P90_RESPONSE] = p90(s_minutes);
        for (grade, (on, resp)) in [(W::I_ON_TIME, W::I_RESPONSE), (W::S_ON_TIME, W::S_RESPONSE)]
            .into_iter()
            .enumerate()
        {
            let n = counts[w][grade];
            if n > 0.0 {
                o[on] /= n;
                o[resp] /= n;
            } else {
                o[on] = f64::NAN;
                o[resp] = f64::NAN;
            }
        }
    }
}

/// The 90th percentile of a week's response minutes: the ⌈0.9n⌉-th fastest of
/// n calls, capped at the response-time grid's end; NaN without calls.
fn p90(minutes: &mut [f64]) -> f64 {
    if minutes.is_empty() {
        return f64::NAN;
    }
    let k = (9 * minutes.len()).div_ceil(10) - 1;
    let (_, x, _) = minutes.select_nth_unstable_by(k, f64::total_cmp);
    x.min(CAP_MINUTES)
}

/// Where a unit's crews sit: one pool per crew group, or, when crews start
/// from bases, per group and base.
struct Pools {
    /// Group and base of each pool.
    group: Vec<usize>,
    base: Vec<usize>,
    /// Each pool's share of its group's crews.
    share: Vec<f64>,
    bases: usize,
    group_of_borough: Vec<usize>,
}

impl Pools {
    fn new(plan: &Plan, p: &Params, unit: &UnitPlan, ut: &UnitTours) -> Pools {
        let patrol = p.response.model.travel_model == TravelModel::Patrol;
        let bases = if patrol { 1 } else { unit.bases.max(1) };
        let mut group_of_borough = vec![0; unit.boroughs.len()];
        for (g, grp) in ut.groups.iter().enumerate() {
            for &k in &grp.boroughs {
                group_of_borough[k] = g;
            }
        }
        // A group's crews sit at the bases of its own wards, in proportion to
        // the bases' shares of the unit's crews.
        let mut serves = vec![vec![patrol; bases]; ut.groups.len()];
        if !patrol {
            for (k, &b) in unit.boroughs.iter().enumerate() {
                for &w in &plan.borough_wards[b] {
                    serves[group_of_borough[k]][plan.wards[w].base.min(bases - 1)] = true;
                }
            }
        }
        let (mut group, mut base, mut share) = (Vec::new(), Vec::new(), Vec::new());
        for (g, serves) in serves.iter().enumerate() {
            let weight = |j: usize| {
                if patrol {
                    1.0
                } else if serves[j] {
                    unit.base_share.get(j).copied().unwrap_or(0.0)
                } else {
                    0.0
                }
            };
            let total: f64 = (0..bases).map(weight).sum();
            for j in 0..bases {
                group.push(g);
                base.push(j);
                share.push(if total > 0.0 {
                    weight(j) / total
                } else {
                    1.0 / bases as f64
                });
            }
        }
        Pools {
            group,
            base,
            share,
            bases,
            group_of_borough,
        }
    }

    fn own(&self, group: usize, base: usize) -> usize {
        group * self.bases + base.min(self.bases - 1)
    }

    /// Crews on duty per pool in each tour of the week: the tour's real crews
    /// for the group times the pool's share, rounded at random.
    fn on_duty(&self, d: &DrawDemand, u: usize, ut: &UnitTours) -> Vec<Vec<u32>> {
        let tours = ut.tours.len();
        (0..DAYS * tours)
            .map(|k| {
                let tour = &ut.tours[k % tours];
                (0..self.group.len())
                    .map(|pool| {
                        let x = tour.loads[self.group[pool]].crews * self.share[pool];
                        let u = uniform(d.event_key, &[u as u64, k as u64, pool as u64]);
                        (x.max(0.0) + u).floor() as u32
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wards_percentile_is_its_ninth_fastest_of_ten() {
        let mut m: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(p90(&mut m), 9.0);
        assert_eq!(p90(&mut [3.0]), 3.0);
        assert_eq!(p90(&mut [1.0, f64::INFINITY]), CAP_MINUTES);
        assert!(p90(&mut []).is_nan());
    }
}
