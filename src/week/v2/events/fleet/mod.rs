//! Crews in the event-level simulation (MODEL §5.7): every call of a command
//! unit's week, from the moment a dispatcher takes it up, to the crew that
//! reaches it.
//!
//! - Crews sit in pools: one per crew group (the unit, or each borough under
//!   borough lines), or in `"centroid"` and `"disc"` modes one per group and
//!   base. Each tour of each day has its crews on duty per pool.
//! - A call takes a free crew of its group (its own base first); an I call with
//!   none free may take another group's free crew (borough lines), else a crew
//!   on scene at an S job that may be diverted (chance π per S call), whose
//!   remaining work goes back to the head of the S queue; else it queues, I
//!   before S, first come first served within a grade.
//! - At a tour change (`tour_change`), `"carry"` leaves the next tour's crews
//!   the only ones on duty, jobs in hand beyond them waiting at the head of
//!   their queue; `"overtime"` lets crews finish their jobs beside the next
//!   tour's full complement.
//! - An S call still waiting after `s_patience_hours` lapses.
//!
//! `tour_change` holds what happens at a tour change, `arrival` how a call
//! finds its crew.
//!
//! Deterministic given its inputs; the randomness is in the calls and the
//! crews on duty it is given.

mod arrival;
#[cfg(test)]
mod tests;
mod tour_change;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::calls::Call;
use crate::model::params::TourChange;

/// Hours after the last call is taken up within which every call waiting must
/// be reached; one still waiting then is counted as never reached (only when
/// a group has no crews at all for weeks).
pub const HORIZON_HOURS: f64 = 336.0;

/// How crews reach calls (minutes, turnout included).
pub trait Reach {
    /// A free crew of `pool`, one of `free` free there, sent at once.
    fn free(&self, call: &Call, pool: usize, free: u32) -> f64;
    /// A crew of `pool` that comes from a job or comes on duty.
    fn busy(&self, call: &Call, pool: usize) -> f64;
    /// A free crew of `pool`, of another group (borough lines).
    fn crossing(&self, call: &Call, pool: usize) -> f64;
    /// Legs of travel a job holds a crew for: 1 when crews patrol (they resume
    /// patrol from the scene), 2 when they return to a base.
    fn legs(&self) -> f64;
}

/// Test code: no travel, crews are at the scene at once.
#[cfg(test)]
pub struct Here;

#[cfg(test)]
impl Reach for Here {
    fn free(&self, _: &Call, _: usize, _: u32) -> f64 {
        0.0
    }
    fn busy(&self, _: &Call, _: usize) -> f64 {
        0.0
    }
    fn crossing(&self, _: &Call, _: usize) -> f64 {
        0.0
    }
    fn legs(&self) -> f64 {
        1.0
    }
}

/// The crews and rules of one unit's week.
pub struct Fleet {
    /// The crew group of each pool.
    pub pool_group: Vec<usize>,
    pub groups: usize,
    /// Crews on duty per pool, for each tour of the week in order; after the
    /// week, the tours repeat.
    pub on_duty: Vec<Vec<u32>>,
    pub tour_hours: f64,
    pub tour_change: TourChange,
    /// Whether an I call may take a free crew of another group.
    pub crossing: bool,
    /// Crews patrol (distance from the nearest of those an I call may take).
    pub patrol: bool,
    pub patience_hours: Option<f64>,
    /// Crews a job of each grade (I, S) holds: officers needed / crew size.
    pub crews_per_job: [f64; 2],
}

/// What happened to one call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fate {
    /// Hours from the start of the week when a crew was sent; `None` if it
    /// lapsed or was never reached.
    pub sent: Option<f64>,
    /// Travel minutes.
    pub travel: f64,
    pub lapsed: bool,
}

#[derive(Debug, Clone, Copy)]
enum Item {
    /// A call waiting for a crew.
    Call(usize),
    /// Work handed back (diverted, or left at a tour change): hours left,
    /// whether it is I work, and whether (S) it may be diverted again.
    Rest(f64, bool, bool),
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    pool: usize,
    until: f64,
    on_scene: f64,
    is_i: bool,
    divertible: bool,
    generation: u32,
    active: bool,
    retiring: bool,
}

struct State<'a, R: Reach> {
    fleet: &'a Fleet,
    calls: &'a [Call],
    ready: &'a [f64],
    group: &'a [usize],
    reach: &'a R,
    free: Vec<u32>,
    slots: Vec<Slot>,
    spare: Vec<usize>,
    heap: BinaryHeap<Reverse<(u64, usize, u32)>>,
    /// Per group: (I queue, S queue).
    queues: Vec<(VecDeque<Item>, VecDeque<Item>)>,
    fates: Vec<Fate>,
}

