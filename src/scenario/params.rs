//! Reading the parameter tables ([run], [pool], [policy], [demand], [surge],
//! [allocation]) over the defaults of `model::params`; `[response]` and
//! `[dispatch]` are read by `response`.

use super::diagnostic::Sink;
use super::reader::{Section, fmt_num, section};
use crate::model::params::{
    AllocationParams, Demand, Fidelity, Flex, Neighbourhood, Optimise, Policy, Pool, RingFence,
    Run, Solver, Surge,
};
use crate::model::{AllocationMethod, CRIME_CATEGORIES, Params};

const INF: f64 = f64::INFINITY;

pub fn read(top: &Section, sink: &mut Sink) -> Params {
    let d = Params::default();
    Params {
        run: read_run(top, sink, &d.run),
        pool: read_pool(top, sink, &d.pool),
        policy: read_policy(top, sink, &d.policy),
        demand: read_demand(top, sink, &d.demand),
        response: super::response::read_response(top, sink, &d.response),
        dispatch: super::response::read_dispatch(top, sink, &d.dispatch),
        surge: read_surge(top, sink, &d.surge),
        allocation: read_allocation(top, sink, &d.allocation),
    }
}

fn read_run(top: &Section, sink: &mut Sink, d: &Run) -> Run {
    let Some(s) = section(top, sink, "run", "run") else {
        return d.clone();
    };
    s.deny_unknown(sink, &["seed", "draws", "model_version", "fidelity"]);
    let model_version = s.integer(sink, "model_version", d.model_version.into(), 1, 2) as u32;
    let fidelity = match s
        .choice(sink, "fidelity", &Fidelity::KEYS, d.fidelity.as_str())
        .as_str()
    {
        "events" => Fidelity::Events,
        _ => Fidelity::Analytic,
    };
    if fidelity == Fidelity::Events
        && model_version == 1
        && let Some(v) = s.get("fidelity")
    {
        sink.error(
            v.span(),
            "`run.fidelity = \"events\"` simulates the version 2 response model".into(),
            "`model_version = 2` (or no `model_version`) with the event-level simulation".into(),
            "`model_version = 1`".into(),
        );
    }
    Run {
        seed: s.integer(sink, "seed", d.seed, 0, i64::MAX as u64),
        draws: s.integer(sink, "draws", d.draws, 2, 100_000_000),
        model_version,
        fidelity,
    }
}

fn read_pool(top: &Section, sink: &mut Sink, d: &Pool) -> Pool {
    let Some(s) = section(top, sink, "pool", "pool") else {
        return d.clone();
    };
    s.deny_unknown(sink, &["officers", "pcsos", "overhead_officers_per_unit"]);
    Pool {
        officers: s.integer(sink, "officers", d.officers.into(), 1, 1_000_000) as u32,
        pcsos: s.integer(sink, "pcsos", d.pcsos.into(), 0, 1_000_000) as u32,
        overhead_officers_per_unit: s.integer(
            sink,
            "overhead_officers_per_unit",
            d.overhead_officers_per_unit.into(),
            0,
            10_000,
        ) as u32,
    }
}

fn categories(
    parent: &Section,
    sink: &mut Sink,
    key: &str,
    path: &str,
    default: [f64; 11],
) -> [f64; 11] {
    let Some((t, span)) = parent.table(sink, key) else {
        return default;
    };
    let s = Section::new(path, t, span);
    s.deny_unknown(sink, &CRIME_CATEGORIES);
    let mut out = default;
    for (i, c) in CRIME_CATEGORIES.iter().enumerate() {
        out[i] = s.number(sink, c, default[i], 0.0, 1_000.0);
    }
    out
}

