//! The version 2 response model (MODEL §5): rosters with real-valued crews,
//! patrol travel, one priority rule, the non-pre-emptive S wait, the dispatch
//! layer and queues that carry over between tours. `unit` evaluates one command
//! unit's week with `crews` (the I and S queues of a crew group), `dispatch`
//! (channel waits), `waits` (steady and fluid waits in a tour) and `ward`
//! (each ward's outcome); this file adds up London.
//!
//! Deterministic given its inputs; no randomness here. Sums are taken in a fixed
//! order (units, then days and tours, then groups and wards).

mod crews;
mod dispatch;
mod events;
mod sums;
mod tours;
mod unit;
mod waits;
mod ward;

use super::demand::DrawDemand;
use super::london::shared_london;
use super::neighbourhood::{Cover, neighbourhood};
use super::outcome::{DrawOutcome, Scratch, borough as B, london as L, unit as U, ward as W};
use super::response_time::ResponseGrid;
use super::surge::surge_aid;
use crate::model::metric::{UNIT_LEN, WARD_LEN};
use crate::model::params::Fidelity;
use crate::model::{Allocation, Params};
use crate::plan::Plan;
use sums::UnitSums;
use unit::unit_week;

/// Evaluates one draw into `out` under the version 2 model.
pub fn evaluate(plan: &Plan, p: &Params, a: &Allocation, d: &DrawDemand, out: &mut DrawOutcome) {
    let nw = plan.wards.len();
    let nu = plan.units.len();
    out.units.resize(nu, [0.0; UNIT_LEN]);
    out.wards.resize(nw, [0.0; WARD_LEN]);
    let mut sc = std::mem::take(&mut out.scratch);
    sc.ward_pulled.clear();
    sc.ward_pulled.resize(nw, 0.0);
    sc.ward_aid.clear();
    sc.ward_aid.resize(nw, 0.0);
    surge_aid(plan, p, a, d, &mut sc);
    // Each unit's calls go to its own grids (`response`, `response_s`), for its
    // P90, and then into London's.
    sc.london_i.clear();
    sc.london_s.clear();
    sc.borough_response.clear();
    if p.run.fidelity == Fidelity::Events {
        sc.borough_response
            .resize(plan.borough_wards.len(), [0.0; 6]);
    }
    let mut london = UnitSums::default();
    let nb = plan.borough_wards.len();
    sc.borough_grids.resize_with(nb, Default::default);
    sc.borough_p90.resize(nb, [0.0; 2]);
    for u in 0..nu {
        for &b in &plan.units[u].boroughs {
            sc.borough_grids[b].iter_mut().for_each(ResponseGrid::clear);
        }
        let s = match p.run.fidelity {
            Fidelity::Analytic => unit_week(plan, p, a, d, u, &mut sc, out),
            Fidelity::Events => events::unit_week(plan, p, a, d, u, &mut sc, out),
        };
        unit_outcome(&s, sc.unit_aid[u], p, &mut out.units[u]);
        percentiles(plan, p, u, &mut sc, out);
        add(&mut london, &s);
    }
    std::mem::swap(&mut sc.response, &mut sc.london_i);
    std::mem::swap(&mut sc.response_s, &mut sc.london_s);
    let cover = neighbourhood(plan, p, a, d, &mut sc, out);
    for (ob, p90) in out.boroughs.iter_mut().zip(&sc.borough_p90) {
        ob[B::I_P90_RESPONSE] = p90[0];
        ob[B::S_P90_RESPONSE] = p90[1];
    }
    london_outcome(&london, cover, &mut sc, nu, p, d, out);
    out.scratch = sc;
}

