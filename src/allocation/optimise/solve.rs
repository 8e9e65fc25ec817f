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

fn finish<S>(
    lp: &LinearProgram,
    cols: &[Variable],
    refs: &[good_lp::constraint::ConstraintReference],
    mut sol: S,
) -> LpSolution
where
    S: Solution + for<'a> SolutionWithDual<'a>,
{
    let values: Vec<f64> = cols.iter().map(|&v| sol.value(v)).collect();
    let objective = lp.objective(&values);
    let duals = {
        let d = sol.compute_dual();
        refs.iter().map(|r| d.dual(r.clone())).collect()
    };
    LpSolution {
        values,
        objective,
        duals,
    }
}

/// Solves the LP. Errors are the backend's words, for the caller to put in context.
pub fn solve(lp: &LinearProgram, solver: Solver) -> Result<LpSolution, String> {
    let (vars, cols, objective, constraints) = model(lp);
    let explain = |e: ResolutionError| match e {
        ResolutionError::Infeasible => "the solver found the LP infeasible".to_string(),
        ResolutionError::Unbounded => "the solver found the LP unbounded".to_string(),
        other => format!("the solver stopped: {other}"),
    };
    match solver {
        Solver::Clarabel => {
            let mut m = vars.minimise(objective).using(good_lp::clarabel);
            let refs: Vec<_> = constraints
                .into_iter()
                .map(|c| m.add_constraint(c))
                .collect();
            let sol = m.solve().map_err(explain)?;
            Ok(finish(lp, &cols, &refs, sol))
        }
        Solver::Highs => solve_highs(lp, vars, cols, objective, constraints, explain),
    }
}

#[cfg(feature = "highs")]
fn solve_highs(
    lp: &LinearProgram,
    vars: ProblemVariables,
    cols: Vec<Variable>,
    objective: Expression,
    constraints: Vec<Constraint>,
    explain: impl Fn(ResolutionError) -> String,
) -> Result<LpSolution, String> {
    let mut m = vars.minimise(objective).using(good_lp::highs);
    let refs: Vec<_> = constraints
        .into_iter()
        .map(|c| m.add_constraint(c))
        .collect();
    let sol = m.solve().map_err(explain)?;
    Ok(finish(lp, &cols, &refs, sol))
}

#[cfg(not(feature = "highs"))]
fn solve_highs(
    _: &LinearProgram,
    _: ProblemVariables,
    _: Vec<Variable>,
    _: Expression,
    _: Vec<Constraint>,
    _: impl Fn(ResolutionError) -> String,
) -> Result<LpSolution, String> {
    Err("this wardsim was built without HiGHS; rebuild with `--features highs` (needs cmake) or use solver = \"clarabel\"".into())
}

/// Whether this build can use a backend.
pub fn available(solver: Solver) -> bool {
    match solver {
        Solver::Clarabel => true,
        Solver::Highs => cfg!(feature = "highs"),
    }
}
