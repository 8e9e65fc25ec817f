//! The chunk tree: draws are grouped in fixed chunks of `CHUNK_DRAWS`,
//! each chunk accumulates its draws in order, and chunk statistics are merged
//! along a fixed binary tree over chunk indices (`ChunkTree`), left range before
//! right. The tree depends on the number of chunks alone, never on threads or
//! scheduling, so results are bit-identical on any thread count, and a range of
//! chunks computed elsewhere (a shard) slots into the same tree. Memory stays
//! flat in the number of draws: only a branch of the tree per thread is held,
//! and the statistics whose merge is exact in any order (histogram counts) are
//! moved out of each chunk into one running total, not carried up the tree.

use std::ops::Range;
use std::sync::Mutex;

use rayon::prelude::*;

/// Draws per chunk. Part of the reproducibility contract: changing it changes the
/// last bits of merged statistics, so it is recorded in every output.
pub const CHUNK_DRAWS: u64 = 256;

/// Progress reporting, so the driver never touches the terminal.
pub trait Progress: Sync {
    /// `draws` more draws are done.
    fn advance(&self, draws: u64);
}

/// Reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
}

/// Statistics that can be folded: the next range's, in order, into the total.
pub trait Accumulate: Send {
    /// Merges `next` (the range after this one) into this.
    fn merge(&mut self, next: &Self);

    /// Moves the statistics whose merge is exact in any order (integer counts)
    /// into `total`, leaving them empty here. The default moves nothing.
    fn move_exact(&mut self, _total: &mut Self) {}
}

/// The fixed merge tree over chunks `0..chunks`. A node covers a range of chunks;
/// a node of two or more chunks splits at the largest power of two below its
/// size, so every left child is a whole aligned block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkTree {
    pub chunks: u64,
}

impl ChunkTree {
    /// The tree of a run of `draws` draws.
    pub fn for_draws(draws: u64) -> ChunkTree {
        ChunkTree {
            chunks: draws.div_ceil(CHUNK_DRAWS),
        }
    }

    /// Where a node of two or more chunks splits.
    pub fn split(r: &Range<u64>) -> u64 {
        let size = r.end - r.start;
        debug_assert!(size >= 2);
        r.start + (1u64 << (63 - (size - 1).leading_zeros()))
    }

    /// The nodes that exactly cover `part`: the largest nodes of the tree lying
    /// wholly inside it, in chunk order.
    pub fn cover(&self, part: Range<u64>) -> Vec<Range<u64>> {
        let mut out = Vec::new();
        if part.start < part.end && self.chunks > 0 {
            cover_into(0..self.chunks, &part, &mut out);
        }
        out
    }

    /// The draws of a range of chunks.
    pub fn draws_of(r: &Range<u64>, draws: u64) -> Range<u64> {
        (r.start * CHUNK_DRAWS).min(draws)..(r.end * CHUNK_DRAWS).min(draws)
    }
}

fn cover_into(node: Range<u64>, part: &Range<u64>, out: &mut Vec<Range<u64>>) {
    if node.end <= part.start || part.end <= node.start {
        return;
    }
    if part.start <= node.start && node.end <= part.end {
        out.push(node);
        return;
    }
    let m = ChunkTree::split(&node);
    cover_into(node.start..m, part, out);
    cover_into(m..node.end, part, out);
}

/// The statistics of one node of the tree over `0..draws` (chunks `node`):
/// chunks accumulate sequentially, children are computed in parallel and merged
/// left then right. `step(acc, scratch, i)` adds draw i; `scratch` is per-chunk
/// working memory.
fn node_stats<A, S, E, F>(
    node: Range<u64>,
    draws: u64,
    empty: &E,
    step: &F,
    progress: &dyn Progress,
) -> A
where
    A: Accumulate,
    S: Default,
    E: Fn() -> A + Sync,
    F: Fn(&mut A, &mut S, u64) + Sync,
{
    let exact = Mutex::new(empty());
    let mut stats = node_moments(node, draws, empty, step, &exact, progress);
    exact
        .into_inner()
        .expect("no thread panicked holding the total")
        .move_exact(&mut stats);
    stats
}

