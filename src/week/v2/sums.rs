//! One command unit's sums over its week (and London's, over units), from which
//! their outcomes are taken as ratios.

/// One unit's sums over its week, for its outcome and London's.
#[derive(Debug, Default, Clone)]
pub struct UnitSums {
    pub i_on: f64,
    pub s_on: f64,
    pub i_weight: f64,
    pub s_weight: f64,
    pub i_resp: f64,
    pub s_resp: f64,
    pub dispatch_wait: f64,
    /// S calls that lapsed (waited past `s_patience_hours`).
    pub lapsed: f64,
    pub work: f64,
    pub cap: f64,
    /// Tours whose crew load reached the crews.
    pub overload: f64,
    /// Channel-group tours in dispatch overload, and how many there were.
    pub dispatch_overload: f64,
    pub dispatch_groups: f64,
    pub unmet: f64,
    pub pulled: f64,
}
