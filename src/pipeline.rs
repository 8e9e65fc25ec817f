//! Scenarios through every stage: allocate → simulate → summarise (one at a time,
//! or side by side on common draws). The CLI, tests and benches all go through
//! here, so they run the same thing.

use crate::allocation::{self, AllocationError};
use crate::model::Allocation;
use crate::report::{self, Comparison, Summary, SweepTable, summarise, sweep_table};
use crate::scenario::{Scenario, Sweep};
use crate::simulation::{Case, Plan, Progress, Results, simulate, simulate_paired};

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

/// Several scenarios run side by side on the same draws.
pub struct ComparisonRun {
    pub runs: Vec<Run>,
    pub comparison: Comparison,
}

/// Allocates every scenario, then simulates them together on the first
/// scenario's seed and draws (common random numbers) and compares them.
/// On failure, says which scenario (by index) could not be allocated.
pub fn compare(
    scenarios: &[Scenario],
    progress: &dyn Progress,
) -> Result<ComparisonRun, (usize, AllocationError)> {
    let mut prepared = Vec::new();
    for (k, s) in scenarios.iter().enumerate() {
        let plan = Plan::new(s);
        let allocation = allocation::allocate(s, &plan).map_err(|e| (k, e))?;
        prepared.push((plan, allocation));
    }
    let cases: Vec<Case> = scenarios
        .iter()
        .zip(&prepared)
        .map(|(s, (plan, allocation))| Case {
            plan,
            params: &s.params,
            allocation,
            dataset: &s.dataset.hash,
        })
        .collect();
    let seed = scenarios[0].params.run.seed;
    let draws = scenarios[0].params.run.draws;
    let paired = simulate_paired(&cases, seed, draws, progress);
    let runs: Vec<Run> = scenarios
        .iter()
        .zip(prepared)
        .zip(paired.runs)
        .map(|((s, (plan, allocation)), results)| {
            let summary = summarise(s, &plan, &allocation, &results);
            Run {
                plan,
                allocation,
                results,
                summary,
            }
        })
        .collect();
    let summaries: Vec<&Summary> = runs.iter().map(|r| &r.summary).collect();
    let comparison = report::compare(&summaries, &paired.differences);
    Ok(ComparisonRun { runs, comparison })
}

/// A sweep's points, run on the same seed and draws (common random numbers),
/// `jobs` points at a time; the result does not depend on `jobs` or threads.
pub struct SweepRun {
    pub runs: Vec<Run>,
    pub table: SweepTable,
}

pub fn sweep(
    points: &[Scenario],
    sweep: &Sweep,
    jobs: usize,
    progress: &dyn Progress,
) -> Result<SweepRun, (usize, AllocationError)> {
    use rayon::prelude::*;
    let mut runs: Vec<Option<Run>> = (0..points.len()).map(|_| None).collect();
    for start in (0..points.len()).step_by(jobs.max(1)) {
        let end = (start + jobs.max(1)).min(points.len());
        let group: Vec<Result<Run, (usize, AllocationError)>> = (start..end)
            .into_par_iter()
            .map(|k| run(&points[k], progress).map_err(|e| (k, e)))
            .collect();
        for (k, r) in (start..end).zip(group) {
            runs[k] = Some(r?);
        }
    }
    let runs: Vec<Run> = runs
        .into_iter()
        .map(|r| r.expect("every point ran"))
        .collect();
    let summaries: Vec<&Summary> = runs.iter().map(|r| &r.summary).collect();
    let table = sweep_table(sweep, &summaries);
    Ok(SweepRun { runs, table })
}
