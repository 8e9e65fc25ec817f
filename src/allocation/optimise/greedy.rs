//! Marginal analysis for the separable case (ring-fenced, no floor, no cap, no
//! exceptional surge among the weeks): every unit's and ward's cost is a convex
//! function of its own officers, so adding one officer at a time where the
//! expected shortfall falls most is optimal (as in RAND's PCAM).
//!
//! PCSOs can only serve wards, officers anywhere; so PCSOs go first, then
//! officers. The same order with fractional steps (water-filling along the
//! pieces of each convex function) gives the exact optimum of the LP relaxation,
//! which bounds the whole-officer result from below. This module must not be used
//! on a problem that is not separable.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::problem::{Levels, Problem};

/// Σ_s (v_s − t)⁺ for a fixed set of values, in O(log S).
struct HingeSum {
    /// Values, largest first.
    desc: Vec<f64>,
    /// prefix[k] = sum of the k largest values.
    prefix: Vec<f64>,
}

impl HingeSum {
    fn new(values: impl Iterator<Item = f64>) -> HingeSum {
        let mut desc: Vec<f64> = values.collect();
        desc.sort_by(|a, b| b.total_cmp(a));
        let mut prefix = Vec::with_capacity(desc.len() + 1);
        prefix.push(0.0);
        for v in &desc {
            prefix.push(prefix.last().unwrap() + v);
        }
        HingeSum { desc, prefix }
    }

    /// How many values exceed t.
    fn above(&self, t: f64) -> usize {
        self.desc.partition_point(|&v| v > t)
    }

    fn eval(&self, t: f64) -> f64 {
        let k = self.above(t);
        (self.prefix[k] - k as f64 * t).max(0.0)
    }
}

/// Per-ward and per-unit cost functions of a separable problem.
struct Costs {
    wards: Vec<HingeSum>,
    units: Vec<HingeSum>,
}

impl Costs {
    fn new(pb: &Problem) -> Costs {
        let s = pb.weeks;
        Costs {
            wards: (0..pb.wards())
                .map(|w| HingeSum::new((0..s).map(|k| pb.week_neighbourhood(k)[w])))
                .collect(),
            units: (0..pb.units())
                .map(|u| HingeSum::new((0..s).map(|k| pb.week_response(k)[u])))
                .collect(),
        }
    }

    /// Expected weighted neighbourhood shortfall of ward w with supply z hours.
    fn ward(&self, pb: &Problem, w: usize, z: f64) -> f64 {
        pb.ward_weight[w] * self.wards[w].eval(z) / pb.weeks.max(1) as f64
    }

    /// Expected weighted response shortfall of unit u with r officers.
    fn unit(&self, pb: &Problem, u: usize, r: f64) -> f64 {
        pb.response_weight * self.units[u].eval(pb.rho * pb.hours * r) / pb.weeks.max(1) as f64
    }
}

