//! What each rule costs: the problem solved again without the rule (or, for a
//! scenario without it, with it), everything else equal, on the same weeks; and
//! which floors and caps bind, from the LP duals.
//!
//! Costs are differences of LP optima, so they are exact for the in-sample weeks
//! and free of rounding noise. This module must not build allocations.

use super::setting::Rules;
use super::{Prepared, Solved, bound};
use crate::model::optimisation::{Binding, RuleCost};
use crate::model::params::Optimise;

/// Prices the rules; also says which could not be priced and why.
pub fn price(
    prepared: &Prepared,
    solved: &Solved,
    o: &Optimise,
) -> Result<(Vec<RuleCost>, Vec<String>), String> {
    let setting = &prepared.setting;
    let own = setting.rules;
    let here = solved.bound;
    let solve = |rules: Rules| bound(&setting.problem(&prepared.sample, rules), o);
    let mut out = Vec::new();
    let mut unpriced = Vec::new();

    // Ring-fencing, always priced: against flex for a ring-fenced scenario, and
    // as if added for a flexible one.
    let other = solve(Rules {
        ring_fenced: !own.ring_fenced,
        ..own
    })?;
    let (with_rule, without_rule) = if own.ring_fenced {
        (here, other)
    } else {
        (other, here)
    };
    out.push(RuleCost {
        rule: "ring_fencing",
        with_rule,
        without_rule,
        cost: with_rule - without_rule,
        in_scenario: own.ring_fenced,
    });
    if own.floors {
        let without = solve(Rules {
            floors: false,
            ..own
        })?;
        out.push(RuleCost {
            rule: "borough_floor",
            with_rule: here,
            without_rule: without,
            cost: here - without,
            in_scenario: true,
        });
    }
    if own.caps {
        let without = solve(Rules { caps: false, ..own })?;
        out.push(RuleCost {
            rule: "transition_cap",
            with_rule: here,
            without_rule: without,
            cost: here - without,
            in_scenario: true,
        });
    }
    if setting.merged() {
        // Pooling alone: floors and caps (defined on the scenario's units) are set
        // aside on both sides.
        let plain = Rules {
            floors: false,
            caps: false,
            ..own
        };
        let merged = if own.floors || own.caps {
            solve(plain)?
        } else {
            here
        };
        let split_rules = Rules {
            split: true,
            ..plain
        };
        let split_problem = setting.problem(&prepared.sample, split_rules);
        if split_problem.minimum_officers() > split_problem.budget {
            unpriced.push(format!(
                "the value of pooling: with every borough its own response pool, each would need its minimum crews ({} officers in all, with the ward minimums), more than the {} there are",
                split_problem.minimum_officers(),
                split_problem.budget
            ));
        } else {
            let split = bound(&split_problem, o)?;
            out.push(RuleCost {
                rule: "separate_borough_pools",
                with_rule: split,
                without_rule: merged,
                cost: split - merged,
                in_scenario: false,
            });
        }
    }
    Ok((out, unpriced))
}

/// Floors and caps whose LP dual shows they bind.
pub fn binding(setting: &super::Setting, solved: &Solved) -> Vec<Binding> {
    // Duals below this are solver noise (objective hours per officer).
    const TOLERANCE: f64 = 1e-4;
    let mut out = Vec::new();
    for (f, &d) in setting.floors().iter().zip(&solved.floor_duals) {
        if d > TOLERANCE {
            out.push(Binding {
                rule: "borough_floor",
                place: f.borough.clone(),
                price: d,
            });
        }
    }
    for (c, &(lo, hi)) in setting.caps().iter().zip(&solved.cap_duals) {
        if lo > TOLERANCE {
            out.push(Binding {
                rule: "transition_cap_low",
                place: setting.unit_name(c.unit).to_string(),
                price: lo,
            });
        }
        if -hi > TOLERANCE {
            out.push(Binding {
                rule: "transition_cap_high",
                place: setting.unit_name(c.unit).to_string(),
                price: -hi,
            });
        }
    }
    out.sort_by(|a, b| b.price.total_cmp(&a.price).then(a.place.cmp(&b.place)));
    out
}
