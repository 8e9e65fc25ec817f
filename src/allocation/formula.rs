//! The `formula` method, after the Met's Resource Allocation Formula: policy minima
//! for wards and PCSOs, a fixed share of the pool for other local roles, and the
//! rest to response, shared across command units by expected response workload.
//!
//! Because other roles keep a fixed share, a richer ward policy is paid for by
//! response officers: exactly the trade-off the ward-policy question asks about.

use super::apportion::largest_remainder;
use super::feasibility::Needs;
use crate::model::Scenario;
use crate::model::{Allocation, AllocationMethod};
use crate::plan::Plan;

pub fn allocate(scenario: &Scenario, plan: &Plan, needs: &Needs) -> Allocation {
    let p = &scenario.params;
    let units = plan.units.len();
    let ward_officers = needs.ward_minimum.clone();

    // PCSOs: the minimum everywhere, any extra by expected neighbourhood demand.
    let weights: Vec<f64> = plan.wards.iter().map(|w| w.neighbourhood_hours).collect();
    let floors: Vec<u64> = needs.pcso_minimum.iter().map(|&x| u64::from(x)).collect();
    let pcsos = largest_remainder(u64::from(p.pool.pcsos), &weights, &floors)
        .into_iter()
        .map(|x| x as u32)
        .collect();

    let after_overhead = u64::from(p.pool.officers) - needs.overhead();
    let other_total = (after_overhead as f64 * p.allocation.other_share).round() as u64;
    let response_total = after_overhead - other_total - needs.ward_officers();

    let workload: Vec<f64> = plan.units.iter().map(|u| u.workload_hours).collect();
    let floors = vec![u64::from(needs.response_minimum); units];
    let response = largest_remainder(response_total, &workload, &floors);

    let total_pop: f64 = plan
        .units
        .iter()
        .map(|u| u.population)
        .sum::<f64>()
        .max(1e-9);
    let total_crime: f64 = plan.units.iter().map(|u| u.crime).sum::<f64>().max(1e-9);
    let c = p.allocation.other_crime_share;
    let other_weights: Vec<f64> = plan
        .units
        .iter()
        .map(|u| c * u.crime / total_crime + (1.0 - c) * u.population / total_pop)
        .collect();
    let other = largest_remainder(other_total, &other_weights, &vec![0; units]);

    Allocation {
        method: AllocationMethod::Formula,
        ward_officers,
        pcsos,
        response_officers: response.into_iter().map(|x| x as u32).collect(),
        other_officers: other.into_iter().map(|x| x as u32).collect(),
        overhead_officers: vec![needs.overhead_per_unit; units],
        optimisation: None,
    }
}
