//! The Monte Carlo: many simulated weeks of one scenario (`simulate`) or of
//! several side by side on common random numbers (`simulate_paired`), grouped
//! in fixed chunks merged along a fixed tree (`tree`), so results are
//! bit-identical on any thread count and any split into shards.
//!
//! This module must not touch the terminal or files: progress goes through the
//! `Progress` trait, results come back as values.

mod paired;
mod results;
mod simulate;
mod tree;

pub use paired::{Case, Paired, simulate_paired, simulate_paired_range};
pub use results::Results;
pub use simulate::{simulate, simulate_range};
pub use tree::{
    Accumulate, CHUNK_DRAWS, ChunkTree, Coverage, NoProgress, Progress, assemble, run_chunk_range,
    run_chunks,
};
