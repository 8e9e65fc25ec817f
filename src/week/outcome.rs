//! One draw's outcomes, stored in the metric catalogue's level order
//! (`model::metric::LONDON`, `UNIT`, `WARD`, `BOROUGH`), and the positions the
//! recourse writes them at, taken from the catalogue so they cannot drift.
//!
//! This module must not compute outcomes; `recourse` does.

use crate::model::metric::{self, BOROUGH_LEN, LONDON_LEN, Metric, UNIT_LEN, WARD_LEN};

use super::response_time::ResponseGrid;

/// One draw's outcomes. `NaN` marks "no finite value" (every tour overloaded);
/// aggregation skips it and the overload share reports it.
#[derive(Debug, Clone, Default)]
pub struct DrawOutcome {
    pub london: [f64; LONDON_LEN],
    pub units: Vec<[f64; UNIT_LEN]>,
    pub wards: Vec<[f64; WARD_LEN]>,
    pub boroughs: Vec<[f64; BOROUGH_LEN]>,
    /// Scratch space reused between draws.
    pub(super) scratch: Scratch,
}

/// Working space of the recourse, kept between draws to avoid allocation.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    pub ward_pulled: Vec<f64>,
    pub ward_aid: Vec<f64>,
    pub base_weight: Vec<f64>,
    pub base_own: Vec<f64>,
    pub base_alt: Vec<f64>,
    pub base_busy: Vec<f64>,
    pub response: ResponseGrid,
    /// S-grade response times of the draw (for its P90).
    pub response_s: ResponseGrid,
    /// London's I and S grids while version 2 fills `response` and
    /// `response_s` one command unit at a time (for the unit's P90).
    pub london_i: ResponseGrid,
    pub london_s: ResponseGrid,
    /// Version 2: each borough's I and S grids (by borough), filled by its
    /// unit, and its I and S 90th percentiles.
    pub borough_grids: Vec<[ResponseGrid; 2]>,
    pub borough_p90: Vec<[f64; 2]>,
    /// Version 2, where wards of a borough differ in travel: the I and S grids
    /// of the wards of the unit being evaluated, by position in `unit.wards`.
    pub ward_grids: Vec<[ResponseGrid; 2]>,
    /// Event-level simulation: the I and S response minutes of each ward's
    /// calls this week (by ward), for its 90th percentile.
    pub ward_minutes: Vec<[Vec<f64>; 2]>,
    pub unit_aid: Vec<f64>,
    pub borough_calls: Vec<f64>,
    /// Event-level simulation: per borough, its calls' sums (I on time, I
    /// calls, I minutes, S on time, S calls, S minutes), so its figures come
    /// from its own calls; empty under the analytic path.
    pub borough_response: Vec<[f64; 6]>,
    pub borough_demand: Vec<f64>,
}

/// Positions of London metrics in `DrawOutcome::london`.
pub(super) mod london {
    use super::{Metric, metric::LONDON};
    pub const I_ON_TIME: usize = LONDON.index(Metric::IOnTime);
    pub const S_ON_TIME: usize = LONDON.index(Metric::SOnTime);
    pub const I_RESPONSE: usize = LONDON.index(Metric::IResponseMinutes);
    pub const I_P90_RESPONSE: usize = LONDON.index(Metric::IP90ResponseMinutes);
    pub const S_RESPONSE: usize = LONDON.index(Metric::SResponseMinutes);
    pub const S_P90_RESPONSE: usize = LONDON.index(Metric::SP90ResponseMinutes);
    pub const UTILISATION: usize = LONDON.index(Metric::Utilisation);
    pub const OVERLOAD: usize = LONDON.index(Metric::OverloadShare);
    pub const DISPATCH_WAIT: usize = LONDON.index(Metric::DispatchWaitMinutes);
    pub const DISPATCH_OVERLOAD: usize = LONDON.index(Metric::DispatchOverloadShare);
    pub const LAPSED_S: usize = LONDON.index(Metric::LapsedSCalls);
    pub const UNMET_RESPONSE: usize = LONDON.index(Metric::UnmetResponseHours);
    pub const UNMET_NEIGHBOURHOOD: usize = LONDON.index(Metric::UnmetNeighbourhoodHours);
    pub const COVER: usize = LONDON.index(Metric::NeighbourhoodCover);
    pub const FLEX: usize = LONDON.index(Metric::FlexHours);
    pub const SURGE_AID: usize = LONDON.index(Metric::SurgeAidHours);
    pub const SURGE_EVENTS: usize = LONDON.index(Metric::SurgeEvents);
}

