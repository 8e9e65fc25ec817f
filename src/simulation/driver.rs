//! The Monte Carlo driver: draws are grouped in fixed chunks of `CHUNK_DRAWS`,
//! chunks run in parallel (rayon) and their statistics are merged in chunk order.
//! Results are therefore bit-identical on any thread count. Memory stays flat in
//! the number of draws: chunks are processed in waves and folded as they finish.

use rayon::prelude::*;

use super::demand::{DrawDemand, sample_demand};
use super::metrics::{LONDON_METRICS, UNIT_METRICS, WARD_METRICS};
use super::plan::Plan;
use super::recourse::{DrawOutcome, evaluate};
use super::rng::draw_rng;
use crate::model::{Allocation, Params};
use crate::stats::{Moments, Tally};

/// Draws per chunk. Part of the reproducibility contract: changing it changes the
/// last bits of merged statistics, so it is recorded in every output.
pub const CHUNK_DRAWS: u64 = 256;
/// Chunks run at once before folding (bounds memory; does not affect results).
const WAVE_CHUNKS: u64 = 64;

/// Progress reporting, so the driver never touches the terminal.
pub trait Progress: Sync {
    fn advance(&self, draws: u64);
}

/// Reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
}

/// Aggregated statistics of every metric over all draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub draws: u64,
    pub london: Vec<Tally>,
    pub units: Vec<Vec<Tally>>,
    pub wards: Vec<Vec<Moments>>,
}

impl Results {
    fn empty(units: usize, wards: usize) -> Results {
        Results {
            draws: 0,
            london: vec![Tally::default(); LONDON_METRICS.len()],
            units: vec![vec![Tally::default(); UNIT_METRICS.len()]; units],
            wards: vec![vec![Moments::default(); WARD_METRICS.len()]; wards],
        }
    }

    fn push(&mut self, o: &DrawOutcome) {
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
            for (m, &x) in ms.iter_mut().zip(xs) {
                if x.is_finite() {
                    m.push(x);
                }
            }
        }
    }

    /// Folds `other` (the next chunk in order) into `self`.
    pub fn merge(&mut self, other: &Results) {
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
    }
}

/// Runs draws `0..draws` and returns their merged statistics. Call inside a rayon
/// pool to choose the thread count; the result does not depend on it.
pub fn simulate(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    draws: u64,
    progress: &dyn Progress,
) -> Results {
    let units = plan.units.len();
    let wards = plan.wards.len();
    let chunks = draws.div_ceil(CHUNK_DRAWS);
    let mut total = Results::empty(units, wards);
    let mut start = 0;
    while start < chunks {
        let end = (start + WAVE_CHUNKS).min(chunks);
        let wave: Vec<Results> = (start..end)
            .into_par_iter()
            .map(|chunk| {
                let first = chunk * CHUNK_DRAWS;
                let last = (first + CHUNK_DRAWS).min(draws);
                let mut acc = Results::empty(units, wards);
                let mut demand = DrawDemand::default();
                let mut outcome = DrawOutcome::default();
                for i in first..last {
                    let mut rng = draw_rng(p.run.seed, i);
                    sample_demand(plan, p, &mut rng, &mut demand);
                    evaluate(plan, p, a, &demand, &mut outcome);
                    acc.push(&outcome);
                }
                progress.advance(last - first);
                acc
            })
            .collect();
        for r in &wave {
            total.merge(r);
        }
        start = end;
    }
    total
}
