//! Scenario parameters after validation, with every numeric default and its source.
//!
//! The defaults here are the single place the model's numbers come from; the
//! scenario reader starts from them and `scenarios/README.md` documents them.
//! This module must not read files or know TOML.

use serde::Serialize;

pub use super::response_model::{
    Channels, DEFAULT_MODEL_VERSION, Deployment, Dispatch, Fidelity, PatrolWeighting,
    ResponseModel, TourChange, TravelModel,
};

/// Everything a scenario sets, apart from geography and structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Params {
    pub run: Run,
    pub pool: Pool,
    pub policy: Policy,
    pub demand: Demand,
    pub response: Response,
    /// `[dispatch]` (version 2).
    pub dispatch: Dispatch,
    pub surge: Surge,
    pub allocation: AllocationParams,
}

/// `[run]`: seed and draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// Base seed of every random stream. Assumption: any fixed value; recorded in outputs.
    pub seed: u64,
    /// Monte Carlo draws (one draw = one week). MODEL §7 default 10,000.
    pub draws: u64,
    /// Response model version: 2 (MODEL §5, the default) or 1 (the model before
    /// it was tried against London's record, kept for comparison).
    pub model_version: u32,
    /// Analytic queueing formulas (the default) or the event-level simulation of
    /// every call (MODEL §5.7), the reference; version 2 only.
    pub fidelity: Fidelity,
}

/// `[pool]`: officers and PCSOs to allocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pool {
    /// Officers on borough/BCU policing (all roles). Default 18,000, assumption: the
    /// Met had 32,183 officer FTE on 30 Sep 2015 (Home Office workforce statistics,
    /// shipped in police_officer_fte_force_level.csv); borough commands held 19,097 on
    /// 31 Aug 2006 (MPA report, 7 Dec 2006); we take 56% of 32,183, the Territorial
    /// Policing share reported for about 2015 (18,141 of 31,780), as the local pool.
    pub officers: u32,
    /// PCSOs in ward (neighbourhood) roles. Default 800, assumption: one per ward (629,
    /// the Met's ward promise) plus about a quarter more in the busiest wards. PCSOs in
    /// transport, security and other roles are outside this pool.
    pub pcsos: u32,
    /// Command overhead per CU (leadership, custody, support). MODEL §3 default 30,
    /// assumption: a senior team plus support for one command.
    pub overhead_officers_per_unit: u32,
}

/// `[policy]`: ward officers, PCSOs, ring-fencing, flex and floors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Dedicated ward officers (DWOs) in every ward. Default 1: the Met's status quo
    /// before 2017 (MODEL §1).
    pub ward_officers: u32,
    /// PCSOs in every ward. Default 1 (MODEL §1).
    pub pcsos: u32,
    /// How many of the highest-harm wards get `high_harm_ward_officers`. Default 100
    /// (MODEL §1: "2 DWOs in the ~100 highest-harm wards").
    pub high_harm_wards: u32,
    /// DWOs in each high-harm ward. Default 2 (MODEL §1).
    pub high_harm_ward_officers: u32,
    /// Weights per crime category used to rank wards by harm. Assumption: relative
    /// seriousness in the spirit of the Cambridge Crime Harm Index (serious violence,
    /// sexual offences and robbery weigh most); see `scenarios/README.md`.
    pub harm_weights: [f64; 11],
    pub ring_fence: RingFence,
    pub flex: Flex,
    /// How much a PCSO hour counts toward neighbourhood demand. Default 0.6,
    /// assumption (MODEL §5): PCSOs patrol and engage but cannot arrest or investigate.
    pub pcso_weight: f64,
}

/// `[policy.ring_fence]`: whether ward officers are protected, and from what severity of
/// event they are not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RingFence {
    /// Ward officers may not be pulled into response or surge duty. Default true
    /// (the Met's stated policy for DWOs).
    pub enabled: bool,
    /// Surge severity (1–4) at or above which even ring-fenced officers are taken:
    /// "exceptional circumstances or a major emergency". Default 4, assumption.
    pub exception_severity: u8,
}

/// `[policy.flex]`: when and how far ward officers are pulled into response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flex {
    /// Response utilisation above which on-duty ward officers are pulled into
    /// response (when not ring-fenced). MODEL §5 default 0.85, assumption.
    pub trigger_utilisation: f64,
    /// Largest share of ward officer hours that may be pulled. MODEL §5 default 0.5,
    /// assumption.
    pub max_share: f64,
}

