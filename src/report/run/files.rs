//! The data files of a run: `summary.json`, and the CSV tables of wards, command
//! units, boroughs and the allocation. Column names use the same words as the JSON
//! and TOML keys; metric columns come from the catalogue's levels.

use crate::model::{Metric, metric};
use crate::report::Export;
use crate::report::csv::{Column, Table, finish, num, writer};
use crate::report::run::{BoroughRow, Summary, UnitRow, WardRow};

/// `summary.json`: every estimate with its provenance.
pub struct SummaryJson;

impl Export for SummaryJson {
    fn file_name(&self) -> &'static str {
        "summary.json"
    }

    fn render(&self, summary: &Summary) -> Vec<u8> {
        let mut out =
            serde_json::to_vec_pretty(summary).expect("summary holds only finite plain data");
        out.push(b'\n');
        out
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

/// A CSV table of a summary's rows: its file name, its columns and where the
/// rows are.
pub struct SummaryTable<R: 'static> {
    file: &'static str,
    table: Table<R>,
    rows: fn(&Summary) -> &[R],
}

impl<R> Export for SummaryTable<R> {
    fn file_name(&self) -> &'static str {
        self.file
    }
    fn render(&self, s: &Summary) -> Vec<u8> {
        self.table.render((self.rows)(s))
    }
}

/// `wards.csv`: per ward, officers, expectations and estimates.
pub const WARDS_CSV: SummaryTable<WardRow> = SummaryTable {
    file: "wards.csv",
    table: WARDS,
    rows: |s| &s.wards,
};

/// `units.csv`: per command unit, officers, workload and estimates with quantiles.
pub const UNITS_CSV: SummaryTable<UnitRow> = SummaryTable {
    file: "units.csv",
    table: UNITS,
    rows: |s| &s.units,
};

/// `boroughs.csv`: per borough, officers and their shares, and estimates.
pub const BOROUGHS_CSV: SummaryTable<BoroughRow> = SummaryTable {
    file: "boroughs.csv",
    table: BOROUGHS,
    rows: |s| &s.boroughs,
};

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

/// `allocation.csv`: officers by role per command unit and per ward.
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
