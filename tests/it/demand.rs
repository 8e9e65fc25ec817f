//! The demand sampler: counts are negative binomial (gamma-mixed Poisson) with
//! the mean and variance the model says.

use super::common::london;
use wardsim::plan::Plan;
use wardsim::scenario::DatasetCache;
use wardsim::week::{DrawDemand, draw_rng, sample_demand};

#[test]
fn borough_counts_have_negative_binomial_mean_and_variance() {
    let mut cache = DatasetCache::default();
    let cv = 0.5;
    let s = london(
        &format!(
            "schema_version = 1\n[demand]\nlondon_cv = 0.0\nward_cv = {cv}\nseasonality = false\n[surge]\nevents_per_week = 0.0\n"
        ),
        &mut cache,
    );
    let plan = Plan::new(&s);
    let b = 0; // first borough
    let lambdas: Vec<f64> = plan.borough_wards[b]
        .iter()
        .map(|&w| plan.wards[w].i_rate)
        .collect();
    let mean: f64 = lambdas.iter().sum();
    // N = Poisson(sum_w lambda_w * eps_w), eps_w ~ Gamma(mean 1, cv):
    // E N = sum lambda; Var N = sum lambda + cv^2 sum lambda^2.
    let var: f64 = mean + cv * cv * lambdas.iter().map(|l| l * l).sum::<f64>();
    let n = 20_000;
    let mut d = DrawDemand::default();
    let (mut sum, mut sum2) = (0.0, 0.0);
    for i in 0..n {
        sample_demand(&plan, &s.params, &mut draw_rng(99, i), &mut d);
        sum += d.borough_i[b];
        sum2 += d.borough_i[b] * d.borough_i[b];
    }
    let m = sum / n as f64;
    let v = sum2 / n as f64 - m * m;
    assert!(
        (m - mean).abs() < 4.0 * (var / n as f64).sqrt(),
        "mean {m}, want {mean}"
    );
    assert!(
        (v / var - 1.0).abs() < 0.06,
        "variance {v}, want {var} (Poisson alone would be {mean})"
    );
    assert!(v > 1.5 * mean, "overdispersed, not Poisson");
}

#[test]
fn expected_demand_matches_the_london_totals() {
    let mut cache = DatasetCache::default();
    let s = london("schema_version = 1\n", &mut cache);
    let plan = Plan::new(&s);
    let weekly_i: f64 = plan.wards.iter().map(|w| w.i_rate).sum();
    assert!((weekly_i * 52.178_571 - 482_255.0).abs() < 1.0);
    let weekly_s: f64 = plan.wards.iter().map(|w| w.s_rate).sum();
    assert!((weekly_s * 52.178_571 - 692_778.0).abs() < 1.0);
    let mut hours: Vec<f64> = plan.wards.iter().map(|w| w.neighbourhood_hours).collect();
    hours.sort_by(f64::total_cmp);
    let median = hours[hours.len() / 2];
    // Calibrated so the median ward needs about 1.5 DWOs (1.5 x 28.4 h).
    assert!(
        (median / 28.4 - 1.5).abs() < 0.05,
        "median ward needs {median} h"
    );
}
