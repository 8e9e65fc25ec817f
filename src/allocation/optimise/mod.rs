//! The `optimise` method (MODEL §6): a sample-average-approximation LP that
//! spreads the officers left after command overhead and other roles across ward
//! officers, PCSOs and response officers to minimise expected weighted shortfall,
//! under the scenario's rules; then whole officers, the rules' costs, and checks on
//! weeks the optimiser never saw.
//!
//! Where the problem is separable, exact marginal analysis replaces the LP. This
//! module must not read files or print; it returns values and error words.

pub mod greedy;
pub mod lp;
pub mod problem;
mod rounding;
mod rules;
pub mod sample;
mod setting;
pub mod solve;
mod validation;

pub use lp::LinearProgram;

/// Peak memory (bytes) the optimiser needs for `in_sample_draws` in-sample weeks
/// when it also prices its rules: the LP that prices the ring-fence has flex
/// columns for every ward and week. Measured on London (BENCHMARKS.md): 516 MB at
/// 200 weeks and 2,441 MB at 1,000, about 2.45 MB a week over 20 MB; scaled by
/// wards for another city.
pub fn memory_needed(in_sample_draws: u64, wards: usize) -> f64 {
    let per_week = 2.45e6 * wards as f64 / 629.0;
    20e6 + per_week * in_sample_draws as f64
}
pub use problem::{Cost, Levels, Problem};
pub use sample::{IN_SAMPLE_STREAM, Sample};
pub use setting::{Rules, Setting};

use super::AllocationError;
use super::feasibility::Needs;
use super::formula;
use crate::model::Scenario;
use crate::model::optimisation::Optimisation;
use crate::model::params::Optimise;
use crate::model::{Allocation, AllocationMethod};
use crate::plan::Plan;

/// How a problem was solved and what came out.
#[derive(Debug, Clone)]
pub struct Solved {
    pub x: Vec<u32>,
    pub p: Vec<u32>,
    pub r: Vec<u32>,
    pub by_lp: bool,
    /// Optimum of the LP relaxation.
    pub bound: f64,
    pub cost: Cost,
    pub officer_value: f64,
    pub pcso_value: f64,
    /// LP duals of the floor rows and the (lower, upper) cap rows, when an LP ran.
    pub floor_duals: Vec<f64>,
    pub cap_duals: Vec<(f64, f64)>,
}

impl Solved {
    /// The solution's officer levels per ward and unit.
    pub fn levels(&self) -> Levels {
        Levels::whole(&self.x, &self.p, &self.r)
    }
}

/// LP re-solves with tightened floors before rounding gives up.
const ROUNDING_RETRIES: usize = 8;

/// Whether marginal analysis solves this problem exactly and is allowed to.
pub fn fast(pb: &Problem, o: &Optimise) -> bool {
    o.fast_path && pb.separable()
}

