//! The settings of the response model of MODEL §5 (version 2): which model
//! version runs, how calls are reached (travel model), how I outranks S
//! (divertible share), rosters, and the dispatch layer (`[dispatch]`). Every
//! numeric default with its source.
//!
//! This module must not read files, know TOML or compute a figure.

use serde::Serialize;

/// Which response model evaluates a week (`[run] model_version`).
pub const MODEL_VERSIONS: [u32; 2] = [1, 2];
/// The model a scenario runs unless it says otherwise: version 2 (MODEL §5).
pub const DEFAULT_MODEL_VERSION: u32 = 2;

/// How a week's response is evaluated (`[run] fidelity`, MODEL §5.6–5.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fidelity {
    /// Queueing formulas per unit-tour, with backlogs carried (the default: fast).
    Analytic,
    /// Every call of every unit-week simulated: the reference the analytic path
    /// is tested against.
    Events,
}

impl Fidelity {
    /// The values scenario files write.
    pub const KEYS: [&'static str; 2] = ["analytic", "events"];

    /// The name as scenario files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Fidelity::Analytic => "analytic",
            Fidelity::Events => "events",
        }
    }
}

/// What happens to jobs in progress when a tour ends (`[response] tour_change`,
/// event-level simulation only, MODEL §5.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TourChange {
    /// The next tour takes them over: its crews are the only ones on duty, and
    /// jobs beyond them wait, at the head of their queue, for one of its crews
    /// (the default: crew-hours stay those rostered, as in the analytic path).
    Carry,
    /// The crews on them finish them after their tour ends, beside the next
    /// tour's full complement.
    Overtime,
}

/// How a crew reaches a call (`[response] travel_model`, MODEL §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TravelModel {
    /// Version 1: from the ward's base to its centroid, deterministic.
    Centroid,
    /// From the ward's base to calls spread uniformly over a disc of the ward's
    /// land area, with log-normal spread.
    Disc,
    /// Free crews patrol the unit; distance to the nearest free crew follows the
    /// square-root law (Kolesar & Blum 1973). The default.
    Patrol,
}

impl TravelModel {
    /// The values scenario files write.
    pub const KEYS: [&'static str; 3] = ["centroid", "disc", "patrol"];

    /// The name as scenario files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            TravelModel::Centroid => "centroid",
            TravelModel::Disc => "disc",
            TravelModel::Patrol => "patrol",
        }
    }
}

/// Where free crews patrol (`[response] patrol_weighting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PatrolWeighting {
    /// Evenly over the unit's land area (the default).
    Area,
    /// In proportion to each ward's expected calls.
    Demand,
}

/// How many dispatch channels a command unit has (`[dispatch] channels`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channels {
    /// One channel per borough, serving that borough's calls (the default).
    PerBorough,
    /// One channel for the whole unit (the 2017 pilots).
    PerUnit,
    /// This many channels per unit, sharing all its calls.
    Count(u32),
}

/// Which crews a call may be given (`[dispatch] deployment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    /// Any crew of the unit (the default).
    Unit,
    /// Crews stay in their own borough and cross only when none is free there.
    BoroughLines,
}

/// `[dispatch]`: the radio channels and dispatchers between a call and a crew
/// (MODEL §5.5). Version 2 only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispatch {
    /// Default one channel per borough, as before the 2017 mergers.
    pub channels: Channels,
    /// Dispatcher minutes per job. Default 4, assumption (MODEL §5.5): no Met figure
    /// is published; a few minutes to read, raise and assign a call.
    pub handling_minutes: f64,
    /// Coefficient of variation of handling time. Default 1 (exponential), assumption.
    pub handling_cv: f64,
    /// Share of a channel's jobs that are traffic other than I and S calls (crews'
    /// own requests, checks, lower grades). Default 0.3, assumption (MODEL §5.5).
    pub other_traffic_share: f64,
    pub deployment: Deployment,
}

impl Default for Dispatch {
    fn default() -> Self {
        Dispatch {
            channels: Channels::PerBorough,
            handling_minutes: 4.0,
            handling_cv: 1.0,
            other_traffic_share: 0.3,
            deployment: Deployment::Unit,
        }
    }
}

/// The version 2 settings of `[response]` (MODEL §5.1–5.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseModel {
    pub travel_model: TravelModel,
    /// σ of the log-normal travel-time factor η (mean 1). Default 0.3, assumption:
    /// travel-time spread falls with distance in ambulance data (Budge, Ingolfsson &
    /// Zerom 2010); 0 makes travel deterministic.
    pub travel_sigma: f64,
    pub patrol_weighting: PatrolWeighting,
    /// k in E[D] = k √(A/n), the mean straight distance to the nearest of n
    /// patrolling crews on area A. Default 0.5 (Poisson points; Kolesar & Blum
    /// 1973), used with the road factor, never 0.63 and a road factor together.
    pub patrol_k: f64,
    /// π: the chance that an I call may take a crew busy on S work. Default 0.5,
    /// assumption (MODEL §5.3): some S jobs cannot be abandoned; among the keys to
    /// be fitted to the 2014 calibration figures.
    pub divertible_share: f64,
    /// Share of response officer-hours rostered in the early / late / night tours.
    /// Default: the demand tour shares (assumption, MODEL §5.1).
    pub roster_shares: Option<[f64; 3]>,
    /// Hours an S call may wait before it no longer needs attendance (lapses).
    /// Default none (off): calls wait however long it takes (MODEL §5.6).
    pub s_patience_hours: Option<f64>,
    pub tour_change: TourChange,
}

impl Default for ResponseModel {
    fn default() -> Self {
        ResponseModel {
            travel_model: TravelModel::Patrol,
            travel_sigma: 0.3,
            patrol_weighting: PatrolWeighting::Area,
            patrol_k: 0.5,
            divertible_share: 0.5,
            roster_shares: None,
            s_patience_hours: None,
            tour_change: TourChange::Carry,
        }
    }
}
