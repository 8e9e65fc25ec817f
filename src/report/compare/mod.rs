//! A comparison as people read it: its value (paired differences against the
//! first scenario, per London, borough and ward), its data files, its stdout
//! table, its charts and its `report.html`, and a folder per scenario.
//!
//! This module only formats: it must not simulate, allocate or parse input.

mod charts;
mod comparison;
mod files;
mod headline;
mod html;
mod markdown;
mod text;

pub use charts::compare_charts;
pub use comparison::{AreaDifference, Comparison, Difference, Row, RuleRow, ScenarioRef, compare};
pub use files::{area_files, comparison_csv, comparison_json};
pub use html::compare_report;
pub use markdown::render_markdown;
pub use text::render_comparison_text;

use super::run::{RunReport, Summary};
use super::workbook::Sheet;
use super::{File, Marker, Product, charts_note, picture_files};

/// A comparison as a product: its value, and each scenario's run (the first's
/// outlines draw the change maps).
pub struct CompareReport<'a> {
    pub comparison: &'a Comparison,
    pub runs: Vec<RunReport<'a>>,
    /// Say it on stdout as Markdown rather than as a text table.
    pub markdown: bool,
}

impl CompareReport<'_> {
    fn summaries(&self) -> Vec<&Summary> {
        self.runs.iter().map(|r| r.summary).collect()
    }

    /// Each scenario's files under its own sub-folder.
    fn scenario_files(&self, pictures: bool) -> Result<Vec<File>, String> {
        let mut files = Vec::new();
        for r in &self.runs {
            let prefix = format!("{}/", r.summary.provenance.scenario);
            for (name, bytes) in r.files(pictures)? {
                files.push((format!("{prefix}{name}"), bytes));
            }
        }
        Ok(files)
    }
}

impl Product for CompareReport<'_> {
    fn data_files(&self) -> Result<Vec<File>, String> {
        let c = self.comparison;
        let mut files: Vec<File> = vec![
            ("comparison.csv".into(), comparison_csv(c)),
            ("comparison.json".into(), comparison_json(c)),
            ("comparison.md".into(), render_markdown(c).into_bytes()),
        ];
        files.extend(area_files(c).into_iter().map(|(n, b)| (n.to_string(), b)));
        let table = |name: &str| super::workbook::table(&files, name);
        let book = super::workbook::workbook(&[
            Sheet {
                name: "differences",
                csv: table("comparison.csv"),
            },
            Sheet {
                name: "wards",
                csv: table("wards_diff.csv"),
            },
            Sheet {
                name: "boroughs",
                csv: table("boroughs_diff.csv"),
            },
        ])?;
        files.push(("results.xlsx".into(), book));
        if let Some(b) = self.runs.first().and_then(|r| r.outlines) {
            files.extend(super::geojson::compare_files(c, b));
        }
        Ok(files)
    }

    fn picture_files(&self) -> Result<Vec<File>, String> {
        let summaries = self.summaries();
        let outlines = self.runs.first().and_then(|r| r.outlines);
        let charts = compare_charts(self.comparison, &summaries, outlines);
        picture_files(
            &charts,
            compare_report(self.comparison, &summaries, &charts),
        )
    }

    fn files(&self, pictures: bool) -> Result<Vec<File>, String> {
        let mut files = self.data_files()?;
        if pictures {
            files.extend(self.picture_files()?);
        }
        files.extend(self.scenario_files(pictures)?);
        Ok(files)
    }

    fn text(&self) -> String {
        if self.markdown {
            format!("{}\n", render_markdown(self.comparison))
        } else {
            format!("{}\n", render_comparison_text(self.comparison))
        }
    }

    fn wrote(&self, dir: &std::path::Path, pictures: bool) -> String {
        format!(
            "  wrote {}/ (comparison.csv, comparison.json, comparison.md, wards_diff.csv, boroughs_diff.csv, results.xlsx, wards.geojson, boroughs.geojson{}, and a folder per scenario)\n",
            dir.display(),
            charts_note(pictures)
        )
    }

    fn marker(&self) -> Marker {
        Marker::new(
            "compare",
            self.runs.iter().map(|r| {
                let p = &r.summary.provenance;
                (p.scenario_file.as_str(), p.scenario_hash.as_str())
            }),
        )
    }
}