/// Solves a problem: marginal analysis where it is exact, else the LP and rounding.
pub fn solve_problem(pb: &Problem, o: &Optimise) -> Result<Solved, String> {
    if fast(pb, o) {
        let g = greedy::integer(pb);
        let relaxed = greedy::relaxation(pb);
        let bound = pb.cost(&relaxed.levels).total();
        let cost = pb.cost(&Levels::whole(&g.x, &g.p, &g.r));
        return Ok(Solved {
            x: g.x,
            p: g.p,
            r: g.r,
            by_lp: false,
            bound,
            cost,
            officer_value: g.next_officer,
            pcso_value: g.next_pcso,
            floor_duals: Vec::new(),
            cap_duals: Vec::new(),
        });
    }
    let lp = LinearProgram::build(pb);
    let sol = solve::solve(&lp, o.solver)?;
    let l = &lp.layout;
    let mut whole = rounding::round(pb, &lp.levels(&sol.values));
    // Whole officers cannot always meet a floor the LP met with fractions (when
    // the unit is also at its cap). Then the LP is solved again with those floors
    // one officer tighter, a few times; the bound stays the first LP's.
    let mut tightened = pb.clone();
    for round in 0..=ROUNDING_RETRIES {
        let short = tightened.short_floors(&whole.x, &whole.r);
        if short.is_empty() {
            break;
        }
        let names: Vec<&str> = short
            .iter()
            .map(|&k| pb.floors[k].borough.as_str())
            .collect();
        let no_whole = || {
            format!(
                "no whole-officer allocation found that meets the borough floor in {} (the LP meets it with fractions of officers; {})",
                names.join(", "),
                if pb.caps.is_empty() {
                    "with whole officers the floors need a little more than the pool leaves"
                } else {
                    "the transition cap leaves no room to round up"
                }
            )
        };
        if round == ROUNDING_RETRIES {
            return Err(no_whole());
        }
        for k in short {
            tightened.floors[k].need += 1.0;
        }
        let lp = LinearProgram::build(&tightened);
        // A floor one officer tighter may be more than the pool can give.
        let again = solve::solve(&lp, o.solver).map_err(|_| no_whole())?;
        whole = rounding::round(&tightened, &lp.levels(&again.values));
    }
    let cost = pb.cost(&Levels::whole(&whole.x, &whole.p, &whole.r));
    Ok(Solved {
        x: whole.x,
        p: whole.p,
        r: whole.r,
        by_lp: true,
        bound: sol.objective,
        cost,
        officer_value: (-sol.duals[l.pool_row]).max(0.0),
        pcso_value: (-sol.duals[l.pcso_row]).max(0.0),
        floor_duals: l.floor_rows.iter().map(|&i| sol.duals[i]).collect(),
        cap_duals: l
            .cap_rows
            .iter()
            .map(|&(lo, hi)| (sol.duals[lo], sol.duals[hi]))
            .collect(),
    })
}

/// The LP relaxation's optimum alone (for pricing rules).
pub fn bound(pb: &Problem, o: &Optimise) -> Result<f64, String> {
    if fast(pb, o) {
        Ok(pb.cost(&greedy::relaxation(pb).levels).total())
    } else {
        let lp = LinearProgram::build(pb);
        Ok(solve::solve(&lp, o.solver)?.objective)
    }
}

/// Everything needed to solve a scenario's problem, before solving it.
pub struct Prepared {
    pub setting: Setting,
    pub sample: Sample,
    pub problem: Problem,
    pub baseline: Allocation,
}

/// Builds the scenario's problem (checking its rules in domain words).
pub fn prepare(
    scenario: &Scenario,
    plan: &Plan,
    needs: &Needs,
) -> Result<Prepared, AllocationError> {
    let p = &scenario.params;
    let baseline = formula::allocate(scenario, plan, needs);
    let setting = Setting::new(scenario, plan, needs, &baseline)?;
    let sample = Sample::draw(
        plan,
        p,
        IN_SAMPLE_STREAM,
        p.allocation.optimise.in_sample_draws as usize,
    );
    let problem = setting.problem(&sample, setting.rules);
    Ok(Prepared {
        setting,
        sample,
        problem,
        baseline,
    })
}

/// How to reproduce a solver failure, for the error message.
fn reproduce(scenario: &Scenario) -> String {
    format!(
        "scenario \"{}\" ({}); reproduce with `wardsim allocate {} --write-lp model.lp` and an external solver",
        scenario.name, scenario.file, scenario.file
    )
}

