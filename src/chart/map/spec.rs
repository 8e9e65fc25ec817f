//! What a ward map is asked to draw (`MapSpec`: each ward's value, the legend's
//! words, whether values are changes) and what it returns (`MapChart`, with the
//! `Legend` it drew), with the page geometry the map and its legend share.

use crate::chart::figure::Figure;
use crate::chart::measure::Measure;

pub const WIDTH: f64 = 960.0;

pub(super) const MAP_TOP: f64 = 72.0;

pub(super) const MAP_W: f64 = 920.0;

pub(super) const MAP_H: f64 = 680.0;

pub(super) const MARGIN: f64 = 20.0;

/// One ward's value and its hover text.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaValue {
    pub code: String,
    pub value: Option<f64>,
    /// The 95% CI of a change includes zero: drawn hatched.
    pub within_noise: bool,
    pub tip: String,
}

/// What a ward map shows: each ward's value, the legend's words, and whether values are
/// changes.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSpec {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// What the colours measure, e.g. "I calls on time".
    pub legend_title: String,
    pub measure: Measure,
    /// A change between scenarios: diverging colours centred on zero.
    pub change: bool,
    /// For changes: whether a positive change is better (coloured blue).
    pub higher_is_better: bool,
    pub wards: Vec<AreaValue>,
    /// Command units as lists of borough codes.
    pub units: Vec<Vec<String>>,
    pub attribution: String,
}

/// What the legend shows: the colour range and its ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

/// A drawn ward map and the legend it used.
#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    pub figure: Figure,
    pub legend: Legend,
    /// Ward shapes drawn (every ward of the boundaries).
    pub wards_drawn: usize,
    /// Codes in the values with no outline.
    pub unmatched: Vec<String>,
}
