//! Turns a scenario into optimisation problems: the scenario's own, and the
//! variants that price each rule (without ring-fencing, without the floor or cap,
//! each borough on its own). Also refuses, in domain words, rules that cannot hold.
//!
//! This module must not solve anything.

use super::problem::{Cap, Floor, Problem, Shape};
use super::sample::Sample;
use crate::allocation::AllocationError;
use crate::allocation::feasibility::{Needs, fmt};
use crate::model::Allocation;
use crate::model::Scenario;
use crate::plan::Plan;

/// Which rules a problem carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub ring_fenced: bool,
    pub floors: bool,
    pub caps: bool,
    /// Each borough its own response pool instead of the scenario's units.
    pub split: bool,
}

/// A scenario turned into an optimisation setting: its problem, floors, caps and unit
/// names, and the variants that price each rule.
pub struct Setting {
    shape: Shape,
    unit_boroughs: Vec<Vec<usize>>,
    unit_names: Vec<String>,
    borough_names: Vec<String>,
    ward_names: Vec<String>,
    ward_borough: Vec<usize>,
    ward_weight: Vec<f64>,
    floors: Vec<Floor>,
    caps: Vec<Cap>,
    /// The scenario's own rules.
    pub rules: Rules,
}

impl Setting {
    /// Builds the setting of a scenario from its plan, needs and in-sample weeks.
    pub fn new(
        scenario: &Scenario,
        plan: &Plan,
        needs: &Needs,
        baseline: &Allocation,
    ) -> Result<Setting, AllocationError> {
        let p = &scenario.params;
        let o = &p.allocation.optimise;
        let ds = &scenario.dataset;
        let other: u64 = baseline.other_officers.iter().map(|&v| u64::from(v)).sum();
        let budget = u64::from(p.pool.officers) - needs.overhead() - other;
        let mean_harm =
            plan.wards.iter().map(|w| w.harm).sum::<f64>() / plan.wards.len().max(1) as f64;
        let ward_weight = plan
            .wards
            .iter()
            .map(|w| {
                let h = if o.harm_weighting && mean_harm > 0.0 {
                    w.harm / mean_harm
                } else {
                    1.0
                };
                o.neighbourhood_weight * h
            })
            .collect();
        let shape = Shape {
            hours: plan.hours,
            rho: o.planning_utilisation,
            pcso_weight: p.policy.pcso_weight,
            flex_share: p.policy.flex.max_share,
            response_weight: o.response_weight,
            budget,
            pcsos: u64::from(p.pool.pcsos),
            ward_min: needs.ward_minimum.clone(),
            pcso_min: needs.pcso_minimum.clone(),
            response_min: needs.response_minimum,
            flex_always: !p.policy.ring_fence.enabled,
        };
        let shares = plan.borough_shares(ds, p);
        let mut floors = Vec::new();
        if let Some(per_1000) = o.borough_floor_per_1000 {
            for (b, share) in shares.iter().enumerate() {
                let fixed = f64::from(baseline.other_officers[share.unit]) * share.other
                    + f64::from(baseline.overhead_officers[share.unit]) * share.overhead;
                floors.push(Floor {
                    borough: ds.boroughs[b].name.clone(),
                    wards: plan.borough_wards[b].clone(),
                    unit: share.unit,
                    response_share: share.response,
                    need: per_1000 * share.population / 1000.0 - fixed,
                });
            }
        }
        let mut caps = Vec::new();
        if let Some(c) = o.transition_cap {
            for (u, unit) in plan.units.iter().enumerate() {
                let base = u64::from(baseline.response_officers[u])
                    + unit
                        .wards
                        .iter()
                        .map(|&w| u64::from(baseline.ward_officers[w]))
                        .sum::<u64>();
                caps.push(Cap {
                    unit: u,
                    baseline: base,
                    low: ((1.0 - c) * base as f64 - 1e-9).ceil().max(0.0) as u64,
                    high: ((1.0 + c) * base as f64 + 1e-9).floor() as u64,
                });
            }
        }
        let setting = Setting {
            shape,
            unit_boroughs: plan.units.iter().map(|u| u.boroughs.clone()).collect(),
            unit_names: scenario
                .structure
                .units
                .iter()
                .map(|u| u.name.clone())
                .collect(),
            borough_names: ds.boroughs.iter().map(|b| b.name.clone()).collect(),
            ward_names: ds.wards.iter().map(|w| w.name.clone()).collect(),
            ward_borough: plan.wards.iter().map(|w| w.borough).collect(),
            ward_weight,
            floors,
            caps,
            rules: Rules {
                ring_fenced: p.policy.ring_fence.enabled,
                floors: o.borough_floor_per_1000.is_some(),
                caps: o.transition_cap.is_some(),
                split: false,
            },
        };
        setting.check_floors(needs, o.borough_floor_per_1000)?;
        Ok(setting)
    }

