//! How a quantity is written on a chart: as a share (percent), minutes, hours,
//! a ratio, officers per 1,000 residents or a count, and how a change in it is
//! written (a share changes by percentage points).

use crate::model::Unit;

/// How a quantity is written: its unit on a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Share,
    Minutes,
    Hours,
    Ratio,
    Per1000,
    Count,
}

/// Whole number with thousands separated by commas.
pub fn thousands(x: f64) -> String {
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

impl From<Unit> for Measure {
    fn from(unit: Unit) -> Measure {
        match unit {
            Unit::Share => Measure::Share,
            Unit::Minutes => Measure::Minutes,
            Unit::Hours => Measure::Hours,
            Unit::Ratio => Measure::Ratio,
            Unit::Per1000 => Measure::Per1000,
            Unit::Count => Measure::Count,
        }
    }
}

impl Measure {
    /// A value, e.g. "91.2%", "12.3 min", "1,234 h".
    pub fn value(self, x: f64) -> String {
        match self {
            Measure::Share => format!("{:.1}%", x * 100.0),
            Measure::Minutes => format!("{x:.1} min"),
            Measure::Hours => format!("{} h", thousands(x)),
            Measure::Ratio => format!("{x:.3}"),
            Measure::Per1000 => format!("{x:.2}"),
            Measure::Count => thousands(x),
        }
    }

    /// A change, e.g. "+1.2 pts", "−0.4 min".
    pub fn change(self, x: f64) -> String {
        let body = match self {
            Measure::Share => format!("{:.2} pts", x * 100.0),
            Measure::Minutes => format!("{x:.2} min"),
            Measure::Hours => format!("{} h", thousands(x)),
            Measure::Ratio | Measure::Per1000 => format!("{x:.3}"),
            Measure::Count => thousands(x),
        };
        // What rounds to zero is shown as zero, never as "-0.00".
        let zero = body
            .trim_start_matches('-')
            .chars()
            .all(|c| !c.is_ascii_digit() || c == '0');
        if zero {
            body.trim_start_matches('-').to_string()
        } else if x > 0.0 {
            format!("+{body}")
        } else {
            body
        }
    }

    /// A tick label: as short as the step between ticks allows.
    pub fn tick(self, x: f64, step: f64, change: bool) -> String {
        let sign = if change && x > 0.0 { "+" } else { "" };
        let (v, s, suffix) = match self {
            Measure::Share => (x * 100.0, step * 100.0, if change { "" } else { "%" }),
            _ => (x, step, ""),
        };
        let decimals = decimals_for(s);
        let body = if decimals == 0 && v.abs() >= 1000.0 {
            thousands(v)
        } else {
            format!("{v:.decimals$}")
        };
        format!("{sign}{body}{suffix}")
    }

    /// Words for the unit of an axis, e.g. "percentage points" for a change in a share.
    pub fn unit_words(self, change: bool) -> &'static str {
        match (self, change) {
            (Measure::Share, false) => "percent",
            (Measure::Share, true) => "percentage points",
            (Measure::Minutes, _) => "minutes",
            (Measure::Hours, _) => "hours a week",
            (Measure::Ratio, _) => "ratio",
            (Measure::Per1000, _) => "per 1,000 residents",
            (Measure::Count, _) => "count",
        }
    }
}

/// The fewest decimals (up to 6) that print every multiple of `step` exactly:
/// a step of 0.25 needs 2, of 2.5 needs 1, of 50 none.
fn decimals_for(step: f64) -> usize {
    let step = step.abs();
    if step == 0.0 || !step.is_finite() {
        return 0;
    }
    (0..=6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_print_enough_digits_for_their_step() {
        let labels = |m: Measure, step: f64, n: usize, change: bool| -> Vec<String> {
            (0..n)
                .map(|k| m.tick(k as f64 * step, step, change))
                .collect()
        };
        assert_eq!(
            labels(Measure::Ratio, 0.25, 6, false),
            ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"]
        );
        assert_eq!(
            labels(Measure::Hours, 2.5, 3, true),
            ["0.0", "+2.5", "+5.0"]
        );
        assert_eq!(Measure::Share.tick(0.875, 0.025, false), "87.5%");
        assert_eq!(
            labels(Measure::Count, 500.0, 3, false),
            ["0", "500", "1,000"]
        );
        assert_eq!(labels(Measure::Share, 0.2, 2, false), ["0%", "20%"]);
    }

    #[test]
    fn values_and_changes_read_naturally() {
        assert_eq!(Measure::Share.value(0.9123), "91.2%");
        assert_eq!(Measure::Share.change(0.0123), "+1.23 pts");
        assert_eq!(Measure::Hours.change(-1234.0), "-1,234 h");
        assert_eq!(Measure::Share.tick(0.9, 0.05, false), "90%");
        assert_eq!(Measure::Share.tick(0.025, 0.005, true), "+2.5");
        assert_eq!(Measure::Count.tick(15000.0, 500.0, false), "15,000");
        assert_eq!(thousands(-0.2), "0");
        assert_eq!(Measure::Per1000.change(-0.0001), "0.000");
    }
}
