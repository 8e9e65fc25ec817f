//! A comparison's data files: comparison.json, comparison.csv, wards_diff.csv and
//! boroughs_diff.csv.

use crate::report::compare::AreaDifference;
use crate::report::compare::Comparison;
use crate::report::csv::estimate_cells;
use crate::report::csv::estimate_headers;
use crate::report::csv::finish;
use crate::report::csv::num;
use crate::report::csv::writer;
use crate::stats::Estimate;

/// comparison.json
pub fn comparison_json(c: &Comparison) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(c).expect("plain data");
    v.push(b'\n');
    v
}

/// comparison.csv: one row per metric.
pub fn comparison_csv(c: &Comparison) -> Vec<u8> {
    let mut w = writer();
    let mut header = vec!["metric".to_string(), "unit".to_string()];
    for s in &c.scenarios {
        header.extend(
            ["mean", "ci95_low", "ci95_high"]
                .iter()
                .map(|x| format!("{}_{x}", s.name)),
        );
    }
    for s in c.scenarios.iter().skip(1) {
        header.extend(
            [
                "diff_mean",
                "diff_ci95_low",
                "diff_ci95_high",
                "diff_se",
                "unpaired_se",
                "within_noise",
            ]
            .iter()
            .map(|x| format!("{}_{x}", s.name)),
        );
    }
    w.write_record(&header).expect("memory");
    for r in &c.rows {
        let mut row = vec![r.metric.to_string(), r.unit.to_string()];
        for v in &r.values {
            match v {
                Some(e) => row.extend([num(e.mean), num(e.ci95_low), num(e.ci95_high)]),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        for d in r.differences.iter().skip(1) {
            match d {
                Some(d) => row.extend([
                    num(d.mean),
                    num(d.ci95_low),
                    num(d.ci95_high),
                    num(d.standard_error),
                    num(d.unpaired_standard_error),
                    d.within_noise.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
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
