//! Which response model evaluates a week: version 2 (`v2`, MODEL §5) unless the
//! scenario asks for version 1 (`recourse`), kept so a user can see what changed.

use super::demand::DrawDemand;
use super::outcome::DrawOutcome;
use crate::model::{Allocation, Params};
use crate::plan::Plan;

/// Evaluates one draw into `out` with the scenario's model version.
pub fn evaluate(plan: &Plan, p: &Params, a: &Allocation, d: &DrawDemand, out: &mut DrawOutcome) {
    if p.run.model_version == 1 {
        super::recourse::evaluate(plan, p, a, d, out);
    } else {
        super::v2::evaluate(plan, p, a, d, out);
    }
}
