//! The CSV tables of a run: wards, command units, boroughs and the allocation.
//! Column names use the same words as the JSON keys and TOML keys.

use super::{Export, Summary};
use crate::simulation::{BOROUGH_METRICS, UNIT_METRICS, WARD_METRICS};
use crate::stats::Estimate;

pub(super) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

pub(super) fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("writing to memory cannot fail")
}

pub(super) fn num(x: f64) -> String {
    format!("{x}")
}

pub(super) fn estimate_cells(e: &Option<Estimate>, quantiles: bool) -> Vec<String> {
    match e {
        Some(e) => {
            let mut v = vec![
                num(e.mean),
                num(e.standard_error),
                num(e.ci95_low),
                num(e.ci95_high),
            ];
            if quantiles {
                for q in [e.p10, e.p50, e.p90] {
                    v.push(q.map(num).unwrap_or_default());
                }
            }
            v
        }
        // Every draw overloaded: no finite value; see overload_share.
        None => vec![String::new(); if quantiles { 7 } else { 4 }],
    }
}

pub(super) fn estimate_headers(name: &str, quantiles: bool) -> Vec<String> {
    let mut v: Vec<String> = ["mean", "se", "ci95_low", "ci95_high"]
        .iter()
        .map(|s| format!("{name}_{s}"))
        .collect();
    if quantiles {
        v.extend(["p10", "p50", "p90"].iter().map(|s| format!("{name}_{s}")));
    }
    v
}

pub struct WardsCsv;
impl Export for WardsCsv {
    fn file_name(&self) -> &'static str {
        "wards.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut w = writer();
        let mut header: Vec<String> = [
            "ward_code",
            "ward_name",
            "borough_name",
            "command_unit",
            "population",
            "ward_officers",
            "pcsos",
            "expected_i_calls_per_week",
            "expected_s_calls_per_week",
            "neighbourhood_demand_hours",
            "travel_minutes",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for m in WARD_METRICS {
            header.extend(estimate_headers(m, false));
        }
        w.write_record(&header).expect("memory");
        for r in &s.wards {
            let mut row = vec![
                r.ward_code.clone(),
                r.ward_name.clone(),
                r.borough_name.clone(),
                r.command_unit.clone(),
                num(r.population),
                r.ward_officers.to_string(),
                r.pcsos.to_string(),
                num(r.expected_i_calls_per_week),
                num(r.expected_s_calls_per_week),
                num(r.neighbourhood_demand_hours),
                num(r.travel_minutes),
            ];
            for e in &r.metrics {
                row.extend(estimate_cells(e, false));
            }
            w.write_record(&row).expect("memory");
        }
        finish(w)
    }
}

pub struct UnitsCsv;
impl Export for UnitsCsv {
    fn file_name(&self) -> &'static str {
        "units.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut w = writer();
        let mut header: Vec<String> = [
            "command_unit",
            "boroughs",
            "bases",
            "population",
            "ward_officers",
            "pcsos",
            "response_officers",
            "other_officers",
            "overhead_officers",
            "officers_per_1000",
            "expected_response_hours",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for m in UNIT_METRICS {
            header.extend(estimate_headers(m, true));
        }
        w.write_record(&header).expect("memory");
        for u in &s.units {
            let mut row = vec![
                u.command_unit.clone(),
                u.boroughs.join(";"),
                u.bases.to_string(),
                num(u.population),
                u.ward_officers.to_string(),
                u.pcsos.to_string(),
                u.response_officers.to_string(),
                u.other_officers.to_string(),
                u.overhead_officers.to_string(),
                num(u.officers_per_1000),
                num(u.expected_response_hours),
            ];
            for m in UNIT_METRICS {
                row.extend(estimate_cells(&u.metrics[m], true));
            }
            w.write_record(&row).expect("memory");
        }
        finish(w)
    }
}

pub struct BoroughsCsv;
impl Export for BoroughsCsv {
    fn file_name(&self) -> &'static str {
        "boroughs.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut w = writer();
        let mut header: Vec<String> = [
            "borough_code",
            "borough_name",
            "command_unit",
            "population",
            "wards",
            "ward_officers",
            "pcsos",
            "response_officers",
            "other_officers",
            "overhead_officers",
            "officers",
            "officers_per_1000",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for m in BOROUGH_METRICS {
            header.extend(estimate_headers(m, false));
        }
        w.write_record(&header).expect("memory");
        for b in &s.boroughs {
            let mut row = vec![
                b.borough_code.clone(),
                b.borough_name.clone(),
                b.command_unit.clone(),
                num(b.population),
                b.wards.to_string(),
                b.ward_officers.to_string(),
                b.pcsos.to_string(),
                num(b.response_officers),
                num(b.other_officers),
                num(b.overhead_officers),
                num(b.officers),
                num(b.officers_per_1000),
            ];
            for m in BOROUGH_METRICS {
                row.extend(estimate_cells(&b.metrics[m], false));
            }
            w.write_record(&row).expect("memory");
        }
        finish(w)
    }
}

pub struct AllocationCsv;
impl Export for AllocationCsv {
    fn file_name(&self) -> &'static str {
        "allocation.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut w = writer();
        w.write_record([
            "level",
            "code",
            "name",
            "command_unit",
            "ward_officers",
            "pcsos",
            "response_officers",
            "other_officers",
            "overhead_officers",
        ])
        .expect("memory");
        for u in &s.units {
            w.write_record([
                "command_unit".to_string(),
                String::new(),
                u.command_unit.clone(),
                u.command_unit.clone(),
                u.ward_officers.to_string(),
                u.pcsos.to_string(),
                u.response_officers.to_string(),
                u.other_officers.to_string(),
                u.overhead_officers.to_string(),
            ])
            .expect("memory");
        }
        for r in &s.wards {
            w.write_record([
                "ward".to_string(),
                r.ward_code.clone(),
                r.ward_name.clone(),
                r.command_unit.clone(),
                r.ward_officers.to_string(),
                r.pcsos.to_string(),
                "0".into(),
                "0".into(),
                "0".into(),
            ])
            .expect("memory");
        }
        finish(w)
    }
}
