//! Surge aid in one draw (MODEL §5): the officer-hours the week's surge events
//! take from each command unit's response officers and, where the ring-fence
//! allows, from each ward's officers.
//!
//! Deterministic given its inputs; no randomness here.

use super::demand::DrawDemand;
use super::outcome::Scratch;
use crate::model::{Allocation, Params};
use crate::plan::Plan;

/// Surge aid: each event takes officer-hours from every CU's response officers in
/// proportion to strength, and from ward officers only where allowed. No CU is
/// taken below its minimum crews; no ward officer gives more than their hours.
pub(super) fn surge_aid(plan: &Plan, p: &Params, a: &Allocation, d: &DrawDemand, sc: &mut Scratch) {
    let h = plan.hours;
    let min_response = f64::from(Plan::min_response_officers(p));
    let total_response: f64 = a.response_officers.iter().map(|&x| f64::from(x)).sum();
    let total_ward: f64 = a.ward_officers.iter().map(|&x| f64::from(x)).sum();
    sc.unit_aid.clear();
    sc.unit_aid.resize(plan.units.len(), 0.0);
    for e in &d.events {
        let wards_eligible =
            !p.policy.ring_fence.enabled || e.severity >= p.policy.ring_fence.exception_severity;
        let strength = total_response + if wards_eligible { total_ward } else { 0.0 };
        if strength <= 0.0 {
            continue;
        }
        for (u, aid) in sc.unit_aid.iter_mut().enumerate() {
            *aid += e.officer_hours * f64::from(a.response_officers[u]) / strength;
        }
        if wards_eligible {
            for (w, aid) in sc.ward_aid.iter_mut().enumerate() {
                *aid += e.officer_hours * f64::from(a.ward_officers[w]) / strength;
            }
        }
    }
    for (u, aid) in sc.unit_aid.iter_mut().enumerate() {
        *aid = aid.min(((f64::from(a.response_officers[u]) - min_response) * h).max(0.0));
    }
    for (w, aid) in sc.ward_aid.iter_mut().enumerate() {
        *aid = aid.min(f64::from(a.ward_officers[w]) * h);
    }
}
