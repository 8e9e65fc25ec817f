//! The Monte Carlo driver: draws are grouped in fixed chunks of `CHUNK_DRAWS`,
//! chunks run in parallel (rayon) and their statistics are merged in chunk order.
//! Results are therefore bit-identical on any thread count. Memory stays flat in
//! the number of draws: chunks are processed in waves and folded as they finish.

use rayon::prelude::*;

use super::demand::{DrawDemand, sample_demand};
use super::metrics::{BOROUGH_METRICS, LONDON_METRICS, UNIT_METRICS, WARD_METRICS};
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

/// Statistics that can be folded: the next chunk's, in order, into the total.
pub trait Accumulate: Send {
    fn merge(&mut self, next: &Self);
}

/// Runs draws `0..draws` in fixed chunks, in parallel on the current rayon pool,
/// and folds the chunk statistics in chunk order. `step(acc, scratch, i)` adds draw
/// i; `scratch` is per-chunk working memory.
pub fn run_chunks<A, S, E, F>(draws: u64, empty: E, step: F, progress: &dyn Progress) -> A
where
    A: Accumulate,
    S: Default,
    E: Fn() -> A + Sync,
    F: Fn(&mut A, &mut S, u64) + Sync,
{
    let chunks = draws.div_ceil(CHUNK_DRAWS);
    let mut total = empty();
    let mut start = 0;
    while start < chunks {
        let end = (start + WAVE_CHUNKS).min(chunks);
        let wave: Vec<A> = (start..end)
            .into_par_iter()
            .map(|chunk| {
                let first = chunk * CHUNK_DRAWS;
                let last = (first + CHUNK_DRAWS).min(draws);
                let mut acc = empty();
                let mut scratch = S::default();
                for i in first..last {
                    step(&mut acc, &mut scratch, i);
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
    pub fn empty(units: usize, wards: usize, boroughs: usize) -> Results {
        Results {
            draws: 0,
            london: vec![Tally::default(); LONDON_METRICS.len()],
            units: vec![vec![Tally::default(); UNIT_METRICS.len()]; units],
            wards: vec![vec![Moments::default(); WARD_METRICS.len()]; wards],
            boroughs: vec![vec![Moments::default(); BOROUGH_METRICS.len()]; boroughs],
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

#[derive(Default)]
struct Scratch {
    demand: DrawDemand,
    outcome: DrawOutcome,
}

/// Runs draws `0..draws` of one scenario and returns their merged statistics. Call
/// inside a rayon pool to choose the thread count; the result does not depend on it.
pub fn simulate(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    draws: u64,
    progress: &dyn Progress,
) -> Results {
    let (units, wards, boroughs) = (plan.units.len(), plan.wards.len(), plan.borough_wards.len());
    run_chunks(
        draws,
        || Results::empty(units, wards, boroughs),
        |acc: &mut Results, s: &mut Scratch, i| {
            let mut rng = draw_rng(p.run.seed, i);
            sample_demand(plan, p, &mut rng, &mut s.demand);
            evaluate(plan, p, a, &s.demand, &mut s.outcome);
            acc.push(&s.outcome);
        },
        progress,
    )
}
