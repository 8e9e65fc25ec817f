//! The validated scenario: what a scenario file says once every name has become
//! a typed id and every value has been checked. `scenario/` reads TOML into these
//! types; every later stage takes them as plain data and never sees TOML.
//!
//! This module must not read files, parse text or compute anything.

use std::sync::Arc;

use super::metric::Metric;
use super::{Dataset, Params, Structure};

/// A checked scenario: nothing in it refers to names any more.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    /// The file it came from, as given.
    pub file: String,
    pub dataset: Arc<Dataset>,
    pub structure: Structure,
    pub params: Params,
    /// SHA-256 of everything that determines results except seed and draws.
    pub hash: String,
}

/// Everything one scenario file holds.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    /// The file's own name (`name`, or the file name without `.toml`).
    pub name: String,
    /// The base then each variant; or, for a sweep, each point in order.
    pub scenarios: Vec<Scenario>,
    pub sweep: Option<Sweep>,
}

/// What a sweep varies, point by point (parallel to `ScenarioFile::scenarios`).
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub parameter: String,
    pub values: Vec<String>,
    /// The optional second parameter and its value at each point.
    pub by: Option<(String, Vec<String>)>,
    /// London metric whose crossing of `target` is reported.
    pub target_metric: Metric,
    pub target: Option<f64>,
}
