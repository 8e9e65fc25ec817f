//! wardsim: allocate a fixed pool of police officers across a city's wards and
//! command units, and measure with honest uncertainty what each choice does to
//! emergency response and neighbourhood policing.
//!
//! One folder per stage, each importing only the stages below it (a test in
//! `tests/it/architecture.rs` keeps this so), from the bottom up: `stats`
//! (estimates with intervals), `model` (plain types, the validated scenario and
//! the metric catalogue), `chart` (pictures), `data` (datasets), `scenario`
//! (TOML → `model::Scenario`), `plan` (what a scenario implies before
//! randomness), `week` (one week's demand and recourse), `montecarlo` (many
//! weeks on the chunk tree), `allocation` (who goes where), `report` (files,
//! text, charts and HTML by product), `shard` (part files), `pipeline` (every
//! way of running) and `cli` (the command line).

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
pub mod validation;
pub mod week;
