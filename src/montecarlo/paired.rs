//! Several scenarios on the same draws, evaluated side by side so that paired
//! differences against the first are accumulated draw by draw (common random
//! numbers). Scenarios that share the demand model share one sampled week; the
//! others sample their own from the same (seed, draw) stream.

use std::ops::Range;

use super::results::Results;
use super::tree::{Accumulate, ChunkTree, Progress, assemble, run_chunk_range};
use crate::model::{Allocation, Params};
use crate::plan::Plan;
use crate::week::{DrawDemand, DrawOutcome, draw_rng, evaluate, sample_demand};

/// One scenario to run side by side.
pub struct Case<'a> {
    pub plan: &'a Plan,
    pub params: &'a Params,
    pub allocation: &'a Allocation,
    /// Identifies the dataset (its hash): demand is shared only within one dataset.
    pub dataset: &'a str,
}

/// Per-scenario results, and for every scenario after the first its paired
/// differences (this − first). `differences[0]` compares the first with itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    pub runs: Vec<Results>,
    pub differences: Vec<Results>,
}

impl Accumulate for Paired {
    fn move_exact(&mut self, total: &mut Paired) {
        for (a, b) in self.runs.iter_mut().zip(total.runs.iter_mut()) {
            a.move_exact(b);
        }
        for (a, b) in self
            .differences
            .iter_mut()
            .zip(total.differences.iter_mut())
        {
            a.move_exact(b);
        }
    }

    fn merge(&mut self, next: &Paired) {
        for (a, b) in self.runs.iter_mut().zip(&next.runs) {
            a.merge(b);
        }
        for (a, b) in self.differences.iter_mut().zip(&next.differences) {
            a.merge(b);
        }
    }
}

#[derive(Default)]
struct Scratch {
    demands: Vec<DrawDemand>,
    outcomes: Vec<DrawOutcome>,
}

/// For each case, the earlier case whose sampled week it can share (or itself).
fn demand_sources(cases: &[Case]) -> Vec<usize> {
    (0..cases.len())
        .map(|k| {
            (0..k)
                .find(|&j| {
                    cases[j].dataset == cases[k].dataset
                        && cases[j].params.demand == cases[k].params.demand
                        && cases[j].params.surge == cases[k].params.surge
                })
                .unwrap_or(k)
        })
        .collect()
}

impl Paired {
    /// Nothing yet: the starting point of every merge.
    pub fn empty(cases: &[Case]) -> Paired {
        Paired {
            runs: cases
                .iter()
                .map(|c| {
                    Results::empty(
                        c.plan.units.len(),
                        c.plan.wards.len(),
                        c.plan.borough_wards.len(),
                    )
                })
                .collect(),
            differences: cases
                .iter()
                .map(|c| Results::empty(0, c.plan.wards.len(), c.plan.borough_wards.len()))
                .collect(),
        }
    }
}

/// Runs every case on draws `0..draws` with one seed.
pub fn simulate_paired(cases: &[Case], seed: u64, draws: u64, progress: &dyn Progress) -> Paired {
    let chunks = ChunkTree::for_draws(draws).chunks;
    let pieces = simulate_paired_range(cases, seed, draws, 0..chunks, progress);
    assemble(chunks, pieces, || Paired::empty(cases)).expect("the whole range is one node")
}

/// Chunks `part` of a paired run over draws `0..draws`: the statistics of the
/// tree nodes covering them.
pub fn simulate_paired_range(
    cases: &[Case],
    seed: u64,
    draws: u64,
    part: Range<u64>,
    progress: &dyn Progress,
) -> Vec<(Range<u64>, Paired)> {
    let sources = demand_sources(cases);
    let n = cases.len();
    run_chunk_range(
        draws,
        part,
        || Paired::empty(cases),
        |acc: &mut Paired, s: &mut Scratch, i| {
            s.demands.resize_with(n, DrawDemand::default);
            s.outcomes.resize_with(n, DrawOutcome::default);
            for (k, c) in cases.iter().enumerate() {
                if sources[k] == k {
                    sample_demand(c.plan, c.params, &mut draw_rng(seed, i), &mut s.demands[k]);
                }
                evaluate(
                    c.plan,
                    c.params,
                    c.allocation,
                    &s.demands[sources[k]],
                    &mut s.outcomes[k],
                );
            }
            for k in 0..n {
                acc.runs[k].push(&s.outcomes[k]);
                let comparable = cases[k].dataset == cases[0].dataset;
                if comparable {
                    acc.differences[k].push_difference(&s.outcomes[0], &s.outcomes[k]);
                }
            }
        },
        progress,
    )
}