/// Positions of command-unit metrics in `DrawOutcome::units[u]`.
pub(super) mod unit {
    use super::{Metric, metric::UNIT};
    pub const I_ON_TIME: usize = UNIT.index(Metric::IOnTime);
    pub const S_ON_TIME: usize = UNIT.index(Metric::SOnTime);
    pub const I_RESPONSE: usize = UNIT.index(Metric::IResponseMinutes);
    pub const I_P90_RESPONSE: usize = UNIT.index(Metric::IP90ResponseMinutes);
    pub const S_RESPONSE: usize = UNIT.index(Metric::SResponseMinutes);
    pub const S_P90_RESPONSE: usize = UNIT.index(Metric::SP90ResponseMinutes);
    pub const UTILISATION: usize = UNIT.index(Metric::Utilisation);
    pub const OVERLOAD: usize = UNIT.index(Metric::OverloadShare);
    pub const DISPATCH_WAIT: usize = UNIT.index(Metric::DispatchWaitMinutes);
    pub const DISPATCH_OVERLOAD: usize = UNIT.index(Metric::DispatchOverloadShare);
    pub const LAPSED_S: usize = UNIT.index(Metric::LapsedSCalls);
    pub const UNMET_RESPONSE: usize = UNIT.index(Metric::UnmetResponseHours);
    pub const FLEX: usize = UNIT.index(Metric::FlexHours);
    pub const SURGE_AID: usize = UNIT.index(Metric::SurgeAidHours);
}

/// Positions of ward metrics in `DrawOutcome::wards[w]`.
pub(super) mod ward {
    use super::{Metric, metric::WARD};
    pub const I_ON_TIME: usize = WARD.index(Metric::IOnTime);
    pub const S_ON_TIME: usize = WARD.index(Metric::SOnTime);
    pub const I_RESPONSE: usize = WARD.index(Metric::IResponseMinutes);
    pub const S_RESPONSE: usize = WARD.index(Metric::SResponseMinutes);
    pub const I_P90_RESPONSE: usize = WARD.index(Metric::IP90ResponseMinutes);
    pub const S_P90_RESPONSE: usize = WARD.index(Metric::SP90ResponseMinutes);
    pub const COVER: usize = WARD.index(Metric::NeighbourhoodCover);
    pub const UNMET_NEIGHBOURHOOD: usize = WARD.index(Metric::UnmetNeighbourhoodHours);
    pub const FLEX: usize = WARD.index(Metric::FlexHours);
}

/// Positions of borough metrics in `DrawOutcome::boroughs[b]`.
pub(super) mod borough {
    use super::{Metric, metric::BOROUGH};
    pub const I_ON_TIME: usize = BOROUGH.index(Metric::IOnTime);
    pub const S_ON_TIME: usize = BOROUGH.index(Metric::SOnTime);
    pub const I_RESPONSE: usize = BOROUGH.index(Metric::IResponseMinutes);
    pub const S_RESPONSE: usize = BOROUGH.index(Metric::SResponseMinutes);
    pub const I_P90_RESPONSE: usize = BOROUGH.index(Metric::IP90ResponseMinutes);
    pub const S_P90_RESPONSE: usize = BOROUGH.index(Metric::SP90ResponseMinutes);
    pub const COVER: usize = BOROUGH.index(Metric::NeighbourhoodCover);
    pub const UNMET_NEIGHBOURHOOD: usize = BOROUGH.index(Metric::UnmetNeighbourhoodHours);
}
