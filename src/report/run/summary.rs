//! The `Summary`: every estimate of a run with its provenance, in plain types that
//! serialise to `summary.json` and feed the CSV files, the text and the charts.

use crate::model::{Allocation, Metric, Scenario, metric};
use crate::montecarlo::{CHUNK_DRAWS, Results};
use crate::plan::Plan;
use crate::stats::{Estimate, Moments};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a run's numbers come from: tool, scenario, dataset, seed, draws, generator and
/// hashes.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub tool: &'static str,
    pub version: &'static str,
    /// The response model that evaluated the weeks (`[run] model_version`).
    pub model_version: u32,
    /// How weeks were evaluated (`[run] fidelity`): "analytic" or "events".
    pub fidelity: &'static str,
    pub scenario: String,
    pub scenario_file: String,
    pub scenario_hash: String,
    pub dataset: String,
    pub dataset_vintage: String,
    pub dataset_hash: String,
    pub seed: u64,
    pub draws: u64,
    pub chunk_draws: u64,
    pub generator: &'static str,
}

/// Officers by role, in all.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub officers: u64,
    pub pcsos: u64,
    pub ward_officers: u64,
    pub response_officers: u64,
    pub other_officers: u64,
    pub overhead_officers: u64,
}

/// One command unit's officers and estimates.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    pub command_unit: String,
    pub boroughs: Vec<String>,
    pub bases: usize,
    pub population: f64,
    pub ward_officers: u32,
    pub pcsos: u32,
    pub response_officers: u32,
    pub other_officers: u32,
    pub overhead_officers: u32,
    pub officers_per_1000: f64,
    pub expected_response_hours: f64,
    pub metrics: BTreeMap<Metric, Option<Estimate>>,
}

/// One borough's officers (own and shares of its unit's) and estimates.
#[derive(Debug, Clone, Serialize)]
pub struct BoroughRow {
    pub borough_code: String,
    pub borough_name: String,
    pub command_unit: String,
    pub population: f64,
    pub wards: usize,
    pub ward_officers: u32,
    pub pcsos: u32,
    /// Shares of the unit's response, other and overhead officers (fractional).
    pub response_officers: f64,
    pub other_officers: f64,
    pub overhead_officers: f64,
    pub officers: f64,
    pub officers_per_1000: f64,
    pub metrics: BTreeMap<Metric, Option<Estimate>>,
}

/// One ward's officers, expectations and estimates.
#[derive(Debug, Clone, Serialize)]
pub struct WardRow {
    pub ward_code: String,
    pub ward_name: String,
    pub borough_name: String,
    pub command_unit: String,
    pub population: f64,
    pub ward_officers: u32,
    pub pcsos: u32,
    pub expected_i_calls_per_week: f64,
    pub expected_s_calls_per_week: f64,
    pub neighbourhood_demand_hours: f64,
    pub travel_minutes: f64,
    pub metrics: Vec<Option<Estimate>>,
}

/// A model figure next to the published one it is checked against.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    pub what: String,
    pub model: f64,
    pub published: f64,
    pub source: &'static str,
}

/// Every estimate of a run, with its provenance.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub provenance: Provenance,
    pub description: String,
    pub structure: String,
    pub allocation_method: &'static str,
    pub ring_fenced: bool,
    /// What the optimiser reports (`optimise` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimisation: Option<crate::report::OptimisationSummary>,
    pub totals: Totals,
    /// London-wide estimates; `null` where every draw was overloaded.
    pub london: BTreeMap<Metric, Option<Estimate>>,
    pub units: Vec<UnitRow>,
    pub boroughs: Vec<BoroughRow>,
    #[serde(skip)]
    pub wards: Vec<WardRow>,
    /// London I on-time share across draws, as (value, draws) buckets of the
    /// histogram behind its quantiles: for the distribution chart.
    #[serde(skip)]
    pub i_on_time_distribution: Vec<(f64, u64)>,
    pub calibration: Vec<Calibration>,
    /// What the model leaves out, in sentences from the scenario's settings.
    pub leaves_out: Vec<String>,
    pub definitions: BTreeMap<Metric, &'static str>,
}