/// `node_stats` without the order-free statistics, which each chunk moves into
/// `exact` as it finishes.
fn node_moments<A, S, E, F>(
    node: Range<u64>,
    draws: u64,
    empty: &E,
    step: &F,
    exact: &Mutex<A>,
    progress: &dyn Progress,
) -> A
where
    A: Accumulate,
    S: Default,
    E: Fn() -> A + Sync,
    F: Fn(&mut A, &mut S, u64) + Sync,
{
    if node.end - node.start == 1 {
        let d = ChunkTree::draws_of(&node, draws);
        let mut acc = empty();
        let mut scratch = S::default();
        for i in d.clone() {
            step(&mut acc, &mut scratch, i);
        }
        acc.move_exact(&mut exact.lock().expect("no thread panicked holding the total"));
        progress.advance(d.end - d.start);
        return acc;
    }
    let m = ChunkTree::split(&node);
    let (mut left, right) = rayon::join(
        || node_moments(node.start..m, draws, empty, step, exact, progress),
        || node_moments(m..node.end, draws, empty, step, exact, progress),
    );
    left.merge(&right);
    left
}

/// Runs draws `0..draws` in fixed chunks, in parallel on the current rayon pool,
/// and merges the chunk statistics along the fixed tree.
pub fn run_chunks<A, S, E, F>(draws: u64, empty: E, step: F, progress: &dyn Progress) -> A
where
    A: Accumulate,
    S: Default,
    E: Fn() -> A + Sync,
    F: Fn(&mut A, &mut S, u64) + Sync,
{
    let tree = ChunkTree::for_draws(draws);
    if tree.chunks == 0 {
        return empty();
    }
    node_stats(0..tree.chunks, draws, &empty, &step, progress)
}

/// A shard's share: the statistics of every node covering chunks `part` of the
/// run over `0..draws`, in chunk order, ready for `assemble`.
pub fn run_chunk_range<A, S, E, F>(
    draws: u64,
    part: Range<u64>,
    empty: E,
    step: F,
    progress: &dyn Progress,
) -> Vec<(Range<u64>, A)>
where
    A: Accumulate,
    S: Default,
    E: Fn() -> A + Sync,
    F: Fn(&mut A, &mut S, u64) + Sync,
{
    ChunkTree::for_draws(draws)
        .cover(part)
        .into_par_iter()
        .map(|node| {
            let stats = node_stats(node.clone(), draws, &empty, &step, progress);
            (node, stats)
        })
        .collect()
}

/// Why node statistics from shards do not make up a whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// No piece covers these chunks.
    Missing(Range<u64>),
    /// These chunks are covered more than once.
    Repeated(Range<u64>),
    /// A piece is not a node of the tree (it came from a different split).
    NotANode(Range<u64>),
}

/// Merges node statistics (each a node of the tree over `chunks`, as from
/// `run_chunk_range`) into the whole run's, exactly as `run_chunks` would have.
pub fn assemble<A: Accumulate>(
    chunks: u64,
    pieces: Vec<(Range<u64>, A)>,
    empty: impl Fn() -> A,
) -> Result<A, Coverage> {
    let mut pieces = pieces;
    pieces.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    for w in pieces.windows(2) {
        if w[1].0.start < w[0].0.end {
            return Err(Coverage::Repeated(w[1].0.start..w[0].0.end.min(w[1].0.end)));
        }
    }
    if chunks == 0 {
        return match pieces.first() {
            Some((r, _)) => Err(Coverage::NotANode(r.clone())),
            None => Ok(empty()),
        };
    }
    let mut pieces = pieces.into_iter().peekable();
    let whole = build(0..chunks, &mut pieces)?;
    if let Some((r, _)) = pieces.next() {
        return Err(Coverage::NotANode(r));
    }
    Ok(whole)
}

