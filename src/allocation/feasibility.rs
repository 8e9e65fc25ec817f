//! What the policy rules need before anything is shared out, and a plain-words
//! refusal when the pool cannot meet them.

use super::AllocationError;
use crate::model::Params;
use crate::model::Scenario;
use crate::plan::Plan;

/// What a scenario's policy needs before anything is left to allocate: officers
/// and PCSOs per ward, overhead per unit and minimum response per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Needs {
    /// Minimum ward officers per ward (policy plus the high-harm rule).
    pub ward_minimum: Vec<u32>,
    pub pcso_minimum: Vec<u32>,
    pub overhead_per_unit: u32,
    pub units: usize,
    /// Response officers each unit needs to field its minimum crews.
    pub response_minimum: u32,
}

impl Needs {
    /// Dedicated ward officers the policy requires, in all.
    pub fn ward_officers(&self) -> u64 {
        self.ward_minimum.iter().map(|&x| u64::from(x)).sum()
    }
    /// PCSOs the policy requires, in all.
    pub fn pcsos(&self) -> u64 {
        self.pcso_minimum.iter().map(|&x| u64::from(x)).sum()
    }
    /// Command overhead officers required, in all.
    pub fn overhead(&self) -> u64 {
        u64::from(self.overhead_per_unit) * self.units as u64
    }
    /// Response officers the minimum crews require, in all.
    pub fn response(&self) -> u64 {
        u64::from(self.response_minimum) * self.units as u64
    }

    /// Refuses, in domain words, a pool too small for the rules.
    pub fn check_feasible(&self, p: &Params) -> Result<(), AllocationError> {
        let pool = u64::from(p.pool.officers);
        let after_overhead = pool.saturating_sub(self.overhead());
        let other = (after_overhead as f64 * p.allocation.other_share).round() as u64;
        let needed = self.ward_officers() + self.response();
        let mut problems = Vec::new();
        if needed + other > after_overhead {
            problems.push(format!(
                "ward minimums need {} officers and minimum crews need {} ({} command units × {}); \
                 the pool of {} has {} after command overhead ({} × {}), of which {} ({:.0}%) are held for other local roles, leaving {}",
                fmt(self.ward_officers()),
                fmt(self.response()),
                self.units,
                self.response_minimum,
                fmt(pool),
                fmt(after_overhead),
                self.units,
                self.overhead_per_unit,
                fmt(other),
                p.allocation.other_share * 100.0,
                fmt(after_overhead.saturating_sub(other)),
            ));
        }
        if self.pcsos() > u64::from(p.pool.pcsos) {
            problems.push(format!(
                "ward minimums need {} PCSOs; the pool has {}",
                fmt(self.pcsos()),
                fmt(p.pool.pcsos.into())
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AllocationError::Infeasible(problems.join("; ")))
        }
    }
}

/// Thousands separated by commas, as people write officer counts.
pub fn fmt(x: u64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What the scenario's policy needs of the pool, unit by unit and ward by ward.
pub fn needs(scenario: &Scenario, plan: &Plan) -> Needs {
    let p = &scenario.params;
    let n = plan.wards.len();
    let mut ward_minimum = vec![p.policy.ward_officers; n];
    // The high-harm rule: the top wards by harm index get at least
    // `high_harm_ward_officers`. Ties broken by ward order, so it is deterministic.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        plan.wards[b]
            .harm
            .total_cmp(&plan.wards[a].harm)
            .then(a.cmp(&b))
    });
    for &w in order.iter().take(p.policy.high_harm_wards as usize) {
        ward_minimum[w] = ward_minimum[w].max(p.policy.high_harm_ward_officers);
    }
    Needs {
        ward_minimum,
        pcso_minimum: vec![p.policy.pcsos; n],
        overhead_per_unit: p.pool.overhead_officers_per_unit,
        units: plan.units.len(),
        response_minimum: Plan::min_response_officers(p),
    }
}
