//! `wardsim run`: every scenario and sweep of a batch on the same seed and draws,
//! each written to its own folder, or one shard of them.

use std::path::PathBuf;

use super::args::RunArgs;
use super::outputs::Writer;
use super::pictures::Outlines;
use super::progress::Bars;
use super::shard::{run_shard, shard_of};
use super::{exit, fail, thread_pool};
use crate::pipeline::{self, Batch, Outputs, Overrides, ShardJob, check_outputs};
use crate::shard::Kind;

pub fn run(args: RunArgs) -> u8 {
    let shard = match shard_of(&args.shard) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let overrides = Overrides {
        seed: args.seed,
        draws: args.draws,
        gap_batches: args.gap_batches,
    };
    let (batch, problems) = Batch::load(&args.scenarios, overrides);
    for e in &problems {
        eprintln!("{e}");
    }
    let bad = !problems.is_empty();
    if batch.loaded.is_empty() || (bad && shard.is_some()) {
        return exit::BAD_INPUT;
    }
    if let Err(e) = batch.check_run_folders() {
        return fail(e);
    }
    let pool = match thread_pool(args.threads) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Some((shard, source)) = shard {
        let (names, scenarios) = batch.tasks();
        let job = ShardJob {
            kind: Kind::Run,
            files: &batch.files,
            config: batch.config,
            scenarios,
            names,
            label: batch.run_label(),
            out: args.out.unwrap_or_else(|| PathBuf::from("out/parts")),
            shard,
        };
        return match run_shard(&job, &source, &pool, args.quiet) {
            Ok(()) => exit::OK,
            Err(e) => fail(e),
        };
    }
    let out = args.out.unwrap_or_else(|| PathBuf::from("out"));
    if let Err(e) = check_outputs(&batch.run_outputs(&out), args.force) {
        return fail(e);
    }
    let outlines = match Outlines::load(!args.no_charts, batch.scenarios()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let writer = Writer {
        outlines: &outlines,
        quiet: args.quiet,
        force: args.force,
        markdown: false,
    };
    let failures = pool.install(|| whole(&batch, &out, args.jobs as usize, args.quiet, &writer));
    if failures > 0 {
        eprintln!("{failures} scenario(s) or sweep(s) failed; the others finished");
    }
    if bad {
        exit::BAD_INPUT
    } else if failures > 0 {
        exit::RUN_FAILED
    } else {
        exit::OK
    }
}

/// Runs every scenario and sweep of the batch and writes each; returns how many
/// failed (each said as it happens).
fn whole(batch: &Batch, out: &std::path::Path, jobs: usize, quiet: bool, writer: &Writer) -> usize {
    let draws = batch.config.draws;
    let total: usize = batch.loaded.iter().map(|l| l.scenarios.len()).sum();
    let bars = Bars::new(quiet, total as u64);
    let mut failures = 0;
    for l in &batch.loaded {
        if let Some(sw) = &l.sweep {
            bars.scenarios.set_message(l.name.clone());
            let bar = bars.draws(&l.name, draws * l.scenarios.len() as u64);
            let outcome = pipeline::sweep(&l.scenarios, sw, jobs, &bar);
            bar.0.finish_and_clear();
            bars.scenarios.inc(l.scenarios.len() as u64);
            let written = match outcome {
                Err((k, e)) => Err(format!(
                    ", point `{}` ({}): {e}",
                    l.scenarios[k].name, l.scenarios[k].file
                )),
                Ok(r) => writer.sweep(out, &l.name, &r).map_err(|e| format!(": {e}")),
            };
            if let Err(e) = written {
                bars.println(&format!("error: sweep `{}`{e}", l.name));
                failures += 1;
            }
            continue;
        }
        for s in &l.scenarios {
            bars.scenarios.set_message(s.name.clone());
            let bar = bars.draws(&s.name, draws);
            let outcome = pipeline::run(s, &bar);
            bar.0.finish_and_clear();
            bars.scenarios.inc(1);
            let written = match outcome {
                Err(e) => Err(format!(" ({}): {e}", s.file)),
                Ok(run) => writer.scenario(out, s, &run).map_err(|e| format!(": {e}")),
            };
            if let Err(e) = written {
                bars.println(&format!("error: scenario `{}`{e}", s.name));
                failures += 1;
            }
        }
    }
    bars.scenarios.finish_and_clear();
    failures
}
