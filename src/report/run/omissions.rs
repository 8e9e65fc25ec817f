//! What the model leaves out, in plain sentences generated from the scenario's
//! own settings, so a reader knows what the figures cannot show (MODEL §8).
//! Shown in every run's and comparison's `report.html` and kept in
//! `summary.json`.
//!
//! Reads settings only; it computes no figure.

use crate::chart::thousands;
use crate::model::Scenario;
use crate::model::params::{Channels, Deployment, Fidelity, TravelModel};

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The sentences for one scenario, most consequential first.
pub fn leaves_out(s: &Scenario) -> Vec<String> {
    let p = &s.params;
    let r = &p.response;
    let mut out = Vec::new();
    out.push(match (p.run.model_version, r.model.travel_model) {
        (2, TravelModel::Patrol) => format!(
            "No road network: a drive is the straight-line distance to the nearest free patrolling crew times a road factor of {} at {} km/h, with a random spread (log-σ {}); no congestion by hour, one-way streets or river crossings.",
            r.road_factor, r.speed_kmh, r.model.travel_sigma
        ),
        _ => format!(
            "No road network: a drive is the straight-line distance from a base to the ward (its centroid, or points over its land) times a road factor of {} at {} km/h; crews are not where the last call left them.",
            r.road_factor, r.speed_kmh
        ),
    });
    let t = p.demand.tour_shares;
    out.push(format!(
        "No peaks inside a tour: calls come evenly through each 8-hour tour (early, late and night take {}, {} and {} of the week's calls), and every day of the week is alike.",
        pct(t[0]),
        pct(t[1]),
        pct(t[2])
    ));
    out.push(format!(
        "Demand is the calibration year's volume ({} I and {} S calls a year), shared across wards by crime and population, whatever year the scenario stands for; it does not respond to policing.",
        thousands(p.demand.i_calls_per_year),
        thousands(p.demand.s_calls_per_year)
    ));
    if p.run.model_version == 2 {
        out.push(match p.run.fidelity {
            Fidelity::Analytic => "Queues are worked out by formula for each tour (the analytic path), not call by call; simulated call by call (`[run] fidelity = \"events\"`) S on time comes out a few points lower.".to_string(),
            Fidelity::Events => "Every call is simulated, but crews, channels and travel follow the same simplified rules as the analytic path; only the queues are exact.".to_string(),
        });
        let channels = match p.dispatch.channels {
            Channels::PerBorough => "one radio channel per borough".to_string(),
            Channels::PerUnit => "one radio channel per command unit".to_string(),
            Channels::Count(k) => format!("{k} radio channels per command unit"),
        };
        out.push(format!(
            "Dispatch is {channels}, with other traffic a fixed {} of its jobs; the call-handling centre before it (answering and grading calls) is not modelled.",
            pct(p.dispatch.other_traffic_share)
        ));
        if p.dispatch.deployment == Deployment::BoroughLines {
            out.push("Under borough lines only I calls cross to a free crew of another borough of the unit; S calls wait for their own borough's crews.".into());
        }
    }
    out.push(format!(
        "Other local officers (investigation, safeguarding, custody: {} of the pool after command overhead) are counted in officers per 1,000 but never answer calls or give aid.",
        pct(p.allocation.other_share)
    ));
    out.push(if p.surge.events_per_week > 0.0 {
        "Major events are anonymous lumps of officer-hours in a week, taken from every command's response officers in proportion (and from ward officers where the ring-fence allows); they have no host borough, no duration in tours, no rest-day working and no recall of off-duty officers, and officers never give aid outside their command otherwise.".into()
    } else {
        "No major events are drawn (`[surge] events_per_week = 0`), and officers never give aid outside their command.".into()
    });
    out.push(format!(
        "Every week each officer gives the same {} of contracted hours: no seasonal leave, sickness waves or training blocks.",
        pct(r.availability)
    ));
    out
}