/// `[demand]`: calls, their variation across weeks and wards, tours and seasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demand {
    /// London I-grade (immediate) calls a year. Default 482,255: the Met's 2014 figure
    /// (released early 2015, via the Evening Standard; 498,843 in 2013), the
    /// calibration year of MODEL §4. The older default, 400,000, came from Redbridge's
    /// 10,022 I calls in April–December (c. 2015) scaled by 12/9 and by population.
    pub i_calls_per_year: f64,
    /// London S-grade (significant) calls a year. Default 692,778 ≈ 482,255 × 1.4365,
    /// Redbridge's S:I ratio (14,397 / 10,022 S and I calls in April–December,
    /// c. 2015): no London S volume is published (MODEL §4).
    pub s_calls_per_year: f64,
    /// Share of I/S demand spread by population; the rest by the crime index.
    /// Default 0.3, assumption: calls follow crime more than residents.
    pub population_share: f64,
    /// Weights of the 2018 crime categories in the crime index that spreads I/S
    /// demand over wards. Assumption; see `scenarios/README.md`.
    pub crime_weights: [f64; 11],
    /// Coefficient of variation of the London-wide weekly multiplier. MODEL §4 default
    /// 0.08, assumption.
    pub london_cv: f64,
    /// Coefficient of variation of per-ward overdispersion (negative binomial counts).
    /// MODEL §4 default 0.25, assumption.
    pub ward_cv: f64,
    /// Draw a month and apply the borough's seasonal factor from the 24-month crime
    /// series. Default true.
    pub seasonality: bool,
    /// Share of weekly demand in the early / late / night tours. MODEL §3 default
    /// 0.28 / 0.42 / 0.30, assumption.
    pub tour_shares: [f64; 3],
    pub neighbourhood: Neighbourhood,
}

/// `[demand.neighbourhood]`: neighbourhood demand per ward.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbourhood {
    /// Fixed weekly neighbourhood hours per ward. Default 12, assumption (calibrated
    /// with the two terms below so the median London ward needs 42.9 h ≈ 1.5 DWOs).
    pub base_hours: f64,
    /// Hours per week per 1,000 residents. Default 1.2, assumption (as above).
    pub hours_per_1000_residents: f64,
    /// Hours per recorded crime per week (2018 average). Default 0.65, assumption (as above).
    pub hours_per_weekly_crime: f64,
}

/// `[response]`: crews, service times, targets, travel and minimum crews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// Contracted hours per officer per week. MODEL §3 default 40.
    pub hours_per_week: f64,
    /// Share of contracted hours actually deployable after leave, sickness, training
    /// and court. Default 0.71: measured ward-team abstraction of 29% (Met, MQT 2013/5257).
    pub availability: f64,
    /// Officers per response crew. MODEL §3 default 2, assumption.
    pub crew_size: u32,
    /// Fewest crews a CU must field in any tour. Default 2, assumption: cover for two
    /// simultaneous emergencies in the smallest command.
    pub min_crews_per_tour: u32,
    /// I-grade attendance target, minutes. Default 15 (Met target).
    pub i_target_minutes: f64,
    /// S-grade attendance target, minutes. Default 60 (Met target).
    pub s_target_minutes: f64,
    /// Officers sent to an I call. MODEL §4 default 2, assumption.
    pub i_officers: f64,
    /// Hours on scene and admin per I call. MODEL §4 default 1.5, assumption.
    pub i_service_hours: f64,
    /// Officers sent to an S call. MODEL §4 default 2, assumption.
    pub s_officers: f64,
    /// Hours on scene and admin per S call. MODEL §4 default 2.0, assumption.
    pub s_service_hours: f64,
    /// Minutes from call assignment to moving. MODEL §5 default 2, assumption.
    pub turnout_minutes: f64,
    /// Road distance over straight distance. MODEL §5 default 1.3, assumption.
    pub road_factor: f64,
    /// Average blue-light speed, km/h. MODEL §5 default 30, assumption.
    pub speed_kmh: f64,
    /// Travel, priority and roster settings of version 2.
    pub model: ResponseModel,
}

