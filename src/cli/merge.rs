//! `wardsim merge`: the part files of a sharded run or comparison, merged into
//! exactly the outputs the whole run writes.

use super::args::MergeArgs;
use super::outputs::Writer;
use super::pictures::Outlines;
use super::{code, exit, fail, thread_pool};
use crate::pipeline::MergeJob;

pub fn merge(args: MergeArgs) -> u8 {
    let job = match MergeJob::open(&args.parts, args.out.clone()) {
        Ok(j) => j,
        Err(e) => return fail(e),
    };
    let outlines = match Outlines::load(!args.no_charts, job.batch.scenarios()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let pool = match thread_pool(args.threads) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if !args.quiet {
        println!(
            "merging {} shards of `{}` ({} draws, seed {})\n",
            job.shards,
            job.record.command.as_str(),
            job.record.draws,
            job.record.seed
        );
    }
    let writer = Writer {
        outlines: &outlines,
        quiet: args.quiet,
        force: args.force,
        markdown: false,
    };
    let failures = pool.install(|| job.finish(&writer));
    let mut worst = exit::OK;
    for e in failures {
        eprintln!("{e}");
        worst = worst.max(code(&e));
    }
    worst
}