fn read_policy(top: &Section, sink: &mut Sink, d: &Policy) -> Policy {
    let Some(s) = section(top, sink, "policy", "policy") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "ward_officers",
            "pcsos",
            "high_harm_wards",
            "high_harm_ward_officers",
            "harm_weights",
            "ring_fence",
            "flex",
            "pcso_weight",
        ],
    );
    let ring_fence = match section(&s, sink, "ring_fence", "policy.ring_fence") {
        None => d.ring_fence.clone(),
        Some(r) => {
            r.deny_unknown(sink, &["enabled", "exception_severity"]);
            RingFence {
                enabled: r.boolean(sink, "enabled", d.ring_fence.enabled),
                exception_severity: r.integer(
                    sink,
                    "exception_severity",
                    d.ring_fence.exception_severity.into(),
                    1,
                    5,
                ) as u8,
            }
        }
    };
    let flex = match section(&s, sink, "flex", "policy.flex") {
        None => d.flex.clone(),
        Some(f) => {
            f.deny_unknown(sink, &["trigger_utilisation", "max_share"]);
            Flex {
                trigger_utilisation: f.number(
                    sink,
                    "trigger_utilisation",
                    d.flex.trigger_utilisation,
                    0.05,
                    0.99,
                ),
                max_share: f.number(sink, "max_share", d.flex.max_share, 0.0, 1.0),
            }
        }
    };
    let harm_weights = categories(
        &s,
        sink,
        "harm_weights",
        "policy.harm_weights",
        d.harm_weights,
    );
    Policy {
        ward_officers: s.integer(sink, "ward_officers", d.ward_officers.into(), 0, 50) as u32,
        pcsos: s.integer(sink, "pcsos", d.pcsos.into(), 0, 50) as u32,
        high_harm_wards: s.integer(
            sink,
            "high_harm_wards",
            d.high_harm_wards.into(),
            0,
            100_000,
        ) as u32,
        high_harm_ward_officers: s.integer(
            sink,
            "high_harm_ward_officers",
            d.high_harm_ward_officers.into(),
            0,
            50,
        ) as u32,
        harm_weights,
        ring_fence,
        flex,
        pcso_weight: s.number(sink, "pcso_weight", d.pcso_weight, 0.0, 1.0),
    }
}

fn read_demand(top: &Section, sink: &mut Sink, d: &Demand) -> Demand {
    let Some(s) = section(top, sink, "demand", "demand") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "i_calls_per_year",
            "s_calls_per_year",
            "population_share",
            "crime_weights",
            "london_cv",
            "ward_cv",
            "seasonality",
            "tour_shares",
            "neighbourhood",
        ],
    );
    let tour_shares = s.numbers(sink, "tour_shares", d.tour_shares, 0.01, 1.0);
    if let Some(v) = s.get("tour_shares") {
        let total: f64 = tour_shares.iter().sum();
        if (total - 1.0).abs() > 1e-6 {
            sink.error(
                v.span(),
                "`demand.tour_shares` must add up to 1".into(),
                "three shares summing to 1".into(),
                format!("a sum of {}", fmt_num(total)),
            );
        }
    }
    let neighbourhood = match section(&s, sink, "neighbourhood", "demand.neighbourhood") {
        None => d.neighbourhood.clone(),
        Some(n) => {
            n.deny_unknown(
                sink,
                &[
                    "base_hours",
                    "hours_per_1000_residents",
                    "hours_per_weekly_crime",
                ],
            );
            let dn = &d.neighbourhood;
            Neighbourhood {
                base_hours: n.number(sink, "base_hours", dn.base_hours, 0.0, 1_000.0),
                hours_per_1000_residents: n.number(
                    sink,
                    "hours_per_1000_residents",
                    dn.hours_per_1000_residents,
                    0.0,
                    1_000.0,
                ),
                hours_per_weekly_crime: n.number(
                    sink,
                    "hours_per_weekly_crime",
                    dn.hours_per_weekly_crime,
                    0.0,
                    1_000.0,
                ),
            }
        }
    };
    Demand {
        i_calls_per_year: s.number(sink, "i_calls_per_year", d.i_calls_per_year, 0.0, 1e9),
        s_calls_per_year: s.number(sink, "s_calls_per_year", d.s_calls_per_year, 0.0, 1e9),
        population_share: s.number(sink, "population_share", d.population_share, 0.0, 1.0),
        crime_weights: categories(
            &s,
            sink,
            "crime_weights",
            "demand.crime_weights",
            d.crime_weights,
        ),
        london_cv: s.number(sink, "london_cv", d.london_cv, 0.0, 2.0),
        ward_cv: s.number(sink, "ward_cv", d.ward_cv, 0.0, 5.0),
        seasonality: s.boolean(sink, "seasonality", d.seasonality),
        tour_shares,
        neighbourhood,
    }
}

