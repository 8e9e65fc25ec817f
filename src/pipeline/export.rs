//! The exact LP an `optimise` scenario solves, built for an external solver:
//! the in-sample weeks of the scenario's own seed, as CPLEX LP or free MPS.

use super::error::PipelineError;
use crate::allocation::{self, optimise};
use crate::model::{AllocationMethod, Scenario};
use crate::plan::Plan;

/// A scenario's LP, ready to write.
pub struct LpExport {
    pub lp: optimise::LinearProgram,
    /// The comment that heads the LP file: version, scenario, seed, weeks, hash.
    pub title: String,
}

/// Only an `optimise` scenario solves an LP.
pub fn check_exportable(s: &Scenario) -> Result<(), PipelineError> {
    if s.params.allocation.method != AllocationMethod::Optimise {
        return Err(PipelineError::BadInput(format!(
            "error: scenario `{}` uses the formula method, which solves no LP; set `allocation.method = \"optimise\"`",
            s.name
        )));
    }
    Ok(())
}

/// Builds the LP of an `optimise` scenario.
pub fn export_lp(s: &Scenario, plan: &Plan) -> Result<LpExport, PipelineError> {
    check_exportable(s)?;
    let needs = allocation::needs(s, plan);
    let prepared = optimise::prepare(s, plan, &needs)
        .map_err(|e| PipelineError::RunFailed(format!("error: scenario `{}`: {e}", s.name)))?;
    let lp = optimise::LinearProgram::build(&prepared.problem);
    let title = format!(
        "wardsim {} LP of scenario {} (seed {}, {} in-sample weeks; scenario hash {})",
        env!("CARGO_PKG_VERSION"),
        s.name,
        s.params.run.seed,
        prepared.problem.weeks,
        s.hash
    );
    Ok(LpExport { lp, title })
}
