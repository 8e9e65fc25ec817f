//! Travel in the event-level simulation (MODEL §5.2), drawn from each call's
//! own variates: in `"patrol"` mode the drive from the nearest of the free
//! crews of the call's group (Rayleigh, mean from the square-root law, times
//! the call's η), or from a random point of the group's field (a crew that
//! comes from a job) or of the unit's (a crew from another borough); in
//! `"centroid"` and `"disc"` modes from the crew's base: the ward's own base or
//! the nearest other, as the analytic path takes them.
//!
//! Pure functions of their inputs; no randomness here.

use std::f64::consts::PI;

use super::calls::Call;
use super::fleet::Reach;
use crate::model::Params;
use crate::model::params::TravelModel;
use crate::plan::{Field, Plan, UnitPlan};
use crate::week::v2::ward::patrol_mean;

/// How the crews of one unit reach its calls.
pub struct UnitReach<'p> {
    pub plan: &'p Plan,
    pub p: &'p Params,
    pub unit: &'p UnitPlan,
    /// Each crew group's patrol field.
    pub fields: Vec<&'p Field>,
    /// The group and base of each pool (base 0 when crews patrol).
    pub pool_group: Vec<usize>,
    pub pool_base: Vec<usize>,
}

impl UnitReach<'_> {
    fn patrol(&self) -> bool {
        self.p.response.model.travel_model == TravelModel::Patrol
    }

    /// From a base: the ward's own, or the nearest other.
    fn drive_from_base(&self, call: &Call, pool: usize) -> f64 {
        let wp = &self.plan.wards[call.ward as usize];
        let own = self.pool_base[pool] == wp.base;
        let atoms = if own {
            wp.disc_own
        } else {
            wp.disc_alt.or(wp.disc_own)
        };
        match atoms {
            Some(a) => a[usize::from(call.atom) % a.len()],
            None if own => wp.travel_own,
            None => wp.travel_alt.unwrap_or(wp.travel_own),
        }
    }

    fn drive_from_anywhere(&self, call: &Call, field: &Field) -> f64 {
        self.p.response.turnout_minutes + field.random_drive_minutes * call.eta
    }
}

impl Reach for UnitReach<'_> {
    fn free(&self, call: &Call, pool: usize, free: u32) -> f64 {
        if !self.patrol() {
            return self.drive_from_base(call, pool);
        }
        let field = self.fields[self.pool_group[pool]];
        let m = patrol_mean(
            self.plan,
            self.p,
            call.ward as usize,
            field,
            f64::from(free.max(1)),
        );
        self.p.response.turnout_minutes + m * (4.0 * call.nearest / PI).sqrt() * call.eta
    }

    fn busy(&self, call: &Call, pool: usize) -> f64 {
        if !self.patrol() {
            return self.drive_from_base(call, pool);
        }
        self.drive_from_anywhere(call, self.fields[self.pool_group[pool]])
    }

    fn crossing(&self, call: &Call, pool: usize) -> f64 {
        if !self.patrol() {
            return self.drive_from_base(call, pool);
        }
        self.drive_from_anywhere(call, &self.unit.field)
    }

    fn legs(&self) -> f64 {
        if self.patrol() { 1.0 } else { 2.0 }
    }
}
