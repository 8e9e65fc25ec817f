//! `Results`: the statistics of every metric over a run's draws, per London,
//! command unit, ward and borough, in the metric catalogue's level order; built
//! draw by draw (`push`, `push_difference`) and merged along the chunk tree.
//!
//! This module must not simulate; it only accumulates outcomes.

use super::tree::Accumulate;
use crate::model::metric::{BOROUGH, LONDON, UNIT, WARD};
use crate::stats::{Moments, Tally};
use crate::week::DrawOutcome;

/// Aggregated statistics of every metric over all draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub draws: u64,
    pub london: Vec<Tally>,
    pub units: Vec<Vec<Tally>>,
    pub wards: Vec<Vec<Moments>>,
    pub boroughs: Vec<Vec<Moments>>,
}

fn push_finite<'a>(ms: impl Iterator<Item = (&'a mut Moments, f64)>) {
    for (m, x) in ms {
        if x.is_finite() {
            m.push(x);
        }
    }
}

impl Results {
    /// Empty statistics for a run of this many units, wards and boroughs.
    pub fn empty(units: usize, wards: usize, boroughs: usize) -> Results {
        Results {
            draws: 0,
            london: vec![Tally::default(); LONDON.len()],
            units: vec![vec![Tally::default(); UNIT.len()]; units],
            wards: vec![vec![Moments::default(); WARD.len()]; wards],
            boroughs: vec![vec![Moments::default(); BOROUGH.len()]; boroughs],
        }
    }

    /// Adds one draw's outcomes.
    pub fn push(&mut self, o: &DrawOutcome) {
        self.draws += 1;
        for (t, &x) in self.london.iter_mut().zip(&o.london) {
            if x.is_finite() {
                t.push(x);
            }
        }
        for (ts, xs) in self.units.iter_mut().zip(&o.units) {
            for (t, &x) in ts.iter_mut().zip(xs) {
                if x.is_finite() {
                    t.push(x);
                }
            }
        }
        for (ms, xs) in self.wards.iter_mut().zip(&o.wards) {
            push_finite(ms.iter_mut().zip(xs.iter().copied()));
        }
        for (ms, xs) in self.boroughs.iter_mut().zip(&o.boroughs) {
            push_finite(ms.iter_mut().zip(xs.iter().copied()));
        }
    }

    /// Adds the paired difference `b − a` of one draw (London, wards, boroughs;
    /// command units differ between structures, so they are not differenced).
    pub fn push_difference(&mut self, a: &DrawOutcome, b: &DrawOutcome) {
        self.draws += 1;
        for ((t, x), y) in self.london.iter_mut().zip(&a.london).zip(&b.london) {
            let d = y - x;
            if d.is_finite() {
                t.push(d);
            }
        }
        for ((ms, xs), ys) in self.wards.iter_mut().zip(&a.wards).zip(&b.wards) {
            push_finite(ms.iter_mut().zip(xs.iter().zip(ys).map(|(x, y)| y - x)));
        }
        for ((ms, xs), ys) in self.boroughs.iter_mut().zip(&a.boroughs).zip(&b.boroughs) {
            push_finite(ms.iter_mut().zip(xs.iter().zip(ys).map(|(x, y)| y - x)));
        }
    }
}

impl Accumulate for Results {
    fn move_exact(&mut self, total: &mut Results) {
        for (mine, theirs) in self.london.iter_mut().zip(total.london.iter_mut()) {
            theirs.histogram.merge(&std::mem::take(&mut mine.histogram));
        }
        for (mine, theirs) in self.units.iter_mut().zip(total.units.iter_mut()) {
            for (a, b) in mine.iter_mut().zip(theirs.iter_mut()) {
                b.histogram.merge(&std::mem::take(&mut a.histogram));
            }
        }
    }

    fn merge(&mut self, other: &Results) {
        self.draws += other.draws;
        for (a, b) in self.london.iter_mut().zip(&other.london) {
            a.merge(b);
        }
        for (a, b) in self.units.iter_mut().zip(&other.units) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        for (a, b) in self.wards.iter_mut().zip(&other.wards) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        for (a, b) in self.boroughs.iter_mut().zip(&other.boroughs) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
    }
}
