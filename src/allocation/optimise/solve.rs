//! Solves a `LinearProgram` with the chosen backend through good_lp: primal values,
//! objective and the duals of every row.
//!
//! Clarabel (pure Rust, interior point) is always built; HiGHS only with the
//! `highs` cargo feature. This module must not interpret the LP.

use good_lp::solvers::{DualValues, SolutionWithDual};
use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable,
    variable,
};

use super::lp::{LinearProgram, Sense};
use crate::model::params::Solver;

/// What the LP solver returns: the column values, the objective and the row duals.
#[derive(Debug, Clone, PartialEq)]
pub struct LpSolution {
    pub values: Vec<f64>,
    pub objective: f64,
    /// Change in the optimal objective per unit increase of each row's right-hand side.
    pub duals: Vec<f64>,
}

fn model(lp: &LinearProgram) -> (ProblemVariables, Vec<Variable>, Expression, Vec<Constraint>) {
    let mut vars = ProblemVariables::new();
    let cols: Vec<Variable> = lp
        .columns
        .iter()
        .map(|c| {
            let mut d = variable().min(c.lower);
            if c.upper.is_finite() {
                d = d.max(c.upper);
            }
            vars.add(d)
        })
        .collect();
    let mut objective = Expression::with_capacity(lp.columns.len());
    for (c, v) in lp.columns.iter().zip(&cols) {
        if c.cost != 0.0 {
            objective.add_mul(c.cost, *v);
        }
    }
    let constraints = lp
        .rows
        .iter()
        .map(|r| {
            let mut e = Expression::with_capacity(r.terms.len());
            for &(c, a) in &r.terms {
                e.add_mul(a, cols[c]);
            }
            match r.sense {
                Sense::Le => e.leq(r.rhs),
                Sense::Ge => e.geq(r.rhs),
            }
        })
        .collect();
    (vars, cols, objective, constraints)
}

/// Builds the LP in good_lp and solves it with one backend.
fn solve_using<B>(lp: &LinearProgram, backend: B) -> Result<LpSolution, String>
where
    B: good_lp::solvers::Solver,
    B::Model: SolverModel<Error = ResolutionError>,
    <B::Model as SolverModel>::Solution: for<'a> SolutionWithDual<'a>,
{
    let (vars, cols, objective, constraints) = model(lp);
    let mut m = vars.minimise(objective).using(backend);
    let refs: Vec<_> = constraints
        .into_iter()
        .map(|c| m.add_constraint(c))
        .collect();
    let mut sol = m.solve().map_err(|e| match e {
        ResolutionError::Infeasible => "the solver found the LP infeasible".to_string(),
        ResolutionError::Unbounded => "the solver found the LP unbounded".to_string(),
        other => format!("the solver stopped: {other}"),
    })?;
    let values: Vec<f64> = cols.iter().map(|&v| sol.value(v)).collect();
    let objective = lp.objective(&values);
    let duals = {
        let d = sol.compute_dual();
        refs.iter().map(|r| d.dual(r.clone())).collect()
    };
    Ok(LpSolution {
        values,
        objective,
        duals,
    })
}

/// Solves the LP. Errors are the backend's words, for the caller to put in context.
pub fn solve(lp: &LinearProgram, solver: Solver) -> Result<LpSolution, String> {
    match solver {
        Solver::Clarabel => solve_using(lp, good_lp::clarabel),
        #[cfg(feature = "highs")]
        Solver::Highs => solve_using(lp, good_lp::highs),
        #[cfg(not(feature = "highs"))]
        Solver::Highs => Err("this wardsim was built without HiGHS; rebuild with `--features highs` (needs cmake) or use solver = \"clarabel\"".into()),
    }
}
