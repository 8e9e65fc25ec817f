//! Every ward's outcome in one tour of its crew group (MODEL §5.2–5.5): the
//! response time of each grade is dispatch wait + crew wait + travel, where
//! travel is from the nearest free patrolling crew (or, in `"centroid"` mode,
//! from the ward's base or the nearest other base), and a call that waited is
//! reached by the first crew to free, from a random point of the group's field.
//! Adds each ward's on-time shares and mean times, the unit's sums, and the
//! calls to London's I and S response-time grids.
//!
//! Deterministic given its inputs; no randomness here.

use super::crews::Crews;
use super::dispatch::DispatchWait;
use super::sums::UnitSums;
use super::waits::{Steady, TourQueue};
use crate::model::Params;
use crate::model::metric::WARD_LEN;
use crate::model::params::{PatrolWeighting, TravelModel};
use crate::plan::{ATOMS, Field, Plan, QUANTILES, disc_within, mean_drive};
use crate::week::demand::DrawDemand;
use crate::week::outcome::ward as W;
use crate::week::response_time::ResponseGrid;

/// How calls of a group are reached.
#[derive(Clone, Copy)]
pub enum Travel<'p> {
    /// From bases to ward centroids (version 1's travel), or to calls spread
    /// over each ward's land (`"disc"`).
    Centroid,
    /// From patrolling crews.
    Patrol {
        field: &'p Field,
        unit_field: &'p Field,
        /// Under borough lines: the chance a crew of another borough is free
        /// for an I call when all the group's own are busy (S calls never cross).
        crossing: f64,
    },
}

/// One crew group in one tour (of one day of the week when backlogs carry).
pub struct GroupTour<'a> {
    pub crews: &'a Crews,
    /// Dispatch waits by the unit's borough position.
    pub waits: &'a [DispatchWait],
    /// The tour's share of the week's calls.
    pub share: f64,
    /// 1 / days evaluated.
    pub weight: f64,
    pub travel: Travel<'a>,
    /// Centroid mode: chance each base of the unit is busy for I.
    pub base_busy: &'a [f64],
}

/// Where ward outcomes and the borough's response-time grids go, and, when the
/// wards of a borough differ (`wards_alike` is false), each ward's grids (by
/// ward).
pub struct Sinks<'o> {
    pub wards: &'o mut [[f64; WARD_LEN]],
    pub grid_i: &'o mut ResponseGrid,
    pub grid_s: &'o mut ResponseGrid,
    pub ward_grids: Option<&'o mut [[ResponseGrid; 2]]>,
    pub sums: &'o mut UnitSums,
}

/// Whether every ward of a borough has the same travel and waits (crews
/// patrol evenly by area): one evaluation serves them all, and a ward's
/// response times are distributed as its borough's.
pub fn wards_alike(p: &Params) -> bool {
    let m = &p.response.model;
    m.travel_model == TravelModel::Patrol && m.patrol_weighting == PatrolWeighting::Area
}

/// One grade at a ward: its crew queue, target, dispatch wait (mean minutes and
/// chance of waiting at all), free crews and response-time grids (the
/// borough's, and the ward's own when wards differ).
struct Grade<'a> {
    queue: TourQueue,
    target: f64,
    dispatch: f64,
    dispatch_p: f64,
    free: f64,
    /// An I call (which may cross borough lines).
    is_i: bool,
    grid: &'a mut ResponseGrid,
    ward_grid: Option<&'a mut ResponseGrid>,
}

