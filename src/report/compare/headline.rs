//! The headline of a comparison: every headline metric whose paired change is
//! beyond noise, its costs and its gains apart, each list largest first against
//! the metric's own level (so S on-time falling 24 points outranks I falling
//! half a point), and what cannot be told from noise. The report's lede and the
//! stdout verdict both say it.
//!
//! Formats only: the differences come from `comparison`.

use crate::model::Metric;
use crate::report::compare::{Comparison, Difference};
use crate::report::figure::about;

/// The metrics a headline weighs, in the catalogue's terms.
pub const HEADLINE: [Metric; 6] = [
    Metric::IOnTime,
    Metric::SOnTime,
    Metric::IResponseMinutes,
    Metric::SResponseMinutes,
    Metric::NeighbourhoodCover,
    Metric::DispatchWaitMinutes,
];

/// A headline metric that moved beyond noise.
pub struct Moved {
    pub metric: Metric,
    pub before: f64,
    pub after: f64,
    pub difference: Difference,
}

impl Moved {
    /// Size of the change against the metric's level before.
    fn relative(&self) -> f64 {
        self.difference.mean.abs() / self.before.abs().max(1e-9)
    }

    /// "S calls on time −23.5 pts (82.1% to 58.6%; 95% CI of the change −24.0 to −23.0 pts)".
    pub fn words(&self) -> String {
        let (label, m, _) = about(self.metric);
        let d = &self.difference;
        format!(
            "{} {} ({} to {}; 95% CI of the change {} to {})",
            short(label),
            m.change(d.mean),
            m.value(self.before),
            m.value(self.after),
            m.change(d.ci95_low),
            m.change(d.ci95_high)
        )
    }
}

/// A metric's label without its parenthesis.
fn short(label: &str) -> &str {
    label.split(" (").next().unwrap_or(label)
}

/// One scenario's headline against the baseline.
pub struct Headline {
    pub costs: Vec<Moved>,
    pub gains: Vec<Moved>,
    /// Headline metrics whose change cannot be told from noise.
    pub within_noise: Vec<Metric>,
}

/// The headline of scenario `k` (not the baseline, 0) of a comparison.
pub fn headline(c: &Comparison, k: usize) -> Headline {
    let mut h = Headline {
        costs: Vec::new(),
        gains: Vec::new(),
        within_noise: Vec::new(),
    };
    for metric in HEADLINE {
        let Some(row) = c.rows.iter().find(|r| r.metric == metric.key()) else {
            continue;
        };
        let (Some(Some(d)), Some(Some(before)), Some(Some(after))) = (
            row.differences.get(k),
            row.values.first(),
            row.values.get(k),
        ) else {
            continue;
        };
        if d.within_noise {
            h.within_noise.push(metric);
            continue;
        }
        let moved = Moved {
            metric,
            before: before.mean,
            after: after.mean,
            difference: *d,
        };
        if (d.mean > 0.0) == metric.higher_is_better() {
            h.gains.push(moved);
        } else {
            h.costs.push(moved);
        }
    }
    for list in [&mut h.costs, &mut h.gains] {
        list.sort_by(|a, b| b.relative().total_cmp(&a.relative()));
    }
    h
}

/// The headline as sentences: costs, gains, then what is within noise.
pub fn sentences(c: &Comparison, k: usize) -> Vec<String> {
    let h = headline(c, k);
    let list = |v: &[Moved]| v.iter().map(Moved::words).collect::<Vec<_>>().join("; ");
    let mut out = vec![format!(
        "{} against {}, on the same simulated weeks.",
        c.scenarios[k].name, c.baseline
    )];
    out.push(if h.costs.is_empty() {
        "No headline figure is worse beyond noise.".into()
    } else {
        format!(
            "Worse, largest first against its own level: {}.",
            list(&h.costs)
        )
    });
    out.push(if h.gains.is_empty() {
        "No headline figure is better beyond noise.".into()
    } else {
        format!("Better, largest first: {}.", list(&h.gains))
    });
    if !h.within_noise.is_empty() {
        let names: Vec<&str> = h
            .within_noise
            .iter()
            .map(|m| short(m.info().label))
            .collect();
        out.push(format!("Cannot be told from noise: {}.", names.join(", ")));
    }
    out
}
