//! A comparison's data files: comparison.json, comparison.csv, wards_diff.csv and
//! boroughs_diff.csv.

use crate::report::compare::{AreaDifference, Comparison, Difference};
use crate::report::csv::{estimate_cells, estimate_headers, finish, num, writer};
use crate::stats::Estimate;

/// comparison.json
pub fn comparison_json(c: &Comparison) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(c).expect("plain data");
    v.push(b'\n');
    v
}

/// A column of `R`: its header suffix and its cell, declared together.
type Column<R> = (&'static str, fn(&R) -> String);

/// A scenario's value columns.
const VALUE_COLUMNS: [Column<Estimate>; 3] = [
    ("mean", |e| num(e.mean)),
    ("ci95_low", |e| num(e.ci95_low)),
    ("ci95_high", |e| num(e.ci95_high)),
];

/// A paired difference's columns.
const DIFFERENCE_COLUMNS: [Column<Difference>; 6] = [
    ("diff_mean", |d| num(d.mean)),
    ("diff_ci95_low", |d| num(d.ci95_low)),
    ("diff_ci95_high", |d| num(d.ci95_high)),
    ("diff_se", |d| num(d.standard_error)),
    ("unpaired_se", |d| num(d.unpaired_standard_error)),
    ("within_noise", |d| d.within_noise.to_string()),
];

/// comparison.csv: one row per metric; each scenario's value, then each later
/// scenario's paired difference from the first.
pub fn comparison_csv(c: &Comparison) -> Vec<u8> {
    let mut w = writer();
    let mut header = vec!["metric".to_string(), "unit".to_string()];
    for s in &c.scenarios {
        header.extend(VALUE_COLUMNS.iter().map(|(x, _)| format!("{}_{x}", s.name)));
    }
    for s in c.scenarios.iter().skip(1) {
        header.extend(
            DIFFERENCE_COLUMNS
                .iter()
                .map(|(x, _)| format!("{}_{x}", s.name)),
        );
    }
    w.write_record(&header).expect("memory");
    for r in &c.rows {
        let mut row = vec![r.metric.to_string(), r.unit.to_string()];
        for v in &r.values {
            row.extend(
                VALUE_COLUMNS
                    .iter()
                    .map(|(_, cell)| v.as_ref().map(cell).unwrap_or_default()),
            );
        }
        for d in r.differences.iter().skip(1) {
            row.extend(
                DIFFERENCE_COLUMNS
                    .iter()
                    .map(|(_, cell)| d.as_ref().map(cell).unwrap_or_default()),
            );
        }
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

fn area_csv(rows: &[AreaDifference], code: &str) -> Vec<u8> {
    let mut w = writer();
    let mut header: Vec<String> = [code, "name", "borough_name", "scenario", "metric"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(estimate_headers("diff", false));
    header.push("within_noise".into());
    w.write_record(&header).expect("memory");
    for a in rows {
        let d = &a.difference;
        let e = Estimate {
            mean: d.mean,
            standard_error: d.standard_error,
            ci95_low: d.ci95_low,
            ci95_high: d.ci95_high,
            p10: None,
            p50: None,
            p90: None,
            draws: 0,
        };
        let mut row = vec![
            a.code.clone(),
            a.name.clone(),
            a.borough_name.clone(),
            a.scenario.clone(),
            a.metric.to_string(),
        ];
        row.extend(estimate_cells(&Some(e), false));
        row.push(d.within_noise.to_string());
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

/// wards_diff.csv and boroughs_diff.csv: one row per area, scenario and metric.
pub fn area_files(c: &Comparison) -> [(&'static str, Vec<u8>); 2] {
    [
        ("wards_diff.csv", area_csv(&c.wards, "ward_code")),
        ("boroughs_diff.csv", area_csv(&c.boroughs, "borough_code")),
    ]
}
