//! What a command unit's tours hold before any call is answered, shared by the
//! analytic path (`unit`) and the event-level simulation (`events`): its crew
//! groups and dispatch channel groups, and for each tour the crews on duty from
//! the roster (real-valued, MODEL §5.1) after flex, each group's load, the
//! dispatch waits and overload of its channel groups (§5.5), and the unit's
//! work, capacity, overload and pulled hours.
//!
//! Deterministic given its inputs; no randomness here.

use super::crews::{Load, Prepared};
use super::dispatch::{DispatchWait, dispatch_wait};
use super::sums::UnitSums;
use crate::model::params::{Channels, Deployment, TOUR_HOURS_PER_WEEK, TravelModel};
use crate::model::{Allocation, Params};
use crate::plan::{Field, Plan, UnitPlan, mean_drive};
use crate::week::continued_erlang::erlang_b_real;
use crate::week::demand::DrawDemand;
use crate::week::outcome::{DrawOutcome, Scratch, ward as W};

/// Hours in one tour.
pub const TOUR_HOURS: f64 = 8.0;
/// Fixed-point steps for the drives of calls that wait (patrol mode). On the
/// 2018 BCUs (2,000 draws) the first step moves London S on time 4.6 points, the
/// second 1.0 and two more 0.3 together; two keep the cost down.
const WAITED_DRIVE_STEPS: usize = 2;

/// A crew group: which of the unit's boroughs (positions in `unit.boroughs`) it
/// serves, its share of the unit's crews, and its patrol field.
pub struct Group<'p> {
    pub boroughs: Vec<usize>,
    pub crew_share: f64,
    pub field: &'p Field,
}

pub fn groups<'p>(p: &Params, unit: &'p UnitPlan) -> Vec<Group<'p>> {
    match p.dispatch.deployment {
        Deployment::BoroughLines if unit.boroughs.len() > 1 => (0..unit.boroughs.len())
            .map(|k| Group {
                boroughs: vec![k],
                crew_share: unit.borough_workload_share[k],
                field: &unit.borough_fields[k],
            })
            .collect(),
        _ => vec![Group {
            boroughs: (0..unit.boroughs.len()).collect(),
            crew_share: 1.0,
            field: &unit.field,
        }],
    }
}

/// Dispatch channel groups: (boroughs served, channels).
pub fn channel_groups(p: &Params, unit: &UnitPlan) -> Vec<(Vec<usize>, u32)> {
    let all: Vec<usize> = (0..unit.boroughs.len()).collect();
    match p.dispatch.channels {
        Channels::PerBorough => all.into_iter().map(|k| (vec![k], 1)).collect(),
        Channels::PerUnit => vec![(all, 1)],
        Channels::Count(k) => vec![(all, k)],
    }
}

/// A unit's week before any call is answered.
pub struct UnitTours<'p> {
    pub groups: Vec<Group<'p>>,
    /// Dispatch channel groups: (borough positions served, channels).
    pub channels: Vec<(Vec<usize>, u32)>,
    pub tours: Vec<TourState>,
    /// Some tour of some group is short of crews (a backlog can build).
    pub short: bool,
    /// The unit's ward officers (pulled hours fall on wards in proportion).
    pub ward_officers: f64,
}

/// Sets the response outcomes of the unit's wards to 0 before tours add to them.
pub fn clear_wards(unit: &UnitPlan, out: &mut DrawOutcome) {
    for &w in &unit.wards {
        let o = &mut out.wards[w];
        o[W::I_ON_TIME] = 0.0;
        o[W::S_ON_TIME] = 0.0;
        o[W::I_RESPONSE] = 0.0;
        o[W::S_RESPONSE] = 0.0;
    }
}

/// Pulled hours fall on the unit's wards in proportion to their officers.
pub fn spread_pulled(
    sc: &mut Scratch,
    unit: &UnitPlan,
    a: &Allocation,
    pulled: f64,
    ward_officers: f64,
) {
    if pulled > 0.0 && ward_officers > 0.0 {
        for &w in &unit.wards {
            sc.ward_pulled[w] = pulled * f64::from(a.ward_officers[w]) / ward_officers;
        }
    }
}

