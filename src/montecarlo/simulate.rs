//! One scenario's Monte Carlo: draw `i` samples its week from stream `i`,
//! evaluates the allocation on it, and adds the outcome to its chunk; chunks
//! merge along the fixed tree. Whole (`simulate`) or a range of chunks for a
//! shard (`simulate_range`).
//!
//! This module must not touch the terminal or files.

use std::ops::Range;

use super::results::Results;
use super::tree::{ChunkTree, Progress, assemble, run_chunk_range};
use crate::model::{Allocation, Params};
use crate::plan::Plan;
use crate::week::{DrawDemand, DrawOutcome, draw_rng, evaluate, sample_demand};

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
    let chunks = ChunkTree::for_draws(draws).chunks;
    let pieces = simulate_range(plan, p, a, draws, 0..chunks, progress);
    assemble(chunks, pieces, || {
        Results::empty(plan.units.len(), plan.wards.len(), plan.borough_wards.len())
    })
    .expect("the whole range is one node")
}

/// Chunks `part` of a run over draws `0..draws`: the statistics of the tree
/// nodes covering them (see `run_chunk_range`).
pub fn simulate_range(
    plan: &Plan,
    p: &Params,
    a: &Allocation,
    draws: u64,
    part: Range<u64>,
    progress: &dyn Progress,
) -> Vec<(Range<u64>, Results)> {
    let (units, wards, boroughs) = (plan.units.len(), plan.wards.len(), plan.borough_wards.len());
    run_chunk_range(
        draws,
        part,
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
