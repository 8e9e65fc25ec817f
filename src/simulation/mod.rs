//! Monte Carlo evaluation of an allocation: sampling one week's demand, the
//! recourse inside that week (crews, flex, queues, travel, neighbourhood cover),
//! and the parallel driver that aggregates draws in fixed chunks.
//!
//! This module must not touch the terminal or files: progress goes through the
//! `Progress` trait, results come back as values.

mod demand;
mod driver;
pub mod metrics;
mod paired;
mod plan;
pub mod queue;
mod recourse;
pub mod response_time;
mod rng;

pub use demand::{DrawDemand, sample_demand};
pub use driver::{
    Accumulate, CHUNK_DRAWS, ChunkTree, Coverage, NoProgress, Progress, Results, assemble,
    run_chunk_range, run_chunks, simulate, simulate_range,
};
pub use metrics::{BOROUGH_METRICS, LONDON_METRICS, UNIT_METRICS, WARD_METRICS};
pub use paired::{Case, Paired, simulate_paired, simulate_paired_range};
pub use plan::{BoroughShare, Plan, UnitPlan, WardPlan};
pub use recourse::{DrawOutcome, evaluate};
pub use rng::draw_rng;