/// The optimised allocation; with `report`, also what the optimiser says about
/// it (rule prices, out-of-sample objective, optimality gap), which leaves the
/// counts unchanged.
pub fn allocate(
    scenario: &Scenario,
    plan: &Plan,
    needs: &Needs,
    report: bool,
) -> Result<Allocation, AllocationError> {
    let o = &scenario.params.allocation.optimise;
    let prepared = prepare(scenario, plan, needs)?;
    let pb = &prepared.problem;
    let solved = solve_problem(pb, o).map_err(|e| {
        let hint = if !pb.floors.is_empty() && !pb.caps.is_empty() && e.contains("infeasible") {
            " (the borough floor and the transition cap cannot hold together: a borough below the floor needs more than its unit's cap allows)"
        } else {
            ""
        };
        AllocationError::Solver(format!("{e}{hint}; {}", reproduce(scenario)))
    })?;
    if !report {
        return Ok(counts(solved, prepared, None));
    }
    let (rules, unpriced) = rules::price(&prepared, &solved, o).map_err(|e| {
        AllocationError::Solver(format!("{e} (pricing a rule); {}", reproduce(scenario)))
    })?;
    let binding = rules::binding(&prepared.setting, &solved);
    let out_of_sample = validation::out_of_sample(pb, &solved, plan, &scenario.params);
    let optimality_gap = if o.gap_batches > 0 {
        Some(
            validation::optimality_gap(&prepared, &solved, plan, &scenario.params).map_err(
                |e| {
                    AllocationError::Solver(format!(
                        "{e} (optimality gap); {}",
                        reproduce(scenario)
                    ))
                },
            )?,
        )
    } else {
        None
    };
    let lp_size = lp_size(pb);
    let fast_path = fast(pb, o);
    let why = if fast_path {
        "the problem is separable: ward officers are ring-fenced, there is no borough floor or transition cap, and no in-sample week has a surge at the ring-fence exception severity, so each unit's and ward's shortfall depends on its own officers only".to_string()
    } else {
        let mut reasons = Vec::new();
        if pb.flex_always {
            reasons.push("ward officers are not ring-fenced, so flex ties wards to response");
        } else if pb.exceptional.iter().any(|&e| e) {
            reasons.push("an in-sample week has a surge at the exception severity, when even ring-fenced officers flex");
        }
        if !pb.floors.is_empty() {
            reasons.push("a borough floor ties wards to their unit's response");
        }
        if !pb.caps.is_empty() {
            reasons.push("a transition cap ties each unit's wards and response");
        }
        if !o.fast_path && pb.separable() {
            reasons.push("the fast path is switched off");
        }
        reasons.join("; ")
    };
    let integer = solved.cost.total();
    let report = Optimisation {
        solved_by: if solved.by_lp {
            "linear program"
        } else {
            "marginal analysis"
        },
        why,
        solver: solved.by_lp.then(|| o.solver.as_str()),
        in_sample_weeks: pb.weeks as u64,
        lp_columns: lp_size.0,
        lp_rows: lp_size.1,
        lp_bound: solved.bound,
        integer_objective: integer,
        objective_response: solved.cost.response,
        objective_neighbourhood: solved.cost.neighbourhood,
        integer_gap: integer - solved.bound,
        integer_gap_share: if solved.bound > 0.0 {
            (integer - solved.bound) / solved.bound
        } else {
            0.0
        },
        value_of_one_more_officer: solved.officer_value,
        value_of_one_more_pcso: solved.pcso_value,
        rules,
        unpriced,
        binding,
        out_of_sample,
        optimality_gap,
    };
    Ok(counts(solved, prepared, Some(Box::new(report))))
}

/// The allocation: the solved counts, the baseline's other and overhead roles.
fn counts(solved: Solved, prepared: Prepared, report: Option<Box<Optimisation>>) -> Allocation {
    Allocation {
        method: AllocationMethod::Optimise,
        ward_officers: solved.x,
        pcsos: solved.p,
        response_officers: solved.r,
        other_officers: prepared.baseline.other_officers,
        overhead_officers: prepared.baseline.overhead_officers,
        optimisation: report,
    }
}

/// Columns and rows of a problem's LP, counted without building it.
pub fn lp_size(pb: &Problem) -> (usize, usize) {
    let (nw, nu) = (pb.wards(), pb.units());
    let flex_weeks = (0..pb.weeks).filter(|&s| pb.flex_in(s)).count();
    let columns = 2 * nw + nu + pb.weeks * (nu + nw) + flex_weeks * nw;
    let rows = 2 + pb.weeks * (nu + nw) + flex_weeks * nw + pb.floors.len() + 2 * pb.caps.len();
    (columns, rows)
}
