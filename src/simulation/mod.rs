//! Monte Carlo evaluation of an allocation: sampling one week's demand, the
//! recourse inside that week (crews, flex, queues, travel, neighbourhood cover),
//! and the parallel driver that aggregates draws in fixed chunks.
//!
//! This module must not touch the terminal or files: progress goes through the
//! `Progress` trait, results come back as values.

mod demand;
mod driver;
mod metrics;
mod plan;
pub mod queue;
mod recourse;
mod rng;

pub use demand::{DrawDemand, sample_demand};
pub use driver::{CHUNK_DRAWS, NoProgress, Progress, Results, simulate};
pub use metrics::{LONDON_METRICS, UNIT_METRICS, WARD_METRICS};
pub use plan::{Plan, UnitPlan, WardPlan};
pub use recourse::{DrawOutcome, evaluate};
pub use rng::draw_rng;
