//! Inside one draw (MODEL §5): given the allocation and the week's demand, work
//! out surge aid, then for each command unit its travel by base and, tour by
//! tour, crews, flex from wards, queueing for I and S calls and travel from
//! bases; then neighbourhood cover, and the London totals. Each step is a
//! function of its own, in that order.
//!
//! Deterministic given its inputs; no randomness here. Sums are taken in a fixed
//! order (units, then tours, then wards), which the bit-identical outputs rely on.

use super::demand::DrawDemand;
use super::london::shared_london;
use super::neighbourhood::{Cover, neighbourhood};
use super::outcome::{DrawOutcome, Scratch, london as L, unit as U, ward as W};
use super::queue::{erlang_b, erlang_c};
use super::surge::surge_aid;
use crate::model::metric::{UNIT_LEN, WARD_LEN};
use crate::model::params::TOUR_HOURS_PER_WEEK;
use crate::model::{Allocation, Params};
use crate::plan::{Plan, UnitPlan};

/// Longest mean wait the steady-state formulas may report, in minutes: one tour.
/// Assumption: near overload the steady-state wait grows without bound, but a queue
/// cannot build for longer than the 8-hour tour in which it forms; calls beyond
/// that are counted in unmet hours and overload instead.
const MAX_WAIT_MINUTES: f64 = 480.0;

/// P(wait ≤ x) for a wait that is 0 with probability 1 − c and otherwise
/// exponential with rate `theta` per minute.
#[inline]
fn within(x: f64, c: f64, theta: f64) -> f64 {
    if x < 0.0 {
        0.0
    } else {
        1.0 - c * (-theta * x).exp()
    }
}

/// On-time probability when the own base serves with probability 1 − pb and the
/// nearest other base otherwise (the second term is skipped when it cannot happen).
#[inline]
fn on_time(target: f64, pb: f64, t_own: f64, t_alt: f64, c: f64, theta: f64) -> f64 {
    let own = within(target - t_own, c, theta);
    if pb > 0.0 {
        (1.0 - pb) * own + pb * within(target - t_alt, c, theta)
    } else {
        own
    }
}

/// London-wide sums over units, in unit order.
#[derive(Default)]
struct LondonSums {
    i_on: f64,
    s_on: f64,
    weight: f64,
    i_resp: f64,
    i_resp_w: f64,
    s_resp: f64,
    s_resp_w: f64,
    work: f64,
    cap: f64,
    overload: f64,
    unmet: f64,
    flex: f64,
}

/// One command unit's sums over its tours.
#[derive(Default)]
struct UnitSums {
    i_on: f64,
    s_on: f64,
    i_resp: f64,
    i_resp_w: f64,
    s_resp: f64,
    work: f64,
    cap: f64,
    overload: f64,
    unmet: f64,
    pulled: f64,
}

/// A queue's state in a tour: probability of waiting, tail rate per minute, mean
/// wait in minutes. `None` when the tour is overloaded.
type Queue = Option<(f64, f64, f64)>;