/// Simulates the crews: `ready[c]` is the hour call c is taken up by a
/// dispatcher, `group[c]` its crew group and `own[c]` its own pool.
pub fn run<R: Reach>(
    fleet: &Fleet,
    calls: &[Call],
    ready: &[f64],
    group: &[usize],
    own: &[usize],
    reach: &R,
) -> Vec<Fate> {
    let pools = fleet.pool_group.len();
    let mut st = State {
        fleet,
        calls,
        ready,
        group,
        reach,
        free: vec![0; pools],
        slots: Vec::new(),
        spare: Vec::new(),
        heap: BinaryHeap::new(),
        queues: vec![(VecDeque::new(), VecDeque::new()); fleet.groups],
        fates: vec![
            Fate {
                sent: None,
                travel: 0.0,
                lapsed: false,
            };
            calls.len()
        ],
    };
    let mut order: Vec<usize> = (0..calls.len()).collect();
    order.sort_by(|&a, &b| ready[a].total_cmp(&ready[b]).then(a.cmp(&b)));
    let last = order.last().map_or(0.0, |&c| ready[c]);
    let mut next = 0;
    let mut tour = 0usize;
    loop {
        let t_tour = tour as f64 * fleet.tour_hours;
        let t_call = order.get(next).map_or(f64::INFINITY, |&c| ready[c]);
        let t_done = st
            .heap
            .peek()
            .map_or(f64::INFINITY, |Reverse((t, _, _))| f64::from_bits(*t));
        let waiting = st
            .queues
            .iter()
            .any(|(i, s)| !i.is_empty() || !s.is_empty());
        if next == order.len() && !waiting {
            break;
        }
        if next == order.len() && t_tour.min(t_done) > last + HORIZON_HOURS {
            break;
        }
        if t_tour <= t_done && t_tour <= t_call {
            st.change_tour(tour, t_tour);
            tour += 1;
        } else if t_done <= t_call {
            if let Some(Reverse((_, s, generation))) = st.heap.pop() {
                st.complete(s, generation, t_done);
            }
        } else {
            st.arrive(order[next], own[order[next]], t_call);
            next += 1;
        }
        debug_assert!(
            tour == 0 || st.within_duty(tour - 1),
            "more crews than on duty"
        );
    }
    st.fates
}

impl<R: Reach> State<'_, R> {
    /// No pool has more crews at work or free than its tour puts on duty
    /// (crews finishing a job after their tour, under `"overtime"`, aside).
    fn within_duty(&self, tour: usize) -> bool {
        let targets = &self.fleet.on_duty[tour % self.fleet.on_duty.len().max(1)];
        (0..self.free.len()).all(|pool| {
            let busy = self
                .slots
                .iter()
                .filter(|s| s.active && !s.retiring && s.pool == pool)
                .count() as u32;
            self.free[pool] + busy <= targets.get(pool).copied().unwrap_or(0)
        })
    }

    fn pools_of(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        self.fleet
            .pool_group
            .iter()
            .enumerate()
            .filter(move |(_, pg)| **pg == g)
            .map(|(p, _)| p)
    }

    fn release(&mut self, k: usize) {
        self.slots[k].active = false;
        self.slots[k].generation = self.slots[k].generation.wrapping_add(1);
        self.spare.push(k);
    }

    fn new_slot(&mut self) -> usize {
        match self.spare.pop() {
            Some(k) => k,
            None => {
                self.slots.push(Slot {
                    pool: 0,
                    until: 0.0,
                    on_scene: 0.0,
                    is_i: false,
                    divertible: false,
                    generation: 0,
                    active: false,
                    retiring: false,
                });
                self.slots.len() - 1
            }
        }
    }

    /// The next work of group `g`'s queues: I before S; S calls that waited
    /// past their patience lapse on the way.
    fn next_item(&mut self, g: usize, t: f64) -> Option<Item> {
        if let Some(item) = self.queues[g].0.pop_front() {
            return Some(item);
        }
        while let Some(item) = self.queues[g].1.pop_front() {
            if let (Item::Call(c), Some(h)) = (item, self.fleet.patience_hours)
                && t - self.ready[c] > h
            {
                self.fates[c].lapsed = true;
                continue;
            }
            return Some(item);
        }
        None
    }

    /// Puts the crew in `slot` (of `pool`) on `item` at time t; `travel` is
    /// given when the crew was free and chosen for this call.
    fn start(&mut self, slot: usize, pool: usize, item: Item, t: f64, travel: Option<f64>) {
        let (busy, on_scene, is_i, divertible) = match item {
            Item::Rest(hours, is_i, divertible) => (hours, t, is_i, divertible),
            Item::Call(c) => {
                let call = &self.calls[c];
                let minutes = travel.unwrap_or_else(|| self.reach.busy(call, pool));
                self.fates[c].sent = Some(t);
                self.fates[c].travel = minutes;
                let k = self.fleet.crews_per_job[usize::from(!call.is_i)];
                let busy = k * (call.service + self.reach.legs() * minutes / 60.0);
                (busy, t + minutes / 60.0, call.is_i, call.divertible)
            }
        };
        let s = &mut self.slots[slot];
        s.pool = pool;
        s.until = t + busy;
        s.on_scene = on_scene;
        s.is_i = is_i;
        s.divertible = divertible;
        s.active = true;
        s.retiring = false;
        let key = (s.until.to_bits(), slot, s.generation);
        self.heap.push(Reverse(key));
    }

    fn complete(&mut self, slot: usize, generation: u32, t: f64) {
        let s = self.slots[slot];
        if !s.active || s.generation != generation {
            return;
        }
        let pool = s.pool;
        if s.retiring {
            self.release(slot);
            return;
        }
        let g = self.fleet.pool_group[pool];
        match self.next_item(g, t) {
            Some(item) => {
                self.slots[slot].generation = generation.wrapping_add(1);
                self.start(slot, pool, item, t, None);
            }
            None => {
                self.release(slot);
                self.free[pool] += 1;
            }
        }
    }
}
