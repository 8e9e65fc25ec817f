//! Sharded runs: one command's Monte Carlo draws (and sweep points) split across
//! separate processes — the tasks of a Slurm job array, say — each writing a part
//! file, and the parts merged back into exactly the statistics a single process
//! computes.
//!
//! - `spec`: which shard this process is (`--shard K/N`, or the scheduler's
//!   environment);
//! - `work`: what a command's work is, and each shard's share of it;
//! - `part`: the part file, with every statistic stored bit for bit;
//! - `merge`: checking that parts belong together, and putting them back together.
//!
//! This module must not touch the terminal, allocate officers or draw random
//! numbers: the CLI drives it, the pipeline and simulation do the work.

mod merge;
mod part;
mod spec;
mod stats_record;
mod work;

pub use merge::{Assembled, MergeError, TaskPieces, check_parts};
pub use part::{
    FORMAT, FORMAT_VERSION, Part, PartError, Piece, Record, ScenarioRecord, TaskPart,
    allocation_fingerprint, fingerprint, read_part,
};
pub use spec::{Shard, ShardArg, resolve};
pub use stats_record::PieceStats;
pub use work::{Kind, Task, share, tasks};