impl<'a> Grade<'a> {
    fn new(
        p: &Params,
        gt: &GroupTour,
        dw: DispatchWait,
        is_i: bool,
        grid: &'a mut ResponseGrid,
        ward_grid: Option<&'a mut ResponseGrid>,
    ) -> Grade<'a> {
        let r = &p.response;
        Grade {
            queue: if is_i { gt.crews.i } else { gt.crews.s },
            target: if is_i {
                r.i_target_minutes
            } else {
                r.s_target_minutes
            },
            dispatch: if is_i { dw.i } else { dw.s },
            dispatch_p: dw.p,
            free: if is_i {
                gt.crews.free_for_i
            } else {
                gt.crews.free_for_s
            },
            is_i,
            grid,
            ward_grid,
        }
    }

    /// Adds calls to the grade's grids (`ResponseGrid::add`).
    #[inline]
    fn add(&mut self, w: f64, t: f64, c: f64) {
        self.grid.add(w, t, c);
        if let Some(g) = &mut self.ward_grid {
            g.add(w, t, c);
        }
    }
}

/// The outcomes of `wards` (all in the unit's borough at position `k`).
pub fn ward_outcomes(
    plan: &Plan,
    p: &Params,
    d: &DrawDemand,
    wards: &[usize],
    k: usize,
    gt: &GroupTour,
    sinks: &mut Sinks,
) {
    let r = &p.response;
    let dw = gt.waits[k];
    let weights = |w: usize| {
        let wp = &plan.wards[w];
        let m = d.ward_multiplier[w] * gt.share * gt.weight;
        (wp.i_rate * m, wp.s_rate * m)
    };
    // Patrolling evenly by area, every ward of the borough has the same travel
    // and waits: one evaluation serves them all.
    let shared = wards_alike(p);
    // S calls that wait past their patience lapse: never on time (MODEL §5.6).
    let lapsed = r
        .model
        .s_patience_hours
        .map_or(0.0, |h| gt.crews.s.beyond(h * 60.0 - dw.s));
    let mut common = None;
    if shared && let Some(&first) = wards.first() {
        let (wi, ws) = wards.iter().fold((0.0, 0.0), |(a, b), &w| {
            let (x, y) = weights(w);
            (a + x, b + y)
        });
        let i = grade(
            plan,
            p,
            gt,
            first,
            wi,
            Grade::new(p, gt, dw, true, &mut *sinks.grid_i, None),
        );
        let s = grade(
            plan,
            p,
            gt,
            first,
            ws,
            Grade::new(p, gt, dw, false, &mut *sinks.grid_s, None),
        );
        common = Some((i, s));
    }
    for &w in wards {
        let (wi, ws) = weights(w);
        let ((on_i, resp_i), (on_s, resp_s)) = match common {
            Some(c) => c,
            None => {
                let [own_i, own_s] = match sinks.ward_grids.as_deref_mut() {
                    Some(g) => g[w].each_mut().map(Some),
                    None => [None, None],
                };
                (
                    grade(
                        plan,
                        p,
                        gt,
                        w,
                        wi,
                        Grade::new(p, gt, dw, true, &mut *sinks.grid_i, own_i),
                    ),
                    grade(
                        plan,
                        p,
                        gt,
                        w,
                        ws,
                        Grade::new(p, gt, dw, false, &mut *sinks.grid_s, own_s),
                    ),
                )
            }
        };
        let on_s = on_s.min(1.0 - lapsed);
        let o = &mut sinks.wards[w];
        let tw = gt.share * gt.weight;
        o[W::I_ON_TIME] += tw * on_i;
        o[W::S_ON_TIME] += tw * on_s;
        o[W::I_RESPONSE] += tw * resp_i;
        o[W::S_RESPONSE] += tw * resp_s;
        let sums = &mut *sinks.sums;
        sums.i_on += wi * on_i;
        sums.s_on += ws * on_s;
        sums.i_weight += wi;
        sums.s_weight += ws;
        sums.i_resp += wi * resp_i;
        sums.s_resp += ws * resp_s;
        sums.dispatch_wait += wi * dw.i + ws * dw.s;
        sums.lapsed += ws * lapsed;
    }
}

