//! Running one shard of a `run` or `compare`: allocate the tasks it touches,
//! simulate its chunk ranges, and write its part file atomically (a killed shard
//! leaves no file that `merge` would accept).

use std::ops::Range;
use std::path::PathBuf;

use super::batch::RunConfig;
use super::error::PipelineError;
use super::stages::{Prepared, cases, prepare_counts};
use crate::model::Scenario;
use crate::montecarlo::{CHUNK_DRAWS, ChunkTree, Progress, simulate_paired_range, simulate_range};
use crate::report::write_file;
use crate::shard::{
    FORMAT, FORMAT_VERSION, Kind, Part, Piece, PieceStats, Record, ScenarioRecord, Shard, Task,
    TaskPart, allocation_fingerprint, fingerprint, share, tasks,
};

/// One shard of a command: what was run, this shard's share of it, and where
/// its part file goes.
pub struct ShardJob<'a> {
    pub kind: Kind,
    /// Scenario files as given (folders expanded): `merge` reads them again.
    pub files: &'a [PathBuf],
    pub config: RunConfig,
    /// Every scenario the command runs, in order, and its task names.
    pub scenarios: Vec<&'a Scenario>,
    pub names: Vec<String>,
    /// Names the part file: `<label>.part-K-of-N.json`.
    pub label: String,
    pub out: PathBuf,
    pub shard: Shard,
}

/// What a shard wrote.
pub struct ShardWritten {
    pub path: PathBuf,
    pub bytes: usize,
    /// Each task's draws it holds, in words.
    pub held: Vec<String>,
}

impl ShardJob<'_> {
    fn tasks(&self) -> Vec<Task> {
        tasks(self.kind, &self.names)
    }

    /// This shard's (task, chunk range) pieces.
    fn mine(&self) -> Vec<(usize, Range<u64>)> {
        let tree = ChunkTree::for_draws(self.config.draws);
        share(self.tasks().len(), tree.chunks, self.shard)
    }

    /// The draws this shard simulates (for a progress bar).
    pub fn draws(&self) -> u64 {
        self.mine()
            .iter()
            .map(|(_, r)| {
                let d = ChunkTree::draws_of(r, self.config.draws);
                d.end - d.start
            })
            .sum()
    }

    fn record(&self) -> Record {
        Record {
            version: env!("CARGO_PKG_VERSION").to_string(),
            command: self.kind,
            files: self.files.iter().map(|f| f.display().to_string()).collect(),
            scenarios: self
                .scenarios
                .iter()
                .map(|s| ScenarioRecord {
                    name: s.name.clone(),
                    file: s.file.clone(),
                    hash: s.hash.clone(),
                })
                .collect(),
            seed: self.config.seed,
            draws: self.config.draws,
            chunk_draws: CHUNK_DRAWS,
            gap_batches: self.config.gap_batches,
        }
    }

    /// Simulates one task's range of chunks: the statistics of the tree nodes
    /// covering it.
    fn pieces(
        &self,
        members: &[&Scenario],
        prepared: &[Prepared],
        range: Range<u64>,
        progress: &dyn Progress,
    ) -> Vec<(Range<u64>, PieceStats)> {
        let draws = self.config.draws;
        match self.kind {
            Kind::Run => {
                let (s, p) = (members[0], &prepared[0]);
                simulate_range(&p.plan, &s.params, &p.allocation, draws, range, progress)
                    .into_iter()
                    .map(|(r, x)| (r, PieceStats::of_results(&x)))
                    .collect()
            }
            Kind::Compare => {
                let cases = cases(members.iter().copied(), prepared);
                simulate_paired_range(&cases, self.config.seed, draws, range, progress)
                    .into_iter()
                    .map(|(r, x)| (r, PieceStats::of_paired(&x)))
                    .collect()
            }
        }
    }

    /// Runs the shard and writes its part file. Call inside a rayon pool to
    /// choose the thread count; the part does not depend on it.
    pub fn run(&self, progress: &dyn Progress) -> Result<ShardWritten, PipelineError> {
        let list = self.tasks();
        let tree = ChunkTree::for_draws(self.config.draws);
        let mut parts = Vec::new();
        let mut held = Vec::new();
        for (t, range) in self.mine() {
            let task = &list[t];
            let members = &self.scenarios[task.scenarios.clone()];
            let prepared = members
                .iter()
                .map(|s| {
                    prepare_counts(s).map_err(|e| {
                        PipelineError::RunFailed(format!(
                            "scenario `{}` ({}): {e}\nshard {} wrote no part file",
                            s.name, s.file, self.shard
                        ))
                    })
                })
                .collect::<Result<Vec<Prepared>, PipelineError>>()?;
            let pieces = self.pieces(members, &prepared, range.clone(), progress);
            let d = ChunkTree::draws_of(&range, self.config.draws);
            held.push(format!("`{}` draws {}..{}", task.name, d.start, d.end));
            parts.push(TaskPart {
                task: t,
                name: task.name.clone(),
                chunks: tree.chunks,
                allocations: prepared
                    .iter()
                    .map(|p| allocation_fingerprint(&p.allocation))
                    .collect(),
                pieces: pieces
                    .into_iter()
                    .map(|(r, stats)| {
                        let d = ChunkTree::draws_of(&r, self.config.draws);
                        Piece {
                            chunks: [r.start, r.end],
                            draws: [d.start, d.end],
                            stats,
                        }
                    })
                    .collect(),
            });
        }
        let record = self.record();
        let part = Part {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            fingerprint: fingerprint(&record),
            record,
            shard: [self.shard.index, self.shard.count],
            tasks: parts,
            digest: String::new(),
        }
        .sealed();
        let path = self.out.join(format!(
            "{}.part-{}-of-{}.json",
            self.label, self.shard.index, self.shard.count
        ));
        let bytes = part.render();
        write_file(&path, &bytes).map_err(|e| {
            PipelineError::RunFailed(format!("cannot write {}: {e}", path.display()))
        })?;
        Ok(ShardWritten {
            path,
            bytes: bytes.len(),
            held,
        })
    }
}
