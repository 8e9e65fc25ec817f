//! How a call finds its crew in the event-level simulation (MODEL §5.2–5.5):
//! a free crew of its group (its own base first); for an I call, when crews
//! patrol, the nearest of the crews it may take; under borough lines another
//! group's free crew; or a crew diverted from S work; else it queues.
//!
//! Deterministic; no randomness here.

use super::{Item, Reach, State};

impl<R: Reach> State<'_, R> {
    pub(super) fn arrive(&mut self, c: usize, own: usize, t: f64) {
        let call = self.calls[c];
        let g = self.group[c];
        if call.is_i && self.fleet.patrol && self.nearest_of_all(c, g, own, t) {
            return;
        }
        // A free crew of its own group, its own pool first.
        let pool = if self.free.get(own).is_some_and(|&f| f > 0) {
            Some(own)
        } else {
            self.pools_of(g).find(|&p| self.free[p] > 0)
        };
        if let Some(pool) = pool {
            let minutes = self.reach.free(&call, pool, self.free[pool]);
            self.take_free(c, pool, t, minutes);
            return;
        }
        if call.is_i {
            if self.cross(c, g, t) {
                return;
            }
            if let (_, Some(k)) = self.divertible(g, t) {
                let pool = self.slots[k].pool;
                let minutes = self.reach.busy(&call, pool);
                self.divert(c, k, t, minutes);
                return;
            }
            self.queues[g].0.push_back(Item::Call(c));
        } else {
            self.queues[g].1.push_back(Item::Call(c));
        }
    }

    /// Patrolling crews, I call: its drive is from the nearest of the n crews
    /// it may take (free, or on scene at a divertible S job: MODEL §5.2–5.3).
    /// A free crew goes if there is one (a dispatcher diverts a crew from S
    /// work only when none is free); else the divertible S job with least work
    /// left gives up its crew. False when there are none.
    fn nearest_of_all(&mut self, c: usize, g: usize, own: usize, t: f64) -> bool {
        let call = self.calls[c];
        let free: u32 = self.pools_of(g).map(|p| self.free[p]).sum();
        let (divertible, first) = self.divertible(g, t);
        let n = free + divertible;
        if n == 0 {
            return false;
        }
        let minutes = self.reach.free(&call, own, n);
        if free > 0 {
            let pool = if self.free[own] > 0 {
                own
            } else {
                self.pools_of(g).find(|&p| self.free[p] > 0).unwrap_or(own)
            };
            self.take_free(c, pool, t, minutes);
        } else {
            if let Some(k) = first {
                self.divert(c, k, t, minutes);
            }
        }
        true
    }

    /// Borough lines, I call with no crew of its own group: another group's
    /// free crew. False when there is none.
    fn cross(&mut self, c: usize, g: usize, t: f64) -> bool {
        if !self.fleet.crossing {
            return false;
        }
        let other =
            (0..self.free.len()).find(|&p| self.fleet.pool_group[p] != g && self.free[p] > 0);
        match other {
            Some(pool) => {
                let minutes = self.reach.crossing(&self.calls[c], pool);
                self.take_free(c, pool, t, minutes);
                true
            }
            None => false,
        }
    }

    fn take_free(&mut self, c: usize, pool: usize, t: f64, minutes: f64) {
        self.free[pool] -= 1;
        let slot = self.new_slot();
        self.start(slot, pool, Item::Call(c), t, Some(minutes));
    }

    /// How many crews of group `g` are on scene at a divertible S job, and the
    /// one with least work left (lowest slot on ties).
    fn divertible(&self, g: usize, t: f64) -> (u32, Option<usize>) {
        let fleet = self.fleet;
        let mut count = 0;
        let mut best: Option<(f64, usize)> = None;
        for (k, s) in self.slots.iter().enumerate() {
            if s.active
                && !s.retiring
                && !s.is_i
                && s.divertible
                && s.on_scene <= t
                && fleet.pool_group[s.pool] == g
            {
                count += 1;
                if best.is_none_or(|(until, _)| s.until < until) {
                    best = Some((s.until, k));
                }
            }
        }
        (count, best.map(|(_, k)| k))
    }

    /// An I call takes the crew in slot `k` from its S job; the rest of that
    /// job goes to the head of the S queue.
    fn divert(&mut self, c: usize, k: usize, t: f64, minutes: f64) {
        let (pool, until) = (self.slots[k].pool, self.slots[k].until);
        let g = self.fleet.pool_group[pool];
        self.queues[g]
            .1
            .push_front(Item::Rest(until - t, false, true));
        self.slots[k].generation = self.slots[k].generation.wrapping_add(1);
        self.start(k, pool, Item::Call(c), t, Some(minutes));
    }
}