fn est(m: &Moments) -> Option<Estimate> {
    (m.n > 0).then(|| Estimate::from_parts(m, None))
}

/// An estimate with its CI kept inside the metric's range.
fn bounded(metric: Metric, e: Option<Estimate>) -> Option<Estimate> {
    let (lo, hi) = metric.range();
    e.map(|e| e.within(lo, hi))
}

/// Summarises a run's draw statistics.
pub fn summarise(s: &Scenario, plan: &Plan, a: &Allocation, r: &Results) -> Summary {
    let ds = &s.dataset;
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    let totals = Totals {
        officers: a.total_officers(),
        pcsos: a.total_pcsos(),
        ward_officers: sum(&a.ward_officers),
        response_officers: sum(&a.response_officers),
        other_officers: sum(&a.other_officers),
        overhead_officers: sum(&a.overhead_officers),
    };
    let london = metric::LONDON
        .metrics
        .iter()
        .zip(&r.london)
        .map(|(&name, t)| (name, bounded(name, (t.moments.n > 0).then(|| t.estimate()))))
        .collect();

    // Boroughs: own ward officers plus shares of the unit's pooled officers
    // (response by workload, other by the formula's crime/population mix,
    // overhead by population).
    let p = &s.params;
    let mut boroughs = Vec::new();
    let mut borough_officers = vec![0.0; ds.boroughs.len()];
    let shares = plan.borough_shares(ds, p);
    for (u, unit) in plan.units.iter().enumerate() {
        for &b in &unit.boroughs {
            let wards = &plan.borough_wards[b];
            let share = &shares[b];
            let pop = share.population;
            let response = f64::from(a.response_officers[u]) * share.response;
            let other = f64::from(a.other_officers[u]) * share.other;
            let overhead = f64::from(a.overhead_officers[u]) * share.overhead;
            let ward_officers: u32 = wards.iter().map(|&w| a.ward_officers[w]).sum();
            let officers = f64::from(ward_officers) + response + other + overhead;
            borough_officers[b] = officers;
            boroughs.push(BoroughRow {
                borough_code: ds.boroughs[b].code.clone(),
                borough_name: ds.boroughs[b].name.clone(),
                command_unit: s.structure.units[u].name.clone(),
                population: pop,
                wards: wards.len(),
                ward_officers,
                pcsos: wards.iter().map(|&w| a.pcsos[w]).sum(),
                response_officers: response,
                other_officers: other,
                overhead_officers: overhead,
                officers,
                officers_per_1000: if pop > 0.0 {
                    officers / pop * 1000.0
                } else {
                    0.0
                },
                metrics: metric::BOROUGH
                    .metrics
                    .iter()
                    .zip(&r.boroughs[b])
                    .map(|(&n, m)| (n, bounded(n, est(m))))
                    .collect(),
            });
        }
    }
    boroughs.sort_by(|x, y| x.borough_code.cmp(&y.borough_code));

    let units = plan
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let officers: f64 = unit.boroughs.iter().map(|&b| borough_officers[b]).sum();
            UnitRow {
                command_unit: s.structure.units[u].name.clone(),
                boroughs: unit
                    .boroughs
                    .iter()
                    .map(|&b| ds.boroughs[b].name.clone())
                    .collect(),
                bases: unit.bases,
                population: unit.population,
                ward_officers: unit.wards.iter().map(|&w| a.ward_officers[w]).sum(),
                pcsos: unit.wards.iter().map(|&w| a.pcsos[w]).sum(),
                response_officers: a.response_officers[u],
                other_officers: a.other_officers[u],
                overhead_officers: a.overhead_officers[u],
                officers_per_1000: if unit.population > 0.0 {
                    officers / unit.population * 1000.0
                } else {
                    0.0
                },
                expected_response_hours: unit.workload_hours,
                metrics: metric::UNIT
                    .metrics
                    .iter()
                    .zip(&r.units[u])
                    .map(|(&n, t)| (n, bounded(n, (t.moments.n > 0).then(|| t.estimate()))))
                    .collect(),
            }
        })
        .collect();

    let wards = ds
        .wards
        .iter()
        .enumerate()
        .map(|(w, ward)| WardRow {
            ward_code: ward.code.clone(),
            ward_name: ward.name.clone(),
            borough_name: ds.boroughs[ward.borough.0].name.clone(),
            command_unit: s.structure.units[plan.wards[w].unit].name.clone(),
            population: ward.population,
            ward_officers: a.ward_officers[w],
            pcsos: a.pcsos[w],
            expected_i_calls_per_week: plan.wards[w].i_rate,
            expected_s_calls_per_week: plan.wards[w].s_rate,
            neighbourhood_demand_hours: plan.wards[w].neighbourhood_hours,
            travel_minutes: plan.wards[w].travel_own,
            metrics: metric::WARD
                .metrics
                .iter()
                .zip(&r.wards[w])
                .map(|(&n, m)| bounded(n, est(m)))
                .collect(),
        })
        .collect();

    let calibration = calibrate(&boroughs, r);
    Summary {
        provenance: Provenance {
            tool: "wardsim",
            version: env!("CARGO_PKG_VERSION"),
            model_version: p.run.model_version,
            fidelity: p.run.fidelity.as_str(),
            scenario: s.name.clone(),
            scenario_file: s.file.clone(),
            scenario_hash: s.hash.clone(),
            dataset: ds.name.clone(),
            dataset_vintage: ds.vintage.clone(),
            dataset_hash: ds.hash.clone(),
            seed: p.run.seed,
            draws: r.draws,
            chunk_draws: CHUNK_DRAWS,
            generator: "ChaCha8 (rand_chacha), key from the seed, stream = draw index",
        },
        description: s.description.clone(),
        structure: format!(
            "{} ({} command units)",
            s.structure.kind,
            s.structure.units.len()
        ),
        allocation_method: a.method.as_str(),
        ring_fenced: p.policy.ring_fence.enabled,
        optimisation: a
            .optimisation
            .as_deref()
            .map(crate::report::optimisation::summarise),
        totals,
        london,
        units,
        boroughs,
        wards,
        i_on_time_distribution: r.london[metric::LONDON.index(Metric::IOnTime)]
            .histogram
            .buckets(),
        calibration,
        leaves_out: super::omissions::leaves_out(s),
        definitions: definitions(),
    }
}

