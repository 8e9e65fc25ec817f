//! A validation's outcomes as the report writes them (`report::validation`):
//! each check's figures in the metric's own units, its band and verdict in
//! words, and the scenarios run with their hashes.
//!
//! Turns results into rows only; it runs and writes nothing.

use super::{Figure, Outcome, Validation};
use crate::chart::Measure;
use crate::report::validation::{BacktestScenario, NOTE, ValidationReport, ValidationRow};

/// How a check's figure is written.
fn measure(f: Figure) -> Measure {
    match f {
        Figure::Metric(m) => Measure::from(m.unit()),
        Figure::Officers => Measure::Count,
        Figure::OfficersPer1000 => Measure::Per1000,
    }
}

fn row(o: &Outcome) -> ValidationRow {
    let c = &o.check;
    let m = measure(c.figure);
    let ci = o.model.and_then(|f| f.ci95);
    ValidationRow {
        backtest: c.backtest.clone(),
        check: c.label.clone(),
        area: c.area.clone(),
        metric: c.figure.key(),
        scenario: c.scenario.clone(),
        baseline: c.baseline.clone(),
        published: c.published,
        model: o.model.map(|f| f.mean),
        ci95_low: ci.map(|c| c.0),
        ci95_high: ci.map(|c| c.1),
        error: o.error,
        // A tolerance or size, without a sign.
        band: c
            .rule
            .describe(|x| m.change(x).trim_start_matches('+').to_string()),
        verdict: o.verdict.words(),
        passed: o.verdict.passed(),
        source: c.source.clone(),
    }
}

/// The report of a validation of the backtests in `folder`.
pub fn report(v: &Validation, folder: &str) -> ValidationReport {
    let rows: Vec<ValidationRow> = v.outcomes.iter().map(row).collect();
    let scenarios: Vec<BacktestScenario> = v
        .summaries
        .iter()
        .map(|(file, s)| BacktestScenario {
            file: file.clone(),
            description: s.description.clone(),
            scenario_hash: s.provenance.scenario_hash.clone(),
            dataset_hash: s.provenance.dataset_hash.clone(),
            seed: s.provenance.seed,
            draws: s.provenance.draws,
        })
        .collect();
    let model_version = v
        .summaries
        .values()
        .next()
        .map_or(2, |s| s.provenance.model_version);
    ValidationReport {
        tool: "wardsim",
        version: env!("CARGO_PKG_VERSION"),
        backtests: folder.to_string(),
        model_version,
        checks: rows.len(),
        passed: rows.iter().filter(|r| r.passed).count(),
        rows,
        scenarios,
        note: NOTE,
    }
}
