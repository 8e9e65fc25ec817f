//! A run of one scenario as people read it: its `Summary` (every estimate with
//! its provenance), its data files (`summary.json` and the CSV tables), its
//! stdout text, its charts and its `report.html`.
//!
//! This module only formats: it must not simulate, allocate or parse input.

mod charts;
mod files;
mod html;
mod omissions;
mod summary;
mod text;

pub use charts::run_charts;
pub use files::{AllocationCsv, BOROUGHS_CSV, SummaryJson, SummaryTable, UNITS_CSV, WARDS_CSV};
pub use html::run_report;
pub use summary::{
    BoroughRow, Calibration, Provenance, Summary, Totals, UnitRow, WardRow, summarise,
};
pub use text::render_text;

use super::workbook::Sheet;
use super::{Export, File, Marker, Product, charts_note, picture_files};
use crate::model::Boundaries;

/// Every file a run writes, in order.
pub fn exporters() -> Vec<Box<dyn Export>> {
    vec![
        Box::new(SummaryJson),
        Box::new(WARDS_CSV),
        Box::new(UNITS_CSV),
        Box::new(BOROUGHS_CSV),
        Box::new(AllocationCsv),
    ]
}

/// Renders every data file of a summary.
pub fn render_files(summary: &Summary) -> Vec<(&'static str, Vec<u8>)> {
    exporters()
        .iter()
        .map(|e| (e.file_name(), e.render(summary)))
        .collect()
}

/// Charts and report of one run.
pub fn run_pictures(s: &Summary, b: Option<&Boundaries>) -> Result<Vec<File>, String> {
    let charts = run_charts(s, b);
    picture_files(&charts, run_report(s, &charts))
}

/// A run as a product: its summary, and the outlines its maps are drawn on.
pub struct RunReport<'a> {
    pub summary: &'a Summary,
    pub outlines: Option<&'a Boundaries>,
}

impl Product for RunReport<'_> {
    fn data_files(&self) -> Result<Vec<File>, String> {
        let mut files: Vec<File> = render_files(self.summary)
            .into_iter()
            .map(|(n, b)| (n.to_string(), b))
            .collect();
        let london = super::workbook::london_csv(self.summary);
        let table = |name: &str| super::workbook::table(&files, name);
        let book = super::workbook::workbook(&[
            Sheet {
                name: "summary",
                csv: &london,
            },
            Sheet {
                name: "wards",
                csv: table("wards.csv"),
            },
            Sheet {
                name: "boroughs",
                csv: table("boroughs.csv"),
            },
            Sheet {
                name: "units",
                csv: table("units.csv"),
            },
            Sheet {
                name: "allocation",
                csv: table("allocation.csv"),
            },
        ])?;
        files.push(("results.xlsx".into(), book));
        if let Some(b) = self.outlines {
            files.extend(super::geojson::run_files(self.summary, b));
        }
        Ok(files)
    }

    fn picture_files(&self) -> Result<Vec<File>, String> {
        run_pictures(self.summary, self.outlines)
    }

    fn text(&self) -> String {
        format!("{}\n", render_text(self.summary))
    }

    fn wrote(&self, dir: &std::path::Path, pictures: bool) -> String {
        format!(
            "  wrote {}/ (summary.json, wards.csv, units.csv, boroughs.csv, allocation.csv, results.xlsx{}{})\n\n",
            dir.display(),
            if self.outlines.is_some() {
                ", wards.geojson, boroughs.geojson"
            } else {
                ""
            },
            charts_note(pictures)
        )
    }

    fn marker(&self) -> Marker {
        let p = &self.summary.provenance;
        Marker::new(
            "run",
            [(p.scenario_file.as_str(), p.scenario_hash.as_str())],
        )
    }
}
