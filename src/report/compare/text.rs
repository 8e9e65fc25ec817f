//! A comparison's table printed on stdout, with the areas that gain and lose most.

use std::fmt::Write as _;

use crate::model::Metric;
use crate::report::compare::{AreaDifference, Comparison, Difference};
use crate::report::page::wrap;
use crate::stats::Z95;

fn show(unit: &str, x: f64) -> String {
    match unit {
        "share" => format!("{:.1}%", x * 100.0),
        "minutes" => format!("{x:.1}"),
        "hours" => format!("{x:.0}"),
        "ratio" => format!("{x:.3}"),
        _ => format!("{x:.2}"),
    }
}

/// A CI half-width, with enough digits that a narrow interval does not show as 0.
fn half_width(unit: &str, h: f64) -> String {
    match unit {
        "share" => format!("{:.2} pts", h * 100.0),
        "hours" => format!("{h:.0}"),
        "ratio" => format!("{h:.3}"),
        _ => format!("{h:.2}"),
    }
}

fn show_diff(unit: &str, d: &Difference) -> String {
    let f = |x: f64| match unit {
        "share" => format!("{:+.2} pts", x * 100.0),
        "minutes" => format!("{x:+.1}"),
        "hours" => format!("{x:+.0}"),
        "ratio" => format!("{x:+.3}"),
        _ => format!("{x:+.2}"),
    };
    if d.exact {
        return format!("{} (exact)", f(d.mean));
    }
    let noise = if d.within_noise { "  within noise" } else { "" };
    format!(
        "{} [{}, {}]{noise}",
        f(d.mean),
        f(d.ci95_low),
        f(d.ci95_high)
    )
}

/// The comparison as text for stdout.
pub fn render_comparison_text(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "comparison of {} scenarios on the same {} draws (seed {}); differences are paired against {}",
        c.scenarios.len(),
        c.draws,
        c.seed,
        c.baseline
    );
    for k in 1..c.scenarios.len() {
        let _ = writeln!(o);
        for sentence in super::headline::sentences(c, k) {
            let _ = writeln!(o, "{}", wrap(&sentence, 88, "  ", "  "));
        }
    }
    let width = 28;
    let _ = write!(o, "\n  {:<36}", "London, per week");
    for s in &c.scenarios {
        let _ = write!(o, " {:<width$}", s.name);
    }
    let _ = writeln!(o);
    for r in &c.rows {
        let _ = write!(o, "  {:<36}", r.label);
        for v in &r.values {
            let cell = match v {
                Some(e) if e.standard_error > 0.0 => format!(
                    "{} ±{}",
                    show(r.unit, e.mean),
                    half_width(r.unit, Z95 * e.standard_error)
                ),
                Some(e) => show(r.unit, e.mean),
                None => "overload".into(),
            };
            let _ = write!(o, " {cell:<width$}");
        }
        let _ = writeln!(o);
        for (k, d) in r.differences.iter().enumerate() {
            if let Some(d) = d {
                let _ = writeln!(
                    o,
                    "    {:<34} {}: {}",
                    format!("vs {}", c.baseline),
                    c.scenarios[k].name,
                    show_diff(r.unit, d)
                );
            }
        }
    }
    let _ = writeln!(
        o,
        "\n  ± is the 95% CI half-width of each mean; [a, b] is the 95% CI of the paired difference.\n{}",
        crate::report::page::intervals_text()
    );
    if !c.rule_costs.is_empty() {
        let _ = write!(o, "\n  {:<36}", "optimiser, weighted shortfall h/week");
        for s in &c.scenarios {
            let _ = write!(o, " {:<width$}", s.name);
        }
        let _ = writeln!(o);
        for r in &c.rule_costs {
            let _ = write!(o, "  {:<36}", r.label);
            for v in &r.values {
                let cell = v.map_or("—".to_string(), |x| {
                    format!("{:.1}", if x.abs() < 0.05 { 0.0 } else { x })
                });
                let _ = write!(o, " {cell:<width$}");
            }
            let _ = writeln!(o);
        }
        let _ = writeln!(
            o,
            "  (each rule priced by solving again without it on the scenario's own in-sample weeks; — where not optimised or no such rule)"
        );
    }
    for s in c.scenarios.iter().skip(1) {
        for (metric, label, unit) in [
            (Metric::IOnTime, "I calls on time", "share"),
            (Metric::SOnTime, "S calls on time", "share"),
            (Metric::NeighbourhoodCover, "neighbourhood cover", "share"),
        ] {
            let rows: Vec<&AreaDifference> = c
                .boroughs
                .iter()
                .filter(|a| a.scenario == s.name && a.metric == metric)
                .collect();
            if rows.is_empty() {
                continue;
            }
            // Beyond noise only, the largest change first; more is better for
            // every metric listed here.
            let ranked = |better: bool| AreaDifference::ranked(&rows, better, true);
            let (losers, gainers) = (ranked(false), ranked(true));
            let _ = writeln!(o, "\n  {} vs {}, boroughs in {label}:", s.name, c.baseline);
            if losers.is_empty() && gainers.is_empty() {
                let _ = writeln!(o, "    no borough changes beyond noise");
                continue;
            }
            for (title, list) in [("lose most", &losers), ("gain most", &gainers)] {
                if list.is_empty() {
                    let _ = writeln!(o, "    {title}: none beyond noise");
                    continue;
                }
                let _ = writeln!(
                    o,
                    "    {title} ({} of {} boroughs):",
                    list.len(),
                    rows.len()
                );
                for a in list.iter().take(3) {
                    let _ = writeln!(o, "      {:<24} {}", a.name, show_diff(unit, &a.difference));
                }
            }
        }
    }
    o
}
