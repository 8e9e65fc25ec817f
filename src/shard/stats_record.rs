//! Statistics as a part file stores them: every moment, tally and histogram of
//! a `Results` (or a paired run) with each floating-point number as its IEEE-754
//! bit pattern, so the round trip through JSON is exact and merges stay
//! bit-identical.

use serde::{Deserialize, Serialize};

use crate::montecarlo::{Paired, Results};
use crate::stats::{Histogram, Moments, Tally};

/// One `Results` per scenario of the task, and for a comparison its paired
/// differences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PieceStats {
    pub runs: Vec<ResultsRecord>,
    pub differences: Vec<ResultsRecord>,
}

impl PieceStats {
    /// The statistics of one scenario's run.
    pub fn of_results(r: &Results) -> PieceStats {
        PieceStats {
            runs: vec![ResultsRecord::of(r)],
            differences: Vec::new(),
        }
    }

    /// The statistics of a paired run.
    pub fn of_paired(p: &Paired) -> PieceStats {
        PieceStats {
            runs: p.runs.iter().map(ResultsRecord::of).collect(),
            differences: p.differences.iter().map(ResultsRecord::of).collect(),
        }
    }

    /// The statistics back as a paired run (one run for a scenario).
    pub fn to_paired(&self) -> Result<Paired, String> {
        Ok(Paired {
            runs: self
                .runs
                .iter()
                .map(ResultsRecord::to_results)
                .collect::<Result<_, _>>()?,
            differences: self
                .differences
                .iter()
                .map(ResultsRecord::to_results)
                .collect::<Result<_, _>>()?,
        })
    }
}

/// `Moments` bit for bit: `[n, mean bits, m2 bits]`.
type MomentsRecord = [u64; 3];

fn moments_record(m: &Moments) -> MomentsRecord {
    [m.n, m.mean.to_bits(), m.m2.to_bits()]
}

fn moments_of(r: &MomentsRecord) -> Moments {
    Moments {
        n: r[0],
        mean: f64::from_bits(r[1]),
        m2: f64::from_bits(r[2]),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyRecord {
    pub moments: MomentsRecord,
    /// Smallest and largest value, as bits.
    pub range: [u64; 2],
    /// Occupied histogram buckets by increasing key, each key stored as its
    /// step from the previous one (the first from 0), to keep files small.
    pub keys: Vec<i64>,
    /// The count of each bucket in `keys`.
    pub counts: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsRecord {
    pub draws: u64,
    pub london: Vec<TallyRecord>,
    pub units: Vec<Vec<TallyRecord>>,
    pub wards: Vec<Vec<MomentsRecord>>,
    pub boroughs: Vec<Vec<MomentsRecord>>,
}

fn tally_record(t: &Tally) -> TallyRecord {
    let (lo, hi) = t.histogram.range();
    let buckets = t.histogram.counts();
    let mut previous = 0;
    TallyRecord {
        moments: moments_record(&t.moments),
        range: [lo.to_bits(), hi.to_bits()],
        keys: buckets
            .iter()
            .map(|&(k, _)| {
                let step = k - previous;
                previous = k;
                step
            })
            .collect(),
        counts: buckets.iter().map(|&(_, c)| c).collect(),
    }
}

fn tally_of(r: &TallyRecord) -> Result<Tally, String> {
    if r.keys.len() != r.counts.len() {
        return Err(format!(
            "a histogram has {} keys but {} counts",
            r.keys.len(),
            r.counts.len()
        ));
    }
    let mut key = 0i64;
    let mut buckets = Vec::with_capacity(r.keys.len());
    for (&step, &c) in r.keys.iter().zip(&r.counts) {
        key = key
            .checked_add(step)
            .ok_or_else(|| "a histogram key overflows".to_string())?;
        buckets.push((key, c));
    }
    Ok(Tally {
        moments: moments_of(&r.moments),
        histogram: Histogram::from_counts(
            f64::from_bits(r.range[0]),
            f64::from_bits(r.range[1]),
            &buckets,
        )?,
    })
}

impl ResultsRecord {
    pub fn of(r: &Results) -> ResultsRecord {
        ResultsRecord {
            draws: r.draws,
            london: r.london.iter().map(tally_record).collect(),
            units: r
                .units
                .iter()
                .map(|u| u.iter().map(tally_record).collect())
                .collect(),
            wards: r
                .wards
                .iter()
                .map(|w| w.iter().map(moments_record).collect())
                .collect(),
            boroughs: r
                .boroughs
                .iter()
                .map(|b| b.iter().map(moments_record).collect())
                .collect(),
        }
    }

    pub fn to_results(&self) -> Result<Results, String> {
        Ok(Results {
            draws: self.draws,
            london: self.london.iter().map(tally_of).collect::<Result<_, _>>()?,
            units: self
                .units
                .iter()
                .map(|u| u.iter().map(tally_of).collect::<Result<_, _>>())
                .collect::<Result<_, _>>()?,
            wards: self
                .wards
                .iter()
                .map(|w| w.iter().map(moments_of).collect())
                .collect(),
            boroughs: self
                .boroughs
                .iter()
                .map(|b| b.iter().map(moments_of).collect())
                .collect(),
        })
    }
}
