//! The cost of sharding beyond the draws themselves: writing a shard's statistics
//! to its part file, reading them back, and merging pieces into the whole run.
//! A London run of 10,240 draws (40 chunks) is simulated before timing, as the
//! four pieces a 4-way split of one task gives (chunks 0–10, 10–20, 20–30, 30–40
//! cover 2 + 3 + 3 + 2 tree nodes).
//!
//! Run: `cargo bench --bench shard`. Figures go in BENCHMARKS.md.

// Tests and benches may say what they skip or measure.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use wardsim::allocation::allocate;
use wardsim::montecarlo::{ChunkTree, NoProgress, Paired, Results, assemble, simulate_range};
use wardsim::plan::Plan;
use wardsim::scenario::{self, DatasetCache};
use wardsim::shard::PieceStats;

const DRAWS: u64 = 10_240;

fn shard(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/bcu-2018.toml");
    let s = scenario::load(&path, &mut DatasetCache::default()).expect("example scenario loads");
    let plan = Plan::new(&s);
    let a = allocate(&s, &plan).expect("feasible");
    let chunks = ChunkTree::for_draws(DRAWS).chunks;
    let pieces: Vec<_> = (0..4)
        .flat_map(|k| {
            let part = k * chunks / 4..(k + 1) * chunks / 4;
            simulate_range(&plan, &s.params, &a, DRAWS, part, &NoProgress)
        })
        .collect();
    let encoded: Vec<Vec<u8>> = pieces
        .iter()
        .map(|(_, r)| serde_json::to_vec(&PieceStats::of_results(r)).expect("serialises"))
        .collect();
    let bytes: usize = encoded.iter().map(Vec::len).sum();
    eprintln!(
        "{} pieces, {:.1} MB of JSON in all ({:.2} MB for the whole-run node)",
        pieces.len(),
        bytes as f64 / 1e6,
        serde_json::to_vec(&PieceStats::of_results(
            &assemble(chunks, pieces.clone(), || {
                Results::empty(plan.units.len(), plan.wards.len(), plan.borough_wards.len())
            })
            .expect("pieces cover the run")
        ))
        .expect("serialises")
        .len() as f64
            / 1e6
    );
    let mut group = c.benchmark_group("shard_london");
    group.sample_size(10);
    group.bench_function("encode_pieces", |b| {
        b.iter(|| {
            pieces
                .iter()
                .map(|(_, r)| serde_json::to_vec(&PieceStats::of_results(r)).expect("serialises"))
                .map(|v| v.len())
                .sum::<usize>()
        })
    });
    group.bench_function("decode_pieces", |b| {
        b.iter(|| {
            encoded
                .iter()
                .map(|v| {
                    let p: PieceStats = serde_json::from_slice(v).expect("parses");
                    p.to_paired().expect("consistent")
                })
                .collect::<Vec<Paired>>()
        })
    });
    group.bench_function("assemble_pieces", |b| {
        b.iter(|| {
            assemble(chunks, pieces.clone(), || {
                Results::empty(plan.units.len(), plan.wards.len(), plan.borough_wards.len())
            })
            .expect("pieces cover the run")
        })
    });
    group.finish();
}

criterion_group!(benches, shard);
criterion_main!(benches);
