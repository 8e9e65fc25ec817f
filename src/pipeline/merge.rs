//! Merging a sharded run: read the part files, check they are every shard of
//! one run, re-read the scenarios and re-derive their allocations (checking
//! both against the parts), put the statistics back together exactly, and hand
//! the very runs, sweeps and comparisons a whole run makes to `Outputs`.

use std::path::{Path, PathBuf};

use super::batch::{Batch, compare_label, expand_with};
use super::error::PipelineError;
use super::outputs::Outputs;
use super::stages::{Prepared, Run, cases, finish, finish_comparison, finish_sweep, prepare};
use crate::model::Scenario;
use crate::montecarlo::{Paired, Results};
use crate::shard::{
    Kind, Part, Record, TaskPieces, allocation_fingerprint, check_parts, read_part,
};

/// Part files named on the command line, folders expanded to the parts in them
/// (never a hidden file, such as a part still being written).
fn expand_parts(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_with(paths, |n| {
        !n.starts_with('.') && n.contains(".part-") && n.ends_with(".json")
    })
}

/// Whether `file` lies inside `dir` (which merging would replace).
fn inside(file: &Path, dir: &Path) -> bool {
    match (file.canonicalize(), dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    }
}

/// The scenarios re-read now must be the ones the shards ran.
fn unchanged(record: &Record, scenarios: &[&Scenario]) -> Result<(), String> {
    if record.scenarios.len() != scenarios.len() {
        return Err(format!(
            "the scenario files now hold {} scenarios, but the shards ran {}; they have changed since",
            scenarios.len(),
            record.scenarios.len()
        ));
    }
    for (was, now) in record.scenarios.iter().zip(scenarios) {
        if was.name != now.name || was.hash != now.hash {
            return Err(format!(
                "{} has changed since the shards ran: scenario `{}` (hash {}) is now `{}` (hash {}); \
                 restore it, or run the shards again",
                now.file,
                was.name,
                &was.hash[..12],
                now.name,
                &now.hash[..12.min(now.hash.len())]
            ));
        }
    }
    Ok(())
}

/// Allocates a task's scenarios and checks that the shards simulated the same.
fn prepare_task(task: &TaskPieces, members: &[&Scenario]) -> Result<Vec<Prepared>, PipelineError> {
    let mut prepared = Vec::new();
    for (k, s) in members.iter().enumerate() {
        let p = prepare(s).map_err(|e| {
            PipelineError::RunFailed(format!("scenario `{}` ({}): {e}", s.name, s.file))
        })?;
        if task.allocations.get(k) != Some(&allocation_fingerprint(&p.allocation)) {
            return Err(PipelineError::RunFailed(format!(
                "scenario `{}`: the allocation derived here differs from the one the shards simulated; \
                 merge with the same wardsim build the shards ran",
                s.name
            )));
        }
        prepared.push(p);
    }
    Ok(prepared)
}

/// One scenario's run from its task's pieces.
fn merged_run(task: TaskPieces, s: &Scenario) -> Result<Run, PipelineError> {
    let prepared = prepare_task(&task, &[s])?.remove(0);
    let empty = Paired {
        runs: vec![Results::empty(
            prepared.plan.units.len(),
            prepared.plan.wards.len(),
            prepared.plan.borough_wards.len(),
        )],
        differences: Vec::new(),
    };
    let mut paired = task.assemble(&empty).map_err(PipelineError::BadInput)?;
    Ok(finish(s, prepared, paired.runs.remove(0)))
}

/// A merge whose parts are checked and whose scenarios are loaded again.
pub struct MergeJob {
    pub record: Record,
    /// How many shards the run was split into.
    pub shards: u64,
    /// The scenario files, loaded again with the shards' run configuration.
    pub batch: Batch,
    tasks: Vec<Option<TaskPieces>>,
    /// The folder a run's outputs go under, or a comparison's folder.
    target: PathBuf,
}

