//! A sweep's table printed on stdout.

use std::fmt::Write as _;

use crate::model::Metric;
use crate::report::sweep::SweepTable;
use crate::stats::Estimate;

/// A sweep's table for stdout.
pub fn render_sweep_text(t: &SweepTable) -> String {
    let mut o = String::new();
    let by =
        t.by.as_ref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
    let _ = writeln!(
        o,
        "sweep of {}{by}: {} points, each on the same {} draws (seed {})",
        t.parameter,
        t.rows.len(),
        t.draws,
        t.seed
    );
    let _ = writeln!(
        o,
        "\n  {:<12} {:<10} {:>9}  {:<22} {:<22} {:<18}",
        t.parameter.rsplit('.').next().unwrap_or(""),
        if t.by.is_some() { "by" } else { "" },
        "response",
        "I on time [95% CI]",
        "S on time [95% CI]",
        "cover"
    );
    let pct = |e: &Option<Estimate>| match e {
        Some(e) => format!(
            "{:.1}% [{:.1}, {:.1}]",
            e.mean * 100.0,
            e.ci95_low * 100.0,
            e.ci95_high * 100.0
        ),
        None => "overload".into(),
    };
    for r in &t.rows {
        let _ = writeln!(
            o,
            "  {:<12} {:<10} {:>9}  {:<22} {:<22} {:<18}",
            r.value,
            r.by.as_deref().unwrap_or(""),
            r.response_officers,
            pct(&r.metrics[&Metric::IOnTime]),
            pct(&r.metrics[&Metric::SOnTime]),
            pct(&r.metrics[&Metric::NeighbourhoodCover])
        );
    }
    for c in &t.crossings {
        let _ = writeln!(o, "\n  {}", c.sentence);
    }
    o
}
