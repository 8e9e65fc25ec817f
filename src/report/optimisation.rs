//! The optimiser's report in plain words: what one more officer buys, what each
//! rule costs, how close whole officers come to the LP bound, and whether the
//! allocation holds up on weeks it never saw. Used by summary.json and stdout.

use serde::Serialize;

use crate::chart::thousands;
use crate::model::Optimisation;

/// The report with its sentences, as written to summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct OptimisationSummary {
    pub in_words: Vec<String>,
    #[serde(flatten)]
    pub report: Optimisation,
}

/// Hours with thousands separators and sensible precision.
fn hours(x: f64) -> String {
    // Solver noise around zero reads as zero, never "-0.00".
    let x = if x.abs() < 0.005 { 0.0 } else { x };
    if x.abs() >= 100.0 {
        thousands(x)
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn pct(x: f64) -> String {
    if x.abs() < 0.001 {
        format!("{:.3}%", x * 100.0)
    } else {
        format!("{:.1}%", x * 100.0)
    }
}

/// What the optimiser found, in plain sentences.
pub fn in_words(o: &Optimisation) -> Vec<String> {
    let mut out = Vec::new();
    let unit = "hours of weighted shortfall a week";
    out.push(format!(
        "Solved by {} over {} sampled weeks, because {}.",
        match o.solver {
            Some(s) => format!("{} ({s})", o.solved_by),
            None => o.solved_by.to_string(),
        },
        thousands(o.in_sample_weeks as f64),
        o.why
    ));
    out.push(format!(
        "Expected shortfall of this allocation: {} {unit} ({} unmet response officer-hours and {} unmet neighbourhood hours, weighted); \
         the LP bound is {}, so whole officers cost {} more ({}).",
        hours(o.integer_objective),
        hours(o.objective_response),
        hours(o.objective_neighbourhood),
        hours(o.lp_bound),
        hours(o.integer_gap),
        pct(o.integer_gap_share),
    ));
    out.push(format!(
        "One more officer would avoid about {} {unit}; one more PCSO about {}.",
        hours(o.value_of_one_more_officer),
        hours(o.value_of_one_more_pcso)
    ));
    for r in &o.rules {
        let share = |x: f64| {
            if r.without_rule > 0.0 {
                format!(", {} of the optimum without it", pct(x / r.without_rule))
            } else {
                String::new()
            }
        };
        let sentence = match (r.rule, r.in_scenario) {
            ("ring_fencing", true) => format!(
                "Ring-fencing ward officers costs {} {unit}{}: letting them flex into response when it is busy would lower the optimum from {} to {}.",
                hours(r.cost),
                share(r.cost),
                hours(r.with_rule),
                hours(r.without_rule)
            ),
            ("ring_fencing", false) => format!(
                "Ring-fencing ward officers would cost {} {unit}{}: the optimum would rise from {} to {}.",
                hours(r.cost),
                share(r.cost),
                hours(r.without_rule),
                hours(r.with_rule)
            ),
            ("borough_floor", _) | ("transition_cap", _) => format!(
                "The {} costs {} {unit}{}: the optimum is {} with it and {} without.",
                if r.rule == "borough_floor" {
                    "borough floor"
                } else {
                    "transition cap"
                },
                hours(r.cost),
                share(r.cost),
                hours(r.with_rule),
                hours(r.without_rule)
            ),
            _ => format!(
                "Pooling response across each command unit's boroughs is worth {} {unit}: with every borough covering its own response the optimum would be {} instead of {} (floors and caps set aside on both sides).",
                hours(r.cost),
                hours(r.with_rule),
                hours(r.without_rule)
            ),
        };
        out.push(sentence);
    }
    for why in &o.unpriced {
        out.push(format!("Not priced: {why}."));
    }
    if !o.binding.is_empty() {
        let list: Vec<String> = o
            .binding
            .iter()
            .take(5)
            .map(|b| {
                let what = match b.rule {
                    "borough_floor" => "floor",
                    "transition_cap_low" => "cap on losses",
                    _ => "cap on gains",
                };
                format!("{}'s {what} ({})", b.place, hours(b.price))
            })
            .collect();
        out.push(format!(
            "Rules that bind, with what each officer they demand costs in {unit}: {}{}.",
            list.join(", "),
            if o.binding.len() > 5 {
                format!(" and {} more", o.binding.len() - 5)
            } else {
                String::new()
            }
        ));
    }
    let oos = &o.out_of_sample;
    out.push(format!(
        "On {} independent weeks the same allocation's expected shortfall is {} (95% CI {} to {}), against {} on the {} weeks it was optimised on.",
        thousands(oos.draws as f64),
        hours(oos.mean),
        hours(oos.ci95_low),
        hours(oos.ci95_high),
        hours(o.integer_objective),
        thousands(o.in_sample_weeks as f64)
    ));
    if let Some(g) = &o.optimality_gap {
        out.push(format!(
            "Optimality gap (Mak–Morton–Wood, {} batches of {} weeks): {} {unit} on average, at most {} with 95% confidence ({} of the objective).",
            g.batches,
            g.weeks_per_batch,
            hours(g.mean),
            hours(g.upper95),
            pct(g.upper95_share)
        ));
    }
    out
}

pub fn summarise(o: &Optimisation) -> OptimisationSummary {
    OptimisationSummary {
        in_words: in_words(o),
        report: o.clone(),
    }
}