    /// Whether any unit pools several boroughs.
    pub fn merged(&self) -> bool {
        self.unit_boroughs.iter().any(|b| b.len() > 1)
    }

    /// The borough floors (officers per 1,000) the allocation must meet.
    pub fn floors(&self) -> &[Floor] {
        &self.floors
    }

    /// The transition caps: how far each unit may move from its formula allocation.
    pub fn caps(&self) -> &[Cap] {
        &self.caps
    }

    /// The name of command unit `u`.
    pub fn unit_name(&self, u: usize) -> &str {
        &self.unit_names[u]
    }

    /// The problem with the given rules over a sample of weeks.
    pub fn problem(&self, sample: &Sample, rules: Rules) -> Problem {
        let mut shape = self.shape.clone();
        shape.flex_always = !rules.ring_fenced;
        let (unit_boroughs, unit_names) = if rules.split {
            (
                (0..self.borough_names.len()).map(|b| vec![b]).collect(),
                self.borough_names.clone(),
            )
        } else {
            (self.unit_boroughs.clone(), self.unit_names.clone())
        };
        let mut pb = Problem::new(
            sample,
            &unit_boroughs,
            unit_names,
            self.ward_names.clone(),
            &self.ward_borough,
            self.ward_weight.clone(),
            shape,
        );
        if rules.floors && !rules.split {
            pb.floors = self.floors.clone();
        }
        if rules.caps && !rules.split {
            pb.caps = self.caps.clone();
        }
        pb
    }

    /// Refuses floors the pool cannot meet, naming the boroughs that need most.
    fn check_floors(&self, needs: &Needs, per_1000: Option<f64>) -> Result<(), AllocationError> {
        let Some(per_1000) = per_1000 else {
            return Ok(());
        };
        let minimum = self.shape.budget.min(
            needs.ward_officers()
                + u64::from(needs.response_minimum) * self.unit_names.len() as u64,
        );
        let mut extra: Vec<(u64, &str)> = Vec::new();
        for f in &self.floors {
            let have: f64 = f
                .wards
                .iter()
                .map(|&w| f64::from(needs.ward_minimum[w]))
                .sum::<f64>()
                + f.response_share * f64::from(needs.response_minimum);
            let more = (f.need - have - 1e-9).ceil().max(0.0) as u64;
            if more > 0 {
                extra.push((more, &f.borough));
            }
        }
        let total: u64 = extra.iter().map(|e| e.0).sum();
        if minimum + total <= self.shape.budget {
            return Ok(());
        }
        extra.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let named: Vec<String> = extra
            .iter()
            .take(3)
            .map(|(n, b)| format!("{b} {}", fmt(*n)))
            .collect();
        Err(AllocationError::Infeasible(format!(
            "a borough floor of {per_1000} officers per 1,000 residents needs {} officers beyond the minimums ({}{}); \
             ward minimums and minimum crews take {} of the {} left for wards and response after overhead and other roles, leaving {}",
            fmt(total),
            named.join(", "),
            if extra.len() > 3 { ", …" } else { "" },
            fmt(minimum),
            fmt(self.shape.budget),
            fmt(self.shape.budget - minimum),
        )))
    }
}
