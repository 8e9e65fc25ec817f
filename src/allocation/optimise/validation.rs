//! Does the allocation hold up on weeks the optimiser never saw? The same
//! objective on independent weeks (with its CI), and, when asked, the optimality
//! gap by the multiple-replication procedure of Mak, Morton & Wood (1999).
//!
//! Out-of-sample weeks are the run's own evaluation draws (streams 0, 1, …), in
//! fixed chunks merged in order, so the estimate does not depend on thread count.

use super::problem::{Levels, Problem};
use super::sample::{GAP_STREAM, Sample, Week, week_of};
use super::{Prepared, Solved, bound};
use crate::model::Params;
use crate::model::optimisation::GapEstimate;
use crate::montecarlo::{Accumulate, NoProgress, run_chunks};
use crate::plan::Plan;
use crate::stats::{Estimate, Moments};
use crate::week::{DrawDemand, draw_rng, sample_demand};

struct Acc(Moments);
impl Accumulate for Acc {
    fn merge(&mut self, next: &Self) {
        self.0.merge(&next.0);
    }
}

#[derive(Default)]
struct Scratch {
    demand: DrawDemand,
    week: Week,
    units: Vec<f64>,
    flex: Vec<f64>,
}

/// The allocation's objective on the run's evaluation weeks.
pub fn out_of_sample(pb: &Problem, solved: &Solved, plan: &Plan, p: &Params) -> Estimate {
    let levels = solved.levels();
    let acc = run_chunks(
        p.run.draws,
        || Acc(Moments::default()),
        |acc: &mut Acc, s: &mut Scratch, i| {
            let mut rng = draw_rng(p.run.seed, i);
            sample_demand(plan, p, &mut rng, &mut s.demand);
            week_of(plan, p, &s.demand, &mut s.week);
            pb.unit_response(&s.week.borough_response, &mut s.units);
            let flex = pb.flex_always || s.week.exceptional;
            let c = pb.week_cost(&levels, &s.units, &s.week.neighbourhood, flex, &mut s.flex);
            acc.0.push(c.total());
        },
        &NoProgress,
    );
    Estimate::from_parts(&acc.0, None)
}

/// One-sided 95% Student t quantile for `df` degrees of freedom.
fn t95(df: u32) -> f64 {
    const TABLE: [f64; 30] = [
        6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771,
        1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706,
        1.703, 1.701, 1.699, 1.697,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df as usize - 1],
        _ => 1.645,
    }
}

/// Mak–Morton–Wood: in each of K fresh samples, the gap between the candidate's
/// objective and the sample's own LP optimum; their mean bounds the true
/// optimality gap from above in expectation. Each sample's LP optimum is a lower
/// bound on its whole-officer optimum, so the estimate errs on the safe side.
pub fn optimality_gap(
    prepared: &Prepared,
    solved: &Solved,
    plan: &Plan,
    p: &Params,
) -> Result<GapEstimate, String> {
    let o = &p.allocation.optimise;
    let weeks = o.in_sample_draws as usize;
    let candidate: Levels = solved.levels();
    let mut m = Moments::default();
    for k in 0..o.gap_batches {
        let sample = Sample::draw(plan, p, GAP_STREAM + (u64::from(k) << 32), weeks);
        let pb = prepared.setting.problem(&sample, prepared.setting.rules);
        let lower = bound(&pb, o)?;
        m.push(pb.cost(&candidate).total() - lower);
    }
    let k = o.gap_batches;
    let se = m.standard_error();
    let upper = m.mean + t95(k.saturating_sub(1)) * se;
    let objective = solved.cost.total();
    Ok(GapEstimate {
        batches: k,
        weeks_per_batch: weeks as u64,
        mean: m.mean,
        standard_error: se,
        upper95: upper,
        upper95_share: if objective > 0.0 {
            upper / objective
        } else {
            0.0
        },
    })
}
