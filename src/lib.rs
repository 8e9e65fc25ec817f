//! wardsim: allocate a fixed pool of police officers across a city's wards and
//! command units, and measure with honest uncertainty what each choice does to
//! emergency response and neighbourhood policing.
//!
//! The pipeline, one module per stage: `scenario` (load and validate) →
//! `allocation` (who goes where) → `simulation` (Monte Carlo weeks) → `stats`
//! (estimates with intervals) → `report` (files and text). `model` holds the plain
//! types they share; `data` loads datasets; `cli` is the command line.

pub mod allocation;
pub mod chart;
pub mod cli;
pub mod data;
pub mod model;
pub mod montecarlo;
pub mod pipeline;
pub mod plan;
pub mod report;
pub mod scenario;
pub mod shard;
pub mod stats;
pub mod week;
