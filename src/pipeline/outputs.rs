//! Where finished runs, sweeps and comparisons go: the one seam between the
//! pipeline and whatever writes folders and prints (the command line).

use std::path::Path;

use super::stages::{ComparisonRun, Run, SweepRun};
use crate::model::Scenario;

/// Where finished runs, sweeps and comparisons go. Whole runs and merged ones
/// both write through it, so they write the same files.
pub trait Outputs: Sync {
    /// Writes `out/<scenario name>/`.
    fn scenario(&self, out: &Path, s: &Scenario, run: &Run) -> Result<(), String>;
    /// Writes `out/<sweep name>/`.
    fn sweep(&self, out: &Path, name: &str, run: &SweepRun) -> Result<(), String>;
    /// Writes the comparison folder `dir`.
    fn comparison(
        &self,
        dir: &Path,
        scenarios: &[Scenario],
        run: &ComparisonRun,
    ) -> Result<(), String>;
}
