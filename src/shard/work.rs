//! What one command's work is, and each shard's share of it. A `run` is one task
//! per scenario (every sweep point is a scenario); a `compare` is one task, its
//! scenarios simulated side by side. Every task has the same draws, so the same
//! chunks; the work is the tasks' chunks one after another, and shard K of N takes
//! the K-th of N nearly equal consecutive stretches of it. A shard therefore
//! touches few tasks (and allocates only those), and whole sweep points where it can.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::spec::Shard;

/// The command whose work is shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `wardsim run`: scenarios, batches and sweeps.
    Run,
    /// `wardsim compare`: scenarios on common draws, with paired differences.
    Compare,
}

impl Kind {
    /// The command's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Run => "run",
            Kind::Compare => "compare",
        }
    }
}

/// One simulation: some consecutive scenarios of the command's flat list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub name: String,
    pub scenarios: Range<usize>,
}

/// The tasks of a command over scenarios with these names (sweep points named
/// `sweep/point`), in order.
pub fn tasks(kind: Kind, names: &[String]) -> Vec<Task> {
    match kind {
        Kind::Run => names
            .iter()
            .enumerate()
            .map(|(i, n)| Task {
                name: n.clone(),
                scenarios: i..i + 1,
            })
            .collect(),
        Kind::Compare => vec![Task {
            name: names.join(" vs "),
            scenarios: 0..names.len(),
        }],
    }
}

/// Shard `shard`'s share of `tasks` tasks of `chunks` chunks each: (task, chunk
/// range) pairs, in order. Shards' shares are disjoint and together cover all.
pub fn share(tasks: usize, chunks: u64, shard: Shard) -> Vec<(usize, Range<u64>)> {
    let total = tasks as u128 * chunks as u128;
    let (k, n) = (shard.index as u128, shard.count as u128);
    let lo = ((k - 1) * total / n) as u64;
    let hi = (k * total / n) as u64;
    let mut out = Vec::new();
    for t in 0..tasks {
        let (first, end) = (t as u64 * chunks, (t as u64 + 1) * chunks);
        let (a, b) = (lo.max(first), hi.min(end));
        if a < b {
            out.push((t, a - first..b - first));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_disjoint_cover_everything_and_balance() {
        for (tasks, chunks, count) in [(1, 40, 4), (17, 40, 4), (3, 1, 8), (5, 7, 3), (2, 0, 2)] {
            let mut seen = vec![vec![0u32; chunks as usize]; tasks];
            let mut sizes = Vec::new();
            for index in 1..=count {
                let mine = share(tasks, chunks, Shard { index, count });
                let size: u64 = mine.iter().map(|(_, r)| r.end - r.start).sum();
                sizes.push(size);
                for (t, r) in mine {
                    for c in r {
                        seen[t][c as usize] += 1;
                    }
                }
            }
            assert!(
                seen.iter().flatten().all(|&x| x == 1),
                "{tasks}×{chunks}/{count}"
            );
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(hi - lo <= 1, "{sizes:?}");
        }
    }

    #[test]
    fn a_run_is_a_task_per_scenario_and_a_comparison_one() {
        let names = vec!["a".to_string(), "b".to_string()];
        assert_eq!(tasks(Kind::Run, &names).len(), 2);
        let c = tasks(Kind::Compare, &names);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].scenarios, 0..2);
    }
}