fn build<A: Accumulate>(
    node: Range<u64>,
    pieces: &mut std::iter::Peekable<impl Iterator<Item = (Range<u64>, A)>>,
) -> Result<A, Coverage> {
    match pieces.peek() {
        Some((r, _)) if *r == node => return Ok(pieces.next().expect("peeked").1),
        Some((r, _)) if r.start < node.start || (r.start == node.start && r.end > node.end) => {
            return Err(Coverage::NotANode(r.clone()));
        }
        Some((r, _)) if r.start >= node.end => return Err(Coverage::Missing(node)),
        None => return Err(Coverage::Missing(node)),
        _ => {}
    }
    if node.end - node.start == 1 {
        let r = pieces.peek().expect("checked above").0.clone();
        return Err(Coverage::NotANode(r));
    }
    let m = ChunkTree::split(&node);
    let mut left = build(node.start..m, pieces)?;
    let right = build(m..node.end, pieces)?;
    left.merge(&right);
    Ok(left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Moments;

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Acc(Moments);
    impl Accumulate for Acc {
        fn merge(&mut self, next: &Acc) {
            self.0.merge(&next.0);
        }
    }

    fn step(acc: &mut Acc, _: &mut (), i: u64) {
        acc.0
            .push(((i * 7919) % 1013) as f64 / 37.0 + (i as f64).sqrt());
    }

    fn pieces(draws: u64, cuts: &[u64]) -> Vec<(Range<u64>, Acc)> {
        let chunks = ChunkTree::for_draws(draws).chunks;
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().copied().filter(|&c| c > 0 && c < chunks));
        bounds.push(chunks);
        bounds
            .windows(2)
            .flat_map(|w| run_chunk_range(draws, w[0]..w[1], Acc::default, step, &NoProgress))
            .collect()
    }

    #[test]
    fn nodes_split_at_powers_of_two_and_cover_exactly() {
        assert_eq!(ChunkTree::split(&(0..2)), 1);
        assert_eq!(ChunkTree::split(&(0..5)), 4);
        assert_eq!(ChunkTree::split(&(8..16)), 12);
        assert_eq!(ChunkTree::split(&(8..13)), 12);
        let tree = ChunkTree { chunks: 13 };
        assert_eq!(tree.cover(0..13), vec![0..13]);
        assert_eq!(tree.cover(3..11), vec![3..4, 4..8, 8..10, 10..11]);
        assert!(tree.cover(5..5).is_empty());
        assert_eq!(ChunkTree::draws_of(&(1..3), 600), 256..600);
    }

    #[test]
    fn any_split_into_ranges_merges_to_the_same_bits() {
        let draws = 40 * CHUNK_DRAWS - 17;
        let whole = run_chunks(draws, Acc::default, step, &NoProgress);
        assert_eq!(whole.0.n, draws);
        for cuts in [
            vec![],
            vec![1],
            vec![13, 14, 29],
            vec![3, 7, 11, 19, 23, 31, 37, 39],
        ] {
            let got = assemble(40, pieces(draws, &cuts), Acc::default).unwrap();
            assert_eq!(
                got.0.mean.to_bits(),
                whole.0.mean.to_bits(),
                "cuts {cuts:?}"
            );
            assert_eq!(got.0.m2.to_bits(), whole.0.m2.to_bits(), "cuts {cuts:?}");
        }
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let serial = one_thread.install(|| run_chunks(draws, Acc::default, step, &NoProgress));
        assert_eq!(serial, whole);
    }

    #[test]
    fn gaps_overlaps_and_foreign_ranges_are_named() {
        let draws = 13 * CHUNK_DRAWS;
        let mut p = pieces(draws, &[4, 9]);
        let middle = p.iter().position(|(r, _)| r.start == 4).unwrap();
        p.remove(middle);
        assert_eq!(assemble(13, p, Acc::default), Err(Coverage::Missing(4..8)));
        let mut p = pieces(draws, &[4, 9]);
        p.extend(run_chunk_range(
            draws,
            8..9,
            Acc::default,
            step,
            &NoProgress,
        ));
        assert_eq!(assemble(13, p, Acc::default), Err(Coverage::Repeated(8..9)));
        let p = vec![(0..3, Acc::default()), (3..13, Acc::default())];
        assert!(matches!(
            assemble(13, p, Acc::default),
            Err(Coverage::NotANode(_))
        ));
    }
}
