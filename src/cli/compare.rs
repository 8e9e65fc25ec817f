//! `wardsim compare`: scenarios side by side on the same draws, the first the
//! baseline, written to one folder; or one shard of them.

use std::path::PathBuf;

use super::args::{CompareArgs, OutputFormat};
use super::outputs::Writer;
use super::pictures::Outlines;
use super::progress::Bars;
use super::shard::{run_shard, shard_of};
use super::{exit, fail, thread_pool};
use crate::model::Scenario;
use crate::pipeline::{
    self, Batch, Outputs, Overrides, PipelineError, ShardJob, check_outputs, compare_label,
    unique_names,
};
use crate::report::Marker;
use crate::shard::Kind;

pub fn compare(args: CompareArgs) -> u8 {
    match compare_or_fail(args) {
        Ok(()) => exit::OK,
        Err(e) => fail(e),
    }
}

fn compare_or_fail(args: CompareArgs) -> Result<(), PipelineError> {
    let shard = shard_of(&args.shard)?;
    let overrides = Overrides {
        seed: args.seed,
        draws: args.draws,
        gap_batches: None,
    };
    let (batch, problems) = Batch::load(&args.scenarios, overrides);
    if !problems.is_empty() {
        let text: Vec<String> = problems.iter().map(|e| e.to_string()).collect();
        return Err(PipelineError::BadInput(text.join("\n")));
    }
    let scenarios: Vec<&Scenario> = batch.scenarios().collect();
    if scenarios.len() < 2 {
        return Err(PipelineError::BadInput(
            "error: compare needs at least two scenarios\n  hint: give two or more files, or one file with [[variant]] tables".into(),
        ));
    }
    unique_names(scenarios.iter().map(|s| (s.name.as_str(), s.file.as_str())))?;
    let pool = thread_pool(args.threads)?;
    let label = compare_label(scenarios.iter().copied());
    // The label names the default folder and the part files; file systems allow
    // 255 bytes, and staging and part suffixes need some of them.
    if (args.out.is_none() || shard.is_some()) && label.len() > 200 {
        return Err(PipelineError::BadInput(format!(
            "error: the comparison's name `{}…` is {} bytes, too long for a folder or part file name\n  hint: give the scenarios shorter `name`s, or compare fewer at once{}",
            label.chars().take(60).collect::<String>(),
            label.len(),
            if shard.is_some() {
                ""
            } else {
                ", or give --out"
            }
        )));
    }
    if let Some((shard, source)) = shard {
        let job = ShardJob {
            kind: Kind::Compare,
            files: &batch.files,
            config: batch.config,
            names: scenarios.iter().map(|s| s.name.clone()).collect(),
            scenarios,
            label,
            out: args.out.unwrap_or_else(|| PathBuf::from("out/parts")),
            shard,
        };
        return run_shard(&job, &source, &pool, args.quiet);
    }
    let outlines = Outlines::load(!args.no_charts, scenarios.iter().copied())?;
    let dir = args.out.unwrap_or_else(|| PathBuf::from("out").join(label));
    let marker = Marker::new(
        "compare",
        scenarios.iter().map(|s| (s.file.as_str(), s.hash.as_str())),
    );
    check_outputs(&[(dir.clone(), marker)], args.force)?;
    let owned: Vec<Scenario> = batch.loaded.into_iter().flat_map(|l| l.scenarios).collect();
    let bars = Bars::new(args.quiet, 1);
    let bar = bars.draws(&format!("{} scenarios", owned.len()), batch.config.draws);
    let writer = Writer {
        outlines: &outlines,
        quiet: args.quiet,
        force: args.force,
        markdown: args.format == OutputFormat::Markdown,
    };
    pool.install(|| {
        let outcome = pipeline::compare(&owned, &bar);
        bar.0.finish_and_clear();
        let run = outcome.map_err(|(k, e)| {
            PipelineError::RunFailed(format!(
                "error: scenario `{}` ({}): {e}",
                owned[k].name, owned[k].file
            ))
        })?;
        writer
            .comparison(&dir, &owned, &run)
            .map_err(|e| PipelineError::RunFailed(format!("error: {e}")))
    })
}
