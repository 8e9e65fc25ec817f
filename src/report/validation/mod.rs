//! What `wardsim validate` writes and prints: every backtest check with the
//! published figure, the model's (with its 95% CI), the error, the band and the
//! verdict, as `validation.csv`, `validation.json`, a stdout table and a
//! `report.html` with a chart per backtest (`html`).
//!
//! This module only formats; `validation` runs the backtests and judges them.

mod html;
mod text;

use serde::Serialize;

use crate::chart::Measure;
use crate::model::Metric;
use crate::report::csv::{finish, num, writer};
use crate::report::{Marker, Product, charts_note};

/// One check as written: the published and model figures in the metric's own
/// units (shares as fractions), the band and the verdict in words.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationRow {
    pub backtest: String,
    pub check: String,
    pub area: String,
    pub metric: &'static str,
    pub scenario: String,
    /// For a change: the scenario it is paired with on the same weeks.
    pub baseline: Option<String>,
    pub published: Option<f64>,
    /// The mean over simulated weeks, or the mean paired difference.
    pub model: Option<f64>,
    pub ci95_low: Option<f64>,
    pub ci95_high: Option<f64>,
    /// Model − published.
    pub error: Option<f64>,
    pub band: String,
    pub verdict: &'static str,
    pub passed: bool,
    pub source: String,
}

/// How a figure is written, from its key: a catalogue metric's unit, or
/// officers (a count) and officers per 1,000 residents.
pub fn measure_of(key: &str) -> Measure {
    match key {
        "officers" => Measure::Count,
        "officers_per_1000" => Measure::Per1000,
        _ => Metric::from_key(key).map_or(Measure::Count, |m| Measure::from(m.unit())),
    }
}

/// A scenario a backtest ran: its file, hash and what it describes.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestScenario {
    pub file: String,
    pub description: String,
    pub scenario_hash: String,
    pub dataset_hash: String,
    pub seed: u64,
    pub draws: u64,
}

/// Everything `validation.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    pub tool: &'static str,
    pub version: &'static str,
    /// Where the backtests came from.
    pub backtests: String,
    pub model_version: u32,
    pub checks: usize,
    pub passed: usize,
    pub rows: Vec<ValidationRow>,
    pub scenarios: Vec<BacktestScenario>,
    pub note: &'static str,
}

/// What the intervals cover and what a verdict means, said with every table.
pub const NOTE: &str = "Levels are means over simulated weeks; changes are paired differences on the same weeks. The 95% CIs cover simulation noise only, not the model's assumptions. A check passes when it fits its band (levels, signed changes) or its property holds (face validity). Hold-outs are reported as they come out: no default was fitted to them.";

impl ValidationReport {
    /// What a backtest's rows ran: the descriptions of their scenarios (each
    /// once, in order), baselines left out.
    pub fn about(&self, rows: &[&ValidationRow]) -> String {
        let mut files: Vec<&str> = Vec::new();
        for r in rows {
            if !files.contains(&r.scenario.as_str()) {
                files.push(&r.scenario);
            }
        }
        files
            .iter()
            .filter_map(|f| self.scenarios.iter().find(|s| s.file == *f))
            .map(|s| s.description.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The backtests in the order the table first names them.
    pub fn backtest_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !names.contains(&r.backtest.as_str()) {
                names.push(&r.backtest);
            }
        }
        names
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// `validation.csv`: one row per check.
fn csv_file(rows: &[ValidationRow]) -> Vec<u8> {
    let mut w = writer();
    let _ = w.write_record([
        "backtest",
        "check",
        "area",
        "metric",
        "scenario",
        "baseline",
        "published",
        "model",
        "model_ci95_low",
        "model_ci95_high",
        "error",
        "band",
        "verdict",
        "passed",
        "source",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.backtest.clone(),
            r.check.clone(),
            r.area.clone(),
            r.metric.to_string(),
            r.scenario.clone(),
            r.baseline.clone().unwrap_or_default(),
            opt(r.published),
            opt(r.model),
            opt(r.ci95_low),
            opt(r.ci95_high),
            opt(r.error),
            r.band.clone(),
            r.verdict.to_string(),
            r.passed.to_string(),
            r.source.clone(),
        ]);
    }
    finish(w)
}

impl Product for ValidationReport {
    fn data_files(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        Ok(vec![
            ("validation.csv".into(), csv_file(&self.rows)),
            ("validation.json".into(), json),
        ])
    }

    fn picture_files(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        let charts = html::charts(self);
        let page = html::report(self, &charts);
        crate::report::picture_files(&charts, page)
    }

    fn text(&self) -> String {
        text::render(self)
    }

    fn wrote(&self, dir: &std::path::Path, pictures: bool) -> String {
        format!(
            "\n  wrote {}/ (validation.csv, validation.json{})\n",
            dir.display(),
            charts_note(pictures)
        )
    }

    fn marker(&self) -> Marker {
        Marker::new(
            "validate",
            self.scenarios
                .iter()
                .map(|s| (s.file.as_str(), s.scenario_hash.as_str())),
        )
    }
}
