//! A sweep as people read it: its table (a row per point, and where a target is
//! crossed), its data files (`sweep.csv`, `sweep.json`, each point's
//! `summary.json`), its stdout text, its charts and its `report.html`.
//!
//! This module only formats: it must not simulate, allocate or parse input.

mod charts;
mod files;
mod html;
mod table;
mod text;

pub use charts::sweep_charts;
pub use files::{sweep_csv, sweep_json};
pub use html::sweep_report;
pub use table::{Crossing, SweepRow, SweepTable, sweep_table};
pub use text::render_sweep_text;

use super::run::{Summary, SummaryJson};
use super::{Export, File, Marker, Product, charts_note, picture_files};

/// Charts and report of a sweep.
pub fn sweep_pictures(t: &SweepTable, summaries: &[&Summary]) -> Result<Vec<File>, String> {
    let charts = sweep_charts(t);
    picture_files(&charts, sweep_report(t, summaries, &charts))
}

/// A sweep as a product: its table and every point's summary.
pub struct SweepReport<'a> {
    pub table: &'a SweepTable,
    pub summaries: Vec<&'a Summary>,
}

impl Product for SweepReport<'_> {
    fn data_files(&self) -> Result<Vec<File>, String> {
        let mut files: Vec<File> = vec![
            ("sweep.csv".into(), sweep_csv(self.table)),
            ("sweep.json".into(), sweep_json(self.table)),
        ];
        for s in &self.summaries {
            files.push((
                format!("points/{}/summary.json", s.provenance.scenario),
                SummaryJson.render(s),
            ));
        }
        Ok(files)
    }

    fn picture_files(&self) -> Result<Vec<File>, String> {
        sweep_pictures(self.table, &self.summaries)
    }

    fn text(&self) -> String {
        format!("{}\n", render_sweep_text(self.table))
    }

    fn wrote(&self, dir: &std::path::Path, pictures: bool) -> String {
        format!(
            "  wrote {}/ (sweep.csv, sweep.json, points/{})\n\n",
            dir.display(),
            charts_note(pictures)
        )
    }

    fn marker(&self) -> Marker {
        Marker::new(
            "sweep",
            self.summaries.iter().map(|s| {
                let p = &s.provenance;
                (p.scenario_file.as_str(), p.scenario_hash.as_str())
            }),
        )
    }
}
