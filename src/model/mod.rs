//! Plain data types shared by every stage: geography, command-unit structure,
//! scenario parameters, the validated scenario, allocations and the metric
//! catalogue.
//!
//! This module must not do I/O, draw random numbers or call a solver; it only
//! describes things.

pub mod allocation;
pub mod boundaries;
pub mod geography;
pub mod metric;
pub mod optimisation;
pub mod params;
pub mod response_model;
pub mod scenario;
pub mod structure;
mod unit;

pub use allocation::{Allocation, AllocationMethod};
pub use boundaries::{Boundaries, Shape};
pub use geography::{Borough, BoroughId, CRIME_CATEGORIES, Dataset, Ward, WardId};
pub use metric::{Metric, Unit};
pub use optimisation::Optimisation;
pub use params::Params;
pub use scenario::{Scenario, ScenarioFile, Sweep};
pub use structure::{Base, CommandUnit, Structure, UnitId};