/// On-time share and mean response of one grade at ward `w`; adds `weight`
/// calls to the grade's response-time grid.
fn grade(
    plan: &Plan,
    p: &Params,
    gt: &GroupTour,
    w: usize,
    weight: f64,
    mut g: Grade,
) -> (f64, f64) {
    let r = &p.response;
    match gt.travel {
        Travel::Centroid => {
            let wp = &plan.wards[w];
            let pb = if plan.units[wp.unit].bases > 1 {
                gt.base_busy.get(wp.base).copied().unwrap_or(0.0)
            } else {
                0.0
            };
            let t_own = wp.travel_own;
            let t_alt = wp.travel_alt.unwrap_or(t_own);
            // In "disc" mode calls are spread over the ward: equally likely
            // travel times; in "centroid" mode one time per base.
            let own = wp.disc_own;
            let alt = wp.disc_alt.or(own);
            let mean_of = |t: f64, atoms: Option<[f64; ATOMS]>| {
                atoms.map_or(t, |a| a.iter().sum::<f64>() / ATOMS as f64)
            };
            let paths = [
                (1.0 - pb, mean_of(t_own, own), own, t_own),
                (pb, mean_of(t_alt, alt), alt, t_alt),
            ];
            let on_time = |x: f64| {
                paths
                    .iter()
                    .filter(|p| p.0 > 0.0)
                    .map(|&(chance, mean_t, atoms, t)| {
                        let reach = |y: f64| match &atoms {
                            Some(a) => disc_within(a, y),
                            None if y >= t => 1.0,
                            None => 0.0,
                        };
                        chance * g.queue.on_time_and_mean(x, mean_t, reach).0
                    })
                    .sum::<f64>()
            };
            let on = after_dispatch(g.target, g.dispatch, g.dispatch_p, on_time);
            let mut mean = 0.0;
            for (chance, t, atoms, _) in paths {
                if chance <= 0.0 {
                    continue;
                }
                mean += chance * (g.queue.mean() + t);
                // The grid takes the travel at its quarters' means.
                let quarters: [(f64, f64); 4] = match atoms {
                    Some(a) => std::array::from_fn(|k| {
                        (0.25, a[4 * k..4 * k + 4].iter().sum::<f64>() / 4.0)
                    }),
                    None => [(1.0, t), (0.0, t), (0.0, t), (0.0, t)],
                };
                let queue = g.queue;
                for (dm, shift) in dispatch_shifts(g.dispatch, g.dispatch_p) {
                    for &(qm, tq) in quarters.iter().filter(|q| q.0 > 0.0) {
                        let mass = chance * weight * dm * qm;
                        queue.pieces(|share, wait, s| {
                            if wait > 0.0 {
                                g.add(mass * share, shift + tq + wait + s.mean, 0.0);
                            } else {
                                g.add(mass * share, shift + tq, s.p);
                            }
                        });
                    }
                }
            }
            (on, g.dispatch + mean)
        }
        Travel::Patrol {
            field,
            unit_field,
            crossing,
        } => {
            let crossing = if g.is_i { crossing } else { 0.0 };
            let m = patrol_mean(plan, p, w, field, g.free);
            let turnout = r.turnout_minutes;
            let fixed = turnout + field.random_drive_minutes;
            let cross_t = turnout + unit_field.random_drive_minutes;
            // Under borough lines a call that would wait may get another
            // borough's free crew instead (steady state only).
            let (queue, crossed) = match g.queue {
                TourQueue::Steady(s) if crossing > 0.0 && s.p > 0.0 => (
                    TourQueue::Steady(Steady {
                        p: s.p * (1.0 - crossing),
                        rate: s.rate,
                        mean: s.mean * (1.0 - crossing),
                    }),
                    s.p * crossing,
                ),
                q => (q, 0.0),
            };
            let shape = &plan.patrol;
            let no_wait_p = match queue {
                TourQueue::Steady(s) => 1.0 - s.p,
                TourQueue::Fluid { after, .. } => 1.0 - after.p,
            };
            let direct = (no_wait_p - crossed).max(0.0);
            let no_wait = |y: f64| {
                if no_wait_p <= 0.0 {
                    return 0.0;
                }
                let c = if y >= cross_t { crossed } else { 0.0 };
                (direct * shape.within(y - turnout, m) + c) / no_wait_p
            };
            let on = after_dispatch(g.target, g.dispatch, g.dispatch_p, |x| {
                queue.on_time_and_mean(x, fixed, no_wait).0
            });
            let wait = queue.mean();
            let waited = queue.wait_share();
            let travel = (1.0 - waited) * (turnout + m) + waited * fixed;
            let quarters = shape.quarter_points(m);
            let shifts = dispatch_shifts(g.dispatch, g.dispatch_p);
            queue.pieces(|share, wq, s| {
                let mass = weight * share;
                if wq > 0.0 {
                    // Behind a backlog: the dispatch wait at its mean.
                    g.add(mass, g.dispatch + fixed + wq + s.mean, 0.0);
                    return;
                }
                for &(dm, shift) in shifts.iter().filter(|(dm, _)| *dm > 0.0) {
                    let go = mass * dm * (1.0 - s.p);
                    for q in quarters {
                        g.add(go * 0.25, shift + turnout + q, 0.0);
                    }
                    g.add(mass * dm * s.p, shift + fixed, 1.0);
                }
            });
            (on, g.dispatch + wait + travel)
        }
    }
}