/// Prepares unit `u`'s tours; adds its work, capacity, overload, dispatch
/// overload and pulled hours to `sums`.
pub fn unit_tours<'p>(
    plan: &'p Plan,
    p: &Params,
    a: &Allocation,
    d: &DrawDemand,
    u: usize,
    sc: &mut Scratch,
    sums: &mut UnitSums,
) -> UnitTours<'p> {
    let unit = &plan.units[u];
    let r = &p.response;
    let crew = f64::from(r.crew_size);
    let h = plan.hours;
    let (unit_weight, unit_ward_officers, unit_ward_aid) =
        crate::week::recourse::base_travel(plan, a, d, unit, sc);
    let hours_available = (f64::from(a.response_officers[u]) * h - sc.unit_aid[u]).max(0.0);
    let ward_hours_available = (unit_ward_officers * h - unit_ward_aid).max(0.0);
    let roster = p.roster_shares();
    let groups = groups(p, unit);
    let channels = channel_groups(p, unit);
    let pi = r.model.divertible_share;

    // Everything about each tour that does not depend on the backlog.
    let mut tours: Vec<TourState> = Vec::with_capacity(3);
    let mut short = false;
    for (t, &share) in p.demand.tour_shares.iter().enumerate() {
        let per_hour = share / TOUR_HOURS_PER_WEEK;
        let mut crews = hours_available * roster[t] / TOUR_HOURS_PER_WEEK / crew;
        // Dispatch waits by borough position.
        let mut waits = vec![DispatchWait::NONE; unit.boroughs.len()];
        for (bs, k) in &channels {
            let li: f64 = bs.iter().map(|&k| d.borough_i[unit.boroughs[k]]).sum();
            let ls: f64 = bs.iter().map(|&k| d.borough_s[unit.boroughs[k]]).sum();
            let wait = dispatch_wait(*k, li * per_hour, ls * per_hour, &p.dispatch, TOUR_HOURS);
            sums.dispatch_groups += 1.0;
            if wait.overloaded {
                sums.dispatch_overload += 1.0;
            }
            for &k in bs {
                waits[k] = wait;
            }
        }
        let mut loads = group_loads(p, sc, unit, &groups, crews, d, per_hour, &[]);
        // Flex: pull on-duty ward officers into response when not ring-fenced.
        let offered: f64 = loads.iter().map(|l| l.offered().0 + l.offered().1).sum();
        let trigger = p.policy.flex.trigger_utilisation;
        if !p.policy.ring_fence.enabled && crews > 0.0 && offered / crews > trigger {
            let pullable =
                p.policy.flex.max_share * ward_hours_available * share / TOUR_HOURS_PER_WEEK / crew;
            let pulled = (offered / trigger - crews).min(pullable).max(0.0);
            if pulled > 0.0 {
                crews += pulled;
                sums.pulled += pulled * crew * TOUR_HOURS_PER_WEEK;
                loads = group_loads(p, sc, unit, &groups, crews, d, per_hour, &[]);
            }
        }
        // Calls that wait make their crews drive farther: the loads again, with
        // the chances of waiting the queues give, a fixed number of times.
        if r.model.travel_model == TravelModel::Patrol {
            for _ in 0..WAITED_DRIVE_STEPS {
                let waits: Vec<(f64, f64)> =
                    loads.iter().map(|l| l.prepare().wait_chances()).collect();
                if waits.iter().all(|&(i, s)| i == 0.0 && s == 0.0) {
                    break;
                }
                loads = group_loads(p, sc, unit, &groups, crews, d, per_hour, &waits);
            }
        }
        let offered: f64 = loads.iter().map(|l| l.offered().0 + l.offered().1).sum();
        let work = offered * crew * TOUR_HOURS_PER_WEEK;
        let cap = crews * crew * TOUR_HOURS_PER_WEEK;
        sums.work += work;
        sums.cap += cap;
        sums.unmet += (work - cap).max(0.0);
        if offered >= crews {
            sums.overload += 1.0;
        }
        let prepared: Vec<Prepared> = loads.iter().map(Load::prepare).collect();
        short |= prepared.iter().any(Prepared::short);
        let base_busy = base_busy(sc, unit, unit_weight, &loads, crews, pi);
        let crossing = (0..groups.len())
            .map(|g| crossing_chance(p, &loads, g, pi))
            .collect();
        tours.push(TourState {
            prepared,
            crossing,
            loads,
            waits,
            share,
            base_busy,
        });
    }
    UnitTours {
        groups,
        channels,
        tours,
        short,
        ward_officers: unit_ward_officers,
    }
}

/// A tour's crews, dispatch waits and base choice, which do not depend on the
/// backlog it inherits.
pub struct TourState {
    pub prepared: Vec<Prepared>,
    /// Per group, the chance an I call crosses borough lines (`crossing_chance`).
    pub crossing: Vec<f64>,
    pub loads: Vec<Load>,
    pub waits: Vec<DispatchWait>,
    pub share: f64,
    pub base_busy: Vec<f64>,
}

