//! `wardsim merge`: read part files, check they are every shard of one run,
//! re-read the scenarios and re-derive their allocations (checking both against
//! the parts), put the statistics back together exactly, and write the very
//! outputs the whole run writes.

use std::path::{Path, PathBuf};

use super::args::MergeArgs;
use super::commands::{
    compare_label, expand_with, harmonise, load_files, run_tasks, set_gap_batches, thread_pool,
};
use super::exit;
use super::outputs::Writer;
use super::pictures::Outlines;
use crate::model::{Scenario, ScenarioFile as Loaded};
use crate::montecarlo::{Paired, Results};
use crate::pipeline::{self, Prepared, Run};
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
fn prepare(task: &TaskPieces, members: &[&Scenario]) -> Result<Vec<Prepared>, (u8, String)> {
    let mut prepared = Vec::new();
    for (k, s) in members.iter().enumerate() {
        let p = pipeline::prepare(s).map_err(|e| {
            (
                exit::RUN_FAILED,
                format!("scenario `{}` ({}): {e}", s.name, s.file),
            )
        })?;
        if task.allocations.get(k) != Some(&allocation_fingerprint(&p.allocation)) {
            return Err((
                exit::RUN_FAILED,
                format!(
                    "scenario `{}`: the allocation derived here differs from the one the shards simulated; \
                     merge with the same wardsim build the shards ran",
                    s.name
                ),
            ));
        }
        prepared.push(p);
    }
    Ok(prepared)
}

/// One scenario's run from its task's pieces.
fn merged_run(task: TaskPieces, s: &Scenario) -> Result<Run, (u8, String)> {
    let prepared = prepare(&task, &[s])?.remove(0);
    let empty = Paired {
        runs: vec![Results::empty(
            prepared.plan.units.len(),
            prepared.plan.wards.len(),
            prepared.plan.borough_wards.len(),
        )],
        differences: Vec::new(),
    };
    let mut paired = task.assemble(&empty).map_err(|e| (exit::BAD_INPUT, e))?;
    Ok(pipeline::finish(s, prepared, paired.runs.remove(0)))
}

