//! Checking that part files belong together, and putting their statistics back
//! into the tree they came from. Every problem found is reported, by file: parts
//! of different runs (and what differs), another version, shards given twice or
//! missing (with the draws they hold and how to re-run them).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use super::part::{Part, Record, fingerprint};
use super::spec::Shard;
use super::stats_record::PieceStats;
use super::work::{share, tasks};
use crate::montecarlo::{ChunkTree, Coverage, Paired, assemble};

/// Everything that stops a merge, one sentence each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError(pub Vec<String>);

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, m) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {m}")?;
        }
        Ok(())
    }
}

/// Parts that belong together: the run they record, and per task the pieces
/// from every part.
#[derive(Debug)]
pub struct Assembled {
    pub record: Record,
    pub shards: u64,
    pub tasks: Vec<TaskPieces>,
}

/// One task's pieces from every part, with the allocations the shards simulated.
#[derive(Debug)]
pub struct TaskPieces {
    pub name: String,
    pub chunks: u64,
    /// The allocation fingerprints the shards simulated, one per scenario.
    pub allocations: Vec<String>,
    pub pieces: Vec<(Range<u64>, PieceStats)>,
}

impl TaskPieces {
    /// The task's whole statistics, merged exactly as a single process merges
    /// them; `empty` has the task's shape.
    pub fn assemble(self, empty: &Paired) -> Result<Paired, String> {
        let mut pieces = Vec::with_capacity(self.pieces.len());
        for (r, stats) in self.pieces {
            let p = stats
                .to_paired()
                .map_err(|e| format!("task `{}`: {e}", self.name))?;
            if !same_shape(&p, empty) {
                return Err(format!(
                    "task `{}`: the statistics of chunks {}..{} do not have the scenario's shape \
                     (wards, boroughs, command units or metrics)",
                    self.name, r.start, r.end
                ));
            }
            pieces.push((r, p));
        }
        assemble(self.chunks, pieces, || empty.clone()).map_err(|c| {
            let (what, r) = match c {
                Coverage::Missing(r) => ("missing", r),
                Coverage::Repeated(r) => ("given more than once", r),
                Coverage::NotANode(r) => ("not split as the shards split them", r),
            };
            format!(
                "task `{}`: chunks {}..{} are {what}",
                self.name, r.start, r.end
            )
        })
    }
}

fn same_shape(a: &Paired, b: &Paired) -> bool {
    let shape = |p: &Paired| -> Vec<Vec<usize>> {
        p.runs
            .iter()
            .chain(&p.differences)
            .map(|r| {
                let mut s = vec![
                    r.london.len(),
                    r.units.len(),
                    r.wards.len(),
                    r.boroughs.len(),
                ];
                s.extend(r.units.iter().map(Vec::len));
                s.extend(r.wards.iter().map(Vec::len));
                s.extend(r.boroughs.iter().map(Vec::len));
                s
            })
            .collect()
    };
    shape(a) == shape(b)
}

/// A list in words, shortened past four items.
fn brief(items: &[String]) -> String {
    if items.len() <= 4 {
        items.join(", ")
    } else {
        format!("{}, … ({} in all)", items[..3].join(", "), items.len())
    }
}

/// What differs between two records, in words.
fn differences(a: &Record, b: &Record) -> String {
    let mut d = Vec::new();
    if a.version != b.version {
        d.push(format!("wardsim {} vs {}", a.version, b.version));
    }
    if a.command != b.command {
        d.push(format!(
            "`{}` vs `{}`",
            a.command.as_str(),
            b.command.as_str()
        ));
    }
    if a.seed != b.seed {
        d.push(format!("seed {} vs {}", a.seed, b.seed));
    }
    if a.draws != b.draws {
        d.push(format!("{} vs {} draws", a.draws, b.draws));
    }
    if a.gap_batches != b.gap_batches {
        d.push(format!(
            "--gap-batches {:?} vs {:?}",
            a.gap_batches, b.gap_batches
        ));
    }
    if a.files != b.files {
        d.push(format!(
            "scenario files {} vs {}",
            brief(&a.files),
            brief(&b.files)
        ));
    }
    let names = |r: &Record| {
        r.scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
    };
    let (na, nb) = (names(a), names(b));
    if na != nb {
        d.push(format!("scenarios {} vs {}", brief(&na), brief(&nb)));
    } else {
        for (x, y) in a.scenarios.iter().zip(&b.scenarios) {
            if x.hash != y.hash {
                d.push(format!(
                    "scenario `{}` differs (hash {} vs {})",
                    x.name,
                    &x.hash[..12.min(x.hash.len())],
                    &y.hash[..12.min(y.hash.len())]
                ));
            }
            if x.file != y.file {
                d.push(format!(
                    "scenario `{}` from {} vs {}",
                    x.name, x.file, y.file
                ));
            }
        }
    }
    if a.chunk_draws != b.chunk_draws {
        d.push(format!(
            "chunks of {} vs {} draws",
            a.chunk_draws, b.chunk_draws
        ));
    }
    if d.is_empty() {
        "their fingerprints differ".into()
    } else {
        d.join("; ")
    }
}