impl Params {
    /// Share of response officer-hours on duty in each tour: the demand tour
    /// shares under model version 1; under version 2 `roster_shares` where given.
    pub fn roster_shares(&self) -> [f64; 3] {
        if self.run.model_version == 1 {
            self.demand.tour_shares
        } else {
            self.response
                .model
                .roster_shares
                .unwrap_or(self.demand.tour_shares)
        }
    }
}

impl Response {
    /// Deployable hours one officer gives a week (default 40 × 0.71 = 28.4).
    pub fn deployable_hours(&self) -> f64 {
        self.hours_per_week * self.availability
    }
}

/// `[surge]`: events that pull officers away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surge {
    /// Mean surge events (protests, festivals, major incidents) a week. Default 1.0,
    /// assumption: London polices a large planned or spontaneous event most weeks.
    pub events_per_week: f64,
    /// Median officer-hours one event needs (log-normal). Default 1,500, assumption:
    /// about 190 eight-hour shifts, a large protest or football fixture.
    pub median_officer_hours: f64,
    /// Log-normal sigma of event size. Default 1.2, assumption: with the median above,
    /// about one event every two years needs over 25,000 officer-hours (carnival scale:
    /// several thousand shifts) and one in six years reaches severity 4.
    pub sigma: f64,
    /// Officer-hour thresholds between severities 1|2, 2|3 and 3|4. Default 2,000 /
    /// 10,000 / 40,000, assumption: routine, major, critical, major emergency.
    pub severity_thresholds: [f64; 3],
}

/// `[allocation]`: the method and its settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocationParams {
    pub method: crate::model::AllocationMethod,
    /// Share of the pool after command overhead that goes to other local roles
    /// (investigation, safeguarding, custody, …), whatever the ward policy. Default
    /// 0.72, calibrated: Redbridge ran 139 response officers c. 2015; scaled to London
    /// by population that is about 4,100, which leaves 72% of the status-quo pool
    /// after overhead (17,040) for other roles once ward officers (729) are placed.
    pub other_share: f64,
    /// How other local officers are shared across CUs: this share by recorded crime,
    /// the rest by population. Default 0.5, assumption.
    pub other_crime_share: f64,
    pub optimise: Optimise,
}

/// Settings of the `optimise` method (MODEL §6), ignored by `formula`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Optimise {
    /// In-sample weeks of the sample-average approximation. Default 200 (issue
    /// specification; the optimality-gap check tells whether it is enough).
    pub in_sample_draws: u64,
    /// Planning utilisation ρ*: response capacity counted in the LP is ρ* × deployable
    /// hours. MODEL §6 default 0.85, assumption: queues explode as utilisation nears 1.
    pub planning_utilisation: f64,
    /// ω_R, weight of an unmet response officer-hour. Default 1, assumption: an unmet
    /// hour counts the same whichever role leaves it; change to state a priority.
    pub response_weight: f64,
    /// ω_N, weight of an unmet neighbourhood hour. Default 1, assumption (as above).
    pub neighbourhood_weight: f64,
    /// Weight each ward's neighbourhood shortfall by its harm index over the London
    /// mean (h_w of MODEL §6). Default false: every ward's hour counts the same.
    pub harm_weighting: bool,
    /// Lowest officers per 1,000 residents any borough may have, counted as in
    /// boroughs.csv. Default none.
    pub borough_floor_per_1000: Option<f64>,
    /// Largest share by which a CU's ward plus response officers may rise or fall
    /// from the formula allocation of the same scenario. Default none; the Met's
    /// Resource Allocation Formula capped gains at 2% (0.02).
    pub transition_cap: Option<f64>,
    pub solver: Solver,
    /// Use exact marginal analysis instead of the LP where the problem is separable
    /// (ring-fenced, no floor, no cap, no exceptional surge in the sample). Default true.
    pub fast_path: bool,
    /// Replications of the Mak–Morton–Wood optimality-gap estimate. Default 0 (off):
    /// each one solves the problem again on fresh draws.
    pub gap_batches: u32,
}

/// Which LP solver `optimise` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Solver {
    /// Clarabel, pure Rust interior point (always built).
    Clarabel,
    /// HiGHS, when wardsim is built with `--features highs` (needs cmake).
    Highs,
}

impl Solver {
    /// The name as scenario files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Solver::Clarabel => "clarabel",
            Solver::Highs => "highs",
        }
    }
}