pub fn merge(args: MergeArgs) -> u8 {
    let paths = expand_parts(&args.parts);
    if paths.is_empty() {
        eprintln!(
            "error: no part files (*.part-K-of-N.json) found in {}",
            args.parts
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return exit::BAD_INPUT;
    }
    let mut parts: Vec<(String, Part)> = Vec::new();
    let mut bad = false;
    for p in &paths {
        match read_part(p) {
            Ok(part) => parts.push((p.display().to_string(), part)),
            Err(e) => {
                eprintln!("{e}");
                bad = true;
            }
        }
    }
    if bad {
        return exit::BAD_INPUT;
    }
    let assembled = match check_parts(parts) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let record = assembled.record;
    let files: Vec<PathBuf> = record.files.iter().map(PathBuf::from).collect();
    let (mut loaded, bad) = load_files(&files);
    if bad {
        eprintln!(
            "  hint: the parts name their scenario files as the shards were given them; run merge from the folder the shards ran in"
        );
        return exit::BAD_INPUT;
    }
    harmonise(
        loaded.iter_mut().flat_map(|l| l.scenarios.iter_mut()),
        Some(record.seed),
        Some(record.draws),
    );
    set_gap_batches(
        loaded.iter_mut().flat_map(|l| l.scenarios.iter_mut()),
        record.gap_batches,
    );
    let (_, flat) = run_tasks(&loaded);
    if let Err(e) = unchanged(&record, &flat) {
        eprintln!("error: {e}");
        return exit::BAD_INPUT;
    }
    let (outlines, outlines_ok) = Outlines::load(!args.no_charts, flat.iter().copied());
    if !outlines_ok {
        return exit::BAD_INPUT;
    }
    let Some(pool) = thread_pool(args.threads) else {
        return exit::RUN_FAILED;
    };
    let writer = Writer {
        outlines: &outlines,
        pool: &pool,
        quiet: args.quiet,
    };
    let mut tasks: Vec<Option<TaskPieces>> = assembled.tasks.into_iter().map(Some).collect();
    let targets: Vec<PathBuf> =
        match record.command {
            Kind::Run => {
                let out = args.out.clone().unwrap_or_else(|| PathBuf::from("out"));
                loaded
                    .iter()
                    .flat_map(|l| match &l.sweep {
                        Some(_) => vec![out.join(&l.name)],
                        None => l.scenarios.iter().map(|s| out.join(&s.name)).collect(),
                    })
                    .collect()
            }
            Kind::Compare => {
                vec![args.out.clone().unwrap_or_else(|| {
                    PathBuf::from("out").join(compare_label(flat.iter().copied()))
                })]
            }
        };
    for p in &paths {
        if let Some(t) = targets.iter().find(|t| inside(p, t)) {
            eprintln!(
                "error: {} lies inside {}, which the merged outputs replace; move the parts or choose another --out",
                p.display(),
                t.display()
            );
            return exit::BAD_INPUT;
        }
    }
    if !args.quiet {
        println!(
            "merging {} shards of `{}` ({} draws, seed {})\n",
            assembled.shards,
            record.command.as_str(),
            record.draws,
            record.seed
        );
    }
    match record.command {
        Kind::Run => merge_run(&loaded, &mut tasks, &args, &writer, &pool),
        Kind::Compare => {
            let task = tasks[0].take().expect("a comparison is one task");
            let scenarios: Vec<Scenario> = loaded.into_iter().flat_map(|l| l.scenarios).collect();
            pool.install(|| merge_compare(task, &scenarios, &targets[0], &writer))
        }
    }
}

fn merge_run(
    loaded: &[Loaded],
    tasks: &mut [Option<TaskPieces>],
    args: &MergeArgs,
    writer: &Writer,
    pool: &rayon::ThreadPool,
) -> u8 {
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("out"));
    let mut next = 0;
    let mut worst = exit::OK;
    let mut take = |s: &Scenario| {
        let task = tasks[next].take().expect("one task per scenario");
        next += 1;
        pool.install(|| merged_run(task, s))
    };
    for l in loaded {
        if let Some(sw) = &l.sweep {
            let runs: Result<Vec<Run>, (u8, String)> = l
                .scenarios
                .iter()
                .map(|s| take(s).map(Run::summarised))
                .collect();
            let written = runs.and_then(|runs| {
                writer
                    .sweep(&out, &l.name, &pipeline::finish_sweep(sw, runs))
                    .map_err(|e| (exit::RUN_FAILED, e))
            });
            if let Err((code, e)) = written {
                eprintln!("error: sweep `{}`: {e}", l.name);
                worst = worst.max(code);
            }
            continue;
        }
        for s in &l.scenarios {
            let written = take(s).and_then(|run| {
                writer
                    .scenario(&out, s, &run)
                    .map_err(|e| (exit::RUN_FAILED, format!("scenario `{}`: {e}", s.name)))
            });
            if let Err((code, e)) = written {
                eprintln!("error: {e}");
                worst = worst.max(code);
            }
        }
    }
    worst
}

fn merge_compare(task: TaskPieces, scenarios: &[Scenario], dir: &Path, writer: &Writer) -> u8 {
    let members: Vec<&Scenario> = scenarios.iter().collect();
    let prepared = match prepare(&task, &members) {
        Ok(p) => p,
        Err((code, e)) => {
            eprintln!("error: {e}");
            return code;
        }
    };
    let empty = Paired::empty(&pipeline::cases(scenarios, &prepared));
    let paired = match task.assemble(&empty) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    let run = pipeline::finish_comparison(scenarios, prepared, paired);
    match writer.comparison(dir, scenarios, &run) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::RUN_FAILED
        }
    }
}
