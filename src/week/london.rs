//! The London figures both response models take the same way: neighbourhood
//! cover, surge aid and events, and the I and S 90th percentiles from the
//! draw's response-time grids.
//!
//! Deterministic given its inputs; no randomness here.

use super::demand::DrawDemand;
use super::neighbourhood::Cover;
use super::outcome::{Scratch, london as L};
use crate::model::metric::LONDON_LEN;

/// Writes the shared London figures of a draw into `l`.
pub(super) fn shared_london(
    cover: Cover,
    sc: &mut Scratch,
    d: &DrawDemand,
    l: &mut [f64; LONDON_LEN],
) {
    l[L::UNMET_NEIGHBOURHOOD] = cover.unmet;
    l[L::COVER] = if cover.demand > 0.0 {
        cover.met / cover.demand
    } else {
        1.0
    };
    l[L::SURGE_AID] = sc.unit_aid.iter().sum::<f64>() + sc.ward_aid.iter().sum::<f64>();
    l[L::SURGE_EVENTS] = d.events.len() as f64;
    l[L::I_P90_RESPONSE] = sc.response.quantile(0.9);
    l[L::S_P90_RESPONSE] = sc.response_s.quantile(0.9);
}