/// Published anchors next to the model (MODEL §9): reported, never tuned to.
fn calibrate(boroughs: &[BoroughRow], r: &Results) -> Vec<Calibration> {
    let mut out = Vec::new();
    let per_1000 = [
        ("Harrow", 1.43),
        ("Hillingdon", 1.79),
        ("Ealing", 1.96),
        ("Brent", 1.81),
    ];
    for (name, published) in per_1000 {
        if let Some(b) = boroughs.iter().find(|b| b.borough_name == name) {
            out.push(Calibration {
                what: format!("{name} officers per 1,000 residents"),
                model: b.officers_per_1000,
                published,
                source: "published borough figures, Dec 2015 (MODEL §3)",
            });
        }
    }
    if let Some(b) = boroughs.iter().find(|b| b.borough_name == "Harrow") {
        out.push(Calibration {
            what: "Harrow officers".into(),
            model: b.officers,
            published: 351.0,
            source: "Harrow borough strength, Dec 2015 (MODEL §3)",
        });
    }
    if !out.is_empty() {
        out.push(Calibration {
            what: "London I calls on time (share), 2014".into(),
            model: r.london[metric::LONDON.index(Metric::IOnTime)].moments.mean,
            published: 0.926,
            source: "Met, 2014: 92.6% of 482,255 I calls within 15 minutes (the calibration year, MODEL §4); compare at the 2014 pool",
        });
    }
    out
}

/// What each London metric means, and officers per 1,000, from the catalogue.
fn definitions() -> BTreeMap<Metric, &'static str> {
    metric::LONDON
        .metrics
        .iter()
        .copied()
        .chain([Metric::OfficersPer1000])
        .map(|m| (m, m.info().description))
        .collect()
}
