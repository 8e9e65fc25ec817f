//! The picture files of an output folder: every chart as SVG and as PNG under
//! `charts/`, and `report.html`. PNGs are rasterised in parallel; the Monte Carlo
//! is finished before any of this runs.

use rayon::prelude::*;

use super::figures::Chart;
use crate::chart::rasterise;

/// A file of an output folder: its relative name and bytes.
type File = (String, Vec<u8>);

/// Pixels per SVG unit in the PNGs: twice the screen size, sharp in print.
pub const PNG_SCALE: f32 = 2.0;

/// `charts/<name>.svg`, `charts/<name>.png` for every chart, then `report.html`.
pub fn picture_files(charts: &[Chart], report: String) -> Result<Vec<(String, Vec<u8>)>, String> {
    let rendered: Vec<Result<[File; 2], String>> = charts
        .par_iter()
        .map(|c| {
            let svg = c.figure.to_svg();
            let png = rasterise(&svg, PNG_SCALE).map_err(|e| format!("chart {}: {e}", c.name))?;
            Ok([
                (format!("charts/{}.svg", c.name), svg.into_bytes()),
                (format!("charts/{}.png", c.name), png),
            ])
        })
        .collect();
    let mut files = Vec::with_capacity(2 * charts.len() + 1);
    for r in rendered {
        files.extend(r?);
    }
    files.push(("report.html".to_string(), report.into_bytes()));
    Ok(files)
}

/// Charts and report of one run.
pub fn run_pictures(
    s: &super::Summary,
    b: Option<&crate::model::Boundaries>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let charts = super::run_charts(s, b);
    picture_files(&charts, super::run_report(s, &charts))
}

/// Charts and report of a comparison (each scenario's own come from `run_pictures`).
pub fn compare_pictures(
    c: &super::Comparison,
    summaries: &[&super::Summary],
    b: Option<&crate::model::Boundaries>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let charts = super::compare_charts(c, summaries, b);
    picture_files(&charts, super::compare_report(c, summaries, &charts))
}

/// Charts and report of a sweep.
pub fn sweep_pictures(
    t: &super::SweepTable,
    summaries: &[&super::Summary],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let charts = super::sweep_charts(t);
    picture_files(&charts, super::sweep_report(t, summaries, &charts))
}
