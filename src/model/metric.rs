//! The metric catalogue: what each metric is (key, wording, unit, which way is
//! better, what it means) and where it is measured (London, command unit, ward,
//! borough), written once and read by every stage. Scenario validation takes
//! `target_metric` from it, the simulation stores outcomes in its level order,
//! CSV columns and JSON keys are its keys, and charts and text take its wording.
//! A metric is a `Metric` value, never a string: a misspelt one fails to compile.
//!
//! This module must not compute, format or store any figure; it only describes.

use std::fmt;

use serde::{Serialize, Serializer};

pub use super::unit::Unit;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// Everything said about one metric.
#[derive(Debug)]
pub struct MetricInfo {
    /// The snake_case key: JSON key, CSV column stem, `target_metric` value.
    pub key: &'static str,
    /// Words for charts and the report ("I calls on time (15-minute target)").
    pub label: &'static str,
    /// Words for tables that give the unit in the row ("I response time, mean minutes").
    pub table_label: &'static str,
    /// Words for the stdout summary, where the week is in the header.
    pub text_label: &'static str,
    pub unit: Unit,
    pub better: Better,
    /// The definition written into `summary.json`.
    pub description: &'static str,
}

/// One metric. Simulated metrics are measured on every draw; `OfficersPer1000`
/// and `WardOfficersPer1000` follow from the allocation alone (exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    IOnTime,
    SOnTime,
    IResponseMinutes,
    IP90ResponseMinutes,
    SResponseMinutes,
    SP90ResponseMinutes,
    Utilisation,
    OverloadShare,
    DispatchWaitMinutes,
    DispatchOverloadShare,
    LapsedSCalls,
    UnmetResponseHours,
    UnmetNeighbourhoodHours,
    NeighbourhoodCover,
    FlexHours,
    SurgeAidHours,
    SurgeEvents,
    OfficersPer1000,
    WardOfficersPer1000,
}

impl Metric {
    /// Every metric, in catalogue order.
    pub const ALL: [Metric; 19] = [
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::IResponseMinutes,
        Metric::IP90ResponseMinutes,
        Metric::SResponseMinutes,
        Metric::SP90ResponseMinutes,
        Metric::Utilisation,
        Metric::OverloadShare,
        Metric::DispatchWaitMinutes,
        Metric::DispatchOverloadShare,
        Metric::LapsedSCalls,
        Metric::UnmetResponseHours,
        Metric::UnmetNeighbourhoodHours,
        Metric::NeighbourhoodCover,
        Metric::FlexHours,
        Metric::SurgeAidHours,
        Metric::SurgeEvents,
        Metric::OfficersPer1000,
        Metric::WardOfficersPer1000,
    ];

