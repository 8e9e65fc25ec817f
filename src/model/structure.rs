//! Command units (CUs): which boroughs are commanded together, and where their
//! response bases are.

use super::geography::BoroughId;

/// Index of a command unit in `Structure::units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId(pub usize);

/// A response base: where crews start and return to.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    pub name: String,
    pub easting: f64,
    pub northing: f64,
    /// The borough this base serves first, or `None` for a CU-wide hub.
    pub borough: Option<BoroughId>,
}

/// One command unit: its name, boroughs and response bases.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandUnit {
    pub name: String,
    pub boroughs: Vec<BoroughId>,
    /// One per borough by default; a single hub if the scenario consolidates.
    pub bases: Vec<Base>,
}

/// The command structure: the units the boroughs are grouped into.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// `boroughs`, `bcu2018` or `groups`.
    pub kind: String,
    pub units: Vec<CommandUnit>,
    /// `unit_of_borough[b]` is the CU commanding borough b.
    pub unit_of_borough: Vec<UnitId>,
}