/// Unit `u`'s boroughs' grids make its grids, which go into London's; the
/// 90th percentiles of each (a grid's percentile is taken last: it uses it up).
fn percentiles(plan: &Plan, p: &Params, u: usize, sc: &mut Scratch, out: &mut DrawOutcome) {
    let o = &mut out.units[u];
    sc.response.clear();
    sc.response_s.clear();
    for &b in &plan.units[u].boroughs {
        let [gi, gs] = &mut sc.borough_grids[b];
        sc.response.absorb(gi);
        sc.response_s.absorb(gs);
        sc.borough_p90[b] = [gi.quantile(0.9), gs.quantile(0.9)];
    }
    sc.london_i.absorb(&sc.response);
    sc.london_s.absorb(&sc.response_s);
    // Where a borough's wards have the same travel and waits, each ward's
    // response times are distributed as the borough's (the analytic path;
    // the event-level simulation takes each ward's from its own calls).
    if p.run.fidelity == Fidelity::Analytic && ward::wards_alike(p) {
        for &b in &plan.units[u].boroughs {
            for &w in &plan.borough_wards[b] {
                out.wards[w][W::I_P90_RESPONSE] = sc.borough_p90[b][0];
                out.wards[w][W::S_P90_RESPONSE] = sc.borough_p90[b][1];
            }
        }
    }
    // A unit of one borough has that borough's calls: the same percentiles.
    [o[U::I_P90_RESPONSE], o[U::S_P90_RESPONSE]] = match plan.units[u].boroughs[..] {
        [b] => sc.borough_p90[b],
        _ => [sc.response.quantile(0.9), sc.response_s.quantile(0.9)],
    };
}

fn add(l: &mut UnitSums, s: &UnitSums) {
    l.i_on += s.i_on;
    l.s_on += s.s_on;
    l.i_weight += s.i_weight;
    l.s_weight += s.s_weight;
    l.i_resp += s.i_resp;
    l.s_resp += s.s_resp;
    l.dispatch_wait += s.dispatch_wait;
    l.lapsed += s.lapsed;
    l.work += s.work;
    l.cap += s.cap;
    l.overload += s.overload;
    l.dispatch_overload += s.dispatch_overload;
    l.dispatch_groups += s.dispatch_groups;
    l.unmet += s.unmet;
    l.pulled += s.pulled;
}

fn ratio(x: f64, w: f64, empty: f64) -> f64 {
    if w > 0.0 { x / w } else { empty }
}

/// A command unit's outcomes from its sums.
fn unit_outcome(s: &UnitSums, aid: f64, p: &Params, o: &mut [f64; UNIT_LEN]) {
    let tours = p.demand.tour_shares.len() as f64;
    o[U::I_ON_TIME] = ratio(s.i_on, s.i_weight, 1.0);
    o[U::S_ON_TIME] = ratio(s.s_on, s.s_weight, 1.0);
    o[U::I_RESPONSE] = ratio(s.i_resp, s.i_weight, f64::NAN);
    o[U::S_RESPONSE] = ratio(s.s_resp, s.s_weight, f64::NAN);
    o[U::DISPATCH_WAIT] = ratio(s.dispatch_wait, s.i_weight + s.s_weight, 0.0);
    o[U::DISPATCH_OVERLOAD] = ratio(s.dispatch_overload, s.dispatch_groups, 0.0);
    o[U::LAPSED_S] = s.lapsed;
    o[U::UTILISATION] = ratio(s.work, s.cap, f64::NAN);
    o[U::OVERLOAD] = s.overload / tours;
    o[U::UNMET_RESPONSE] = s.unmet;
    o[U::FLEX] = s.pulled;
    o[U::SURGE_AID] = aid;
}

/// London's outcomes from the sums over units and the neighbourhood totals.
fn london_outcome(
    s: &UnitSums,
    cover: Cover,
    sc: &mut Scratch,
    units: usize,
    p: &Params,
    d: &DrawDemand,
    out: &mut DrawOutcome,
) {
    let l = &mut out.london;
    l[L::I_ON_TIME] = ratio(s.i_on, s.i_weight, 1.0);
    l[L::S_ON_TIME] = ratio(s.s_on, s.s_weight, 1.0);
    l[L::I_RESPONSE] = ratio(s.i_resp, s.i_weight, f64::NAN);
    l[L::S_RESPONSE] = ratio(s.s_resp, s.s_weight, f64::NAN);
    l[L::DISPATCH_WAIT] = ratio(s.dispatch_wait, s.i_weight + s.s_weight, 0.0);
    l[L::DISPATCH_OVERLOAD] = ratio(s.dispatch_overload, s.dispatch_groups, 0.0);
    l[L::LAPSED_S] = s.lapsed;
    l[L::UTILISATION] = ratio(s.work, s.cap, f64::NAN);
    l[L::OVERLOAD] = s.overload / (units as f64 * p.demand.tour_shares.len() as f64);
    l[L::UNMET_RESPONSE] = s.unmet;
    l[L::FLEX] = s.pulled;
    shared_london(cover, sc, d, l);
}
