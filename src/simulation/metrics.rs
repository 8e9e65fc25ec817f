//! Names of the per-draw metrics, in the order outcomes store them. One name per
//! idea, the same in JSON keys and CSV columns.

/// London-wide metrics (each with moments and quantiles).
pub const LONDON_METRICS: [&str; 13] = [
    "i_on_time",
    "s_on_time",
    "i_response_minutes",
    "i_p90_response_minutes",
    "s_response_minutes",
    "utilisation",
    "overload_share",
    "unmet_response_hours",
    "unmet_neighbourhood_hours",
    "neighbourhood_cover",
    "flex_hours",
    "surge_aid_hours",
    "surge_events",
];

/// Per command unit (moments and quantiles).
pub const UNIT_METRICS: [&str; 8] = [
    "i_on_time",
    "s_on_time",
    "i_response_minutes",
    "utilisation",
    "overload_share",
    "unmet_response_hours",
    "flex_hours",
    "surge_aid_hours",
];

/// Per ward (moments only: memory stays flat in draws and small in wards).
pub const WARD_METRICS: [&str; 6] = [
    "i_on_time",
    "s_on_time",
    "i_response_minutes",
    "neighbourhood_cover",
    "unmet_neighbourhood_hours",
    "flex_hours",
];

/// Per borough (moments only), so per-area comparisons have intervals.
pub const BOROUGH_METRICS: [&str; 4] = [
    "i_on_time",
    "s_on_time",
    "neighbourhood_cover",
    "unmet_neighbourhood_hours",
];

pub mod borough {
    pub const I_ON_TIME: usize = 0;
    pub const S_ON_TIME: usize = 1;
    pub const COVER: usize = 2;
    pub const UNMET_NEIGHBOURHOOD: usize = 3;
}

pub mod london {
    pub const I_ON_TIME: usize = 0;
    pub const S_ON_TIME: usize = 1;
    pub const I_RESPONSE: usize = 2;
    pub const I_P90_RESPONSE: usize = 3;
    pub const S_RESPONSE: usize = 4;
    pub const UTILISATION: usize = 5;
    pub const OVERLOAD: usize = 6;
    pub const UNMET_RESPONSE: usize = 7;
    pub const UNMET_NEIGHBOURHOOD: usize = 8;
    pub const COVER: usize = 9;
    pub const FLEX: usize = 10;
    pub const SURGE_AID: usize = 11;
    pub const SURGE_EVENTS: usize = 12;
}

pub mod unit {
    pub const I_ON_TIME: usize = 0;
    pub const S_ON_TIME: usize = 1;
    pub const I_RESPONSE: usize = 2;
    pub const UTILISATION: usize = 3;
    pub const OVERLOAD: usize = 4;
    pub const UNMET_RESPONSE: usize = 5;
    pub const FLEX: usize = 6;
    pub const SURGE_AID: usize = 7;
}

pub mod ward {
    pub const I_ON_TIME: usize = 0;
    pub const S_ON_TIME: usize = 1;
    pub const I_RESPONSE: usize = 2;
    pub const COVER: usize = 3;
    pub const UNMET_NEIGHBOURHOOD: usize = 4;
    pub const FLEX: usize = 5;
}