/// A candidate step: its gain, then the lower id first on ties (deterministic).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    gain: f64,
    id: usize,
}
impl Eq for Step {}
impl Ord for Step {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then(other.id.cmp(&self.id))
    }
}
impl PartialOrd for Step {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The whole-officer optimum and what the next officer and PCSO would be worth.
#[derive(Debug, Clone, PartialEq)]
pub struct Greedy {
    pub x: Vec<u32>,
    pub p: Vec<u32>,
    pub r: Vec<u32>,
    /// Fall in expected weighted shortfall (hours a week) from one more officer.
    pub next_officer: f64,
    pub next_pcso: f64,
}

/// Takes up to `left` steps, each where the gain is largest (ties to the lower id),
/// while a step still gains anything. `step(id)` makes the step and returns that
/// place's next gain. Returns the steps not taken.
fn take_steps(gains: &[f64], mut left: u64, mut step: impl FnMut(usize) -> f64) -> u64 {
    let mut heap: BinaryHeap<Step> = gains
        .iter()
        .enumerate()
        .map(|(id, &gain)| Step { gain, id })
        .collect();
    while left > 0 {
        let Some(top) = heap.peek().copied() else {
            break;
        };
        if top.gain <= 0.0 {
            break;
        }
        heap.pop();
        let gain = step(top.id);
        left -= 1;
        heap.push(Step { gain, id: top.id });
    }
    left
}

/// Marginal analysis in whole officers and PCSOs.
pub fn integer(pb: &Problem) -> Greedy {
    let costs = Costs::new(pb);
    let (nw, nu) = (pb.wards(), pb.units());
    let h = pb.hours;
    let ch = pb.pcso_weight * h;
    let mut x = pb.ward_min.clone();
    let mut p = pb.pcso_min.clone();
    let mut r = pb.response_min.clone();
    let z = |x: &[u32], p: &[u32], w: usize| h * f64::from(x[w]) + ch * f64::from(p[w]);

    // PCSOs first: they can only serve wards.
    let pcso_gain = |x: &[u32], p: &[u32], w: usize| {
        let now = z(x, p, w);
        costs.ward(pb, w, now) - costs.ward(pb, w, now + ch)
    };
    let gains: Vec<f64> = (0..nw).map(|w| pcso_gain(&x, &p, w)).collect();
    let placed: u64 = p.iter().map(|&v| u64::from(v)).sum();
    let left = take_steps(&gains, pb.pcsos.saturating_sub(placed), |w| {
        p[w] += 1;
        pcso_gain(&x, &p, w)
    });
    // Nothing left to gain: spread the rest by expected neighbourhood demand.
    pb.spread_by_demand(&mut p, left, true);

    // Officers: wards (ids 0..nw) and units (ids nw..nw+nu) compete.
    let officer_gain = |x: &[u32], r: &[u32], p: &[u32], id: usize| {
        if id < nw {
            let now = z(x, p, id);
            costs.ward(pb, id, now) - costs.ward(pb, id, now + h)
        } else {
            let u = id - nw;
            let now = f64::from(r[u]);
            costs.unit(pb, u, now) - costs.unit(pb, u, now + 1.0)
        }
    };
    let gains: Vec<f64> = (0..nw + nu)
        .map(|id| officer_gain(&x, &r, &p, id))
        .collect();
    let spare = pb.budget.saturating_sub(pb.minimum_officers());
    let left = take_steps(&gains, spare, |id| {
        if id < nw {
            x[id] += 1;
        } else {
            r[id - nw] += 1;
        }
        officer_gain(&x, &r, &p, id)
    });
    // Every expected shortfall is already zero: the rest go to response by
    // expected work.
    pb.spread_by_demand(&mut r, left, false);
    let next_officer = (0..nw + nu)
        .map(|id| officer_gain(&x, &r, &p, id))
        .fold(0.0, f64::max);
    let next_pcso = (0..nw).map(|w| pcso_gain(&x, &p, w)).fold(0.0, f64::max);
    Greedy {
        x,
        p,
        r,
        next_officer,
        next_pcso,
    }
}

/// The LP relaxation's optimum and its price of one more officer (the slope
/// where officers run out).
pub struct Relaxation {
    pub levels: Levels,
    pub officer_price: f64,
}

/// One piece of a convex cost: from `start` (in its own units) onwards the cost
/// falls by `slope` per unit for `length` units.
#[derive(Clone, Copy)]
struct Piece {
    slope: f64,
    length: f64,
}

/// The piece of Σ_s (v_s − scale·t)⁺ · weight starting at t: its slope per unit
/// of t and how far it runs.
fn piece(hinge: &HingeSum, weight: f64, scale: f64, t: f64) -> Piece {
    let k = hinge.above(scale * t);
    if k == 0 || weight <= 0.0 || scale <= 0.0 {
        return Piece {
            slope: 0.0,
            length: f64::INFINITY,
        };
    }
    // The next breakpoint is the smallest value still above.
    let next = hinge.desc[k - 1] / scale;
    Piece {
        slope: weight * scale * k as f64,
        length: next - t,
    }
}

/// Water-fills `budget` units over functions in decreasing slope. `level[i]` is
/// where function i starts and ends; `piece_at(i, t)` gives its piece at t.
fn water_fill(level: &mut [f64], mut budget: f64, piece_at: impl Fn(usize, f64) -> Piece) -> f64 {
    #[derive(PartialEq)]
    struct Item(f64, usize);
    impl Eq for Item {}
    impl Ord for Item {
        fn cmp(&self, o: &Self) -> Ordering {
            self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
        }
    }
    impl PartialOrd for Item {
        fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
            Some(self.cmp(o))
        }
    }
    let mut heap: BinaryHeap<Item> = (0..level.len())
        .map(|i| Item(piece_at(i, level[i]).slope, i))
        .collect();
    while budget > 0.0 {
        let Some(Item(slope, i)) = heap.pop() else {
            return 0.0;
        };
        if slope <= 0.0 {
            return 0.0;
        }
        let pc = piece_at(i, level[i]);
        if pc.length <= 0.0 {
            // Rounding put the level a hair below a breakpoint: step over it.
            level[i] += level[i].abs() * 1e-15 + 1e-12;
            heap.push(Item(piece_at(i, level[i]).slope, i));
            continue;
        }
        let take = pc.length.min(budget);
        level[i] += take;
        budget -= take;
        if budget <= 0.0 {
            // The price is the slope of the piece being filled when budget ran out.
            return if take < pc.length {
                slope
            } else {
                piece_at(i, level[i])
                    .slope
                    .max(heap.peek().map_or(0.0, |t| t.0))
            };
        }
        heap.push(Item(piece_at(i, level[i]).slope, i));
    }
    heap.peek().map_or(0.0, |t| t.0.max(0.0))
}