/// Centroid mode, several bases: the chance each base's crews are all busy for
/// an I call, from I's load plus the non-divertible S load (MODEL §5.3), on the
/// base's share of crews (continued Erlang B).
fn base_busy(
    sc: &Scratch,
    unit: &UnitPlan,
    unit_weight: f64,
    loads: &[Load],
    crews: f64,
    pi: f64,
) -> Vec<f64> {
    if unit.bases < 2 || unit_weight <= 0.0 {
        return vec![0.0; unit.bases];
    }
    let a: f64 = loads
        .iter()
        .map(|l| {
            let (ai, as_) = l.offered();
            ai + (1.0 - pi) * as_
        })
        .sum();
    (0..unit.bases)
        .map(|j| {
            let frac = sc.base_weight[j] / unit_weight;
            erlang_b_real(crews * unit.base_share[j], frac * a)
        })
        .collect()
}

/// Under borough lines, the chance that a crew of another borough of the unit
/// is free for an I call when all of the group's own are busy: Erlang B of the
/// rest of the unit on its I load and non-divertible S load. 0 with one group.
/// Only I calls cross (assumption: an emergency takes the nearest free crew
/// whatever its borough; an S call waits for its own borough's crew).
fn crossing_chance(p: &Params, loads: &[Load], g: usize, pi: f64) -> f64 {
    if loads.len() < 2 || p.dispatch.deployment != Deployment::BoroughLines {
        return 0.0;
    }
    let (mut c, mut a) = (0.0, 0.0);
    for (k, l) in loads.iter().enumerate() {
        if k != g {
            let (ai, as_) = l.offered();
            c += l.crews;
            a += ai + (1.0 - pi) * as_;
        }
    }
    if c <= 0.0 {
        0.0
    } else {
        1.0 - erlang_b_real(c, a)
    }
}

/// Each group's load in a tour with `crews` crews on duty in the unit, given
/// each group's chances that an I and an S call wait for a crew (`waits`, none
/// given: 0). In patrol mode a call that waits is reached from a random point of
/// the group's field by the first crew to free, and its crew is busy for that
/// drive, not the drive from the nearest free crew.
#[allow(clippy::too_many_arguments)]
fn group_loads(
    p: &Params,
    sc: &mut Scratch,
    unit: &UnitPlan,
    groups: &[Group],
    crews: f64,
    d: &DrawDemand,
    per_hour: f64,
    waits: &[(f64, f64)],
) -> Vec<Load> {
    let r = &p.response;
    let crew = f64::from(r.crew_size);
    let pi = r.model.divertible_share;
    groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let (wait_i, wait_s) = waits.get(k).copied().unwrap_or((0.0, 0.0));
            let c = crews * g.crew_share;
            let li: f64 = g
                .boroughs
                .iter()
                .map(|&k| d.borough_i[unit.boroughs[k]])
                .sum();
            let ls: f64 = g
                .boroughs
                .iter()
                .map(|&k| d.borough_s[unit.boroughs[k]])
                .sum();
            let (li, ls) = (li * per_hour, ls * per_hour);
            // One-way travel that service includes: in patrol mode a crew resumes
            // patrol from the scene (no return leg); from a base it drives back.
            let (out_i, out_s, legs) = match r.model.travel_model {
                TravelModel::Patrol => {
                    let on_scene = li * r.i_service_hours * r.i_officers / crew
                        + ls * r.s_service_hours * r.s_officers / crew;
                    let free = (c
                        - li * r.i_service_hours * r.i_officers / crew
                        - (1.0 - pi) * (on_scene - li * r.i_service_hours * r.i_officers / crew))
                        .max(0.25);
                    let drive = mean_drive(
                        g.field.area_km2,
                        free,
                        r.model.patrol_k,
                        r.road_factor,
                        r.speed_kmh,
                    );
                    let far = g.field.random_drive_minutes;
                    let out = |w: f64| r.turnout_minutes + (1.0 - w) * drive + w * far;
                    (out(wait_i), out(wait_s), 1.0)
                }
                TravelModel::Centroid | TravelModel::Disc => {
                    let t = centroid_mean_travel(sc, unit);
                    (t, t, 2.0)
                }
            };
            Load {
                crews: c,
                lambda_i: li,
                lambda_s: ls,
                hours_i: r.i_officers / crew * (r.i_service_hours + legs * out_i / 60.0),
                hours_s: r.s_officers / crew * (r.s_service_hours + legs * out_s / 60.0),
                divertible: pi,
                tour_hours: TOUR_HOURS,
            }
        })
        .collect()
}

/// Call-weighted mean travel from the wards' own bases (version 1's travel,
/// before base choice), minutes.
fn centroid_mean_travel(sc: &Scratch, unit: &UnitPlan) -> f64 {
    let total: f64 = sc.base_weight.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    (0..unit.bases)
        .map(|j| sc.base_weight[j] * sc.base_own[j])
        .sum::<f64>()
        / total
}
