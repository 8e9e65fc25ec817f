//! The CSV tables of a run: wards, command units, boroughs and the allocation.
//! Column names use the same words as the JSON keys and TOML keys. Each column
//! is declared once, its header beside the cell it writes (`Column`); metric
//! columns come from the metric catalogue's levels.

use super::summary::{BoroughRow, UnitRow, WardRow};
use super::{Export, Summary};
use crate::model::metric::{self, Level, Metric};
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

/// One column of a table of `R` rows: its header and how a row fills it.
struct Column<R> {
    header: &'static str,
    cell: fn(&R) -> String,
}

/// A table: plain columns, then each metric of a level as mean, SE, CI (and
/// quantiles where kept), read from the row by `estimate`.
struct Table<R: 'static> {
    columns: &'static [Column<R>],
    level: Level,
    quantiles: bool,
    estimate: fn(&R, usize, Metric) -> &Option<Estimate>,
}

impl<R> Table<R> {
    fn render(&self, rows: &[R]) -> Vec<u8> {
        let mut w = writer();
        let mut header: Vec<String> = self.columns.iter().map(|c| c.header.to_string()).collect();
        for m in self.level.metrics {
            header.extend(estimate_headers(m.key(), self.quantiles));
        }
        w.write_record(&header).expect("memory");
        for r in rows {
            let mut row: Vec<String> = self.columns.iter().map(|c| (c.cell)(r)).collect();
            for (i, &m) in self.level.metrics.iter().enumerate() {
                row.extend(estimate_cells((self.estimate)(r, i, m), self.quantiles));
            }
            w.write_record(&row).expect("memory");
        }
        finish(w)
    }
}

const WARDS: Table<WardRow> = Table {
    columns: &[
        Column {
            header: "ward_code",
            cell: |r| r.ward_code.clone(),
        },
        Column {
            header: "ward_name",
            cell: |r| r.ward_name.clone(),
        },
        Column {
            header: "borough_name",
            cell: |r| r.borough_name.clone(),
        },
        Column {
            header: "command_unit",
            cell: |r| r.command_unit.clone(),
        },
        Column {
            header: "population",
            cell: |r| num(r.population),
        },
        Column {
            header: "ward_officers",
            cell: |r| r.ward_officers.to_string(),
        },
        Column {
            header: "pcsos",
            cell: |r| r.pcsos.to_string(),
        },
        Column {
            header: "expected_i_calls_per_week",
            cell: |r| num(r.expected_i_calls_per_week),
        },
        Column {
            header: "expected_s_calls_per_week",
            cell: |r| num(r.expected_s_calls_per_week),
        },
        Column {
            header: "neighbourhood_demand_hours",
            cell: |r| num(r.neighbourhood_demand_hours),
        },
        Column {
            header: "travel_minutes",
            cell: |r| num(r.travel_minutes),
        },
    ],
    level: metric::WARD,
    quantiles: false,
    estimate: |r, i, _| &r.metrics[i],
};

const UNITS: Table<UnitRow> = Table {
    columns: &[
        Column {
            header: "command_unit",
            cell: |u| u.command_unit.clone(),
        },
        Column {
            header: "boroughs",
            cell: |u| u.boroughs.join(";"),
        },
        Column {
            header: "bases",
            cell: |u| u.bases.to_string(),
        },
        Column {
            header: "population",
            cell: |u| num(u.population),
        },
        Column {
            header: "ward_officers",
            cell: |u| u.ward_officers.to_string(),
        },
        Column {
            header: "pcsos",
            cell: |u| u.pcsos.to_string(),
        },
        Column {
            header: "response_officers",
            cell: |u| u.response_officers.to_string(),
        },
        Column {
            header: "other_officers",
            cell: |u| u.other_officers.to_string(),
        },
        Column {
            header: "overhead_officers",
            cell: |u| u.overhead_officers.to_string(),
        },
        Column {
            header: Metric::OfficersPer1000.key(),
            cell: |u| num(u.officers_per_1000),
        },
        Column {
            header: "expected_response_hours",
            cell: |u| num(u.expected_response_hours),
        },
    ],
    level: metric::UNIT,
    quantiles: true,
    estimate: |u, _, m| &u.metrics[&m],
};

