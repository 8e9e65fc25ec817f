//! From the LP's fractional optimum to whole officers and PCSOs, keeping every
//! constraint: round down (never below a minimum; ward officers by borough or unit,
//! so each group loses less than one officer), repair any borough floor and lower
//! cap the rounding broke (moving an officer from elsewhere in the unit, else from
//! another unit, if need be),
//! then hand the officers the rounding freed to the places with the largest
//! fractional parts, never past an upper cap.
//!
//! This module must not call a solver; the caller checks the result independently.

use super::problem::{Levels, Problem};
use crate::allocation::largest_remainder;

/// Whole ward officers, PCSOs and response officers.
pub struct Whole {
    pub x: Vec<u32>,
    pub p: Vec<u32>,
    pub r: Vec<u32>,
}

const EPS: f64 = 1e-6;

/// An LP value rounded down to whole people, never below the minimum; a hair of
/// tolerance lets 2.9999999 count as 3.
fn down(v: f64, min: u32) -> u32 {
    ((v + EPS).floor().max(0.0) as u32).max(min)
}

pub fn round(pb: &Problem, lv: &Levels) -> Whole {
    let (nw, nu) = (pb.wards(), pb.units());
    // Ward officers are rounded by group (borough where floors apply, else unit):
    // the group's total is rounded down once and shared in proportion to the LP
    // values, so a group loses less than one officer to rounding, not one a ward.
    let groups: Vec<Vec<usize>> = if pb.floors.is_empty() {
        pb.unit_wards.clone()
    } else {
        pb.floors.iter().map(|f| f.wards.clone()).collect()
    };
    let mut x: Vec<u32> = vec![0; nw];
    for g in &groups {
        let floors: Vec<u64> = g.iter().map(|&w| u64::from(pb.ward_min[w])).collect();
        let lp_total: f64 = g.iter().map(|&w| lv.x[w]).sum();
        let total = ((lp_total + EPS).floor().max(0.0) as u64).max(floors.iter().sum());
        let weights: Vec<f64> = g.iter().map(|&w| lv.x[w].max(0.0)).collect();
        for (&w, v) in g.iter().zip(largest_remainder(total, &weights, &floors)) {
            x[w] = v as u32;
        }
    }
    let mut p: Vec<u32> = (0..nw).map(|w| down(lv.p[w], pb.pcso_min[w])).collect();
    let mut r: Vec<u32> = (0..nu).map(|u| down(lv.r[u], pb.response_min[u])).collect();

    // PCSOs: every one is placed; largest fractional part first, then by demand.
    let placed: u64 = p.iter().map(|&v| u64::from(v)).sum();
    let mut left = pb.pcsos.saturating_sub(placed);
    let mut order: Vec<usize> = (0..nw).collect();
    let frac_p: Vec<f64> = (0..nw).map(|w| lv.p[w] - f64::from(p[w])).collect();
    order.sort_by(|&a, &b| frac_p[b].total_cmp(&frac_p[a]).then(a.cmp(&b)));
    for &w in &order {
        if left == 0 || frac_p[w] <= EPS {
            break;
        }
        p[w] += 1;
        left -= 1;
    }
    pb.spread_by_demand(&mut p, left, true);

    // Officers. Item i < nw is ward i's officers; nw + u is unit u's response.
    let target = |i: usize| if i < nw { lv.x[i] } else { lv.r[i - nw] };
    let placed: u64 = x.iter().chain(&r).map(|&v| u64::from(v)).sum();
    let mut left = pb.budget.saturating_sub(placed);
    let mut unit_total: Vec<u64> = (0..nu)
        .map(|u| {
            u64::from(r[u])
                + pb.unit_wards[u]
                    .iter()
                    .map(|&w| u64::from(x[w]))
                    .sum::<u64>()
        })
        .collect();
    let room = |i: usize, unit_total: &[u64]| {
        let u = if i < nw { pb.ward_unit[i] } else { i - nw };
        pb.caps
            .iter()
            .filter(|c| c.unit == u)
            .all(|c| unit_total[u] < c.high)
    };
    let add = |i: usize, x: &mut Vec<u32>, r: &mut Vec<u32>, unit_total: &mut Vec<u64>| {
        if i < nw {
            x[i] += 1;
            unit_total[pb.ward_unit[i]] += 1;
        } else {
            r[i - nw] += 1;
            unit_total[i - nw] += 1;
        }
    };
    let current = |i: usize, x: &[u32], r: &[u32]| f64::from(if i < nw { x[i] } else { r[i - nw] });
    // The most deserving item among candidates: furthest below its LP value.
    let best = |cands: &[usize],
                x: &[u32],
                r: &[u32],
                unit_total: &[u64],
                room: &dyn Fn(usize, &[u64]) -> bool| {
        let mut best: Option<(f64, usize)> = None;
        for &i in cands {
            if !room(i, unit_total) {
                continue;
            }
            let gap = target(i) - current(i, x, r);
            if best.is_none_or(|(g, _)| gap > g) {
                best = Some((gap, i));
            }
        }
        best.map(|(_, i)| i)
    };
    for f in &pb.floors {
        let have = |x: &[u32], r: &[u32]| {
            f.wards.iter().map(|&w| f64::from(x[w])).sum::<f64>()
                + f.response_share * f64::from(r[f.unit])
        };
        // A ward officer counts fully toward its borough, a response officer only
        // by the borough's share: repair with ward officers.
        let cands: Vec<usize> = f.wards.clone();
        while have(&x, &r) < f.need - 1e-9 {
            if left > 0
                && let Some(i) = best(&cands, &x, &r, &unit_total, &room)
            {
                add(i, &mut x, &mut r, &mut unit_total);
                left -= 1;
                continue;
            }
            // No officer to spare, or the unit is at its cap: move one from a ward
            // of another borough of the same unit that keeps its minimum and its
            // own floor, the one furthest above its LP value.
            let Some(&w) = f.wards.iter().max_by(|&&a, &&b| {
                (lv.x[a] - f64::from(x[a]))
                    .total_cmp(&(lv.x[b] - f64::from(x[b])))
                    .then(b.cmp(&a))
            }) else {
                break;
            };
            match donor(pb, f.unit, &f.wards, &x, &r, &lv.x) {
                Some(Donor::Ward(d)) => x[d] -= 1,
                Some(Donor::Response) => r[f.unit] -= 1,
                None => {
                    // Nothing to spare in the unit: take one from another unit
                    // that can lose one (keeping its minimums, floors and lower
                    // cap), if this unit has room under its upper cap.
                    if !room(w, &unit_total) {
                        break;
                    }
                    let can_lose = |u: usize, unit_total: &[u64]| {
                        pb.caps
                            .iter()
                            .filter(|c| c.unit == u)
                            .all(|c| unit_total[u] > c.low)
                    };
                    let Some((u, d)) = (0..nu)
                        .filter(|&u| u != f.unit && can_lose(u, &unit_total))
                        .find_map(|u| donor(pb, u, &[], &x, &r, &lv.x).map(|d| (u, d)))
                    else {
                        break;
                    };
                    match d {
                        Donor::Ward(d) => x[d] -= 1,
                        Donor::Response => r[u] -= 1,
                    }
                    unit_total[u] -= 1;
                    unit_total[f.unit] += 1;
                }
            }
            x[w] += 1;
        }
    }
    for c in &pb.caps {
        let cands: Vec<usize> = pb.unit_wards[c.unit]
            .iter()
            .copied()
            .chain([nw + c.unit])
            .collect();
        while left > 0 && unit_total[c.unit] < c.low {
            let Some(i) = best(&cands, &x, &r, &unit_total, &room) else {
                break;
            };
            add(i, &mut x, &mut r, &mut unit_total);
            left -= 1;
        }
    }
    // The rest: largest fractional part first, one each.
    let mut order: Vec<usize> = (0..nw + nu).collect();
    let gap: Vec<f64> = order
        .iter()
        .map(|&i| target(i) - current(i, &x, &r))
        .collect();
    order.sort_by(|&a, &b| gap[b].total_cmp(&gap[a]).then(a.cmp(&b)));
    for &i in &order {
        if left == 0 || gap[i] <= EPS {
            break;
        }
        if room(i, &unit_total) {
            add(i, &mut x, &mut r, &mut unit_total);
            left -= 1;
        }
    }
    // Officers the LP left unused (every shortfall already zero) go to response
    // by expected work, then to any unit with room under its cap.
    while left > 0 {
        let mut order: Vec<usize> = (0..nu).collect();
        let work: Vec<f64> = (0..nu)
            .map(|u| {
                (0..pb.weeks).map(|s| pb.week_response(s)[u]).sum::<f64>() / (1.0 + f64::from(r[u]))
            })
            .collect();
        order.sort_by(|&a, &b| work[b].total_cmp(&work[a]).then(a.cmp(&b)));
        let Some(&u) = order.iter().find(|&&u| room(nw + u, &unit_total)) else {
            break;
        };
        add(nw + u, &mut x, &mut r, &mut unit_total);
        left -= 1;
    }
    Whole { x, p, r }
}

