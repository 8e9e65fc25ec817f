//! Neighbourhood cover in one draw (MODEL §5): ward officer hours left after
//! flex and surge aid, plus weighted PCSO hours, against the week's
//! neighbourhood demand, per ward, per borough and for London; and each
//! borough's I and S on-time shares and mean responses: weighted by its wards'
//! calls, or, when every call was simulated, from its own calls.
//!
//! Deterministic given its inputs; no randomness here.

use super::demand::DrawDemand;
use super::outcome::{DrawOutcome, Scratch, borough as B, ward as W};
use crate::model::metric::BOROUGH_LEN;
use crate::model::{Allocation, Params};
use crate::plan::Plan;

/// London's neighbourhood sums: hours met, demanded and unmet.
pub(super) struct Cover {
    pub met: f64,
    pub demand: f64,
    pub unmet: f64,
}

/// Neighbourhood cover: ward officer hours less pulled and surge hours, plus
/// weighted PCSO hours, against this week's neighbourhood demand; per ward, per
/// borough (with call-weighted on-time shares) and for London.
pub(super) fn neighbourhood(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    d: &DrawDemand,
    sc: &mut Scratch,
    out: &mut DrawOutcome,
) -> Cover {
    let h = plan.hours;
    let (mut n_met, mut n_demand, mut n_unmet) = (0.0, 0.0, 0.0);
    let nb = plan.borough_wards.len();
    out.boroughs.clear();
    out.boroughs.resize(nb, [0.0; BOROUGH_LEN]);
    // Per borough: call weights and neighbourhood demand, to turn sums into shares.
    sc.borough_calls.clear();
    sc.borough_calls.resize(nb, 0.0);
    sc.borough_demand.clear();
    sc.borough_demand.resize(nb, 0.0);
    for w in 0..plan.wards.len() {
        let supply = (f64::from(a.ward_officers[w]) * h - sc.ward_pulled[w] - sc.ward_aid[w])
            .max(0.0)
            + p.policy.pcso_weight * f64::from(a.pcsos[w]) * h;
        let demand = plan.wards[w].neighbourhood_hours * d.ward_multiplier[w];
        let met = supply.min(demand);
        let o = &mut out.wards[w];
        o[W::COVER] = if demand > 0.0 { met / demand } else { 1.0 };
        o[W::UNMET_NEIGHBOURHOOD] = demand - met;
        o[W::FLEX] = sc.ward_pulled[w];
        n_met += met;
        n_demand += demand;
        n_unmet += demand - met;
        let b = plan.wards[w].borough;
        let calls = plan.wards[w].i_rate * d.ward_multiplier[w];
        let ob = &mut out.boroughs[b];
        ob[B::I_ON_TIME] += calls * out.wards[w][W::I_ON_TIME];
        ob[B::S_ON_TIME] += calls * out.wards[w][W::S_ON_TIME];
        ob[B::I_RESPONSE] += calls * out.wards[w][W::I_RESPONSE];
        ob[B::S_RESPONSE] += calls * out.wards[w][W::S_RESPONSE];
        ob[B::COVER] += met;
        ob[B::UNMET_NEIGHBOURHOOD] += demand - met;
        sc.borough_calls[b] += calls;
        sc.borough_demand[b] += demand;
    }
    let share = |x: f64, total: f64| if total > 0.0 { x / total } else { 1.0 };
    let mean = |x: f64, total: f64| if total > 0.0 { x / total } else { f64::NAN };
    for (b, ob) in out.boroughs.iter_mut().enumerate() {
        match sc.borough_response.get(b) {
            // Simulated calls: the borough's own calls (a borough without calls
            // of a grade this week has no figure for it).
            Some(r) => {
                ob[B::I_ON_TIME] = mean(r[0], r[1]);
                ob[B::I_RESPONSE] = mean(r[2], r[1]);
                ob[B::S_ON_TIME] = mean(r[3], r[4]);
                ob[B::S_RESPONSE] = mean(r[5], r[4]);
            }
            None => {
                ob[B::I_ON_TIME] = share(ob[B::I_ON_TIME], sc.borough_calls[b]);
                ob[B::S_ON_TIME] = share(ob[B::S_ON_TIME], sc.borough_calls[b]);
                ob[B::I_RESPONSE] = mean(ob[B::I_RESPONSE], sc.borough_calls[b]);
                ob[B::S_RESPONSE] = mean(ob[B::S_RESPONSE], sc.borough_calls[b]);
            }
        }
        ob[B::COVER] = share(ob[B::COVER], sc.borough_demand[b]);
    }
    Cover {
        met: n_met,
        demand: n_demand,
        unmet: n_unmet,
    }
}
