//! The stages of one scenario, or of several side by side: plan and allocate
//! (`prepare`), simulate, summarise (`finish`); and the same for a comparison
//! on common random numbers and for a sweep's points. Offered apart so a run
//! whose draws were simulated in shards is summarised exactly as a whole one.

use crate::allocation::{self, AllocationError};
use crate::model::Allocation;
use crate::model::{Scenario, Sweep};
use crate::montecarlo::{Case, Paired, Progress, Results, simulate, simulate_paired};
use crate::plan::Plan;
use crate::report::{self, Comparison, Summary, SweepTable, summarise, sweep_table};

/// One scenario's run: its plan, allocation, draw statistics and summary.
pub struct Run {
    pub plan: Plan,
    pub allocation: Allocation,
    pub results: Results,
    pub summary: Summary,
}

impl Run {
    /// The run without its draw statistics (`results` left empty): all that
    /// outputs need is in the summary.
    pub fn summarised(mut self) -> Run {
        self.results = Results::default();
        self
    }
}

/// A scenario's plan and allocation: everything the simulation needs.
pub struct Prepared {
    pub plan: Plan,
    pub allocation: Allocation,
}

/// Plans and allocates a scenario.
pub fn prepare(scenario: &Scenario) -> Result<Prepared, AllocationError> {
    fits_in_memory(scenario)?;
    let plan = Plan::new(scenario);
    let allocation = allocation::allocate(scenario, &plan)?;
    Ok(Prepared { plan, allocation })
}

/// Refuses, before any work, an optimised scenario whose in-sample weeks would
/// need more memory than the machine has available (where the system says).
pub fn fits_in_memory(scenario: &Scenario) -> Result<(), AllocationError> {
    use crate::model::AllocationMethod;
    if scenario.params.allocation.method != AllocationMethod::Optimise {
        return Ok(());
    }
    let Some(available) = available_memory() else {
        return Ok(());
    };
    let weeks = scenario.params.allocation.optimise.in_sample_draws;
    let need = allocation::optimise::memory_needed(weeks, scenario.dataset.wards.len());
    if need <= available {
        return Ok(());
    }
    let gb = |b: f64| format!("{:.1} GB", b / 1e9);
    Err(AllocationError::TooLarge(format!(
        "optimising on {weeks} in-sample weeks needs about {} of memory; this machine \
         has {} available. Lower `allocation.optimise.in_sample_draws` (200 weeks need \
         about {})",
        gb(need),
        gb(available),
        gb(allocation::optimise::memory_needed(
            200,
            scenario.dataset.wards.len()
        ))
    )))
}

/// Memory available to a new process, bytes (Linux `MemAvailable`); `None`
/// where the system does not say.
fn available_memory() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

/// Plans and allocates a scenario for simulation only: the same counts as
/// `prepare`, without the optimiser's report (a shard reports nothing).
pub fn prepare_counts(scenario: &Scenario) -> Result<Prepared, AllocationError> {
    let plan = Plan::new(scenario);
    let allocation = allocation::allocate_counts(scenario, &plan)?;
    Ok(Prepared { plan, allocation })
}

/// Summarises a prepared scenario's simulated draws.
pub fn finish(scenario: &Scenario, prepared: Prepared, results: Results) -> Run {
    let summary = summarise(scenario, &prepared.plan, &prepared.allocation, &results);
    Run {
        plan: prepared.plan,
        allocation: prepared.allocation,
        results,
        summary,
    }
}

/// Allocates and simulates a scenario on the current rayon pool.
pub fn run(scenario: &Scenario, progress: &dyn Progress) -> Result<Run, AllocationError> {
    let prepared = prepare(scenario)?;
    let results = simulate(
        &prepared.plan,
        &scenario.params,
        &prepared.allocation,
        scenario.params.run.draws,
        progress,
    );
    Ok(finish(scenario, prepared, results))
}

/// Several scenarios run side by side on the same draws.
pub struct ComparisonRun {
    pub runs: Vec<Run>,
    pub comparison: Comparison,
}

/// Prepares every scenario of a comparison; on failure, says which (by index).
pub fn prepare_all(scenarios: &[Scenario]) -> Result<Vec<Prepared>, (usize, AllocationError)> {
    scenarios
        .iter()
        .enumerate()
        .map(|(k, s)| prepare(s).map_err(|e| (k, e)))
        .collect()
}

/// The cases a paired simulation runs, one per scenario.
pub fn cases<'a>(
    scenarios: impl IntoIterator<Item = &'a Scenario>,
    prepared: &'a [Prepared],
) -> Vec<Case<'a>> {
    scenarios
        .into_iter()
        .zip(prepared)
        .map(|(s, p)| Case {
            plan: &p.plan,
            params: &s.params,
            allocation: &p.allocation,
            dataset: &s.dataset.hash,
        })
        .collect()
}

/// Allocates every scenario, then simulates them together on the first
/// scenario's seed and draws (common random numbers) and compares them.
/// On failure, says which scenario (by index) could not be allocated.
pub fn compare(
    scenarios: &[Scenario],
    progress: &dyn Progress,
) -> Result<ComparisonRun, (usize, AllocationError)> {
    let prepared = prepare_all(scenarios)?;
    let seed = scenarios[0].params.run.seed;
    let draws = scenarios[0].params.run.draws;
    let paired = simulate_paired(&cases(scenarios, &prepared), seed, draws, progress);
    Ok(finish_comparison(scenarios, prepared, paired))
}

/// Summarises and compares scenarios from their paired statistics.
pub fn finish_comparison(
    scenarios: &[Scenario],
    prepared: Vec<Prepared>,
    paired: Paired,
) -> ComparisonRun {
    let runs: Vec<Run> = scenarios
        .iter()
        .zip(prepared)
        .zip(paired.runs)
        .map(|((s, p), results)| finish(s, p, results))
        .collect();
    let summaries: Vec<&Summary> = runs.iter().map(|r| &r.summary).collect();
    let comparison = report::compare(&summaries, &paired.differences);
    ComparisonRun { runs, comparison }
}

/// A sweep's points, run on the same seed and draws (common random numbers),
/// `jobs` points at a time; the result does not depend on `jobs` or threads.
/// Each point keeps its plan, allocation and summary; its draw statistics are
/// dropped once summarised (`Run::summarised`), so memory grows with the number
/// of points only by their summaries.
pub struct SweepRun {
    pub runs: Vec<Run>,
    pub table: SweepTable,
}

/// Runs a sweep's points on common random numbers, `jobs` at a time; on failure, says which
/// point (by index).
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
            runs[k] = Some(r?.summarised());
        }
    }
    let runs: Vec<Run> = runs
        .into_iter()
        .map(|r| r.expect("every point ran"))
        .collect();
    Ok(finish_sweep(sweep, runs))
}

/// A sweep's table from its points' runs, in point order.
pub fn finish_sweep(sweep: &Sweep, runs: Vec<Run>) -> SweepRun {
    let summaries: Vec<&Summary> = runs.iter().map(|r| &r.summary).collect();
    let table = sweep_table(sweep, &summaries);
    SweepRun { runs, table }
}