const BOROUGHS: Table<BoroughRow> = Table {
    columns: &[
        Column {
            header: "borough_code",
            cell: |b| b.borough_code.clone(),
        },
        Column {
            header: "borough_name",
            cell: |b| b.borough_name.clone(),
        },
        Column {
            header: "command_unit",
            cell: |b| b.command_unit.clone(),
        },
        Column {
            header: "population",
            cell: |b| num(b.population),
        },
        Column {
            header: "wards",
            cell: |b| b.wards.to_string(),
        },
        Column {
            header: "ward_officers",
            cell: |b| b.ward_officers.to_string(),
        },
        Column {
            header: "pcsos",
            cell: |b| b.pcsos.to_string(),
        },
        Column {
            header: "response_officers",
            cell: |b| num(b.response_officers),
        },
        Column {
            header: "other_officers",
            cell: |b| num(b.other_officers),
        },
        Column {
            header: "overhead_officers",
            cell: |b| num(b.overhead_officers),
        },
        Column {
            header: "officers",
            cell: |b| num(b.officers),
        },
        Column {
            header: Metric::OfficersPer1000.key(),
            cell: |b| num(b.officers_per_1000),
        },
    ],
    level: metric::BOROUGH,
    quantiles: false,
    estimate: |b, _, m| &b.metrics[&m],
};

pub struct WardsCsv;
impl Export for WardsCsv {
    fn file_name(&self) -> &'static str {
        "wards.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        WARDS.render(&s.wards)
    }
}

pub struct UnitsCsv;
impl Export for UnitsCsv {
    fn file_name(&self) -> &'static str {
        "units.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        UNITS.render(&s.units)
    }
}

pub struct BoroughsCsv;
impl Export for BoroughsCsv {
    fn file_name(&self) -> &'static str {
        "boroughs.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        BOROUGHS.render(&s.boroughs)
    }
}

/// One row of `allocation.csv`: a command unit or a ward.
struct AllocationRow<'a> {
    level: &'static str,
    code: &'a str,
    name: &'a str,
    command_unit: &'a str,
    counts: [u32; 5],
}

/// The columns of `allocation.csv`.
fn allocation_columns<'a>() -> [Column<AllocationRow<'a>>; 9] {
    [
        Column {
            header: "level",
            cell: |r| r.level.to_string(),
        },
        Column {
            header: "code",
            cell: |r| r.code.to_string(),
        },
        Column {
            header: "name",
            cell: |r| r.name.to_string(),
        },
        Column {
            header: "command_unit",
            cell: |r| r.command_unit.to_string(),
        },
        Column {
            header: "ward_officers",
            cell: |r| r.counts[0].to_string(),
        },
        Column {
            header: "pcsos",
            cell: |r| r.counts[1].to_string(),
        },
        Column {
            header: "response_officers",
            cell: |r| r.counts[2].to_string(),
        },
        Column {
            header: "other_officers",
            cell: |r| r.counts[3].to_string(),
        },
        Column {
            header: "overhead_officers",
            cell: |r| r.counts[4].to_string(),
        },
    ]
}

pub struct AllocationCsv;
impl Export for AllocationCsv {
    fn file_name(&self) -> &'static str {
        "allocation.csv"
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        let units = s.units.iter().map(|u| AllocationRow {
            level: "command_unit",
            code: "",
            name: &u.command_unit,
            command_unit: &u.command_unit,
            counts: [
                u.ward_officers,
                u.pcsos,
                u.response_officers,
                u.other_officers,
                u.overhead_officers,
            ],
        });
        let wards = s.wards.iter().map(|r| AllocationRow {
            level: "ward",
            code: &r.ward_code,
            name: &r.ward_name,
            command_unit: &r.command_unit,
            counts: [r.ward_officers, r.pcsos, 0, 0, 0],
        });
        let columns = allocation_columns();
        let mut w = writer();
        w.write_record(columns.iter().map(|c| c.header))
            .expect("memory");
        for r in units.chain(wards) {
            w.write_record(columns.iter().map(|c| (c.cell)(&r)))
                .expect("memory");
        }
        finish(w)
    }
}
