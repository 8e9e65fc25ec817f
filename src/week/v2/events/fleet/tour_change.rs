//! A tour change in the event-level simulation (`[response] tour_change`):
//! `"carry"` leaves the next tour's crews the only ones on duty, handing jobs
//! in hand beyond them back to the head of their queue (S before I, most work
//! left first); `"overtime"` lets crews finish their jobs beside the next
//! tour's full complement. Then free crews take waiting work.
//!
//! Deterministic; no randomness here.

use super::{Item, Reach, State};
use crate::model::params::TourChange;

impl<R: Reach> State<'_, R> {
    pub(super) fn change_tour(&mut self, tour: usize, t: f64) {
        let targets = &self.fleet.on_duty[tour % self.fleet.on_duty.len().max(1)];
        for pool in 0..self.free.len() {
            let target = targets.get(pool).copied().unwrap_or(0);
            match self.fleet.tour_change {
                TourChange::Overtime => {
                    for s in self.slots.iter_mut() {
                        if s.active && s.pool == pool {
                            s.retiring = true;
                        }
                    }
                    self.free[pool] = target;
                }
                TourChange::Carry => {
                    let busy = self
                        .slots
                        .iter()
                        .filter(|s| s.active && !s.retiring && s.pool == pool)
                        .count() as u32;
                    let on_duty = self.free[pool] + busy;
                    if target >= on_duty {
                        self.free[pool] += target - on_duty;
                    } else {
                        let mut excess = on_duty - target;
                        let drop = excess.min(self.free[pool]);
                        self.free[pool] -= drop;
                        excess -= drop;
                        while excess > 0 {
                            self.hand_back(pool, t);
                            excess -= 1;
                        }
                    }
                }
            }
        }
        for pool in 0..self.free.len() {
            while self.free[pool] > 0 {
                let g = self.fleet.pool_group[pool];
                match self.next_item(g, t) {
                    Some(item) => {
                        self.free[pool] -= 1;
                        let slot = self.new_slot();
                        self.start(slot, pool, item, t, None);
                    }
                    None => break,
                }
            }
        }
    }

    /// Takes a job off a crew of `pool` at a tour change: S before I, most
    /// work left first; its rest waits at the head of its queue.
    fn hand_back(&mut self, pool: usize, t: f64) {
        let pick = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.active && !s.retiring && s.pool == pool)
            .max_by(|(a, x), (b, y)| {
                (!x.is_i)
                    .cmp(&!y.is_i)
                    .then(x.until.total_cmp(&y.until))
                    .then(b.cmp(a))
            })
            .map(|(k, _)| k);
        if let Some(k) = pick {
            let s = self.slots[k];
            let g = self.fleet.pool_group[pool];
            let rest = Item::Rest((s.until - t).max(0.0), s.is_i, s.divertible);
            if s.is_i {
                self.queues[g].0.push_front(rest);
            } else {
                self.queues[g].1.push_front(rest);
            }
            self.release(k);
        }
    }
}
