//! What a scenario implies before any randomness: expected weekly demand per ward,
//! travel times from response bases, seasonal factors, and per-unit lookups.
//! Built once per scenario; shared by the allocation and every draw.

mod disc;
mod field;
mod patrol;

pub use disc::{ATOMS, within as disc_within};
pub use field::{Field, drive_minutes};
pub use patrol::{PatrolShape, QUANTILES, mean_drive};

use crate::model::params::{TOUR_HOURS_PER_WEEK, WEEKS_PER_YEAR};
use crate::model::{Dataset, Params, Scenario, Structure};

/// What a ward expects in a week, and its travel times.
#[derive(Debug, Clone)]
pub struct WardPlan {
    pub borough: usize,
    pub unit: usize,
    /// Expected I and S calls a week.
    pub i_rate: f64,
    pub s_rate: f64,
    /// Expected neighbourhood demand, hours a week.
    pub neighbourhood_hours: f64,
    /// Minutes from the ward's own base (turnout plus drive).
    pub travel_own: f64,
    /// Minutes from the nearest other base of its unit, if the unit has several.
    pub travel_alt: Option<f64>,
    /// Which of the unit's bases is the ward's own.
    pub base: usize,
    /// Harm index used to rank high-harm wards.
    pub harm: f64,
    /// Land area, km².
    pub area_km2: f64,
    /// `travel_model = "disc"` only: travel times to calls spread over the
    /// ward's land from its own base and from the nearest other base, as equally
    /// likely values (sorted).
    pub disc_own: Option<[f64; ATOMS]>,
    pub disc_alt: Option<[f64; ATOMS]>,
}

/// A command unit's wards, boroughs, bases and expected workload.
#[derive(Debug, Clone)]
pub struct UnitPlan {
    pub wards: Vec<usize>,
    pub boroughs: Vec<usize>,
    pub bases: usize,
    /// Share of the unit's expected response workload at each base.
    pub base_share: Vec<f64>,
    /// Expected response workload, officer-hours a week (travel included).
    pub workload_hours: f64,
    pub population: f64,
    pub crime: f64,
    /// Where the unit's free crews patrol (version 2 travel).
    pub field: Field,
    /// Each of `boroughs`' own field, for deployment on borough lines.
    pub borough_fields: Vec<Field>,
    /// Each of `boroughs`' share of the unit's expected response workload: its
    /// share of the unit's crews when crews keep to borough lines.
    pub borough_workload_share: Vec<f64>,
}

/// What a scenario implies before randomness, ward by ward and unit by unit.
#[derive(Debug, Clone)]
pub struct Plan {
    pub wards: Vec<WardPlan>,
    pub units: Vec<UnitPlan>,
    /// `season[borough][month]`: that month's crime over the borough's monthly mean.
    pub season: Vec<Vec<f64>>,
    pub borough_wards: Vec<Vec<usize>>,
    /// Deployable hours per officer per week.
    pub hours: f64,
    /// The drive-time shape of patrol travel for the scenario's `travel_sigma`.
    pub patrol: PatrolShape,
}

impl Plan {
    /// Plans a scenario.
    pub fn new(scenario: &Scenario) -> Plan {
        build(&scenario.dataset, &scenario.structure, &scenario.params)
    }

    /// Officer-hours one call of each grade takes at ward w (travel both ways).
    pub fn call_hours(&self, p: &Params, w: usize) -> (f64, f64) {
        let travel_h = 2.0 * self.wards[w].travel_own / 60.0;
        (
            p.response.i_officers * (p.response.i_service_hours + travel_h),
            p.response.s_officers * (p.response.s_service_hours + travel_h),
        )
    }

    /// Response officers a unit needs to field `min_crews_per_tour` in its thinnest
    /// rostered tour.
    pub fn min_response_officers(p: &Params) -> u32 {
        let thinnest = p
            .roster_shares()
            .iter()
            .cloned()
            .fold(f64::INFINITY, f64::min);
        let on_duty = f64::from(p.response.min_crews_per_tour * p.response.crew_size);
        (on_duty * TOUR_HOURS_PER_WEEK / (p.response.deployable_hours() * thinnest)).ceil() as u32
    }
}