/// Where an officer can come from to meet a floor: a ward or a unit's response.
enum Donor {
    Ward(usize),
    Response,
}

/// A ward of `unit` outside `exclude` that can give up one officer without going
/// below its minimum or taking its own borough below its floor (the one furthest
/// above its LP value); else the unit's response, if one fewer response officer
/// keeps the minimum crews and every other borough's floor (the borough being
/// repaired gains a ward officer and loses only its share of the response one).
fn donor(
    pb: &Problem,
    unit: usize,
    exclude: &[usize],
    x: &[u32],
    r: &[u32],
    lp: &[f64],
) -> Option<Donor> {
    let have = |f: &super::problem::Floor| {
        f.wards.iter().map(|&v| f64::from(x[v])).sum::<f64>()
            + f.response_share * f64::from(r[f.unit])
    };
    let keeps_floor = |w: usize| {
        pb.floors
            .iter()
            .filter(|f| f.wards.contains(&w))
            .all(|f| have(f) - 1.0 >= f.need - 1e-9)
    };
    let ward = pb.unit_wards[unit]
        .iter()
        .copied()
        .filter(|w| !exclude.contains(w) && x[*w] > pb.ward_min[*w] && keeps_floor(*w))
        .max_by(|&a, &b| {
            (f64::from(x[a]) - lp[a])
                .total_cmp(&(f64::from(x[b]) - lp[b]))
                .then(b.cmp(&a))
        });
    if let Some(w) = ward {
        return Some(Donor::Ward(w));
    }
    let response_ok = r[unit] > pb.response_min[unit]
        && pb
            .floors
            .iter()
            .filter(|f| f.unit == unit && f.wards.first().is_none_or(|w| !exclude.contains(w)))
            .all(|f| have(f) - f.response_share >= f.need - 1e-9);
    response_ok.then_some(Donor::Response)
}
