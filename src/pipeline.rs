//! One scenario through every stage: allocate → simulate → summarise. The CLI,
//! tests and benches all go through here, so they run the same thing.

use crate::allocation::{self, AllocationError};
use crate::model::Allocation;
use crate::report::{Summary, summarise};
use crate::scenario::Scenario;
use crate::simulation::{Plan, Progress, Results, simulate};

pub struct Run {
    pub plan: Plan,
    pub allocation: Allocation,
    pub results: Results,
    pub summary: Summary,
}

/// Allocates and simulates a scenario on the current rayon pool.
pub fn run(scenario: &Scenario, progress: &dyn Progress) -> Result<Run, AllocationError> {
    let plan = Plan::new(scenario);
    let allocation = allocation::allocate(scenario, &plan)?;
    let results = simulate(
        &plan,
        &scenario.params,
        &allocation,
        scenario.params.run.draws,
        progress,
    );
    let summary = summarise(scenario, &plan, &allocation, &results);
    Ok(Run {
        plan,
        allocation,
        results,
        summary,
    })
}
