//! An independent check of any allocation against the scenario's rules, from the
//! raw counts alone. Every method's result goes through it.

use super::feasibility::needs;
use crate::model::Allocation;
use crate::scenario::Scenario;
use crate::simulation::Plan;

/// Every rule the allocation breaks, in words; empty when it keeps them all.
pub fn check(scenario: &Scenario, plan: &Plan, a: &Allocation) -> Vec<String> {
    let p = &scenario.params;
    let n = needs(scenario, plan);
    let mut problems = Vec::new();
    let (wards, units) = (plan.wards.len(), plan.units.len());
    for (what, len, want) in [
        ("ward officer", a.ward_officers.len(), wards),
        ("PCSO", a.pcsos.len(), wards),
        ("response", a.response_officers.len(), units),
        ("other", a.other_officers.len(), units),
        ("overhead", a.overhead_officers.len(), units),
    ] {
        if len != want {
            problems.push(format!("{len} {what} counts for {want} places"));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    if a.total_officers() != u64::from(p.pool.officers) {
        problems.push(format!(
            "{} officers placed; the pool has {}",
            a.total_officers(),
            p.pool.officers
        ));
    }
    if a.total_pcsos() > u64::from(p.pool.pcsos) {
        problems.push(format!(
            "{} PCSOs placed; the pool has {}",
            a.total_pcsos(),
            p.pool.pcsos
        ));
    }
    let ds = &scenario.dataset;
    for w in 0..wards {
        if a.ward_officers[w] < n.ward_minimum[w] {
            problems.push(format!(
                "{} has {} ward officers; the minimum is {}",
                ds.wards[w].name, a.ward_officers[w], n.ward_minimum[w]
            ));
        }
        if a.pcsos[w] < n.pcso_minimum[w] {
            problems.push(format!(
                "{} has {} PCSOs; the minimum is {}",
                ds.wards[w].name, a.pcsos[w], n.pcso_minimum[w]
            ));
        }
    }
    for u in 0..units {
        let name = &scenario.structure.units[u].name;
        if a.response_officers[u] < n.response_minimum {
            problems.push(format!(
                "{name} has {} response officers; minimum crews need {}",
                a.response_officers[u], n.response_minimum
            ));
        }
        if a.overhead_officers[u] != n.overhead_per_unit {
            problems.push(format!(
                "{name} has {} overhead officers; the structure needs {}",
                a.overhead_officers[u], n.overhead_per_unit
            ));
        }
    }
    problems
}
