//! The backtests on stdout: per backtest, each check's published figure, the
//! model's with its 95% CI, the error, the band and the verdict; then how many
//! passed and what the intervals cover.

use std::fmt::Write as _;

use super::{NOTE, ValidationReport, ValidationRow};
use crate::chart::{Measure, thousands};
use crate::report::page::wrap;

/// How a figure of a row is written: a level as a value, a change as a change.
pub(super) fn figure(r: &ValidationRow, x: f64) -> String {
    let m = row_measure(r);
    if r.baseline.is_some() {
        m.change(x)
    } else {
        m.value(x)
    }
}

pub(super) fn row_measure(r: &ValidationRow) -> Measure {
    super::measure_of(r.metric)
}

/// The model's figure with its CI, e.g. "89.5% [89.4%, 89.6%]".
pub(super) fn model_text(r: &ValidationRow) -> String {
    match (r.model, r.ci95_low, r.ci95_high) {
        (Some(m), Some(lo), Some(hi)) => {
            format!("{} [{}, {}]", figure(r, m), figure(r, lo), figure(r, hi))
        }
        (Some(m), _, _) => figure(r, m),
        _ => "none".into(),
    }
}

/// The error in the metric's units (a change of a share in points).
pub(super) fn error_text(r: &ValidationRow) -> String {
    r.error
        .map(|e| row_measure(r).change(e))
        .unwrap_or_else(|| "—".into())
}

pub(super) fn published_text(r: &ValidationRow) -> String {
    r.published
        .map(|p| figure(r, p))
        .unwrap_or_else(|| "—".into())
}

pub fn render(v: &ValidationReport) -> String {
    let mut o = String::new();
    let draws = v.scenarios.first().map_or(0, |s| s.draws);
    let _ = writeln!(
        o,
        "\nBacktests against London's published record ({}, model version {}, {} simulated weeks each)\n",
        v.backtests,
        v.model_version,
        thousands(draws as f64)
    );
    for name in v.backtest_names() {
        let rows: Vec<&ValidationRow> = v.rows.iter().filter(|r| r.backtest == name).collect();
        let about = v.about(&rows);
        let _ = writeln!(o, "{}", wrap(&format!("{name}: {about}"), 100, "", ""));
        let _ = writeln!(
            o,
            "  {:<58} {:>10}  {:<36} {:>11}  {:<30} verdict",
            "check", "published", "model [95% CI]", "error", "band"
        );
        for r in rows {
            let _ = writeln!(
                o,
                "  {:<58} {:>10}  {:<36} {:>11}  {:<30} {}",
                r.check,
                published_text(r),
                model_text(r),
                error_text(r),
                r.band,
                r.verdict
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "{} of {} checks pass (fit their band or hold).",
        v.passed, v.checks
    );
    let failing: Vec<String> = v
        .rows
        .iter()
        .filter(|r| !r.passed)
        .map(|r| format!("{} ({}: {})", r.check, r.backtest, r.verdict))
        .collect();
    if !failing.is_empty() {
        let misfits = format!(
            "Misfits, reported as they come out: {}.",
            failing.join("; ")
        );
        let _ = writeln!(o, "{}", wrap(&misfits, 88, "", ""));
    }
    let _ = writeln!(o, "{}", wrap(NOTE, 88, "  ", "  "));
    o
}
