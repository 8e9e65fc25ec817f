//! `wardsim validate`: the backtests against London's published record (the
//! shipped `validation/` folder, or another of the same form), written to one
//! folder and summarised on stdout. Exit 0 when every backtest ran, misfits
//! included; 1 when one could not run; 2 on bad input.

use std::path::PathBuf;

use super::args::ValidateArgs;
use super::outputs::Writer;
use super::pictures::Outlines;
use super::progress::Bars;
use super::{exit, fail, thread_pool};
use crate::pipeline::PipelineError;
use crate::scenario::DatasetCache;
use crate::validation::{self, Backtests};

pub fn validate(args: ValidateArgs) -> u8 {
    match validate_or_fail(args) {
        Ok(()) => exit::OK,
        Err(e) => fail(e),
    }
}

fn validate_or_fail(args: ValidateArgs) -> Result<(), PipelineError> {
    let backtests = match &args.dir {
        Some(dir) => Backtests::load(dir)?,
        None => Backtests::embedded(),
    };
    let mut cache = DatasetCache::default();
    let prepared = validation::prepare(&backtests, args.seed, args.draws, &mut cache)?;
    let pool = thread_pool(args.threads)?;
    let outlines = Outlines::load(false, std::iter::empty())?;
    let writer = Writer {
        outlines: &outlines,
        quiet: args.quiet,
        force: args.force,
        markdown: false,
    };
    let dir = args
        .out
        .unwrap_or_else(|| PathBuf::from("out").join("validation"));
    pool.install(|| {
        let bars = Bars::new(args.quiet, 1);
        let total = prepared.simulations() as u64 * prepared.draws();
        let bar = bars.draws("backtests", total);
        let result = validation::run(&prepared, &bar);
        bar.0.finish_and_clear();
        let report = validation::report(&result?, &backtests.folder);
        writer
            .product(&dir, &report, !args.no_charts)
            .map_err(|e| PipelineError::RunFailed(format!("error: backtests: {e}")))
    })
}