    /// What the catalogue says of this metric.
    pub const fn info(self) -> &'static MetricInfo {
        match self {
            Metric::IOnTime => &MetricInfo {
                key: "i_on_time",
                label: "I calls on time (15-minute target)",
                table_label: "I calls on time (15 min target)",
                text_label: "I calls on time (15 min target)",
                unit: Unit::Share,
                better: Better::Higher,
                description: "share of I-grade (immediate) calls reached within the I target (15 min), weighted by calls; the response time is dispatch wait + crew wait + travel",
            },
            Metric::SOnTime => &MetricInfo {
                key: "s_on_time",
                label: "S calls on time (60-minute target)",
                table_label: "S calls on time (60 min target)",
                text_label: "S calls on time (60 min target)",
                unit: Unit::Share,
                better: Better::Higher,
                description: "share of S-grade (significant) calls reached within the S target (60 min), weighted by calls; the response time is dispatch wait + crew wait + travel",
            },
            Metric::IResponseMinutes => &MetricInfo {
                key: "i_response_minutes",
                label: "I response time, mean",
                table_label: "I response time, mean minutes",
                text_label: "I response time, mean minutes",
                unit: Unit::Minutes,
                better: Better::Lower,
                description: "mean minutes from call to arrival for I calls (dispatch wait + crew wait + travel); under model version 1 a call in an overloaded tour counts as waiting a full tour (480 min), under version 2 the queue carries over between tours",
            },
            Metric::IP90ResponseMinutes => &MetricInfo {
                key: "i_p90_response_minutes",
                label: "I response time, P90",
                table_label: "I response time, P90 minutes",
                text_label: "I response time, P90 minutes",
                unit: Unit::Minutes,
                better: Better::Lower,
                description: "90th percentile of minutes from call to arrival over the week's I calls of London, the command unit, the borough or the ward (on a half-minute grid; capped at 240; per unit, borough and ward under model version 2 only; with event-level fidelity a ward's is the ⌈0.9n⌉-th fastest of its n calls that week)",
            },
            Metric::SResponseMinutes => &MetricInfo {
                key: "s_response_minutes",
                label: "S response time, mean",
                table_label: "S response time, mean minutes",
                text_label: "S response time, mean minutes",
                unit: Unit::Minutes,
                better: Better::Lower,
                description: "mean minutes from call to arrival for S calls (dispatch wait + crew wait + travel); under model version 1 a call in an overloaded tour counts as waiting a full tour (480 min)",
            },
            Metric::SP90ResponseMinutes => &MetricInfo {
                key: "s_p90_response_minutes",
                label: "S response time, P90",
                table_label: "S response time, P90 minutes",
                text_label: "S response time, P90 minutes",
                unit: Unit::Minutes,
                better: Better::Lower,
                description: "90th percentile of minutes from call to arrival over the week's S calls of London, the command unit, the borough or the ward (on a half-minute grid; capped at 240; per unit, borough and ward under model version 2 only; with event-level fidelity a ward's is the ⌈0.9n⌉-th fastest of its n calls that week)",
            },
            Metric::Utilisation => &MetricInfo {
                key: "utilisation",
                label: "response utilisation",
                table_label: "response utilisation",
                text_label: "response utilisation",
                unit: Unit::Ratio,
                better: Better::Lower,
                description: "response workload hours over response crew hours on duty; at or above 1 the queue grows (overload)",
            },
            Metric::OverloadShare => &MetricInfo {
                key: "overload_share",
                label: "overloaded unit-tours",
                table_label: "overloaded unit-tours",
                text_label: "overloaded unit-tours",
                unit: Unit::Share,
                better: Better::Lower,
                description: "share of command-unit tours whose crew load reached the crews on duty (crew overload)",
            },
            Metric::DispatchWaitMinutes => &MetricInfo {
                key: "dispatch_wait_minutes",
                label: "dispatch wait, mean",
                table_label: "dispatch wait, mean minutes",
                text_label: "dispatch wait, mean minutes",
                unit: Unit::Minutes,
                better: Better::Lower,
                description: "mean minutes an I or S call waits for a dispatcher's channel before a crew is assigned (model version 2; 0 under version 1, which has no dispatch layer)",
            },
            Metric::DispatchOverloadShare => &MetricInfo {
                key: "dispatch_overload_share",
                label: "dispatch-overloaded channel-tours",
                table_label: "dispatch-overloaded channel-tours",
                text_label: "dispatch-overloaded channel-tours",
                unit: Unit::Share,
                better: Better::Lower,
                description: "share of dispatch channel groups' tours whose dispatch load reached the channels (dispatch overload, reported apart from crew overload; model version 2)",
            },
            Metric::LapsedSCalls => &MetricInfo {
                key: "lapsed_s_calls",
                label: "S calls lapsed a week",
                table_label: "S calls lapsed a week",
                text_label: "S calls lapsed",
                unit: Unit::Count,
                better: Better::Lower,
                description: "S calls a week that waited longer than `s_patience_hours` and no longer needed attendance (never counted as on time); 0 when patience is not set",
            },
            Metric::UnmetResponseHours => &MetricInfo {
                key: "unmet_response_hours",
                label: "unmet response hours a week",
                table_label: "unmet response hours a week",
                text_label: "unmet response hours",
                unit: Unit::Hours,
                better: Better::Lower,
                description: "officer-hours a week of response work beyond the hours of crews on duty",
            },
            Metric::UnmetNeighbourhoodHours => &MetricInfo {
                key: "unmet_neighbourhood_hours",
                label: "unmet neighbourhood hours a week",
                table_label: "unmet neighbourhood hours a week",
                text_label: "unmet neighbourhood hours",
                unit: Unit::Hours,
                better: Better::Lower,
                description: "hours a week of neighbourhood demand not met by ward officers and weighted PCSO hours",
            },
            Metric::NeighbourhoodCover => &MetricInfo {
                key: "neighbourhood_cover",
                label: "neighbourhood cover",
                table_label: "neighbourhood cover",
                text_label: "neighbourhood cover",
                unit: Unit::Share,
                better: Better::Higher,
                description: "neighbourhood demand met over neighbourhood demand (0 to 1)",
            },
            Metric::FlexHours => &MetricInfo {
                key: "flex_hours",
                label: "ward hours pulled into response",
                table_label: "ward hours pulled into response",
                text_label: "ward hours pulled into response",
                unit: Unit::Hours,
                better: Better::Lower,
                description: "ward officer hours a week pulled into response (only when not ring-fenced)",
            },
            Metric::SurgeAidHours => &MetricInfo {
                key: "surge_aid_hours",
                label: "surge aid hours a week",
                table_label: "surge aid hours a week",
                text_label: "surge aid hours",
                unit: Unit::Hours,
                better: Better::Lower,
                description: "officer-hours a week taken by surge events from response (and from wards where allowed)",
            },
            Metric::SurgeEvents => &MetricInfo {
                key: "surge_events",
                label: "surge events a week",
                table_label: "surge events a week",
                text_label: "surge events",
                unit: Unit::Count,
                better: Better::Lower,
                description: "surge events in the week",
            },
            Metric::OfficersPer1000 => &MetricInfo {
                key: "officers_per_1000",
                label: "officers per 1,000 residents",
                table_label: "officers per 1,000 residents",
                text_label: "officers per 1,000 residents",
                unit: Unit::Per1000,
                better: Better::Higher,
                description: "all officers of a borough (its ward officers plus shares of its unit's response, other and overhead officers) per 1,000 residents",
            },
            Metric::WardOfficersPer1000 => &MetricInfo {
                key: "ward_officers_per_1000",
                label: "dedicated ward officers per 1,000 residents",
                table_label: "dedicated ward officers per 1,000 residents",
                text_label: "dedicated ward officers per 1,000 residents",
                unit: Unit::Per1000,
                better: Better::Higher,
                description: "dedicated ward officers of a ward or borough per 1,000 residents",
            },
        }
    }

    /// The metric's key.
    pub const fn key(self) -> &'static str {
        self.info().key
    }

    /// The metric's words for charts and the report.
    /// The range the metric's values can take: a share from 0 to 1, anything
    /// else from 0 up.
    pub const fn range(self) -> (f64, f64) {
        match self.unit() {
            Unit::Share => (0.0, 1.0),
            _ => (0.0, f64::INFINITY),
        }
    }

    pub const fn label(self) -> &'static str {
        self.info().label
    }

    /// The metric's unit.
    pub const fn unit(self) -> Unit {
        self.info().unit
    }

    /// Whether more of the metric is better.
    pub const fn higher_is_better(self) -> bool {
        matches!(self.info().better, Better::Higher)
    }

    /// The metric with this key, if any.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Metrics order by key, so maps keyed by metric list them alphabetically, as