/// A dispatch wait that is 0 with probability 1 − p and otherwise exponential
/// with mean `mean / p`, as five (probability, minutes) points: no wait, and the
/// mid-points of the exponential's quarters, scaled so that their mean is the
/// exponential's. On-time shares and the response-time grid use the same points.
fn dispatch_shifts(mean: f64, p: f64) -> [(f64, f64); 5] {
    let mut out = [(1.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0)];
    if p <= 0.0 || mean <= 0.0 {
        return out;
    }
    let n = QUANTILES.len() as f64;
    let points = exponential_points();
    let mean_if = mean / p;
    out[0].0 = 1.0 - p;
    for (k, x) in points.iter().enumerate() {
        out[k + 1] = (p / n, mean_if * x);
    }
    out
}

/// The exponential of mean 1 at `QUANTILES`, scaled so that their mean is 1.
fn exponential_points() -> &'static [f64; 4] {
    static POINTS: std::sync::OnceLock<[f64; 4]> = std::sync::OnceLock::new();
    POINTS.get_or_init(|| {
        let n = QUANTILES.len() as f64;
        let norm = -QUANTILES.iter().map(|q| (1.0 - q).ln()).sum::<f64>() / n;
        QUANTILES.map(|q| -(1.0 - q).ln() / norm)
    })
}

/// The on-time share after the dispatch wait: `on_time(x)` is the share on
/// time with x minutes left.
fn after_dispatch<F: Fn(f64) -> f64>(target: f64, mean: f64, p: f64, on_time: F) -> f64 {
    dispatch_shifts(mean, p)
        .iter()
        .filter(|(m, _)| *m > 0.0)
        .map(|&(m, shift)| m * on_time(target - shift))
        .sum()
}

/// Mean drive (minutes) from the nearest of `free` patrolling crews to a call
/// in ward `w`. Crews patrol evenly by area, or by expected calls; where a
/// ward would hold less than one crew, the field's density is used.
pub(super) fn patrol_mean(plan: &Plan, p: &Params, w: usize, field: &Field, free: f64) -> f64 {
    let r = &p.response;
    let area_per_crew = match r.model.patrol_weighting {
        PatrolWeighting::Area => field.area_km2 / free,
        PatrolWeighting::Demand => {
            let wp = &plan.wards[w];
            let in_ward = free * (wp.i_rate + wp.s_rate) / field.calls.max(1e-12);
            if in_ward >= 1.0 {
                wp.area_km2 / in_ward
            } else {
                field.area_km2 / free
            }
        }
    };
    mean_drive(
        area_per_crew,
        1.0,
        r.model.patrol_k,
        r.road_factor,
        r.speed_kmh,
    )
}
