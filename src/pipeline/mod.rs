//! Every way of running: a command's settings resolved once into a `Batch` (its
//! scenario files and one `RunConfig`), then scenarios through allocate →
//! simulate → summarise, whole (`run`, `compare`, `sweep`), as one shard of the
//! draws (`ShardJob`), or merged from shards' part files (`MergeJob`). The CLI,
//! the tests and the benches all go through here, so they run the same thing;
//! failures come back as a typed `PipelineError`.
//!
//! This module must not touch the terminal: progress goes through
//! `montecarlo::Progress`, finished outputs through `Outputs`.

mod batch;
mod error;
mod export;
mod merge;
mod outputs;
mod shard;
mod stages;

pub use batch::{
    Batch, Overrides, RunConfig, check_outputs, compare_label, expand_with, unique_names,
};
pub use error::PipelineError;
pub use export::{LpExport, check_exportable, export_lp};
pub use merge::MergeJob;
pub use outputs::Outputs;
pub use shard::{ShardJob, ShardWritten};
pub use stages::{
    ComparisonRun, Prepared, Run, SweepRun, cases, compare, finish, finish_comparison,
    finish_sweep, fits_in_memory, prepare, prepare_all, prepare_counts, run, sweep,
};
