//! Turning results into what people read, cut by product: a run (`run`), a
//! comparison (`compare`) and a sweep (`sweep`), each with its value, its data
//! files, its stdout text, its charts and its `report.html`, behind one small
//! trait (`Product`). What they share is in one place each: the page shell
//! (`page`), chart words and colours (`figure`), CSV plumbing (`csv`), picture
//! files (`pictures`), the optimiser's words (`optimisation`) and the atomic
//! writing of an output folder (`atomic`).
//!
//! This module only formats: it must not simulate, allocate or parse input.

mod atomic;
pub mod compare;
mod csv;
mod figure;
mod geojson;
mod marker;
mod optimisation;
mod page;
mod pictures;
pub mod run;
pub mod sweep;
pub mod validation;
mod workbook;

pub use atomic::{hold_writes, recover_leftovers, write_file, write_folder};
pub use compare::{
    AreaDifference, CompareReport, Comparison, Difference, Row, RuleRow, compare,
    render_comparison_text,
};
pub use figure::{Chart, I_ON_TIME_TARGET, about};
pub use marker::{MARKER, Marker, may_replace};
pub use optimisation::{OptimisationSummary, in_words};
pub use pictures::{PNG_SCALE, picture_files};
pub use run::{
    AllocationCsv, BOROUGHS_CSV, BoroughRow, Calibration, Provenance, RunReport, Summary,
    SummaryJson, SummaryTable, UNITS_CSV, UnitRow, WARDS_CSV, WardRow, render_files, render_text,
    run_charts, run_pictures, summarise,
};
pub use sweep::{Crossing, SweepReport, SweepRow, SweepTable, render_sweep_text, sweep_table};

/// A file of an output folder: its path inside the folder and its bytes.
pub type File = (String, Vec<u8>);

/// One output file rendered from a run's summary.
pub trait Export {
    /// The file's name in the output folder.
    fn file_name(&self) -> &'static str;
    /// The file's bytes.
    fn render(&self, summary: &Summary) -> Vec<u8>;
}

/// What a product (a run, a comparison or a sweep) writes into its folder and
/// prints: the one seam between results and the files and words made of them.
pub trait Product {
    /// Its data files (numbers only), in order.
    fn data_files(&self) -> Result<Vec<File>, String>;
    /// Its charts (SVG and PNG) and `report.html`. Call inside a rayon pool:
    /// PNGs are rendered in parallel.
    fn picture_files(&self) -> Result<Vec<File>, String>;
    /// Its summary for stdout.
    fn text(&self) -> String;
    /// The line said after writing it to `dir`, naming what was written.
    fn wrote(&self, dir: &std::path::Path, pictures: bool) -> String;
    /// What wrote its folder: the marker that lets a later run replace it.
    fn marker(&self) -> Marker;

    /// Every file of its folder: data, then pictures unless they are off.
    fn files(&self, pictures: bool) -> Result<Vec<File>, String> {
        let mut files = self.data_files()?;
        if pictures {
            files.extend(self.picture_files()?);
        }
        Ok(files)
    }
}

/// The words for charts in a "wrote" line.
pub(in crate::report) fn charts_note(pictures: bool) -> &'static str {
    if pictures {
        ", report.html, charts/"
    } else {
        ""
    }
}
