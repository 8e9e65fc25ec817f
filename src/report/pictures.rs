//! The picture files of an output folder: every chart as SVG and as PNG under
//! `charts/`, and `report.html`. PNGs are rasterised in parallel; the Monte Carlo
//! is finished before any of this runs.

use rayon::prelude::*;

use crate::chart::rasterise;
use crate::report::figure::Chart;

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
