//! An independent check of any allocation against the scenario's rules, from the
//! raw counts alone. Every method's result goes through it.

use super::feasibility::needs;
use crate::model::Allocation;
use crate::model::Scenario;
use crate::plan::Plan;

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
    // Floors and caps are rules of the `optimise` method; `formula` ignores them.
    let o = &p.allocation.optimise;
    let optimised = a.method == crate::model::AllocationMethod::Optimise;
    if let Some(per_1000) = o.borough_floor_per_1000.filter(|_| optimised) {
        for (b, share) in plan.borough_shares(ds, p).iter().enumerate() {
            let u = share.unit;
            let officers = plan.borough_wards[b]
                .iter()
                .map(|&w| f64::from(a.ward_officers[w]))
                .sum::<f64>()
                + f64::from(a.response_officers[u]) * share.response
                + f64::from(a.other_officers[u]) * share.other
                + f64::from(a.overhead_officers[u]) * share.overhead;
            if share.population > 0.0 && officers < per_1000 * share.population / 1000.0 - 1e-6 {
                problems.push(format!(
                    "{} has {:.3} officers per 1,000 residents; the floor is {per_1000}",
                    ds.boroughs[b].name,
                    officers / share.population * 1000.0
                ));
            }
        }
    }
    if let Some(c) = o.transition_cap.filter(|_| optimised) {
        let baseline = super::formula::allocate(scenario, plan, &n);
        for (u, unit) in plan.units.iter().enumerate() {
            let total = |x: &Allocation| {
                u64::from(x.response_officers[u])
                    + unit
                        .wards
                        .iter()
                        .map(|&w| u64::from(x.ward_officers[w]))
                        .sum::<u64>()
            };
            let (base, now) = (total(&baseline) as f64, total(a) as f64);
            if now < (1.0 - c) * base - 1e-9 || now > (1.0 + c) * base + 1e-9 {
                problems.push(format!(
                    "{} has {now} ward and response officers; the transition cap allows {:.0} to {:.0} around {base}",
                    scenario.structure.units[u].name,
                    (1.0 - c) * base,
                    (1.0 + c) * base
                ));
            }
        }
    }
    problems
}
