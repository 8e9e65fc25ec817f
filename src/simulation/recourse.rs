//! Inside one draw (MODEL §5): given the allocation and the week's demand, work
//! out crews per tour, surge aid, flex from wards, queueing for I and S calls,
//! travel from bases, and neighbourhood cover.
//!
//! Deterministic given its inputs; no randomness here.

use super::demand::DrawDemand;
use super::metrics::{BOROUGH_METRICS, LONDON_METRICS, UNIT_METRICS, WARD_METRICS, borough as B};
use super::metrics::{london as L, unit as U, ward as W};
use super::plan::Plan;
use super::queue::{erlang_b, erlang_c};
use super::response_time::ResponseGrid;
use crate::model::params::TOUR_HOURS_PER_WEEK;
use crate::model::{Allocation, Params};

/// Longest mean wait the steady-state formulas may report, in minutes: one tour.
/// Assumption: near overload the steady-state wait grows without bound, but a queue
/// cannot build for longer than the 8-hour tour in which it forms; calls beyond
/// that are counted in unmet hours and overload instead.
const MAX_WAIT_MINUTES: f64 = 480.0;

/// One draw's outcomes. `NaN` marks "no finite value" (every tour overloaded);
/// aggregation skips it and the overload share reports it.
#[derive(Debug, Clone, Default)]
pub struct DrawOutcome {
    pub london: [f64; LONDON_METRICS.len()],
    pub units: Vec<[f64; UNIT_METRICS.len()]>,
    pub wards: Vec<[f64; WARD_METRICS.len()]>,
    pub boroughs: Vec<[f64; BOROUGH_METRICS.len()]>,
    // Scratch space reused between draws.
    ward_pulled: Vec<f64>,
    ward_aid: Vec<f64>,
    base_weight: Vec<f64>,
    base_own: Vec<f64>,
    base_alt: Vec<f64>,
    base_busy: Vec<f64>,
    response: ResponseGrid,
    unit_aid: Vec<f64>,
    borough_calls: Vec<f64>,
    borough_demand: Vec<f64>,
}

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