/// How a borough counts its command unit's shared officers: the shares of the
/// unit's response, other and overhead officers it is credited with.
#[derive(Debug, Clone, PartialEq)]
pub struct BoroughShare {
    pub unit: usize,
    pub population: f64,
    /// By expected response workload.
    pub response: f64,
    /// By `other_crime_share` of recorded crime and the rest of population.
    pub other: f64,
    /// By population.
    pub overhead: f64,
}

impl Plan {
    /// Every borough's shares of its unit's officers, in borough order.
    pub fn borough_shares(&self, ds: &Dataset, p: &Params) -> Vec<BoroughShare> {
        let frac = |x: f64, total: f64| if total > 0.0 { x / total } else { 0.0 };
        let c = p.allocation.other_crime_share;
        self.borough_wards
            .iter()
            .map(|wards| {
                let unit = wards.first().map_or(0, |&w| self.wards[w].unit);
                let u = &self.units[unit];
                let mut work = 0.0;
                for &w in wards {
                    let (hi, hs) = self.call_hours(p, w);
                    work += self.wards[w].i_rate * hi + self.wards[w].s_rate * hs;
                }
                let pop: f64 = wards.iter().map(|&w| ds.wards[w].population).sum();
                let crime: f64 = wards.iter().map(|&w| ds.wards[w].crime_2018_total()).sum();
                BoroughShare {
                    unit,
                    population: pop,
                    response: frac(work, u.workload_hours),
                    other: c * frac(crime, u.crime) + (1.0 - c) * frac(pop, u.population),
                    overhead: frac(pop, u.population),
                }
            })
            .collect()
    }
}

fn distance_minutes(p: &Params, de: f64, dn: f64) -> f64 {
    let km = (de * de + dn * dn).sqrt() / 1000.0;
    p.response.turnout_minutes + p.response.road_factor * km / p.response.speed_kmh * 60.0
}