/// Crime index weights for I/S demand, in `CRIME_CATEGORIES` order. Assumption:
/// violent and in-progress crime generates more emergency calls per offence.
pub const DEFAULT_CRIME_WEIGHTS: [f64; 11] =
    [2.0, 2.0, 2.0, 1.5, 0.5, 0.75, 1.0, 0.5, 2.0, 1.5, 0.5];

/// Harm weights for ranking high-harm wards, in `CRIME_CATEGORIES` order.
/// Assumption: ordering after the Cambridge Crime Harm Index.
pub const DEFAULT_HARM_WEIGHTS: [f64; 11] =
    [10.0, 30.0, 20.0, 8.0, 1.0, 1.0, 2.0, 2.0, 10.0, 1.0, 2.0];

impl Default for Params {
    fn default() -> Self {
        Params {
            run: Run {
                seed: 20160101,
                draws: 10_000,
                model_version: DEFAULT_MODEL_VERSION,
                fidelity: Fidelity::Analytic,
            },
            pool: Pool {
                officers: 18_000,
                pcsos: 800,
                overhead_officers_per_unit: 30,
            },
            policy: Policy {
                ward_officers: 1,
                pcsos: 1,
                high_harm_wards: 100,
                high_harm_ward_officers: 2,
                harm_weights: DEFAULT_HARM_WEIGHTS,
                ring_fence: RingFence {
                    enabled: true,
                    exception_severity: 4,
                },
                flex: Flex {
                    trigger_utilisation: 0.85,
                    max_share: 0.5,
                },
                pcso_weight: 0.6,
            },
            demand: Demand {
                i_calls_per_year: I_CALLS_2014,
                s_calls_per_year: S_CALLS_2014,
                population_share: 0.3,
                crime_weights: DEFAULT_CRIME_WEIGHTS,
                london_cv: 0.08,
                ward_cv: 0.25,
                seasonality: true,
                tour_shares: [0.28, 0.42, 0.30],
                neighbourhood: Neighbourhood {
                    base_hours: 12.0,
                    hours_per_1000_residents: 1.2,
                    hours_per_weekly_crime: 0.65,
                },
            },
            response: Response {
                hours_per_week: 40.0,
                availability: 0.71,
                crew_size: 2,
                min_crews_per_tour: 2,
                i_target_minutes: 15.0,
                s_target_minutes: 60.0,
                i_officers: 2.0,
                i_service_hours: 1.5,
                s_officers: 2.0,
                s_service_hours: 2.0,
                turnout_minutes: 2.0,
                road_factor: 1.3,
                speed_kmh: 30.0,
                model: ResponseModel::default(),
            },
            dispatch: Dispatch::default(),
            surge: Surge {
                events_per_week: 1.0,
                median_officer_hours: 1_500.0,
                sigma: 1.2,
                severity_thresholds: [2_000.0, 10_000.0, 40_000.0],
            },
            allocation: AllocationParams {
                method: crate::model::AllocationMethod::Formula,
                other_share: 0.72,
                other_crime_share: 0.5,
                optimise: Optimise {
                    in_sample_draws: 200,
                    planning_utilisation: 0.85,
                    response_weight: 1.0,
                    neighbourhood_weight: 1.0,
                    harm_weighting: false,
                    borough_floor_per_1000: None,
                    transition_cap: None,
                    solver: Solver::Clarabel,
                    fast_path: true,
                    gap_batches: 0,
                },
            },
        }
    }
}

/// London I-grade calls in 2014 (Met figures released early 2015).
pub const I_CALLS_2014: f64 = 482_255.0;
/// London S-grade calls for 2014: no London figure is published, so the 2014 I
/// calls times Redbridge's S:I ratio (14,397 / 10,022 in April–December c. 2015):
/// 482,255 × 1.4365 = 692,778.4, rounded.
pub const S_CALLS_2014: f64 = 692_778.0;

/// Tours of duty: three 8-hour tours a day, seven days a week.
pub const TOURS: [&str; 3] = ["early", "late", "night"];
/// Hours a tour type covers in a week (7 × 8).
pub const TOUR_HOURS_PER_WEEK: f64 = 56.0;
/// Weeks in a year (365.25 / 7).
pub const WEEKS_PER_YEAR: f64 = 52.178_571;