/// Evaluates one draw into `out`.
pub fn evaluate(plan: &Plan, p: &Params, a: &Allocation, d: &DrawDemand, out: &mut DrawOutcome) {
    let r = &p.response;
    let h = plan.hours;
    let crew = f64::from(r.crew_size);
    let nw = plan.wards.len();
    let nu = plan.units.len();
    out.units.resize(nu, [0.0; UNIT_METRICS.len()]);
    out.wards.resize(nw, [0.0; WARD_METRICS.len()]);
    out.ward_pulled.clear();
    out.ward_pulled.resize(nw, 0.0);
    out.ward_aid.clear();
    out.ward_aid.resize(nw, 0.0);

    // Surge aid: each event takes officer-hours from every CU's response officers in
    // proportion to strength, and from ward officers only where allowed. No CU is
    // taken below its minimum crews; no ward officer gives more than their hours.
    let min_response = f64::from(Plan::min_response_officers(p));
    let total_response: f64 = a.response_officers.iter().map(|&x| f64::from(x)).sum();
    let total_ward: f64 = a.ward_officers.iter().map(|&x| f64::from(x)).sum();
    // Scratch vectors reused across draws (taken out so `out` can be written meanwhile).
    let mut unit_aid = std::mem::take(&mut out.unit_aid);
    let mut borough_calls = std::mem::take(&mut out.borough_calls);
    let mut borough_demand = std::mem::take(&mut out.borough_demand);
    unit_aid.clear();
    unit_aid.resize(nu, 0.0);
    for e in &d.events {
        let wards_eligible =
            !p.policy.ring_fence.enabled || e.severity >= p.policy.ring_fence.exception_severity;
        let strength = total_response + if wards_eligible { total_ward } else { 0.0 };
        if strength <= 0.0 {
            continue;
        }
        for (u, aid) in unit_aid.iter_mut().enumerate() {
            *aid += e.officer_hours * f64::from(a.response_officers[u]) / strength;
        }
        if wards_eligible {
            for (w, aid) in out.ward_aid.iter_mut().enumerate() {
                *aid += e.officer_hours * f64::from(a.ward_officers[w]) / strength;
            }
        }
    }
    for (u, aid) in unit_aid.iter_mut().enumerate() {
        *aid = aid.min(((f64::from(a.response_officers[u]) - min_response) * h).max(0.0));
    }
    for (w, aid) in out.ward_aid.iter_mut().enumerate() {
        *aid = aid.min(f64::from(a.ward_officers[w]) * h);
    }

    let flex_allowed = !p.policy.ring_fence.enabled;
    out.response.clear();
    let (mut ldn_i_on, mut ldn_s_on, mut ldn_weight) = (0.0, 0.0, 0.0);
    let (mut ldn_i_resp, mut ldn_i_resp_w, mut ldn_s_resp, mut ldn_s_resp_w) = (0.0, 0.0, 0.0, 0.0);
    let (mut ldn_work, mut ldn_cap, mut ldn_overload, mut ldn_unmet, mut ldn_flex) =
        (0.0, 0.0, 0.0, 0.0, 0.0);

    for (u, unit) in plan.units.iter().enumerate() {
        let calls_i: f64 = unit.boroughs.iter().map(|&b| d.borough_i[b]).sum();
        let calls_s: f64 = unit.boroughs.iter().map(|&b| d.borough_s[b]).sum();
        // Intensity-weighted travel per base, from this draw's ward multipliers.
        let nb = unit.bases;
        out.base_weight.clear();
        out.base_weight.resize(nb, 0.0);
        out.base_own.clear();
        out.base_own.resize(nb, 0.0);
        out.base_alt.clear();
        out.base_alt.resize(nb, 0.0);
        let mut unit_weight = 0.0;
        let mut unit_ward_officers = 0.0;
        let mut unit_ward_aid = 0.0;
        for &w in &unit.wards {
            let wp = &plan.wards[w];
            let weight = wp.i_rate * d.ward_multiplier[w];
            out.base_weight[wp.base] += weight;
            out.base_own[wp.base] += weight * wp.travel_own;
            out.base_alt[wp.base] += weight * wp.travel_alt.unwrap_or(wp.travel_own);
            unit_weight += weight;
            unit_ward_officers += f64::from(a.ward_officers[w]);
            unit_ward_aid += out.ward_aid[w];
        }
        for j in 0..nb {
            if out.base_weight[j] > 0.0 {
                out.base_own[j] /= out.base_weight[j];
                out.base_alt[j] /= out.base_weight[j];
            }
        }
        let hours_available = f64::from(a.response_officers[u]) * h - unit_aid[u];
        let ward_hours_available = (unit_ward_officers * h - unit_ward_aid).max(0.0);
        let (mut u_i_on, mut u_s_on, mut u_i_resp, mut u_i_resp_w) = (0.0, 0.0, 0.0, 0.0);
        let (mut u_work, mut u_cap, mut u_overload, mut u_unmet, mut u_pulled) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        for w in &unit.wards {
            out.wards[*w][W::I_ON_TIME] = 0.0;
            out.wards[*w][W::S_ON_TIME] = 0.0;
            out.wards[*w][W::I_RESPONSE] = 0.0;
        }

        for &share in &p.demand.tour_shares {
            let on_duty = hours_available * share / TOUR_HOURS_PER_WEEK;
            let mut crews = (on_duty / crew).floor().max(0.0) as u32;
            let lam_i = calls_i * share / TOUR_HOURS_PER_WEEK; // calls an hour
            let lam_s = calls_s * share / TOUR_HOURS_PER_WEEK;

            // Which base serves: own base unless all its crews are busy (Erlang loss
            // on the base's share of crews), then the nearest other base of the unit.
            let service = |travel_min: f64| {
                (
                    r.i_officers / crew * (r.i_service_hours + 2.0 * travel_min / 60.0),
                    r.s_officers / crew * (r.s_service_hours + 2.0 * travel_min / 60.0),
                )
            };
            out.base_busy.clear();
            out.base_busy.resize(nb, 0.0);
            let mut mean_travel = 0.0;
            for j in 0..nb {
                let frac = if unit_weight > 0.0 {
                    out.base_weight[j] / unit_weight
                } else {
                    0.0
                };
                if nb > 1 {
                    let base_crews = (f64::from(crews) * unit.base_share[j]).round() as u32;
                    let (si, ss) = service(out.base_own[j]);
                    let load = frac * (lam_i * si + lam_s * ss);
                    out.base_busy[j] = erlang_b(base_crews, load);
                }
                let pb = out.base_busy[j];
                mean_travel += frac * ((1.0 - pb) * out.base_own[j] + pb * out.base_alt[j]);
            }
            let (s_i, s_s) = service(mean_travel); // crew-hours per call
            let mut load_i = lam_i * s_i;
            let mut load = load_i + lam_s * s_s;

            // Flex: pull on-duty ward officers into response when not ring-fenced.
            let trigger = p.policy.flex.trigger_utilisation;
            if flex_allowed && crews > 0 && load / f64::from(crews) > trigger {
                let wanted = (load / trigger).ceil() as u32 - crews;
                let pullable =
                    p.policy.flex.max_share * ward_hours_available * share / TOUR_HOURS_PER_WEEK;
                let pulled = wanted.min((pullable / crew).floor() as u32);
                crews += pulled;
                u_pulled += f64::from(pulled) * crew * TOUR_HOURS_PER_WEEK;
            }
            let cf = f64::from(crews);
            // Weekly officer-hours of work and of capacity in this tour.
            let work = load * crew * TOUR_HOURS_PER_WEEK;
            let cap = cf * crew * TOUR_HOURS_PER_WEEK;
            u_work += work;
            u_cap += cap;
            u_unmet += (work - cap).max(0.0);
            if load >= cf {
                u_overload += 1.0;
            }
            load_i = load_i.min(f64::MAX);
            load = load.min(f64::MAX);

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
                let wq_s =
                    (((lam * wq_all - lam_i * wq_i) / lam_s).max(0.0) * 60.0).min(MAX_WAIT_MINUTES);
                let rate = if wq_s > 0.0 && c_all > 0.0 {
                    c_all / wq_s
                } else {
                    f64::INFINITY
                };
                Some((c_all, rate, wq_s))
            });

            for &w in &unit.wards {
                let wp = &plan.wards[w];
                let pb = out.base_busy[wp.base];
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
                    Some((c, rate, wq)) => {
                        (on_time(r.s_target_minutes, pb, t_own, t_alt, c, rate), wq)
                    }
                    None => (0.0, MAX_WAIT_MINUTES),
                };
                let o = &mut out.wards[w];
                o[W::I_ON_TIME] += share * on_i;
                o[W::S_ON_TIME] += share * on_s;
                o[W::I_RESPONSE] += share * (wait_i + travel);
                u_i_on += weight * on_i;
                u_s_on += weight * on_s;
                u_i_resp += weight * (wait_i + travel);
                u_i_resp_w += weight;
                ldn_s_resp += weight * (wait_s + travel);
                ldn_s_resp_w += weight;
                match i_queue {
                    Some((c, _, _)) => {
                        out.response.add((1.0 - pb) * weight, t_own, c);
                        if pb > 0.0 {
                            out.response.add(pb * weight, t_alt, c);
                        }
                    }
                    None => out.response.add_overloaded(weight),
                }
            }
            out.response
                .finish_group(i_queue.map_or(f64::INFINITY, |(_, theta, _)| theta));
        }
        // Pulled hours fall on the unit's wards in proportion to their officers.
        if u_pulled > 0.0 && unit_ward_officers > 0.0 {
            for &w in &unit.wards {
                out.ward_pulled[w] = u_pulled * f64::from(a.ward_officers[w]) / unit_ward_officers;
            }
        }
        let tours = p.demand.tour_shares.len() as f64;
        let o = &mut out.units[u];
        o[U::I_ON_TIME] = if unit_weight > 0.0 {
            u_i_on / unit_weight
        } else {
            1.0
        };
        o[U::S_ON_TIME] = if unit_weight > 0.0 {
            u_s_on / unit_weight
        } else {
            1.0
        };
        o[U::I_RESPONSE] = if u_i_resp_w > 0.0 {
            u_i_resp / u_i_resp_w
        } else {
            f64::NAN
        };
        o[U::UTILISATION] = if u_cap > 0.0 {
            u_work / u_cap
        } else {
            f64::NAN
        };
        o[U::OVERLOAD] = u_overload / tours;
        o[U::UNMET_RESPONSE] = u_unmet;
        o[U::FLEX] = u_pulled;
        o[U::SURGE_AID] = unit_aid[u];
        ldn_i_on += u_i_on;
        ldn_s_on += u_s_on;
        ldn_weight += unit_weight;
        ldn_i_resp += u_i_resp;
        ldn_i_resp_w += u_i_resp_w;
        ldn_work += u_work;
        ldn_cap += u_cap;
        ldn_overload += u_overload;
        ldn_unmet += u_unmet;
        ldn_flex += u_pulled;
    }

    // Neighbourhood cover: ward officer hours less pulled and surge hours, plus
    // weighted PCSO hours, against this week's neighbourhood demand.
    let (mut n_met, mut n_demand, mut n_unmet) = (0.0, 0.0, 0.0);
    let nb = plan.borough_wards.len();
    out.boroughs.clear();
    out.boroughs.resize(nb, [0.0; BOROUGH_METRICS.len()]);
    // Per borough: call weights and neighbourhood demand, to turn sums into shares.
    borough_calls.clear();
    borough_calls.resize(nb, 0.0);
    borough_demand.clear();
    borough_demand.resize(nb, 0.0);
    for w in 0..nw {
        let supply = (f64::from(a.ward_officers[w]) * h - out.ward_pulled[w] - out.ward_aid[w])
            .max(0.0)
            + p.policy.pcso_weight * f64::from(a.pcsos[w]) * h;
        let demand = plan.wards[w].neighbourhood_hours * d.ward_multiplier[w];
        let met = supply.min(demand);
        let o = &mut out.wards[w];
        o[W::COVER] = if demand > 0.0 { met / demand } else { 1.0 };
        o[W::UNMET_NEIGHBOURHOOD] = demand - met;
        o[W::FLEX] = out.ward_pulled[w];
        n_met += met;
        n_demand += demand;
        n_unmet += demand - met;
        let b = plan.wards[w].borough;
        let calls = plan.wards[w].i_rate * d.ward_multiplier[w];
        let ob = &mut out.boroughs[b];
        ob[B::I_ON_TIME] += calls * out.wards[w][W::I_ON_TIME];
        ob[B::S_ON_TIME] += calls * out.wards[w][W::S_ON_TIME];
        ob[B::COVER] += met;
        ob[B::UNMET_NEIGHBOURHOOD] += demand - met;
        borough_calls[b] += calls;
        borough_demand[b] += demand;
    }
    for (b, ob) in out.boroughs.iter_mut().enumerate() {
        let share = |x: f64, total: f64| if total > 0.0 { x / total } else { 1.0 };
        ob[B::I_ON_TIME] = share(ob[B::I_ON_TIME], borough_calls[b]);
        ob[B::S_ON_TIME] = share(ob[B::S_ON_TIME], borough_calls[b]);
        ob[B::COVER] = share(ob[B::COVER], borough_demand[b]);
    }

    let l = &mut out.london;
    l[L::I_ON_TIME] = if ldn_weight > 0.0 {
        ldn_i_on / ldn_weight
    } else {
        1.0
    };
    l[L::S_ON_TIME] = if ldn_weight > 0.0 {
        ldn_s_on / ldn_weight
    } else {
        1.0
    };
    l[L::I_RESPONSE] = if ldn_i_resp_w > 0.0 {
        ldn_i_resp / ldn_i_resp_w
    } else {
        f64::NAN
    };
    l[L::S_RESPONSE] = if ldn_s_resp_w > 0.0 {
        ldn_s_resp / ldn_s_resp_w
    } else {
        f64::NAN
    };
    l[L::UTILISATION] = if ldn_cap > 0.0 {
        ldn_work / ldn_cap
    } else {
        f64::NAN
    };
    l[L::OVERLOAD] = ldn_overload / (nu as f64 * p.demand.tour_shares.len() as f64);
    l[L::UNMET_RESPONSE] = ldn_unmet;
    l[L::UNMET_NEIGHBOURHOOD] = n_unmet;
    l[L::COVER] = if n_demand > 0.0 {
        n_met / n_demand
    } else {
        1.0
    };
    l[L::FLEX] = ldn_flex;
    l[L::SURGE_AID] = unit_aid.iter().sum::<f64>() + out.ward_aid.iter().sum::<f64>();
    l[L::SURGE_EVENTS] = d.events.len() as f64;
    l[L::I_P90_RESPONSE] = out.response.quantile(0.9);
    out.unit_aid = unit_aid;
    out.borough_calls = borough_calls;
    out.borough_demand = borough_demand;
}
