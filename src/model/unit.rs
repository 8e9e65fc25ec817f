//! The unit a metric is measured in, and so how it is written and differenced
//! (a share changes by percentage points), with its name in files.
//!
//! Plain values; no computation.

/// The unit a metric is measured in (and so how it is written and differenced:
/// a share changes by percentage points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A fraction from 0 to 1, written as a percentage.
    Share,
    Minutes,
    /// Officer-hours a week.
    Hours,
    /// A dimensionless ratio (utilisation).
    Ratio,
    /// Officers per 1,000 residents.
    Per1000,
    Count,
}

impl Unit {
    /// The unit's name in files (the comparison's `unit` column).
    pub const fn key(self) -> &'static str {
        match self {
            Unit::Share => "share",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Ratio => "ratio",
            Unit::Per1000 => "per_1000",
            Unit::Count => "count",
        }
    }
}
