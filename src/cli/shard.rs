//! Running one shard from the command line: which shard this process is, a
//! progress bar over its draws, and what it wrote.

use super::args::ShardArgs;
use super::progress::Bars;
use crate::pipeline::{PipelineError, ShardJob};
use crate::shard::{self, Shard};

/// The shard this process runs, if any (`--shard`, `--shards` or the scheduler's
/// environment), and where that came from.
pub fn shard_of(args: &ShardArgs) -> Result<Option<(Shard, String)>, PipelineError> {
    shard::resolve(args.shard, args.shards, &|name| std::env::var(name).ok())
        .map_err(|e| PipelineError::BadInput(format!("error: {e}")))
}

/// Runs the shard in `pool` and says what it wrote.
pub fn run_shard(
    job: &ShardJob,
    source: &str,
    pool: &rayon::ThreadPool,
    quiet: bool,
) -> Result<(), PipelineError> {
    let bars = Bars::new(quiet, 1);
    let bar = bars.draws(
        &format!("shard {} of {}", job.shard, job.label),
        job.draws(),
    );
    let written = pool.install(|| job.run(&bar));
    bar.0.finish_and_clear();
    let written = written?;
    if !quiet {
        println!(
            "shard {} ({source}) of `{}`: {}",
            job.shard,
            job.label,
            if written.held.is_empty() {
                "no draws (more shards than chunks)".to_string()
            } else {
                written.held.join(", ")
            }
        );
        println!(
            "  wrote {} ({:.1} MB); merge every shard with `wardsim merge`",
            written.path.display(),
            written.bytes as f64 / 1e6
        );
    }
    Ok(())
}
