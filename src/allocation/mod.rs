//! Deciding how many officers of each role go to each ward and command unit.
//!
//! `allocate` is the seam every method plugs into: it checks feasibility in domain
//! words first, dispatches on the scenario's method, then re-checks the result
//! independently from raw counts. This module must not read files, know TOML or
//! draw random numbers.

mod apportion;
mod check;
mod feasibility;
mod formula;
pub mod optimise;

use std::fmt;

pub use apportion::largest_remainder;
pub use check::check;
pub use feasibility::{Needs, needs};

use crate::model::Scenario;
use crate::model::{Allocation, AllocationMethod};
use crate::plan::Plan;

/// Why an allocation could not be made, in domain words.
#[derive(Debug, Clone, PartialEq)]
pub enum AllocationError {
    /// The rules cannot be met with this pool, said in domain words.
    Infeasible(String),
    /// A method produced an allocation that breaks a rule (a bug, reported as such).
    Broken(Vec<String>),
    /// The LP solver failed: what it said, which scenario, how to reproduce.
    Solver(String),
    /// The optimiser would need more memory than the machine has, said before
    /// any work starts.
    TooLarge(String),
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocationError::Infeasible(m) => write!(f, "infeasible: {m}"),
            AllocationError::Solver(m) => write!(f, "the optimiser failed: {m}"),
            AllocationError::TooLarge(m) => write!(f, "too large for this machine: {m}"),
            AllocationError::Broken(v) => {
                write!(
                    f,
                    "the allocation breaks {} rule(s) (this is a bug in wardsim):",
                    v.len()
                )?;
                for m in v {
                    write!(f, "\n  {m}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for AllocationError {}

/// Allocates the scenario's pool with its method, and checks the result.
pub fn allocate(scenario: &Scenario, plan: &Plan) -> Result<Allocation, AllocationError> {
    allocate_with(scenario, plan, true)
}

/// The same whole-officer counts as `allocate`, without the optimiser's report
/// (rule prices, out-of-sample check, optimality gap), which can take far longer
/// than the counts: for a shard, which simulates the counts and reports nothing.
pub fn allocate_counts(scenario: &Scenario, plan: &Plan) -> Result<Allocation, AllocationError> {
    allocate_with(scenario, plan, false)
}

fn allocate_with(
    scenario: &Scenario,
    plan: &Plan,
    report: bool,
) -> Result<Allocation, AllocationError> {
    let needs = needs(scenario, plan);
    needs.check_feasible(&scenario.params)?;
    let allocation = match scenario.params.allocation.method {
        AllocationMethod::Formula => formula::allocate(scenario, plan, &needs),
        AllocationMethod::Optimise => optimise::allocate(scenario, plan, &needs, report)?,
    };
    let problems = check(scenario, plan, &allocation);
    if problems.is_empty() {
        Ok(allocation)
    } else {
        Err(AllocationError::Broken(problems))
    }
}
