//! The command line: arguments (clap), progress bars (indicatif), what goes to
//! stdout and stderr, and exit codes. The only module that touches the
//! terminal; every way of running is a `pipeline` function it calls.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod allocate;
mod args;
mod compare;
mod inspect;
mod interrupt;
mod merge;
mod outputs;
mod pictures;
mod progress;
mod run;
mod shard;
mod validate;

pub use args::Cli;

use crate::pipeline::PipelineError;
use args::Command;

/// Exit codes, as documented in `--help`.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A run failed, or its outputs could not be written.
    pub const RUN_FAILED: u8 = 1;
    /// Bad input: scenario, dataset, part files or flags.
    pub const BAD_INPUT: u8 = 2;
    /// Stopped by Ctrl-C or SIGTERM (after any output being written was
    /// complete).
    pub const INTERRUPTED: u8 = 130;
}

/// Runs a parsed command line; returns its exit code.
pub fn execute(cli: Cli) -> u8 {
    interrupt::install();
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Compare(args) => compare::compare(args),
        Command::Allocate(args) => allocate::allocate(args),
        Command::Check { scenarios } => inspect::check(&scenarios),
        Command::Data { dataset } => inspect::data_summary(dataset),
        Command::Merge(args) => merge::merge(args),
        Command::Validate(args) => validate::validate(args),
    }
}

/// The exit code of a pipeline error: the one place errors become codes.
fn code(e: &PipelineError) -> u8 {
    match e {
        PipelineError::BadInput(_) => exit::BAD_INPUT,
        PipelineError::RunFailed(_) => exit::RUN_FAILED,
    }
}

/// Prints an error (its message is complete as printed) and returns its code.
fn fail(e: PipelineError) -> u8 {
    eprintln!("{e}");
    code(&e)
}

/// A rayon pool of `threads` workers (default: all cores).
fn thread_pool(threads: Option<u64>) -> Result<rayon::ThreadPool, PipelineError> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        builder = builder.num_threads(t as usize);
    }
    builder
        .build()
        .map_err(|e| PipelineError::RunFailed(format!("error: cannot start worker threads: {e}")))
}
