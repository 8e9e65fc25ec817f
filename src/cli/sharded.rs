//! Running one shard of a `run` or `compare`: allocate the tasks it touches,
//! simulate its chunk ranges, and write its part file atomically (a killed shard
//! leaves no file that `merge` would accept).

use std::path::PathBuf;

use super::exit;
use super::progress::Bars;
use crate::model::Scenario;
use crate::montecarlo::{CHUNK_DRAWS, ChunkTree, simulate_paired_range, simulate_range};
use crate::pipeline::{self, Prepared};
use crate::report::write_file;
use crate::shard::{
    FORMAT, FORMAT_VERSION, Kind, Part, Piece, PieceStats, Record, ScenarioRecord, Shard, TaskPart,
    allocation_fingerprint, fingerprint, share, tasks,
};

/// What a shard needs beyond its scenarios: the run as invoked, and where the
/// part file goes.
pub struct ShardJob {
    pub kind: Kind,
    /// Scenario files as given (folders expanded): `merge` reads them again.
    pub files: Vec<PathBuf>,
    pub seed: u64,
    pub draws: u64,
    pub gap_batches: Option<u32>,
    /// Names the part file: `<label>.part-K-of-N.json`.
    pub label: String,
    pub out: PathBuf,
    pub quiet: bool,
}

impl ShardJob {
    /// Runs shard `shard` of the command over `scenarios` (task names `names`)
    /// and writes its part file; returns the exit code.
    pub fn run(
        &self,
        scenarios: &[&Scenario],
        names: &[String],
        shard: Shard,
        source: &str,
        pool: &rayon::ThreadPool,
    ) -> u8 {
        let record = Record {
            version: env!("CARGO_PKG_VERSION").to_string(),
            command: self.kind,
            files: self.files.iter().map(|f| f.display().to_string()).collect(),
            scenarios: scenarios
                .iter()
                .map(|s| ScenarioRecord {
                    name: s.name.clone(),
                    file: s.file.clone(),
                    hash: s.hash.clone(),
                })
                .collect(),
            seed: self.seed,
            draws: self.draws,
            chunk_draws: CHUNK_DRAWS,
            gap_batches: self.gap_batches,
        };
        let list = tasks(self.kind, names);
        let tree = ChunkTree::for_draws(self.draws);
        let mine = share(list.len(), tree.chunks, shard);
        let draws_of = |r: &std::ops::Range<u64>| {
            let d = ChunkTree::draws_of(r, self.draws);
            d.end - d.start
        };
        let total: u64 = mine.iter().map(|(_, r)| draws_of(r)).sum();
        let bars = Bars::new(self.quiet, 1);
        let bar = bars.draws(&format!("shard {shard} of {}", self.label), total);
        let mut parts = Vec::new();
        let mut held = Vec::new();
        for (t, range) in &mine {
            let task = &list[*t];
            let members = &scenarios[task.scenarios.clone()];
            let mut prepared: Vec<Prepared> = Vec::new();
            for s in members {
                match pool.install(|| pipeline::prepare_counts(s)) {
                    Ok(p) => prepared.push(p),
                    Err(e) => {
                        bar.0.finish_and_clear();
                        eprintln!("error: scenario `{}` ({}): {e}", s.name, s.file);
                        eprintln!("shard {shard} wrote no part file");
                        return exit::RUN_FAILED;
                    }
                }
            }
            let pieces: Vec<(std::ops::Range<u64>, PieceStats)> = match self.kind {
                Kind::Run => {
                    let (s, p) = (members[0], &prepared[0]);
                    pool.install(|| {
                        simulate_range(
                            &p.plan,
                            &s.params,
                            &p.allocation,
                            self.draws,
                            range.clone(),
                            &bar,
                        )
                    })
                    .into_iter()
                    .map(|(r, x)| (r, PieceStats::of_results(&x)))
                    .collect()
                }
                Kind::Compare => {
                    let cases = pipeline::cases(members.iter().copied(), &prepared);
                    pool.install(|| {
                        simulate_paired_range(&cases, self.seed, self.draws, range.clone(), &bar)
                    })
                    .into_iter()
                    .map(|(r, x)| (r, PieceStats::of_paired(&x)))
                    .collect()
                }
            };
            let d = ChunkTree::draws_of(range, self.draws);
            held.push(format!("`{}` draws {}..{}", task.name, d.start, d.end));
            parts.push(TaskPart {
                task: *t,
                name: task.name.clone(),
                chunks: tree.chunks,
                allocations: prepared
                    .iter()
                    .map(|p| allocation_fingerprint(&p.allocation))
                    .collect(),
                pieces: pieces
                    .into_iter()
                    .map(|(r, stats)| {
                        let d = ChunkTree::draws_of(&r, self.draws);
                        Piece {
                            chunks: [r.start, r.end],
                            draws: [d.start, d.end],
                            stats,
                        }
                    })
                    .collect(),
            });
        }
        bar.0.finish_and_clear();
        let part = Part {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            fingerprint: fingerprint(&record),
            record,
            shard: [shard.index, shard.count],
            tasks: parts,
        };
        let path = self.out.join(format!(
            "{}.part-{}-of-{}.json",
            self.label, shard.index, shard.count
        ));
        let bytes = part.render();
        if let Err(e) = write_file(&path, &bytes) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return exit::RUN_FAILED;
        }
        if !self.quiet {
            println!(
                "shard {shard} ({source}) of `{}`: {}",
                self.label,
                if held.is_empty() {
                    "no draws (more shards than chunks)".to_string()
                } else {
                    held.join(", ")
                }
            );
            println!(
                "  wrote {} ({:.1} MB); merge every shard with `wardsim merge`",
                path.display(),
                bytes.len() as f64 / 1e6
            );
        }
        exit::OK
    }
}