/// Evaluates one draw into `out`.
pub fn evaluate(plan: &Plan, p: &Params, a: &Allocation, d: &DrawDemand, out: &mut DrawOutcome) {
    let nw = plan.wards.len();
    let nu = plan.units.len();
    out.units.resize(nu, [0.0; UNIT_LEN]);
    out.wards.resize(nw, [0.0; WARD_LEN]);
    // Scratch vectors reused across draws (taken out so `out` can be written meanwhile).
    let mut sc = std::mem::take(&mut out.scratch);
    sc.borough_response.clear();
    sc.ward_pulled.clear();
    sc.ward_pulled.resize(nw, 0.0);
    sc.ward_aid.clear();
    sc.ward_aid.resize(nw, 0.0);
    surge_aid(plan, p, a, d, &mut sc);

    sc.response.clear();
    sc.response_s.clear();
    let mut ldn = LondonSums::default();
    for (u, unit) in plan.units.iter().enumerate() {
        let (sums, unit_weight) = unit_week(plan, p, a, d, u, unit, &mut sc, out, &mut ldn);
        unit_outcome(&sums, unit_weight, sc.unit_aid[u], p, &mut out.units[u]);
        ldn.i_on += sums.i_on;
        ldn.s_on += sums.s_on;
        ldn.weight += unit_weight;
        ldn.i_resp += sums.i_resp;
        ldn.i_resp_w += sums.i_resp_w;
        ldn.work += sums.work;
        ldn.cap += sums.cap;
        ldn.overload += sums.overload;
        ldn.unmet += sums.unmet;
        ldn.flex += sums.pulled;
    }
    let cover = neighbourhood(plan, p, a, d, &mut sc, out);
    // Version 1 keeps one London grid; per-borough and per-ward percentiles are
    // version 2's.
    for ob in &mut out.boroughs {
        ob[super::outcome::borough::I_P90_RESPONSE] = f64::NAN;
        ob[super::outcome::borough::S_P90_RESPONSE] = f64::NAN;
    }
    for ow in &mut out.wards {
        ow[W::I_P90_RESPONSE] = f64::NAN;
        ow[W::S_P90_RESPONSE] = f64::NAN;
    }
    london_outcome(&ldn, cover, &mut sc, nu, p, d, out);
    out.scratch = sc;
}

/// One command unit's week: travel by base, then every tour. Writes the unit's
/// wards' response outcomes; returns the unit's sums and its I-call weight.
#[allow(clippy::too_many_arguments)]
fn unit_week(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    d: &DrawDemand,
    u: usize,
    unit: &UnitPlan,
    sc: &mut Scratch,
    out: &mut DrawOutcome,
    ldn: &mut LondonSums,
) -> (UnitSums, f64) {
    let h = plan.hours;
    let calls_i: f64 = unit.boroughs.iter().map(|&b| d.borough_i[b]).sum();
    let calls_s: f64 = unit.boroughs.iter().map(|&b| d.borough_s[b]).sum();
    let (unit_weight, unit_ward_officers, unit_ward_aid) = base_travel(plan, a, d, unit, sc);
    let hours_available = f64::from(a.response_officers[u]) * h - sc.unit_aid[u];
    let ward_hours_available = (unit_ward_officers * h - unit_ward_aid).max(0.0);
    let mut sums = UnitSums::default();
    for w in &unit.wards {
        out.wards[*w][W::I_ON_TIME] = 0.0;
        out.wards[*w][W::S_ON_TIME] = 0.0;
        out.wards[*w][W::I_RESPONSE] = 0.0;
        out.wards[*w][W::S_RESPONSE] = 0.0;
    }
    let tour = Tour {
        calls_i,
        calls_s,
        hours_available,
        ward_hours_available,
        unit_weight,
    };
    for &share in &p.demand.tour_shares {
        tour.run(plan, p, d, unit, share, sc, out, &mut sums, ldn);
    }
    // Pulled hours fall on the unit's wards in proportion to their officers.
    if sums.pulled > 0.0 && unit_ward_officers > 0.0 {
        for &w in &unit.wards {
            sc.ward_pulled[w] = sums.pulled * f64::from(a.ward_officers[w]) / unit_ward_officers;
        }
    }
    (sums, unit_weight)
}

