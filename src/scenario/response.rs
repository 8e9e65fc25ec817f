//! Reading `[response]` (crews, targets, travel, and the version 2 travel,
//! priority and roster keys) and `[dispatch]` over the defaults of
//! `model::params`.

use toml::de::DeValue;

use super::diagnostic::Sink;
use super::reader::{Section, describe, section};
use crate::model::params::{
    Channels, Deployment, Dispatch, PatrolWeighting, Response, ResponseModel, TourChange,
    TravelModel,
};

pub(super) fn read_response(top: &Section, sink: &mut Sink, d: &Response) -> Response {
    let Some(s) = section(top, sink, "response", "response") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "hours_per_week",
            "availability",
            "crew_size",
            "min_crews_per_tour",
            "i_target_minutes",
            "s_target_minutes",
            "i_officers",
            "i_service_hours",
            "s_officers",
            "s_service_hours",
            "turnout_minutes",
            "road_factor",
            "speed_kmh",
            "travel_model",
            "travel_sigma",
            "patrol_weighting",
            "patrol_k",
            "divertible_share",
            "roster_shares",
            "s_patience_hours",
            "tour_change",
        ],
    );
    Response {
        hours_per_week: s.number(sink, "hours_per_week", d.hours_per_week, 1.0, 100.0),
        availability: s.number(sink, "availability", d.availability, 0.05, 1.0),
        crew_size: s.integer(sink, "crew_size", d.crew_size.into(), 1, 10) as u32,
        min_crews_per_tour: s.integer(
            sink,
            "min_crews_per_tour",
            d.min_crews_per_tour.into(),
            1,
            1_000,
        ) as u32,
        i_target_minutes: s.number(sink, "i_target_minutes", d.i_target_minutes, 1.0, 1_440.0),
        s_target_minutes: s.number(sink, "s_target_minutes", d.s_target_minutes, 1.0, 1_440.0),
        i_officers: s.number(sink, "i_officers", d.i_officers, 1.0, 20.0),
        i_service_hours: s.number(sink, "i_service_hours", d.i_service_hours, 0.05, 24.0),
        s_officers: s.number(sink, "s_officers", d.s_officers, 1.0, 20.0),
        s_service_hours: s.number(sink, "s_service_hours", d.s_service_hours, 0.05, 24.0),
        turnout_minutes: s.number(sink, "turnout_minutes", d.turnout_minutes, 0.0, 60.0),
        road_factor: s.number(sink, "road_factor", d.road_factor, 1.0, 5.0),
        speed_kmh: s.number(sink, "speed_kmh", d.speed_kmh, 1.0, 200.0),
        model: read_model(&s, sink, &d.model),
    }
}

fn read_model(s: &Section, sink: &mut Sink, d: &ResponseModel) -> ResponseModel {
    let travel_model = match s
        .choice(
            sink,
            "travel_model",
            &TravelModel::KEYS,
            d.travel_model.as_str(),
        )
        .as_str()
    {
        "centroid" => TravelModel::Centroid,
        "disc" => TravelModel::Disc,
        _ => TravelModel::Patrol,
    };
    let weighting = match d.patrol_weighting {
        PatrolWeighting::Area => "area",
        PatrolWeighting::Demand => "demand",
    };
    let patrol_weighting = match s
        .choice(sink, "patrol_weighting", &["area", "demand"], weighting)
        .as_str()
    {
        "demand" => PatrolWeighting::Demand,
        _ => PatrolWeighting::Area,
    };
    let roster_shares = s.get("roster_shares").map(|v| {
        // Every tour needs some crews on duty, or its calls are never answered.
        let shares = s.numbers(sink, "roster_shares", [1.0 / 3.0; 3], 0.05, 0.9);
        let total: f64 = shares.iter().sum();
        if (total - 1.0).abs() > 1e-6 {
            sink.error(
                v.span(),
                "`response.roster_shares` must add up to 1".into(),
                "three shares adding up to 1".into(),
                format!("a total of {}", super::reader::fmt_num(total)),
            );
        }
        shares
    });
    ResponseModel {
        travel_model,
        travel_sigma: s.number(sink, "travel_sigma", d.travel_sigma, 0.0, 2.0),
        patrol_weighting,
        patrol_k: s.number(sink, "patrol_k", d.patrol_k, 0.05, 5.0),
        divertible_share: s.number(sink, "divertible_share", d.divertible_share, 0.0, 1.0),
        roster_shares: roster_shares.or(d.roster_shares),
        s_patience_hours: s
            .get("s_patience_hours")
            .map(|_| s.number(sink, "s_patience_hours", 1.0, 0.1, 168.0))
            .or(d.s_patience_hours),
        tour_change: match s
            .choice(
                sink,
                "tour_change",
                &["carry", "overtime"],
                match d.tour_change {
                    TourChange::Carry => "carry",
                    TourChange::Overtime => "overtime",
                },
            )
            .as_str()
        {
            "overtime" => TourChange::Overtime,
            _ => TourChange::Carry,
        },
    }
}

pub(super) fn read_dispatch(top: &Section, sink: &mut Sink, d: &Dispatch) -> Dispatch {
    let Some(s) = section(top, sink, "dispatch", "dispatch") else {
        return d.clone();
    };
    s.deny_unknown(
        sink,
        &[
            "channels",
            "handling_minutes",
            "handling_cv",
            "other_traffic_share",
            "deployment",
        ],
    );
    let channels = match s.get("channels").map(|v| (v, v.get_ref())) {
        None => d.channels,
        Some((_, DeValue::Integer(_))) => {
            Channels::Count(s.integer(sink, "channels", 1, 1, 1_000) as u32)
        }
        Some((_, DeValue::String(_))) => {
            match s
                .choice(
                    sink,
                    "channels",
                    &["per_borough", "per_unit"],
                    "per_borough",
                )
                .as_str()
            {
                "per_unit" => Channels::PerUnit,
                _ => Channels::PerBorough,
            }
        }
        Some((v, other)) => {
            sink.error(
                v.span(),
                "`dispatch.channels` has the wrong type".into(),
                "\"per_borough\", \"per_unit\" or a whole number of channels per unit".into(),
                describe(other),
            );
            d.channels
        }
    };
    let deployment = match d.deployment {
        Deployment::Unit => "unit",
        Deployment::BoroughLines => "borough_lines",
    };
    let deployment = match s
        .choice(sink, "deployment", &["unit", "borough_lines"], deployment)
        .as_str()
    {
        "borough_lines" => Deployment::BoroughLines,
        _ => Deployment::Unit,
    };
    Dispatch {
        channels,
        handling_minutes: s.number(sink, "handling_minutes", d.handling_minutes, 0.01, 120.0),
        handling_cv: s.number(sink, "handling_cv", d.handling_cv, 0.0, 5.0),
        other_traffic_share: s.number(
            sink,
            "other_traffic_share",
            d.other_traffic_share,
            0.0,
            0.95,
        ),
        deployment,
    }
}