/// The exact optimum of the LP relaxation of a separable problem.
pub fn relaxation(pb: &Problem) -> Relaxation {
    let costs = Costs::new(pb);
    let (nw, nu) = (pb.wards(), pb.units());
    let h = pb.hours;
    let ch = pb.pcso_weight * h;
    let s = pb.weeks.max(1) as f64;
    // Phase 1: PCSO hours into ward supply (hours).
    let mut z: Vec<f64> = (0..nw)
        .map(|w| h * f64::from(pb.ward_min[w]) + ch * f64::from(pb.pcso_min[w]))
        .collect();
    let z0 = z.clone();
    let min_pcsos: u64 = pb.pcso_min.iter().map(|&v| u64::from(v)).sum();
    let pcso_hours = ch * pb.pcsos.saturating_sub(min_pcsos) as f64;
    water_fill(&mut z, pcso_hours, |w, t| {
        piece(&costs.wards[w], pb.ward_weight[w] / s, 1.0, t)
    });
    let after_pcsos = z.clone();
    // Phase 2: officers (wards in officers of H hours, units in officers).
    let mut level: Vec<f64> = after_pcsos.iter().map(|zw| zw / h).collect();
    level.extend(pb.response_min.iter().map(|&v| f64::from(v)));
    let budget = pb.budget.saturating_sub(pb.minimum_officers()) as f64;
    let price = water_fill(&mut level, budget, |i, t| {
        if i < nw {
            piece(&costs.wards[i], pb.ward_weight[i] / s, h, t)
        } else {
            let u = i - nw;
            piece(&costs.units[u], pb.response_weight / s, pb.rho * h, t)
        }
    });
    let mut x = Vec::with_capacity(nw);
    let mut p = Vec::with_capacity(nw);
    for w in 0..nw {
        let pcso_part = if ch > 0.0 {
            (after_pcsos[w] - z0[w]) / ch
        } else {
            0.0
        };
        p.push(f64::from(pb.pcso_min[w]) + pcso_part);
        x.push(f64::from(pb.ward_min[w]) + (level[w] * h - after_pcsos[w]) / h);
    }
    let r = level[nw..nw + nu].to_vec();
    Relaxation {
        levels: Levels { x, p, r },
        officer_price: price,
    }
}