/// Intensity-weighted travel per base, from this draw's ward multipliers, into
/// the scratch space; returns the unit's I-call weight, ward officers and the
/// surge aid its ward officers give.
pub(super) fn base_travel(
    plan: &Plan,
    a: &Allocation,
    d: &DrawDemand,
    unit: &UnitPlan,
    sc: &mut Scratch,
) -> (f64, f64, f64) {
    let nb = unit.bases;
    sc.base_weight.clear();
    sc.base_weight.resize(nb, 0.0);
    sc.base_own.clear();
    sc.base_own.resize(nb, 0.0);
    sc.base_alt.clear();
    sc.base_alt.resize(nb, 0.0);
    let mut unit_weight = 0.0;
    let mut unit_ward_officers = 0.0;
    let mut unit_ward_aid = 0.0;
    for &w in &unit.wards {
        let wp = &plan.wards[w];
        let weight = wp.i_rate * d.ward_multiplier[w];
        sc.base_weight[wp.base] += weight;
        sc.base_own[wp.base] += weight * wp.travel_own;
        sc.base_alt[wp.base] += weight * wp.travel_alt.unwrap_or(wp.travel_own);
        unit_weight += weight;
        unit_ward_officers += f64::from(a.ward_officers[w]);
        unit_ward_aid += sc.ward_aid[w];
    }
    for j in 0..nb {
        if sc.base_weight[j] > 0.0 {
            sc.base_own[j] /= sc.base_weight[j];
            sc.base_alt[j] /= sc.base_weight[j];
        }
    }
    (unit_weight, unit_ward_officers, unit_ward_aid)
}

/// What every tour of a unit's week shares.
struct Tour {
    /// I and S calls in the unit's week.
    calls_i: f64,
    calls_s: f64,
    /// Response officer-hours of the week left after surge aid.
    hours_available: f64,
    /// Ward officer-hours of the week left after surge aid.
    ward_hours_available: f64,
    unit_weight: f64,
}

