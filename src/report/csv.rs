//! CSV plumbing every product uses: an in-memory writer, numbers as written,
//! an estimate's cells and headers, and `Table`: columns declared once, each
//! header beside the cell it writes, then one metric level's estimates.

use crate::model::Metric;
use crate::model::metric::Level;
use crate::stats::Estimate;

pub(in crate::report) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

pub(in crate::report) fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("writing to memory cannot fail")
}

pub(in crate::report) fn num(x: f64) -> String {
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
pub(in crate::report) struct Column<R> {
    pub header: &'static str,
    pub cell: fn(&R) -> String,
}

/// A table: plain columns, then each metric of a level as mean, SE, CI (and
/// quantiles where kept), read from the row by `estimate`.
pub(in crate::report) struct Table<R: 'static> {
    pub columns: &'static [Column<R>],
    pub level: Level,
    pub quantiles: bool,
    pub estimate: fn(&R, usize, Metric) -> &Option<Estimate>,
}

impl<R> Table<R> {
    pub fn render(&self, rows: &[R]) -> Vec<u8> {
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