/// JSON objects keyed by name always have.
impl Ord for Metric {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(other.key())
    }
}

impl PartialOrd for Metric {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A metric serialises as its key, so JSON reads as it always has.
impl Serialize for Metric {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Where metrics are measured, each with its list in storage order: a draw's
/// outcome holds one value per listed metric, at the metric's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    pub metrics: &'static [Metric],
}

impl Level {
    /// The metric's position at this level. Used in constants, so a metric the
    /// level does not measure fails to compile.
    pub const fn index(self, m: Metric) -> usize {
        let mut i = 0;
        while i < self.metrics.len() {
            if self.metrics[i] as u8 == m as u8 {
                return i;
            }
            i += 1;
        }
        panic!("the metric is not measured at this level")
    }

    /// Whether this level measures the metric.
    pub fn has(self, m: Metric) -> bool {
        self.metrics.contains(&m)
    }

    /// How many metrics the level measures.
    pub const fn len(self) -> usize {
        self.metrics.len()
    }

    /// Whether the level measures nothing.
    pub const fn is_empty(self) -> bool {
        self.metrics.is_empty()
    }
}

/// London-wide metrics (each with moments and quantiles).
pub const LONDON: Level = Level {
    metrics: &[
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::IResponseMinutes,
        Metric::IP90ResponseMinutes,
        Metric::SResponseMinutes,
        Metric::SP90ResponseMinutes,
        Metric::Utilisation,
        Metric::OverloadShare,
        Metric::DispatchWaitMinutes,
        Metric::DispatchOverloadShare,
        Metric::LapsedSCalls,
        Metric::UnmetResponseHours,
        Metric::UnmetNeighbourhoodHours,
        Metric::NeighbourhoodCover,
        Metric::FlexHours,
        Metric::SurgeAidHours,
        Metric::SurgeEvents,
    ],
};

/// Per command unit (moments and quantiles).
pub const UNIT: Level = Level {
    metrics: &[
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::IResponseMinutes,
        Metric::IP90ResponseMinutes,
        Metric::SResponseMinutes,
        Metric::SP90ResponseMinutes,
        Metric::Utilisation,
        Metric::OverloadShare,
        Metric::DispatchWaitMinutes,
        Metric::DispatchOverloadShare,
        Metric::LapsedSCalls,
        Metric::UnmetResponseHours,
        Metric::FlexHours,
        Metric::SurgeAidHours,
    ],
};

/// Per ward (moments only: memory stays flat in draws and small in wards).
pub const WARD: Level = Level {
    metrics: &[
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::IResponseMinutes,
        Metric::IP90ResponseMinutes,
        Metric::SResponseMinutes,
        Metric::SP90ResponseMinutes,
        Metric::NeighbourhoodCover,
        Metric::UnmetNeighbourhoodHours,
        Metric::FlexHours,
    ],
};

/// Per borough (moments only), so per-area comparisons have intervals.
pub const BOROUGH: Level = Level {
    metrics: &[
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::IResponseMinutes,
        Metric::IP90ResponseMinutes,
        Metric::SResponseMinutes,
        Metric::SP90ResponseMinutes,
        Metric::NeighbourhoodCover,
        Metric::UnmetNeighbourhoodHours,
    ],
};

/// The number of metrics at each level, for fixed-size outcome arrays.
pub const LONDON_LEN: usize = LONDON.len();
/// Metrics per command unit.
pub const UNIT_LEN: usize = UNIT.len();
/// Metrics per ward.
pub const WARD_LEN: usize = WARD.len();
/// Metrics per borough.
pub const BOROUGH_LEN: usize = BOROUGH.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for m in Metric::ALL {
            assert!(seen.insert(m.key()), "{} twice", m.key());
            assert!(
                m.key()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            );
            assert_eq!(Metric::from_key(m.key()), Some(m));
            assert!(!m.info().description.is_empty());
        }
        assert_eq!(Metric::from_key("i_on_tme"), None);
    }

    #[test]
    fn level_indices_follow_their_lists() {
        for level in [LONDON, UNIT, WARD, BOROUGH] {
            for (i, &m) in level.metrics.iter().enumerate() {
                assert_eq!(level.index(m), i);
                assert!(level.has(m));
            }
        }
        assert!(!WARD.has(Metric::Utilisation));
    }
}
