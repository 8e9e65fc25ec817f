//! A comparison as Markdown (`comparison.md`, and stdout with `--format
//! markdown`): the headline in words, then one table with a row per London
//! metric, a column per scenario (mean and 95% CI) and a column per paired
//! change against the baseline, for briefings, issues and wikis.
//!
//! Formats only.

use std::fmt::Write as _;

use crate::report::compare::Comparison;
use crate::report::figure::about;

/// A table cell: pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn render_markdown(c: &Comparison) -> String {
    let mut o = String::new();
    let names: Vec<&str> = c.scenarios.iter().map(|s| s.name.as_str()).collect();
    let _ = writeln!(o, "## {}\n", cell(&names.join(" vs ")));
    for k in 1..c.scenarios.len() {
        let _ = writeln!(o, "{}\n", super::headline::sentences(c, k).join(" "));
    }
    let _ = write!(o, "| London, per week |");
    for n in &names {
        let _ = write!(o, " {} |", cell(n));
    }
    for n in names.iter().skip(1) {
        let _ = write!(o, " {} − {} [95% CI] |", cell(n), cell(&c.baseline));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "|---|{}", "---|".repeat(2 * names.len() - 1));
    for r in &c.rows {
        let (_, m, _) = about(r.of);
        let _ = write!(o, "| {} |", cell(r.label));
        for v in &r.values {
            let text = match v {
                Some(e) if e.standard_error > 0.0 => format!(
                    "{} [{}, {}]",
                    m.value(e.mean),
                    m.value(e.ci95_low),
                    m.value(e.ci95_high)
                ),
                Some(e) => m.value(e.mean),
                None => "overloaded every week".into(),
            };
            let _ = write!(o, " {} |", cell(&text));
        }
        for d in r.differences.iter().skip(1) {
            let text = match d {
                Some(d) if d.exact => format!("{} (exact)", m.change(d.mean)),
                Some(d) => format!(
                    "{} [{}, {}]{}",
                    m.change(d.mean),
                    m.change(d.ci95_low),
                    m.change(d.ci95_high),
                    if d.within_noise { " within noise" } else { "" }
                ),
                None => "—".into(),
            };
            let _ = write!(o, " {} |", cell(&text));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "\nOn the same {} simulated weeks (seed {}), paired against {}. {}",
        c.draws,
        c.seed,
        c.baseline,
        crate::report::page::INTERVALS
    );
    o
}