impl MergeJob {
    /// Reads and checks the parts, and loads their scenarios again; `out` is
    /// the command's own (`None`: `out`, or `out/compare-...` for a comparison).
    pub fn open(paths: &[PathBuf], out: Option<PathBuf>) -> Result<MergeJob, PipelineError> {
        let found = expand_parts(paths);
        if found.is_empty() {
            return Err(PipelineError::BadInput(format!(
                "error: no part files (*.part-K-of-N.json) found in {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut parts: Vec<(String, Part)> = Vec::new();
        let mut problems = Vec::new();
        for p in &found {
            match read_part(p) {
                Ok(part) => parts.push((p.display().to_string(), part)),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if !problems.is_empty() {
            return Err(PipelineError::BadInput(problems.join("\n")));
        }
        let assembled = check_parts(parts).map_err(|e| PipelineError::BadInput(e.to_string()))?;
        let record = assembled.record;
        let files: Vec<PathBuf> = record.files.iter().map(PathBuf::from).collect();
        let (batch, problems) = Batch::load(
            &files,
            super::Overrides {
                seed: Some(record.seed),
                draws: Some(record.draws),
                gap_batches: record.gap_batches,
            },
        );
        if !problems.is_empty() {
            let mut text: Vec<String> = problems.iter().map(|e| e.to_string()).collect();
            text.push(
                "  hint: the parts name their scenario files as the shards were given them; run merge from the folder the shards ran in"
                    .into(),
            );
            return Err(PipelineError::BadInput(text.join("\n")));
        }
        let (_, flat) = batch.tasks();
        unchanged(&record, &flat).map_err(|e| PipelineError::BadInput(format!("error: {e}")))?;
        let target = match record.command {
            Kind::Run => out.unwrap_or_else(|| PathBuf::from("out")),
            Kind::Compare => out
                .unwrap_or_else(|| PathBuf::from("out").join(compare_label(flat.iter().copied()))),
        };
        let job = MergeJob {
            record,
            shards: assembled.shards,
            tasks: assembled.tasks.into_iter().map(Some).collect(),
            batch,
            target,
        };
        job.check_parts_not_replaced(&found)?;
        Ok(job)
    }

    /// The folders the merged outputs replace.
    fn targets(&self) -> Vec<PathBuf> {
        match self.record.command {
            Kind::Run => self
                .batch
                .loaded
                .iter()
                .flat_map(|l| match &l.sweep {
                    Some(_) => vec![self.target.join(&l.name)],
                    None => l
                        .scenarios
                        .iter()
                        .map(|s| self.target.join(&s.name))
                        .collect(),
                })
                .collect(),
            Kind::Compare => vec![self.target.clone()],
        }
    }

    /// No part may lie inside a folder the merge replaces.
    fn check_parts_not_replaced(&self, parts: &[PathBuf]) -> Result<(), PipelineError> {
        let targets = self.targets();
        for p in parts {
            if let Some(t) = targets.iter().find(|t| inside(p, t)) {
                return Err(PipelineError::BadInput(format!(
                    "error: {} lies inside {}, which the merged outputs replace; move the parts or choose another --out",
                    p.display(),
                    t.display()
                )));
            }
        }
        Ok(())
    }

    /// Assembles every task and hands each finished output to `outputs`; goes
    /// on past a failed one, and returns every failure (the worst first kind
    /// decides the exit code). Call inside a rayon pool.
    pub fn finish(mut self, outputs: &dyn Outputs) -> Vec<PipelineError> {
        match self.record.command {
            Kind::Run => self.finish_run(outputs),
            Kind::Compare => {
                let task = self.tasks[0].take().expect("a comparison is one task");
                let scenarios: Vec<Scenario> = std::mem::take(&mut self.batch.loaded)
                    .into_iter()
                    .flat_map(|l| l.scenarios)
                    .collect();
                merge_compare(task, &scenarios, &self.target, outputs)
                    .err()
                    .into_iter()
                    .collect()
            }
        }
    }

    fn finish_run(&mut self, outputs: &dyn Outputs) -> Vec<PipelineError> {
        let mut next = 0;
        let mut failures = Vec::new();
        let tasks = &mut self.tasks;
        let mut take = |s: &Scenario| {
            let task = tasks[next].take().expect("one task per scenario");
            next += 1;
            merged_run(task, s)
        };
        for l in &self.batch.loaded {
            if let Some(sw) = &l.sweep {
                let runs: Result<Vec<Run>, PipelineError> = l
                    .scenarios
                    .iter()
                    .map(|s| take(s).map(Run::summarised))
                    .collect();
                let written = runs.and_then(|runs| {
                    outputs
                        .sweep(&self.target, &l.name, &finish_sweep(sw, runs))
                        .map_err(PipelineError::RunFailed)
                });
                if let Err(e) = written {
                    failures.push(relabel(e, &format!("error: sweep `{}`: ", l.name)));
                }
                continue;
            }
            for s in &l.scenarios {
                let written = take(s).and_then(|run| {
                    outputs.scenario(&self.target, s, &run).map_err(|e| {
                        PipelineError::RunFailed(format!("scenario `{}`: {e}", s.name))
                    })
                });
                if let Err(e) = written {
                    failures.push(relabel(e, "error: "));
                }
            }
        }
        failures
    }
}

/// The same error with `prefix` before its message.
fn relabel(e: PipelineError, prefix: &str) -> PipelineError {
    match e {
        PipelineError::BadInput(m) => PipelineError::BadInput(format!("{prefix}{m}")),
        PipelineError::RunFailed(m) => PipelineError::RunFailed(format!("{prefix}{m}")),
    }
}

fn merge_compare(
    task: TaskPieces,
    scenarios: &[Scenario],
    dir: &Path,
    outputs: &dyn Outputs,
) -> Result<(), PipelineError> {
    let members: Vec<&Scenario> = scenarios.iter().collect();
    let prepared = prepare_task(&task, &members).map_err(|e| relabel(e, "error: "))?;
    let empty = Paired::empty(&cases(scenarios, &prepared));
    let paired = task
        .assemble(&empty)
        .map_err(|e| PipelineError::BadInput(format!("error: {e}")))?;
    let run = finish_comparison(scenarios, prepared, paired);
    outputs
        .comparison(dir, scenarios, &run)
        .map_err(|e| PipelineError::RunFailed(format!("error: {e}")))
}