impl Tour {
    /// One tour holding `share` of the week: crews on duty, which base serves,
    /// flex, the I and S queues, and every ward's outcome in it.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        plan: &Plan,
        p: &Params,
        d: &DrawDemand,
        unit: &UnitPlan,
        share: f64,
        sc: &mut Scratch,
        out: &mut DrawOutcome,
        sums: &mut UnitSums,
        ldn: &mut LondonSums,
    ) {
        let r = &p.response;
        let crew = f64::from(r.crew_size);
        let nb = unit.bases;
        let on_duty = self.hours_available * share / TOUR_HOURS_PER_WEEK;
        let mut crews = (on_duty / crew).floor().max(0.0) as u32;
        let lam_i = self.calls_i * share / TOUR_HOURS_PER_WEEK; // calls an hour
        let lam_s = self.calls_s * share / TOUR_HOURS_PER_WEEK;

        // Which base serves: own base unless all its crews are busy (Erlang loss
        // on the base's share of crews), then the nearest other base of the unit.
        let service = |travel_min: f64| {
            (
                r.i_officers / crew * (r.i_service_hours + 2.0 * travel_min / 60.0),
                r.s_officers / crew * (r.s_service_hours + 2.0 * travel_min / 60.0),
            )
        };
        sc.base_busy.clear();
        sc.base_busy.resize(nb, 0.0);
        let mut mean_travel = 0.0;
        for j in 0..nb {
            let frac = if self.unit_weight > 0.0 {
                sc.base_weight[j] / self.unit_weight
            } else {
                0.0
            };
            if nb > 1 {
                let base_crews = (f64::from(crews) * unit.base_share[j]).round() as u32;
                let (si, ss) = service(sc.base_own[j]);
                let load = frac * (lam_i * si + lam_s * ss);
                sc.base_busy[j] = erlang_b(base_crews, load);
            }
            let pb = sc.base_busy[j];
            mean_travel += frac * ((1.0 - pb) * sc.base_own[j] + pb * sc.base_alt[j]);
        }
        let (s_i, s_s) = service(mean_travel); // crew-hours per call
        let mut load_i = lam_i * s_i;
        let mut load = load_i + lam_s * s_s;

        // Flex: pull on-duty ward officers into response when not ring-fenced.
        let trigger = p.policy.flex.trigger_utilisation;
        if !p.policy.ring_fence.enabled && crews > 0 && load / f64::from(crews) > trigger {
            let wanted = (load / trigger).ceil() as u32 - crews;
            let pullable =
                p.policy.flex.max_share * self.ward_hours_available * share / TOUR_HOURS_PER_WEEK;
            let pulled = wanted.min((pullable / crew).floor() as u32);
            crews += pulled;
            sums.pulled += f64::from(pulled) * crew * TOUR_HOURS_PER_WEEK;
        }
        let cf = f64::from(crews);
        // Weekly officer-hours of work and of capacity in this tour.
        let work = load * crew * TOUR_HOURS_PER_WEEK;
        let cap = cf * crew * TOUR_HOURS_PER_WEEK;
        sums.work += work;
        sums.cap += cap;
        sums.unmet += (work - cap).max(0.0);
        if load >= cf {
            sums.overload += 1.0;
        }
        load_i = load_i.min(f64::MAX);
        load = load.min(f64::MAX);
        let (i_queue, s_queue) = queues(crews, load_i, load, lam_i, lam_s, s_i, s_s);

        for &w in &unit.wards {
            let wp = &plan.wards[w];
            let pb = sc.base_busy[wp.base];
            let t_own = wp.travel_own;
            let t_alt = wp.travel_alt.unwrap_or(t_own);
            let weight = wp.i_rate * d.ward_multiplier[w] * share;
            let travel = (1.0 - pb) * t_own + pb * t_alt;
            // In an overloaded tour no call is on time and each waits one full tour.
            let (on_i, wait_i) = match i_queue {
                Some((c, theta, wq)) => {
                    (on_time(r.i_target_minutes, pb, t_own, t_alt, c, theta), wq)
                }
                None => (0.0, MAX_WAIT_MINUTES),
            };
            let (on_s, wait_s) = match s_queue {
                Some((c, rate, wq)) => (on_time(r.s_target_minutes, pb, t_own, t_alt, c, rate), wq),
                None => (0.0, MAX_WAIT_MINUTES),
            };
            let o = &mut out.wards[w];
            o[W::I_ON_TIME] += share * on_i;
            o[W::S_ON_TIME] += share * on_s;
            o[W::I_RESPONSE] += share * (wait_i + travel);
            o[W::S_RESPONSE] += share * (wait_s + travel);
            sums.i_on += weight * on_i;
            sums.s_on += weight * on_s;
            sums.i_resp += weight * (wait_i + travel);
            sums.i_resp_w += weight;
            sums.s_resp += weight * (wait_s + travel);
            ldn.s_resp += weight * (wait_s + travel);
            ldn.s_resp_w += weight;
            match i_queue {
                Some((c, _, _)) => {
                    sc.response.add((1.0 - pb) * weight, t_own, c);
                    if pb > 0.0 {
                        sc.response.add(pb * weight, t_alt, c);
                    }
                }
                None => sc.response.add_overloaded(weight),
            }
            match s_queue {
                Some((c, _, _)) => {
                    sc.response_s.add((1.0 - pb) * weight, t_own, c);
                    if pb > 0.0 {
                        sc.response_s.add(pb * weight, t_alt, c);
                    }
                }
                None => sc.response_s.add_overloaded(weight),
            }
        }
        sc.response
            .finish_group(i_queue.map_or(f64::INFINITY, |(_, theta, _)| theta));
        sc.response_s
            .finish_group(s_queue.map_or(f64::INFINITY, |(_, rate, _)| rate));
    }
}