fn read_surge(top: &Section, sink: &mut Sink, d: &Surge) -> Surge {
    let Some(s) = section(top, sink, "surge", "surge") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "events_per_week",
            "median_officer_hours",
            "sigma",
            "severity_thresholds",
        ],
    );
    let thresholds = s.numbers(sink, "severity_thresholds", d.severity_thresholds, 0.0, INF);
    if let Some(v) = s.get("severity_thresholds")
        && !(thresholds[0] < thresholds[1] && thresholds[1] < thresholds[2])
    {
        sink.error(
            v.span(),
            "`surge.severity_thresholds` must increase".into(),
            "three officer-hour thresholds in increasing order".into(),
            format!("{thresholds:?}"),
        );
    }
    Surge {
        events_per_week: s.number(sink, "events_per_week", d.events_per_week, 0.0, 100.0),
        median_officer_hours: s.number(
            sink,
            "median_officer_hours",
            d.median_officer_hours,
            0.0,
            1e7,
        ),
        sigma: s.number(sink, "sigma", d.sigma, 0.0, 5.0),
        severity_thresholds: thresholds,
    }
}

fn read_allocation(top: &Section, sink: &mut Sink, d: &AllocationParams) -> AllocationParams {
    let Some(s) = section(top, sink, "allocation", "allocation") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "method",
            "other_share",
            "other_crime_share",
            "in_sample_draws",
            "planning_utilisation",
            "response_weight",
            "neighbourhood_weight",
            "harm_weighting",
            "borough_floor_per_1000",
            "transition_cap",
            "solver",
            "fast_path",
            "gap_batches",
        ],
    );
    let method = match s
        .choice(sink, "method", &["formula", "optimise"], d.method.as_str())
        .as_str()
    {
        "optimise" => AllocationMethod::Optimise,
        _ => AllocationMethod::Formula,
    };
    let o = &d.optimise;
    let optional = |sink: &mut Sink, key: &str, max: f64| {
        s.get(key)
            .is_some()
            .then(|| s.number(sink, key, 0.0, 0.0, max))
    };
    let solver = match s
        .choice(sink, "solver", &["clarabel", "highs"], o.solver.as_str())
        .as_str()
    {
        "highs" => Solver::Highs,
        _ => Solver::Clarabel,
    };
    if solver == Solver::Highs
        && !cfg!(feature = "highs")
        && let Some(v) = s.get("solver")
    {
        sink.push(
            v.span(),
            "`allocation.solver` is not available in this build".into(),
            "\"clarabel\"".into(),
            "\"highs\"".into(),
            Some("HiGHS needs wardsim built with `--features highs` (and cmake)".into()),
        );
    }
    AllocationParams {
        method,
        other_share: s.number(sink, "other_share", d.other_share, 0.0, 0.99),
        other_crime_share: s.number(sink, "other_crime_share", d.other_crime_share, 0.0, 1.0),
        optimise: Optimise {
            in_sample_draws: s.integer(sink, "in_sample_draws", o.in_sample_draws, 1, 100_000),
            planning_utilisation: s.number(
                sink,
                "planning_utilisation",
                o.planning_utilisation,
                0.05,
                1.0,
            ),
            response_weight: s.number(sink, "response_weight", o.response_weight, 0.0, 1e6),
            neighbourhood_weight: s.number(
                sink,
                "neighbourhood_weight",
                o.neighbourhood_weight,
                0.0,
                1e6,
            ),
            harm_weighting: s.boolean(sink, "harm_weighting", o.harm_weighting),
            borough_floor_per_1000: optional(sink, "borough_floor_per_1000", 100.0),
            transition_cap: optional(sink, "transition_cap", 1.0),
            solver,
            fast_path: s.boolean(sink, "fast_path", o.fast_path),
            gap_batches: s.integer(sink, "gap_batches", u64::from(o.gap_batches), 0, 1000) as u32,
        },
    }
}
