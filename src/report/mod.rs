//! Turning results into what people read: the `Summary` (one value holding every
//! estimate with its provenance), files behind the `Export` trait (JSON, CSV),
//! the stdout text, and the atomic writing of an output folder.
//!
//! This module only formats: it must not simulate, allocate or parse input.

mod atomic;
mod comparison;
mod csv_files;
mod figures;
mod html;
mod json;
mod optimisation;
mod pictures;
mod summary;
mod sweep;
mod text;

pub use atomic::{write_file, write_folder};
pub use comparison::{
    AreaDifference, Comparison, Difference, Row, RuleRow, area_files, compare, comparison_csv,
    comparison_json, render_comparison_text,
};
pub use csv_files::{AllocationCsv, BoroughsCsv, UnitsCsv, WardsCsv};
pub use figures::{Chart, I_ON_TIME_TARGET, about, compare_charts, run_charts, sweep_charts};
pub use html::{compare_report, run_report, sweep_report};
pub use json::SummaryJson;
pub use optimisation::{OptimisationSummary, in_words};
pub use pictures::{PNG_SCALE, compare_pictures, picture_files, run_pictures, sweep_pictures};
pub use summary::{BoroughRow, Calibration, Provenance, Summary, UnitRow, WardRow, summarise};
pub use sweep::{
    Crossing, SweepRow, SweepTable, render_sweep_text, sweep_csv, sweep_json, sweep_table,
};
pub use text::render_text;

/// One output file rendered from a summary.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, summary: &Summary) -> Vec<u8>;
}

/// Every file a run writes, in order.
pub fn exporters() -> Vec<Box<dyn Export>> {
    vec![
        Box::new(SummaryJson),
        Box::new(WardsCsv),
        Box::new(UnitsCsv),
        Box::new(BoroughsCsv),
        Box::new(AllocationCsv),
    ]
}

/// Renders every file of a summary.
pub fn render_files(summary: &Summary) -> Vec<(&'static str, Vec<u8>)> {
    exporters()
        .iter()
        .map(|e| (e.file_name(), e.render(summary)))
        .collect()
}
