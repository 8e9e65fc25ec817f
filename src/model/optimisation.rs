//! What the `optimise` method reports beside its allocation: how it was solved,
//! the bound and gap, what one more officer is worth, what each rule costs, and
//! how the in-sample objective holds up on weeks the optimiser never saw.
//!
//! Every objective here is in weighted shortfall hours a week: ω_R × unmet
//! response officer-hours plus ω_N × h_w × unmet neighbourhood hours (MODEL §6).

use serde::Serialize;

/// What the optimiser reports: objective, bound, prices of officers and rules, out-of-
/// sample objective and gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Optimisation {
    /// "marginal analysis" or "linear program".
    pub solved_by: &'static str,
    /// Why that way, in words.
    pub why: String,
    /// The LP backend, when an LP was solved for the allocation.
    pub solver: Option<&'static str>,
    pub in_sample_weeks: u64,
    /// Size of the scenario's LP (built even when marginal analysis solved it, so
    /// `wardsim allocate --write-lp` and this report agree).
    pub lp_columns: usize,
    pub lp_rows: usize,
    /// Optimum of the LP relaxation on the in-sample weeks: no whole-officer
    /// allocation can do better on them.
    pub lp_bound: f64,
    /// The whole-officer allocation's objective on the same weeks.
    pub integer_objective: f64,
    pub objective_response: f64,
    pub objective_neighbourhood: f64,
    /// integer_objective − lp_bound, and as a share of lp_bound.
    pub integer_gap: f64,
    pub integer_gap_share: f64,
    /// Fall in the objective from one more officer / PCSO in the pool.
    pub value_of_one_more_officer: f64,
    pub value_of_one_more_pcso: f64,
    pub rules: Vec<RuleCost>,
    /// Rules that could not be priced, and why.
    pub unpriced: Vec<String>,
    /// Floors and caps that bind, with the objective's rise per officer they demand.
    pub binding: Vec<Binding>,
    /// The same objective for the same allocation on independent weeks.
    pub out_of_sample: crate::stats::Estimate,
    /// Mak–Morton–Wood multiple-replication estimate of the optimality gap.
    pub optimality_gap: Option<GapEstimate>,
}

/// A rule priced by solving again without it, everything else equal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCost {
    /// "ring_fencing", "borough_floor", "transition_cap" or "separate_borough_pools".
    pub rule: &'static str,
    /// LP optimum with the rule and without it.
    pub with_rule: f64,
    pub without_rule: f64,
    /// with_rule − without_rule: what the rule costs (for separate borough pools,
    /// what pooling across the units' boroughs is worth).
    pub cost: f64,
    /// Whether the scenario has this rule (false: priced as if it were added).
    pub in_scenario: bool,
}

/// A rule that binds at the optimum, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Binding {
    /// "borough_floor", "transition_cap_low" or "transition_cap_high".
    pub rule: &'static str,
    pub place: String,
    /// Rise in the objective per officer of tightening (LP dual).
    pub price: f64,
}

/// The optimality gap estimated by multiple replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GapEstimate {
    pub batches: u32,
    pub weeks_per_batch: u64,
    pub mean: f64,
    pub standard_error: f64,
    /// One-sided 95% upper confidence bound (Student t).
    pub upper95: f64,
    /// upper95 as a share of the in-sample objective.
    pub upper95_share: f64,
}