fn build(ds: &Dataset, st: &Structure, p: &Params) -> Plan {
    let d = &p.demand;
    let crime_index: Vec<f64> = ds
        .wards
        .iter()
        .map(|w| {
            w.crime_2018
                .iter()
                .zip(&d.crime_weights)
                .map(|(c, k)| c * k)
                .sum()
        })
        .collect();
    let total_index: f64 = crime_index.iter().sum::<f64>().max(1e-9);
    let total_pop: f64 = ds.population().max(1e-9);
    let mut wards = Vec::with_capacity(ds.wards.len());
    for (i, w) in ds.wards.iter().enumerate() {
        let share = d.population_share * w.population / total_pop
            + (1.0 - d.population_share) * crime_index[i] / total_index;
        let unit = st.unit_of_borough[w.borough.0].0;
        let bases = &st.units[unit].bases;
        let base = bases
            .iter()
            .position(|b| b.borough == Some(w.borough))
            .unwrap_or(0);
        let minutes = |b: &crate::model::Base| {
            distance_minutes(p, b.easting - w.easting, b.northing - w.northing)
        };
        let travel_own = minutes(&bases[base]);
        let alt = bases
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != base)
            .map(|(j, b)| (j, minutes(b)))
            .fold(None, |acc: Option<(usize, f64)>, (j, t)| match acc {
                Some((_, a)) if a <= t => acc,
                _ => Some((j, t)),
            });
        let travel_alt = alt.map(|(_, t)| t);
        let disc = p.response.model.travel_model == crate::model::params::TravelModel::Disc;
        let radius = field::disc_radius_km(ds, i) * 1000.0;
        let from = |b: &crate::model::Base| {
            let (de, dn) = (b.easting - w.easting, b.northing - w.northing);
            disc::disc_atoms(p, (de * de + dn * dn).sqrt(), radius)
        };
        let disc_own = disc.then(|| from(&bases[base]));
        let disc_alt = alt.filter(|_| disc).map(|(j, _)| from(&bases[j]));
        let nb = &d.neighbourhood;
        let neighbourhood_hours = nb.base_hours
            + nb.hours_per_1000_residents * w.population / 1000.0
            + nb.hours_per_weekly_crime * w.crime_2018_total() / WEEKS_PER_YEAR;
        let harm = w
            .crime_2018
            .iter()
            .zip(&p.policy.harm_weights)
            .map(|(c, k)| c * k)
            .sum();
        wards.push(WardPlan {
            borough: w.borough.0,
            unit,
            i_rate: d.i_calls_per_year / WEEKS_PER_YEAR * share,
            s_rate: d.s_calls_per_year / WEEKS_PER_YEAR * share,
            neighbourhood_hours,
            travel_own,
            travel_alt,
            base,
            harm,
            area_km2: w.land_area_ha / 100.0,
            disc_own,
            disc_alt,
        });
    }
    let borough_wards: Vec<Vec<usize>> = ds
        .boroughs
        .iter()
        .map(|b| b.wards.iter().map(|w| w.0).collect())
        .collect();
    let season = borough_wards
        .iter()
        .map(|ws| {
            let months = ds.months.len();
            let totals: Vec<f64> = (0..months)
                .map(|m| ws.iter().map(|&w| ds.monthly_crime[w][m]).sum())
                .collect();
            let mean = totals.iter().sum::<f64>() / months.max(1) as f64;
            if mean > 0.0 {
                totals.iter().map(|t| t / mean).collect()
            } else {
                vec![1.0; months]
            }
        })
        .collect();
    let mut plan = Plan {
        wards,
        units: Vec::new(),
        season,
        borough_wards,
        hours: p.response.deployable_hours(),
        patrol: PatrolShape::new(p.response.model.travel_sigma),
    };
    plan.units = st
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let wards: Vec<usize> = (0..plan.wards.len())
                .filter(|&w| plan.wards[w].unit == u)
                .collect();
            let mut base_load = vec![0.0; unit.bases.len()];
            let mut workload = 0.0;
            for &w in &wards {
                let (hi, hs) = plan.call_hours(p, w);
                let load = plan.wards[w].i_rate * hi + plan.wards[w].s_rate * hs;
                base_load[plan.wards[w].base] += load;
                workload += load;
            }
            let base_share = base_load
                .iter()
                .map(|l| {
                    if workload > 0.0 {
                        l / workload
                    } else {
                        1.0 / base_load.len() as f64
                    }
                })
                .collect();
            let calls: Vec<f64> = plan.wards.iter().map(|w| w.i_rate + w.s_rate).collect();
            let mut borough_load = vec![0.0; unit.boroughs.len()];
            for &w in &wards {
                let (hi, hs) = plan.call_hours(p, w);
                let b = unit
                    .boroughs
                    .iter()
                    .position(|b| b.0 == plan.wards[w].borough)
                    .unwrap_or(0);
                borough_load[b] += plan.wards[w].i_rate * hi + plan.wards[w].s_rate * hs;
            }
            let borough_fields = unit
                .boroughs
                .iter()
                .map(|b| field::field(ds, p, &plan.borough_wards[b.0], &calls))
                .collect();
            UnitPlan {
                field: field::field(ds, p, &wards, &calls),
                borough_fields,
                borough_workload_share: borough_load
                    .iter()
                    .map(|l| {
                        if workload > 0.0 {
                            l / workload
                        } else {
                            1.0 / unit.boroughs.len() as f64
                        }
                    })
                    .collect(),
                wards: wards.clone(),
                boroughs: unit.boroughs.iter().map(|b| b.0).collect(),
                bases: unit.bases.len(),
                base_share,
                workload_hours: workload,
                population: wards.iter().map(|&w| ds.wards[w].population).sum(),
                crime: wards.iter().map(|&w| ds.wards[w].crime_2018_total()).sum(),
            }
        })
        .collect();
    plan
}