/// What shard `s` holds, in words: which scenarios' draws.
fn holds(record: &Record, s: Shard) -> String {
    let names: Vec<String> = record.scenarios.iter().map(|x| x.name.clone()).collect();
    let list = tasks(record.command, &names);
    let tree = ChunkTree::for_draws(record.draws);
    let mine = share(list.len(), tree.chunks, s);
    if mine.is_empty() {
        return "no draws".into();
    }
    let pieces: Vec<String> = mine
        .iter()
        .map(|(t, r)| {
            let d = ChunkTree::draws_of(r, record.draws);
            format!("`{}` draws {}..{}", list[*t].name, d.start, d.end)
        })
        .collect();
    brief(&pieces)
}

/// Checks that `parts` (file name, part) are every shard of one run, once each,
/// and collects their pieces by task.
pub fn check_parts(parts: Vec<(String, Part)>) -> Result<Assembled, MergeError> {
    let mut errors = Vec::new();
    let version = env!("CARGO_PKG_VERSION");
    let Some((first_file, first)) = parts.first() else {
        return Err(MergeError(vec!["no part files given".into()]));
    };
    let (first_file, first) = (first_file.clone(), first.clone());
    for (file, p) in &parts {
        if fingerprint(&p.record) != p.fingerprint {
            errors.push(format!(
                "{file}: its fingerprint does not match its contents; the file was altered or damaged"
            ));
        }
        if p.record.version != version {
            errors.push(format!(
                "{file} was written by wardsim {}; this is wardsim {version}: merge with the version that ran the shards",
                p.record.version
            ));
        }
        if p.fingerprint != first.fingerprint {
            errors.push(format!(
                "{file} and {first_file} come from different runs: {}",
                differences(&p.record, &first.record)
            ));
        }
        if p.shard[1] != first.shard[1] {
            errors.push(format!(
                "{file} is shard {} of {}, but {first_file} is shard {} of {}: all parts must come from one split",
                p.shard[0], p.shard[1], first.shard[0], first.shard[1]
            ));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError(errors));
    }
    let record = first.record.clone();
    let count = first.shard[1];
    let mut by_shard: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for (file, p) in &parts {
        by_shard.entry(p.shard[0]).or_default().push(file.clone());
    }
    for (k, files) in &by_shard {
        if *k == 0 || *k > count {
            errors.push(format!("{} claims to be shard {k} of {count}", files[0]));
        } else if files.len() > 1 {
            errors.push(format!(
                "shard {k} of {count} is given {} times: {}; give each shard once",
                files.len(),
                files.join(", ")
            ));
        }
    }
    for k in 1..=count {
        if !by_shard.contains_key(&k) {
            let s = Shard { index: k, count };
            errors.push(format!(
                "shard {k} of {count} is missing (it holds {}); run it alone with --shard {s}, then merge again",
                holds(&record, s)
            ));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError(errors));
    }

    let names: Vec<String> = record.scenarios.iter().map(|x| x.name.clone()).collect();
    let list = tasks(record.command, &names);
    let tree = ChunkTree::for_draws(record.draws);
    let mut collected: Vec<TaskPieces> = list
        .iter()
        .map(|t| TaskPieces {
            name: t.name.clone(),
            chunks: tree.chunks,
            allocations: Vec::new(),
            pieces: Vec::new(),
        })
        .collect();
    let mut allocation_source: Vec<String> = vec![String::new(); list.len()];
    for (file, p) in parts {
        let s = Shard {
            index: p.shard[0],
            count,
        };
        let expected: Vec<(usize, Vec<Range<u64>>)> = share(list.len(), tree.chunks, s)
            .into_iter()
            .map(|(t, r)| (t, tree.cover(r)))
            .collect();
        let found: Vec<(usize, Vec<Range<u64>>)> = p
            .tasks
            .iter()
            .map(|t| (t.task, t.pieces.iter().map(|x| x.range()).collect()))
            .collect();
        if expected != found {
            errors.push(format!(
                "{file}: its pieces are not shard {s}'s share of the run (it should hold {})",
                holds(&record, s)
            ));
            continue;
        }
        for t in p.tasks {
            let into = &mut collected[t.task];
            if t.name != into.name || t.chunks != into.chunks {
                errors.push(format!(
                    "{file}: task {} is `{}` of {} chunks; expected `{}` of {}",
                    t.task, t.name, t.chunks, into.name, into.chunks
                ));
                continue;
            }
            if into.allocations.is_empty() {
                into.allocations = t.allocations.clone();
                allocation_source[t.task] = file.clone();
            } else if into.allocations != t.allocations {
                errors.push(format!(
                    "{file} and {} simulated different allocations of `{}`; were the shards run by different builds?",
                    allocation_source[t.task], into.name
                ));
            }
            into.pieces
                .extend(t.pieces.into_iter().map(|x| (x.range(), x.stats)));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError(errors));
    }
    Ok(Assembled {
        record,
        shards: count,
        tasks: collected,
    })
}