/// The I and S queues of a tour with `crews` crews, I load `load_i` and total
/// load `load` (in crews), arrival rates an hour and crew-hours per call.
fn queues(
    crews: u32,
    load_i: f64,
    load: f64,
    lam_i: f64,
    lam_s: f64,
    s_i: f64,
    s_s: f64,
) -> (Queue, Queue) {
    let cf = f64::from(crews);
    // I: pre-emptive priority, so I calls see only the I load.
    let i_queue = erlang_c(crews, load_i).map(|c| {
        (
            c,
            (cf - load_i) / (s_i * 60.0),
            (c * s_i * 60.0 / (cf - load_i)).min(MAX_WAIT_MINUTES),
        )
    });
    // S: mean wait by work conservation; exponential tail with the Erlang C
    // probability of waiting on the total load.
    let s_queue = erlang_c(crews, load).and_then(|c_all| {
        let lam = lam_i + lam_s;
        if lam_s <= 0.0 {
            return None;
        }
        let s_mean = (lam_i * s_i + lam_s * s_s) / lam;
        let wq_all = c_all * s_mean / (cf - load);
        let wq_i = i_queue.map_or(0.0, |(c, _, _)| c * s_i / (cf - load_i));
        let wq_s = (((lam * wq_all - lam_i * wq_i) / lam_s).max(0.0) * 60.0).min(MAX_WAIT_MINUTES);
        let rate = if wq_s > 0.0 && c_all > 0.0 {
            c_all / wq_s
        } else {
            f64::INFINITY
        };
        Some((c_all, rate, wq_s))
    });
    (i_queue, s_queue)
}

/// A command unit's outcomes from its sums.
fn unit_outcome(s: &UnitSums, unit_weight: f64, aid: f64, p: &Params, o: &mut [f64; UNIT_LEN]) {
    let tours = p.demand.tour_shares.len() as f64;
    o[U::I_ON_TIME] = if unit_weight > 0.0 {
        s.i_on / unit_weight
    } else {
        1.0
    };
    o[U::S_ON_TIME] = if unit_weight > 0.0 {
        s.s_on / unit_weight
    } else {
        1.0
    };
    o[U::I_RESPONSE] = if s.i_resp_w > 0.0 {
        s.i_resp / s.i_resp_w
    } else {
        f64::NAN
    };
    o[U::S_RESPONSE] = if s.i_resp_w > 0.0 {
        s.s_resp / s.i_resp_w
    } else {
        f64::NAN
    };
    // Version 1 keeps one London grid; per-unit percentiles are version 2's.
    o[U::I_P90_RESPONSE] = f64::NAN;
    o[U::S_P90_RESPONSE] = f64::NAN;
    o[U::DISPATCH_WAIT] = 0.0;
    o[U::DISPATCH_OVERLOAD] = 0.0;
    o[U::LAPSED_S] = 0.0;
    o[U::UTILISATION] = if s.cap > 0.0 {
        s.work / s.cap
    } else {
        f64::NAN
    };
    o[U::OVERLOAD] = s.overload / tours;
    o[U::UNMET_RESPONSE] = s.unmet;
    o[U::FLEX] = s.pulled;
    o[U::SURGE_AID] = aid;
}

/// London's outcomes from the sums over units and the neighbourhood totals.
fn london_outcome(
    s: &LondonSums,
    cover: Cover,
    sc: &mut Scratch,
    units: usize,
    p: &Params,
    d: &DrawDemand,
    out: &mut DrawOutcome,
) {
    let ratio = |x: f64, w: f64, empty: f64| if w > 0.0 { x / w } else { empty };
    let l = &mut out.london;
    l[L::I_ON_TIME] = ratio(s.i_on, s.weight, 1.0);
    l[L::S_ON_TIME] = ratio(s.s_on, s.weight, 1.0);
    l[L::I_RESPONSE] = ratio(s.i_resp, s.i_resp_w, f64::NAN);
    l[L::S_RESPONSE] = ratio(s.s_resp, s.s_resp_w, f64::NAN);
    l[L::UTILISATION] = ratio(s.work, s.cap, f64::NAN);
    l[L::OVERLOAD] = s.overload / (units as f64 * p.demand.tour_shares.len() as f64);
    l[L::UNMET_RESPONSE] = s.unmet;
    l[L::FLEX] = s.flex;
    shared_london(cover, sc, d, l);
    l[L::DISPATCH_WAIT] = 0.0;
    l[L::DISPATCH_OVERLOAD] = 0.0;
    l[L::LAPSED_S] = 0.0;
}
